"""The ``align`` command line: ``compare``, ``check`` and ``pair``.

:func:`main` (the console script and ``python -m align``) parses the
arguments and is the one error path; each subcommand has its module
(:mod:`.compare`, :mod:`.check`, :mod:`.pair`) and shares option types and
output writing through :mod:`.common`.
"""

from .main import build_parser, main

__all__ = ["build_parser", "main"]
