"""The words each language writes numbers and dates with, and the fold values are matched on.

:class:`LanguagePatterns` holds one language's vocabulary; the words
themselves are data in :mod:`align.lang` (``ar``, ``en``). :data:`LANGUAGES`
maps a language code to its patterns and :func:`register_language` adds
one. :func:`fold` is the text the patterns run on: Arabic marks dropped,
letter variants unified, Arabic-Indic digits and separators made ASCII,
with each folded character's index in the original, so a match converts
back to exact offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...lang import ar, en
from ...text.normalise import ZERO_WIDTH, fold_with_offsets


@dataclass(frozen=True)
class LanguagePatterns:
    """The words one language writes numbers and dates with.

    Names are written naturally; they are folded like the text (Arabic letter
    variants unified, diacritics dropped) before matching. ``ambiguous_*``
    names count only next to a number (months) or after a cue word or before
    a number (weekdays), e.g. English "May" or "Sun.", Arabic "مارس" (also a
    verb). ``uncertain_weekdays`` count without a cue but as uncertain, and
    not at all after a ``not_weekday_cues`` word: Arabic "الاثنين" is Monday
    in "قال الاثنين" but "the two" in "بين الاثنين". ``clitics`` is a regex for letters attached in
    front of a word (Arabic و ف ب ل). ``case_sensitive`` makes month and
    weekday names match only Capitalised or UPPER forms ("May" not "may").
    ``decade_suffix`` marks a decade after digits ("1930s": also read as 30,
    as in "the thirties"). ``word_joiner`` is what may separate the parts of a compound number
    ("twenty-five", "تسعة عشر", "الواحد والعشرين"). ``title_context`` is a
    pair of regexes (text before, text after): a month or weekday name with
    both around it is part of a title ("The Sunday Telegraph"), not a date.
    ``decimal_comma``: False when "," only groups thousands and "." marks
    decimals (English), True for the reverse, None when both occur ("1,000"
    then reads as 1000 or 1).
    """

    months: dict[str, int] = field(default_factory=dict)
    ambiguous_months: frozenset[str] = frozenset()
    weekdays: dict[str, int] = field(default_factory=dict)
    ambiguous_weekdays: frozenset[str] = frozenset()
    weekday_cues: tuple[str, ...] = ()
    uncertain_weekdays: frozenset[str] = frozenset()
    not_weekday_cues: tuple[str, ...] = ()
    number_words: dict[str, float] = field(default_factory=dict)
    scale_words: dict[str, float] = field(default_factory=dict)
    percent_words: tuple[str, ...] = ()
    ordinal_suffix: str = ""
    day_month_joiners: tuple[str, ...] = ()
    word_joiner: str = r"\s+"
    decade_suffix: str = ""
    title_context: tuple[str, str] | None = None
    clitics: str = ""
    case_sensitive: bool = False
    decimal_comma: bool | None = None


ENGLISH = LanguagePatterns(
    months=en.MONTHS, ambiguous_months=en.AMBIGUOUS_MONTHS, weekdays=en.WEEKDAYS,
    ambiguous_weekdays=en.AMBIGUOUS_WEEKDAYS, weekday_cues=en.WEEKDAY_CUES,
    number_words=en.NUMBER_WORDS, scale_words=en.SCALE_WORDS, percent_words=en.PERCENT_WORDS,
    ordinal_suffix=en.ORDINAL_SUFFIX, day_month_joiners=en.DAY_MONTH_JOINERS,
    word_joiner=en.NUMBER_WORD_JOINER, decade_suffix=en.DECADE_SUFFIX,
    title_context=en.TITLE_CONTEXT, case_sensitive=en.CASE_SENSITIVE,
    decimal_comma=en.DECIMAL_COMMA,
)

ARABIC = LanguagePatterns(
    months=ar.MONTHS, ambiguous_months=ar.AMBIGUOUS_MONTHS, weekdays=ar.WEEKDAYS,
    uncertain_weekdays=ar.UNCERTAIN_WEEKDAYS, not_weekday_cues=ar.NOT_WEEKDAY_CUES,
    weekday_cues=ar.WEEKDAY_CUES, number_words=ar.NUMBER_WORDS, scale_words=ar.SCALE_WORDS,
    percent_words=ar.PERCENT_WORDS, day_month_joiners=ar.DAY_MONTH_JOINERS, clitics=ar.CLITICS,
    word_joiner=ar.NUMBER_WORD_JOINER,
)

#: Per-language patterns, keyed by ISO 639-1 code. ``""`` is used for any other
#: language: digits, separators, "%" and numeric dates only.
LANGUAGES: dict[str, LanguagePatterns] = {"en": ENGLISH, "ar": ARABIC, "": LanguagePatterns()}

_LANG_ALIASES = {"eng": "en", "ara": "ar", "arb": "ar"}
_generation = 0


def register_language(code: str, patterns: LanguagePatterns) -> None:
    """Make ``patterns`` the number and date vocabulary of language ``code``."""
    global _generation
    LANGUAGES[code] = patterns
    _generation += 1


def generation() -> int:
    """How many times :func:`register_language` ran: results cached under an
    older generation may rest on replaced vocabulary."""
    return _generation


def lang_key(lang: str | None) -> str:
    """The key of :data:`LANGUAGES` that ``lang`` uses (``""`` when it has none)."""
    if not lang:
        return ""
    code = lang.lower().replace("_", "-").split("-")[0]
    code = _LANG_ALIASES.get(code, code)
    return code if code in LANGUAGES else ""


# -- folding: the text the patterns run on ----------------------------------------
# Arabic marks (a wider range than matching drops), tatweel and invisible
# characters go; digits, the Arabic separators, letter variants and narrow
# or non-breaking spaces are mapped.
_TABLE = {**dict.fromkeys(ar.TASHKEEL | ar.OTHER_MARKS | {ar.SUPERSCRIPT_ALEF, ar.TATWEEL}
                          | ZERO_WIDTH),
          **{ord(k): v for k, v in {**ar.DIGITS, **ar.NUMBER_SIGNS, **ar.LETTER_FOLDS,
                                    "\u00a0": " ", "\u202f": " ", "\u2009": " "}.items()}}


def fold(text: str) -> tuple[str, list[int]]:
    """Folded text and, per folded character, its index in ``text``."""
    return fold_with_offsets(text, _TABLE)


def fold_word(word: str) -> str:
    """A vocabulary word folded like the text it is matched in."""
    return fold(word)[0]
