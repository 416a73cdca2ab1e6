"""``ecokg serve``: the SPARQL endpoint, named-query API, maps and web page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ecokg.cli.options import LangOpt, StoreOpt
from ecokg.errors import EcokgError


def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run before it is stopped.")] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Largest result (rows or triples) served; larger ones are refused.")] = 10_000,
    workers: Annotated[int, typer.Option("--workers", help="Query worker processes.")] = 2,
    allow_update: Annotated[bool, typer.Option("--allow-update", help="Accept SPARQL Update with the bearer token in ECOKG_SERVER_TOKEN.")] = False,
    cors_origin: Annotated[list[str] | None, typer.Option("--cors-origin", help="Allow cross-origin requests from this origin (repeatable).")] = None,
    tokens: Annotated[Path | None, typer.Option("--tokens", help="Bearer tokens that see more than the public audience: lines 'AUDIENCE SHA256-OF-TOKEN' (docs/audiences.md).")] = None,
    lang: LangOpt = "en",
) -> None:
    """Serve the graph: SPARQL endpoint, named-query API, maps and a web page."""
    import os

    from ecokg.cli.words import MESSAGES, check_lang
    from ecokg.graph.store import resolve_store_path
    from ecokg.server.app import STARTUP_WORDS, TOKEN_ENV, ServerSettings
    from ecokg.server.app import serve as run_server

    check_lang(lang)

    if timeout <= 0 or max_rows <= 0 or workers <= 0:
        raise EcokgError("--timeout, --max-rows and --workers must be positive")
    settings = ServerSettings(
        store=resolve_store_path(store).resolve(), timeout=timeout, max_rows=max_rows, workers=workers,
        allow_update=allow_update, token=os.environ.get(TOKEN_ENV) if allow_update else None,
        cors_origins=list(cors_origin or []), tokens=tokens,
    )
    if tokens is not None:
        from ecokg.server.audience import read_tokens

        read_tokens(tokens)  # a bad line is refused now, with its number
    run_server(settings, host, port, words={key: MESSAGES[lang][key] for key in STARTUP_WORDS})
