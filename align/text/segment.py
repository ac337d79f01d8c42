"""Sentence and clause segmentation with exact character offsets.

Rules, not a model: they are fast, offline, deterministic and easy to extend
per language (see :mod:`align.text.rules`). ``benchmarks/segmenters.py``
compares them with pysbd and sentencex on NTREX paragraphs in both languages.

Guarantees, checked by property tests:
- segments are in reading order, do not overlap, start and end on non-space
  characters, and together cover every non-space character of the text;
- each segment's clauses cover every non-space character of the segment.

Example:
    >>> doc = segment_text("TEHRAN— The Leader met Erdogan. He said, “Syria matters.”", "en")
    >>> [s.text for s in doc.segments]
    ['TEHRAN— The Leader met Erdogan.', 'He said, “Syria matters.”']
    >>> [c.text for c in doc.segments[1].clauses]
    ['He said, “Syria matters.”']
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass

from ..errors import AlignWarning
from .document import Document, Segment, Span
from .rules import rules_for

logger = logging.getLogger(__name__)

SEGMENTER_NAME = "rules-v1"

#: Sentences longer than this are cut at clause marks, then at spaces: an
#: encoder sees a bounded text and a missing part stays locatable.
MAX_SEGMENT_CHARS = 1200
#: Clauses shorter than this many words join a neighbour: fragments such as
#: "he said," or a list item carry no statement of their own.
MIN_CLAUSE_WORDS = 4

_TERMINATORS = ".!?؟۔。！？"
_CLOSERS = "»”’\"')]›"
_OPENERS = "«“‘\"'([‹"
_SENTENCE_END = re.compile(
    r"(?P<term>(?:\.{3}|…|[" + re.escape(_TERMINATORS) + r"])+)(?P<close>[" + re.escape(_CLOSERS) + r"]*)"
)
_BULLET = re.compile(r"^\s*(?:[-–—•*▪●◦·]|\d{1,3}[.)])\s+")


def count_words(text: str) -> int:
    """Whitespace-separated tokens that contain a letter or digit.

    Splitting on ``\\w`` would count "السيّد" as two words: its shadda is a
    combining mark, not a word character.
    """
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int


def _strip_span(text: str, start: int, end: int) -> _Piece | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _Piece(start, end) if end > start else None


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line, without its line break."""
    out, pos = [], 0
    for match in re.finditer(r"\r\n|\n|\r|\u2028|\u2029", text):
        out.append((pos, match.start()))
        pos = match.end()
    out.append((pos, len(text)))
    return out


def _blocks(text: str, lang: str) -> list[tuple[int, int]]:
    """Join soft-wrapped lines; every other line break ends a block.

    A line break is a hard boundary after terminal punctuation, around blank
    lines, bullets and short heading-like lines; a long line that stops
    mid-sentence continues on the next line.
    """
    rules = rules_for(lang)
    lines = [(s, e) for s, e in _lines(text)]
    blocks: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for idx, (s, e) in enumerate(lines):
        content = text[s:e].strip()
        if not content:
            if current:
                blocks.append(current)
                current = None
            continue
        if current is None:
            current = (s, e)
        else:
            current = (current[0], e)
        nxt = lines[idx + 1] if idx + 1 < len(lines) else None
        next_content = text[nxt[0]:nxt[1]].strip() if nxt else ""
        words = count_words(content)
        soft_wrap = (
            next_content
            and content[-1] not in _TERMINATORS + _CLOSERS + ":؛;"
            and words > rules.heading_max_words
            and not _BULLET.match(text[nxt[0]:nxt[1]])
            and not _BULLET.match(text[s:e])
            and not rules.starts_sentence(next_content)
        )
        if not soft_wrap:
            blocks.append(current)
            current = None
    if current:
        blocks.append(current)
    return blocks


def _is_boundary(text: str, match: re.Match, block_end: int, lang: str) -> bool:
    rules = rules_for(lang)
    term, close = match.group("term"), match.group("close")
    end = match.end()
    if end >= block_end:
        return True
    nxt = text[end]
    has_space = nxt.isspace()
    following = text[end:block_end].lstrip()
    if not following:
        return True
    first = following[0]
    if term in ("...", "…") or (len(term) > 1 and set(term) <= {".", "…"}):
        return False  # an ellipsis continues the sentence unless the line ends
    if not has_space:
        # "States.”The Leader": a closing quote glued to the next sentence.
        return bool(close) and (first.isupper() or first in _OPENERS or rules.is_caseless_letter(first))
    if first.islower():
        return False
    if term == "." and not close:
        before = text[max(0, match.start() - 12) : match.start()]
        token = re.split(r"[\s(«“\"']", before)[-1]
        if rules.is_abbreviation(token, first):
            return False
        if first.isdigit() and token[-1:].isdigit():
            return False
    return True


