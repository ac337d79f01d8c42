"""Same event or not: a judgement on a pair of reports that ignores every other document.

Two reports in different languages can be about the same people and the same
topic and still report different meetings (a visit on Tuesday, a phone call
on Monday). :func:`judge` weighs four kinds of evidence that only the two
texts provide:

* **what**: the share of each report's sentences whose best counterpart in
  the other report is a clear match (cosine, on the reference scale of
  :mod:`align.encoders.calibration`, at or above the link cosine floor plus
  :data:`STATEMENT_FLOOR_OFFSET` *and* ratio margin, against the pair's own
  sentences, at or above :data:`STATEMENT_MARGIN`). Margins are taken inside the pair,
  never against a folder, so the score of a pair does not move when other
  documents come or go.
* **who / where**: proper names of the English report (capitalised words that
  are not common sentence words) found in the Arabic report by consonant
  skeleton: both scripts are reduced to classes of consonants (vowels, و and
  ي, ع and hamza dropped; ق/ك/خ/غ and q/k/c/kh/g one class ...), so
  "Erdogan" and «أردوغان» both read ``RDKN``. People and places are not told
  apart: no gazetteer is shipped.
* **when**: weekdays and day-month dates (any digits, any language, through
  :func:`align.differences.numbers.extract`). Agreement is evidence for, two
  sets of dates with nothing in common is evidence against.
* **numbers**: shared numeric values (counts, amounts, percentages).

The four are combined by a logistic regression fitted by
``benchmarks/same_event.py`` on pairs made from NTREX-128 (same event:
translations, and documents split into two parts sharing 1/2, 1/3 or 1/5 of
their sentences; different events: other stories, random and nearest) and
the seed reports (001/003/004 against 002: same people, other meetings);
every group weighs the same. Its coefficients are the ``COEF_*`` constants
below. ``probability`` is that regression's output, the fitted chance that
the two reports cover one event; 0.5 is the decision point. Weekday/date
agreement earned no weight in the fit (most NTREX stories share one
weekend), disagreement does.

Checked on data it never saw (the real development pairs, different
outlets): all 72 cross pairs of different events score <= 0.05, eight of the
nine same-event pairs >= 0.78; the ninth (a Mars probe named by translation,
«مسبار الأمل» for "Hope probe", so no name is shared) scores 0.48.

Example:
    >>> import align
    >>> cmp = align.compare(arabic_report, english_report)   # doctest: +SKIP
    >>> cmp.same_event.same, round(cmp.same_event.probability, 2)  # doctest: +SKIP
    (False, 0.03)
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .differences.numbers import extract
from .matching.similarity import cosine_matrix, knn_means, margin_of, row_blocks
from .text.document import Document
from .text.names import ARABIC_WORD, arabic_skeletons, latin_names, readings
from .text.normalise import fold

if TYPE_CHECKING:
    from .result import Comparison

logger = logging.getLogger(__name__)

#: Ratio margin (best cosine over the mean of the 4 best, inside the pair) from
#: which a sentence's best match counts as a shared statement. Chosen by
#: benchmarks/same_event.py: the lowest log-loss of the fit over 1.10-1.20
#: (jointly with STATEMENT_FLOOR_OFFSET).
#: Stricter than compare's link margin (1.06): two reports of one topic share
#: many loose matches, reports of one event a few that stand out.
STATEMENT_MARGIN = 1.15
#: Added to the link cosine floor (AlignConfig().linking.cosine_floor, on the
#: reference scale) for a statement to count as shared event evidence: two
#: short reports of one genre match a sentence or two just above the link
#: floor by chance. Chosen by benchmarks/same_event.py (log-loss of the fit
#: over 0, 0.05, 0.10, with USE-m, the reference encoder).
STATEMENT_FLOOR_OFFSET = 0.05
_MARGIN_K = 4

#: Logistic coefficients, fitted by benchmarks/same_event.py (see its output),
#: in the order of FEATURES.
COEF_INTERCEPT = -4.28
COEF_STATEMENTS = 13.89
COEF_NAMES = 3.80
COEF_WHEN_AGREE = 0.00
COEF_WHEN_CONFLICT = -1.38
COEF_NUMBERS = 3.48
#: A pair is judged the same event from this probability on (the midpoint).
SAME_EVENT_PROBABILITY = 0.5


# -- facts of one document ---------------------------------------------------------
@dataclass(frozen=True)
class Facts:
    """What one report says that names an event: names, dates, numbers.

    ``names`` maps a consonant skeleton to a spelling (Latin script: the
    capitalised words; Arabic script: every word, with and without its
    prefixes, as Arabic has no capitals); ``latin`` says which of the two.
    """

    latin: bool
    names: dict
    weekdays: frozenset[int]
    days: frozenset[tuple[int, int]]
    numbers: frozenset[float]


def facts(text: str, lang: str | None = None) -> Facts:
    """Extract the event facts of one report (``lang`` "ar", "en", ... or None to guess by script).

    Example:
        >>> f = facts("On Tuesday, 19 July, Erdogan met Raisi in Tehran.", "en")
        >>> sorted(f.names.values()), sorted(f.weekdays), sorted(f.days)
        (['Erdogan', 'Raisi', 'Tehran'], [1], [(19, 7)])
    """
    arabic_letters = len(ARABIC_WORD.findall(text))
    latin = arabic_letters < len(re.findall(r"[A-Za-z]+", text))
    if lang is not None:
        latin = not lang.startswith("ar")
    names = latin_names(text) if latin else {s: s for s in arabic_skeletons(text)}
    weekdays: set[int] = set()
    days: set[tuple[int, int]] = set()
    numbers: set[float] = set()
    for m in extract(text, lang):
        if m.kind == "weekday" and m.certain and m.weekday is not None:
            weekdays.add(m.weekday)
        elif m.kind == "date":
            days.update((d, mo) for d, mo, _ in m.dates if d is not None and mo is not None)
        elif m.kind in ("number", "percent") and m.values:
            # One reading per mention (the smallest) keeps ambiguous spellings from counting twice.
            v = min(m.values)
            if v >= 2 and not (1900 <= v <= 2100 and float(v).is_integer()):
                numbers.add(round(v, 3))
    return Facts(latin, names, frozenset(weekdays), frozenset(days), frozenset(numbers))


# -- statements ------------------------------------------------------------------
def sentence_texts(doc: Document) -> list[str]:
    """What the encoder sees of each segment: folded, spaces squeezed.

    The same text align.compare encodes for its sentence units, so judging a
    comparison reads its embeddings from the encoder's cache.

    Example:
        >>> from align.text import segment_text
        >>> sentence_texts(segment_text("One  report. Two.", "en"))
        ['One report.', 'Two.']
    """
    return [fold(" ".join(s.text.split()), doc.lang) for s in doc.segments]


def statement_shares(emb_a: np.ndarray, emb_b: np.ndarray, cosine_floor: float | None = None,
                     margin: float = STATEMENT_MARGIN, calibration=None) -> tuple[float, float]:
    """Share of each side's sentences (unit vectors) with a clear match on the other side.

    The ratio margin uses the pair's own sentences as neighbourhood, so the
    result depends on these two reports only. ``calibration`` (an
    :class:`align.encoders.calibration.Calibration`) puts the encoder's
    cosines on the reference scale first; ``cosine_floor`` defaults to
    :func:`statement_floor`.

    Example:
        >>> statement_shares(np.eye(3, dtype=np.float32), np.eye(3, dtype=np.float32)[:2])
        (0.6666666666666666, 1.0)
    """
    if len(emb_a) == 0 or len(emb_b) == 0:
        return 0.0, 0.0
    if cosine_floor is None:
        cosine_floor = statement_floor()
    emb_a, emb_b = np.asarray(emb_a, np.float32), np.asarray(emb_b, np.float32)
    transform = ((lambda sims, start, stop: calibration.cross(sims)) if calibration is not None
                 else None)
    # The ratio margin of the whole sentence matrix, a block of rows at a time.
    row_ref = knn_means(emb_a, emb_b, _MARGIN_K, transform=transform)
    col_ref = knn_means(emb_b, emb_a, _MARGIN_K, transform=transform)
    # A pair with one sentence on a side has no neighbourhood: the cosine floor alone decides.
    floor_only = len(emb_a) == 1 or len(emb_b) == 1
    found_a = np.zeros(len(emb_a), dtype=bool)
    found_b = np.zeros(len(emb_b), dtype=bool)
    for start, stop in row_blocks(len(emb_a), len(emb_b)):
        sim = cosine_matrix(emb_a[start:stop], emb_b)
        if transform is not None:
            sim = transform(sim, start, stop)
        good = sim >= cosine_floor
        if not floor_only:
            good &= margin_of(sim, row_ref[start:stop, None], col_ref[None, :]) >= margin
        found_a[start:stop] = good.any(axis=1)
        found_b |= good.any(axis=0)
    return float(found_a.mean()), float(found_b.mean())


# -- the judgement ------------------------------------------------------------------
@dataclass(frozen=True)
class EventEvidence:
    """The evidence behind a :class:`SameEvent` judgement, each part readable alone.

    ``statements`` is the geometric mean of the two shares of sentences with
    a clear counterpart; ``names`` the share of the Latin-script report's
    names found in the other (``shared_names`` lists them); ``when_agree`` /
    ``when_conflict`` are 1.0 when a weekday or day-month is shared / when
    both reports give some and none agree; ``numbers`` the share of the
    larger set of numeric values (plus one) found in the other report.
    """

    statements: float
    share_a: float
    share_b: float
    names: float
    shared_names: tuple[str, ...]
    when_agree: float
    when_conflict: float
    shared_dates: tuple[str, ...]
    numbers: float

    def vector(self) -> np.ndarray:
        """The regression's inputs, in the order of :data:`COEFFICIENTS`."""
        return np.array([self.statements, self.names, self.when_agree, self.when_conflict,
                         self.numbers], dtype=np.float64)


