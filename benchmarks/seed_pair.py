"""Seed pair benchmark: align.compare on the Arabic (000) and English (002) reports.

Prints link and flag precision / recall / F1 against ``data/gold``, the flag
list, and the median time of ``align.compare`` once the model is loaded
(issue 2 targets: link F1 >= 0.95, both one-sided statements flagged, flag
precision >= 0.8, <= 1 s on 2 cores). ``--set name=value`` passes keyword
arguments to ``align.compare``; ``--baseline`` scores the simple approach
(benchmarks/baseline.py) instead.

    python benchmarks/seed_pair.py [--runs 5] [--set link_margin=1.1]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

import align  # noqa: E402
from align.encoders import CachedEncoder, get_encoder  # noqa: E402
from align.evaluate import evaluate  # noqa: E402
from benchmarks.common import (  # noqa: E402
    load_seed_pair, median_time, parse_settings, print_flags, print_scores,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs (median reported)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="keyword argument for align.compare (repeatable)")
    parser.add_argument("--baseline", action="store_true", help="score the simple approach")
    parser.add_argument("--units", action="store_true", help="print the missed gold units")
    args = parser.parse_args(argv)
    kwargs = parse_settings(args.set)

    text_a, text_b, gold = load_seed_pair()
    if args.baseline:
        from benchmarks.baseline import baseline_compare

        enc = CachedEncoder(get_encoder(kwargs.pop("encoder", None)))

        def run():
            return baseline_compare(text_a, text_b, encoder=enc, **kwargs)
    else:
        def run():
            return align.compare(text_a, text_b, src_lang="ar", tgt_lang="en", **kwargs)

    cmp = run()  # loads the model and fills the in-run embedding cache
    seconds = median_time(run, args.runs) if args.runs > 0 else float("nan")
    scores = evaluate(cmp, gold)
    print(f"seed pair 000 (ar, side a) / 002 (en, side b): {cmp.signature}")
    print(f"  segments {len(cmp.a.segments)} + {len(cmp.b.segments)}, "
          f"links {len(cmp.link_list)}, flags {len(cmp.flag_list)}")
    print_scores(scores)
    print(f"  compare time after model load: median {seconds:.3f} s over {args.runs} runs")
    if args.units:
        missed = scores.units_frame().query("found == False")
        print("missed gold units:")
        print(missed.to_string(index=False) if len(missed) else "  none")
    print("flags:")
    print_flags(cmp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
