"""The store's query layout (a dyad column, monthly counts, events in dyad and date order) changes
how fast queries are answered, never what they answer: every answer equals plain SQL over the
events table, before and after the store is laid out again, and after writes and deletes."""

from __future__ import annotations

import duckdb
import pytest

from communique.store import Store
from communique.store.filters import EventFilter
from communique.store.layout import add_counts, dyad_key
from communique.store.queries import Queries

from test_web import ARTICLES, article

STATES = ["CHN", "VNM", "USA", "PHL", "JPN", "NOR", "CHL"]
PAIR = "((actor_country = ? AND recipient_country = ?) OR (actor_country = ? AND recipient_country = ?))"


def fill(con: duckdb.DuckDBPyConnection, n: int = 4000) -> None:
    """Events between a few states, with the awkward cases: a side with no state, both sides the
    same state, dates of year or month precision only, an unknown year, no date, no quad class."""
    con.execute("SELECT setseed(0.25)")
    con.execute("CREATE TEMP TABLE states AS SELECT unnest(?::VARCHAR[]) AS code, "
                "generate_subscripts(?::VARCHAR[], 1) AS k", [STATES, STATES])
    con.execute(f"""
        CREATE TEMP TABLE draws AS SELECT i, 1 + CAST(floor(random() * 8) AS INTEGER) AS a,
               1 + CAST(floor(random() * 7) AS INTEGER) AS b, random() AS shape,
               DATE '2012-01-01' + CAST(floor(random() * 1500) AS INTEGER) AS day,
               CAST(floor(random() * 5) AS INTEGER) AS quad
        FROM range({n}) r(i)""")
    con.execute("""
        INSERT INTO events (event_id, event_type, quad_class, goldstein, actor_country, recipient_country,
                            "symmetric", "date", doc_id, dyad)
        SELECT 'e' || lpad(CAST(i AS VARCHAR), 5, '0'), 'CONSULT', nullif(quad, 0),
               CASE WHEN i % 11 = 0 THEN NULL ELSE quad * 1.5 - 4 END, sa.code, sb.code, false,
               CASE WHEN shape < 0.05 THEN NULL WHEN shape < 0.08 THEN 'XXXX-05-01'
                    WHEN shape < 0.15 THEN strftime(day, '%Y') WHEN shape < 0.25 THEN strftime(day, '%Y-%m')
                    ELSE strftime(day, '%Y-%m-%d') END,
               'd' || (i // 4), CASE WHEN sa.code IS NULL OR sb.code IS NULL THEN ''
                                     ELSE least(sa.code, sb.code) || '|' || greatest(sa.code, sb.code) END
        FROM draws LEFT JOIN states sa ON sa.k = a LEFT JOIN states sb ON sb.k = b""")
    add_counts(con, "SELECT * FROM events")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("layout") / "s.duckdb") as store:
        fill(store.con)
        yield store


def plain_page(con, a, b, since, until):
    where, params = [PAIR], [a, b, b, a]
    if since or until:
        where.append("\"date\" IS NOT NULL AND \"date\" NOT LIKE 'XXXX%'")
    if since:
        where.append('"date" >= ?')
        params.append(since)
    if until:
        where.append('("date" <= ? OR starts_with("date", ?))')
        params += [until, until]
    return [r[0] for r in con.execute(f'SELECT event_id FROM events WHERE {" AND ".join(where)} '
                                      'ORDER BY "date" NULLS LAST, event_id', params).fetchall()]


def plain_network(con, since, until):
    where, params = ["actor_country <> recipient_country"], []
    if since or until:
        where.append("\"date\" IS NOT NULL AND \"date\" NOT LIKE 'XXXX%'")
    if since:
        where.append('"date" >= ?')
        params.append(since)
    if until:
        where.append('("date" <= ? OR starts_with("date", ?))')
        params += [until, until]
    edges = {}
    rows = con.execute(f'SELECT actor_country, recipient_country, quad_class, count(*), avg(goldstein) '
                       f'FROM events WHERE {" AND ".join(where)} GROUP BY ALL', params).fetchall()
    for source, target, quad, n, _ in rows:
        edge = edges.setdefault((source, target), {"events": 0, "quads": {}})
        edge["events"] += n
        if quad is not None:
            edge["quads"][quad] = n
    means = dict(((s, t), g) for s, t, g in con.execute(
        f'SELECT actor_country, recipient_country, round(avg(goldstein), 3) FROM events '
        f'WHERE {" AND ".join(where)} GROUP BY ALL', params).fetchall())
    return sorted(((s, t), e["events"], min(e["quads"], key=lambda q: (-e["quads"][q], q)) if e["quads"] else None,
                   means[(s, t)]) for (s, t), e in edges.items())


DATE_BOUNDS = [(None, None), ("2013", "2014"), ("2013-03", "2015-07"), ("2014-02-10", "2014-11"), (None, "2013-06"),
               ("2015", None)]


