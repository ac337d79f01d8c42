"""Score a :class:`~align.result.Comparison` against statement-level gold.

The gold format (``data/gold/*.json``, see its ``description``) lists *units*:
statements with character spans ``[start, end)`` in each text, keyed by
language (``"ar"``, ``"en"``). A unit with spans on both sides is a statement
both versions express (*two-sided*); a unit with spans on one side only is a
statement present in that version alone (*one-sided*). A unit may hold several
spans per side (a statement repeated, or expressed in two places). Units of
severity ``"minor"`` are borderline: they are neither rewarded nor penalised.

Metrics (all character counts ignore whitespace, so segment boundaries that
leave or take a space never matter):

Link recall
    Over two-sided major units. A unit is *found* when one link joins
    segments holding at least half (``min_share``) of the unit's characters
    on each side; with several spans on a side, their total length counts.
Link precision
    Over linked segment pairs: the pairs ``(i, j)`` of every link's a-ids ×
    b-ids, deduplicated across links. A pair is *correct* when segment ``i``
    and segment ``j`` touch (share at least one character with) one same
    major unit. It is *neutral* (left out) when they share only a minor unit,
    or when either segment touches no major unit at all (text the gold does
    not judge: a minor unit, or words outside every unit). Otherwise wrong.
Flag precision
    Over flagged characters: those inside a one-sided major unit (on its own
    side) are correct, those inside a two-sided major unit are wrong; those
    inside a minor unit or outside every unit are neutral. Overlapping flags
    count each character once.
Flag recall
    Over one-sided major units: a unit is *found* when at least half
    (``min_share``) of its characters are flagged.

Flags of kind ``conflict`` (both versions state a fact, with different
values) claim no one-sided statement and are left out of the flag metrics.

F1 is the harmonic mean of precision and recall (0 when both are 0). A
precision with nothing to judge (no links, no flags) and a recall with nothing
to find (no one-sided units, say in a clean pair) take the value
``zero_division`` (1.0 by default: nothing claimed means nothing claimed
wrongly; nothing to find means nothing missed). Scores of several pairs add up
(``sum(scores_list, start=...)`` or :func:`combine`) into micro-averages.

Example:
    >>> import align
    >>> from align.evaluation import load_gold, evaluate
    >>> gold = load_gold("data/gold/seed_pair_000_002.json")
    >>> cmp = align.compare(arabic_text, english_text)      # doctest: +SKIP
    >>> scores = evaluate(cmp, gold)                          # doctest: +SKIP
    >>> round(scores.link_f1, 3), round(scores.flag_f1, 3)    # doctest: +SKIP
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Literal, Mapping

import numpy as np

from .errors import AlignInputError

if TYPE_CHECKING:
    import pandas as pd

    from .result import Comparison

Severity = Literal["major", "minor"]

#: Share of a unit's characters a link (or the flags) must hold for the unit
#: to count as found; the definition the project's issue gives.
MIN_SHARE = 0.5

#: The comparison side each gold language is read from unless told otherwise.
DEFAULT_SIDES: Mapping[str, str] = {"a": "ar", "b": "en"}


# -- gold ----------------------------------------------------------------------
#: Keys of a gold file's ``pair`` that name the pair rather than a language.
_PAIR_KEYS = frozenset({"id"})

@dataclass(frozen=True)
class GoldUnit:
    """One gold statement: its spans per language and its severity.

    ``spans[lang]`` is a tuple of ``(start, end)`` pairs (possibly empty);
    ``texts[lang]`` the matching texts when the gold file gives them.
    """

    id: str
    severity: Severity
    spans: Mapping[str, tuple[tuple[int, int], ...]]
    texts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: A one-sided unit whose counterpart is probably missing only because the
    #: other copy was cut short (real pairs from an archive): not judged.
    truncated: bool = False
    #: A two-sided unit whose versions give different values for one fact.
    conflict: bool = False

    @property
    def langs(self) -> tuple[str, ...]:
        """Languages in which the unit has at least one span."""
        return tuple(lang for lang, spans in self.spans.items() if spans)

    @property
    def one_sided(self) -> bool:
        """True for a statement present in one version only."""
        return len(self.langs) == 1

    @property
    def major(self) -> bool:
        """Judged by the metrics: severity major and not cut off by truncation."""
        return self.severity == "major" and not self.truncated


@dataclass(frozen=True)
class Gold:
    """The gold correspondences of one report pair.

    ``pair`` maps each language to the file (or name) of its text; ``langs``
    gives the languages in file order.
    """

    pair: Mapping[str, str]
    description: str
    units: tuple[GoldUnit, ...]

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(k for k in self.pair if k not in _PAIR_KEYS)

    @classmethod
    def from_dict(cls, data: Mapping) -> "Gold":
        """Build from the parsed JSON structure (see the module docstring)."""
        try:
            pair = dict(data["pair"])
            raw_units = data["units"]
        except (KeyError, TypeError) as exc:
            raise AlignInputError(f"gold needs 'pair' and 'units' keys: {exc}") from None
        langs = tuple(k for k in pair if k not in _PAIR_KEYS)
        units = []
        for k, raw in enumerate(raw_units):
            uid = str(raw.get("id", f"u{k + 1:02d}"))
            severity = raw.get("severity", "major")
            if severity not in ("major", "minor"):
                raise AlignInputError(f"gold unit {uid}: unknown severity {severity!r}")
            spans, texts = {}, {}
            for lang in langs:
                try:
                    spans[lang] = tuple((int(s), int(e)) for s, e in raw.get(lang, []))
                except (TypeError, ValueError):
                    raise AlignInputError(
                        f"gold unit {uid}: spans of {lang!r} must be [start, end] pairs"
                    ) from None
                for s, e in spans[lang]:
                    if not 0 <= s <= e:
                        raise AlignInputError(f"gold unit {uid}: bad span [{s}, {e}]")
                if f"{lang}_text" in raw:
                    texts[lang] = tuple(raw[f"{lang}_text"])
            if not any(spans.values()):
                raise AlignInputError(f"gold unit {uid} has no span on any side")
            units.append(GoldUnit(uid, severity, spans, texts,
                                  truncated=bool(raw.get("truncated", False)),
                                  conflict=bool(raw.get("conflict", False))))
        return cls(pair=pair, description=str(data.get("description", "")), units=tuple(units))

    def to_dict(self) -> dict:
        """The JSON structure of the gold format (inverse of :meth:`from_dict`)."""
        units = []
        for u in self.units:
            row: dict = {"id": u.id, "severity": u.severity}
            if u.truncated:
                row["truncated"] = True
            if u.conflict:
                row["conflict"] = True
            for lang in self.langs:
                row[lang] = [[s, e] for s, e in u.spans.get(lang, ())]
            for lang in self.langs:
                if lang in u.texts:
                    row[f"{lang}_text"] = list(u.texts[lang])
            units.append(row)
        return {"pair": dict(self.pair), "description": self.description, "units": units}


def load_gold(path: str | Path) -> Gold:
    """Read a gold file (JSON, UTF-8).

    Example:
        >>> gold = load_gold("data/gold/seed_pair_000_002.json")  # doctest: +SKIP
        >>> sum(u.one_sided for u in gold.units)                  # doctest: +SKIP
        3
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AlignInputError(f"gold file not found: {path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AlignInputError(f"gold file {path} is not UTF-8 JSON: {exc}") from None
    return Gold.from_dict(data)


# -- scores --------------------------------------------------------------------
@dataclass(frozen=True)
class Counts:
    """The raw counts behind the scores; they add up across pairs."""

    link_pairs_correct: int = 0
    link_pairs_wrong: int = 0
    link_pairs_neutral: int = 0
    gold_links: int = 0
    gold_links_found: int = 0
    flag_chars_correct: int = 0
    flag_chars_wrong: int = 0
    flag_chars_neutral: int = 0
    gold_flags: int = 0
    gold_flags_found: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True)
