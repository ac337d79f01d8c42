"""What extraction finds: a :class:`Mention` (a number, date, time or weekday
with its offsets and values) and the one-sided mentions of two spans."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"
