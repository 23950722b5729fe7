"""Which documents of a run are new: decided from the id and the content hash, before parsing.

Re-ingesting unchanged input is a no-op that never reaches the parser. An id already stored
(or seen earlier in the run) with other text is reported and the first kept; the same text
under a second id is reported and stored once. ``communique code`` judges its inputs the same
way, with no store, so that it codes exactly what ``ingest`` stores.
"""

from __future__ import annotations

from enum import Enum
from itertools import islice
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from ..records import Document, Failure

if TYPE_CHECKING:
    from .store import Store


PREFETCH_CHUNK = 256


class Verdict(Enum):
    NEW = "new"
    UNCHANGED = "unchanged"
    REPLACE = "replace"  # the id is stored with other text and the caller asked to replace it


class Admission:
    """Judges documents against the store (None: no store yet) and against those already
    admitted in this run; ``kept`` is what happens to an admitted document ("stored", "coded"),
    for the reports."""

    def __init__(self, store: "Store | None", *, replace: bool = False, kept: str = "stored") -> None:
        self.store = store
        self.replace = replace
        self.kept = kept
        self.hash_of_id: dict[str, str] = {}
        self.id_of_hash: dict[str, str] = {}
        self.unchanged: list[str] = []
        self.looked_up: dict[tuple[str, str], tuple[str | None, str | None]] = {}

    def prefetch(self, items: Iterable[Document | Failure]) -> None:
        """Look up many documents in the store at once (two queries), ahead of :meth:`judge`."""
        keys = [(d.doc_id, d.content_hash) for d in items if isinstance(d, Document)]
        if self.store is not None and keys:
            self.looked_up.update(self.store.known_many(keys))

    def judge(self, doc: Document) -> Verdict | Failure:
        stored_hash, stored_id = self.hash_of_id.get(doc.doc_id), self.id_of_hash.get(doc.content_hash)
        if stored_hash is None and stored_id is None and self.store is not None:
            key = (doc.doc_id, doc.content_hash)
            found = self.looked_up.pop(key, None)
            stored_hash, stored_id = found if found is not None else self.store.known(*key)
        if stored_hash == doc.content_hash:
            return Verdict.UNCHANGED
        origin = doc.origin or doc.doc_id
        replacing = stored_hash is not None and self.replace and doc.doc_id not in self.hash_of_id
        if stored_hash is not None and not replacing:
            return Failure(origin=origin, doc_id=doc.doc_id,
                           reason=f"id {doc.doc_id!r} is already {self.kept} with other text; the first is kept")
        if stored_id is not None:
            return Failure(origin=origin, doc_id=doc.doc_id,
                           reason=f"same text as document {stored_id!r}, {self.kept} once under that id")
        self.hash_of_id[doc.doc_id] = doc.content_hash
        self.id_of_hash[doc.content_hash] = doc.doc_id
        return Verdict.REPLACE if replacing else Verdict.NEW

    def filter(self, items: Iterable[Document | Failure],
               on_unchanged: Callable[[Document], None] | None = None) -> Iterator[Document | Failure]:
        """New documents and failures pass; unchanged ones are counted in ``unchanged``. The
        store is asked about a chunk of documents at a time."""
        for item in _prefetched(self, items):
            if isinstance(item, Failure):
                yield item
                continue
            verdict = self.judge(item)
            if verdict is Verdict.UNCHANGED:
                self.unchanged.append(item.doc_id)
                if on_unchanged is not None:
                    on_unchanged(item)
            else:
                yield verdict if isinstance(verdict, Failure) else item


def _prefetched(admission: Admission, items: Iterable[Document | Failure],
                chunk_size: int = PREFETCH_CHUNK) -> Iterator[Document | Failure]:
    items = iter(items)
    while chunk := list(islice(items, chunk_size)):
        admission.prefetch(chunk)
        yield from chunk
