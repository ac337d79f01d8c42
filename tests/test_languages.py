"""Script-based language detection and input checks for each slot."""

from __future__ import annotations

import warnings

import pytest

from align.errors import AlignInputError, AlignWarning
from align.text import check_text, detect_language, resolve_language
from align.text.languages import script_share

AR = "قال الرئيس إن الاجتماع كان مثمراً وإن البلدين سيواصلان التعاون."
EN = "The president said the meeting was useful and both countries would keep working together."
FA = "رئیس جمهور گفت که این نشست بسیار مفید بود و دو کشور همکاری را ادامه می‌دهند."


@pytest.mark.parametrize("text, lang", [
    (AR, "ar"), (EN, "en"), (FA, "fa"),
    ("یہ اردو کا متن ہے اور یہ بہت اچھا ہے", "ur"),
    ("Le président a dit que la réunion était utile pour les deux pays.", "fr"),
    ("Привет, как дела у всех", "ru"),
    ("12345 !!! ---", "und"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_arabic_with_some_english_names_is_still_arabic():
    assert detect_language("قال الرئيس إن شركة Microsoft و Google ستشاركان في المؤتمر الدولي للتقنية") == "ar"


def test_english_with_an_arabic_quote_is_still_english():
    assert detect_language(EN + " He wrote «شكرا» on the board.") == "en"


def test_script_share():
    assert script_share(AR, "ARABIC") == 1.0
    assert script_share(EN, "ARABIC") == 0.0
    assert script_share("", "LATIN") == 0.0


def test_resolve_detects_when_not_given():
    assert resolve_language(AR, None, "text_a") == "ar"
    assert resolve_language(EN, None, "text_b") == "en"


def test_resolve_accepts_a_consistent_declared_language():
    assert resolve_language(AR, "AR", "text_a") == "ar"
    assert resolve_language(FA, "fa", "text_a") == "fa"
    assert resolve_language(EN, "en-GB", "text_b") == "en-gb"


def test_english_text_in_the_arabic_slot_is_an_error():
    with pytest.raises(AlignInputError, match="text_a.*'ar'.*swapped"):
        resolve_language(EN, "ar", "text_a")


def test_arabic_text_in_the_english_slot_is_an_error():
    with pytest.raises(AlignInputError, match="text_b.*'en'"):
        resolve_language(AR, "en", "text_b")


@pytest.mark.parametrize("lang", ["arabic", "a", "", "e n", 12])
def test_malformed_language_code_is_an_error(lang):
    with pytest.raises(AlignInputError, match="ISO code"):
        resolve_language(EN, lang, "text_b")


def test_unknown_language_code_with_unknown_script_is_accepted():
    assert resolve_language(EN, "sw", "text_b") == "sw"
    assert resolve_language(EN, "xyz", "text_b") == "xyz"


def test_undetectable_language_warns():
    with pytest.warns(AlignWarning, match="could not detect"):
        assert resolve_language("ⴰⵣⵓⵍ ⴰⵎⴷⴷⴰⴽⴽⵍ", None, "text_a") == "und"


def test_check_text_returns_valid_text_unchanged():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check_text(AR, "text_a") is AR


@pytest.mark.parametrize("bad, match", [
    ("", "empty"), ("   \n\t", "empty"), (b"bytes", "bytes"), (None, "must be a str"),
    (42, "must be a str"), ("abc\x00def more text", "binary"), ("1234 5678 !!!", "no letters"),
    ("\ufffd\ufffd\ufffd\ufffd\ufffd junk", "binary"),
])
def test_check_text_rejects(bad, match):
    with pytest.raises(AlignInputError, match=match):
        check_text(bad, "text_a")


def test_check_text_warns_on_html():
    html = "<html><body><p>The president spoke.</p><div>More text.</div></body></html>"
    with pytest.warns(AlignWarning, match="HTML"):
        check_text(html, "text_b")


def test_a_few_angle_brackets_are_not_html():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_text("If a < b and b > c then a < c, said the teacher.", "text_b")
