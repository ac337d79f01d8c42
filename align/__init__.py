"""align: cross-lingual parallel-report alignment.

Link the statements of two reports of the same event written separately in two
languages, in any order, and flag with a confidence what each version lacks.

Example:
    >>> import align
    >>> cmp = align.compare(arabic_text, english_text)  # doctest: +SKIP
    >>> cmp.links, cmp.flags                              # doctest: +SKIP
"""

from ._version import __version__

from .collections import compare_dask, compare_frame, pair_documents
from .config import AlignConfig
from .pipeline import compare
from .errors import AlignError, AlignInputError, AlignWarning
from .evaluation import evaluate, load_gold
from .qa import QAIssue, QAReport, Thresholds, check_manifest
from .qa import check_texts as check
from .result import Comparison, Flag, Link, Settings
from .text import Document, Segment, Span, detect_language, segment_text

__all__ = [
    "AlignConfig", "AlignError", "AlignInputError", "AlignWarning", "Comparison", "Document", "Flag", "Link",
    "QAIssue", "QAReport", "Segment", "Settings", "Span", "Thresholds", "check", "check_manifest",
    "compare", "compare_dask", "compare_frame", "detect_language", "evaluate", "load_gold",
    "pair_documents", "segment_text",
]
