"""``ecokg serve``: a SPARQL 1.1 endpoint, the query catalogue as an API, maps and a web page.

Safe by default:

- read-only; SPARQL Update only with ``allow_update`` *and* a bearer token;
- Oxigraph parses every query (syntax errors get a 400 naming line and column);
  ``SERVICE`` (and ``LOAD`` in updates) are refused before anything runs, so a
  query never makes the server fetch a URL (:mod:`ecokg.server.protocol`);
- datasets as the SPARQL 1.1 Protocol defines them (``FROM``, ``default-graph-uri``
  ...); without one, the default graph is the union of the named graphs;
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

from ecokg.server.protocol import (
    GRAPH_TYPES,
    MAX_HEAD,
    MAX_URL,
    RESULT_TYPES,
    SparqlError,
    check_query,
    check_update,
    negotiate,
    requested_dataset,
    update_with_dataset,
)
from ecokg.server.worker import Job, JobError, WorkerPool

log = logging.getLogger("ecokg.server")

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
    #: Bearer tokens (their SHA-256) and the audience each sees; anonymous: public.
    tokens: Path | None = None


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
    from ecokg.server import audience

    audience.install(app, settings.tokens, settings.token if settings.allow_update else None)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"], allow_headers=["Content-Type", "Accept", "Authorization"],
            expose_headers=["X-Total-Count"],  # a page's client reads the whole result's size
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
        job.audience = audience.current.get()  # each request is answered on its audience's view
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
        kind, _, options = request.headers.get("content-type", "").partition(";")
        kind = kind.strip().lower()
        charset = options.lower().partition("charset=")[2].split(";")[0].strip().strip('"')
        if charset not in ("", "utf-8", "utf8"):
            raise SparqlError(415, f"the request body must be UTF-8 (charset={charset} was declared)")
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
        base = str(request.url.replace(query=""))
        graph.parse(data=_resource("templates", "service.ttl").read_text("utf-8"), format="turtle", publicID=base)
        if settings.allow_update:
            graph.parse(
                data=_resource("templates", "service-update.ttl").read_text("utf-8"), format="turtle", publicID=base
            )
        media = negotiate(request.headers.get("accept", ""), GRAPH_TYPES, "text/turtle")
        if media is None:
            raise SparqlError(406, "the service description is available as Turtle, N-Triples, JSON-LD or RDF/XML")
        rdflib_format = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
                         "application/rdf+xml": "xml"}[media]
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
        if request.method in ("GET", "HEAD") and len(request.url.query) > MAX_URL:
            raise SparqlError(414, f"the URL is longer than {MAX_URL} bytes: send the query with POST")
        params = await sparql_params(request)
        queries, updates = params.get("query", []), params.get("update", [])
        base = str(request.url.replace(query=""))  # the endpoint is the base IRI of what it is sent
        if updates:
            if request.method != "POST":
                raise SparqlError(405, "SPARQL Update must be sent with POST", {"Allow": "POST"})
            if queries or len(updates) > 1:
                raise SparqlError(400, "send exactly one update (and no query)")
            if params.get("default-graph-uri") or params.get("named-graph-uri"):
                raise SparqlError(400, "an update takes using-graph-uri / using-named-graph-uri, not default-graph-uri")
            check_token(request)
            found = await run_in_threadpool(check_update, updates[0])  # scanning is CPU work: off the event loop
            text = update_with_dataset(updates[0], found, params, base)
            await run_in_threadpool(run, Job("update", text))
            return Response(status_code=204)
        if params.get("using-graph-uri") or params.get("using-named-graph-uri"):
            raise SparqlError(400, "using-graph-uri / using-named-graph-uri are for updates; a query takes default-graph-uri")
        if not queries:
            if request.method in ("GET", "HEAD"):
                return service_description(request)
            raise SparqlError(400, "no query: send a `query` parameter or an application/sparql-query body")
        if len(queries) > 1:
            raise SparqlError(400, "send exactly one query")
        text = queries[0]
        found = await run_in_threadpool(check_query, text, base)
        dataset = requested_dataset(params, found)
        form = found.form or "SELECT"
        accept = request.headers.get("accept", "")
        if form in ("SELECT", "ASK"):
            media = negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
        else:
            media = negotiate(accept, GRAPH_TYPES, "text/turtle")
        if media is None:
            raise SparqlError(406, f"no acceptable format for a {form} result (asked: {accept})")
        job = Job("query", text, form, media, settings.max_rows, base=base, dataset=dataset,
                  order=found.variables if found.select_star else [])
        body = await run_in_threadpool(run, job)
        charset = "; charset=utf-8" if media.startswith("text/") else ""
        return Response(body, media_type=media + charset)

    app.add_api_route("/sparql", sparql, methods=["GET", "HEAD", "POST"], include_in_schema=False)

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
    from ecokg.server.explorer import add_explorer_routes

    add_explorer_routes(app, settings, run)
    return app


TOKEN_ENV = "ECOKG_SERVER_TOKEN"
LOOPBACK = ("127.0.0.1", "::1", "localhost")


#: The startup lines; the command line passes them in the language asked (``--lang``).
STARTUP_WORDS = {
    "serving": "serving {store} on http://{host}:{port} ({mode}; timeout {timeout} s, at most {rows} rows)",
    "read_only": "read-only", "updates_allowed": "updates allowed with the token",
    "reachable": "listening on {host}: the endpoint is reachable from other machines",
}


def serve(settings: ServerSettings, host: str = "127.0.0.1", port: int = 8000,
          words: dict[str, str] | None = None) -> None:
    """Run the server until interrupted (requests are logged to standard error); ``words``
    replaces :data:`STARTUP_WORDS`."""
    import uvicorn

    from ecokg.errors import StoreError
    from ecokg.graph.store import DiskBackend

    if not (settings.store / "CURRENT").exists():
        raise StoreError(f"no graph at {settings.store}: run `ecokg build` first")
    DiskBackend(settings.store, create=False).close()  # fail here, clearly, if it cannot be opened
    if settings.allow_update and not settings.token:
        raise StoreError(f"--allow-update needs a bearer token: set {TOKEN_ENV}")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    said = {**STARTUP_WORDS, **(words or {})}
    if host not in LOOPBACK:
        log.warning("%s", said["reachable"].format(host=host))
    mode = said["updates_allowed"] if settings.allow_update else said["read_only"]
    log.info("%s", said["serving"].format(store=settings.store, host=host, port=port, mode=mode,
                                          timeout=f"{settings.timeout:g}", rows=settings.max_rows))
    # h11 reads a request head of up to this size, so that an over-long GET URL reaches the
    # application and gets its 414 (past h11's 16 kB default the connection was reset).
    uvicorn.run(create_app(settings), host=host, port=port, access_log=False, log_level="info",
                http="h11", h11_max_incomplete_event_size=MAX_HEAD)
