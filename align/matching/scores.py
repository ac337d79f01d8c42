"""Pairwise evidence between the units of two documents, kept sparse.

For every unit of side a against every unit of side b there is a cosine,
a ratio margin and a robust z-score of the cosine against this pair of
documents' own distribution of sentence cosines. The margin answers "is
this the best partner, beyond the usual neighbour?", the z-score "is this
pair at all close?"; short clauses need both, since a clause close to
nothing can still have a high margin.

A dense matrix of these grows as the product of the two lengths (a
10,000-sentence report has some 30,000 units: 3.6 GB per float32 matrix),
so :func:`score_units` computes the similarities in blocks of rows and keeps
only what the decisions read (:class:`Partners`): each unit's
:data:`CANDIDATES` best partners by margin, and for each unit of the other
side the few segments that match it best (its rivals). Memory grows as
O(N·K). When the other side has at most :data:`CANDIDATES` units every pair
is kept, and the evidence is that of the dense matrix.

Example:
    >>> import numpy as np
    >>> from align.text import segment_text
    >>> from align.matching.units import build_units
    >>> doc = segment_text("One. Two.", "en")
    >>> units = build_units(doc, max_window=1)
    >>> emb = np.eye(2, 4, dtype=np.float32)
    >>> scores = score_units(units, units, emb, emb, k=1)
    >>> scores.a.index.tolist(), scores.a.margin.round(2).tolist()
    ([[0, 1], [1, 0]], [[1.0, 0.0], [1.0, 0.0]])
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from ..encoders.calibration import Calibration
from .similarity import BLOCK_CELLS, cosine_matrix, knn_means, margin_of, row_blocks
from .units import Units

#: Below this many sentence pairs the pair's own cosines are too few to
#: estimate an "unrelated" background; the encoder's null statistics serve.
MIN_BACKGROUND = 16
#: Partners kept per unit, best margin first; a unit is never linked beyond
#: them. Outputs on the development pairs (the seed pair, 20 NTREX pairs and
#: the 9 real pairs, up to 141 units a side; ``benchmarks/output_digest.py``)
#: are byte-identical with 16, 32, 64 or 256 kept, or all: 64 leaves a wide
#: margin and keeps 10,000-sentence reports in memory.
CANDIDATES = 64
#: Segments kept per unit of the other side as its possible rivals
#: (the ``top`` of :func:`rival_shortfall`).
RIVALS = 4
#: Sentence pairs behind the background statistics; longer reports use an
#: evenly spaced sample of their sentences (a median of 4 million cosines).
MAX_BACKGROUND = 1 << 22


@dataclass(frozen=True)
class Partners:
    """One side's units against the other side's: what every decision reads.

    Rows are this side's units, ``K`` slots per row hold its best partners
    on the other side (``index``, best ``margin`` first, ties to the lower
    index; ``-1`` pads a row when the other side has no units).
    ``segment_margin`` is the best margin any sentence, clause or clause pair
    of the unit's segment(s) reaches with that partner (at least the unit's
    own), ``clause_margin`` the best of the unit and the clause pairs that
    contain it; ``min_cosine`` is each unit's lowest cosine with any unit of
    the other side. The ``rival_*`` arrays, shaped ``(RIVALS, units of the other
    side)``, hold for each unit of the other side this side's segments that
    match it best (best first, ties to the lower segment id): the segment's
    best margin, its id, the unit that reaches it and that unit's cosine.
    """

    index: np.ndarray
    cosine: np.ndarray
    margin: np.ndarray
    segment_margin: np.ndarray
    clause_margin: np.ndarray
    min_cosine: np.ndarray
    rival_margin: np.ndarray
    rival_segment: np.ndarray
    rival_unit: np.ndarray
    rival_cosine: np.ndarray

    @property
    def valid(self) -> np.ndarray:
        return self.index >= 0


@dataclass(frozen=True)
class PairScores:
    """The evidence between two documents' units, from side a's point of view.

    ``a`` holds side a's units against side b, ``b`` the reverse;
    :meth:`transposed` swaps them. ``ref_a``/``ref_b`` are each unit's k-NN
    mean cosine (the margin denominators), ``mu``/``sigma`` the background
    behind the z-scores, all on the reference scale ``calibration`` maps the
    encoder's cosines to. Single pairs are looked up with :meth:`cosine_at`,
    :meth:`margin_at` and :meth:`z_at`.
    """

    units_a: Units
    units_b: Units
    emb_a: np.ndarray
    emb_b: np.ndarray
    ref_a: np.ndarray
    ref_b: np.ndarray
    mu: float
    sigma: float
    a: Partners
    b: Partners
    calibration: Calibration = Calibration()
    #: Words of each unit's text, for the calibration's length correction.
    words_a: np.ndarray | None = None
    words_b: np.ndarray | None = None
    #: Whether same-side cosines may exempt a restatement from the rival test.
    restatements: bool = True
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def transposed(self) -> "PairScores":
        """The same evidence seen from side b (made once, so its derived tests are shared)."""
        flipped = self._cache.get("transposed")
        if flipped is None:
            flipped = PairScores(self.units_b, self.units_a, self.emb_b, self.emb_a, self.ref_b,
                                 self.ref_a, self.mu, self.sigma, self.b, self.a, self.calibration,
                                 self.words_b, self.words_a, self.restatements)
            flipped._cache["transposed"] = self
            self._cache["transposed"] = flipped
        return flipped

    def without_restatements(self) -> "PairScores":
        """The evidence with the restatement exemption switched off."""
        return replace(self, restatements=False, _cache={})

    def z(self, cosine: np.ndarray) -> np.ndarray:
        """Robust z-scores of cosines against the pair's background."""
        return ((cosine - self.mu) / self.sigma).astype(np.float32)

    def cosine_at(self, i, j) -> np.ndarray:
        """Cosines (reference scale) of units ``i`` of side a and ``j`` of side b."""
        i, j = np.broadcast_arrays(np.asarray(i), np.asarray(j))
        dots = np.einsum("...d,...d->...", self.emb_a[i], self.emb_b[j])
        words = ((self.words_a[i], self.words_b[j]) if self.words_a is not None
                 and self.words_b is not None else (None, None))
        return self.calibration.cross(np.clip(dots, -1.0, 1.0).astype(np.float32), *words,
                                      pairs=True)

    def margin_at(self, i, j) -> np.ndarray:
        """Ratio margins of units ``i`` of side a and ``j`` of side b."""
        i, j = np.broadcast_arrays(np.asarray(i), np.asarray(j))
        return margin_of(self.cosine_at(i, j), self.ref_a[i], self.ref_b[j])

    def z_at(self, i, j) -> np.ndarray:
        return self.z(self.cosine_at(i, j))

    def same_at(self, i, j) -> np.ndarray:
        """Same-language cosines (reference scale) between units ``i`` and ``j`` of side a."""
        i, j = np.broadcast_arrays(np.asarray(i), np.asarray(j))
        dots = np.einsum("...d,...d->...", self.emb_a[i], self.emb_a[j])
        return self.calibration.same(np.clip(dots, -1.0, 1.0).astype(np.float32))


