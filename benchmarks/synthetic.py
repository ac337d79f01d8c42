"""Synthetic Arabic–English report pairs with known differences, from NTREX-128.

NTREX-128 gives 123 English news documents with line-aligned human Arabic
translations (``../shared/data/ntrex128``). Each document becomes two reports,
one per language, laid out in paragraphs; an *edited* pair then receives the
edits independent reports show, each recorded in a gold file of exactly the
seed pair's format (:mod:`align.evaluation`), so real and synthetic pairs are
scored alike:

- **deleted**: a sentence removed from one side; the other side keeps it as a
  one-sided statement;
- **inserted**: a sentence of another document inserted on one side (one-sided);
- **merged**: two adjacent sentences joined into one on one side
  ("A, and b." / "A، وB"); both stay separate two-sided units;
- **reordered**: one block of sentences moved elsewhere on one side;
- **repeated**: a sentence written twice on one side, the copy in another
  paragraph (reports repeat a key quote); both copies are the same unit;
- **partial**: two adjacent sentences merged on one side while the other
  side drops the second: a clause inside a matched sentence that the other
  version lacks (a one-sided unit inside a two-sided segment).

*Clean* pairs get the same layout and no edits: a document and its
translation, nothing missing, for counting false flags.

Every unit is a source line (``u01`` is line 1) or an inserted sentence
(numbered after the lines); all units are ``major``. The random choices come
from ``random.Random(f"{seed}:{doc_id}:{kind}")``, so a pair depends only on its
document, the seed and the config, never on which other pairs were built.

Example:
    >>> from benchmarks.synthetic import build_pairs
    >>> pairs = build_pairs(limit=2)                          # doctest: +SKIP
    >>> pairs[0].gold.units[0].spans                          # doctest: +SKIP

CLI (writes ``<doc>.ar.txt``, ``<doc>.en.txt``, ``<doc>.gold.json`` per pair)::

    python -m benchmarks.synthetic --out /tmp/synthetic [--clean] [--seed 0] [--limit 10]
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from align.errors import AlignInputError
from align.evaluation import Gold, GoldUnit

REPO = Path(__file__).resolve().parents[1]
#: Where NTREX-128 sits in a checkout: ``shared/`` beside the repository.
DEFAULT_NTREX = REPO.parent / "shared" / "data" / "ntrex128"

Lang = Literal["ar", "en"]
LANGS: tuple[Lang, Lang] = ("ar", "en")
EditKind = Literal["deleted", "inserted", "merged", "reordered", "partial", "repeated"]

_FINAL = (".", "!", "?", "؟", '"', "'", "”", "’", "»", ")")
# first words that may be lower-cased when an English sentence is joined to the
# previous one (anything else could be a name)
_LOWERABLE = frozenset(
    "The A An It Its He His She Her They Their We Our This That These Those There "
    "In On At But However If When As For After Before Some Many Most One Both "
    "Such Other Another Officials Police".split()
)


@dataclass(frozen=True)
class NtrexDocument:
    """One NTREX document: its id and its line-aligned sentences."""

    doc_id: str
    en: tuple[str, ...]
    ar: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.en)


@dataclass(frozen=True)
class Edit:
    """One edit applied to a pair.

    ``side`` is where the edit happened: the side a sentence was deleted
    from (so the unit survives on the other side), inserted into, merged on
    or reordered on. ``units`` are the gold unit ids it concerns.
    """

    kind: EditKind
    side: Lang
    units: tuple[str, ...]


@dataclass(frozen=True)
class EditConfig:
    """How many edits an edited pair receives.

    ``delete_rate`` of the sentences (at least one) are deleted, each from a
    side chosen at random; ``merges`` adjacent pairs merged and
    ``insertions`` foreign sentences inserted, each on a random side;
    ``partials`` merged pairs whose second sentence the other side lacks;
    ``repeats`` sentences written twice on one side; one
    block moved on one side when ``reorder`` is set and there are 3+ blocks.
    """

    delete_rate: float = 0.12
    merges: int = 1
    partials: int = 1
    repeats: int = 1
    insertions: int = 1
    reorder: bool = True
    min_sentences: int = 4
    min_block: int = 2
    max_block: int = 4


@dataclass(frozen=True)
class SyntheticPair:
    """An Arabic and an English report, their gold, and the edits applied."""

    doc_id: str
    kind: Literal["edited", "clean"]
    ar: str
    en: str
    gold: Gold
    edits: tuple[Edit, ...] = field(default=())

    @property
    def name(self) -> str:
        return f"{self.doc_id}.{self.kind}"

    def text(self, lang: Lang) -> str:
        return self.ar if lang == "ar" else self.en

    def edit_of(self, unit_id: str) -> str | None:
        """Kind of the one-sided edit (deleted/inserted) behind a unit, if any."""
        for edit in self.edits:
            if unit_id in edit.units and edit.kind in ("deleted", "inserted", "partial"):
                return edit.kind
        return None


# -- data ----------------------------------------------------------------------
def load_ntrex(root: str | Path | None = None) -> list[NtrexDocument]:
    """The NTREX-128 documents, in the order of ``documents.tsv``."""
    root = Path(root) if root is not None else DEFAULT_NTREX
    try:
        en = (root / "newstest2019-src.eng.txt").read_text(encoding="utf-8").split("\n")
        ar = (root / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").split("\n")
        table = (root / "documents.tsv").read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise AlignInputError(f"NTREX-128 not found under {root}: {exc}") from None
    docs = []
    for row in table[1:]:
        doc_id, first, last, _ = row.split("\t")
        lo, hi = int(first) - 1, int(last)
        docs.append(NtrexDocument(
            doc_id,
            tuple(line.strip() for line in en[lo:hi]),
            tuple(line.strip() for line in ar[lo:hi]),
        ))
    return docs


# -- building ------------------------------------------------------------------
# A side's layout: blocks (paragraphs) of pieces; a piece is a list of
# (unit id, text) parts, more than one when sentences were merged.
Piece = list[tuple[str, str]]
Layout = list[list[Piece]]


def _unit_id(k: int) -> str:
    return f"u{k + 1:02d}"


def _has_final(text: str) -> bool:
    return text.endswith(_FINAL)


def _blocks(doc: NtrexDocument, rng: random.Random, config: EditConfig) -> list[list[int]]:
    """Line indices grouped into paragraphs.

    The first line (the headline) and any line without final punctuation on
    either side (a heading) stand alone: running them into the next sentence
    would make a text no writer produces.
    """
    blocks: list[list[int]] = []
    current: list[int] = []
    size = rng.randint(config.min_block, config.max_block)
    for k in range(len(doc)):
        heading = k == 0 or not (_has_final(doc.en[k]) and _has_final(doc.ar[k]))
        if heading:
            if current:
                blocks.append(current)
            blocks.append([k])
            current = []
            continue
        current.append(k)
        if len(current) >= size:
            blocks.append(current)
            current = []
            size = rng.randint(config.min_block, config.max_block)
    if current:
        blocks.append(current)
    return blocks


def _join(lang: Lang, first: str, second: str) -> tuple[str, str, str]:
    """Merge two sentences: (first part, glue, second part) as they will be written."""
    head = first[:-1]
    if lang == "en":
        word = second.split(" ", 1)[0]
        if word in _LOWERABLE:
            second = second[0].lower() + second[1:]
        return head, ", and ", second
    if second.startswith("و"):
        return head, "، ", second
    return head, "، و", second


def _mergeable(doc: NtrexDocument, k: int) -> bool:
    return all(
        side[k].endswith(".") and not side[k].endswith("..") and side[k][-2:-1].isalnum()
        for side in (doc.en, doc.ar)
    )


def _render(layout: Layout, lang: Lang) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    """The text of a layout and each unit's spans in it."""
    out: list[str] = []
    pos = 0
    spans: dict[str, list[tuple[int, int]]] = {}

    def write(text: str, unit: str | None = None) -> None:
        nonlocal pos
        if unit is not None:
            spans.setdefault(unit, []).append((pos, pos + len(text)))
        out.append(text)
        pos += len(text)

    for b, block in enumerate(layout):
        if b:
            write("\n\n")
        for p, piece in enumerate(block):
            if p:
                write(" ")
            if len(piece) == 1:
                write(piece[0][1], piece[0][0])
                continue
            (u1, t1), (u2, t2) = piece
            head, glue, tail = _join(lang, t1, t2)
            write(head, u1)
            write(glue)
            write(tail, u2)
    return "".join(out), spans


