"""The calibration's length correction: measured on fragments, zero for whole sentences, applied by length."""

from __future__ import annotations

import numpy as np
import pytest

from align.encoders import get_encoder
from align.encoders.calibration import (
    FRAGMENT_WORDS, REFERENCE, Anchors, Calibration, _read, _write, fragments, measure_anchors,
)
from align.matching.scores import score_units
from align.matching.units import build_units
from align.text import segment_text

LENGTHS = ((3.0, 5.0, 8.0, 12.0), (3.0, 5.0, 8.0, 14.0))


def _anchors(excess: float) -> Anchors:
    """The reference's anchors squeezed by c -> 0.8 + 0.2 c, with unrelated fragments
    ``excess`` closer (raw) than the reference has them, falling to 0 for whole sentences."""
    ref = np.asarray(REFERENCE.length_nulls)
    bump = np.array([[excess * (1 - i / 3) * (1 - j / 3) for j in range(4)] for i in range(4)])
    table = 0.8 + 0.2 * ref + bump
    return Anchors(null=0.8 + 0.2 * REFERENCE.null, positive=0.8 + 0.2 * REFERENCE.positive,
                   same_null=0.8 + 0.2 * REFERENCE.same_null,
                   length_nulls=tuple(map(tuple, table)), lengths=LENGTHS)


def test_fragments_are_middle_cuts_of_each_size_shorter_than_the_sentence():
    sentence = "one two three four five six seven eight nine ten"
    assert fragments(sentence) == [(0, "four five six"), (1, "three four five six seven"),
                                   (2, "two three four five six seven eight nine")]
    assert fragments("one two three four") == [(0, "one two three")]
    assert FRAGMENT_WORDS == (3, 5, 8)


def test_the_length_offsets_bring_fragment_nulls_onto_the_reference():
    anchors = _anchors(0.03)
    cal = Calibration.from_anchors(anchors)
    assert cal.scale == pytest.approx(5.0, abs=0.01)
    table = np.asarray(cal.length_offsets)
    assert table[-1, -1] == 0.0                      # whole sentences: the affine map alone
    assert table[0, 0] == pytest.approx(-0.15, abs=2e-3)   # 0.03 raw excess times the scale
    assert np.array_equal(table, table.T)            # whichever language is side a
    assert cal.length_words == (3.0, 5.0, 8.0, 13.0)
    for i, words_a in enumerate(cal.length_words):
        for j, words_b in enumerate(cal.length_words):
            mapped = cal.cross(np.array([[anchors.length_nulls[i][j]]], np.float32),
                               [int(words_a)], [int(words_b)])
            assert float(mapped[0, 0]) == pytest.approx(REFERENCE.length_nulls[i][j], abs=0.01)
    assert "+len" in cal.tag and cal.tag.startswith("5x")


def test_the_offset_is_interpolated_between_lengths_and_constant_beyond_them():
    cal = Calibration.from_anchors(_anchors(0.03))
    offsets = cal.length_offset([1, 3, 4, 5, 13, 60], [3])[:, 0]
    assert offsets[0] == offsets[1]                  # shorter than 3 words: as 3
    assert offsets[1] < offsets[2] < offsets[3]      # the excess shrinks with length
    assert offsets[4] == offsets[5]                  # longer than a sentence: as a sentence
    assert np.all(cal.length_offset([40, 80], [25, 100]) == 0.0)
    plain = cal.cross(np.full((1, 1), 0.9, np.float32))
    assert float(plain[0, 0]) == pytest.approx(5.0 * 0.9 - 4.0, abs=0.01)  # no word counts: affine only


def test_an_encoder_without_a_length_excess_gets_no_offsets_and_the_reference_is_the_identity():
    assert Calibration.from_anchors(_anchors(0.0)).length_offsets == ()
    assert Calibration.from_anchors(REFERENCE).is_identity
    no_table = Anchors(null=0.78, positive=0.92, same_null=0.81)
    assert Calibration.from_anchors(no_table).length_offsets == ()


def test_a_cached_calibration_keeps_its_length_table(tmp_path):
    cal = Calibration.from_anchors(_anchors(0.03))
    path = tmp_path / "cal.json"
    _write(path, cal, _anchors(0.03), "squashed")
    assert _read(path) == cal and hash(_read(path)) == hash(cal)
    path.write_text(path.read_text().replace('"length_words": [', '"length_words": [[1.0], '))
    assert _read(path) is None                       # malformed: ignored, measured anew
    with pytest.raises(ValueError, match="length correction"):
        Calibration(length_words=(3.0, 8.0), length_offsets=((0.0,),))


def test_score_units_lowers_short_pairs_by_the_length_offset():
    doc_a = segment_text("قال الرئيس إن الاجتماع كان مثمراً، وإن البلدين سيوقعان اتفاقاً.", "ar")
    doc_b = segment_text("The president said the meeting was fruitful, and a deal will follow.", "en")
    units_a, units_b = build_units(doc_a, max_window=1), build_units(doc_b, max_window=1)
    rng = np.random.default_rng(0)
    emb_a = rng.normal(size=(len(units_a.items), 8)).astype(np.float32)
    emb_b = rng.normal(size=(len(units_b.items), 8)).astype(np.float32)
    emb_a /= np.linalg.norm(emb_a, axis=1, keepdims=True)
    emb_b /= np.linalg.norm(emb_b, axis=1, keepdims=True)
    cal = Calibration.from_anchors(_anchors(0.03))
    affine = Calibration(cal.scale, cal.shift, cal.same_shift)
    with_length = score_units(units_a, units_b, emb_a, emb_b, k=2, calibration=cal)
    without = score_units(units_a, units_b, emb_a, emb_b, k=2, calibration=affine)
    words_a = [len(t.split()) for t in units_a.texts]
    words_b = [len(t.split()) for t in units_b.texts]
    rows, cols = np.indices((len(units_a.items), len(units_b.items)))
    plain, corrected = without.cosine_at(rows, cols), with_length.cosine_at(rows, cols)
    expected = plain + cal.length_offset(words_a, words_b)
    assert np.allclose(corrected, expected, atol=1e-5)
    assert (corrected < plain).any()
    # The kept partners carry the same corrected cosines.
    kept = with_length.a
    assert np.allclose(kept.cosine, expected[rows[:, :kept.index.shape[1]], kept.index], atol=1e-5)


@pytest.mark.slow
def test_the_reference_length_table_is_use_m_measured_on_the_corpus():
    anchors = measure_anchors(get_encoder("use-m"))
    assert np.allclose(anchors.length_nulls, REFERENCE.length_nulls, atol=1e-3)
    assert Calibration.from_anchors(anchors).is_identity
