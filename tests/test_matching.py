"""The matching and differences layers on a transparent bag-of-concepts encoder.

Each text's vector is the normalised sum of fixed random vectors of the
concept words it contains, so which statements "mean the same" is known
exactly and the linking and flagging logic can be tested without a model.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest

import align
from align.differences.containment import WindowEvidence, word_windows
from align.differences.flags import FlagParams, partial_flags, unmatched_flags
from align.matching import build_units, link_segments, ratio_margin, score_units
from align.matching.assignment import LinkingParams
from align.matching.scores import competitive
from align.matching.similarity import cosine_matrix, knn_mean, knn_means
from align.matching.units import embed_units
from align.text import segment_text

CONCEPTS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron "
            "pi rho sigma tau upsilon phi chi psi omega").split()


class ConceptEncoder:
    """Vectors from the concept words of a text; other words add faint noise."""

    name = "concepts"
    dim = 64
    null_cosine = 0.0
    null_spread = 0.15
    link_cosine_floor = 0.4

    def __init__(self):
        rng = np.random.default_rng(7)
        self.table = {w: rng.normal(size=self.dim) for w in CONCEPTS}
        self.noise = rng.normal(size=(97, self.dim)) * 0.08

    def encode(self, texts, batch_size=64, show_progress_bar=None, normalize_embeddings=True):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[i] += self.table.get(word, self.noise[sum(map(ord, word)) % 97])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1
        return (out / norms).astype(np.float32)


def run(text_a: str, text_b: str, params: LinkingParams | None = None):
    enc = ConceptEncoder()
    params = params or LinkingParams(cosine_floor=enc.link_cosine_floor, restatement_floor=None)
    doc_a, doc_b = segment_text(text_a, "en"), segment_text(text_b, "en")
    ua, ub = build_units(doc_a, max_window=3), build_units(doc_b, max_window=3)
    scores = score_units(ua, ub, embed_units(ua, enc, "encode"), embed_units(ub, enc, "encode"), k=4,
                         null_cosine=enc.null_cosine, null_spread=enc.null_spread)
    return doc_a, doc_b, scores, link_segments(scores, params), params


def pairs(links):
    return {(i, j) for link in links for i in link.a for j in link.b}


# -- similarity -------------------------------------------------------------------
def test_ratio_margin_demotes_a_hub():
    # column 0 is close to every row (a hub); row 1's true partner is column 1
    sim = np.array([[0.9, 0.1], [0.8, 0.75]], dtype=np.float32)
    margin = ratio_margin(sim, k=2)
    assert sim[1, 0] > sim[1, 1]
    assert margin[1, 1] > margin[1, 0]


def test_knn_mean_takes_the_k_largest():
    sim = np.array([[0.1, 0.9, 0.5, 0.7]], dtype=np.float32)
    assert knn_mean(sim, 2, axis=1)[0] == pytest.approx(0.8)
    assert knn_mean(sim, 10, axis=1)[0] == pytest.approx(0.55)  # fewer than k: all


def test_null_padding_keeps_a_lone_pair_distinctive():
    sim = np.array([[0.8]], dtype=np.float32)
    bare = ratio_margin(sim, k=4)
    a, b = np.array([[1.0, 0.0]], np.float32), np.array([[0.8, 0.6]], np.float32)  # cosine 0.8
    row, col = knn_means(a, b, k=4, null=0.2), knn_means(b, a, k=4, null=0.2)
    padded = ratio_margin(sim, k=4, row_ref=row, col_ref=col)
    assert bare[0, 0] == pytest.approx(1.0)  # a one-sentence text could never link
    assert padded[0, 0] > 1.5


# -- sparse evidence ----------------------------------------------------------------
SIX_A = ("Alpha beta gamma. Delta epsilon zeta, and eta theta. Iota kappa lambda. "
         "Mu nu xi omicron. Pi rho sigma. Tau upsilon phi chi.")
SIX_B = ("Pi rho sigma. Alpha beta gamma and delta epsilon zeta. Eta theta. "
         "Mu nu xi. Tau upsilon phi chi psi. Omega iota.")


def test_kept_partners_are_the_dense_matrix_rows_best_first():
    enc = ConceptEncoder()
    ua = build_units(segment_text(SIX_A, "en"), max_window=3)
    ub = build_units(segment_text(SIX_B, "en"), max_window=3)
    ea, eb = embed_units(ua, enc, "encode"), embed_units(ub, enc, "encode")
    scores = score_units(ua, ub, ea, eb, k=4, null_cosine=0.0, null_spread=0.15)
    cos = cosine_matrix(ea, eb)
    # The dense reference: k-NN means over base units, each padded with 4 null neighbours.
    base_a, base_b = ua.indices("sentence", "clause"), ub.indices("sentence", "clause")
    row_ref = knn_mean(np.hstack([cos[:, base_b], np.zeros((len(cos), 4), np.float32)]), 4, axis=1)
    col_ref = knn_mean(np.vstack([cos[base_a], np.zeros((4, cos.shape[1]), np.float32)]), 4, axis=0)
    margin = ratio_margin(cos, row_ref=row_ref, col_ref=col_ref)
    for side, dense in ((scores.a, margin), (scores.transposed().a, margin.T)):
        assert side.index.shape == dense.shape  # every pair kept: the evidence is exact
        for i, row in enumerate(dense):
            assert side.index[i].tolist() == np.argsort(-row, kind="stable").tolist()
            np.testing.assert_allclose(side.margin[i], row[side.index[i]], atol=1e-6)
    np.testing.assert_allclose(scores.a.cosine[:, 0], cos[np.arange(len(cos)), scores.a.index[:, 0]],
                               atol=1e-6)


@pytest.mark.parametrize("rows_per_block", [1, 4])
def test_evidence_computed_in_small_blocks_equals_one_block(monkeypatch, rows_per_block):
    import align.matching.scores as scores_module

    enc = ConceptEncoder()
    ua = build_units(segment_text(SIX_A, "en"), max_window=3)
    ub = build_units(segment_text(SIX_B, "en"), max_window=3)
    ea, eb = embed_units(ua, enc, "encode"), embed_units(ub, enc, "encode")
    whole = score_units(ua, ub, ea, eb, k=4, null_cosine=0.0, null_spread=0.15)
    # Blocks of one segment (every window spans two blocks) or of a few.
    monkeypatch.setattr(scores_module, "BLOCK_CELLS", rows_per_block * len(ub.items))
    parts = score_units(ua, ub, ea, eb, k=4, null_cosine=0.0, null_spread=0.15)
    for mine, theirs in ((whole.a, parts.a), (whole.b, parts.b)):
        for name in mine.__dataclass_fields__:
            np.testing.assert_allclose(getattr(mine, name), getattr(theirs, name), atol=1e-6,
                                       err_msg=name)


def test_few_kept_partners_give_the_same_links_and_flags():
    enc = ConceptEncoder()
    doc_a, doc_b = segment_text(SIX_A, "en"), segment_text(SIX_B, "en")
    ua, ub = build_units(doc_a, max_window=3), build_units(doc_b, max_window=3)
    ea, eb = embed_units(ua, enc, "encode"), embed_units(ub, enc, "encode")
    params = LinkingParams(cosine_floor=enc.link_cosine_floor, restatement_floor=None)
    full = score_units(ua, ub, ea, eb, k=4, null_cosine=0.0, null_spread=0.15)
    few = score_units(ua, ub, ea, eb, k=4, null_cosine=0.0, null_spread=0.15, candidates=5)
    assert few.a.index.shape == (len(ua.items), 5) and few.b.index.shape == (len(ub.items), 5)
    links = link_segments(full, params)
    assert links and link_segments(few, params) == links
    linked = {i for link in links for i in link.a}
    assert ([f.segment for f in unmatched_flags(doc_a, "a", few, linked, params)]
            == [f.segment for f in unmatched_flags(doc_a, "a", full, linked, params)])


# -- units ------------------------------------------------------------------------
def test_units_cover_sentences_clauses_pairs_and_windows():
    doc = segment_text("Alpha beta gamma delta, epsilon zeta eta theta, iota kappa lambda mu. "
                       "Nu xi omicron pi. Rho sigma tau upsilon.", "en")
    units = build_units(doc, max_window=3)
    kinds = [u.kind for u in units.items]
    assert kinds[:3] == ["sentence"] * 3
    assert kinds.count("clause") == 3 and kinds.count("phrase") == 2
    assert kinds.count("window") == 3  # (0,1), (1,2), (0,1,2)
    for unit, text in zip(units.items, units.texts):
        assert unit.start < unit.end
        if unit.kind != "window":
            assert " ".join(doc.text[unit.start:unit.end].split()) == text


def test_mean_windows_are_the_normalised_sum_of_their_sentences():
    doc = segment_text("Alpha beta. Gamma delta.", "en")
    units = build_units(doc, max_window=2)
    emb = embed_units(units, ConceptEncoder(), "mean")
    window = units.items.index(next(u for u in units.items if u.kind == "window"))
    expected = emb[0] + emb[1]
    assert np.allclose(emb[window], expected / np.linalg.norm(expected), atol=1e-6)


# -- links ------------------------------------------------------------------------
def test_reordered_statements_link_in_any_order():
    a = "Alpha beta gamma. Delta epsilon zeta. Eta theta iota. Kappa lambda mu."
    b = "Kappa lambda mu. Eta theta iota. Alpha beta gamma. Delta epsilon zeta."
    *_, links, _ = run(a, b)
    assert pairs(links) == {(0, 2), (1, 3), (2, 1), (3, 0)}


def test_a_repeated_statement_links_every_copy():
    a = "Alpha beta gamma. Delta epsilon zeta. Eta theta iota."
    b = "Delta epsilon zeta. Alpha beta gamma. Eta theta iota. Said again, alpha beta gamma."
    *_, links, _ = run(a, b)
    assert {(0, 1), (0, 3)} <= pairs(links)


def test_a_merged_sentence_links_both_halves():
    a = "Alpha beta gamma. Delta epsilon zeta. Eta theta iota. Kappa lambda mu."
    b = "Alpha beta gamma and delta epsilon zeta. Eta theta iota. Kappa lambda mu."
    *_, links, _ = run(a, b)
    assert {(0, 0), (1, 0), (2, 1), (3, 2)} <= pairs(links)


def test_a_sentence_without_counterpart_is_not_linked_to_its_neighbour_in_topic():
    # "alpha beta nu" shares a concept pair with sentence 0, whose true partner exists
    a = "Alpha beta gamma. Delta epsilon zeta. Eta theta iota. Alpha beta nu xi."
    b = "Alpha beta gamma. Delta epsilon zeta. Eta theta iota."
    doc_a, _, scores, links, params = run(a, b)
    assert all(3 not in link.a for link in links)
    flags = unmatched_flags(doc_a, "a", scores, {i for l in links for i in l.a}, params)
    assert [f.segment for f in flags] == [3] and flags[0].confidence > 0.5
    without_rivals = LinkingParams(cosine_floor=0.4, rival_gap=None, restatement_floor=None)
    *_, loose, _ = run(a, b, without_rivals)
    assert any(3 in link.a for link in loose)  # the rival test is what prevents it


def test_a_lead_clause_restating_a_later_sentence_links_to_its_counterpart():
    # The lead restates sentence 2 in part; b carries that statement once.
    a = ("Alpha beta gamma delta epsilon, and said that kappa lambda mu nu. "
         "Eta theta iota. Kappa lambda mu nu xi.")
    b = "Alpha beta gamma delta epsilon. Eta theta iota. Kappa lambda mu nu xi pi sigma."
    doc_a, _, scores, links, params = run(a, b)
    assert {(0, 0), (0, 2), (2, 2)} <= pairs(links)
    assert partial_flags(doc_a, "a", scores, links, FlagParams(), params) == []
    # Without the restatement test sentence 2 wins b's sentence 2 outright,
    # and the lead's clause looks like content b lacks.
    plain = scores.without_restatements()
    plain_links = link_segments(plain, params)
    assert (0, 2) not in pairs(plain_links)
    assert pairs(link_segments(scores, replace(params, restatements=False))) == pairs(plain_links)
    assert [f.text for f in partial_flags(doc_a, "a", plain, plain_links, FlagParams(), params)] == [
        "and said that kappa lambda mu nu."]
    # An encoder's restatement floor above the clause's closeness to sentence 2 vetoes it.
    strict = replace(params, restatement_floor=0.99)
    assert (0, 2) not in pairs(link_segments(scores, strict))


def test_competition_never_pits_a_clause_against_its_own_sentence():
    a = "Alpha beta gamma delta, epsilon zeta eta theta, iota kappa lambda mu. Nu xi omicron."
    b = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu. Nu xi omicron."
    _, _, scores, _, _ = run(a, b)
    ok = competitive(scores, gap=0.0, by_segment=True)
    clauses = [i for i, u in enumerate(scores.units_a.items) if u.kind == "clause"]
    # b's first sentence (unit 0) is among each clause's partners, and the clause passes there.
    assert all(ok[i][scores.a.index[i] == 0].all() and (scores.a.index[i] == 0).any()
               for i in clauses)


def test_unrelated_texts_do_not_link():
    a = "Alpha beta gamma. Delta epsilon zeta. Eta theta iota."
    b = "Kappa lambda mu. Nu xi omicron. Pi rho sigma."
    *_, links, _ = run(a, b)
    assert links == ()


# -- partial flags ------------------------------------------------------------------
def test_a_clause_the_other_side_lacks_is_flagged_partial():
    a = ("Alpha beta gamma delta epsilon zeta, and then tau upsilon phi chi psi omega rho. "
         "Eta theta iota kappa.")
    b = "Alpha beta gamma delta epsilon zeta. Eta theta iota kappa."
    doc_a, _, scores, links, params = run(a, b)
    flags = partial_flags(doc_a, "a", scores, links, FlagParams(), params)
    assert [f.text for f in flags] == ["and then tau upsilon phi chi psi omega rho."]
    assert flags[0].kind == "partial" and flags[0].segment == 0


def test_short_clauses_are_never_flagged_alone():
    a = "Alpha beta gamma delta epsilon zeta, tau upsilon phi chi psi. Eta theta iota kappa."
    b = "Alpha beta gamma delta epsilon zeta. Eta theta iota kappa."
    doc_a, _, scores, links, params = run(a, b)
    assert len(doc_a.segments[0].clauses) == 2  # a clause of its own, five words long
    assert partial_flags(doc_a, "a", scores, links, FlagParams(), params) == []
    lenient = FlagParams(partial_min_words=5)
    assert [f.text for f in partial_flags(doc_a, "a", scores, links, lenient, params)] == [
        "tau upsilon phi chi psi."]


def test_word_windows_slide_over_the_segment_and_reach_its_end():
    doc = segment_text("one two three four five six seven eight nine ten.", "en")
    windows = word_windows(doc, 0, (4,))
    assert windows[0] == "one two three four" and windows[-1] == "seven eight nine ten."
    assert all(len(w.split()) == 4 for w in windows)
    assert word_windows(doc, 0, (10, 12)) == []  # the whole segment is already a unit


def test_a_clause_scores_higher_against_the_words_that_say_it_than_against_the_sentence():
    enc = ConceptEncoder()
    doc_a = segment_text("Alpha beta gamma delta epsilon, and eta theta iota kappa lambda.", "en")
    doc_b = segment_text("Alpha beta gamma delta epsilon nu xi omicron pi rho sigma tau "
                         "and eta theta iota kappa lambda.", "en")
    ua, ub = build_units(doc_a, max_window=3), build_units(doc_b, max_window=3)
    ea, eb = embed_units(ua, enc, "encode"), embed_units(ub, enc, "encode")
    scores = score_units(ua, ub, ea, eb, k=4, null_cosine=enc.null_cosine, null_spread=enc.null_spread)
    base = ua.indices("sentence", "clause")
    evidence = WindowEvidence(doc_b, enc, ea, ea[base], 4, enc.null_cosine, scores.mu, scores.sigma)
    clause = next(i for i, u in enumerate(ua.items) if u.kind == "clause" and u.clause == 1)
    margin, z = evidence.best(clause, float(scores.ref_a[clause]), 6, [0])
    assert margin > scores.margin_at(clause, 0) and z > scores.z_at(clause, 0)


# -- the whole pipeline on the real encoder ----------------------------------------
def test_compare_accepts_any_object_with_the_encoder_protocol():
    cmp = align.compare("Alpha beta gamma. Delta epsilon zeta. Eta theta iota.",
                        "Eta theta iota. Alpha beta gamma. Delta epsilon zeta.",
                        src_lang="en", tgt_lang="en", encoder=ConceptEncoder())
    assert pairs(cmp.link_list) == {(0, 1), (1, 2), (2, 0)}
    assert cmp.flag_list == ()
    assert cmp.settings.encoder == "concepts"


# -- secondary links -----------------------------------------------------------------
# a's first sentence holds b's first sentence and a clause of b's second; a's last
# sentence restates that clause, so the first pass gives it to the restatement only.
_SPLIT_A = ("Alpha beta gamma delta, and in Lisbon 40 epsilon zeta chi. Eta theta iota kappa lambda. "
            "Nu xi omicron. Pi rho sigma. Tau upsilon phi. In Lisbon 40 epsilon zeta psi.")
_SPLIT_B = ("Alpha beta gamma delta mu. Eta theta iota kappa lambda, while in Lisbon 40 epsilon zeta. "
            "Nu xi omicron. Pi rho sigma. Tau upsilon phi.")


def _secondary_run(text_a: str, text_b: str, secondary):
    from align.matching.anchors import SegmentAnchors

    enc = ConceptEncoder()
    params = LinkingParams(cosine_floor=enc.link_cosine_floor, restatement_floor=None,
                           secondary=secondary)
    doc_a, doc_b = segment_text(text_a, "en"), segment_text(text_b, "en")
    ua, ub = build_units(doc_a, max_window=2), build_units(doc_b, max_window=2)
    scores = score_units(ua, ub, embed_units(ua, enc, "encode"), embed_units(ub, enc, "encode"), k=4,
                         null_cosine=enc.null_cosine, null_spread=enc.null_spread)
    anchors = (SegmentAnchors.of(doc_a), SegmentAnchors.of(doc_b))
    return pairs(link_segments(scores, params, anchors))


def test_a_sentence_split_over_two_sentences_links_both():
    from align.matching.secondary import SecondaryParams

    plain = _secondary_run(_SPLIT_A, _SPLIT_B, None)
    assert {(0, 0), (1, 1), (5, 1)} <= plain and (0, 1) not in plain
    assert _secondary_run(_SPLIT_A, _SPLIT_B, SecondaryParams()) == plain | {(0, 1)}


def test_secondary_link_needs_a_new_shared_anchor():
    # the same clause with common words instead of the name and the number
    from align.matching.secondary import SecondaryParams

    text_a = _SPLIT_A.replace("in Lisbon 40", "in town today").replace("In Lisbon 40", "In town today")
    text_b = _SPLIT_B.replace("in Lisbon 40", "in town today")
    assert (0, 1) not in _secondary_run(text_a, text_b, SecondaryParams())
    assert (0, 1) in _secondary_run(text_a, text_b, SecondaryParams(anchors=False))
    # a name and a number the first sentence's partner also states explain nothing new
    assert (0, 1) not in _secondary_run(_SPLIT_A, _SPLIT_B.replace("mu.", "mu in Lisbon 40."),
                                        SecondaryParams())


def test_segment_anchors_share_names_across_scripts_and_numbers():
    from align.matching.anchors import SegmentAnchors

    ar = SegmentAnchors.of(segment_text("التقى أردوغان الرئيس في أنقرة. وقتل 40 شخصا.", "ar"))
    en = SegmentAnchors.of(segment_text("On Monday, Erdogan met the president. Some 40 people died.", "en"))
    assert ar.shared(en, 0, 0) == {"RDGN"}
    assert en.shared(ar, 1, 1) == {40.0}
    assert not ar.shared(en, 0, 1) and not ar.shared(en, 1, 0)
    # two Arabic documents share numbers only: every Arabic word has a skeleton
    ar2 = SegmentAnchors.of(segment_text("التقى أردوغان الرئيس في 40 دقيقة.", "ar"))
    assert ar.shared(ar2, 0, 0) == frozenset() and ar.shared(ar2, 1, 0) == {40.0}
