"""Scaling benchmark: time (encoder / the rest) and peak memory of ``align.compare`` by size.

Each size runs in a fresh process, so its peak resident memory is its own.
Side a is N Arabic NTREX-128 sentences, side b their N English originals
(the corpus holds 1,997: beyond that lines repeat with a bracketed marker,
"[2]", on both sides, so that every sentence is a distinct text; with five
near-copies of every statement a side, as at 10,000, the ratio margin finds
no partner distinctive and few segments link, so the encoder has less
word-window work and the flags are many). Encoder
time is the time spent inside the model's ``encode`` (cache hits excluded);
"rest" is everything else: segmentation, scoring, linking, flags. Growth
exponents are the slopes of log time and log memory between sizes.

    python benchmarks/scaling.py [--sizes 100,1000,3000,10000] [--encoder use-m]

Targets (issue 12, 2 cores): 10,000 sentences per side complete under 3 GB
peak memory; "rest" stays under 35 % of the total at 3,000 and 10,000.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NTREX = REPO.parent / "shared" / "data" / "ntrex128"


def texts(n: int) -> tuple[str, str]:
    """N Arabic and N English sentences, one per line, repeated with a marker beyond the corpus."""
    ar = (NTREX / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines()
    en = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    out_a, out_b = [], []
    for i in range(n):
        a, b = ar[i % len(ar)].strip(), en[i % len(en)].strip()
        copy = i // len(ar)
        if copy:
            a, b = f"{a} [{copy + 1}]", f"{b} [{copy + 1}]"
        out_a.append(a)
        out_b.append(b)
    return "\n".join(out_a), "\n".join(out_b)


def run_one(n: int, encoder: str) -> dict:
    """Compare N sentences per side in this process; time and peak memory."""
    import align
    from align.encoders.shared import shared_encoder

    enc = shared_encoder(encoder)
    enc.encode(["warm up"])  # load the model before timing
    inner = enc.encoder
    spent = [0.0]
    original = inner.encode

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    inner.encode = timed
    text_a, text_b = texts(n)
    loaded_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    cmp = align.compare(text_a, text_b, encoder=enc, max_chars=None, show_progress_bar=False)
    total = time.perf_counter() - started
    return {"n": n, "total_s": total, "encoder_s": spent[0], "rest_s": total - spent[0],
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "loaded_mb": loaded_mb, "links": len(cmp.link_list), "flags": len(cmp.flag_list),
            "chars_a": len(text_a), "chars_b": len(text_b)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,3000,10000")
    parser.add_argument("--encoder", default="use-m")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.encoder)))
        return
    rows = []
    print(f"{'N':>6} {'chars a':>9} {'total s':>8} {'encoder s':>9} {'rest s':>7} {'rest %':>6} "
          f"{'peak MB':>8} {'links':>6} {'flags':>6}")
    for n in (int(s) for s in args.sizes.split(",")):
        proc = subprocess.run([sys.executable, __file__, "--one", str(n), "--encoder", args.encoder],
                              capture_output=True, text=True)
        if proc.returncode:
            print(f"{n:>6} failed (exit {proc.returncode}): {proc.stderr.strip().splitlines()[-1:]}")
            continue
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"{n:>6} {row['chars_a']:>9} {row['total_s']:>8.1f} {row['encoder_s']:>9.1f} "
              f"{row['rest_s']:>7.1f} {100 * row['rest_s'] / row['total_s']:>5.0f}% "
              f"{row['peak_mb']:>8.0f} {row['links']:>6} {row['flags']:>6}", flush=True)
    for prev, row in zip(rows, rows[1:]):
        ratio = math.log(row["n"] / prev["n"])
        print(f"growth {prev['n']}->{row['n']}: encoder N^{math.log(row['encoder_s'] / prev['encoder_s']) / ratio:.2f}, "
              f"rest N^{math.log(row['rest_s'] / prev['rest_s']) / ratio:.2f}, "
              f"memory above the loaded model N^"
              f"{math.log(max(row['peak_mb'] - row['loaded_mb'], 1) / max(prev['peak_mb'] - prev['loaded_mb'], 1)) / ratio:.2f}")


if __name__ == "__main__":
    main()
