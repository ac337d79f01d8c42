"""Word alignment of linked segments: which words of a statement find no counterpart.

SimAlign (Jalili Sabet et al. 2020) aligns the words of a sentence and its
translation from a multilingual model's contextual vectors alone: a word
pair is aligned when each is the other's most similar word ("argmax", the
intersection of the two directions). Here the words of a linked segment are
aligned against the words of *its link partners only* (against the whole
other document an omitted word finds a look-alike somewhere), from one
layer of a :class:`~align.encoders.tokens.TokenEncoder`:

- a word's vector is the mean of its word pieces (words as
  :func:`align.text.lexicon.tokens` cuts them, the unit the flags use);
- vectors are mean-centred per side (each language's mean word vector
  subtracted: the shared direction of all words of one language otherwise
  dominates cosines) and L2-normalised;
- content words (not function or attribution words of
  :mod:`align.text.lexicon`) left unaligned make *runs*: maximal sequences
  of unaligned content words, glue words between them included. A run is
  evidence that its segment holds something its partners lack; the phrase
  decision (:mod:`align.differences.phrases`) weighs it.

Example:
    >>> from align.text import segment_text
    >>> from align.types import Link
    >>> a = segment_text("The minister, who arrived on a surprise visit, met the mayor.", "en")
    >>> b = segment_text("التقى الوزير رئيس البلدية.", "ar")
    >>> wa = WordAlignment({"a": a, "b": b}, [Link((0,), (0,), 0.8)], "e5-small")  # doctest: +SKIP
    >>> [a.text[s:e] for s, e, _ in wa.runs("a", 0)]                              # doctest: +SKIP
    ['arrived on a surprise visit']
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..encoders.tokens import TokenEncoder, get_token_encoder
from ..text.document import Document
from ..text.lexicon import is_glue, tokens
from ..types import Link, link_partners

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SegmentWords:
    """The words of one segment (document offsets) and how they aligned.

    ``aligned``: the word has an argmax partner in the link partners;
    ``best``: its highest centred cosine with any partner word; ``content``:
    not a function or attribution word.
    """

    spans: tuple[tuple[int, int], ...]
    content: np.ndarray
    aligned: np.ndarray
    best: np.ndarray


def word_vectors(text: str, pieces, words: Sequence[tuple[int, int, str]]) -> np.ndarray:
    """One vector per word: the mean of the pieces that overlap it.

    ``pieces`` is a :class:`~align.encoders.tokens.TokenVectors` of ``text``;
    a piece's span may start with the space before its word. A word no piece
    overlaps (never, with a real tokenizer) gets a zero vector.
    """
    out = np.zeros((len(words), pieces.vectors.shape[1] if len(pieces.vectors) else 1),
                   np.float32)
    if not len(words) or not len(pieces.vectors):
        return out
    starts = np.array([s for s, _, _ in words])
    ends = np.array([e for _, e, _ in words])
    counts = np.zeros(len(words))
    for (s, e), vector in zip(pieces.spans, pieces.vectors):
        while s < e and text[s].isspace():
            s += 1
        hit = np.flatnonzero((starts < e) & (ends > s))
        out[hit] += vector
        counts[hit] += 1
    return out / np.maximum(counts, 1)[:, None].astype(np.float32)


def argmax_alignment(sim: np.ndarray) -> np.ndarray:
    """Boolean matrix of SimAlign's argmax: each is the other's best (rows × columns)."""
    out = np.zeros(sim.shape, dtype=bool)
    if not sim.size:
        return out
    rows = sim.argmax(axis=1)
    cols = sim.argmax(axis=0)
    i = np.arange(sim.shape[0])
    mutual = cols[rows] == i
    out[i[mutual], rows[mutual]] = True
    return out


def itermax_alignment(sim: np.ndarray, iterations: int = 2, alpha: float = 0.9) -> np.ndarray:
    """SimAlign's itermax: argmax, then again among words both left unaligned.

    After the first round, rows and columns already aligned are masked out
    only when *both* ends are aligned; a word pair where one end is free is
    scaled by ``alpha`` (the paper's setting 0.9) so that a second partner is
    accepted only when clearly best.
    """
    out = argmax_alignment(sim)
    for _ in range(iterations - 1):
        row_done = out.any(axis=1)
        col_done = out.any(axis=0)
        weight = np.where(row_done[:, None] & col_done[None, :], 0.0,
                          np.where(row_done[:, None] | col_done[None, :], alpha, 1.0))
        masked = np.where(weight > 0, sim * weight, -np.inf)
        new = argmax_alignment(masked) & (weight > 0)
        if not (new & ~out).any():
            break
        out |= new
    return out


class WordAlignment:
    """Word alignment of every linked segment of both documents against its partners.

    Built once per comparison: each linked segment is run through the token
    encoder once (``token_encoder``: a :class:`TokenEncoder` or a registered
    name such as ``"e5-small"``).
    """

    def __init__(self, docs: dict[str, Document], links: Sequence[Link],
                 token_encoder: TokenEncoder | str, method: str = "argmax"):
        if method not in ("argmax", "itermax"):
            raise ValueError(f"method must be 'argmax' or 'itermax', got {method!r}")
        self.docs = docs
        self.encoder = get_token_encoder(token_encoder)
        self.partners = {side: link_partners(links, side) for side in ("a", "b")}
        keys = [(side, seg_id) for side in ("a", "b") for seg_id in sorted(self.partners[side])]
        texts = [docs[side].segments[seg_id].text for side, seg_id in keys]
        pieces = self.encoder.encode_tokens(texts) if texts else []
        self._words: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
        vectors: dict[tuple[str, int], np.ndarray] = {}
        for key, text, piece in zip(keys, texts, pieces):
            words = tokens(text)
            self._words[key] = words
            vectors[key] = word_vectors(text, piece, words)
        for side in ("a", "b"):
            own = [vectors[k] for k in keys if k[0] == side and len(vectors[k])]
            if not own:
                continue
            mean = np.concatenate(own).mean(axis=0)
            for k in keys:
                if k[0] == side:
                    v = vectors[k] - mean
                    norms = np.linalg.norm(v, axis=1, keepdims=True)
                    vectors[k] = (v / np.where(norms > 0, norms, 1)).astype(np.float32)
        align = argmax_alignment if method == "argmax" else itermax_alignment
        self.segments: dict[tuple[str, int], SegmentWords] = {}
        for side, seg_id in keys:
            other = "b" if side == "a" else "a"
            doc = docs[side]
            start = doc.segments[seg_id].start
            words = self._words[(side, seg_id)]
            own = vectors[(side, seg_id)]
            targets = [vectors[(other, j)] for j in self.partners[side][seg_id]
                       if (other, j) in vectors and len(vectors[(other, j)])]
            target = np.concatenate(targets) if targets else np.zeros((0, own.shape[1]), np.float32)
            sim = own @ target.T if len(own) and len(target) else np.zeros((len(own), 0))
            aligned = align(sim).any(axis=1) if sim.size else np.zeros(len(own), bool)
            best = sim.max(axis=1) if sim.size else np.zeros(len(own), np.float32)
            content = np.array([not is_glue(w, doc.lang) for _, _, w in words], dtype=bool)
            self.segments[(side, seg_id)] = SegmentWords(
                tuple((start + s, start + e) for s, e, _ in words), content, aligned,
                best.astype(np.float32))

    def runs(self, side: str, seg_id: int, max_gap: int = 0) -> list[tuple[int, int, int]]:
        """Runs of unaligned content words of a segment: ``(first word, last word,
        unaligned content words)``, word indices into the segment's words, glue
        between them included; a glue word at either end is left out. Up to
        ``max_gap`` aligned content words between two runs join them (a word
        of a dropped clause can find a look-alike in the partner by chance)."""
        seg = self.segments.get((side, seg_id))
        if seg is None:
            return []
        content = np.flatnonzero(seg.content)
        out: list[tuple[int, int, int]] = []
        first = last = None
        count = gap = 0
        for i in content:
            if not seg.aligned[i]:
                first = i if first is None else first
                last, gap = i, 0
                count += 1
            elif first is not None:
                gap += 1
                if gap > max_gap:
                    out.append((int(first), int(last), count))
                    first, count, gap = None, 0, 0
        if first is not None:
            out.append((int(first), int(last), count))
        return out

    def unaligned_share(self, side: str, seg_id: int, start: int, end: int) -> tuple[float, float]:
        """Over the content words inside ``[start, end)``: the share left
        unaligned and their mean best cosine (1.0 / 0.0 with no content word)."""
        seg = self.segments.get((side, seg_id))
        if seg is None:
            return 0.0, 0.0
        inside = np.array([s >= start and e <= end for s, e in seg.spans], dtype=bool) & seg.content
        if not inside.any():
            return 0.0, 0.0
        return float((~seg.aligned[inside]).mean()), float(seg.best[inside].mean())