FEATURES = ("statements", "names", "when_agree", "when_conflict", "numbers")


def coefficients() -> tuple[float, np.ndarray]:
    """The fitted intercept and weights (read from the module constants at call time)."""
    return COEF_INTERCEPT, np.array([COEF_STATEMENTS, COEF_NAMES, COEF_WHEN_AGREE,
                                     COEF_WHEN_CONFLICT, COEF_NUMBERS])


@dataclass(frozen=True)
class SameEvent:
    """Whether two reports cover the same event.

    ``probability`` is the fitted logistic score in [0, 1]; ``same`` is
    ``probability >= SAME_EVENT_PROBABILITY``; ``evidence`` holds the parts.
    """

    probability: float
    same: bool
    evidence: EventEvidence

    def headline(self) -> str:
        """The sentence report headers show: plain about different events.

        Example:
            >>> judgement.headline()  # doctest: +SKIP
            'These look like reports of DIFFERENT EVENTS (p=0.05): ...'
        """
        if self.same:
            return f"Same event ({self.summary()})."
        return (f"DIFFERENT EVENTS: these look like reports of two different events "
                f"({self.summary()}). Links pair statements that are merely alike; "
                "matched shares do not mean the reports agree.")

    def summary(self) -> str:
        """One line for report headers.

        Example:
            >>> judgement.summary()  # doctest: +SKIP
            'p=0.05; 5% of statements shared; names shared: Erdogan, Iran; dates disagree'
        """
        e = self.evidence
        names = ", ".join(e.shared_names[:5]) + (", ..." if len(e.shared_names) > 5 else "")
        when = (f"dates agree: {', '.join(e.shared_dates)}" if e.when_agree
                else "dates disagree" if e.when_conflict else "no date in common")
        return (f"p={self.probability:.2f}; {e.statements:.0%} of statements shared; "
                f"names shared: {names or 'none'}; {when}")

    def to_dict(self) -> dict:
        e = self.evidence
        return {"same": self.same, "probability": round(self.probability, 4),
                "statements": round(e.statements, 4), "names": round(e.names, 4),
                "shared_names": list(e.shared_names), "when_agree": bool(e.when_agree),
                "when_conflict": bool(e.when_conflict), "shared_dates": list(e.shared_dates),
                "numbers": round(e.numbers, 4)}


