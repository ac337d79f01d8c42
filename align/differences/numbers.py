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
names, number words, scale and percent words, attached clitics); the matching
logic never names a language. Add a language with :func:`register_language`.

Number words ("two", "ثلاثة") are used only as evidence that a value is
present: they are too ambiguous (the Arabic dual, "one" as a pronoun) to be
reported missing themselves.

Example:
    >>> diff = one_sided("قبل ظهر اليوم (الثلاثاء ١٩/٧/٢٠٢٢)", "on Tuesday noon",
    ...                  lang_a="ar", lang_b="en")
    >>> [(m.kind, m.text) for m in diff.a], diff.b
    ([('date', '١٩/٧/٢٠٢٢')], ())
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Literal

from ..text.document import Span

MentionKind = Literal["number", "percent", "date", "time", "weekday", "word"]

#: Kinds that are reported when absent on the other side ("word" is evidence only).
REPORTABLE_KINDS = frozenset({"number", "percent", "date", "time", "weekday"})

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Mention:
    """A number, date, time or weekday found in a text.

    ``start``/``end`` are offsets into the text given to :func:`extract` plus its
    ``offset``. ``values`` holds the numeric readings (several when the
    spelling is ambiguous, e.g. "1.000" or "5 million"); ``dates`` the possible
    (day, month, year) readings, ``None`` for a part not written; ``weekday``
    is 0 for Monday. ``certain`` is False for mentions that rest on a name
    alone (a month or weekday name without digits), which can be another word.
    """

    kind: MentionKind
    start: int
    end: int
    text: str
    values: frozenset = frozenset()
    dates: frozenset = frozenset()
    weekday: int | None = None
    certain: bool = True

    def describe(self) -> str:
        """A short human description, e.g. ``date 19/7/2022 (day 19, month 7, year 2022)``."""
        if self.kind == "weekday" and self.weekday is not None:
            return f"weekday {self.text} ({WEEKDAY_NAMES[self.weekday]})"
        if self.kind == "date" and self.dates:
            d, m, y = sorted(self.dates, key=lambda p: tuple(-1 if v is None else v for v in p))[0]
            parts = [f"{n} {v}" for n, v in (("day", d), ("month", m), ("year", y)) if v is not None]
            return f"date {self.text} ({', '.join(parts)})"
        if self.kind == "time" and self.values:
            v = int(min(self.values))
            return f"time {self.text} ({v // 60:02d}:{v % 60:02d})"
        if self.values:
            shown = _fmt(min(self.values, key=lambda v: (abs(v) >= 1e5, v)))
            return f"{self.kind} {self.text} ({shown})"
        return f"{self.kind} {self.text}"


@dataclass(frozen=True)
class NumberDiff:
    """Mentions found on one side only: ``a`` lacks a counterpart in side b, ``b`` in side a."""

    a: tuple[Mention, ...]
    b: tuple[Mention, ...]

    def __bool__(self) -> bool:
        return bool(self.a or self.b)


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


_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
             "eighteen", "nineteen"]
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}
_EN_WORDS: dict[str, float] = {w: float(i) for i, w in enumerate(_EN_UNITS)}
_EN_WORDS.update({w: float(v) for w, v in _EN_TENS.items()})
_EN_WORDS.update({f"{t}-{u}": float(tv + i) for t, tv in _EN_TENS.items()
                  for i, u in enumerate(_EN_UNITS) if 1 <= i <= 9})
_EN_WORDS.update({"dozen": 12, "dozens": 12, "hundred": 100, "hundreds": 100,
                  "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6,
                  "billion": 1e9, "billions": 1e9, "half": 0.5, "first": 1, "second": 2,
                  "third": 3, "fourth": 4, "fifth": 5, "tenth": 10, "twice": 2, "both": 2})

