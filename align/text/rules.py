"""Per-language segmentation rules, as data (in the manner of pysbd).

A language that has no entry gets :data:`GENERIC`, so segmentation never
fails for an unlisted language; adding one is adding a :class:`LanguageRules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LanguageRules:
    """Abbreviations that do not end a sentence, and heading and casing hints."""

    code: str
    abbreviations: frozenset[str] = field(default_factory=frozenset)
    #: A line of at most this many words without final punctuation is a
    #: heading (its own segment), not a sentence wrapped onto the next line.
    heading_max_words: int = 12
    #: Scripts without letter case: any letter may start a sentence.
    caseless: bool = False

    def is_abbreviation(self, token: str) -> bool:
        token = token.strip()
        if not token:
            return False
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


_EN_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt gen col lt sgt capt maj cmdr adm gov sen rep rev hon pres
    inc ltd co corp plc bros no nos vs etc al approx dept est fig jan feb mar apr jun jul aug sep
    sept oct nov dec mon tue wed thu fri sat sun vol p pp ed eds""".split()
)

GENERIC = LanguageRules("und")
RULES: dict[str, LanguageRules] = {
    "en": LanguageRules("en", abbreviations=_EN_ABBREVIATIONS),
    "ar": LanguageRules("ar", caseless=True),
    "fa": LanguageRules("fa", caseless=True),
    "ur": LanguageRules("ur", caseless=True),
}


def rules_for(lang: str | None) -> LanguageRules:
    """The rules of ``lang`` (its primary subtag), or the generic ones."""
    if not lang:
        return GENERIC
    return RULES.get(lang.split("-")[0].lower(), GENERIC)
