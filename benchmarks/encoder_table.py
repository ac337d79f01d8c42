"""Quality and speed per encoder, with the calibration each one gets: the README's encoder table.

For every encoder named (default: every registered one), prints its measured
calibration (the anchors on the shipped corpus and the map onto the
reference scale), its speed (texts per second on the seed pair's units, the
model loaded), and link / flag F1 on the seed pair, on NTREX synthetic pairs
(``--limit`` documents; all 123 by default) and on the real development
pairs (mean over pairs). The same thresholds serve every encoder: only the
calibration differs, and it is measured, not typed in.

``--cache-dir`` keeps embeddings on disk (plain .npy) so a rerun skips the
encoder; speed is then measured on a fresh, uncached instance.

    python -m benchmarks.encoder_table [--encoders use-m,use-m+e5,e5-small-st] [--limit 40]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

import align  # noqa: E402
from align.encoders import DiskCachedEncoder, available_encoders, get_encoder  # noqa: E402
from align.encoders.calibration import calibration_for, measure_anchors  # noqa: E402
from align.errors import AlignInputError  # noqa: E402
from align.evaluation import combine, evaluate  # noqa: E402
from align.matching.units import build_units  # noqa: E402
from align.text import segment_text  # noqa: E402
from benchmarks.common import load_seed_pair  # noqa: E402


def speed(name: str) -> float:
    """Texts per second on the seed pair's sentence and clause units, model loaded."""
    text_a, text_b, _ = load_seed_pair()
    texts = []
    for text, lang in ((text_a, "ar"), (text_b, "en")):
        units = build_units(segment_text(text, lang), max_window=1)
        texts += list(units.texts)
    enc = get_encoder(name)
    enc.encode(["warm-up", "تجربة"])
    t0 = time.perf_counter()
    enc.encode(texts, show_progress_bar=False)
    return len(texts) / (time.perf_counter() - t0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--encoders", default=None, help="comma-separated names (default: all)")
    parser.add_argument("--limit", type=int, default=None, help="NTREX documents (default: all)")
    parser.add_argument("--cache-dir", default=None, help="keep embeddings on disk here")
    args = parser.parse_args(argv)
    names = args.encoders.split(",") if args.encoders else available_encoders()
    rows = []
    for name in names:
        enc = get_encoder(name)
        if args.cache_dir:
            enc = DiskCachedEncoder(enc, args.cache_dir)
        anchors = measure_anchors(enc)
        cal = calibration_for(enc)
        print(f"{name}: anchors null {anchors.null:.4f} positive {anchors.positive:.4f} "
              f"same-language null {anchors.same_null:.4f} -> calibration {cal.tag}", flush=True)

        def run(a: str, b: str):
            return align.compare(a, b, src_lang="ar", tgt_lang="en", encoder=enc,
                                 show_progress_bar=False)

        text_a, text_b, gold = load_seed_pair()
        seed = evaluate(run(text_a, text_b), gold)
        row = {"encoder": name, "speed": speed(name), "seed": seed}
        try:
            from benchmarks.synthetic import build_pairs

            pairs = build_pairs(seed=0, limit=args.limit)
            row["ntrex"] = combine([evaluate(run(p.ar, p.en), p.gold) for p in pairs])
            row["n_ntrex"] = len(pairs)
        except (FileNotFoundError, AlignInputError):
            pass
        try:
            from benchmarks.real_pairs import load_real_pairs

            real = [evaluate(run(a, b), g) for _, a, b, g in load_real_pairs()]
            if real:
                row["real"] = (statistics.fmean(s.link_f1 for s in real),
                               statistics.fmean(s.flag_f1 for s in real))
        except (FileNotFoundError, AlignInputError):
            pass
        rows.append(row)
        print(_line(row), flush=True)
    print("\nencoder          texts/s   seed link/flag F1   NTREX link/flag F1   real link/flag F1")
    for row in rows:
        print(_line(row))
    return 0


def _line(row: dict) -> str:
    seed = row["seed"]
    ntrex = row.get("ntrex")
    real = row.get("real")
    return (f"{row['encoder']:<16} {row['speed']:7.0f}   {seed.link_f1:.3f} / {seed.flag_f1:.3f}"
            f"       " + (f"{ntrex.link_f1:.3f} / {ntrex.flag_f1:.3f} ({row['n_ntrex']})"
                          if ntrex else "   -   /   -  ")
            + "   " + (f"{real[0]:.3f} / {real[1]:.3f}" if real else "-"))


if __name__ == "__main__":
    raise SystemExit(main())
