"""The named-query catalogue as a JSON/CSV API, and the HTML maps, for ``ecokg serve``.

Each named query gets its own route (``/queries/members-of?mission=...``) with its
parameters declared, so the OpenAPI page documents them. The work itself runs in
the server's worker processes (:func:`named_result`, :func:`map_html`), under the
same time and size bounds as ``/sparql``.
"""

from __future__ import annotations

import csv
import importlib
import importlib.util
import inspect
import io
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ecokg.server.worker import Job, JobError

#: ``format`` values of ``/queries/{name}`` and the media types they are served as.
FORMATS = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "sparql-json": "application/sparql-results+json",
    "ttl": "text/turtle; charset=utf-8",
}
RESERVED = ("format", "lang", "limit", "offset")


# --- run inside a worker process -----------------------------------------------------


def named_result(
    kg: Any, name: str, params: dict[str, str], fmt: str, lang: str, max_rows: int, timeout: float,
    limit: int | None = None, offset: int = 0,
) -> bytes:
    """The named query ``name`` run with ``params``, serialised as ``fmt`` (in a worker): the
    whole result, or with ``limit`` the page of rows from ``offset``. The first line is the
    whole result's row count (:func:`split_total`), for the ``X-Total-Count`` header.

    >>> split_total(named_result(kg, "members-of", {}, "csv", "en", 1000, 10.0))[1][:20]  # doctest: +SKIP
    b'person,personLabel,...'
    """
    from ecokg.queries.catalog import run_named

    result = run_named(kg.backend, name, params, lang=lang, timeout=timeout, limit=limit, offset=offset)
    if len(result) > max_rows:
        raise JobError(
            400, f"the result has {len(result)} rows, more than the server's --max-rows ({max_rows}); "
            "narrow the query, or ask for pages with limit= and offset="
        )
    total = result.total if limit is not None else len(result)
    return f"{total}\n".encode("ascii") + result.serialize(fmt).encode("utf-8")


def split_total(body: bytes) -> tuple[int, bytes]:
    """The row count and the serialised result that :func:`named_result` sends back."""
    head, _, rest = body.partition(b"\n")
    return int(head), rest


def page_arguments(values: dict[str, str], max_rows: int) -> tuple[int | None, int] | str:
    """``limit`` and ``offset`` taken out of a request's parameters, or what is wrong with them."""
    raw_limit, raw_offset = values.pop("limit", ""), values.pop("offset", "")
    try:
        limit = int(raw_limit) if raw_limit != "" else None
        offset = int(raw_offset) if raw_offset != "" else 0
    except ValueError:
        return f"limit and offset must be whole numbers (got limit={raw_limit!r}, offset={raw_offset!r})"
    if limit is not None and not 1 <= limit <= max_rows:
        return f"limit must be between 1 and the server's --max-rows ({max_rows}), not {limit}"
    if offset < 0:
        return f"offset must be 0 or more, not {offset}"
    if offset and limit is None:
        return "offset needs limit (the page size)"
    return limit, offset


def map_html(
    kg: Any, query: str | None, focus: str | None, params: dict[str, str], lang: str,
    depth: int, color_by: str, size_by: str, path: list[str] | None = None,
) -> bytes:
    """The HTML map of the graph, a named query's result, an entity's neighbourhood or a path
    (in a worker); each node links to its entity page."""
    visualize = importlib.import_module("ecokg.maps.visualize")
    build: Callable[..., Any] = visualize.build_map
    result = build(kg.backend, query=query, params=params, focus=focus, depth=depth, color_by=color_by,
                   size_by=size_by, lang=lang, path=path or None, entity_pages="/entity/")
    return str(result.html).encode("utf-8")


def maps_available() -> bool:
    """Whether the HTML map module is installed in this tree."""
    return importlib.util.find_spec("ecokg.maps.visualize") is not None


# --- routes ------------------------------------------------------------------------


def catalogue_records(lang: str = "en") -> list[dict[str, Any]]:
    """Every named query with its parameters, as JSON-ready records; title and description
    in ``lang`` (``# title-fr:`` lines; the English ones when a query has no French)."""
    from ecokg.queries.catalog import catalog

    return [
        {
            "name": q.name,
            "title": q.title_in(lang),
            "description": q.description_in(lang),
            "form": q.form,
            "parameters": [
                {"name": p.name, "kind": p.kind, "default": p.default, "description": p.description}
                for p in q.parameters
            ],
            "url": f"/queries/{q.name}",
            # The declared headers (readable tables); the page humanises the other columns.
            "columns": {c.name: {"en": c.en, "fr": c.fr} for c in q.columns},
        }
        for q in catalog()
    ]


