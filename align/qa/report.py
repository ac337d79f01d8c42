"""The QA report: issues, the pairs they belong to, and the exit status they give."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..errors import AlignInputError
from .severity import RANK, SEVERITIES, Severity, Thresholds

if TYPE_CHECKING:
    import pandas as pd

Category = Literal["omission", "addition", "number-mismatch"]

#: Values of ``fail_on``: a severity, or ``"never"`` to always exit 0.
FAIL_ON_CHOICES: tuple[str, ...] = ("error", "warning", "note", "never")
CATEGORIES: tuple[str, ...] = ("omission", "addition", "number-mismatch")


@dataclass(frozen=True)
class QAIssue:
    """One QA finding, with offsets into the text of its side (end exclusive).

    ``side`` is ``"a"`` (source) or ``"b"`` (target); ``id`` is the stable hash
    an ignore file lists; ``pair`` names the document pair in a manifest run;
    ``detail`` says what was found (for number mismatches, which value).
    """

    category: Category
    severity: Severity
    side: str
    start: int
    end: int
    text: str
    confidence: float
    id: str
    lang: str = ""
    segment: int | None = None
    detail: str = ""
    pair: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The issue as JSON-ready data (the documented keys first)."""
        d = asdict(self)
        d["confidence"] = round(float(self.confidence), 4)
        keys = ("category", "severity", "side", "start", "end", "text", "confidence", "id",
                "lang", "segment", "detail", "pair")
        return {k: d[k] for k in keys}


@dataclass(frozen=True)
class PairInfo:
    """A checked document pair: its id, paths, languages and how it went.

    ``error`` holds the message when the pair could not be compared (bad input).
    """

    id: str | None = None
    source: str | None = None
    target: str | None = None
    source_lang: str = ""
    target_lang: str = ""
    signature: str = ""
    error: str | None = None


@dataclass(frozen=True)
class QAReport:
    """The issues of one or more document pairs, ordered by pair, side and offset.

    ``suppressed`` counts issues an ignore list removed.

    Example:
        >>> report = QAReport(issues=())
        >>> report.counts(), report.exit_status("note")
        ({'error': 0, 'warning': 0, 'note': 0}, 0)
    """

    issues: tuple[QAIssue, ...]
    pairs: tuple[PairInfo, ...] = (PairInfo(),)
    thresholds: Thresholds = field(default_factory=Thresholds)
    suppressed: int = 0

    def counts(self) -> dict[str, int]:
        """Number of issues per severity, most severe first."""
        return {s: sum(1 for i in self.issues if i.severity == s) for s in reversed(SEVERITIES)}

    @property
    def worst(self) -> Severity | None:
        """The highest severity among the issues, or None without issues."""
        if not self.issues:
            return None
        return max((i.severity for i in self.issues), key=RANK.__getitem__)

    @property
    def errors(self) -> tuple[PairInfo, ...]:
        """Pairs that could not be checked."""
        return tuple(p for p in self.pairs if p.error)

    def exit_status(self, fail_on: str = "error") -> int:
        """0, or 1 when an issue reaches ``fail_on``, or 2 when a pair had bad input."""
        return exit_status(self, fail_on)

    def issues_of(self, pair: PairInfo) -> tuple[QAIssue, ...]:
        return tuple(i for i in self.issues if i.pair == pair.id)

    @property
    def frame(self) -> "pd.DataFrame":
        """The issues as a pandas DataFrame, one row per issue."""
        import pandas as pd

        columns = list(QAIssue.__dataclass_fields__)
        return pd.DataFrame([asdict(i) for i in self.issues], columns=columns)

    def to_dict(self) -> dict[str, Any]:
        """``{"issues": [...], "summary": {...}, "pairs": [...]}``, JSON-ready."""
        return {
            "issues": [i.to_dict() for i in self.issues],
            "summary": {**self.counts(), "suppressed": self.suppressed},
            "pairs": [asdict(p) for p in self.pairs],
            "thresholds": asdict(self.thresholds),
        }


def exit_status(report: QAReport, fail_on: str = "error") -> int:
    """CLI exit status: 2 if a pair had bad input, 1 if an issue reaches ``fail_on``, else 0.

    ``fail_on`` is ``"error"``, ``"warning"``, ``"note"`` or ``"never"``.
    """
    if fail_on not in FAIL_ON_CHOICES:
        raise AlignInputError(f"fail_on must be one of {', '.join(FAIL_ON_CHOICES)}, got {fail_on!r}")
    if report.errors:
        return 2
    if fail_on == "never" or report.worst is None:
        return 0
    return 1 if RANK[report.worst] >= RANK[fail_on] else 0
