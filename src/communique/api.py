"""The Python API: one core shared by the CLI, the HTTP API and the benchmarks."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence, TextIO

from .pipeline import Pipeline, load_config
from .records import Document, Event, Failure
from .store import DEFAULT_PATH, Store
from .store.filters import EventFilter, QueryError
from .store.queries import DEFAULT_TIMEOUT, Page, Queries, QueryTimeout

__all__ = ["Communique", "EventFilter", "Page", "Queries", "QueryError", "QueryTimeout", "StoreQueries", "events_of"]

log = logging.getLogger(__name__)


class Communique:
    """Code news text into events.

    >>> coder = Communique()
    >>> doc = coder.code_text("China and Vietnam held talks in Hanoi on Monday.", published="2024-03-05")
    >>> [e.event_type for e in doc.events]
    ['CONSULT']
    """

    def __init__(self, config: dict[str, Any] | None = None, *, config_path: str | Path | None = None,
                 model: str | None = None) -> None:
        overrides = {"nlp": {"model": model}} if model else None
        self.config = config if config is not None else load_config(config_path, overrides)
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.config)
        return self._pipeline

    def code_text(self, text: str, *, doc_id: str | None = None, published: str | None = None,
                  title: str | None = None, source: str | None = None, url: str | None = None) -> Document:
        """Code one article given as a string (metadata in the text is parsed too)."""
        from .ingest import document_from_text

        doc_id = doc_id or "text-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        doc = document_from_text(text, doc_id=doc_id, origin=doc_id, title=title, source=source,
                                 url=url, published=published)
        return self.pipeline(doc)

    def code_documents(self, docs: Iterable[Document | Failure], batch_size: int = 32) -> Iterator[Document | Failure]:
        """Code documents in batches; a document that fails is reported as a Failure, never fatal."""
        batch: list[Document] = []
        for item in docs:
            if isinstance(item, Failure):
                yield item
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def _code_batch(self, batch: list[Document]) -> Iterator[Document | Failure]:
        try:
            yield from list(self.pipeline.pipe(batch, batch_size=len(batch)))
            return
        except Exception:  # isolate the bad document(s)
            log.debug("batch failed; coding its documents one by one", exc_info=True)
        for doc in batch:
            try:
                yield self.pipeline(doc)
            except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
                yield Failure(origin=doc.origin or doc.doc_id, doc_id=doc.doc_id,
                              reason=f"coding failed: {type(exc).__name__}: {exc}")

    @staticmethod
    def query(db: str | Path | None = None, *, read_only: bool = True, timeout: float | None = None) -> "StoreQueries":
        """Open a store for querying (read-only by default): events, series, networks, actors, mechanisms.

        >>> with Communique.query("communique.duckdb") as q:  # doctest: +SKIP
        ...     page = q.events_page(EventFilter.parse(dyad="CHN,VNM"), limit=20)
        """
        return StoreQueries(db, read_only=read_only, timeout=timeout)

    def code_paths(self, paths: Sequence[str | Path], *, stdin: TextIO | None = None, batch_size: int = 32,
                   admit: Callable[[Iterable[Document | Failure]], Iterable[Document | Failure]] | None = None,
                   ) -> Iterator[Document | Failure]:
        """Read inputs (files, directories, JSONL, HTML, '-' for stdin) and code them.

        ``admit`` filters what was read before it is parsed (the store's check for content it
        already holds).
        """
        from .ingest import read_inputs

        docs = read_inputs(paths, stdin=stdin)
        yield from self.code_documents(admit(docs) if admit else docs, batch_size=batch_size)


class StoreQueries(Queries):
    """:class:`~communique.store.queries.Queries` over a store file it opens and closes."""

    def __init__(self, db: str | Path | None = None, *, read_only: bool = True, timeout: float | None = None) -> None:
        self.store = Store(db or DEFAULT_PATH, read_only=read_only)
        super().__init__(self.store.con, timeout=DEFAULT_TIMEOUT if timeout is None else timeout)

    def __enter__(self) -> "StoreQueries":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()


def events_of(docs: Iterable[Document | Failure]) -> list[Event]:
    return [e for d in docs if isinstance(d, Document) for e in d.events]
