"""Numbers and dates: extraction with offsets, normalised values, one-sided mentions."""

from __future__ import annotations

import pytest

from align.differences.numbers import (
    LANGUAGES,
    LanguagePatterns,
    extract,
    missing,
    one_sided,
    register_language,
)
from align.text.document import Span


def kinds(text, lang):
    return [(m.kind, m.text) for m in extract(text, lang)]


def test_offsets_point_at_the_original_text():
    text = "قالَ الرئيسُ إن ١٬٢٠٠ شخصٍ حضروا يوم الثلاثاء ١٩/٧/٢٠٢٢ بنسبة ٣٫٥٪"
    ms = extract(text, "ar", offset=10)
    assert ms
    for m in ms:
        assert text[m.start - 10 : m.end - 10] == m.text


@pytest.mark.parametrize(
    "text",
    ["19", "١٩", "۱۹"],
)
def test_all_digit_systems_read_the_same(text):
    (m,) = extract(text, "ar")
    assert m.values == {19.0}


def test_arabic_separators_are_unambiguous():
    ms = extract("١٬٢٠٠ و٣٫٥", "ar")
    assert [sorted(m.values) for m in ms] == [[1200.0], [3.5]]


def test_english_comma_groups_thousands():
    (m,) = extract("1,200", "en")
    assert m.values == {1200.0}


def test_scale_words_give_both_readings():
    (en,) = extract("$5 million", "en")
    (ar,) = extract("٥ ملايين", "ar")
    assert en.values == ar.values == {5.0, 5e6}


@pytest.mark.parametrize(
    "text, lang",
    [
        ("19/7/2022", "ar"),
        ("2022-07-19", "en"),
        ("19 July 2022", "en"),
        ("July 19, 2022", "en"),
        ("the 19th of July 2022", "en"),
        ("١٩ تموز/يوليو ٢٠٢٢", "ar"),
        ("19 يوليو 2022", "ar"),
        ("7/19/2022", "en"),
    ],
)
def test_date_spellings_read_the_same(text, lang):
    dates = [m for m in extract(text, lang) if m.kind == "date"]
    assert len(dates) == 1
    assert (19, 7, 2022) in dates[0].dates


def test_ambiguous_numeric_date_keeps_both_readings():
    (m,) = extract("5/6/2021", "en")
    assert m.dates == {(5, 6, 2021), (6, 5, 2021)}


def test_weekdays_in_both_languages():
    (ar,) = [m for m in extract("قبل ظهر اليوم (الثلاثاء)", "ar") if m.kind == "weekday"]
    (en,) = [m for m in extract("on Tuesday noon", "en") if m.kind == "weekday"]
    assert ar.weekday == en.weekday == 1


def test_ambiguous_names_need_context():
    # "May" the modal verb, "مارس" the verb, "الاثنين" meaning "the two".
    assert not [k for k, _ in kinds("It May be late.", "en") if k == "date"]
    assert kinds("on 5 May", "en") == [("date", "5 May")]
    assert not [k for k, _ in kinds("مارس الضغط على الطرفين", "ar") if k == "date"]
    assert ("date", "3 مارس") in kinds("في 3 مارس", "ar")
    assert not [k for k, _ in kinds("بين الاثنين", "ar") if k == "weekday"]
    assert ("weekday", "الاثنين") in kinds("يوم الاثنين", "ar")


def test_percentages():
    vals = [(m.kind, m.values) for m in extract("٥٠٪ و50 في المئة و%50", "ar")]
    assert vals == [("percent", {50.0})] * 3
    assert [m.kind for m in extract("3.5 per cent and 4%", "en")] == ["percent", "percent"]


def test_times():
    (m,) = extract("at 10:30 a.m.", "en")
    assert m.kind == "time" and m.values == {630.0}


def test_times_in_other_spellings_match():
    assert extract("5.30pm", "en")[0].kind == "time"
    assert extract("grew 5.30 percent", "en")[0].kind == "percent"  # no am/pm: not a time
    assert not one_sided("عند الساعة 5:30 مساءً", "at 5.30pm", lang_a="ar", lang_b="en")
    # A whole hour is what the other version may write as a bare number.
    assert not one_sided("في حوالي الساعة 4 صباحاً", "at about 04:00", lang_a="ar", lang_b="en")
    diff = one_sided("الساعة 5", "at 4:00", lang_a="ar", lang_b="en")
    assert [m.text for m in diff.a] == ["5"] and [m.text for m in diff.b] == ["4:00"]


def test_seed_style_date_against_weekday_only():
    ar = "قبل ظهر اليوم (الثلاثاء 19/7/2022)، لزيادة التعاون"
    en = "received Erdogan on Tuesday noon."
    diff = one_sided(ar, en, lang_a="ar", lang_b="en")
    assert [m.text for m in diff.a] == ["19/7/2022"]
    assert diff.b == ()