def evidence(facts_a: Facts, facts_b: Facts, shares: tuple[float, float]) -> EventEvidence:
    """Combine the two reports' facts and statement shares into :class:`EventEvidence`."""
    share_a, share_b = shares
    statements = math.sqrt(max(share_a, 0.0) * max(share_b, 0.0))
    if facts_a.latin == facts_b.latin:
        names_l, other = facts_a.names, set(facts_b.names)
        shared = [names_l[s] for s in names_l if s in other]  # same script: same spelling
        n = min(len(facts_a.names), len(facts_b.names))
    else:
        latin, other_f = (facts_a, facts_b) if facts_a.latin else (facts_b, facts_a)
        shared = [latin.names[s] for s in latin.names
                  if any(v in other_f.names for v in readings(s))]
        n = len(latin.names)
    names = len(shared) / n if n else 0.0
    dates = [f"{d}/{m}" for d, m in sorted(facts_a.days & facts_b.days)]
    from .differences.numbers import WEEKDAY_NAMES

    dates += [WEEKDAY_NAMES[w] for w in sorted(facts_a.weekdays & facts_b.weekdays)]
    stated = (facts_a.days or facts_a.weekdays) and (facts_b.days or facts_b.weekdays)
    agree = 1.0 if dates else 0.0
    conflict = 1.0 if stated and not dates else 0.0
    nums = facts_a.numbers & facts_b.numbers
    # Against the larger set, plus one: a single shared "18" of two short
    # reports is weak evidence, five of five is strong.
    numbers = len(nums) / (max(len(facts_a.numbers), len(facts_b.numbers)) + 1)
    return EventEvidence(statements, share_a, share_b, names, tuple(sorted(shared)), agree, conflict,
                         tuple(dates), numbers)


