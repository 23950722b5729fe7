"""Inputs shared by the scale benchmarks: the dev articles repeated with distinct texts.

Copy ``k`` of an article gets the id ``ID-k`` and a closing line ``File reference k-ID.``, so every
copy has its own content hash and nothing is skipped as a duplicate.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV_ARTICLES = HERE.parent.parent / "shared" / "eval" / "dev" / "articles.jsonl"
RESULTS = HERE / "results"


def dev_records(copies: int) -> list[dict]:
    if not DEV_ARTICLES.exists():
        sys.exit(f"dev articles not found: {DEV_ARTICLES}")
    base = [json.loads(line) for line in DEV_ARTICLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{**record, "id": f"{record['id']}-{k}", "text": f"{record['text']}\n\nFile reference {k}-{record['id']}."}
            for k in range(copies) for record in base]


def write_jsonl(records: list[dict], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def machine() -> dict:
    """What the figures were measured on, including how busy the machine was."""
    return {"python": platform.python_version(), "machine": platform.machine(), "cores": os.cpu_count(),
            "load_average_1min": round(os.getloadavg()[0], 2)}


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def save(name: str, result: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