def answers_equal_plain_sql(store: Store) -> None:
    queries = Queries(store.con)
    assert queries.dyad_column and queries.monthly_counts
    for a, b in (("CHN", "VNM"), ("VNM", "CHN"), ("USA", "NOR"), ("JPN", "JPN")):
        for since, until in DATE_BOUNDS:
            flt = EventFilter(dyad=(a, b), since=since, until=until)
            ids = [e["event_id"] for e in queries.iter_events(flt, batch=37)]
            assert ids == plain_page(store.con, a, b, since, until)
            assert queries.events_page(flt, limit=5).total == len(ids)
    for since, until in DATE_BOUNDS:
        network = queries.network(EventFilter(since=since, until=until), limit=1000)["edges"]
        got = sorted(((e["source"], e["target"]), e["events"], e["quad_class"], e["goldstein_mean"])
                     for e in network)
        assert got == plain_network(store.con, since, until)
        counts = [e["events"] for e in network]
        assert counts == sorted(counts, reverse=True)


def test_answers_equal_plain_sql_on_the_events_table(store):
    answers_equal_plain_sql(store)


def test_answers_do_not_change_when_the_store_is_laid_out_again(store):
    before = Queries(store.con).dyad_series("CHN", "VNM", "week")
    store.optimize()
    answers_equal_plain_sql(store)
    assert Queries(store.con).dyad_series("CHN", "VNM", "week") == before


def test_a_network_filtered_by_more_than_dates_is_counted_from_the_events(store):
    queries = Queries(store.con)
    by_day = queries.network(EventFilter(since="2013-01-01", until="2013-12-31"), limit=1000)["edges"]
    assert sorted(((e["source"], e["target"]), e["events"], e["quad_class"], e["goldstein_mean"]) for e in by_day) \
        == plain_network(store.con, "2013-01-01", "2013-12-31")
    quads = queries.network(EventFilter(since="2013", quad_classes=(4,)), limit=1000)["edges"]
    assert {e["quad_class"] for e in quads} == {4}


def test_the_dyad_key_is_the_same_pair_either_way_round():
    assert dyad_key("VNM", "CHN") == dyad_key("CHN", "VNM") == "CHN|VNM"
    assert dyad_key("CHN", None) == ""


def monthly_counts_match_events(con) -> None:
    kept = sorted(con.execute("SELECT * EXCLUDE (goldstein_sum), round(goldstein_sum, 6) FROM event_months "
                              "ORDER BY ALL").fetchall())
    con.execute("CREATE OR REPLACE TEMP TABLE recount AS SELECT * FROM event_months LIMIT 0")
    con.execute("INSERT INTO recount SELECT actor_country, recipient_country, coalesce(substr(\"date\", 1, 7), ''), "
                "coalesce(quad_class, 0), count(*), coalesce(sum(goldstein), 0), count(goldstein) FROM events "
                "WHERE actor_country <> recipient_country GROUP BY ALL")
    recounted = sorted(con.execute("SELECT * EXCLUDE (goldstein_sum), round(goldstein_sum, 6) FROM recount "
                                   "ORDER BY ALL").fetchall())
    assert kept == recounted


def test_monthly_counts_follow_writes_replacements_and_deletes(tmp_path):
    with Store(tmp_path / "w.duckdb") as store:
        store.write([article(d) for d in ARTICLES])
        monthly_counts_match_events(store.con)
        assert store.con.execute("SELECT sum(events) FROM event_months").fetchone()[0] == 5
        assert store.delete("b")
        monthly_counts_match_events(store.con)
        store.write([article("b")])
        monthly_counts_match_events(store.con)
        assert [e["event_id"] for e in store.events(dyad=("VNM", "CHN"))] == ["a0", "a1", "b0", "b1"]


def test_a_store_written_before_the_layout_gains_it_when_opened(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.write([article(d) for d in ARTICLES])
        store.con.execute("DROP TABLE event_months")
        store.con.execute("ALTER TABLE events DROP COLUMN dyad")
    with Store(path, read_only=True) as store:
        queries = Queries(store.con)
        assert not queries.dyad_column
        assert queries.events_page(EventFilter(dyad=("VNM", "CHN"))).total == 4
    with Store(path) as store:
        assert store.con.execute("SELECT count(DISTINCT dyad) FROM events").fetchone()[0] == 2
        monthly_counts_match_events(store.con)


def test_the_optimize_command_lays_out_a_store_without_changing_its_answers(tmp_path):
    from typer.testing import CliRunner

    from communique.cli import app

    path = tmp_path / "c.duckdb"
    with Store(path) as store:
        store.write([article(d) for d in ARTICLES])
    runner = CliRunner()
    listing = ["events", "--db", str(path), "--format", "jsonl", "--dyad", "VNM,CHN"]
    before = runner.invoke(app, listing)
    assert runner.invoke(app, ["optimize", "--db", str(path)]).exit_code == 0
    after = runner.invoke(app, listing)
    assert before.exit_code == after.exit_code == 0
    assert after.stdout == before.stdout and len(after.stdout.splitlines()) == 4
    assert runner.invoke(app, ["optimize", "--db", str(tmp_path / "none.duckdb")]).exit_code == 1


def test_laying_out_keeps_the_indexes_of_the_events(tmp_path):
    with Store(tmp_path / "i.duckdb") as store:
        store.write([article(d) for d in ARTICLES])
        store.con.execute("CREATE INDEX events_doc ON events (doc_id)")
        store.optimize()
        names = [n for (n,) in store.con.execute("SELECT index_name FROM duckdb_indexes() "
                                                 "WHERE table_name = 'events'").fetchall()]
        assert "events_doc" in names
        assert [e["event_id"] for e in store.events(doc_id="b")] == ["b0", "b1"]
