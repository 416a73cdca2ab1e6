"""Query commands: ``ecokg queries`` lists the catalogue, ``ecokg query`` runs one query."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from ecokg.cli.options import (
    EndpointOpt,
    FormatOpt,
    MemoryOpt,
    StoreOpt,
    check_format,
    console,
    err_console,
    open_kg,
)
from ecokg.errors import QueryError


def queries(fmt: FormatOpt = "table") -> None:
    """List the catalogue of named SPARQL queries (name, title, parameters)."""
    from ecokg.queries.catalog import catalog, describe_parameters
    from ecokg.render import TABLE_FORMATS, print_rows

    check_format(fmt, TABLE_FORMATS)
    rows = [(q.name, q.title, describe_parameters(q)) for q in catalog()]
    print_rows(rows, ["name", "title", "parameters"], fmt, title="Named queries (ecokg query NAME -p key=value)", console=console)


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
) -> None:
    """Run a named query (NAME -p key=value), a .rq file (-f) or a SPARQL text (-e)."""
    run_cli_query(
        lambda: open_kg(store, memory, endpoint), name=name, params=param or [], file=file, expr=expr,
        fmt=fmt, lang=lang, timeout=timeout, include_inferred=inferred, console=console, err_console=err_console,
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
) -> None:
    """What ``ecokg query`` does: run one query and print it as a table or in ``fmt``."""
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
            result = run_query(kg.backend, named, values, lang=lang, include_inferred=include_inferred, timeout=timeout)
        else:
            result = kg.sparql(text, include_inferred=include_inferred, timeout=timeout)
    if fmt != "table":
        console.file.write(result.serialize(fmt))
        return
    columns, rows = result.display_rows(compact=True)
    print_rows(rows, columns, "table", title=named.title if named else None, console=console)
    err_console.print(f"{len(rows)} row(s) in {result.seconds:.3f} s", highlight=False, markup=False, style="dim")
