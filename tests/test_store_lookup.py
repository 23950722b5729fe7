"""Look-ups by a list of keys: every key answered once, however many statements the list takes."""

from __future__ import annotations

import duckdb

from communique.store import lookup


def test_a_key_list_longer_than_one_statement_is_answered_whole_and_once(monkeypatch):
    monkeypatch.setattr(lookup, "CHUNK", 3)
    con = duckdb.connect()
    con.execute("CREATE TABLE t (k VARCHAR PRIMARY KEY, v INTEGER)")
    con.execute("INSERT INTO t SELECT 'k' || i, i FROM range(10) r(i)")
    keys = ["k1", "k2", "k2", "k5", "k7", "k9", "missing", "k0"]
    rows = lookup.fetch_in(con, "SELECT k, v FROM t WHERE v >= ? AND k IN {keys}", keys, 1)
    assert sorted(rows) == [("k1", 1), ("k2", 2), ("k5", 5), ("k7", 7), ("k9", 9)]
    lookup.execute_in(con, "DELETE FROM t WHERE k IN {keys}", keys)
    assert con.execute("SELECT k FROM t ORDER BY k").fetchall() == [("k3",), ("k4",), ("k6",), ("k8",)]


def test_no_keys_run_no_statement():
    con = duckdb.connect()
    assert lookup.fetch_in(con, "SELECT * FROM no_such_table WHERE k IN {keys}", []) == []
