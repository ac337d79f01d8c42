"""Matchable units of a document: sentences, their clauses, and windows.

One side's sentence often matches two merged or split sentences of the other
side, or only one clause of a long sentence. Units give each of these a row
in the similarity matrix, so the search can pick the best-fitting grain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..encoders.base import l2_normalise
from ..text.document import Document
from ..text.normalise import fold

UnitKind = Literal["sentence", "clause", "phrase", "window"]


@dataclass(frozen=True)
class Unit:
    """A span of a document made of whole segments or one clause of one."""

    kind: UnitKind
    segments: tuple[int, ...]
    start: int
    end: int
    clause: int = -1  # index of the (first) clause within its segment, for kind "clause"


@dataclass(frozen=True)
class Units:
    """All units of one document, the text the encoder sees for each, by kind.

    :func:`build_units` puts the sentence units first, in segment order, so
    a segment's id is also the index of its sentence unit.
    """

    items: tuple[Unit, ...]
    texts: tuple[str, ...]

    @property
    def n_segments(self) -> int:
        """How many segments the document has (one sentence unit each)."""
        return sum(1 for u in self.items if u.kind == "sentence")

    def indices(self, *kinds: UnitKind) -> list[int]:
        return [i for i, u in enumerate(self.items) if u.kind in kinds]

    def segment_groups(self) -> list[list[int]]:
        """The sentence, clause and clause-pair units of each segment (by id), in unit order."""
        groups: list[list[int]] = [[] for _ in range(self.n_segments)]
        for i, u in enumerate(self.items):
            if u.kind != "window":
                groups[u.segments[0]].append(i)
        return groups


def build_units(doc: Document, *, max_window: int, max_window_chars: int = 1500) -> Units:
    """Sentences, clauses of multi-clause sentences, clause pairs ("phrases"), windows.

    Windows are runs of 2..``max_window`` consecutive segments whose text is
    at most ``max_window_chars`` long (``max_window`` has no default here:
    it is :attr:`align.config.ScoringParams.max_window`). The encoder sees the matching-side
    folded text (:func:`align.text.fold`); offsets stay those of ``doc``.
    """
    items: list[Unit] = []
    for seg in doc.segments:
        items.append(Unit("sentence", (seg.id,), seg.start, seg.end))
    for seg in doc.segments:
        if len(seg.clauses) > 1:
            for k, clause in enumerate(seg.clauses):
                items.append(Unit("clause", (seg.id,), clause.start, clause.end, k))
            # Two adjacent clauses: one report's statement often spans two of
            # the other's comma-separated pieces.
            if len(seg.clauses) > 2:
                for k in range(len(seg.clauses) - 1):
                    first, second = seg.clauses[k], seg.clauses[k + 1]
                    items.append(Unit("phrase", (seg.id,), first.start, second.end, k))
    n = len(doc.segments)
    for width in range(2, max_window + 1):
        for first in range(0, n - width + 1):
            segs = doc.segments[first : first + width]
            if segs[-1].end - segs[0].start > max_window_chars:
                continue
            items.append(Unit("window", tuple(s.id for s in segs), segs[0].start, segs[-1].end))
    texts = tuple(_unit_text(doc, u) for u in items)
    return Units(tuple(items), texts)


def embed_units(units: Units, encoder, window_embedding: str, **encode_options) -> np.ndarray:
    """One L2-normalised row per unit.

    ``window_embedding`` is :attr:`align.config.ScoringParams.window_embedding`:
    ``"mean"`` builds a window's vector from its sentences'
    vectors instead of encoding its text: windows hold most of the characters
    of a document, so this cuts encoding time by more than half.
    """
    if window_embedding == "encode":
        return encoder.encode(list(units.texts), **encode_options)
    own = [i for i, u in enumerate(units.items) if u.kind != "window"]
    vectors = encoder.encode([units.texts[i] for i in own], **encode_options)
    out = np.zeros((len(units.items), vectors.shape[1]), dtype=np.float32)
    out[own] = vectors
    for i, unit in enumerate(units.items):
        if unit.kind == "window":
            out[i] = out[list(unit.segments)].sum(axis=0)  # sentence rows come first, by id
    return l2_normalise(out)


def _unit_text(doc: Document, unit: Unit) -> str:
    if unit.kind == "window":
        raw = " ".join(doc.segments[i].text for i in unit.segments)
    else:
        raw = doc.text[unit.start : unit.end]
    return fold(" ".join(raw.split()), doc.lang)
