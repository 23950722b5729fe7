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

from .nlp import spacy_cli  # noqa: F401 - first: spaCy's own command line is imported only if used
from . import cli_checks as checks
from .cli_errors import SafeGroup, version_callback
from .export import FORMATS, event_to_dict
from .linking.provenance import article_event
from .progress import Progress, progress_wanted
from .records import Document, Event, Failure
from .store import DEFAULT_PATH
from .store.paging import DEFAULT_PAGE, MAX_PAGE

if TYPE_CHECKING:
    from .store import Store

app = typer.Typer(
    name="communique",
    help="Turn international-affairs news into PLOVER/CAMEO event data: who did what to whom, when and where.",
    no_args_is_help=True,
    add_completion=False,
    cls=SafeGroup,
    pretty_exceptions_enable=False,
)

INGEST_BATCH = 256
STDOUT = "-"
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


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[Optional[bool], typer.Option("--version", help="Show the version and exit.",
                                                    callback=version_callback, is_eager=True)] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an unexpected error.",
                                        envvar="COMMUNIQUE_DEBUG")] = False,
) -> None:
    """Turn international-affairs news into PLOVER/CAMEO event data: who did what to whom, when and where."""
    ctx.meta["debug"] = debug


# -- shared options ---------------------------------------------------------------------------

DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store file.", envvar="COMMUNIQUE_DB")]
ModelOption = Annotated[Optional[str], typer.Option(
    "--model", help="spaCy pipeline to load (overrides the config).", callback=checks.given)]
ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="Pipeline configuration TOML file.",
                                                      exists=True, dir_okay=False)]
PathsArgument = Annotated[list[str], typer.Argument(
    help="Input files or directories (text, HTML, JSONL); '-' reads stdin.", callback=checks.given)]
ProgressOption = Annotated[Optional[bool], typer.Option("--progress/--no-progress",
                                                        help="Progress bar on stderr (default: when stderr is a terminal).")]
OutputOption = Annotated[Optional[str], typer.Option("-o", "--output", help="File to write; '-' for stdout (default).")]
DyadOption = Annotated[Optional[str], typer.Option(
    "--dyad", help="Two country codes, e.g. CHN,VNM (either direction).", callback=checks.given)]
TypeOption = Annotated[Optional[list[str]], typer.Option(
    "--type", help="PLOVER event type; repeat or comma-separate.", callback=checks.given)]
SinceOption = Annotated[Optional[str], typer.Option(
    "--since", help="Earliest event date, ISO (inclusive).", callback=checks.given)]
UntilOption = Annotated[Optional[str], typer.Option(
    "--until", help="Latest event date, ISO or a prefix such as 2021-04.", callback=checks.given)]
WorkersOption = Annotated[Optional[int], typer.Option(
    "--workers", min=1, help="Processes that parse and code (default: the available cores).")]
CountryOption = Annotated[Optional[str], typer.Option(
    "--country", help="Country code of the actor or recipient.", callback=checks.given)]
PerArticleOption = Annotated[bool, typer.Option(
    "--per-article", help="One row per article's report of an event, instead of one per linked real-world event.")]


def _filters(dyad: str | None, types: list[str] | None, since: str | None, until: str | None,
             country: str | None) -> dict[str, Any]:
    """Store.events keyword arguments from the command-line filters; a bad value is a usage error."""
    return {"dyad": checks.dyad(dyad), "types": checks.event_types(types), "since": checks.date_bound(since, "--since"),
            "until": checks.date_bound(until, "--until"), "country": checks.code(country, "--country")}


@contextmanager
def _open_store(db: Path, *, read_only: bool, create: bool = False) -> Iterator[Store]:
    """The store at ``db``; only a writer that ``create``s may start a new one."""
    from .store import Store, StoreError

    checks.store_path(db, create=create)
    if not create and not db.exists():
        typer.echo(f"error: no store at {db} (run 'communique ingest' first)", err=True)
        raise typer.Exit(1)
    try:
        store = Store(db, read_only=read_only)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    with store:
        yield store