def score_units(units_a: Units, units_b: Units, emb_a: np.ndarray, emb_b: np.ndarray, *, k: int,
                null_cosine: float | None = None, null_spread: float | None = None,
                calibration: Calibration = Calibration(),
                candidates: int = CANDIDATES) -> PairScores:
    """Cosine, ratio margin (``k`` nearest base units) and cosine z-scores.

    The settings come from :class:`align.config.ScoringParams` (``k`` is its
    ``margin_k``); this layer keeps no defaults of its own.

    Cosines are put on the reference scale by ``calibration`` first (see
    :mod:`align.encoders.calibration`; with the units' word counts, for its
    length correction), so every threshold means the same whatever the
    encoder. ``null_cosine`` and ``null_spread`` (mean and
    deviation of the cosine of unrelated sentences, reference scale) pad
    neighbourhoods and stand in for the background of very short pairs, so
    that scores stay meaningful there. ``candidates`` is the number of
    partners kept per unit (:data:`CANDIDATES`).
    """
    emb_a = np.asarray(emb_a, dtype=np.float32)
    emb_b = np.asarray(emb_b, dtype=np.float32)
    words_a, words_b = _word_counts(units_a), _word_counts(units_b)
    base_a = units_a.indices("sentence", "clause")
    base_b = units_b.indices("sentence", "clause")
    # Windows overlap the sentences they contain, so only base units
    # (sentences and clauses) serve as neighbours; ``null_cosine`` pads every
    # neighbourhood (see :func:`align.matching.similarity.knn_means`).
    ref_a = knn_means(emb_a, emb_b[base_b], k, null_cosine, lambda sims, start, stop:
                      calibration.cross(sims, words_a[start:stop], words_b[base_b]))
    ref_b = knn_means(emb_b, emb_a[base_a], k, null_cosine, lambda sims, start, stop:
                      calibration.cross(sims, words_b[start:stop], words_a[base_a]))
    mu, sigma = _background(units_a, units_b, emb_a, emb_b, words_a, words_b, null_cosine,
                            null_spread, calibration)
    side_a = _partners(units_a, emb_a, emb_b, ref_a, ref_b, words_a, words_b, calibration, candidates)
    side_b = _partners(units_b, emb_b, emb_a, ref_b, ref_a, words_b, words_a, calibration, candidates)
    return PairScores(units_a, units_b, emb_a, emb_b, ref_a, ref_b, mu, sigma, side_a, side_b,
                      calibration, words_a, words_b)


