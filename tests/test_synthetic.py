"""The NTREX synthetic-pair builder: deterministic, and its gold points at the right text."""

from __future__ import annotations

import pytest
from conftest import needs_ntrex, ntrex_documents

from align.evaluation import Gold
from benchmarks import synthetic

pytestmark = needs_ntrex


@pytest.fixture(scope="module")
def docs():
    return list(ntrex_documents())


@pytest.fixture(scope="module")
def edited(docs):
    return synthetic.build_pairs(docs, seed=0, limit=40)


@pytest.fixture(scope="module")
def clean(docs):
    return synthetic.build_pairs(docs, seed=0, clean=True, limit=40)


def test_documents_load_line_aligned(docs):
    assert len(docs) == 123
    assert all(len(d.en) == len(d.ar) >= 1 for d in docs)
    assert docs[0].en[0] == "Welsh AMs worried about 'looking like muppets'"


def test_builder_is_deterministic(docs, edited):
    again = synthetic.build_pairs(docs, seed=0, limit=40)
    assert [(p.ar, p.en, p.gold.to_dict(), p.edits) for p in again] == [
        (p.ar, p.en, p.gold.to_dict(), p.edits) for p in edited
    ]
    # a pair does not depend on which other pairs were built
    doc = next(d for d in docs if d.doc_id == edited[5].doc_id)
    alone = synthetic.build_pair(doc, seed=0, pool=docs)
    assert (alone.ar, alone.en) == (edited[5].ar, edited[5].en)
    other_seed = synthetic.build_pairs(docs, seed=1, limit=40)
    assert [p.en for p in other_seed] != [p.en for p in edited]


def test_gold_spans_point_at_the_written_sentences(docs, edited, clean):
    by_id = {d.doc_id: d for d in docs}
    for pair in edited + clean:
        doc = by_id[pair.doc_id]
        for unit in pair.gold.units:
            for lang in ("ar", "en"):
                text = pair.text(lang)
                for (s, e), quoted in zip(unit.spans[lang], unit.texts[lang]):
                    assert text[s:e] == quoted and quoted.strip() == quoted and quoted
            k = int(unit.id[1:]) - 1
            if k < len(doc):
                # a source line: its spans hold that line (a merge may drop the final
                # period or lower-case the first letter)
                for lang in unit.langs:
                    for s, e in unit.spans[lang]:  # a repeated sentence has two
                        line = getattr(doc, lang)[k]
                        written = pair.text(lang)[s:e]
                        assert written[1:] in line and len(line) - len(written) <= 1


def test_gold_has_the_seed_format_and_round_trips(edited):
    seed_keys = {"pair", "description", "units"}
    for pair in edited[:5]:
        raw = pair.gold.to_dict()
        assert set(raw) == seed_keys
        assert all(set(u) == {"id", "severity", "ar", "en", "ar_text", "en_text"}
                   for u in raw["units"])
        assert Gold.from_dict(raw) == pair.gold


def test_edits_become_the_right_units(edited):
    kinds = {e.kind for p in edited for e in p.edits}
    assert kinds == {"deleted", "inserted", "merged", "reordered", "partial", "repeated"}
    for pair in edited:
        units = {u.id: u for u in pair.gold.units}
        one_sided = {u.id for u in pair.gold.units if u.one_sided}
        expected = set()
        for edit in pair.edits:
            if edit.kind == "deleted":
                (uid,) = edit.units
                other = "en" if edit.side == "ar" else "ar"
                assert units[uid].langs == (other,)
                expected.add(uid)
            elif edit.kind == "inserted":
                (uid,) = edit.units
                assert units[uid].langs == (edit.side,)
                expected.add(uid)
            elif edit.kind == "repeated":
                (uid,) = edit.units
                assert len(units[uid].spans[edit.side]) == 2 and not units[uid].one_sided
                first, second = units[uid].texts[edit.side]
                assert first == second
            elif edit.kind == "partial":
                (uid,) = edit.units
                assert units[uid].langs == (edit.side,)
                start, _ = units[uid].spans[edit.side][0]
                before = pair.text(edit.side)[:start]
                assert before.endswith((", and ", "، و", "، "))  # inside a merged sentence
                expected.add(uid)
            elif edit.kind == "merged":
                first, second = (units[u].spans[edit.side][0] for u in edit.units)
                glue = pair.text(edit.side)[first[1]:second[0]]
                assert glue in (", and ", "، و", "، ")
                assert all(not units[u].one_sided for u in edit.units)
        assert one_sided == expected
        assert all(u.severity == "major" for u in pair.gold.units)