def add_catalogue_routes(app: Any, settings: Any, run: Callable[[Job], bytes]) -> None:
    """Add ``/queries``, ``/queries/{name}`` and ``/map`` to ``app``."""
    from ecokg.errors import QueryError
    from ecokg.queries.catalog import catalog, get_query

    async def call(function: str, **args: Any) -> bytes:
        from starlette.concurrency import run_in_threadpool

        return bytes(await run_in_threadpool(run, Job("call", function, args=args)))

    def client_error(status: int, message: str) -> JSONResponse:
        return JSONResponse({"error": message}, status_code=status)

    @app.get("/queries", tags=["queries"], summary="The catalogue of named queries")
    def list_queries(
        format: str = Query("json", description="json or csv"),
        lang: str = Query("en", description="Language of titles and descriptions: en or fr"),
    ) -> Response:
        """Every named query: name, title, description, form and parameters."""
        if lang not in ("en", "fr"):
            return client_error(400, "lang must be en or fr")
        records = catalogue_records(lang)
        if format == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(["name", "title", "description", "form", "parameters"])
            for r in records:
                params = " ".join(p["name"] for p in r["parameters"])
                writer.writerow([r["name"], r["title"], r["description"], r["form"], params])
            return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8")
        if format != "json":
            return client_error(400, "format must be json or csv")
        return JSONResponse(records)

    async def answer(name: str, request: Request) -> Response:
        query = get_query(name)
        values = dict(request.query_params)
        fmt = values.pop("format", "json")
        lang = values.pop("lang", "en")
        if fmt not in FORMATS:
            return client_error(400, f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        paging = page_arguments(values, settings.max_rows)
        if isinstance(paging, str):
            return client_error(400, paging)
        limit, offset = paging
        accepted = {p.name for p in query.parameters}
        unknown = sorted(set(values) - accepted)
        if unknown:
            return client_error(
                400, f"the query {name!r} has no parameter {unknown[0]!r} (accepted: {', '.join(sorted(accepted)) or 'none'})"
            )
        values = {k: v for k, v in values.items() if v != ""}  # an empty form field means "any"
        total, body = split_total(await call(
            "ecokg.server.api:named_result", name=name, params=values, fmt=fmt, lang=lang,
            max_rows=settings.max_rows, timeout=settings.timeout, limit=limit, offset=offset,
        ))
        # The whole result's size beside a page, so a client knows how many pages there are.
        headers = {"X-Total-Count": str(total)}
        if fmt in ("csv", "tsv"):
            headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return Response(body, media_type=FORMATS[fmt], headers=headers)

    for named in catalog():
        app.add_api_route(
            f"/queries/{named.name}", _endpoint(named, answer, Query, Request),
            methods=["GET"], tags=["queries"], summary=named.title, description=named.description,
            response_class=Response, responses={200: {"content": {t.split(";")[0]: {} for t in FORMATS.values()}}},
        )

    @app.get("/queries/{name}", include_in_schema=False)
    async def unknown_query(name: str, request: Request) -> Response:
        try:
            get_query(name)
        except QueryError as exc:  # names the closest queries
            return client_error(404, str(exc))
        return await answer(name, request)

    @app.get("/map", tags=["maps"], summary="The HTML map of a named query or of an entity", response_class=HTMLResponse)
    async def map_page(
        request: Request,
        query: str | None = Query(None, description="a named query whose result to map"),
        focus: str | None = Query(None, description="an entity (IRI, CURIE, id or name) whose neighbourhood to map"),
        depth: int = Query(1, ge=1, le=3, description="links around focus"),
        color_by: str = Query("class", description="class, community or territory"),
        size_by: str = Query("degree", description="degree, betweenness or pagerank"),
        lang: str = Query("en", description="labels and page language: en or fr"),
        path: Annotated[list[str] | None, Query(description="the entities of a path, in order (repeated): drawn highlighted")] = None,
    ) -> Response:
        """A self-contained page (scripts embedded). Other parameters are the named query's own."""
        if not maps_available():
            return client_error(501, "the HTML map module (ecokg.maps.visualize) is not installed")
        own = ("query", "focus", "depth", "color_by", "size_by", "lang", "path")
        params = {k: v for k, v in request.query_params.items() if k not in own and v != ""}
        if query is not None:
            try:
                named = get_query(query)
            except QueryError as exc:
                return client_error(404, str(exc))
            unknown = sorted(set(params) - {p.name for p in named.parameters})
            if unknown:
                return client_error(400, f"the query {query!r} has no parameter {unknown[0]!r}")
        elif params:
            return client_error(400, f"unexpected parameter {sorted(params)[0]!r} (query parameters need query=)")
        body = await call(
            "ecokg.server.api:map_html", query=query, focus=focus, params=params, lang=lang,
            depth=depth, color_by=color_by, size_by=size_by, path=path,
        )
        return HTMLResponse(body)


def _endpoint(named: Any, answer: Callable[..., Any], query_cls: Any, request_cls: Any) -> Callable[..., Any]:
    """A route function whose signature declares the query's parameters (for OpenAPI)."""

    async def endpoint(request: Any, **_: Any) -> Any:
        return await answer(named.name, request)

    parameters = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=request_cls)]
    for number, p in enumerate(named.parameters):
        if p.name in RESERVED:
            continue
        described = f"{p.description} ({p.kind}" + (f"; default {p.default})" if p.default else "; default: any)")
        parameters.append(
            inspect.Parameter(
                f"param_{number}", inspect.Parameter.KEYWORD_ONLY, annotation=str | None,  # "from" is a keyword
                default=query_cls(None, alias=p.name, description=described),
            )
        )
    parameters.append(
        inspect.Parameter("format", inspect.Parameter.KEYWORD_ONLY, annotation=str,
                          default=query_cls("json", description=" | ".join(FORMATS)))
    )
    parameters.append(
        inspect.Parameter("lang", inspect.Parameter.KEYWORD_ONLY, annotation=str,
                          default=query_cls("en", description="label language"))
    )
    parameters.append(
        inspect.Parameter("limit", inspect.Parameter.KEYWORD_ONLY, annotation=str | None,  # checked by page_arguments
                          default=query_cls(None, description="a page of this many rows (the whole result's size is in X-Total-Count)"))
    )
    parameters.append(
        inspect.Parameter("offset", inspect.Parameter.KEYWORD_ONLY, annotation=str | None,
                          default=query_cls(None, description="the page's first row, counted from 0 (with limit)"))
    )
    endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    endpoint.__name__ = "query_" + named.name.replace("-", "_")
    return endpoint