ENGLISH = LanguagePatterns(
    months={"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6,
            "July": 7, "August": 8, "September": 9, "October": 10, "November": 11,
            "December": 12, "Jan.": 1, "Jan": 1, "Feb.": 2, "Feb": 2, "Mar.": 3, "Mar": 3,
            "Apr.": 4, "Apr": 4, "Jun.": 6, "Jun": 6, "Jul.": 7, "Jul": 7, "Aug.": 8,
            "Aug": 8, "Sept.": 9, "Sept": 9, "Sep.": 9, "Sep": 9, "Oct.": 10, "Oct": 10,
            "Nov.": 11, "Nov": 11, "Dec.": 12, "Dec": 12},
    ambiguous_months=frozenset({"May", "March", "Jan.", "Jan", "Feb.", "Feb", "Mar.", "Mar",
                                "Apr.", "Apr", "Jun.", "Jun", "Jul.", "Jul", "Aug.", "Aug",
                                "Sept.", "Sept", "Sep.", "Sep", "Oct.", "Oct", "Nov.", "Nov",
                                "Dec.", "Dec"}),
    weekdays={"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4,
              "Saturday": 5, "Sunday": 6, "Mon.": 0, "Tue.": 1, "Tues.": 1, "Wed.": 2,
              "Thu.": 3, "Thurs.": 3, "Fri.": 4, "Sat.": 5, "Sun.": 6},
    ambiguous_weekdays=frozenset({"Mon.", "Tue.", "Tues.", "Wed.", "Thu.", "Thurs.", "Fri.",
                                  "Sat.", "Sun."}),
    weekday_cues=("on", "On", "last", "next", "this"),
    number_words=_EN_WORDS,
    scale_words={"thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
                 "trillion": 1e12},
    percent_words=("per cent", "percent", "pct", "percentage points", "percentage point"),
    ordinal_suffix=r"(?:st|nd|rd|th)",
    day_month_joiners=("of",),
    word_joiner=r"(?:\s+|\s*-\s*)(?:and\s+)?",
    decade_suffix=r"'?s\b",
    title_context=(r"\b[Tt]he\s+$", r"^\s+[A-Z]"),
    case_sensitive=True,
    decimal_comma=False,
)

_AR_WORDS: dict[str, float] = {
    "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3,
    "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7,
    "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9, "عشر": 10,
    "عشرة": 10, "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40,
    "أربعين": 40, "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70,
    "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90, "مئة": 100,
    "مائة": 100, "مئات": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200,
    "ثلاثمئة": 300, "ثلاثمائة": 300, "أربعمئة": 400, "أربعمائة": 400, "خمسمئة": 500,
    "خمسمائة": 500, "ألف": 1e3, "آلاف": 1e3, "ألفين": 2e3, "ألفان": 2e3, "مليون": 1e6,
    "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9, "نصف": 0.5, "ربع": 0.25,
    "الأول": 1, "الأولى": 1, "الثاني": 2, "الثانية": 2, "الثالث": 3, "الثالثة": 3,
    "الرابع": 4, "الرابعة": 4, "الخامس": 5, "الخامسة": 5, "العاشر": 10, "العاشرة": 10,
    "البلدين": 2, "الجانبين": 2, "الطرفين": 2, "الرئيسين": 2, "كلا": 2, "كلتا": 2,
}
_AR_WORDS.update({"الحادي": 1, "السادس": 6, "السادسة": 6, "السابع": 7, "السابعة": 7,
                  "الثامن": 8, "الثامنة": 8, "التاسع": 9, "التاسعة": 9})
# Decades: "الثلاثينيات" (the thirties).
_AR_WORDS.update({w[:-2] + "ينيات": v for w, v in list(_AR_WORDS.items())
                  if w.endswith("ين") and 20 <= v <= 90 and not w.startswith("ال")})
# Nouns and adjectives take the article: "الثلاثة", "العشرين".
_AR_WORDS.update({"ال" + w: v for w, v in list(_AR_WORDS.items()) if not w.startswith("ال")})

ARABIC = LanguagePatterns(
    months={"يناير": 1, "كانون الثاني": 1, "فبراير": 2, "شباط": 2, "مارس": 3, "آذار": 3,
            "أبريل": 4, "إبريل": 4, "نيسان": 4, "مايو": 5, "أيار": 5, "يونيو": 6, "يونيه": 6,
            "حزيران": 6, "يوليو": 7, "يوليه": 7, "تموز": 7, "أغسطس": 8, "آب": 8,
            "سبتمبر": 9, "أيلول": 9, "أكتوبر": 10, "تشرين الأول": 10, "نوفمبر": 11,
            "تشرين الثاني": 11, "ديسمبر": 12, "كانون الأول": 12},
    ambiguous_months=frozenset({"مارس", "آب"}),
    weekdays={"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "ثلاثاء": 1, "الأربعاء": 2,
              "أربعاء": 2, "الخميس": 3, "خميس": 3, "الجمعة": 4, "السبت": 5, "سبت": 5,
              "الأحد": 6},
    uncertain_weekdays=frozenset({"الاثنين", "الإثنين", "الأحد"}),
    not_weekday_cues=("بين", "كلا", "هذين", "هاتين", "من", "أي", "احد", "أحد"),
    weekday_cues=("يوم", "يومي", "صباح", "مساء", "ليلة", "فجر", "ظهر", "عصر"),
    number_words=_AR_WORDS,
    scale_words={"ألف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9,
                 "مليارات": 1e9, "بليون": 1e9, "تريليون": 1e12},
    percent_words=("في المئة", "في المائة", "بالمئة", "بالمائة", "في المية"),
    day_month_joiners=("من",),
    clitics=r"(?:[وف]?[بل]?)",
    word_joiner=r"\s+و?",
)