class UnitOutcome:
    """How one gold unit fared.

    ``kind`` is ``"two-sided"`` (judged by link recall) or ``"one-sided"``
    (judged by flag recall); ``side`` is the comparison side of a one-sided
    unit. ``share`` is the best share reached (for a two-sided unit the
    smaller of the two sides' shares under the best link; for a one-sided unit
    the flagged share). ``found`` is None for minor units, which are not judged.
    """

    id: str
    severity: Severity
    kind: Literal["two-sided", "one-sided"]
    side: str | None
    share: float
    found: bool | None


def _ratio(num: int, den: int, zero_division: float) -> float:
    return num / den if den else zero_division


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


@dataclass(frozen=True)
class Scores:
    """Link and flag precision, recall and F1 of one or several pairs.

    Scores add up: ``a + b`` sums the counts (micro-averaging) and keeps the
    unit outcomes of both.
    """

    counts: Counts
    units: tuple[UnitOutcome, ...] = ()
    zero_division: float = 1.0

    @property
    def link_precision(self) -> float:
        c = self.counts
        return _ratio(c.link_pairs_correct, c.link_pairs_correct + c.link_pairs_wrong,
                      self.zero_division)

    @property
    def link_recall(self) -> float:
        return _ratio(self.counts.gold_links_found, self.counts.gold_links, self.zero_division)

    @property
    def link_f1(self) -> float:
        return _f1(self.link_precision, self.link_recall)

    @property
    def flag_precision(self) -> float:
        c = self.counts
        return _ratio(c.flag_chars_correct, c.flag_chars_correct + c.flag_chars_wrong,
                      self.zero_division)

    @property
    def flag_recall(self) -> float:
        return _ratio(self.counts.gold_flags_found, self.counts.gold_flags, self.zero_division)

    @property
    def flag_f1(self) -> float:
        return _f1(self.flag_precision, self.flag_recall)

    def __add__(self, other: "Scores") -> "Scores":
        if not isinstance(other, Scores):
            return NotImplemented
        return Scores(self.counts + other.counts, self.units + other.units, self.zero_division)

    def as_dict(self) -> dict:
        """The six metrics followed by the raw counts, as plain numbers."""
        metrics = {
            name: getattr(self, name)
            for name in ("link_precision", "link_recall", "link_f1",
                         "flag_precision", "flag_recall", "flag_f1")
        }
        return {**metrics, **asdict(self.counts)}

    def to_frame(self) -> "pd.DataFrame":
        """One-row DataFrame of :meth:`as_dict`."""
        import pandas as pd

        return pd.DataFrame([self.as_dict()])

    def units_frame(self) -> "pd.DataFrame":
        """One row per gold unit: id, severity, kind, side, share, found."""
        import pandas as pd

        return pd.DataFrame([asdict(u) for u in self.units],
                            columns=["id", "severity", "kind", "side", "share", "found"])

    def __str__(self) -> str:
        return (
            f"link P/R/F1 {self.link_precision:.3f}/{self.link_recall:.3f}/{self.link_f1:.3f}"
            f" | flag P/R/F1 {self.flag_precision:.3f}/{self.flag_recall:.3f}"
            f"/{self.flag_f1:.3f}"
        )


