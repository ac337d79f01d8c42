"""Phrases a linked statement holds that its counterpart lacks: evidence below the sentence.

A sentence vector hardly moves when one clause of a long sentence is
dropped, so a linked segment can hide an omission that sentence and clause
scores never see. This module looks inside each linked segment:

- **word windows**: runs of :data:`WINDOW_WORDS` words (every
  :data:`WINDOW_STRIDE` words) of the segment are embedded and compared
  with the windows of the segments it is linked to, and only those (a
  window matches plenty of text elsewhere in a report on one event). Runs
  of windows whose best cosine stays low — in robust z-units against all
  window pairs of the comparison, so no raw cosine is hard-coded for any
  encoder — are *candidates*, trimmed to their first and last content word
  (function words and attribution such as "he said" or «وأضاف» never make
  or start a flag: :mod:`align.text.lexicon`). A logistic decision fitted
  on synthetic omissions and clean translations
  (:data:`RUN_MODEL`, ``benchmarks/phrase_model.py``) keeps a candidate
  from its window scores, the best score of the run as a whole against
  longer partner windows, and how much cutting the run out of its sentence
  raises the sentence's cosine to its partners (content the partner lacks
  only dilutes the match);
- **lexical anchors**: a number, percentage, time or dated day written in a
  linked segment and absent from all its partners is flagged by itself
  (:mod:`align.differences.numbers`; a date its partner renders by its
  weekday is not). When the partner in turn states a value of the same kind
  that this segment lacks, the two versions disagree: the flag's kind is
  ``conflict`` (on both sides), not ``partial``.

Example:
    >>> from align.text import segment_text
    >>> from align.encoders import get_encoder
    >>> a = segment_text("قال الوزير إن 40 شخصاً أصيبوا في الحادث.", "ar")
    >>> b = segment_text("The minister said people were injured in the accident.", "en")
    >>> from align.types import Link
    >>> flags = phrase_flags(a, "a", b, [Link((0,), (0,), 0.9)], get_encoder())  # doctest: +SKIP
    >>> [f.text for f in flags]                                                  # doctest: +SKIP
    ['40']
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from ..types import Flag, Link, link_partners, link_scores
from ..text.document import Document
from ..text.lexicon import is_glue, tokens
from ..text.normalise import fold
from .containment import WINDOW_SIZES, word_windows
from .numbers import Mention, extract, missing, weekday_rendering

logger = logging.getLogger(__name__)

#: Words per window. Four words hold a short fact ("a surprise visit on
#: Monday") yet are long enough for a sentence encoder to place.
WINDOW_WORDS = 4
#: Windows start every ``WINDOW_STRIDE`` words: 2 halves the text to embed
#: (seed compare 3.1 s at stride 1) for a coarser edge of each run.
WINDOW_STRIDE = 2
#: Kinds of number mentions flagged on their own when a partner lacks them
#: (a weekday alone often renders a date).
ANCHOR_KINDS = frozenset({"number", "percent", "date", "time"})
#: Mentions of one family that differ on the two sides are a ``conflict``
#: (30,000 against 300,000 pupils), not an omission.
_FAMILY = {"number": "number", "percent": "number", "date": "date", "time": "time"}


#: Names of the features of a window run, in the order of :data:`RUN_MODEL`.
RUN_FEATURES = ("mean_z", "min_z", "drop", "verify_z", "deletion_gain", "log_windows",
                "content_words", "share")
#: Logistic decision on a run's features: (intercept, weights...). Fitted by
#: ``benchmarks/phrase_model.py`` on synthetic sub-sentence omissions and
#: clean translations (benchmark seed 1, the first 60 NTREX documents).
RUN_MODEL = (-2.613, -1.122, -0.450, -0.198, -0.125, 2.880, 0.364, 0.414, -2.689)


#: Features of a candidate when word alignment runs: the window features
#: above, measured over the candidate's span, then the word alignment's.
WORD_RUN_FEATURES = RUN_FEATURES + ("unaligned_share", "unaligned_best", "unaligned_words",
                                    "from_alignment")
#: Logistic decision on :data:`WORD_RUN_FEATURES`, fitted like
#: :data:`RUN_MODEL` by ``benchmarks/phrase_model.py --word-aligner e5-small``
#: (benchmark seed 1, 60 documents; 5-fold CV at p >= 0.5: 88 of 177 true
#: candidates kept, 0.12 kept per clean document).
WORD_RUN_MODEL = (-3.011, -0.723, -0.283, -0.288, 0.051, 2.568, 0.112, -0.251, -1.512,
                  1.027, -1.297, 0.844, -1.359)


@dataclass(frozen=True)
class WordAlignParams:
    """Settings of the word alignment that :class:`PhraseParams` turns on with ``word_aligner``.

    ``layer``: the token encoder's layer (SimAlign's 8 of 12); ``method``:
    ``"argmax"`` or ``"itermax"`` (:mod:`align.differences.wordalign`);
    runs of at least ``min_content_words`` unaligned content words (joined
    across up to ``max_gap`` aligned ones) become candidates beside the
    window runs; ``model`` decides on :data:`WORD_RUN_FEATURES`.
    """

    layer: int = 8
    method: str = "argmax"
    min_content_words: int = 2
    max_gap: int = 1
    model: tuple[float, ...] = WORD_RUN_MODEL

    def __post_init__(self) -> None:
        if self.method not in ("argmax", "itermax"):
            raise ValueError(f"method must be 'argmax' or 'itermax', got {self.method!r}")
        if len(self.model) != len(WORD_RUN_FEATURES) + 1:
            raise ValueError(f"model needs {len(WORD_RUN_FEATURES) + 1} coefficients, "
                             f"got {len(self.model)}")


@dataclass(frozen=True)
class PhraseParams:
    """Settings of the phrase evidence.

    ``window_z``: windows whose best robust z against the partners' windows
    stays below this make *candidate* runs; a candidate needs
    ``min_content_words`` content words and may cover at most ``max_share``
    of its segment (a segment missing nearly everything is a wrong link, not
    an omission). The fitted ``model`` (:func:`run_probability`) then
    decides; runs reaching ``min_probability`` are flagged. ``anchors``:
    flag numbers and dates a partner lacks, with ``anchor_weight`` times the
    link's score as confidence.

    ``word_aligner`` (opt-in; ``None``: off) names a token encoder
    (:func:`~align.encoders.tokens.get_token_encoder`, e.g. ``"e5-small"``):
    words of linked segments are then aligned with their partners' words
    (:mod:`align.differences.wordalign`), runs of unaligned content words
    join the window runs as candidates, and ``word.model`` decides on every
    candidate from both kinds of evidence. The ``word`` settings count in
    the configuration's digest only when ``word_aligner`` is set.
    """

    window_z: float = 2.0
    min_content_words: int = 2
    max_share: float = 0.7
    anchors: bool = True
    use_windows: bool = True
    anchor_weight: float = 0.9
    model: tuple[float, ...] = RUN_MODEL
    min_probability: float = 0.5
    word_aligner: str | None = None
    word: WordAlignParams = field(default_factory=WordAlignParams)


@dataclass(frozen=True)
class _Window:
    segment: int
    first: int  # index of the first token
    text: str


def _windows(doc: Document, segment_id: int, size: int,
             stride: int) -> tuple[list, list[_Window]]:
    """Tokens of one segment (document offsets) and its windows of ``size``
    words every ``stride`` words, the last one ending at the last word."""
    seg = doc.segments[segment_id]
    toks = [(seg.start + s, seg.start + e, w) for s, e, w in tokens(seg.text)]
    if len(toks) < size:
        out = [_Window(segment_id, 0, fold(seg.text, doc.lang))] if toks else []
        return toks, out
    firsts = list(range(0, len(toks) - size + 1, stride))
    if firsts[-1] != len(toks) - size:
        firsts.append(len(toks) - size)
    out = [_Window(segment_id, i, fold(doc.text[toks[i][0]:toks[i + size - 1][1]], doc.lang))
           for i in firsts]
    return toks, out


def rival_values(mine: Sequence[Mention], theirs: Sequence[Mention]) -> tuple[Mention, ...]:
    """What the partners state that a segment lacks: their certain numbers,
    percentages, dates and times whose value none of ``mine`` has.

    A value of the segment that the partners lack is a ``conflict`` when a
    rival of the same family (:data:`_FAMILY`) is among these, and these are
    then the other side's values of that conflict.
    """
    return missing([m for m in theirs if m.kind in ANCHOR_KINDS and m.certain], mine)


def same_family(a: Mention, b: Mention) -> bool:
    """True when two mentions state the same kind of fact (a count and a percentage
    are both numbers; dates and times are families of their own)."""
    return _FAMILY.get(a.kind) is not None and _FAMILY.get(a.kind) == _FAMILY.get(b.kind)


def anchor_flags(doc: Document, side: str, other: Document, links: Sequence[Link],
                 params: PhraseParams = PhraseParams()) -> list[Flag]:
    """Numbers and dates of linked segments that none of their partners has
    (``partial``), or that a partner gives another value for (``conflict``).

    Example:
        >>> from align.text import segment_text
        >>> a = segment_text("Police said 40 people were hurt.", "en")
        >>> b = segment_text("قالت الشرطة إن أشخاصاً أصيبوا.", "ar")
        >>> [f.text for f in anchor_flags(a, "a", b, [Link((0,), (0,), 0.8)])]
        ['40']
    """
    flags = []
    best_link = link_scores(links, side)
    for seg_id, partner_ids in sorted(link_partners(links, side).items()):
        seg = doc.segments[seg_id]
        everything = extract(seg.text, doc.lang, offset=seg.start)
        mine = [m for m in everything if m.kind in ANCHOR_KINDS and m.certain]
        if not mine:
            continue
        theirs = [m for j in partner_ids for m in extract(
            other.segments[j].text, other.lang, offset=other.segments[j].start)]
        rival_kinds = {_FAMILY[m.kind] for m in rival_values(everything, theirs)}
        score = max(0.0, min(1.0, best_link.get(seg_id, 0.0)))
        for m in missing(mine, theirs):
            if weekday_rendering(m, theirs):
                continue
            kind = "conflict" if _FAMILY[m.kind] in rival_kinds else "partial"
            flags.append(Flag(side, m.start, m.end, m.text, kind,
                              round(params.anchor_weight * score, 4), seg_id))
    return flags


@dataclass
class WindowIndex:
    """Word windows of both documents' linked segments, embedded once per comparison.

    ``mu``/``sigma`` are the median and robust spread (1.4826 × MAD) of the
    cosines between every window and the windows of its segment's partners:
    the background against which a best match is judged.
    """

    docs: dict[str, Document]
    links: Sequence[Link]
    encoder: object
    size: int = WINDOW_WORDS
    stride: int = WINDOW_STRIDE

    def __post_init__(self) -> None:
        self.partners = {side: link_partners(self.links, side) for side in ("a", "b")}
        self.tokens: dict[tuple[str, int], list] = {}
        self.vectors: dict[tuple[str, int], np.ndarray] = {}
        self.firsts: dict[tuple[str, int], list[int]] = {}
        for side in ("a", "b"):
            for seg_id in sorted(self.partners[side]):
                toks, wins = _windows(self.docs[side], seg_id, self.size, self.stride)
                self.tokens[(side, seg_id)] = toks
                self.firsts[(side, seg_id)] = [w.first for w in wins]
                self.vectors[(side, seg_id)] = (
                    np.asarray(self.encoder.encode([w.text for w in wins]), dtype=np.float32)
                    if wins else np.zeros((0, 1), np.float32))
        self.best: dict[tuple[str, int], np.ndarray] = {}
        background = []
        for side in ("a", "b"):
            other = "b" if side == "a" else "a"
            for seg_id, partner_ids in self.partners[side].items():
                own = self.vectors[(side, seg_id)]
                targets = [self.vectors[(other, j)] for j in partner_ids
                           if len(self.vectors[(other, j)])]
                if not len(own) or not targets:
                    continue
                cos = own @ np.concatenate(targets).T
                self.best[(side, seg_id)] = cos.max(axis=1)
                background.append(cos.ravel())
        pool = np.concatenate(background) if background else np.zeros(0, np.float32)
        self.mu = float(np.median(pool)) if pool.size else 0.0
        mad = float(np.median(np.abs(pool - self.mu))) * 1.4826 if pool.size > 1 else 0.0
        self.sigma = max(mad, 0.02)

    def _encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.encoder.encode(texts), dtype=np.float32)

    def word_alignment(self, aligner, word: WordAlignParams):
        """The comparison's :class:`~align.differences.wordalign.WordAlignment`
        by ``aligner`` (a token encoder or its name), built on first use and kept."""
        from ..encoders.tokens import get_token_encoder
        from .wordalign import WordAlignment

        key = (aligner if isinstance(aligner, str) else id(aligner), word.layer, word.method)
        cache = self.__dict__.setdefault("_alignments", {})
        if key not in cache:
            encoder = (get_token_encoder(aligner, layer=word.layer) if isinstance(aligner, str)
                       else aligner)
            cache[key] = WordAlignment(self.docs, self.links, encoder, method=word.method)
        return cache[key]

    def verify_z(self, text: str, side: str, seg_id: int) -> float:
        """Best z of a run's whole text against the partners' word windows of
        about its length (:data:`~align.differences.containment.WINDOW_SIZES`)
        and the partner segments themselves."""
        other = "b" if side == "a" else "a"
        doc = self.docs[other]
        vector = self._encode([fold(text, self.docs[side].lang)])[0]
        n_words = len(tokens(text))
        sizes = tuple(s for s in WINDOW_SIZES if 0.7 * n_words <= s <= 1.5 * n_words) or (
            min(WINDOW_SIZES, key=lambda s: abs(s - n_words)),)
        texts = []
        for j in self.partners[side].get(seg_id, []):
            texts += word_windows(doc, j, sizes) + [fold(doc.segments[j].text, doc.lang)]
        best = float((self._encode(texts) @ vector).max()) if texts else self.mu
        return (best - self.mu) / self.sigma

    def deletion_gain(self, side: str, seg_id: int, start: int, end: int) -> float:
        """How much cutting ``[start, end)`` out of its segment raises the
        segment's cosine to its partners' joint text, in z units: content the
        partner lacks only dilutes the match, content it has supports it."""
        doc = self.docs[side]
        other = self.docs["b" if side == "a" else "a"]
        seg = doc.segments[seg_id]
        cut = doc.text[seg.start:start] + " " + doc.text[end:seg.end]
        partner = " ".join(other.segments[j].text
                           for j in self.partners[side].get(seg_id, []))
        whole, without, target = self._encode([fold(seg.text, doc.lang), fold(cut, doc.lang),
                                               fold(partner, other.lang)])
        return float((without @ target - whole @ target) / self.sigma)

    def z(self, side: str, seg_id: int) -> np.ndarray:
        """Best robust z of each window of a segment against its partners' windows."""
        best = self.best.get((side, seg_id))
        if best is None:
            return np.zeros(0, np.float32)
        return (best - self.mu) / self.sigma


