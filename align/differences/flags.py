"""What one version lacks: unmatched segments and partial clauses.

- A segment that takes part in no link is ``unmatched``; its confidence
  grows as its best evidence (over the segment and its clauses) falls short
  of the link thresholds (:func:`link_deficit`).
- A clause of a linked segment is ``partial`` when nothing on the other side
  resembles it (low margin and low cosine z-score to every unit it is not
  outcompeted for, and to every word window of its segment's link partners,
  :mod:`align.differences.containment`) *and* joining it to a neighbouring
  clause does not bring that neighbour closer to its partner: content the
  partner also has would.
  This is the order-free residue idea of DiffAlign (Vamvas & Sennrich 2023)
  at clause grain.
- Below the clause, :mod:`align.differences.phrases` adds partial flags for
  phrases and numbers of linked segments that their partners lack
  (``FlagParams.phrases``); touching partial flags of a segment are joined.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..matching.assignment import LinkingParams, admissible
from ..matching.scores import PairScores, rival_shortfall
from ..types import Flag, Link, link_partners
from ..text.document import Document
from ..text.segment import count_words
from .containment import WindowEvidence
from .phrases import PhraseParams, WindowIndex, merge_flags, phrase_flags

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FlagParams:
    """Thresholds of the flag decisions.

    ``partial_margin`` / ``partial_z`` were chosen on the 123 synthetic NTREX
    pairs (``benchmarks/ntrex_synthetic.py``) as the best flag F1 among
    settings that raise at most one false flag of confidence >= 0.5 per
    clean pair (a faithful translation), before word windows and
    restatements existed. STS 2017 bounds ``partial_z``: 93 % of the pairs
    people rate "mostly equivalent" (>= 4) reach z 1.5 against the encoder's
    null, only 78 % reach 2.0, so a stricter z would call a fifth of true
    paraphrases missing. With windows and restatements, NTREX alone would
    now favour flagging more (flag F1 0.888 at 0.95 / 1.5, 0.893 at
    1.05 / 1.5 and at 1.0 / 2.0); its partial omissions are whole translated sentences, far
    easier than real paraphrase, so the thresholds were left as chosen.
    """

    #: A clause whose best margin and z-score fall below these has no counterpart.
    partial_margin: float = 0.95
    partial_z: float = 1.5
    #: Adding the clause to a neighbour may raise the neighbour's best cosine
    #: by at most this; more means the other side has its content.
    partial_gain: float = 0.0
    #: Runs of missing clauses with fewer words are never flagged (too little
    #: evidence): on clean NTREX pairs 6 halved the false partial flags of 4
    #: and kept nearly all true ones.
    partial_min_words: int = 6
    #: Confidence of a partial flag: logistic of ``slope`` times the margin
    #: shortfall, plus ``z_weight`` times the z shortfall, minus
    #: ``gain_weight`` times the neighbour gain (a clause that dilutes its
    #: neighbour's match is more surely missing).
    slope: float = 12.0
    z_weight: float = 0.05
    gain_weight: float = 20.0
    #: A clause that looks missing is still supported when a word window of
    #: a segment its own segment is linked to passes both of these
    #: (:mod:`align.differences.containment`). Short windows score high
    #: margins easily, hence a margin above ``partial_margin``. Chosen on
    #: NTREX when windows were introduced (rival gap 0.1, no restatements):
    #: flag F1 0.862 at 1.2 / 1.0 against 0.856 without windows, 0.858 at
    #: 1.4 / 1.0, 0.860 at 1.1 / 1.0 and at 1.3 / 1.5; confident false
    #: flags per clean pair 0.80 instead of 1.00.
    use_windows: bool = True
    window_margin: float = 1.2
    window_z: float = 1.0
    #: Evidence below the clause (:mod:`align.differences.phrases`): word
    #: windows against link partners and numbers a partner lacks; ``None``
    #: turns it off.
    phrases: PhraseParams | None = PhraseParams()

    def __post_init__(self) -> None:
        if self.partial_min_words < 1:
            raise ValueError("partial_min_words must be at least 1")


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def link_deficit(scores: PairScores, params: LinkingParams) -> np.ndarray:
    """Per unit of side a: how far its best partner falls short of a link.

    The shortfall of a pair is the largest of its margin deficit, its cosine
    deficit under the encoder's floor, how far a rival segment outscores it
    and a tenth of its z deficit (one unit of z weighs about as much as 0.1
    of margin); a unit's deficit is that of its best partner (among the
    partners it keeps, :data:`align.matching.scores.CANDIDATES`), negative
    when some partner passes every test.
    """
    side = scores.a
    if side.margin.size == 0:
        return np.full(len(scores.units_a.items), 1.0, dtype=np.float32)
    deficit = np.maximum(params.margin - side.margin, 0.1 * (params.z - scores.z(side.cosine)))
    if params.cosine_floor is not None:
        deficit = np.maximum(deficit, params.cosine_floor - side.cosine)
    if params.rival_gap is not None:
        deficit = np.maximum(deficit, rival_shortfall(
            scores, params.rival_gap, restatements=params.restatements,
            restatement_floor=params.restatement_floor))
    return np.where(side.valid, deficit, np.inf).min(axis=1)


def unmatched_flags(doc: Document, side: str, scores: PairScores, linked: set[int],
                    params: LinkingParams) -> list[Flag]:
    """One flag per segment of ``doc`` that no link touches."""
    flags = []
    units = scores.units_a
    deficit = link_deficit(scores, params)
    own = units.segment_groups()
    for seg in doc.segments:
        if seg.id in linked:
            continue
        members = own[seg.id] if seg.id < len(own) else []
        shortfall = float(min(deficit[i] for i in members)) if members else 1.0
        confidence = _logistic(params.slope * shortfall)
        flags.append(Flag(side, seg.start, seg.end, seg.text, "unmatched", round(confidence, 4), seg.id))
    return flags


def _unit_index(units) -> dict[tuple, int]:
    """Index of clause and phrase units by (kind, segment, first clause)."""
    return {(u.kind, u.segments[0], u.clause): i for i, u in enumerate(units.items)
            if u.kind in ("clause", "phrase")}


def _contribution(scores: PairScores, index: dict, seg, k: int, supported: set[int]) -> float | None:
    """How much clause ``k`` improves the match of a supported neighbouring clause.

    For each neighbour n that has a counterpart of its own, take n's best
    partner v and compare cos(n + k, v) with cos(n, v): content the partner
    also has raises the cosine, content it lacks dilutes it. ``None`` when
    no supported neighbour can be tested (an unsupported neighbour's partner
    says nothing about k).
    """
    n_clauses = len(seg.clauses)
    best = None
    for n in (k - 1, k + 1):
        if not 0 <= n < n_clauses or n not in supported:
            continue
        pair = index.get(("phrase", seg.id, min(n, k)))
        if pair is None and n_clauses == 2:
            pair = seg.id  # two clauses: the pair is the sentence (sentence units come first)
        single = index.get(("clause", seg.id, n))
        if pair is None or single is None:
            continue
        partner = int(scores.a.index[single, 0])  # the single clause's best partner by margin
        gain = float(scores.cosine_at(pair, partner) - scores.a.cosine[single, 0])
        best = gain if best is None else max(best, gain)
    return best


def partial_flags(doc: Document, side: str, scores: PairScores, links: Sequence[Link],
                  params: FlagParams, link_params: LinkingParams,
                  windows: WindowEvidence | None = None,
                  phrase_index: WindowIndex | None = None) -> list[Flag]:
    """Flags for clauses of linked segments whose content the other side lacks.

    A clause's evidence is its best margin and best cosine z-score among
    the sentences, clauses and clause pairs it is not outcompeted for (see
    :func:`align.matching.assignment.admissible`). Runs of adjacent clauses
    without a counterpart make one flag, kept when the run has at least
    ``partial_min_words`` words and leaves some clause of its segment matched.
    With ``windows``, a clause that would be flagged is checked once more
    against word windows of its segment's link partners, and the flags are
    recomputed when that finds it a counterpart. ``phrase_index``, the
    comparison's word windows of linked segments, serves the phrase flags
    (:mod:`align.differences.phrases`; made there when not given).
    """
    ok = admissible(scores, link_params, closeness=False)
    side_scores = scores.a
    z_all = scores.z(side_scores.cosine)
    min_z = scores.z(side_scores.min_cosine)
    partners_of = link_partners(links, side)
    index = _unit_index(scores.units_a)
    # A window (two whole sentences) resembles a clause by sharing its topic:
    # it is the grain of merges, not evidence that the clause is there.
    not_window = np.array([u.kind != "window" for u in scores.units_b.items], dtype=bool)
    flags = []
    for seg in doc.segments:
        if seg.id not in partners_of or len(seg.clauses) < 2:
            continue
        evidence = {}
        for k in range(len(seg.clauses)):
            i = index[("clause", seg.id, k)]
            candidates = ok[i] & not_window[np.maximum(side_scores.index[i], 0)]
            best_m = float(side_scores.margin[i][candidates].max()) if candidates.any() else 0.0
            best_z = float(z_all[i][candidates].max()) if candidates.any() else float(min_z[i])
            evidence[k] = (best_m, best_z)
        supported = {k for k, (m, z) in evidence.items()
                     if m >= params.partial_margin or z >= params.partial_z}
        partners = partners_of[seg.id]
        checked: set[int] = set()
        while True:
            missing = _missing(scores, index, seg, evidence, supported, params)
            found = _runs(doc, side, seg, missing, params)
            # Word windows are embedded only for clauses that would be flagged.
            todo = sorted(k for k in missing if k not in checked
                          and any(f.start <= seg.clauses[k].start < f.end for f in found))
            if windows is None or not todo:
                break
            for k in todo:
                checked.add(k)
                i = index[("clause", seg.id, k)]
                m, z = windows.best(i, float(scores.ref_a[i]), count_words(seg.clauses[k].text),
                                    partners)
                logger.debug("window evidence %r: margin %.3f z %.2f", seg.clauses[k].text[:60], m, z)
                if m >= params.window_margin and z >= params.window_z:
                    supported.add(k)
        flags += found
    if params.phrases is not None and windows is not None:
        flags = merge_flags(flags + phrase_flags(doc, side, windows.other, links, windows.encoder,
                                                 params.phrases, phrase_index), doc)
    return flags


def _missing(scores: PairScores, index: dict, seg, evidence: dict, supported: set[int],
             params: FlagParams) -> dict[int, float]:
    """Clauses without support whose neighbour test agrees, with their confidence."""
    missing: dict[int, float] = {}
    for k, (best_m, best_z) in evidence.items():
        if k in supported:
            continue
        gain = _contribution(scores, index, seg, k, supported)
        logger.debug("partial candidate %r: margin %.3f z %.2f gain %s",
                     seg.clauses[k].text[:60], best_m, best_z, gain)
        if gain is not None and gain > params.partial_gain:
            continue
        strength = (max(params.partial_margin - best_m, 0.0)
                    + params.z_weight * max(params.partial_z - best_z, 0.0))
        missing[k] = _logistic(params.slope * strength - params.gain_weight * (gain or 0.0))
    return missing


def _runs(doc: Document, side: str, seg, missing: dict[int, float], params: FlagParams) -> list[Flag]:
    """One flag per run of adjacent missing clauses that is long enough."""
    flags: list[Flag] = []
    run: list[int] = []
    for k in list(range(len(seg.clauses))) + [None]:
        if k is not None and k in missing:
            run.append(k)
            continue
        if run and len(run) < len(seg.clauses):
            first, last = seg.clauses[run[0]], seg.clauses[run[-1]]
            text = doc.text[first.start:last.end]
            if count_words(text) >= params.partial_min_words:
                sizes = [len(seg.clauses[j]) for j in run]
                confidence = sum(missing[j] * n for j, n in zip(run, sizes)) / sum(sizes)
                flags.append(Flag(side, first.start, last.end, text, "partial",
                                  round(confidence, 4), seg.id))
        run = []
    return flags