#: Per-language patterns, keyed by ISO 639-1 code. ``""`` is used for any other
#: language: digits, separators, "%" and numeric dates only.
LANGUAGES: dict[str, LanguagePatterns] = {"en": ENGLISH, "ar": ARABIC, "": LanguagePatterns()}

_LANG_ALIASES = {"eng": "en", "ara": "ar", "arb": "ar"}


def register_language(code: str, patterns: LanguagePatterns) -> None:
    """Make ``patterns`` the number and date vocabulary of language ``code``."""
    LANGUAGES[code] = patterns
    _compiled.pop(code, None)


def _lang_key(lang: str | None) -> str:
    if not lang:
        return ""
    code = lang.lower().replace("_", "-").split("-")[0]
    code = _LANG_ALIASES.get(code, code)
    return code if code in LANGUAGES else ""


# -- folding: same-length-or-mapped text the regexes run on -------------------
_DROP = set(range(0x064B, 0x0660)) | {0x0670, 0x0640, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F,
                                      0x061C, 0xFEFF}
_MAP = {**{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        "٫": ".", "٬": ",", "٪": "%", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي",
        "ة": "ه", "\u00a0": " ", "\u202f": " ", "\u2009": " "}


def _fold(text: str) -> tuple[str, list[int]]:
    """Folded text and, per folded character, its index in ``text``."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ord(ch) in _DROP:
            continue
        out.append(_MAP.get(ch, ch))
        index.append(i)
    return "".join(out), index


def _fold_word(word: str) -> str:
    return _fold(word)[0]


def _alternation(words: Iterable[str], case_sensitive: bool) -> str:
    forms: set[str] = set()
    for w in words:
        f = _fold_word(w)
        forms.add(f)
        if case_sensitive:
            forms.update({f[:1].upper() + f[1:], f.upper()})
    ordered = sorted(forms, key=lambda s: (-len(s), s))
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)


# -- compiled patterns -----------------------------------------------------------
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


_compiled: dict[str, _Compiled] = {}

_NUMERIC_DATE_ISO = re.compile(r"(?<![\d.,/-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d/]|[.,-]\d)")
_NUMERIC_DATE = re.compile(r"(?<![\d.,/-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[.,-]\d)")
_NUMERIC_DAY_MONTH = re.compile(r"(?<![\d.,/-])(\d{1,2})/(\d{1,2})(?![\d/]|[.,]\d)")
_TIME = re.compile(r"(?<![\d.,:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])"
                   r"(?:\s*([ap])\.?\s?m\b\.?)?", re.I)


def _compile(key: str) -> _Compiled:
    if key in _compiled:
        return _compiled[key]
    p = LANGUAGES[key]
    cs = p.case_sensitive
    flags = 0 if cs else re.I
    cl = p.clitics
    ordn = p.ordinal_suffix + "?" if p.ordinal_suffix else ""
    named_date = weekday = words = cue = anti_cue = None
    if p.months:
        months = _alternation(p.months, cs)
        joiners = "|".join(re.escape(_fold_word(j)) for j in p.day_month_joiners)
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
            cues = "|".join(re.escape(_fold_word(c)) for c in p.weekday_cues)
            cue = re.compile(rf"(?<!\w){cl}(?:{cues})\s*$", flags)
        if p.not_weekday_cues:
            anti = "|".join(re.escape(_fold_word(c)) for c in p.not_weekday_cues)
            anti_cue = re.compile(rf"(?<!\w){cl}(?:{anti})\s*$", flags)
    pct_words = "|".join(re.escape(_fold_word(w)).replace(r"\ ", r"\s+")
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
        months={_fold_word(k).lower() if not cs else _fold_word(k): v for k, v in p.months.items()},
        ambiguous_months=frozenset(_fold_word(k) for k in p.ambiguous_months),
        weekdays={_fold_word(k): v for k, v in p.weekdays.items()},
        ambiguous_weekdays=frozenset(_fold_word(k) for k in p.ambiguous_weekdays),
        cue=cue,
        anti_cue=anti_cue,
        uncertain_weekdays=frozenset(_fold_word(k) for k in p.uncertain_weekdays),
        words_map={_fold_word(k).lower(): float(v) for k, v in p.number_words.items()},
        word_joiner=re.compile(p.word_joiner),
        decade=re.compile(p.decade_suffix) if p.decade_suffix else None,
        title_context=(re.compile(p.title_context[0]), re.compile(p.title_context[1]))
        if p.title_context else None,
        scales={_fold_word(k).lower(): float(v) for k, v in p.scale_words.items()},
        case_sensitive=cs,
        decimal_comma=p.decimal_comma,
    )
    _compiled[key] = c
    return c


def _lookup(name: str, table: dict, case_sensitive: bool):
    name = re.sub(r"\s+", " ", name)
    if case_sensitive:
        for cand in (name, name[:1] + name[1:].lower(), name.capitalize()):
            if cand in table:
                return table[cand], cand
        return None, None
    low = {k.lower(): k for k in table}
    k = low.get(name.lower())
    return (table[k], k) if k is not None else (None, None)


def _parse_number(s: str, decimal_comma: bool | None = None) -> frozenset[float]:
    """Readings of a digit string with separators ("1,000" -> 1000; "1.000" -> 1 or 1000)."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?", s):
        return frozenset({float(s.replace(",", ""))})
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?", s):
        return frozenset({float(s.replace(".", "").replace(",", "."))})
    m = re.fullmatch(r"(\d+)([.,])(\d+)", s)
    if m:
        whole, sep, frac = m.groups()
        dec = float(f"{whole}.{frac}")
        if len(frac) == 3 and len(whole) <= 3:  # "1,000" / "1.000": thousands or decimal
            if decimal_comma is None:
                return frozenset({float(whole + frac), dec})
            return frozenset({dec if (sep == ",") == decimal_comma else float(whole + frac)})
        return frozenset({dec})
    return frozenset({float(s)})


