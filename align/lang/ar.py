"""Arabic: how its letters fold, and the words the library's language-neutral logic looks up.

The folding tables name each class of character that carries no meaning for
a comparison (vowel marks, tatweel, letter variants, Arabic-Indic digits);
:mod:`align.text.normalise` (what the encoder sees), :mod:`align.text.lexicon`
(word lists) and :mod:`align.differences.numbers` (values) each fold with
the classes they need. Then the word lists for the QA content rule, the
vocabulary of numbers and dates and the abbreviations of segmentation.
Data only; the modules that use it never name a language.
"""

from __future__ import annotations

import re

# -- folding -------------------------------------------------------------------------
#: Tashkeel, fathatan to sukun (U+064B..U+0652): optional vowel marks.
TASHKEEL = frozenset(range(0x064B, 0x0653))
#: The combining marks after them (maddah, hamza above and below..., U+0653..U+065F).
OTHER_MARKS = frozenset(range(0x0653, 0x0660))
SUPERSCRIPT_ALEF = 0x0670
#: The elongation character: typography, not spelling.
TATWEEL = 0x0640
#: Quranic annotation marks (U+06D6..U+06DC).
QURANIC_MARKS = frozenset(range(0x06D6, 0x06DD))
#: Arabic-Indic (U+0660..) and Extended Arabic-Indic (U+06F0..) digits as ASCII digits.
DIGITS = {**{chr(0x0660 + i): str(i) for i in range(10)},
          **{chr(0x06F0 + i): str(i) for i in range(10)}}
#: The Arabic decimal separator, thousands separator and percent sign.
NUMBER_SIGNS = {"٫": ".", "٬": ",", "٪": "%"}
#: Letter variants unified: alef forms, alef maqsura, taa marbuta.
LETTER_FOLDS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
#: A listed word's fold: marks and tatweel dropped, letter variants unified.
WORD_FOLD = {**dict.fromkeys(TASHKEEL | {SUPERSCRIPT_ALEF, TATWEEL}),
             **{ord(k): v for k, v in LETTER_FOLDS.items()}}


def fold_word(word: str) -> str:
    """A word as the word lists store it (:data:`WORD_FOLD`)."""
    return word.translate(WORD_FOLD)


# -- words (align.text.lexicon) ----------------------------------------------------
#: Clitics (and the article) that a listed word may carry in front.
WORD_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
FUNCTION_WORDS = (
    "في من الى إلى على عن مع هذا هذه ذلك تلك هؤلاء الذي التي الذين اللذين اللتين اللواتي "
    "ان أن إن أنه انه أنها انها إنه إنها كان كانت يكون تكون كانوا قد لقد و ف ثم او أو أم "
    "بل لكن لكنه ولكن كما حيث حين عند عندما بعد قبل خلال منذ حتى بين لدى لدي لها له لهم "
    "هو هي هم هما نحن انا أنا كل بعض غير أي اي ما ماذا متى أين كيف هل إذا اذا لو إلا الا "
    "ذات ذو نفس عبر ضمن نحو حول دون فيه فيها منه منها عليه عليها إليه اليه به بها الى "
    "أيضا ايضا أيضاً ايضاً وقد فقد كذلك وكذلك إذ اذ تم يتم جرى وذلك وهو وهي "
    "اليوم أمس امس غدا غداً صباح مساء ظهر الليلة الأسبوع يوم "
    "الاثنين الإثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة السبت الأحد الاحد"
)
#: Attribution glue: «قال», «وأضاف», honorifics, «المصدر»...
ATTRIBUTION_WORDS = (
    "قال وقال يقول وأضاف أضاف واضاف اضاف مضيفا مضيفاً وأكد أكد اكد مؤكدا مؤكداً وأشار "
    "أشار اشار مشيرا مشيراً وأوضح أوضح اوضح موضحا موضحاً وذكر ذكر ذاكرا وبين بين مبينا "
    "وتابع تابع متابعا وشدد شدد مشددا وصرح صرح مصرحا وأعرب أعرب معربا ونوه نوه منوها "
    "سماحته فخامته سموه معاليه جلالته حضرته تصريح تصريحات تصريحه بيان البيان وفق وفقا "
    "وفقاً حسب بحسب المصدر مصدر مصادر الوكالة وكالة الأنباء للأنباء المتحدث الناطق "
    "باسم وكما كلمته كلمة وأردف أردف وختم ختم واختتم واستطرد"
)
NEGATION_WORDS = "لا لم لن ليس ليست ليسوا غير دون بدون عدم"
#: Publishing furniture: rights lines, "read more".
BOILERPLATE = (
    re.compile(r"(جميع الحقوق محفوظة|حقوق النشر|رخصة|ترخيص|المشاع الإبداعي|cc[- ]by|©)", re.I),
    re.compile(r"(اقرأ أيضا|اقرأ أيضاً|اقرأ المزيد|للمزيد|تابعونا|اشترك)"),
)
#: Arabic has no capital letters: no names from case.
CAPITALISED_NAMES = False

