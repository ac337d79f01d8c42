"""Several encoders as one: the accurate mode (``"use-m+e5"``).

Two encoders make different mistakes; averaging their cosines cut the
errors of telling a deleted sentence's best remaining partner from a true
counterpart by about 40 % on NTREX (AUC 0.9881 with USE-m alone, 0.9927
averaged; ``benchmarks/encoders.py``). :class:`EnsembleEncoder` does it
inside the :class:`~align.encoders.base.Encoder` protocol: it concatenates
each member's normalised vectors scaled by ``sqrt(w_i)`` with weights that
sum to one, so the cosine of two ensemble vectors is ``sum_i w_i cos_i``.
By default the weights are equal: the plain mean of the members' cosines,
the combination the NTREX measurement was made on. Mean real-pair link /
flag F1 (``benchmarks/real_pairs.py``) by e5's raw weight: 0 (USE-m alone)
0.591 / 0.765, 0.3 0.597 / 0.781, 0.5 0.605 / 0.772, 0.834 (each member
counting the same on the reference scale) 0.690 / 0.696, 1 (e5 alone)
0.586 / 0.639: more e5 links more but flags less. The ensemble itself is
then calibrated like any encoder.

Example:
    >>> from align.encoders import get_encoder
    >>> enc = EnsembleEncoder([get_encoder("use-m"), get_encoder("e5-small-st")])  # doctest: +SKIP
    >>> enc.encode(["The meeting ended.", "انتهى الاجتماع."]).shape               # doctest: +SKIP
    (2, 896)
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .base import Encoder, l2_normalise


class EnsembleEncoder:
    """The weighted concatenation of several encoders' normalised vectors.

    Args:
        members: the encoders, in a fixed order (it is part of the name).
        weights: one non-negative weight per member; ``None``: equal weights
            (the mean of the members' cosines).
    """

    def __init__(self, members: Sequence[Encoder], weights: Sequence[float] | None = None):
        members = list(members)
        if len(members) < 2:
            raise ValueError("an ensemble needs at least two encoders")
        if weights is None:
            weights = [1.0] * len(members)
        weights = np.asarray(weights, dtype=np.float64)
        if weights.shape != (len(members),) or (weights < 0).any() or not weights.sum() > 0:
            raise ValueError(f"need one non-negative weight per member, got {list(weights)}")
        self.members = members
        self.weights = tuple(round(float(w), 3) for w in weights / weights.sum())
        self.dim = sum(m.dim for m in members)
        self.name = "+".join(f"{m.name}*{w:g}" for m, w in zip(members, self.weights))

    def __repr__(self) -> str:
        return f"EnsembleEncoder({self.name!r})"

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = 64,
        show_progress_bar: bool | None = None,
        normalize_embeddings: bool = True,
    ) -> np.ndarray:
        texts = list(texts)
        parts = []
        for member, weight in zip(self.members, self.weights):
            vectors = np.asarray(member.encode(texts, batch_size=batch_size,
                                               show_progress_bar=show_progress_bar,
                                               normalize_embeddings=True), dtype=np.float32)
            parts.append(vectors * np.float32(np.sqrt(weight)))
        out = np.concatenate(parts, axis=1) if texts else np.zeros((0, self.dim), np.float32)
        if normalize_embeddings:
            out = l2_normalise(out)  # zero-weight or zero rows: keep the unit-norm contract
        return out.astype(np.float32, copy=False)
