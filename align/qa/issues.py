"""From a comparison to issues: each flag an omission, addition or number
mismatch, plus the numbers and dates of linked statements that one side lacks."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..differences.numbers import extract, weekday_rendering
from ..text.segment import count_words
from ..types import link_partners, link_scores
from .ids import ignore_set, issue_id
from .report import CATEGORIES, PairInfo, QAIssue, QAReport
from .severity import ContentClass, Thresholds, content_class, thresholds_with

if TYPE_CHECKING:
    from ..result import Comparison

logger = logging.getLogger(__name__)


def _words(text: str) -> int:
    # The segmenter's count: "country's" is one word, "السيّد" too.
    return count_words(text)


def _content(cmp: "Comparison", flag, th: Thresholds) -> ContentClass:
    doc = cmp.document(flag.side)
    seg = doc.segments[flag.segment]
    return content_class(flag.text, doc.lang, min_content_words=th.fact_min_content_words,
                         sentence_start=not doc.text[seg.start:flag.start].strip())


def _conflict_issue(cmp: "Comparison", flag, th: Thresholds) -> QAIssue:
    """A ``conflict`` flag (a value the linked statement gives otherwise) as a number mismatch."""
    doc = cmp.document(flag.side)
    other = "target" if flag.side == "a" else "source"
    return QAIssue(
        category="number-mismatch", severity=th.severity(flag.confidence),
        side=flag.side, start=flag.start, end=flag.end, text=flag.text,
        confidence=float(flag.confidence),
        id=issue_id("number-mismatch", flag.side, flag.text,
                    context=doc.segments[flag.segment].text),
        lang=doc.lang, segment=flag.segment,
        detail=_conflict_detail(flag, other),
    )


def _conflict_detail(flag, other: str) -> str:
    """``number 41 (41) differs from 40 (number 40 (40)) in the linked target statement``:
    both values when the flag's evidence names the other side's."""
    there = "; ".join(f"{v.text} ({v.value})" if v.value else v.text
                      for v in flag.evidence.other_values)
    own = flag.evidence.value or flag.text
    if not there:
        return f"{own} differs from the value in the linked {other} statement"
    return f"{own} differs from {there} in the linked {other} statement"


def _omission_detail(flag, lacking: str) -> str:
    """What is missing, naming the words that found no counterpart when there are such."""
    detail = f"{flag.kind} statement missing from the {lacking}"
    if flag.kind == "partial" and flag.evidence.missing:
        detail += "; no counterpart for: " + " \u2026 ".join(m.text for m in flag.evidence.missing)
    return detail


def _number_issues(cmp: "Comparison", covered: dict[str, list[tuple[int, int]]],
                   thresholds: Thresholds) -> list[QAIssue]:
    """Numbers and dates of each linked segment that none of its counterparts has."""
    from ..differences.numbers import missing

    issues: list[QAIssue] = []
    for side, other in (("a", "b"), ("b", "a")):
        doc, other_doc = cmp.document(side), cmp.document(other)
        partners = link_partners(cmp.link_list, side)
        support = link_scores(cmp.link_list, side)
        for i in sorted(partners):
            seg = doc.segments[i]
            mine = extract(seg.text, doc.lang, offset=seg.start)
            if not any(m.kind != "word" for m in mine):
                continue
            theirs = [m for j in partners[i] for m in extract(
                other_doc.segments[j].text, other_doc.lang, offset=other_doc.segments[j].start)]
            for m in missing(mine, theirs):
                if any(s <= m.start and m.end <= e for s, e in covered[side]):
                    continue  # already inside an omission/addition issue
                confidence = max(0.0, min(1.0, support[i])) * (1.0 if m.certain else 0.8)
                rendered = weekday_rendering(m, theirs)
                lacking = "target" if side == "a" else "source"
                issues.append(QAIssue(
                    category="number-mismatch",
                    severity="note" if rendered else thresholds.severity(confidence),
                    side=side, start=m.start, end=m.end, text=m.text,
                    confidence=confidence,
                    id=issue_id("number-mismatch", side, m.text, context=seg.text),
                    lang=doc.lang, segment=seg.id,
                    detail=(f"{m.describe()} rendered as its weekday in the linked {lacking} "
                            "statement" if rendered else
                            f"{m.describe()} not in the linked {lacking} statement"),
                ))
    return issues


def check(
    comparison: "Comparison",
    *,
    thresholds: Thresholds | None = None,
    error_confidence: float | None = None,
    warning_confidence: float | None = None,
    min_confidence: float | None = None,
    error_min_words: int | None = None,
    warning_min_words: int | None = None,
    numbers: bool = True,
    ignore: Iterable[str] | str | Path | None = None,
    pair: PairInfo | None = None,
    same_event: bool = True,
) -> QAReport:
    """QA issues of a comparison whose side ``a`` is the source, ``b`` the target.

    Threshold keywords override the matching fields of ``thresholds`` (see
    :class:`Thresholds` for defaults and how they were chosen); they are
    validated before any work. ``numbers=False`` skips number mismatches.
    ``ignore`` is an ignore-file path or a collection of issue ids to drop.
    With ``same_event`` (default) the pair first passes the same-event
    judgement (:mod:`align.event`): two texts that look like reports of
    different events are no source and translation, so the pair gets an
    ``error`` saying so (exit status 2) besides its issues.

    Example:
        >>> import align
        >>> report = check(align.compare(arabic_text, english_text), warning_confidence=0.6)  # doctest: +SKIP
        >>> [(i.category, i.severity, i.text) for i in report.issues]  # doctest: +SKIP
    """
    th = thresholds_with(thresholds, error_confidence=error_confidence,
                     warning_confidence=warning_confidence, min_confidence=min_confidence,
                     error_min_words=error_min_words, warning_min_words=warning_min_words)
    ignored = ignore_set(ignore)
    pair = pair or PairInfo()
    pair = replace(pair, source_lang=pair.source_lang or comparison.a.lang,
                   target_lang=pair.target_lang or comparison.b.lang,
                   signature=pair.signature or comparison.signature)
    if same_event and comparison.same_event is not None and not comparison.same_event.same:
        pair = replace(pair, error="source and target are not the same report: "
                                   + comparison.same_event.headline())
    issues: list[QAIssue] = []
    covered: dict[str, list[tuple[int, int]]] = {"a": [], "b": []}
    for f in comparison.flag_list:
        if f.confidence < th.min_confidence:
            continue
        category = "omission" if f.side == "a" else "addition"
        lacking = "target" if f.side == "a" else "source"
        covered[f.side].append((f.start, f.end))
        if f.kind == "conflict":
            issues.append(_conflict_issue(comparison, f, th))
            continue
        issues.append(QAIssue(
            category=category,
            severity=th.content_severity(f.confidence, _words(f.text), _content(comparison, f, th)),
            side=f.side, start=f.start, end=f.end, text=f.text,
            confidence=float(f.confidence),
            id=issue_id(category, f.side, f.text),
            lang=comparison.document(f.side).lang, segment=f.segment,
            detail=_omission_detail(f, lacking),
        ))
    if numbers:
        issues += _number_issues(comparison, covered, th)
    kept = [replace(i, pair=pair.id) for i in issues if i.id not in ignored]
    kept.sort(key=lambda i: (i.side, i.start, i.end, CATEGORIES.index(i.category)))
    logger.debug("qa: %d issues, %d suppressed", len(kept), len(issues) - len(kept))
    return QAReport(issues=tuple(kept), pairs=(pair,), thresholds=th,
                    suppressed=len(issues) - len(kept))
