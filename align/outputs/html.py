"""The HTML report of a comparison: one self-contained page for people to read.

Two columns hold the two texts exactly as they were read (whitespace kept),
each segment a clickable span, each flag a coloured ``<mark>`` with its
confidence. Hovering or clicking a statement highlights its counterparts on
the other side, wherever they are (reordered ones too).

Safety rules the page keeps, because reports are often of untrusted articles:

* every piece of input text (texts, languages, title, signature) goes through
  :func:`html.escape` with ``quote=True``;
* the inline script is a fixed file; it only reads integer ids from
  ``data-*`` attributes, never report text;
* a Content-Security-Policy allows only that script and that stylesheet (by
  hash) and no network at all, so even a missed escape could not run code
  or fetch anything.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import html
from collections import Counter
from functools import lru_cache
from importlib import resources
from string import Template
from typing import TYPE_CHECKING, Iterable

from ..text.languages import RTL_LANGS

if TYPE_CHECKING:
    from ..result import Comparison, Flag
    from ..text.document import Document

def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def text_direction(lang: str | None) -> str:
    """``"rtl"`` for right-to-left languages (``ar``, ``fa``, ``he``, ``ur``, …), else ``"ltr"``.

    Example:
        >>> text_direction("ar"), text_direction("en-GB")
        ('rtl', 'ltr')
    """
    base = (lang or "").replace("_", "-").split("-")[0].lower()
    return "rtl" if base in RTL_LANGS else "ltr"


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("align.outputs").joinpath("templates", name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _fmt(x: float) -> str:
    return f"{float(x):.2f}"


# -- structure -----------------------------------------------------------------


class _LinkIndex:
    """Per segment id of each side: counterpart ids, same-side partners, best score."""

    def __init__(self, cmp: "Comparison") -> None:
        self.others: dict[str, dict[int, set[int]]] = {"a": {}, "b": {}}
        self.partners: dict[str, dict[int, set[int]]] = {"a": {}, "b": {}}
        self.score: dict[str, dict[int, float]] = {"a": {}, "b": {}}
        for link in cmp.link_list:
            ids = {"a": [int(i) for i in link.a], "b": [int(j) for j in link.b]}
            for side, other in (("a", "b"), ("b", "a")):
                for i in ids[side]:
                    self.others[side].setdefault(i, set()).update(ids[other])
                    self.partners[side].setdefault(i, set()).update(x for x in ids[side] if x != i)
                    self.score[side][i] = max(self.score[side].get(i, 0.0), float(link.score))

    def attr(self, table: str, side: str, seg: int) -> str:
        """Space-separated sorted integer ids: safe inside an attribute, easy to split in JS."""
        return " ".join(str(x) for x in sorted(getattr(self, table)[side].get(seg, ())))


def _moved_links(cmp: "Comparison") -> set[int]:
    """Indices of links out of reading order: those off the longest in-order chain.

    Links are sorted by their first ``a`` segment; the longest chain whose
    first ``b`` segments also increase is "in order", the rest moved.
    """
    order = sorted(range(len(cmp.link_list)),
                   key=lambda k: (min(cmp.link_list[k].a, default=0), min(cmp.link_list[k].b, default=0)))
    keys = [min(cmp.link_list[k].b, default=0) for k in order]
    # O(n log n) longest strictly increasing subsequence with back-pointers.
    tails: list[int] = []
    tail_pos: list[int] = []
    prev = [-1] * len(keys)
    for pos, key in enumerate(keys):
        at = bisect.bisect_left(tails, key)
        if at == len(tails):
            tails.append(key)
            tail_pos.append(pos)
        else:
            tails[at] = key
            tail_pos[at] = pos
        prev[pos] = tail_pos[at - 1] if at > 0 else -1
    keep: set[int] = set()
    pos = tail_pos[-1] if tail_pos else -1
    while pos >= 0:
        keep.add(order[pos])
        pos = prev[pos]
    return set(range(len(cmp.link_list))) - keep


def _pieces(length: int, segs: Iterable, flags: list["Flag"]):
    """Cut ``[0, length)`` at every segment and flag boundary.

    Yields ``(start, end, segment_or_None, flags_covering)`` in text order.
    """
    cuts = {0, length}
    for s in segs:
        cuts.update((max(0, min(length, s.start)), max(0, min(length, s.end))))
    for f in flags:
        cuts.update((max(0, min(length, f.start)), max(0, min(length, f.end))))
        for m in f.evidence.missing:
            cuts.update((max(0, min(length, m.start)), max(0, min(length, m.end))))
    bounds = sorted(cuts)
    seg_list = sorted((s for s in segs if s.end > s.start), key=lambda s: (s.start, s.end))
    si = 0
    for start, end in zip(bounds, bounds[1:]):
        if end <= start:
            continue
        while si < len(seg_list) and seg_list[si].end <= start:
            si += 1
        seg = seg_list[si] if si < len(seg_list) and seg_list[si].start <= start else None
        covering = [f for f in flags if f.start <= start and f.end >= end]
        yield start, end, seg, covering


def _conflict_text(flag: "Flag") -> str:
    """``19/7/2022 here, 20/7/2022 there``: a conflict's two values in a few words."""
    there = ", ".join(v.text for v in flag.evidence.other_values)
    return f"{flag.text} here, {there} there" if there else f"{flag.text} here"