def test_reordering_changes_the_order_of_one_side(edited):
    for pair in edited:
        for edit in pair.edits:
            if edit.kind != "reordered":
                continue
            repeated = {u for e in pair.edits if e.kind == "repeated" for u in e.units}
            if set(edit.units) <= repeated:
                continue  # the moved block is a repeated sentence: order is ambiguous
            order = {
                lang: [u.id for u in sorted(
                    (u for u in pair.gold.units if lang in u.langs and u.id not in repeated),
                    key=lambda u: u.spans[lang][0][0])]
                for lang in ("ar", "en")
            }
            shared = [u for u in order[edit.side] if u in order["en" if edit.side == "ar" else "ar"]]
            other = [u for u in order["en" if edit.side == "ar" else "ar"] if u in shared]
            assert shared != other


def test_clean_pairs_have_no_one_sided_units(clean, docs):
    assert all(not p.edits for p in clean)
    assert all(not u.one_sided for p in clean for u in p.gold.units)
    first = clean[0]
    assert first.en.split("\n\n")[0] == docs[0].en[0]  # the headline stands alone


def test_short_documents_are_skipped(docs):
    short = [d for d in docs if len(d) < 4]
    pairs = synthetic.build_pairs(docs, seed=0)
    assert len(pairs) == len(docs) - len(short)


def test_write_pairs(tmp_path, edited):
    from align.evaluation import load_gold

    synthetic.write_pairs(edited[:2], tmp_path)
    pair = edited[1]
    assert (tmp_path / pair.gold.pair["ar"]).read_text(encoding="utf-8") == pair.ar
    assert load_gold(tmp_path / f"{pair.name}.gold.json") == pair.gold


def _oracle(pair):
    """The comparison the gold describes: one segment per unit span, links by unit."""
    from align.result import Comparison, Flag, Link, Settings
    from align.text.document import Document, Segment, Span

    docs, ids = {}, {}
    for side, lang in (("a", "ar"), ("b", "en")):
        text = pair.text(lang)
        spans = sorted((s, e, u.id) for u in pair.gold.units for s, e in u.spans[lang])
        segments = []
        for k, (s, e, uid) in enumerate(spans):
            segments.append(Segment(k, s, e, text[s:e], (Span(s, e, text[s:e]),)))
            ids.setdefault((side, uid), []).append(k)
        docs[side] = Document(text, lang, tuple(segments))
    links, flags = [], []
    for unit in pair.gold.units:
        a, b = ids.get(("a", unit.id), []), ids.get(("b", unit.id), [])
        if a and b:
            links.append(Link(tuple(a), tuple(b), 1.0))
        for side in ("a", "b"):
            if unit.one_sided and ids.get((side, unit.id)):
                for k in ids[(side, unit.id)]:
                    seg = docs[side].segments[k]
                    flags.append(Flag(side, seg.start, seg.end, seg.text, "unmatched", 1.0, k))
    settings = Settings("oracle", segmenter="gold", version="test", method="oracle")
    return Comparison(docs["a"], docs["b"], tuple(links), tuple(flags), settings)


def test_the_gold_itself_scores_perfectly(edited, clean):
    from align.evaluation import combine, evaluate

    total = combine(evaluate(_oracle(p), p.gold) for p in edited[:15] + clean[:5])
    assert total.link_precision == total.link_recall == 1.0
    assert total.flag_precision == total.flag_recall == 1.0
    assert total.counts.gold_flags > 15
