"""Files as stored: offsets in the CLI's JSON index the text of a CRLF, BOM or UTF-16 file exactly.

A report saved on Windows, with a byte-order mark or in UTF-16 must give the
same segments, links and flags as its plain UTF-8 LF copy, each offset
shifted to its own file, so that ``raw[start:end] == text`` holds for every
segment and flag of the JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import seed_text

from align.cli import main
from align.errors import AlignInputError
from align.files import decode_text, read_text_file

AR = seed_text("000")
EN = seed_text("002")

# name -> (codec writing the bytes, codec reading them back with the BOM dropped, line end)
VARIANTS = {
    "crlf": ("utf-8", "utf-8", "\r\n"),
    "utf8-bom-crlf": ("utf-8-sig", "utf-8-sig", "\r\n"),
    "utf16-bom-crlf": ("utf-16", "utf-16", "\r\n"),
    "utf16be-bom-lf": ("utf-16-be", "utf-16", "\n"),
}


def _run_json(tmp_path: Path, name: str, data_a: bytes, data_b: bytes) -> dict:
    pa, pb, out = tmp_path / f"{name}_a.txt", tmp_path / f"{name}_b.txt", tmp_path / f"{name}.json"
    pa.write_bytes(data_a)
    pb.write_bytes(data_b)
    assert main(["compare", str(pa), str(pb), "--format", "json", "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _encode(text: str, codec: str, newline: str) -> bytes:
    data = text.replace("\n", newline)
    if codec == "utf-16-be":
        return b"\xfe\xff" + data.encode("utf-16-be")
    return data.encode(codec)


def _to_lf_offset(raw: str, k: int) -> int:
    return k - raw.count("\r\n", 0, k)


@pytest.fixture(scope="module")
def lf_result(tmp_path_factory) -> dict:
    return _run_json(tmp_path_factory.mktemp("lf"), "lf", AR.encode("utf-8"), EN.encode("utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_offsets_index_the_file_as_stored(variant, tmp_path, lf_result):
    write_codec, read_codec, newline = VARIANTS[variant]
    data = {"a": _encode(AR, write_codec, newline), "b": _encode(EN, write_codec, newline)}
    raw = {side: data[side].decode(read_codec) for side in data}  # bytes.decode keeps \r\n
    if newline == "\r\n":
        assert "\r\n" in raw["a"] and not raw["a"].startswith("\ufeff")
    result = _run_json(tmp_path, variant, data["a"], data["b"])

    for side in ("a", "b"):
        segments = result[side]["segments"]
        assert segments
        for seg in segments:
            assert raw[side][seg["start"]:seg["end"]] == seg["text"]
    assert result["flags"]
    for flag in result["flags"]:
        assert raw[flag["side"]][flag["start"]:flag["end"]] == flag["text"]

    # Same segments, links and flags as the LF copy, each at its own file's offsets.
    for side in ("a", "b"):
        ours, theirs = result[side]["segments"], lf_result[side]["segments"]
        assert [(_to_lf_offset(raw[side], s["start"]), _to_lf_offset(raw[side], s["end"]),
                 s["text"].replace("\r\n", "\n")) for s in ours] == \
               [(s["start"], s["end"], s["text"]) for s in theirs]
    assert [(lk["a"], lk["b"]) for lk in result["links"]] == \
           [(lk["a"], lk["b"]) for lk in lf_result["links"]]
    assert [(f["side"], f["kind"], f["segment"], _to_lf_offset(raw[f["side"]], f["start"]),
             _to_lf_offset(raw[f["side"]], f["end"])) for f in result["flags"]] == \
           [(f["side"], f["kind"], f["segment"], f["start"], f["end"]) for f in lf_result["flags"]]


def test_read_text_file_keeps_crlf_and_drops_the_bom(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes(b"\xef\xbb\xbfFirst line.\r\nSecond line.\r\n")
    assert read_text_file(p) == "First line.\r\nSecond line.\r\n"
    p.write_bytes("سطر أول.\r\nسطر ثان.".encode("utf-16"))
    assert read_text_file(p) == "سطر أول.\r\nسطر ثان."
    p.write_bytes("x\r\ny".encode("utf-32"))
    assert read_text_file(p) == "x\r\ny"


@pytest.mark.parametrize("data, message", [
    ("no mark here".encode("utf-16-le"), "without a byte-order mark"),
    (b"\xff\xfeA\x00\x00\xd8", "not UTF-16 text"),
    (b"caf\xe9 au lait", "not UTF-8 text .*byte 3"),
])
def test_undecodable_files_say_what_and_where(data, message):
    with pytest.raises(AlignInputError, match=message):
        decode_text(data, "report.txt")
