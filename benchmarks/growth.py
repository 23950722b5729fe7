"""Store writes as the store grows: docs/s per 1,000-article batch, from empty to 100,000 articles.

    python benchmarks/growth.py [--articles 100000] [--batch 1000]

The dev articles are coded once (that rate is measured too); each batch is 1,000 copies of them
with their own ids, content hashes and event ids, written as ``ingest`` writes (``write_all``,
256 documents a transaction). Coding does not depend on the store's size; the write does, so the
write is timed per batch, and the ingest rate it implies (coding then writing, one process) is
given beside it. Flat means the last batches are as fast as the first.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import tempfile
import time
from pathlib import Path

from scale_inputs import dev_records, machine, save

from communique.api import Communique
from communique.ingest.json_records import document_from_record
from communique.records import Document
from communique.store import Store

INGEST_BATCH = 256


def clone(doc: Document, n: int) -> Document:
    """A copy of a coded document under new ids (its rows are otherwise the same)."""
    new = copy.deepcopy(doc)
    new.doc_id, new.content_hash = f"{doc.doc_id}-{n}", f"{doc.content_hash[:48]}{n:016x}"
    for mention in new.mentions:
        mention.doc_id = new.doc_id
    for event in new.events:
        event.event_id, event.doc_id = f"{event.event_id}-{n}", new.doc_id
        for evidence in event.evidence:
            evidence.doc_id = new.doc_id
    for mechanism in new.mechanisms:
        mechanism.doc_id = new.doc_id
    return new


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--batch", type=int, default=1000)
    args = ap.parse_args()

    coder = Communique()
    records = dev_records(1)
    docs = [document_from_record(r, origin=f"dev:{r['id']}", label=r["id"]) for r in records]
    start = time.perf_counter()
    coded = [d for d in coder.code_documents(docs) if isinstance(d, Document)]
    code_rate = len(coded) / (time.perf_counter() - start)
    for doc in coded:
        doc.annotations = {}  # the parse is not stored; copying it would dominate the run

    rates, sizes = [], []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "growth.duckdb") as store:
        for first in range(0, args.articles, args.batch):
            batch = [clone(coded[i % len(coded)], first + i) for i in range(args.batch)]
            start = time.perf_counter()
            result = store.write_all(batch, batch_size=INGEST_BATCH)
            seconds = time.perf_counter() - start
            assert len(result.stored) == args.batch, result.failed[:2]
            rates.append(args.batch / seconds)
            sizes.append(first + args.batch)
        counts = store.counts()
        store_mb = round((Path(tmp) / "growth.duckdb").stat().st_size / 1e6, 1)
    first10, last10 = statistics.median(rates[:10]), statistics.median(rates[-10:])
    implied = [1 / (1 / code_rate + 1 / r) for r in rates]
    save("growth", {
        "articles": sizes[-1], "batch": args.batch, "events": counts["events"], "store_mb": store_mb,
        "code_docs_per_s": round(code_rate, 2),
        "write_docs_per_s_median_first_10_batches": round(first10, 1),
        "write_docs_per_s_median_last_10_batches": round(last10, 1),
        "write_ratio_last_over_first": round(last10 / first10, 3),
        "implied_ingest_docs_per_s_first_last": [round(statistics.median(implied[:10]), 2),
                                                 round(statistics.median(implied[-10:]), 2)],
        "write_docs_per_s_per_batch": [round(r, 1) for r in rates], **machine(),
        "command": f"python benchmarks/growth.py --articles {args.articles} --batch {args.batch}",
    })


if __name__ == "__main__":
    main()
