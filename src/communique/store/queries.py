"""Read queries over the store for the CLI, the Python API and the HTTP API.

Filters become parameterised DuckDB SQL (user input is never spliced into a statement); lists
come a page at a time with an opaque cursor; aggregates (dyad series, networks, maps) are
computed in DuckDB. Every query runs under a time cap.
"""

from __future__ import annotations

import base64
import json
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import duckdb

from ..linking.mechanisms import mechanism_series
from .filters import EventFilter, QueryError, check_code
from .layout import has_layout
from .paging import DEFAULT_PAGE, MAX_PAGE
from .rows import event_from_row

DEFAULT_TIMEOUT = 10.0
# Codes of transnational actors that belong to no state (CAMEO).
TRANSNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM"})
QUAD_NAMES = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
# The day an event's date string stands for, per series frequency (week: day precision only).
SERIES_DAY = {
    "week": "try_cast(CASE WHEN length(e.\"date\") = 10 THEN e.\"date\" END AS DATE)",
    "month": "try_cast(substr(e.\"date\", 1, 7) || '-01' AS DATE)",
}
EVENT_ORDER = 'e."date" NULLS LAST, e.event_id'


class QueryTimeout(Exception):
    """A query ran past the time cap and was interrupted."""


@dataclass
class Page:
    """One page of a list: its items, the cursor of the next page (None at the end), the total."""

    items: list[dict[str, Any]]
    next_cursor: str | None = None
    total: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"items": self.items, "next_cursor": self.next_cursor, "total": self.total}


def encode_cursor(key: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode("utf-8")).decode("ascii")


def decode_cursor(cursor: str, size: int) -> list[Any]:
    """The keyset values of a cursor made by :func:`encode_cursor`; QueryError if it is not one."""
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (ValueError, UnicodeError) as exc:
        raise QueryError("not a cursor this API returned", "cursor") from exc
    if not isinstance(key, list) or len(key) != size or not all(
            v is None or isinstance(v, (str, int)) for v in key):
        raise QueryError("not a cursor this API returned", "cursor")
    return key