def _flag_title(flags: list["Flag"], other_side: str, other_lang: str) -> str:
    parts = []
    for f in flags:
        what = {"unmatched": "no counterpart in the other version",
                "conflict": "its counterpart gives another value"}.get(
                    f.kind, "this part is missing from its counterpart")
        part = f"{f.kind}: {what} ({other_lang}), confidence {_fmt(f.confidence)}"
        ev = f.evidence
        if f.kind == "conflict":
            part += f"; {_conflict_text(f)}"
        elif ev.missing:
            part += "; no counterpart for: " + " … ".join(m.text for m in ev.missing)
        if ev.counterpart is not None:
            closest = "linked" if f.kind != "unmatched" else "closest"
            score = "" if ev.counterpart_score is None else f", cosine {_fmt(ev.counterpart_score)}"
            part += f"; {closest} {other_side} {int(ev.counterpart)}{score}"
        parts.append(part)
    return "; ".join(parts)


def _missing_at(covering: list["Flag"], start: int, end: int) -> bool:
    return any(m.start <= start and end <= m.end for f in covering for m in f.evidence.missing)


def _render_side(cmp: "Comparison", side: str, index: _LinkIndex, moved_segs: set[int]) -> str:
    doc = cmp.document(side)
    other_side = "b" if side == "a" else "a"
    other = cmp.document(other_side)
    flags = sorted((f for f in cmp.flag_list if f.side == side),
                   key=lambda f: (f.start, f.end, f.kind, f.confidence))
    text = doc.text
    out: list[str] = []
    open_seg = None
    open_flags: tuple = ()
    for start, end, seg, covering in _pieces(len(text), doc.segments, flags):
        if open_flags and (seg is not open_seg or tuple(map(id, covering)) != open_flags):
            out.append("</mark>")
            open_flags = ()
        if seg is not open_seg:
            if open_seg is not None:
                out.append("</span>")
            open_seg = seg
            if seg is not None:
                sid = int(seg.id)
                links = index.attr("others", side, sid)
                classes = ["seg"]
                if links:
                    classes.append("linked")
                    title = (f"{side} {sid} \u2194 {other_side} {links.replace(' ', ', ')} "
                             f"(score {_fmt(index.score[side][sid])})")
                    if sid in moved_segs:
                        classes.append("moved")
                        title += ", order differs"
                else:
                    title = f"{side} {sid}: not linked"
                out.append(
                    f'<span class="{" ".join(classes)}" id="{side}{sid}" data-side="{side}" '
                    f'data-seg="{sid}" data-links="{links}" data-with="{index.attr("partners", side, sid)}" '
                    f'title="{_esc(title)}">'
                )
        chunk = _esc(text[start:end])
        if covering and not open_flags:
            # One mark per run of text under the same flags (one per flag unless
            # flags overlap): the strongest colours it, the title lists all.
            main = max(covering, key=lambda f: (f.kind == "unmatched", f.confidence))
            run_end = min((f.end for f in covering), default=end)
            nxt = min((f.start for f in flags if start < f.start < run_end), default=run_end)
            badge = (f' data-badge="{_fmt(main.confidence)}"'
                     if min(run_end, nxt, len(text)) == min(main.end, len(text)) else "")
            other_ids = " ".join(str(int(i)) for i in sorted(
                {main.evidence.counterpart} - {None}))
            out.append(
                f'<mark class="flag {_esc(main.kind)}" data-kind="{_esc(main.kind)}" '
                f'data-confidence="{_fmt(main.confidence)}"{badge} data-counterpart="{other_ids}" '
                f'title="{_esc(_flag_title(covering, other_side, other.lang))}">'
            )
            open_flags = tuple(map(id, covering))
        if covering and _missing_at(covering, start, end):
            out.append(f'<mark class="missing">{chunk}</mark>')
        else:
            out.append(chunk)
    if open_flags:
        out.append("</mark>")
    if open_seg is not None:
        out.append("</span>")
    lang = _esc(doc.lang)
    direction = text_direction(doc.lang)
    n_flags = sum(1 for _ in flags)
    heading = (f'<h2>Side {side} <span class="meta">\u00b7 {lang} \u00b7 {len(doc.segments)} segments '
               f'\u00b7 {n_flags} flag{"" if n_flags == 1 else "s"} '
               f'\u00b7 {cmp.matched_share(side):.0%} matched</span></h2>')
    return (f'<section class="side side-{side}" data-side="{side}" aria-label="side {side} ({lang})">'
            f'{heading}<div class="text" lang="{lang}" dir="{direction}">{"".join(out)}</div></section>')


