"""Proper names across scripts, by consonant skeleton.

Two reports in Arabic and English name the same people and places in two
scripts. Both are reduced to classes of consonants (vowels, و and ي, ع and
hamza dropped; ق/ك/خ/غ and q/k/c/kh/g one class ...), so "Erdogan" and
«أردوغان» both read ``RDKN``. Latin-script names are the capitalised words
that are not common sentence words; Arabic has no capitals, so every Arabic
word (with and without its prefixes) gives a key. A Latin name is found in an
Arabic text when one of its readings (:func:`readings`) is among the
text's keys.

Example:
    >>> skel = latin_names("Talks between Erdogan and Raisi.")
    >>> sorted(skel.values())
    ['Erdogan', 'Raisi']
    >>> any(r in arabic_skeletons("التقى أردوغان برئيسي") for r in readings("RDGN"))
    True
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalise import fold

# Consonant classes shared by both scripts. Vowels, w/y (و/ي are mostly
# vowels in transliteration), ع, hamza and taa marbuta carry no class.
_DIGRAPHS = {"kh": "K", "gh": "K", "sh": "X", "ch": "X", "th": "T", "dh": "D", "ph": "F",
             "ck": "K"}
# "P" (p) and "G" (g) are ambiguous in Arabic spelling: p is ب or ف, g is ج or غ/ق/ك.
_LATIN = {"b": "B", "p": "P", "t": "T", "d": "D", "j": "J", "g": "G", "k": "K", "c": "K",
          "q": "K", "x": "K", "s": "S", "z": "Z", "r": "R", "l": "L", "m": "M", "n": "N",
          "f": "F", "v": "F", "h": "H"}
_ARABIC = {"ب": "B", "پ": "B", "ت": "T", "ط": "T", "ث": "T", "د": "D", "ض": "D", "ذ": "D",
           "ج": "J", "چ": "J", "ك": "K", "ق": "K", "خ": "K", "غ": "K", "گ": "K", "س": "S",
           "ص": "S", "ز": "Z", "ظ": "Z", "ش": "X", "ر": "R", "ل": "L", "م": "M", "ن": "N",
           "ف": "F", "ڤ": "F", "ح": "H", "ه": "H"}
_AR_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف")
#: Capitalised English words that are not names (sentence starts, titles,
#: months and weekdays: dates are the "when" evidence).
_NOT_NAMES = frozenset("""
a an the and but or if in on at to of for from by with as is are was were be been this that these
those it its he she his her they their them we our you your i my me there here then when where
while after before since during about against between over under into according also however
meanwhile mr mrs ms dr sir president minister prime foreign king prince crown sheikh emir amir
leader secretary general chief head state states government ministry official officials spokesman
spokeswoman news agency report reports said says told statement today yesterday tomorrow week
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
new north south east west first second
""".split())
_WORD_EN = re.compile(r"\b[A-Z][A-Za-z'\u2019-]+")
ARABIC_WORD = re.compile(r"[\u0621-\u064A\u067E\u0686\u06A4\u06AF]+")
#: Skeletons this short match ordinary Arabic words by chance («رئيس», "president",
#: reads RS like Raisi); a two-consonant name counts only with its final -i
#: (Raisi, رئيسي), marked "+Y" on both sides.
_MIN_SKELETON = 3
_FINAL_I = "+Y"


def _squeeze(classes: str) -> str:
    return re.sub(r"(.)\1+", r"\1", classes)


def latin_skeleton(word: str) -> str:
    """Consonant-class skeleton of a Latin-script word.

    Example:
        >>> latin_skeleton("Erdogan"), latin_skeleton("Khamenei")
        ('RDGN', 'KMN')
    """
    w = word.lower()
    out, i = [], 0
    while i < len(w):
        cls = _DIGRAPHS.get(w[i:i + 2])
        if cls is not None:
            out.append(cls)
            i += 2
        else:
            out.append(_LATIN.get(w[i], ""))
            i += 1
    return _squeeze("".join(out))


def readings(skeleton: str) -> list[str]:
    """The Arabic-side readings of a Latin skeleton (each P as B or F, each G as K or J)."""
    skeleton, final = (skeleton[:-len(_FINAL_I)], _FINAL_I) if skeleton.endswith(_FINAL_I) else (skeleton, "")
    out = [""]
    for ch in skeleton:
        alts = {"P": "BF", "G": "KJ"}.get(ch, ch)
        out = [o + a for o in out for a in alts][:64]
    return [_squeeze(o) + final for o in out]


def arabic_skeleton(word: str) -> str:
    """Consonant-class skeleton of an Arabic word (no prefix stripping).

    Example:
        >>> arabic_skeleton("أردوغان"), arabic_skeleton("خامنئي")
        ('RDKN', 'KMN')
    """
    return _squeeze("".join(_ARABIC.get(ch, "") for ch in word))


@lru_cache(maxsize=100_000)
def _arabic_word_keys(word: str) -> tuple[str, ...]:
    """Skeletons of one Arabic word, with and without each prefix it may carry (cached: words recur)."""
    keys = []
    stems = [word] + [word[len(p):] for p in _AR_PREFIXES if word.startswith(p) and len(word) - len(p) >= 2]
    for stem in stems:
        skel = arabic_skeleton(stem)
        if skel:
            keys.append(skel)
        if len(skel) == _MIN_SKELETON - 1 and stem.endswith(("ي", "ى")):
            keys.append(skel + _FINAL_I)
    return tuple(keys)


def arabic_skeletons(text: str) -> frozenset[str]:
    out: set[str] = set()
    for word in set(ARABIC_WORD.findall(fold(text, "ar"))):
        out.update(_arabic_word_keys(word))
    return frozenset(out)


def _starts_sentence(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in " \t\"'\u201c\u2018([-":
        k -= 1
    return k < 0 or text[k] in ".!?:\n\r"


def latin_names(text: str) -> dict[str, str]:
    """``{skeleton: first spelling}`` of the capitalised non-common words.

    A word counts only if it is capitalised somewhere other than at the start
    of a sentence or line ("Talks resumed" says nothing about "Talks").
    """
    inside = {m.group(0) for m in _WORD_EN.finditer(text) if not _starts_sentence(text, m.start())}
    out: dict[str, str] = {}
    for word in _WORD_EN.findall(text):
        if word not in inside:
            continue
        if word.lower().strip("'\u2019-") in _NOT_NAMES or (word.isupper() and len(word) <= 4):
            continue
        skel = latin_skeleton(word)
        if len(skel) == _MIN_SKELETON - 1 and word.lower().endswith(("i", "y")):
            skel += _FINAL_I
        if len(skel) >= _MIN_SKELETON:
            out.setdefault(skel, word)
    return out


__all__ = ["ARABIC_WORD", "arabic_skeleton", "arabic_skeletons", "latin_names", "latin_skeleton", "readings"]
