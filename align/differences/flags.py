"""What one version lacks: unmatched segments and partial clauses.

- A segment that takes part in no link is ``unmatched``; its confidence
  grows as its best evidence (over the segment and its clauses) falls below
  the link threshold.
- A clause of a linked segment is ``partial`` when nothing on the other side
  resembles it (low margin and low cosine z-score to every unit) *and*
  removing it from its segment does not make the segment less similar to its
  linked counterparts: content the counterpart also has would.
  This is the order-free residue idea of DiffAlign (Vamvas & Sennrich 2023)
  at clause grain.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from ..matching.scores import PairScores
from ..result import Flag, Link
from ..text.document import Document
from ..text.normalise import fold
from ..text.segment import count_words

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FlagParams:
    """Thresholds of the flag decisions (defaults chosen by benchmarks/ntrex_synthetic.py)."""

    #: A clause whose best margin and z-score fall below these has no counterpart.
    partial_margin: float = 0.95
    partial_z: float = 1.5
    #: Removing the clause must change the cosine to the counterpart by at most this.
    partial_gain: float = 0.0
    #: Clauses with fewer words are never flagged alone (too little evidence).
    partial_min_words: int = 4
    slope: float = 12.0

    def __post_init__(self) -> None:
        if self.partial_min_words < 1:
            raise ValueError("partial_min_words must be at least 1")


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def unmatched_flags(doc: Document, side: str, scores: PairScores, linked: set[int],
                    link_margin: float, slope: float) -> list[Flag]:
    """One flag per segment of ``doc`` that no link touches."""
    flags = []
    units = scores.units_a
    best = scores.margin.max(axis=1) if scores.margin.size else np.zeros(len(units.items))
    for seg in doc.segments:
        if seg.id in linked:
            continue
        own = [i for i, u in enumerate(units.items) if u.kind != "window" and u.segments == (seg.id,)]
        evidence = float(max(best[i] for i in own)) if own else 0.0
        confidence = _logistic(slope * (link_margin - evidence))
        flags.append(Flag(side, seg.start, seg.end, seg.text, "unmatched", round(confidence, 4), seg.id))
    return flags


def partial_flags(doc: Document, other: Document, side: str, scores: PairScores,
                  links: Sequence[Link], encode: Callable[[list[str]], np.ndarray],
                  params: FlagParams) -> list[Flag]:
    """Flags for clauses of linked segments whose content the other side lacks."""
    units = scores.units_a
    counterparts: dict[int, set[int]] = {}
    for link in links:
        mine, theirs = (link.a, link.b) if side == "a" else (link.b, link.a)
        for seg_id in mine:
            counterparts.setdefault(seg_id, set()).update(theirs)
    candidates = []
    for i, unit in enumerate(units.items):
        if unit.kind != "clause" or unit.segments[0] not in counterparts:
            continue
        clause_text = doc.text[unit.start:unit.end]
        if count_words(clause_text) < params.partial_min_words:
            continue
        best_m = float(scores.margin[i].max())
        best_z = float(scores.z[i].max())
        if best_m < params.partial_margin and best_z < params.partial_z:
            candidates.append((i, unit, best_m, best_z))
    if not candidates:
        return []
    # Leave-one-out: does the segment without this clause match its
    # counterpart at least as well as the whole segment does?
    texts = []
    for _, unit, _, _ in candidates:
        seg = doc.segments[unit.segments[0]]
        theirs = sorted(counterparts[seg.id])
        rest = doc.text[seg.start:unit.start] + " " + doc.text[unit.end:seg.end]
        texts += [
            fold(" ".join(seg.text.split()), doc.lang),
            fold(" ".join(rest.split()), doc.lang),
            fold(" ".join(" ".join(other.segments[j].text for j in theirs).split()), other.lang),
        ]
    emb = encode(texts)
    flags = []
    for n, (i, unit, best_m, best_z) in enumerate(candidates):
        whole, rest, target = emb[3 * n], emb[3 * n + 1], emb[3 * n + 2]
        gain = float(rest @ target - whole @ target)
        logger.debug("partial candidate %r: margin %.3f z %.2f gain %+.3f",
                     doc.text[unit.start:unit.end][:60], best_m, best_z, gain)
        if gain < params.partial_gain:
            continue
        seg_id = unit.segments[0]
        strength = max(params.partial_margin - best_m, 0.0) + 0.05 * max(params.partial_z - best_z, 0.0)
        confidence = _logistic(params.slope * strength + 40.0 * gain)
        flags.append(Flag(side, unit.start, unit.end, doc.text[unit.start:unit.end], "partial",
                          round(confidence, 4), seg_id))
    return flags