def statement_floor(config=None, offset: float | None = None) -> float:
    """The reference-scale cosine a shared statement must reach: the link floor plus the offset.

    Example:
        >>> round(statement_floor(), 2)
        0.45
    """
    from .config import AlignConfig

    base = (config or AlignConfig()).linking.cosine_floor
    return float(base or 0.0) + (STATEMENT_FLOOR_OFFSET if offset is None else offset)


def judge(ev: EventEvidence) -> SameEvent:
    """The fitted logistic judgement of one :class:`EventEvidence`."""
    intercept, weights = coefficients()
    z = intercept + float(weights @ ev.vector())
    p = 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))
    return SameEvent(p, p >= SAME_EVENT_PROBABILITY, ev)


def judge_embedded(text_a: str, text_b: str, emb_a: np.ndarray, emb_b: np.ndarray, *,
                   lang_a: str | None = None, lang_b: str | None = None,
                   cosine_floor: float | None = None, calibration=None) -> SameEvent:
    """Judge two reports from their texts and their sentence embeddings (unit vectors)."""
    shares = statement_shares(emb_a, emb_b, cosine_floor, calibration=calibration)
    return judge(evidence(facts(text_a, lang_a), facts(text_b, lang_b), shares))


def judge_comparison(cmp: "Comparison", encoder) -> SameEvent:
    """Judge the two reports of a :class:`~align.result.Comparison` with ``encoder``.

    :func:`align.compare` judges every comparison as it runs
    (``cmp.same_event``); this serves a comparison built another way.
    """
    emb_a = encoder.encode(sentence_texts(cmp.a), show_progress_bar=False)
    emb_b = encoder.encode(sentence_texts(cmp.b), show_progress_bar=False)
    return judge_embedded(cmp.a.text, cmp.b.text, emb_a, emb_b, lang_a=cmp.a.lang,
                          lang_b=cmp.b.lang, cosine_floor=statement_floor(cmp.settings.config),
                          calibration=cmp.settings.calibration)