@dataclass(frozen=True)
class RunCandidate:
    """A run of low windows: its trimmed span and the features the decision uses."""

    side: str
    segment: int
    start: int
    end: int
    features: tuple[float, ...]


def run_candidates(doc: Document, side: str, index: WindowIndex,
                   params: PhraseParams) -> list[RunCandidate]:
    """Runs of windows below ``params.window_z``, trimmed to their content words."""
    out = []
    for seg_id in sorted(index.partners[side]):
        toks = index.tokens[(side, seg_id)]
        z = index.z(side, seg_id)
        if len(toks) < index.size or not len(z):
            continue
        median = float(np.median(z))
        low = z < params.window_z
        k = 0
        while k < len(low):
            if not low[k]:
                k += 1
                continue
            start = k
            while k < len(low) and low[k]:
                k += 1
            # A window that is low may hold a kept word or two at its edges:
            # the run claims the middle words of its windows, and its first or
            # last word only at the segment's edge.
            firsts = index.firsts[(side, seg_id)]
            edge = (index.size - 1) // 2
            first = firsts[start] if start == 0 else firsts[start] + edge
            last = firsts[k - 1] + index.size - 1
            if k < len(low):
                last -= index.size - 1 - edge
            content = [i for i in range(first, last + 1) if not is_glue(toks[i][2], doc.lang)]
            if len(content) < params.min_content_words:
                continue
            if (last - first + 1) > params.max_share * len(toks):
                continue
            s, e = toks[content[0]][0], toks[content[-1]][1]
            run_z = z[start:k]
            features = (float(run_z.mean()), float(run_z.min()), median - float(run_z.mean()),
                        index.verify_z(doc.text[s:e], side, seg_id),
                        index.deletion_gain(side, seg_id, s, e),
                        math.log(k - start), float(len(content)),
                        (last - first + 1) / len(toks))
            out.append(RunCandidate(side, seg_id, s, e, features))
    return out


