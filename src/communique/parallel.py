"""Coding on every core of one machine: worker processes parse and code, results come back in order.

Each worker loads the pipeline once. Documents travel to the workers in chunks, and only a few
chunks per worker are in flight at a time, so memory stays bounded whatever the input size. The
output order is the input order, and event ids depend on the documents alone, never on the
number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, Iterable, Iterator

from .records import Document, Failure

CHUNK_SIZE = 32
CHUNKS_IN_FLIGHT_PER_WORKER = 2

Item = Document | Failure

_worker_coder: Any = None  # the pipeline of this worker process


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def code_items(config: dict[str, Any], items: Iterable[Item], *, workers: int = 1,
               chunk_size: int = CHUNK_SIZE, coder: Any = None) -> Iterator[Item]:
    """Code a stream of documents (failures pass through) with ``workers`` processes.

    One worker, or an input that fits in one chunk, is coded in this process (with ``coder`` if
    given), which spares the start of a pool; there a long document's pieces are parsed on up to
    ``workers`` processes. In a pool each worker parses its documents alone.
    """
    items = iter(items)
    first = list(islice(items, chunk_size + 1))
    if workers <= 1 or len(first) <= chunk_size:
        if coder is None:
            from .api import Communique

            coder = Communique(config)
        coder.pipeline.share_cores(workers)
        yield from coder.code_documents(_chain(first, items), batch_size=chunk_size)
        return
    yield from _code_in_pool(config, _chain(first, items), workers, chunk_size, coder)


def _code_in_pool(config: dict[str, Any], items: Iterator[Item], workers: int, chunk_size: int,
                  coder: Any = None) -> Iterator[Item]:
    """Forked workers share the pipeline this process has already loaded (copy-on-write);
    elsewhere each worker loads its own."""
    global _worker_coder
    forking = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    if forking and coder is not None and coder._pipeline is not None:
        _worker_coder = coder
    try:
        yield from _run_pool(config, items, workers, chunk_size, context)
    finally:
        _worker_coder = None


def _run_pool(config: dict[str, Any], items: Iterator[Item], workers: int, chunk_size: int,
              context: Any) -> Iterator[Item]:
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                             initargs=(config,)) as pool:
        pending: deque[tuple[list[Item], Future]] = deque()
        limit = workers * CHUNKS_IN_FLIGHT_PER_WORKER
        for chunk in _chunks(items, chunk_size):
            pending.append((chunk, pool.submit(_code_chunk, chunk)))
            while len(pending) >= limit:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def _collect(chunk: list[Item], future: Future) -> list[Item]:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a lost worker fails its chunk, never the run
        return [item if isinstance(item, Failure) else
                Failure(origin=item.origin or item.doc_id, doc_id=item.doc_id,
                        reason=f"coding failed: worker lost: {type(exc).__name__}: {exc}") for item in chunk]


def _start_worker(config: dict[str, Any]) -> None:
    global _worker_coder
    if _worker_coder is None:  # else inherited, loaded, from the parent
        from .api import Communique

        _worker_coder = Communique(config)
    _worker_coder.pipeline.share_cores(1)  # (loads the model now, once)


def _code_chunk(chunk: list[Item]) -> list[Item]:
    coded = list(_worker_coder.code_documents(chunk, batch_size=len(chunk)))
    for item in coded:
        if isinstance(item, Document):
            item.annotations = {}  # parses and traces stay in the worker; the records travel
    return coded


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _chain(first: list[Item], rest: Iterator[Item]) -> Iterator[Item]:
    yield from first
    yield from rest
