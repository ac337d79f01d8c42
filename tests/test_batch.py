"""``compare_frame``: many pairs from a pandas DataFrame, links and flags keyed by id,
the on-disk embedding cache, and ``align compare --manifest ... -o out/``."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import RecordingEncoder

import align
from align.cli import main
from align.collections.batch import compare_frame
from align.encoders import get_encoder
from align.errors import AlignInputError

AR = ("التقى الرئيس وزير الخارجية في العاصمة يوم الاثنين. "
      "وبحث الجانبان التعاون الاقتصادي بين البلدين. "
      "وأعلنت وزارة الصحة افتتاح مستشفى جديد في الشمال.")
EN = ("The president met the foreign minister in the capital on Monday. "
      "The two sides discussed economic cooperation between the countries.")
AR2 = "هطلت أمطار غزيرة على المدينة أمس. وأغلقت المدارس أبوابها."
EN2 = "Heavy rain fell on the city yesterday. Schools closed their doors."


@pytest.fixture()
def frame():
    return pd.DataFrame({"pair": ["p1", "p2"], "ar": [AR, AR2], "en": [EN, EN2]})


def test_links_and_flags_keyed_by_id(frame):
    res = compare_frame(frame, id_col="pair", a_col="ar", b_col="en", src_lang="ar", tgt_lang="en")
    assert list(res.links.columns[:2]) == ["id", "link"]
    assert set(res.links["id"]) == {"p1", "p2"}
    # The hospital sentence is in the Arabic of p1 only.
    p1_flags = res.flags[res.flags["id"] == "p1"]
    assert (p1_flags["side"] == "a").any()
    assert "مستشفى" in " ".join(p1_flags["text"])
    summary = res.summary.set_index("id")
    for pid in ("p1", "p2"):
        assert summary.loc[pid, "n_flags"] == (res.flags["id"] == pid).sum()
        assert summary.loc[pid, "n_links"] == (res.links["id"] == pid).sum()
    assert summary.loc["p1", "matched_share_a"] < summary.loc["p1", "matched_share_b"]
    assert res.summary["error"].isna().all()
    # The batch frames carry what one comparison's frames carry, evidence included.
    single = align.compare(AR, EN, src_lang="ar", tgt_lang="en").flags
    batch = p1_flags.drop(columns="id").reset_index(drop=True)
    assert list(batch.columns) == list(single.columns)
    assert batch["counterpart"].tolist() == single["counterpart"].tolist()


def test_bad_frames_are_clear_errors(frame):
    with pytest.raises(AlignInputError, match="lacks column"):
        compare_frame(frame, a_col="arabic", b_col="en", id_col="pair")
    dup = pd.DataFrame({"id": ["x", "x"], "a": [AR, AR2], "b": [EN, EN2]})
    with pytest.raises(AlignInputError, match="duplicate id"):
        compare_frame(dup)
    with pytest.raises(AlignInputError, match="pandas DataFrame"):
        compare_frame([AR, EN])


def test_errors_record_keeps_going():
    df = pd.DataFrame({"id": [1, 2], "a": [AR2, "   "], "b": [EN2, EN2]})
    with pytest.raises(AlignInputError, match="pair 2"):
        compare_frame(df)
    res = compare_frame(df, errors="record")
    summary = res.summary.set_index("id")
    assert pd.isna(summary.loc[1, "error"]) and "empty" in summary.loc[2, "error"]
    assert set(res.links["id"]) == {1}


def test_disk_cache_makes_reruns_skip_the_encoder(frame, tmp_path):
    first = RecordingEncoder(get_encoder(), keep_calibration=True)
    res1 = compare_frame(frame, id_col="pair", a_col="ar", b_col="en", encoder=first, cache_dir=tmp_path)
    assert first.seen
    assert not any(p.suffix == ".pkl" for p in tmp_path.rglob("*"))
    # a new process would start like this: empty memory cache
    second = RecordingEncoder(get_encoder(), keep_calibration=True)
    res2 = compare_frame(frame, id_col="pair", a_col="ar", b_col="en", encoder=second, cache_dir=tmp_path)
    assert not second.seen
    pd.testing.assert_frame_equal(res1.links, res2.links)
    pd.testing.assert_frame_equal(res1.flags, res2.flags)
    # The cache changes nothing but the speed.
    plain = compare_frame(frame, id_col="pair", a_col="ar", b_col="en")
    pd.testing.assert_frame_equal(plain.links, res1.links)
    pd.testing.assert_frame_equal(plain.flags, res1.flags)


def test_compare_manifest_writes_one_json_per_pair(tmp_path):
    for name, text in (("a1.txt", AR), ("b1.txt", EN), ("a2.txt", AR2), ("b2.txt", EN2)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "pairs.csv").write_text("id,source,target\nmeeting,a1.txt,b1.txt\nrain,a2.txt,b2.txt\n",
                                        encoding="utf-8")
    out = tmp_path / "out"
    assert main(["compare", "--manifest", str(tmp_path / "pairs.csv"), "--format", "json",
                 "-o", str(out), "--src-lang", "ar", "--tgt-lang", "en", "--no-progress"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["meeting.json", "rain.json"]
    data = json.loads((out / "meeting.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["links"] and data["a"]["lang"] == "ar"


def test_compare_manifest_usage_errors(tmp_path, capsys):
    manifest = str(tmp_path / "missing.csv")
    assert main(["compare", "--manifest", manifest, "--format", "json",
                 "-o", str(tmp_path / "out")]) == 2
    assert "manifest not found" in capsys.readouterr().err
    assert main(["compare", "--manifest", manifest, "--format", "json"]) == 2
    assert "needs -o" in capsys.readouterr().err


def test_align_compare_manifest_through_the_cli(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(AR2, encoding="utf-8")
    (tmp_path / "b.txt").write_text(EN2, encoding="utf-8")
    (tmp_path / "pairs.csv").write_text("rain,a.txt,b.txt\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["compare", "--manifest", str(tmp_path / "pairs.csv"), "--format", "json",
                 "-o", str(out)]) == 0
    assert json.loads((out / "rain.json").read_text(encoding="utf-8"))["b"]["lang"] == "en"
    assert main(["compare", "--manifest", str(tmp_path / "pairs.csv"), str(tmp_path / "a.txt")]) == 2
    assert "not both" in capsys.readouterr().err
