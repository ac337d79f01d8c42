"""The HTML report and the notebook view: escaping, direction, flags, fidelity."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from align.outputs.html import comparison_to_html, text_direction
from align.outputs.notebook import comparison_repr_html
from align.result import Comparison, Flag, Link, Settings
from align.text.document import Document, Segment, Span

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = '"><img src=x onerror=alert(1)>'

ARABIC = (
    "التقى الرئيسان في طهران يوم الثلاثاء 19/7/2022.  وبحثا التعاون التجاري بين البلدين، "
    "والوضع في سوريا.\n\nوهنأ الإمام بعيد الأضحى المبارك."
)
ENGLISH = (
    "The two presidents discussed trade cooperation and the situation in Syria.\n"
    f"An article quoted {HOSTILE_SCRIPT} verbatim & more.\t"
    f"Then {HOSTILE_IMG} appeared in the feed.\n\n"
    "The presidents met in Tehran on Tuesday. Licence: CC-BY, 'quoted'."
)


def _segments(text: str) -> tuple[Segment, ...]:
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.\s][^.]*\.?", text)]
    segs = []
    for k, (s, e) in enumerate(spans):
        while text[e - 1].isspace():
            e -= 1
        segs.append(Segment(id=k, start=s, end=e, text=text[s:e], clauses=(Span(s, e, text[s:e]),)))
    return tuple(segs)


def _flag(doc: Document, side: str, needle: str, kind: str, confidence: float) -> Flag:
    start = doc.text.index(needle)
    end = start + len(needle)
    seg = next(s.id for s in doc.segments if s.start <= start < s.end)
    return Flag(side=side, start=start, end=end, text=needle, kind=kind, confidence=confidence, segment=seg)


def make_comparison(signature_encoder: str = "use-m") -> Comparison:
    """A small Arabic/English comparison with a reordered link, flags of both kinds and hostile text."""
    a = Document(text=ARABIC, lang="ar", segments=_segments(ARABIC))
    b = Document(text=ENGLISH, lang="en", segments=_segments(ENGLISH))
    assert len(a.segments) == 3 and len(b.segments) == 5, (a.segments, b.segments)
    links = (
        Link(a=(0,), b=(3,), score=0.91),  # the meeting: reordered (last in English)
        Link(a=(1,), b=(0,), score=0.84),
    )
    flags = (
        _flag(a, "a", a.segments[2].text, "unmatched", 0.93),
        _flag(a, "a", "19/7/2022", "partial", 0.61),
        _flag(b, "b", b.segments[1].text, "unmatched", 0.88),
        _flag(b, "b", b.segments[2].text, "unmatched", 0.72),
        _flag(b, "b", b.segments[4].text, "unmatched", 0.97),
    )
    settings = Settings(encoder=signature_encoder, segmenter="rules", version="0.1.0")
    return Comparison(a=a, b=b, link_list=links, flag_list=flags, settings=settings)


class _Page(HTMLParser):
    """Collects each column's text, the elements, and every attribute value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.columns: dict[str, list[str]] = {}
        self.column_attrs: dict[str, dict] = {}
        self.tags: list[tuple[str, dict]] = []
        self._side: str | None = None
        self._stack: list[str] = []
        self._depth = 0
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "script":
            self._in_script = True
        if tag == "section" and attrs.get("data-side"):
            self._stack.append(attrs["data-side"])
        elif tag == "div" and "text" in (attrs.get("class") or "").split() and self._stack:
            self._side = self._stack[-1]
            self.columns[self._side] = []
            self.column_attrs[self._side] = attrs
            self._depth = 0
        elif self._side is not None:
            self._depth += 1

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if self._side is not None:
            if self._depth == 0 and tag == "div":
                self._side = None
            else:
                self._depth -= 1
        elif tag == "section" and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        if self._side is not None:
            self.columns[self._side].append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def test_hostile_text_is_escaped():
    cmp = make_comparison()
    page = comparison_to_html(cmp, title=f"Report {HOSTILE_SCRIPT}{HOSTILE_IMG}")
    assert HOSTILE_SCRIPT not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    parsed = _parse(page)
    assert [t for t, _ in parsed.tags].count("script") == 1  # only our own
    assert not any(t == "img" for t, _ in parsed.tags)
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    # The single script is the fixed asset: no report text inside it.
    script = "".join(parsed.scripts)
    assert "alert" not in script and "presidents" not in script


def test_hostile_signature_and_language_are_escaped():
    cmp = make_comparison(signature_encoder=HOSTILE_IMG)
    bad_lang = Document(text=cmp.a.text, lang='ar"><b>x', segments=cmp.a.segments)
    cmp = Comparison(a=bad_lang, b=cmp.b, link_list=cmp.link_list, flag_list=cmp.flag_list,
                     settings=cmp.settings)
    page = comparison_to_html(cmp)
    assert "<img" not in page and "<b>x" not in page
    assert "enc:&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    repr_page = comparison_repr_html(cmp)
    assert "<img" not in repr_page and "<b>x" not in repr_page


def test_every_character_of_both_texts_is_in_its_column():
    cmp = make_comparison()
    parsed = _parse(comparison_to_html(cmp))
    assert "".join(parsed.columns["a"]) == cmp.a.text
    assert "".join(parsed.columns["b"]) == cmp.b.text


