"""Property tests: segmentation is lossless, compare never drops text, same input same output."""

from __future__ import annotations

import random
import warnings
from functools import lru_cache

import pytest
from conftest import NTREX, needs_ntrex, ntrex_documents
from hypothesis import HealthCheck, assume, given, settings, strategies as st

import align
from align.errors import AlignWarning
from align.text import segment_text



def assert_lossless(doc) -> None:
    """Segments in order, non-overlapping, trimmed, covering each non-space char once."""
    text = doc.text
    owner = [-1] * len(text)
    prev_end = 0
    for i, seg in enumerate(doc.segments):
        assert seg.id == i
        assert text[seg.start:seg.end] == seg.text
        assert prev_end <= seg.start < seg.end <= len(text)
        assert not text[seg.start].isspace() and not text[seg.end - 1].isspace()
        prev_end = seg.end
        for k in range(seg.start, seg.end):
            owner[k] = i
        clause_hits = {}
        last = seg.start
        assert seg.clauses
        for c in seg.clauses:
            assert text[c.start:c.end] == c.text
            assert last <= c.start < c.end <= seg.end
            assert not text[c.start].isspace() and not text[c.end - 1].isspace()
            last = c.end
            for k in range(c.start, c.end):
                clause_hits[k] = clause_hits.get(k, 0) + 1
        for k in range(seg.start, seg.end):
            if not text[k].isspace():
                assert clause_hits.get(k) == 1, (seg.text, k)
    for k, ch in enumerate(text):
        if not ch.isspace():
            assert owner[k] >= 0, f"character {ch!r} at {k} lost"


_CHARS = (
    list("قال الرئيس إن التعاون مهم وف") + list("The U.S. Mr said a b Z")
    + list(".!?؟،,;؛:…") + list("«»“”‘’\"'()-—–•*")
    + ["\n", "\n\n", "\r\n", "\t", "\u2028", "\xa0", "  "]
    + ["\u064e", "\u0651", "\u0640", "١", "2", "٣"]
)
_TOKENS = ["U.S.", "Mr.", "...", "TEHRAN—", "- ", "1. ", "States.”The", "«قال»", "، و", "e.g.", "3.5",
           "الرئيس", "قال", "sentence", "Leader", "\n- item\n"]
_texts = st.lists(st.one_of(st.sampled_from(_CHARS), st.sampled_from(_TOKENS)), max_size=150).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts, st.sampled_from(["ar", "en", "fa", "und"]))
def test_segmentation_is_lossless_on_arbitrary_text(text, lang):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignWarning)
        doc = segment_text(text, lang)
    assert_lossless(doc)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["ar", "en"]))
def test_segmentation_is_lossless_on_any_unicode(text, lang):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignWarning)
        doc = segment_text(text, lang)
    assert_lossless(doc)


@settings(max_examples=100, deadline=None)
@given(_texts, st.integers(min_value=50, max_value=120))
def test_cut_long_sentences_stay_lossless_and_bounded(text, limit):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignWarning)
        doc = segment_text(text * 3, "ar", max_segment_chars=limit)
    assert_lossless(doc)
    assert all(len(s) <= limit for s in doc.segments)


# --- compare never drops text --------------------------------------------------

@lru_cache(maxsize=1)
def _sentence_pairs() -> list[list[tuple[str, str]]]:
    """NTREX documents as lists of (Arabic, English) sentence pairs."""
    if not NTREX.is_dir():
        return []
    docs = [list(zip(doc.ar, doc.en)) for doc in ntrex_documents()]
    return [d for d in docs if len(d) >= 4]


@st.composite
def report_pairs(draw):
    docs = _sentence_pairs()[:12]  # a small pool: repeated sentences hit the embedding cache
    doc = docs[draw(st.integers(0, len(docs) - 1))]
    other = docs[draw(st.integers(0, len(docs) - 1))]
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    n = min(len(doc), draw(st.integers(2, 5)))
    start = rng.randrange(0, len(doc) - n + 1)
    pairs = doc[start:start + n]
    ar = [a for a, _ in pairs]
    en = [e for _, e in pairs]
    rng.shuffle(en)  # independent reports reorder freely
    if draw(st.booleans()):
        del ar[rng.randrange(len(ar))]  # a statement only the English has
    if draw(st.booleans()):
        en.append(other[rng.randrange(len(other))][1])  # an unrelated English statement
    if draw(st.booleans()) and len(en) > 1:
        i = rng.randrange(len(en))
        words = en[i].split()
        en[i] = " ".join(words[: max(1, len(words) // 2)])  # a cut statement, no final stop
    joiners = [" ", "\n", "\n\n"]
    text_a = "".join(s + rng.choice(joiners) for s in ar).strip()
    text_b = "".join(s + rng.choice(joiners) for s in en).strip()
    return text_a, text_b


def covered_by_output(cmp, side: str) -> list[int]:
    """Indices of non-space characters of one side outside every linked segment and flag."""
    doc = cmp.document(side)
    covered = [False] * len(doc.text)
    linked = {i for link in cmp.link_list for i in (link.a if side == "a" else link.b)}
    for seg in doc.segments:
        if seg.id in linked:
            covered[seg.start:seg.end] = [True] * (seg.end - seg.start)
    for flag in cmp.flag_list:
        if flag.side == side:
            assert doc.text[flag.start:flag.end] == flag.text
            covered[flag.start:flag.end] = [True] * (flag.end - flag.start)
    return [k for k, ch in enumerate(doc.text) if not ch.isspace() and not covered[k]]


@needs_ntrex
@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_pairs())
def test_compare_never_drops_text(pair):
    text_a, text_b = pair
    assume(text_a.strip() and text_b.strip())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignWarning)
        cmp = align.compare(text_a, text_b, src_lang="ar", tgt_lang="en")
    for side in ("a", "b"):
        assert_lossless(cmp.document(side))
        missing = covered_by_output(cmp, side)
        assert not missing, f"side {side}: {cmp.document(side).text[missing[0]:missing[0] + 40]!r} neither linked nor flagged"
    for flag in cmp.flag_list:
        assert 0.0 <= flag.confidence <= 1.0
    for link in cmp.link_list:
        assert link.a and link.b


@needs_ntrex
def test_compare_is_deterministic():
    docs = _sentence_pairs()
    ar = " ".join(a for a, _ in docs[3][:6])
    en = "\n".join(e for _, e in reversed(docs[3][1:7]))
    first = align.compare(ar, en)
    second = align.compare(ar, en)
    assert first.to_json() == second.to_json()
    assert first == second
