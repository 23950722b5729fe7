"""Date mentions and their resolution to ISO dates.

A year is never invented: without a publication date (or an earlier dated mention carrying a
year) "November 2" is ``XXXX-11-02`` and "on Monday" cannot be resolved (``iso`` is None).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable


from . import mentions as m
from .calendar_math import (
    UNKNOWN_YEAR, add_days, month_shift, nearest_month_year, nearest_year, parse_iso, shift_iso, week_of,
)
from .vocab import DateWords, load_date_words

# Only phrases with a calendar word are worth handing to dateparser.
FALLBACK_WORDS = re.compile(
    rf"\b(?:ago|hence|fortnight|days?|weeks?|months?|years?|{m.MONTH}|{m.WEEKDAY})", re.IGNORECASE)


@dataclass(slots=True)
class DateValue:
    """A resolved date: ``iso`` is None when the phrase is a date but cannot be anchored."""

    iso: str | None
    precision: str | None
    raw: str
    end: str | None = None
    also: tuple[str, ...] = ()  # the other days of a list ("on 21 and 29 August"): one act on each


def find_date_mentions(text: str, words: DateWords | None = None) -> list[tuple[int, int, str]]:
    """Date mentions in ``text`` as character spans ``(start, end, text)``, in text order;
    ``words``: the date words (default: the built-in file)."""
    return m.find_mentions(text, words)


def resolve_date(phrase: str, published: str | None, *, future: bool = False, past: bool = False,
                 anchor: str | None = None, words: DateWords | None = None) -> DateValue | None:
    """Resolve one date mention against the publication date (ISO) or None.

    ``future`` picks the next weekday/nearest future year for planned events, ``past`` the nearest
    year not after publication for acts told in the past tense; ``anchor`` is the
    last date stated before the mention, used by "the same day", "the next day" and "on the 10th".
    ``words``: the date words (default: the built-in file). Returns None when ``phrase`` is not a
    date phrase at all.
    """
    words = words or load_date_words()
    text = " ".join(phrase.split())
    text = re.sub(r"^(?:on|in|at|during|by|of)\s+", "", text, flags=re.IGNORECASE)
    ref = parse_iso(published) if published else None
    anchor_date = parse_iso(anchor) if anchor and not anchor.startswith(UNKNOWN_YEAR) else None
    if ref is None and anchor_date is not None and anchor and len(anchor) == 10:
        year_ref = anchor_date  # a year stated earlier in the text
    else:
        year_ref = ref
    context = _Context(raw=phrase, ref=ref, year_ref=year_ref, future=future, anchor=anchor, words=words,
                       past=past and year_ref is ref)
    for pattern, reader in _readers(*m.word_keys(words)):
        match = pattern.fullmatch(text)
        if match:
            return reader(match, context)
    return _dateparser_fallback(text, context)


@dataclass(slots=True)
class _Context:
    raw: str
    ref: dt.date | None  # publication date
    year_ref: dt.date | None  # what a missing year is chosen against
    future: bool
    anchor: str | None
    words: DateWords
    past: bool = False  # told in the past tense: not after publication

    def unresolved(self) -> DateValue:
        return DateValue(None, None, self.raw)

    def day(self, date: dt.date, end: dt.date | None = None) -> DateValue:
        return DateValue(date.isoformat(), "day", self.raw, end.isoformat() if end else None)


_Reader = Callable[[re.Match[str], _Context], DateValue | None]


def _month(word: str) -> int:
    return m.MONTHS[word.lower().rstrip(".")]


def _day(word: str) -> int:
    return int(re.match(r"[0-9]+", word).group())


def _parts(text: str) -> tuple[list[int], list[int], list[int]]:
    """Months, days and years named in a date phrase, in order."""
    months = [_month(w) for w in re.findall(m.MONTH, text, flags=re.IGNORECASE)]
    stripped = re.sub(m.MONTH, " ", text, flags=re.IGNORECASE)
    years = [int(y) for y in re.findall(rf"\b{m.YEAR}", stripped)]
    stripped = re.sub(rf"\b{m.YEAR}", " ", stripped)
    days = [_day(d) for d in re.findall(rf"\b{m.DAY}", stripped)]
    return months, days, years


def _month_day(month: int, day: int, year: int | None, ctx: _Context) -> tuple[str, dt.date | None] | None:
    """The ISO date for month/day (year chosen nearest the reference), and the date if the year is known."""
    if year is None and ctx.year_ref is not None:
        year = nearest_year(month, day, ctx.year_ref, future=ctx.future, past=ctx.past)
    if year is None:
        try:
            dt.date(2000, month, day)
        except ValueError:
            return None
        return f"{UNKNOWN_YEAR}-{month:02d}-{day:02d}", None
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date.isoformat(), date


def _read_iso(match: re.Match[str], ctx: _Context) -> DateValue | None:
    date = parse_iso(match.group())
    return ctx.day(date) if date else None


def _read_single(match: re.Match[str], ctx: _Context) -> DateValue | None:
    months, days, years = _parts(match.group())
    found = _month_day(months[0], days[0], years[0] if years else None, ctx)
    return DateValue(found[0], "day", ctx.raw) if found else None


def _read_range(match: re.Match[str], ctx: _Context) -> DateValue | None:
    months, days, years = _parts(match.group())
    if len(days) != 2:
        return None
    month_start, month_end = months[0], months[-1]
    start_year = years[0] if len(years) == 2 else None
    end_year = years[-1] if years else None
    if start_year is None and end_year is not None:
        start_year = end_year - 1 if (month_start, days[0]) > (month_end, days[1]) else end_year
    start = _month_day(month_start, days[0], start_year, ctx)
    if start is None:
        return None
    if start[1] is not None:
        year = start[1].year if end_year is None else end_year
        if end_year is None and (month_end, days[1]) < (month_start, days[0]):
            year += 1
        end = _month_day(month_end, days[1], year, ctx)
    else:
        end = _month_day(month_end, days[1], None, ctx)
    if _lists_days(match.group()):
        return DateValue(start[0], "day", ctx.raw, also=(end[0],) if end else ())
    return DateValue(start[0], "day", ctx.raw, end[0] if end else None)


def _lists_days(phrase: str) -> bool:
    """"21 and 29 August" names two days; "between 21 and 29 August", "21-29 August" a span."""
    words = phrase.lower().split()
    return "and" in words and "between" not in words


def _read_month_of_relative_year(match: re.Match[str], ctx: _Context) -> DateValue | None:
    """"June this year", "March 3 last year": the year counted from the report's."""
    text = match.group().lower()
    months, days, _ = _parts(re.sub(m.RELATIVE_YEAR, " ", text))
    if ctx.ref is None:
        return ctx.unresolved() if not text.endswith("this year") else \
            DateValue(f"{UNKNOWN_YEAR}-{months[0]:02d}" + (f"-{days[0]:02d}" if days else ""),
                      "day" if days else "month", ctx.raw)
    year = ctx.ref.year + (-1 if "last year" in text else 1 if "next year" in text else 0)
    if not days:
        return DateValue(f"{year:04d}-{months[0]:02d}", "month", ctx.raw)
    found = _month_day(months[0], days[0], year, ctx)
    return DateValue(found[0], "day", ctx.raw) if found else None


