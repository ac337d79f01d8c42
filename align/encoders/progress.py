"""Batching with an optional tqdm progress bar, shared by the encoders."""

from __future__ import annotations

from typing import Callable, Iterator, Sequence, TypeVar

import numpy as np

from .base import l2_normalise

T = TypeVar("T")

#: Below this many items a progress bar is noise, so ``None`` means "off".
AUTO_PROGRESS_MIN_ITEMS = 2_000


def batched(
    items: Sequence[T], batch_size: int, show_progress_bar: bool | None = None, desc: str = ""
) -> Iterator[list[T]]:
    """Yield ``items`` in lists of ``batch_size``, with a bar when asked.

    ``show_progress_bar=None`` shows one only for long inputs and only when
    stderr is a terminal, so logs and CI output stay free of bar redraws.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    starts = range(0, len(items), batch_size)
    auto = show_progress_bar is None
    if auto:
        show_progress_bar = len(items) >= AUTO_PROGRESS_MIN_ITEMS
    if show_progress_bar:
        from tqdm.auto import tqdm

        # disable=None: tqdm stays silent when its stream (stderr) is not a terminal.
        starts = tqdm(starts, desc=desc or "encoding", unit="batch", disable=None if auto else False)
    for start in starts:
        yield list(items[start : start + batch_size])


def encode_batched(
    texts: Sequence[str],
    dim: int,
    encode_chunk: Callable[[list[str]], object],
    batch_size: int,
    show_progress_bar: bool | None,
    normalize_embeddings: bool,
    desc: str,
) -> np.ndarray:
    """Encode ``texts`` chunk by chunk with ``encode_chunk``: a ``(len(texts), dim)`` float32 array.

    ``encode_chunk`` is not called for an empty input, so a lazily loaded
    model stays unloaded; rows are L2-normalised when asked.
    """
    texts = list(texts)
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    parts = [
        np.asarray(encode_chunk(chunk), dtype=np.float32).reshape(len(chunk), dim)
        for chunk in batched(texts, batch_size, show_progress_bar, desc=desc)
    ]
    out = np.concatenate(parts, axis=0)
    return l2_normalise(out) if normalize_embeddings else out
