"""Fit the decision on word-window runs (:data:`align.differences.phrases.RUN_MODEL`).

Candidate runs (:func:`align.differences.phrases.run_candidates`) are
collected from synthetic pairs whose truth is known: the sub-sentence
omissions of :mod:`benchmarks.subsentence` (a run is *true* when at least
half of its non-space characters lie in one-sided gold units of its side)
and clean translated NTREX documents (every run is false). A logistic
regression on the run features is fitted on benchmark seed 1 and the first
``--limit`` documents, so that the evaluation (``benchmarks.subsentence``,
seed 0) sees other edits. Prints the class balance, cross-validated
precision / recall at probability 0.5 and the coefficients to paste into
``RUN_MODEL``. With ``--word-aligner e5-small`` the candidates are
:func:`~align.differences.phrases.word_candidates` (window runs and runs of
unaligned words) and the coefficients are ``WORD_RUN_MODEL``'s.

    python -m benchmarks.phrase_model [--limit 60] [--seed 1] [--c 1.0] [--word-aligner e5-small]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import align  # noqa: E402
from align.differences.phrases import (  # noqa: E402
    RUN_FEATURES, WORD_RUN_FEATURES, PhraseParams, WindowIndex, run_candidates, word_candidates,
)
from benchmarks.subsentence import build_pairs as sub_pairs  # noqa: E402
from benchmarks.synthetic import build_pairs as clean_pairs  # noqa: E402


def collect(pairs, clean: bool, params: PhraseParams) -> tuple[list, list]:
    from align.encoders.shared import shared_encoder

    enc = shared_encoder(None)
    X, y = [], []
    for pair in pairs:
        cmp = align.compare(pair.ar, pair.en, src_lang="ar", tgt_lang="en")
        index = WindowIndex({"a": cmp.a, "b": cmp.b}, cmp.link_list, enc)
        for side, lang in (("a", "ar"), ("b", "en")):
            doc = cmp.document(side)
            gold = [] if clean else [s for u in pair.gold.units if u.one_sided and u.major
                                     and u.langs == (lang,) for s in u.spans[lang]]
            cands = (run_candidates(doc, side, index, params) if params.word_aligner is None
                     else word_candidates(doc, side, index, params.word_aligner, params))
            for cand in cands:
                chars = [i for i in range(cand.start, cand.end) if not doc.text[i].isspace()]
                inside = sum(any(s <= i < e for s, e in gold) for i in chars)
                X.append(cand.features)
                y.append(int(2 * inside >= len(chars)))
    return X, y


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation")
    parser.add_argument("--word-aligner", default=None,
                        help="token encoder for word alignment (fits WORD_RUN_MODEL)")
    args = parser.parse_args(argv)
    params = PhraseParams(word_aligner=args.word_aligner)
    X1, y1 = collect(sub_pairs(seed=args.seed, limit=args.limit), False, params)
    X0, y0 = collect(clean_pairs(seed=args.seed, limit=args.limit, clean=True), True, params)
    X = np.array(X1 + X0)
    y = np.array(y1 + y0)
    print(f"runs: {len(y)} ({y.sum()} true; {len(y0)} from {args.limit} clean documents)")
    model = LogisticRegression(C=args.c, max_iter=2000)
    prob = cross_val_predict(model, X, y, cv=5, method="predict_proba")[:, 1]
    for t in (0.3, 0.5, 0.7):
        pred = prob >= t
        tp = int((pred & (y == 1)).sum())
        print(f"  5-fold CV at p >= {t}: precision {tp / max(1, pred.sum()):.3f} "
              f"recall {tp / max(1, y.sum()):.3f}; clean runs kept "
              f"{int(pred[len(y1):].sum())} ({pred[len(y1):].sum() / args.limit:.2f} per document)")
    model.fit(X, y)
    coefs = (float(model.intercept_[0]), *map(float, model.coef_[0]))
    names = RUN_FEATURES if args.word_aligner is None else WORD_RUN_FEATURES
    print("features:", ", ".join(names))
    name = "RUN_MODEL" if args.word_aligner is None else "WORD_RUN_MODEL"
    print(f"{name} = (" + ", ".join(f"{c:.3f}" for c in coefs) + ")")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
