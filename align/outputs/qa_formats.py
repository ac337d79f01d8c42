"""Renderings of a :class:`~align.qa.QAReport`: text, JSON, CSV and JUnit XML.

- ``text``: for people reading a terminal;
- ``json``: ``{"issues": [{"category", "severity", "side", "start", "end",
  "text", "confidence", "id", ...}], "summary": ..., "pairs": ...}``;
- ``csv``: one row per issue, for spreadsheets (cells that a spreadsheet would
  run as a formula are prefixed with ``'``);
- ``junit``: JUnit XML with a test case per issue, failed when the issue
  reaches ``fail_on`` (as the exit status) and passing otherwise, with the
  issue in its ``<system-out>``; a pair without issues is one passing case.

Example:
    >>> from align.qa import QAReport
    >>> json.loads(render(QAReport(issues=()), "json"))["issues"]
    []
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..qa import PairInfo, QAIssue, QAReport

FORMATS = ("text", "json", "csv", "junit")

CSV_COLUMNS = ("pair", "id", "category", "severity", "side", "lang", "start", "end",
               "confidence", "text", "detail")

# Characters XML 1.0 cannot carry at all, even escaped.
_XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render(report: "QAReport", fmt: str = "text", fail_on: str = "error") -> str:
    """``report`` rendered in ``fmt`` (one of :data:`FORMATS`); ``fail_on`` as in :func:`to_junit`."""
    if fmt == "text":
        return to_text(report)
    if fmt == "json":
        return to_json(report)
    if fmt == "csv":
        return to_csv(report)
    if fmt == "junit":
        return to_junit(report, fail_on=fail_on)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _pair_title(p: "PairInfo") -> str:
    if p.id is None and not p.source:
        return "source a vs target b"
    name = p.id or ""
    if p.source or p.target:
        name = f"{name}: {p.source} -> {p.target}" if name else f"{p.source} -> {p.target}"
    return name


def _one_line(text: str, limit: int = 240) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def to_text(report: "QAReport") -> str:
    """A human-readable listing: a summary line, then each issue with its text."""
    c = report.counts()
    head = (f"align check: {_plural(len(report.issues), 'issue')} ("
            f"{_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, "
            f"{_plural(c['note'], 'note')})")
    if report.suppressed:
        head += f", {report.suppressed} suppressed by the ignore list"
    lines = [head]
    multi = len(report.pairs) > 1 or report.pairs[0].id is not None
    for p in report.pairs:
        lines.append("")
        if multi:
            lines.append(f"== {_pair_title(p)}")
        if p.error:
            lines.append(f"input error: {p.error}")
            continue
        langs = f"source {p.source_lang or '?'}, target {p.target_lang or '?'}"
        lines.append(f"{langs}  [{p.signature}]" if p.signature else langs)
        issues = report.issues_of(p)
        if not issues:
            lines.append("no issues")
        for i in issues:
            lines.append(
                f"{i.severity:<7} {i.category:<15} {i.side}:{i.start}-{i.end}  "
                f"confidence {i.confidence:.2f}  id {i.id}"
            )
            lines.append(f"        {_one_line(i.text)}")
            if i.detail:
                lines.append(f"        ({i.detail})")
    return "\n".join(lines) + "\n"


def to_json(report: "QAReport", indent: int | None = 2) -> str:
    """``report.to_dict()`` as JSON; non-ASCII text stays readable."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=indent)


def _cell(value) -> str:
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(_FORMULA_START) else s


def to_csv(report: "QAReport") -> str:
    """One row per issue under a header row (:data:`CSV_COLUMNS`), plus one
    ``input-error`` row per pair that could not be checked."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for i in report.issues:
        w.writerow([_cell(i.pair), i.id, i.category, i.severity, i.side, i.lang, i.start, i.end,
                    f"{i.confidence:.4f}", _cell(i.text), _cell(i.detail)])
    for p in report.errors:
        w.writerow([_cell(p.id), "", "input-error", "", "", "", "", "", "", "", _cell(p.error)])
    return buf.getvalue()


def _x(text) -> str:
    return _XML_INVALID.sub("\ufffd", "" if text is None else str(text))


def _case_name(i: "QAIssue") -> str:
    return _x(f"[{i.severity}] {i.category} {i.side}:{i.start}-{i.end} {i.id}: {_one_line(i.text, 80)}")


def to_junit(report: "QAReport", fail_on: str = "error") -> str:
    """JUnit XML: a test suite per pair, a test case per issue.

    An issue at or above ``fail_on`` (``"error"``, ``"warning"``, ``"note"``;
    ``"never"`` fails none) is a failed case, as it makes ``align check``
    exit 1; an issue below it is a passing case whose ``<system-out>`` says
    what was found, so CI dashboards turn red exactly when the build does. A
    pair without issues holds one passing case, a pair whose input was bad
    one case with an ``<error>``. Text goes through ElementTree, which
    escapes it; characters XML cannot carry at all become U+FFFD.
    """
    from ..qa import FAIL_ON_CHOICES, SEVERITIES

    if fail_on not in FAIL_ON_CHOICES:
        raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON_CHOICES)}, got {fail_on!r}")
    failing = set() if fail_on == "never" else set(SEVERITIES[SEVERITIES.index(fail_on):])
    root = ET.Element("testsuites", name="align check")
    total = failures = errors = 0
    for n, p in enumerate(report.pairs):
        suite_name = _x(p.id or _pair_title(p))
        issues = report.issues_of(p)
        suite = ET.SubElement(root, "testsuite", name=suite_name)
        props = ET.SubElement(suite, "properties")
        for key, value in (("source", p.source), ("target", p.target),
                           ("source_lang", p.source_lang), ("target_lang", p.target_lang),
                           ("signature", p.signature)):
            if value:
                ET.SubElement(props, "property", name=key, value=_x(value))
        classname = _x(f"align.check.{p.id}" if p.id else "align.check")
        if p.error:
            case = ET.SubElement(suite, "testcase", classname=classname, name="input")
            ET.SubElement(case, "error", type="input-error", message=_x(p.error)).text = _x(p.error)
            counts = (1, 0, 1)
        elif not issues:
            ET.SubElement(suite, "testcase", classname=classname, name="no issues")
            counts = (1, 0, 0)
        else:
            failed = 0
            for i in issues:
                case = ET.SubElement(suite, "testcase", classname=f"{classname}.{i.category}",
                                     name=_case_name(i))
                summary = f"{i.severity}: {i.category} on side {i.side}, confidence {i.confidence:.2f}"
                body = _x(f"{i.text}\n\n{i.detail}\nside {i.side} ({i.lang}) "
                          f"offsets {i.start}-{i.end}, id {i.id}")
                if i.severity in failing:
                    failed += 1
                    fail = ET.SubElement(case, "failure", type=i.category, message=_x(summary))
                    fail.text = body
                else:
                    ET.SubElement(case, "system-out").text = _x(summary) + "\n" + body
            counts = (len(issues), failed, 0)
        suite.set("tests", str(counts[0]))
        suite.set("failures", str(counts[1]))
        suite.set("errors", str(counts[2]))
        suite.set("id", str(n))
        total, failures, errors = total + counts[0], failures + counts[1], errors + counts[2]
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