def _word_counts(units: Units) -> np.ndarray:
    """Words of each unit's text, as the calibration's length correction counts them."""
    return np.array([len(text.split()) for text in units.texts], dtype=np.int64)


def _cosines(rows: np.ndarray, cols: np.ndarray, calibration: Calibration,
             words_rows: np.ndarray, words_cols: np.ndarray) -> np.ndarray:
    return calibration.cross(cosine_matrix(rows, cols), words_rows, words_cols)


def _background(units_a: Units, units_b: Units, emb_a: np.ndarray, emb_b: np.ndarray,
                words_a: np.ndarray, words_b: np.ndarray, null_cosine: float | None, null_spread: float | None,
                calibration: Calibration) -> tuple[float, float]:
    """Median and robust spread (1.4826 × MAD) of the pair's sentence-to-sentence cosines."""
    sent_a, sent_b = units_a.indices("sentence"), units_b.indices("sentence")
    if not (sent_a and sent_b):
        sent_a, sent_b = list(range(len(emb_a))), list(range(len(emb_b)))
    if len(sent_a) * len(sent_b) > MAX_BACKGROUND:
        # Evenly spaced sentences of each side: the median of millions of cosines is settled.
        per_side = int(MAX_BACKGROUND ** 0.5)
        sent_a = sent_a[:: max(1, len(sent_a) // per_side)]
        sent_b = sent_b[:: max(1, len(sent_b) // per_side)]
    background = (_cosines(emb_a[sent_a], emb_b[sent_b], calibration, words_a[sent_a],
                           words_b[sent_b]).ravel()
                  if sent_a and sent_b else np.zeros(0, np.float32))
    if background.size < MIN_BACKGROUND and null_cosine is not None and null_spread is not None:
        # Too few sentence pairs to know what "unrelated" looks like here.
        mu, sigma = null_cosine, null_spread
    else:
        # Median and MAD: in a short pair the true matches are a large share
        # of all sentence pairs and would inflate a plain mean and deviation.
        mu = float(np.median(background)) if background.size else 0.0
        sigma = (float(np.median(np.abs(background - mu))) * 1.4826
                 if background.size > 1 else 0.0)
    return mu, max(sigma, 0.05)  # a floor keeps z from exploding when the spread is tiny


def _partners(units: Units, emb: np.ndarray, other: np.ndarray, ref: np.ndarray,
              other_ref: np.ndarray, words: np.ndarray, other_words: np.ndarray,
              calibration: Calibration, candidates: int) -> Partners:
    """One side's :class:`Partners`, computed a block of whole segments at a time.

    A block holds the sentences, clauses and clause pairs of consecutive
    segments and the windows over them, so that each segment's best margin
    with every unit of the other side is known while its rows are.
    """
    n, m = len(emb), len(other)
    kk = min(candidates, m)
    index = np.full((n, kk), -1, dtype=np.int64)
    cosine, margin, segment_margin, clause_margin = (np.zeros((n, kk), np.float32) for _ in range(4))
    min_cosine = np.zeros(n, np.float32)
    rivals = _Rivals(m)
    if m == 0:
        return Partners(index, cosine, margin, segment_margin, clause_margin, min_cosine,
                        *rivals.arrays())
    groups = units.segment_groups()
    containing = _containing_phrases(units)
    windows_from: dict[int, list[int]] = {}
    for i, u in enumerate(units.items):
        if u.kind == "window":
            windows_from.setdefault(u.segments[0], []).append(i)

    def evidence(rows: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Cosines and margins of ``rows`` against every unit of the other side; each
        row's best partners stored, their column ids returned (rows x kk)."""
        cos = _cosines(emb[rows], other, calibration, words[rows], other_words)
        mar = margin_of(cos, ref[rows][:, None], other_ref[None, :])
        if kk < m:
            part = np.argpartition(mar, m - kk, axis=1)[:, m - kk:]
        else:
            part = np.broadcast_to(np.arange(m), (len(rows), m))
        vals = np.take_along_axis(mar, part, axis=1)
        order = np.lexsort((part, -vals), axis=1)  # best margin first, ties to the lower index
        cols = np.take_along_axis(part, order, axis=1)
        index[rows] = cols
        cosine[rows] = np.take_along_axis(cos, cols, axis=1)
        margin[rows] = np.take_along_axis(mar, cols, axis=1)
        min_cosine[rows] = cos.min(axis=1)
        return cos, mar, cols

    straddling: list[int] = []
    segments = [s for s, members in enumerate(groups) if members]
    step = max(1, BLOCK_CELLS // m)
    first = 0
    while first < len(segments):
        last, size = first, 0
        while last < len(segments) and (size < step or last == first):
            size += len(groups[segments[last]])
            last += 1
        block = segments[first:last]
        first = last
        rows = [i for seg in block for i in groups[seg]]
        bounds = np.cumsum([0] + [len(groups[seg]) for seg in block])
        cos, mar, cols = evidence(rows)
        best = np.maximum.reduceat(mar, bounds[:-1], axis=0)      # (segments, m)
        local = {unit: pos for pos, unit in enumerate(rows)}
        for g, (s0, s1) in enumerate(zip(bounds[:-1], bounds[1:])):
            segment_margin[rows[s0:s1]] = np.maximum(best[g][cols[s0:s1]], margin[rows[s0:s1]])
            for pos in range(s0, s1):
                unit = rows[pos]
                own = margin[unit]
                for phrase in containing.get(unit, ()):
                    own = np.maximum(own, mar[local[phrase]][cols[pos]])
                clause_margin[unit] = own
        rivals.merge(np.asarray(block), best, np.asarray(rows), bounds, mar, cos)
        del cos, mar
        position = {seg: g for g, seg in enumerate(block)}
        inside = []
        for seg in block:
            for w in windows_from.get(seg, ()):
                (inside if all(t in position for t in units.items[w].segments)
                 else straddling).append(w)
        for start, stop in row_blocks(len(inside), m):
            wins = inside[start:stop]
            _, _, wcols = evidence(wins)
            clause_margin[wins] = margin[wins]
            for pos, w in enumerate(wins):
                own = margin[w]
                for t in units.items[w].segments:
                    own = np.maximum(own, best[position[t]][wcols[pos]])
                segment_margin[w] = own
    # Windows over two blocks: their segments' best margins from the segments' own units.
    for start, stop in row_blocks(len(straddling), m):
        wins = straddling[start:stop]
        _, _, wcols = evidence(wins)
        clause_margin[wins] = margin[wins]
        for pos, w in enumerate(wins):
            members = [i for t in units.items[w].segments for i in groups[t]]
            c = wcols[pos]
            member_cos = _cosines(emb[members], other[c], calibration, words[members],
                                  other_words[c])
            member_mar = margin_of(member_cos, ref[members][:, None], other_ref[c][None, :])
            segment_margin[w] = np.maximum(member_mar.max(axis=0), margin[w])
    return Partners(index, cosine, margin, segment_margin, clause_margin, min_cosine,
                    *rivals.arrays())


class _Rivals:
    """The :data:`RIVALS` best segments for each unit of the other side, merged block by block.

    Blocks come in segment order, so among equal margins the kept (earlier)
    segments come first: ties go to the lower segment id, as a stable sort
    of all segments would give.
    """

    def __init__(self, m: int):
        self.margin = np.full((0, m), -np.inf, np.float32)
        self.segment = np.zeros((0, m), np.int64)
        self.unit = np.zeros((0, m), np.int64)
        self.cosine = np.zeros((0, m), np.float32)

    def merge(self, segments: np.ndarray, best: np.ndarray, rows: np.ndarray, bounds: np.ndarray,
              margin: np.ndarray, cosine: np.ndarray) -> None:
        """Add a block: ``best[g]`` is segment ``segments[g]``'s best margin with each
        unit of the other side, reached by some of its ``rows[bounds[g]:bounds[g + 1]]``
        (rows of ``margin`` and ``cosine``)."""
        m = best.shape[1]
        columns = np.arange(m)
        remaining = best.copy()
        picks = []
        for _ in range(min(RIVALS, len(segments))):
            pick = np.argmax(remaining, axis=0)                    # first (lowest id) of the best
            picks.append(pick)
            remaining[pick, columns] = -np.inf
        pick = np.stack(picks)                                     # (t, m) segment positions
        value = np.take_along_axis(best, pick, axis=0)
        # The first row of each picked segment that reaches its best margin.
        first, size = bounds[:-1][pick], np.diff(bounds)[pick]
        unit = np.zeros(pick.shape, dtype=np.int64)
        unit_cosine = np.zeros(pick.shape, dtype=np.float32)
        found = np.zeros(pick.shape, dtype=bool)
        for offset in range(int(size.max())):
            live = ~found & (offset < size)
            row = np.where(live, first + offset, 0)
            hit = live & (margin[row, columns] == value)
            unit[hit] = rows[row[hit]]
            unit_cosine[hit] = cosine[row, columns][hit]
            found |= hit
        merged = [np.concatenate([kept, new]) for kept, new in (
            (self.margin, value), (self.unit, unit), (self.cosine, unit_cosine),
            (self.segment, segments[pick]))]
        order = np.argsort(-merged[0], axis=0, kind="stable")[:RIVALS]
        self.margin, self.unit, self.cosine, self.segment = (
            np.take_along_axis(x, order, axis=0) for x in merged)

    def arrays(self) -> tuple[np.ndarray, ...]:
        return self.margin, self.segment, self.unit, self.cosine


def competitive(scores: PairScores, gap: float, by_segment: bool = True, top: int = RIVALS,
                restatements: bool = True, restatement_floor: float | None = None) -> np.ndarray:
    """Boolean per partner slot of side a (``scores.a.index``): about as good as any rival?

    See :func:`rival_shortfall`; a pair passes when its shortfall is <= 0.
    """
    return rival_shortfall(scores, gap, by_segment, top, restatements, restatement_floor) <= 0


def rival_shortfall(scores: PairScores, gap: float, by_segment: bool = True, top: int = RIVALS,
                    restatements: bool = True,
                    restatement_floor: float | None = None) -> np.ndarray:
    """How far each pair (u, v) falls short of v's best rival, less ``gap``, per partner slot.

    The result has the shape of ``scores.a.index``: one value per unit u of
    side a and partner v it keeps. The rival of a pair (u, v) is v's best
    margin with a sentence, clause or clause pair of *another* segment; a
    pair passes when it reaches the rival less ``gap`` (a shortfall <= 0).
    With ``by_segment`` the pair's own score is v's best margin with any unit
    of u's segment(s), so a clause is never outcompeted by the sentence that
    contains it (the test for links); without it, the best margin of u or a
    clause pair containing u (the test for whether a clause has a
    counterpart: a rival pair is met with a pair).
    Copies of a repeated statement score alike and pass either way, and so
    does a unit that restates its rival: a news lead often restates a quote
    the body gives in full, and the other version may carry it once. When u
    is at least as close to the rival unit r, in its own language, as r is to
    v, and at least ``restatement_floor`` close (the encoder's same-language
    cosine that distinct statements of one document rarely reach), u says
    what r says and v covers both (with ``restatements``, unless the scores
    were made :meth:`~PairScores.without_restatements`).
    """
    restates = restatements and scores.restatements
    key = ("shortfall", gap, by_segment, top, restates, restatement_floor)
    if key not in scores._cache:
        p = scores.a
        rival, exempt = _rivals(scores, top), None
        if restates:
            exempt = _restating(scores, top, restatement_floor) & np.isfinite(rival)
        own = p.segment_margin if by_segment else p.clause_margin
        short = (rival - gap - own).astype(np.float32)
        if exempt is not None:
            short[exempt] = -np.inf
        short[~p.valid] = np.inf
        scores._cache[key] = short
    return scores._cache[key]


def _rivals(scores: PairScores, top: int) -> np.ndarray:
    """For each kept pair (u, v), v's best margin with a segment other than u's (``-inf``: none).

    The unit that reaches it and that unit's cosine with v are cached beside
    it for :func:`_restating`.
    """
    key = ("rivals", top)
    if key in scores._cache:
        return scores._cache[key][0]
    p = scores.a
    n, kk = p.index.shape
    t = min(top, p.rival_margin.shape[0])
    rival = np.full((n, kk), -np.inf, dtype=np.float32)
    unit = np.zeros((n, kk), dtype=np.int64)
    cosine = np.zeros((n, kk), dtype=np.float32)
    if kk and t:
        own_segments = _segment_table(scores.units_a)
        for start, stop in row_blocks(n, kk * t * own_segments.shape[1]):
            cols = np.maximum(p.index[start:stop], 0)                    # (b, kk)
            segs = p.rival_segment[:t][:, cols]                          # (t, b, kk)
            mine = (segs[..., None] == own_segments[start:stop][None, :, None, :]).any(axis=-1)
            candidates = np.where(mine, -np.inf, p.rival_margin[:t][:, cols])
            pick = np.argmax(candidates, axis=0)                         # (b, kk)
            rival[start:stop] = np.take_along_axis(candidates, pick[None], axis=0)[0]
            unit[start:stop] = p.rival_unit[pick, cols]
            cosine[start:stop] = p.rival_cosine[pick, cols]
    scores._cache[key] = (rival, unit, cosine)
    return rival


def _restating(scores: PairScores, top: int, floor: float | None) -> np.ndarray:
    """For each kept pair (u, v): does u restate v's rival unit r (as close to r as r is to v)?"""
    key = ("restating", top, floor)
    if key not in scores._cache:
        _rivals(scores, top)
        _, unit, cosine = scores._cache[("rivals", top)]
        n, kk = unit.shape
        out = np.zeros((n, kk), dtype=bool)
        # rows whose rival vectors (kk x dim floats) fit in 16 MB at a time
        for start, stop in row_blocks(n, kk * scores.emb_a.shape[1], cells=1 << 22):
            rows = np.arange(start, stop)[:, None]
            same = scores.same_at(rows, unit[start:stop])
            ok = same >= cosine[start:stop]
            if floor is not None:
                ok &= same >= floor
            out[start:stop] = ok
        scores._cache[key] = out
    return scores._cache[key]


def _segment_table(units: Units) -> np.ndarray:
    """Each unit's segment ids, padded with -1 to the longest window."""
    width = max((len(u.segments) for u in units.items), default=1)
    table = np.full((len(units.items), width), -1, dtype=np.int64)
    for i, u in enumerate(units.items):
        table[i, : len(u.segments)] = u.segments
    return table


def _containing_phrases(units: Units) -> dict[int, list[int]]:
    """For each clause unit, the clause-pair units of its segment that contain it."""
    by_segment: dict[int, list[tuple[int, object]]] = {}
    for j, u in enumerate(units.items):
        if u.kind == "phrase":
            by_segment.setdefault(u.segments[0], []).append((j, u))
    out: dict[int, list[int]] = {}
    for i, u in enumerate(units.items):
        if u.kind == "clause":
            out[i] = [j for j, p in by_segment.get(u.segments[0], [])
                      if p.start <= u.start and u.end <= p.end]
    return out
