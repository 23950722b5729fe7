"""Coding on more cores: one process, ``--workers 2``, and Dask on a 2-worker local cluster, on the
same input in one run, with the events of each compared to the one-process run.

    python benchmarks/workers.py [--copies 10] [--partitions 8]

The input is the dev articles repeated with distinct texts (``--copies``), as one JSONL file for
the process runs and as ``--partitions`` JSONL files for Dask (its unit of work). The one-process
and ``--workers 2`` runs use a pipeline loaded before timing (forked workers share it); the Dask
run is timed whole, from starting the cluster (its workers are forked from this process and share
that pipeline too) to the last partition written and the cluster closed. Ratios are docs/s over
the one-process run: the targets are 1.7 for two workers and 1.6 for Dask. They mean something
only on a machine with two idle cores: the load average before and after is recorded, and CPU
seconds of this process are given beside wall time.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import duckdb
from scale_inputs import dev_records, machine, save, write_jsonl

from communique.api import Communique
from communique.engine.dask_engine import code_on_dask
from communique.export import event_to_dict
from communique.records import Document

KEY = ("event_id", "event_type", "cameo", "date")


def event_keys(docs: list[Document]) -> list[tuple]:
    rows = []
    for doc in docs:
        for event in doc.events:
            data = event_to_dict(event)
            rows.append((*(data[k] for k in KEY), data["actor"]["country"], data["recipient"]["country"]))
    return sorted(rows, key=repr)


def timed(run) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = run()
    return time.perf_counter() - wall, time.process_time() - cpu, value


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    load_before = machine()["load_average_1min"]

    coder = Communique()
    coder.code_text("China and Vietnam held talks in Hanoi.")  # load everything before timing
    records = dev_records(args.copies)
    with tempfile.TemporaryDirectory(prefix="communique-workers-") as tmp:
        work = Path(tmp)
        source = write_jsonl(records, work / "articles.jsonl")
        parts = [write_jsonl(records[i::args.partitions], work / f"part-{i:03d}.jsonl")
                 for i in range(args.partitions)]

        def code(workers: int) -> list[Document]:
            return [d for d in coder.code_paths([source], workers=workers) if isinstance(d, Document)]

        one_wall, one_cpu, one = timed(lambda: code(1))
        many_wall, many_cpu, many = timed(lambda: code(args.workers))
        dask_wall, dask_cpu, results = timed(lambda: list(code_on_dask(coder.config, [str(p) for p in parts],
                                                                      work / "out", workers=args.workers, coder=coder)))
        with duckdb.connect() as con:
            columns = ", ".join(KEY) + ", actor_country, recipient_country"
            dask_events = sorted(con.execute(f"SELECT {columns} FROM read_parquet(?)",
                                             [str(work / "out" / "events" / "*.parquet")]).fetchall(), key=repr)
    docs, reference = len(one), event_keys(one)
    save("workers", {
        "docs": docs, "events": len(reference), "workers": args.workers, "dask_partitions": args.partitions,
        "docs_per_s": {"one_process": round(docs / one_wall, 2), f"workers_{args.workers}": round(docs / many_wall, 2),
                       f"dask_local_{args.workers}": round(docs / dask_wall, 2)},
        "ratio_workers_over_one": round(one_wall / many_wall, 3),
        "ratio_dask_over_one": round(one_wall / dask_wall, 3),
        "targets": {"ratio_workers_over_one": 1.7, "ratio_dask_over_one": 1.6},
        "same_events": {f"workers_{args.workers}": event_keys(many) == reference,
                        f"dask_local_{args.workers}": [tuple(r) for r in dask_events] == reference},
        "seconds_wall": {"one_process": round(one_wall, 2), f"workers_{args.workers}": round(many_wall, 2),
                         f"dask_local_{args.workers}": round(dask_wall, 2)},
        "seconds_cpu_main_process": {"one_process": round(one_cpu, 2), f"workers_{args.workers}": round(many_cpu, 2),
                                     f"dask_local_{args.workers}": round(dask_cpu, 2)},
        "dask_peak_rss_mb_per_worker": {str(pid): round(max(r.peak_rss_mb for r in results if r.worker_pid == pid), 1)
                                        for pid in sorted({r.worker_pid for r in results})},
        "dask_partition_seconds": sorted(round(r.seconds, 2) for r in results),
        "available_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        **machine(), "load_average_1min_before": load_before,
        "command": f"python benchmarks/workers.py --copies {args.copies} --partitions {args.partitions} "
                   f"--workers {args.workers}",
    })


if __name__ == "__main__":
    main()
