"""The explorer's own routes for ``ecokg serve``: entity pages, analysis, downloads, briefings.

- ``/entity/{id}``: an entity's page (:mod:`ecokg.maps.profile`), in English or French;
- ``/api/path``, ``/api/brokers``, ``/api/introductions``, ``/api/centrality``: the network
  commands' answers as JSON (:mod:`ecokg.network.answers`);
- ``/download/{name}``: a named query's result as a person reads it, CSV (byte-order mark,
  ``;`` in French) or XLSX (:mod:`ecokg.queries.readable`);
- ``/brief``: the printable briefing of a territory or a mission (:mod:`ecokg.maps.brief`).

The work runs in the server's worker processes (the functions taking ``kg`` first), on the
requester's audience's view of the graph, under the server's time bound, like ``/queries``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.resources import files
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ecokg.server.worker import Job, JobError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lang(lang: str) -> str:
    if lang not in ("en", "fr"):
        raise JobError(400, f"unknown language {lang!r} (choose en or fr)")
    return lang


def _template(name: str) -> Any:
    from jinja2 import Environment

    env = Environment(autoescape=True, keep_trailing_newline=True)  # every label is escaped
    return env.from_string(files("ecokg.server").joinpath("templates", name).read_text("utf-8"))


# --- run inside a worker process -----------------------------------------------------


def entity_html(kg: Any, entity: str, lang: str) -> bytes:
    """The entity page of ``entity`` (an id under ``ekr:``, a CURIE, an IRI or a name)."""
    from ecokg.maps.profile import entity_profile, ref
    from ecokg.maps.words import words

    profile = entity_profile(kg.backend, entity, _lang(lang))
    other = "fr" if lang == "en" else "en"
    here = "/entity/" + quote(ref(profile["iri"]), safe=":")
    page = _template("entity.html").render(
        p=profile, w=words(lang), other_lang=other,
        other_lang_url=here + ("?lang=fr" if other == "fr" else ""),
        map_url="/map?" + urlencode({"focus": profile["iri"], "lang": lang}),
    )
    return page.encode("utf-8")


def analysis_json(kg: Any, what: str, args: dict[str, Any], lang: str) -> bytes:
    """One network analysis (``path``, ``brokers``, ``introductions``, ``centrality``) as JSON."""
    from ecokg.network import answers

    functions: dict[str, Callable[..., dict[str, Any]]] = {
        "path": answers.path_answer, "brokers": answers.brokers_answer,
        "introductions": answers.introductions_answer, "centrality": answers.centrality_answer,
    }
    return json.dumps(functions[what](kg.backend, **args, lang=_lang(lang)), ensure_ascii=False).encode("utf-8")


def download(kg: Any, name: str, params: dict[str, str], fmt: str, lang: str, max_rows: int, timeout: float) -> bytes:
    """The named query's result with human headers and names, as ``csv`` or ``xlsx``."""
    from ecokg.queries.catalog import get_query, run_named
    from ecokg.queries.readable import readable, to_csv, to_xlsx

    query = get_query(name)
    if query.form != "SELECT":
        raise JobError(400, f"the query {name!r} gives a graph, not a table: download it as Turtle from /queries/{name}?format=ttl")
    result = run_named(kg.backend, name, params, lang=_lang(lang), timeout=timeout)
    if len(result) > max_rows:
        raise JobError(400, f"the result has {len(result)} rows, more than the server's --max-rows ({max_rows}); narrow the query")
    headers, rows = readable(query, result, lang)
    return to_csv(headers, rows, lang) if fmt == "csv" else to_xlsx(headers, rows, query.title)


def brief_html(kg: Any, territory: str | None, mission: str | None, home: str | None, lang: str) -> bytes:
    """The printable briefing of a territory or a mission."""
    from ecokg.maps.brief import brief_page

    return brief_page(kg.backend, territory=territory, mission=mission, home=home, lang=_lang(lang)).encode("utf-8")


# --- routes ------------------------------------------------------------------------


