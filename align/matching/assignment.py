"""Order-free many-to-many linking of segments.

Independent reports reorder freely, so no monotone path is assumed. Every
unit (sentence, clause or window) on each side proposes its best partner on
the other side; a proposal becomes a link when it is both distinctive (ratio
margin) and close (cosine z-score). Proposals from both directions are
pooled, so a statement repeated on one side links every copy, and a window
proposal stands for a merge or split only when it beats each of its members
alone. Links subsumed by a larger link are dropped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..types import Link
from .scores import PairScores, competitive

#: How many best partners of a unit are tried before it proposes nothing.
_CANDIDATES = 5


@dataclass(frozen=True)
class LinkingParams:
    """Thresholds of the link decision.

    Defaults were chosen on the 123 synthetic NTREX pairs
    (``benchmarks/ntrex_synthetic.py``). ``rival_gap``: with restatements
    exempt, flag F1 0.876 at 0, 0.872 at 0.02, 0.866 at 0.05, 0.855 at 0.1
    (link F1 0.956, 0.956, 0.954, 0.953). Restatements cover copies of a
    repeated statement; 0.02 also keeps a near-copy (the same sentence with
    a few words added) whose rival is a perfect match, as between two
    reports in one language.
    """

    margin: float = 1.06
    z: float = 1.0
    #: Every member of a window must be at least this close to the partner.
    window_member_z: float = 2.0
    #: A window must beat its best member alone by this margin: a merge has
    #: to explain the partner better, not merely as well, as one sentence.
    window_gain: float = 0.1
    #: A unit may link to a partner only if its segment matches the partner
    #: within this of the partner's best match in another segment: a sentence
    #: whose counterpart was deleted otherwise links to the nearest sentence
    #: on the same topic, which has a far better partner of its own. Copies
    #: of a repeated statement score alike and all pass. ``None`` disables it.
    rival_gap: float | None = 0.02
    #: Exempt from the rival test a unit that restates its rival (see
    #: :func:`align.matching.scores.rival_shortfall`).
    restatements: bool = True
    #: Same-language cosine (reference scale) a restatement must also reach:
    #: the 99.9th percentile of same-language cosines between units of
    #: different sentences of one NTREX-128 document is 0.65
    #: (``benchmarks/encoders.py``); NTREX flag F1 0.876 at the 99.5th
    #: (0.57), 0.878 at 0.66, 0.874 with no floor. ``None``: no floor.
    restatement_floor: float | None = 0.65
    #: Absolute cosine (reference scale) below which no link is made,
    #: whatever the margin: the relative scores alone would link the best of
    #: two unrelated texts. On STS 2017 ar-en, pairs rated 0-1 average 0.29
    #: (90th percentile 0.45) and pairs rated 3-5 average 0.62 (10th
    #: percentile 0.45); 0.40 keeps nearly all same-statement pairs.
    #: ``None`` disables it.
    cosine_floor: float | None = 0.40
    #: Slope of the logistic that maps margin to a link score in [0, 1].
    slope: float = 12.0

    def __post_init__(self) -> None:
        if not 0.5 <= self.margin <= 3.0:
            raise ValueError(f"link margin threshold must be in [0.5, 3], got {self.margin}")
        if self.slope <= 0:
            raise ValueError(f"slope must be positive, got {self.slope}")

    def confidence(self, margin: float) -> float:
        """Logistic score of a margin: 0.5 exactly at the threshold."""
        return 1.0 / (1.0 + math.exp(-self.slope * (margin - self.margin)))


def admissible(scores: PairScores, params: LinkingParams, closeness: bool = True) -> np.ndarray:
    """Boolean matrix: pairs close enough (z, cosine floor) and not outcompeted.

    A pair is outcompeted when its partner matches another segment better,
    by more than ``rival_gap``, than it matches the unit's own segment. The
    margin threshold is not part of it. ``closeness=False`` gives the
    evidence for a clause on its own: no z or cosine test (short clauses'
    cosines run lower than sentences') and the clause's own margin, not its
    segment's, against the rivals.
    """
    ok = np.ones(scores.margin.shape, dtype=bool)
    if closeness:
        ok &= scores.z >= params.z
        if params.cosine_floor is not None:
            ok &= scores.cosine >= params.cosine_floor
    if params.rival_gap is not None and scores.margin.size:
        ok &= competitive(scores, params.rival_gap, by_segment=closeness,
                          restatements=params.restatements,
                          restatement_floor=params.restatement_floor)
    return ok


def _proposals(scores: PairScores, params: LinkingParams, flip: bool) -> dict[tuple, float]:
    """Each unit's best admissible partner, kept when its margin passes."""
    ua, ub = scores.units_a, scores.units_b
    out: dict[tuple, float] = {}
    if scores.margin.size == 0:
        return out
    is_window_b = np.array([u.kind == "window" for u in ub.items])
    ok = admissible(scores, params)
    for i, u in enumerate(ua.items):
        row = np.where(ok[i], scores.margin[i], -np.inf)
        if u.kind == "window":
            row[is_window_b] = -np.inf  # n:m merges on both sides are coarse, not statements
        for j in np.argsort(-row, kind="stable")[:_CANDIDATES]:
            m = float(row[j])
            if m < params.margin:
                break
            if not (_window_ok(scores, i, j, params, rows=True) and _window_ok(scores, i, j, params, rows=False)):
                continue
            v = ub.items[j]
            key = (v.segments, u.segments) if flip else (u.segments, v.segments)
            out[key] = max(out.get(key, 0.0), m)
            break
    return out


def _window_ok(scores: PairScores, i: int, j: int, params: LinkingParams, rows: bool) -> bool:
    """A window must beat each member alone, and each member must contribute."""
    units = scores.units_a if rows else scores.units_b
    unit = units.items[i if rows else j]
    if unit.kind != "window":
        return True
    m = scores.margin[i, j]
    for seg in unit.segments:
        member = units.sentence(seg)
        mm = scores.margin[member, j] if rows else scores.margin[i, member]
        zz = scores.z[member, j] if rows else scores.z[i, member]
        if mm + params.window_gain >= m or zz < params.window_member_z:
            return False
    return True


def link_segments(scores: PairScores, params: LinkingParams = LinkingParams()) -> tuple[Link, ...]:
    """Links between the segments of both sides, sorted by their a-side ids."""
    pooled = _proposals(scores, params, flip=False)
    for key, m in _proposals(scores.transposed(), params, flip=True).items():
        pooled[key] = max(pooled.get(key, 0.0), m)
    keys = list(pooled)
    kept = []
    for key in keys:
        a, b = set(key[0]), set(key[1])
        subsumed = any(
            other != key and a <= set(other[0]) and b <= set(other[1]) for other in keys
        )
        if not subsumed:
            kept.append(key)
    links = [Link(a=k[0], b=k[1], score=round(params.confidence(pooled[k]), 4)) for k in kept]
    return tuple(sorted(links, key=lambda l: (l.a, l.b)))
