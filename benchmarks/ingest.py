"""Ingest against code, and re-ingest against first ingest, on the dev articles with distinct texts.

    python benchmarks/ingest.py [--copies 10] [--workers 1]

In one run, on the same JSONL file: ``code`` (read and code, events discarded), ``ingest`` into a
new store (read, code, store), and ``ingest`` again of the unchanged input (every document is
skipped by its content hash before it is parsed). The pipeline is loaded before timing. Wall and
CPU seconds are both reported: the CPU figures are what the machine's other load cannot inflate.
With workers, the CPU of all processes (main and workers) gives the ratio a machine whose cores
the run has to itself would show, since coding and storing then share the same cores.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from scale_inputs import dev_records, machine, save, write_jsonl

from communique.api import Communique
from communique.records import Document
from communique.store import Store


def all_cpu() -> float:
    """CPU seconds of this process and of its ended children (the workers, once their pool is shut)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(run) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = run()
    return time.perf_counter() - wall, time.process_time() - cpu, value


def timed_all(run) -> tuple[float, float, float, object]:
    """Wall, main-process CPU and all-process CPU seconds of ``run``, and its value."""
    before = all_cpu()
    wall, cpu, value = timed(run)
    return wall, cpu, all_cpu() - before, value


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()

    coder = Communique()
    coder.code_text("China and Vietnam held talks in Hanoi.")  # load everything before timing
    with tempfile.TemporaryDirectory() as tmp:
        source = write_jsonl(dev_records(args.copies), Path(tmp) / "articles.jsonl")
        code_wall, code_cpu, code_all, coded = timed_all(lambda: [d for d in coder.code_paths([source], workers=args.workers)
                                                    if isinstance(d, Document)])
        docs = len(coded)
        with Store(Path(tmp) / "store.duckdb") as store:
            ingest_wall, ingest_cpu, ingest_all, first = timed_all(lambda: coder.ingest_paths(store, [source], workers=args.workers))
            again_wall, again_cpu, again = timed(lambda: coder.ingest_paths(store, [source], workers=args.workers))
            counts = store.counts()
    assert len(first.stored) + len(first.failed) == docs and not again.stored
    save("ingest", {
        "docs": docs, "stored": len(first.stored), "events": counts["events"], "workers": args.workers,
        "store_failures": sorted({f.reason.split(":")[0] + ": " + f.reason.split(":")[1] for f in first.failed}),
        "store_failed_docs": [f.doc_id for f in first.failed],
        "reingest_skipped": len(again.skipped_duplicates),
        "code_docs_per_s": round(docs / code_wall, 2), "ingest_docs_per_s": round(docs / ingest_wall, 2),
        "ratio_ingest_over_code": round(code_wall / ingest_wall, 3),
        "reingest_seconds": round(again_wall, 3), "ratio_first_ingest_over_reingest": round(ingest_wall / again_wall, 1),
        "seconds_wall": {"code": round(code_wall, 2), "ingest": round(ingest_wall, 2), "reingest": round(again_wall, 3)},
        "seconds_cpu_main_process": {"code": round(code_cpu, 2), "ingest": round(ingest_cpu, 2),
                                     "reingest": round(again_cpu, 3)},
        "ratio_ingest_over_code_cpu": round(code_cpu / ingest_cpu, 3) if args.workers == 1 else None,
        "seconds_cpu_all_processes": {"code": round(code_all, 2), "ingest": round(ingest_all, 2)},
        "ratio_ingest_over_code_cpu_all_processes": round(code_all / ingest_all, 3),
        **machine(),
        "command": f"python benchmarks/ingest.py --copies {args.copies} --workers {args.workers}",
    })


if __name__ == "__main__":
    main()
