"""Queries on a store of synthetic events: a dyad's events in a date range (one page), a dyad's
monthly quad-class series, and the top 20 dyads of a year.

    python benchmarks/queries.py [--events 10000000] [--store /tmp/communique-synthetic.duckdb]

The store is generated once with DuckDB SQL (reused while it holds ``--events`` events): about 200
states drawn Zipf-like (state k with weight about 1/k, so dyads are too), dates 2000-01-01 to
2026-12-31, 16 PLOVER types, one evidence row per event, five events per document; then the store
lays itself out for queries (``Store.optimize``: events in dyad and date order). Each query runs
through the project's own query code (``communique.store.queries`` when the package has it, else
``Store.events`` and SQL for what it lacks, as the result says), five times; the median counts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import pycountry
from scale_inputs import RESULTS, machine, save

from communique.store import Store
from communique.store.layout import add_counts, has_layout

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
HEAD = ["USA", "CHN", "RUS", "GBR", "FRA", "IND", "JPN", "DEU", "ISR", "IRN", "UKR", "PAK", "TUR", "KOR", "PRK",
        "SYR", "IRQ", "AFG", "VNM", "PHL"]
REPEATS = 5


def states(n: int = 200) -> list[str]:
    rest = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in HEAD)
    return (HEAD + rest)[:n]


def generate(path: Path, events: int) -> None:
    codes = states()
    with Store(path) as store:
        con = store.con
        con.execute("CREATE TEMP TABLE codes AS SELECT unnest(?::VARCHAR[]) AS code, "
                    "generate_subscripts(?::VARCHAR[], 1) AS k", [codes, codes])
        con.execute("CREATE TEMP TABLE kinds AS SELECT unnest(?::VARCHAR[]) AS kind, "
                    "generate_subscripts(?::VARCHAR[], 1) AS k", [TYPES, TYPES])
        # state index k in 1..200 with P(k) ~ 1/k: k = floor(200^u) for u uniform in [0, 1)
        con.execute(f"""
            CREATE TEMP TABLE draws AS
            SELECT i, least(200, CAST(floor(pow(200, random())) AS INTEGER)) AS a,
                      least(200, CAST(floor(pow(200, random())) AS INTEGER)) AS b,
                      1 + CAST(floor(random() * 16) AS INTEGER) AS t,
                      DATE '2000-01-01' + CAST(floor(random() * 9862) AS INTEGER) AS day
            FROM range({events}) r(i)""")
        con.execute("""
            INSERT INTO events (event_id, event_type, cameo, quad_class, goldstein, actor_country, actor_sector,
                                recipient_country, recipient_sector, "symmetric", "date", date_precision, status,
                                rule, confidence, doc_id, sentence_index, dyad)
            SELECT 'ev-' || d.i, k.kind, lpad(CAST(k.k AS VARCHAR), 2, '0') || '0', 1 + (k.k - 1) // 4,
                   round(10 - k.k * 1.25, 1), ca.code, 'GOV', cb.code, 'GOV', false, strftime(d.day, '%Y-%m-%d'),
                   'day', 'occurred', 'synthetic', 0.8, 'doc-' || (d.i // 5), d.i % 5,
                   least(ca.code, cb.code) || '|' || greatest(ca.code, cb.code)
            FROM draws d JOIN codes ca ON ca.k = d.a JOIN codes cb ON cb.k = CASE WHEN d.b = d.a THEN d.b % 200 + 1
                                                                                  ELSE d.b END
            JOIN kinds k ON k.k = d.t""")
        con.execute("""
            INSERT INTO evidence (event_id, "position", doc_id, sentence_index, sentence, "start", "end")
            SELECT 'ev-' || i, 0, 'doc-' || (i // 5), i % 5, 'Synthetic sentence ' || i || '.', 0, 24 FROM draws""")
        add_counts(con, "SELECT * FROM events")
        con.execute("CHECKPOINT")


def optimize(path: Path) -> float:
    start = time.perf_counter()
    with Store(path) as store:
        store.optimize()
    return round(time.perf_counter() - start, 1)


def laid_out(path: Path, events: int) -> bool:
    """The store holds ``events`` events and the query layout (dyad column, monthly counts)."""
    with Store(path, read_only=True) as store:
        return store.counts()["events"] == events and all(has_layout(store.con))


def timed(run) -> tuple[float, object]:
    times, value = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        value = run()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 1), value


def plain_sql(con, a: str, b: str, year: str) -> dict[str, float]:
    """The three questions asked of the events table without the store's layout, for comparison."""
    pair = "((actor_country = ? AND recipient_country = ?) OR (actor_country = ? AND recipient_country = ?))"
    queries = {
        "dyad_date_page": (f'SELECT event_id, "date", count(*) OVER () FROM events WHERE {pair} AND "date" >= ? '
                           'AND ("date" <= ? OR starts_with("date", ?)) ORDER BY "date", event_id LIMIT 51',
                           [a, b, b, a, "2010", "2015", "2015"]),
        "dyad_monthly_quad_series": (f'SELECT substr("date", 1, 7) AS month, actor_country, quad_class, count(*), '
                                     f'avg(goldstein) FROM events WHERE {pair} GROUP BY ALL ORDER BY ALL',
                                     [a, b, b, a]),
        "top20_dyads_in_a_year": ('SELECT actor_country, recipient_country, count(*) AS n FROM events '
                                  'WHERE starts_with("date", ?) AND actor_country <> recipient_country '
                                  'GROUP BY ALL ORDER BY n DESC LIMIT 20', [year]),
    }
    return {name: timed(lambda q=sql, p=params: con.execute(q, p).fetchall())[0]
            for name, (sql, params) in queries.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--store", default="/tmp/communique-synthetic.duckdb")
    args = ap.parse_args()
    path = Path(args.store)
    generated_s = optimized_s = None
    if path.exists() and not laid_out(path, args.events):
        path.unlink()
    previous = RESULTS / "queries.json"
    if path.exists() and previous.exists():  # the store is reused: keep the figures of its making
        made = json.loads(previous.read_text())
        if made.get("events") == args.events:
            generated_s, optimized_s = made.get("generated_seconds"), made.get("optimize_seconds")
    if not path.exists():
        start = time.perf_counter()
        generate(path, args.events)
        generated_s = round(time.perf_counter() - start, 1)
        optimized_s = optimize(path)

    a, b, year = "CHN", "VNM", "2015"
    results: dict[str, dict] = {}
    with Store(path, read_only=True) as store:
        counts = store.counts()
        try:
            from communique.store.filters import EventFilter
            from communique.store.queries import Queries
        except ImportError:
            Queries = None
        if Queries is not None:
            queries = Queries(store.con)
            through = "communique.store.queries.Queries"
            page = lambda: queries.events_page(EventFilter(dyad=(a, b), since="2010", until="2015"), limit=50)  # noqa: E731
            series = lambda: queries.dyad_series(a, b, "month")  # noqa: E731
            top = lambda: queries.network(EventFilter(since=year, until=year), limit=20)["edges"]  # noqa: E731
            ms, value = timed(page)
            results["dyad_date_page"] = {"ms": ms, "rows": len(value.items), "total": value.total}
        else:
            through = "Store.events (no paging: every matching event) and SQL for the aggregates"
            ms, value = timed(lambda: store.events(dyad=(a, b), since="2010", until="2015"))
            results["dyad_date_page"] = {"ms": ms, "rows": len(value), "note": "Store.events returns all matches"}
            series = lambda: store.con.execute(  # noqa: E731
                "SELECT substr(\"date\", 1, 7) AS month, quad_class, count(*) FROM events WHERE (actor_country = ? "
                "AND recipient_country = ?) OR (actor_country = ? AND recipient_country = ?) GROUP BY ALL "
                "ORDER BY ALL", [a, b, b, a]).fetchall()
            top = lambda: store.con.execute(  # noqa: E731
                "SELECT actor_country, recipient_country, count(*) AS n FROM events WHERE \"date\" LIKE ? "
                "GROUP BY ALL ORDER BY n DESC LIMIT 20", [year + "%"]).fetchall()
        ms, value = timed(series)
        results["dyad_monthly_quad_series"] = {"ms": ms, "rows": len(value)}
        ms, value = timed(top)
        results["top20_dyads_in_a_year"] = {"ms": ms, "rows": len(value)}
        plain = plain_sql(store.con, a, b, year)
        size = store.con.execute("SELECT block_size, used_blocks, free_blocks FROM pragma_database_size()").fetchone()
        dyad_events = store.con.execute(
            "SELECT count(*) FROM events WHERE (actor_country = ? AND recipient_country = ?) OR "
            "(actor_country = ? AND recipient_country = ?)", [a, b, b, a]).fetchone()[0]
    save("queries", {
        "events": counts["events"], "evidence": counts["evidence"], "store_mb": round(path.stat().st_size / 1e6, 1),
        "store_used_mb": round(size[0] * size[1] / 1e6, 1), "store_free_mb": round(size[0] * size[2] / 1e6, 1),
        "generated_seconds": generated_s, "optimize_seconds": optimized_s, "queried_through": through, "dyad": f"{a},{b}", "dyad_events": dyad_events,
        "page_filter": "dyad CHN,VNM since 2010 until 2015", "top_dyads_year": year, "repeats": REPEATS,
        "median_ms": {k: v["ms"] for k, v in results.items()}, "details": results,
        "plain_sql_median_ms": plain, "plain_sql": "the same questions as SQL on the events table alone (an "
        "either-direction condition on the two state columns, aggregates over all events), same run", **machine(),
        "command": f"python benchmarks/queries.py --events {args.events}",
    })


if __name__ == "__main__":
    main()
