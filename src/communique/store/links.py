"""Cross-document links in the store: linking a document's events as it is written, unlinking on delete.

The decisions are :mod:`communique.linking.crossdoc`'s; this module keeps its tables
(``linking.sql``) and re-clusters the neighbourhood an article touches: the events connected to
it through linkable pairs. Clustering depends only on the set of events in that neighbourhood,
so articles may arrive in any order, together or apart, and deleting one re-links the rest.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Iterable
from urllib.parse import urlparse

import duckdb

from ..linking.crossdoc import LinkRecord, cluster, fold_name, index_keys, link_score, linked_id
from ..records import Document, Event


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(resources.files(__package__).joinpath("linking.sql").read_text("utf-8"))


def outlet(source: str | None, url: str | None, doc_id: str) -> str:
    """The outlet of a document: its source, else its web host, else the document itself."""
    if source and source.strip():
        return source.strip()
    host = urlparse(url or "").hostname
    return host.removeprefix("www.") if host else f"doc:{doc_id}"


def record_of(event: Event, doc: Document) -> LinkRecord:
    people = sorted({fold_name(ref.name) for ref in (event.actor, event.recipient)
                     if ref is not None and ref.name and ref.actor_id and ref.actor_id.startswith("person:")})
    mechanism = event.mechanism
    return LinkRecord(
        event_id=event.event_id, doc_id=doc.doc_id, event_type=event.event_type,
        actor_country=event.actor.country if event.actor else None,
        recipient_country=event.recipient.country if event.recipient else None,
        symmetric=bool(event.symmetric), date=event.date, date_end=event.date_end, published=doc.published,
        source=outlet(doc.source, doc.url, doc.doc_id),
        location_country=event.location.country if event.location else None,
        mechanism=(mechanism.mechanism_id or mechanism.name.casefold()) if mechanism else None,
        edition=mechanism.edition if mechanism else None, people=tuple(people),
        text=" ".join(ev.sentence for ev in event.evidence))


class Links:
    """The linking tables of one store connection (called inside the store's write transaction)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def add(self, doc: Document) -> None:
        """Index the document's events, find the stored events each may be, and re-link the neighbourhood."""
        records = [record_of(event, doc) for event in doc.events]
        if not records:
            return
        keys = {r.event_id: index_keys(r) for r in records}
        self.con.executemany("INSERT INTO link_records VALUES (?, ?, ?)",
                             [[r.event_id, r.doc_id, json.dumps(r.to_dict())] for r in records])
        self.con.executemany("INSERT INTO link_keys VALUES (?, ?, ?)",
                             [[key, r.event_id, r.doc_id] for r in records for key in keys[r.event_id][0]])
        pairs = []
        for record in records:
            for candidate in self._candidates(keys[record.event_id][1], doc.doc_id):
                score = link_score(record, candidate)
                if score is not None:
                    pairs.append([*sorted((record.event_id, candidate.event_id)), score])
        if pairs:
            self.con.executemany("INSERT INTO link_pairs VALUES (?, ?, ?)", pairs)
        self.relink([r.event_id for r in records])

    def remove(self, doc_id: str) -> None:
        """Forget the document's events and re-link the events they were linked with."""
        neighbours = [row[0] for row in self.con.execute(
            "SELECT b FROM link_pairs WHERE a IN (SELECT event_id FROM link_records WHERE doc_id = ?) "
            "UNION SELECT a FROM link_pairs WHERE b IN (SELECT event_id FROM link_records WHERE doc_id = ?)",
            [doc_id, doc_id]).fetchall()]
        own = "(SELECT event_id FROM link_records WHERE doc_id = ?)"
        self.con.execute(f"DELETE FROM link_pairs WHERE a IN {own} OR b IN {own}", [doc_id, doc_id])
        self.con.execute(f"DELETE FROM event_links WHERE event_id IN {own}", [doc_id])
        self.con.execute("DELETE FROM link_keys WHERE doc_id = ?", [doc_id])
        self.con.execute("DELETE FROM link_records WHERE doc_id = ?", [doc_id])
        self.relink(sorted(set(neighbours)))

    def relink(self, seeds: Iterable[str]) -> None:
        """Re-cluster every event connected to ``seeds`` by linkable pairs and store their linked ids."""
        component = self._component(seeds)
        if not component:
            return
        ids = sorted(component)
        records = self._records(ids)
        scores = {(a, b): score for a, b, score in self.con.execute(
            "SELECT a, b, score FROM link_pairs WHERE a IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
            if b in component}
        rows = [[member, linked_id(group)] for group in cluster(records, scores) for member in group]
        self.con.execute("DELETE FROM event_links WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        self.con.executemany("INSERT INTO event_links VALUES (?, ?)", rows)

    def _component(self, seeds: Iterable[str]) -> set[str]:
        seen = set(seeds)
        frontier = sorted(seen)
        while frontier:
            found = self.con.execute(
                "SELECT b FROM link_pairs WHERE a IN (SELECT unnest(?::VARCHAR[])) "
                "UNION SELECT a FROM link_pairs WHERE b IN (SELECT unnest(?::VARCHAR[]))",
                [frontier, frontier]).fetchall()
            frontier = sorted({row[0] for row in found} - seen)
            seen.update(frontier)
        return seen

    def _candidates(self, probe: list[str], doc_id: str) -> list[LinkRecord]:
        ids = [row[0] for row in self.con.execute(
            "SELECT DISTINCT event_id FROM link_keys WHERE \"key\" IN (SELECT unnest(?::VARCHAR[])) AND doc_id <> ?",
            [probe, doc_id]).fetchall()]
        return self._records(ids) if ids else []

    def _records(self, ids: list[str]) -> list[LinkRecord]:
        rows = self.con.execute("SELECT record FROM link_records WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
                                [ids]).fetchall()
        return [LinkRecord.from_dict(json.loads(row[0])) for row in rows]

    def linked_ids(self, event_ids: list[str]) -> dict[str, str]:
        """The linked id of each given article-level event."""
        return dict(self.con.execute("SELECT event_id, linked_id FROM event_links "
                                     "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [event_ids]).fetchall())

    def members(self, linked: list[str]) -> dict[str, list[str]]:
        """The article-level event ids of each given linked event."""
        groups: dict[str, list[str]] = {}
        for event_id, link in self.con.execute(
                "SELECT event_id, linked_id FROM event_links WHERE linked_id IN (SELECT unnest(?::VARCHAR[])) "
                "ORDER BY event_id", [linked]).fetchall():
            groups.setdefault(link, []).append(event_id)
        return groups


def rows_by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["event_id"]: row for row in rows}
