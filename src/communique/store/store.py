"""The event store: documents, sentences, mentions, actors, events and mechanisms in DuckDB."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

import duckdb

from ..linking.provenance import article_event, export_order, linked_event, timeline_order
from ..records import Document, Failure
from ..linking.reports import outlet
from .lookup import fetch_in
from .links import Links, create_tables
from .admission import Admission, Verdict
from .invariants import InvalidDocument, PreparedDocument, prepare, read_schema
from .layout import add_counts, dyad_key, migrate, optimize
from .rows import Row, event_from_row

from . import DEFAULT_PATH  # noqa: F401 - re-exported

log = logging.getLogger(__name__)
TABLES = ("documents", "sentences", "mentions", "actors", "events", "evidence", "mechanisms")

ACTOR_COLUMNS = ["actor_id", "kind", "name", "country", "sector", "title", "rank", "organisation", "aliases"]
ACTOR_UPSERT = """
INSERT INTO actors (actor_id, kind, name, country, sector, title, rank, organisation, aliases)
{select}
ON CONFLICT (actor_id) DO UPDATE SET
    kind = coalesce(excluded.kind, actors.kind),
    name = coalesce(excluded.name, actors.name),
    country = coalesce(excluded.country, actors.country),
    sector = coalesce(excluded.sector, actors.sector),
    title = coalesce(excluded.title, actors.title),
    rank = coalesce(excluded.rank, actors.rank),
    organisation = coalesce(excluded.organisation, actors.organisation),
    aliases = list_distinct(list_concat(actors.aliases, excluded.aliases))
