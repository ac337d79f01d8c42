"""What every subcommand shares: option types, the error line, writing the output.

An error the user can fix (bad input, a usage mistake, a file that cannot be
read or written) is one line on stderr, ``align COMMAND: error: MESSAGE``,
and exit status 2; :func:`error_message` words it and :func:`print_error`
prints it, for the whole command (``main``) and for one pair of a manifest.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ..text.limits import DEFAULT_MAX_CHARS

logger = logging.getLogger(__name__)


def unit_float(value: str) -> float:
    """An ``argparse`` type: a number from 0 to 1."""
    try:
        v = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {value!r}") from None
    if not 0.0 <= v <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {value!r}")
    return v


def count(value: str) -> int:
    """An ``argparse`` type: a whole number >= 0."""
    try:
        v = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {value!r}") from None
    if v < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {value!r}")
    return v


def add_max_chars_option(parser: argparse.ArgumentParser) -> None:
    """``--max-chars N``: the longest text compared (0 for no limit), see align/text/limits.py."""
    parser.add_argument("--max-chars", type=count, default=DEFAULT_MAX_CHARS, metavar="N",
                        help="refuse a text longer than N characters; 0 for no limit "
                             "(default: %(default)s)")


def add_pair_inputs(parser: argparse.ArgumentParser, a: str, b: str, *, help_a: str, help_b: str,
                    help_manifest: str) -> None:
    """Two files (``a`` and ``b``, e.g. ``source`` and ``target``) or ``--manifest CSV``,
    and the options of :func:`add_input_options`; :func:`manifest_run` checks the choice."""
    parser.add_argument(a, nargs="?", help=help_a)
    parser.add_argument(b, nargs="?", help=help_b)
    parser.add_argument("--manifest", metavar="CSV", help=help_manifest)
    add_input_options(parser, a.upper(), b.upper())
    parser.set_defaults(pair_inputs=(a, b))


def manifest_run(args: argparse.Namespace) -> bool:
    """Whether ``args`` ask for a manifest run; a usage error unless they give either
    both files or a manifest."""
    a, b = args.pair_inputs
    if args.manifest and (getattr(args, a) or getattr(args, b)):
        raise ValueError(f"give either {a.upper()} {b.upper()} or --manifest, not both")
    if not args.manifest and not (getattr(args, a) and getattr(args, b)):
        raise ValueError(f"give {a.upper()} and {b.upper()} files, or --manifest pairs.csv")
    return bool(args.manifest)


def add_input_options(parser: argparse.ArgumentParser, side_a: str, side_b: str) -> None:
    """``--src-lang``, ``--tgt-lang`` and ``--encoder``, worded alike in every subcommand."""
    parser.add_argument("--src-lang", help=f"language of {side_a} (ISO code); detected when omitted")
    parser.add_argument("--tgt-lang", help=f"language of {side_b} (ISO code); detected when omitted")
    parser.add_argument("--encoder", help="encoder name (default: use-m) or st:<model path>")


def error_message(exc: BaseException) -> str:
    """The one-line message of an error: an OS error names its file."""
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.strerror or exc}: {exc.filename}"
    return str(exc)


def print_error(command: str, message: str) -> None:
    """``align COMMAND: error: MESSAGE`` on stderr."""
    print(f"align {command}: error: {message}", file=sys.stderr)


def write_output(text: str, path: str | None, encoding: str = "utf-8") -> None:
    """``text`` to the file ``path``, or to stdout when no path is given.

    Written as is (``newline=""``): the text's own line ends are kept.
    """
    if path:
        Path(path).write_text(text, encoding=encoding, newline="")
        logger.info("wrote %s", path)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
