"""align: cross-lingual parallel-report alignment.

Link the statements of two reports of the same event written separately in two
languages, in any order, and flag with a confidence what each version lacks.

Example:
    >>> import align
    >>> cmp = align.compare(arabic_text, english_text)  # doctest: +SKIP
    >>> cmp.links, cmp.flags                              # doctest: +SKIP
"""

__version__ = "0.1.0"

from .compare import compare
from .errors import AlignError, AlignInputError, AlignWarning
from .result import Comparison, Flag, Link, Settings
from .text import Document, Segment, Span, detect_language, segment_text

__all__ = [
    "AlignError", "AlignInputError", "AlignWarning", "Comparison", "Document", "Flag", "Link",
    "Segment", "Settings", "Span", "compare", "detect_language", "segment_text",
]
