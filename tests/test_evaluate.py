"""Evaluation metrics on hand-built comparisons whose scores are computed by hand."""

from __future__ import annotations

import json

import pytest
from conftest import DATA

from align.errors import AlignInputError
from align.evaluation import Counts, Gold, Scores, combine, evaluate, load_gold
from align.result import Comparison, Flag, Link, Settings
from align.text.document import Document, Segment, Span

SETTINGS = Settings("hand", segmenter="hand", version="test", method="hand")

#            0    5 6   10 12  16
TEXT_A = "AAAA. BBBB. CCCC."
TEXT_B = "xxxx. yyyy. zzzz."


def doc(text: str, lang: str) -> Document:
    """Segments at each '. ' boundary, with character offsets."""
    segments, start = [], 0
    for k, piece in enumerate(text.split(" ")):
        end = start + len(piece)
        segments.append(Segment(k, start, end, piece, (Span(start, end, piece),)))
        start = end + 1
    return Document(text, lang, tuple(segments))


def comparison(links=(), flags=(), text_a=TEXT_A, text_b=TEXT_B) -> Comparison:
    a, b = doc(text_a, "ar"), doc(text_b, "en")
    flag_list = []
    for side, start, end in flags:
        text = (a if side == "a" else b).text
        flag_list.append(Flag(side, start, end, text[start:end], "unmatched", 0.9, 0))
    link_list = tuple(Link(tuple(x), tuple(y), 0.9) for x, y in links)
    return Comparison(a, b, link_list, tuple(flag_list), SETTINGS)


def gold(*units) -> Gold:
    rows = [
        {"id": uid, "severity": sev, "ar": ar, "en": en} for uid, sev, ar, en in units
    ]
    return Gold.from_dict({"pair": {"ar": "a.txt", "en": "b.txt"}, "description": "", "units": rows})


# u1 A<->x, u2 B<->z, u3 C only in a, u4 y only in b
BASIC = gold(
    ("u1", "major", [[0, 5]], [[0, 5]]),
    ("u2", "major", [[6, 11]], [[12, 17]]),
    ("u3", "major", [[12, 17]], []),
    ("u4", "major", [], [[6, 11]]),
)


def test_perfect_comparison_scores_one():
    cmp = comparison(links=[([0], [0]), ([1], [2])], flags=[("a", 12, 17), ("b", 6, 11)])
    s = evaluate(cmp, BASIC)
    assert (s.link_precision, s.link_recall, s.link_f1) == (1.0, 1.0, 1.0)
    assert (s.flag_precision, s.flag_recall, s.flag_f1) == (1.0, 1.0, 1.0)
    assert s.counts.flag_chars_correct == 10 and s.counts.gold_flags == 2


def test_nothing_predicted_has_vacuous_precision_and_zero_recall():
    s = evaluate(comparison(), BASIC)
    assert s.link_precision == 1.0 and s.link_recall == 0.0 and s.link_f1 == 0.0
    assert s.flag_precision == 1.0 and s.flag_recall == 0.0 and s.flag_f1 == 0.0
    s0 = evaluate(comparison(), BASIC, zero_division=0.0)
    assert s0.link_precision == 0.0 and s0.flag_precision == 0.0


def test_clean_pair_without_flags_scores_one_on_flags():
    clean = gold(("u1", "major", [[0, 5]], [[0, 5]]))
    s = evaluate(comparison(links=[([0], [0])]), clean)
    assert s.flag_precision == s.flag_recall == s.flag_f1 == 1.0
    # one false flag on a clean pair: precision drops to 0, recall stays vacuous
    s = evaluate(comparison(links=[([0], [0])], flags=[("b", 0, 5)]), clean)
    assert s.flag_precision == 0.0 and s.flag_recall == 1.0 and s.flag_f1 == 0.0


def test_wrong_link_lowers_precision_not_recall():
    cmp = comparison(links=[([0], [0]), ([1], [2]), ([2], [1])])
    s = evaluate(cmp, BASIC)
    assert s.counts.link_pairs_correct == 2 and s.counts.link_pairs_wrong == 1
    assert s.link_precision == pytest.approx(2 / 3)
    assert s.link_recall == 1.0
    assert s.link_f1 == pytest.approx(0.8)


