"""Evidence below the sentence: numbers a partner lacks, window runs, the
synthetic sub-sentence builder, and the word lists behind them."""

from __future__ import annotations

import pytest
from conftest import needs_ntrex

from align.differences.phrases import (
    RUN_FEATURES, RUN_MODEL, anchor_flags, merge_flags, run_probability,
)
from align.result import Flag, Link
from align.text import segment_text
from align.text.lexicon import content_words, is_glue

LINK = [Link((0,), (0,), 0.8)]


def test_a_number_the_partner_lacks_is_flagged_with_its_own_span():
    a = segment_text("Police said 40 people were hurt in the blast on Monday.", "en")
    b = segment_text("قالت الشرطة إن أشخاصاً أصيبوا في الانفجار يوم الاثنين.", "ar")
    flags = anchor_flags(a, "a", b, LINK)
    assert [(f.text, a.text[f.start:f.end], f.kind) for f in flags] == [("40", "40", "partial")]
    assert 0 < flags[0].confidence <= 0.8
    assert not anchor_flags(b, "b", a, LINK)  # nothing on the Arabic side lacks a partner


def test_equal_values_in_other_digits_and_weekday_renderings_are_not_flagged():
    a = segment_text("التقى الرئيسان يوم ١٩/٧/٢٠٢٢ ووقعا ٨ اتفاقيات.", "ar")
    b = segment_text("The presidents met on Tuesday and signed 8 agreements.", "en")
    # 19/7/2022 was a Tuesday; ٨ is 8
    assert anchor_flags(a, "a", b, LINK) == []
    c = segment_text("The presidents met on Monday and signed 8 agreements.", "en")
    assert [f.text for f in anchor_flags(a, "a", c, LINK)] == ["١٩/٧/٢٠٢٢"]


def test_unlinked_segments_give_no_anchor_flags():
    a = segment_text("Police said 40 people were hurt.", "en")
    b = segment_text("قالت الشرطة إن أشخاصاً أصيبوا.", "ar")
    assert anchor_flags(a, "a", b, []) == []


def test_merge_joins_touching_partials_and_drops_those_inside_unmatched():
    doc = segment_text("One two three four five six. Seven eight nine.", "en")
    s0, s1 = doc.segments

    def flag(start, end, kind="partial", seg=0, conf=0.6):
        return Flag("a", start, end, doc.text[start:end], kind, conf, seg)

    merged = merge_flags([flag(0, 9), flag(4, 13, conf=0.9), flag(s1.start, s1.end, "unmatched", 1),
                          flag(s1.start, s1.start + 5, seg=1)], doc)
    assert [(f.kind, f.text, f.confidence) for f in merged] == [
        ("unmatched", s1.text, 0.6), ("partial", "One two three", 0.9)]


def test_run_decision_rises_when_cutting_the_run_brings_the_partner_closer():
    base = dict(zip(RUN_FEATURES, (0.5, 0.0, 1.0, 0.5, 0.0, 1.5, 6.0, 0.3)))
    p = [run_probability([dict(base, deletion_gain=g)[n] for n in RUN_FEATURES])
         for g in (-1.0, 0.0, 1.0, 2.0)]
    assert p == sorted(p) and p[0] < 0.5 < p[-1]
    assert len(RUN_MODEL) == len(RUN_FEATURES) + 1


def test_function_and_attribution_words_are_glue_with_arabic_clitics():
    assert is_glue("وأضاف", "ar") and is_glue("والتي", "ar") and is_glue("said", "en")
    assert not is_glue("الزيارة", "ar") and not is_glue("surprise", "en")
    assert content_words("he said on Tuesday that the visit was a surprise", "en") == [
        "visit", "surprise"]


def test_a_word_keeps_its_combining_marks():
    # Tanween and shadda are marks, not letters: cut there, «خطرًا» became «خطر» + «ا».
    from align.text.lexicon import tokens

    text = "لا تمثل خطرًا، قال السيّد الرئيسُ"
    assert [w for _, _, w in tokens(text)] == ["لا", "تمثل", "خطرًا", "قال", "السيّد", "الرئيسُ"]
    assert all(text[s:e] == w for s, e, w in tokens(text))
    assert [w for _, _, w in tokens("don't stop, rock-n-roll")] == ["don't", "stop", "rock", "n", "roll"]


