"""Similarity matrices corrected for hubness (the ratio margin).

Raw cosine scales differ between encoders (unrelated pairs sit near 0.25
under USE and near 0.8 under e5), so thresholds are never set on cosine.
The ratio margin of Artetxe & Schwenk (2019) divides a pair's cosine by the
mean cosine of both items to their k nearest neighbours on the other side:
a sentence that is close to everything (a hub) no longer wins by default,
and the score means "how much closer than the usual neighbour".

Example:
    >>> import numpy as np
    >>> a = np.eye(3, dtype=np.float32); b = np.eye(3, dtype=np.float32)
    >>> ratio_margin(a @ b.T, k=1).round(2)[0]
    array([1., 0., 0.], dtype=float32)
"""

from __future__ import annotations

from typing import Callable, Iterator

import numpy as np

#: Cells of a similarity matrix computed at once (64 MB of float32): long
#: reports are compared in blocks of rows, never as one dense matrix.
BLOCK_CELLS = 1 << 24


def cosine_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarities of L2-normalised rows, shape ``(len(a), len(b))``."""
    if a.size == 0 or b.size == 0:
        return np.zeros((a.shape[0], b.shape[0]), dtype=np.float32)
    sim = a @ b.T
    np.clip(sim, -1.0, 1.0, out=sim)  # in place: long reports make these matrices large
    return sim.astype(np.float32, copy=False)


def knn_mean(sim: np.ndarray, k: int, axis: int) -> np.ndarray:
    """Mean of the ``k`` largest values along ``axis`` (fewer if fewer exist)."""
    n = sim.shape[axis]
    if n == 0:
        return np.zeros(sim.shape[1 - axis], dtype=np.float32)
    k = max(1, min(k, n))
    part = -np.partition(-sim, k - 1, axis=axis)
    top = part.take(range(k), axis=axis)
    return top.mean(axis=axis).astype(np.float32)


def ratio_margin(
    sim: np.ndarray,
    k: int = 4,
    row_ref: np.ndarray | None = None,
    col_ref: np.ndarray | None = None,
) -> np.ndarray:
    """``cos(x, y) / ((knn(x) + knn(y)) / 2)`` for every pair.

    ``row_ref``/``col_ref`` override the neighbourhood means, so that scores
    of windows and clauses can be normalised against sentence-level
    neighbourhoods (see :func:`knn_means`).
    """
    r = knn_mean(sim, k, axis=1) if row_ref is None else row_ref
    c = knn_mean(sim, k, axis=0) if col_ref is None else col_ref
    return margin_of(sim, r[:, None], c[None, :])


def margin_of(cos: np.ndarray, row_ref: np.ndarray, col_ref: np.ndarray) -> np.ndarray:
    """``cos / ((row_ref + col_ref) / 2)``: the ratio margin from cosines and the
    k-NN means of both items (broadcast), the one formula every margin uses.

    Example:
        >>> float(margin_of(np.float32(0.6), np.float32(0.5), np.float32(0.3)).round(2))
        1.5
    """
    denom = np.asarray(row_ref + col_ref)
    if denom.ndim == 0 or denom.shape != np.shape(cos) or denom.dtype != np.float32:
        return (cos / np.maximum(denom / 2.0, 1e-3)).astype(np.float32)
    # The same operations in place: one matrix allocated instead of four.
    denom /= 2.0
    np.maximum(denom, 1e-3, out=denom)
    return np.divide(cos, denom, out=denom)


def row_blocks(n_rows: int, n_cols: int, cells: int = BLOCK_CELLS) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` of consecutive row blocks of about ``cells`` cells of an ``n_rows x n_cols`` matrix."""
    step = max(1, cells // max(n_cols, 1))
    for start in range(0, n_rows, step):
        yield start, min(n_rows, start + step)


def knn_means(rows: np.ndarray, cols: np.ndarray, k: int, null: float | None = None,
              transform: Callable[[np.ndarray, int, int], np.ndarray] | None = None) -> np.ndarray:
    """Each row's mean cosine to its ``k`` nearest ``cols``, computed in blocks of rows.

    The same as ``knn_mean(cosine_matrix(rows, cols), k, axis=1)`` without the
    whole matrix; ``transform(block, start, stop)`` maps the cosines of rows
    ``start:stop`` first (a calibration). ``null``, the cosine of an
    unrelated pair, pads every row with ``k`` virtual neighbours: a
    one-sentence text has only its true partner as neighbour, which would
    make every margin 1. Rows with no columns get 1.

    Example:
        >>> knn_means(np.eye(2, dtype=np.float32), np.eye(2, dtype=np.float32), k=1).tolist()
        [1.0, 1.0]
    """
    out = np.ones(len(rows), dtype=np.float32)
    if not len(cols):
        return out
    width = len(cols) + (k if null is not None else 0)
    kk = max(1, min(k, width))
    for start, stop in row_blocks(len(rows), width):
        sims = cosine_matrix(rows[start:stop], cols)
        if transform is not None:
            sims = transform(sims, start, stop)
        if len(cols) > kk:  # only each row's kk best can be among its neighbours
            sims = np.partition(sims, len(cols) - kk, axis=1)[:, len(cols) - kk:]
        if null is not None:
            sims = np.concatenate([sims, np.full((len(sims), k), null, dtype=sims.dtype)], axis=1)
        out[start:stop] = knn_mean(sims, k, axis=1)
    return out
