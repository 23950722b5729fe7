"""Input partitions and their coded output: one Parquet file per store table per partition.

A partition is one JSONL or Parquet file, or a group of other article files. Coding a partition
writes ``OUTDIR/<table>/<partition>.parquet`` for each store table (documents, sentences,
mentions, actors, events, evidence, mechanisms), each under a temporary name first and then
renamed; the events file is renamed last, so a partition is finished exactly when its events
file exists, and a rerun skips it.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

from ..records import Document, Failure

PARTITION_SUFFIXES = {".jsonl", ".ndjson", ".parquet"}
FILES_PER_GROUP = 256
# events last: its file marks the partition finished
TABLE_ORDER = ("documents", "sentences", "mentions", "actors", "evidence", "mechanisms", "link_records", "events")

_coders: dict[str, Any] = {}  # the pipeline of this worker process, by configuration


@dataclass(frozen=True)
class Partition:
    """A unit of work: its output name and the input files it reads."""

    name: str
    paths: tuple[str, ...]


@dataclass
class PartitionResult:
    name: str
    documents: int = 0
    events: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    worker_pid: int = 0


def input_partitions(paths: Sequence[str | Path]) -> list[Partition]:
    """The partitions of the inputs: each JSONL/Parquet file alone, other files in sorted groups."""
    from ..ingest.readers import iter_directory

    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += [p for p in iter_directory(path) if isinstance(p, Path)]
        else:
            files.append(path)
    partitions, loose = [], []
    for path in files:
        if path.suffix.lower() in PARTITION_SUFFIXES:
            partitions.append(Partition(_name(path.stem, [path]), (str(path),)))
        else:
            loose.append(path)
    for start in range(0, len(loose), FILES_PER_GROUP):
        group = loose[start:start + FILES_PER_GROUP]
        partitions.append(Partition(_name(f"files-{start // FILES_PER_GROUP:05d}", group),
                                    tuple(str(p) for p in group)))
    return partitions


def _name(stem: str, paths: list[Path]) -> str:
    digest = hashlib.sha1("\n".join(str(p.resolve()) for p in paths).encode()).hexdigest()[:10]
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in stem)[:60]
    return f"{safe}-{digest}"


def output_path(outdir: str | Path, table: str, name: str) -> Path:
    return Path(outdir) / table / f"{name}.parquet"


def finished(outdir: str | Path, name: str) -> bool:
    return output_path(outdir, "events", name).exists()


def finished_partitions(outdir: str | Path) -> list[str]:
    """Names of the finished partitions in an output directory, sorted."""
    events = Path(outdir) / "events"
    return sorted(p.stem for p in events.glob("*.parquet")) if events.is_dir() else []


def read_partition(partition: Partition) -> Iterator[Document | Failure]:
    """The documents of a partition (Parquet rows are records with ``id``, ``text``, ...)."""
    from ..ingest import read_inputs
    from ..ingest.json_records import document_from_record

    for path in partition.paths:
        if path.lower().endswith(".parquet"):
            yield from _parquet_records(path, document_from_record)
        else:
            yield from read_inputs([path])


def _parquet_records(path: str, to_document: Any) -> Iterator[Document | Failure]:
    import duckdb

    try:
        with duckdb.connect(":memory:") as con:
            cursor = con.execute("SELECT * FROM read_parquet(?)", [path])
            names = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
    except duckdb.Error as exc:
        yield Failure(origin=path, reason=f"cannot read Parquet: {exc}")
        return
    for number, values in enumerate(rows, start=1):
        record = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in zip(names, values)}
        yield to_document(record, origin=f"{path}#{number}", label=f"row {number}")


def code_partition(config: dict[str, Any], partition: Partition, outdir: str) -> PartitionResult:
    """Code one partition and write its tables (runs in a worker; the pipeline is loaded once)."""
    from ..store import Store

    started = time.perf_counter()
    coder = _coder(config)
    result = PartitionResult(partition.name, worker_pid=os.getpid())
    docs = []
    for item in coder.code_documents(read_partition(partition)):
        if isinstance(item, Failure):
            result.failures.append((item.origin, item.reason))
        else:
            docs.append(item)
    with Store(":memory:", linking=False) as staging:  # links are made in the store partitions are loaded into
        written = staging.write(docs)
        result.failures += [(f.origin, f.reason) for f in written.failed]
        result.documents = len(written.stored)
        result.events = staging.counts()["events"]
        _write_tables(staging, outdir, partition.name)
    result.seconds = time.perf_counter() - started
    result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _write_tables(staging: Any, outdir: str, name: str) -> None:
    temporary = []
    for table in TABLE_ORDER:
        final = output_path(outdir, table, name)
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        columns = "* EXCLUDE (dyad)" if table == "events" else "*"  # the dyad is the store's, not the output's
        staging.con.execute(f"COPY (SELECT {columns} FROM {table}) TO '{_quoted(tmp)}' (FORMAT parquet)")
        temporary.append((tmp, final))
    for tmp, final in temporary:  # events last
        os.replace(tmp, final)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


@contextmanager
def shared_coder(config: dict[str, Any], coder: Any = None) -> Iterator[None]:
    """The pipeline for ``config`` loaded in this process (``coder``'s if it has that configuration)
    while worker processes are forked from it, to share it; forgotten here afterwards."""
    key = _key(config)
    known = key in _coders
    if not known and coder is not None and _key(coder.config) == key:
        _coders[key] = coder
    _coder(config).pipeline  # noqa: B018 - load the model now, once
    try:
        yield
    finally:
        if not known:
            _coders.pop(key, None)


def _coder(config: dict[str, Any]) -> Any:
    key = _key(config)
    if key not in _coders:
        from ..api import Communique

        _coders[key] = Communique(config)
    return _coders[key]


def _key(config: dict[str, Any]) -> str:
    return json.dumps(config, sort_keys=True, default=str)
