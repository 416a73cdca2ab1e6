"""The ``ecokg`` command line: a thin layer over the library.

Each command parses options, calls one library function and renders its result.
Errors ecokg raises on purpose (:class:`ecokg.errors.EcokgError`) are printed
without a traceback and exit non-zero.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from ecokg.errors import EcokgError

console = Console()
err_console = Console(stderr=True)


class _Group(TyperGroup):
    """Turns EcokgError into a one-paragraph message and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except EcokgError as exc:
            err_console.print(f"[bold red]error:[/] {exc}", highlight=False, markup=True, soft_wrap=True)
            ctx.exit(exc.exit_code)


app = typer.Typer(
    cls=_Group,
    help="ecokg: a knowledge graph of biotech-ecosystem relationships.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

# --- shared option bundles ----------------------------------------------------
StoreOpt = Annotated[
    Path | None,
    typer.Option("--store", envvar="ECOKG_STORE", help="Store folder (default: .ecokg in the current directory)."),
]
MemoryOpt = Annotated[
    bool, typer.Option("--memory", help="Use a throwaway in-memory store (read commands load the seed into it first).")
]
EndpointOpt = Annotated[
    str | None,
    typer.Option("--endpoint", envvar="ECOKG_ENDPOINT", help="SPARQL 1.1 query endpoint of a remote store."),
]
UpdateEndpointOpt = Annotated[
    str | None,
    typer.Option("--update-endpoint", envvar="ECOKG_UPDATE_ENDPOINT", help="SPARQL 1.1 update endpoint (default: the query endpoint)."),
]
FormatOpt = Annotated[
    str, typer.Option("--format", "-F", help="Output: table, csv, tsv or json.")
]


def open_kg(
    store: Path | None,
    memory: bool = False,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    *,
    for_reading: bool = True,
) -> Any:
    """Open the knowledge graph the options name (the seed in memory for ``--memory`` reads)."""
    from ecokg.kg import KnowledgeGraph

    kg = KnowledgeGraph.open(
        store, memory=memory, endpoint=endpoint, update_endpoint=update_endpoint,
        create=not for_reading,
    )
    if memory and for_reading:
        kg.build()
    return kg


def _check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise EcokgError(f"unknown format {fmt!r} (choose from {', '.join(allowed)})")


# --- commands -------------------------------------------------------------------
@app.command()
def build(
    sources: Annotated[list[Path] | None, typer.Argument(help="Files to load (default: the bundled seed dataset).")] = None,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
    update_endpoint: UpdateEndpointOpt = None,
    keep_going: Annotated[bool, typer.Option("--keep-going", help="Load the good rows of a spreadsheet; report the bad ones.")] = False,
    mapping: Annotated[Path | None, typer.Option("--mapping", help="Column mapping (YAML) for CSV/XLSX sources.")] = None,
    append: Annotated[bool, typer.Option("--append", help="Add the sources to the graph instead of rebuilding it.")] = False,
) -> None:
    """Build the graph from SOURCES (stage, validate, then commit atomically)."""
    from ecokg.progress import progress_bar

    with open_kg(store, memory, endpoint, update_endpoint, for_reading=False) as kg, progress_bar(console) as bar:
        kwargs: dict[str, Any] = {
            "keep_going": keep_going, "mapping": mapping,
            "progress": bar.update, "on_source": bar.start_source,
        }
        report = kg.load(sources or [], **kwargs) if append else kg.build(sources, **kwargs)
        bar.finish()
    from ecokg.render import print_rows

    console.print(
        f"Built {kg.backend.description}: {report.triples} triples in {len(report.graphs)} graph(s) "
        f"from {len(report.sources)} source(s) in {report.seconds:.1f} s; SHACL: "
        + ("conforms" if report.validation.conforms else "warnings"),
        highlight=False,
    )
    if report.rejects:
        print_rows([(str(r),) for r in report.rejects], ["rejected"], title="Rejected rows")


@app.command()
def stats(
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """Show triples, entities per class and the sources of the graph."""
    from ecokg.render import TABLE_FORMATS, print_rows

    _check_format(fmt, TABLE_FORMATS)
    with open_kg(store, memory, endpoint) as kg:
        result = kg.stats()
    if fmt != "table":
        rows = [("graph", g, n) for g, n, _, _ in result.graphs] + [("class", c, n) for c, n in result.classes]
        print_rows(rows, ["kind", "name", "count"], fmt)
        return
    console.print(f"Store {result.store}: {result.triples} triples", highlight=False)
    print_rows([(c, n) for c, n in result.classes], ["class", "entities"], title="Entities per class")
    print_rows(
        [(g, n, f or "", w or "") for g, n, f, w in result.graphs],
        ["graph", "triples", "source file", "loaded at"],
        title="Graphs (sources)",
    )


@app.command()
def validate(
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
) -> None:
    """Check the stored graph against the SHACL shapes; exit 3 on violations."""
    with open_kg(store, memory, endpoint) as kg:
        report = kg.validate()
    console.print(report.text(), highlight=False, markup=False)
    if not report.conforms:
        raise typer.Exit(3)


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write ('-' for standard output).")],
    fmt: Annotated[str, typer.Option("--format", "-F", help="ttl, trig, nt, nq or jsonld.")] = "trig",
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
) -> None:
    """Export the graph as RDF (trig and nq keep the named graphs)."""
    with open_kg(store, memory, endpoint) as kg:
        if str(output) == "-":
            kg.export(sys.stdout.buffer, fmt)
        else:
            kg.export(output, fmt)
            err_console.print(f"Wrote {output}", highlight=False)


@app.command()
def demo(
    store: StoreOpt = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for the HTML maps.")] = Path("out"),
) -> None:
    """Build the seed graph and show what ecokg answers about it."""
    from ecokg.demo import run_demo

    run_demo(store, out, console)


@app.command()
def version() -> None:
    """Print the ecokg version."""
    from ecokg import __version__

    console.print(__version__)


def main() -> None:
    """Entry point of the ``ecokg`` script."""
    app()


if __name__ == "__main__":
    main()
