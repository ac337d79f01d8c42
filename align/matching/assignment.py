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
from dataclasses import dataclass, field

import numpy as np

from ..types import Link
from .anchors import SegmentAnchors
from .gaps import GapParams, gap_links
from .scores import PairScores, competitive
from .secondary import SecondaryParams, secondary_links
from .similarity import margin_of

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
    #: Pair leftover sentences that share a narrow gap between links
    #: (:mod:`align.matching.gaps`); ``None`` links by similarity alone.
    gaps: GapParams | None = GapParams()
    #: Links for a clause whose counterpart sits in another segment than its
    #: segment's partner (:mod:`align.matching.secondary`); ``None`` turns
    #: them off.
    secondary: SecondaryParams | None = field(default_factory=SecondaryParams)

    def __post_init__(self) -> None:
        if not 0.5 <= self.margin <= 3.0:
            raise ValueError(f"link margin threshold must be in [0.5, 3], got {self.margin}")
        if self.slope <= 0:
            raise ValueError(f"slope must be positive, got {self.slope}")

    def confidence(self, margin: float) -> float:
        """Logistic score of a margin: 0.5 exactly at the threshold."""
        return 1.0 / (1.0 + math.exp(-self.slope * (margin - self.margin)))


def admissible(scores: PairScores, params: LinkingParams, closeness: bool = True) -> np.ndarray:
    """Boolean per partner slot of side a (``scores.a.index``): close enough and not outcompeted.

    A pair is outcompeted when its partner matches another segment better,
    by more than ``rival_gap``, than it matches the unit's own segment. The
    margin threshold is not part of it. ``closeness=False`` gives the
    evidence for a clause on its own: no z or cosine test (short clauses'
    cosines run lower than sentences') and the clause's own margin, not its
    segment's, against the rivals.
    """
    side = scores.a
    ok = side.valid.copy()
    if closeness:
        ok &= scores.z(side.cosine) >= params.z
        if params.cosine_floor is not None:
            ok &= side.cosine >= params.cosine_floor
    if params.rival_gap is not None and ok.size:
        ok &= competitive(scores, params.rival_gap, by_segment=closeness,
                          restatements=params.restatements,
                          restatement_floor=params.restatement_floor)
    return ok


def _proposals(scores: PairScores, params: LinkingParams, flip: bool) -> dict[tuple, float]:
    """Each unit's best admissible partner, kept when its margin passes."""
    ua, ub = scores.units_a, scores.units_b
    side = scores.a
    out: dict[tuple, float] = {}
    if side.margin.size == 0:
        return out
    is_window_b = np.array([u.kind == "window" for u in ub.items])
    ok = admissible(scores, params)
    # Slots are ordered by margin, best first: a stable sort of the masked
    # margins tries partners in the order a full row would.
    masked = np.where(ok, side.margin, -np.inf)
    for i, u in enumerate(ua.items):
        row = masked[i]
        if u.kind == "window":
            row = np.where(is_window_b[side.index[i]], -np.inf, row)  # n:m merges are coarse
        if not (row >= params.margin).any():
            continue
        for slot in np.argsort(-row, kind="stable")[:_CANDIDATES]:
            m = float(row[slot])
            if m < params.margin:
                break
            j = int(side.index[i, slot])
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
    m = float(scores.margin_at(i, j))
    members = list(unit.segments)  # sentence units come first, indexed by segment id
    rows, cols = (members, j) if rows else (i, members)
    cos = scores.cosine_at(rows, cols)
    mm = margin_of(cos, scores.ref_a[rows], scores.ref_b[cols])
    return bool(np.all(mm + params.window_gain < m) and np.all(scores.z(cos) >= params.window_member_z))


def link_segments(scores: PairScores, params: LinkingParams = LinkingParams(),
                  anchors: tuple[SegmentAnchors, SegmentAnchors] | None = None) -> tuple[Link, ...]:
    """Links between the segments of both sides, sorted by their a-side ids.

    With ``params.secondary`` and the two documents' ``anchors``
    (:class:`~align.matching.anchors.SegmentAnchors`), secondary links
    follow the first pass (:mod:`align.matching.secondary`); without anchors
    they are made only when the secondary parameters do not require them.
    """
    pooled = _proposals(scores, params, flip=False)
    for key, m in _proposals(scores.transposed(), params, flip=True).items():
        pooled[key] = max(pooled.get(key, 0.0), m)
    by_segment = _by_segment_a(pooled)
    kept = [key for key in pooled if not _subsumed(key, by_segment)]
    links = [Link(a=k[0], b=k[1], score=round(params.confidence(pooled[k]), 4)) for k in kept]
    links = tuple(sorted(links, key=lambda l: (l.a, l.b)))
    if params.gaps is not None:
        extra = gap_links(scores, links, scores.units_a.n_segments, scores.units_b.n_segments,
                          params.gaps)
        links = tuple(sorted(links + extra, key=lambda l: (l.a, l.b)))
    second = params.secondary
    if second is not None and (anchors is not None or not second.anchors):
        links = secondary_links(scores, links, second, anchors, params.cosine_floor,
                                params.confidence)
    return links


def _subsumed(key: tuple, by_segment: dict[int, list[tuple]]) -> bool:
    """Whether a larger proposal covers both sides of ``key``.

    A cover of ``key`` contains its first a-side segment, so only the
    proposals holding that segment are tried (a handful: windows are short).
    """
    a, b = set(key[0]), set(key[1])
    return any(other != key and a <= set(other[0]) and b <= set(other[1])
               for other in by_segment.get(key[0][0], ()))


def _by_segment_a(pooled: dict[tuple, float]) -> dict[int, list[tuple]]:
    """The proposals that hold each a-side segment."""
    index: dict[int, list[tuple]] = {}
    for key in pooled:
        for seg in key[0]:
            index.setdefault(seg, []).append(key)
    return index
