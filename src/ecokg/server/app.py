"""``ecokg serve``: a SPARQL 1.1 endpoint, the query catalogue as an API, maps and a web page.

Safe by default:

- read-only; SPARQL Update only with ``allow_update`` *and* a bearer token;
- every query is parsed first: syntax errors get a 400 naming line and column,
  ``SERVICE`` (and ``LOAD`` in updates) are refused before anything runs, so a
  query never makes the server fetch a URL;
- queries run in worker processes (:mod:`ecokg.server.worker`): one that runs longer
  than ``timeout`` seconds is stopped (HTTP 503) and the others keep being answered;
  results larger than ``max_rows`` rows (or triples) are refused with a 400, never
  silently truncated;
- no CORS headers unless origins are configured; every request is logged.


This module is imported only by ``ecokg serve`` (FastAPI is imported at its top so
that route annotations resolve).
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from ecokg.server.worker import Job, JobError, WorkerPool

log = logging.getLogger("ecokg.server")

RESULT_TYPES = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "application/xml": "application/sparql-results+xml",
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "text/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
    "application/n-triples": "application/n-triples",
    "text/plain": "application/n-triples",
    "application/ld+json": "application/ld+json",
    "application/json": "application/ld+json",
}
MAX_BODY = 10 * 1024 * 1024


@dataclass
class ServerSettings:
    """What ``ecokg serve`` was started with."""

    store: Path
    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2
    allow_update: bool = False
    token: str | None = None
    cors_origins: list[str] = field(default_factory=list)


class SparqlError(Exception):
    """A client error with its HTTP status (answered as text/plain)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.message = message
        self.headers = headers or {}
        super().__init__(message)


# --- checking queries before they run --------------------------------------------


def _has(node: Any, name: str, depth: int = 0) -> bool:
    """Whether an rdflib SPARQL parse tree has a node called ``name`` (too deep counts as yes)."""
    from pyparsing import ParseResults

    if depth > 400 or getattr(node, "name", None) == name:
        return True
    # ParseResults is registered as a Mapping but keeps its children as a sequence:
    # test it before dict, or a walk over .values() sees nothing.
    if isinstance(node, list | tuple | ParseResults):
        return any(_has(value, name, depth + 1) for value in node)
    if isinstance(node, dict):
        return any(_has(value, name, depth + 1) for value in node.values())
    return False


def _syntax_error(exc: Exception) -> SparqlError:
    line, column = getattr(exc, "lineno", None), getattr(exc, "col", None)
    message = getattr(exc, "msg", None) or str(exc)
    if line is not None:
        return SparqlError(400, f"syntax error at line {line}, column {column}: {message}")
    return SparqlError(400, f"error in the query: {message}")


def check_query(text: str) -> str:
    """The form of ``text`` (SELECT, ASK, CONSTRUCT, DESCRIBE); refuse bad syntax and SERVICE.

    The check is the library's (:func:`ecokg.queries.result.check_query`): rdflib's
    parser, then a look for ``ServiceGraphPattern`` in the parse tree.
    """
    from rdflib.plugins.sparql.parser import parseQuery

    from ecokg.errors import QueryError
    from ecokg.queries.result import check_query as library_check

    try:
        form = library_check(text)
    except QueryError as exc:
        raise SparqlError(400, str(exc)) from exc
    # Our own look as well: a query must never make this server fetch a URL.
    if _has(parseQuery(text), "ServiceGraphPattern"):
        raise SparqlError(400, "SERVICE is not allowed: this endpoint never queries other servers")
    return form