def test_link_pairs_are_the_deduplicated_cartesian_product():
    # link 1 joins a0 with b0 and b1: pairs (0,0) correct, (0,1) wrong; link 2 repeats (0,0)
    cmp = comparison(links=[([0], [0, 1]), ([0], [0])])
    s = evaluate(cmp, BASIC)
    assert s.counts.link_pairs_correct == 1 and s.counts.link_pairs_wrong == 1
    assert s.link_recall == 0.5  # u1 found, u2 not


def test_link_must_hold_half_of_the_span_on_each_side():
    # u1 covers a0+a1 (10 solid chars) and b0; a link holding a0 only holds exactly half
    g = gold(("u1", "major", [[0, 11]], [[0, 5]]))
    assert evaluate(comparison(links=[([0], [0])]), g).link_recall == 1.0
    # u1 covers all three a segments (15 solid chars): a0 holds 5/15 < 1/2
    g = gold(("u1", "major", [[0, 17]], [[0, 5]]))
    s = evaluate(comparison(links=[([0], [0])]), g)
    assert s.link_recall == 0.0 and s.units[0].share == pytest.approx(1 / 3)
    # one link joining a0 and a1 holds 10/15
    assert evaluate(comparison(links=[([0, 1], [0])]), g).link_recall == 1.0
    # two separate links do not add up: "ONE link" must hold both halves
    s = evaluate(comparison(links=[([0], [0]), ([1], [0])]), g)
    assert s.link_recall == 0.0


def test_several_spans_per_side_use_their_total_length():
    # the English statement appears twice (b0 and b2): either copy holds half of it
    g = gold(("u1", "major", [[0, 5]], [[0, 5], [12, 17]]))
    assert evaluate(comparison(links=[([0], [2])]), g).link_recall == 1.0
    # three spans of 5: one copy holds a third only
    g = gold(("u1", "major", [[0, 5]], [[0, 5], [6, 11], [12, 17]]))
    assert evaluate(comparison(links=[([0], [2])]), g).link_recall == 0.0
    assert evaluate(comparison(links=[([0], [1, 2])]), g).link_recall == 1.0


def test_minor_units_are_neutral():
    g = gold(
        ("u1", "major", [[0, 5]], [[0, 5]]),
        ("m1", "minor", [[6, 11]], [[6, 11]]),
        ("m2", "minor", [[12, 17]], []),
    )
    # a pair inside the minor unit, and a pair from a minor-only segment to u1's segment
    cmp = comparison(links=[([0], [0]), ([1], [1]), ([2], [0])],
                     flags=[("a", 6, 17), ("b", 6, 11)])
    s = evaluate(cmp, g)
    assert s.counts.link_pairs_correct == 1
    assert s.counts.link_pairs_wrong == 0 and s.counts.link_pairs_neutral == 2
    assert s.link_precision == 1.0 and s.counts.gold_links == 1
    # every flagged character is in a minor unit: neither right nor wrong
    assert s.counts.flag_chars_correct == s.counts.flag_chars_wrong == 0
    assert s.counts.flag_chars_neutral == 15
    assert s.counts.gold_flags == 0
    assert {u.id: u.found for u in s.units} == {"u1": True, "m1": None, "m2": None}


def test_text_outside_every_unit_is_neutral():
    g = gold(("u1", "major", [[0, 5]], [[0, 5]]), ("u2", "major", [[12, 17]], []))
    cmp = comparison(links=[([1], [1])], flags=[("a", 6, 11)])
    s = evaluate(cmp, g)
    assert s.counts.link_pairs_neutral == 1 and s.counts.flag_chars_neutral == 5
    assert s.link_precision == 1.0 and s.flag_precision == 1.0


def test_flag_precision_counts_solid_characters():
    # a flag over a0..a2 (with the spaces): 5 chars in u1 (two-sided), 5 in u3 (one-sided),
    # 5 in u2 (two-sided); spaces ignored
    s = evaluate(comparison(flags=[("a", 0, 17)]), BASIC)
    assert s.counts.flag_chars_correct == 5 and s.counts.flag_chars_wrong == 10
    assert s.flag_precision == pytest.approx(1 / 3)
    assert s.flag_recall == 0.5  # u3 found, u4 not
    # overlapping flags count each character once
    s = evaluate(comparison(flags=[("a", 12, 17), ("a", 12, 15)]), BASIC)
    assert s.counts.flag_chars_correct == 5


