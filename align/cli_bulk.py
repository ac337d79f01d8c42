"""Bulk commands: ``align pair DIR_A DIR_B`` and ``align compare --manifest pairs.csv -o out/``.

    align pair DIR_A DIR_B [--format json|text|csv] [--threshold 0.45] [--pattern '*.txt']
    align compare --manifest pairs.csv --format json -o out/

:func:`add_pair_parser` / :func:`run_pair` add and run the ``pair``
subcommand; :func:`run_compare_manifest` is what ``align compare`` calls when
given ``--manifest``. Exit status 0 on success, 2 for usage or input errors
(one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import sys
from pathlib import Path

from .errors import AlignError, AlignInputError
from .files import read_manifest, read_text_file
from .text.limits import DEFAULT_MAX_CHARS

logger = logging.getLogger(__name__)


def _fail(command: str, message: str) -> int:
    print(f"align {command}: error: {message}", file=sys.stderr)
    return 2


def _read_dir(folder: str, pattern: str) -> dict[str, str]:

    p = Path(folder)
    if not p.is_dir():
        raise AlignInputError(f"not a directory: {p}")
    files = sorted(f for f in p.glob(pattern) if f.is_file())
    if not files:
        raise AlignInputError(f"no files matching {pattern!r} in {p}")
    return {str(f): read_text_file(f) for f in files}


def add_pair_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``pair`` subcommand to an ``argparse`` subparsers object."""
    from .collections.pairing import DEFAULT_CANDIDATES, DEFAULT_THRESHOLD

    p = subparsers.add_parser(
        "pair",
        help="find which report of DIR_A covers the same event as which of DIR_B",
        description="Pair the reports of two folders one-to-one (e.g. Arabic and English), "
                    "each pair with a score; a report without counterpart gets none.",
    )
    p.add_argument("dir_a", help="folder of reports in one language (side a)")
    p.add_argument("dir_b", help="folder of reports in the other language (side b)")
    p.add_argument("--pattern", default="*.txt", help="file name pattern (default: %(default)s)")
    p.add_argument("--src-lang", help="language of DIR_A (detected when omitted)")
    p.add_argument("--tgt-lang", help="language of DIR_B (detected when omitted)")
    p.add_argument("--encoder", help="sentence encoder name (default: the library default)")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                   help="minimum same-event probability of a pair, in [0, 1] "
                        "(default: %(default)s)")
    p.add_argument("--candidates", type=int, default=DEFAULT_CANDIDATES,
                   help="candidates retrieved per document (default: %(default)s)")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text",
                   help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("-v", "--verbose", action="count", default=0, help="log diagnostics to stderr")
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
    """Run ``align pair`` with parsed ``args``; returns the exit status (0 or 2)."""
    from .collections.pairing import pair_documents

    if getattr(args, "verbose", 0):
        logging.basicConfig(level=logging.DEBUG if args.verbose > 1 else logging.INFO,
                            format="%(levelname)s %(name)s: %(message)s")
    try:
        docs_a = _read_dir(args.dir_a, args.pattern)
        docs_b = _read_dir(args.dir_b, args.pattern)
        result = pair_documents(docs_a, docs_b, src_lang=args.src_lang, tgt_lang=args.tgt_lang,
                                encoder=args.encoder, threshold=args.threshold,
                                n_candidates=args.candidates, show_progress_bar=False)
        out = _render_pairs(result.to_list(), args.format)
        if args.output:
            Path(args.output).write_text(out, encoding="utf-8")
        else:
            sys.stdout.write(out)
    except (AlignError, ValueError) as exc:
        logger.debug("align pair failed", exc_info=True)
        return _fail("pair", str(exc))
    except OSError as exc:
        return _fail("pair", f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc))
    return 0


def _safe_name(pid: str) -> str:
    import re

    name = re.sub(r"[^A-Za-z0-9._-]+", "_", pid).strip("._") or "pair"
    return name[:120]


def run_compare_manifest(args: argparse.Namespace) -> int:
    """``align compare --manifest pairs.csv --format json -o out/``: one file per pair.

    Reads the manifest (id, path of side a, path of side b; as ``align check
    --manifest``), compares every pair and writes ``out/<id>.json`` with
    :meth:`Comparison.to_json` (``--format html``: ``out/<id>.html``). A pair that cannot be compared is reported on
    stderr and the run goes on; the exit status is then 2.
    """
    from tqdm.auto import tqdm

    from .encoders.shared import shared_encoder
    from .pipeline import compare

    fmt = getattr(args, "format", "json") or "json"
    if fmt not in ("json", "html"):
        return _fail("compare", f"--manifest writes one file per pair: use --format json or html, not {fmt}")
    out_dir = getattr(args, "output", None)
    if not out_dir:
        return _fail("compare", "--manifest needs -o OUTPUT_DIR for the per-pair JSON files")
    try:
        rows = read_manifest(args.manifest)
        out = Path(out_dir)
        if out.exists() and not out.is_dir():
            raise AlignInputError(f"-o must be a directory with --manifest: {out}")
        out.mkdir(parents=True, exist_ok=True)
        names = [_safe_name(pid) for pid, _, _ in rows]
        if len(set(names)) != len(names):
            raise AlignInputError("pair ids map to clashing file names; use ids of letters, digits, . _ -")
        enc = shared_encoder(getattr(args, "encoder", None))
    except (AlignError, ValueError) as exc:
        return _fail("compare", str(exc))
    except OSError as exc:
        return _fail("compare", f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc))
    status = 0
    progress = getattr(args, "progress", None)
    for (pid, path_a, path_b), name in tqdm(list(zip(rows, names)), desc="pairs",
                                            disable=None if progress is None else not progress):
        try:
            cmp = compare(read_text_file(path_a), read_text_file(path_b),
                          src_lang=getattr(args, "src_lang", None),
                          tgt_lang=getattr(args, "tgt_lang", None), encoder=enc,
                          show_progress_bar=False, max_chars=getattr(args, "max_chars", DEFAULT_MAX_CHARS))
            if fmt == "json":
                (out / f"{name}.json").write_text(cmp.to_json(), encoding="utf-8")
            else:
                cmp.to_html(str(out / f"{name}.html"), title=str(pid))
        except (AlignError, ValueError, OSError) as exc:
            print(f"align compare: error: pair {pid}: {exc}", file=sys.stderr)
            status = 2
    return status
