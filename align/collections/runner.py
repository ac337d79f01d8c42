"""One loop over many report pairs, and one rule for a pair that fails.

``compare_frame``, ``check_manifest`` and ``align compare --manifest`` each
run a piece of work per pair (compare two texts; read two files, compare and
check them; compare and write a file). :func:`run_pairs` is the loop they
share: a progress bar, and per pair either the work's result or, when the
pair cannot be done, its error message, so a batch goes on past one bad
pair. Which errors those are is said once, in :data:`PAIR_ERRORS`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable, Generic, Iterable, Iterator, TypeVar

from ..errors import AlignError

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: What makes one pair fail without stopping a batch: input the library
#: refuses (``AlignInputError``), an encoder's unusable output
#: (``AlignEncoderError``), a bad value, and a file that cannot be read or
#: written. Anything else is a bug and propagates.
PAIR_ERRORS: tuple[type[BaseException], ...] = (AlignError, ValueError, OSError)


@dataclass(frozen=True)
class PairOutcome(Generic[T]):
    """What one pair gave: ``result`` of the work, or ``error`` (its message)."""

    id: Any
    result: T | None
    error: str | None = None


def run_pairs(
    pairs: Iterable[tuple[Any, Any, Any]],
    work: Callable[[Any, Any, Any], T],
    *,
    errors: str = "record",
    show_progress_bar: bool | None = None,
    total: int | None = None,
    desc: str = "pairs",
) -> Iterator[PairOutcome[T]]:
    """``work(id, a, b)`` for each ``(id, a, b)``, yielded one pair at a time.

    With ``errors="record"`` a pair whose work raises one of
    :data:`PAIR_ERRORS` yields an outcome with the message and the loop goes
    on (logged at INFO only: every caller puts the message in its result, and
    the command line prints it once); ``"raise"`` re-raises it with the pair's
    id in the message. The
    progress bar (tqdm, on stderr) follows ``show_progress_bar``: None shows
    it on terminals only.
    """
    if errors not in ("raise", "record"):
        raise ValueError(f"errors must be 'raise' or 'record', got {errors!r}")
    from tqdm.auto import tqdm

    disable = None if show_progress_bar is None else not show_progress_bar
    for pid, a, b in tqdm(pairs, total=total, desc=desc, disable=disable):
        try:
            result = work(pid, a, b)
        except PAIR_ERRORS as exc:
            if errors == "raise":
                raise type(exc)(f"pair {pid!r}: {exc}") from exc
            logger.info("pair %s not done: %s", pid, exc)
            yield PairOutcome(pid, None, str(exc))
            continue
        yield PairOutcome(pid, result)
