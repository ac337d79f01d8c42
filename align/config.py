"""The one configuration behind a comparison, and the record of what ran.

:class:`AlignConfig` is a frozen value holding every setting that changes a
comparison's output: the encoder's name, the evidence settings
(:class:`ScoringParams`), the link decision
(:class:`~align.matching.assignment.LinkingParams`) and the flag decisions
(:class:`~align.differences.flags.FlagParams`). :func:`align.compare`,
:func:`align.check`, pairing, batch and Dask all take one; their keyword
arguments (``link_margin=``, ``max_window=``, …) are shortcuts that replace
fields of it. Each default lives once, in the dataclass that owns it, with
the benchmark that chose it.

:class:`Settings` records what actually ran (the configuration, the
encoder's name and calibration, the segmenter, the version); the signature
is derived from it, so it cannot drift from the settings used: it spells out
the main thresholds and ends with a digest of every other decision setting
(``cfg:``) and the calibration (``cal:``).

Example:
    >>> from align.config import AlignConfig
    >>> cfg = AlignConfig().replace(link_margin=1.1, **{"linking.rival_gap": 0.05})
    >>> cfg.linking.margin, cfg.linking.rival_gap
    (1.1, 0.05)
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from ._version import __version__
from .differences.flags import FlagParams
from .encoders.calibration import Calibration, calibration_for
from .matching.assignment import LinkingParams
from .text import SEGMENTER_NAME


@dataclass(frozen=True)
class ScoringParams:
    """How the evidence between units is computed.

    ``margin_k``: neighbours in the ratio margin (Artetxe & Schwenk 2019 use
    4). ``max_window``: the longest run of sentences tried as one side of a
    merge (2 beat 3 on NTREX, ``benchmarks/ntrex_synthetic.py``: link F1
    0.958 against 0.956, flag F1 0.856 against 0.849).
    ``window_embedding``: ``"mean"`` embeds a window as the mean of its
    sentences' vectors (as accurate on NTREX, over twice as fast),
    ``"encode"`` encodes its text. ``null_cosine`` / ``null_spread``: mean
    and deviation of the cosine of unrelated sentences on the reference
    scale (USE-m on the STS 2017 ar-en pairs rated 0-1, printed by
    ``benchmarks/encoders.py``); they pad neighbourhoods and stand in for the
    background of very short pairs.
    """

    margin_k: int = 4
    max_window: int = 2
    window_embedding: str = "mean"
    null_cosine: float = 0.29
    null_spread: float = 0.12

    def __post_init__(self) -> None:
        if not isinstance(self.margin_k, int) or isinstance(self.margin_k, bool) or self.margin_k < 1:
            raise ValueError(f"margin_k must be a positive integer, got {self.margin_k!r}")
        if self.window_embedding not in ("encode", "mean"):
            raise ValueError(
                f"window_embedding must be 'encode' or 'mean', got {self.window_embedding!r}")
        if (not isinstance(self.max_window, int) or isinstance(self.max_window, bool)
                or not 1 <= self.max_window <= 5):
            raise ValueError(f"max_window must be an integer from 1 to 5, got {self.max_window!r}")
        if not self.null_spread > 0:
            raise ValueError(f"null_spread must be positive, got {self.null_spread!r}")


#: Keyword shortcuts of :func:`align.compare` and the fields they set.
SHORTCUTS: dict[str, str] = {
    "link_margin": "linking.margin",
    "link_z": "linking.z",
    "partial_margin": "flags.partial_margin",
    "partial_z": "flags.partial_z",
    "margin_k": "scoring.margin_k",
    "max_window": "scoring.max_window",
    "window_embedding": "scoring.window_embedding",
}


@dataclass(frozen=True)
class AlignConfig:
    """Every setting that changes a comparison's output, in one frozen value.

    ``encoder`` names a registered encoder (``None``: the default,
    ``"use-m"``); an encoder instance is passed to :func:`align.compare`
    beside the configuration instead. ``calibration`` maps the encoder's
    cosines onto the scale the thresholds were chosen on; ``None`` (the
    default) takes the encoder's own, measured once on first use
    (:func:`align.encoders.calibration.calibration_for`).
    """

    encoder: str | None = None
    scoring: ScoringParams = field(default_factory=ScoringParams)
    linking: LinkingParams = field(default_factory=LinkingParams)
    flags: FlagParams = field(default_factory=FlagParams)
    calibration: Calibration | None = None

    def replace(self, **changes: Any) -> "AlignConfig":
        """A copy with fields changed, by shortcut (``link_margin``) or dotted path.

        Dotted paths reach any field (``"linking.rival_gap"``,
        ``"flags.window_margin"``); values are validated as the new
        configuration is built. An unknown name raises ``ValueError``.
        """
        config = self
        for name, value in changes.items():
            path = SHORTCUTS.get(name, name).split(".")
            config = _replace_path(config, path, value, name)
        return config

    def calibration_of(self, encoder) -> Calibration:
        """The calibration a run with ``encoder`` uses: this configuration's, else the encoder's own."""
        return self.calibration if self.calibration is not None else calibration_for(encoder)

    def as_dict(self) -> dict:
        """Every field, nested, as plain values."""
        return dataclasses.asdict(self)

    def digest(self) -> str:
        """Six hex digits over every decision setting (not the encoder or calibration,
        which the signature names on their own): any change of a threshold changes it."""
        data = self.as_dict()
        del data["encoder"], data["calibration"]
        phrases = data["flags"]["phrases"]
        if phrases is not None and phrases.get("word_aligner") is None:
            # Opt-in word alignment: its settings count only when it runs, so
            # configurations without it keep the digest they had before it.
            phrases.pop("word_aligner", None)
            phrases.pop("word", None)
        text = json.dumps(data, sort_keys=True, default=repr)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


def _replace_path(obj: Any, path: list[str], value: Any, name: str) -> Any:
    names = {f.name for f in dataclasses.fields(obj)}
    if path[0] not in names:
        raise ValueError(
            f"unknown setting {name!r}; use one of {sorted(SHORTCUTS)} or a dotted path "
            f"such as 'linking.rival_gap' (fields here: {sorted(names)})")
    if len(path) == 1:
        return dataclasses.replace(obj, **{path[0]: value})
    inner = getattr(obj, path[0])
    if not dataclasses.is_dataclass(inner):
        raise ValueError(f"setting {name!r}: {path[0]!r} has no fields")
    return dataclasses.replace(obj, **{path[0]: _replace_path(inner, path[1:], value, name)})


@dataclass(frozen=True)
class Settings:
    """What produced a comparison: the configuration as run, the encoder's name, segmenter and version.

    Built by :func:`align.compare` from the configuration it ran with; the
    :attr:`signature` is derived from these fields only.
    """

    encoder: str
    config: AlignConfig = field(default_factory=AlignConfig)
    #: The calibration that ran: the configuration's, or the encoder's own.
    calibration: Calibration = field(default_factory=Calibration)
    segmenter: str = SEGMENTER_NAME
    version: str = __version__
    #: ``None`` for :func:`align.compare`; another method (a baseline, a
    #: hand-built result) names itself here and its signature says only that.
    method: str | None = None

    @property
    def signature(self) -> str:
        """A sacrebleu-style one-line description, to publish with results."""
        if self.method is not None:
            return (f"method:{self.method}|enc:{self.encoder}|seg:{self.segmenter}"
                    f"|align:{self.version}")
        s, ln, fl = self.config.scoring, self.config.linking, self.config.flags
        rival = "off" if ln.rival_gap is None else f"{ln.rival_gap:g}"
        if ln.restatements and ln.rival_gap is not None:
            rival += "+restate"
        words = f"+words{fl.window_margin:g}-z{fl.window_z:g}" if fl.use_windows else ""
        gaps = "" if ln.gaps is None else f"+gap{ln.gaps.floor:g}x{ln.gaps.max_gap}"
        if ln.secondary is not None:
            gaps += f"+second{ln.secondary.gap:g}"
        return (
            f"enc:{self.encoder}|seg:{self.segmenter}|margin:ratio-k{s.margin_k}"
            f"|win:{s.max_window}-{s.window_embedding}|link:{ln.margin:g}"
            f"-z{ln.z:g}{gaps}|rival:{rival}|partial:{fl.partial_margin:g}"
            f"-z{fl.partial_z:g}{words}|cal:{self.calibration.tag}"
            f"|cfg:{self.config.digest()}|align:{self.version}"
        )