def _coder(model: str | None = None, config: Path | None = None):
    """The coder with its pipeline built: a bad configuration or data file is one error, not one per input."""
    from .api import Communique
    from .nlp.model import ModelNotInstalled

    checks.model(model)
    checks.config(config)
    try:
        coder = Communique(config_path=config, model=model)
        coder.pipeline  # noqa: B018 - builds the stages, checking the configuration
    except (ValueError, ModelNotInstalled) as exc:  # each names the file, the entry or the model
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    return coder


def _status(line: str) -> None:
    """A status line: to stderr, so that stdout carries only data."""
    typer.echo(line, err=True)


@contextmanager
def _output(output: str | None, *, binary: bool = False) -> Iterator[Any]:
    """The open file of ``-o`` (stdout for None or '-'); a path that cannot be written is a usage error."""
    if output is None or output == STDOUT:
        yield sys.stdout.buffer if binary else sys.stdout
        return
    path = checks.output_path(output)
    try:
        fh = open(path, "wb") if binary else open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise typer.BadParameter(f"cannot write {output}: {exc.strerror or exc}", param_hint="'-o' / '--output'") from None
    with fh:
        yield fh


def _print_table(rows: list[dict[str, Any]], title: str | None = None) -> None:
    """Rows of plain dicts as a rich table; columns empty in every row are left out."""
    from rich.console import Console  # imported for table output only: coding starts sooner
    from rich.table import Table

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
        # how many articles and outlets report a linked event (left out for a single report)
        "reports": f"{row['num_articles']}/{row['num_sources']}" if (row.get("num_articles") or 1) > 1 else None,
    }


def _write_rows(rows: Iterable[dict[str, Any]], fmt: str, out: TextIO) -> int:
    return FORMATS[fmt](rows, out)


def _stored_events(store: Store, filters: dict[str, Any], per_article: bool) -> list[dict[str, Any]]:
    return store.article_events(**filters) if per_article else store.linked_events(**filters)


# -- commands ---------------------------------------------------------------------------------

@app.command()
def ingest(
    paths: PathsArgument,
    db: DbOption = Path(DEFAULT_PATH),
    model: ModelOption = None,
    config: ConfigOption = None,
    replace: Annotated[bool, typer.Option("--replace", help="Re-code an id already stored with other text "
                                                            "(by default it is reported and the first kept).")] = False,
    progress: ProgressOption = None,
    workers: WorkersOption = None,
) -> None:
    """Read, code and store articles; re-ingesting the same content is a no-op."""
    from .ingest.inventory import count_articles
    from .store.admission import Admission

    coder = _coder(model, config)
    checks.store_path(db, create=True)
    store = _writer(db) if db.exists() else None  # no store is created until there is something to store
    show = progress_wanted(progress)
    report = Progress(enabled=show, total=count_articles(paths) if show else None)
    admission = Admission(store, replace=replace)
    stored, batch = 0, []

    def flush() -> None:
        nonlocal store, stored, batch
        if not batch:
            return
        store = store or _writer(db)
        result = store.write(batch, replace=replace)
        stored += len(result.stored)
        for failure in result.failed:
            report.failure(failure)
        batch = []

    try:
        items = coder.code_paths(paths, stdin=sys.stdin, workers=_workers(workers), admit=lambda docs: admission.filter(
            docs, on_unchanged=lambda doc: report.advance()))
        for item in items:
            report.advance()
            if isinstance(item, Failure):
                report.failure(item)
                continue
            report.document(item)
            batch.append(item)
            if len(batch) >= INGEST_BATCH:
                flush()
        flush()
    finally:
        report.close()
        if store is not None:
            store.close()
    _status(f"stored {stored}, unchanged {len(admission.unchanged)}, failed {report.failures}"
            + (f", warnings {report.warnings}" if report.warnings else ""))
    if report.failures or report.warnings:
        raise typer.Exit(1)


