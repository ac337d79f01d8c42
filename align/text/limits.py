"""How much text one comparison accepts: :func:`check_size`.

Every unit of one text is scored against every unit of the other, so time
and memory grow with the product of the two lengths. Past a size the run
would take minutes and gigabytes, or die in numpy with a ``MemoryError``; a
clear :class:`~align.errors.AlignInputError` that names the limit and how to
raise it is better. A news report is 1,000-20,000 characters.
"""

from __future__ import annotations

from ..errors import AlignInputError

#: Longest text, in characters, that :func:`align.compare` takes by default.
#: Chosen by benchmarks/size_limit.py on NTREX-128 (peak traced memory 0.05 GB
#: at 40,000 Arabic characters a side, 0.19 GB at 80,000, growing with the
#: square): the round size under a 2 GB budget (reached near 260,000), where
#: one comparison already takes minutes. ``max_chars=None`` (CLI
#: ``--max-chars 0``) lifts the limit.
DEFAULT_MAX_CHARS = 200_000


def check_size(text: str, role: str, max_chars: int | None = DEFAULT_MAX_CHARS) -> str:
    """Return ``text`` unchanged, or raise :class:`AlignInputError` if it is over ``max_chars``.

    ``max_chars=None`` (or 0) means no limit.

    Example:
        >>> check_size("short report", "text_a", max_chars=100)
        'short report'
        >>> check_size("x" * 101, "text_a", max_chars=100)
        Traceback (most recent call last):
        ...
        align.errors.AlignInputError: text_a has 101 characters, over the limit of 100; ...
    """
    if max_chars is None or max_chars == 0:
        return text
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 0:
        raise AlignInputError(f"max_chars must be a whole number >= 0 or None, got {max_chars!r}")
    if len(text) > max_chars:
        raise AlignInputError(
            f"{role} has {len(text):,} characters, over the limit of {max_chars:,}; split it, "
            "or raise the limit with max_chars= (CLI: --max-chars N, 0 for none), "
            "knowing that time and memory grow with the product of the two lengths"
        )
    return text
