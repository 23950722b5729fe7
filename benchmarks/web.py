"""HTTP API latency on a synthetic store of a million events.

    python benchmarks/web.py [--events 1000000] [--requests 60] [--db PATH] [--out benchmarks/results/web.json]

The store is made by SQL (``range()``), not by coding text: 40 states with a skewed share of the
events (a few busy dyads, many quiet ones), dates over ten years, one evidence sentence per event,
20,000 documents from five outlets. Requests go through the ASGI app in process (routing,
validation, query, JSON), each timed from request to full body; the first of each kind warms up.
Bars: p95 of ``/dyads/{a}/{b}/series`` and of a filtered ``/events`` page at most 200 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from communique.store import Store
from communique.web import create_app

REPO = Path(__file__).resolve().parents[1]
COUNTRIES = ("CHN VNM USA RUS IND PAK JPN KOR PRK PHL IDN MYS THA KHM LAO MMR AUS NZL GBR FRA DEU ITA ESP "
             "POL UKR TUR IRN IRQ SYR ISR EGY SAU ARE QAT NGA ZAF KEN ETH BRA MEX").split()
TYPES = ("CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
         "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
BAR_MS = 200


def build(db: Path, events: int) -> None:
    """Fill a new store with ``events`` synthetic events through SQL."""
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    types = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"
    docs = 20_000
    with Store(db) as store:
        con = store.con
        con.execute(f"""
            INSERT INTO documents (doc_id, content_hash, source, published, text)
            SELECT 'd' || i, 'h' || i, (['Xinhua', 'VOVworld', 'Reuters', 'AP', 'Kyodo'])[1 + i % 5],
                   strftime(DATE '2015-01-01' + CAST(i % 3650 AS INTEGER), '%Y-%m-%d'), 'text ' || i
            FROM range({docs}) t(i)""")
        con.execute(f"""
            INSERT INTO events (event_id, event_type, cameo, quad_class, goldstein, actor_country, actor_sector,
                                recipient_country, recipient_sector, "symmetric", "date", date_precision,
                                location_name, location_country, location_lat, location_lon, status, rule,
                                confidence, doc_id, sentence_index, trigger_text, trigger_start, trigger_end)
            SELECT 'ev' || lpad(i::VARCHAR, 8, '0'), t, '040', q, (q * 3.0 - 7.5) + (i % 7) * 0.5, a,
                   (['GOV', 'MIL', NULL])[1 + i % 3], r, (['GOV', 'MIL', NULL])[1 + (i // 3) % 3], false,
                   CASE WHEN i % 20 = 0 THEN NULL
                        ELSE strftime(DATE '2015-01-01' + CAST(floor(random() * 3650) AS INTEGER), '%Y-%m-%d') END,
                   'day', 'place ' || (i % 500), a, (i % 140) - 70.0, (i % 360) - 180.0, 'occurred',
                   'rule-' || t, 0.8, 'd' || (i % {docs}), 0, 'met', 0, 3
            FROM (
                SELECT i, {types}[1 + CAST(floor(random() * {len(TYPES)}) AS INTEGER)] AS t,
                       1 + CAST(floor(random() * 4) AS INTEGER) AS q,
                       {countries}[1 + CAST(floor(pow(random(), 2) * {len(COUNTRIES)}) AS INTEGER)] AS a,
                       {countries}[1 + CAST(floor(pow(random(), 2) * {len(COUNTRIES)}) AS INTEGER)] AS r
                FROM range({events}) t(i))""")
        con.execute("""
            INSERT INTO evidence (event_id, "position", doc_id, sentence_index, sentence, "start", "end")
            SELECT event_id, 0, doc_id, 0, actor_country || ' met ' || recipient_country || ' about ' || event_type,
                   0, 30 FROM events""")
        con.execute("CHECKPOINT")


def timed(client: TestClient, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code} {response.text[:200]}")
    return elapsed


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {"requests": len(times), "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)], 1),
            "max_ms": round(ordered[-1], 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=60, help="timed requests of each kind")
    ap.add_argument("--db", help="reuse or create this store file (default: a temporary one)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "web.json"))
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory()
    db = Path(args.db) if args.db else Path(tmp.name) / "web.duckdb"
    started = time.perf_counter()
    if not db.exists():
        build(db, args.events)
    build_s = time.perf_counter() - started

    rng = random.Random(args.seed)
    with TestClient(create_app(db)) as client:
        total = client.get("/events?limit=1").json()["total"]
        pairs = [(rng.choice(COUNTRIES[:12]), rng.choice(COUNTRIES)) for _ in range(args.requests + 1)]
        pairs = [(a, b if b != a else "RUS" if a != "RUS" else "CHN") for a, b in pairs]
        kinds = {
            "series_month": [f"/dyads/{a}/{b}/series?freq=month" for a, b in pairs],
            "series_week": [f"/dyads/{a}/{b}/series?freq=week" for a, b in pairs],
            "events_filtered_page": [
                f"/events?dyad={a},{b}&type={rng.choice(TYPES)},{rng.choice(TYPES)}&since=2017-01-01&limit=50"
                for a, b in pairs],
            "events_text_page": [f"/events?text={rng.choice(TYPES).lower()}&country={a}&limit=50" for a, _ in pairs],
            "network": ["/network?since=2020-01-01"] * (args.requests + 1),
        }
        results = {}
        for kind, urls in kinds.items():
            timed(client, urls[0])  # warm-up
            results[kind] = summary([timed(client, url) for url in urls[1:]])
            print(kind, results[kind])
    bars = {kind: results[kind]["p95_ms"] <= BAR_MS for kind in ("series_month", "series_week",
                                                                  "events_filtered_page")}
    report = {
        "command": " ".join(["python benchmarks/web.py"] + ([f"--events {args.events}"] if args.events != 1_000_000 else [])),
        "events": total, "store_build_s": round(build_s, 1), "bar_p95_ms": BAR_MS, "meets_bar": bars,
        "results": results, "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "load_average_1_5_15": [round(x, 1) for x in os.getloadavg()]},
    }
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report["meets_bar"]))
    tmp.cleanup()


if __name__ == "__main__":
    main()
