"""The evidence behind finished flags: which words found no counterpart, where, and what value.

Flags are decided first (:mod:`align.differences.flags`,
:mod:`align.differences.phrases`); this module then explains each one
without changing it, so a reader can check the flag against both texts:

- **missing words** of a ``partial`` flag: the content words of the span
  (function words and attribution such as "he said" or «وأضاف» never count,
  :mod:`align.text.lexicon`) whose 4-word windows match the windows of the
  segment's link partners, on average, below ``PhraseParams.window_z`` in
  the comparison's robust z units — the same windows, background and
  threshold that make a phrase a candidate. A number or date of the span
  that no partner states is missing by itself. Consecutive missing words
  (with any function words between them) make one span. On 40 synthetic
  sub-sentence pairs and the 9 real development pairs
  (``benchmarks/evidence.py``) this marks fewer words than the whole span
  at nearly the same recall of the truly one-sided words;
- **the closest counterpart**: the segment of the other side whose sentence
  vector is closest to the flagged segment's, among its link partners when
  it has any (a ``partial`` flag's statement is *there*, lacking the
  phrase), else among all segments (how close the nearest candidate of an
  ``unmatched`` statement came);
- **both values of a conflict**: the flag's own number or date, and the
  partner's mentions of the same kind of fact that this side lacks
  (:func:`align.differences.phrases.rival_values`, the rule that made the
  flag a conflict).

Every span is an exact slice of its side's input text.

Example:
    >>> from align.text import segment_text
    >>> from align.types import Flag, Link
    >>> a = segment_text("Police said 40 people were hurt.", "en")
    >>> b = segment_text("قالت الشرطة إن 30 شخصاً أصيبوا.", "ar")
    >>> flag = Flag("a", 12, 14, "40", "conflict", 0.8, 0)
    >>> ev = explain_flags([flag], a, b, [Link((0,), (0,), 0.9)], encoder=None)[0].evidence
    >>> ev.value, [v.text for v in ev.other_values]
    ('number 40 (40)', ['30'])
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Sequence

import numpy as np

from ..text.document import Document
from ..text.lexicon import is_glue
from ..text.normalise import fold
from ..types import Evidence, EvidenceSpan, Flag, Link, link_partners
from .numbers import Mention, extract, missing
from .phrases import ANCHOR_KINDS, PhraseParams, WindowIndex, rival_values, same_family

logger = logging.getLogger(__name__)

#: A word: letters and digits with the Arabic marks (shadda, vowels, tatweel)
#: written inside it, so "فقدّم" is one word, not two.
_WORD = re.compile(r"[^\W_][\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]*"
                   r"(?:['’][^\W_][\w\u064B-\u065F\u0670]*)*")


def words(doc: Document, start: int, end: int) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of every word of ``doc.text[start:end]``, in document offsets."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(doc.text, start, end)]


class _SentenceVectors:
    """Sentence vectors of both documents' segments, embedded on first use.

    The texts are folded as the matching layer folds sentence units, so a
    caching encoder returns the vectors it already computed; ``rows`` gives
    them directly (unit vectors, one per segment, by side).
    """

    def __init__(self, docs: dict[str, Document], encoder,
                 rows: dict[str, np.ndarray] | None = None) -> None:
        self.docs, self.encoder = docs, encoder
        self._rows: dict[str, np.ndarray] = dict(rows or {})

    def of(self, side: str) -> np.ndarray:
        if side not in self._rows:
            doc = self.docs[side]
            texts = [fold(" ".join(s.text.split()), doc.lang) for s in doc.segments]
            rows = (np.asarray(self.encoder.encode(texts), dtype=np.float32) if texts
                    else np.zeros((0, 1), np.float32))
            norms = np.linalg.norm(rows, axis=1, keepdims=True) if rows.size else 1.0
            self._rows[side] = rows / np.maximum(norms, 1e-12)
        return self._rows[side]


def closest_counterpart(vectors: _SentenceVectors, side: str, segment: int,
                        candidates: Sequence[int]) -> tuple[int | None, float | None]:
    """The segment among ``candidates`` (ids on the other side; all when empty)
    whose sentence vector is closest to ``segment``'s, and that cosine."""
    other = "b" if side == "a" else "a"
    theirs = vectors.of(other)
    if not len(theirs):
        return None, None
    ids = list(candidates)
    cos = (theirs[ids] if ids else theirs) @ vectors.of(side)[segment]  # all: no copy
    best = int(np.argmax(cos))
    return (ids[best] if ids else best), round(float(cos[best]), 4)


def _window_z(index: WindowIndex, side: str, segment: int, start: int, end: int) -> float | None:
    """Mean robust z of the segment's windows that hold any of ``[start, end)``;
    None when the segment has no window scored against a partner."""
    z = index.z(side, segment)
    if not len(z):
        return None
    toks = index.tokens[(side, segment)]
    firsts = index.firsts[(side, segment)]
    covering = []
    for k, first in enumerate(firsts):
        last = min(first + index.size, len(toks)) - 1
        if toks[first][0] < end and start < toks[last][1]:
            covering.append(float(z[k]))
    return float(np.mean(covering)) if covering else None


