"""Which mentions of one span the other lacks, by value.

A span's mentions become :class:`_Evidence` (the numbers, days, months,
years, weekdays and times it states); a mention of the other span is
present when its value is in that evidence, so "١٩/٧" matches "19 July"
and a lone "2022" covers the year of a date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ...text.document import Span
from .extract import extract
from .mentions import REPORTABLE_KINDS, Mention, NumberDiff


def _key(v: float) -> float:
    return round(float(v), 6)


def _hour(minutes: float) -> float:
    """The clock hour (1-12) of a whole-hour time: "04:00" is what the other version calls "4"."""
    return _key(minutes // 60 % 12 or 12)


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
                ev.numbers |= {_hour(v) for v in m.values if v % 60 == 0}
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
            return any(_key(v) in self.times or (v % 60 == 0 and _hour(v) in self.numbers)
                       for v in m.values)
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
