"""Small calendar helpers: parsing ISO dates, nearest years, weeks, unknown-year arithmetic."""

from __future__ import annotations

import datetime as dt

UNKNOWN_YEAR = "XXXX"


def parse_iso(value: str) -> dt.date | None:
    """A date from 'YYYY-MM-DD' (or the date part of a timestamp); None if it is not one."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except (ValueError, AttributeError):
        return None


def add_days(date: dt.date, days: int) -> dt.date:
    return date + dt.timedelta(days=days)


def month_shift(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def week_of(date: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week containing ``date``."""
    monday = add_days(date, -date.weekday())
    return monday, add_days(monday, 6)


def nearest_year(month: int, day: int, ref: dt.date, *, future: bool = False, past: bool = False) -> int | None:
    """The year that puts month/day nearest ``ref`` (on or after it when ``future``, not after the day
    following it when ``past``; ties go to the past)."""
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if future:
        candidates = [c for c in candidates if c >= ref] or candidates
    elif past:
        candidates = [c for c in candidates if c <= ref + dt.timedelta(days=1)] or candidates
    if not candidates:
        return None
    return min(candidates, key=lambda c: (abs((c - ref).days), c > ref)).year


def nearest_month_year(month: int, ref: dt.date, *, future: bool = False, past: bool = False) -> int:
    """The year that puts ``month`` nearest the month of ``ref`` (not before it when ``future``, not
    after it when ``past``)."""
    candidates = [(year, (year - ref.year) * 12 + month - ref.month) for year in (ref.year - 1, ref.year, ref.year + 1)]
    if future:
        candidates = [c for c in candidates if c[1] >= 0]
    elif past:
        candidates = [c for c in candidates if c[1] <= 0]
    return min(candidates, key=lambda c: (abs(c[1]), c[1] > 0))[0]


def shift_iso(iso: str, days: int) -> str | None:
    """``iso`` moved by ``days``; with an unknown year ('XXXX-11-02') only when the year cannot matter."""
    if not iso.startswith(UNKNOWN_YEAR):
        date = parse_iso(iso)
        return add_days(date, days).isoformat() if date else None
    results = set()
    for year in (2000, 2001):  # a leap and a common year
        date = parse_iso(f"{year}{iso[len(UNKNOWN_YEAR):]}")
        if date is None:
            continue
        results.add(add_days(date, days).isoformat()[4:])
    if len(results) != 1:
        return None
    return UNKNOWN_YEAR + results.pop()
