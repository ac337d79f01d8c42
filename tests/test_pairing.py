"""``pair_documents`` and ``align pair``: one-to-one pairing with "no counterpart".

The seed reports are the hard case: 000 (Arabic) and 002 (English) report the
same meeting; 001, 003 and 004 are Arabic reports of other Iran–Turkey or
Iran–Russia meetings and must stay unpaired.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import seed_text

from align.cli import main as bulk_main
from align.collections.pairing import _assign, pair_documents
from align.errors import AlignInputError



# -- assignment (no encoder) -------------------------------------------------------
def test_assignment_is_one_to_one_and_maximises_the_total():
    # Greedy would take (0, 0) = 0.9 and leave 1 with 0.1; the optimum pairs 0-1 and 1-0.
    scores = {(0, 0): 0.9, (0, 1): 0.85, (1, 0): 0.8, (1, 1): 0.1}
    assert _assign(scores, threshold=0.5) == [(0, 1), (1, 0)]


def test_assignment_drops_pairs_below_threshold_and_non_candidates():
    scores = {(0, 0): 0.3, (1, 1): 0.7, (2, 1): 0.6}
    assert _assign(scores, threshold=0.45) == [(1, 1)]
    assert _assign({}, threshold=0.45) == []
    # A zero threshold never invents a pair that was not a candidate.
    assert _assign({(0, 0): 0.0, (1, 0): 0.2}, threshold=0.0) == [(1, 0)]


def test_bad_arguments_are_clear_errors():
    with pytest.raises(AlignInputError, match="single string"):
        pair_documents("one text", ["x"])
    with pytest.raises(ValueError, match="threshold"):
        pair_documents(["a"], ["b"], threshold=2.0)
    with pytest.raises(ValueError, match="scorer"):
        pair_documents(["a"], ["b"], scorer="cosine")


def test_empty_side_leaves_everything_unpaired():
    res = pair_documents({"x": "نص"}, {})
    assert [(p.a, p.b) for p in res.pairs] == [("x", None)]


# -- the real encoder on the seed reports ----------------------------------------------
@pytest.mark.slow
def test_seed_pair_found_and_same_topic_distractors_unpaired():
    arabic = {p: seed_text(p) for p in ("000", "001", "003", "004")}
    res = pair_documents(arabic, {"002": seed_text("002")}, src_lang="ar", tgt_lang="en")
    assert res.matched == {"000": "002"}
    by_a = {p.a: p for p in res.pairs}
    assert by_a["000"].score >= 0.6
    assert all(by_a[d].b is None and by_a[d].score < 0.3 for d in ("001", "003", "004"))
    frame = res.frame
    assert list(frame.columns) == ["a", "b", "score", "share_a", "share_b"]
    assert len(frame) == 4  # every Arabic document, no unpaired English one


@pytest.mark.slow
def test_unpaired_b_documents_are_listed_with_a_none():
    res = pair_documents([seed_text("001")], [seed_text("002")])  # lists: names are positions
    assert [(p.a, p.b) for p in res.pairs] == [(0, None), (None, 0)]


@pytest.mark.slow
def test_cli_pair_json(tmp_path, capsys):
    dir_a, dir_b = tmp_path / "ar", tmp_path / "en"
    dir_a.mkdir(), dir_b.mkdir()
    for prefix in ("000", "001", "003"):
        (dir_a / f"{prefix}.txt").write_text(seed_text(prefix), encoding="utf-8")
    (dir_b / "002.txt").write_text(seed_text("002"), encoding="utf-8")
    status = bulk_main(["pair", str(dir_a), str(dir_b), "--format", "json"])
    assert status == 0
    entries = json.loads(capsys.readouterr().out)
    assert [set(e) for e in entries] == [{"a", "b", "score"}] * 3
    pairs = {Path(e["a"]).name: e["b"] and Path(e["b"]).name for e in entries}
    assert pairs == {"000.txt": "002.txt", "001.txt": None, "003.txt": None}
    assert all(isinstance(e["score"], float) for e in entries)


def test_cli_pair_missing_directory_is_exit_2(tmp_path, capsys):
    assert bulk_main(["pair", str(tmp_path / "nope"), str(tmp_path)]) == 2
    assert "not a directory" in capsys.readouterr().err


@pytest.mark.slow
def test_the_statement_scorer_uses_the_configurations_cosine_floor():
    # The shares behind the score count sentence pairs at or above the
    # configuration's statement floor, as compare's own judgement does.
    from align.config import AlignConfig

    docs_a, docs_b = {"000": seed_text("000")}, {"002": seed_text("002")}
    usual = pair_documents(docs_a, docs_b, src_lang="ar", tgt_lang="en", threshold=0.0)
    strict = pair_documents(docs_a, docs_b, src_lang="ar", tgt_lang="en", threshold=0.0,
                            config=AlignConfig().replace(**{"linking.cosine_floor": 0.9}))
    assert usual.pairs[0].share_a > 0.5
    assert strict.pairs[0].share_a < usual.pairs[0].share_a
