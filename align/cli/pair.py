"""``align pair DIR_A DIR_B``: which report of one folder covers the same event as which of the other.

    align pair DIR_A DIR_B [--format json|text|csv] [--threshold 0.45] [--pattern '*.txt']

:func:`add_pair_parser` / :func:`run_pair` add and run the ``pair``
subcommand. Exit status 0 on success, 2 for usage or input errors (one line
on stderr, no traceback, from :mod:`align.cli.main`).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

from ..errors import AlignInputError
from ..files import read_text_file
from .common import add_input_options, write_output


def _read_dir(folder: str, pattern: str) -> dict[str, str]:
    p = Path(folder)
    if not p.is_dir():
        raise AlignInputError(f"not a directory: {p}")
    files = sorted(f for f in p.glob(pattern) if f.is_file())
    if not files:
        raise AlignInputError(f"no files matching {pattern!r} in {p}")
    return {str(f): read_text_file(f) for f in files}


def add_pair_parser(subparsers, parents: list[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the ``pair`` subcommand to an ``argparse`` subparsers object."""
    from ..collections.pairing import DEFAULT_CANDIDATES, DEFAULT_THRESHOLD

    p = subparsers.add_parser(
        "pair", parents=parents,
        help="find which report of DIR_A covers the same event as which of DIR_B",
        description="Pair the reports of two folders one-to-one (e.g. Arabic and English), "
                    "each pair with a score; a report without counterpart gets none.",
    )
    p.add_argument("dir_a", help="folder of reports in one language (side a)")
    p.add_argument("dir_b", help="folder of reports in the other language (side b)")
    p.add_argument("--pattern", default="*.txt", help="file name pattern (default: %(default)s)")
    add_input_options(p, "DIR_A", "DIR_B")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                   help="minimum same-event probability of a pair, in [0, 1] "
                        "(default: %(default)s)")
    p.add_argument("--candidates", type=int, default=DEFAULT_CANDIDATES,
                   help="candidates retrieved per document (default: %(default)s)")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text",
                   help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(func=run_pair)
    return p


def _render_pairs(entries: list[dict], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=["a", "b", "score"], lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in e.items()} for e in entries)
        return out.getvalue()
    lines = [f"{e['score']:.3f}  {e['a'] or '-'}  ->  {e['b'] or '-'}" for e in entries]
    return "\n".join(lines) + "\n"


def run_pair(args: argparse.Namespace) -> int:
    """Run ``align pair`` with parsed ``args``; returns the exit status (0)."""
    from ..collections.pairing import pair_documents

    docs_a = _read_dir(args.dir_a, args.pattern)
    docs_b = _read_dir(args.dir_b, args.pattern)
    result = pair_documents(docs_a, docs_b, src_lang=args.src_lang, tgt_lang=args.tgt_lang,
                            encoder=args.encoder, threshold=args.threshold,
                            n_candidates=args.candidates, show_progress_bar=False)
    write_output(_render_pairs(result.to_list(), args.format), args.output)
    return 0
