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
  the median same-language cosine of unrelated sentences lands on USE-m's.

The measurement (:func:`measure_anchors`) embeds a small parallel corpus
written for this project (``data/calibration_ar_en.tsv``: 50 Arabic-English
sentence pairs, one news topic each, so that different rows are unrelated).
:func:`calibration_for` measures an encoder once, on first use, and keeps
the result in memory and on disk (``$ALIGN_CACHE_DIR/calibration``), keyed
by the encoder's name and the vectors it gives two probe sentences, so a
different model under the same name is measured anew. USE-m is the
reference and carries the identity calibration; an encoder may carry its
own as a ``calibration`` attribute, and :class:`~align.config.AlignConfig`
may fix one. ``benchmarks/calibration.py`` prints every encoder's anchors.

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
_METHOD = "median-affine-v1"


@dataclass(frozen=True)
class Anchors:
    """Three medians of an encoder's cosines on a parallel corpus.

    ``null``: cross-lingual cosine of sentences of different rows
    (unrelated); ``positive``: cosine of a sentence and its translation;
    ``same_null``: same-language cosine of different rows.
    """

    null: float
    positive: float
    same_null: float


#: USE-m's anchors on the shipped corpus (``benchmarks/calibration.py``
#: prints them): the reference scale.
REFERENCE = Anchors(null=0.0928, positive=0.8231, same_null=0.0985)


@dataclass(frozen=True)
class Calibration:
    """An affine map from an encoder's cosines onto the reference scale.

    The identity (the default) is the reference encoder's calibration.
    """

    scale: float = 1.0
    shift: float = 0.0
    same_shift: float = 0.0

    @classmethod
    def from_anchors(cls, anchors: Anchors, reference: Anchors = REFERENCE) -> "Calibration":
        """The map that sends ``anchors`` onto ``reference``, rounded to 3 decimals.

        Rounding keeps the map, and so the output, stable against the last
        bits of floating point, and makes the reference encoder's own map
        exactly the identity.
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
        return cls(*(round(x, 3) + 0.0 for x in (scale, shift, same_shift)))

    @property
    def is_identity(self) -> bool:
        return self.scale == 1.0 and self.shift == 0.0 and self.same_shift == 0.0

    def cross(self, cos: np.ndarray) -> np.ndarray:
        """Cross-lingual cosines on the reference scale."""
        if self.is_identity:
            return cos
        return (self.scale * cos + self.shift).astype(np.float32)

    def same(self, cos: np.ndarray) -> np.ndarray:
        """Same-language cosines on the reference scale."""
        if self.is_identity:
            return cos
        return (self.scale * cos + self.same_shift).astype(np.float32)

    @property
    def tag(self) -> str:
        """Short form for the signature: ``ref`` or ``<scale>x<shift>/<same shift>``."""
        if self.is_identity:
            return "ref"
        return f"{self.scale:g}x{self.shift:+g}/{self.same_shift:+g}"


def load_corpus(path: str | Path = CORPUS) -> list[tuple[str, str]]:
    """The parallel calibration pairs, ``(source, translation)``, from a TSV with a header."""
    rows = Path(path).read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(row.split("\t")[:2]) for row in rows if row.strip()]  # type: ignore[misc]


def measure_anchors(encoder, pairs: Sequence[tuple[str, str]] | None = None) -> Anchors:
    """Median cosines of ``encoder`` on parallel ``pairs`` (default: the shipped corpus).

    Rows are assumed unrelated to each other, so every off-diagonal pair is
    a null pair.
    """
    pairs = list(pairs if pairs is not None else load_corpus())
    if len(pairs) < 5:
        raise ValueError(f"calibration needs at least 5 parallel pairs, got {len(pairs)}")
    a = np.asarray(encoder.encode([p[0] for p in pairs], show_progress_bar=False), np.float32)
    b = np.asarray(encoder.encode([p[1] for p in pairs], show_progress_bar=False), np.float32)
    off = ~np.eye(len(pairs), dtype=bool)
    cross = a @ b.T
    same = np.concatenate([(a @ a.T)[off], (b @ b.T)[off]])
    return Anchors(null=float(np.median(cross[off])), positive=float(np.median(np.diag(cross))),
                   same_null=float(np.median(same)))


_MEMORY: dict[str, Calibration] = {}
_LOCK = threading.Lock()


def _fingerprint(encoder) -> str:
    vectors = np.asarray(encoder.encode(list(_PROBES), show_progress_bar=False), np.float32)
    digest = hashlib.sha256(f"{_METHOD}\x00{encoder.name}\x00".encode("utf-8"))
    digest.update(np.round(vectors, 3).astype(np.float32).tobytes())
    return digest.hexdigest()[:24]


def calibration_for(encoder, cache_dir: str | Path | None = None) -> Calibration:
    """The encoder's calibration: its own ``calibration`` attribute, else measured once.

    Measuring embeds the 100 sentences of the shipped corpus (under a second
    for USE-m, a few seconds for a small transformer on a CPU); the result is
    kept in memory and on disk, so later runs and processes reuse it.
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
        return Calibration(**data["calibration"])
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
