"""Bad input gets a clear AlignInputError or AlignWarning, never a deep traceback."""

from __future__ import annotations

import random
import subprocess
import sys
import warnings

import pytest
from conftest import REPO, seed_text

import align
from align.errors import AlignInputError, AlignWarning

AR_TEXT = seed_text("000")
EN_TEXT = seed_text("002")
AR = "قال الرئيس إن الاجتماع كان مثمراً. وأضاف أن البلدين سيواصلان التعاون في مجال الطاقة."
EN = "The president said the meeting was fruitful. He added that both countries would keep cooperating on energy."


def uncovered(cmp, side: str) -> str:
    """Non-space characters of one side in no linked segment and no flag."""
    doc = cmp.document(side)
    covered = [False] * len(doc.text)
    linked = {i for link in cmp.link_list for i in (link.a if side == "a" else link.b)}
    for seg in doc.segments:
        if seg.id in linked:
            covered[seg.start:seg.end] = [True] * (seg.end - seg.start)
    for f in cmp.flag_list:
        if f.side == side:
            covered[f.start:f.end] = [True] * (f.end - f.start)
    return "".join(ch for k, ch in enumerate(doc.text) if not ch.isspace() and not covered[k])


def raises_clearly(match: str, *args, **kwargs) -> AlignInputError:
    with pytest.raises(AlignInputError, match=match) as info:
        align.compare(*args, **kwargs)
    message = str(info.value)
    assert "\n" not in message and "numpy" not in message.lower()
    return info.value


@pytest.mark.parametrize("a, b, role", [("", EN, "text_a"), (AR, "   \n\t ", "text_b"), ("\n\n", "", "text_a")])
def test_empty_or_blank_text(a, b, role):
    raises_clearly(f"{role} is empty", a, b)


def test_english_in_the_arabic_slot():
    raises_clearly("text_a was given as 'ar'.*swapped or mismatched", EN, EN, src_lang="ar", tgt_lang="en")


def test_arabic_in_the_english_slot():
    raises_clearly("text_b was given as 'en'", AR, AR, src_lang="ar", tgt_lang="en")


def test_bytes_are_refused_with_a_hint():
    raises_clearly("bytes; decode it", AR.encode("utf-8") + b"\x00\x01", EN)


def test_text_with_nul_bytes_is_binary():
    raises_clearly("text_b looks like binary", AR, "PK\x03\x04\x00\x00\x08 some zip entry.txt")


def test_random_bytes_decoded_with_replacement_are_binary():
    junk = random.Random(7).randbytes(4000).decode("utf-8", errors="replace")
    raises_clearly("looks like binary", junk, EN)


def test_no_letters_at_all():
    raises_clearly("no letters", "12345 67 — 89 !!!", EN)


def test_non_string_input():
    raises_clearly("must be a str", AR, 12345)


def test_bad_language_code():
    raises_clearly("ISO code", AR, EN, src_lang="Arabic!")


def test_html_markup_warns_but_still_works_and_loses_nothing():
    html = ("<html><body><h1>Meeting</h1><p>The president said the meeting was fruitful.</p>"
            "<p>He added that both countries would keep cooperating on energy.</p></body></html>")
    with pytest.warns(AlignWarning, match="HTML"):
        cmp = align.compare(AR, html)
    assert cmp.b.text == html
    assert uncovered(cmp, "a") == "" and uncovered(cmp, "b") == ""


@pytest.mark.slow
def test_ten_thousand_words_without_punctuation_warns_and_works():
    words = [w for w in AR_TEXT.split() if all(ch.isalpha() for ch in w)]
    rng = random.Random(3)
    text = " ".join(rng.choice(words) for _ in range(10_000))
    with pytest.warns(AlignWarning, match="punctuation"):
        cmp = align.compare(text, EN_TEXT[:1500])
    assert len(cmp.a.segments) > 20
    assert uncovered(cmp, "a") == "" and uncovered(cmp, "b") == ""


UNRELATED = ("The city council approved a new budget for public libraries on Monday. "
             "Opening hours will be extended on weekends from next spring. "
             "Several branches will also receive new computers and study rooms. "
             "Librarians welcomed the decision but asked for more staff. "
             "The mayor said reading programmes for children remain a priority.")


def test_mismatched_pair_works_and_loses_nothing():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignWarning)
        cmp = align.compare(AR_TEXT[:1500], UNRELATED)
    assert (cmp.a.lang, cmp.b.lang) == ("ar", "en")
    assert uncovered(cmp, "a") == "" and uncovered(cmp, "b") == ""


def test_mismatched_pair_flags_nearly_everything():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignWarning)
        cmp = align.compare(AR_TEXT[:1500], UNRELATED)
    assert len(cmp.link_list) <= 1
    flagged_b = {f.segment for f in cmp.flag_list if f.side == "b" and f.confidence >= 0.5}
    assert len(flagged_b) >= len(cmp.b.segments) - 1


# --- command line -------------------------------------------------------------

def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "align", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=120)


def assert_clean_failure(proc: subprocess.CompletedProcess, fragment: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert fragment in lines[0]
    assert proc.stdout == ""


def test_cli_missing_file(tmp_path):
    good = tmp_path / "en.txt"
    good.write_text(EN, encoding="utf-8")
    assert_clean_failure(run_cli("compare", str(tmp_path / "nope.txt"), str(good)), "not found")


def test_cli_binary_file(tmp_path):
    binary = tmp_path / "report.pdf"
    binary.write_bytes(b"%PDF-1.4\x00\x00\xff\xfe" + random.Random(1).randbytes(3000))
    good = tmp_path / "en.txt"
    good.write_text(EN, encoding="utf-8")
    proc = run_cli("compare", str(binary), str(good))
    assert_clean_failure(proc, "error")
    assert "UTF-8" in proc.stderr or "binary" in proc.stderr


def test_cli_empty_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    good = tmp_path / "ar.txt"
    good.write_text(AR, encoding="utf-8")
    assert_clean_failure(run_cli("compare", str(good), str(empty)), "empty")


def test_cli_directory_instead_of_file(tmp_path):
    good = tmp_path / "ar.txt"
    good.write_text(AR, encoding="utf-8")
    assert_clean_failure(run_cli("compare", str(good), str(tmp_path)), "directory")


def test_cli_wrong_language_slot(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(EN, encoding="utf-8")
    b.write_text(AR, encoding="utf-8")
    assert_clean_failure(run_cli("compare", str(a), str(b), "--src-lang", "ar"), "swapped")