def _span_window_features(doc: Document, side: str, index: WindowIndex, seg_id: int,
                          first: int, last: int) -> tuple[float, ...]:
    """:data:`RUN_FEATURES` of the words ``first..last`` of a segment, from the
    windows whose middle words overlap them (else the window nearest them)."""
    toks = index.tokens[(side, seg_id)]
    z = index.z(side, seg_id)
    firsts = np.asarray(index.firsts[(side, seg_id)])
    edge = (index.size - 1) // 2
    lo, hi = firsts + edge, np.minimum(firsts + index.size - 1 - edge, len(toks) - 1)
    chosen = np.flatnonzero((lo <= last) & (hi >= first))
    if not len(chosen):
        chosen = np.array([int(np.argmin(np.abs((lo + hi) / 2 - (first + last) / 2)))])
    run_z = z[chosen]
    s, e = toks[first][0], toks[last][1]
    content = sum(not is_glue(toks[i][2], doc.lang) for i in range(first, last + 1))
    return (float(run_z.mean()), float(run_z.min()), float(np.median(z)) - float(run_z.mean()),
            index.verify_z(doc.text[s:e], side, seg_id), index.deletion_gain(side, seg_id, s, e),
            math.log(len(chosen)), float(content), (last - first + 1) / len(toks))


