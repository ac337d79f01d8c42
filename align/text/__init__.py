"""Text layer: segmentation with offsets, language detection, normalisation."""

from .document import Document, Segment, Span
from .languages import RTL_LANGS, check_text, detect_language, resolve_language
from .limits import DEFAULT_MAX_CHARS, check_size
from .normalise import NormalisedText, fold, normalise_for_matching
from .segment import SEGMENTER_NAME, segment_text

__all__ = [
    "DEFAULT_MAX_CHARS", "Document", "NormalisedText", "RTL_LANGS", "SEGMENTER_NAME", "Segment", "Span",
    "check_size", "check_text", "detect_language", "fold", "normalise_for_matching", "resolve_language",
    "segment_text",
]