def test_direction_and_language_attributes():
    parsed = _parse(comparison_to_html(make_comparison()))
    assert parsed.column_attrs["a"]["dir"] == "rtl" and parsed.column_attrs["a"]["lang"] == "ar"
    assert parsed.column_attrs["b"]["dir"] == "ltr" and parsed.column_attrs["b"]["lang"] == "en"
    assert [text_direction(x) for x in ("ar", "fa", "he", "ur", "ar-EG", "en", "fr", "")] == [
        "rtl", "rtl", "rtl", "rtl", "rtl", "ltr", "ltr", "ltr"]


def test_flags_are_marked_with_kind_and_confidence():
    cmp = make_comparison()
    parsed = _parse(comparison_to_html(cmp))
    marks = [attrs for tag, attrs in parsed.tags
             if tag == "mark" and "flag" in attrs.get("class", "").split()]
    kinds = sorted((m["data-kind"], m["data-confidence"]) for m in marks)
    assert kinds == sorted((f.kind, f"{f.confidence:.2f}") for f in cmp.flag_list)
    assert all("confidence" in m["title"] for m in marks)
    assert all(m["data-badge"] == m["data-confidence"] for m in marks)


def test_segments_carry_integer_links_both_ways():
    cmp = make_comparison()
    parsed = _parse(comparison_to_html(cmp))
    segs = {(a["data-side"], int(a["data-seg"])): a for t, a in parsed.tags
            if t == "span" and "seg" in a.get("class", "").split()}
    assert len(segs) == len(cmp.a.segments) + len(cmp.b.segments)
    assert segs[("a", 0)]["data-links"] == "3" and segs[("b", 3)]["data-links"] == "0"
    assert segs[("a", 1)]["data-links"] == "0" and segs[("b", 0)]["data-links"] == "1"
    assert segs[("a", 2)]["data-links"] == ""
    assert all(re.fullmatch(r"[0-9 ]*", a["data-links"]) for a in segs.values())
    # One of the two crossing links is out of reading order.
    assert sum("moved" in a["class"].split() for a in segs.values()) == 2


def test_merged_link_partners_share_the_selection():
    cmp = make_comparison()
    merged = Comparison(a=cmp.a, b=cmp.b, link_list=(Link(a=(0, 1), b=(3,), score=0.8),),
                        flag_list=(), settings=cmp.settings)
    parsed = _parse(comparison_to_html(merged))
    segs = {(a["data-side"], int(a["data-seg"])): a for t, a in parsed.tags
            if t == "span" and "seg" in a.get("class", "").split()}
    assert segs[("a", 0)]["data-with"] == "1" and segs[("a", 1)]["data-with"] == "0"
    assert segs[("b", 3)]["data-links"] == "0 1" and segs[("b", 3)]["data-with"] == ""


def test_header_counts_share_and_signature():
    cmp = make_comparison()
    page = comparison_to_html(cmp)
    assert f"{cmp.matched_share('a'):.1%}" in page and f"{cmp.matched_share('b'):.1%}" in page
    assert html.escape(cmp.signature, quote=True) in page
    assert "<title>align report: ar \u2194 en</title>" in page


def test_no_network_and_strict_policy():
    page = comparison_to_html(make_comparison())
    assert "http://" not in page and "https://" not in page and "//cdn" not in page
    assert "<link" not in page and " src=" not in page.replace("src=x", "")
    assert "default-src 'none'" in page and "'unsafe-inline'" not in page


def test_deterministic():
    assert comparison_to_html(make_comparison()) == comparison_to_html(make_comparison())
    assert comparison_repr_html(make_comparison()) == comparison_repr_html(make_comparison())


def test_empty_comparison_renders():
    empty = Document(text="", lang="en", segments=())
    cmp = Comparison(a=empty, b=empty, link_list=(), flag_list=(), settings=make_comparison().settings)
    page = comparison_to_html(cmp)
    assert "Nothing flagged" in page and "No links" in page


def test_to_html_method_writes_file(tmp_path):
    cmp = make_comparison()
    out = tmp_path / "report.html"
    page = cmp.to_html(out, title="x")
    assert out.read_text(encoding="utf-8") == page
    assert cmp.to_html() == comparison_to_html(cmp)


def test_repr_html_summary_and_flags():
    cmp = make_comparison()
    view = cmp._repr_html_()
    assert view.count("<tr>") == 1 + 2 + 1 + len(cmp.flag_list)
    assert "&lt;script&gt;" in view and HOSTILE_SCRIPT not in view
    assert 'dir="rtl"' in view and "0.97" in view
    # Most confident flag first.
    assert view.index("0.97") < view.index("0.61")


@pytest.mark.parametrize("n", [0, 1, 7])
def test_overlapping_and_out_of_range_flags_do_not_lose_text(n):
    cmp = make_comparison()
    b = cmp.b
    extra = tuple(
        Flag(side="b", start=k * 3, end=min(len(b.text) + 5, k * 3 + 40), text=b.text[k * 3:k * 3 + 40],
             kind="partial", confidence=0.5, segment=0)
        for k in range(n)
    )
    cmp = Comparison(a=cmp.a, b=b, link_list=cmp.link_list, flag_list=cmp.flag_list + extra,
                     settings=cmp.settings)
    parsed = _parse(comparison_to_html(cmp))
    assert "".join(parsed.columns["b"]) == b.text


def test_report_iframe_escapes_the_whole_page():
    from align.outputs.notebook import report_iframe

    frame = report_iframe(make_comparison(), height=300)
    parsed = _parse(frame)
    assert [t for t, _ in parsed.tags] == ["div", "iframe"]
    attrs = parsed.tags[1][1]
    assert attrs["sandbox"] == "allow-scripts"
    assert attrs["srcdoc"] == comparison_to_html(make_comparison())