def _writer(db: Path) -> Store:
    from .store import Store, StoreError

    try:
        return Store(db)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc


@app.command()
def events(
    db: DbOption = Path(DEFAULT_PATH),
    dyad: DyadOption = None,
    type: TypeOption = None,  # noqa: A002 - the option is --type
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    quad_class: Annotated[Optional[list[str]], typer.Option(
        "--quad-class", help="Quad class 1-4; repeat or comma-separate.", callback=checks.given)] = None,
    sector: Annotated[Optional[str], typer.Option(
        "--sector", help="Sector code of the actor or recipient (GOV, MIL, ...).", callback=checks.given)] = None,
    mechanism: Annotated[Optional[str], typer.Option(
        "--mechanism", help="Mechanism id or name.", callback=checks.given)] = None,
    outlet: Annotated[Optional[str], typer.Option(
        "--outlet", help="Source outlet of the document.", callback=checks.given)] = None,
    text: Annotated[Optional[str], typer.Option(
        "--text", help="Words in the evidence sentence.", callback=checks.given)] = None,
    limit: Annotated[int, typer.Option("--limit", help="Rows shown in the table (the first page).", min=1,
                                       max=MAX_PAGE)] = DEFAULT_PAGE,
    format: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,  # noqa: A002
    per_article: PerArticleOption = False,
) -> None:
    """List stored events, filtered by dyad, type, quad class, sector, dates, mechanism, outlet and text.

    One row per real-world event, linked across articles (--per-article: one per article's report).
    The table shows the first page (--limit rows); jsonl and csv write every matching event.
    """
    from .api import Communique
    from .store import StoreError
    from .store.filters import EventFilter, QueryError

    try:
        flt = EventFilter.parse(dyad=dyad, types=type, quad_classes=quad_class, sector=sector, country=country,
                                since=since, until=until, mechanism=mechanism, outlet=outlet, text=text)
    except QueryError as exc:
        raise typer.BadParameter(exc.message, param_hint=f"--{(exc.parameter or '').replace('_', '-')}") from exc
    checks.store_path(db)
    if not db.exists():
        typer.echo(f"error: no store at {db} (run 'communique ingest' first)", err=True)
        raise typer.Exit(1)
    try:
        with Communique.query(db) as queries:
            if not per_article:  # the linked events that matching reports belong to
                rows = queries.store.link_reports(list(queries.iter_events(flt)), timeline=True)
                if format is ListFormat.table:
                    shown = "" if len(rows) <= limit else f", first {limit} shown"
                    _print_table([_event_summary(r) for r in rows[:limit]], title=f"{len(rows)} events{shown}")
                else:
                    _write_rows(rows, format.value, sys.stdout)
            elif format is ListFormat.table:
                page = queries.events_page(flt, limit=limit)
                shown = "" if page.next_cursor is None else f", first {len(page.items)} shown"
                _print_table([_event_summary(r) for r in page.items], title=f"{page.total} events{shown}")
            else:
                _write_rows(queries.store.with_links(list(queries.iter_events(flt))), format.value, sys.stdout)
    except QueryError as exc:
        raise typer.BadParameter(exc.message, param_hint=f"--{(exc.parameter or '').replace('_', '-')}") from exc
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="File format.")],  # noqa: A002
    output: Annotated[str, typer.Option("-o", "--output", help="File to write; '-' for stdout.")],
    db: DbOption = Path(DEFAULT_PATH),
    dyad: DyadOption = None,
    type: TypeOption = None,  # noqa: A002
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    per_article: PerArticleOption = False,
) -> None:
    """Export stored events (linked across articles) to a file (JSON lines, CSV, CAMEO TSV or Parquet)."""
    filters = _filters(dyad, type, since, until, country)
    if output != STDOUT:
        checks.output_path(output)
    with _open_store(db, read_only=True) as store:
        rows = _stored_events(store, filters, per_article)
    binary = format is ExportFormat.parquet
    with _output(output, binary=binary) as fh:
        count = FORMATS[format.value](rows, fh)
    _status(f"wrote {count} events to {'stdout' if output == STDOUT else output}")
    _write_schema(output, format.value)


