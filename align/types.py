"""The small records every layer shares: a link between segments and a flag.

This module imports nothing from the rest of the package, so the matching and
differences layers can build their results without importing the result or
output layers above them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal

Side = Literal["a", "b"]
FlagKind = Literal["unmatched", "partial", "conflict"]


@dataclass(frozen=True)
class Link:
    """Segments of side ``a`` and of side ``b`` that express the same statement.

    ``a`` and ``b`` are segment ids (usually one each; two or more consecutive
    ids when one side merged what the other split). ``score`` is the
    hubness-corrected similarity that supports the link, in [0, 1].
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float


def link_partners(links: Iterable[Link], side: Side) -> dict[int, list[int]]:
    """Each linked segment of ``side`` and the other side's segments it is linked to, sorted.

    Example:
        >>> link_partners([Link((0,), (1, 2), 0.9), Link((0,), (0,), 0.7)], "a")
        {0: [0, 1, 2]}
    """
    out: dict[int, set[int]] = {}
    for link in links:
        own, other = (link.a, link.b) if side == "a" else (link.b, link.a)
        for i in own:
            out.setdefault(i, set()).update(other)
    return {i: sorted(js) for i, js in out.items()}


def link_scores(links: Iterable[Link], side: Side) -> dict[int, float]:
    """Each linked segment of ``side`` and the score of its best link."""
    out: dict[int, float] = {}
    for link in links:
        for i in (link.a if side == "a" else link.b):
            out[i] = max(out.get(i, 0.0), float(link.score))
    return out


@dataclass(frozen=True)
class EvidenceSpan:
    """Characters ``[start, end)`` of one side's text, exactly: ``text`` is
    ``raw_text[start:end]`` of the input that side was read from.

    ``value`` describes the number or date the span states (for the values
    of a conflict, e.g. ``"number 40 (40)"``); empty for plain words.
    """

    start: int
    end: int
    text: str
    value: str = ""


@dataclass(frozen=True)
class Evidence:
    """Why a flag was raised, in terms a reader can check against the texts.

    - ``missing``: the words of the flagged span that found no counterpart
      on the other side (consecutive ones joined into one span, spans on the
      flag's own side, in text order). Empty for an ``unmatched`` flag (all
      of it is missing), for a ``conflict`` (its span is the value, which
      ``value`` describes) and for a ``partial`` flag whose clause as a
      whole has no counterpart though each of its words resembles something
      there.
    - ``counterpart`` / ``counterpart_score``: the segment of the *other*
      side closest to the flag's segment (among the segments it is linked
      to, when it is linked) and the cosine of their sentence vectors;
      ``None`` when the other side has no segment.
    - ``value`` / ``other_values``: for a ``conflict``, what this side's
      value is and the spans of the other side (inside the linked segments)
      that state a value of the same kind instead.

    Evidence explains a flag; it never decides one: flags, their spans and
    confidences are the same with or without it, and two flags that differ
    only in evidence compare equal.
    """

    missing: tuple[EvidenceSpan, ...] = ()
    counterpart: int | None = None
    counterpart_score: float | None = None
    value: str = ""
    other_values: tuple[EvidenceSpan, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.missing or self.counterpart is not None or self.value
                    or self.other_values)


NO_EVIDENCE = Evidence()


@dataclass(frozen=True)
class Flag:
    """A statement present in one version only, or a value the two give differently.

    ``kind`` is ``"unmatched"`` for a whole segment with no counterpart,
    ``"partial"`` for a phrase or clause inside a linked segment whose
    counterpart lacks it, and ``"conflict"`` for a number or date its
    counterpart gives with another value. ``confidence`` in [0, 1] is how sure
    we are of it. ``segment`` is the id of the segment that holds the text.
    ``evidence`` (:class:`Evidence`) says which words found no counterpart,
    the closest segment of the other side and, for a conflict, the values
    of both sides; it is filled in after the flags are decided
    (:mod:`align.differences.evidence`) and left out of equality.
    """

    side: Side
    start: int
    end: int
    text: str
    kind: FlagKind
    confidence: float
    segment: int
    evidence: Evidence = field(default=NO_EVIDENCE, compare=False, repr=False)
