"""Any sentence-transformers model, by local path or by a name already cached.

Needs the ``st`` extra (``pip install -e .[st]``: torch pinned to a CPU build
and sentence-transformers). torch is imported only when such an encoder is
built, never at ``import align``.

No model hub is reachable where ``align`` runs, so nothing is ever downloaded:
the hub is switched to offline mode and models load with
``local_files_only=True``. A hub name works only when that model is already in
the local Hugging Face cache; otherwise the error says to pass a local path.

Example:
    >>> enc = get_encoder("st:/models/LaBSE")                # doctest: +SKIP
    >>> enc.encode(["The talks ended.", "انتهت المحادثات."]).shape  # doctest: +SKIP
    (2, 768)
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import AlignInputError
from .base import l2_normalise
from .progress import AUTO_PROGRESS_MIN_ITEMS

logger = logging.getLogger(__name__)

_INSTALL_HINT = (
    "the sentence-transformers backend needs torch and sentence-transformers: "
    "pip install -e .[st]  (or: pip install 'align[st]')"
)
_LOCK = threading.Lock()


def _import_sentence_transformers():
    """Import the library in offline mode, with an install hint if missing."""
    # Read by huggingface_hub when it is first imported; local_files_only
    # below covers the case where it was imported earlier in online mode.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    try:
        import torch  # noqa: F401
        import sentence_transformers
    except ImportError as exc:
        raise ImportError(f"{_INSTALL_HINT} ({exc})") from exc
    return sentence_transformers


class SentenceTransformerEncoder:
    """A sentence-transformers model behind the :class:`Encoder` protocol.

    Args:
        model_name_or_path: a directory saved by ``SentenceTransformer.save``
            (or a plain Hugging Face model directory, mean-pooled), or the
            name of a model already in the local Hugging Face cache.
        device: torch device, ``"cpu"`` by default.
        batch_size: default batch size of :meth:`encode`.
        prompt: text prepended to every input (e.g. ``"query: "`` for e5
            models); ``None`` adds nothing.
        threads: torch intra-op threads; ``None`` leaves torch's default.

    Raises:
        ImportError: torch or sentence-transformers is not installed.
        AlignInputError: the model is neither a local directory nor cached.

    Example:
        >>> enc = SentenceTransformerEncoder("/models/LaBSE")  # doctest: +SKIP
        >>> enc.encode(["Hello", "مرحبا"]).shape                # doctest: +SKIP
        (2, 768)
    """

    def __init__(
        self,
        model_name_or_path: str | os.PathLike[str],
        device: str = "cpu",
        batch_size: int = 32,
        prompt: str | None = None,
        threads: int | None = None,
    ):
        spec = os.fspath(model_name_or_path).strip()
        if not spec:
            raise AlignInputError(
                "no sentence-transformers model given: use 'st:<local path>' "
                "or 'st:<name of a model in the local Hugging Face cache>'"
            )
        self.model_name_or_path = spec
        self.device = device
        self.batch_size = batch_size
        self.prompt = prompt
        self.threads = threads
        local = Path(spec).expanduser()
        self._is_local = local.is_dir()
        if not self._is_local and (local.exists() or spec.startswith((".", "/", "~"))):
            raise AlignInputError(
                f"sentence-transformers model path {spec!r} is not an existing directory"
            )
        self.name = f"st:{local.resolve() if self._is_local else spec}"
        if prompt:
            self.name += f"|prompt={prompt!r}"
        self.model_ = self._load(str(local) if self._is_local else spec)
        dimension = getattr(self.model_, "get_embedding_dimension", None) or getattr(
            self.model_, "get_sentence_embedding_dimension"
        )
        dim = dimension()
        if not dim:
            raise AlignInputError(
                f"model {spec!r} does not give a fixed sentence-embedding size; "
                "is it a sentence-transformers model?"
            )
        self.dim = int(dim)

    def __repr__(self) -> str:
        return (
            f"SentenceTransformerEncoder({self.model_name_or_path!r}, "
            f"device={self.device!r}, dim={self.dim})"
        )

    def _load(self, spec: str):
        st = _import_sentence_transformers()
        if self.threads:
            import torch

            torch.set_num_threads(self.threads)
        logger.info("loading sentence-transformers model %s on %s", spec, self.device)
        try:
            with _LOCK:
                return st.SentenceTransformer(spec, device=self.device, local_files_only=True)
        except Exception as exc:  # hub, OS and config errors all mean "can't load"
            if self._is_local:
                raise AlignInputError(
                    f"could not load a sentence-transformers model from {spec!r}: {exc}"
                ) from exc
            raise AlignInputError(
                f"sentence-transformers model {spec!r} is not in the local Hugging Face "
                "cache and no model hub is reachable; download it elsewhere, copy the "
                "saved model directory here and use 'st:<local path>' "
                f"(loader said: {type(exc).__name__}: {exc})"
            ) from exc

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int | None = None,
        show_progress_bar: bool | None = None,
        normalize_embeddings: bool = True,
    ) -> np.ndarray:
        """Embed ``texts`` as a ``(len(texts), dim)`` float32 array."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if show_progress_bar is None:
            show_progress_bar = len(texts) >= AUTO_PROGRESS_MIN_ITEMS
        vectors = self.model_.encode(
            texts,
            prompt=self.prompt,
            batch_size=batch_size or self.batch_size,
            show_progress_bar=show_progress_bar,
            convert_to_numpy=True,
            normalize_embeddings=False,
        )
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)
        return l2_normalise(vectors) if normalize_embeddings else vectors