# -- numbers and dates (align.differences.numbers) -----------------------------------
#: Number words: evidence that a value is present, never reported missing themselves.
NUMBER_WORDS: dict[str, float] = {
    "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3,
    "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7,
    "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9, "عشر": 10,
    "عشرة": 10, "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40,
    "أربعين": 40, "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70,
    "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90, "مئة": 100,
    "مائة": 100, "مئات": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200,
    "ثلاثمئة": 300, "ثلاثمائة": 300, "أربعمئة": 400, "أربعمائة": 400, "خمسمئة": 500,
    "خمسمائة": 500, "ألف": 1e3, "آلاف": 1e3, "ألفين": 2e3, "ألفان": 2e3, "مليون": 1e6,
    "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9, "نصف": 0.5, "ربع": 0.25,
    "الأول": 1, "الأولى": 1, "الثاني": 2, "الثانية": 2, "الثالث": 3, "الثالثة": 3,
    "الرابع": 4, "الرابعة": 4, "الخامس": 5, "الخامسة": 5, "العاشر": 10, "العاشرة": 10,
    "البلدين": 2, "الجانبين": 2, "الطرفين": 2, "الرئيسين": 2, "كلا": 2, "كلتا": 2,
}
NUMBER_WORDS.update({"الحادي": 1, "السادس": 6, "السادسة": 6, "السابع": 7, "السابعة": 7,
                     "الثامن": 8, "الثامنة": 8, "التاسع": 9, "التاسعة": 9})
# Accusative "واحداً", and the dual of the scale words: "مليوني دولار" is two million.
NUMBER_WORDS.update({"واحدا": 1, "مليونان": 2e6, "مليونين": 2e6, "مليوني": 2e6,
                     "ملياران": 2e9, "مليارين": 2e9, "ملياري": 2e9})
# Decades: "الثلاثينيات" (the thirties).
NUMBER_WORDS.update({w[:-2] + "ينيات": v for w, v in list(NUMBER_WORDS.items())
                     if w.endswith("ين") and 20 <= v <= 90 and not w.startswith("ال")})
# Nouns and adjectives take the article: "الثلاثة", "العشرين".
NUMBER_WORDS.update({"ال" + w: v for w, v in list(NUMBER_WORDS.items()) if not w.startswith("ال")})

MONTHS = {"يناير": 1, "كانون الثاني": 1, "فبراير": 2, "شباط": 2, "مارس": 3, "آذار": 3,
          "أبريل": 4, "إبريل": 4, "نيسان": 4, "مايو": 5, "أيار": 5, "يونيو": 6, "يونيه": 6,
          "حزيران": 6, "يوليو": 7, "يوليه": 7, "تموز": 7, "أغسطس": 8, "آب": 8,
          "سبتمبر": 9, "أيلول": 9, "أكتوبر": 10, "تشرين الأول": 10, "نوفمبر": 11,
          "تشرين الثاني": 11, "ديسمبر": 12, "كانون الأول": 12}
AMBIGUOUS_MONTHS = frozenset({"مارس", "آب"})
WEEKDAYS = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "ثلاثاء": 1, "الأربعاء": 2,
            "أربعاء": 2, "الخميس": 3, "خميس": 3, "الجمعة": 4, "السبت": 5, "سبت": 5,
            "الأحد": 6}
UNCERTAIN_WEEKDAYS = frozenset({"الاثنين", "الإثنين", "الأحد"})
NOT_WEEKDAY_CUES = ("بين", "كلا", "هذين", "هاتين", "من", "أي", "احد", "أحد")
WEEKDAY_CUES = ("يوم", "يومي", "صباح", "مساء", "ليلة", "فجر", "ظهر", "عصر")
SCALE_WORDS = {"ألف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9,
               "مليارات": 1e9, "بليون": 1e9, "تريليون": 1e12}
PERCENT_WORDS = ("في المئة", "في المائة", "بالمئة", "بالمائة", "في المية")
DAY_MONTH_JOINERS = ("من",)
CLITICS = r"(?:[وف]?[بل]?)"
NUMBER_WORD_JOINER = r"\s+و?"

# -- segmentation (align.text.rules) ---------------------------------------------------
#: "د." is the Arabic title "Dr." (د. كريستين); no Arabic word is the lone letter.
ABBREVIATIONS = frozenset({"د"})
