"""The HTTP API and the dashboard: a thin FastAPI layer over :class:`communique.api.Communique`.

Read-only unless started with a write token; every list comes as JSON, CSV or Parquet; every
client error has one shape, ``{"error": {"message": ..., "parameter": ...}}``.
"""

from __future__ import annotations

import hmac
import json
import threading
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, AsyncIterator, Literal, Optional

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from ..api import Communique, EventFilter, QueryError, QueryTimeout
from ..store.queries import DEFAULT_TIMEOUT, MAX_PAGE
from .formats import ListFormat, error, rows_response

STATIC = Path(str(resources.files(__package__).joinpath("static")))
MAX_POST_BYTES = 5_000_000

Format = Annotated[ListFormat, Query(description="json, csv or parquet")]
Limit = Annotated[Optional[int], Query(description=f"page size, 1 to {MAX_PAGE}")]
Cursor = Annotated[Optional[str], Query(description="next_cursor of the previous page")]
Text = Annotated[Optional[str], Query()]


class NotFound(Exception):
    def __init__(self, what: str, parameter: str) -> None:
        super().__init__(what)
        self.what, self.parameter = what, parameter


def event_filter(dyad: Text = None, type: Annotated[Optional[list[str]], Query()] = None,  # noqa: A002
                 quad_class: Annotated[Optional[list[str]], Query()] = None, sector: Text = None,
                 country: Text = None, since: Text = None, until: Text = None, mechanism: Text = None,
                 outlet: Text = None, text: Text = None, doc_id: Text = None) -> EventFilter:
    return EventFilter.parse(dyad=dyad, types=type, quad_classes=quad_class, sector=sector, country=country,
                             since=since, until=until, mechanism=mechanism, outlet=outlet, text=text,
                             doc_id=doc_id)


Filter = Annotated[EventFilter, Depends(event_filter)]


