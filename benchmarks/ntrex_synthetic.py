"""NTREX synthetic benchmark: align.compare on report pairs with known edits.

Builds the edited and clean pairs of :mod:`benchmarks.synthetic` (sentences
deleted on either side, adjacent sentences merged, a block moved, a foreign
sentence inserted, a merged sentence whose second half the other side lacks), runs ``align.compare`` on each (Arabic side a, English
side b) and prints micro-averaged link and flag precision / recall / F1,
recall per edit kind, and the false flags on clean pairs (issue 2 targets:
link F1 >= 0.97, flag F1 >= 0.92).

Sweeping: ``--set name=value`` sets ``encoder`` or any field of the configuration,
by shortcut (``link_margin``) or dotted path (``linking.rival_gap``)
(repeatable); ``--min-confidence 0,0.5,0.8`` re-scores the same comparisons
ignoring flags below each confidence. ``--baseline`` runs the simple approach.

    python benchmarks/ntrex_synthetic.py [--limit 40] [--set link_margin=1.1]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tqdm.auto import tqdm

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

import align  # noqa: E402
from align.encoders import CachedEncoder, get_encoder  # noqa: E402
from align.evaluation import combine, evaluate  # noqa: E402
from benchmarks.common import compare_kwargs, false_flags, parse_settings, print_scores  # noqa: E402
from benchmarks.synthetic import build_pairs  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="documents to use (all ~120)")
    parser.add_argument("--seed", type=int, default=0, help="synthetic builder seed")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="keyword argument for align.compare (repeatable)")
    parser.add_argument("--min-confidence", default="0",
                        help="comma-separated flag confidences to score at (default 0)")
    parser.add_argument("--no-clean", action="store_true", help="skip the clean pairs")
    parser.add_argument("--baseline", action="store_true", help="score the simple approach")
    args = parser.parse_args(argv)
    kwargs = parse_settings(args.set)
    confidences = [float(x) for x in args.min_confidence.split(",")]

    if args.baseline:
        from benchmarks.baseline import baseline_compare

        enc = CachedEncoder(get_encoder(kwargs.pop("encoder", None)))

        def run(text_a: str, text_b: str):
            return baseline_compare(text_a, text_b, encoder=enc, **kwargs)
    else:
        def run(text_a: str, text_b: str):
            return align.compare(text_a, text_b, src_lang="ar", tgt_lang="en",
                                 **compare_kwargs(kwargs))

    edited = build_pairs(seed=args.seed, limit=args.limit)
    run("تجربة.", "A warm-up.")  # load the model outside the timing
    t0 = time.perf_counter()
    bar = dict(leave=False, disable=None)  # no bar when the output is not a terminal
    cmps = [run(p.ar, p.en) for p in tqdm(edited, desc="edited pairs", **bar)]
    seconds = time.perf_counter() - t0
    print(f"NTREX synthetic: {len(edited)} edited pairs, seed {args.seed}, "
          f"{cmps[0].signature if cmps else ''}")
    print(f"  compare time: {seconds:.1f} s total, {seconds / max(1, len(cmps)):.3f} s per pair")
    for conf in confidences:
        per_pair = [evaluate(c, p.gold, min_confidence=conf) for c, p in zip(cmps, edited)]
        if len(confidences) > 1 or conf:
            print(f" flags with confidence >= {conf:g}:")
        print_scores(combine(per_pair), pairs=edited, per_pair=per_pair)

    if not args.no_clean:
        clean = build_pairs(seed=args.seed, limit=args.limit, clean=True)
        clean_cmps = [run(p.ar, p.en) for p in tqdm(clean, desc="clean pairs", **bar)]
        per_pair = [evaluate(c, p.gold) for c, p in zip(clean_cmps, clean)]
        print(f"NTREX clean: {len(clean)} pairs (a document and its translation)")
        print(f"  link  F1 {combine(per_pair).link_f1:.3f}")
        print(false_flags(clean_cmps, clean))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