def _write_schema(output: str | None, fmt: str) -> None:
    """The column types of a CSV or TSV file, beside it (not for stdout)."""
    from .export.schema import TABULAR_FORMATS, write_schema

    if output not in (None, STDOUT) and fmt in TABULAR_FORMATS:
        _status(f"wrote its column types to {write_schema(output, fmt)}")


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def code(
    paths: PathsArgument,
    output: Annotated[Optional[str], typer.Option(
        "-o", "--output", help="File to write; '-' for stdout (default). With --engine dask: the output directory.")
    ] = None,
    format: Annotated[StreamFormat, typer.Option("--format", help="Output format.")] = StreamFormat.jsonl,  # noqa: A002
    model: ModelOption = None,
    config: ConfigOption = None,
    progress: ProgressOption = None,
    workers: WorkersOption = None,
    engine: Annotated[Engine, typer.Option(
        "--engine", help="local: this machine, events as a stream. dask: partitions on a Dask cluster, written "
                         "as Parquet tables under -o DIR (resumable; 'communique load DIR' stores them).")
    ] = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", help="Dask scheduler address (tcp://HOST:8786); default: a local cluster of --workers "
                            "processes.", callback=checks.given)] = None,
    per_article: Annotated[bool, typer.Option(
        "--per-article", help="One row per article's report of an event, written as each article is coded, "
                              "instead of one per real-world event linked across the articles of the run.")
    ] = False,
) -> None:
    """Code articles without storing them; events go to stdout or a file, failures to stderr.

    The events of the run are linked across articles (one row per real-world event, every report a
    mention), as `ingest` and `export` would give them; --per-article streams article-level rows.
    """
    from .linking.batch import BatchLinker
    from .linking.reports import outlet
    from .ingest.inventory import count_articles
    from .store.admission import Admission

    coder = _coder(model, config)
    if engine is Engine.dask:
        _code_on_dask(coder, paths, output, scheduler, _workers(workers), progress_wanted(progress))
        return
    if output not in (None, STDOUT):
        checks.output_path(output)
    show = progress_wanted(progress)
    report = Progress(enabled=show, total=count_articles(paths) if show else None)
    linker = None if per_article else BatchLinker()
    # an id met again with other text, or a text met again under another id, as ingest judges them
    admission = Admission(None, kept="coded")

    def repeated(doc: Document) -> None:
        report.advance()
        report.say(f"skipped: {doc.origin or doc.doc_id}: the same id and text as an earlier input")

    def rows() -> Iterator[dict[str, Any]]:
        for item in coder.code_paths(paths, stdin=sys.stdin, workers=_workers(workers),
                                     admit=lambda docs: admission.filter(docs, on_unchanged=repeated)):
            report.advance()
            if isinstance(item, Failure):
                report.failure(item)
                continue
            report.document(item)
            if linker is not None:
                linker.add(item)
            else:
                doc = {"outlet": outlet(item.source, item.url, item.doc_id), "published": item.published}
                yield from (article_event(event_to_dict(e), None, doc) for e in item.events)
        if linker is not None:
            yield from linker.events()

    try:
        with _output(output) as fh:
            _write_rows(rows(), format.value, fh)
    finally:
        report.close()
    _write_schema(output, format.value)
    if report.failures or report.warnings:
        raise typer.Exit(1)


def _workers(workers: int | None) -> int:
    if workers is not None:
        return workers
    from .parallel import available_cores

    return available_cores()


