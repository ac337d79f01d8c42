"""Every registered encoder that installs here runs compare() end to end on the seed pair.

Each encoder's cosines are put on the reference scale by a calibration
measured on first use (no per-encoder number is typed in), so the same
thresholds link the seed pair's statements whatever the encoder. The seed
pair has one Arabic-only clause (the Eid congratulation) and one
English-only line (the licence).
"""

from __future__ import annotations

import pytest

import align
from align.config import AlignConfig
from align.encoders import available_encoders, get_encoder
from align.encoders.calibration import Calibration, calibration_for, measure_anchors
from align.evaluation import evaluate
EID = "التهنئة والمباركة بعيدي الأضحى والغدير"
LICENCE = "All Content by Mehr News Agency is licensed"

pytestmark = pytest.mark.slow


def _flag_texts(cmp):
    return [f.text for f in cmp.flag_list]


def _run(name, seed_pair):
    if name not in available_encoders():
        pytest.skip(f"encoder {name!r} is not installed here (needs the e5 and st extras)")
    text_a, text_b, gold = seed_pair
    cmp = align.compare(text_a, text_b, src_lang="ar", tgt_lang="en", encoder=name)
    return cmp, evaluate(cmp, gold)


@pytest.mark.parametrize("name", ["use-m", "use-m+e5"])
def test_seed_pair_links_its_statements_and_flags_both_one_sided_ones(name, seed_pair):
    cmp, scores = _run(name, seed_pair)
    assert scores.link_f1 >= 0.93, scores
    flags = _flag_texts(cmp)
    assert any(EID in t for t in flags), flags
    assert any(LICENCE in t for t in flags), flags
    assert scores.flag_precision >= 0.8, scores


def test_e5_small_links_the_seed_pair_and_flags_both_one_sided_statements(seed_pair):
    cmp, scores = _run("e5-small-st", seed_pair)
    # Uncalibrated, e5's cosines (unrelated ~0.78, translations ~0.92) made 2 links.
    assert not cmp.settings.calibration.is_identity
    assert scores.link_f1 >= 0.85, scores
    flags = _flag_texts(cmp)
    assert any(LICENCE in t for t in flags), flags
    # Without the length correction e5 rates the short Eid clause close to the
    # short clause "Syria and the entire region," and it went unflagged.
    assert cmp.settings.calibration.length_offsets
    assert any(EID in t for t in flags), flags


@pytest.mark.xfail(strict=True, reason="e5-small alone links the seed pair at F1 0.876 and its "
                   "flags are 22 % precise: it leaves the English lead and the 'rising "
                   "cooperation' sentence unlinked (margin 0.96 < 1.06, cosine 0.39 < floor 0.40) "
                   "and flags paraphrased clauses (see the README's encoder table)")
def test_e5_small_meets_the_seed_targets(seed_pair):
    _, scores = _run("e5-small-st", seed_pair)
    assert scores.link_f1 >= 0.93 and scores.flag_precision >= 0.8, scores


def test_a_tiny_sentence_transformers_model_runs_end_to_end(tmp_path, seed_pair):
    pytest.importorskip("sentence_transformers")
    transformers = pytest.importorskip("transformers")
    import torch

    from sentence_transformers import SentenceTransformer
    from test_sentence_transformers import WORDS, _modules

    hf_dir, st_dir = tmp_path / "hf", tmp_path / "st"
    hf_dir.mkdir()
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]
    (tmp_path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(tmp_path / "vocab.txt"))
    torch.manual_seed(99)
    config = transformers.BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2,
                                     num_attention_heads=2, intermediate_size=64,
                                     max_position_embeddings=64)
    transformers.BertModel(config).eval().save_pretrained(hf_dir)
    tokenizer.save_pretrained(hf_dir)
    Transformer, Pooling = _modules()
    word = Transformer(str(hf_dir), max_seq_length=48)
    dim = (word.get_embedding_dimension() if hasattr(word, "get_embedding_dimension")
           else word.get_word_embedding_dimension())
    SentenceTransformer(modules=[word, Pooling(dim, pooling_mode="mean")], device="cpu").save(str(st_dir))

    enc = get_encoder(f"st:{st_dir}")
    # A random model cannot tell translations on the shipped corpus: a clear error, not nonsense.
    try:
        cal = calibration_for(enc, cache_dir=tmp_path)
    except ValueError as exc:
        assert "cannot be calibrated" in str(exc)
        cal = None
    # Calibrated on pairs written in its own vocabulary, it runs the whole pipeline.
    pairs = [("قال الرئيس في اجتماع اليوم", "the president said the meeting"),
             ("اتفاق تركيا إيران", "turkey iran trade agreement"),
             ("روسيا سوريا", "russia syria weapons"),
             ("الوزير قال", "the minister said"),
             ("اجتماع مع تركيا", "meeting with turkey")]
    cal = cal or Calibration.from_anchors(measure_anchors(enc, pairs))
    text_a, text_b, _ = seed_pair
    cmp = align.compare(text_a, text_b, AlignConfig(calibration=cal), src_lang="ar", tgt_lang="en",
                        encoder=enc)
    assert cmp.settings.encoder == enc.name and cmp.settings.calibration == cal
    for side in ("a", "b"):
        doc = cmp.document(side)
        covered = set()
        linked = {i for l in cmp.link_list for i in (l.a if side == "a" else l.b)}
        for seg in doc.segments:
            if seg.id in linked:
                covered.update(range(seg.start, seg.end))
        for f in cmp.flag_list:
            if f.side == side:
                covered.update(range(f.start, f.end))
        assert all(i in covered for i, ch in enumerate(doc.text) if not ch.isspace())
