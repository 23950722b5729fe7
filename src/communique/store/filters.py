"""Event filters: checked once, then turned into a parameterised SQL condition."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from ..actors.tables import SECTOR_CODES
from ..events.codebook import PLOVER_TYPES
from .layout import dyad_key

ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
CODE = re.compile(r"[A-Z]{2,6}")
MAX_TEXT = 200


class QueryError(ValueError):
    """A query parameter is wrong: the message says why, ``parameter`` names it."""

    def __init__(self, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.parameter = parameter


def check_code(value: str, parameter: str) -> str:
    """An upper-cased country or body code of the right shape (whether it is known is the store's call)."""
    code = value.strip().upper()
    if not CODE.fullmatch(code):
        raise QueryError(f"{value!r} is not a country or body code (three letters, e.g. CHN)", parameter)
    return code


def _date(value: str | None, parameter: str) -> str | None:
    if value is None or value == "":
        return None
    value = value.strip()
    if not ISO_DATE.fullmatch(value):
        raise QueryError(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)", parameter)
    month = value[5:7]
    day = value[8:10]
    if (month and not 1 <= int(month) <= 12) or (day and not 1 <= int(day) <= 31):
        raise QueryError(f"{value!r} is not a calendar date", parameter)
    return value


def _split(values: Iterable[str] | str | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@dataclass(frozen=True)
class EventFilter:
    """Which events a query covers. Build it with :meth:`parse` to check user input."""

    dyad: tuple[str, str] | None = None  # either direction
    types: tuple[str, ...] = ()
    quad_classes: tuple[int, ...] = ()
    sector: str | None = None  # of the actor or the recipient
    country: str | None = None  # the actor's or the recipient's
    since: str | None = None  # inclusive ISO date or prefix
    until: str | None = None  # inclusive; a prefix such as 2021-04 covers the month
    mechanism: str | None = None  # mechanism id or name, case-insensitive
    outlet: str | None = None  # the source of the document, case-insensitive
    text: str | None = None  # words in the evidence sentence, case-insensitive
    doc_id: str | None = None
    actor_id: str | None = None

    @classmethod
    def parse(cls, *, dyad: str | Iterable[str] | None = None, types: Iterable[str] | str | None = None,
              quad_classes: Iterable[int | str] | str | None = None, sector: str | None = None,
              country: str | None = None, since: str | None = None, until: str | None = None,
              mechanism: str | None = None, outlet: str | None = None, text: str | None = None,
              doc_id: str | None = None, actor_id: str | None = None) -> "EventFilter":
        """Check and normalise user input; a bad value raises QueryError naming the parameter."""
        pair = None
        if dyad:
            codes = _split(dyad)
            if len(codes) != 2:
                raise QueryError("expected two country codes, e.g. CHN,VNM", "dyad")
            pair = (check_code(codes[0], "dyad"), check_code(codes[1], "dyad"))
        kinds = tuple(t.upper() for t in _split(types))
        for kind in kinds:
            if kind not in PLOVER_TYPES:
                raise QueryError(f"unknown event type {kind!r} (one of {', '.join(PLOVER_TYPES)})", "type")
        quads: list[int] = []
        for quad in _split([str(q) for q in quad_classes] if quad_classes is not None and
                           not isinstance(quad_classes, str) else quad_classes):
            if quad not in ("1", "2", "3", "4"):
                raise QueryError(f"quad class must be 1, 2, 3 or 4, got {quad!r}", "quad_class")
            quads.append(int(quad))
        if sector:
            sector = sector.strip().upper()
            if sector not in SECTOR_CODES:
                raise QueryError(f"unknown sector code {sector!r}", "sector")
        since, until = _date(since, "since"), _date(until, "until")
        if since and until and since[:len(until)] > until:
            raise QueryError(f"since {since} is after until {until}", "since")
        if text is not None:
            text = text.strip()
            if len(text) > MAX_TEXT:
                raise QueryError(f"text search is limited to {MAX_TEXT} characters", "text")
        return cls(dyad=pair, types=kinds, quad_classes=tuple(quads), sector=sector or None,
                   country=check_code(country, "country") if country else None, since=since, until=until,
                   mechanism=(mechanism or "").strip() or None, outlet=(outlet or "").strip() or None,
                   text=text or None, doc_id=doc_id or None, actor_id=actor_id or None)

    def months_only(self) -> bool:
        """Nothing but whole years or months bound the dates: monthly counts answer it."""
        bounds = [b for b in (self.since, self.until) if b]
        return all(len(b) <= 7 for b in bounds) and self == EventFilter(since=self.since, until=self.until)

    def codes(self) -> list[tuple[str, str]]:
        """(parameter, code) for every country code in the filter."""
        found = [("dyad", c) for c in self.dyad or ()]
        return found + ([("country", self.country)] if self.country else [])

    def where(self, *, dyad_column: bool = False) -> tuple[str, list[Any]]:
        """The SQL condition over ``events e`` and its parameters (``dyad_column``: the store keeps
        each event's dyad, see :mod:`communique.store.layout`)."""
        where: list[str] = ["TRUE"]
        params: list[Any] = []
        if self.dyad and dyad_column:
            where.append("e.dyad = ?")
            params.append(dyad_key(*self.dyad))
        elif self.dyad:
            a, b = self.dyad
            where.append("((e.actor_country = ? AND e.recipient_country = ?) "
                         "OR (e.actor_country = ? AND e.recipient_country = ?))")
            params += [a, b, b, a]
        if self.types:
            where.append("e.event_type IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(self.types))
        if self.quad_classes:
            where.append("e.quad_class IN (SELECT unnest(?::INTEGER[]))")
            params.append(list(self.quad_classes))
        if self.sector:
            where.append("? IN (e.actor_sector, e.recipient_sector)")
            params.append(self.sector)
        if self.country:
            where.append("? IN (e.actor_country, e.recipient_country)")
            params.append(self.country)
        if self.since or self.until:
            where.append("e.\"date\" IS NOT NULL AND e.\"date\" NOT LIKE 'XXXX%'")
        if self.since:
            where.append("e.\"date\" >= ?")
            params.append(self.since)
        if self.until:
            where.append("(e.\"date\" <= ? OR starts_with(e.\"date\", ?))")
            params += [self.until, self.until]
        if self.mechanism:
            where.append("(e.mechanism_id = ? OR lower(e.mechanism_name) = ?)")
            params += [self.mechanism, self.mechanism.lower()]
        if self.outlet:
            where.append("e.doc_id IN (SELECT doc_id FROM documents WHERE lower(source) = ?)")
            params.append(self.outlet.lower())
        if self.text:
            where.append("e.event_id IN (SELECT event_id FROM evidence WHERE contains(lower(sentence), ?))")
            params.append(self.text.lower())
        if self.doc_id:
            where.append("e.doc_id = ?")
            params.append(self.doc_id)
        if self.actor_id:
            where.append("(? IN (e.actor_actor_id, e.recipient_actor_id) OR e.event_id IN ("
                         "SELECT x.event_id FROM events x JOIN mentions m ON m.doc_id = x.doc_id "
                         "AND m.mention_id IN (x.actor_mention_id, x.recipient_mention_id) WHERE m.actor_id = ?))")
            params += [self.actor_id, self.actor_id]
        return " AND ".join(where), params