def missing_words(flag: Flag, doc: Document, other: Document, partners: Sequence[int],
                  index: WindowIndex | None, window_z: float) -> tuple[EvidenceSpan, ...]:
    """The words of a ``partial`` flag that found no counterpart, joined into spans.

    A content word is missing when the windows that hold it match the
    partners' windows below ``window_z`` on average (or when its segment has
    no window scored, as for a segment whose partner has no words); a
    number or date no partner states is missing outright. ``partners`` are
    the ids of the other side's segments the flag's segment is linked to.
    When no word of the flag is missing by these tests, its content words are.
    """
    theirs = [m for j in partners for m in extract(other.segments[j].text, other.lang,
                                                   offset=other.segments[j].start)]
    anchors = [m for m in missing([m for m in extract(flag.text, doc.lang, offset=flag.start)
                                   if m.kind in ANCHOR_KINDS and m.certain], theirs)]
    status: list[tuple[int, int, str]] = []  # (start, end, "missing" | "glue" | "found")
    for s, e, w in words(doc, flag.start, flag.end):
        if any(m.start < e and s < m.end for m in anchors):
            state = "missing"
        elif is_glue(w, doc.lang):
            state = "glue"
        else:
            z = _window_z(index, flag.side, flag.segment, s, e) if index is not None else None
            state = "missing" if z is None or z < window_z else "found"
        status.append((s, e, state))
    if not any(state == "missing" for _, _, state in status):
        # The flag's clause has no counterpart as a whole, yet word windows
        # find each word somewhere in the partners (a topic they share): the
        # marks then show what the flag claims, its content words.
        status = [(s, e, "missing" if state == "found" else state) for s, e, state in status]
    spans: list[EvidenceSpan] = []
    run: list[tuple[int, int]] = []
    for s, e, state in status + [(0, 0, "found")]:
        if state == "missing":
            run.append((s, e))
        elif state == "glue" and run:
            continue
        elif run:
            start, end = run[0][0], run[-1][1]
            for m in anchors:  # a number's own separators ("4.0", "١٩/٧/٢٠٢٢") stay inside
                if m.start < end and start < m.end:
                    start, end = min(start, max(m.start, flag.start)), max(end, min(m.end, flag.end))
            value = ", ".join(m.describe() for m in anchors if start <= m.start and m.end <= end)
            spans.append(EvidenceSpan(start, end, doc.text[start:end], value))
            run = []
    return tuple(spans)


def conflict_values(flag: Flag, doc: Document, other: Document,
                    partners: Sequence[int]) -> tuple[str, tuple[EvidenceSpan, ...], int | None]:
    """A conflict's own value (described), the partners' values of the same
    kind that this segment lacks, and the partner segment holding the first."""
    seg = doc.segments[flag.segment]
    mine = extract(seg.text, doc.lang, offset=seg.start)
    own = next((m for m in mine if m.start == flag.start and m.end == flag.end), None)
    if own is None:
        own = next((m for m in mine if m.start < flag.end and flag.start < m.end), None)
    holder: dict[int, int] = {}
    theirs: list[Mention] = []
    for j in partners:
        ps = other.segments[j]
        for m in extract(ps.text, other.lang, offset=ps.start):
            theirs.append(m)
            holder[m.start] = j
    if own is None:
        return "", (), None
    rivals = [m for m in rival_values(mine, theirs) if same_family(own, m)]
    spans = tuple(EvidenceSpan(m.start, m.end, other.text[m.start:m.end], m.describe())
                  for m in rivals)
    return own.describe(), spans, (holder[rivals[0].start] if rivals else None)


def explain_flags(flags: Sequence[Flag], doc_a: Document, doc_b: Document,
                  links: Sequence[Link], encoder,
                  params: PhraseParams | None = None,
                  index: WindowIndex | None = None,
                  sentence_vectors: dict[str, np.ndarray] | None = None) -> tuple[Flag, ...]:
    """``flags`` with their :class:`~align.types.Evidence` filled in, in the same order.

    ``encoder`` embeds the segments for the closest counterpart and the word
    windows of linked segments (a caching encoder returns what the
    comparison already embedded); ``None`` leaves out everything that needs
    it (counterparts, and word windows: every content word of a partial flag
    then counts as missing). ``params.window_z`` is the window threshold;
    ``index`` and ``sentence_vectors`` (unit vectors of each side's
    segments), what the comparison already computed.
    """
    params = params or PhraseParams()
    docs = {"a": doc_a, "b": doc_b}
    if index is None and encoder is not None and any(f.kind == "partial" for f in flags):
        index = WindowIndex(docs, links, encoder)
    partners_of = {side: link_partners(links, side) for side in ("a", "b")}
    vectors = (_SentenceVectors(docs, encoder, sentence_vectors)
               if encoder is not None or sentence_vectors else None)
    out = []
    for f in flags:
        doc, other = docs[f.side], docs["b" if f.side == "a" else "a"]
        partners = partners_of[f.side].get(f.segment, [])
        value, others, holder, gaps = "", (), None, ()
        if f.kind == "conflict":
            value, others, holder = conflict_values(f, doc, other, partners)
        elif f.kind == "partial":
            gaps = missing_words(f, doc, other, partners, index, params.window_z)
        counterpart, score = None, None
        if vectors is not None:
            counterpart, score = closest_counterpart(
                vectors, f.side, f.segment, [holder] if holder is not None else partners)
        elif holder is not None or partners:
            counterpart = holder if holder is not None else partners[0]
        evidence = Evidence(missing=gaps, counterpart=counterpart, counterpart_score=score,
                            value=value, other_values=others)
        logger.debug("evidence of %s %r: %s", f.kind, f.text[:40], evidence)
        out.append(replace(f, evidence=evidence))
    return tuple(out)
