"""How QA issue severity tracks correctness: the measurement behind the defaults
of :class:`align.qa.Thresholds`.

Synthetic NTREX pairs (``benchmarks.synthetic``: sentences deleted on either
side, foreign sentences inserted, merges, reordering; ``benchmarks.subsentence``:
clauses and numbers dropped inside shared sentences) give omissions and
additions whose truth is known; *clean* pairs (a document and its
translation) give issues that are all false. An omission/addition issue is
*true* when at least half of its non-space characters lie inside one-sided
gold statements of its side. Printed:

- precision of omission/addition issues per confidence band and length band;
- at the default thresholds: precision of issues at ``warning`` or above and
  at ``error``, recall of the one-sided gold statements they reach, and the
  share of clean pairs that would fail ``--fail-on warning`` / ``error``;
- number mismatches per severity on clean pairs (a translation keeps its
  figures, so nearly every one there is a false alarm);
- the issues on the seed pair, and true/all issues per severity on the real
  development pairs.

Usage::

    python -m benchmarks.qa_thresholds [--limit 30] [--seed 0]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict

from align.pipeline import compare
from align.qa import SEVERITIES, Thresholds, check, content_evidence

from .common import load_seed_pair
from .subsentence import build_pairs as build_sub_pairs
from .synthetic import build_pairs

CONF_BANDS = ((0.0, 0.2), (0.2, 0.5), (0.5, 0.8), (0.8, 0.95), (0.95, 1.01))
WORD_BANDS = ((0, 1), (2, 4), (5, 9), (10, 10_000))


def _nonspace(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if not text[i].isspace()}


def _truth(issue, text: str, one_sided: list[tuple[int, int]]) -> bool:
    chars = _nonspace(text, issue.start, issue.end)
    if not chars:
        return False
    inside = sum(1 for i in chars if any(s <= i < e for s, e in one_sided))
    return inside * 2 >= len(chars)


def _band(value, bands):
    for lo, hi in bands:
        if lo <= value < hi:
            return (lo, hi)
    return bands[-1]


def _content_evidence(cmp, issue) -> tuple[int, bool, bool]:
    """(content words, number/negation/name present, boilerplate or glue only)."""
    doc = cmp.document(issue.side)
    start = not doc.text[doc.segments[issue.segment].start:issue.start].strip()
    return content_evidence(issue.text, doc.lang, sentence_start=start)


def _content_table(content, th: Thresholds, n_clean: int) -> None:
    """Precision of short issues (under ``warning_min_words``) that reach
    ``warning_confidence``, by the content rule's minimum of content words:
    the rule promotes exactly these to warnings."""
    print(f"\ncontent rule: issues with confidence >= {th.warning_confidence} and fewer than "
          f"{th.warning_min_words} words, called facts when they hold a number/negation/name "
          "or >= m content words")
    short = [r for r in content if r[0] >= th.warning_confidence and r[1] < th.warning_min_words]
    for m in (1, 2, 3, 4, 5, 6):
        facts = [r for r in short if not r[5][2] and (r[5][0] >= m or r[5][1])]
        t = sum(r[2] for r in facts)
        dirty = len({r[4] for r in facts if r[3]})
        print(f"  m={m}: {len(facts):>3} promoted, precision "
              f"{t / len(facts) if facts else float('nan'):.2f}, clean pairs with one {dirty}/{n_clean}")
    glue = [r for r in content if r[5][2]]
    print(f"  glue (capped at note): {len(glue)} issues, {sum(r[2] for r in glue)} true")


def _real_pairs(th: Thresholds) -> None:
    """Omission/addition issues on the real development pairs, true/all per severity
    (true: half its characters in one-sided gold units; truncated units excluded)."""
    from .real_pairs import load_real_pairs

    counts: dict = defaultdict(lambda: [0, 0])
    for _, ar, en, gold in load_real_pairs():
        report = check(compare(ar, en, src_lang="ar", tgt_lang="en", show_progress_bar=False),
                       thresholds=th)
        one_sided = {"a": [], "b": []}
        for u in gold.units:
            if u.one_sided and u.major:
                side = "a" if u.langs == ("ar",) else "b"
                one_sided[side] += list(u.spans[u.langs[0]])
        texts = {"a": ar, "b": en}
        for issue in report.issues:
            if issue.category != "number-mismatch":
                cell = counts[issue.severity]
                cell[0] += _truth(issue, texts[issue.side], one_sided[issue.side])
                cell[1] += 1
    print("\nreal development pairs, omission/addition issues true/all: "
          + ", ".join(f"{s} {counts[s][0]}/{counts[s][1]}" for s in reversed(SEVERITIES)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=30, help="NTREX documents (default 30)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    th = Thresholds()
    started = time.perf_counter()
    table: dict = defaultdict(lambda: [0, 0])  # (conf band, word band) -> [true, all]
    at = {s: [0, 0] for s in SEVERITIES}  # default severity -> [true, all]
    units_total = 0
    units_reached = {"warning": 0, "error": 0}
    clean_fail = {"warning": 0, "error": 0}
    clean_numbers: Counter = Counter()
    edited_numbers: Counter = Counter()
    clean_flags: Counter = Counter()
    n_clean = 0
    records = []  # (confidence, words, true, clean, pair name) per omission/addition issue
    content = []  # the same, plus (content words, other fact evidence, glue)
    for clean, pairs in ((False, build_pairs(limit=args.limit, seed=args.seed)),
                         (False, build_sub_pairs(limit=args.limit, seed=args.seed)),
                         (True, build_pairs(limit=args.limit, seed=args.seed, clean=True))):
        for pair in pairs:
            cmp = compare(pair.ar, pair.en, src_lang="ar", tgt_lang="en", show_progress_bar=False)
            graded = check(cmp, thresholds=th)
            one_sided = {"a": [], "b": []}
            units = []
            for u in pair.gold.units:
                if u.one_sided and u.major:
                    side = "a" if u.langs == ("ar",) else "b"
                    one_sided[side] += list(u.spans[u.langs[0]])
                    units.append((side, list(u.spans[u.langs[0]])))
            texts = {"a": pair.ar, "b": pair.en}
            for issue in graded.issues:
                if issue.category == "number-mismatch":
                    (clean_numbers if clean else edited_numbers)[issue.severity] += 1
                    continue
                ok = _truth(issue, texts[issue.side], one_sided[issue.side])
                words = len(issue.text.split())
                cell = table[(_band(issue.confidence, CONF_BANDS), _band(words, WORD_BANDS))]
                cell[0] += ok
                cell[1] += 1
                at[issue.severity][0] += ok
                at[issue.severity][1] += 1
                records.append((issue.confidence, words, ok, clean, pair.name))
                content.append((issue.confidence, words, ok, clean, pair.name,
                                _content_evidence(cmp, issue)))
                if clean:
                    clean_flags[issue.severity] += 1
            for side, spans in units:
                units_total += 1
                reached = [i for i in graded.issues if i.side == side and i.category != "number-mismatch"
                           and any(i.start < e and s < i.end for s, e in spans)]
                for level in ("warning", "error"):
                    if any(SEVERITIES.index(i.severity) >= SEVERITIES.index(level) for i in reached):
                        units_reached[level] += 1
            if clean:
                n_clean += 1
                for level in ("warning", "error"):
                    clean_fail[level] += graded.exit_status(level) == 1
        print(f"{'clean' if clean else 'edited'}: {len(pairs)} pairs done "
              f"({time.perf_counter() - started:.0f}s)", flush=True)

    print("\nomission/addition precision by confidence band x length band (true/all)")
    header = "confidence   " + "".join(f"{f'{lo}-{hi if hi < 100 else chr(8734)} w':>14}"
                                         for lo, hi in WORD_BANDS)
    print(header)
    for cb in CONF_BANDS:
        row = f"{cb[0]:.2f}-{min(cb[1], 1.0):.2f}  "
        for wb in WORD_BANDS:
            t, n = table.get((cb, wb), (0, 0))
            row += f"{(f'{t}/{n} ' + (f'{t / n:.2f}' if n else '  - ')):>14}"
        print(row)

    def prec(levels):
        t = sum(at[s][0] for s in levels)
        n = sum(at[s][1] for s in levels)
        return f"{t / n:.3f} ({t}/{n})" if n else "n/a"

    print(f"\ndefaults: {th}")
    print(f"precision of issues at warning or above: {prec(['warning', 'error'])}")
    print(f"precision of issues at error:            {prec(['error'])}")
    print(f"precision of notes:                      {prec(['note'])}")
    for level in ("warning", "error"):
        print(f"one-sided gold statements reached at {level}+: "
              f"{units_reached[level]}/{units_total} = {units_reached[level] / max(units_total, 1):.3f}")
    for level in ("warning", "error"):
        print(f"clean pairs failing --fail-on {level}: {clean_fail[level]}/{n_clean}")
    print(f"omission/addition issues on clean pairs by severity: {dict(clean_flags)}")
    print(f"number mismatches on clean pairs by severity:  {dict(clean_numbers)}")
    print(f"number mismatches on edited pairs by severity: {dict(edited_numbers)}")

    print("\nsweep: issues with confidence >= c and words >= w -> precision, "
          "share of clean pairs with one")
    chosen = {}
    for c in (0.2, 0.3, 0.5, 0.7, 0.8, 0.9):
        row = f"c={c:.1f} "
        for w in (2, 5, 8, 10, 15):
            sel = [r for r in records if r[0] >= c and r[1] >= w]
            t = sum(r[2] for r in sel)
            dirty = len({r[4] for r in sel if r[3]})
            p = t / len(sel) if sel else float("nan")
            row += f" w>={w:<2} {p:.2f} ({len(sel):>3}, clean {dirty}/{n_clean})"
            for level, target in (("warning", 0.8), ("error", 0.9)):
                if sel and p >= target and len(sel) >= 10:
                    best = chosen.get(level)
                    if best is None or len(sel) > best[2]:
                        chosen[level] = (c, w, len(sel), p)
        print(row)
    for level, (c, w, n, p) in sorted(chosen.items()):
        print(f"most issues at precision >= {0.8 if level == 'warning' else 0.9} ({level}): "
              f"confidence >= {c}, words >= {w}: {n} issues, precision {p:.2f}")

    _content_table(content, th, n_clean)

    ar, en, _ = load_seed_pair()
    report = check(compare(ar, en, src_lang="ar", tgt_lang="en", show_progress_bar=False))
    print(f"\nseed pair: {report.counts()}")
    for i in report.issues:
        print(f"  {i.severity:<7} {i.category:<15} {i.side} {i.confidence:.2f} {i.text[:70]!r}")
    _real_pairs(th)
    print(f"\ntotal {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
