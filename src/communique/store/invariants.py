"""What a document must satisfy before it is written: checked before the transaction opens,
so a write never fails on what the coder produced and a bad document is reported whole.

The rows of a document are built once (:func:`prepare`) and checked against the store's own
column types, read from DuckDB's catalogue: NOT NULL columns hold a value, integers fit their
column, text is text, and keys are unique within the document.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..records import Document
from .rows import (Row, actor_rows, document_row, event_row, evidence_rows, mechanism_rows, mention_rows,
                   sentence_rows)

INTEGER_RANGES = {
    "TINYINT": (-2**7, 2**7 - 1), "SMALLINT": (-2**15, 2**15 - 1),
    "INTEGER": (-2**31, 2**31 - 1), "BIGINT": (-2**63, 2**63 - 1),
}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    nullable: bool


Schema = dict[str, dict[str, Column]]


class InvalidDocument(ValueError):
    """A coded document breaks a store invariant; the message says which row and value."""


@dataclass
class PreparedDocument:
    """A document's rows, table by table, ready for insertion."""

    doc: Document
    tables: dict[str, list[Row]] = field(default_factory=dict)
    replace: bool = False  # delete the rows stored under the same id first

    @property
    def event_ids(self) -> list[str]:
        return [row["event_id"] for row in self.tables["events"]]


def read_schema(con: Any) -> Schema:
    """Column names, types and nullability of every table, from the catalogue."""
    schema: Schema = {}
    for table, column, data_type, nullable in con.execute(
            "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
            "WHERE table_schema = current_schema()").fetchall():
        schema.setdefault(table, {})[column] = Column(column, data_type.upper(), nullable == "YES")
    return schema


def prepare(doc: Document, schema: Schema) -> PreparedDocument:
    """The rows of ``doc``, checked; raises :class:`InvalidDocument` naming the first problem."""
    if not isinstance(doc.doc_id, str) or not doc.doc_id.strip():
        raise InvalidDocument("the document has no id")
    prepared = PreparedDocument(doc, {
        "documents": [document_row(doc)],
        "sentences": sentence_rows(doc),
        "mentions": mention_rows(doc),
        "events": [event_row(e) for e in doc.events],
        "evidence": [row for e in doc.events for row in evidence_rows(e)],
        "mechanisms": mechanism_rows(doc),
        "actors": actor_rows(doc),
    })
    for table, rows in prepared.tables.items():
        for number, row in enumerate(rows, start=1):
            _check_row(schema.get(table, {}), table, number, row)
    _unique(prepared.event_ids, "event id")
    _unique([row["actor_id"] for row in prepared.tables["actors"]], "actor id")
    foreign = sorted({row["doc_id"] for row in prepared.tables["events"]} - {doc.doc_id})
    if foreign:
        raise InvalidDocument(f"events name another document: {foreign[0]!r}")
    return prepared


# Column types whose values need no check beyond their Python type.
_PLAIN = {"VARCHAR": str, "BOOLEAN": bool}


def _check_row(columns: dict[str, Column], table: str, number: int, row: Row) -> None:
    for name, value in row.items():
        column = columns.get(name)
        if column is None:
            raise InvalidDocument(f"{table} row {number}: no column {name!r} in the store")
        if value is None and column.nullable or type(value) is _PLAIN.get(column.type):
            continue  # the common cases, settled without a closer look
        problem = _value_problem(column, value)
        if problem:
            raise InvalidDocument(f"{table} row {number}: {name} {problem}")


def _value_problem(column: Column, value: Any) -> str | None:
    if value is None:
        return None if column.nullable else "is empty but required"
    kind = column.type
    if kind in INTEGER_RANGES:
        low, high = INTEGER_RANGES[kind]
        if isinstance(value, bool) or not isinstance(value, int):
            return f"is not an integer: {value!r}"
        return None if low <= value <= high else f"is out of range: {value}"
    if kind == "DOUBLE":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"is not a number: {value!r}"
        return None if math.isfinite(value) else f"is not finite: {value}"
    if kind == "BOOLEAN":
        return None if isinstance(value, bool) else f"is not true/false: {value!r}"
    if kind == "VARCHAR":
        return None if isinstance(value, str) else f"is not text: {value!r}"
    if kind.endswith("[]"):
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            return f"is not a list of text: {value!r}"
    return None


def _unique(values: list[Any], what: str) -> None:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            raise InvalidDocument(f"{what} {value!r} occurs twice")
        seen.add(value)
