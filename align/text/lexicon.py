"""Per-language word lists: function words, attribution glue, negations, boilerplate.

Words that carry no fact of their own ("he said", «وأضاف», "the", «في»)
must never make a statement look missing on their own, and lines that are
not reporting (a licence line, a byline, "read more") matter less than a
dropped fact. This module holds those lists as data, one table per
language, and a few questions over a span of text:

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

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
_ALEF = str.maketrans("أإآٱ", "اااا")
_AR_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


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
    return frozenset(_fold_ar(w) for w in text.split())


def _fold_ar(word: str) -> str:
    return _DIACRITICS.sub("", word).translate(_ALEF).replace("ة", "ه").replace("ى", "ي")


_EN = Lexicon(
    function=_words(
        "a an the and or but nor so yet of in on at to for from by with about as into onto "
        "over under after before during since until than then that this these those there "
        "here it its it's he him his she her hers they them their theirs we us our you your i "
        "me my mine is are was were be been being am has have had having do does did will "
        "would shall should can could may might must also too very more most much many some "
        "any such which who whom whose what when where while whether if because although "
        "though however meanwhile moreover furthermore addition additionally just only still "
        "even all both each other another one own same up down out off again further once "
        "s t not's thus therefore indeed well like via per among between within "
        "upon against toward towards "
        # time words: when a report said something is glue; a date with digits
        # is caught as a number
        "today yesterday tomorrow tonight early late morning afternoon evening night week "
        "monday tuesday wednesday thursday friday saturday sunday"
    ),
    attribution=_words(
        "said says say saying added adds adding noted notes noting stated states stating "
        "told tells explained explains explaining stressed stressing emphasised emphasized "
        "emphasising emphasizing affirmed affirming pointed point pointing indicated "
        "indicating according statement statements remarks comments commented commenting "
        "announced confirmed confirming expressed expressing mentioned reported reporting "
        "spokesman spokeswoman spokesperson official officials source sources news agency "
        "went continued continuing underlined underlining highlighted highlighting "
        "reiterated reiterating declared declaring"
    ),
    negation=_words("not no never none nobody nothing neither nor without n't cannot"),
    boilerplate=(
        re.compile(r"\b(licen[cs]ed?|licen[cs]e|creative commons|cc[- ]by|all rights reserved|"
                   r"copyright|©)\b", re.I),
        re.compile(r"\b(read more|read also|see also|click here|follow us|subscribe|"
                   r"sign up|share this|related:)", re.I),
        re.compile(r"^\s*(by|reporting by|editing by|written by|photo:|image:)\s", re.I),
        re.compile(r"\((reuters|afp|ap|xinhua|wam|spa|kuna|qna|irna)\)", re.I),
    ),
    capitalised_names=True,
)

_AR = Lexicon(
    function=_words(
        "في من الى إلى على عن مع هذا هذه ذلك تلك هؤلاء الذي التي الذين اللذين اللتين اللواتي "
        "ان أن إن أنه انه أنها انها إنه إنها كان كانت يكون تكون كانوا قد لقد و ف ثم او أو أم "
        "بل لكن لكنه ولكن كما حيث حين عند عندما بعد قبل خلال منذ حتى بين لدى لدي لها له لهم "
        "هو هي هم هما نحن انا أنا كل بعض غير أي اي ما ماذا متى أين كيف هل إذا اذا لو إلا الا "
        "ذات ذو نفس عبر ضمن نحو حول دون فيه فيها منه منها عليه عليها إليه اليه به بها الى "
        "أيضا ايضا أيضاً ايضاً وقد فقد كذلك وكذلك إذ اذ تم يتم جرى وذلك وهو وهي "
        "اليوم أمس امس غدا غداً صباح مساء ظهر الليلة الأسبوع يوم "
        "الاثنين الإثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة السبت الأحد الاحد"
    ),
    attribution=_words(
        "قال وقال يقول وأضاف أضاف واضاف اضاف مضيفا مضيفاً وأكد أكد اكد مؤكدا مؤكداً وأشار "
        "أشار اشار مشيرا مشيراً وأوضح أوضح اوضح موضحا موضحاً وذكر ذكر ذاكرا وبين بين مبينا "
        "وتابع تابع متابعا وشدد شدد مشددا وصرح صرح مصرحا وأعرب أعرب معربا ونوه نوه منوها "
        "سماحته فخامته سموه معاليه جلالته حضرته تصريح تصريحات تصريحه بيان البيان وفق وفقا "
        "وفقاً حسب بحسب المصدر مصدر مصادر الوكالة وكالة الأنباء للأنباء المتحدث الناطق "
        "باسم وكما كلمته كلمة وأردف أردف وختم ختم واختتم واستطرد"
    ),
    negation=_words("لا لم لن ليس ليست ليسوا غير دون بدون عدم"),
    boilerplate=(
        re.compile(r"(جميع الحقوق محفوظة|حقوق النشر|رخصة|ترخيص|المشاع الإبداعي|cc[- ]by|©)", re.I),
        re.compile(r"(اقرأ أيضا|اقرأ أيضاً|اقرأ المزيد|للمزيد|تابعونا|اشترك)"),
    ),
)

LEXICONS: dict[str, Lexicon] = {"en": _EN, "ar": _AR}


def lexicon(lang: str | None) -> Lexicon:
    """The lists of ``lang`` (its primary subtag); English lists for an unknown language."""
    key = (lang or "en").split("-")[0].lower()
    return LEXICONS.get(key, _EN)


def register_lexicon(lang: str, lex: Lexicon) -> None:
    """Add or replace the word lists of a language."""
    LEXICONS[lang.split("-")[0].lower()] = lex


def _key(word: str, lang: str | None) -> str:
    return _fold_ar(word) if (lang or "").startswith("ar") else word.lower()


def _in(word: str, words: frozenset[str], lang: str | None) -> bool:
    """``word`` in ``words``, trying it without Arabic clitics too."""
    key = _key(word, lang)
    if key in words:
        return True
    if (lang or "").startswith("ar"):
        return any(key.startswith(p) and len(key) - len(p) >= 2 and key[len(p):] in words
                   for p in _AR_PREFIXES)
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
