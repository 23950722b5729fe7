"""Writers for exported events: JSON lines, flat CSV, CAMEO-style TSV and Parquet.

Every writer takes rows as export-contract dicts (or :class:`~communique.records.Event`
objects, converted on the way). Text writers take an open text file handle.

The tabular formats are typed for their readers: ``date`` is a real date, empty when the
contract's date is partial (``XXXX-11-02``, ``2021-04``), and ``date_text`` keeps the contract's
date as written; CSV quotes every text cell, so codes such as ``043`` read as text; Parquet
columns have explicit types; :mod:`.schema` describes the CSV and TSV columns.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, TextIO

from ..records import Event
from .contract import as_row

Rows = Iterable[Event | dict[str, Any]]
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

CSV_COLUMNS: tuple[str, ...] = (
    "event_id", "event_type", "mode", "cameo", "quad_class", "goldstein",
    "actor_country", "actor_sector", "actor_name", "actor_text",
    "recipient_country", "recipient_sector", "recipient_name", "recipient_text",
    "symmetric", "date", "date_text", "date_end", "date_precision", "date_raw", "date_reason",
    "location_name", "location_admin1", "location_country", "lat", "lon", "location_reason",
    "status", "mechanism_name", "mechanism_edition", "trigger", "rule", "confidence", "doc_id",
    "evidence_doc_ids", "evidence_sentence",
    "actor_start", "actor_end", "recipient_start", "recipient_end",
    "linked_id", "num_articles", "num_sources", "mention_doc_ids", "date_alternatives", "disagreements",
)

CAMEO_COLUMNS: tuple[str, ...] = (
    "date", "source", "target", "cameo", "quad_class", "goldstein", "plover", "doc_ids", "evidence",
    "date_text", "date_precision",
    "NumArticles", "NumSources",
)

# Column types of the Parquet file: the contract, nested as in JSON.
PARQUET_SCHEMA: tuple[tuple[str, str], ...] = (
    ("event_id", "VARCHAR"), ("event_type", "VARCHAR"), ("mode", "VARCHAR"), ("cameo", "VARCHAR"),
    ("quad_class", "INTEGER"), ("goldstein", "DOUBLE"),
    ("actor", "STRUCT(country VARCHAR, sector VARCHAR, name VARCHAR, text VARCHAR, span INTEGER[])"),
    ("recipient", "STRUCT(country VARCHAR, sector VARCHAR, name VARCHAR, text VARCHAR, span INTEGER[])"),
    ("symmetric", "BOOLEAN"), ("date", "DATE"), ("date_text", "VARCHAR"), ("date_end", "VARCHAR"), ("date_precision", "VARCHAR"),
    ("date_raw", "VARCHAR"), ("date_reason", "VARCHAR"),
    ("location", "STRUCT(name VARCHAR, admin1 VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, "
                 "geonameid BIGINT, feature VARCHAR)"),
    ("location_reason", "VARCHAR"), ("status", "VARCHAR"),
    ("mechanism", "STRUCT(name VARCHAR, edition INTEGER)"),
    ("evidence", 'STRUCT(doc_id VARCHAR, sentence VARCHAR, start INTEGER, "end" INTEGER)[]'),
    ("trigger", 'STRUCT(text VARCHAR, start INTEGER, "end" INTEGER)'),
    ("rule", "VARCHAR"), ("confidence", "DOUBLE"), ("doc_id", "VARCHAR"),
    ("linked_id", "VARCHAR"), ("num_articles", "INTEGER"), ("num_sources", "INTEGER"),
    ("mentions", "STRUCT(event_id VARCHAR, doc_id VARCHAR, source VARCHAR, published VARCHAR, sentence VARCHAR, "
                 'start INTEGER, "end" INTEGER, date VARCHAR, location VARCHAR, location_country VARCHAR, '
                 "actor STRUCT(country VARCHAR, sector VARCHAR, name VARCHAR, text VARCHAR), "
                 "recipient STRUCT(country VARCHAR, sector VARCHAR, name VARCHAR, text VARCHAR), status VARCHAR, "
                 "date_end VARCHAR, mechanism STRUCT(name VARCHAR, edition INTEGER))[]"),
    ("date_alternatives", "STRUCT(date VARCHAR, doc_ids VARCHAR[])[]"),
    ("disagreements", "STRUCT(field VARCHAR, value VARCHAR, doc_ids VARCHAR[])[]"),
)


def write_jsonl(rows: Rows, fh: TextIO) -> int:
    """One contract object per line; returns the number of rows written."""
    count = 0
    for row in rows:
        fh.write(json.dumps(as_row(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def flat_row(row: dict[str, Any]) -> dict[str, Any]:
    """The flat (CSV) view of a contract dict."""
    actor, recipient = row.get("actor") or {}, row.get("recipient") or {}
    location, mechanism = row.get("location") or {}, row.get("mechanism") or {}
    evidence = row.get("evidence") or []
    flat = {key: row.get(key) for key in (
        "event_id", "event_type", "mode", "cameo", "quad_class", "goldstein", "symmetric", "date",
        "date_end", "date_precision", "date_raw", "date_reason", "location_reason", "status", "rule",
        "confidence", "doc_id")}
    flat["date"], flat["date_text"] = full_date(row.get("date")), row.get("date")
    for role, ref in (("actor", actor), ("recipient", recipient)):
        for key in ("country", "sector", "name", "text"):
            flat[f"{role}_{key}"] = ref.get(key)
        span = ref.get("span") or (None, None)
        flat[f"{role}_start"], flat[f"{role}_end"] = span[0], span[1]
    flat.update(
        location_name=location.get("name"), location_admin1=location.get("admin1"),
        location_country=location.get("country"), lat=location.get("lat"), lon=location.get("lon"),
        mechanism_name=mechanism.get("name"), mechanism_edition=mechanism.get("edition"),
        trigger=(row.get("trigger") or {}).get("text"),
        evidence_doc_ids=";".join(_unique(ev.get("doc_id") for ev in evidence)),
        evidence_sentence=evidence[0].get("sentence") if evidence else None,
        linked_id=row.get("linked_id"), num_articles=row.get("num_articles", 1), num_sources=row.get("num_sources", 1),
        mention_doc_ids=";".join(_unique(m.get("doc_id") for m in row.get("mentions") or [])),
        date_alternatives=";".join(a["date"] for a in row.get("date_alternatives") or []),
        disagreements=";".join(f"{d['field']}={d['value']}" for d in row.get("disagreements") or []),
    )
    return {column: flat[column] for column in CSV_COLUMNS}


def write_csv(rows: Rows, fh: TextIO) -> int:
    """Flat CSV with a header line (:data:`CSV_COLUMNS`); returns the number of rows written."""
    writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(flat_row(as_row(row)))
        count += 1
    return count


def cameo_code(ref: dict[str, Any] | None) -> str:
    """A PETRARCH/Phoenix-style actor code: country + sector ("CHNMIL"); "---" for an unknown country."""
    ref = ref or {}
    country, sector = ref.get("country"), ref.get("sector")
    if not country and not sector:
        return ""
    return f"{country or '---'}{sector or ''}"


def full_date(date: str | None) -> str | None:
    """The ISO date of a contract date that names a whole day ("2021-04-23"), else None."""
    if not date or not _FULL_DATE.fullmatch(date):
        return None
    try:
        return dt.date.fromisoformat(date).isoformat()
    except ValueError:
        return None


def cameo_date(date: str | None) -> str:
    """Event-data style compact date of a whole day: "2021-04-23" -> "20210423"; "" when partial."""
    return (full_date(date) or "").replace("-", "")


def write_cameo_tsv(rows: Rows, fh: TextIO) -> int:
    """Classic CAMEO event-data lines (:data:`CAMEO_COLUMNS`), tab-separated, with a header line."""
    fh.write("\t".join(CAMEO_COLUMNS) + "\n")
    count = 0
    for item in rows:
        row = as_row(item)
        evidence = row.get("evidence") or []
        doc_ids = _unique([*(ev.get("doc_id") for ev in evidence), row.get("doc_id")])
        values = (
            cameo_date(row.get("date")), cameo_code(row.get("actor")), cameo_code(row.get("recipient")),
            row.get("cameo"), row.get("quad_class"), row.get("goldstein"), row.get("event_type"),
            ";".join(doc_ids), evidence[0].get("sentence") if evidence else None,
            row.get("date"), row.get("date_precision"),
            row.get("num_articles", 1), row.get("num_sources", 1),
        )
        fh.write("\t".join(_tsv_cell(value) for value in values) + "\n")
        count += 1
    return count


def write_parquet(rows: Rows, target: str | Path | BinaryIO) -> int:
    """Write a Parquet file (nested contract columns) through DuckDB's ``COPY ... TO``;
    ``target`` is a path or a binary stream (the file is written aside, then copied)."""
    if not isinstance(target, (str, Path)):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "events.parquet"
            count = write_parquet(rows, path)
            with path.open("rb") as fh:
                shutil.copyfileobj(fh, target)
            target.flush()
        return count
    path = target
    names = [name for name, _ in PARQUET_SCHEMA]
    columns = ", ".join(f'"{name}" {kind}' for name, kind in PARQUET_SCHEMA)
    records = [[value.get(name) for name in names] for value in map(_parquet_row, rows)]
    import duckdb  # imported here: most commands never write Parquet

    with duckdb.connect(":memory:") as con:
        con.execute(f"CREATE TABLE events ({columns})")
        if records:
            placeholders = ", ".join("?" for _ in names)
            con.executemany(f"INSERT INTO events VALUES ({placeholders})", records)
        target = str(path).replace("'", "''")
        con.execute(f"COPY events TO '{target}' (FORMAT parquet)")
    return len(records)


def _parquet_row(item: Event | dict[str, Any]) -> dict[str, Any]:
    row = dict(as_row(item))
    row["date"], row["date_text"] = full_date(row.get("date")), row.get("date")
    return row


def _unique(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _tsv_cell(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)



FORMATS: dict[str, Callable[..., int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "cameo-tsv": write_cameo_tsv,
    "parquet": write_parquet,
}
# Formats written to a text stream (the rest write to a path).
TEXT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "cameo-tsv")
