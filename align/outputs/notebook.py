"""The compact HTML a notebook shows for a comparison (``Comparison._repr_html_``).

A summary table (languages, segments, links, flags by kind, matched share,
signature) and the flags, most confident first. The full two-column report is
``cmp.to_html()``; this view stays small enough to scroll past. All input text
is escaped.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import TYPE_CHECKING

from .html import text_direction

if TYPE_CHECKING:
    from ..result import Comparison

#: Flags listed before the table is cut (the rest are counted, and in ``cmp.flags``).
MAX_FLAG_ROWS = 30
#: Characters of a flag's text shown before an ellipsis.
MAX_TEXT_CHARS = 240

_STYLE = (
    "border-collapse:collapse;font-size:12px;margin:2px 0 6px 0"
)
_CELL = "padding:2px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top"
_KIND_COLOUR = {"unmatched": "#ffd3cf", "partial": "#fff1b8"}


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT_CHARS else text[: MAX_TEXT_CHARS - 1] + "\u2026"


def comparison_repr(cmp: "Comparison") -> str:
    """A one-line ``repr`` of ``cmp``: sizes, counts and signature, never the texts.

    Example:
        >>> comparison_repr(cmp)  # doctest: +SKIP
        '<Comparison a: ar, 3,514 chars, 18 segments, 94.4% matched | b: en, ... | 15 links, 2 flags (a: 1 partial; b: 1 unmatched) | enc:use-m-v3|...>'
    """
    kinds = Counter((f.side, f.kind) for f in cmp.flag_list)
    sides, flags = [], []
    for side in ("a", "b"):
        doc = cmp.document(side)
        sides.append(f"{side}: {doc.lang}, {len(doc.text):,} chars, "
                     f"{_count(len(doc.segments), 'segment')}, {cmp.matched_share(side):.1%} matched")
        parts = [f"{n} {kind}" for (s, kind), n in sorted(kinds.items()) if s == side]
        if parts:
            flags.append(f"{side}: {', '.join(parts)}")
    flag_text = f"{_count(len(cmp.flag_list), 'flag')}" + (f" ({'; '.join(flags)})" if flags else "")
    return (f"<Comparison {' | '.join(sides)} | {_count(len(cmp.link_list), 'link')}, {flag_text} "
            f"| {cmp.signature}>")


def _event_line(cmp: "Comparison") -> str:
    judgement = cmp.same_event
    if judgement is None:
        return ""
    colour = "#1a6b2a" if judgement.same else "#b00020"
    return f'<div style="font-size:12px;color:{colour}">{_esc(judgement.headline())}</div>'


def comparison_repr_html(cmp: "Comparison") -> str:
    """Summary plus flags of ``cmp`` as a small HTML fragment for Jupyter.

    Example:
        >>> from IPython.display import HTML  # doctest: +SKIP
        >>> HTML(comparison_repr_html(cmp))    # doctest: +SKIP
    """
    kinds = Counter((f.side, f.kind) for f in cmp.flag_list)
    head = "".join(
        f'<th style="{_CELL}">{h}</th>'
        for h in ("side", "language", "segments", "unmatched", "partial", "matched share")
    )
    rows = []
    for side in ("a", "b"):
        doc = cmp.document(side)
        cells = (side, doc.lang, len(doc.segments), kinds[(side, "unmatched")],
                 kinds[(side, "partial")], f"{cmp.matched_share(side):.1%}")
        rows.append("<tr>" + "".join(f'<td style="{_CELL}">{_esc(c)}</td>' for c in cells) + "</tr>")
    summary = (
        f"<div><strong>Comparison</strong>: {_count(len(cmp.link_list), 'link')}, "
        f"{_count(len(cmp.flag_list), 'flag')}"
        f"{_event_line(cmp)}"
        f'<table style="{_STYLE}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f'<div style="font:11px monospace;color:#666;overflow-wrap:anywhere">{_esc(cmp.signature)}</div>'
    )
    flags = sorted(cmp.flag_list, key=lambda f: (-f.confidence, f.side, f.start))
    if not flags:
        return summary + '<p style="font-size:12px"><em>Nothing flagged.</em></p></div>'
    frows = []
    for f in flags[:MAX_FLAG_ROWS]:
        doc = cmp.document(f.side)
        colour = _KIND_COLOUR.get(f.kind, "#eee")
        frows.append(
            "<tr>"
            f'<td style="{_CELL}">{_esc(f.side)} ({_esc(doc.lang)})</td>'
            f'<td style="{_CELL};background:{colour}">{_esc(f.kind)}</td>'
            f'<td style="{_CELL}">{f.confidence:.2f}</td>'
            f'<td style="{_CELL}">{int(f.start)}\u2013{int(f.end)}</td>'
            f'<td style="{_CELL}" lang="{_esc(doc.lang)}" dir="{text_direction(doc.lang)}">'
            f"<bdi>{_esc(_clip(f.text))}</bdi></td></tr>"
        )
    more = ""
    if len(flags) > MAX_FLAG_ROWS:
        more = (f'<p style="font-size:12px"><em>{len(flags) - MAX_FLAG_ROWS} more in '
                "<code>cmp.flags</code>.</em></p>")
    fhead = "".join(f'<th style="{_CELL}">{h}</th>' for h in ("side", "kind", "confidence", "offsets", "text"))
    return (
        summary
        + f'<table style="{_STYLE}"><thead><tr>{fhead}</tr></thead><tbody>{"".join(frows)}</tbody></table>'
        + more
        + "</div>"
    )


def report_iframe(cmp: "Comparison", height: int = 720, title: str | None = None) -> str:
    """The full HTML report inside an ``<iframe srcdoc>``, to show inline in a notebook.

    Pasting the page straight into a notebook would let its stylesheet restyle
    the notebook itself; the frame keeps the report's CSS, script and
    Content-Security-Policy to itself.

    Example:
        >>> from IPython.display import HTML        # doctest: +SKIP
        >>> HTML(report_iframe(cmp, height=600))     # doctest: +SKIP
    """
    from .html import comparison_to_html

    page = comparison_to_html(cmp, title=title)
    return (
        f'<div class="align-report"><iframe srcdoc="{_esc(page)}" sandbox="allow-scripts" '
        f'title="align report" style="width:100%;height:{int(height)}px;border:1px solid #ddd">'
        "</iframe></div>"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
