"""The event store: documents, sentences, mentions, actors, events and mechanisms in DuckDB."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

import duckdb

from ..records import Document, Failure
from .rows import (Row, actor_rows, document_row, event_from_row, event_row, evidence_rows, mechanism_rows,
                   mention_rows, sentence_rows)

log = logging.getLogger(__name__)

from . import DEFAULT_PATH  # noqa: F401 - re-exported
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

    def __init__(self, path: str | Path = DEFAULT_PATH, *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path!r}: {exc}") from exc
        self._types: dict[str, dict[str, str]] = {}
        if not read_only:
            try:
                self.con.execute(resources.files(__package__).joinpath("schema.sql").read_text("utf-8"))
            except duckdb.Error as exc:
                self.con.close()
                raise StoreError(f"cannot create the store schema in {self.path!r}: {exc}") from exc

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- writing -------------------------------------------------------------------------------

    def write(self, docs: Iterable[Document]) -> WriteResult:
        """Store a batch in one transaction; on failure retry its halves, down to single
        documents, so a bad document is reported alone and costs few extra transactions.

        A document whose content is already stored is skipped. A stored doc_id with different
        content is replaced. A document is stored whole or not at all. Rows go in column-wise,
        one statement per table for the whole batch, and actors are upserted as one set.
        """
        docs = list(docs)
        if not docs:
            return WriteResult()
        try:
            with self._transaction():
                stored = self._write_batch(docs)
            return _result(docs, stored)
        except Exception as exc:  # noqa: BLE001 - isolate the bad document(s) below
            if len(docs) == 1:
                doc = docs[0]
                return WriteResult(failed=[Failure(origin=doc.origin or doc.doc_id, doc_id=doc.doc_id,
                                                   reason=f"store failed: {type(exc).__name__}: {exc}")])
            log.debug("batch write failed; writing its halves", exc_info=True)
        middle = len(docs) // 2
        result = self.write(docs[:middle])
        result.extend(self.write(docs[middle:]))
        return result

    def write_all(self, items: Iterable[Document | Failure], batch_size: int = 256) -> WriteResult:
        """Write a stream of coded documents in batches; input failures are carried into the result."""
        total, batch = WriteResult(), []
        for item in items:
            if isinstance(item, Failure):
                total.failed.append(item)
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                total.extend(self.write(batch))
                batch = []
        if batch:
            total.extend(self.write(batch))
        return total

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` that are already stored (one indexed look-up)."""
        wanted = list(dict.fromkeys(hashes))
        if not wanted:
            return set()
        rows = self.con.execute("SELECT content_hash FROM documents WHERE content_hash IN "
                                "(SELECT unnest(?::VARCHAR[]))", [wanted]).fetchall()
        return {row[0] for row in rows}

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

    def _write_batch(self, docs: list[Document]) -> list[bool]:
        """Write documents inside the open transaction; False for each one whose content is stored.

        The batch is cut where a doc_id comes back, so a later version replaces an earlier one
        exactly as if they had been written one after the other.
        """
        stored: list[bool] = []
        known = self.known_hashes(d.content_hash for d in docs)
        part: list[Document] = []
        part_ids: set[str] = set()
        for doc in docs:
            if doc.content_hash in known:
                stored.append(False)
                continue
            if doc.doc_id in part_ids:
                self._replace_documents(part)
                part, part_ids = [], set()
            known.add(doc.content_hash)
            part.append(doc)
            part_ids.add(doc.doc_id)
            stored.append(True)
        if part:
            self._replace_documents(part)
        return stored

    def _replace_documents(self, docs: list[Document]) -> None:
        """Delete the stored rows of these doc_ids (found through the documents key), insert the new ones."""
        ids = [d.doc_id for d in docs]
        present = [r[0] for r in self.con.execute(
            "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()]
        if present:
            self._delete_documents(present)
        self._insert_batch(docs)

    def _delete_documents(self, doc_ids: list[str]) -> None:
        self.con.execute("DELETE FROM evidence WHERE event_id IN (SELECT event_id FROM events WHERE doc_id IN "
                         "(SELECT unnest(?::VARCHAR[])))", [doc_ids])
        for table in ("events", "mentions", "sentences", "mechanisms", "documents"):
            self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids])

    def _insert_batch(self, docs: list[Document]) -> None:
        events = [e for doc in docs for e in doc.events]
        self._insert("documents", [document_row(doc) for doc in docs])
        self._insert("sentences", [row for doc in docs for row in sentence_rows(doc)])
        self._insert("mentions", [row for doc in docs for row in mention_rows(doc)])
        self._insert("events", [event_row(e) for e in events])
        self._insert("evidence", [row for e in events for row in evidence_rows(e)])
        self._insert("mechanisms", [row for doc in docs for row in mechanism_rows(doc)])
        self._upsert_actors(merge_actor_rows(row for doc in docs for row in actor_rows(doc)))

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
        types = self._column_types(table)
        return "SELECT " + ", ".join(f"unnest(?::{types[c]}[])" for c in columns)

    def _column_types(self, table: str) -> dict[str, str]:
        if table not in self._types:
            self._types[table] = {name: kind for name, kind in self.con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
                "AND database_name = current_database() AND schema_name = current_schema()", [table]).fetchall()}
        return self._types[table]

    # -- queries -------------------------------------------------------------------------------

    def events(self, dyad: tuple[str, str] | None = None, types: list[str] | None = None,
               since: str | None = None, until: str | None = None, country: str | None = None,
               doc_id: str | None = None) -> list[dict[str, Any]]:
        """Events as export-contract dicts, filtered.

        ``dyad`` matches either direction; ``country`` matches the actor or the recipient;
        ``since``/``until`` compare ISO date strings (inclusive; ``until`` may be a prefix such as
        "2021-04") and exclude events without a dated year.
        """
        where, params = ["TRUE"], []
        if dyad:
            a, b = dyad
            where.append("((actor_country = ? AND recipient_country = ?) OR (actor_country = ? AND recipient_country = ?))")
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
        condition = " AND ".join(where)
        rows = self._dicts(f'SELECT * FROM events WHERE {condition} ORDER BY "date" NULLS LAST, doc_id, '
                           "sentence_index NULLS LAST, event_id", params)
        evidence: dict[str, list[Row]] = {}
        for ev in self._dicts(f"SELECT * FROM evidence WHERE event_id IN (SELECT event_id FROM events "
                              f"WHERE {condition})", params):
            evidence.setdefault(ev["event_id"], []).append(ev)
        return [event_from_row(row, evidence.get(row["event_id"], [])) for row in rows]

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


def _result(docs: list[Document], stored: list[bool]) -> WriteResult:
    result = WriteResult()
    for doc, was_stored in zip(docs, stored):
        (result.stored if was_stored else result.skipped_duplicates).append(doc.doc_id)
    return result
