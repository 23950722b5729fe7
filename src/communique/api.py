"""The Python API: one core shared by the CLI, the HTTP API and the benchmarks."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence, TextIO

from .pipeline import Pipeline, load_config
from .records import Document, Event, Failure

__all__ = ["Communique", "EventFilter", "Page", "Queries", "QueryError", "QueryTimeout", "StoreQueries", "events_of"]

if TYPE_CHECKING:
    from .store import Store, WriteResult
    from .store.filters import EventFilter, QueryError
    from .store.queries import Page, Queries, QueryTimeout, StoreQueries

# The store's query names, imported on first use: coding alone never loads DuckDB.
LAZY = {"EventFilter": "filters", "QueryError": "filters", "DEFAULT_TIMEOUT": "queries", "Page": "queries",
        "Queries": "queries", "QueryTimeout": "queries", "StoreQueries": "queries"}

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
        from .store.queries import StoreQueries

        return StoreQueries(db, read_only=read_only, timeout=timeout)

    def code_paths(self, paths: Sequence[str | Path], *, stdin: TextIO | None = None, batch_size: int = 32,
                   workers: int = 1,
                   admit: Callable[[Iterable[Document | Failure]], Iterable[Document | Failure]] | None = None,
                   ) -> Iterator[Document | Failure]:
        """Read inputs (files, directories, JSONL, HTML, '-' for stdin) and code them, in input
        order, with ``workers`` processes (see :mod:`communique.parallel`).

        ``admit`` filters what was read before it is parsed (the store's check for content it
        already holds).
        """
        from .ingest import read_inputs

        docs = read_inputs(paths, stdin=stdin)
        yield from self.code_stream(admit(docs) if admit else docs, batch_size=batch_size, workers=workers)

    def code_stream(self, items: Iterable[Document | Failure], *, batch_size: int = 32,
                    workers: int = 1) -> Iterator[Document | Failure]:
        """Code read documents with ``workers`` processes; output order is input order."""
        from .parallel import code_items

        yield from code_items(self.config, items, workers=workers, chunk_size=batch_size, coder=self)

    def ingest_paths(self, store: "Store", paths: Sequence[str | Path], *, stdin: TextIO | None = None,
                     workers: int = 1, batch_size: int = 256, replace: bool = False) -> "WriteResult":
        """Read, code and store inputs; content the store holds under the same id is skipped
        before it is parsed (``skipped_duplicates``)."""
        from .store.admission import Admission

        admission = Admission(store, replace=replace)
        coded = self.code_paths(paths, stdin=stdin, workers=workers, admit=admission.filter)
        result = store.write_all(coded, batch_size=batch_size, replace=replace)
        result.skipped_duplicates = admission.unchanged + result.skipped_duplicates
        return result


def events_of(docs: Iterable[Document | Failure]) -> list[Event]:
    return [e for d in docs if isinstance(d, Document) for e in d.events]


def __getattr__(name: str) -> Any:
    if name in LAZY:
        from importlib import import_module

        return getattr(import_module(f".store.{LAZY[name]}", __package__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
