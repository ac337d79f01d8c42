"""The sentence-transformers backend, run for real on a tiny model built here.

The model is a 2-layer BERT with seeded random weights and a WordPiece
tokenizer over a vocabulary written by the test, saved as a
sentence-transformers directory in ``tmp_path`` and loaded back through
``get_encoder("st:<path>")`` with every socket connection forbidden.
"""

from __future__ import annotations

import socket

import numpy as np
import pytest

torch = pytest.importorskip("torch")
st = pytest.importorskip("sentence_transformers")
transformers = pytest.importorskip("transformers")

from align.encoders import Encoder, get_encoder  # noqa: E402
from align.encoders.sentence_transformers import SentenceTransformerEncoder  # noqa: E402
from align.errors import AlignInputError  # noqa: E402

WORDS = (
    "the meeting talks ended president minister said and of in on with a was "
    "iran turkey russia syria weapons trade agreement today yesterday "
    "اجتماع الرئيس الوزير قال في من على مع اتفاق تركيا إيران روسيا سوريا اليوم"
).split()


def _modules():
    try:
        from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    except ImportError:  # sentence-transformers < 6
        from sentence_transformers.models import Pooling, Transformer
    return Transformer, Pooling


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny-st")
    hf_dir, st_dir = root / "hf", root / "st"
    hf_dir.mkdir()
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS, *(f"##{c}" for c in "sedn")]
    vocab_file = root / "vocab.txt"
    vocab_file.write_text("\n".join(vocab) + "\n", encoding="utf-8")

    tokenizer = transformers.BertTokenizerFast(vocab_file=str(vocab_file), do_lower_case=True)
    torch.manual_seed(1234)
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=64,
    )
    transformers.BertModel(config).eval().save_pretrained(hf_dir)
    tokenizer.save_pretrained(hf_dir)

    Transformer, Pooling = _modules()
    word = Transformer(str(hf_dir), max_seq_length=48)
    pooling = Pooling(word.get_embedding_dimension() if hasattr(word, "get_embedding_dimension")
                      else word.get_word_embedding_dimension(), pooling_mode="mean")
    st.SentenceTransformer(modules=[word, pooling], device="cpu").save(str(st_dir))
    return st_dir


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def encoder(tiny_model_dir, no_network):
    return get_encoder(f"st:{tiny_model_dir}")


TEXTS = [
    "the president said the talks ended",
    "قال الرئيس في اجتماع اليوم",
    "iran and turkey trade agreement",
    "the meeting ended",
    "",
]


def test_loads_offline_through_get_encoder(encoder, tiny_model_dir):
    assert isinstance(encoder, SentenceTransformerEncoder)
    assert isinstance(encoder, Encoder)
    assert encoder.dim == 32
    assert str(tiny_model_dir.resolve()) in encoder.name


def test_shape_dtype_and_unit_norms(encoder):
    vectors = encoder.encode(TEXTS)
    assert vectors.shape == (len(TEXTS), 32)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([]).shape == (0, 32)


def test_unnormalised_output_is_the_model_output(encoder):
    raw = encoder.encode(TEXTS[:3], normalize_embeddings=False)
    assert not np.allclose(np.linalg.norm(raw, axis=1), 1.0, atol=1e-3)
    np.testing.assert_allclose(
        raw / np.linalg.norm(raw, axis=1, keepdims=True), encoder.encode(TEXTS[:3]), atol=1e-5
    )


def test_deterministic_and_batch_independent(encoder, tiny_model_dir):
    first = encoder.encode(TEXTS, batch_size=2)
    again = encoder.encode(TEXTS, batch_size=16)
    np.testing.assert_allclose(first, again, atol=1e-5)
    reloaded = SentenceTransformerEncoder(tiny_model_dir).encode(TEXTS)
    np.testing.assert_allclose(first, reloaded, atol=1e-6)


def test_identical_texts_identical_vectors_different_texts_differ(encoder):
    vectors = encoder.encode([TEXTS[0], TEXTS[2], TEXTS[0]])
    np.testing.assert_array_equal(vectors[0], vectors[2])
    assert float(vectors[0] @ vectors[1]) < 0.999


def test_prompt_changes_the_embedding_and_the_name(tiny_model_dir, no_network):
    plain = SentenceTransformerEncoder(tiny_model_dir)
    prompted = SentenceTransformerEncoder(tiny_model_dir, prompt="the ")
    assert plain.name != prompted.name
    a = plain.encode(["meeting ended"])[0]
    b = prompted.encode(["meeting ended"])[0]
    c = plain.encode(["the meeting ended"])[0]
    assert float(a @ b) < 0.9999
    np.testing.assert_allclose(b, c, atol=1e-5)


def test_uncached_hub_name_asks_for_a_local_path(no_network):
    with pytest.raises(AlignInputError, match="local path"):
        get_encoder("st:align-tests/no-such-model-anywhere")


def test_missing_directory_is_a_clear_error(tmp_path, no_network):
    with pytest.raises(AlignInputError, match="not an existing directory"):
        get_encoder(f"st:{tmp_path / 'absent'}")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(AlignInputError, match="could not load"):
        get_encoder(f"st:{empty}")
    with pytest.raises(AlignInputError):
        get_encoder("st:")
