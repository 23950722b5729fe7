"""Cross-document links in the store: linking a document's events as it is written, unlinking on delete.

The decisions are :mod:`communique.linking.crossdoc`'s; this module keeps its tables
(``linking.sql``) and re-clusters the neighbourhood an article touches: the events connected to
it through linkable pairs. Clustering depends only on the set of events in that neighbourhood,
so articles may arrive in any order, together or apart, and deleting one re-links the rest.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Iterable, Sequence

import duckdb

from ..linking.crossdoc import LinkRecord, cluster, index_keys, link_score, linked_id
from ..linking.reports import record_of
from ..records import Document
from .lookup import execute_in, fetch_in


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(resources.files(__package__).joinpath("linking.sql").read_text("utf-8"))


class Links:
    """The linking tables of one store connection (called inside the store's write transaction)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        # a store written before linking, opened read-only, has no linking tables: its events stand alone
        self.present = bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'event_links'")
                            .fetchone()[0])

    def add(self, docs: Sequence[Document]) -> None:
        """Index the events of a batch of documents, score each against the events it may be, and
        re-link the neighbourhoods the batch touches, once.

        An event's candidates are the stored events and those of the documents before its own in
        the batch that share an index key with it: the pairs of adding the documents one by one,
        found with one look-up for the batch.
        """
        self.add_records([[record_of(event, doc) for event in doc.events] for doc in docs])

    def add_records(self, batch: Sequence[Sequence[LinkRecord]]) -> None:
        """:meth:`add` for the link records of a batch's documents, one list per document, in order
        (records kept by a staging store, loaded with its partition)."""
        entries = [(position, record, *index_keys(record)) for position, records in enumerate(batch)
                   for record in records]
        if not entries:
            return
        stored: dict[str, list[tuple[str, str]]] = {}  # key -> (event id, doc id), looked up before the batch's go in
        for key, event_id, doc_id in fetch_in(self.con, 'SELECT "key", event_id, doc_id FROM link_keys WHERE "key" IN {keys}',
                                              sorted({key for entry in entries for key in entry[3]})):
            stored.setdefault(key, []).append((event_id, doc_id))
        self._index(entries)
        records = {record.event_id: record for _, record, _, _ in entries}
        candidates = {r.event_id: r for r in self._records(sorted({e for hits in stored.values() for e, _ in hits}))}
        batch: dict[str, list[tuple[int, str, str]]] = {}  # key -> (position, event id, doc id) within the batch
        for position, record, registered, _ in entries:
            for key in registered:
                batch.setdefault(key, []).append((position, record.event_id, record.doc_id))
        pairs = []
        for position, record, _, probes in entries:
            others = {e for key in probes for e, doc_id in stored.get(key, ()) if doc_id != record.doc_id}
            others.update(e for key in probes for p, e, doc_id in batch.get(key, ())
                          if p < position and doc_id != record.doc_id)
            for other in sorted(others):
                score = link_score(record, candidates.get(other) or records[other])
                if score is not None:
                    pairs.append((*sorted((record.event_id, other)), score))
        if pairs:
            self.con.execute("INSERT INTO link_pairs SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
                             "unnest(?::DOUBLE[])", [[p[0] for p in pairs], [p[1] for p in pairs], [p[2] for p in pairs]])
        self.relink(list(records), known={**candidates, **records})

    def keep_records(self, docs: Sequence[Document]) -> None:
        """Store the link records of a batch's events, linking none: a staging store's, linked in the
        store its tables are loaded into."""
        records = [record_of(event, doc) for doc in docs for event in doc.events]
        if records:
            self.con.execute("INSERT INTO link_records SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
                             "unnest(?::VARCHAR[])", [[r.event_id for r in records], [r.doc_id for r in records],
                                                      [json.dumps(r.to_dict()) for r in records]])

    def _index(self, entries: list[tuple[int, LinkRecord, list[str], list[str]]]) -> None:
        """Store the records and the keys they register."""
        records = [entry[1] for entry in entries]
        self.con.execute("INSERT INTO link_records SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
                         "unnest(?::VARCHAR[])", [[r.event_id for r in records], [r.doc_id for r in records],
                                                  [json.dumps(r.to_dict()) for r in records]])
        registered = [(key, record) for _, record, keys, _ in entries for key in keys]
        self.con.execute("INSERT INTO link_keys SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
                         "unnest(?::VARCHAR[])", [[k for k, _ in registered], [r.event_id for _, r in registered],
                                                  [r.doc_id for _, r in registered]])

    def remove(self, doc_id: str) -> None:
        """Forget the document's events and re-link the events they were linked with."""
        own = [row[0] for row in self.con.execute("SELECT event_id FROM link_records WHERE doc_id = ?",
                                                  [doc_id]).fetchall()]
        if not own:
            return
        neighbours = self._neighbours(own) - set(own)
        execute_in(self.con, "DELETE FROM link_pairs WHERE a IN {keys}", own)
        execute_in(self.con, "DELETE FROM link_pairs WHERE b IN {keys}", own)
        execute_in(self.con, "DELETE FROM event_links WHERE event_id IN {keys}", own)
        self.con.execute("DELETE FROM link_keys WHERE doc_id = ?", [doc_id])
        self.con.execute("DELETE FROM link_records WHERE doc_id = ?", [doc_id])
        if neighbours:
            self.relink(sorted(neighbours))

    def relink(self, seeds: Iterable[str], known: dict[str, LinkRecord] | None = None) -> None:
        """Re-cluster every event connected to ``seeds`` by linkable pairs and store their linked ids."""
        component = self._component(seeds)
        if not component:
            return
        ids = sorted(component)
        known = known or {}
        missing = [i for i in ids if i not in known]
        records = [known[i] for i in ids if i in known] + (self._records(missing) if missing else [])
        scores = {}
        if len(ids) > 1:
            scores = {(a, b): score for a, b, score in fetch_in(
                self.con, "SELECT a, b, score FROM link_pairs WHERE a IN {keys}", ids) if b in component}
        rows = [(member, linked_id(group)) for group in cluster(records, scores) for member in group]
        execute_in(self.con, "DELETE FROM event_links WHERE event_id IN {keys}", ids)
        self.con.execute("INSERT INTO event_links SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
                         [[m for m, _ in rows], [link for _, link in rows]])

    def _neighbours(self, ids: list[str]) -> set[str]:
        return {row[0] for row in fetch_in(self.con, "SELECT b FROM link_pairs WHERE a IN {keys}", ids)} | \
            {row[0] for row in fetch_in(self.con, "SELECT a FROM link_pairs WHERE b IN {keys}", ids)}

    def _component(self, seeds: Iterable[str]) -> set[str]:
        seen = set(seeds)
        frontier = sorted(seen)
        while frontier:
            frontier = sorted(self._neighbours(frontier) - seen)
            seen.update(frontier)
        return seen

    def _records(self, ids: list[str]) -> list[LinkRecord]:
        if not ids:
            return []
        rows = fetch_in(self.con, "SELECT record FROM link_records WHERE event_id IN {keys}", ids)
        return [LinkRecord.from_dict(json.loads(row[0])) for row in rows]

    def linked_ids(self, event_ids: list[str]) -> dict[str, str]:
        """The linked id of each given article-level event."""
        if not self.present:
            return {}
        return dict(self.con.execute("SELECT event_id, linked_id FROM event_links "
                                     "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [event_ids]).fetchall())

    def members(self, linked: list[str]) -> dict[str, list[str]]:
        """The article-level event ids of each given linked event."""
        if not self.present:
            return {}
        groups: dict[str, list[str]] = {}
        for event_id, link in self.con.execute(
                "SELECT event_id, linked_id FROM event_links WHERE linked_id IN (SELECT unnest(?::VARCHAR[])) "
                "ORDER BY event_id", [linked]).fetchall():
            groups.setdefault(link, []).append(event_id)
        return groups

