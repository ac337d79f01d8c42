"""Pairwise evidence between the units of two documents.

:class:`PairScores` holds, for every unit of side a against every unit of side
b, the cosine, the ratio margin and a robust z-score of the cosine against
this pair of documents' own distribution of sentence cosines. The margin answers "is
this the best partner, beyond the usual neighbour?", the z-score "is this
pair at all close?"; short clauses need both, since a clause close to
nothing can still have a high margin.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .similarity import cosine_matrix, neighbourhoods, ratio_margin
from .units import Units


#: Below this many sentence pairs the pair's own cosines are too few to
#: estimate an "unrelated" background; the encoder's null statistics serve.
MIN_BACKGROUND = 16


@dataclass(frozen=True)
class PairScores:
    units_a: Units
    units_b: Units
    cosine: np.ndarray
    margin: np.ndarray
    z: np.ndarray

    def transposed(self) -> "PairScores":
        """The same evidence seen from side b."""
        return PairScores(self.units_b, self.units_a, self.cosine.T, self.margin.T, self.z.T)


def score_units(units_a: Units, units_b: Units, emb_a: np.ndarray, emb_b: np.ndarray, k: int = 4,
                null_cosine: float | None = None, null_spread: float = 0.12) -> PairScores:
    """Cosine, ratio margin (k nearest base units) and cosine z-scores.

    ``null_cosine`` and ``null_spread`` (mean and deviation of the encoder's
    cosine for unrelated sentences) pad neighbourhoods and stand in for the
    background of very short pairs, so that scores stay meaningful there.
    """
    cos = cosine_matrix(emb_a, emb_b)
    base_a = units_a.indices("sentence", "clause")
    base_b = units_b.indices("sentence", "clause")
    row_ref, col_ref = neighbourhoods(cos, base_a, base_b, k, null=null_cosine)
    margin = ratio_margin(cos, k=k, row_ref=row_ref, col_ref=col_ref)
    sent_a = units_a.indices("sentence")
    sent_b = units_b.indices("sentence")
    background = cos[np.ix_(sent_a, sent_b)].ravel() if sent_a and sent_b else cos.ravel()
    if background.size < MIN_BACKGROUND and null_cosine is not None:
        # Too few sentence pairs to know what "unrelated" looks like here.
        mu, sigma = null_cosine, null_spread
    else:
        # Median and MAD: in a short pair the true matches are a large share
        # of all sentence pairs and would inflate a plain mean and deviation.
        mu = float(np.median(background)) if background.size else 0.0
        mad = float(np.median(np.abs(background - mu))) * 1.4826 if background.size > 1 else 0.0
        sigma = mad
    sigma = max(sigma, 0.05)  # a floor keeps z from exploding when the spread is tiny
    z = ((cos - mu) / sigma).astype(np.float32)
    return PairScores(units_a, units_b, cos, margin, z)


def competitive(scores: PairScores, gap: float, by_segment: bool = True, top: int = 4) -> np.ndarray:
    """Boolean matrix: is u's side of the pair about as good as any rival?

    See :func:`rival_shortfall`; a pair passes when its shortfall is <= 0.
    """
    return rival_shortfall(scores, gap, by_segment, top) <= 0


def rival_shortfall(scores: PairScores, gap: float, by_segment: bool = True, top: int = 4) -> np.ndarray:
    """How far each pair (u, v) falls short of v's best rival, less ``gap``.

    The rival of a pair (u, v) is v's best margin with a sentence, clause or
    clause pair of *another* segment; a pair passes when it reaches the
    rival less ``gap`` (a shortfall <= 0). With ``by_segment`` the pair's own score is v's best
    margin with any unit of u's segment(s), so a clause is never outcompeted
    by the sentence that contains it (the test for links); without it, the
    best margin of u or a clause pair containing u (the test for whether a
    clause has a counterpart: a rival pair is met with a pair).
    Copies of a repeated statement score alike and pass either way.
    """
    ua = scores.units_a
    n_b = scores.margin.shape[1]
    shortfall = np.full(scores.margin.shape, -np.inf, dtype=np.float32)
    if n_b == 0:
        return shortfall
    n_seg = 1 + max((s for u in ua.items for s in u.segments), default=-1)
    per_segment = np.full((max(n_seg, 1), n_b), -np.inf, dtype=np.float32)
    for i, u in enumerate(ua.items):
        if u.kind != "window":  # a window is never a rival: it overlaps its neighbours
            np.maximum(per_segment[u.segments[0]], scores.margin[i], out=per_segment[u.segments[0]])
    k = min(top, per_segment.shape[0])
    order = np.argsort(-per_segment, axis=0, kind="stable")[:k]        # (k, n_b) segment ids
    values = np.take_along_axis(per_segment, order, axis=0)
    containing = _containing_phrases(ua) if not by_segment else {}
    for i, u in enumerate(ua.items):
        rival = np.where(np.isin(order, u.segments), -np.inf, values).max(axis=0)
        own = scores.margin[i]
        if by_segment:
            own = np.maximum(per_segment[list(u.segments)].max(axis=0), own)
        elif containing.get(i):
            own = np.maximum(scores.margin[containing[i]].max(axis=0), own)
        shortfall[i] = rival - gap - own
    return shortfall


def _containing_phrases(units: Units) -> dict[int, list[int]]:
    """For each clause unit, the clause-pair units of its segment that contain it."""
    phrases = [(j, u) for j, u in enumerate(units.items) if u.kind == "phrase"]
    out: dict[int, list[int]] = {}
    for i, u in enumerate(units.items):
        if u.kind == "clause":
            out[i] = [j for j, p in phrases
                      if p.segments == u.segments and p.start <= u.start and u.end <= p.end]
    return out