def combine(scores: Iterable[Scores]) -> Scores:
    """Micro-average: the scores of the summed counts of several pairs."""
    total = Scores(Counts())
    for s in scores:
        total = Scores(total.counts + s.counts, total.units + s.units, s.zero_division)
    return total


# -- evaluation ----------------------------------------------------------------
class _SideView:
    """Character masks of one comparison side against the gold units."""

    def __init__(self, text: str, segments, units: tuple[GoldUnit, ...], lang: str,
                 side: str):
        n = len(text)
        self.solid = np.fromiter((not ch.isspace() for ch in text), dtype=bool, count=n)
        self.unit_masks = np.zeros((len(units), n), dtype=bool)
        for k, unit in enumerate(units):
            for s, e in unit.spans.get(lang, ()):
                if e > n:
                    raise AlignInputError(
                        f"gold unit {unit.id}: span [{s}, {e}] runs past the end of side "
                        f"{side!r} ({n} characters); is the gold for these texts?"
                    )
                self.unit_masks[k, s:e] = True
            for (s, e), expected in zip(unit.spans.get(lang, ()), unit.texts.get(lang, ())):
                if text[s:e] != expected:
                    raise AlignInputError(
                        f"gold unit {unit.id}: the text at [{s}, {e}] of side {side!r} is "
                        f"{text[s:e][:40]!r}, the gold says {expected[:40]!r}; wrong texts "
                        "or sides swapped (see the sides parameter)?"
                    )
        self.unit_masks &= self.solid
        self.unit_sizes = self.unit_masks.sum(axis=1)
        seg_masks = np.zeros((len(segments), n), dtype=bool)
        for i, seg in enumerate(segments):
            seg_masks[i, seg.start:seg.end] = True
        # overlap[u, i]: characters of unit u inside segment i
        self.overlap = self.unit_masks.astype(np.int32) @ seg_masks.T.astype(np.int32)

    def held(self, seg_ids: tuple[int, ...]) -> np.ndarray:
        """Per unit, the share of its characters inside the given segments."""
        inside = np.minimum(self.overlap[:, list(seg_ids)].sum(axis=1), self.unit_sizes)
        return np.divide(inside, self.unit_sizes, out=np.zeros(len(inside)),
                         where=self.unit_sizes > 0)


