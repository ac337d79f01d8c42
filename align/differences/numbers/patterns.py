"""Each language's vocabulary compiled into the regexes extraction runs.

The patterns run on folded text (:func:`.vocabulary.fold`); names are folded
the same way before they become alternations, longest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .vocabulary import LANGUAGES, LanguagePatterns, fold_word


def _alternation(words: Iterable[str], case_sensitive: bool) -> str:
    forms: set[str] = set()
    for w in words:
        f = fold_word(w)
        forms.add(f)
        if case_sensitive:
            forms.update({f[:1].upper() + f[1:], f.upper()})
    ordered = sorted(forms, key=lambda s: (-len(s), s))
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)


_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|\d+(?:[.,]\d+)?)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_B = r"(?<![\d\w])"  # no digit or letter right before
_E = r"(?!\w)"


@dataclass(frozen=True)
class _Compiled:
    named_date: re.Pattern | None
    weekday: re.Pattern | None
    percent: re.Pattern
    number: re.Pattern
    words: re.Pattern | None
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    ambiguous_weekdays: frozenset[str]
    cue: re.Pattern | None
    anti_cue: re.Pattern | None
    uncertain_weekdays: frozenset[str]
    words_map: dict[str, float]
    word_joiner: re.Pattern
    decade: re.Pattern | None
    title_context: tuple[re.Pattern, re.Pattern] | None
    scales: dict[str, float]
    case_sensitive: bool
    decimal_comma: bool | None


# Compiled patterns per language key, with the vocabulary they were built from:
# a vocabulary replaced by register_language is compiled anew.
_compiled: dict[str, tuple[LanguagePatterns, _Compiled]] = {}

_NUMERIC_DATE_ISO = re.compile(r"(?<![\d.,/-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d/]|[.,-]\d)")
_NUMERIC_DATE = re.compile(r"(?<![\d.,/-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[.,-]\d)")
_NUMERIC_DAY_MONTH = re.compile(r"(?<![\d.,/-])(\d{1,2})/(\d{1,2})(?![\d/]|[.,]\d)")
_TIME = re.compile(r"(?<![\d.,:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])"
                   r"(?:\s*([ap])\.?\s?m\b\.?)?", re.I)
# "5.30pm": a dot between hours and minutes makes a time only before am/pm.
_TIME_DOT = re.compile(r"(?<![\d.,:])(0?\d|1[0-2])\.([0-5]\d)\s*([ap])\.?\s?m\b\.?", re.I)


def compiled(key: str) -> _Compiled:
    """The regexes and folded tables of ``LANGUAGES[key]``, built once per vocabulary."""
    p = LANGUAGES[key]
    cached = _compiled.get(key)
    if cached is not None and cached[0] is p:
        return cached[1]
    cs = p.case_sensitive
    flags = 0 if cs else re.I
    cl = p.clitics
    ordn = p.ordinal_suffix + "?" if p.ordinal_suffix else ""
    named_date = weekday = words = cue = anti_cue = None
    if p.months:
        months = _alternation(p.months, cs)
        joiners = "|".join(re.escape(fold_word(j)) for j in p.day_month_joiners)
        joiner = rf"(?:(?:{joiners})\s+)?" if joiners else ""
        named_date = re.compile(
            rf"(?:{_B}(?P<d1>{_DAY}){ordn}(?!\d)\s+{joiner})?"
            rf"(?<!\w){cl}(?P<month>{months}){_E}"
            rf"(?:\s*/\s*(?:{months}){_E})?"
            rf"(?:\s+(?P<d2>{_DAY}){ordn}(?![\d\w]))?"
            rf"(?:,?\s+(?P<y>\d{{4}})(?!\d))?",
            flags,
        )
    if p.weekdays:
        weekday = re.compile(rf"(?<!\w){cl}(?P<name>{_alternation(p.weekdays, cs)})(?!\w)", flags)
        if p.weekday_cues:
            cues = "|".join(re.escape(fold_word(c)) for c in p.weekday_cues)
            cue = re.compile(rf"(?<!\w){cl}(?:{cues})\s*$", flags)
        if p.not_weekday_cues:
            anti = "|".join(re.escape(fold_word(c)) for c in p.not_weekday_cues)
            anti_cue = re.compile(rf"(?<!\w){cl}(?:{anti})\s*$", flags)
    pct_words = "|".join(re.escape(fold_word(w)).replace(r"\ ", r"\s+")
                         for w in sorted(p.percent_words, key=len, reverse=True))
    pct_tail = rf"(?:\s?%|\s+(?:{pct_words}){_E})" if pct_words else r"\s?%"
    percent = re.compile(rf"(?:%\s?(?P<pre>{_NUM})(?!\d)|(?<![\d.,])(?P<num>{_NUM}){pct_tail})", re.I)
    scale_alt = _alternation(p.scale_words, False)
    scale = rf"(?:\s*(?P<scale>{scale_alt}){_E})?" if p.scale_words else ""
    number = re.compile(rf"(?<![\d.,])(?P<num>{_NUM})(?!\d)(?P<ord>{p.ordinal_suffix}{_E})?{scale}"
                        if p.ordinal_suffix else rf"(?<![\d.,])(?P<num>{_NUM})(?!\d){scale}", re.I)
    if p.number_words:
        words = re.compile(rf"(?<!\w){cl}(?P<w>{_alternation(p.number_words, False)})"
                           rf"(?:\s+(?P<scale>{scale_alt}))?(?!\w)" if p.scale_words else
                           rf"(?<!\w){cl}(?P<w>{_alternation(p.number_words, False)})(?!\w)", re.I)
    c = _Compiled(
        named_date=named_date, weekday=weekday, percent=percent, number=number, words=words,
        months={fold_word(k).lower() if not cs else fold_word(k): v for k, v in p.months.items()},
        ambiguous_months=frozenset(fold_word(k) for k in p.ambiguous_months),
        weekdays={fold_word(k): v for k, v in p.weekdays.items()},
        ambiguous_weekdays=frozenset(fold_word(k) for k in p.ambiguous_weekdays),
        cue=cue,
        anti_cue=anti_cue,
        uncertain_weekdays=frozenset(fold_word(k) for k in p.uncertain_weekdays),
        words_map={fold_word(k).lower(): float(v) for k, v in p.number_words.items()},
        word_joiner=re.compile(p.word_joiner),
        decade=re.compile(p.decade_suffix) if p.decade_suffix else None,
        title_context=(re.compile(p.title_context[0]), re.compile(p.title_context[1]))
        if p.title_context else None,
        scales={fold_word(k).lower(): float(v) for k, v in p.scale_words.items()},
        case_sensitive=cs,
        decimal_comma=p.decimal_comma,
    )
    _compiled[key] = (p, c)
    return c
