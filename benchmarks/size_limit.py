"""Size limit benchmark: time and peak memory of ``align.compare`` as texts grow.

Every unit of one text is scored against every unit of the other, so time
and memory grow roughly with the product of the two lengths. This compares
NTREX-128 Arabic/English texts (the first sentences of the corpus, in order)
of growing length, prints seconds and the peak of traced allocations (numpy
included) per size, fits ``a + b * n**2`` to the memory and prints the size
at which a comparison would need ``--budget-gb`` of memory: the basis of
``align.text.limits.DEFAULT_MAX_CHARS``.

    python benchmarks/size_limit.py [--sizes 5000,10000,20000] [--budget-gb 2]
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

import align  # noqa: E402
from align.text.limits import DEFAULT_MAX_CHARS  # noqa: E402

NTREX = REPO.parent / "shared" / "data" / "ntrex128"


def texts_of_size(chars: int) -> tuple[str, str]:
    """The first NTREX sentences, Arabic and English, until the Arabic has ``chars`` characters."""
    ar = (NTREX / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines()
    en = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    out_a, out_b, n = [], [], 0
    for a, b in zip(ar, en):
        if n >= chars:
            break
        out_a.append(a)
        out_b.append(b)
        n += len(a) + 1
    if n < chars:
        raise SystemExit(f"NTREX has only {n} Arabic characters")
    return "\n".join(out_a), "\n".join(out_b)


def measure(chars: int) -> tuple[int, int, float, float]:
    """(Arabic chars, segments a, seconds, peak traced GB) of one comparison."""
    text_a, text_b = texts_of_size(chars)
    tracemalloc.start()
    tracemalloc.reset_peak()
    started = time.perf_counter()
    cmp = align.compare(text_a, text_b, src_lang="ar", tgt_lang="en", max_chars=None,
                        show_progress_bar=False)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return len(text_a), len(cmp.a.segments), seconds, peak / 1e9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5000,10000,20000",
                        help="Arabic characters per run, comma-separated (default: %(default)s)")
    parser.add_argument("--budget-gb", type=float, default=2.0,
                        help="memory a default-size comparison may take (default: %(default)s)")
    args = parser.parse_args()
    if not NTREX.is_dir():
        raise SystemExit(f"{NTREX} not found")
    align.compare("قال الرئيس إن الاجتماع كان مثمراً.", "The president said the meeting was fruitful.")
    rows = [measure(int(s)) for s in args.sizes.split(",")]
    print(f"{'chars a':>9} {'segments a':>10} {'seconds':>8} {'peak GB':>8}")
    for chars, segs, seconds, gb in rows:
        print(f"{chars:>9} {segs:>10} {seconds:>8.1f} {gb:>8.3f}")
    n = np.array([r[0] for r in rows], dtype=float)
    gb = np.array([r[3] for r in rows])
    secs = np.array([r[2] for r in rows])
    design = np.stack([np.ones_like(n), n ** 2], axis=1)
    (m0, m2), *_ = np.linalg.lstsq(design, gb, rcond=None)
    (t0, t2), *_ = np.linalg.lstsq(design, secs, rcond=None)
    at_budget = np.sqrt(max(args.budget_gb - m0, 0) / m2) if m2 > 0 else float("inf")
    print(f"fit: memory {m0:.3f} + {m2:.3e} * n^2 GB, time {t0:.1f} + {t2:.3e} * n^2 s")
    print(f"{args.budget_gb:g} GB reached at about {at_budget:,.0f} characters a side")
    d = float(DEFAULT_MAX_CHARS)
    print(f"DEFAULT_MAX_CHARS {DEFAULT_MAX_CHARS:,}: about {m0 + m2 * d * d:.2f} GB "
          f"and {t0 + t2 * d * d:,.0f} s (extrapolated)")


if __name__ == "__main__":
    main()
