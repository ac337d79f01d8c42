"""Per-language word lists: function words, attribution glue, negations, boilerplate.

Words that carry no fact of their own ("he said", «وأضاف», "the", «في»)
must never make a statement look missing on their own, and lines that are
not reporting (a licence line, a byline, "read more") matter less than a
dropped fact. The lists are data in :mod:`align.lang` (one module per
language); this module folds them into tables and asks a few questions over a
span of text:

- :func:`content_words`: the words left once function words and
  attribution glue are removed;
- :func:`has_negation`, :func:`has_name`: facts a single word can carry;
- :func:`is_boilerplate`: publishing furniture, not content.

Arabic words are compared after removing diacritics and tatweel and
folding alef forms, with the clitics «و», «ف», «ب», «ل», «ك», «ال» stripped
when what remains is a listed word.

Example:
    >>> content_words("وأضاف أن الزيارة كانت مفاجئة", "ar")
    ['الزيارة', 'مفاجئة']
    >>> content_words("he said on Tuesday that 40 people were hurt", "en")
    ['40', 'people', 'hurt']
    >>> is_boilerplate("This article is licensed under CC BY 4.0.", "en")
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang import ar, en

#: Combining marks belong to the word they sit on: tanween and shadda
#: («خطرًا», «السيّد») must not cut an Arabic word in two.
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_PART = rf"[^\W_](?:[^\W_]|[{_MARKS}])*"
_TOKEN = re.compile(rf"{_PART}(?:['’]{_PART})*", re.UNICODE)


@dataclass(frozen=True)
class Lexicon:
    """The word lists of one language (lower-cased; Arabic folded)."""

    function: frozenset[str]
    attribution: frozenset[str]
    negation: frozenset[str]
    boilerplate: tuple[re.Pattern, ...]
    #: Whether a capitalised word inside a sentence marks a name.
    capitalised_names: bool = False


def _words(text: str) -> frozenset[str]:
    return frozenset(ar.fold_word(w) for w in text.split())


def _lexicon(lang) -> Lexicon:
    """The lists of a language module of :mod:`align.lang`, folded as they are looked up."""
    return Lexicon(function=_words(lang.FUNCTION_WORDS), attribution=_words(lang.ATTRIBUTION_WORDS),
                   negation=_words(lang.NEGATION_WORDS), boilerplate=lang.BOILERPLATE,
                   capitalised_names=lang.CAPITALISED_NAMES)


_EN = _lexicon(en)
_AR = _lexicon(ar)

LEXICONS: dict[str, Lexicon] = {"en": _EN, "ar": _AR}


def lexicon(lang: str | None) -> Lexicon:
    """The lists of ``lang`` (its primary subtag); English lists for an unknown language."""
    key = (lang or "en").split("-")[0].lower()
    return LEXICONS.get(key, _EN)


def register_lexicon(lang: str, lex: Lexicon) -> None:
    """Add or replace the word lists of a language."""
    LEXICONS[lang.split("-")[0].lower()] = lex


def _key(word: str, lang: str | None) -> str:
    return ar.fold_word(word) if (lang or "").startswith("ar") else word.lower()


def _in(word: str, words: frozenset[str], lang: str | None) -> bool:
    """``word`` in ``words``, trying it without Arabic clitics too."""
    key = _key(word, lang)
    if key in words:
        return True
    if (lang or "").startswith("ar"):
        return any(key.startswith(p) and len(key) - len(p) >= 2 and key[len(p):] in words
                   for p in ar.WORD_PREFIXES)
    return False


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word tokens of ``text`` with their offsets: ``(start, end, word)``."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def is_glue(word: str, lang: str | None) -> bool:
    """True for a function word or attribution word ("the", "said", «وأضاف»)."""
    lex = lexicon(lang)
    return _in(word, lex.function, lang) or _in(word, lex.attribution, lang)


def content_words(text: str, lang: str | None) -> list[str]:
    """The words of ``text`` that are neither function words nor attribution glue."""
    return [w for _, _, w in tokens(text) if not is_glue(w, lang)]


def has_negation(text: str, lang: str | None) -> bool:
    """True when a negation word ("not", «لم») occurs in ``text``."""
    lex = lexicon(lang)
    if (lang or "en").startswith("en") and re.search(r"n['’]t\b", text, re.I):
        return True
    return any(_in(w, lex.negation, lang) for _, _, w in tokens(text))


def has_name(text: str, lang: str | None, *, sentence_start: bool = False) -> bool:
    """True when ``text`` holds a capitalised content word that is not its first word.

    Only languages that capitalise names answer; ``sentence_start`` says
    whether the text begins a sentence (its first word is then not evidence).
    """
    lex = lexicon(lang)
    if not lex.capitalised_names:
        return False
    for n, (_, _, w) in enumerate(tokens(text)):
        if n == 0 and sentence_start:
            continue
        if w[:1].isupper() and not is_glue(w, lang):
            return True
    return False


def is_boilerplate(text: str, lang: str | None) -> bool:
    """True for publishing furniture: a licence or copyright line, a byline, "read more"."""
    return any(p.search(text) for p in lexicon(lang).boilerplate)