def _event_line(cmp: "Comparison") -> str:
    """The same-event judgement, above the counts; loud when the reports look unrelated."""
    judgement = cmp.same_event
    if judgement is None:
        return ""
    kind = "same" if judgement.same else "different"
    return f'<p class="event event-{kind}" role="status">{_esc(judgement.headline())}</p>'


def _counts_table(cmp: "Comparison") -> str:
    kinds = Counter((f.side, f.kind) for f in cmp.flag_list)
    rows = [
        "<tr><th></th><th>language</th><th>segments</th><th>unmatched</th><th>partial</th>"
        "<th>conflict</th><th>matched share</th></tr>"
    ]
    for side in ("a", "b"):
        doc = cmp.document(side)
        rows.append(
            f"<tr><th>side {side}</th><td>{_esc(doc.lang)}</td><td>{len(doc.segments)}</td>"
            f"<td>{kinds[(side, 'unmatched')]}</td><td>{kinds[(side, 'partial')]}</td>"
            f"<td>{kinds[(side, 'conflict')]}</td>"
            f"<td>{cmp.matched_share(side):.1%}</td></tr>"
        )
    rows.append(f'<tr><th>links</th><td colspan="6">{len(cmp.link_list)}</td></tr>')
    return '<table class="counts">' + "".join(rows) + "</table>"


def _marked(doc: "Document", start: int, end: int, spans, cls: str) -> str:
    """Escaped ``doc.text[start:end]`` with each of ``spans`` inside it in a ``<mark class=cls>``."""
    out, at = [], start
    for sp in sorted(spans, key=lambda x: x.start):
        s, e = max(sp.start, at), min(sp.end, end)
        if e <= s:
            continue
        out.append(_esc(doc.text[at:s]))
        out.append(f'<mark class="{cls}">{_esc(doc.text[s:e])}</mark>')
        at = e
    out.append(_esc(doc.text[at:end]))
    return "".join(out)


def _cell(doc: "Document", inner: str) -> str:
    return f'<td lang="{_esc(doc.lang)}" dir="{text_direction(doc.lang)}"><bdi>{inner}</bdi></td>'


def _evidence_cell(cmp: "Comparison", f: "Flag") -> str:
    """The closest counterpart segment of the other side (id, cosine, text), or a conflict's
    other value(s) in their statement."""
    ev = f.evidence
    other_side = "b" if f.side == "a" else "a"
    other = cmp.document(other_side)
    if ev.counterpart is None or not 0 <= ev.counterpart < len(other.segments):
        return "<td></td>"
    seg = other.segments[ev.counterpart]
    score = "" if ev.counterpart_score is None else f" \u00b7 {_fmt(ev.counterpart_score)}"
    label = "closest" if f.kind == "unmatched" else "linked"
    head = f'<span class="cp">{label} {other_side} {int(seg.id)}{score}</span> '
    return (f'<td lang="{_esc(other.lang)}" dir="{text_direction(other.lang)}">{head}'
            f'<bdi>{_marked(other, seg.start, seg.end, ev.other_values, "value")}</bdi></td>')


