"""Matching-side normalisation: folds that never move original offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from align.text import fold, normalise_for_matching


def test_diacritics_and_tatweel_are_dropped():
    assert fold("قَالَ الرَّئِيسُ") == "قال الرئيس"
    assert fold("جمـــيل") == "جميل"
    assert fold("هٰذا") == "هذا"


@pytest.mark.parametrize("raw, folded", [("١٩/٧/٢٠٢٢", "19/7/2022"), ("۱۴۰۱", "1401"), ("2022", "2022")])
def test_arabic_indic_and_persian_digits_become_ascii(raw, folded):
    assert fold(raw) == folded


def test_zero_width_marks_are_dropped():
    assert fold("قال\u200f الرئيس\u200c\ufeff") == "قال الرئيس"


def test_letter_variants_fold_only_on_request():
    text = "أحمد إلى آخر مدرسة"
    assert fold(text) == text
    assert fold(text, fold_letters=True) == "احمد الي اخر مدرسه"


def test_latin_text_passes_through():
    text = "The U.S. said “yes” on 19/7/2022."
    n = normalise_for_matching(text, "en", fold_letters=True)
    assert n.text == text
    assert n.to_original == tuple(range(len(text)))


def test_offsets_map_back_exactly():
    text = "قالَ الرَّئِيسُ ـ ١٩ مرة"
    n = normalise_for_matching(text, "ar")
    start = n.text.index("الرئيس")
    s, e = n.original_span(start, start + len("الرئيس"))
    assert text[s:e] == "الرَّئِيسُ"[:-1]  # the trailing damma is dropped, so the span stops at the last letter
    d = n.text.index("19")
    s, e = n.original_span(d, d + 2)
    assert text[s:e] == "١٩"


def test_empty_span_maps_to_a_position():
    n = normalise_for_matching("قالَ", "ar")
    assert n.original_span(0, 0) == (0, 0)
    assert n.original_span(len(n.text), len(n.text)) == (4, 4)
    with pytest.raises(ValueError):
        n.original_span(2, 1)
    with pytest.raises(ValueError):
        n.original_span(0, 99)


_ALPHABET = st.sampled_from(list("قال الرئيس ") + ["\u064e", "\u0651", "\u0640", "\u200f", "١", "۲", "أ", "ة", "a", "B", ".", "\n"])


@settings(max_examples=200)
@given(st.lists(_ALPHABET, max_size=60).map("".join), st.booleans())
def test_every_folded_character_maps_to_its_origin(text, fold_letters):
    n = normalise_for_matching(text, "ar", fold_letters=fold_letters)
    assert len(n.to_original) == len(n.text)
    assert list(n.to_original) == sorted(set(n.to_original))
    for i, ch in enumerate(n.text):
        orig = text[n.to_original[i]]
        assert ch == orig or fold(orig, fold_letters=fold_letters) == ch
    for i in range(len(n.text)):
        for j in range(i + 1, min(len(n.text), i + 5) + 1):
            s, e = n.original_span(i, j)
            assert fold(text[s:e], fold_letters=fold_letters) == n.text[i:j]


@settings(max_examples=200)
@given(st.lists(_ALPHABET | st.characters(), max_size=60).map("".join), st.booleans())
def test_fold_is_the_text_of_the_offset_preserving_normalisation(text, fold_letters):
    # fold() takes a translate-table shortcut; it must never drift from the offset map.
    assert fold(text, fold_letters=fold_letters) == normalise_for_matching(text, fold_letters=fold_letters).text