def check_update(text: str) -> None:
    """Refuse bad syntax, ``SERVICE`` and ``LOAD`` (which fetches a URL) in an update."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parsed = parseUpdate(text)
    except Exception as exc:
        raise _syntax_error(exc) from exc
    if _has(parsed, "ServiceGraphPattern"):
        raise SparqlError(400, "SERVICE is not allowed: this endpoint never queries other servers")
    if _has(parsed, "Load"):
        raise SparqlError(400, "LOAD is not allowed: this endpoint never fetches URLs")


def negotiate(accept: str, offered: dict[str, str], default: str) -> str | None:
    """The media type to answer with for an Accept header (None: nothing acceptable)."""
    if not accept.strip():
        return default
    choices: list[tuple[float, int, str]] = []
    for position, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        kind, quality = parts[0].lower(), 1.0
        for param in parts[1:]:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        if kind in offered:
            choices.append((quality, -position, offered[kind]))
        elif kind in ("*/*", "application/*", "text/*"):
            wanted = kind.split("/")[0]
            if wanted == "*" or default.startswith(wanted + "/"):
                choices.append((quality - 0.001, -position, default))
            else:
                matching = [v for k, v in offered.items() if k.startswith(wanted + "/")]
                if matching:
                    choices.append((quality - 0.001, -position, matching[0]))
    if not choices:
        return None
    return max(choices)[2]


# --- the application ---------------------------------------------------------------


def _resource(*parts: str) -> Any:
    return files("ecokg.server").joinpath(*parts)


def create_app(settings: ServerSettings) -> Any:
    """The FastAPI application serving the store at ``settings.store``."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles
    from starlette.concurrency import run_in_threadpool

    from ecokg.errors import EcokgError

    if settings.allow_update and not settings.token:
        raise ValueError("allow_update needs a token")
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = WorkerPool(settings.store, size=settings.workers, timeout=settings.timeout)
        await run_in_threadpool(pool.wait_ready)
        state["pool"] = pool
        yield
        pool.close()

    app = FastAPI(
        title="ecokg",
        summary="SPARQL endpoint and named queries over the ecokg knowledge graph",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.mount("/static", StaticFiles(directory=str(_resource("static"))), name="static")
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"], allow_headers=["Content-Type", "Accept", "Authorization"],
        )

    @app.middleware("http")
    async def log_requests(request: Request, call_next: Callable[[Request], Awaitable[Any]]) -> Any:
        started = time.perf_counter()
        response = await call_next(request)
        log.info(
            "%s %s %s %d %.1f ms", request.client.host if request.client else "-",
            request.method, request.url.path, response.status_code, (time.perf_counter() - started) * 1000,
        )
        return response

    @app.exception_handler(SparqlError)
    async def sparql_error(request: Request, exc: SparqlError) -> Response:
        if request.url.path.startswith(("/queries", "/map")):
            return JSONResponse({"error": exc.message}, status_code=exc.status, headers=exc.headers)
        return PlainTextResponse(exc.message + "\n", status_code=exc.status, headers=exc.headers)

    @app.exception_handler(EcokgError)
    async def ecokg_error(request: Request, exc: EcokgError) -> Response:
        return JSONResponse({"error": str(exc)}, status_code=400)

    def run(job: Job) -> bytes:
        try:
            return bytes(state["pool"].run(job))
        except JobError as exc:
            raise SparqlError(exc.status, exc.message) from exc

    # --- SPARQL 1.1 Protocol -----------------------------------------------------
    async def sparql_params(request: Request) -> dict[str, list[str]]:
        params = parse_qs(request.url.query, keep_blank_values=True)
        if request.method != "POST":
            return params
        declared = request.headers.get("content-length", "0")
        if declared.isdigit() and int(declared) > MAX_BODY:
            raise SparqlError(413, f"the request body is larger than {MAX_BODY} bytes")
        body = await request.body()
        if len(body) > MAX_BODY:
            raise SparqlError(413, f"the request body is larger than {MAX_BODY} bytes")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SparqlError(400, f"the request body is not UTF-8 (byte {exc.start})") from exc
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif kind == "application/sparql-query":
            params["query"] = [text]
        elif kind == "application/sparql-update":
            params["update"] = [text]
        else:
            raise SparqlError(
                415, "POST a form (application/x-www-form-urlencoded), application/sparql-query "
                "or application/sparql-update",
            )
        return params

    def service_description(request: Request) -> Response:
        from rdflib import Graph

        graph = Graph()
        base = str(request.url.remove_query_params(list(request.query_params.keys())))
        graph.parse(data=_resource("templates", "service.ttl").read_text("utf-8"), format="turtle", publicID=base)
        if settings.allow_update:
            graph.parse(
                data=_resource("templates", "service-update.ttl").read_text("utf-8"), format="turtle", publicID=base
            )
        media = negotiate(request.headers.get("accept", ""), GRAPH_TYPES, "text/turtle")
        if media is None:
            raise SparqlError(406, "the service description is available as Turtle, N-Triples or JSON-LD")
        rdflib_format = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld"}[media]
        return Response(graph.serialize(format=rdflib_format, encoding="utf-8"), media_type=media)

    def check_token(request: Request) -> None:
        if not settings.allow_update:
            raise SparqlError(403, "this endpoint is read-only (start the server with --allow-update to accept updates)")
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        expected = settings.token or ""
        if scheme.lower() != "bearer" or not given or not hmac.compare_digest(given.strip(), expected):
            raise SparqlError(
                401, "SPARQL Update needs a valid bearer token (Authorization: Bearer ...)",
                {"WWW-Authenticate": 'Bearer realm="ecokg"'},
            )

    async def sparql(request: Request) -> Response:
        params = await sparql_params(request)
        queries, updates = params.get("query", []), params.get("update", [])
        if params.get("default-graph-uri") or params.get("named-graph-uri") or params.get("using-graph-uri") \
                or params.get("using-named-graph-uri"):
            raise SparqlError(400, "dataset parameters are not supported: the default graph is the union of all graphs; use GRAPH")
        if updates:
            if request.method != "POST":
                raise SparqlError(405, "SPARQL Update must be sent with POST")
            if queries or len(updates) > 1:
                raise SparqlError(400, "send exactly one update (and no query)")
            check_token(request)
            await run_in_threadpool(check_update, updates[0])  # parsing is CPU work: off the event loop
            await run_in_threadpool(run, Job("update", updates[0]))
            return Response(status_code=204)
        if not queries:
            if request.method == "GET":
                return service_description(request)
            raise SparqlError(400, "no query: send a `query` parameter or an application/sparql-query body")
        if len(queries) > 1:
            raise SparqlError(400, "send exactly one query")
        text = queries[0]
        form = await run_in_threadpool(check_query, text)
        accept = request.headers.get("accept", "")
        if form in ("SELECT", "ASK"):
            media = negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
        else:
            media = negotiate(accept, GRAPH_TYPES, "text/turtle")
        if media is None:
            raise SparqlError(406, f"no acceptable format for a {form} result (asked: {accept})")
        body = await run_in_threadpool(run, Job("query", text, form, media, settings.max_rows))
        charset = "; charset=utf-8" if media.startswith("text/") else ""
        return Response(body, media_type=media + charset)

    app.add_api_route("/sparql", sparql, methods=["GET", "POST"], include_in_schema=False)

    # --- pages -------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(_resource("templates", "index.html").read_text("utf-8"))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        # Swagger UI from the package (no CDN), without the online validator badge.
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="ecokg API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None},
        )

    from ecokg.server.api import add_catalogue_routes

    add_catalogue_routes(app, settings, run)
    return app


TOKEN_ENV = "ECOKG_SERVER_TOKEN"
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def serve(settings: ServerSettings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the server until interrupted (requests are logged to standard error)."""
    import uvicorn

    from ecokg.errors import StoreError
    from ecokg.graph.store import DiskBackend

    if not (settings.store / "CURRENT").exists():
        raise StoreError(f"no graph at {settings.store}: run `ecokg build` first")
    DiskBackend(settings.store, create=False).close()  # fail here, clearly, if it cannot be opened
    if settings.allow_update and not settings.token:
        raise StoreError(f"--allow-update needs a bearer token: set {TOKEN_ENV}")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if host not in LOOPBACK:
        log.warning("listening on %s: the endpoint is reachable from other machines", host)
    log.info(
        "serving %s on http://%s:%d (%s; timeout %g s, at most %d rows)", settings.store, host, port,
        "updates allowed with the token" if settings.allow_update else "read-only", settings.timeout, settings.max_rows,
    )
    uvicorn.run(create_app(settings), host=host, port=port, access_log=False, log_level="info")
