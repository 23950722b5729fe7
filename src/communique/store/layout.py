"""How the events table is laid out for queries at scale.

* ``events.dyad`` holds the unordered pair of states of an event (``"CHN|VNM"``, the smaller
  code first; empty when a side has no state), so a dyad filter is one equality on one column.
* :func:`optimize` rewrites the events table in (dyad, date) order: DuckDB keeps the minimum and
  maximum of each column per row group, so a dyad's events then sit in one or two row groups and
  the rest of the table is skipped unread.
* ``event_months`` counts events per (actor state, recipient state, month, quad class), kept
  with every write and delete, so networks over whole months or years read it, not the events.
"""

from __future__ import annotations

from typing import Any

# The month key of a date string: its first seven characters (a year-only date keeps its four);
# an undated event has the empty key.
MONTH_SQL = "coalesce(substr({date}, 1, 7), '')"
DYAD_SQL = ("CASE WHEN {a} IS NULL OR {b} IS NULL THEN '' "
            "ELSE least({a}, {b}) || '|' || greatest({a}, {b}) END")

EVENT_MONTHS = """
CREATE TABLE IF NOT EXISTS event_months (
    actor_country     VARCHAR NOT NULL,
    recipient_country VARCHAR NOT NULL,
    "month"           VARCHAR NOT NULL,  -- the first seven characters of the date ('' undated)
    quad_class        INTEGER NOT NULL,  -- 0: none
    events            BIGINT NOT NULL,
    goldstein_sum     DOUBLE NOT NULL,
    goldstein_n       BIGINT NOT NULL,
    PRIMARY KEY (actor_country, recipient_country, "month", quad_class)
)"""

# Rows of events that count toward event_months: both sides are states, and not the same one.
COUNTED = "actor_country IS NOT NULL AND recipient_country IS NOT NULL AND actor_country <> recipient_country"
COUNTS_OF = f"""
SELECT actor_country, recipient_country, {MONTH_SQL.format(date='"date"')} AS "month",
       coalesce(quad_class, 0) AS quad_class, count(*) * {{sign}} AS events,
       coalesce(sum(goldstein), 0) * {{sign}} AS goldstein_sum, count(goldstein) * {{sign}} AS goldstein_n
FROM ({{source}}) WHERE {COUNTED} GROUP BY ALL"""
ADD_COUNTS = """
INSERT INTO event_months {counts}
ON CONFLICT (actor_country, recipient_country, "month", quad_class) DO UPDATE SET
    events = event_months.events + excluded.events,
    goldstein_sum = event_months.goldstein_sum + excluded.goldstein_sum,
    goldstein_n = event_months.goldstein_n + excluded.goldstein_n"""


def dyad_key(a: str | None, b: str | None) -> str:
    """The stored dyad of two state codes, in either order."""
    if a is None or b is None:
        return ""
    return f"{min(a, b)}|{max(a, b)}"


def migrate(con: Any) -> None:
    """Give a store written before this layout its dyad column and its monthly counts."""
    dyad, months = has_layout(con)
    if not dyad:
        con.execute("ALTER TABLE events ADD COLUMN dyad VARCHAR")
        con.execute(f"UPDATE events SET dyad = {DYAD_SQL.format(a='actor_country', b='recipient_country')}")
    if not months:
        con.execute(EVENT_MONTHS)
        add_counts(con, "SELECT * FROM events")


def add_counts(con: Any, source: str, params: list[Any] | None = None,
               sign: int = 1) -> None:
    """Add (``sign`` 1) or take away (-1) the events of ``source`` (a SELECT over events rows)."""
    sql = ADD_COUNTS.format(counts=COUNTS_OF.format(source=source, sign=1 if sign > 0 else -1))
    con.execute(sql, params or [])
    if sign < 0:
        con.execute("DELETE FROM event_months WHERE events <= 0")


def has_layout(con: Any) -> tuple[bool, bool]:
    """(the events table has its dyad column, the store keeps monthly counts): read-only stores
    written before this layout have neither, and are queried without them."""
    dyad, months = con.execute(
        "SELECT (SELECT count(*) FROM duckdb_columns() WHERE table_name = 'events' AND column_name = 'dyad' "
        "AND schema_name = current_schema()), (SELECT count(*) FROM duckdb_tables() "
        "WHERE table_name = 'event_months' AND schema_name = current_schema())").fetchone()
    return bool(dyad), bool(months)


def optimize(con: Any) -> None:
    """Rewrite the events table in (dyad, date, id) order and the monthly counts in month order,
    in one transaction, then checkpoint. Queries give the same answers before and after; a
    dyad's events and a year's counts are then read from a few row groups."""
    con.execute("BEGIN TRANSACTION")
    try:
        for table, order in (("events", 'dyad, "date" NULLS LAST, event_id'),
                             ("event_months", '"month", actor_country, recipient_country, quad_class')):
            ddl = con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = ? "
                              "AND schema_name = current_schema()", [table]).fetchone()[0]
            indexes = [sql for (sql,) in con.execute(
                "SELECT sql FROM duckdb_indexes() WHERE table_name = ? AND schema_name = current_schema() "
                "AND sql IS NOT NULL", [table]).fetchall()]
            con.execute(ddl.replace(f"CREATE TABLE {table}(", f"CREATE TABLE {table}__sorted(", 1))
            con.execute(f"INSERT INTO {table}__sorted SELECT * FROM {table} ORDER BY {order}")
            con.execute(f"DROP TABLE {table}")
            con.execute(f"ALTER TABLE {table}__sorted RENAME TO {table}")
            for sql in indexes:  # the indexes of the table, made anew on the rewritten one
                con.execute(sql)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("CHECKPOINT")
