"""Look-ups by a list of keys that DuckDB answers from the table's index.

A key list given as one array parameter (``col IN (SELECT unnest(?))``) is joined against the whole
table, so its cost grows with the store; the same keys as a list of constants (``col IN (?, ?, ...)``)
are looked up in the column's ART index, at a cost that does not. Lists are sent in chunks.
"""

from __future__ import annotations

from typing import Any, Sequence

import duckdb

CHUNK = 512  # keys per statement: small enough for an index scan, large enough to keep statements few


def fetch_in(con: duckdb.DuckDBPyConnection, sql: str, keys: Sequence[Any], *params: Any) -> list[tuple]:
    """The rows of ``sql`` (whose ``{keys}`` stands for the parenthesised key list, after ``params``)
    for every key; keys are de-duplicated."""
    rows: list[tuple] = []
    for chunk in _chunks(keys):
        rows += con.execute(sql.format(keys=_placeholders(chunk)), [*params, *chunk]).fetchall()
    return rows


def execute_in(con: duckdb.DuckDBPyConnection, sql: str, keys: Sequence[Any]) -> None:
    """Run ``sql`` (a DELETE or UPDATE whose ``{keys}`` stands for the key list) for every key."""
    for chunk in _chunks(keys):
        con.execute(sql.format(keys=_placeholders(chunk)), list(chunk))


def _chunks(keys: Sequence[Any]) -> list[list[Any]]:
    unique = list(dict.fromkeys(keys))
    return [unique[i:i + CHUNK] for i in range(0, len(unique), CHUNK)]


def _placeholders(chunk: Sequence[Any]) -> str:
    return "(" + ", ".join("?" * len(chunk)) + ")"
