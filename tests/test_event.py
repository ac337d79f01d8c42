"""Same event or not (:mod:`align.event`): names across scripts, dates, the fitted
judgement, and how compare, check and pair use it.

The seed reports are the hard case: 000 (Arabic) and 002 (English) report one
meeting; 001, 003 and 004 are other meetings of the same people and topic.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import seed_text

import align
from align import event
from align.cli import main as cli_main
from align.collections.pairing import pair_documents


# Two short reports unrelated to the seeds, written for this test.
UNRELATED_EN = {
    "match.txt": "Northfield won the county cup final 3-1 on Saturday.\n"
                 "Their captain scored twice in the second half.\n"
                 "The club last lifted the trophy in 1998.",
    "weather.txt": "Heavy snow closed two mountain passes overnight.\n"
                   "Forecasters expect the roads to reopen by Thursday.\n"
                   "Schools in the valley will stay shut.",
}
UNRELATED_AR = {
    "market.txt": "ارتفعت أسعار القمح في السوق المحلية بنسبة ٥٪ خلال الأسبوع الماضي.\n"
                  "وعزا التجار الارتفاع إلى تراجع المحصول بسبب الجفاف.",
}


# -- evidence, no encoder -----------------------------------------------------------
@pytest.mark.parametrize("latin, arabic", [
    ("Erdogan", "أردوغان"), ("Khamenei", "الخامنئي"), ("Raisi", "رئيسي"), ("Raeisi", "رئيسي"),
    ("Putin", "بوتين"), ("Geneva", "جنيف"), ("Singapore", "سنغافورة"), ("Qatar", "وقطر"),
])
def test_transliterated_names_are_shared(latin, arabic):
    ev = event.evidence(event.facts(f"Talks with {latin} went on.", "en"),
                        event.facts(f"وتواصلت المحادثات مع {arabic} اليوم", "ar"), (0.0, 0.0))
    assert ev.shared_names == (latin,)
    assert ev.names == 1.0


def test_a_common_word_with_a_short_skeleton_is_not_a_name():
    # «رئيس» ("president") reads RS like Raisi; only the final -i of «رئيسي» makes it the name.
    ev = event.evidence(event.facts("Raisi spoke.", "en"), event.facts("تحدث الرئيس", "ar"), (0, 0))
    assert ev.shared_names == ()


def test_dates_agree_across_digits_and_languages_and_conflict_when_disjoint():
    ar = event.facts("التقى الرئيسان يوم الثلاثاء ١٩/٧/٢٠٢٢ في طهران", "ar")
    same = event.evidence(ar, event.facts("They met on Tuesday, 19 July 2022.", "en"), (0, 0))
    assert same.when_agree == 1.0 and same.when_conflict == 0.0
    assert set(same.shared_dates) == {"19/7", "Tuesday"}
    other = event.evidence(ar, event.facts("They spoke by phone on Monday.", "en"), (0, 0))
    assert other.when_agree == 0.0 and other.when_conflict == 1.0


def test_statement_shares_read_only_the_two_documents():
    unit = np.eye(16, dtype=np.float32)
    a, b = unit[:6], unit[[0, 1, 2, 9, 10, 11]]  # three statements shared, three unrelated
    share_a, share_b = event.statement_shares(a, b, cosine_floor=0.4, margin=1.15)
    assert share_a == share_b == 0.5
    assert event.statement_shares(a, np.zeros((0, 16), np.float32)) == (0.0, 0.0)


def test_more_shared_evidence_never_lowers_the_probability():
    base = event.EventEvidence(0.2, 0.2, 0.2, 0.2, (), 0.0, 0.0, (), 0.0)
    p0 = event.judge(base).probability
    for field in ("statements", "names", "numbers"):
        more = event.EventEvidence(**{**base.__dict__, field: 0.6})
        assert event.judge(more).probability > p0
    conflict = event.EventEvidence(**{**base.__dict__, "when_conflict": 1.0})
    assert event.judge(conflict).probability < p0
    assert len(event.coefficients()[1]) == len(event.FEATURES) == len(base.vector())


# -- the real encoder on the seed reports ----------------------------------------------
@pytest.mark.slow
def test_compare_of_two_meetings_says_different_event():
    other = align.compare(seed_text("001"), seed_text("002"), src_lang="ar", tgt_lang="en")
    same = align.compare(seed_text("000"), seed_text("002"), src_lang="ar", tgt_lang="en")
    assert not other.same_event.same and other.same_event.probability < 0.2
    assert other.same_event.evidence.when_conflict == 1.0  # Monday against Tuesday
    assert same.same_event.same and same.same_event.probability > 0.9
    assert "Erdogan" in same.same_event.evidence.shared_names
    html = other.to_html()
    assert 'class="event event-different"' in html and "DIFFERENT EVENTS" in html
    assert 'class="event event-same"' in same.to_html()


@pytest.mark.slow
def test_cli_compare_header_and_check_exit_status(tmp_path, capsys):
    a, b, c = (tmp_path / "001.txt", tmp_path / "002.txt", tmp_path / "000.txt")
    for path, prefix in ((a, "001"), (b, "002"), (c, "000")):
        path.write_text(seed_text(prefix), encoding="utf-8")
    assert cli_main(["compare", str(a), str(b)]) == 0
    header = capsys.readouterr().out.splitlines()[:4]
    assert any(line.startswith("# DIFFERENT EVENTS") for line in header)
    assert cli_main(["check", str(a), str(b)]) == 2
    assert "not the same report" in capsys.readouterr().err
    assert cli_main(["check", str(a), str(b), "--no-event-check", "--fail-on", "never"]) == 0
    assert cli_main(["check", str(c), str(b), "--fail-on", "never"]) == 0


@pytest.mark.slow
def test_unrelated_documents_in_either_folder_change_no_pairing_score():
    arabic = {p: seed_text(p) for p in ("000", "001", "003", "004")}
    small = pair_documents(arabic, {"002": seed_text("002")}, src_lang="ar", tgt_lang="en", threshold=0.0)
    big = pair_documents({**arabic, **UNRELATED_AR}, {"002": seed_text("002"), **UNRELATED_EN},
                         src_lang="ar", tgt_lang="en", threshold=0.0)
    before = {(a, b): s for a, b, s in small.candidates}
    after = {(a, b): s for a, b, s in big.candidates}
    assert set(before) <= set(after)
    assert all(after[k] == before[k] for k in before)
    assert big.matched.get("000") == "002"
    assert big.pairs[0].same_event is not None and big.pairs[0].same_event.same