def test_flag_recall_needs_half_of_the_statement():
    s = evaluate(comparison(flags=[("a", 12, 14), ("b", 6, 9)]), BASIC)
    shares = {u.id: u.share for u in s.units if u.kind == "one-sided"}
    assert shares == {"u3": pytest.approx(0.4), "u4": pytest.approx(0.6)}
    assert s.counts.gold_flags_found == 1 and s.flag_recall == 0.5
    assert s.flag_precision == 1.0


def test_min_confidence_ignores_weak_flags():
    cmp = comparison(flags=[("a", 0, 5)])  # a wrong flag, confidence 0.9
    assert evaluate(cmp, BASIC).counts.flag_chars_wrong == 5
    assert evaluate(cmp, BASIC, min_confidence=0.95).counts.flag_chars_wrong == 0


def test_sides_mapping_and_mismatched_gold_are_reported():
    g = Gold.from_dict({
        "pair": {"ar": "a", "en": "b"}, "description": "",
        "units": [{"id": "u1", "severity": "major", "ar": [[0, 5]], "en": [[0, 5]],
                   "ar_text": ["AAAA."], "en_text": ["xxxx."]}],
    })
    assert evaluate(comparison(links=[([0], [0])]), g).link_recall == 1.0
    swapped = comparison(links=[([0], [0])], text_a=TEXT_B, text_b=TEXT_A)
    assert evaluate(swapped, g, sides={"a": "en", "b": "ar"}).link_recall == 1.0
    with pytest.raises(AlignInputError, match="swapped"):
        evaluate(swapped, g)
    with pytest.raises(AlignInputError):
        evaluate(swapped, g, sides={"a": "fr", "b": "ar"})
    too_long = gold(("u1", "major", [[0, 50]], [[0, 5]]))
    with pytest.raises(AlignInputError, match="past the end"):
        evaluate(comparison(), too_long)


def test_scores_add_up_as_micro_averages():
    s1 = evaluate(comparison(links=[([0], [0]), ([1], [2])]), BASIC)  # links 2/2, flags 0/2
    s2 = evaluate(comparison(links=[([2], [1])], flags=[("a", 12, 17)]), BASIC)
    total = combine([s1, s2])
    assert total.counts == s1.counts + s2.counts
    assert total.link_precision == pytest.approx(2 / 3)
    assert total.link_recall == pytest.approx(2 / 4)
    assert total.flag_recall == pytest.approx(1 / 4)
    assert (s1 + s2).counts == total.counts and len(total.units) == 8
    assert combine([]).counts == Counts()
    frame = total.to_frame()
    assert list(frame.columns[:6]) == ["link_precision", "link_recall", "link_f1",
                                       "flag_precision", "flag_recall", "flag_f1"]
    assert frame.loc[0, "link_pairs_wrong"] == 1
    assert len(total.units_frame()) == 8
    assert "link P/R/F1" in str(total)
    assert isinstance(total, Scores)


def test_seed_gold_loads_and_round_trips():
    path = DATA / "gold" / "seed_pair_000_002.json"
    g = load_gold(path)
    assert g.langs == ("ar", "en") and len(g.units) == 40
    assert sorted(u.id for u in g.units if u.one_sided and u.major) == ["u29", "u39"]
    assert sorted(u.id for u in g.units if not u.major) == ["u32", "u40"]
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert g.to_dict() == raw


def test_bad_gold_files_give_clear_errors(tmp_path):
    with pytest.raises(AlignInputError, match="not found"):
        load_gold(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(AlignInputError, match="JSON"):
        load_gold(bad)
    with pytest.raises(AlignInputError, match="no span"):
        gold(("u1", "major", [], []))
    with pytest.raises(AlignInputError, match="severity"):
        gold(("u1", "huge", [[0, 1]], []))
