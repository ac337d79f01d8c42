"""The value :func:`align.compare` returns: segments, links, flags, signature.

A :class:`Comparison` is immutable. Its raw records are ``link_list`` and
``flag_list`` (tuples of :class:`Link` and :class:`Flag`); ``links`` and
``flags`` give the same records as pandas DataFrames with texts and offsets,
which is what people analyse in a notebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from .text.document import Document

if TYPE_CHECKING:  # pandas is imported lazily: building a result must stay cheap
    import pandas as pd

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
    """A statement present in one version only.

    ``kind`` is ``"unmatched"`` for a whole segment with no counterpart,
    ``"partial"`` for a clause inside a linked segment whose counterpart lacks
    it and ``"conflict"`` for a number or date its counterpart gives otherwise. ``confidence`` in [0, 1] is how sure we are the other side lacks it.
    ``segment`` is the id of the segment that holds the flagged text.
    """

    side: Side
    start: int
    end: int
    text: str
    kind: FlagKind
    confidence: float
    segment: int


@dataclass(frozen=True)
class Settings:
    """Everything that determines a comparison's output besides the texts."""

    encoder: str
    segmenter: str
    link_threshold: float
    partial_threshold: float
    margin_k: int
    max_window: int
    version: str
    link_z: float = 1.0
    partial_z: float = 1.5
    rival_gap: float | None = 0.1
    window_embedding: str = "mean"
    #: Whether a unit that restates its rival passes the rival test.
    restatements: bool = False
    #: (margin, z) a word window of a partner must reach to hold a clause;
    #: ``None`` when clauses are not checked against word windows.
    word_windows: tuple[float, float] | None = None

    @property
    def signature(self) -> str:
        """A sacrebleu-style one-line description, to publish with results."""
        rival = "off" if self.rival_gap is None else f"{self.rival_gap:g}"
        if self.restatements:
            rival += "+restate"
        words = ("" if self.word_windows is None
                 else f"+words{self.word_windows[0]:g}-z{self.word_windows[1]:g}")
        return (
            f"enc:{self.encoder}|seg:{self.segmenter}|margin:ratio-k{self.margin_k}"
            f"|win:{self.max_window}-{self.window_embedding}|link:{self.link_threshold:g}"
            f"-z{self.link_z:g}|rival:{rival}|partial:{self.partial_threshold:g}"
            f"-z{self.partial_z:g}{words}|align:{self.version}"
        )


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
        columns = ["link", "a_ids", "b_ids", "a_start", "a_end", "b_start", "b_end",
                   "a_text", "b_text", "score"]
        return pd.DataFrame(rows, columns=columns)

    @cached_property
    def flags(self) -> "pd.DataFrame":
        """One row per flag: side, language, kind, confidence, offsets, text."""
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
            }
            for f in self.flag_list
        ]
        columns = ["side", "lang", "kind", "confidence", "segment", "start", "end", "text"]
        return pd.DataFrame(rows, columns=columns)

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

    def _repr_html_(self) -> str:
        """Jupyter's view: a compact summary and the flags (full report: ``to_html``)."""
        from .outputs.notebook import comparison_repr_html

        return comparison_repr_html(self)
