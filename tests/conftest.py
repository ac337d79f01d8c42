"""What several test modules share: the repository's paths, the seed reports,
the NTREX-128 documents and an encoder wrapper that records what it is asked.

Pytest finds the fixtures here by name. The plain helpers are imported with
``from conftest import ...`` by modules that need them while being collected
(skip markers, hypothesis strategies, module constants).
"""

from __future__ import annotations

import sys
import threading
from functools import lru_cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SEEDS = DATA / "seeds"
NTREX = REPO.parent / "shared" / "data" / "ntrex128"

if str(REPO) not in sys.path:  # benchmarks/ is not an installed package
    sys.path.insert(0, str(REPO))

needs_ntrex = pytest.mark.skipif(not NTREX.is_dir(), reason="../shared/data/ntrex128 absent")


def seed_path(prefix: str) -> Path:
    """The seed report whose file name starts with ``prefix`` (``"000"`` … ``"004"``)."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def seed_text(prefix: str) -> str:
    """The text of the seed report whose file name starts with ``prefix``."""
    return seed_path(prefix).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def ntrex_documents() -> tuple:
    """The NTREX-128 documents (``benchmarks.synthetic.NtrexDocument``), in file order.

    The same loader the benchmarks use; tests that call it carry ``needs_ntrex``.
    """
    from benchmarks.synthetic import load_ntrex

    return tuple(load_ntrex(NTREX))


def ntrex_sentence_pairs(index: int) -> list[tuple[str, str]]:
    """The ``index``-th NTREX document as (Arabic, English) sentence pairs."""
    doc = ntrex_documents()[index]
    return list(zip(doc.ar, doc.en))


def ntrex_document(doc_id: str):
    """The NTREX document with this id; skips the test when NTREX is absent."""
    if not NTREX.is_dir():
        pytest.skip(f"NTREX-128 not found at {NTREX}")
    return next(doc for doc in ntrex_documents() if doc.doc_id == doc_id)


@pytest.fixture(scope="session")
def seed_pair():
    """The Arabic seed report, the English one and their gold alignment."""
    from benchmarks.common import load_seed_pair

    return load_seed_pair()


class RecordingEncoder:
    """A real encoder wrapped to record every text that reaches it.

    ``keep_calibration`` copies the wrapped encoder's public attributes
    (its declared calibration among them); without it the wrapper is a
    user's encoder with the same name and no calibration of its own.
    """

    def __init__(self, encoder, keep_calibration: bool = False):
        self.encoder = encoder
        self.name, self.dim = encoder.name, encoder.dim
        self.seen: list[str] = []
        self._lock = threading.Lock()
        if keep_calibration:
            for attr in dir(encoder):
                value = getattr(encoder, attr)
                if not attr.startswith("_") and not callable(value) and not hasattr(self, attr):
                    setattr(self, attr, value)

    def encode(self, texts, batch_size=64, show_progress_bar=None, normalize_embeddings=True):
        with self._lock:
            self.seen.extend(texts)
        return self.encoder.encode(texts, batch_size=batch_size, show_progress_bar=show_progress_bar,
                                   normalize_embeddings=normalize_embeddings)