def create_app(db: str | Path, *, write_token: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> FastAPI:
    """The app over the store ``db``, opened read-only unless a write token is given."""
    queries = Communique.query(db, read_only=not write_token, timeout=timeout)
    coder_lock = threading.RLock()  # one coding (and one write) at a time
    coder: list[Communique] = []

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        queries.close()

    app = FastAPI(title="Communique", version="1", description=__doc__, lifespan=lifespan,
                  responses={400: {"description": "Bad parameter: {\"error\": {\"message\", \"parameter\"}}"}})
    app.state.queries = queries

    @app.exception_handler(QueryError)
    async def bad_parameter(_: Request, exc: QueryError) -> JSONResponse:
        return error(400, exc.message, exc.parameter)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body")]
        return error(400, f"{first.get('msg', 'invalid request')}", ".".join(location) or None)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail), None)

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound) -> JSONResponse:
        return error(404, f"no {exc.what}", exc.parameter)

    @app.exception_handler(QueryTimeout)
    async def too_slow(_: Request, exc: QueryTimeout) -> JSONResponse:
        return error(503, str(exc), None)

    # -- events --------------------------------------------------------------------------------

    @app.get("/events", summary="Events matching the filters, a page at a time")
    def events(flt: Filter, limit: Limit = None, cursor: Cursor = None,
               format: Format = ListFormat.json) -> Response:  # noqa: A002
        page = queries.events_page(flt, limit=limit, cursor=cursor)
        return rows_response(page.as_dict(), page.items, format, "events", events=True)

    def the_coder() -> Communique:
        with coder_lock:
            if not coder:
                coder.append(Communique())
            return coder[0]

    @app.get("/events/{event_id}", summary="One event with all its evidence and how it was coded")
    def event(event_id: str, trace: Annotated[bool, Query(
            description="also code the sentence again and give the trace of every rule that matched")] = False,
              ) -> Response:
        found = queries.event(event_id)
        if found is None:
            raise NotFound(f"event {event_id!r}", "event_id")
        if trace and found["sentence"]:
            published = queries.rows("SELECT published FROM documents WHERE doc_id = ?", [found["doc_id"]])
            with coder_lock:
                doc = the_coder().code_text(found["sentence"]["text"],
                                            published=published[0]["published"] if published else None)
            found["explain"]["trace"] = list(doc.annotations.get("trace") or [])
        return JSONResponse(found)

    @app.get("/dyads/{a}/{b}/series", summary="Events per period in both directions, by quad class, with mean Goldstein")
    def series(a: str, b: str, flt: Filter,
               freq: Literal["week", "month"] = "month", format: Format = ListFormat.json) -> Response:  # noqa: A002
        rows = queries.dyad_series(a, b, freq, flt)
        body = {"a": a.upper(), "b": b.upper(), "freq": freq, "items": rows}
        return rows_response(body, rows, format, f"series-{a.upper()}-{b.upper()}-{freq}")

    @app.get("/network", summary="Edges between states (or named actors) weighted by events")
    def network(flt: Filter,
                level: Literal["country", "actor"] = "country", limit: Limit = 200,
                format: Format = ListFormat.json) -> Response:  # noqa: A002
        graph = queries.network(flt, level=level, limit=limit)
        return rows_response(graph, graph["edges"], format, "network")

    @app.get("/locations", summary="Event places with their counts")
    def locations(flt: Filter, limit: Limit = MAX_PAGE,
                  format: Format = ListFormat.json) -> Response:  # noqa: A002
        rows = queries.locations(flt, limit=limit)
        return rows_response({"items": rows}, rows, format, "locations")

    # -- actors, mechanisms, documents -----------------------------------------------------------

    @app.get("/actors", summary="People, bodies and states with their event counts")
    def actors(country: Text = None, kind: Text = None, name: Text = None, limit: Limit = None,
               cursor: Cursor = None, format: Format = ListFormat.json) -> Response:  # noqa: A002
        page = queries.actors_page(country=country, kind=kind, name=name, limit=limit, cursor=cursor)
        return rows_response(page.as_dict(), page.items, format, "actors")

    @app.get("/actors/{actor_id}", summary="One actor: titles over time and a page of its events")
    def actor(actor_id: str, limit: Limit = None, cursor: Cursor = None) -> Response:
        found = queries.actor(actor_id, limit=limit, cursor=cursor)
        if found is None:
            raise NotFound(f"actor {actor_id!r}", "actor_id")
        return JSONResponse(found)

    @app.get("/mechanisms", summary="Recurring mechanisms with their editions and gaps")
    def mechanisms(country: Text = None, format: Format = ListFormat.json) -> Response:  # noqa: A002
        rows = queries.mechanisms(country=country)
        return rows_response({"items": rows}, rows, format, "mechanisms")

    @app.get("/outlets", summary="Source outlets with their document counts")
    def outlets(format: Format = ListFormat.json) -> Response:  # noqa: A002
        rows = queries.outlets()
        return rows_response({"items": rows}, rows, format, "outlets")

    @app.get("/documents", summary="Stored documents, a page at a time")
    def documents(outlet: Text = None, limit: Limit = None, cursor: Cursor = None,
                  format: Format = ListFormat.json) -> Response:  # noqa: A002
        page = queries.documents_page(outlet=outlet, limit=limit, cursor=cursor)
        return rows_response(page.as_dict(), page.items, format, "documents")

    @app.get("/documents/{doc_id}", summary="A document's text with its sentence, mention and event spans")
    def document(doc_id: str) -> Response:
        found = queries.document(doc_id)
        if found is None:
            raise NotFound(f"document {doc_id!r}", "doc_id")
        return JSONResponse(found)

    @app.post("/documents", summary="Code and store articles (only when the server has a write token)",
              status_code=201)
    async def ingest(request: Request, authorization: Annotated[Optional[str], Header()] = None) -> Response:
        if not write_token:
            return error(403, "this server is read-only (start it with --write-token to accept documents)",
                         None)
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode("utf-8"), write_token.encode("utf-8")):
            return error(401, "missing or wrong token (send 'Authorization: Bearer TOKEN')", "authorization")
        body = await request.body()
        if len(body) > MAX_POST_BYTES:
            return error(413, f"request body over {MAX_POST_BYTES} bytes", "body")
        return _ingest(body)

    def _ingest(body: bytes) -> Response:
        from ..ingest.json_records import documents_from_json

        try:
            text = body.decode("utf-8")
            json.loads(text)
        except (UnicodeDecodeError, ValueError) as exc:
            return error(400, f"expected a JSON record {{id, text, ...}} or a list of them: {exc}", "body")
        with coder_lock:
            result = queries.store.write_all(the_coder().code_documents(documents_from_json(text, "request")))
        failed = [{"origin": f.origin, "reason": f.reason} for f in result.failed]
        status = 201 if result.stored else (200 if not failed else 400)
        return JSONResponse({"stored": result.stored, "duplicates": result.skipped_duplicates, "failed": failed},
                            status_code=status)

    # -- dashboard ---------------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app

