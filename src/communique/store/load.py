"""Load coded partitions (Parquet tables written by :mod:`communique.engine`) into a store.

Each partition goes in as one transaction, with the store's own rules: a document stored under
the same id with the same text is skipped, an id stored with other text or a text stored under
another id is reported and not loaded, actors are upserted. Loading twice is a no-op.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable

from ..engine.partitions import finished_partitions, output_path
from ..linking.crossdoc import LinkRecord
from ..records import Failure
from .layout import DYAD_SQL, add_counts
from .store import ACTOR_COLUMNS, ACTOR_UPSERT, Store, WriteResult

DOC_TABLES = ("sentences", "mentions", "events", "mechanisms")


def load_directory(store: Store, outdir: str | Path,
                   progress: Callable[[Iterable[str]], Iterable[str]] | None = None) -> WriteResult:
    """Load every finished partition of ``outdir``; a partition that fails is reported and skipped."""
    total = WriteResult()
    names = finished_partitions(outdir)
    for name in progress(names) if progress else names:
        try:
            with store._transaction():
                total.extend(load_partition(store, outdir, name))
        except Exception as exc:  # noqa: BLE001 - one bad partition never loses the others
            total.failed.append(Failure(origin=str(output_path(outdir, "events", name)),
                                        reason=f"load failed: {type(exc).__name__}: {exc}"))
    if total.stored and len(total.stored) * 10 >= store.counts()["documents"]:
        store.optimize()  # a large load: lay the events out again for queries
    return total


def load_partition(store: Store, outdir: str | Path, name: str) -> WriteResult:
    """Bring one partition's tables into the store, inside the caller's transaction."""
    source = {table: _literal(output_path(outdir, table, name)) for table in
              ("documents", "actors", "evidence", "link_records", *DOC_TABLES)}
    con = store.con
    rows = con.execute(f"SELECT doc_id, content_hash, origin FROM read_parquet({source['documents']}) "
                       "ORDER BY doc_id").fetchall()
    result, new_ids = WriteResult(), []
    for doc_id, content_hash, origin in rows:
        stored_hash, stored_id = store.known(doc_id, content_hash)
        if stored_hash == content_hash:
            result.skipped_duplicates.append(doc_id)
        elif stored_hash is not None:
            result.failed.append(Failure(origin=origin or doc_id, doc_id=doc_id,
                                         reason=f"id {doc_id!r} is already stored with other text; the first is kept"))
        elif stored_id is not None:
            result.failed.append(Failure(origin=origin or doc_id, doc_id=doc_id,
                                         reason=f"same text as document {stored_id!r}, stored once under that id"))
        else:
            new_ids.append(doc_id)
    result.stored = new_ids
    if not new_ids:
        return result
    wanted = "doc_id IN (SELECT unnest(?::VARCHAR[]))"
    con.execute(f"INSERT INTO documents BY NAME SELECT * FROM read_parquet({source['documents']}) WHERE {wanted}",
                [new_ids])
    for table in DOC_TABLES:
        extra = f", {DYAD_SQL.format(a='actor_country', b='recipient_country')} AS dyad" if table == "events" else ""
        con.execute(f"INSERT INTO {table} BY NAME SELECT *{extra} FROM read_parquet({source[table]}) WHERE {wanted}",
                    [new_ids])
    add_counts(con, f"SELECT * FROM events WHERE {wanted}", [new_ids])
    con.execute(f"INSERT INTO evidence BY NAME SELECT * FROM read_parquet({source['evidence']}) WHERE event_id IN "
                f"(SELECT event_id FROM read_parquet({source['events']}) WHERE {wanted})", [new_ids])
    columns = ", ".join(ACTOR_COLUMNS)
    con.execute(ACTOR_UPSERT.format(select=f"SELECT {columns} FROM read_parquet({source['actors']})"))
    if output_path(outdir, "link_records", name).exists():  # (partitions written before links were kept have none)
        _link(store, source["link_records"], new_ids)
    return result


def _link(store: Store, records_file: str, doc_ids: list[str]) -> None:
    """Link the partition's new documents with the store's events, as writing them would have."""
    rows = store.con.execute(f"SELECT doc_id, record FROM read_parquet({records_file}) "
                             "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids]).fetchall()
    by_doc: dict[str, list[LinkRecord]] = {}
    for doc_id, record in rows:
        by_doc.setdefault(doc_id, []).append(LinkRecord.from_dict(json.loads(record)))
    store.links.add_records([by_doc[d] for d in doc_ids if d in by_doc])


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"
