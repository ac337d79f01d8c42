"""Script-based language detection and input checks.

Detection is deliberately simple and offline: the share of letters in each
script decides the script, and a few very frequent function words separate
the Latin-script languages. It is enough to tell which slot holds the Arabic
report and to catch a text in the wrong slot; pass ``src_lang``/``tgt_lang``
to :func:`align.compare` to skip it.

Example:
    >>> detect_language("قال الرئيس إن الاجتماع كان مثمراً")
    'ar'
    >>> detect_language("The president said the meeting went well.")
    'en'
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections import Counter
from functools import lru_cache

from ..errors import AlignInputError, AlignWarning

# Script of a letter, from its Unicode name prefix.
_SCRIPTS = ("ARABIC", "LATIN", "CYRILLIC", "HEBREW", "GREEK", "CJK", "HIRAGANA", "KATAKANA",
            "HANGUL", "DEVANAGARI", "THAI", "ARMENIAN", "GEORGIAN")
_PERSIAN_LETTERS = set("پچژگکی")
_URDU_LETTERS = set("ٹڈڑںےھ")
_LATIN_FUNCTION_WORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "said",
           "a", "an", "are", "it", "he", "she", "they", "we", "this", "by", "at", "from",
           "has", "have", "not", "be", "will"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "dans", "pour", "que", "du", "sur"},
    "es": {"el", "la", "los", "las", "y", "de", "que", "en", "por", "una", "con", "para"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "ein", "zu", "auf"},
    "tr": {"ve", "bir", "bu", "ile", "için", "olarak", "da", "de", "olan", "gibi"},
}
_OTHER_SCRIPT_LANG = {"CYRILLIC": "ru", "HEBREW": "he", "GREEK": "el", "CJK": "zh",
                      "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "DEVANAGARI": "hi",
                      "THAI": "th", "ARMENIAN": "hy", "GEORGIAN": "ka"}
#: Languages written right to left (ISO 639-1 and common 639-3 codes), for rendering.
RTL_LANGS = frozenset({"ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb",
                       "ara", "fas", "per", "heb", "urd", "pus", "snd", "uig", "yid", "div"})
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SURROGATE = re.compile("[\ud800-\udfff]")
_TAG = re.compile(r"</?(?:p|div|span|br|a|b|i|em|strong|html|body|head|script|style|table|tr|td|li|ul|ol|h[1-6]|img)\b[^>]*>", re.I)


def script_counts(text: str) -> Counter:
    """How many letters of ``text`` belong to each script."""
    counts: Counter = Counter()
    for ch, n in Counter(text).items():  # each distinct character is looked up once
        script = _script_of(ch)
        if script is not None:
            counts[script] += n
    return counts


@lru_cache(maxsize=4096)
def _script_of(ch: str) -> str | None:
    """The script of one letter (``"OTHER"`` if none we know), ``None`` for a non-letter."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    for script in _SCRIPTS:
        if name.startswith(script):
            return script
    return "OTHER"


def script_share(text: str, script: str) -> float:
    """Share of the letters of ``text`` written in ``script`` (e.g. "ARABIC")."""
    counts = script_counts(text)
    total = sum(counts.values())
    return counts[script] / total if total else 0.0


def detect_language(text: str) -> str:
    """Best-guess ISO 639-1 code of ``text``, or ``"und"`` when unsure."""
    counts = script_counts(text)
    if not counts:
        return "und"
    script, _ = counts.most_common(1)[0]
    if script == "ARABIC":
        letters = Counter(ch for ch in text if ch in _PERSIAN_LETTERS | _URDU_LETTERS)
        arabic_total = counts["ARABIC"]
        if sum(letters[c] for c in _URDU_LETTERS) > 0.01 * arabic_total:
            return "ur"
        if sum(letters[c] for c in _PERSIAN_LETTERS) > 0.01 * arabic_total:
            return "fa"
        return "ar"
    if script == "LATIN":
        words = [w.lower() for w in _WORD.findall(text)]
        if not words:
            return "und"
        hits = {lang: sum(w in vocab for w in words) for lang, vocab in _LATIN_FUNCTION_WORDS.items()}
        lang, best = max(hits.items(), key=lambda kv: (kv[1], kv[0] == "en"))
        return lang if best else "und"
    return _OTHER_SCRIPT_LANG.get(script, "und")