def _code_on_dask(coder: Any, paths: list[str], output: str | None, scheduler: str | None,
                  workers: int, show: bool) -> None:
    """Code partitions on Dask into Parquet tables under ``output``; finished partitions are skipped."""
    from tqdm import tqdm

    from .engine.dask_engine import code_on_dask
    from .engine.partitions import input_partitions

    if output in (None, STDOUT):
        raise typer.BadParameter("--engine dask writes Parquet partitions: give their directory", param_hint="-o")
    if STDOUT in paths:
        raise typer.BadParameter("--engine dask reads files, not stdin", param_hint="PATHS")
    if Path(output).exists() and not Path(output).is_dir():
        raise typer.BadParameter(f"{output} is a file, not a directory", param_hint="-o")
    skipped, done, documents, events, failures = 0, 0, 0, 0, 0

    def skip(_partition: Any) -> None:
        nonlocal skipped
        skipped += 1

    bar = tqdm(total=len(input_partitions(paths)), unit="partition", desc="coding", file=sys.stderr,
               disable=not show)
    for result in code_on_dask(coder.config, paths, output, scheduler=scheduler, workers=workers, coder=coder,
                               on_skip=skip):
        done, documents, events = done + 1, documents + result.documents, events + result.events
        for origin, reason in result.failures:
            failures += 1
            typer.echo(f"failed: {origin}: {reason}", err=True)
        bar.update(1)
    bar.close()
    _status(f"coded {done} partitions ({documents} documents, {events} events) into {output}; "
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

    with _open_store(db, read_only=False, create=True) as store:
        result = load_directory(store, directory)
    for failure in result.failed:
        typer.echo(f"failed: {failure.origin}: {failure.reason}", err=True)
    _status(f"stored {len(result.stored)}, unchanged {len(result.skipped_duplicates)}, failed {len(result.failed)}")
    if result.failed:
        raise typer.Exit(1)


@app.command()
def optimize(db: DbOption = Path(DEFAULT_PATH)) -> None:
    """Lay a store out for fast queries (events in dyad and date order); answers do not change.
    Worth running after ingesting much ('load' does it after a large load)."""
    with _open_store(db, read_only=False, create=False) as store:
        store.optimize()
    _status(f"optimized {db}")


@app.command()
def evaluate(
    predictions: Annotated[Path, typer.Argument(help="Predicted events, JSON lines (export contract).",
                                                exists=True, dir_okay=False)],
    gold: Annotated[Path, typer.Option("--gold", help="Gold file or directory of *.gold.jsonl files.", exists=True)],
    dups: Annotated[Optional[Path], typer.Option(
        "--dups", help='Duplicate gold ids: {"same": [[ids]], "different": [[id, id]]} or a list of groups.',
        exists=True, dir_okay=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
    misses: Annotated[bool, typer.Option("--misses", help="List each miss, false positive and wrong attribute "
                                                          "with its sentence.")] = False,
    by_report: Annotated[bool, typer.Option("--by-report", help="Judge a linked event in each document by that "
                                                                "article's own report (date, sides, place, status, "
                                                                "edition), not by its best-supported values.")] = False,
) -> None:
    """Score predicted events against gold annotations, as the reference scorer does."""
    from .evaluate import format_report, load_duplicates, load_gold, load_predictions, score

    checks.gold(gold)
    try:
        groups = load_duplicates(dups) if dups else None
        result = score(load_gold(gold), load_predictions(predictions), dups=groups, details=misses,
                       duplicate_details=True, by_report=by_report)
    except ValueError as exc:  # malformed gold, predictions or duplicates: the message names file and line
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(json.dumps(result, ensure_ascii=False, default=str) if as_json else format_report(result, details=misses))


@app.command()
def delete(
    doc_ids: Annotated[list[str], typer.Argument(help="Document ids to remove.")],
    db: DbOption = Path(DEFAULT_PATH),
) -> None:
    """Remove documents with their events and evidence; the events they were linked with are re-linked."""
    missing = []
    with _open_store(db, read_only=False) as store:
        for doc_id in doc_ids:
            if not store.delete(doc_id):
                missing.append(doc_id)
    for doc_id in missing:
        typer.echo(f"failed: {doc_id}: no such document in {db}", err=True)
    typer.echo(f"deleted {len(doc_ids) - len(missing)}, not found {len(missing)}")
    if missing:
        raise typer.Exit(1)


@app.command()
def actors(
    db: DbOption = Path(DEFAULT_PATH),
    country: Annotated[Optional[str], typer.Option(
        "--country", help="Only actors of this country code.", callback=checks.given)] = None,
    format: Annotated[RowsFormat, typer.Option("--format", help="Output format.")] = RowsFormat.table,  # noqa: A002
) -> None:
    """List the people and entities in the store, with their roles and events."""
    country = checks.code(country, "--country")
    with _open_store(db, read_only=True) as store:
        rows = store.actors(country=country)
    if format is RowsFormat.table:
        rows = [{key: row[key] for key in ACTOR_TABLE_COLUMNS} for row in rows]
    _print_rows(rows, format, title=f"{len(rows)} actors")


@app.command()
def mechanisms(
    db: DbOption = Path(DEFAULT_PATH),
    country: Annotated[Optional[str], typer.Option(
        "--country", help="Only mechanisms with this participant or venue.", callback=checks.given)] = None,
    format: Annotated[RowsFormat, typer.Option("--format", help="Output format.")] = RowsFormat.table,  # noqa: A002
) -> None:
    """List recurring mechanisms (dialogues, consultations, exercises) and their editions."""
    country = checks.code(country, "--country")
    with _open_store(db, read_only=True) as store:
        rows = store.mechanisms(country=country)
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
def serve(
    db: DbOption = Path(DEFAULT_PATH),
    host: Annotated[str, typer.Option("--host", help="Address to listen on.",
                                                   callback=checks.given)] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 8000,
    write_token: Annotated[Optional[str], typer.Option(
        "--write-token", envvar="COMMUNIQUE_WRITE_TOKEN", callback=checks.given,
        help="Accept POST /documents with 'Authorization: Bearer TOKEN' (the store is read-only without it).")] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run before it is stopped.",
                                           min=0.1)] = 10.0,
) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json) and the dashboard at / over a store."""
    import uvicorn

    from .store import StoreError
    from .web import create_app

    checks.store_path(db)
    if not write_token and not db.exists():
        typer.echo(f"error: no store at {db} (run 'communique ingest' first)", err=True)
        raise typer.Exit(1)
    try:
        web_app = create_app(db, write_token=write_token, timeout=timeout)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    mode = "read-write (POST /documents with the token)" if write_token else "read-only"
    typer.echo(f"serving {db} {mode} on http://{host}:{port}/", err=True)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command()
def explain(
    sentence: Annotated[str, typer.Argument(help="The sentence (or short text) to code.")],
    published: Annotated[Optional[str], typer.Option(
        "--published", help="Publication date, ISO, for relative dates.", callback=checks.given)] = None,
    model: ModelOption = None,
    config: ConfigOption = None,
) -> None:
    """Code one sentence and show each event with its trigger, rule and confidence."""
    sentence = checks.sentence(sentence)
    published = checks.published(published)
    doc = _coder(model, config).code_text(sentence, published=published)
    from rich.console import Console

    console = Console(highlight=False)
    if not doc.events:
        console.print("no events", markup=False)
    frame = doc.annotations.get("frame")
    for index, event in enumerate(doc.events):
        console.print(_explain_event(event), markup=False)
        for taken_by, value in getattr(frame, "inherited", ()):
            if taken_by == index and value.attribute.value in ("mechanism", "status"):  # the rest has a reason
                console.print(f"  {value.reason()}", markup=False)
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
    for name, reason in (("date", row["date_reason"]), ("location", row["location_reason"])):
        if reason:
            lines.append(f"  {name} reason: {reason}")
    lines += [f"  resolved: {res.describe()}" for ev in event.evidence for res in ev.resolutions]
    told = sorted({e.sentence_index for e in event.evidence if e.sentence_index is not None})
    if len(told) > 1:  # every sentence that tells the act (see the consolidation lines of the trace)
        lines.append(f"  evidence: sentences {', '.join(map(str, told))}")
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
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be written
            pass
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    main()