def _describe(kind: str) -> str:
    return (
        "Synthetic statement-level gold correspondences between an Arabic and an English "
        f"report ({kind} pair) built from one NTREX-128 document (benchmarks/synthetic.py). "
        "Each unit lists character spans [start, end) in each text (Python str indices over "
        "the text as UTF-8) that express the same statement. A unit with spans on one side "
        "only is a statement present in that version alone. severity 'minor' marks "
        "borderline units that an evaluation should neither reward nor penalise."
    )


def build_pair(
    doc: NtrexDocument,
    *,
    seed: int = 0,
    clean: bool = False,
    pool: list[NtrexDocument] | None = None,
    config: EditConfig = EditConfig(),
) -> SyntheticPair:
    """One synthetic pair from one document.

    ``pool`` gives the documents inserted sentences are drawn from (any but
    ``doc``); without it no sentence is inserted.
    """
    if len(doc.en) != len(doc.ar):
        raise AlignInputError(f"{doc.doc_id}: English and Arabic line counts differ")
    kind = "clean" if clean else "edited"
    rng = random.Random(f"{seed}:{doc.doc_id}:{kind}")
    n = len(doc)
    blocks = _blocks(doc, rng, config)
    layouts: dict[Lang, Layout] = {
        lang: [[[(_unit_id(k), getattr(doc, lang)[k])] for k in block] for block in blocks]
        for lang in LANGS
    }
    edits: list[Edit] = []
    texts: dict[str, dict[Lang, str]] = {
        _unit_id(k): {"en": doc.en[k], "ar": doc.ar[k]} for k in range(n)
    }

    if not clean:
        # deletions (never the headline), each from a random side
        body = list(range(1, n))
        n_delete = min(len(body) - 1, max(1, round(config.delete_rate * n)))
        deleted: dict[int, Lang] = {}
        for k in sorted(rng.sample(body, n_delete)):
            deleted[k] = rng.choice(LANGS)
            edits.append(Edit("deleted", deleted[k], (_unit_id(k),)))
        # merges of two adjacent, undeleted sentences of one block, on one side
        candidates = [
            (block[i], block[i + 1]) for block in blocks for i in range(len(block) - 1)
            if block[i] not in deleted and block[i + 1] not in deleted
            and _mergeable(doc, block[i])
        ]
        merged: dict[int, Lang] = {}
        for first, second in rng.sample(candidates, min(config.merges, len(candidates))):
            if first in merged or second in merged:
                continue
            side = rng.choice(LANGS)
            merged[first] = merged[second] = side
            edits.append(Edit("merged", side, (_unit_id(first), _unit_id(second))))
        # partial omissions: merged on one side, the second half deleted on the other
        candidates = [(f, t) for f, t in candidates if f not in merged and t not in merged]
        for first, second in rng.sample(candidates, min(config.partials, len(candidates))):
            if first in merged or second in merged:
                continue
            side = rng.choice(LANGS)
            merged[first] = merged[second] = side
            deleted[second] = "en" if side == "ar" else "ar"
            edits.append(Edit("partial", side, (_unit_id(second),)))
        for lang in LANGS:
            new_layout: Layout = []
            for block in layouts[lang]:
                new_block: list[Piece] = []
                for piece in block:
                    k = int(piece[0][0][1:]) - 1
                    if deleted.get(k) == lang:
                        continue
                    prev = new_block[-1] if new_block else None
                    if (prev is not None and merged.get(k) == lang and len(prev) == 1
                            and merged.get(int(prev[0][0][1:]) - 1) == lang):
                        prev.append(piece[0])
                        continue
                    new_block.append(list(piece))
                if new_block:
                    new_layout.append(new_block)
            layouts[lang] = new_layout
        # repetitions: a sentence kept on both sides, copied into another block of one
        used = set(deleted) | set(merged)
        singles = [k for k in range(1, n) if k not in used and _has_final(doc.en[k])
                   and _has_final(doc.ar[k])]
        for k in rng.sample(singles, min(config.repeats, len(singles))):
            side = rng.choice(LANGS)
            layout = layouts[side]
            home = next(b for b, block in enumerate(layout)
                        if any(u == _unit_id(k) for piece in block for u, _ in piece))
            others_b = [b for b in range(1, len(layout)) if b != home]
            if not others_b:
                continue
            b = rng.choice(others_b)
            layout[b].insert(rng.randint(0, len(layout[b])), [(_unit_id(k), getattr(doc, side)[k])])
            edits.append(Edit("repeated", side, (_unit_id(k),)))
        # insertions of a sentence from another document
        others = [d for d in (pool or []) if d.doc_id != doc.doc_id and len(d) > 1]
        for m in range(config.insertions if others else 0):
            other = rng.choice(others)
            k = rng.randrange(1, len(other))
            side = rng.choice(LANGS)
            uid = _unit_id(n + m)
            text = getattr(other, side)[k]
            texts[uid] = {side: text}
            layout = layouts[side]
            b = rng.randrange(1, len(layout)) if len(layout) > 1 else 0
            layout[b].insert(rng.randint(0, len(layout[b])), [(uid, text)])
            edits.append(Edit("inserted", side, (uid,)))
        # one block moved on one side (the headline stays first)
        side = rng.choice(LANGS)
        layout = layouts[side]
        if config.reorder and len(layout) >= 4:
            src = rng.randrange(1, len(layout))
            block = layout.pop(src)
            dst = rng.choice([i for i in range(1, len(layout) + 1) if i != src])
            layout.insert(dst, block)
            edits.append(Edit("reordered", side, tuple(u for piece in block for u, _ in piece)))

    rendered = {lang: _render(layouts[lang], lang) for lang in LANGS}
    units = []
    for uid in sorted(texts, key=lambda u: int(u[1:])):
        spans = {lang: tuple(rendered[lang][1].get(uid, ())) for lang in LANGS}
        unit_texts = {
            lang: tuple(rendered[lang][0][s:e] for s, e in spans[lang]) for lang in LANGS
        }
        units.append(GoldUnit(uid, "major", spans, unit_texts))
    gold = Gold(
        pair={"ar": f"{doc.doc_id}.{kind}.ar.txt", "en": f"{doc.doc_id}.{kind}.en.txt"},
        description=_describe(kind),
        units=tuple(units),
    )
    return SyntheticPair(doc.doc_id, kind, rendered["ar"][0], rendered["en"][0], gold,
                         tuple(edits))


