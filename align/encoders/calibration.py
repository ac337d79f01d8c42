"""Put any encoder's cosines on the scale the thresholds were chosen on.

Raw cosine scales differ widely between encoders: on the calibration corpus
unrelated sentences sit near 0.09 under USE-m and near 0.78 under
multilingual-e5-small, translations near 0.82 and 0.92. Every threshold of :mod:`align.config` (link margin, cosine
floor, restatement floor, the null that pads neighbourhoods) was chosen on
USE-m's cosines, the *reference scale*. A :class:`Calibration` maps another
encoder's cosines onto it with one affine map, measured, never typed in:

* cross-lingual: ``c' = scale * c + shift``, so that the median cosine of
  unrelated sentences and the median cosine of a sentence and its
  translation land where USE-m puts them;
* same-language (restatements): ``c' = scale * c + same_shift``, so that
  the median same-language cosine of unrelated sentences lands on USE-m's;
* by length (cross-lingual): an offset added for short texts, so that the
  median cosine of unrelated *fragments* (3, 5 and 8 words cut from the
  corpus sentences, against fragments or whole sentences of other rows)
  lands where USE-m puts it. Encoders differ most there: after the affine
  map, e5-small still rates two unrelated 3-word fragments 0.31 where
  USE-m gives 0.14 (whole sentences: both 0.09), so a short clause looked
  close to any other short clause and was never flagged. The offset is
  interpolated between the measured lengths (bilinear in log word count,
  held constant beyond them), is zero for two whole sentences, where the
  affine map is exact, and is the same whichever side is the shorter (the
  Arabic-by-English table is averaged with its transpose), so it does not
  depend on which language is side a. :func:`align.matching.score_units`
  applies it to every pair of units; the word-window evidence of
  :mod:`align.differences.containment` and the same-event shares still use
  the affine map alone.

The measurement (:func:`measure_anchors`) embeds a small parallel corpus
written for this project (``data/calibration_ar_en.tsv``: 50 Arabic-English
sentence pairs, one news topic each, so that different rows are unrelated).
:func:`calibration_for` measures an encoder once, on first use, and keeps
the result in memory and on disk (``$ALIGN_CACHE_DIR/calibration``), keyed
by the encoder's name and the vectors it gives two probe sentences, so a
different model under the same name is measured anew. USE-m is the
reference and carries the identity calibration; an encoder may carry its
own as a ``calibration`` attribute, and :class:`~align.config.AlignConfig`
may fix one. ``python -m benchmarks.calibration`` prints every encoder's anchors.

The corpus is Arabic-English; for another language pair the map measured
here still holds to the extent that an encoder's cosine scale is a property
of the model more than of the languages, and :func:`measure_anchors` takes
any parallel pairs.

Example:
    >>> cal = Calibration.from_anchors(Anchors(null=0.779, positive=0.924, same_null=0.806))
    >>> cal.tag                                          # e5-small's anchors
    '5.037x-3.831/-3.961'
    >>> round(float(cal.cross(np.float32(0.924))), 2)   # its median translation pair
    0.82
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .base import default_cache_dir

logger = logging.getLogger(__name__)

CORPUS = Path(__file__).with_name("data") / "calibration_ar_en.tsv"
_PROBES = ("The committee approved the budget on Monday.", "وافقت اللجنة على الميزانية يوم الاثنين.")
#: Bump when the measurement changes, so cached calibrations are measured anew.
_METHOD = "median-affine-length-v2"
#: Fragment lengths in words (cut from the middle of each corpus sentence)
#: at which the null cosine is measured for the length correction; whole
#: sentences are the last length.
FRAGMENT_WORDS = (3, 5, 8)


@dataclass(frozen=True)
class Anchors:
    """Three medians of an encoder's cosines on a parallel corpus.

    ``null``: cross-lingual cosine of sentences of different rows
    (unrelated); ``positive``: cosine of a sentence and its translation;
    ``same_null``: same-language cosine of different rows.
    ``length_nulls``: the cross-lingual null by length, one row per source
    length and one column per target length (:data:`FRAGMENT_WORDS`, then
    whole sentences); ``lengths``: those lengths in words per side (the
    last is the median sentence length). Both empty: not measured.
    """

    null: float
    positive: float
    same_null: float
    length_nulls: tuple[tuple[float, ...], ...] = ()
    lengths: tuple[tuple[float, ...], tuple[float, ...]] | tuple = ()


#: USE-m's anchors on the shipped corpus (``python -m benchmarks.calibration``
#: prints them): the reference scale.
REFERENCE = Anchors(
    null=0.0928, positive=0.8231, same_null=0.0985,
    length_nulls=((0.1400, 0.1228, 0.0783, 0.0088),
                  (0.0938, 0.1208, 0.1101, 0.0291),
                  (0.0557, 0.0981, 0.1278, 0.0575),
                  (0.0055, 0.0301, 0.0597, 0.0928)))


@dataclass(frozen=True)
class Calibration:
    """A map from an encoder's cosines onto the reference scale.

    The identity (the default) is the reference encoder's calibration.
    ``scale``, ``shift`` and ``same_shift`` are the affine maps;
    ``length_words`` (the measured lengths in words) and
    ``length_offsets`` (the symmetric table of cross-lingual offsets at
    each pair of them, zero for two whole sentences) the length
    correction, applied when :meth:`cross` is given the word counts of the
    texts.
    """

    scale: float = 1.0
    shift: float = 0.0
    same_shift: float = 0.0
    length_words: tuple[float, ...] = ()
    length_offsets: tuple[tuple[float, ...], ...] = ()

    def __post_init__(self) -> None:
        n = len(self.length_words)
        if (any(not isinstance(w, (int, float)) or not w >= 1 for w in self.length_words)
                or len(self.length_offsets) != n or any(len(row) != n for row in self.length_offsets)
                or n == 1):
            raise ValueError(f"a length correction needs at least two lengths of one word or more "
                             f"and one offset per pair of them, got {self.length_words!r}, "
                             f"{self.length_offsets!r}")

    @classmethod
    def from_anchors(cls, anchors: Anchors, reference: Anchors = REFERENCE) -> "Calibration":
        """The map that sends ``anchors`` onto ``reference``, rounded to 3 decimals.

        Rounding keeps the map, and so the output, stable against the last
        bits of floating point, and makes the reference encoder's own map
        exactly the identity. The length offsets are those that take the
        affinely mapped fragment nulls onto the reference's, averaged over
        the two orders of the languages, less the offset of two whole
        sentences (which the affine map already places); the lengths are
        the means of the two sides'. No offsets when either anchors lack
        the length table.
        """
        gap = anchors.positive - anchors.null
        if not gap > 1e-4:
            raise ValueError(
                f"the encoder does not separate translations from unrelated sentences "
                f"(median cosine {anchors.positive:.3f} against {anchors.null:.3f}); "
                "it cannot be calibrated")
        scale = (reference.positive - reference.null) / gap
        shift = reference.null - scale * anchors.null
        same_shift = reference.same_null - scale * anchors.same_null
        scale, shift, same_shift = (round(x, 3) + 0.0 for x in (scale, shift, same_shift))
        words: tuple = ()
        offsets: tuple = ()
        if anchors.length_nulls and reference.length_nulls:
            own = scale * np.asarray(anchors.length_nulls, np.float64) + shift
            diff = np.asarray(reference.length_nulls, np.float64) - own
            diff = (diff + diff.T) / 2
            diff = np.round(diff - diff[-1, -1], 3) + 0.0
            if diff.any():
                offsets = tuple(tuple(float(x) for x in row) for row in diff)
                words = tuple(round(float(w), 1) for w in np.mean(anchors.lengths, axis=0))
        return cls(scale, shift, same_shift, words, offsets)

    @property
    def is_identity(self) -> bool:
        return (self.scale == 1.0 and self.shift == 0.0 and self.same_shift == 0.0
                and not self.length_offsets)

    def cross(self, cos: np.ndarray, words_a: Sequence[int] | None = None,
              words_b: Sequence[int] | None = None, *, pairs: bool = False) -> np.ndarray:
        """Cross-lingual cosines on the reference scale.

        With the word counts of the rows (``words_a``) and columns
        (``words_b``) of a cosine matrix, the length correction is added;
        without them only the affine map applies. With ``pairs``, ``cos``,
        ``words_a`` and ``words_b`` are element by element (any one shape).
        """
        if self.is_identity:
            return cos
        out = (self.scale * cos + self.shift).astype(np.float32)
        if self.length_offsets and words_a is not None and words_b is not None:
            offset = (self._offset(np.asarray(words_a), np.asarray(words_b)) if pairs
                      else self.length_offset(words_a, words_b))
            out = (out + offset).astype(np.float32)
        return out

    def length_offset(self, words_a: Sequence[int], words_b: Sequence[int]) -> np.ndarray:
        """The length correction for texts of ``words_a`` x ``words_b`` words, a matrix.

        Bilinear in the logarithm of the word counts between the measured
        lengths, constant outside them.
        """
        if not self.length_offsets:
            return np.zeros((len(words_a), len(words_b)), np.float32)
        return self._offset(np.asarray(words_a)[:, None], np.asarray(words_b)[None, :])

    def _offset(self, words_a: np.ndarray, words_b: np.ndarray) -> np.ndarray:
        """The length correction for word counts that broadcast together."""
        table = np.asarray(self.length_offsets, np.float64)
        ia, ta = _bracket(self.length_words, words_a)
        ib, tb = _bracket(self.length_words, words_b)
        out = ((1 - ta) * (1 - tb) * table[ia, ib] + (1 - ta) * tb * table[ia, ib + 1]
               + ta * (1 - tb) * table[ia + 1, ib] + ta * tb * table[ia + 1, ib + 1])
        return out.astype(np.float32)

    def same(self, cos: np.ndarray) -> np.ndarray:
        """Same-language cosines on the reference scale."""
        if self.is_identity:
            return cos
        return (self.scale * cos + self.same_shift).astype(np.float32)

    @property
    def tag(self) -> str:
        """Short form for the signature: ``ref``, or ``<scale>x<shift>/<same shift>``
        followed by ``+len`` and a digest of the length offsets when there are any."""
        if self.is_identity:
            return "ref"
        tag = f"{self.scale:g}x{self.shift:+g}/{self.same_shift:+g}"
        if self.length_offsets:
            text = json.dumps([self.length_words, self.length_offsets])
            tag += "+len" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]
        return tag


def _bracket(knots: Sequence[float], words: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """For each word count: the index of the knot interval and the position in it, in log space."""
    k = np.log(np.asarray(knots, np.float64))
    x = np.clip(np.log(np.maximum(np.asarray(words, np.float64), 1.0)), k[0], k[-1])
    idx = np.clip(np.searchsorted(k, x, side="right") - 1, 0, len(k) - 2)
    return idx, (x - k[idx]) / (k[idx + 1] - k[idx])


def load_corpus(path: str | Path = CORPUS) -> list[tuple[str, str]]:
    """The parallel calibration pairs, ``(source, translation)``, from a TSV with a header."""
    rows = Path(path).read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(row.split("\t")[:2]) for row in rows if row.strip()]  # type: ignore[misc]


def fragments(sentence: str, sizes: Sequence[int] = FRAGMENT_WORDS) -> list[tuple[int, str]]:
    """``(group, text)``: the middle ``n`` words of ``sentence`` for each size shorter than it."""
    words = sentence.split()
    out = []
    for group, n in enumerate(sizes):
        if n < len(words):
            start = (len(words) - n) // 2
            out.append((group, " ".join(words[start:start + n])))
    return out


def measure_anchors(encoder, pairs: Sequence[tuple[str, str]] | None = None) -> Anchors:
    """Median cosines of ``encoder`` on parallel ``pairs`` (default: the shipped corpus).

    Rows are assumed unrelated to each other, so every off-diagonal pair is
    a null pair. The null by length is measured on :func:`fragments` of
    each sentence against fragments and sentences of the other rows.
    """
    pairs = list(pairs if pairs is not None else load_corpus())
    if len(pairs) < 5:
        raise ValueError(f"calibration needs at least 5 parallel pairs, got {len(pairs)}")
    n_groups = len(FRAGMENT_WORDS) + 1
    texts: list[list[str]] = [[], []]
    rows: list[list[int]] = [[], []]
    groups: list[list[int]] = [[], []]
    for side in (0, 1):
        for row, pair in enumerate(pairs):
            for group, text in [(n_groups - 1, pair[side]), *fragments(pair[side])]:
                texts[side].append(text)
                rows[side].append(row)
                groups[side].append(group)
    a = np.asarray(encoder.encode(texts[0], show_progress_bar=False), np.float32)
    b = np.asarray(encoder.encode(texts[1], show_progress_bar=False), np.float32)
    row_a, row_b = np.asarray(rows[0]), np.asarray(rows[1])
    group_a, group_b = np.asarray(groups[0]), np.asarray(groups[1])
    cross_all = a @ b.T
    unrelated = row_a[:, None] != row_b[None, :]
    sent_a, sent_b = group_a == n_groups - 1, group_b == n_groups - 1
    cross = cross_all[np.ix_(sent_a, sent_b)]
    off = unrelated[np.ix_(sent_a, sent_b)]
    sa, sb = a[sent_a], b[sent_b]
    same = np.concatenate([(sa @ sa.T)[off], (sb @ sb.T)[off]])
    table = []
    for ga in range(n_groups):
        line = []
        for gb in range(n_groups):
            block = np.ix_(group_a == ga, group_b == gb)
            values = cross_all[block][unrelated[block]]
            line.append(float(np.median(values)) if values.size else float("nan"))
        table.append(tuple(line))
    if not np.isfinite(table).all():  # sentences too short for some fragment size
        table = []
    lengths = tuple(
        (*map(float, FRAGMENT_WORDS), float(np.median([len(p[side].split()) for p in pairs])))
        for side in (0, 1))
    return Anchors(null=float(np.median(cross[off])), positive=float(np.median(np.diag(cross))),
                   same_null=float(np.median(same)), length_nulls=tuple(table),
                   lengths=lengths if table else ())


_MEMORY: dict[str, Calibration] = {}
_LOCK = threading.Lock()


def _fingerprint(encoder) -> str:
    vectors = np.asarray(encoder.encode(list(_PROBES), show_progress_bar=False), np.float32)
    digest = hashlib.sha256(f"{_METHOD}\x00{encoder.name}\x00".encode("utf-8"))
    digest.update(np.round(vectors, 3).astype(np.float32).tobytes())
    return digest.hexdigest()[:24]


def calibration_for(encoder, cache_dir: str | Path | None = None) -> Calibration:
    """The encoder's calibration: its own ``calibration`` attribute, else measured once.

    Measuring embeds the 100 sentences of the shipped corpus and 294
    fragments of them (about a second for USE-m, about ten for e5-small on
    one CPU thread); the result is kept in memory and on disk, so later runs
    and processes reuse it.
    """
    declared = getattr(encoder, "calibration", None)
    if isinstance(declared, Calibration):
        return declared
    key = _fingerprint(encoder)
    with _LOCK:
        if key in _MEMORY:
            return _MEMORY[key]
        path = Path(cache_dir or default_cache_dir()) / "calibration" / f"{key}.json"
        calibration = _read(path)
        if calibration is None:
            anchors = measure_anchors(encoder)
            calibration = Calibration.from_anchors(anchors)
            logger.info("calibrated encoder %r: %s (anchors %s)", encoder.name, calibration.tag,
                        anchors)
            _write(path, calibration, anchors, encoder.name)
        _MEMORY[key] = calibration
        return calibration


def _read(path: Path) -> Calibration | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        fields = dict(data["calibration"])
        fields["length_words"] = tuple(fields.get("length_words", ()))
        fields["length_offsets"] = tuple(tuple(row) for row in fields.get("length_offsets", ()))
        return Calibration(**fields)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        logger.warning("ignoring unreadable calibration cache %s: %s", path, exc)
        return None


def _write(path: Path, calibration: Calibration, anchors: Anchors, name: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"encoder": name, "method": _METHOD,
                                   "anchors": asdict(anchors),
                                   "calibration": asdict(calibration)}, indent=1),
                       encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:  # a read-only home: measure again next time
        logger.debug("could not cache the calibration in %s: %s", path, exc)
