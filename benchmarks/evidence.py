"""How well a flag's missing-word marks point at what the other version lacks.

For every ``partial`` flag of ``align.compare`` on the synthetic sub-sentence
pairs (:mod:`benchmarks.subsentence`, exact truth) and on the real
development pairs (``../shared/data/gold/real_pair_*.json``), the content
words of the flag (:func:`align.text.lexicon.is_glue` false) are judged
against the gold: a word is truly missing when it lies inside a one-sided
gold unit of its side. Printed per set:

- **marks**: precision and recall of the words marked missing
  (``Flag.evidence.missing``) among the flag's content words;
- **whole flag**: the same when every content word of the flag counts as
  missing (what the flag's span alone says), the baseline the marks must
  beat on precision without losing much recall;
- flags left with no mark.

Flags themselves are not judged here (``benchmarks/subsentence.py`` and
``benchmarks/real_pairs.py`` do that); evidence never changes them.

    python -m benchmarks.evidence [--limit 40] [--seed 0]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

import align  # noqa: E402
from align.differences.evidence import words  # noqa: E402
from align.text.lexicon import is_glue  # noqa: E402


def one_sided_spans(gold) -> dict[str, list[tuple[int, int]]]:
    """Spans of one-sided gold units per side (``a`` Arabic, ``b`` English)."""
    out: dict[str, list[tuple[int, int]]] = {"a": [], "b": []}
    for unit in gold.units:
        if unit.one_sided and not unit.truncated:
            lang = unit.langs[0]
            out["a" if lang == "ar" else "b"] += [tuple(s) for s in unit.spans[lang]]
    return out


def judge(cmp, truth: dict[str, list[tuple[int, int]]]) -> dict[str, int]:
    """Counts of content words in partial flags: marked / truly missing / both, and per
    flag whether anything was marked."""
    n = {"marked": 0, "true": 0, "hit": 0, "words": 0, "flags": 0, "unmarked": 0}
    for f in cmp.flag_list:
        if f.kind != "partial":
            continue
        doc = cmp.document(f.side)
        n["flags"] += 1
        n["unmarked"] += not f.evidence.missing
        for s, e, w in words(doc, f.start, f.end):
            if is_glue(w, doc.lang):
                continue
            marked = any(m.start <= s and e <= m.end for m in f.evidence.missing)
            true = any(a <= s and e <= b for a, b in truth[f.side])
            n["words"] += 1
            n["marked"] += marked
            n["true"] += true
            n["hit"] += marked and true
    return n


def report(name: str, counts: list[dict[str, int]]) -> None:
    total = {k: sum(c[k] for c in counts) for k in counts[0]} if counts else {}
    if not total or not total["words"]:
        print(f"{name}: no partial flags")
        return
    p = total["hit"] / max(total["marked"], 1)
    r = total["hit"] / max(total["true"], 1)
    base_p = total["true"] / total["words"]
    print(f"{name}: {total['flags']} partial flags, {total['words']} content words, "
          f"{total['true']} truly one-sided")
    print(f"  marks      precision {p:.3f}  recall {r:.3f}  "
          f"({total['marked']} words marked; {total['unmarked']} flags without a mark)")
    print(f"  whole flag precision {base_p:.3f}  recall 1.000")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=40, help="synthetic pairs")
    parser.add_argument("--seed", type=int, default=0, help="synthetic builder seed")
    args = parser.parse_args(argv)
    from benchmarks.real_pairs import load_real_pairs
    from benchmarks.subsentence import build_pairs

    synthetic = []
    for pair in build_pairs(seed=args.seed, limit=args.limit):
        cmp = align.compare(pair.ar, pair.en, src_lang="ar", tgt_lang="en")
        synthetic.append(judge(cmp, one_sided_spans(pair.gold)))
    report(f"synthetic sub-sentence pairs ({len(synthetic)})", synthetic)
    real = []
    for _, text_a, text_b, gold in load_real_pairs():
        cmp = align.compare(text_a, text_b, src_lang="ar", tgt_lang="en")
        real.append(judge(cmp, one_sided_spans(gold)))
    report(f"real development pairs ({len(real)})", real)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
