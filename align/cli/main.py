"""The ``align`` command: a thin layer over the library.

    align compare A B [--src-lang ar --tgt-lang en] [--format table|json|html] [-o FILE]
    align compare --manifest pairs.csv --format json -o out/   (one result per pair)
    align check SOURCE TARGET ...        (translation QA, see align/cli/check.py)
    align pair DIR_A DIR_B [--format json]  (find each report's counterpart, see align/cli/pair.py)

Exit status: 0 on success, 2 for usage or input errors, which print one line
on stderr and no traceback (``-v`` logs details, ``-vv`` debug); ``check``
exits 1 when an issue reaches ``--fail-on``. Every subcommand raises its
errors; :func:`main` is the one place that turns them into that line.
"""

from __future__ import annotations

import argparse
import logging
import sys
import warnings

from .._version import __version__
from ..errors import AlignError, AlignWarning
from .check import add_check_parser
from .common import error_message, print_error
from .compare import add_compare_parser
from .pair import add_pair_parser

logger = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    """The ``align`` parser with its subcommands; each takes ``-v``."""
    parser = argparse.ArgumentParser(
        prog="align", description="Cross-lingual parallel-report alignment.")
    parser.add_argument("--version", action="version", version=f"align {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="count", default=0,
                        help="log diagnostics to stderr (-vv for debug)")
    sub = parser.add_subparsers(dest="command", required=True)
    add_compare_parser(sub, [common])
    add_check_parser(sub, [common])
    add_pair_parser(sub, [common])
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``align`` console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.verbose:
        logging.basicConfig(level=logging.DEBUG if args.verbose > 1 else logging.INFO,
                            format="%(levelname)s %(name)s: %(message)s")

    def _show_warning(message, category, filename, lineno, file=None, line=None):
        print(f"align: warning: {message}", file=sys.stderr)

    with warnings.catch_warnings():  # the caller's warning settings come back afterwards
        warnings.showwarning = _show_warning
        warnings.simplefilter("default", AlignWarning)
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return args.func(args)
    except (AlignError, ValueError, OSError) as exc:
        logger.debug("align %s failed", args.command, exc_info=True)
        print_error(args.command, error_message(exc))
        return 2
    except KeyboardInterrupt:
        return 130
