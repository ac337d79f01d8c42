"""The evidence of a flag: missing words, closest counterpart, the values of a conflict.

Every span must index its side's input exactly, evidence must never change
which flags are raised, and the HTML must escape and isolate it.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

import align
from align.differences.evidence import explain_flags
from align.outputs.html import comparison_to_html
from align.result import Comparison, Settings
from align.text import segment_text
from align.types import Evidence, EvidenceSpan, Flag, Link

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "data" / "seeds"

# Written for these tests: one count given differently, the rest the same.
CONFLICT_AR = ("قال مسؤولون في الشرطة إن 41 شخصاً قتلوا في الهجوم على السوق المركزي في المدينة. "
               "وأضافوا أن التحقيق ما زال جارياً.")
CONFLICT_EN = ("Police officials said 40 people were killed in the attack on the city's central "
               "market. They added that the investigation was continuing.")
HOSTILE = "<script>alert(1)</script>"


def _exact(cmp: Comparison) -> None:
    """Every evidence span is the slice of its side's text it claims to be."""
    for f in cmp.flag_list:
        own, other = cmp.document(f.side), cmp.document("b" if f.side == "a" else "a")
        assert own.text[f.start:f.end] == f.text
        for m in f.evidence.missing:
            assert own.text[m.start:m.end] == m.text
            assert f.start <= m.start < m.end <= f.end
        for v in f.evidence.other_values:
            assert other.text[v.start:v.end] == v.text


def _seed_texts() -> tuple[str, str]:
    found = [sorted(SEEDS.glob(f"{p}_*.txt")) for p in ("000", "002")]
    if not all(found):
        pytest.skip("seed pair not found")
    return tuple(p[0].read_text(encoding="utf-8") for p in found)


@pytest.fixture(scope="module")
def seed() -> Comparison:
    text_a, text_b = _seed_texts()
    return align.compare(text_a, text_b, src_lang="ar", tgt_lang="en")


def test_seed_eid_clause_marks_the_feast_not_the_attribution(seed):
    eid = [f for f in seed.flag_list if f.side == "a" and "الأضحى" in f.text]
    assert len(eid) == 1 and eid[0].kind == "partial"
    ev = eid[0].evidence
    assert ev.missing, "the Eid clause has words with no counterpart"
    marked = " ".join(m.text for m in ev.missing)
    assert "الأضحى" in marked
    assert "مؤكداً" not in marked  # attribution glue ("stressing") is never missing by itself
    # Fewer characters than the whole flag: the marks point inside it.
    assert sum(m.end - m.start for m in ev.missing) < eid[0].end - eid[0].start
    # The closest counterpart is the English sentence the Arabic one is linked to.
    partners = {j for link in seed.link_list if eid[0].segment in link.a for j in link.b}
    assert ev.counterpart in partners
    assert 0.0 < ev.counterpart_score <= 1.0
    _exact(seed)


def test_seed_unmatched_licence_line_names_its_closest_candidate(seed):
    licence = [f for f in seed.flag_list if f.kind == "unmatched"]
    assert len(licence) == 1 and "Creative Commons" in licence[0].text
    ev = licence[0].evidence
    assert ev.missing == ()
    assert 0 <= ev.counterpart < len(seed.a.segments)
    assert ev.counterpart_score < 0.5  # nothing on the Arabic side is close


def test_number_conflict_gives_both_values_side_by_side():
    cmp = align.compare(CONFLICT_AR, CONFLICT_EN, src_lang="ar", tgt_lang="en")
    conflicts = {f.side: f for f in cmp.flag_list if f.kind == "conflict"}
    assert set(conflicts) == {"a", "b"}
    a, b = conflicts["a"], conflicts["b"]
    assert (a.text, b.text) == ("41", "40")
    assert a.evidence.value == "number 41 (41)" and b.evidence.value == "number 40 (40)"
    assert [v.text for v in a.evidence.other_values] == ["40"]
    assert [(v.start, v.end) for v in a.evidence.other_values] == [(b.start, b.end)]
    assert [(v.start, v.end) for v in b.evidence.other_values] == [(a.start, a.end)]
    assert a.evidence.counterpart == b.segment and b.evidence.counterpart == a.segment
    _exact(cmp)
    page = cmp.to_html()
    assert "Values the two versions give differently (1)" in page  # one row for the pair


