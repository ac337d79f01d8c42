"""Pair the leftover sentences that sit in the same gap between two links.

Order-free linking asks each sentence to find its counterpart among the whole
other document, so a loose or idiomatic rendering ("Pretty moderate stuff."
against «أمر معقول إلى حد ما.») whose cosine is too low for the margin test
stays unlinked, and both versions get a false "unmatched" flag. Aligners of
translations (hunalign, Bertalign) recover such pairs from order; reports
reorder freely, but locally they still follow each other: when the linked
neighbours of a sentence on each side are linked to each other, the sentences
between them on both sides are the likeliest counterparts. A gap pair is
linked only when

- both sentences are unlinked and each lies in the other's gap (between
  the partners of its nearest linked neighbours, before and after);
- the gap is narrow on both sides (``max_gap`` unlinked sentences at most),
  so that the order evidence is local;
- they are each other's closest unlinked sentence in the gap, and their
  cosine (reference scale) reaches ``floor``: two statements present in one
  version each, that happen to sit in the same place, are not paired.

Example:
    >>> from align.matching.gaps import GapParams
    >>> GapParams().floor
    0.25
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..types import Link, link_partners
from .scores import PairScores


@dataclass(frozen=True)
class GapParams:
    """Thresholds of gap pairing (see the module docstring)."""

    floor: float = 0.25
    max_gap: int = 2
    #: Score of a gap link: it rests on order, not on the margin test.
    score: float = 0.5

    def __post_init__(self) -> None:
        if self.max_gap < 1:
            raise ValueError(f"max_gap must be at least 1, got {self.max_gap}")


def _gap(i: int, partners: dict[int, list[int]], linked: list[int], n_other: int) -> tuple[int, int]:
    """The open interval of the other side between the partners of ``i``'s linked neighbours."""
    k = bisect.bisect_left(linked, i)
    lo = max(partners[linked[k - 1]]) if k > 0 else -1
    hi = min(partners[linked[k]]) if k < len(linked) else n_other
    return lo, hi


def gap_links(scores: PairScores, links: tuple[Link, ...], n_a: int, n_b: int,
              params: GapParams = GapParams()) -> tuple[Link, ...]:
    """Links between unlinked sentences that share a narrow gap, sorted by a-side ids.

    Each pair linked narrows the gaps around it, so pairing repeats until it
    finds nothing new.
    """
    found: tuple[Link, ...] = ()
    while True:
        new = _pair_once(scores, links + found, n_a, n_b, params)
        if not new:
            return tuple(sorted(found, key=lambda l: (l.a, l.b)))
        found += new


def _pair_once(scores: PairScores, links: tuple[Link, ...], n_a: int, n_b: int,
               params: GapParams) -> tuple[Link, ...]:
    parts = {"a": link_partners(links, "a"), "b": link_partners(links, "b")}
    linked = {side: sorted(p) for side, p in parts.items()}
    if not linked["a"]:
        return ()  # no order to lean on
    free_a = [i for i in range(n_a) if i not in parts["a"]]
    free_b = [j for j in range(n_b) if j not in parts["b"]]
    candidates: dict[int, list[tuple[float, int]]] = {}
    for i in free_a:
        lo, hi = _gap(i, parts["a"], linked["a"], n_b)
        inside = free_b[bisect.bisect_right(free_b, lo):bisect.bisect_left(free_b, hi)]
        if not inside or len(inside) > params.max_gap:
            continue
        for j in inside:
            lo_b, hi_b = _gap(j, parts["b"], linked["b"], n_a)
            if not lo_b < i < hi_b:
                continue
            if bisect.bisect_left(free_a, hi_b) - bisect.bisect_right(free_a, lo_b) > params.max_gap:
                continue
            cos = float(scores.cosine_at(i, j))
            if cos >= params.floor:
                candidates.setdefault(i, []).append((cos, j))
    best_of_b: dict[int, tuple[float, int]] = {}
    for i, cands in candidates.items():
        for cos, j in cands:
            if j not in best_of_b or cos > best_of_b[j][0]:
                best_of_b[j] = (cos, i)
    out = []
    for i, cands in candidates.items():
        cos, j = max(cands)
        if best_of_b[j][1] == i:
            out.append(Link(a=(i,), b=(j,), score=params.score))
    return tuple(out)