def word_candidates(doc: Document, side: str, index: WindowIndex, aligner,
                    params: PhraseParams) -> list[RunCandidate]:
    """Window runs and runs of unaligned content words, each with :data:`WORD_RUN_FEATURES`.

    ``aligner`` is a token encoder or its registered name. A run of
    unaligned words becomes a candidate with ``params.word.min_content_words``
    unaligned content words, covering at most ``params.max_share`` of its
    segment, unless a window run already covers the same words.
    """
    word = params.word
    alignment = index.word_alignment(aligner, word)
    out = []
    for cand in run_candidates(doc, side, index, params):
        share, best = alignment.unaligned_share(side, cand.segment, cand.start, cand.end)
        seg = alignment.segments.get((side, cand.segment))
        unaligned = sum(1 for (s, e), c, a in zip(seg.spans, seg.content, seg.aligned)
                        if c and not a and cand.start <= s and e <= cand.end) if seg else 0
        out.append(RunCandidate(side, cand.segment, cand.start, cand.end,
                                cand.features + (share, best, float(unaligned), 0.0)))
    for seg_id in sorted(index.partners[side]):
        toks = index.tokens[(side, seg_id)]
        if not toks or not len(index.z(side, seg_id)):
            continue
        for first, last, unaligned in alignment.runs(side, seg_id, word.max_gap):
            if unaligned < word.min_content_words:
                continue
            if (last - first + 1) > params.max_share * len(toks):
                continue
            s, e = toks[first][0], toks[last][1]
            if any(c.segment == seg_id and c.start <= s and e <= c.end for c in out):
                continue
            share, best = alignment.unaligned_share(side, seg_id, s, e)
            features = _span_window_features(doc, side, index, seg_id, first, last)
            out.append(RunCandidate(side, seg_id, s, e,
                                    features + (share, best, float(unaligned), 1.0)))
    return out


