"""``align check``: translation QA from the command line.

    align check SOURCE TARGET [--src-lang ar --tgt-lang en] [--format text|json|csv|junit]
                [-o FILE] [--fail-on error|warning|note|never] [--ignore FILE]
    align check --manifest pairs.csv ...

Exit status: 0 when no issue reaches ``--fail-on`` (default ``error``), 1 when
one does, 2 for usage or input errors (a one-line message, no traceback).
:func:`add_check_parser` adds the subcommand to the ``align`` parser and
:func:`run_check` runs it; both call the public functions of :mod:`align.qa`.
Errors before the report (bad input, a usage mistake) go to the one error
path of :mod:`align.cli.main`.
"""

from __future__ import annotations

import argparse

from ..files import read_text_file
from ..outputs.qa_formats import FORMATS, render
from ..qa import FAIL_ON_CHOICES, Thresholds, check_manifest, check_texts, load_ignore
from .common import (
    add_max_chars_option, add_pair_inputs, count, manifest_run, print_error, unit_float, write_output,
)

_DEFAULTS = Thresholds()


def add_check_parser(subparsers, parents: list[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the ``check`` subcommand to an ``argparse`` subparsers object."""
    p = subparsers.add_parser(
        "check", parents=parents,
        help="translation QA: omissions, additions and number mismatches, with exit status",
        description="Check a target text against its source: statements the target omits "
                    "(omission), statements it adds (addition), numbers and dates of linked "
                    "statements on one side only (number-mismatch). Exit 1 when an issue "
                    "reaches --fail-on, 2 for usage or input errors.",
    )
    add_pair_inputs(p, "source", "target", help_a="source text file (side a)",
                    help_b="target text file (side b)",
                    help_manifest="check many pairs: a CSV with columns id, source path, target path")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    p.add_argument("--fail-on", choices=FAIL_ON_CHOICES, default="error",
                   help="exit 1 when an issue reaches this severity (default: error)")
    p.add_argument("--ignore", metavar="FILE",
                   help="file of issue ids to suppress, one per line, # comments")
    p.add_argument("--no-numbers", action="store_true", help="skip number and date mismatches")
    add_max_chars_option(p)
    p.add_argument("--no-event-check", action="store_true",
                   help="do not stop (exit 2) when source and target look like reports of "
                        "different events")
    th = p.add_argument_group("severity thresholds")
    th.add_argument("--error-confidence", type=unit_float, default=_DEFAULTS.error_confidence,
                    help="confidence from which an issue is an error (default: %(default)s)")
    th.add_argument("--warning-confidence", type=unit_float, default=_DEFAULTS.warning_confidence,
                    help="confidence from which an issue is a warning (default: %(default)s)")
    th.add_argument("--min-confidence", type=unit_float, default=_DEFAULTS.min_confidence,
                    help="drop flags below this confidence (default: %(default)s)")
    th.add_argument("--error-min-words", type=count, default=_DEFAULTS.error_min_words,
                    help="shorter omissions/additions are at most warnings (default: %(default)s)")
    th.add_argument("--warning-min-words", type=count, default=_DEFAULTS.warning_min_words,
                    help="shorter omissions/additions are notes (default: %(default)s)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar for manifests (default: on terminals)")
    p.set_defaults(func=run_check)
    return p


def run_check(args: argparse.Namespace) -> int:
    """Run ``align check`` with parsed ``args``; returns the exit status (0, 1 or 2)."""
    manifest = manifest_run(args)
    thresholds = Thresholds(
        error_confidence=args.error_confidence, warning_confidence=args.warning_confidence,
        min_confidence=args.min_confidence, error_min_words=args.error_min_words,
        warning_min_words=args.warning_min_words,
    )
    options = dict(src_lang=args.src_lang, tgt_lang=args.tgt_lang, encoder=args.encoder,
                   thresholds=thresholds, ignore=args.ignore, numbers=not args.no_numbers,
                   max_chars=args.max_chars,
                   same_event=not args.no_event_check)
    if args.ignore:  # read before any comparison, so a typo fails fast
        options["ignore"] = load_ignore(args.ignore)
    if manifest:
        report = check_manifest(args.manifest, show_progress_bar=args.progress, **options)
    else:
        source = read_text_file(args.source)
        target = read_text_file(args.target)
        report = check_texts(source, target, show_progress_bar=False, **options)
    # A BOM lets spreadsheet programs open Arabic CSV as UTF-8.
    write_output(render(report, args.format, fail_on=args.fail_on), args.output,
                 encoding="utf-8-sig" if args.format == "csv" else "utf-8")
    for p in report.errors:
        where = "" if p.id is None else f"pair {p.id}: "
        print_error("check", f"{where}{p.error}")
    return report.exit_status(args.fail_on)
