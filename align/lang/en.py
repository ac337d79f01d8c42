"""English: the words the library's language-neutral logic looks up.

Word lists for the QA content rule (:mod:`align.text.lexicon`), the
vocabulary of numbers and dates (:mod:`align.differences.numbers`) and the
abbreviations of segmentation (:mod:`align.text.rules`). Data only; the
modules that use it never name a language.
"""

from __future__ import annotations

import re

# -- words (align.text.lexicon) ----------------------------------------------------
#: Function words, lower case, space-separated.
FUNCTION_WORDS = (
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
)
#: Attribution glue: "said", "added", "spokesman"...
ATTRIBUTION_WORDS = (
    "said says say saying added adds adding noted notes noting stated states stating "
    "told tells explained explains explaining stressed stressing emphasised emphasized "
    "emphasising emphasizing affirmed affirming pointed point pointing indicated "
    "indicating according statement statements remarks comments commented commenting "
    "announced confirmed confirming expressed expressing mentioned reported reporting "
    "spokesman spokeswoman spokesperson official officials source sources news agency "
    "went continued continuing underlined underlining highlighted highlighting "
    "reiterated reiterating declared declaring"
)
NEGATION_WORDS = "not no never none nobody nothing neither nor without n't cannot"
#: Publishing furniture: licence lines, "read more", bylines, agency tags.
BOILERPLATE = (
    re.compile(r"\b(licen[cs]ed?|licen[cs]e|creative commons|cc[- ]by|all rights reserved|"
               r"copyright|©)\b", re.I),
    re.compile(r"\b(read more|read also|see also|click here|follow us|subscribe|"
               r"sign up|share this|related:)", re.I),
    re.compile(r"^\s*(by|reporting by|editing by|written by|photo:|image:)\s", re.I),
    re.compile(r"\((reuters|afp|ap|xinhua|wam|spa|kuna|qna|irna)\)", re.I),
)
#: A capitalised word inside a sentence marks a name.
CAPITALISED_NAMES = True

# -- numbers and dates (align.differences.numbers) -----------------------------------
_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
#: Number words: evidence that a value is present, never reported missing themselves.
NUMBER_WORDS: dict[str, float] = {w: float(i) for i, w in enumerate(_UNITS)}
NUMBER_WORDS.update({w: float(v) for w, v in _TENS.items()})
NUMBER_WORDS.update({f"{t}-{u}": float(tv + i) for t, tv in _TENS.items()
                     for i, u in enumerate(_UNITS) if 1 <= i <= 9})
NUMBER_WORDS.update({"dozen": 12, "dozens": 12, "hundred": 100, "hundreds": 100,
                     "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6,
                     "billion": 1e9, "billions": 1e9, "half": 0.5, "first": 1, "second": 2,
                     "third": 3, "fourth": 4, "fifth": 5, "tenth": 10, "twice": 2, "both": 2})

MONTHS = {"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6,
          "July": 7, "August": 8, "September": 9, "October": 10, "November": 11,
          "December": 12, "Jan.": 1, "Jan": 1, "Feb.": 2, "Feb": 2, "Mar.": 3, "Mar": 3,
          "Apr.": 4, "Apr": 4, "Jun.": 6, "Jun": 6, "Jul.": 7, "Jul": 7, "Aug.": 8,
          "Aug": 8, "Sept.": 9, "Sept": 9, "Sep.": 9, "Sep": 9, "Oct.": 10, "Oct": 10,
          "Nov.": 11, "Nov": 11, "Dec.": 12, "Dec": 12}
AMBIGUOUS_MONTHS = frozenset({"May", "March", "Jan.", "Jan", "Feb.", "Feb", "Mar.", "Mar",
                              "Apr.", "Apr", "Jun.", "Jun", "Jul.", "Jul", "Aug.", "Aug",
                              "Sept.", "Sept", "Sep.", "Sep", "Oct.", "Oct", "Nov.", "Nov",
                              "Dec.", "Dec"})
WEEKDAYS = {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4,
            "Saturday": 5, "Sunday": 6, "Mon.": 0, "Tue.": 1, "Tues.": 1, "Wed.": 2,
            "Thu.": 3, "Thurs.": 3, "Fri.": 4, "Sat.": 5, "Sun.": 6}
AMBIGUOUS_WEEKDAYS = frozenset({"Mon.", "Tue.", "Tues.", "Wed.", "Thu.", "Thurs.", "Fri.",
                                "Sat.", "Sun."})
WEEKDAY_CUES = ("on", "On", "last", "next", "this")
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
               "trillion": 1e12}
PERCENT_WORDS = ("per cent", "percent", "pct", "percentage points", "percentage point")
ORDINAL_SUFFIX = r"(?:st|nd|rd|th)"
DAY_MONTH_JOINERS = ("of",)
NUMBER_WORD_JOINER = r"(?:\s+|\s*-\s*)(?:and\s+)?"
DECADE_SUFFIX = r"'?s\b"
TITLE_CONTEXT = (r"\b[Tt]he\s+$", r"^\s+[A-Z]")
CASE_SENSITIVE = True
DECIMAL_COMMA = False

# -- segmentation (align.text.rules) ---------------------------------------------------
ABBREVIATIONS = frozenset(
    """mr mrs ms messrs dr prof sr jr st mt gen col lt sgt capt maj cmdr adm gov sen sens rep reps
    rev hon pres det insp supt inc ltd co corp plc bros vs v etc al approx dept est ed eds""".split()
)
BEFORE_NUMBERS = frozenset(
    """no nos fig vol p pp jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
