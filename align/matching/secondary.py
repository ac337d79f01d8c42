"""Secondary links: a clause whose counterpart sits in another sentence than its own partner.

Independent reports redistribute content: one sentence of version a holds a
clause that version b states in sentence X and another clause that b states
in sentence Y; a lead restates part of a quote the body gives in full. The
first pass (:func:`align.matching.assignment.link_segments`) links each
statement to its best-explained partner and, by its rival test, to nothing
that another segment explains better, so the second home of such a clause
stays unlinked and its text is flagged as missing.

This pass gives a clause (or sentence, or clause pair) u of segment i a link
to the segment j of its best partner v (sentences, clauses and clause pairs
of the other side; never a window) when all of these hold:

- i and j are not linked yet;
- the pair is close: margin, cosine z-score and cosine floor as for a link
  (:class:`SecondaryParams`: a margin of its own, a looser z);
- v's best match in a segment other than i beats the pair by at most ``gap``
  (0.15; the first pass allows 0.02): v may belong to another statement too;
- u is not already explained by i's partners (its best margin with their
  units stays below ``support``);
- i and j share a lexical anchor (a name or a number,
  :mod:`align.matching.anchors`) that is *new*: not shared by i with any of
  its partners, or not shared by j with any of its partners. The embedding
  alone cannot tell a clause restated elsewhere from a clause that merely
  shares a topic; a fact both segments name and the existing links do not
  account for can.

Chosen on the real development pairs and the NTREX synthetic pairs together
(``benchmarks/real_pairs.py``, ``benchmarks/ntrex_synthetic.py``); see
:class:`SecondaryParams` for the measured trade-off.

Example:
    >>> from align.matching.secondary import SecondaryParams
    >>> SecondaryParams().gap
    0.15
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..types import Link, link_partners
from .anchors import SegmentAnchors
from .scores import PairScores


@dataclass(frozen=True)
class SecondaryParams:
    """Thresholds of a secondary link (:mod:`align.matching.secondary`).

    Chosen on the 9 real development pairs (``benchmarks/real_pairs.py``,
    mean per pair) and the 123 NTREX synthetic pairs
    (``benchmarks/ntrex_synthetic.py``) together; the cosine floor is the
    link's (:attr:`align.matching.assignment.LinkingParams.cosine_floor`).
    Measured (real link P / R / F1, real flag F1; NTREX link F1, flag F1,
    false flags per clean pair):

    - no secondary links: 0.731 / 0.550 / 0.591, 0.761; 0.956, 0.889, 1.31
    - ``gap`` 0.10: 0.756 / 0.620 / 0.648, 0.780; 0.957, 0.891, 1.30
    - ``gap`` 0.15 (default): 0.758 / 0.620 / 0.650, 0.784; 0.956, 0.889, 1.29
    - ``gap`` 0.20: 0.746 / 0.642 / 0.660, 0.773; 0.955, 0.888, 1.29
    - ``gap`` 0.20 without ``anchors``: 0.715 / 0.688 / 0.675, 0.746; 0.949, 0.878, 1.22

    Measured before gap pairing (:mod:`align.matching.gaps`); with it and
    the rest of today's defaults, at 0.15: 0.758 / 0.620 / 0.650, 0.785;
    0.958, 0.893, 0.98. 0.15 is the widest gap that costs NTREX nothing. On the real pairs (gap 0.20)
    ``margin`` 1.0 scores as 1.06, 1.12 links less (0.605); ``z`` 0 as 0.5,
    1.0 links less (0.641); ``support`` 0.8 to 1.0 changes nothing.
    """

    #: Ratio margin the unit pair must reach (the link margin).
    margin: float = 1.06
    #: Cosine z-score the unit pair must reach (looser than a link's 1.0:
    #: the anchor requirement carries part of the evidence).
    z: float = 0.5
    #: How far the partner's best match in another segment may beat the pair.
    gap: float = 0.15
    #: A unit whose best margin with its segment's partners reaches this is
    #: already explained by them and proposes nothing.
    support: float = 0.9
    #: Whether a new shared name or number is required.
    anchors: bool = True

    def __post_init__(self) -> None:
        if self.gap < 0:
            raise ValueError(f"secondary gap must be >= 0, got {self.gap}")


def secondary_links(scores: PairScores, links: tuple[Link, ...], params: SecondaryParams,
                    anchors: tuple[SegmentAnchors, SegmentAnchors] | None,
                    cosine_floor: float | None, confidence) -> tuple[Link, ...]:
    """``links`` plus the secondary links of both sides, sorted by their a-side ids.

    ``anchors`` are the two documents' :class:`SegmentAnchors` (required
    when ``params.anchors``); ``confidence`` maps a margin to a link score
    (:meth:`align.matching.assignment.LinkingParams.confidence`).
    """
    found: dict[tuple[int, int], float] = {}
    for flip in (False, True):
        side_scores = scores.transposed() if flip else scores
        own_anchors, other_anchors = (anchors[::-1] if flip else anchors) if anchors else (None, None)
        partners = link_partners(links, "b" if flip else "a")
        other_partners = link_partners(links, "a" if flip else "b")
        for (i, j), m in _proposals(side_scores, partners, params, cosine_floor).items():
            if params.anchors and not _new_anchor(own_anchors, other_anchors, i, j,
                                                  partners.get(i, ()), other_partners.get(j, ())):
                continue
            key = (j, i) if flip else (i, j)
            found[key] = max(found.get(key, -np.inf), m)
    extra = [Link(a=(i,), b=(j,), score=round(confidence(m), 4)) for (i, j), m in found.items()]
    return tuple(sorted(tuple(links) + tuple(extra), key=lambda l: (l.a, l.b)))


def _proposals(scores: PairScores, partners: dict[int, list[int]], params: SecondaryParams,
               cosine_floor: float | None) -> dict[tuple[int, int], float]:
    """Segment pairs (i, j) of side a and side b proposed by a unit of i, with the best margin."""
    p = scores.a
    units_a, units_b = scores.units_a, scores.units_b
    if p.margin.size == 0:
        return {}
    groups_b = units_b.segment_groups()
    is_window_b = np.array([u.kind == "window" for u in units_b.items], dtype=bool)
    out: dict[tuple[int, int], float] = {}
    for u, unit in enumerate(units_a.items):
        if unit.kind == "window":
            continue
        slots = np.flatnonzero(p.valid[u] & ~is_window_b[np.maximum(p.index[u], 0)])
        if not slots.size:
            continue
        slot = int(slots[0])  # slots are sorted by margin, best first
        v, m, cos = int(p.index[u, slot]), float(p.margin[u, slot]), float(p.cosine[u, slot])
        i, j = unit.segments[0], units_b.items[v].segments[0]
        mine = partners.get(i, ())
        if j in mine or m < params.margin or float(scores.z(np.float32(cos))) < params.z:
            continue
        if cosine_floor is not None and cos < cosine_floor:
            continue
        rivals = p.rival_margin[:, v][p.rival_segment[:, v] != i]
        if rivals.size and m < float(rivals.max()) - params.gap:
            continue
        if mine:
            members = [w for s in mine for w in groups_b[s]]
            if float(scores.margin_at(u, members).max()) >= params.support:
                continue
        out[(i, j)] = max(out.get((i, j), -np.inf), m)
    return out


def _new_anchor(own: SegmentAnchors, other: SegmentAnchors, i: int, j: int,
                partners_i, partners_j) -> bool:
    """Whether i and j share an anchor that i's partners, or j's partners, do not account for."""
    shared = own.shared(other, i, j)
    if not shared:
        return False
    explained_i = set().union(*(own.shared(other, i, s) for s in partners_i))
    explained_j = set().union(*(own.shared(other, s, j) for s in partners_j))
    return bool(shared - explained_i) or bool(shared - explained_j)


__all__ = ["SecondaryParams", "secondary_links"]
