"""How sure and how long an issue is, and what it holds, decide its severity.

:class:`Thresholds` maps a confidence and a word count to ``error``,
``warning`` or ``note``; :func:`content_class` says whether a flagged span
carries a fact (a number or date, a negation, a name, a predicate's worth of
content words) or only glue (boilerplate, attribution), which raises or caps
that severity.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from ..differences.numbers import extract
from ..errors import AlignInputError
from ..text.lexicon import content_words, has_name, has_negation, is_boilerplate

Severity = Literal["error", "warning", "note"]

#: Severities from least to most severe.
SEVERITIES: tuple[str, ...] = ("note", "warning", "error")
RANK = {s: i for i, s in enumerate(SEVERITIES)}
#: Content words from which an omitted span counts as a fact of its own
#: (:func:`content_class`); chosen with ``benchmarks/qa_thresholds.py``.
FACT_MIN_CONTENT_WORDS = 3
#: Mentions that make a span a fact; a weekday alone says when, like "today".
_FACT_KINDS = frozenset({"number", "percent", "date", "time"})
#: The keywords of :func:`align.qa.check` that override a field of :class:`Thresholds`.
THRESHOLD_KEYWORDS = ("error_confidence", "warning_confidence", "min_confidence",
                      "error_min_words", "warning_min_words")


@dataclass(frozen=True)
class Thresholds:
    """How confidence and length map to a severity. Validated on creation.

    An omission or addition is an ``error`` when its confidence reaches
    ``error_confidence`` and it has at least ``error_min_words`` words, a
    ``warning`` when it reaches ``warning_confidence`` with at least
    ``warning_min_words`` words, and a ``note`` otherwise; flags below
    ``min_confidence`` are not reported. A number mismatch has no length: its
    confidence alone decides.

    Defaults, measured with ``benchmarks/qa_thresholds.py`` on 30 edited and 30
    clean synthetic NTREX pairs (known deleted and inserted sentences; clean
    pairs have nothing missing), taking for each level the rule that keeps the
    most issues at a target precision (0.9 for errors, 0.8 for warnings) on
    the engine of align 0.1.0: ``error`` = confidence >= 0.8 and >= 10 words;
    ``warning`` = confidence >= 0.5 and >= 10 words. Re-measured on align
    0.2.0 (word windows, restatements), they give precision 0.99 (68 issues)
    and 0.84 (101 issues); the rule would now allow 0.7 / 8 words and 0.5 / 5
    words, but that would raise the clean pairs with an omission or addition
    at ``warning`` or above from 5 to 8 of 30, so the defaults stay.
    Shorter flags stay notes unless they carry a fact (``by_content``).
    Number mismatches use the same confidence thresholds; a date the other
    side renders by its weekday is a note.

    The content rule was measured with the same benchmark, now also on 30
    pairs of ``benchmarks/subsentence.py`` (clauses and numbers dropped
    inside shared sentences), with phrase flags on: among issues of
    confidence >= 0.5 and under 10 words, those called facts with
    ``fact_min_content_words`` 3 were true 65 % of the time (57 issues;
    1 content word: 61 %, 2: 61 %, 4: 64 %, 5: 66 % of 50, 6: 64 %) and
    touched 3 of 30 clean pairs (5 with 1 or 2). On the seed pair it makes
    the Eid clause a warning and keeps the licence line a note. On the real
    development pairs it moves 34 short issues from note to warning, only
    10 of them true: the flags below the sentence are still noisy on
    paraphrased reports.
    """

    error_confidence: float = 0.8
    warning_confidence: float = 0.5
    min_confidence: float = 0.0
    error_min_words: int = 10
    warning_min_words: int = 10
    #: Severity by content (:func:`content_class`): an omission or addition
    #: that carries a fact (a number or date, a negation, a name, or at least
    #: ``fact_min_content_words`` content words: enough for a predicate of
    #: its own) is at least a ``warning`` once its confidence reaches
    #: ``warning_confidence``, whatever its length; boilerplate and
    #: attribution glue are at most a ``note``. ``by_content=False`` restores
    #: the length-only rule.
    by_content: bool = True
    fact_min_content_words: int = FACT_MIN_CONTENT_WORDS

    def __post_init__(self) -> None:
        for name in ("error_confidence", "warning_confidence", "min_confidence"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0.0 <= v <= 1.0:
                raise AlignInputError(f"{name} must be a number from 0 to 1, got {v!r}")
        for name in ("error_min_words", "warning_min_words", "fact_min_content_words"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise AlignInputError(f"{name} must be a whole number >= 0, got {v!r}")
        if not self.min_confidence <= self.warning_confidence <= self.error_confidence:
            raise AlignInputError(
                "thresholds must satisfy min_confidence <= warning_confidence <= error_confidence, "
                f"got {self.min_confidence} / {self.warning_confidence} / {self.error_confidence}"
            )

    def severity(self, confidence: float, words: int | None = None) -> Severity:
        """Severity of an issue with this confidence and (for flags) word count."""
        long_enough = (lambda n: True) if words is None else (lambda n: words >= n)
        if confidence >= self.error_confidence and long_enough(self.error_min_words):
            return "error"
        if confidence >= self.warning_confidence and long_enough(self.warning_min_words):
            return "warning"
        return "note"

    def content_severity(self, confidence: float, words: int, content: str) -> Severity:
        """Severity of an omission or addition of ``words`` words and content class
        ``content`` (``"fact"``, ``"plain"`` or ``"glue"``, see :func:`content_class`)."""
        base = self.severity(confidence, words)
        if not self.by_content or content == "plain":
            return base
        if content == "glue":
            return "note"
        if base == "note" and confidence >= self.warning_confidence:
            return "warning"
        return base


def thresholds_with(base: Thresholds | None, **overrides: Any) -> Thresholds:
    """``base`` (default :class:`Thresholds`) with the overrides that are not None."""
    base = base or Thresholds()
    given = {k: v for k, v in overrides.items() if v is not None}
    return replace(base, **given) if given else base


ContentClass = Literal["fact", "plain", "glue"]


def content_class(text: str, lang: str, *, min_content_words: int = FACT_MIN_CONTENT_WORDS,
                  sentence_start: bool = True) -> ContentClass:
    """What a flagged span holds, for its severity.

    ``"glue"``: boilerplate (licence, byline, "read more") or nothing but
    function words, time words and attribution ("he said on Sunday",
    «وأضاف»); ``"fact"``: a number or a date in digits, a negation, a name,
    or at least ``min_content_words`` content words (enough to hold a
    predicate of its own); ``"plain"`` otherwise.

    Example:
        >>> content_class("and congratulated them on Eid al-Adha", "en")
        'fact'
        >>> content_class("he said", "en")
        'glue'
    """
    n_content, other_fact, glue = content_evidence(text, lang, sentence_start=sentence_start)
    if glue:
        return "glue"
    if n_content >= min_content_words or other_fact:
        return "fact"
    return "plain"


def content_evidence(text: str, lang: str, *, sentence_start: bool = True) -> tuple[int, bool, bool]:
    """``(content words, holds a number/date/negation/name, boilerplate or glue only)``.

    The measurements behind :func:`content_class`, apart so that a benchmark
    can try other minimums of content words.
    """
    if is_boilerplate(text, lang):
        return 0, False, True
    n_content = len(content_words(text, lang))
    other = (has_negation(text, lang) or has_name(text, lang, sentence_start=sentence_start)
             or any(m.kind in _FACT_KINDS and m.certain for m in extract(text, lang)))
    return n_content, other, n_content == 0
