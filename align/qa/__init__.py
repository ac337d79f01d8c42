"""Translation QA: a comparison's differences as MQM-style issues with severities.

:func:`check` turns a :class:`~align.result.Comparison` (side ``a`` = source,
side ``b`` = target) into a :class:`QAReport` of issues in the MQM accuracy
categories:

- ``omission``: a statement of the source that the target lacks (a flag on side ``a``);
- ``addition``: a statement of the target that the source lacks (a flag on side ``b``);
- ``number-mismatch``: a number or date inside *linked* statements that
  appears on one side only ("19/7/2022" against "Tuesday"), see
  :mod:`align.differences.numbers`.

Each issue has a severity (``error``, ``warning``, ``note``) from its
confidence and length (:class:`Thresholds`), and a stable ``id``: a hash of its
category, side and normalised text, not of its offsets, so it survives edits
elsewhere in the document. An ignore file lists ids to suppress known issues.
:func:`check_texts` compares two texts and checks them in one call, and
:func:`check_manifest` checks many pairs listed in a CSV file.

Modules: :mod:`.severity` (thresholds and the content of a span),
:mod:`.report` (issues, pairs, exit status), :mod:`.ids` (stable ids, ignore
files), :mod:`.issues` (:func:`check`), :mod:`.run` (texts and manifests).

Example:
    >>> import align
    >>> from align.qa import check
    >>> report = check(align.compare(source_text, target_text))  # doctest: +SKIP
    >>> report.exit_status("warning")                             # doctest: +SKIP
    1
"""

from .ids import issue_id, load_ignore, normalise_for_id
from .issues import check
from .report import (
    CATEGORIES, FAIL_ON_CHOICES, Category, PairInfo, QAIssue, QAReport, exit_status,
)
from .run import check_manifest, check_texts
from .severity import (
    FACT_MIN_CONTENT_WORDS, SEVERITIES, ContentClass, Severity, Thresholds, content_class,
    content_evidence,
)

__all__ = [
    "CATEGORIES", "FACT_MIN_CONTENT_WORDS", "FAIL_ON_CHOICES", "SEVERITIES", "Category",
    "ContentClass", "PairInfo", "QAIssue", "QAReport", "Severity", "Thresholds", "check",
    "check_manifest", "check_texts", "content_class", "content_evidence", "exit_status",
    "issue_id", "load_ignore", "normalise_for_id",
]
