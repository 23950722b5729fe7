"""Time and peak memory of coding one very long article, in a fresh process per case.

    python benchmarks/long_document.py [--chars 1000000] [--cases paragraphs,one-line,no-punctuation]
                                       [--out benchmarks/results/long_document.json]

The article is the bundled example articles' bodies repeated to ``--chars`` characters:

- ``paragraphs``: as articles are written, paragraphs separated by blank lines;
- ``one-line``: the same text on a single line;
- ``no-punctuation``: the same words on one line with every punctuation mark removed.

Each case runs ``communique code FILE -o OUT`` in its own process; the wall time and that
process's peak resident memory (``getrusage``) are recorded with the number of events.
The bar: a 1 MB article codes in under 60 s and under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from communique.ingest import read_inputs
from communique.records import Document

REPO = Path(__file__).resolve().parents[1]
CASES = ("paragraphs", "one-line", "no-punctuation")
BAR_SECONDS, BAR_BYTES = 60, 1_000_000_000
# Runs the command given as arguments; prints its exit code and peak resident memory (KiB) last on stderr.
MEASURE = ("import resource, subprocess, sys\n"
           "code = subprocess.run(sys.argv[1:]).returncode\n"
           "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)")


def article(chars: int, case: str) -> str:
    bodies = [d.text for d in read_inputs([REPO / "examples" / "articles"]) if isinstance(d, Document)]
    paragraphs = [p.strip() for body in bodies for p in body.split("\n") if p.strip()]
    out, size, i = [], 0, 0
    while size < chars:
        out.append(paragraphs[i % len(paragraphs)])
        size += len(out[-1]) + 2
        i += 1
    text = "\n\n".join(out)[:chars]
    if case == "one-line":
        return " ".join(text.split())
    if case == "no-punctuation":
        return " ".join(re.sub(r"[^\w\s]", " ", text).split())
    return text


def run_case(chars: int, case: str, folder: Path) -> dict:
    source, out = folder / f"{case}.txt", folder / f"{case}.jsonl"
    source.write_text("date 2021-04-24\n" + article(chars, case) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "communique.cli", "code", str(source), "-o", str(out), "--no-progress"]
    # a fresh parent per case, so that its children's peak memory is this case's alone
    measure = [sys.executable, "-c", MEASURE, *command]
    t0 = time.perf_counter()
    done = subprocess.run(measure, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    *errors, last = done.stderr.strip().splitlines() or [""]
    exit_code, peak_kib = (int(v) for v in last.split()) if re.fullmatch(r"-?\d+ \d+", last) else (-1, 0)
    events = sum(1 for line in out.read_text(encoding="utf-8").splitlines() if line.strip()) if out.exists() else 0
    return {
        "case": case, "chars": source.stat().st_size, "exit_code": exit_code, "stderr": errors[-3:],
        "seconds": round(seconds, 1), "peak_rss_mb": round(peak_kib / 1024, 1), "events": events,
        "within_bar": exit_code == 0 and seconds < BAR_SECONDS and peak_kib * 1024 < BAR_BYTES,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "long_document.json"))
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for case in args.cases.split(","):
            results.append(run_case(args.chars, case, Path(folder)))
            print(json.dumps(results[-1]), flush=True)
    report = {"benchmark": "long_document", "chars": args.chars, "bar": {"seconds": BAR_SECONDS, "bytes": BAR_BYTES},
              "python": platform.python_version(), "machine": platform.machine(), "results": results}
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
