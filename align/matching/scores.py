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

from ..encoders.calibration import Calibration
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
    #: Each unit's k-NN mean cosine (the margin denominators), per side.
    ref_a: np.ndarray | None = None
    ref_b: np.ndarray | None = None
    #: Background cosine mean and spread behind ``z``.
    mu: float = 0.0
    sigma: float = 1.0
    #: Cosines between the units of one side (for restatements), per side.
    same_a: np.ndarray | None = None
    same_b: np.ndarray | None = None

    def transposed(self) -> "PairScores":
        """The same evidence seen from side b."""
        return PairScores(self.units_b, self.units_a, self.cosine.T, self.margin.T, self.z.T,
                          self.ref_b, self.ref_a, self.mu, self.sigma, self.same_b, self.same_a)


def score_units(units_a: Units, units_b: Units, emb_a: np.ndarray, emb_b: np.ndarray, *, k: int,
                null_cosine: float | None = None, null_spread: float | None = None,
                calibration: Calibration = Calibration()) -> PairScores:
    """Cosine, ratio margin (``k`` nearest base units) and cosine z-scores.

    The settings come from :class:`align.config.ScoringParams` (``k`` is its
    ``margin_k``); this layer keeps no defaults of its own.

    Cosines are put on the reference scale by ``calibration`` first (see
    :mod:`align.encoders.calibration`; with the units' word counts, for its
    length correction), so every threshold means the same whatever the
    encoder. ``null_cosine`` and ``null_spread`` (mean and
    deviation of the cosine of unrelated sentences, reference scale) pad
    neighbourhoods and stand in for the background of very short pairs, so
    that scores stay meaningful there.
    """
    cos = calibration.cross(cosine_matrix(emb_a, emb_b), _word_counts(units_a),
                            _word_counts(units_b))
    base_a = units_a.indices("sentence", "clause")
    base_b = units_b.indices("sentence", "clause")
    row_ref, col_ref = neighbourhoods(cos, base_a, base_b, k, null=null_cosine)
    margin = ratio_margin(cos, k=k, row_ref=row_ref, col_ref=col_ref)
    sent_a = units_a.indices("sentence")
    sent_b = units_b.indices("sentence")
    background = cos[np.ix_(sent_a, sent_b)].ravel() if sent_a and sent_b else cos.ravel()
    if background.size < MIN_BACKGROUND and null_cosine is not None and null_spread is not None:
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
    return PairScores(units_a, units_b, cos, margin, z, row_ref, col_ref, mu, sigma,
                      calibration.same(cosine_matrix(emb_a, emb_a)),
                      calibration.same(cosine_matrix(emb_b, emb_b)))


def _word_counts(units: Units) -> list[int]:
    """Words of each unit's text, as the calibration's length correction counts them."""
    return [len(text.split()) for text in units.texts]


def competitive(scores: PairScores, gap: float, by_segment: bool = True, top: int = 4,
                restatements: bool = True, restatement_floor: float | None = None) -> np.ndarray:
    """Boolean matrix: is u's side of the pair about as good as any rival?

    See :func:`rival_shortfall`; a pair passes when its shortfall is <= 0.
    """
    return rival_shortfall(scores, gap, by_segment, top, restatements, restatement_floor) <= 0


def rival_shortfall(scores: PairScores, gap: float, by_segment: bool = True, top: int = 4,
                    restatements: bool = True,
                    restatement_floor: float | None = None) -> np.ndarray:
    """How far each pair (u, v) falls short of v's best rival, less ``gap``.

    The rival of a pair (u, v) is v's best margin with a sentence, clause or
    clause pair of *another* segment; a pair passes when it reaches the
    rival less ``gap`` (a shortfall <= 0). With ``by_segment`` the pair's own score is v's best
    margin with any unit of u's segment(s), so a clause is never outcompeted
    by the sentence that contains it (the test for links); without it, the
    best margin of u or a clause pair containing u (the test for whether a
    clause has a counterpart: a rival pair is met with a pair).
    Copies of a repeated statement score alike and pass either way, and so
    does a unit that restates its rival: a news lead often restates a quote
    the body gives in full, and the other version may carry it once. When u
    is at least as close to the rival unit r, in its own language, as r is to
    v, and at least ``restatement_floor`` close (the encoder's same-language
    cosine that distinct statements of one document rarely reach), u says
    what r says and v covers both (with ``restatements``; needs ``same_a``).
    """
    ua = scores.units_a
    n_b = scores.margin.shape[1]
    shortfall = np.full(scores.margin.shape, -np.inf, dtype=np.float32)
    if n_b == 0:
        return shortfall
    n_seg = 1 + max((s for u in ua.items for s in u.segments), default=-1)
    per_segment = np.full((max(n_seg, 1), n_b), -np.inf, dtype=np.float32)
    best_unit = np.zeros((max(n_seg, 1), n_b), dtype=np.int64)
    for i, u in enumerate(ua.items):
        if u.kind != "window":  # a window is never a rival: it overlaps its neighbours
            seg = u.segments[0]
            better = scores.margin[i] > per_segment[seg]
            per_segment[seg][better] = scores.margin[i][better]
            best_unit[seg][better] = i
    k = min(top, per_segment.shape[0])
    order = np.argsort(-per_segment, axis=0, kind="stable")[:k]        # (k, n_b) segment ids
    values = np.take_along_axis(per_segment, order, axis=0)
    containing = _containing_phrases(ua) if not by_segment else {}
    columns = np.arange(n_b)
    for i, u in enumerate(ua.items):
        own_rows = order == u.segments[0]
        for seg in u.segments[1:]:
            own_rows |= order == seg
        candidates = np.where(own_rows, -np.inf, values)
        rival = candidates.max(axis=0)
        own = scores.margin[i]
        if by_segment:
            own = np.maximum(per_segment[list(u.segments)].max(axis=0), own)
        elif containing.get(i):
            own = np.maximum(scores.margin[containing[i]].max(axis=0), own)
        shortfall[i] = rival - gap - own
        if restatements and scores.same_a is not None:
            rival_seg = order[np.argmax(candidates, axis=0), columns]
            rival_unit = best_unit[rival_seg, columns]
            same = scores.same_a[i, rival_unit]
            restates = same >= scores.cosine[rival_unit, columns]
            if restatement_floor is not None:
                restates &= same >= restatement_floor
            shortfall[i][restates & np.isfinite(rival)] = -np.inf
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
