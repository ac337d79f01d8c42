"""An on-disk embedding cache, so reruns over the same texts skip the model.

Layout: one folder per encoder under the cache directory, holding append-only
*shards*. A shard is a single ``.npy`` file with a structured array of
``(key, vector)`` rows, where ``key`` is :func:`~align.encoders.base.text_key`
(sha256 of the encoder name and the text) and ``vector`` the float32
embedding. Plain ``.npy`` is read with ``allow_pickle=False``, so a cache file
can never run code, and memory-mapped, so a large cache costs little RAM.

Several processes (a Dask cluster on a shared disk, parallel CLI runs) may use
one directory at once: each writes new shards under a unique name through a
temporary file and an atomic :func:`os.replace`, never modifies a shard in
place, and picks up the shards of the others before encoding what it lacks.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
import uuid
from pathlib import Path
from typing import Sequence

import numpy as np

from .base import Encoder, encode_checked, text_key

logger = logging.getLogger(__name__)

_SHARD_PREFIX = "shard-"
_SHARD_SUFFIX = ".npy"
_KEY_DTYPE = "S64"  # hex sha256; never contains NUL bytes, which "S" would strip


def _encoder_folder(name: str) -> str:
    """A file-system-safe folder name for an encoder name, unique per name."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")[:60] or "encoder"
    return f"{slug}-{text_key('', name)[:12]}"


def _row_dtype(dim: int) -> np.dtype:
    return np.dtype([("key", _KEY_DTYPE), ("vector", "<f4", (dim,))])


