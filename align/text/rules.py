"""Per-language segmentation rules, as data (in the manner of pysbd).

A language that has no entry gets :data:`GENERIC`, so segmentation never
fails for an unlisted language; adding one is adding a :class:`LanguageRules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lang import ar, en


@dataclass(frozen=True)
class LanguageRules:
    """Abbreviations that do not end a sentence, and heading and casing hints."""

    code: str
    abbreviations: frozenset[str] = field(default_factory=frozenset)
    #: Abbreviations that only continue the sentence before a number
    #: ("Oct. 5", "No. 3", "p. 12"); before a word they end it ("until Oct. He").
    before_numbers: frozenset[str] = field(default_factory=frozenset)
    #: A line of at most this many words without final punctuation is a
    #: heading (its own segment), not a sentence wrapped onto the next line.
    heading_max_words: int = 12
    #: Scripts without letter case: any letter may start a sentence.
    caseless: bool = False

    def is_abbreviation(self, token: str, next_char: str = "") -> bool:
        """Whether ``token`` + "." is an abbreviation when ``next_char`` follows."""
        token = token.strip()
        if not token:
            return False
        if token.lower().rstrip(".") in self.before_numbers:
            return next_char.isdigit()
        if re.fullmatch(r"[A-Z]", token):  # an initial: "J. Smith"
            return True
        if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):  # U.S, e.g, a.m
            return True
        return token.lower().rstrip(".") in self.abbreviations

    def is_caseless_letter(self, ch: str) -> bool:
        return self.caseless and ch.isalpha()

    def starts_sentence(self, line: str) -> bool:
        """Whether a line visibly opens a new sentence (capital or quote)."""
        first = line[:1]
        return bool(first) and (first.isupper() or first in "«“\"'")


GENERIC = LanguageRules("und")
RULES: dict[str, LanguageRules] = {
    "en": LanguageRules("en", abbreviations=en.ABBREVIATIONS, before_numbers=en.BEFORE_NUMBERS),
    "ar": LanguageRules("ar", abbreviations=ar.ABBREVIATIONS, caseless=True),
    "fa": LanguageRules("fa", caseless=True),
    "ur": LanguageRules("ur", caseless=True),
}


def rules_for(lang: str | None) -> LanguageRules:
    """The rules of ``lang`` (its primary subtag), or the generic ones."""
    if not lang:
        return GENERIC
    return RULES.get(lang.split("-")[0].lower(), GENERIC)
