"""Synthetic sub-sentence omissions: what one version dropped inside a shared statement.

Built from NTREX-128 (:func:`benchmarks.synthetic.load_ntrex`, same paragraph
layout): each edited pair is a document and its human translation in which
one side lost something *smaller than a sentence*, with exact gold spans in
the project's gold format (:mod:`align.evaluation`):

- **clause**: a sentence whose two versions both split at a clause boundary
  (English ", and / but / which / who / while / saying …"; Arabic «،», «لكن»,
  «ثم», «كما», «حيث», «التي/الذي», participles «مؤكداً / مشيراً / مضيفاً …»)
  at the same relative place (tail lengths within ``TAIL_TOLERANCE`` of the
  sentence); one side drops its tail clause (2–12 English words). The other
  side's tail is a one-sided unit, its head and the edited sentence a
  two-sided unit. Reported separately for tails of >= 4 and < 4 words;
- **number**: a number written in both versions (Arabic-Indic or Western
  digits) deleted from one side: the other side's number is a one-sided unit;
- **merged**: a sentence joined to its neighbour on one side and dropped on
  the other (the *partial* edit of :mod:`benchmarks.synthetic`).

Single fact-bearing words other than numbers (an adjective, a name) are
not generated: finding the word's counterpart in the other language needs a
word aligner, which would make the gold depend on a model.

Clean pairs are the documents and their translations untouched
(:func:`benchmarks.synthetic.build_pairs` with ``clean=True``), for the false
flags per clean translated document.

Clause correspondence is found from structure and length alone (no encoder),
so the gold does not favour any model; a few tails will be loose
translations of each other, which only makes the benchmark harder.
Random choices come from ``random.Random(f"{seed}:{doc_id}:sub")``.

Run (the numbers of the sub-sentence issue: recall >= 0.80 for clauses of
>= 4 words, >= 0.5 for single fact-bearing words, <= 0.3 false flags per
clean document)::

    python -m benchmarks.subsentence [--limit 40] [--seed 0] [--no-clean] [--set name=value]

Example:
    >>> from benchmarks.subsentence import build_pairs
    >>> pairs = build_pairs(limit=3)                 # doctest: +SKIP
    >>> pairs[0].edits                               # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

from align.evaluation import Gold, GoldUnit, Scores  # noqa: E402
from benchmarks.synthetic import (  # noqa: E402
    LANGS, EditConfig, Lang, NtrexDocument, _blocks, _join, _mergeable, load_ntrex,
)
from benchmarks.synthetic import build_pairs as build_clean_pairs  # noqa: E402

#: Largest difference between the two versions' tail shares (characters of the
#: tail over characters of the sentence) for the tails to count as one clause.
TAIL_TOLERANCE = 0.08
#: English tail clause lengths (words) that may be deleted.
MIN_TAIL_WORDS, MAX_TAIL_WORDS = 2, 12
#: Clause edits per document at most (numbers and merges: one each).
MAX_CLAUSES = 2

_EN_BOUNDARY = re.compile(
    r",\s+(?=(?:and|but|while|which|who|whose|whereas|although|though|after|before|saying|"
    r"adding|noting|because|where|when|including|as|with|according)\b)"
    r"|\s+(?=but\b)"
)
_AR_BOUNDARY = re.compile(
    r"،\s*(?=\S)"
    r"|\s+(?=(?:ولكن|لكن|ثم|كما|حيث|التي|الذي|الذين|مؤكد|مشير|مضيف|موضح|مشيد|معتبر|وأضاف|وأشار)\S*)"
)
_NUMBER = re.compile(r"(?<![\w.,/:])[0-9\u0660-\u0669]+(?:[.,][0-9\u0660-\u0669]+)?(?![\w/:])")
_FINAL_CHARS = ".!?؟\"'”’»)"
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


@dataclass(frozen=True)
class SubEdit:
    """One sub-sentence edit: its type, the side that lost the text, the one-sided unit."""

    kind: str  # "clause>=4", "clause<4", "number", "merged"
    side: Lang
    unit: str


@dataclass(frozen=True)
class SubPair:
    doc_id: str
    kind: str
    ar: str
    en: str
    gold: Gold
    edits: tuple[SubEdit, ...]

    @property
    def name(self) -> str:
        return f"{self.doc_id}.{self.kind}"

    def text(self, lang: Lang) -> str:
        return self.ar if lang == "ar" else self.en

    def edit_of(self, unit_id: str) -> str | None:
        return next((e.kind for e in self.edits if e.unit == unit_id), None)


def _core(sentence: str) -> tuple[str, str]:
    """A sentence without its final punctuation, and that punctuation."""
    core = sentence.rstrip(_FINAL_CHARS)
    return core, sentence[len(core):]


def _tails(core: str, pattern: re.Pattern) -> list[int]:
    """Start offsets of possible tail clauses (after the boundary's punctuation)."""
    return [m.end() for m in pattern.finditer(core)]


def clause_split(en: str, ar: str) -> tuple[int, int] | None:
    """Offsets in ``en`` and ``ar`` where matching tail clauses begin, if any.

    The last English boundary whose tail has 2–12 words is paired with the
    Arabic boundary whose tail covers the closest share of its sentence.
    """
    en_core, _ = _core(en)
    ar_core, _ = _core(ar)
    if not en_core or not ar_core:
        return None
    best = None
    for s_en in _tails(en_core, _EN_BOUNDARY):
        n_tail = len(en_core[s_en:].split())
        if not MIN_TAIL_WORDS <= n_tail <= MAX_TAIL_WORDS or len(en_core[:s_en].split()) < 3:
            continue
        share_en = (len(en_core) - s_en) / len(en_core)
        for s_ar in _tails(ar_core, _AR_BOUNDARY):
            ar_words = len(ar_core[s_ar:].split())
            if ar_words < 2 or ar_words > MAX_TAIL_WORDS + 3 or len(ar_core[:s_ar].split()) < 3:
                continue
            gap = abs((len(ar_core) - s_ar) / len(ar_core) - share_en)
            if gap <= TAIL_TOLERANCE and (best is None or gap < best[0]):
                best = (gap, s_en, s_ar)
    return None if best is None else (best[1], best[2])


def number_match(en: str, ar: str) -> tuple[re.Match, re.Match] | None:
    """A number written exactly once in each version with the same value."""
    en_nums = {m.group().translate(_DIGITS).replace(",", ""): m for m in _NUMBER.finditer(en)}
    ar_nums = {m.group().translate(_DIGITS).replace("٫", ".").replace(",", ""): m
               for m in _NUMBER.finditer(ar)}
    counts_en = Counter(m.group() for m in _NUMBER.finditer(en))
    counts_ar = Counter(m.group() for m in _NUMBER.finditer(ar))
    for value, m_en in en_nums.items():
        m_ar = ar_nums.get(value)
        if m_ar and counts_en[m_en.group()] == 1 and counts_ar[m_ar.group()] == 1:
            return m_en, m_ar
    return None


# A piece of a side's text: fragments written back to back, each with the
# gold unit it belongs to (None: glue no unit claims).
Piece = list[tuple[str | None, str]]


def _render(blocks: list[list[Piece]]) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    out: list[str] = []
    spans: dict[str, list[tuple[int, int]]] = {}
    pos = 0
    for b, block in enumerate(blocks):
        for p, piece in enumerate(block):
            sep = ("\n\n" if b else "") if p == 0 else " "
            out.append(sep)
            pos += len(sep)
            for unit, text in piece:
                if unit is not None and text:
                    spans.setdefault(unit, []).append((pos, pos + len(text)))
                out.append(text)
                pos += len(text)
    return "".join(out), spans


def _clause_pieces(sentence: str, start: int, uid: str, tail_id: str,
                   keep: bool) -> Piece:
    core, end = _core(sentence)
    head = core[:start]
    if keep:
        return [(uid, head), (tail_id, core[start:]), (None, end)]
    return [(uid, head.rstrip(" ،,")), (None, end)]


def _number_pieces(sentence: str, m: re.Match, uid: str, num_id: str, keep: bool) -> Piece:
    before, after = sentence[:m.start()], sentence[m.end():]
    if keep:
        return [(uid, before), (num_id, m.group()), (uid, after)]
    if before.endswith(" ") and after.startswith(" "):
        after = after[1:]
    return [(uid, before), (uid, after)]


def build_pair(doc: NtrexDocument, *, seed: int = 0) -> SubPair | None:
    """One pair with sub-sentence edits, or None when the document offers none."""
    rng = random.Random(f"{seed}:{doc.doc_id}:sub")
    blocks = _blocks(doc, rng, EditConfig())
    body = [k for k in range(1, len(doc))]
    clauses = [(k, s) for k in body if (s := clause_split(doc.en[k], doc.ar[k]))]
    numbers = [(k, m) for k in body if (m := number_match(doc.en[k], doc.ar[k]))]
    merges = [(blk[i], blk[i + 1]) for blk in blocks for i in range(len(blk) - 1)
              if _mergeable(doc, blk[i])]
    used: set[int] = set()
    plan: dict[int, tuple] = {}
    for k, split in rng.sample(clauses, len(clauses))[:MAX_CLAUSES]:
        used.add(k)
        plan[k] = ("clause", split, rng.choice(LANGS))
    for k, match in rng.sample(numbers, len(numbers)):
        if k not in used:
            used.add(k)
            plan[k] = ("number", match, rng.choice(LANGS))
            break
    for first, second in rng.sample(merges, len(merges)):
        if first not in used and second not in used:
            used |= {first, second}
            plan[first] = ("merge", second, rng.choice(LANGS))
            plan[second] = ("merged-away", first, None)
            break
    if not plan:
        return None

    edits: list[SubEdit] = []
    layouts: dict[Lang, list[list[Piece]]] = {lang: [] for lang in LANGS}
    extra_units: list[str] = []
    for lang in LANGS:
        for blk in blocks:
            pieces: list[Piece] = []
            for k in blk:
                uid = f"u{k + 1:02d}"
                sentence = getattr(doc, lang)[k]
                step = plan.get(k)
                if step is None:
                    pieces.append([(uid, sentence)])
                elif step[0] == "clause":
                    (s_en, s_ar), dropped_on = step[1], step[2]
                    start = s_en if lang == "en" else s_ar
                    pieces.append(_clause_pieces(sentence, start, uid, uid + "c",
                                                 keep=lang != dropped_on))
                elif step[0] == "number":
                    (m_en, m_ar), dropped_on = step[1], step[2]
                    pieces.append(_number_pieces(sentence, m_en if lang == "en" else m_ar,
                                                 uid, uid + "n", keep=lang != dropped_on))
                elif step[0] == "merge":
                    second, merged_on = step[1], step[2]
                    other = getattr(doc, lang)[second]
                    sid = f"u{second + 1:02d}"
                    if lang == merged_on:
                        head, glue, tail = _join(lang, sentence, other)
                        pieces.append([(uid, head), (None, glue), (sid, tail)])
                    else:  # the merged-in sentence is missing on this side
                        pieces.append([(uid, sentence)])
                # "merged-away": written inside its neighbour's piece (or dropped)
            if pieces:
                layouts[lang].append(pieces)
    for k, step in sorted(plan.items()):
        uid = f"u{k + 1:02d}"
        if step[0] == "clause":
            (s_en, _), dropped_on = step[1], step[2]
            n_words = len(_core(doc.en[k])[0][s_en:].split())
            kind = "clause>=4" if n_words >= 4 else "clause<4"
            edits.append(SubEdit(kind, dropped_on, uid + "c"))
            extra_units.append(uid + "c")
        elif step[0] == "number":
            edits.append(SubEdit("number", step[2], uid + "n"))
            extra_units.append(uid + "n")
        elif step[0] == "merge":
            merged_on = step[2]
            edits.append(SubEdit("merged", "en" if merged_on == "ar" else "ar",
                                 f"u{step[1] + 1:02d}"))

    rendered = {lang: _render(layouts[lang]) for lang in LANGS}
    ids = [f"u{k + 1:02d}" for k in range(len(doc))] + extra_units
    units = []
    for uid in sorted(ids):
        spans = {lang: tuple(rendered[lang][1].get(uid, ())) for lang in LANGS}
        if not any(spans.values()):
            continue
        texts = {lang: tuple(rendered[lang][0][s:e] for s, e in spans[lang]) for lang in LANGS}
        units.append(GoldUnit(uid, "major", spans, texts))
    gold = Gold(pair={"ar": f"{doc.doc_id}.sub.ar.txt", "en": f"{doc.doc_id}.sub.en.txt"},
                description="Synthetic sub-sentence omissions (benchmarks/subsentence.py); "
                            "spans [start, end) per language as in the seed gold.",
                units=tuple(units))
    return SubPair(doc.doc_id, "sub", rendered["ar"][0], rendered["en"][0], gold, tuple(edits))


def build_pairs(*, seed: int = 0, limit: int | None = None,
                root: str | Path | None = None) -> list[SubPair]:
    """Edited pairs for the first ``limit`` NTREX documents that offer an edit."""
    docs = [d for d in load_ntrex(root) if len(d) >= EditConfig().min_sentences]
    pairs = [p for d in docs if (p := build_pair(d, seed=seed)) is not None]
    return pairs[:limit] if limit is not None else pairs


def recall_by_edit(pairs: list[SubPair], per_pair: list[Scores]) -> dict[str, tuple[int, int]]:
    """Per edit type: (one-sided units found, total)."""
    found: Counter = Counter()
    total: Counter = Counter()
    for pair, scores in zip(pairs, per_pair):
        for unit in scores.units:
            kind = pair.edit_of(unit.id)
            if kind is not None and unit.kind == "one-sided" and unit.found is not None:
                total[kind] += 1
                found[kind] += bool(unit.found)
    return {kind: (found[kind], total[kind]) for kind in sorted(total)}


def phrase_settings(items: list[str]) -> dict:
    """``--phrase`` items as configuration settings (``flags.phrases.<field>``; ``off``: none)."""
    from benchmarks.common import parse_settings

    if items == ["off"]:
        return {"flags.phrases": None}
    return {f"flags.phrases.{name}": value for name, value in parse_settings(items).items()}


def main(argv: list[str] | None = None) -> int:
    import align
    from align.evaluation import combine, evaluate
    from benchmarks.common import compare_kwargs, false_flags, parse_settings, print_scores

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="edited pairs to use")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-clean", action="store_true", help="skip the clean pairs")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="encoder or any configuration field, e.g. linking.rival_gap (repeatable)")
    parser.add_argument("--flags", action="store_true", help="print missed one-sided units")
    parser.add_argument("--phrase", action="append", default=[], metavar="NAME=VALUE",
                        help="field of PhraseParams (repeatable); 'off' turns phrases off")
    args = parser.parse_args(argv)
    kwargs = compare_kwargs({**parse_settings(args.set), **phrase_settings(args.phrase)})

    def run(a: str, b: str):
        return align.compare(a, b, src_lang="ar", tgt_lang="en", **kwargs)

    pairs = build_pairs(seed=args.seed, limit=args.limit)
    run("تجربة.", "A warm-up.")
    t0 = time.perf_counter()
    cmps = [run(p.ar, p.en) for p in pairs]
    seconds = time.perf_counter() - t0
    per_pair = [evaluate(c, p.gold) for c, p in zip(cmps, pairs)]
    print(f"sub-sentence omissions: {len(pairs)} edited NTREX pairs, seed {args.seed}, "
          f"{cmps[0].signature if cmps else ''}")
    print(f"  compare time {seconds / max(1, len(cmps)):.3f} s per pair")
    print_scores(combine(per_pair))
    for kind, (hit, n) in recall_by_edit(pairs, per_pair).items():
        print(f"  recall, {kind:<10} {hit / n if n else 0:.3f}  ({hit}/{n})")
    if args.flags:
        for pair, scores in zip(pairs, per_pair):
            for unit in scores.units:
                if pair.edit_of(unit.id) and unit.kind == "one-sided" and not unit.found:
                    gu = next(u for u in pair.gold.units if u.id == unit.id)
                    print(f"    missed {pair.doc_id} {pair.edit_of(unit.id):<10} "
                          f"{' | '.join(t for ts in gu.texts.values() for t in ts)[:90]}")
    if not args.no_clean:
        limit = args.limit
        clean = build_clean_pairs(seed=args.seed, clean=True, limit=limit)
        clean_cmps = [run(p.ar, p.en) for p in clean]
        print(f"clean translated NTREX documents: {len(clean)}")
        print(false_flags(clean_cmps, clean))
        partial = sum(f.kind == "partial" for c in clean_cmps for f in c.flag_list)
        print(f"  of which partial: {partial} ({partial / max(1, len(clean)):.2f} per document)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
