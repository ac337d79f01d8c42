"""The small records every layer shares: a link between segments and a flag.

This module imports nothing from the rest of the package, so the matching and
differences layers can build their results without importing the result or
output layers above them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Side = Literal["a", "b"]
FlagKind = Literal["unmatched", "partial", "conflict"]


@dataclass(frozen=True)
class Link:
    """Segments of side ``a`` and of side ``b`` that express the same statement.

    ``a`` and ``b`` are segment ids (usually one each; two or more consecutive
    ids when one side merged what the other split). ``score`` is the
    hubness-corrected similarity that supports the link, in [0, 1].
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class Flag:
    """A statement present in one version only, or a value the two give differently.

    ``kind`` is ``"unmatched"`` for a whole segment with no counterpart,
    ``"partial"`` for a phrase or clause inside a linked segment whose
    counterpart lacks it, and ``"conflict"`` for a number or date its
    counterpart gives with another value. ``confidence`` in [0, 1] is how sure
    we are of it. ``segment`` is the id of the segment that holds the text.
    """

    side: Side
    start: int
    end: int
    text: str
    kind: FlagKind
    confidence: float
    segment: int