def _sentences(text: str, start: int, end: int, lang: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    cut = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _is_boundary(text, match, end, lang):
            piece = _strip_span(text, cut, match.end())
            if piece:
                pieces.append(piece)
            cut = match.end()
    piece = _strip_span(text, cut, end)
    if piece:
        pieces.append(piece)
    return pieces


_CLAUSE_MARK = re.compile(
    r"(?:[،,;؛:](?=\s)|(?:\.{3}|…)(?=\s)|[" + re.escape("»”") + r"](?=\s)|\s(?=[«“])|\s[–—-](?=\s))"
)


def _clause_pieces(text: str, start: int, end: int) -> list[_Piece]:
    raw: list[_Piece] = []
    cut = start
    for match in _CLAUSE_MARK.finditer(text, start, end):
        piece = _strip_span(text, cut, match.end())
        if piece:
            raw.append(piece)
            cut = match.end()
    piece = _strip_span(text, cut, end)
    if piece:
        raw.append(piece)
    if len(raw) <= 1:
        return raw
    merged: list[_Piece] = []
    carry: _Piece | None = None
    for piece in raw:
        if carry is not None:
            piece = _Piece(carry.start, piece.end)
            carry = None
        words = count_words(text[piece.start:piece.end])
        if words < MIN_CLAUSE_WORDS:
            if merged:
                merged[-1] = _Piece(merged[-1].start, piece.end)
            else:
                carry = piece
            continue
        merged.append(piece)
    if carry is not None:
        merged.append(carry)
    return merged


def _split_long(text: str, piece: _Piece, limit: int) -> list[_Piece]:
    """Cut an over-long sentence at clause marks, then at spaces."""
    if piece.end - piece.start <= limit:
        return [piece]
    out: list[_Piece] = []
    current: _Piece | None = None
    for clause in _clause_pieces(text, piece.start, piece.end):
        if current is not None and clause.end - current.start <= limit:
            current = _Piece(current.start, clause.end)
            continue
        if current is not None:
            out.append(current)
        current = clause
    if current is not None:
        out.append(current)
    final: list[_Piece] = []
    for part in out:
        start = part.start
        while part.end - start > limit:
            cut = text.rfind(" ", start + limit // 2, start + limit)
            if cut <= start:
                cut = start + limit
            head = _strip_span(text, start, cut)
            if head:
                final.append(head)
            start = cut
        tail = _strip_span(text, start, part.end)
        if tail:
            final.append(tail)
    return final


def segment_text(text: str, lang: str = "und", max_segment_chars: int = MAX_SEGMENT_CHARS) -> Document:
    """Split ``text`` into sentence segments, each with its clauses.

    ``lang`` selects language rules (abbreviations, headings); unknown codes
    fall back to generic rules, so any language can be segmented.
    """
    if max_segment_chars < 50:
        raise ValueError(f"max_segment_chars must be at least 50, got {max_segment_chars}")
    pieces: list[_Piece] = []
    too_long = 0
    for b_start, b_end in _blocks(text, lang):
        for sentence in _sentences(text, b_start, b_end, lang):
            too_long += sentence.end - sentence.start > max_segment_chars
            pieces.extend(_split_long(text, sentence, max_segment_chars))
    if too_long:
        warnings.warn(
            f"{too_long} sentence(s) longer than {max_segment_chars} characters were cut at "
            "clause marks or spaces; is the text missing its punctuation?",
            AlignWarning,
            stacklevel=2,
        )
    segments = []
    for i, p in enumerate(pieces):
        clauses = tuple(
            Span(c.start, c.end, text[c.start:c.end]) for c in _clause_pieces(text, p.start, p.end)
        ) or (Span(p.start, p.end, text[p.start:p.end]),)
        segments.append(Segment(i, p.start, p.end, text[p.start:p.end], clauses))
    logger.debug("segmented %d characters of %s into %d segments", len(text), lang, len(segments))
    return Document(text=text, lang=lang, segments=tuple(segments))
