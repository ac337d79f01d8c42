"""The encoder protocol, the registry of named encoders and the in-run cache.

An encoder turns a list of strings into an L2-normalised float32 matrix, one
row per string, in a space shared by all the languages it knows. Anything
with ``name``, ``dim`` and ``encode(texts, batch_size=..., show_progress_bar=...)``
can be passed to :func:`align.compare`.

Raw cosine scales differ widely between encoders; every encoder's cosines
are put on one reference scale by a calibration that is measured, not typed
in (:mod:`align.encoders.calibration`). An encoder may carry its own as a
``calibration`` attribute (USE-m, the reference, carries the identity).
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Callable, Protocol, Sequence, runtime_checkable

import numpy as np

from ..errors import AlignEncoderError

logger = logging.getLogger(__name__)


@runtime_checkable
class Encoder(Protocol):
    """What :func:`align.compare` needs from a sentence encoder."""

    name: str
    dim: int

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = 64,
        show_progress_bar: bool | None = None,
        normalize_embeddings: bool = True,
    ) -> np.ndarray:
        """Return a ``(len(texts), dim)`` float32 array, rows L2-normalised."""
        ...


def l2_normalise(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim != 2:
        raise ValueError(f"expected a 2-D embedding matrix, got shape {matrix.shape}")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32, copy=False)


def encode_checked(encoder: Encoder, texts: list[str], batch_size: int,
                   show_progress_bar: bool | None) -> np.ndarray:
    """Normalised float32 embeddings of ``texts`` from a wrapped encoder, checked.

    The caches store what they get, so a wrong shape or a NaN must fail here,
    naming the encoder, not later as a broken lookup or as silently wrong
    links (every comparison with NaN is false). Raises
    :class:`~align.errors.AlignEncoderError`.
    """
    raw = encoder.encode(texts, batch_size=batch_size, show_progress_bar=show_progress_bar,
                         normalize_embeddings=True)
    try:
        vectors = np.asarray(raw, dtype=np.float32)
    except (TypeError, ValueError) as exc:
        raise AlignEncoderError(
            f"encoder {encoder.name!r} returned {type(raw).__name__}, not a numeric matrix: {exc}"
        ) from None
    if vectors.shape != (len(texts), encoder.dim):
        raise AlignEncoderError(
            f"encoder {encoder.name!r} returned shape {vectors.shape} for "
            f"{len(texts)} texts; expected ({len(texts)}, {encoder.dim})"
        )
    finite = np.isfinite(vectors).all(axis=1)
    if not finite.all():
        bad = int(np.flatnonzero(~finite)[0])
        raise AlignEncoderError(
            f"encoder {encoder.name!r} returned NaN or infinite values for "
            f"{int((~finite).sum())} of {len(texts)} texts, first {texts[bad][:60]!r}"
        )
    return vectors


def default_cache_dir() -> Path:
    """``$ALIGN_CACHE_DIR``, else ``$XDG_CACHE_HOME/align``, else ``~/.cache/align``."""
    if os.environ.get("ALIGN_CACHE_DIR"):
        return Path(os.environ["ALIGN_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "align"


def text_key(encoder_name: str, text: str) -> str:
    """Stable cache key of one text under one encoder (sha256, hex)."""
    return hashlib.sha256(f"{encoder_name}\x00{text}".encode("utf-8")).hexdigest()


class CachedEncoder:
    """Wraps an encoder so that a text is encoded at most once per instance.

    Comparing one report against several others, or sentences that recur as
    parts of windows, hits the cache instead of the model.

    Example:
        >>> enc = CachedEncoder(get_encoder("use-m"))
        >>> enc.encode(["a", "b"]).shape, enc.encode(["b", "c"]).shape  # "b" encoded once
        ((2, 512), (2, 512))
    """

    def __init__(self, encoder: Encoder, max_items: int = 200_000):
        self.encoder = encoder
        self.name = encoder.name
        self.dim = encoder.dim
        self.max_items = max_items
        self._cache: dict[str, np.ndarray] = {}

    def __getattr__(self, name: str):
        # Attributes of the wrapped encoder (its ``calibration``, a model's
        # options) show through the wrapper.
        if name.startswith("_") or name == "encoder":
            raise AttributeError(name)
        return getattr(self.encoder, name)

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = 64,
        show_progress_bar: bool | None = None,
        normalize_embeddings: bool = True,
    ) -> np.ndarray:
        texts = list(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            vectors = encode_checked(self.encoder, missing, batch_size, show_progress_bar)
            if len(self._cache) + len(missing) > self.max_items:
                self._cache.clear()
            for text, vector in zip(missing, vectors):
                self._cache[text] = vector
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


_REGISTRY: dict[str, Callable[..., Encoder]] = {}


def register_encoder(name: str, factory: Callable[..., Encoder]) -> None:
    """Make ``get_encoder(name)`` build an encoder with ``factory(**kwargs)``."""
    _REGISTRY[name] = factory


def available_encoders() -> list[str]:
    """Names accepted by :func:`get_encoder` (a path or ``st:NAME`` works too)."""
    return sorted(_REGISTRY)


def get_encoder(name: str | Encoder | None = None, **kwargs) -> Encoder:
    """Build an encoder by name; instances are passed through unchanged.

    ``None`` gives the default encoder. ``"st:MODEL"`` loads a
    sentence-transformers model by name or local path (``pip install align[st]``).

    Example:
        >>> enc = get_encoder("use-m")
        >>> enc.encode(["Hello", "مرحبا"]).shape
        (2, 512)
    """
    from . import DEFAULT_ENCODER  # the package init registers the built-ins

    if name is None:
        name = DEFAULT_ENCODER
    if not isinstance(name, str):
        if not isinstance(name, Encoder):
            raise TypeError(
                "encoder must be a name or an object with name, dim and encode(); "
                f"got {type(name).__name__}"
            )
        return name
    if name.startswith("st:"):
        from .sentence_transformers import SentenceTransformerEncoder

        return SentenceTransformerEncoder(name[3:], **kwargs)
    try:
        factory = _REGISTRY[name]
    except KeyError:
        raise ValueError(
            f"unknown encoder {name!r}; choose one of {available_encoders()} "
            "or 'st:<model name or path>'"
        ) from None
    return factory(**kwargs)