@needs_ntrex
def test_subsentence_gold_points_at_the_dropped_text():
    from benchmarks.subsentence import build_pairs

    pairs = build_pairs(limit=15)
    assert pairs == build_pairs(limit=15)  # deterministic
    kinds = {e.kind for p in pairs for e in p.edits}
    assert {"clause>=4", "number", "merged"} <= kinds
    for pair in pairs:
        for edit in pair.edits:
            unit = next(u for u in pair.gold.units if u.id == edit.unit)
            kept = "en" if edit.side == "ar" else "ar"
            assert unit.langs == (kept,)  # one-sided, on the side that kept it
            for (s, e), text in zip(unit.spans[kept], unit.texts[kept]):
                assert pair.text(kept)[s:e] == text and text.strip()
                if edit.kind in ("number", "clause>=4", "clause<4"):
                    # the edited sentence on the other side lacks it
                    host = next(u for u in pair.gold.units if u.id == edit.unit[:-1])
                    assert all(text not in t for t in host.texts[edit.side])


@pytest.mark.slow
@needs_ntrex
def test_compare_flags_a_dropped_clause_and_a_dropped_number_not_the_whole_sentence():
    import align
    from benchmarks.subsentence import build_pairs

    pair = next(p for p in build_pairs(limit=12) if p.doc_id == "upi.176266")
    cmp = align.compare(pair.ar, pair.en, src_lang="ar", tgt_lang="en")
    for edit_kind, text in (("clause>=4", "dangerous species of shark"), ("number", "48")):
        unit = next(u for u in pair.gold.units if pair.edit_of(u.id) == edit_kind
                    and text in u.texts.get("en", ("",))[0])
        (s, e), = unit.spans["en"]
        hits = [f for f in cmp.flag_list if f.side == "b" and f.start < e and s < f.end]
        assert hits, f"{edit_kind} not flagged"
        f = hits[0]
        assert f.kind == "partial"
        covered = min(e, f.end) - max(s, f.start)
        assert covered >= 0.5 * (e - s)
        # the flag is the phrase, not its sentence: little text outside the unit
        assert (f.end - f.start) - covered <= 0.3 * (e - s) + 2


def test_a_value_both_sides_give_differently_is_a_conflict_on_both_sides():
    a = segment_text("تضم المدارس أكثر من 300 ألف تلميذ في أسكتلندا.", "ar")
    b = segment_text("The schools have upwards of 30,000 pupils across Scotland.", "en")
    fa, fb = anchor_flags(a, "a", b, LINK), anchor_flags(b, "b", a, LINK)
    assert [(f.kind, f.text) for f in fa] == [("conflict", "300 ألف")]
    assert [(f.kind, f.text) for f in fb] == [("conflict", "30,000")]


def test_conflicts_are_number_mismatches_in_qa_and_left_out_of_flag_metrics():
    from align.evaluation import Gold, GoldUnit, evaluate
    from align.qa import check
    from align.result import Comparison, Settings

    a = segment_text("تضم المدارس أكثر من 300 ألف تلميذ.", "ar")
    b = segment_text("The schools have upwards of 30,000 pupils.", "en")
    flags = tuple(anchor_flags(a, "a", b, LINK) + anchor_flags(b, "b", a, LINK))
    settings = Settings(encoder="t", segmenter="t", version="0", method="hand")
    cmp = Comparison(a, b, tuple(LINK), flags, settings)
    issues = check(cmp).issues
    assert [(i.category, i.side) for i in issues] == [("number-mismatch", "a"),
                                                      ("number-mismatch", "b")]
    assert "differs" in issues[0].detail
    gold = Gold({"ar": "a", "en": "b"}, "", (GoldUnit(
        "u1", "major", {"ar": ((0, len(a.text)),), "en": ((0, len(b.text)),)}, conflict=True),))
    scores = evaluate(cmp, gold)
    assert scores.counts.flag_chars_wrong == 0 and scores.link_f1 == 1.0
