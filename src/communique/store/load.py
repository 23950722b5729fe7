"""Load coded partitions (Parquet tables written by :mod:`communique.engine`) into a store.

Each partition goes in as one transaction, with the store's own rules: content already stored
is skipped, a stored doc_id with new content is replaced, actors are upserted. Loading twice is
a no-op.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from ..engine.partitions import finished_partitions, output_path
from ..records import Failure
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
    link_across_documents(store)
    return total


def load_partition(store: Store, outdir: str | Path, name: str) -> WriteResult:
    """Bring one partition's tables into the store, inside the caller's transaction."""
    source = {table: _literal(output_path(outdir, table, name)) for table in
              ("documents", "actors", "evidence", *DOC_TABLES)}
    con = store.con
    rows = con.execute(f"SELECT doc_id, content_hash FROM read_parquet({source['documents']}) ORDER BY doc_id"
                       ).fetchall()
    known = store.known_hashes(h for _, h in rows)
    new_ids = [doc_id for doc_id, h in rows if h not in known]
    result = WriteResult(stored=new_ids, skipped_duplicates=[doc_id for doc_id, h in rows if h in known])
    if not new_ids:
        return result
    present = [r[0] for r in con.execute(
        "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [new_ids]).fetchall()]
    if present:
        store._delete_documents(present)
    wanted = "doc_id IN (SELECT unnest(?::VARCHAR[]))"
    con.execute(f"INSERT INTO documents BY NAME SELECT * FROM read_parquet({source['documents']}) WHERE {wanted}",
                [new_ids])
    for table in DOC_TABLES:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet({source[table]}) WHERE {wanted}",
                    [new_ids])
    con.execute(f"INSERT INTO evidence BY NAME SELECT * FROM read_parquet({source['evidence']}) WHERE event_id IN "
                f"(SELECT event_id FROM read_parquet({source['events']}) WHERE {wanted})", [new_ids])
    columns = ", ".join(ACTOR_COLUMNS)
    con.execute(ACTOR_UPSERT.format(select=f"SELECT {columns} FROM read_parquet({source['actors']})"))
    return result


def link_across_documents(store: Store) -> None:
    """Where cross-document linking runs once loaded partitions are in the store.

    The store has no cross-document linking stage yet; when one exists it is called here, over
    the whole store, after every load.
    """


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"
