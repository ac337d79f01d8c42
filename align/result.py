"""The value :func:`align.compare` returns: segments, links, flags, signature.

A :class:`Comparison` is immutable. Its raw records are ``link_list`` and
``flag_list`` (tuples of :class:`Link` and :class:`Flag`); ``links`` and
``flags`` give the same records as pandas DataFrames with texts and offsets,
which is what people analyse in a notebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .config import Settings
from .text.document import Document
from .types import Flag, FlagKind, Link, Side

__all__ = ["Comparison", "Flag", "FlagKind", "Link", "Settings", "Side"]

#: Columns of :attr:`Comparison.links` and :attr:`Comparison.flags` (and of
#: the batch frames, which add ``id`` in front).
LINK_COLUMNS = ["link", "a_ids", "b_ids", "a_start", "a_end", "b_start", "b_end",
                "a_text", "b_text", "score"]
FLAG_COLUMNS = ["side", "lang", "kind", "confidence", "segment", "start", "end", "text",
                "missing", "missing_spans", "counterpart", "counterpart_score", "value",
                "other_values"]

if TYPE_CHECKING:  # pandas is imported lazily: building a result must stay cheap
    import pandas as pd

    from .event import SameEvent


@dataclass(frozen=True)
class Comparison:
    """Two segmented documents, the links between them and what each lacks.

    Example:
        >>> import align
        >>> cmp = align.compare(arabic_text, english_text)  # doctest: +SKIP
        >>> cmp.flags[["side", "kind", "confidence", "text"]]  # doctest: +SKIP
    """

    a: Document
    b: Document
    link_list: tuple[Link, ...]
    flag_list: tuple[Flag, ...]
    settings: Settings
    #: Whether the two reports cover one event (:class:`align.event.SameEvent`,
    #: with its probability and evidence); None for a hand-built comparison.
    same_event: "SameEvent | None" = None

    @property
    def signature(self) -> str:
        return self.settings.signature

    def document(self, side: Side) -> Document:
        """The document on ``side`` (``"a"`` or ``"b"``)."""
        if side not in ("a", "b"):
            raise ValueError(f"side must be 'a' or 'b', not {side!r}")
        return self.a if side == "a" else self.b

    # -- tables for analysis -------------------------------------------------
    @cached_property
    def links(self) -> "pd.DataFrame":
        """One row per link: segment ids, offsets, texts of both sides, score."""
        import pandas as pd

        rows = []
        for k, link in enumerate(self.link_list):
            sa = [self.a.segments[i] for i in link.a]
            sb = [self.b.segments[j] for j in link.b]
            rows.append(
                {
                    "link": k,
                    "a_ids": list(link.a),
                    "b_ids": list(link.b),
                    "a_start": sa[0].start,
                    "a_end": sa[-1].end,
                    "b_start": sb[0].start,
                    "b_end": sb[-1].end,
                    "a_text": self.a.text[sa[0].start : sa[-1].end],
                    "b_text": self.b.text[sb[0].start : sb[-1].end],
                    "score": link.score,
                }
            )
        return pd.DataFrame(rows, columns=LINK_COLUMNS)

    @cached_property
    def flags(self) -> "pd.DataFrame":
        """One row per flag: side, language, kind, confidence, offsets, text, and its
        evidence (:class:`~align.types.Evidence`): the missing words (texts and
        ``(start, end)`` spans), the closest counterpart segment of the other
        side and its cosine, and for a conflict this side's value and the
        other side's values."""
        import pandas as pd

        rows = [
            {
                "side": f.side,
                "lang": self.document(f.side).lang,
                "kind": f.kind,
                "confidence": f.confidence,
                "segment": f.segment,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "missing": [m.text for m in f.evidence.missing],
                "missing_spans": [(m.start, m.end) for m in f.evidence.missing],
                "counterpart": f.evidence.counterpart,
                "counterpart_score": f.evidence.counterpart_score,
                "value": f.evidence.value,
                "other_values": [m.text for m in f.evidence.other_values],
            }
            for f in self.flag_list
        ]
        return pd.DataFrame(rows, columns=FLAG_COLUMNS)

    def segments(self, side: Side) -> "pd.DataFrame":
        """The segments of one side as a DataFrame (id, start, end, text)."""
        import pandas as pd

        doc = self.document(side)
        return pd.DataFrame(
            [{"id": s.id, "start": s.start, "end": s.end, "text": s.text} for s in doc.segments],
            columns=["id", "start", "end", "text"],
        )

    # -- summaries -------------------------------------------------------------
    def matched_share(self, side: Side) -> float:
        """Share of the non-space characters of one side that are not flagged."""
        doc = self.document(side)
        total = sum(1 for ch in doc.text if not ch.isspace())
        if total == 0:
            return 0.0
        flagged = sum(
            1 for f in self.flag_list if f.side == side for ch in f.text if not ch.isspace()
        )
        return max(0.0, 1.0 - flagged / total)

    # -- interchange -----------------------------------------------------------
    def to_dict(self) -> dict:
        """The interchange structure documented in the README (version 1)."""
        from .outputs.json_format import comparison_to_dict

        return comparison_to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        """The interchange JSON documented in the README, as a string."""
        from .outputs.json_format import comparison_to_json

        return comparison_to_json(self, indent=indent)

    def to_html(self, path: str | None = None, title: str | None = None) -> str:
        """The self-contained HTML report (two columns, flags, links); written to ``path`` (str or Path) if given.

        Example:
            >>> cmp.to_html("report.html", title="Meeting of 19 July")  # doctest: +SKIP
        """
        from .outputs.html import comparison_to_html

        page = comparison_to_html(self, title=title)
        if path is not None:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(page)
        return page

    def __repr__(self) -> str:
        """Sizes, counts and signature on one line; the texts are in ``a`` and ``b``."""
        from .outputs.notebook import comparison_repr

        return comparison_repr(self)

    def _repr_html_(self) -> str:
        """Jupyter's view: a compact summary and the flags (full report: ``to_html``)."""
        from .outputs.notebook import comparison_repr_html

        return comparison_repr_html(self)
