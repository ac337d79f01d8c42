"""Shared pieces of the quality benchmarks: the seed pair, printing, false flags."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path
from typing import Sequence

from align.evaluation import Gold, Scores, load_gold
from align.result import Comparison

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


def load_seed_pair() -> tuple[str, str, Gold]:
    """The Arabic seed report (side a), the English one (side b) and their gold."""
    gold = load_gold(DATA / "gold" / "seed_pair_000_002.json")
    texts = [(DATA / "seeds" / gold.pair[lang]).read_text(encoding="utf-8")
             for lang in ("ar", "en")]
    return texts[0], texts[1], gold


def parse_settings(items: Sequence[str]) -> dict:
    """``["name=value", ...]`` → keyword arguments; numbers and booleans parsed."""
    out: dict = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise SystemExit(f"--set expects name=value, got {item!r}")
        lowered = value.lower()
        if lowered in ("true", "false"):
            out[name] = lowered == "true"
        elif lowered == "none":
            out[name] = None
        else:
            try:
                out[name] = int(value)
            except ValueError:
                try:
                    out[name] = float(value)
                except ValueError:
                    out[name] = value
    return out


def compare_kwargs(settings: dict) -> dict:
    """``--set`` values → keyword arguments of ``align.compare``.

    ``encoder`` and ``src_lang``/``tgt_lang`` pass through; every other name
    (a shortcut such as ``link_margin`` or a dotted path such as
    ``linking.rival_gap``) replaces a field of the default
    :class:`~align.config.AlignConfig`, so any setting can be swept.
    """
    from align.config import AlignConfig

    settings = dict(settings)
    out = {k: settings.pop(k) for k in ("encoder", "src_lang", "tgt_lang") if k in settings}
    if settings:
        out["config"] = AlignConfig().replace(**settings)
    return out


def edit_recall(pairs, per_pair: Sequence[Scores]) -> dict[str, tuple[int, int]]:
    """Per edit kind (deleted / inserted): (one-sided units found, total)."""
    found: Counter = Counter()
    total: Counter = Counter()
    for pair, scores in zip(pairs, per_pair):
        for unit in scores.units:
            if unit.kind == "one-sided" and unit.found is not None:
                kind = pair.edit_of(unit.id) or "other"
                total[kind] += 1
                found[kind] += bool(unit.found)
    return {kind: (found[kind], total[kind]) for kind in sorted(total)}


def link_recall_by_edit(pairs, per_pair: Sequence[Scores]) -> dict[str, tuple[int, int]]:
    """Two-sided units by the edit that touched them (merged / reordered / none)."""
    found: Counter = Counter()
    total: Counter = Counter()
    for pair, scores in zip(pairs, per_pair):
        touched = {u: e.kind for e in pair.edits if e.kind in ("merged", "reordered")
                   for u in e.units}
        for unit in scores.units:
            if unit.kind == "two-sided" and unit.found is not None:
                kind = touched.get(unit.id, "none")
                total[kind] += 1
                found[kind] += bool(unit.found)
    return {kind: (found[kind], total[kind]) for kind in sorted(total)}


def print_scores(scores: Scores, pairs=None, per_pair: Sequence[Scores] | None = None) -> None:
    """Print the six figures, their counts, and per-edit recall when pairs are given."""
    c = scores.counts
    print(f"  link  P {scores.link_precision:.3f}  R {scores.link_recall:.3f}  "
          f"F1 {scores.link_f1:.3f}   (pairs {c.link_pairs_correct} right, "
          f"{c.link_pairs_wrong} wrong, {c.link_pairs_neutral} neutral; "
          f"statements {c.gold_links_found}/{c.gold_links})")
    print(f"  flag  P {scores.flag_precision:.3f}  R {scores.flag_recall:.3f}  "
          f"F1 {scores.flag_f1:.3f}   (chars {c.flag_chars_correct} right, "
          f"{c.flag_chars_wrong} wrong, {c.flag_chars_neutral} neutral; "
          f"one-sided {c.gold_flags_found}/{c.gold_flags})")
    if pairs is not None and per_pair is not None:
        for kind, (hit, n) in edit_recall(pairs, per_pair).items():
            print(f"  flag recall, {kind:<9} {hit / n if n else 0:.3f}  ({hit}/{n})")
        for kind, (hit, n) in link_recall_by_edit(pairs, per_pair).items():
            print(f"  link recall, {kind:<9} {hit / n if n else 0:.3f}  ({hit}/{n})")


def print_flags(cmp: Comparison, limit: int = 40) -> None:
    """The flag list, one line each: side, kind, confidence, text."""
    for f in cmp.flag_list[:limit]:
        text = " ".join(f.text.split())
        print(f"  [{f.side}] {f.kind:<9} {f.confidence:.2f}  {text[:100]}")
    if len(cmp.flag_list) > limit:
        print(f"  ... {len(cmp.flag_list) - limit} more")


def false_flags(comparisons: Sequence[Comparison], pairs) -> str:
    """How much a method flags on clean pairs, where nothing is missing."""
    n_flags = sum(len(c.flag_list) for c in comparisons)
    with_flags = sum(bool(c.flag_list) for c in comparisons)
    shares = [1 - c.matched_share(side) for c in comparisons for side in ("a", "b")]
    return (f"  false flags: {n_flags} in {len(comparisons)} clean pairs "
            f"({with_flags} pairs with at least one; "
            f"{n_flags / max(1, len(comparisons)):.2f} per pair); "
            f"flagged share of text: mean {statistics.fmean(shares) if shares else 0:.3%}")


def median_time(fn, runs: int = 5) -> float:
    """Median wall time of ``fn()`` over ``runs`` calls, in seconds."""
    import time

    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