def _read_month_year(match: re.Match[str], ctx: _Context) -> DateValue:
    months, _, years = _parts(match.group())
    return DateValue(f"{years[0]:04d}-{months[0]:02d}", "month", ctx.raw)


def _read_month(match: re.Match[str], ctx: _Context) -> DateValue:
    text = match.group().lower()
    month = _month(re.search(m.MONTH, match.group(), flags=re.IGNORECASE).group())
    if ctx.year_ref is None:
        if text.startswith(("last", "next")):
            return ctx.unresolved()
        return DateValue(f"{UNKNOWN_YEAR}-{month:02d}", "month", ctx.raw)
    if text.startswith("last"):
        year = ctx.year_ref.year - (1 if month >= ctx.year_ref.month else 0)
    elif text.startswith("next"):
        year = ctx.year_ref.year + (1 if month <= ctx.year_ref.month else 0)
    elif text.startswith("this"):
        year = ctx.year_ref.year
    else:
        year = nearest_month_year(month, ctx.year_ref, future=ctx.future, past=ctx.past)
    return DateValue(f"{year:04d}-{month:02d}", "month", ctx.raw)


def _read_year(match: re.Match[str], ctx: _Context) -> DateValue:
    year = int(re.search(rf"{m.YEAR}", match.group()).group())
    return DateValue(f"{year:04d}", "year", ctx.raw)


def _read_ordinal(match: re.Match[str], ctx: _Context) -> DateValue:
    day = _day(re.search(r"[0-9]+", match.group()).group())
    if ctx.anchor and len(ctx.anchor) >= 7:
        month_iso = ctx.anchor[:7]
        return DateValue(f"{month_iso}-{day:02d}", "day", ctx.raw)
    if ctx.ref is None:
        return ctx.unresolved()
    candidates = []
    for offset in (-1, 0, 1):
        year, month = month_shift(ctx.ref.year, ctx.ref.month, offset)
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if ctx.future:
        candidates = [c for c in candidates if c >= ctx.ref] or candidates
    else:
        candidates = [c for c in candidates if c <= ctx.ref] or candidates
    return ctx.day(min(candidates, key=lambda c: abs((c - ctx.ref).days)))


def _read_weekday(match: re.Match[str], ctx: _Context) -> DateValue:
    if ctx.ref is None:
        return ctx.unresolved()
    words = match.group().lower().split()
    weekday = m.WEEKDAYS[next(w for w in words if w in m.WEEKDAYS)]
    back = (ctx.ref.weekday() - weekday) % 7
    ahead = (weekday - ctx.ref.weekday()) % 7
    modifier = words[0]
    if modifier in ("last", "past"):
        return ctx.day(add_days(ctx.ref, -(back or 7)))
    if modifier in ("next", "coming"):
        return ctx.day(add_days(ctx.ref, ahead or 7))
    if ctx.future:  # "will begin on Monday" in Monday's paper is today
        return ctx.day(add_days(ctx.ref, ahead))
    return ctx.day(add_days(ctx.ref, -back))