def _flags_table(cmp: "Comparison") -> str:
    flags = sorted(cmp.flag_list, key=lambda f: (f.side, f.start, f.end))
    if not flags:
        return ('<details open><summary>Statements in one version only (0)</summary>'
                '<p class="empty">Nothing flagged.</p></details>')
    rows = []
    for f in flags:
        doc = cmp.document(f.side)
        rows.append(
            f'<tr data-side="{_esc(f.side)}" data-seg="{int(f.segment)}">'
            f"<td>{_esc(f.side)} \u00b7 {_esc(doc.lang)}</td>"
            f'<td><span class="kind {_esc(f.kind)}">{_esc(f.kind)}</span></td>'
            f"<td>{_fmt(f.confidence)}</td><td>{int(f.start)}\u2013{int(f.end)}</td>"
            + _cell(doc, _marked(doc, f.start, f.end, (f,), "value") if f.kind == "conflict"
                    else _marked(doc, f.start, f.end, f.evidence.missing, "missing"))
            + _evidence_cell(cmp, f) + "</tr>"
        )
    return (
        f"<details open><summary>Statements in one version only ({len(flags)})</summary>"
        '<table class="list flags"><colgroup><col class="num"><col class="num"><col class="num">'
        '<col class="num"><col><col></colgroup>'
        "<thead><tr><th>side</th><th>kind</th><th>confidence</th><th>offsets</th><th>text "
        '(<mark class="missing">no counterpart</mark>)</th><th>the other version</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></details>"
    )


def _conflict_rows(cmp: "Comparison") -> list[tuple[list, list, "Flag"]]:
    """Conflicts as ``(spans on a, spans on b, a flag)``, one row per disagreement:
    the flag on each side of one disagreement (each naming the other's value) is one row."""
    rows: list[tuple[list, list, "Flag"]] = []
    seen: set[tuple] = set()
    for f in sorted((f for f in cmp.flag_list if f.kind == "conflict"),
                    key=lambda f: (f.side, f.start)):
        own = [(f.start, f.end)]
        others = [(v.start, v.end) for v in f.evidence.other_values]
        key = (tuple(own), tuple(sorted(others))) if f.side == "a" else (tuple(sorted(others)), tuple(own))
        if any(set(key[0]) & set(k[0]) and set(key[1]) & set(k[1]) for k in seen):
            continue
        seen.add(key)
        spans_here = [f]
        spans_there = list(f.evidence.other_values)
        rows.append((spans_here, spans_there, f) if f.side == "a" else (spans_there, spans_here, f))
    return rows


def _conflicts_table(cmp: "Comparison") -> str:
    """Every conflict side by side: this value here, that value there, each in its statement."""
    rows_in = _conflict_rows(cmp)
    if not rows_in:
        return ""

    def column(side: str, spans: list, flag: "Flag") -> str:
        doc = cmp.document(side)
        if not spans:
            return '<td class="empty">no value of this kind</td>'
        if side == flag.side:
            seg = doc.segments[flag.segment]
            desc = flag.evidence.value
        else:
            seg_id = flag.evidence.counterpart
            seg = next((x for x in doc.segments if x.start <= spans[0].start < x.end),
                       doc.segments[seg_id] if seg_id is not None else None)
            desc = ", ".join(v.value for v in spans if v.value)
        values = " ".join(f'<mark class="value">{_esc(doc.text[v.start:v.end])}</mark>' for v in spans)
        context = _marked(doc, seg.start, seg.end, spans, "value") if seg is not None else ""
        return (f'<td lang="{_esc(doc.lang)}" dir="{text_direction(doc.lang)}">'
                f'<div class="values"><bdi>{values}</bdi> <span class="desc" dir="ltr">{_esc(desc)}</span></div>'
                f'<div class="context"><bdi>{context}</bdi></div></td>')

    rows = []
    for on_a, on_b, flag in rows_in:
        rows.append(f'<tr data-side="{_esc(flag.side)}" data-seg="{int(flag.segment)}">'
                    f"<td>{_fmt(flag.confidence)}</td>"
                    + column("a", on_a, flag) + column("b", on_b, flag) + "</tr>")
    a, b = cmp.a, cmp.b
    return (
        f'<details open><summary>Values the two versions give differently ({len(rows)})</summary>'
        '<table class="list conflicts"><colgroup><col class="num"><col><col></colgroup>'
        f"<thead><tr><th>confidence</th><th>side a \u00b7 {_esc(a.lang)}</th>"
        f"<th>side b \u00b7 {_esc(b.lang)}</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></details>"
    )


