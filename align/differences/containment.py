"""Is a clause's content inside a partner segment? Evidence at word-window grain.

Clause units only split sentences at punctuation, and the two languages
punctuate differently: "والوفد المرافق له صباح اليوم،" is a clause on one
side and "… and his delegation this morning." the comma-less end of a
sentence on the other. Against whole sentences such a clause scores low
(its content is diluted in the sentence) and would look missing. This
module embeds sliding word windows of the partner segments, lazily and only
for clauses that would be flagged, and scores the clause against them with
the same ratio margin and z-score as every other pair. Short windows reach
high margins easily, so :class:`~align.differences.flags.FlagParams` gives
them thresholds of their own.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

import numpy as np

from ..encoders.calibration import Calibration
from ..matching.similarity import knn_means, margin_of
from ..text.document import Document
from ..text.normalise import fold

_TOKEN = re.compile(r"\S+")

#: Window lengths in words; a clause is compared with the windows from 0.7
#: to 1.5 times its own length, so that either language may say it in a few
#: words fewer or more. Windows overlap by half. On NTREX, (5, 9, 16) scored
#: as well as seven sizes overlapping by two thirds (flag F1 0.875 against
#: 0.876) with a third of the text to encode, and 0.7-1.5 as well as 0.5-2
#: (0.888 both) with a fifth fewer windows on the seed pair.
WINDOW_SIZES = (5, 9, 16)


def word_windows(doc: Document, segment_id: int, sizes: tuple[int, ...]) -> list[str]:
    """Folded texts of sliding word windows of one segment, overlapping by half.

    Sizes not shorter than the segment are skipped: the segment itself is
    already a unit.
    """
    seg = doc.segments[segment_id]
    words = _TOKEN.findall(seg.text)
    out = []
    for size in sizes:
        if size >= len(words):
            continue
        stride = max(1, math.ceil(size / 2))
        starts = list(range(0, len(words) - size + 1, stride))
        if starts[-1] != len(words) - size:
            starts.append(len(words) - size)
        out += [fold(" ".join(words[s:s + size]), doc.lang) for s in starts]
    return out


@dataclass
class WindowEvidence:
    """Scores clauses of one side against word windows of the other side's segments.

    ``own`` holds the embeddings of this side's units, ``own_base`` those of
    its sentences and clauses (a window's neighbourhood, as in
    :func:`align.matching.score_units`);
    ``mu``/``sigma`` are the pair's background cosine statistics behind the
    z-scores of :func:`align.matching.score_units`, on the reference scale
    that ``calibration`` maps the encoder's cosines to.
    """

    other: Document
    encoder: object
    own: np.ndarray
    own_base: np.ndarray
    k: int
    null_cosine: float | None
    mu: float
    sigma: float
    calibration: Calibration = Calibration()
    _windows: dict = field(default_factory=dict)

    def _embedded(self, segment_id: int, size: int) -> tuple[np.ndarray, np.ndarray]:
        """Vectors of one segment's windows of one size, and their k-NN means."""
        key = (segment_id, size)
        if key not in self._windows:
            texts = word_windows(self.other, segment_id, (size,))
            if not texts:
                self._windows[key] = (np.zeros((0, self.own.shape[1]), np.float32),
                                      np.zeros(0, np.float32))
            else:
                vectors = self.encoder.encode(texts)
                refs = knn_means(vectors, self.own_base, self.k, self.null_cosine,
                                 lambda sims, start, stop: self.calibration.cross(sims))
                self._windows[key] = (vectors, refs)
        return self._windows[key]

    def best(self, unit: int, reference: float, n_words: int,
             segment_ids) -> tuple[float, float]:
        """Best (margin, z) of unit ``unit`` against windows of ``segment_ids``.

        ``reference`` is the unit's own k-NN mean cosine (its margin
        denominator); ``n_words``, its length, picks the window sizes.
        """
        vector = self.own[unit]
        sizes = (tuple(s for s in WINDOW_SIZES if 0.7 * n_words <= s <= 1.5 * n_words)
                 or (WINDOW_SIZES[0],))
        best_m, best_z = 0.0, -np.inf
        for seg_id, size in itertools.product(segment_ids, sizes):
            vectors, refs = self._embedded(seg_id, size)
            if not len(vectors):
                continue
            cos = self.calibration.cross(vectors @ vector)
            margin = margin_of(cos, reference, refs)
            best_m = max(best_m, float(margin.max()))
            best_z = max(best_z, float(((cos - self.mu) / self.sigma).max()))
        return best_m, best_z
