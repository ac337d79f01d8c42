"""Sweep any configuration field and print link / flag F1 at each value.

Any field of :class:`align.config.AlignConfig` can be varied, by shortcut
(``link_margin``) or dotted path (``linking.rival_gap``,
``flags.window_margin``, ``scoring.max_window``); the figures the
docstrings quote for a default come from this kind of run. Data: the NTREX
synthetic pairs (``ntrex``, micro-averaged, with the clean pairs' false
flags), the real development pairs (``real``, averaged per pair) or the seed
pair (``seed``, a check, never a place to choose a value).

    python -m benchmarks.sweep --field linking.rival_gap --values 0,0.02,0.05,0.1 --on ntrex
    python -m benchmarks.sweep --field partial_margin --values 0.9,0.95,1.0 --on real --set encoder=use-m+e5
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
from align.evaluation import combine, evaluate  # noqa: E402
from benchmarks.common import compare_kwargs, load_seed_pair, parse_settings  # noqa: E402


def _data(on: str, limit: int | None):
    """``[(text_a, text_b, gold)]`` and whether clean pairs go with them."""
    if on == "seed":
        a, b, gold = load_seed_pair()
        return [(a, b, gold)], []
    if on == "real":
        from benchmarks.real_pairs import load_real_pairs

        return [(a, b, g) for _, a, b, g in load_real_pairs()], []
    from benchmarks.synthetic import build_pairs

    edited = [(p.ar, p.en, p.gold) for p in build_pairs(seed=0, limit=limit)]
    clean = [(p.ar, p.en, p.gold) for p in build_pairs(seed=0, limit=limit, clean=True)]
    return edited, clean


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--field", required=True, help="shortcut or dotted path of the field")
    parser.add_argument("--values", required=True, help="comma-separated values ('none' allowed)")
    parser.add_argument("--on", choices=("ntrex", "real", "seed"), default="ntrex")
    parser.add_argument("--limit", type=int, default=None, help="NTREX documents (default: all)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="other settings held fixed (repeatable)")
    args = parser.parse_args(argv)
    fixed = parse_settings(args.set)
    pairs, clean = _data(args.on, args.limit)
    print(f"{args.field} on {args.on} ({len(pairs)} pairs{', ' + str(len(clean)) + ' clean' if clean else ''})")
    print(f"{'value':>8}  link P     R    F1   flag P     R    F1" + ("   false flags/clean pair" if clean else ""))
    for raw in args.values.split(","):
        value = parse_settings([f"v={raw}"])["v"]
        kwargs = compare_kwargs({**fixed, args.field: value})
        scores = [evaluate(align.compare(a, b, src_lang="ar", tgt_lang="en",
                                         show_progress_bar=False, **kwargs), g)
                  for a, b, g in pairs]
        if args.on == "real":
            mean = {k: statistics.fmean(getattr(s, k) for s in scores) for k in
                    ("link_precision", "link_recall", "link_f1", "flag_precision",
                     "flag_recall", "flag_f1")}
        else:
            total = combine(scores)
            mean = {k: getattr(total, k) for k in ("link_precision", "link_recall", "link_f1",
                                                   "flag_precision", "flag_recall", "flag_f1")}
        line = (f"{raw:>8}  {mean['link_precision']:.3f} {mean['link_recall']:.3f} "
                f"{mean['link_f1']:.3f}  {mean['flag_precision']:.3f} {mean['flag_recall']:.3f} "
                f"{mean['flag_f1']:.3f}")
        if clean:
            n = sum(len(align.compare(a, b, src_lang="ar", tgt_lang="en", show_progress_bar=False,
                                      **kwargs).flag_list) for a, b, _ in clean)
            line += f"   {n / len(clean):.2f}"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