def page_size(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_PAGE
    if not 1 <= limit <= MAX_PAGE:
        raise QueryError(f"page size must be between 1 and {MAX_PAGE}, got {limit}", "limit")
    return limit


class Queries:
    """Read queries over one open DuckDB connection (each query runs on its own cursor)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.con = con
        self.timeout = timeout
        self.connection_lock = threading.Lock()  # held to use the parent connection itself
        # Stores written before the query layout (opened read-only) are queried without it.
        self.dyad_column, self.monthly_counts = has_layout(con)

    # -- plumbing --------------------------------------------------------------------------

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run one statement under the time cap; rows as dicts."""
        with self.connection_lock:  # the parent connection is not safe to share between threads
            cur = self.con.cursor()
        timer = threading.Timer(self.timeout, cur.interrupt)
        timer.start()
        try:
            result = cur.execute(sql, params or [])
            names = [d[0] for d in result.description]
            return [dict(zip(names, values)) for values in result.fetchall()]
        except duckdb.InterruptException as exc:
            raise QueryTimeout(f"query took longer than {self.timeout:g} s") from exc
        finally:
            timer.cancel()
            cur.close()

    def known_code(self, code: str) -> bool:
        """A code the coder can emit, or one present in the store."""
        return _known_code(code) or bool(self.rows(
            "SELECT 1 FROM events WHERE actor_country = ? OR recipient_country = ? LIMIT 1", [code, code]))

    def check_filter(self, flt: EventFilter) -> EventFilter:
        for name, code in flt.codes():
            if not self.known_code(code):
                raise QueryError(f"unknown country or body code {code!r}", name)
        return flt

    # -- events ----------------------------------------------------------------------------

    def events_page(self, flt: EventFilter, *, limit: int | None = None, cursor: str | None = None,
                    total: bool = True) -> Page:
        """Events (export-contract dicts) matching the filter, ordered by date then id."""
        size = page_size(limit)
        where, params = self._where(self.check_filter(flt))
        if cursor:
            date, event_id = decode_cursor(cursor, 2)
            if date is None:
                where += ' AND e."date" IS NULL AND e.event_id > ?'
                params = [*params, event_id]
            else:
                where += ' AND (e."date" > ? OR (e."date" = ? AND e.event_id > ?) OR e."date" IS NULL)'
                params = [*params, date, date, event_id]
        # On the first page the total comes with the keys, from the same scan.
        with_total = total and not cursor
        counted = ", count(*) OVER () AS total" if with_total else ""
        keys = self.rows(f'SELECT e.event_id, e."date"{counted} FROM events e WHERE {where} '
                         f"ORDER BY {EVENT_ORDER} LIMIT ?", [*params, size + 1])
        more = len(keys) > size
        rows = self._events_by_id([k["event_id"] for k in keys[:size]])
        items = self._with_evidence(rows)
        next_cursor = encode_cursor([rows[-1]["date"], rows[-1]["event_id"]]) if more else None
        if not total:
            count = None
        elif with_total:
            count = keys[0]["total"] if keys else 0
        else:
            count = self.count_events(flt)
        return Page(items, next_cursor, count)

    def iter_events(self, flt: EventFilter, batch: int = MAX_PAGE) -> Iterator[dict[str, Any]]:
        """Every matching event, fetched a page at a time."""
        cursor = None
        while True:
            page = self.events_page(flt, limit=batch, cursor=cursor, total=False)
            yield from page.items
            if not page.next_cursor:
                return
            cursor = page.next_cursor

    def _where(self, flt: EventFilter) -> tuple[str, list[Any]]:
        return flt.where(dyad_column=self.dyad_column)

    def count_events(self, flt: EventFilter) -> int:
        where, params = self._where(flt)
        return self.rows(f"SELECT count(*) AS n FROM events e WHERE {where}", params)[0]["n"]

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with all its evidence, the sentence it was coded from and how it was coded."""
        rows = self.rows("SELECT e.* FROM events e WHERE e.event_id = ?", [event_id])
        if not rows:
            return None
        row = rows[0]
        item = self._with_evidence(rows)[0]
        sentence = self.rows('SELECT idx, "start", "end", text FROM sentences WHERE doc_id = ? AND idx = ?',
                             [row["doc_id"], row["sentence_index"]])
        item["sentence"] = sentence[0] if sentence else None
        item["actor"]["actor_id"] = row["actor_actor_id"]
        item["recipient"]["actor_id"] = row["recipient_actor_id"]
        item["explain"] = {"rule": row["rule"], "trigger": item["trigger"], "confidence": row["confidence"]}
        return item

    def _events_by_id(self, event_ids: list[str]) -> list[dict[str, Any]]:
        """Full rows of these events, in this order (one placeholder per id, so the key index is used)."""
        if not event_ids:
            return []
        marks = ", ".join("?" for _ in event_ids)
        found = {r["event_id"]: r for r in self.rows(f"SELECT * FROM events WHERE event_id IN ({marks})", event_ids)}
        return [found[i] for i in event_ids if i in found]

    def _with_evidence(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not rows:
            return []
        evidence: dict[str, list[dict[str, Any]]] = {}
        marks = ", ".join("?" for _ in rows)
        for ev in self.rows(f"SELECT * FROM evidence WHERE event_id IN ({marks})", [r["event_id"] for r in rows]):
            evidence.setdefault(ev["event_id"], []).append(ev)
        return [event_from_row(row, evidence.get(row["event_id"], [])) for row in rows]

    # -- aggregates ------------------------------------------------------------------------

    def dyad_series(self, a: str, b: str, freq: str = "month", flt: EventFilter | None = None) -> list[dict]:
        """Per period and direction (a->b, b->a): events, counts per quad class, mean Goldstein."""
        if freq not in SERIES_DAY:
            raise QueryError(f"freq must be one of {sorted(SERIES_DAY)}, got {freq!r}", "freq")
        a, b = check_code(a, "a"), check_code(b, "b")
        for name, code in (("a", a), ("b", b)):
            if not self.known_code(code):
                raise QueryError(f"unknown country or body code {code!r}", name)
        flt = self.check_filter(flt or EventFilter())
        if flt.dyad and {*flt.dyad} != {a, b}:  # another dyad as well: no event is of both
            return []
        where, params = self._where(replace(flt, dyad=(a, b)))
        quads = ", ".join(f"count_if(quad_class = {i}) AS {name}" for i, name in enumerate(QUAD_NAMES, 1))
        rows = self.rows(f"""
            WITH d AS (
                SELECT {SERIES_DAY[freq]} AS day, e.actor_country || '->' || e.recipient_country AS direction,
                       e.quad_class, e.goldstein
                FROM events e WHERE {where})
            SELECT CAST(date_trunc('{freq}', day) AS DATE) AS period, direction, count(*) AS events, {quads},
                   round(avg(goldstein), 3) AS goldstein_mean
            FROM d WHERE day IS NOT NULL GROUP BY ALL ORDER BY period, direction""", params)
        for row in rows:
            row["period"] = row["period"].isoformat()
        return rows

    def network(self, flt: EventFilter, *, level: str = "country", limit: int = 200) -> dict[str, Any]:
        """Directed edges between states (or named actors) weighted by events, with the commonest quad class
        (on a tie, the lower class)."""
        if level not in ("country", "actor"):
            raise QueryError(f"level must be 'country' or 'actor', got {level!r}", "level")
        limit = page_size(limit)
        flt = self.check_filter(flt)
        if level == "country" and self.monthly_counts and flt.months_only():
            # The top edges by count first, then the quad classes and Goldstein of those alone.
            where, params = _month_where(flt)
            params = [*params, limit]
            counts = f"""
                WITH m AS (
                    SELECT actor_country AS source, recipient_country AS target,
                           nullif(quad_class, 0) AS quad_class, events, goldstein_sum, goldstein_n
                    FROM event_months WHERE {where}),
                top AS (SELECT source, target, sum(events) AS total FROM m GROUP BY 1, 2
                        ORDER BY total DESC, source, target LIMIT ?)
                SELECT source, target, quad_class, sum(events) AS n, sum(goldstein_sum) AS gs,
                       sum(goldstein_n) AS gn
                FROM m SEMI JOIN top USING (source, target) GROUP BY 1, 2, 3"""
            label = ""
        else:
            where, params = self._where(flt)
            source, target = (("e.actor_country", "e.recipient_country") if level == "country"
                              else ("e.actor_actor_id", "e.recipient_actor_id"))
            names = ("" if level == "country" else
                     ", any_value(e.actor_name) AS source_label, any_value(e.recipient_name) AS target_label")
            counts = f"""
                SELECT {source} AS source, {target} AS target, e.quad_class, count(*) AS n,
                       sum(e.goldstein) AS gs, count(e.goldstein) AS gn {names}
                FROM events e
                WHERE {source} IS NOT NULL AND {target} IS NOT NULL AND {source} <> {target} AND {where}
                GROUP BY 1, 2, 3"""
            label = "" if level == "country" else \
                ", any_value(source_label) AS source_label, any_value(target_label) AS target_label"
        # The commonest quad class of an edge; on a tie, the lower class.
        edges = self.rows(f"""
            WITH q AS ({counts})
            SELECT source, target, sum(n) AS events,
                   arg_max(quad_class, n * 8 - quad_class) FILTER (WHERE quad_class IS NOT NULL) AS quad_class,
                   round(sum(gs) / nullif(sum(gn), 0), 3) AS goldstein_mean {label}
            FROM q GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT ?""", [*params, limit])
        nodes: dict[str, dict[str, Any]] = {}
        for edge in edges:
            for end in ("source", "target"):
                node = nodes.setdefault(edge[end], {"id": edge[end], "label": edge.pop(f"{end}_label", None)
                                                    or edge[end], "events": 0})
                node["events"] += edge["events"]
        return {"nodes": sorted(nodes.values(), key=lambda n: n["id"]), "edges": edges}

    def locations(self, flt: EventFilter, *, limit: int = MAX_PAGE) -> list[dict[str, Any]]:
        """Event places with their counts and the commonest quad class."""
        limit = page_size(limit)
        where, params = self._where(self.check_filter(flt))
        return self.rows(f"""
            SELECT e.location_name AS name, e.location_country AS country, e.location_lat AS lat,
                   e.location_lon AS lon, count(*) AS events, mode(e.quad_class) AS quad_class
            FROM events e WHERE e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL AND {where}
            GROUP BY 1, 2, 3, 4 ORDER BY events DESC, name LIMIT ?""", [*params, limit])

    # -- actors, mechanisms, documents ------------------------------------------------------

    def actors_page(self, *, country: str | None = None, kind: str | None = None, name: str | None = None,
                    limit: int | None = None, cursor: str | None = None) -> Page:
        """Actors with their event counts, most active first."""
        size = page_size(limit)
        where, params = ["TRUE"], []
        if country:
            country = check_code(country, "country")
            where.append("a.country = ?")
            params.append(country)
        if kind:
            where.append("a.kind = ?")
            params.append(kind)
        if name:
            where.append("contains(lower(coalesce(a.name, '')), ?)")
            params.append(name.lower())
        outer, outer_params = "TRUE", []
        if cursor:
            events, actor_id = decode_cursor(cursor, 2)
            outer = "(events < ? OR (events = ? AND actor_id > ?))"
            outer_params = [events, events, actor_id]
        rows = self.rows(f"""
            WITH links AS (
                SELECT actor_actor_id AS actor_id, event_id FROM events WHERE actor_actor_id IS NOT NULL
                UNION SELECT recipient_actor_id, event_id FROM events WHERE recipient_actor_id IS NOT NULL),
            counts AS (SELECT actor_id, count(*) AS events FROM links GROUP BY actor_id),
            listed AS (
                SELECT a.actor_id, a.kind, a.name, a.country, a.sector, a.title, a.rank, a.organisation,
                       a.aliases, coalesce(c.events, 0) AS events
                FROM actors a LEFT JOIN counts c USING (actor_id) WHERE {' AND '.join(where)})
            SELECT * FROM listed WHERE {outer} ORDER BY events DESC, actor_id LIMIT ?""",
            [*params, *outer_params, size + 1])
        more = len(rows) > size
        rows = rows[:size]
        return Page(rows, encode_cursor([rows[-1]["events"], rows[-1]["actor_id"]]) if more else None)

    def actor(self, actor_id: str, *, limit: int | None = None, cursor: str | None = None) -> dict | None:
        """One actor: its row, the titles it held over time, and a page of its events."""
        rows = self.rows("SELECT * FROM actors WHERE actor_id = ?", [actor_id])
        if not rows:
            return None
        actor = rows[0]
        actor["titles"] = self.rows("""
            SELECT m.title, min(coalesce(d.published, d.dateline_date)) AS first_seen,
                   max(coalesce(d.published, d.dateline_date)) AS last_seen, count(*) AS mentions,
                   list(DISTINCT m.doc_id ORDER BY m.doc_id) AS doc_ids
            FROM mentions m JOIN documents d USING (doc_id)
            WHERE m.actor_id = ? AND m.title IS NOT NULL
            GROUP BY m.title ORDER BY first_seen NULLS LAST, m.title""", [actor_id])
        page = self.events_page(EventFilter(actor_id=actor_id), limit=limit, cursor=cursor)
        actor["events"] = page.as_dict()
        return actor

    def mechanisms(self, *, country: str | None = None) -> list[dict[str, Any]]:
        """Recurring mechanisms with their editions, gaps and the events coded under them."""
        if country:
            country = check_code(country, "country")
        rows = self.rows(
            "SELECT * FROM mechanisms WHERE ?::VARCHAR IS NULL OR list_contains(participants, ?) "
            "OR location_country = ? ORDER BY mechanism_id, edition NULLS LAST, \"date\" NULLS LAST, doc_id",
            [country, country, country])
        series = mechanism_series(rows)
        counts = {r["mechanism_id"]: r for r in self.rows(
            "SELECT mechanism_id, count(*) AS events FROM events WHERE mechanism_id IS NOT NULL "
            "GROUP BY mechanism_id")}
        for item in series:
            item["events"] = counts.get(item["mechanism_id"], {}).get("events", 0)
        return series

    def documents_page(self, *, outlet: str | None = None, limit: int | None = None,
                       cursor: str | None = None) -> Page:
        size = page_size(limit)
        where, params = ["TRUE"], []
        if outlet:
            where.append("lower(d.source) = ?")
            params.append(outlet.lower())
        if cursor:
            (doc_id,) = decode_cursor(cursor, 1)
            where.append("d.doc_id > ?")
            params.append(doc_id)
        rows = self.rows(f"""
            SELECT d.doc_id, d.title, d.source, d.url, d.published, d.origin,
                   (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS events
            FROM documents d WHERE {' AND '.join(where)} ORDER BY d.doc_id LIMIT ?""", [*params, size + 1])
        more = len(rows) > size
        rows = rows[:size]
        return Page(rows, encode_cursor([rows[-1]["doc_id"]]) if more else None)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """A document's text with its sentences, actor mentions and event spans."""
        rows = self.rows("SELECT * EXCLUDE (ingested_at), ingested_at::VARCHAR AS ingested_at "
                         "FROM documents WHERE doc_id = ?", [doc_id])
        if not rows:
            return None
        doc = rows[0]
        doc["sentences"] = self.rows('SELECT idx, "start", "end" FROM sentences WHERE doc_id = ? ORDER BY idx',
                                     [doc_id])
        doc["mentions"] = self.rows(
            'SELECT mention_id, "start", "end", text, kind, country, sector, name, actor_id FROM mentions '
            'WHERE doc_id = ? ORDER BY "start", mention_id', [doc_id])
        doc["events"] = self.rows("""
            SELECT event_id, event_type, cameo, quad_class, actor_country, recipient_country, sentence_index,
                   trigger_text, [trigger_start, trigger_end] AS trigger_span,
                   [actor_start, actor_end] AS actor_span, [recipient_start, recipient_end] AS recipient_span, rule
            FROM events WHERE doc_id = ? ORDER BY sentence_index NULLS LAST, trigger_start NULLS LAST, event_id""",
            [doc_id])
        for event in doc["events"]:
            for key in ("trigger_span", "actor_span", "recipient_span"):
                if event[key] is None or None in event[key]:
                    event[key] = None
        return doc

    def outlets(self) -> list[dict[str, Any]]:
        return self.rows("SELECT source AS outlet, count(*) AS documents FROM documents "
                         "WHERE source IS NOT NULL GROUP BY source ORDER BY documents DESC, source")


class StoreQueries(Queries):
    """:class:`~communique.store.queries.Queries` over a store file it opens and closes."""

    def __init__(self, db: str | Path | None = None, *, read_only: bool = True, timeout: float | None = None) -> None:
        from . import DEFAULT_PATH
        from .store import Store

        self.store = Store(db or DEFAULT_PATH, read_only=read_only)
        super().__init__(self.store.con, timeout=DEFAULT_TIMEOUT if timeout is None else timeout)

    def __enter__(self) -> "StoreQueries":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()


def _month_where(flt: EventFilter) -> tuple[str, list[Any]]:
    """The date bounds of a months-only filter as a condition on ``event_months``: a date is at or
    after a bound of seven characters or fewer exactly when its first seven characters are."""
    if not (flt.since or flt.until):
        return "TRUE", []
    where, params = ["\"month\" <> '' AND \"month\" NOT LIKE 'XXXX%'"], []
    if flt.since:
        where.append("\"month\" >= ?")
        params.append(flt.since)
    if flt.until:
        where.append("(\"month\" <= ? OR starts_with(\"month\", ?))")
        params += [flt.until, flt.until]
    return " AND ".join(where), params


@lru_cache(maxsize=4096)
def _known_code(code: str) -> bool:
    from ..actors.tables import known_country, load_tables

    return known_country(code) or code in TRANSNATIONAL or code in {b.code for b in load_tables().bodies}

