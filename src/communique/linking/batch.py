"""Linking the documents of one run without a store: the linked events ``communique code`` writes.

The decisions are :mod:`communique.linking.crossdoc`'s, as in the store: candidates come from the
same index keys, pairs get the same scores and :func:`~communique.linking.crossdoc.cluster` groups
them, so a batch coded at once gives the linked events that ingesting it and exporting would.
"""

from __future__ import annotations

from typing import Any

from ..export.contract import event_to_dict
from ..records import Document
from .crossdoc import LinkRecord, cluster, index_keys, link_score, linked_id
from .provenance import export_order, linked_event
from .reports import outlet, record_of


class BatchLinker:
    """Collects coded documents; :meth:`events` links their events across the documents."""

    def __init__(self) -> None:
        self.records: dict[str, LinkRecord] = {}
        self.rows: dict[str, dict[str, Any]] = {}
        self.docs: dict[str, dict[str, Any]] = {}

    def add(self, doc: Document) -> None:
        self.docs[doc.doc_id] = {"outlet": outlet(doc.source, doc.url, doc.doc_id), "published": doc.published}
        for event in doc.events:
            self.records[event.event_id] = record_of(event, doc)
            self.rows[event.event_id] = event_to_dict(event)

    def scores(self) -> dict[tuple[str, str], float]:
        """Link scores of the pairs that share an index key, between events of different documents."""
        registered: dict[str, list[str]] = {}
        probes: dict[str, list[str]] = {}
        for event_id, record in self.records.items():
            own, probe = index_keys(record)
            for key in own:
                registered.setdefault(key, []).append(event_id)
            probes[event_id] = probe
        scores: dict[tuple[str, str], float] = {}
        for event_id, keys in probes.items():
            record = self.records[event_id]
            for other in {o for key in keys for o in registered.get(key, ())}:
                pair = tuple(sorted((event_id, other)))
                if self.records[other].doc_id == record.doc_id or pair in scores:
                    continue
                score = link_score(record, self.records[other])
                if score is not None:
                    scores[pair] = score
        return scores

    def events(self) -> list[dict[str, Any]]:
        """Linked events (export contract), one per real-world event, in the store's export order."""
        events = [linked_event(linked_id(group), [self.rows[i] for i in group], self.docs)
                  for group in cluster(self.records.values(), self.scores())]
        return sorted(events, key=export_order)
