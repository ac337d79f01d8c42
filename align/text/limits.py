"""How much text one comparison accepts: :func:`check_size`.

Every unit of one text is scored against every unit of the other, so time
grows with the product of the two lengths; memory does not (the evidence is
kept sparse, :mod:`align.matching.scores`). Past a size a run takes many
minutes; a clear :class:`~align.errors.AlignInputError` that names the limit
and how to raise it is better than a run nobody meant to start. A news
report is 1,000-20,000 characters.
"""

from __future__ import annotations

from ..errors import AlignInputError

#: Longest text, in characters, that :func:`align.compare` takes by default:
#: ten times a long news report, about 1,700 NTREX sentences, compared in
#: about a minute on 2 cores (``benchmarks/scaling.py``: 1,000 sentences,
#: 118,000 Arabic characters, take 46 s with the encoder; 10,000 sentences
#: complete in 1.4 GB but take ten minutes). ``max_chars=None`` (CLI
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
            "knowing that time grows with the product of the two lengths"
        )
    return text