"""

# Which actor each event involves, through the event's own actor ids or its mentions.
EVENT_LINKS = """
WITH links AS (
    SELECT event_id, actor_actor_id AS actor_id FROM events WHERE actor_actor_id IS NOT NULL
    UNION SELECT event_id, recipient_actor_id FROM events WHERE recipient_actor_id IS NOT NULL
    UNION SELECT e.event_id, m.actor_id FROM events e JOIN mentions m
        ON m.doc_id = e.doc_id AND m.mention_id IN (e.actor_mention_id, e.recipient_mention_id)
        WHERE m.actor_id IS NOT NULL
)
"""


class StoreError(Exception):
    """The store file cannot be opened or used."""


@dataclass
class WriteResult:
    """What happened to each document of a :meth:`Store.write` batch."""

    stored: list[str] = field(default_factory=list)
    skipped_duplicates: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)

    def extend(self, other: "WriteResult") -> None:
        self.stored += other.stored
        self.skipped_duplicates += other.skipped_duplicates
        self.failed += other.failed


class Store:
    """A DuckDB file holding coded documents; the schema is created on open."""

    def __init__(self, path: str | Path = DEFAULT_PATH, *, read_only: bool = False, linking: bool = True) -> None:
        """``linking=False``: written documents are not linked across; their link records are kept
        (a staging store, whose tables are linked in the store they are loaded into)."""
        self.path = str(path)
        self.linking = linking
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path!r}: {exc}") from exc
        if not read_only:
            try:
                self.con.execute("BEGIN TRANSACTION")  # one commit for the whole schema
                self.con.execute(resources.files(__package__).joinpath("schema.sql").read_text("utf-8"))
                create_tables(self.con)
                migrate(self.con)
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                self.con.close()
                raise StoreError(f"cannot create the store schema in {self.path!r}: {exc}") from exc
        self.links = Links(self.con)
        self.schema = read_schema(self.con)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- writing -------------------------------------------------------------------------------

    def write(self, docs: Iterable[Document], *, replace: bool = False) -> WriteResult:
        """Store a batch in one transaction; every document is checked first and a bad one reported.

        A document whose id is stored with the same content is skipped (re-ingesting is a no-op);
        an id stored with other content (unless ``replace``), or content stored under another
        id, is reported and not written. A document is stored whole or not at all. Rows go in
        column-wise, one statement per table for the whole batch, and actors are upserted as one
        set; if the batch fails, its halves are retried, down to the single bad document.
        """
        docs, result, candidates = list(docs), WriteResult(), []
        admission = Admission(self, replace=replace)
        admission.prefetch(docs)
        for doc in docs:
            verdict = admission.judge(doc)
            if verdict is Verdict.UNCHANGED:
                result.skipped_duplicates.append(doc.doc_id)
                continue
            if isinstance(verdict, Failure):
                result.failed.append(verdict)
                continue
            try:
                prepared = prepare(doc, self.schema)
            except InvalidDocument as exc:
                result.failed.append(_not_stored(doc, exc))
                continue
            prepared.replace = verdict is Verdict.REPLACE
            candidates.append(prepared)
        ready = self._check_event_ids(candidates, result)
        result.extend(self._write_prepared(ready))
        return result

    def known(self, doc_id: str, content_hash: str) -> tuple[str | None, str | None]:
        """``(hash stored under doc_id, doc_id storing content_hash)``; None where nothing is stored."""
        by_id = self.con.execute("SELECT content_hash FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        by_hash = self.con.execute("SELECT doc_id FROM documents WHERE content_hash = ?", [content_hash]).fetchone()
        return (by_id[0] if by_id else None), (by_hash[0] if by_hash else None)

    def known_many(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[str | None, str | None]]:
        """:meth:`known` for many ``(doc_id, content_hash)`` pairs, in two indexed look-ups."""
        ids, hashes = [k[0] for k in keys], [k[1] for k in keys]
        hash_of_id = dict(fetch_in(self.con, "SELECT doc_id, content_hash FROM documents WHERE doc_id IN {keys}", ids))
        id_of_hash = dict(fetch_in(self.con, "SELECT content_hash, doc_id FROM documents WHERE content_hash IN {keys}",
                                   hashes))
        return {(i, h): (hash_of_id.get(i), id_of_hash.get(h)) for i, h in keys}

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` that are already stored (one indexed look-up)."""
        wanted = list(dict.fromkeys(hashes))
        if not wanted:
            return set()
        rows = fetch_in(self.con, "SELECT content_hash FROM documents WHERE content_hash IN {keys}", wanted)
        return {row[0] for row in rows}

    def write_all(self, items: Iterable[Document | Failure], batch_size: int = 256, *,
                  replace: bool = False) -> WriteResult:
        """Write a stream of coded documents in batches; input failures are carried into the result."""
        total, batch = WriteResult(), []
        for item in items:
            if isinstance(item, Failure):
                total.failed.append(item)
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                total.extend(self.write(batch, replace=replace))
                batch = []
        if batch:
            total.extend(self.write(batch, replace=replace))
        return total

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:  # already rolled back by a failed COMMIT
                pass
            raise

    def _check_event_ids(self, candidates: list[PreparedDocument], result: WriteResult) -> list[PreparedDocument]:
        """Event ids are unique across the store: none may belong to another document (one
        look-up for the batch); the documents that pass, in order."""
        ids = [event_id for prepared in candidates for event_id in prepared.event_ids]
        owner = dict(fetch_in(self.con, "SELECT event_id, doc_id FROM events WHERE event_id IN {keys}", ids))
        ready = []
        for prepared in candidates:
            doc_id = prepared.doc.doc_id
            clash = next((i for i in prepared.event_ids if owner.get(i, doc_id) != doc_id), None)
            if clash is not None:
                result.failed.append(_not_stored(prepared.doc, InvalidDocument(
                    f"event id {clash!r} already belongs to document {owner[clash]!r}")))
                continue
            owner.update(dict.fromkeys(prepared.event_ids, doc_id))
            ready.append(prepared)
        return ready

    def _write_prepared(self, ready: list[PreparedDocument]) -> WriteResult:
        """Insert checked documents in one transaction; on failure, each half in its own."""
        if not ready:
            return WriteResult()
        try:
            with self._transaction():
                self._insert_batch(ready)
            return WriteResult(stored=[p.doc.doc_id for p in ready])
        except Exception as exc:  # noqa: BLE001 - isolate the bad document(s) below
            if len(ready) == 1:
                doc = ready[0].doc
                return WriteResult(failed=[Failure(origin=doc.origin or doc.doc_id, doc_id=doc.doc_id,
                                                   reason=f"store failed: {type(exc).__name__}: {exc}")])
            log.debug("batch write failed; writing its halves", exc_info=True)
        middle = len(ready) // 2
        result = self._write_prepared(ready[:middle])
        result.extend(self._write_prepared(ready[middle:]))
        return result

    def _insert_batch(self, ready: list[PreparedDocument]) -> None:
        replaced = [p.doc.doc_id for p in ready if p.replace]
        if replaced:
            self._delete_documents(replaced)
        for table in ("documents", "sentences", "mentions", "events", "evidence", "mechanisms"):
            self._insert(table, [row for prepared in ready for row in prepared.tables[table]])
        self._count_events([row for prepared in ready for row in prepared.tables["events"]])
        self._upsert_actors(merge_actor_rows(row for prepared in ready for row in prepared.tables["actors"]))
        if self.linking:
            self.links.add([prepared.doc for prepared in ready])
        else:
            self.links.keep_records([prepared.doc for prepared in ready])

    def delete(self, doc_id: str) -> bool:
        """Remove a document, its events and their evidence, and re-link the events it was linked with.
        False when no such document is stored."""
        if not self.con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone():
            return False
        with self._transaction():
            self._delete_documents([doc_id])
        return True

    def _delete_documents(self, doc_ids: list[str]) -> None:
        """Delete the rows of these documents (the documents table found through its key) and
        re-link what their events were linked with."""
        for doc_id in doc_ids:
            self.links.remove(doc_id)
        self.con.execute("DELETE FROM evidence WHERE event_id IN (SELECT event_id FROM events WHERE doc_id IN "
                         "(SELECT unnest(?::VARCHAR[])))", [doc_ids])
        add_counts(self.con, "SELECT * FROM events WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids], -1)
        for table in ("events", "mentions", "sentences", "mechanisms", "documents"):
            self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids])

    def _count_events(self, rows: list[Row]) -> None:
        """Add newly written events to the monthly counts."""
        if rows:
            add_counts(self.con, "SELECT unnest(?::VARCHAR[]) AS actor_country, unnest(?::VARCHAR[]) AS "
                       "recipient_country, unnest(?::VARCHAR[]) AS \"date\", unnest(?::INTEGER[]) AS quad_class, "
                       "unnest(?::DOUBLE[]) AS goldstein",
                       _columns(rows, ["actor_country", "recipient_country", "date", "quad_class", "goldstein"]))

    def optimize(self) -> None:
        """Lay the events out for queries (see :func:`communique.store.layout.optimize`); worth
        running after a large load. Answers do not change."""
        optimize(self.con)

    def _upsert_actors(self, rows: list[Row]) -> None:
        if rows:
            self.con.execute(ACTOR_UPSERT.format(select=self._unnest_select("actors", ACTOR_COLUMNS)),
                             _columns(rows, ACTOR_COLUMNS))

    def _insert(self, table: str, rows: list[Row]) -> None:
        """Insert rows column-wise: one statement, each column passed as one typed list."""
        if not rows:
            return
        columns = list(rows[0])
        names = ", ".join(f'"{c}"' for c in columns)
        self.con.execute(f"INSERT INTO {table} ({names}) {self._unnest_select(table, columns)}",
                         _columns(rows, columns))

    def _unnest_select(self, table: str, columns: list[str]) -> str:
        types = {name: column.type for name, column in self.schema[table].items()}
        return "SELECT " + ", ".join(f"unnest(?::{types[c]}[])" for c in columns)

    # -- queries -------------------------------------------------------------------------------

    def events(self, dyad: tuple[str, str] | None = None, types: list[str] | None = None,
               since: str | None = None, until: str | None = None, country: str | None = None,
               doc_id: str | None = None, event_ids: list[str] | None = None) -> list[dict[str, Any]]:
        """Events as export-contract dicts, filtered.

        ``dyad`` matches either direction; ``country`` matches the actor or the recipient;
        ``since``/``until`` compare ISO date strings (inclusive; ``until`` may be a prefix such as
        "2021-04") and exclude events without a dated year.
        """
        where, params = ["TRUE"], []
        if dyad:
            a, b = dyad
            if "dyad" in self.schema.get("events", {}):
                where.append("dyad = ?")
                params.append(dyad_key(a, b))
            else:  # a store written before events kept their dyad, opened read-only
                where.append("((actor_country = ? AND recipient_country = ?) OR "
                             "(actor_country = ? AND recipient_country = ?))")
                params += [a, b, b, a]
        if types:
            where.append("event_type IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(types))
        if since or until:
            where.append("\"date\" IS NOT NULL AND \"date\" NOT LIKE 'XXXX%'")
        if since:
            where.append("\"date\" >= ?")
            params.append(since)
        if until:
            where.append("(\"date\" <= ? OR starts_with(\"date\", ?))")
            params += [until, until]
        if country:
            where.append("? IN (actor_country, recipient_country)")
            params.append(country)
        if doc_id:
            where.append("doc_id = ?")
            params.append(doc_id)
        if event_ids is not None:
            where.append("event_id IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(event_ids))
        condition = " AND ".join(where)
        rows = self._dicts(f'SELECT * FROM events WHERE {condition} ORDER BY "date" NULLS LAST, doc_id, '
                           "sentence_index NULLS LAST, event_id", params)
        evidence: dict[str, list[Row]] = {}
        for ev in self._dicts(f"SELECT * FROM evidence WHERE event_id IN (SELECT event_id FROM events "
                              f"WHERE {condition})", params):
            evidence.setdefault(ev["event_id"], []).append(ev)
        return [event_from_row(row, evidence.get(row["event_id"], [])) for row in rows]

    def linked_events(self, **filters: Any) -> list[dict[str, Any]]:
        """Linked events (one per real-world event, every report a mention) that have a report
        matching the filters of :meth:`events`, in export (reading) order."""
        return self.link_reports(self.events(**filters))

    def link_reports(self, reports: list[dict[str, Any]], timeline: bool = False) -> list[dict[str, Any]]:
        """The linked events that the given article-level events (export-contract dicts) belong to,
        in export (reading) order, or with ``timeline`` in date order."""
        linked_of = self.links.linked_ids([r["event_id"] for r in reports])
        groups = self.links.members(sorted(set(linked_of.values())))
        wanted = {r["event_id"] for r in reports}
        missing = sorted({m for ids in groups.values() for m in ids} - wanted)
        rows = {r["event_id"]: r for r in reports + (self.events(event_ids=missing) if missing else [])}
        docs = self._outlets()
        events = []
        for linked, ids in groups.items():
            events.append(linked_event(linked, [rows[i] for i in ids if i in rows], docs))
        for report in reports:  # a report not yet linked (a store written before linking) is its own event
            if report["event_id"] not in linked_of:
                events.append(article_event(report, None, docs.get(report["doc_id"])))
        return sorted(events, key=timeline_order if timeline else export_order)

    def article_events(self, **filters: Any) -> list[dict[str, Any]]:
        """Article-level events (as :meth:`events`) with the id of the linked event each belongs to."""
        return self.with_links(self.events(**filters))

    def with_links(self, reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Article-level events with their linked event's id and themselves as the one mention."""
        linked_of = self.links.linked_ids([r["event_id"] for r in reports])
        docs = self._outlets()
        return [article_event(r, linked_of.get(r["event_id"]), docs.get(r["doc_id"])) for r in reports]

    def _outlets(self) -> dict[str, dict[str, Any]]:
        return {doc_id: {"outlet": outlet(source, url, doc_id), "published": published}
                for doc_id, source, url, published in self.con.execute(
                    "SELECT doc_id, source, url, published FROM documents").fetchall()}

    def documents(self, with_text: bool = False) -> list[dict[str, Any]]:
        """Stored documents' metadata (and text if asked), oldest ingested first."""
        text = ", text" if with_text else ""
        rows = self._dicts("SELECT doc_id, content_hash, title, source, url, published, dateline_place, "
                           f"dateline_date, origin, ingested_at{text} FROM documents ORDER BY ingested_at, doc_id")
        for row in rows:
            row["ingested_at"] = row["ingested_at"].isoformat() if row["ingested_at"] else None
        return rows

    def actors(self, country: str | None = None) -> list[dict[str, Any]]:
        """Resolved people and entities with the titles they held (``roles``) and their ``event_ids``."""
        return self._dicts(
            EVENT_LINKS + """
            SELECT a.*,
                coalesce((SELECT list(DISTINCT m.title ORDER BY m.title) FROM mentions m
                          WHERE m.actor_id = a.actor_id AND m.title IS NOT NULL), []) AS roles,
                coalesce((SELECT list(DISTINCT l.event_id ORDER BY l.event_id) FROM links l
                          WHERE l.actor_id = a.actor_id), []) AS event_ids
            FROM actors a WHERE ?::VARCHAR IS NULL OR a.country = ?
            ORDER BY a.country NULLS LAST, a.kind, a.name, a.actor_id""", [country, country])

    def mechanisms(self, country: str | None = None) -> list[dict[str, Any]]:
        """Mechanism editions seen, by series and edition; ``country`` matches a participant or the venue."""
        return self._dicts(
            "SELECT * FROM mechanisms WHERE ?::VARCHAR IS NULL OR list_contains(participants, ?) "
            "OR location_country = ? ORDER BY mechanism_id, edition NULLS LAST, \"date\" NULLS LAST, doc_id",
            [country, country, country])

    def counts(self) -> dict[str, int]:
        """Number of rows in each table."""
        return {table: self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}

    def _dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        try:
            cursor = self.con.execute(sql, params or [])
        except duckdb.CatalogException as exc:
            raise StoreError(f"{self.path!r} is not a Communique store: {exc}") from exc
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values)) for values in cursor.fetchall()]


def merge_actor_rows(rows: Iterable[Row]) -> list[Row]:
    """One row per actor_id, as if the rows were upserted one after the other: a later value
    that is not null wins, aliases accumulate without repeats."""
    merged: dict[str, Row] = {}
    for row in rows:
        old = merged.get(row["actor_id"])
        if old is None:
            merged[row["actor_id"]] = {**row, "aliases": list(row["aliases"] or [])}
            continue
        for key in ACTOR_COLUMNS[1:-1]:
            if row[key] is not None:
                old[key] = row[key]
        old["aliases"] += [a for a in row["aliases"] or [] if a not in old["aliases"]]
    return list(merged.values())


def _columns(rows: list[Row], columns: list[str]) -> list[list[Any]]:
    return [[row[c] for row in rows] for c in columns]


def _not_stored(doc: Document, exc: Exception) -> Failure:
    return Failure(origin=doc.origin or doc.doc_id, doc_id=doc.doc_id, reason=f"not stored: {exc}")