def evaluate(
    comparison: "Comparison",
    gold: Gold,
    *,
    sides: Mapping[str, str] | None = None,
    min_share: float = MIN_SHARE,
    min_confidence: float = 0.0,
    zero_division: float = 1.0,
) -> Scores:
    """Score the links and flags of ``comparison`` against ``gold``.

    ``sides`` maps comparison sides to gold languages (default ``{"a": "ar",
    "b": "en"}``). Flags with a confidence below ``min_confidence`` are
    ignored, which lets a benchmark sweep the flagging threshold without
    recomputing the comparison. See the module docstring for the metrics.

    Example:
        >>> scores = evaluate(cmp, load_gold("data/gold/seed_pair_000_002.json"))  # doctest: +SKIP
        >>> print(scores)                                                          # doctest: +SKIP
        link P/R/F1 0.970/0.973/0.971 | flag P/R/F1 0.912/1.000/0.954
    """
    sides = dict(DEFAULT_SIDES if sides is None else sides)
    if set(sides) != {"a", "b"}:
        raise AlignInputError(f"sides must map 'a' and 'b' to gold languages, got {sides}")
    for side, lang in sides.items():
        if lang not in gold.langs:
            raise AlignInputError(
                f"side {side!r} is mapped to {lang!r}, but the gold has {list(gold.langs)}"
            )
    units = gold.units
    views = {
        side: _SideView(comparison.document(side).text, comparison.document(side).segments,
                        units, lang, side)
        for side, lang in sides.items()
    }
    major = np.array([u.major for u in units], dtype=bool)
    present = {s: np.array([bool(u.spans.get(lang)) for u in units], dtype=bool)
               for s, lang in sides.items()}
    two_sided = present["a"] & present["b"]
    one_sided = present["a"] ^ present["b"]

    # link recall: the best link per unit, by the smaller of its two shares
    best = np.zeros(len(units))
    for link in comparison.link_list:
        best = np.maximum(best, np.minimum(views["a"].held(link.a), views["b"].held(link.b)))

    # link precision over deduplicated segment pairs
    pairs = {(i, j) for link in comparison.link_list for i in link.a for j in link.b}
    touch_a = views["a"].overlap > 0
    touch_b = views["b"].overlap > 0
    correct = wrong = neutral = 0
    for i, j in sorted(pairs):
        shared = touch_a[:, i] & touch_b[:, j]
        if (shared & major).any():
            correct += 1
        elif shared.any() or not (touch_a[:, i] & major).any() or not (touch_b[:, j] & major).any():
            neutral += 1
        else:
            wrong += 1

    # flags: flagged characters by class, and flagged share of each unit
    flag_correct = flag_wrong = flag_neutral = 0
    flagged_share = np.zeros(len(units))
    for side, view in views.items():
        n = len(view.solid)
        flagged = np.zeros(n, dtype=bool)
        for f in comparison.flag_list:
            if f.side == side and f.confidence >= min_confidence and f.kind != "conflict":
                flagged[max(0, f.start):min(n, f.end)] = True
        flagged &= view.solid
        masks = view.unit_masks
        positive = masks[major & one_sided & present[side]].any(axis=0)
        minor = masks[~major].any(axis=0)
        negative = masks[major & two_sided].any(axis=0) & ~positive & ~minor
        flag_correct += int((flagged & positive).sum())
        flag_wrong += int((flagged & negative).sum())
        flag_neutral += int((flagged & ~positive & ~negative).sum())
        own = one_sided & present[side]
        hits = (masks & flagged).sum(axis=1)
        flagged_share[own] = np.divide(hits[own], view.unit_sizes[own],
                                       out=np.zeros(int(own.sum())),
                                       where=view.unit_sizes[own] > 0)

    outcomes = []
    for k, unit in enumerate(units):
        if two_sided[k]:
            share, kind, where = float(best[k]), "two-sided", None
        else:
            share, kind = float(flagged_share[k]), "one-sided"
            where = "a" if present["a"][k] else "b"
        found = bool(share >= min_share) if unit.major else None
        outcomes.append(UnitOutcome(unit.id, unit.severity, kind, where, share, found))

    judged_links = [o for o in outcomes if o.kind == "two-sided" and o.found is not None]
    judged_flags = [o for o in outcomes if o.kind == "one-sided" and o.found is not None]
    counts = Counts(
        link_pairs_correct=correct,
        link_pairs_wrong=wrong,
        link_pairs_neutral=neutral,
        gold_links=len(judged_links),
        gold_links_found=sum(o.found for o in judged_links),
        flag_chars_correct=flag_correct,
        flag_chars_wrong=flag_wrong,
        flag_chars_neutral=flag_neutral,
        gold_flags=len(judged_flags),
        gold_flags_found=sum(o.found for o in judged_flags),
    )
    return Scores(counts, tuple(outcomes), zero_division)


__all__ = [
    "Counts",
    "DEFAULT_SIDES",
    "Gold",
    "GoldUnit",
    "MIN_SHARE",
    "Scores",
    "UnitOutcome",
    "combine",
    "evaluate",
    "load_gold",
]