def add_explorer_routes(app: Any, settings: Any, run: Callable[[Job], bytes]) -> None:
    """Add ``/entity/{id}``, ``/api/...``, ``/download/{name}`` and ``/brief`` to ``app``."""
    from starlette.concurrency import run_in_threadpool

    from ecokg.server.protocol import SparqlError

    async def call(function: str, **args: Any) -> bytes:
        return bytes(await run_in_threadpool(run, Job("call", function, args=args)))

    async def answer_json(what: str, lang: str, **args: Any) -> Response:
        try:
            body = await call("ecokg.server.explorer:analysis_json", what=what, args=args, lang=lang)
        except SparqlError as exc:
            return JSONResponse({"error": exc.message}, status_code=exc.status)
        return Response(body, media_type="application/json")

    @app.get("/api/prefixes", tags=["explorer"], summary="The prefixes every query may use without declaring them")
    def api_prefixes() -> JSONResponse:
        from ecokg.namespaces import PREFIXES

        return JSONResponse({name: str(namespace) for name, namespace in PREFIXES.items()})

    @app.get("/entity/{entity:path}", tags=["explorer"], summary="An entity's page", response_class=HTMLResponse)
    async def entity_page(
        entity: str, lang: str = Query("en", description="page language: en or fr"),
    ) -> Response:
        """The entity's card in words, its neighbourhood map, its facts' sources and its place in the network."""
        return HTMLResponse(await call("ecokg.server.explorer:entity_html", entity=entity, lang=lang))

    @app.get("/api/path", tags=["analysis"], summary="How two actors are connected (as `ecokg path`)")
    async def api_path(
        source: str = Query(..., alias="from", description="an entity: id, CURIE, IRI or name"),
        target: str = Query(..., alias="to", description="another entity"),
        k: int = Query(1, ge=1, le=50, description="how many shortest paths"),
        lang: str = Query("en", description="en or fr"),
    ) -> Response:
        return await answer_json("path", lang, source=source, target=target, k=k)

    @app.get("/api/brokers", tags=["analysis"], summary="Brokers, or who bridges two territories (as `ecokg brokers`)")
    async def api_brokers(
        first: str | None = Query(None, description="a territory (with second=)"),
        second: str | None = Query(None, description="another territory"),
        top: int = Query(10, ge=1, le=100),
        lang: str = Query("en", description="en or fr"),
    ) -> Response:
        return await answer_json("brokers", lang, first=first or None, second=second or None, top=top)

    @app.get("/api/introductions", tags=["analysis"], summary="Introductions worth making (as `ecokg suggest`)")
    async def api_introductions(
        actor: str | None = Query(None, description="only for this actor"),
        top: int = Query(10, ge=1, le=100),
        lang: str = Query("en", description="en or fr"),
    ) -> Response:
        return await answer_json("introductions", lang, actor=actor or None, top=top)

    @app.get("/api/centrality", tags=["analysis"], summary="Actors ranked by a measure (as `ecokg analyze`)")
    async def api_centrality(
        measure: str = Query("betweenness", description="degree, betweenness, closeness, pagerank, eigenvector, constraint, broker, community"),
        top: int = Query(10, ge=1, le=100),
        lang: str = Query("en", description="en or fr"),
    ) -> Response:
        return await answer_json("centrality", lang, measure=measure, top=top)

    @app.get("/download/{name}", tags=["queries"], summary="A named query's result for a spreadsheet")
    async def download_table(name: str, request: Request) -> Response:
        """Human headers, names rather than IRIs; ``format=csv`` (UTF-8 with a byte-order mark,
        ``;`` as separator with ``lang=fr``) or ``format=xlsx``. Other parameters are the query's."""
        from ecokg.errors import QueryError
        from ecokg.queries.catalog import get_query

        values = {k: v for k, v in request.query_params.items() if v != ""}
        fmt, lang = values.pop("format", "csv"), values.pop("lang", "en")
        if fmt not in ("csv", "xlsx"):
            return JSONResponse({"error": "format must be csv or xlsx"}, status_code=400)
        try:
            query = get_query(name)
        except QueryError as exc:
            return JSONResponse({"error": str(exc)}, status_code=404)
        unknown = sorted(set(values) - {p.name for p in query.parameters})
        if unknown:
            return JSONResponse({"error": f"the query {name!r} has no parameter {unknown[0]!r}"}, status_code=400)
        try:
            body = await call("ecokg.server.explorer:download", name=name, params=values, fmt=fmt, lang=lang,
                              max_rows=settings.max_rows, timeout=settings.timeout)
        except SparqlError as exc:
            return JSONResponse({"error": exc.message}, status_code=exc.status)
        media = "text/csv; charset=utf-8" if fmt == "csv" else XLSX
        return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})

    @app.get("/brief", tags=["explorer"], summary="A printable briefing on a territory or a mission", response_class=HTMLResponse)
    async def brief(
        territory: str | None = Query(None, description="a territory (e.g. Wisconsin)"),
        mission: str | None = Query(None, description="a mission (id or name)"),
        home: str | None = Query(None, description="the home region (default: the region that sent the missions)"),
        lang: str = Query("en", description="en or fr"),
    ) -> Response:
        """One self-contained page (no external request), with print styles."""
        if bool(territory) == bool(mission):
            return JSONResponse({"error": "give territory= or mission= (one of them)"}, status_code=400)
        body = await call("ecokg.server.explorer:brief_html", territory=territory or None,
                          mission=mission or None, home=home or None, lang=lang)
        return HTMLResponse(body)


__all__ = ["add_explorer_routes", "analysis_json", "brief_html", "download", "entity_html"]
