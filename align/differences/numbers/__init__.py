"""Numbers and dates in a text, and the ones two linked statements disagree on.

A number or a date is precise evidence: when a statement and its counterpart
are linked but only one of them says "19/7/2022", the other version omitted
(or changed) a fact. :func:`extract` finds number and date *mentions* with
character offsets; :func:`one_sided` compares two spans (one per language) by
normalised value and returns the mentions of each side that the other lacks.

Values, not spellings, are compared: Arabic-Indic (٠-٩) and Extended
Arabic-Indic (۰-۹) digits are Western digits, ``٫``/``٬`` are the decimal and
thousands separators, ``٪`` is ``%``; "19/7/2022", "2022-07-19" and
"19 July 2022" are the same date; the weekday "الثلاثاء" is "Tuesday". A date
is present on the other side when each of its parts (day, month, year) is
found there, so "19/7/2022" against "Tuesday" is a date the other side omits,
while the weekday itself matches.

Everything language-specific lives in :data:`LANGUAGES` (month and weekday
names, number words, scale and percent words, attached clitics), built from
the word lists of :mod:`align.lang`; the matching logic never names a
language. Add a language with :func:`register_language`.

Modules: :mod:`.mentions` (what is found), :mod:`.vocabulary` (per-language
patterns, the fold), :mod:`.patterns` (the compiled regexes),
:mod:`.extract` (finding mentions), :mod:`.compare` (which ones the other
side lacks).

Number words ("two", "ثلاثة") are used only as evidence that a value is
present: they are too ambiguous (the Arabic dual, "one" as a pronoun) to be
reported missing themselves.

Example:
    >>> diff = one_sided("قبل ظهر اليوم (الثلاثاء ١٩/٧/٢٠٢٢)", "on Tuesday noon",
    ...                  lang_a="ar", lang_b="en")
    >>> [(m.kind, m.text) for m in diff.a], diff.b
    ([('date', '١٩/٧/٢٠٢٢')], ())
"""

from .compare import missing, one_sided, weekday_rendering
from .extract import extract
from .mentions import REPORTABLE_KINDS, WEEKDAY_NAMES, Mention, MentionKind, NumberDiff
from .vocabulary import ARABIC, ENGLISH, LANGUAGES, LanguagePatterns, fold, register_language

__all__ = [
    "ARABIC", "ENGLISH", "LANGUAGES", "REPORTABLE_KINDS", "WEEKDAY_NAMES", "LanguagePatterns",
    "Mention", "MentionKind", "NumberDiff", "extract", "fold", "missing", "one_sided",
    "register_language", "weekday_rendering",
]