def _read_relative(match: re.Match[str], ctx: _Context) -> DateValue:
    if ctx.ref is None:
        return ctx.unresolved()
    ref = ctx.ref
    words = match.group().lower().split()
    if words[0] == "the" and words[1] == "day":
        return ctx.day(add_days(ref, -2 if "yesterday" in words else 2))
    if words[0] == "the":
        words = words[1:]
    first, last = words[0], words[-1]
    if first in ("today", "tonight") or (first == "this" and last in ("morning", "afternoon", "evening", "night")):
        return ctx.day(ref)
    if first == "yesterday" or (first == "last" and last == "night"):
        return ctx.day(add_days(ref, -1))
    if first == "tomorrow":
        return ctx.day(add_days(ref, 1))
    direction = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}
    if first in ("earlier", "later"):
        offset = direction[words[1]]
    else:
        offset = direction[first]
    if last == "year":
        return DateValue(f"{ref.year + offset:04d}", "year", ctx.raw)
    if last == "month":
        year, month = month_shift(ref.year, ref.month, offset)
        return DateValue(f"{year:04d}-{month:02d}", "month", ctx.raw)
    if last == "weekend":
        saturday = add_days(ref, (5 - ref.weekday()) % 7)  # this weekend
        if offset < 0:
            saturday = add_days(saturday, -7)
        elif offset > 0 and first == "next" and ref.weekday() < 5:
            saturday = add_days(saturday, 7)
        return ctx.day(saturday, add_days(saturday, 1))
    monday, sunday = week_of(add_days(ref, 7 * offset))
    if first == "earlier":
        return ctx.day(monday, ref if ref > monday else None)
    if first == "later":
        return ctx.day(add_days(ref, 1), sunday)
    return ctx.day(monday, sunday)


def _read_ago(match: re.Match[str], ctx: _Context) -> DateValue:
    if ctx.ref is None:
        return ctx.unresolved()
    count_word, unit = match.group().lower().split()[:2]
    count = int(count_word) if count_word.isdigit() else ctx.words.numbers[count_word]
    unit = unit.rstrip("s")
    if unit == "day":
        return ctx.day(add_days(ctx.ref, -count))
    if unit == "week":
        return ctx.day(add_days(ctx.ref, -7 * count))
    if unit == "month":
        year, month = month_shift(ctx.ref.year, ctx.ref.month, -count)
        return DateValue(f"{year:04d}-{month:02d}", "month", ctx.raw)
    return DateValue(f"{ctx.ref.year - count:04d}", "year", ctx.raw)


def _read_anaphora(match: re.Match[str], ctx: _Context) -> DateValue:
    if not ctx.anchor or len(ctx.anchor) != 10:
        return ctx.unresolved()
    offset = ctx.words.anaphora[" ".join(match.group().lower().split())]
    shifted = shift_iso(ctx.anchor, offset)
    return DateValue(shifted, "day", ctx.raw) if shifted else ctx.unresolved()


@lru_cache(maxsize=4)
def _readers(numbers: tuple[str, ...], anaphora: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], _Reader], ...]:
    table: list[tuple[str, _Reader]] = [
        (m.ISO, _read_iso),
        (m.RANGE_MD_MD, _read_range), (m.RANGE_MD_D, _read_range),
        (m.RANGE_D_DM, _read_range), (m.RANGE_DM_DM, _read_range),
        (m.MONTH_RELATIVE_YEAR, _read_month_of_relative_year),
        (m.MONTH_DAY, _read_single), (m.DAY_MONTH, _read_single),
        (m.MONTH_YEAR, _read_month_year), (m.MONTH_ALONE, _read_month), (m.YEAR_ALONE, _read_year),
        (m.ORDINAL, _read_ordinal), (m.WEEKDAY_PHRASE, _read_weekday),
        (m.RELATIVE, _read_relative), (m.ago_pattern(numbers), _read_ago),
        (m.anaphora_pattern(anaphora), _read_anaphora),
    ]
    return tuple((re.compile(p, re.IGNORECASE), reader) for p, reader in table)


def _dateparser_fallback(text: str, ctx: _Context) -> DateValue | None:
    """Other phrasings ("a fortnight ago"): dateparser, never guessing a missing year."""
    if re.search(r"[0-9]0s\b", text) or not FALLBACK_WORDS.search(text):
        return None
    if ctx.ref is None:
        settings = {"REQUIRE_PARTS": ["day", "month", "year"]}
    else:
        base = dt.datetime.combine(ctx.ref, dt.time())
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future" if ctx.future else "past",
                    "REQUIRE_PARTS": ["day", "month"]}
    import dateparser  # imported on first use: most dates never reach the fallback

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        return None
    return ctx.day(parsed.date()) if parsed else None