def _year(y: str) -> int:
    v = int(y)
    if len(y) == 2:
        v += 2000 if v < 70 else 1900
    return v


def _date_readings(a: int, b: int, y: int | None) -> frozenset:
    readings = set()
    if 1 <= a <= 31 and 1 <= b <= 12:
        readings.add((a, b, y))
    if 1 <= b <= 31 and 1 <= a <= 12:
        readings.add((b, a, y))
    return frozenset(readings)


def extract(text: str, lang: str | None = None, *, offset: int = 0) -> list[Mention]:
    """Numbers, percentages, dates, times and weekdays of ``text``, in order.

    ``lang`` picks the vocabulary in :data:`LANGUAGES` (unknown or ``None``:
    digits only). Offsets are into ``text`` plus ``offset`` (pass a segment's
    start to get document offsets).

    Example:
        >>> [(m.kind, m.text, sorted(m.values)) for m in extract("Up 5% to 1,200 on 2 May 2022", "en")][:2]
        [('percent', '5%', [5.0]), ('number', '1,200', [1200.0])]
    """
    if not text:
        return []
    key = _lang_key(lang)
    c = _compile(key)
    folded, index = _fold(text)
    taken = bytearray(len(folded) + 1)
    found: list[Mention] = []

    def number(s: int, e: int) -> frozenset:
        # Arabic separators are unambiguous: ٬ groups thousands, ٫ marks decimals.
        explicit = any(text[index[i]] in "٫٬" for i in range(s, e))
        return _parse_number(folded[s:e], False if explicit else c.decimal_comma)

    def is_title(s: int, e: int) -> bool:
        if c.title_context is None:
            return False
        before, after = c.title_context
        return bool(before.search(folded[max(0, s - 20):s]) and after.search(folded[e:e + 3]))

    def free(s: int, e: int) -> bool:
        return not any(taken[s:e])

    def add(kind, s, e, **kw) -> None:
        for i in range(s, e):
            taken[i] = 1
        o_start, o_end = index[s], index[e - 1] + 1
        found.append(Mention(kind, o_start + offset, o_end + offset, text[o_start:o_end], **kw))

    for m in _NUMERIC_DATE_ISO.finditer(folded):
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if 1 <= mo <= 12 and 1 <= d <= 31 and free(m.start(), m.end()):
            add("date", m.start(), m.end(), dates=frozenset({(d, mo, y)}))
    for m in _NUMERIC_DATE.finditer(folded):
        readings = _date_readings(int(m.group(1)), int(m.group(3)), _year(m.group(4)))
        if readings and free(m.start(), m.end()):
            add("date", m.start(), m.end(), dates=readings)
    for m in _NUMERIC_DAY_MONTH.finditer(folded):
        readings = _date_readings(int(m.group(1)), int(m.group(2)), None)
        if readings and free(m.start(), m.end()):
            add("date", m.start(), m.end(), dates=readings)
    for m in _TIME.finditer(folded):
        h, mi = int(m.group(1)), int(m.group(2))
        ampm = (m.group(3) or "").lower()
        if ampm == "p" and h < 12:
            h += 12
        elif ampm == "a" and h == 12:
            h = 0
        vals = {h * 60 + mi} if ampm or h > 12 or h == 0 else {h * 60 + mi, (h + 12) % 24 * 60 + mi}
        if free(m.start(), m.end()):
            add("time", m.start(), m.end(), values=frozenset(float(v) for v in vals))
    if c.named_date is not None:
        for m in c.named_date.finditer(folded):
            month, name = _lookup(m.group("month"), c.months, c.case_sensitive)
            if month is None:
                continue
            d = m.group("d1") or m.group("d2")
            y = m.group("y")
            if d is None and y is None and (name in c.ambiguous_months
                                            or is_title(m.start("month"), m.end("month"))):
                continue
            s = m.start() if m.group("d1") else m.start("month")
            if free(s, m.end()):
                add("date", s, m.end(), dates=frozenset({(int(d) if d else None, month,
                                                          int(y) if y else None)}),
                    certain=bool(d or y))
    if c.weekday is not None:
        for m in c.weekday.finditer(folded):
            wd, name = _lookup(m.group("name"), c.weekdays, c.case_sensitive)
            if wd is None:
                continue
            before = folded[max(0, m.start() - 12):m.start()]
            cued = bool((c.cue is not None and c.cue.search(before))
                        or re.match(r"[\s,،(]*\d", folded[m.end():m.end() + 4]))
            certain = True
            if name in c.ambiguous_weekdays and not cued:
                continue
            if name in c.uncertain_weekdays and not cued:
                if c.anti_cue is not None and c.anti_cue.search(before):
                    continue
                certain = False
            if is_title(m.start("name"), m.end("name")):
                continue
            if free(m.start("name"), m.end("name")):
                add("weekday", m.start("name"), m.end("name"), weekday=wd, certain=certain)
    for m in c.percent.finditer(folded):
        if free(m.start(), m.end()):
            g = "pre" if m.group("pre") else "num"
            add("percent", m.start(), m.end(), values=number(m.start(g), m.end(g)))
    for m in c.number.finditer(folded):
        if not free(m.start(), m.end("num")):
            continue
        values = set(number(m.start("num"), m.end("num")))
        end = m.end("num")
        if m.groupdict().get("ord"):
            end = m.end("ord")
        sc = m.groupdict().get("scale")
        if sc and free(m.start("scale"), m.end("scale")):
            factor = c.scales.get(sc.lower()) or c.scales.get(re.sub(r"\s+", " ", sc.lower()))
            if factor:
                values |= {v * factor for v in values}
                end = m.end("scale")
        certain = True
        if c.decade is not None and not sc and (dm := c.decade.match(folded, end)):
            values |= {v % 100 for v in values if v >= 100 and v % 10 == 0 and v % 100}
            end, certain = dm.end(), False
        add("number", m.start(), end, values=frozenset(values), certain=certain)
    if c.words is not None:
        parts: list[tuple[int, int, float, set]] = []
        for m in c.words.finditer(folded):
            w = c.words_map.get(m.group("w").lower())
            if w is None or not free(m.start("w"), m.end()):
                continue
            values = {w}
            sc = m.groupdict().get("scale")
            if sc and c.scales.get(sc.lower()):
                values.add(w * c.scales[sc.lower()])
            parts.append((m.start("w"), m.end(), w, values))
        for group in _compounds(parts, folded, c.word_joiner):
            values = set().union(*(g[3] for g in group))
            if len(group) > 1:
                values.add(_combine([g[2] for g in group]))
            add("word", group[0][0], group[-1][1], values=frozenset(values), certain=False)
    found.sort(key=lambda x: (x.start, x.end))
    return found