def test_same_values_in_other_spellings_match():
    ar = "في ١٩ تموز ٢٠٢٢ قُتل ١٬٢٠٠ شخص وارتفعت الأسعار ٣٫٥٪، يوم الثلاثاء"
    en = "On Tuesday, July 19, 2022, 1,200 people were killed and prices rose 3.5 per cent."
    assert not one_sided(ar, en, lang_a="ar", lang_b="en")


def test_changed_number_is_reported_on_both_sides():
    diff = one_sided("قُتل ١٢ شخصاً", "13 people were killed", lang_a="ar", lang_b="en")
    assert [m.text for m in diff.a] == ["١٢"]
    assert [m.text for m in diff.b] == ["13"]


def test_year_missing_makes_a_date_one_sided():
    diff = one_sided("19 July 2022", "19 تموز", lang_a="en", lang_b="ar")
    assert [m.text for m in diff.a] == ["19 July 2022"]
    assert not diff.b


def test_number_words_are_evidence_only():
    diff = one_sided("two ministers met", "التقى ٢ من الوزراء", lang_a="en", lang_b="ar")
    assert not diff
    diff = one_sided("ثلاثة آلاف جندي", "3,000 soldiers", lang_a="ar", lang_b="en")
    assert not diff
    # The dual of a scale word, and the accusative "one".
    assert not one_sided("جمعت مليوني دولار", "raised $2 million", lang_a="ar", lang_b="en")
    assert not one_sided("واحدًا من أربعة", "1 of 4", lang_a="ar", lang_b="en")


def test_spans_give_document_offsets():
    doc = "xxxxx Prices rose 7% today."
    span = Span(6, len(doc), doc[6:])
    diff = one_sided(span, "ارتفعت الأسعار اليوم", lang_a="en", lang_b="ar")
    (m,) = diff.a
    assert doc[m.start : m.end] == "7%"


def test_unknown_language_still_reads_digits():
    assert [m.values for m in extract("Die Preise stiegen um 7 %", "de")] == [{7.0}]
    assert [m.values for m in extract("7", None)] == [{7.0}]


def test_languages_plug_in():
    try:
        register_language("fr", LanguagePatterns(months={"juillet": 7}, weekdays={"mardi": 1},
                                                 decimal_comma=True))
        diff = one_sided("mardi 19 juillet 2022, 3,5 %", "Tuesday 19 July 2022, 3.5%",
                         lang_a="fr", lang_b="en")
        assert not diff, diff
        assert [m.kind for m in extract("mardi", "fr-FR")] == ["weekday"]
    finally:
        LANGUAGES.pop("fr", None)


def test_a_registered_vocabulary_replaces_earlier_results_for_the_same_text():
    text = "le 19 juillet"
    assert extract(text, "fr") == extract(text, "fr")  # repeated: from the cache
    assert [m.kind for m in extract(text, "fr")] == ["number"]
    try:
        register_language("fr", LanguagePatterns(months={"juillet": 7}))
        assert [(m.kind, m.text) for m in extract(text, "fr")] == [("date", "19 juillet")]
        register_language("fr", LanguagePatterns())
        assert [m.kind for m in extract(text, "fr")] == ["number"]
    finally:
        LANGUAGES.pop("fr", None)


def test_extract_returns_a_fresh_list_each_call():
    first = extract("5 people", "en")
    first.clear()
    assert [m.text for m in extract("5 people", "en")] == ["5"]


def test_missing_ignores_number_words():
    words = extract("two", "en")
    assert missing(words, []) == ()


def test_compound_number_words_are_evidence():
    # Translators spell out centuries and decades.
    diff = one_sided("in the 1930s and the 19th century", "في ثلاثينيات القرن العشرين وفي القرن التاسع عشر",
                     lang_a="en", lang_b="ar")
    assert not diff
    (m,) = extract("twenty-five", "en")
    assert 25.0 in m.values


def test_titles_are_not_dates():
    assert [m.kind for m in extract("told The Sunday Telegraph", "en")] == []
    assert [m.kind for m in extract("on Sunday, Trump said", "en")] == ["weekday"]


def test_bare_arabic_monday_is_an_uncertain_weekday():
    (m,) = [m for m in extract("وقال الرئيس الاثنين إن", "ar") if m.kind == "weekday"]
    assert m.weekday == 0 and not m.certain
    (m,) = [m for m in extract("يومي الاثنين والثلاثاء", "ar") if m.weekday == 0]
    assert m.certain
    assert not [m for m in extract("الفرق بين الاثنين", "ar") if m.kind == "weekday"]
