"""Random report texts by input class, for the fuzz benchmark and the fuzz test.

Each class takes a small pair of plain reports (written for this file) and
mixes in one kind of trouble a user or a fuzzer brings: digits, emoji,
zero-width and bidi controls, NUL bytes, Windows line ends, tabs, very long
words, HTML markup, lone surrogates, or arbitrary code points. A generator is
a function of a ``random.Random``, so a seed reproduces a text exactly.

Example:
    >>> import random
    >>> a, b = make_pair("crlf", random.Random(1))
    >>> "\\r\\n" in a + b
    True
"""

from __future__ import annotations

import random
from typing import Callable

AR_SENTENCES = (
    "قال الرئيس إن الاجتماع كان مثمراً.",
    "وأضاف أن البلدين سيواصلان التعاون في مجال الطاقة.",
    "وصل الوفد إلى العاصمة صباح اليوم الثلاثاء.",
    "وناقش الجانبان الوضع في المنطقة وسبل دعم الاستقرار.",
    "وأعلنت الوزارة عن خطة جديدة لبناء ثلاث مدارس في الجنوب.",
    "وأكد المتحدث أن المفاوضات ستستأنف الشهر المقبل.",
)
EN_SENTENCES = (
    "The president said the meeting was fruitful.",
    "He added that both countries would keep cooperating on energy.",
    "The delegation arrived in the capital on Tuesday morning.",
    "The two sides discussed the situation in the region and ways to support stability.",
    "The ministry announced a new plan to build three schools in the south.",
    "The spokesman said the talks would resume next month.",
)
EMOJI = ("🙂", "🇸🇦", "👍🏽", "❤️", "🧑‍🤝‍🧑", "📈")
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
BIDI = ("\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
        "\u2066", "\u2067", "\u2068", "\u2069")
HTML_BITS = ("<p>", "</p>", "<b>", "</b>", "<br>", "&amp;", "&nbsp;", "<script>alert(1)</script>",
             '<a href="x">', "</a>", "<div class='c'>", "</div>")


def _base(rng: random.Random) -> tuple[list[str], list[str]]:
    """Two to six sentences per side, reordered and with one-sided statements."""
    n = rng.randint(2, len(AR_SENTENCES))
    idx = rng.sample(range(len(AR_SENTENCES)), n)
    ar = [AR_SENTENCES[i] for i in idx]
    en = [EN_SENTENCES[i] for i in idx]
    rng.shuffle(en)
    if rng.random() < 0.5 and len(ar) > 1:
        del ar[rng.randrange(len(ar))]
    return ar, en


def _join(parts: list[str], rng: random.Random, seps=(" ", "\n", "\n\n")) -> str:
    return "".join(p + rng.choice(seps) for p in parts).strip()


def _sprinkle(text: str, rng: random.Random, pool, rate: float) -> str:
    """Insert characters from ``pool`` at random positions, about ``rate`` per character."""
    out = []
    for ch in text:
        out.append(ch)
        if rng.random() < rate:
            out.append(rng.choice(pool))
    return "".join(out)


def _plain(rng):
    ar, en = _base(rng)
    return _join(ar, rng), _join(en, rng)


def _digits(rng):
    ar, en = _base(rng)
    nums = [str(rng.randint(0, 10**rng.randint(1, 12))) for _ in range(4)]
    indic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    ar = [s.replace(".", f" {rng.choice(nums).translate(indic)}.") for s in ar]
    en = [s.replace(".", f" {rng.choice(nums)}.") for s in en]
    if rng.random() < 0.3:
        en.append(" ".join(rng.choice(nums) for _ in range(rng.randint(1, 30))))
    return _join(ar, rng), _join(en, rng)


def _emoji(rng):
    a, b = _plain(rng)
    return _sprinkle(a, rng, EMOJI, 0.05), _sprinkle(b, rng, EMOJI, 0.05)


def _zero_width(rng):
    a, b = _plain(rng)
    return _sprinkle(a, rng, ZERO_WIDTH, 0.1), _sprinkle(b, rng, ZERO_WIDTH, 0.1)


def _bidi(rng):
    a, b = _plain(rng)
    return _sprinkle(a, rng, BIDI, 0.05), _sprinkle(b, rng, BIDI, 0.05)


def _nul(rng):
    a, b = _plain(rng)
    if rng.random() < 0.5:
        return _sprinkle(a, rng, ("\x00",), 0.02) + "\x00", b
    return a, b + "\x00" + _sprinkle(b, rng, ("\x00", "\x01", "\x7f"), 0.05)


def _crlf(rng):
    ar, en = _base(rng)
    seps = ("\r\n", "\r\n\r\n", " ", "\r")
    return _join(ar, rng, seps), _join(en, rng, seps)


def _tabs(rng):
    ar, en = _base(rng)
    seps = ("\t", "\t\t", "\n\t", " \t ")
    a, b = _join(ar, rng, seps), _join(en, rng, seps)
    return _sprinkle(a, rng, ("\t",), 0.05), _sprinkle(b, rng, ("\t",), 0.05)


def _long_words(rng):
    ar, en = _base(rng)
    word = lambda alphabet: "".join(rng.choice(alphabet) for _ in range(rng.randint(200, 5000)))
    ar.insert(rng.randrange(len(ar) + 1), word("ابتثجحخدذرزسشصضطظعغفقكلمنهوي"))
    en.insert(rng.randrange(len(en) + 1), word("abcdefghijklmnopqrstuvwxyz"))
    return _join(ar, rng), _join(en, rng)


def _html(rng):
    a, b = _plain(rng)
    return _sprinkle(a, rng, HTML_BITS, 0.03), _sprinkle(b, rng, HTML_BITS, 0.03)


def _surrogate(rng):
    a, b = _plain(rng)
    lone = chr(rng.randint(0xD800, 0xDFFF))
    if rng.random() < 0.5:
        k = rng.randrange(len(a) + 1)
        return a[:k] + lone + a[k:], b
    k = rng.randrange(len(b) + 1)
    return a, b[:k] + lone + b[k:]


def _any_unicode(rng):
    a, b = _plain(rng)
    pool = [chr(rng.randint(0x20, 0x10FFFF)) for _ in range(40)]
    return _sprinkle(a, rng, pool, 0.05), _sprinkle(b, rng, pool, 0.05)


def _mixed(rng):
    a, b = _plain(rng)
    pool = EMOJI + ZERO_WIDTH + BIDI + HTML_BITS + ("\t", "\r\n", "١٢٣", "2024")
    return _sprinkle(a, rng, pool, 0.05), _sprinkle(b, rng, pool, 0.05)


CLASSES: dict[str, Callable[[random.Random], tuple[str, str]]] = {
    "plain": _plain, "digits": _digits, "emoji": _emoji, "zero-width": _zero_width,
    "bidi": _bidi, "nul": _nul, "crlf": _crlf, "tabs": _tabs, "long-words": _long_words,
    "html": _html, "surrogate": _surrogate, "any-unicode": _any_unicode, "mixed": _mixed,
}


def make_pair(kind: str, rng: random.Random) -> tuple[str, str]:
    """An (Arabic, English) pair of report texts of input class ``kind``."""
    return CLASSES[kind](rng)