def _compounds(parts, folded: str, joiner: re.Pattern) -> list[list]:
    """Runs of number words separated only by ``joiner`` ("twenty-five")."""
    groups: list[list] = []
    for part in parts:
        if groups and joiner.fullmatch(folded[groups[-1][-1][1]:part[0]]):
            groups[-1].append(part)
        else:
            groups.append([part])
    return groups


def _combine(values: list[float]) -> float:
    """Value of a compound number from its words' values: 9, 10 -> 19; 1, 100, 20 -> 120."""
    total = current = 0.0
    for v in values:
        if v >= 100:
            current = max(current, 1.0) * v
            if v >= 1000:
                total, current = total + current, 0.0
        else:
            current += v
    return total + current


# -- comparison -------------------------------------------------------------------
def _key(v: float) -> float:
    return round(float(v), 6)


@dataclass
class _Evidence:
    numbers: set = field(default_factory=set)
    days: set = field(default_factory=set)
    months: set = field(default_factory=set)
    years: set = field(default_factory=set)
    weekdays: set = field(default_factory=set)
    times: set = field(default_factory=set)

    @classmethod
    def of(cls, mentions: Iterable[Mention]) -> "_Evidence":
        ev = cls()
        for m in mentions:
            if m.kind in ("number", "percent", "word"):
                ev.numbers |= {_key(v) for v in m.values}
            elif m.kind == "time":
                ev.times |= {_key(v) for v in m.values}
            elif m.kind == "weekday" and m.weekday is not None:
                ev.weekdays.add(m.weekday)
            for d, mo, y in m.dates:
                if d is not None:
                    ev.days.add(d)
                    ev.numbers.add(_key(d))
                if mo is not None:
                    ev.months.add(mo)
                if y is not None:
                    ev.years.add(y)
                    ev.numbers.add(_key(y))
        # A plain number can be the day or the year written apart from its month.
        for v in ev.numbers:
            if float(v).is_integer():
                if 1 <= v <= 31:
                    ev.days.add(int(v))
                if 1000 <= v <= 2999:
                    ev.years.add(int(v))
        return ev

    def has(self, m: Mention) -> bool:
        if m.kind == "word":
            return True
        if m.kind in ("number", "percent"):
            return any(_key(v) in self.numbers for v in m.values)
        if m.kind == "time":
            return any(_key(v) in self.times for v in m.values)
        if m.kind == "weekday":
            return m.weekday in self.weekdays
        if m.kind == "date":
            return any((d is None or d in self.days) and (mo is None or mo in self.months)
                       and (y is None or y in self.years) for d, mo, y in m.dates)
        return True


