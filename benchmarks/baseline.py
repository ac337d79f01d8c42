"""The "simple approach" of issue 2, for scale: what the library must beat.

Regex sentences, USE-m embeddings, ratio margin (Artetxe & Schwenk 2019,
k = 4), best match: two sentences that are each other's best margin match
are linked, and so is any sentence whose best match reaches ``threshold``
(margin 1.0: the pair beats the average of its neighbours); every sentence
left without a link is flagged as ``unmatched``. With ``threshold=None``
only mutual best matches link (strict 1:1). The default reproduces the
issue's figures for this approach (seed pair link F1 0.89, flag F1 0.47); the
strict variant links less and flags far more. It returns an
:class:`align.result.Comparison`, so :func:`align.evaluation.evaluate` scores it
exactly like :func:`align.compare`.

Run (prints link and flag P/R/F1 on the seed pair, on the synthetic NTREX
pairs, and the false flags on clean pairs)::

    python benchmarks/baseline.py [--limit 40]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

import align  # noqa: E402
from align.encoders import CachedEncoder, Encoder, get_encoder  # noqa: E402
from align.result import Comparison, Flag, Link, Settings  # noqa: E402
from align.text.document import Document, Segment, Span  # noqa: E402

MARGIN_K = 4
# a sentence ends at a run of terminators (and closing quotes) before a space
_SENTENCE = re.compile(r"\S.*?(?:[.!?؟]+[\"'”’»)]*(?=\s)|$)", re.S)


def split_sentences(text: str, lang: str) -> Document:
    """Regex sentences, line by line, with exact offsets (no clause units)."""
    segments: list[Segment] = []
    for line in re.finditer(r"[^\n]+", text):
        for match in _SENTENCE.finditer(line.group()):
            start = line.start() + match.start()
            end = line.start() + match.end()
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                piece = text[start:end]
                segments.append(Segment(len(segments), start, end, piece,
                                        (Span(start, end, piece),)))
    return Document(text, lang, tuple(segments))


def ratio_margin(sim: np.ndarray, k: int = MARGIN_K) -> np.ndarray:
    """cos(x, y) / mean(avg cos of x to its k NN, avg cos of y to its k NN)."""
    ka, kb = min(k, sim.shape[1]), min(k, sim.shape[0])
    knn_a = -np.sort(-sim, axis=1)[:, :ka].mean(axis=1)
    knn_b = -np.sort(-sim, axis=0)[:kb, :].mean(axis=0)
    return sim / ((knn_a[:, None] + knn_b[None, :]) / 2)


def baseline_compare(text_a: str, text_b: str, *, lang_a: str = "ar", lang_b: str = "en",
                     encoder: str | Encoder | None = None,
                     threshold: float | None = 1.0) -> Comparison:
    """Best-margin links between regex sentences; the rest flagged.

    Example:
        >>> cmp = baseline_compare(arabic_text, english_text)   # doctest: +SKIP
        >>> len(cmp.link_list), len(cmp.flag_list)               # doctest: +SKIP
    """
    enc = encoder if isinstance(encoder, CachedEncoder) else CachedEncoder(get_encoder(encoder))
    a, b = split_sentences(text_a, lang_a), split_sentences(text_b, lang_b)
    links: list[Link] = []
    flags: list[Flag] = []
    if a.segments and b.segments:
        ea = enc.encode([s.text for s in a.segments])
        eb = enc.encode([s.text for s in b.segments])
        sim = ea @ eb.T
        margin = ratio_margin(sim)
        best_b = margin.argmax(axis=1)
        best_a = margin.argmax(axis=0)
        pairs = {(i, int(j)) for i, j in enumerate(best_b) if best_a[j] == i}
        if threshold is not None:
            pairs |= {(i, int(j)) for i, j in enumerate(best_b) if margin[i, j] >= threshold}
            pairs |= {(int(i), j) for j, i in enumerate(best_a) if margin[i, j] >= threshold}
        links = [Link((i,), (j,), float(np.clip(sim[i, j], 0, 1))) for i, j in sorted(pairs)]
        best_cos = {"a": sim.max(axis=1), "b": sim.max(axis=0)}
    else:
        best_cos = {"a": np.zeros(len(a.segments)), "b": np.zeros(len(b.segments))}
    linked = {"a": {i for l in links for i in l.a}, "b": {j for l in links for j in l.b}}
    for side, doc in (("a", a), ("b", b)):
        for seg in doc.segments:
            if seg.id not in linked[side]:
                confidence = float(np.clip(1 - best_cos[side][seg.id], 0, 1))
                flags.append(Flag(side, seg.start, seg.end, seg.text, "unmatched",
                                  confidence, seg.id))
    settings = Settings(encoder=enc.name, segmenter="regex-baseline", version=align.__version__,
                        method=f"baseline-best-match-k{MARGIN_K}"
                               + ("" if threshold is None else f"-margin{threshold:g}"))
    return Comparison(a, b, tuple(links), tuple(flags), settings)


def main(argv: list[str] | None = None) -> int:
    from align.evaluation import combine, evaluate
    from benchmarks.common import false_flags, load_seed_pair, print_scores
    from benchmarks.synthetic import build_pairs

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="synthetic pairs to score")
    parser.add_argument("--seed", type=int, default=0, help="synthetic builder seed")
    parser.add_argument("--threshold", type=float, default=1.0,
                        help="margin at which a non-mutual best match still links (1.0)")
    parser.add_argument("--strict", action="store_true",
                        help="mutual best matches only; every other sentence flagged")
    args = parser.parse_args(argv)
    threshold = None if args.strict else args.threshold

    def run(text_a: str, text_b: str) -> Comparison:
        return baseline_compare(text_a, text_b, encoder=enc, threshold=threshold)

    enc = CachedEncoder(get_encoder())
    text_a, text_b, gold = load_seed_pair()
    baseline_compare("تجربة.", "A warm-up.", encoder=enc)  # load the model outside the timing
    t0 = time.perf_counter()
    cmp = run(text_a, text_b)
    print(f"baseline: {cmp.signature}")
    print(f"seed pair ({time.perf_counter() - t0:.2f} s)")
    print_scores(evaluate(cmp, gold))

    edited = build_pairs(seed=args.seed, limit=args.limit)
    clean = build_pairs(seed=args.seed, limit=args.limit, clean=True)
    t0 = time.perf_counter()
    scores = [evaluate(run(p.ar, p.en), p.gold) for p in edited]
    print(f"\nNTREX synthetic, {len(edited)} edited pairs ({time.perf_counter() - t0:.1f} s)")
    print_scores(combine(scores), pairs=edited, per_pair=scores)
    clean_cmps = [run(p.ar, p.en) for p in clean]
    print(f"\nNTREX clean, {len(clean)} pairs")
    print(false_flags(clean_cmps, clean))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
