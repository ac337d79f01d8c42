"""Real development pairs: align.compare on real Arabic–English reports of one event.

Each pair in ``../shared/data/real_pairs/rNN`` was written separately by two
outlets (paraphrase, reordering, clauses dropped inside shared sentences);
its gold is ``../shared/data/gold/real_pair_rNN.json`` (units marked
``truncated``, whose counterpart is missing only because an archived copy was
cut, are not judged). Prints per-pair link and flag P/R/F1 and their
averages over pairs (the figures the sub-sentence issue targets: flag F1 and
link F1 >= 0.85), plus the micro-averaged totals.

The texts are third-party news: they are read from ``../shared`` and never
copied into the repository.

    python -m benchmarks.real_pairs [--set encoder=e5-small-st] [--flags] [--units]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

import align  # noqa: E402
from align.evaluation import Gold, combine, evaluate, load_gold  # noqa: E402
from benchmarks.common import compare_kwargs, parse_settings, print_flags, print_scores  # noqa: E402

SHARED = REPO.parent / "shared" / "data"


def load_real_pairs(shared: Path = SHARED) -> list[tuple[str, str, str, Gold]]:
    """``(pair id, Arabic text, English text, gold)`` for every real development pair."""
    out = []
    for path in sorted((shared / "gold").glob("real_pair_*.json")):
        gold = load_gold(path)
        texts = [(shared / gold.pair[lang]).read_text(encoding="utf-8") for lang in ("ar", "en")]
        out.append((path.stem.removeprefix("real_pair_"), texts[0], texts[1], gold))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="keyword argument for align.compare (repeatable)")
    parser.add_argument("--flags", action="store_true", help="print each pair's flags")
    parser.add_argument("--units", action="store_true", help="print the missed gold units")
    args = parser.parse_args(argv)
    kwargs = compare_kwargs(parse_settings(args.set))
    pairs = load_real_pairs()
    if not pairs:
        print(f"no real pairs under {SHARED}")
        return 1
    all_scores = []
    signature = ""
    print(f"{'pair':<5} {'link P':>7} {'R':>6} {'F1':>6}   {'flag P':>7} {'R':>6} {'F1':>6}"
          f"   one-sided found")
    for pid, text_a, text_b, gold in pairs:
        cmp = align.compare(text_a, text_b, src_lang="ar", tgt_lang="en", **kwargs)
        signature = cmp.signature
        s = evaluate(cmp, gold)
        all_scores.append(s)
        c = s.counts
        print(f"{pid:<5} {s.link_precision:7.3f} {s.link_recall:6.3f} {s.link_f1:6.3f}   "
              f"{s.flag_precision:7.3f} {s.flag_recall:6.3f} {s.flag_f1:6.3f}   "
              f"{c.gold_flags_found}/{c.gold_flags}")
        if args.flags:
            print_flags(cmp)
        if args.units:
            missed = s.units_frame().query("found == False")
            for row in missed.itertuples():
                unit = next(u for u in gold.units if u.id == row.id)
                lang = "ar" if row.side == "a" else "en"
                side_texts = unit.texts.get(lang) or unit.texts.get("ar") or ()
                print(f"    missed {row.id} {row.kind:<9} {' | '.join(side_texts)[:110]}")

    def mean(attr: str) -> float:
        return statistics.fmean(getattr(s, attr) for s in all_scores)

    print(f"{'mean':<5} {mean('link_precision'):7.3f} {mean('link_recall'):6.3f} "
          f"{mean('link_f1'):6.3f}   {mean('flag_precision'):7.3f} {mean('flag_recall'):6.3f} "
          f"{mean('flag_f1'):6.3f}   (averaged over {len(all_scores)} pairs)")
    print(f"signature: {signature}")
    print("micro-averaged over all pairs:")
    print_scores(combine(all_scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