def run_probability(features: Sequence[float], model: Sequence[float] = RUN_MODEL) -> float:
    """The fitted logistic decision: how likely a run is missing from the partner."""
    x = model[0] + sum(w * f for w, f in zip(model[1:], features))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))


def window_flags(doc: Document, side: str, index: WindowIndex,
                 params: PhraseParams = PhraseParams()) -> list[Flag]:
    """Runs of words of linked segments whose windows find no counterpart in a partner.

    Candidates come from :func:`run_candidates` (with ``params.word_aligner``:
    :func:`word_candidates`); :func:`run_probability` decides, and its value
    is the flag's confidence.
    """
    flags = []
    if params.word_aligner is None:
        candidates, model, names = run_candidates(doc, side, index, params), params.model, RUN_FEATURES
    else:
        candidates = word_candidates(doc, side, index, params.word_aligner, params)
        model, names = params.word.model, WORD_RUN_FEATURES
    for cand in candidates:
        p = run_probability(cand.features, model)
        logger.debug("phrase run %r: %s -> %.2f", doc.text[cand.start:cand.end][:60],
                     " ".join(f"{n}={v:.2f}" for n, v in zip(names, cand.features)), p)
        if p >= params.min_probability:
            flags.append(Flag(side, cand.start, cand.end, doc.text[cand.start:cand.end],
                              "partial", round(p, 4), cand.segment))
    return flags


