"""The ``communique`` command line: ingest, query, export, code, evaluate and explain.

The commands are thin: reading and coding live in :mod:`communique.api`, storage in
:mod:`communique.store`, file formats in :mod:`communique.export`.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Iterable, Iterator, Optional, TextIO

import typer
from rich.console import Console
from rich.table import Table

from .export import FORMATS, event_to_dict
from .records import Event, Failure
from .store import DEFAULT_PATH

if TYPE_CHECKING:
    from .store import Store

app = typer.Typer(
    name="communique",
    help="Turn international-affairs news into PLOVER/CAMEO event data: who did what to whom, when and where.",
    no_args_is_help=True,
    add_completion=False,
)

INGEST_BATCH = 256
PROGRESS_MIN_INPUTS = 4
ACTOR_TABLE_COLUMNS = ("name", "kind", "country", "sector", "roles", "aliases", "event_ids")


class ListFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class StreamFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    cameo_tsv = "cameo-tsv"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    cameo_tsv = "cameo-tsv"
    parquet = "parquet"


class RowsFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


# -- shared options ---------------------------------------------------------------------------

DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store file.", envvar="COMMUNIQUE_DB")]
ModelOption = Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to load (overrides the config).")]
ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="Pipeline configuration TOML file.",
                                                      exists=True, dir_okay=False)]
PathsArgument = Annotated[list[str], typer.Argument(help="Input files or directories (text, HTML, JSONL); '-' reads stdin.")]
DyadOption = Annotated[Optional[str], typer.Option("--dyad", help="Two country codes, e.g. CHN,VNM (either direction).")]
TypeOption = Annotated[Optional[list[str]], typer.Option("--type", help="PLOVER event type; repeat or comma-separate.")]
SinceOption = Annotated[Optional[str], typer.Option("--since", help="Earliest event date, ISO (inclusive).")]
UntilOption = Annotated[Optional[str], typer.Option("--until", help="Latest event date, ISO or a prefix such as 2021-04.")]
WorkersOption = Annotated[Optional[int], typer.Option(
    "--workers", min=1, help="Processes that parse and code (default: the available cores).")]
CountryOption = Annotated[Optional[str], typer.Option("--country", help="Country code of the actor or recipient.")]


def _filters(dyad: str | None, types: list[str] | None, since: str | None, until: str | None,
             country: str | None) -> dict[str, Any]:
    """Store.events keyword arguments from the command-line filters."""
    pair = None
    if dyad:
        codes = [c.strip().upper() for c in dyad.split(",") if c.strip()]
        if len(codes) != 2:
            raise typer.BadParameter("expected two country codes, e.g. CHN,VNM", param_hint="--dyad")
        pair = (codes[0], codes[1])
    kinds = [t.strip().upper() for item in types or [] for t in item.split(",") if t.strip()]
    return {"dyad": pair, "types": kinds or None, "since": since, "until": until,
            "country": country.upper() if country else None}


@contextmanager
def _open_store(db: Path, *, read_only: bool) -> Iterator[Store]:
    if read_only and not db.exists():
        typer.echo(f"error: no store at {db} (run 'communique ingest' first)", err=True)
        raise typer.Exit(1)
    from .store import Store, StoreError

    try:
        store = Store(db, read_only=read_only)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    with store:
        yield store


def _coder(model: str | None = None, config: Path | None = None):
    from .api import Communique

    return Communique(config_path=config, model=model)


def _workers(workers: int | None) -> int:
    if workers is not None:
        return workers
    from .parallel import available_cores

    return available_cores()


def _report_failure(failure: Failure) -> None:
    typer.echo(f"failed: {failure.origin}: {failure.reason}", err=True)


def _show_progress(paths: list[str]) -> bool:
    if os.environ.get("CI") or not sys.stderr.isatty():
        return False
    return len(paths) >= PROGRESS_MIN_INPUTS or any(Path(p).is_dir() for p in paths if p != "-")


def _print_table(rows: list[dict[str, Any]], title: str | None = None) -> None:
    """Rows of plain dicts as a rich table; columns empty in every row are left out."""
    console = Console()
    if not rows:
        console.print("no rows")
        return
    keys = dict.fromkeys(key for row in rows for key in row)
    columns = [key for key in keys if any(_cell(row.get(key)) for row in rows)]
    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(column)) for column in columns))
    console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _actor_label(ref: dict[str, Any]) -> str:
    code = f"{ref.get('country') or ''}{ref.get('sector') or ''}"
    name = ref.get("name")
    return f"{code} ({name})" if name and code else code or name or ref.get("text") or ""


def _event_summary(row: dict[str, Any]) -> dict[str, Any]:
    location, mechanism = row.get("location") or {}, row.get("mechanism") or {}
    return {
        "date": row.get("date"), "type": row.get("event_type"), "cameo": row.get("cameo"),
        "actor": _actor_label(row.get("actor") or {}), "recipient": _actor_label(row.get("recipient") or {}),
        "location": ", ".join(v for v in (location.get("name"), location.get("country")) if v),
        "status": row.get("status"),
        "mechanism": " ".join(str(v) for v in (mechanism.get("name"), mechanism.get("edition")) if v),
        "doc_id": row.get("doc_id"),
    }


def _write_rows(rows: Iterable[dict[str, Any]], fmt: str, out: TextIO) -> int:
    return FORMATS[fmt](rows, out)


# -- commands ---------------------------------------------------------------------------------

@app.command()
def ingest(
    paths: PathsArgument,
    db: DbOption = Path(DEFAULT_PATH),
    model: ModelOption = None,
    config: ConfigOption = None,
    workers: WorkersOption = None,
) -> None:
    """Read, code and store articles; content already stored is skipped before it is parsed."""
    coder = _coder(model, config)
    progress = None
    if _show_progress(paths):
        from tqdm import tqdm

        def progress(items):
            return tqdm(items, unit="doc", desc="coding", file=sys.stderr)
    with _open_store(db, read_only=False) as store:
        result = coder.ingest_paths(store, paths, stdin=sys.stdin, workers=_workers(workers),
                                    batch_size=INGEST_BATCH, progress=progress)
    for failure in result.failed:
        _report_failure(failure)
    typer.echo(f"stored {len(result.stored)}, duplicates skipped {len(result.skipped_duplicates)}, "
               f"failed {len(result.failed)}")
    if result.failed:
        raise typer.Exit(1)


@app.command()
def events(
    db: DbOption = Path(DEFAULT_PATH),
    dyad: DyadOption = None,
    type: TypeOption = None,  # noqa: A002 - the option is --type
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    format: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,  # noqa: A002
) -> None:
    """List stored events, filtered by dyad, type, dates and country."""
    filters = _filters(dyad, type, since, until, country)
    with _open_store(db, read_only=True) as store:
        rows = store.events(**filters)
    if format is ListFormat.table:
        _print_table([_event_summary(r) for r in rows], title=f"{len(rows)} events")
    else:
        _write_rows(rows, format.value, sys.stdout)


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="File format.")],  # noqa: A002
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.", dir_okay=False)],
    db: DbOption = Path(DEFAULT_PATH),
    dyad: DyadOption = None,
    type: TypeOption = None,  # noqa: A002
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
) -> None:
    """Export stored events to a file (JSON lines, CSV, CAMEO TSV or Parquet)."""
    filters = _filters(dyad, type, since, until, country)
    with _open_store(db, read_only=True) as store:
        rows = store.events(**filters)
    if format is ExportFormat.parquet:
        count = FORMATS["parquet"](rows, output)
    else:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            count = _write_rows(rows, format.value, fh)
    typer.echo(f"wrote {count} events to {output}")


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def code(
    paths: PathsArgument,
    output: Annotated[Optional[Path], typer.Option(
        "-o", "--output", help="File to write (default: stdout); with --engine dask, the output directory.")] = None,
    format: Annotated[StreamFormat, typer.Option("--format", help="Output format.")] = StreamFormat.jsonl,  # noqa: A002
    model: ModelOption = None,
    config: ConfigOption = None,
    workers: WorkersOption = None,
    engine: Annotated[Engine, typer.Option(
        "--engine", help="local: this machine, events as a stream. dask: partitions on a Dask cluster, "
                         "written as Parquet tables under -o DIR (resumable; load them with 'communique load').")
    ] = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", help="Dask scheduler address (e.g. tcp://10.0.0.5:8786); default: a local cluster "
                            "of --workers processes.")] = None,
) -> None:
    """Code articles without storing them; events go to stdout or a file, failures to stderr."""
    coder = _coder(model, config)
    if engine is Engine.dask:
        if output is None:
            raise typer.BadParameter("--engine dask writes Parquet partitions: give the directory", param_hint="-o")
        _code_on_dask(coder.config, paths, output, scheduler, _workers(workers))
        return
    if output is not None and output.is_dir():
        raise typer.BadParameter(f"{output} is a directory (a directory is for --engine dask)", param_hint="-o")
    failures = 0

    def rows() -> Iterator[dict[str, Any]]:
        nonlocal failures
        for item in coder.code_paths(paths, stdin=sys.stdin, workers=_workers(workers)):
            if isinstance(item, Failure):
                failures += 1
                _report_failure(item)
                continue
            yield from (event_to_dict(e) for e in item.events)

    if output is None:
        _write_rows(rows(), format.value, sys.stdout)
    else:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            _write_rows(rows(), format.value, fh)
    if failures:
        raise typer.Exit(1)


def _code_on_dask(config: dict[str, Any], paths: list[str], outdir: Path, scheduler: str | None,
                  workers: int) -> None:
    from tqdm import tqdm

    from .engine.dask_engine import code_on_dask
    from .engine.partitions import input_partitions

    if "-" in paths:
        raise typer.BadParameter("--engine dask reads files, not stdin", param_hint="PATHS")
    skipped, done, documents, events, failures = 0, 0, 0, 0, 0

    def skip(_partition: Any) -> None:
        nonlocal skipped
        skipped += 1

    bar = tqdm(total=len(input_partitions(paths)), unit="partition", desc="coding", file=sys.stderr,
               disable=not _show_progress(paths))
    for result in code_on_dask(config, paths, outdir, scheduler=scheduler, workers=workers, on_skip=skip):
        done, documents, events = done + 1, documents + result.documents, events + result.events
        for origin, reason in result.failures:
            failures += 1
            typer.echo(f"failed: {origin}: {reason}", err=True)
        bar.update(1)
    bar.close()
    typer.echo(f"coded {done} partitions ({documents} documents, {events} events) into {outdir}; "
               f"{skipped} already finished; failed {failures}")
    if failures:
        raise typer.Exit(1)


@app.command()
def load(
    directory: Annotated[Path, typer.Argument(help="Output directory of 'communique code --engine dask'.",
                                              exists=True, file_okay=False)],
    db: DbOption = Path(DEFAULT_PATH),
) -> None:
    """Load coded Parquet partitions into a store; content already stored is skipped."""
    from .store.load import load_directory

    with _open_store(db, read_only=False) as store:
        result = load_directory(store, directory)
    for failure in result.failed:
        _report_failure(failure)
    typer.echo(f"stored {len(result.stored)}, duplicates skipped {len(result.skipped_duplicates)}, "
               f"failed {len(result.failed)}")
    if result.failed:
        raise typer.Exit(1)


@app.command()
def evaluate(
    predictions: Annotated[Path, typer.Argument(help="Predicted events, JSON lines (export contract).",
                                                exists=True, dir_okay=False)],
    gold: Annotated[Path, typer.Option("--gold", help="Gold file or directory of *.gold.jsonl files.", exists=True)],
    dups: Annotated[Optional[Path], typer.Option("--dups", help="JSON list of groups of duplicate gold ids.",
                                                 exists=True, dir_okay=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
) -> None:
    """Score predicted events against gold annotations."""
    from .evaluate import format_report, load_duplicates, load_gold, load_predictions, score

    try:
        groups = load_duplicates(dups) if dups else None
        result = score(load_gold(gold), load_predictions(predictions), dups=groups)
    except ValueError as exc:  # malformed gold, predictions or duplicates: the message names file and line
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(json.dumps(result, ensure_ascii=False, default=str) if as_json else format_report(result))


@app.command()
def actors(
    db: DbOption = Path(DEFAULT_PATH),
    country: Annotated[Optional[str], typer.Option("--country", help="Only actors of this country code.")] = None,
    format: Annotated[RowsFormat, typer.Option("--format", help="Output format.")] = RowsFormat.table,  # noqa: A002
) -> None:
    """List the people and entities in the store, with their roles and events."""
    with _open_store(db, read_only=True) as store:
        rows = store.actors(country=country.upper() if country else None)
    if format is RowsFormat.table:
        rows = [{key: row[key] for key in ACTOR_TABLE_COLUMNS} for row in rows]
    _print_rows(rows, format, title=f"{len(rows)} actors")


@app.command()
def mechanisms(
    db: DbOption = Path(DEFAULT_PATH),
    country: Annotated[Optional[str], typer.Option("--country", help="Only mechanisms with this participant or venue.")] = None,
    format: Annotated[RowsFormat, typer.Option("--format", help="Output format.")] = RowsFormat.table,  # noqa: A002
) -> None:
    """List recurring mechanisms (dialogues, consultations, exercises) and their editions."""
    with _open_store(db, read_only=True) as store:
        rows = store.mechanisms(country=country.upper() if country else None)
    from .linking.mechanisms import mechanism_series

    _print_rows(mechanism_series(rows), format, title="mechanisms")


def _print_rows(rows: list[Any], fmt: RowsFormat, title: str) -> None:
    if fmt is RowsFormat.jsonl:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
    elif all(isinstance(r, dict) for r in rows):
        _print_table(rows, title=title)
    else:
        for row in rows:
            typer.echo(str(row))


@app.command()
def explain(
    sentence: Annotated[str, typer.Argument(help="The sentence (or short text) to code.")],
    published: Annotated[Optional[str], typer.Option("--published", help="Publication date, ISO, for relative dates.")] = None,
    model: ModelOption = None,
    config: ConfigOption = None,
) -> None:
    """Code one sentence and show each event with its trigger, rule and confidence."""
    doc = _coder(model, config).code_text(sentence, published=published)
    console = Console(highlight=False)
    if not doc.events:
        console.print("no events", markup=False)
    for event in doc.events:
        console.print(_explain_event(event), markup=False)
    trace = doc.annotations.get("trace") or []
    if trace:
        console.print("trace:", markup=False)
        for line in trace:
            console.print(f"  {line}", markup=False)


def _explain_event(event: Event) -> str:
    row = event_to_dict(event)
    summary = _event_summary(row)
    trigger = row["trigger"]
    lines = [
        f"{row['event_type']} ({row['cameo']}): {summary['actor'] or '?'} -> {summary['recipient'] or '?'}"
        + (" [symmetric]" if row["symmetric"] else ""),
        f"  trigger: {trigger['text']!r} [{trigger['start']}:{trigger['end']}]" if trigger else "  trigger: -",
        f"  rule: {row['rule'] or '-'}  confidence: {row['confidence'] if row['confidence'] is not None else '-'}",
        f"  date: {row['date'] or '-'}  status: {row['status']}  location: {summary['location'] or '-'}",
    ]
    if summary["mechanism"]:
        lines.append(f"  mechanism: {summary['mechanism']}")
    return "\n".join(lines)


def main() -> None:
    """The console entry point: run the command, flush the output, and leave without tearing down
    the interpreter (freeing the loaded model and gazetteer object by object takes longer than
    coding a short article)."""
    try:
        app()
        status = 0
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        if not isinstance(exc.code, (int, type(None))):
            print(exc.code, file=sys.stderr)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be written
            pass
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    main()
