"""The column types of the CSV and CAMEO TSV exports, for the programs that read them.

:func:`table_schema` is a Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/),
written beside an exported file as ``NAME.schema.json``; :func:`pandas_dtypes` gives the same
types to ``pandas.read_csv`` (codes such as ``043`` stay text, offsets are nullable integers).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .formats import CAMEO_COLUMNS, CSV_COLUMNS

INTEGER_COLUMNS = frozenset({"quad_class", "mechanism_edition", "actor_start", "actor_end", "recipient_start",
                             "recipient_end"})
NUMBER_COLUMNS = frozenset({"goldstein", "lat", "lon", "confidence"})
BOOLEAN_COLUMNS = frozenset({"symmetric"})
DATE_COLUMNS = frozenset({"date"})
TABULAR_FORMATS = {"csv": CSV_COLUMNS, "cameo-tsv": CAMEO_COLUMNS}
PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}


def field_type(column: str) -> str:
    if column in INTEGER_COLUMNS:
        return "integer"
    if column in NUMBER_COLUMNS:
        return "number"
    if column in BOOLEAN_COLUMNS:
        return "boolean"
    if column in DATE_COLUMNS:
        return "date"
    return "string"


def table_schema(fmt: str) -> dict[str, Any]:
    """The Table Schema of an export format ("csv" or "cameo-tsv")."""
    fields = []
    for column in TABULAR_FORMATS[fmt]:
        field: dict[str, Any] = {"name": column, "type": field_type(column)}
        if field["type"] == "date" and fmt == "cameo-tsv":
            field["format"] = "%Y%m%d"
        if field["type"] == "boolean":
            field.update(trueValues=["True"], falseValues=["False"])
        fields.append(field)
    return {"fields": fields, "missingValues": [""], "primaryKey": "event_id" if fmt == "csv" else None}


def pandas_dtypes(fmt: str) -> dict[str, str]:
    """``dtype=`` for ``pandas.read_csv`` (dates are read with ``parse_dates=["date"]``)."""
    return {column: PANDAS_TYPES[kind] for column in TABULAR_FORMATS[fmt]
            if (kind := field_type(column)) != "date"}


def schema_path(path: str | Path) -> Path:
    """Where the schema of an exported file goes: ``events.csv`` -> ``events.schema.json``."""
    path = Path(path)
    return path.with_name(path.stem + ".schema.json")


def write_schema(path: str | Path, fmt: str) -> Path:
    """Write the Table Schema of ``fmt`` beside the exported file ``path``; returns its path."""
    target = schema_path(path)
    schema = {key: value for key, value in table_schema(fmt).items() if value is not None}
    target.write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
    return target