def _as_text(x: "str | Span") -> tuple[str, int]:
    if isinstance(x, Span):
        return x.text, x.start
    return x, 0


def missing(mentions: Iterable[Mention], other: Iterable[Mention]) -> tuple[Mention, ...]:
    """The reportable ``mentions`` whose value is absent from the ``other`` mentions."""
    ev = _Evidence.of(other)
    return tuple(m for m in mentions if m.kind in REPORTABLE_KINDS and not ev.has(m))


def weekday_rendering(m: Mention, other: Iterable[Mention]) -> bool:
    """True when the full date ``m`` fell on a weekday the ``other`` mentions name.

    A report that writes "on Tuesday" for "19/7/2022" (a Tuesday) renders the
    date less precisely; it does not omit the event's day.

    Example:
        >>> date = extract("19/7/2022", "en")[0]
        >>> weekday_rendering(date, extract("on Tuesday", "en"))
        True
    """
    import datetime

    if m.kind != "date":
        return False
    named = {o.weekday for o in other if o.kind == "weekday" and o.weekday is not None}
    for d, mo, y in m.dates:
        if None in (d, mo, y):
            continue
        try:
            if datetime.date(y, mo, d).weekday() in named:
                return True
        except ValueError:
            continue
    return False


def one_sided(a: "str | Span", b: "str | Span", *, lang_a: str | None = None,
              lang_b: str | None = None) -> NumberDiff:
    """Numbers and dates of two linked spans that appear on one side only.

    ``a`` and ``b`` are texts or :class:`~align.text.document.Span` values (then
    offsets of the result are document offsets). Values are compared after
    normalisation, so "١٩" equals "19" and "19 July" equals "19/7".

    Example:
        >>> d = one_sided("The deal is worth $5 million.", "قيمة الصفقة ٥ ملايين دولار", lang_a="en", lang_b="ar")
        >>> bool(d)
        False
    """
    text_a, off_a = _as_text(a)
    text_b, off_b = _as_text(b)
    ma = extract(text_a, lang_a, offset=off_a)
    mb = extract(text_b, lang_b, offset=off_b)
    return NumberDiff(a=missing(ma, mb), b=missing(mb, ma))


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"
