"""Same event or not: fit the judgement of align/event.py and show how it separates.

Fit data (made, never the real development pairs):

* **same event**: each NTREX-128 document against its translation, and the
  document split in two parts that share a fraction of its sentences
  (overlap = shared / all sentences: 1/2, 1/3, 1/5), the Arabic of one part
  against the English of the other;
* **different events**: each NTREX document against 20 random other ones and
  against its 3 nearest other stories (mean sentence vector: same genre,
  same weekend), and the seed reports 001, 003, 004 (Arabic) against 002
  (English): same people, same topic, other meetings. NTREX holds several
  outlets' reports of some stories (the Sulawesi tsunami, an arrest reported
  by CBS and by Reuters): :data:`STORIES` lists them, read from their
  headlines, and pairs inside one story are never used as different events.

Every group weighs the same in the fit, whatever its size.

The logistic regression (scikit-learn, no hand weights) prints its
coefficients: they are the ``COEF_*`` constants of align/event.py. Then the
judgement with those constants is *checked* on data it was not fitted on:
the real development pairs r01..r09 (same event, different outlets), their
cross pairs (different events, some of one topic), and the seed pair
000-002.

    python benchmarks/same_event.py [--seed 0] [--encoder e5-nano]

With another encoder the fit is printed for comparison only: the constants
are USE-m's, and that encoder's cosines reach them through its calibration.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from align import event  # noqa: E402
from align.encoders import CachedEncoder, get_encoder  # noqa: E402
from align.encoders.calibration import calibration_for  # noqa: E402
from align.text import segment_text  # noqa: E402
from benchmarks.pairing import load_ntrex, seed  # noqa: E402

REAL = REPO.parent / "shared" / "data" / "real_pairs"
OVERLAPS = (1 / 2, 1 / 3, 1 / 5)
MARGINS = (1.10, 1.15, 1.20)
FLOOR_OFFSETS = (0.0, 0.05, 0.10)
#: NTREX documents that report one story (or one sports fixture), grouped by
#: reading their headlines: never a different-event example for each other.
STORIES = (
    ("euronews-en.153797", "euronews-en.153835", "reuters.218863", "reuters.218865",
     "nytimes.184837", "nytimes.184860", "newsweek.51340"),  # Sulawesi quake and tsunami
    ("cbsnews.248387", "reuters.218909"),  # arrest in the Wayde Sims shooting
    ("newsweek.51300", "abcnews.306755"),  # Warren's "hard look" at running
    ("bbc.381746", "scotsman.133791"),  # Livingston 1-0 Rangers
    ("reuters.218932", "rt.com.91337"),  # Macedonian name referendum
    ("newsweek.51338", "abcnews.306815"),  # Hurricane Rosa
    ("cnn.304447", "newsweek.51330", "newsweek.51310", "cnn.304489"),  # Trump's West Virginia rally
    ("reuters.218923", "euronews-en.153826", "reuters.218914", "independent.226301",
     "scotsman.133758"),  # the 2018 Ryder Cup, day by day
)
#: Inverse regularisation of the logistic fit (scikit-learn's default).
C = 1.0


def split_pair(ar: list[str], en: list[str], overlap: float, rng: np.random.Generator
               ) -> tuple[str, str] | None:
    """Arabic of (shared + part A), English of (shared + part B); None when too short.

    ``overlap`` is the share of the document's sentences both parts hold; the
    rest is dealt alternately to A and B. Sentences keep their order.
    """
    n = len(ar)
    n_shared = max(1, round(overlap * n))
    if n < 3 or n - n_shared < 2:
        return None
    order = rng.permutation(n)
    shared, rest = set(order[:n_shared]), order[n_shared:]
    part_a = shared | set(rest[0::2])
    part_b = shared | set(rest[1::2])
    return ("\n".join(ar[i] for i in sorted(part_a)), "\n".join(en[i] for i in sorted(part_b)))


class Judge:
    """Facts and sentence embeddings per text, cached: each text is read once."""

    def __init__(self, enc: CachedEncoder):
        self.enc = enc
        self.calibration = calibration_for(enc)
        self._cache: dict[tuple[str, str], tuple] = {}

    def doc(self, text: str, lang: str):
        key = (text, lang)
        if key not in self._cache:
            segs = event.sentence_texts(segment_text(text, lang))
            emb = self.enc.encode(segs, show_progress_bar=False)
            self._cache[key] = (event.facts(text, lang), emb)
        return self._cache[key]

    def evidence(self, ar: str, en: str, margin: float = event.STATEMENT_MARGIN,
                 offset: float | None = None) -> event.EventEvidence:
        fa, ea = self.doc(ar, "ar")
        fb, eb = self.doc(en, "en")
        floor = event.statement_floor(offset=offset)
        return event.evidence(fa, fb, event.statement_shares(ea, eb, floor, margin, self.calibration))


def same_story(a: str, b: str) -> bool:
    """Whether two NTREX documents are one story (:data:`STORIES`) or one document."""
    return a == b or any(a in group and b in group for group in STORIES)


def made_pairs(judge: "Judge", docs_ar, docs_en, rng) -> dict[str, tuple[bool, list[tuple[str, str]]]]:
    """``{group: (same event?, [(Arabic text, English text), ...])}``: the fit data."""
    names = sorted(docs_ar)
    ar = {n: "\n".join(docs_ar[n]) for n in names}
    en = {n: "\n".join(docs_en[n]) for n in names}
    made: dict[str, tuple[bool, list[tuple[str, str]]]] = {
        "NTREX translation": (True, [("\n".join(docs_ar[n]), "\n".join(docs_en[n])) for n in names])}
    for o in OVERLAPS:
        pairs = [split_pair(docs_ar[n], docs_en[n], o, rng) for n in names]
        made[f"NTREX split, overlap {o:.2f}"] = (True, [p for p in pairs if p is not None])
    others = []
    for n in names:
        pool = [m for m in names if not same_story(n, m)]
        others += [(ar[n], en[m]) for m in rng.choice(pool, 20, replace=False)]
    made["NTREX other story, random"] = (False, others)
    means = np.stack([judge.doc(en[n], "en")[1].mean(axis=0) for n in names])
    means -= means.mean(axis=0)
    means /= np.linalg.norm(means, axis=1, keepdims=True)
    sims = means @ means.T
    nearest = []
    for k, n in enumerate(names):
        order = [names[i] for i in np.argsort(-sims[k]) if not same_story(n, names[i])]
        nearest += [(ar[n], en[m]) for m in order[:3]]
    made["NTREX other story, nearest 3"] = (False, nearest)
    made["seeds 001/003/004 vs 002 (one topic)"] = (False, [(seed(p), seed("002")) for p in ("001", "003", "004")])
    return made


def fit(groups):
    """Logistic regression where every group weighs the same: (model, log-loss, accuracy).

    Equal group weights keep the 3 same-topic seed pairs from being drowned
    by 123 easy other-document pairs, and each overlap level from counting
    more than the seeds.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss

    x = np.concatenate([[e.vector() for e in evs] for _, evs in groups.values()])
    y = np.concatenate([[same] * len(evs) for same, evs in groups.values()])
    w = np.concatenate([[1.0 / len(evs)] * len(evs) for _, evs in groups.values()])
    w = w * len(w) / w.sum()
    model = LogisticRegression(C=C, max_iter=2000).fit(x, y, sample_weight=w)
    p = model.predict_proba(x)[:, 1]
    return model, log_loss(y, p, sample_weight=w), float(np.average((p >= 0.5) == y, weights=w))