def test_offsets_stay_exact_with_crlf_and_wrapped_lines():
    text_a = CONFLICT_AR.replace(" في الشرطة ", " في الشرطة\r\n", 1).replace(". ", ".\r\n\r\n")
    cmp = align.compare(text_a, CONFLICT_EN, src_lang="ar", tgt_lang="en")
    assert any(f.kind == "conflict" for f in cmp.flag_list)
    _exact(cmp)
    data = json.loads(cmp.to_json())
    for flag in data["flags"]:
        own = text_a if flag["side"] == "a" else CONFLICT_EN
        other = CONFLICT_EN if flag["side"] == "a" else text_a
        for m in flag["evidence"]["missing"]:
            assert own[m["start"]:m["end"]] == m["text"]
        for v in flag["evidence"]["other_values"]:
            assert other[v["start"]:v["end"]] == v["text"]


def test_missing_number_and_words_without_an_encoder():
    """No encoder: a number no partner states is missing with its value; content words
    count as missing, function words and attribution join them but never start or end a span."""
    a = segment_text("He said on Tuesday that 40 people were hurt.", "en")
    b = segment_text("قال إن أشخاصاً أصيبوا.", "ar")
    text = "He said on Tuesday that 40 people were hurt"
    flag = Flag("a", 0, len(text), text, "partial", 0.7, 0)
    (got,) = explain_flags([flag], a, b, [Link((0,), (0,), 0.8)], encoder=None)
    assert [(m.text, m.value) for m in got.evidence.missing] == [
        ("40 people were hurt", "number 40 (40)")]
    assert got.evidence.counterpart == 0 and got.evidence.counterpart_score is None


def test_evidence_never_changes_a_flag():
    flag = Flag("a", 0, 2, "41", "conflict", 0.9, 0)
    explained = dataclasses.replace(flag, evidence=Evidence(value="number 41 (41)"))
    assert explained == flag and hash(explained) == hash(flag)
    assert Flag("a", 0, 2, "41", "conflict", 0.9, 0).evidence == Evidence()
    assert not Evidence() and Evidence(counterpart=0)


def _hostile_comparison() -> Comparison:
    text_a = "قال الوزير إن الاجتماع كان مثمراً."
    text_b = f"The minister said the meeting was fruitful and quoted {HOSTILE} & more."
    a, b = segment_text(text_a, "ar"), segment_text(text_b, "en")
    start = text_b.index("quoted")
    end = len(text_b) - 1
    hostile = text_b.index(HOSTILE)
    evidence = Evidence(missing=(EvidenceSpan(hostile, hostile + len(HOSTILE), HOSTILE),),
                        counterpart=0, counterpart_score=0.81)
    flag = Flag("b", start, end, text_b[start:end], "partial", 0.77, 0, evidence)
    settings = Settings(encoder="use-m", segmenter="rules", version="0")
    return Comparison(a, b, (Link((0,), (0,), 0.9),), (flag,), settings)


def test_html_escapes_the_evidence_and_keeps_the_text_whole():
    cmp = _hostile_comparison()
    page = comparison_to_html(cmp)
    assert HOSTILE not in page
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    # Marked in the text column and in the flags table, escaped both times.
    assert page.count(f'<mark class="missing">{escaped}</mark>') == 2
    assert "no counterpart for: " + escaped in page  # the flag's title
    from test_html import _parse

    parsed = _parse(page)
    assert "".join(parsed.columns["b"]) == cmp.b.text
    flags = [t for t, attrs in parsed.tags if t == "mark" and "flag" in attrs.get("class", "")]
    assert len(flags) == 1  # one mark per flag, the missing words inside it


def test_qa_issues_name_the_missing_words_and_both_values():
    from align.qa import check

    cmp = align.compare(CONFLICT_AR, CONFLICT_EN, src_lang="ar", tgt_lang="en")
    details = {i.side: i.detail for i in check(cmp).issues if i.category == "number-mismatch"}
    assert details["a"] == ("number 41 (41) differs from 40 (number 40 (40)) "
                            "in the linked target statement")
    assert "differs from 41 (number 41 (41))" in details["b"]


def test_qa_omission_names_the_seed_eid_words(seed):
    from align.qa import check

    (eid,) = [i for i in check(seed).issues if "الأضحى" in i.text]
    assert eid.category == "omission"
    assert "no counterpart for: " in eid.detail and "الأضحى" in eid.detail.split(": ", 1)[1]
