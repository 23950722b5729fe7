"""Find date mentions in news text: absolute dates, ranges, weekdays, relative and anaphoric phrases.

Patterns are deliberately conservative: a bare ordinal ("the 10th Defense Consultation"), a
decade ("the 1990s") or a number never counts as a date; a bare month or year needs a
preposition before it ("in April", "since 2019").
"""

from __future__ import annotations

import bisect
import calendar
import re
from functools import lru_cache

from .vocab import DateWords, load_date_words

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}  # monday = 0

_full = "|".join(calendar.month_name[i] for i in range(1, 13))
_abbr = "|".join(a for a in (calendar.month_abbr[i] for i in range(1, 13)) if a != "May") + "|Sept"
MONTH = rf"(?:(?:{_full})(?![A-Za-z])|(?:{_abbr})(?![A-Za-z])\.?)"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
YEAR = r"(?:1[89]|20)[0-9]{2}(?![0-9]|s\b|'s\b)"
WEEKDAY = "(?:" + "|".join(calendar.day_name[i] for i in range(7)) + r")(?![A-Za-z])"
DASH = r"(?:\s*[-\u2013\u2014]\s*|\s+(?:to|until|till|through|and)\s+)"
RANGE_START = r"(?:(?:from|between)\s+)?"
PREPOSITION = r"(?:in|during|until|till|by|from|of|before|after|throughout|since|around|for)"
TIME_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
ORDINAL_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)"
# What may follow "on the 10th" for it to be a day of the month (not "the 10th Consultation").
AFTER_ORDINAL = (r"(?=\s*(?:[,.;:)!?]|$)|\s+(?:in|at|with|and|to|for|when|after|before|during|as|while|"
                 r"where|but|the|a|an|this|that|last|next)\b)")

# The same building blocks, in whole-phrase form, are reused by the resolver.
ISO = r"(?:1[89]|20)[0-9]{2}-[01][0-9]-[0-3][0-9](?![0-9])"
RANGE_MD_MD = rf"{RANGE_START}{MONTH}\s+{DAY}(?:,?\s+{YEAR})?{DASH}{MONTH}\s+{DAY}(?:,?\s+{YEAR})?"
RANGE_MD_D = rf"{RANGE_START}{MONTH}\s+{DAY}{DASH}{DAY}(?:,?\s+{YEAR})?"
RANGE_D_DM = rf"{RANGE_START}(?:the\s+)?{DAY}{DASH}(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?:,?\s+{YEAR})?"
RANGE_DM_DM = rf"{RANGE_START}{DAY}\s+{MONTH}(?:,?\s+{YEAR})?{DASH}{DAY}\s+{MONTH}(?:,?\s+{YEAR})?"
MONTH_DAY = rf"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR})?"
DAY_MONTH = rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?:,?\s+{YEAR})?"
MONTH_YEAR = rf"{MONTH},?\s+{YEAR}"
# A month (or day) of the year of the report, the one before or after: "in June this year", "on
# March 3 last year", "in early May next year".
RELATIVE_YEAR = r"(?:this|last|next)\s+year"
MONTH_RELATIVE_YEAR = (rf"(?:{MONTH}\s+{DAY}|(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}|(?:(?:early|late|mid)[- ]?)?{MONTH}),?"
                       rf"\s+(?:of\s+)?{RELATIVE_YEAR}")
MONTH_ALONE = rf"(?:(?:last|next|this)\s+|(?:early|late|mid)[- ]?)?{MONTH}"
YEAR_ALONE = rf"(?:(?:early|late|mid)[- ]?)?{YEAR}"
ORDINAL = rf"the\s+{ORDINAL_DAY}"
WEEKDAY_PHRASE = rf"(?:(?:last|next|this|past|coming)\s+)?{WEEKDAY}{TIME_OF_DAY}"
RELATIVE = (r"(?:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|today|tomorrow|tonight"
            r"|(?:this|last|yesterday|tomorrow)\s+(?:morning|afternoon|evening|night)"
            r"|(?:earlier|later)\s+(?:this|last|next)\s+(?:week|month|year)"
            r"|(?:the\s+)?(?:last|past|next|coming|this)\s+(?:week|weekend|month|year))")


def number_words(numbers: tuple[str, ...]) -> str:
    words = sorted(numbers, key=len, reverse=True)
    return "(?:[0-9]{1,3}|" + "|".join(re.escape(w) for w in words) + ")"


def ago_pattern(numbers: tuple[str, ...]) -> str:
    """"three weeks ago", with the number words of the date words."""
    return rf"{number_words(numbers)}\s+(?:days?|weeks?|months?|years?)\s+ago"


def anaphora_pattern(anaphora: tuple[str, ...]) -> str:
    """"the same day", "the next day": the anaphoric phrases of the date words."""
    phrases = sorted(anaphora, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases) + ")"


def word_keys(words: DateWords | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The number words and anaphoric phrases of ``words`` (default: the built-in date words), the
    parts of the date words the search patterns are made of."""
    words = words or load_date_words()
    return tuple(sorted(words.numbers)), tuple(sorted(words.anaphora))


@lru_cache(maxsize=4)
def _finders(numbers: tuple[str, ...], anaphora: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Compiled search patterns; each names the date itself as group ``d``."""
    case = [
        ISO, RANGE_MD_MD, RANGE_MD_D, RANGE_D_DM, RANGE_DM_DM, MONTH_RELATIVE_YEAR, MONTH_DAY, DAY_MONTH,
        MONTH_YEAR, WEEKDAY_PHRASE,
    ]
    patterns = [re.compile(rf"\b(?P<d>{p})") for p in case]
    patterns += [
        re.compile(rf"\b{PREPOSITION}\s+(?P<d>{MONTH_ALONE})"),
        re.compile(rf"\b(?P<d>(?:last|next|this|early|late|mid)[- ]?{MONTH})"),
        re.compile(rf"\b{PREPOSITION}\s+(?:the\s+)?(?:year\s+)?(?P<d>{YEAR_ALONE})"),
        re.compile(rf"\b(?P<d>(?:(?:early|late)\s+|mid-){YEAR})"),
        re.compile(rf"\b(?i:on|by|until|till|from|before|after|since)\s+(?P<d>{ORDINAL}){AFTER_ORDINAL}"),
    ]
    nocase = [RELATIVE, ago_pattern(numbers), anaphora_pattern(anaphora)]
    patterns += [re.compile(rf"\b(?P<d>{p})\b", re.IGNORECASE) for p in nocase]
    return tuple(patterns)


def find_mentions(text: str, words: DateWords | None = None) -> list[tuple[int, int, str]]:
    """Non-overlapping date mentions as ``(start, end, text)``, longest first on overlap, in text
    order; ``words``: the date words (default: the built-in file)."""
    found = {(m.start("d"), m.end("d")) for pattern in _finders(*word_keys(words)) for m in pattern.finditer(text)}
    chosen: list[tuple[int, int]] = []  # in text order, none overlapping another
    for start, end in sorted(found, key=lambda span: (span[0] - span[1], span[0])):
        if not _overlaps(chosen, start, end):
            bisect.insort(chosen, (start, end))
    return [(s, e, text[s:e]) for s, e in chosen]


def _overlaps(chosen: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps a span of ``chosen`` (sorted, none overlapping another: each
    span ends by the start of the next, so of the spans starting before ``end`` the last ends last)."""
    j = bisect.bisect_left(chosen, (end, -1)) - 1
    return j >= 0 and chosen[j][1] > start