def calibration(groups) -> None:
    """Reliability of the probability on the fit data, every group weighed the same."""
    p = np.concatenate([[event.judge(e).probability for e in evs] for _, evs in groups.values()])
    y = np.concatenate([[same] * len(evs) for same, evs in groups.values()])
    w = np.concatenate([[1.0 / len(evs)] * len(evs) for _, evs in groups.values()])
    edges = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0001)
    cells = []
    for lo, hi in zip(edges, edges[1:]):
        m = (p >= lo) & (p < hi)
        if m.any():
            cells.append(f"[{lo:.1f},{min(hi, 1):.1f}) mean p {np.average(p[m], weights=w[m]):.2f} "
                         f"-> same {np.average(y[m], weights=w[m]):.2f} (n={int(m.sum())})")
    print("  reliability (fit data, groups weighed equally): " + "; ".join(cells))


def real_pairs() -> dict[str, tuple[str, str]]:
    return {p.name: ((p / "ar.txt").read_text(encoding="utf-8"), (p / "en.txt").read_text(encoding="utf-8"))
            for p in sorted(REAL.glob("r*")) if (p / "ar.txt").is_file()}


def describe(name: str, probs: np.ndarray, same: bool) -> str:
    right = (probs >= event.SAME_EVENT_PROBABILITY) == same
    return (f"  {name:<44} n={len(probs):>4}  p min {probs.min():.3f}  median {np.median(probs):.3f}"
            f"  max {probs.max():.3f}  judged {'same' if same else 'different'}: {right.mean():.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--encoder", default=None, help="encoder name (default: the library default)")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    enc = CachedEncoder(get_encoder(args.encoder))
    judge = Judge(enc)
    docs_ar, docs_en = load_ntrex()

    made = made_pairs(judge, docs_ar, docs_en, rng)
    t0 = time.perf_counter()
    for pairs in made.values():
        for ar, en in pairs[1]:
            judge.doc(ar, "ar"), judge.doc(en, "en")
    print(f"{sum(len(p) for _, p in made.values())} made pairs, {time.perf_counter() - t0:.1f}s to read and embed")

    print("\nstatement margin (inside the pair) and cosine floor offset by fit quality on the made pairs:")
    best = None
    for margin in MARGINS:
        for offset in FLOOR_OFFSETS:
            groups = {k: (same, [judge.evidence(a, e, margin, offset) for a, e in pairs])
                      for k, (same, pairs) in made.items()}
            model, loss, acc = fit(groups)
            print(f"  margin {margin:.2f}, floor +{offset:.2f}: log-loss {loss:.4f}, accuracy {acc:.4f}")
            if best is None or loss < best[2]:
                best = (margin, offset, loss, model)
    margin, offset, _, model = best
    print(f"chosen: STATEMENT_MARGIN = {margin:.2f}, STATEMENT_FLOOR_OFFSET = {offset:.2f} "
          f"(align/event.py has {event.STATEMENT_MARGIN}, {event.STATEMENT_FLOOR_OFFSET})")
    print(f"  COEF_INTERCEPT = {model.intercept_[0]:.2f}")
    for name, c in zip(event.FEATURES, model.coef_[0]):
        print(f"  COEF_{name.upper()} = {c:.2f}")
    print(f"constants in align/event.py now: intercept {event.COEF_INTERCEPT}, "
          f"weights {dict(zip(event.FEATURES, event.coefficients()[1].tolist()))}")

    groups = {k: (same, [judge.evidence(a, e) for a, e in pairs]) for k, (same, pairs) in made.items()}
    print("\nseparation with the constants of align/event.py (fit data):")
    for name, (same, evs) in groups.items():
        probs = np.array([event.judge(e).probability for e in evs])
        print(describe(name, probs, same))
    calibration(groups)
    for feat in event.FEATURES:
        pos = np.array([getattr(e, feat) for same, evs in groups.values() if same for e in evs])
        neg = np.array([getattr(e, feat) for same, evs in groups.values() if not same for e in evs])
        print(f"  feature {feat:<14} same-event mean {pos.mean():.3f}  different-event mean {neg.mean():.3f}")

    print("\ncheck (not fitted on):")
    real = real_pairs()
    if real:
        same = [(k, event.judge(judge.evidence(a, e))) for k, (a, e) in real.items()]
        print(describe("real pairs r01..r09 (same event)", np.array([j.probability for _, j in same]), True))
        for k, j in same:
            print(f"    {k}: {j.summary()}")
        cross = [(ka, kb, event.judge(judge.evidence(real[ka][0], real[kb][1])))
                 for ka in real for kb in real if ka != kb]
        probs = np.array([j.probability for *_, j in cross])
        print(describe("real cross pairs (different events)", probs, False))
        worst = sorted(cross, key=lambda c: -c[2].probability)[:3]
        print("    highest:", "; ".join(f"{a} ar vs {b} en {j.probability:.3f}" for a, b, j in worst))
    j = event.judge(judge.evidence(seed("000"), seed("002")))
    print(f"  seed 000 vs 002 (same event): {j.summary()}")
    for p in ("001", "003", "004"):
        print(f"  seed {p} vs 002 (different event, fitted on): "
              f"{event.judge(judge.evidence(seed(p), seed('002'))).summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
