"""Find each report's counterpart in another language: ``pair_documents``.

Two collections of reports (say Arabic and English) in, one-to-one pairs out,
each with a score, and "no counterpart" where none covers the same meeting.
Distractors are hard by nature (same people, same countries, another
meeting), so the decision rests on how much of each report aligns statement
by statement, not on whole-document vectors. Three steps keep the cost close
to linear in the size of the archive:

1. **Retrieve** a few candidates per document with a nearest-neighbour index
   (scikit-learn ``NearestNeighbors``) over mean-of-sentence embeddings,
   mean-centred per language: centring removes the direction every document
   of a language shares, which otherwise dominates the cosine.
2. **Score** each candidate pair by the same-event judgement of
   :mod:`align.event`: shared statements (ratio margins taken inside the
   pair), names, dates and numbers, combined by a fitted logistic
   regression. The score is that probability, computed from the two
   documents alone, so adding or removing other documents never moves it.
   ``scorer="compare"`` runs :func:`align.compare` on each candidate and
   judges its :attr:`~align.result.Comparison.same_event` (slower, same
   judgement).
3. **Assign** one-to-one (``scipy.optimize.linear_sum_assignment``) within
   each connected group of candidates, dropping pairs under ``threshold``
   (default: a probability of 0.5, "no counterpart" below it).

Example:
    >>> import align
    >>> result = align.pair_documents({"000.txt": arabic}, {"002.txt": english})  # doctest: +SKIP
    >>> result.frame                                                             # doctest: +SKIP
         a        b  score
    0  000.txt  002.txt  0.99
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Hashable, Iterable, Mapping, Sequence

import numpy as np

from .. import event
from ..encoders import Encoder
from ..encoders.shared import shared_encoder
from ..errors import AlignInputError
from ..text import check_text, resolve_language, segment_text

if TYPE_CHECKING:
    from ..config import AlignConfig
    import pandas as pd

logger = logging.getLogger(__name__)

#: A pair whose same-event probability is below this has no counterpart: the
#: judgement's own decision point (align/event.py, fitted by
#: benchmarks/same_event.py; pairing figures per overlap level:
#: benchmarks/same_event_pairing.py).
DEFAULT_THRESHOLD = event.SAME_EVENT_PROBABILITY
#: Ratio margin (inside the pair) from which a sentence counts as shared.
DEFAULT_SENTENCE_MARGIN = event.STATEMENT_MARGIN
#: Candidates retrieved per document, in each direction.
DEFAULT_CANDIDATES = 5

Docs = Mapping[Hashable, str] | Sequence[str]


@dataclass(frozen=True)
class DocumentPair:
    """One entry of a pairing: ``a`` and ``b`` are document names (None = no counterpart).

    ``score`` is the same-event probability in [0, 1] (for an unpaired
    document, its best candidate's, or 0.0); ``share_a`` / ``share_b`` are
    the shares of each side's sentences with a clear counterpart and
    ``same_event`` the full judgement with its evidence (None when unpaired).
    """

    a: Hashable | None
    b: Hashable | None
    score: float
    share_a: float | None = None
    share_b: float | None = None
    same_event: "event.SameEvent | None" = None


@dataclass(frozen=True)
class PairingSettings:
    """Everything besides the documents that determines a pairing."""

    encoder: str
    scorer: str
    threshold: float
    sentence_margin: float
    n_candidates: int

    @property
    def signature(self) -> str:
        from .._version import __version__

        return (f"enc:{self.encoder}|scorer:{self.scorer}|threshold:{self.threshold:g}"
                f"|margin:{self.sentence_margin:g}|cand:{self.n_candidates}|align:{__version__}")


@dataclass(frozen=True)
class Pairing:
    """The result of :func:`pair_documents`.

    ``pairs`` holds one entry per document of side a (in input order), then
    one per document of side b left without a counterpart (``a=None``).
    ``candidates`` holds every scored candidate pair ``(a, b, score)``, for
    analysis and threshold studies.
    """

    pairs: tuple[DocumentPair, ...]
    candidates: tuple[tuple[Hashable, Hashable, float], ...]
    settings: PairingSettings

    @property
    def matched(self) -> dict[Hashable, Hashable]:
        """``{a: b}`` for the documents that found a counterpart."""
        return {p.a: p.b for p in self.pairs if p.a is not None and p.b is not None}

    @property
    def frame(self) -> "pd.DataFrame":
        """One row per entry: a, b, score, share_a, share_b."""
        import pandas as pd

        return pd.DataFrame(
            [{"a": p.a, "b": p.b, "score": p.score, "share_a": p.share_a, "share_b": p.share_b}
             for p in self.pairs],
            columns=["a", "b", "score", "share_a", "share_b"],
        )

    def to_list(self) -> list[dict]:
        """``[{"a": name or None, "b": name or None, "score": float}, ...]`` (the CLI's JSON)."""
        return [{"a": p.a, "b": p.b, "score": round(float(p.score), 4)} for p in self.pairs]


# -- input -------------------------------------------------------------------
def _named(docs: Docs, role: str) -> tuple[list[Hashable], list[str]]:
    if isinstance(docs, Mapping):
        names, texts = list(docs.keys()), list(docs.values())
    elif isinstance(docs, (str, bytes)):
        raise AlignInputError(f"{role}: expected a list or dict of texts, got a single string")
    elif isinstance(docs, Iterable):
        texts = list(docs)
        names = list(range(len(texts)))
    else:
        raise AlignInputError(f"{role}: expected a list or dict of texts, got {type(docs).__name__}")
    return names, texts


@dataclass
class _Side:
    names: list[Hashable]
    offsets: np.ndarray  # document i owns rows offsets[i]:offsets[i+1]
    emb: np.ndarray  # sentence embeddings, L2-normalised
    facts: list[event.Facts]  # names, dates, numbers per document

    def rows(self, i: int) -> slice:
        return slice(int(self.offsets[i]), int(self.offsets[i + 1]))

    def doc_vectors(self) -> np.ndarray:
        """Mean sentence vector per document, centred on the collection, unit length."""
        counts = np.diff(self.offsets)
        sums = np.add.reduceat(self.emb, self.offsets[:-1], axis=0) if len(self.emb) else \
            np.zeros((len(counts), self.emb.shape[1]), np.float32)
        means = sums / np.maximum(counts, 1)[:, None]
        if len(means) > 1:
            means = means - means.mean(axis=0, keepdims=True)
        norms = np.linalg.norm(means, axis=1, keepdims=True)
        return (means / np.maximum(norms, 1e-9)).astype(np.float32)


def _embed_side(names, texts, lang, role, enc, batch_size, show_progress_bar) -> _Side:
    sentences: list[str] = []
    counts: list[int] = []
    facts: list[event.Facts] = []
    for name, text in zip(names, texts):
        text = check_text(text, f"{role}[{name!r}]")
        doc_lang = resolve_language(text, lang, f"{role}[{name!r}]")
        doc = segment_text(text, doc_lang)
        sents = event.sentence_texts(doc)
        sentences += sents
        counts.append(len(sents))
        facts.append(event.facts(text, doc_lang))
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    emb = enc.encode(sentences, batch_size=batch_size, show_progress_bar=show_progress_bar)
    return _Side(list(names), offsets, np.asarray(emb, np.float32), facts)


# -- retrieval -----------------------------------------------------------------
def _retrieve(side_a: _Side, side_b: _Side, k: int) -> set[tuple[int, int]]:
    """Candidate (i, j) pairs: each document's k nearest on the other side, both ways."""
    from sklearn.neighbors import NearestNeighbors

    va, vb = side_a.doc_vectors(), side_b.doc_vectors()
    pairs: set[tuple[int, int]] = set()
    for query, index, flip in ((va, vb, False), (vb, va, True)):
        n = min(k, len(index))
        nn = NearestNeighbors(n_neighbors=n, metric="cosine", algorithm="brute").fit(index)
        _, idx = nn.kneighbors(query)
        for q, row in enumerate(idx):
            for t in row:
                pairs.add((int(t), q) if flip else (q, int(t)))
    return pairs


# -- scoring ---------------------------------------------------------------------
def _judge(side_a: _Side, side_b: _Side, i: int, j: int, margin: float, calibration,
           cosine_floor: float) -> event.SameEvent:
    """The same-event judgement of documents i and j: it reads these two documents only."""
    shares = event.statement_shares(side_a.emb[side_a.rows(i)], side_b.emb[side_b.rows(j)],
                                    cosine_floor, margin=margin, calibration=calibration)
    return event.judge(event.evidence(side_a.facts[i], side_b.facts[j], shares))


# -- assignment ------------------------------------------------------------------
def _assign(scores: dict[tuple[int, int], float], threshold: float) -> list[tuple[int, int]]:
    """Maximum-score one-to-one matching over the pairs at or above ``threshold``."""
    from scipy.optimize import linear_sum_assignment
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    edges = [(i, j, s) for (i, j), s in scores.items() if s >= threshold]
    if not edges:
        return []
    a_ids = sorted({i for i, _, _ in edges})
    b_ids = sorted({j for _, j, _ in edges})
    ra = {v: n for n, v in enumerate(a_ids)}
    rb = {v: n for n, v in enumerate(b_ids)}
    n = len(a_ids) + len(b_ids)
    rows = [ra[i] for i, _, _ in edges]
    cols = [len(a_ids) + rb[j] for _, j, _ in edges]
    graph = coo_matrix((np.ones(len(edges)), (rows, cols)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    groups: dict[int, list[tuple[int, int, float]]] = {}
    for (i, j, s), r in zip(edges, rows):
        groups.setdefault(int(label[r]), []).append((i, j, s))
    out: list[tuple[int, int]] = []
    for group in groups.values():
        gi = sorted({i for i, _, _ in group})
        gj = sorted({j for _, j, _ in group})
        # Non-candidates weigh -1, so the assignment never prefers them.
        weight = np.full((len(gi), len(gj)), -1.0)
        pi = {v: n for n, v in enumerate(gi)}
        pj = {v: n for n, v in enumerate(gj)}
        for i, j, s in group:
            weight[pi[i], pj[j]] = s
        r, c = linear_sum_assignment(weight, maximize=True)
        out += [(gi[x], gj[y]) for x, y in zip(r, c) if weight[x, y] >= max(threshold, 0.0)]
    return sorted(out)


# -- the public function ------------------------------------------------------------
def pair_documents(
    docs_a: Docs,
    docs_b: Docs,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    encoder: str | Encoder | None = None,
    config: "AlignConfig | None" = None,
    threshold: float = DEFAULT_THRESHOLD,
    n_candidates: int = DEFAULT_CANDIDATES,
    scorer: str = "statements",
    sentence_margin: float = DEFAULT_SENTENCE_MARGIN,
    batch_size: int = 64,
    show_progress_bar: bool | None = None,
) -> Pairing:
    """Pair the reports of two collections one-to-one, or say "no counterpart".

    ``docs_a`` and ``docs_b`` are dicts ``{name: text}`` or lists of texts
    (names are then the list positions). Every document of side a gets an
    entry (``b=None`` when nothing passes ``threshold``), followed by entries
    with ``a=None`` for side-b documents left unpaired.

    ``scorer="statements"`` (default) scores a candidate by the same-event
    probability of :mod:`align.event` (statements shared at
    ``sentence_margin``, names, dates, numbers); ``scorer="compare"`` runs
    :func:`align.compare` on each candidate and takes its ``same_event``.
    Either way a pair's score depends on its two documents only.
    ``config`` (:class:`~align.config.AlignConfig`) names the encoder when
    ``encoder`` does not, fixes its calibration if it holds one, and is what
    the ``compare`` scorer runs with.

    Example:
        >>> res = pair_documents({"ar1": ar_text}, {"en1": en_text, "en2": other})  # doctest: +SKIP
        >>> res.matched                                                         # doctest: +SKIP
        {'ar1': 'en1'}
    """
    if scorer not in ("statements", "compare"):
        raise ValueError(f"scorer must be 'statements' or 'compare', got {scorer!r}")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be in [0, 1], got {threshold!r}")
    if not isinstance(n_candidates, int) or n_candidates < 1:
        raise ValueError(f"n_candidates must be a positive integer, got {n_candidates!r}")
    names_a, texts_a = _named(docs_a, "docs_a")
    names_b, texts_b = _named(docs_b, "docs_b")
    if encoder is None and config is not None:
        encoder = config.encoder
    enc = shared_encoder(encoder)
    settings = PairingSettings(enc.name, scorer, threshold, sentence_margin, n_candidates)
    if not names_a or not names_b:
        pairs = [DocumentPair(n, None, 0.0) for n in names_a] + [DocumentPair(None, n, 0.0) for n in names_b]
        return Pairing(tuple(pairs), (), settings)

    side_a = _embed_side(names_a, texts_a, src_lang, "docs_a", enc, batch_size, show_progress_bar)
    side_b = _embed_side(names_b, texts_b, tgt_lang, "docs_b", enc, batch_size, show_progress_bar)
    candidates = sorted(_retrieve(side_a, side_b, n_candidates))
    logger.info("pairing %d x %d documents: %d candidate pairs", len(names_a), len(names_b), len(candidates))

    judged: dict[tuple[int, int], event.SameEvent] = {}
    if scorer == "statements":
        from ..config import AlignConfig

        config = config or AlignConfig()
        calibration = config.calibration_of(enc)
        # The statement floor of this configuration, as compare's judgement uses.
        floor = event.statement_floor(config)
        for i, j in candidates:
            judged[(i, j)] = _judge(side_a, side_b, i, j, sentence_margin, calibration, floor)
    else:
        from ..pipeline import compare

        for i, j in candidates:
            cmp = compare(texts_a[i], texts_b[j], config, src_lang=src_lang, tgt_lang=tgt_lang,
                          encoder=enc, batch_size=batch_size, show_progress_bar=False)
            judged[(i, j)] = cmp.same_event
    scores = {c: j.probability for c, j in judged.items()}
    assigned = _assign(scores, threshold)

    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for (i, j), s in scores.items():
        best_a[i] = max(best_a.get(i, 0.0), s)
        best_b[j] = max(best_b.get(j, 0.0), s)
    partner = dict(assigned)
    taken = set(partner.values())
    pairs: list[DocumentPair] = []
    for i, name in enumerate(names_a):
        if i in partner:
            j = partner[i]
            ev = judged[(i, j)]
            pairs.append(DocumentPair(name, names_b[j], scores[(i, j)], ev.evidence.share_a,
                                      ev.evidence.share_b, ev))
        else:
            pairs.append(DocumentPair(name, None, best_a.get(i, 0.0)))
    pairs += [DocumentPair(None, name, best_b.get(j, 0.0)) for j, name in enumerate(names_b) if j not in taken]
    scored = tuple((names_a[i], names_b[j], s) for (i, j), s in sorted(scores.items()))
    return Pairing(tuple(pairs), scored, settings)
