"""List responses as JSON, CSV or Parquet, and the one error shape of the HTTP API."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from enum import Enum
from pathlib import Path
from typing import Any, Iterable

import duckdb
from fastapi.responses import JSONResponse, Response

from ..export.formats import write_csv, write_parquet


class ListFormat(str, Enum):
    json = "json"
    csv = "csv"
    parquet = "parquet"


PARQUET_TYPE = "application/vnd.apache.parquet"


def error(status: int, message: str, parameter: str | None = None) -> JSONResponse:
    """The one error body: ``{"error": {"message": ..., "parameter": ...}}``."""
    return JSONResponse({"error": {"message": message, "parameter": parameter}}, status_code=status)


def rows_response(body: dict[str, Any], rows: list[dict[str, Any]], fmt: ListFormat, name: str,
                  *, events: bool = False) -> Response:
    """``body`` as JSON, or ``rows`` as a CSV or Parquet download named ``name``."""
    if fmt is ListFormat.json:
        return JSONResponse(body)
    if fmt is ListFormat.csv:
        out = io.StringIO()
        if events:
            write_csv(rows, out)
        else:
            write_flat_csv(rows, out)
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    data = events_parquet(rows) if events else rows_parquet(rows)
    return Response(data, media_type=PARQUET_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{name}.parquet"'})


def write_flat_csv(rows: list[dict[str, Any]], out: io.StringIO) -> None:
    """Rows of any shape as CSV: lists joined with ';', objects as JSON."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(str(_cell(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def events_parquet(rows: Iterable[dict[str, Any]]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.parquet"
        write_parquet(rows, path)
        return path.read_bytes()


def rows_parquet(rows: list[dict[str, Any]]) -> bytes:
    """Rows of any shape as Parquet, column types inferred by DuckDB's JSON reader."""
    with tempfile.TemporaryDirectory() as tmp, duckdb.connect(":memory:") as con:
        source, target = Path(tmp) / "rows.json", Path(tmp) / "rows.parquet"
        if rows:
            source.write_text(json.dumps(rows, ensure_ascii=False, default=str), encoding="utf-8")
            relation = con.read_json(str(source), format="array")
        else:
            relation = con.sql("SELECT NULL::VARCHAR AS empty WHERE FALSE")
        relation.write_parquet(str(target))
        return target.read_bytes()