class DiskCachedEncoder:
    """Wraps an encoder with an embedding cache kept in ``directory``.

    Texts already cached (by this process or any other that shares the
    directory) are read back; only the rest go through ``encoder``, and their
    vectors are written as one new shard per call. Vectors are stored
    L2-normalised, as the wrapped encoder returns them.

    Example:
        >>> from align.encoders import get_encoder
        >>> enc = DiskCachedEncoder(get_encoder("use-m"), "~/.cache/align")  # doctest: +SKIP
        >>> enc.encode(["The talks ended."])   # encoded, then written  # doctest: +SKIP
        >>> enc.encode(["The talks ended."])   # read from disk          # doctest: +SKIP

    Args:
        encoder: any object following the :class:`~align.encoders.base.Encoder`
            protocol.
        directory: where the cache lives; created if missing. Share it freely
            between processes and between encoders (each gets its own folder).
        max_shards: when this process has indexed more shards than this, it
            merges them (:meth:`compact`), so that many small calls do not
            leave thousands of files behind.
    """

    def __init__(
        self, encoder: Encoder, directory: str | os.PathLike[str], max_shards: int = 256
    ):
        if max_shards < 2:
            raise ValueError(f"max_shards must be at least 2, got {max_shards}")
        self.encoder = encoder
        self.max_shards = max_shards
        self.name = encoder.name
        self.dim = int(encoder.dim)
        self.directory = Path(directory).expanduser()
        self.folder = self.directory / _encoder_folder(self.name)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._dtype = _row_dtype(self.dim)
        self._lock = threading.Lock()
        self._shards: dict[str, np.ndarray] = {}  # file name -> memory-mapped rows
        self._index: dict[bytes, tuple[str, int]] = {}  # key -> (shard, row)

    def __getattr__(self, name: str):
        # Attributes of the wrapped encoder (its ``calibration``, a model's
        # options) show through the wrapper.
        if name.startswith("_") or name == "encoder":
            raise AttributeError(name)
        return getattr(self.encoder, name)

    def __repr__(self) -> str:
        return f"DiskCachedEncoder({self.encoder!r}, directory={str(self.directory)!r})"

    # -- reading -----------------------------------------------------------
    def _shard_names(self) -> list[str]:
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            self.folder.mkdir(parents=True, exist_ok=True)
            return []
        return sorted(
            n for n in names if n.startswith(_SHARD_PREFIX) and n.endswith(_SHARD_SUFFIX)
        )

    def _load_shard(self, name: str) -> None:
        try:
            rows = np.load(self.folder / name, mmap_mode="r", allow_pickle=False)
        except FileNotFoundError:
            return  # compacted away by another process since we listed it
        except (OSError, ValueError) as exc:
            logger.warning("skipping unreadable cache shard %s: %s", self.folder / name, exc)
            self._shards[name] = np.zeros(0, dtype=self._dtype)
            return
        if rows.dtype != self._dtype or rows.ndim != 1:
            logger.warning(
                "skipping cache shard %s: rows of %s, expected %s",
                self.folder / name, rows.dtype, self._dtype,
            )
            self._shards[name] = np.zeros(0, dtype=self._dtype)
            return
        self._shards[name] = rows
        for row, key in enumerate(rows["key"]):
            self._index.setdefault(bytes(key), (name, row))

    def refresh(self) -> int:
        """Index the shards written since the last look; returns how many."""
        new = [n for n in self._shard_names() if n not in self._shards]
        for name in new:
            self._load_shard(name)
        return len(new)

    def __len__(self) -> int:
        """Number of distinct texts cached for this encoder (all processes)."""
        with self._lock:
            self.refresh()
            return len(self._index)

    # -- writing -----------------------------------------------------------
    def _write_shard(self, keys: list[bytes], vectors: np.ndarray) -> str:
        rows = np.empty(len(keys), dtype=self._dtype)
        rows["key"] = keys
        rows["vector"] = vectors
        token = f"{time.time_ns():020d}-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        final = self.folder / f"{_SHARD_PREFIX}{token}{_SHARD_SUFFIX}"
        tmp = self.folder / f".tmp-{token}{_SHARD_SUFFIX}"
        try:
            with open(tmp, "wb") as handle:
                np.save(handle, rows, allow_pickle=False)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, final)  # atomic: readers see all of the shard or none
        finally:
            if tmp.exists():
                tmp.unlink()
        self._load_shard(final.name)
        return final.name

    def compact(self) -> int:
        """Merge this encoder's shards into one; returns the rows kept.

        Many small calls leave many small shards; compacting keeps lookups
        fast. Safe while other processes read: the merged shard is written
        before the old ones are removed, and a process that lost a race only
        leaves a duplicate shard behind.
        """
        with self._lock:
            return self._compact()

    def _compact(self) -> int:
        self.refresh()
        old = [n for n, rows in self._shards.items() if len(rows)]
        if len(old) < 2:
            return len(self._index)
        keys = list(self._index)
        vectors = np.stack([self._shards[s][r]["vector"] for s, r in self._index.values()])
        self._index.clear()
        merged = self._write_shard(keys, vectors)
        for name in old:
            try:
                os.unlink(self.folder / name)
            except OSError:  # gone already, or still mapped elsewhere (Windows)
                pass
            self._shards.pop(name, None)
        logger.info("compacted %d cache shards into %s", len(old), merged)
        return len(self._index)

    # -- the Encoder protocol --------------------------------------------
    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = 64,
        show_progress_bar: bool | None = None,
        normalize_embeddings: bool = True,
    ) -> np.ndarray:
        """Embeddings of ``texts`` (L2-normalised float32), from disk where cached."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        keys = [text_key(self.name, t).encode("ascii") for t in texts]
        with self._lock:
            if any(k not in self._index for k in keys):
                self.refresh()
            missing: dict[bytes, str] = {}
            for key, text in zip(keys, texts):
                if key not in self._index:
                    missing.setdefault(key, text)
            if missing:
                vectors = encode_checked(self.encoder, list(missing.values()), batch_size,
                                         show_progress_bar)
                self._write_shard(list(missing), vectors)
                if sum(1 for rows in self._shards.values() if len(rows)) > self.max_shards:
                    self._compact()
            out = np.empty((len(texts), self.dim), dtype=np.float32)
            for i, key in enumerate(keys):
                shard, row = self._index[key]
                out[i] = self._shards[shard][row]["vector"]
        return out
