"""Sentence-boundary quality and speed: our rules against pysbd, sentencex and yasbd.

NTREX-128 gives each news document as one sentence per line, in English and in
its Arabic translation. Each document's sentences are joined with single spaces
into paragraphs of 3–5 sentences (a fixed random draw), so the line breaks that
would give the answer away are gone. A segmenter then finds the sentence
boundaries inside each paragraph; a predicted boundary is correct when it falls
at the exact end of a gold sentence (surrounding spaces ignored). The end of a
paragraph is not counted: every segmenter gets it for free. Most misses are
headlines that end without punctuation, which no segmenter can find once joined
by a space; "R punct" is the recall on boundaries after final punctuation.

Run:
    python benchmarks/segmenters.py                 # table of P/R/F1 and speed
    python benchmarks/segmenters.py --errors rules  # also show our misses

Libraries that are not installed are skipped (pip install pysbd sentencex yasbd-lib).
"""

from __future__ import annotations

import argparse
import random
import time
import warnings
from pathlib import Path
from typing import Callable, Iterable

REPO = Path(__file__).resolve().parents[1]
NTREX = REPO.parent / "shared" / "data" / "ntrex128"
FILES = {"en": "newstest2019-src.eng.txt", "ar": "newstest2019-ref.arb.txt"}

Splitter = Callable[[str], list[tuple[int, int]]]


def load_paragraphs(lang: str, seed: int = 0) -> list[tuple[str, set[int]]]:
    """``(paragraph, gold internal boundary offsets)`` for every NTREX document."""
    lines = (NTREX / FILES[lang]).read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    out = []
    for row in (NTREX / "documents.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        _, first, last, _ = row.split("\t")
        sentences = [s.strip() for s in lines[int(first) - 1:int(last)] if s.strip()]
        i = 0
        while i < len(sentences):
            size = rng.randint(3, 5)  # drawn for both languages alike: same seed, same documents
            chunk = sentences[i:i + size]
            i += size
            text, ends = "", []
            for s in chunk:
                text = f"{text} {s}" if text else s
                ends.append(len(text))
            out.append((text, set(ends[:-1])))
    return out


def spans_from_strings(text: str, pieces: Iterable[str]) -> list[tuple[int, int]]:
    """Locate returned sentence strings in ``text`` in order (libraries that return strings)."""
    spans, cursor = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, cursor)
        if at < 0:  # the library changed the text; skip what cannot be located
            continue
        spans.append((at, at + len(piece)))
        cursor = at + len(piece)
    return spans


def boundaries(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Internal boundaries: the stripped end of every span but the paragraph's last."""
    ends = set()
    for start, end in spans:
        while end > start and text[end - 1].isspace():
            end -= 1
        ends.add(end)
    ends.discard(len(text.rstrip()))
    return ends


def make_splitters(lang: str) -> dict[str, Splitter]:
    from align.text import segment_text

    splitters: dict[str, Splitter] = {
        "align rules": lambda t: [(s.start, s.end) for s in segment_text(t, lang).segments],
    }
    try:
        import pysbd

        seg = pysbd.Segmenter(language=lang, clean=False, char_span=True)
        splitters["pysbd"] = lambda t: [(s.start, s.end) for s in seg.segment(t)]
    except ImportError:
        pass
    try:
        import sentencex

        splitters["sentencex"] = lambda t: spans_from_strings(t, sentencex.segment(lang, t))
    except ImportError:
        pass
    try:
        import yasbd

        detector = yasbd.BoundaryDetector(lang)
        splitters["yasbd"] = lambda t: spans_from_strings(t, detector.segment(t))
    except ImportError:
        pass
    return splitters


_FINAL = set(".!?؟…\"'”’»)")


def punctuated(text: str, gold: set[int]) -> set[int]:
    """Gold boundaries after final punctuation (a headline joined by a space has none)."""
    return {pos for pos in gold if text[pos - 1] in _FINAL}


def evaluate(split: Splitter, paragraphs: list[tuple[str, set[int]]], show_errors: int = 0):
    tp = fp = fn = 0
    p_found = p_total = 0
    chars = sum(len(t) for t, _ in paragraphs)
    shown = 0
    started = time.perf_counter()
    predicted = [boundaries(t, split(t)) for t, _ in paragraphs]
    elapsed = time.perf_counter() - started
    for (text, gold), pred in zip(paragraphs, predicted):
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        marked = punctuated(text, gold)
        p_found += len(marked & pred)
        p_total += len(marked)
        if shown < show_errors and pred != gold:
            shown += 1
            for pos in sorted(pred - gold):
                print(f"   false split: …{text[max(0, pos - 50):pos]}‖{text[pos:pos + 30]}…")
            for pos in sorted(gold - pred):
                print(f"   missed:      …{text[max(0, pos - 50):pos]}‖{text[pos:pos + 30]}…")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    r_punct = p_found / p_total if p_total else 0.0
    return p, r, f, r_punct, chars / elapsed if elapsed else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", metavar="NAME", help="print the mistakes of this segmenter")
    parser.add_argument("--max-errors", type=int, default=15)
    args = parser.parse_args()
    if not NTREX.is_dir():
        raise SystemExit(f"NTREX-128 not found at {NTREX}")
    warnings.simplefilter("ignore")
    print(f"{'lang':<5}{'segmenter':<13}{'paras':>6}{'gold':>6}{'P':>7}{'R':>7}{'F1':>7}{'R punct':>9}{'kchar/s':>10}")
    for lang in ("ar", "en"):
        paragraphs = load_paragraphs(lang)
        n_gold = sum(len(g) for _, g in paragraphs)
        for name, split in make_splitters(lang).items():
            if name == args.errors:
                print(f"-- mistakes of {name} ({lang}):")
            p, r, f, r_punct, speed = evaluate(split, paragraphs, args.max_errors if name == args.errors else 0)
            print(f"{lang:<5}{name:<13}{len(paragraphs):>6}{n_gold:>6}{p:>7.3f}{r:>7.3f}{f:>7.3f}{r_punct:>9.3f}{speed / 1000:>10.0f}")


if __name__ == "__main__":
    main()
