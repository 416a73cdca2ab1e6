"""Query commands: ``ecokg queries`` lists the catalogue, ``ecokg query`` runs one query."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from ecokg.cli.options import (
    AudienceOpt,
    EndpointOpt,
    FormatOpt,
    MemoryOpt,
    StoreOpt,
    check_format,
    console,
    err_console,
    open_kg,
)
from ecokg.cli.words import check_lang, columns_in, say
from ecokg.errors import QueryError


def queries(
    fmt: FormatOpt = "table",
    lang: Annotated[str, typer.Option("--lang", help="Language of the headers and title: en or fr.")] = "en",
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
) -> None:
    """List the catalogue of named SPARQL queries (name, title, parameters).

    --store, --memory and --endpoint are accepted as every command accepts them (issue 23);
    the catalogue is the same for every store, so none is opened.
    """
    del store, memory, endpoint
    from ecokg.queries.catalog import catalog, describe_parameters
    from ecokg.render import TABLE_FORMATS, print_rows

    check_format(fmt, TABLE_FORMATS)
    check_lang(lang)
    rows = [(q.name, q.title_in(lang), describe_parameters(q, lang)) for q in catalog()]
    print_rows(rows, columns_in(["name", "title", "parameters"], lang), fmt, title=say("catalogue", lang), console=console)


def query(
    name: Annotated[str | None, typer.Argument(help="A catalogue query (see `ecokg queries`).")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="A parameter as key=value (repeatable); entities by IRI, CURIE or label.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Run the SPARQL query in this .rq file.")] = None,
    expr: Annotated[str | None, typer.Option("--expr", "-e", help="Run this SPARQL query.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-F", help="table, csv, tsv, json, sparql-json, or ttl (CONSTRUCT/DESCRIBE).")] = "table",
    lang: Annotated[str, typer.Option("--lang", help="Label language: fr or en.")] = "en",
    timeout: Annotated[float, typer.Option("--timeout", help="Stop the query after this many seconds (checked as rows arrive).")] = 30.0,
    inferred: Annotated[bool, typer.Option("--inferred/--no-inferred", help="Include (default) or leave out the reasoner's inferred triples.")] = True,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
    audience: AudienceOpt = "all",
    limit: Annotated[int | None, typer.Option("--limit", min=0, help="Show at most this many rows (one page; the total is said on stderr).")] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many rows first (with --limit: the next pages).")] = 0,
) -> None:
    """Run a named query (NAME -p key=value), a .rq file (-f) or a SPARQL text (-e)."""
    run_cli_query(
        lambda: open_kg(store, memory, endpoint, audience=audience), name=name, params=param or [], file=file, expr=expr,
        fmt=fmt, lang=lang, timeout=timeout, include_inferred=inferred, console=console, err_console=err_console,
        limit=limit, offset=offset,
    )


def parse_param_options(options: list[str]) -> dict[str, str]:
    """``["key=value", ...]`` from ``-p`` options as a dictionary (values may contain ``=``)."""
    params: dict[str, str] = {}
    for option in options:
        key, sep, value = option.partition("=")
        key = key.strip()
        if not sep or not key:
            raise QueryError(f"bad parameter {option!r}: write it as key=value")
        if key in params:
            raise QueryError(f"parameter {key!r} given twice")
        params[key] = value
    return params


def run_cli_query(
    open_kg: Callable[[], Any],
    *,
    name: str | None,
    params: list[str],
    file: Path | None,
    expr: str | None,
    fmt: str,
    lang: str,
    timeout: float,
    include_inferred: bool,
    console: Any,
    err_console: Any,
    limit: int | None = None,
    offset: int = 0,
) -> None:
    """What ``ecokg query`` does: run one query and print it (one page of its rows with
    ``limit``/``offset``) as a table or in ``fmt``."""
    from ecokg.queries.catalog import NamedQuery, get_query, parse_rq, run_query
    from ecokg.queries.result import RESULT_FORMATS
    from ecokg.render import print_rows

    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown format {fmt!r} (choose from {', '.join(RESULT_FORMATS)})")
    if lang not in ("fr", "en"):
        raise QueryError(f"unknown label language {lang!r} (choose fr or en)")
    if sum(x is not None for x in (name, file, expr)) != 1:
        raise QueryError("give exactly one of NAME, --file FILE.rq or --expr 'SPARQL'")
    values = parse_param_options(params)
    named: NamedQuery | None = None
    text = expr or ""
    if name is not None:
        named = get_query(name)
    elif file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read {file}: {exc}") from None
        if values:
            named = parse_rq(file.stem, text)
    if values and named is None:
        raise QueryError("parameters (-p) need a named query or a .rq file with a catalogue header")
    with open_kg() as kg:
        if named is not None:
            result = run_query(kg.backend, named, values, lang=lang, include_inferred=include_inferred, timeout=timeout,
                               limit=limit, offset=offset)  # a page cut inside the query where it can be
        else:
            result = kg.sparql(text, include_inferred=include_inferred, timeout=timeout)
        focus = _focus(kg.backend, named, values) if result.graph is not None and fmt == "table" else None
    if (limit is not None or offset) and result.graph is None and result.ask is None:
        if named is None:  # (run_query cut a named query's page already)
            result = result.page(limit, offset)
        shown = f"rows {offset + 1}–{offset + len(result)}" if len(result) else "no rows"
        err_console.print(f"{shown} of {result.total}", highlight=False, markup=False)
    if fmt != "table":
        console.file.write(result.serialize(fmt))
        return
    if result.graph is not None:  # a CONSTRUCT: a card a person reads, not raw triples
        from ecokg.queries.card import card_of

        if named is not None:
            console.print(named.title_in(lang), highlight=False, markup=False, style="bold")
        console.print(card_of(result.graph, focus, lang).text, highlight=False, markup=False, soft_wrap=True, end="")
        return
    columns, rows = result.display_rows(compact=True)
    # The catalogue's own headers (``# column:`` lines), in the language asked.
    headers = [column_header(named, c, lang) for c in columns]
    print_rows(rows, headers, "table", title=named.title_in(lang) if named else None, console=console)
    err_console.print(say("rows", lang, n=len(rows), seconds=f"{result.seconds:.3f}"), highlight=False, markup=False, style="dim")


def column_header(named: Any, column: str, lang: str) -> str:
    """A result column's header: the catalogue's own (``# column:``), else the command line's
    French word for the variable, else the catalogue's humanised name."""
    from ecokg.cli.words import COLUMNS

    # A column shown by its label (``via`` for ``viaLabel``) takes the label column's header.
    for name in (column, column + "Label"):
        if named is not None and any(c.name == name for c in named.columns):
            return str(named.header(name, lang))
    if lang == "fr" and column in COLUMNS:
        return COLUMNS[column][:1].upper() + COLUMNS[column][1:]
    return str(named.header(column, lang)) if named is not None else column



def _focus(backend: Any, named: Any, values: dict[str, str]) -> str | None:
    """The entity a CONSTRUCT is about: its first entity parameter's value (or default)."""
    from ecokg.queries.resolve import resolve

    entity = next((p for p in (named.parameters if named is not None else ()) if p.kind == "entity"), None)
    value = (values.get(entity.name) or entity.default) if entity is not None else None
    return str(resolve(backend, str(value))) if value else None