def _expected_script(lang: str) -> str | None:
    if lang in {"ar", "fa", "ur", "ps", "ckb"}:
        return "ARABIC"
    if lang in _LATIN_FUNCTION_WORDS or lang in {"it", "pt", "nl", "id", "ms", "sw", "pl"}:
        return "LATIN"
    for script, code in _OTHER_SCRIPT_LANG.items():
        if code == lang:
            return script
    return None


def check_text(text: object, role: str) -> str:
    """Validate one input text; return it unchanged or raise a clear error.

    Rejects non-strings, empty or whitespace-only text, lone surrogates (no
    encoder can take them: they are not valid Unicode) and binary junk (NUL
    bytes, control characters, undecodable bytes); warns about HTML markup,
    which is compared as plain text.
    """
    if isinstance(text, bytes):
        raise AlignInputError(f"{role} is bytes; decode it to str first (e.g. data.decode('utf-8'))")
    if not isinstance(text, str):
        raise AlignInputError(f"{role} must be a str, got {type(text).__name__}")
    if not text.strip():
        raise AlignInputError(f"{role} is empty: there is nothing to compare")
    surrogate = _SURROGATE.search(text)
    if surrogate:
        raise AlignInputError(
            f"{role} has a lone surrogate U+{ord(surrogate.group()):04X} at {where(text, surrogate.start())}: "
            "it is not valid Unicode (often half of an emoji cut apart, or bytes decoded with "
            "errors='surrogateescape'); remove it or decode the text strictly"
        )
    sample = text[:200_000]
    bad = sum(
        1 for ch in sample
        if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    )
    if "\x00" in sample or bad > max(3, 0.01 * len(sample)):
        nul = sample.find("\x00")
        first = f", a NUL byte at {where(text, nul)}" if nul >= 0 else ""
        raise AlignInputError(
            f"{role} looks like binary data, not text ({bad} control or undecodable characters"
            f"{first}); pass the plain text of the report"
        )
    if not any(ch.isalpha() for ch in sample):
        raise AlignInputError(f"{role} contains no letters: there is no statement to compare")
    if len(_TAG.findall(sample)) >= 3:
        warnings.warn(
            f"{role} looks like HTML; its markup is compared as plain text. "
            "Extract the article text first for a cleaner alignment.",
            AlignWarning,
            stacklevel=3,
        )
    return text


def where(text: str, index: int) -> str:
    """``"character 12 (line 2, column 5)"``: a position a user can find in an editor.

    Example:
        >>> where("ab\\ncd", 4)
        'character 4 (line 2, column 2)'
    """
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"character {index} (line {line}, column {column})"


def resolve_language(text: str, lang: str | None, role: str) -> str:
    """The language of ``text``: ``lang`` checked against the script, or detected.

    A declared language whose script makes up under 20 % of the letters (no
    Arabic in the Arabic slot, say) is an error: the texts are probably swapped
    or mismatched.
    """
    detected = detect_language(text)
    if lang is None:
        if detected == "und":
            warnings.warn(f"could not detect the language of {role}; treating it as 'und'",
                          AlignWarning, stacklevel=3)
        return detected
    if not isinstance(lang, str) or not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]+)*", lang):
        raise AlignInputError(f"{role}: language must be an ISO code such as 'ar' or 'en', got {lang!r}")
    lang = lang.lower()
    script = _expected_script(lang.split("-")[0])
    if script is not None and script_share(text, script) < 0.2:
        raise AlignInputError(
            f"{role} was given as {lang!r} but has almost no {script.title()}-script letters "
            f"(it looks like {detected!r}); are the inputs swapped or mismatched?"
        )
    return lang