def merge_flags(flags: Sequence[Flag], doc: Document) -> list[Flag]:
    """Overlapping or touching partial flags of one segment joined into one.

    Unmatched flags are kept as they are and absorb any partial flag inside
    them; conflict flags are kept as they are.
    """
    whole = [f for f in flags if f.kind != "partial"]
    parts = sorted((f for f in flags if f.kind == "partial"
                    and not any(u.start <= f.start and f.end <= u.end for u in whole)),
                   key=lambda f: (f.segment, f.start, -f.end))
    out: list[Flag] = []
    for f in parts:
        prev = out[-1] if out else None
        if (prev is not None and prev.segment == f.segment
                and not doc.text[prev.end:f.start].strip()):
            start, end = prev.start, max(prev.end, f.end)
            out[-1] = Flag(f.side, start, end, doc.text[start:end], "partial",
                           max(prev.confidence, f.confidence), f.segment)
        else:
            out.append(f)
    return whole + out


def phrase_flags(doc: Document, side: str, other: Document, links: Sequence[Link],
                 encoder, params: PhraseParams = PhraseParams(),
                 index: WindowIndex | None = None) -> list[Flag]:
    """Partial flags for phrases of ``doc``'s linked segments that their partners lack.

    ``index`` (built once per comparison) is made here when not given.
    """
    flags: list[Flag] = []
    if params.anchors:
        flags += anchor_flags(doc, side, other, links, params)
    if params.use_windows:
        if index is None:
            docs = {side: doc, ("b" if side == "a" else "a"): other}
            index = WindowIndex(docs, links, encoder)
        flags += window_flags(doc, side, index, params)
    return flags