def build_pairs(
    docs: list[NtrexDocument] | None = None,
    *,
    seed: int = 0,
    clean: bool = False,
    limit: int | None = None,
    config: EditConfig = EditConfig(),
    root: str | Path | None = None,
) -> list[SyntheticPair]:
    """Pairs for every document with at least ``config.min_sentences`` lines.

    Example:
        >>> edited = build_pairs(limit=20)               # doctest: +SKIP
        >>> clean = build_pairs(limit=20, clean=True)    # doctest: +SKIP
    """
    docs = load_ntrex(root) if docs is None else docs
    usable = [d for d in docs if len(d) >= config.min_sentences]
    if limit is not None:
        usable = usable[:limit]
    return [build_pair(d, seed=seed, clean=clean, pool=docs, config=config) for d in usable]


def write_pairs(pairs: list[SyntheticPair], out: str | Path) -> None:
    """Write each pair's texts and gold (seed format) into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for pair in pairs:
        for lang in LANGS:
            (out / pair.gold.pair[lang]).write_text(pair.text(lang), encoding="utf-8")
        gold = json.dumps(pair.gold.to_dict(), ensure_ascii=False, indent=1)
        (out / f"{pair.name}.gold.json").write_text(gold + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="directory to write the pairs into")
    parser.add_argument("--ntrex", default=None, help=f"NTREX-128 folder ({DEFAULT_NTREX})")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--clean", action="store_true", help="clean pairs (no edits)")
    args = parser.parse_args(argv)
    pairs = build_pairs(seed=args.seed, clean=args.clean, limit=args.limit, root=args.ntrex)
    write_pairs(pairs, args.out)
    one_sided = sum(u.one_sided for p in pairs for u in p.gold.units)
    print(f"wrote {len(pairs)} {'clean' if args.clean else 'edited'} pairs "
          f"({one_sided} one-sided statements) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
