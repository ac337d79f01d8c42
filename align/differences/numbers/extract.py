"""Finding numbers, percentages, dates, times and weekdays in a text.

:func:`extract` folds the text once and runs one pass per kind over it, most
specific first (ISO and numeric dates, times, named dates, weekdays,
percentages, numbers, number words); a pass only takes characters no
earlier pass took, so "19/7/2022" is one date, not three numbers. Results
are kept for the last few thousand texts: a comparison's flags and its QA
check ask for the same segments.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .mentions import Mention
from .patterns import _NUMERIC_DATE, _NUMERIC_DATE_ISO, _NUMERIC_DAY_MONTH, _TIME, _TIME_DOT, _Compiled, compiled
from .vocabulary import fold, generation, lang_key


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
    return list(_extract(text, lang_key(lang), offset, generation()))


@lru_cache(maxsize=4096)
def _extract(text: str, key: str, offset: int, _generation: int) -> tuple[Mention, ...]:
    scan = _Scan(text, compiled(key), offset)
    for find in _PASSES:
        find(scan)
    scan.found.sort(key=lambda x: (x.start, x.end))
    return tuple(scan.found)


class _Scan:
    """One text being scanned: its fold, the folded characters mentions took, the mentions."""

    def __init__(self, text: str, c: _Compiled, offset: int):
        self.text, self.c, self.offset = text, c, offset
        self.folded, self.index = fold(text)
        self.taken = bytearray(len(self.folded) + 1)
        self.found: list[Mention] = []

    def number(self, s: int, e: int) -> frozenset:
        # Arabic separators are unambiguous: ٬ groups thousands, ٫ marks decimals.
        explicit = any(self.text[self.index[i]] in "٫٬" for i in range(s, e))
        return _parse_number(self.folded[s:e], False if explicit else self.c.decimal_comma)

    def is_title(self, s: int, e: int) -> bool:
        if self.c.title_context is None:
            return False
        before, after = self.c.title_context
        return bool(before.search(self.folded[max(0, s - 20):s])
                    and after.search(self.folded[e:e + 3]))

    def free(self, s: int, e: int) -> bool:
        return not any(self.taken[s:e])

    def add(self, kind, s, e, **kw) -> None:
        for i in range(s, e):
            self.taken[i] = 1
        o_start, o_end = self.index[s], self.index[e - 1] + 1
        self.found.append(Mention(kind, o_start + self.offset, o_end + self.offset,
                                  self.text[o_start:o_end], **kw))


def _numeric_dates(scan: _Scan) -> None:
    for m in _NUMERIC_DATE_ISO.finditer(scan.folded):
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if 1 <= mo <= 12 and 1 <= d <= 31 and scan.free(m.start(), m.end()):
            scan.add("date", m.start(), m.end(), dates=frozenset({(d, mo, y)}))
    for m in _NUMERIC_DATE.finditer(scan.folded):
        readings = _date_readings(int(m.group(1)), int(m.group(3)), _year(m.group(4)))
        if readings and scan.free(m.start(), m.end()):
            scan.add("date", m.start(), m.end(), dates=readings)
    for m in _NUMERIC_DAY_MONTH.finditer(scan.folded):
        readings = _date_readings(int(m.group(1)), int(m.group(2)), None)
        if readings and scan.free(m.start(), m.end()):
            scan.add("date", m.start(), m.end(), dates=readings)


def _times(scan: _Scan) -> None:
    for m in (*_TIME.finditer(scan.folded), *_TIME_DOT.finditer(scan.folded)):
        h, mi = int(m.group(1)), int(m.group(2))
        ampm = (m.group(3) or "").lower()
        if ampm == "p" and h < 12:
            h += 12
        elif ampm == "a" and h == 12:
            h = 0
        vals = {h * 60 + mi} if ampm or h > 12 or h == 0 else {h * 60 + mi, (h + 12) % 24 * 60 + mi}
        if scan.free(m.start(), m.end()):
            scan.add("time", m.start(), m.end(), values=frozenset(float(v) for v in vals))


def _named_dates(scan: _Scan) -> None:
    c = scan.c
    if c.named_date is None:
        return
    for m in c.named_date.finditer(scan.folded):
        month, name = _lookup(m.group("month"), c.months, c.case_sensitive)
        if month is None:
            continue
        d = m.group("d1") or m.group("d2")
        y = m.group("y")
        if d is None and y is None and (name in c.ambiguous_months
                                        or scan.is_title(m.start("month"), m.end("month"))):
            continue
        s = m.start() if m.group("d1") else m.start("month")
        if scan.free(s, m.end()):
            scan.add("date", s, m.end(), dates=frozenset({(int(d) if d else None, month,
                                                           int(y) if y else None)}),
                     certain=bool(d or y))


def _weekdays(scan: _Scan) -> None:
    c, folded = scan.c, scan.folded
    if c.weekday is None:
        return
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
        if scan.is_title(m.start("name"), m.end("name")):
            continue
        if scan.free(m.start("name"), m.end("name")):
            scan.add("weekday", m.start("name"), m.end("name"), weekday=wd, certain=certain)


def _percents(scan: _Scan) -> None:
    for m in scan.c.percent.finditer(scan.folded):
        if scan.free(m.start(), m.end()):
            g = "pre" if m.group("pre") else "num"
            scan.add("percent", m.start(), m.end(), values=scan.number(m.start(g), m.end(g)))


def _numbers(scan: _Scan) -> None:
    c, folded = scan.c, scan.folded
    for m in c.number.finditer(folded):
        if not scan.free(m.start(), m.end("num")):
            continue
        values = set(scan.number(m.start("num"), m.end("num")))
        end = m.end("num")
        if m.groupdict().get("ord"):
            end = m.end("ord")
        sc = m.groupdict().get("scale")
        if sc and scan.free(m.start("scale"), m.end("scale")):
            factor = c.scales.get(sc.lower()) or c.scales.get(re.sub(r"\s+", " ", sc.lower()))
            if factor:
                values |= {v * factor for v in values}
                end = m.end("scale")
        certain = True
        if c.decade is not None and not sc and (dm := c.decade.match(folded, end)):
            values |= {v % 100 for v in values if v >= 100 and v % 10 == 0 and v % 100}
            end, certain = dm.end(), False
        scan.add("number", m.start(), end, values=frozenset(values), certain=certain)


def _number_words(scan: _Scan) -> None:
    c = scan.c
    if c.words is None:
        return
    parts: list[tuple[int, int, float, set]] = []
    for m in c.words.finditer(scan.folded):
        w = c.words_map.get(m.group("w").lower())
        if w is None or not scan.free(m.start("w"), m.end()):
            continue
        values = {w}
        sc = m.groupdict().get("scale")
        if sc and c.scales.get(sc.lower()):
            values.add(w * c.scales[sc.lower()])
        parts.append((m.start("w"), m.end(), w, values))
    for group in _compounds(parts, scan.folded, c.word_joiner):
        values = set().union(*(g[3] for g in group))
        if len(group) > 1:
            values.add(_combine([g[2] for g in group]))
        scan.add("word", group[0][0], group[-1][1], values=frozenset(values), certain=False)


#: The passes in order: a later pass only takes characters no earlier one took.
_PASSES = (_numeric_dates, _times, _named_dates, _weekdays, _percents, _numbers, _number_words)


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
