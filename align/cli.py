"""The ``align`` command: a thin layer over the library.

    align compare A B [--src-lang ar --tgt-lang en] [--format table|json|html] [-o FILE]
    align check SOURCE TARGET ...        (translation QA, see align/cli_check.py)
    align compare --manifest pairs.csv --format json -o out/   (one result per pair)
    align pair DIR_A DIR_B [--format json]  (find each report's counterpart, see align/cli_bulk.py)

Exit status: 0 on success, 2 for usage or input errors, which print one line
on stderr and no traceback (``-v`` logs details).
"""

from __future__ import annotations

import argparse
import logging
import sys
import warnings
from pathlib import Path

from ._version import __version__
from .cli_bulk import add_pair_parser, run_compare_manifest
from .cli_check import add_check_parser, add_max_chars_option
from .pipeline import compare
from .errors import AlignError, AlignWarning
from .files import read_text_file

logger = logging.getLogger(__name__)


def _table(cmp) -> str:
    """A readable plain-text rendering: what each side lacks, then the links."""
    lines = [f"# {cmp.signature}",
             f"# a: {cmp.a.lang}, {len(cmp.a.segments)} segments, "
             f"{cmp.matched_share('a'):.0%} matched; b: {cmp.b.lang}, "
             f"{len(cmp.b.segments)} segments, {cmp.matched_share('b'):.0%} matched"]
    if cmp.same_event is not None:
        lines.append(f"# {cmp.same_event.headline()}")
    lines.append("")
    lines.append(f"ONLY IN ONE VERSION ({len(cmp.flag_list)})")
    for f in sorted(cmp.flag_list, key=lambda f: (f.side, f.start)):
        lines.append(f"  [{f.side}:{f.start}-{f.end}] {f.kind:<9} confidence {f.confidence:.2f}  {_short(f.text)}")
    lines.append("")
    lines.append(f"LINKS ({len(cmp.link_list)})")
    for link in cmp.link_list:
        a_text = " ".join(cmp.a.segments[i].text for i in link.a)
        b_text = " ".join(cmp.b.segments[j].text for j in link.b)
        lines.append(f"  a{list(link.a)} <-> b{list(link.b)}  score {link.score:.2f}")
        lines.append(f"    a: {_short(a_text)}")
        lines.append(f"    b: {_short(b_text)}")
    return "\n".join(lines) + "\n"


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _add_compare_parser(sub) -> None:
    p = sub.add_parser(
        "compare",
        help="align two reports and flag what each version lacks",
        description="Align the statements of two reports (any order, n:m) and flag, with a "
        "confidence, the statements present in one version only.",
    )
    p.add_argument("a", nargs="?", help="first report (UTF-8 text file), e.g. the Arabic one")
    p.add_argument("b", nargs="?", help="second report (UTF-8 text file), e.g. the English one")
    p.add_argument("--manifest", metavar="CSV",
                   help="compare many pairs (columns: id, path a, path b); one file per pair in -o DIR")
    p.add_argument("--src-lang", help="language of A (ISO code); detected when omitted")
    p.add_argument("--tgt-lang", help="language of B (ISO code); detected when omitted")
    p.add_argument("--encoder", help="encoder name (default: use-m) or st:<model path>")
    p.add_argument("--format", choices=("table", "json", "html"),
                   help="output format (default: table; json with --manifest)")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument("--title", help="title of the HTML report")
    p.add_argument("--link-margin", type=float, help="ratio-margin threshold of a link")
    p.add_argument("--partial-margin", type=float, help="margin below which a clause may be partial")
    add_max_chars_option(p)
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bars on stderr (default: only on a terminal, for long inputs)")
    p.set_defaults(func=_run_compare)


def _run_compare(args: argparse.Namespace) -> int:
    if args.manifest:
        if args.a or args.b:
            raise ValueError("give either A B or --manifest, not both")
        return run_compare_manifest(args)
    if not (args.a and args.b):
        raise ValueError("give two report files A B, or --manifest pairs.csv")
    options = {}
    if args.link_margin is not None:
        options["link_margin"] = args.link_margin
    if args.partial_margin is not None:
        options["partial_margin"] = args.partial_margin
    cmp = compare(read_text_file(args.a), read_text_file(args.b), src_lang=args.src_lang,
                  tgt_lang=args.tgt_lang, encoder=args.encoder, max_chars=args.max_chars,
                  show_progress_bar=args.progress, **options)
    if args.format == "json":
        out = cmp.to_json() + "\n"
    elif args.format == "html":
        out = cmp.to_html(title=args.title or f"{Path(args.a).name} ↔ {Path(args.b).name}")
    else:
        out = _table(cmp)
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
        logger.info("wrote %s", args.output)
    else:
        sys.stdout.write(out)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="align", description="Cross-lingual parallel-report alignment.")
    parser.add_argument("--version", action="version", version=f"align {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_compare_parser(sub)
    add_check_parser(sub)
    add_pair_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``align`` console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "verbose", 0) or "-v" in (argv or sys.argv[1:]):
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    def _show_warning(message, category, filename, lineno, file=None, line=None):
        print(f"align: warning: {message}", file=sys.stderr)

    with warnings.catch_warnings():  # the caller's warning settings come back afterwards
        warnings.showwarning = _show_warning
        warnings.simplefilter("default", AlignWarning)
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return args.func(args)
    except AlignError as exc:
        print(f"align {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except (ValueError, OSError) as exc:
        logger.debug("failed", exc_info=True)
        print(f"align {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
