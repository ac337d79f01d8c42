"""Stable issue ids and the ignore files that list them.

An issue's id hashes its category, side and normalised text, not its
offsets, so it survives edits elsewhere in the document and an ignore file
can keep suppressing it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Iterable

from ..differences.numbers import fold
from ..errors import AlignInputError

_ID_RE = re.compile(r"[0-9a-f]{16}")


def normalise_for_id(text: str) -> str:
    """The text an issue id hashes: NFKC, digits and Arabic letters folded,
    diacritics dropped, case folded, whitespace collapsed, edge punctuation cut."""
    folded, _ = fold(unicodedata.normalize("NFKC", text))
    folded = re.sub(r"\s+", " ", folded.casefold()).strip()
    return folded.strip(" .,;:!?،؛؟\"'«»“”‘’()[]-—–")


def issue_id(category: str, side: str, text: str, context: str = "") -> str:
    """16 hex digits of sha256 over category, side and normalised text (and context).

    Example:
        >>> issue_id("omission", "a", "Hello  world.") == issue_id("omission", "a", "hello world")
        True
    """
    key = "\x1f".join([category, side, normalise_for_id(text)])
    if context:
        key += "\x1f" + normalise_for_id(context)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def load_ignore(path: str | Path) -> frozenset[str]:
    """Issue ids listed in an ignore file: one per line, ``#`` starts a comment.

    Example file::

        # known: the licence line is added on purpose
        3f9a0c1d2e4b5a69   # licence line
    """
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise AlignInputError(f"ignore file not found: {p}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AlignInputError(f"cannot read ignore file {p}: {exc}") from None
    ids = set()
    for n, line in enumerate(lines, 1):
        entry = line.split("#", 1)[0].strip().lower()
        if not entry:
            continue
        if not _ID_RE.fullmatch(entry):
            raise AlignInputError(
                f"{p} line {n}: {entry!r} is not an issue id (16 hex digits, as the report prints)"
            )
        ids.add(entry)
    return frozenset(ids)


def ignore_set(ignore: Iterable[str] | str | Path | None) -> frozenset[str]:
    """Issue ids to drop: from an ignore file's path, or a collection of ids."""
    if ignore is None:
        return frozenset()
    if isinstance(ignore, (str, Path)):
        return load_ignore(ignore)
    return frozenset(str(i).strip().lower() for i in ignore)
