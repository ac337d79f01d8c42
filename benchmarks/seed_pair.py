"""Seed pair benchmark: align.compare on the Arabic (000) and English (002) reports.

Prints link and flag precision / recall / F1 against ``data/gold``, the flag
list, and the median time of ``align.compare`` once the model is loaded
(issue 2 targets: link F1 >= 0.95, both one-sided statements flagged, flag
precision >= 0.8, <= 1 s on 2 cores). ``--set name=value`` sets ``encoder``
or any field of the configuration (``link_margin``, ``linking.rival_gap``); ``--baseline`` scores the simple approach
(benchmarks/baseline.py) instead.

    python benchmarks/seed_pair.py [--runs 5] [--set link_margin=1.1]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

import align  # noqa: E402
from align.encoders import CachedEncoder, get_encoder  # noqa: E402
from align.encoders.calibration import calibration_for  # noqa: E402
from align.evaluation import evaluate  # noqa: E402
from benchmarks.common import (  # noqa: E402
    compare_kwargs, load_seed_pair, median_time, parse_settings, print_flags, print_scores,
)


class TimedEncoder:
    """Passes through to an encoder, counting the texts it embeds and the time it takes."""

    def __init__(self, encoder):
        self.encoder, self.name, self.dim = encoder, encoder.name, encoder.dim
        # The wrapped encoder's calibration, measured here (outside the timing)
        # if it carries none, so the timed runs use exactly what compare() would.
        self.calibration = calibration_for(encoder)
        self.texts = 0
        self.seconds = 0.0

    def encode(self, texts, batch_size=64, show_progress_bar=None, normalize_embeddings=True):
        started = time.perf_counter()
        out = self.encoder.encode(texts, batch_size=batch_size, show_progress_bar=False,
                                  normalize_embeddings=normalize_embeddings)
        self.seconds += time.perf_counter() - started
        self.texts += len(texts)
        return out


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
    # A bare encoder instance gets a fresh embedding cache on every call, so each
    # timed run embeds the texts again: the model stays loaded, nothing else is reused.
    raw = TimedEncoder(get_encoder(kwargs.pop("encoder", None)))
    if args.baseline:
        from benchmarks.baseline import baseline_compare

        def run():
            return baseline_compare(text_a, text_b, encoder=CachedEncoder(raw), **kwargs)
    else:
        def run():
            return align.compare(text_a, text_b, src_lang="ar", tgt_lang="en",
                                 encoder=raw, **compare_kwargs(kwargs))

    raw.encode(["تجربة.", "A warm-up."])  # load the model outside the timing
    cmp = run()
    raw.texts, raw.seconds = 0, 0.0
    seconds = median_time(run, args.runs) if args.runs > 0 else float("nan")
    runs = max(1, args.runs)
    scores = evaluate(cmp, gold)
    print(f"seed pair 000 (ar, side a) / 002 (en, side b): {cmp.signature}")
    print(f"  segments {len(cmp.a.segments)} + {len(cmp.b.segments)}, "
          f"links {len(cmp.link_list)}, flags {len(cmp.flag_list)}")
    print_scores(scores)
    print(f"  compare time after model load (embeddings not cached): median {seconds:.3f} s "
          f"over {args.runs} runs;\n    per run {raw.texts / runs:.0f} texts embedded in "
          f"{raw.seconds / runs:.3f} s (the rest is segmentation, matching, flags)")
    if args.units:
        missed = scores.units_frame().query("found == False")
        print("missed gold units:")
        print(missed.to_string(index=False) if len(missed) else "  none")
    print("flags:")
    print_flags(cmp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
