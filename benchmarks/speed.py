"""End-to-end coding speed against spaCy's own ``nlp.pipe`` on the same texts, in one run.

    python benchmarks/speed.py [--docs 500] [--input PATH] [--out benchmarks/results/speed.json]

The bundled example articles (or the articles of ``--input``: a JSONL file or a folder, such as
``../shared/eval/dev/articles.jsonl``) are repeated to ``--docs`` documents. Both sides parse the same
texts with the same model and batch size, alternately ``--repeats`` times; each side's best time
counts. The ratio is ours / spaCy alone (docs per second).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import time
from pathlib import Path

from communique.api import Communique
from communique.ingest import read_inputs
from communique.records import Document

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--repeats", type=int, default=3, help="alternating runs of each; the best time counts")
    ap.add_argument("--input", default=str(REPO / "examples" / "articles"), help="articles to repeat")
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "speed.json"))
    args = ap.parse_args()

    base = [d for d in read_inputs([Path(args.input)]) if isinstance(d, Document)]
    docs = [base[i % len(base)] for i in range(args.docs)]
    coder = Communique()
    nlp = coder.pipeline.stages[0][1].nlp  # the same loaded spaCy pipeline
    texts = [d.text for d in docs]
    list(nlp.pipe(texts[:8]))  # warm up

    def spacy_alone() -> float:
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        return time.perf_counter() - t0

    def communique() -> tuple[float, int]:
        fresh = [Document(doc_id=f"{d.doc_id}-{i}", text=d.text, content_hash=d.content_hash, published=d.published,
                          dateline_place=d.dateline_place, dateline_date=d.dateline_date, title=d.title,
                          source=d.source) for i, d in enumerate(docs)]
        t0 = time.perf_counter()
        coded = list(coder.code_documents(fresh, batch_size=args.batch_size))
        return time.perf_counter() - t0, sum(len(d.events) for d in coded if isinstance(d, Document))

    # alternate the two, and keep each one's best time (machine noise only ever adds time)
    spacy_times, ours_times = [], []
    for _ in range(args.repeats):
        spacy_times.append(spacy_alone())
        seconds, n_events = communique()
        ours_times.append(seconds)
    spacy_s, ours_s = min(spacy_times), min(ours_times)

    result = {
        "docs": args.docs, "model": coder.config["nlp"]["model"], "batch_size": args.batch_size,
        "spacy_docs_per_s": round(args.docs / spacy_s, 1), "communique_docs_per_s": round(args.docs / ours_s, 1),
        "ratio_ours_over_spacy": round(spacy_s / ours_s, 3), "events": n_events, "repeats": args.repeats,
        "spacy_seconds": [round(t, 2) for t in spacy_times], "communique_seconds": [round(t, 2) for t in ours_times],
        "python": platform.python_version(), "machine": platform.machine(),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_average_1min": round(os.getloadavg()[0], 2), "input": args.input,
        "command": "python benchmarks/speed.py --docs %d --repeats %d --input %s" % (args.docs, args.repeats, args.input),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
