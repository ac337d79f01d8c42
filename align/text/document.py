"""Typed values for a segmented text: spans, segments and the document.

Offsets are Python string indices into the text exactly as it was read
(end exclusive), so ``doc.text[seg.start:seg.end] == seg.text`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A character range ``[start, end)`` of a document and its text."""

    start: int
    end: int
    text: str

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Segment:
    """A sentence-like unit of a document, with the clauses inside it.

    ``clauses`` always holds at least one span; a segment that is not split
    further has one clause equal to itself. Clauses cover every non-space
    character of the segment exactly once.
    """

    id: int
    start: int
    end: int
    text: str
    clauses: tuple[Span, ...] = field(default=())

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Document:
    """A text, its language code and its segments in reading order.

    The segments cover every non-space character of ``text`` exactly once.

    Example:
        >>> from align.text import segment_text
        >>> doc = segment_text("First point. Second point.", lang="en")
        >>> [s.text for s in doc.segments]
        ['First point.', 'Second point.']
    """

    text: str
    lang: str
    segments: tuple[Segment, ...]

    def __len__(self) -> int:
        return len(self.segments)

    def __repr__(self) -> str:
        # The full text can be megabytes: a repr names it by size and start.
        head = " ".join(self.text[:40].split()) + ("…" if len(self.text) > 40 else "")
        return (f"Document(lang={self.lang!r}, {len(self.text):,} chars, "
                f"{len(self.segments)} segments, text={head!r})")
