"""Matching-side normalisation: what the encoder sees, never what offsets use.

Arabic text varies in ways that carry no meaning for matching: optional
diacritics (tashkeel), the elongation character tatweel, Arabic-Indic digits.
:func:`normalise_for_matching` removes or folds these and returns, with the
folded string, a map from each of its characters back to the original text, so
any span found on the folded side converts back to exact original offsets.
Segments and flags are always cut from the original text.

Example:
    >>> n = normalise_for_matching("قالَ ١٩", "ar")
    >>> n.text
    'قال 19'
    >>> n.original_span(4, 6)
    (5, 7)
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lang import ar

#: Invisible format characters: zero-width space and joiners, direction marks, BOM.
ZERO_WIDTH = frozenset({0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0xFEFF})
# What matching drops: Arabic vowel marks, superscript alef, tatweel, Quranic
# marks, and invisible characters; Arabic-Indic digits become ASCII digits.
# Letter-variant folds are optional: the encoder was trained on standard
# spelling, so by default only meaning-free marks and digits are folded.
# As str.translate tables (None drops a character).
_TABLE = {**dict.fromkeys(ar.TASHKEEL | {ar.SUPERSCRIPT_ALEF, ar.TATWEEL} | ar.QURANIC_MARKS
                          | ZERO_WIDTH),
          **{ord(k): v for k, v in ar.DIGITS.items()}}
_TABLE_LETTERS = {**_TABLE, **{ord(k): v for k, v in ar.LETTER_FOLDS.items()}}


def fold_with_offsets(text: str, table: dict[int, str | None]) -> tuple[str, list[int]]:
    """``text`` translated by ``table`` (None drops a character) and, for each
    character of the result, its index in ``text``: the one offset-keeping fold."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = table.get(ord(ch), ch)
        if folded is None:  # a dropped mark
            continue
        out.append(folded)
        index.append(i)
    return "".join(out), index


@dataclass(frozen=True)
class NormalisedText:
    """A folded string and, for each of its characters, its original index."""

    text: str
    to_original: tuple[int, ...]
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the folded characters ``[start, end)``."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside 0..{len(self.text)}")
        if start == end:
            pos = self.to_original[start] if start < len(self.text) else self.original_length
            return pos, pos
        return self.to_original[start], self.to_original[end - 1] + 1


def normalise_for_matching(text: str, lang: str | None = None, fold_letters: bool = False) -> NormalisedText:
    """Fold ``text`` for matching; offsets map back with ``original_span``.

    Drops Arabic diacritics, tatweel and zero-width marks, maps Arabic-Indic
    digits to ASCII digits, and with ``fold_letters`` also unifies alef, yaa
    and taa-marbuta variants. Text in other scripts passes through unchanged,
    so one call serves a mixed-language text.
    """
    folded, index = fold_with_offsets(text, _TABLE_LETTERS if fold_letters else _TABLE)
    return NormalisedText(folded, tuple(index), len(text))


def fold(text: str, lang: str | None = None, fold_letters: bool = False) -> str:
    """Just the folded string of :func:`normalise_for_matching` (without the offset map)."""
    return text.translate(_TABLE_LETTERS if fold_letters else _TABLE)