def _isolated(doc: "Document", segs: list) -> str:
    """Escaped text of consecutive segments, each in its own ``<bdi>``.

    Isolation keeps a bidi control left open in one statement (an unpaired
    U+202E, say) from reversing the next one or drawing it inside it.
    """
    parts: list[str] = []
    for k, seg in enumerate(segs):
        if k:
            parts.append(_esc(doc.text[segs[k - 1].end:seg.start]))
        parts.append(f"<bdi>{_esc(doc.text[seg.start:seg.end])}</bdi>")
    return "".join(parts)


def _links_table(cmp: "Comparison", moved: set[int]) -> str:
    a, b = cmp.a, cmp.b
    order = sorted(range(len(cmp.link_list)),
                   key=lambda k: (min(cmp.link_list[k].a, default=0), min(cmp.link_list[k].b, default=0)))
    rows = []
    for k in order:
        link = cmp.link_list[k]
        sa = [a.segments[i] for i in link.a]
        sb = [b.segments[j] for j in link.b]
        ta, tb = _isolated(a, sa), _isolated(b, sb)
        note = " \u00b7 moved" if k in moved else ""
        first_a = int(link.a[0]) if link.a else 0
        rows.append(
            f'<tr data-side="a" data-seg="{first_a}">'
            f"<td>{_fmt(link.score)}{note}</td>"
            f'<td lang="{_esc(a.lang)}" dir="{text_direction(a.lang)}">{ta}</td>'
            f'<td lang="{_esc(b.lang)}" dir="{text_direction(b.lang)}">{tb}</td></tr>'
        )
    body = "".join(rows) or '<tr><td colspan="3" class="empty">No links.</td></tr>'
    return (
        f"<details><summary>Linked statements side by side ({len(cmp.link_list)})</summary>"
        '<table class="list links"><colgroup><col class="num"><col><col></colgroup>'
        f"<thead><tr><th>score</th><th>side a \u00b7 {_esc(a.lang)}</th><th>side b \u00b7 {_esc(b.lang)}</th></tr></thead>"
        f"<tbody>{body}</tbody></table></details>"
    )


def comparison_to_html(cmp: "Comparison", title: str | None = None) -> str:
    """Render ``cmp`` as one self-contained HTML page (no network, no external files).

    The page has a header with counts, matched shares and the settings
    signature; two columns with both texts in full, flags coloured by kind
    with their confidence; and tables of flags and links. All input text is
    escaped. The output is deterministic: the same comparison gives the same
    bytes.

    Example:
        >>> import align
        >>> cmp = align.compare(arabic_text, english_text)  # doctest: +SKIP
        >>> page = comparison_to_html(cmp, title="Meeting of 19 July")  # doctest: +SKIP
        >>> open("report.html", "w", encoding="utf-8").write(page)  # doctest: +SKIP
    """
    from .._version import __version__

    index = _LinkIndex(cmp)
    moved = _moved_links(cmp)
    moved_a = {int(i) for k in moved for i in cmp.link_list[k].a}
    moved_b = {int(j) for k in moved for j in cmp.link_list[k].b}
    css = _asset("report.css")
    script = _asset("report.js")
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(script)}; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")
    if title is None:
        title = f"align report: {cmp.a.lang} \u2194 {cmp.b.lang}"
    page = Template(_asset("report.html")).substitute(
        csp=csp,
        generator=_esc(f"align {__version__}"),
        title=_esc(title),
        css=css,
        counts=_event_line(cmp) + _counts_table(cmp),
        signature=_esc(cmp.signature),
        side_a=_render_side(cmp, "a", index, moved_a),
        side_b=_render_side(cmp, "b", index, moved_b),
        flags_table=_conflicts_table(cmp) + _flags_table(cmp),
        links_table=_links_table(cmp, moved),
        script=script,
    )
    return page
