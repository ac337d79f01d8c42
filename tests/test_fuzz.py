"""Fuzzing in CI (bounded): random texts of every input class through the API and the CLI.

Each example must end in a result that loses no character and repeats
exactly, or in an :class:`AlignInputError`; nothing else. The longer run with
counts per class is ``benchmarks/fuzz.py``.
"""

from __future__ import annotations

import random
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import align
from align.errors import AlignInputError, AlignWarning
from benchmarks.fuzz import (
    FILE_ENCODINGS, check_cli_result, lost_characters, run_cli, stored_text,
)
from benchmarks.fuzz_inputs import CLASSES, make_pair  # noqa: E402

pairs = st.builds(lambda kind, seed: (kind, make_pair(kind, random.Random(seed))),
                  st.sampled_from(sorted(CLASSES)), st.integers(0, 2**32 - 1))
BOUNDED = settings(max_examples=30, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow])


def _outcome(call):
    try:
        return call()
    except AlignInputError as exc:
        message = str(exc)
        assert message and "\n" not in message
        return ("input-error", message)


@BOUNDED
@given(pairs)
def test_compare_and_check_end_in_a_result_or_an_input_error(example):
    kind, (text_a, text_b) = example
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignWarning)
        first = _outcome(lambda: align.compare(text_a, text_b))
        second = _outcome(lambda: align.compare(text_a, text_b))
        report = _outcome(lambda: align.check(text_a, text_b))
    if isinstance(first, tuple):
        assert first == second and isinstance(report, tuple), kind
        return
    assert first.to_json() == second.to_json(), f"{kind}: two runs differ"
    assert lost_characters(first, "a") == 0 and lost_characters(first, "b") == 0, kind
    assert not isinstance(report, tuple), kind


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pairs, st.sampled_from(sorted(FILE_ENCODINGS)), st.sampled_from(["json", "junit"]))
def test_cli_keeps_its_contract_on_any_file(tmp_path, example, encoding, fmt):
    """Exit 0/1/2, one line on stderr for 2, parseable output whose offsets index the file."""
    kind, pair = example
    blobs = [FILE_ENCODINGS[encoding](t) for t in pair]
    paths = [tmp_path / f"{side}.txt" for side in "ab"]
    for path, blob in zip(paths, blobs):
        path.write_bytes(blob)
    raws = tuple(stored_text(b) for b in blobs)
    argv = (["compare", *map(str, paths), "--format", "json"] if fmt == "json"
            else ["check", *map(str, paths), "--format", "junit"])
    result = run_cli(argv)
    verdict = check_cli_result(*result, fmt, raws if None not in raws else None)
    assert verdict in ("ok", "input-error"), f"{kind} as {encoding}: {verdict}: {result[2]!r}"
    assert run_cli(argv) == result


def test_compare_frame_records_a_bad_row_and_goes_on():
    pd = pytest.importorskip("pandas")
    good = make_pair("plain", random.Random(1))
    bad = make_pair("surrogate", random.Random(2))
    nul = make_pair("nul", random.Random(3))
    df = pd.DataFrame({"id": ["good", "bad", "nul", "good2"],
                       "a": [good[0], bad[0], nul[0], good[0]],
                       "b": [good[1], bad[1], nul[1], good[1]]}, dtype=object)
    res = align.compare_frame(df, errors="record")
    summary = res.summary.set_index("id")
    assert list(summary.index) == ["good", "bad", "nul", "good2"]
    assert summary.loc["bad", "error"].count("lone surrogate") == 1
    assert "binary" in summary.loc["nul", "error"]
    assert pd.isna(summary.loc["good", "error"]) and pd.isna(summary.loc["good2", "error"])
    assert summary.loc["good2", "n_links"] >= 1
