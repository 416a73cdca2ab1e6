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
    reason: Annotated[bool, typer.Option("--reason", help="Also run the OWL reasoner; refuse an inconsistent build.")] = False,
) -> None:
    """Build the graph from SOURCES (stage, validate, then commit atomically)."""
    from ecokg.progress import progress_bar

    if reason and append:
        raise EcokgError("--reason rebuilds the inferred graph with the whole build; after --append run `ecokg reason`")

    with open_kg(store, memory, endpoint, update_endpoint, for_reading=False) as kg, progress_bar(console) as bar:
        kwargs: dict[str, Any] = {
            "keep_going": keep_going, "mapping": mapping,
            "progress": bar.update, "on_source": bar.start_source,
        }
        if reason:
            from ecokg.graph.reasoner import before_commit

            kwargs["before_commit"] = before_commit()
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
    fmt: Annotated[str, typer.Option("--format", "-F", help="ttl, trig, nt, nq or jsonld; graphml or gexf for Gephi.")] = "trig",
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
) -> None:
    """Export the graph as RDF (trig and nq keep the named graphs), or as a GraphML/GEXF network."""
    with open_kg(store, memory, endpoint) as kg:
        if fmt in ("graphml", "gexf"):
            from ecokg.network.analysis import export_network

            export_network(kg.backend, sys.stdout.buffer if str(output) == "-" else output, fmt)
            if str(output) != "-":
                err_console.print(f"Wrote {output}", highlight=False)
        elif str(output) == "-":
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


# --- server commands ---
@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run before it is stopped.")] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Largest result (rows or triples) served; larger ones are refused.")] = 10_000,
    workers: Annotated[int, typer.Option("--workers", help="Query worker processes.")] = 2,
    allow_update: Annotated[bool, typer.Option("--allow-update", help="Accept SPARQL Update with the bearer token in ECOKG_SERVER_TOKEN.")] = False,
    cors_origin: Annotated[list[str] | None, typer.Option("--cors-origin", help="Allow cross-origin requests from this origin (repeatable).")] = None,
) -> None:
    """Serve the graph: SPARQL endpoint, named-query API, maps and a web page."""
    import os

    from ecokg.graph.store import resolve_store_path
    from ecokg.server.app import TOKEN_ENV, ServerSettings
    from ecokg.server.app import serve as run_server

    if timeout <= 0 or max_rows <= 0 or workers <= 0:
        raise EcokgError("--timeout, --max-rows and --workers must be positive")
    settings = ServerSettings(
        store=resolve_store_path(store).resolve(), timeout=timeout, max_rows=max_rows, workers=workers,
        allow_update=allow_update, token=os.environ.get(TOKEN_ENV) if allow_update else None,
        cors_origins=list(cors_origin or []),
    )
    run_server(settings, host, port)


# --- network analysis commands ---
TopOpt = Annotated[int, typer.Option("--top", "-n", help="How many rows to show.")]


@app.command()
def analyze(
    top: TopOpt = 10,
    measure: Annotated[
        list[str] | None,
        typer.Option("--measure", "-m", help="degree, betweenness, closeness, pagerank, eigenvector, constraint, broker, community (repeat or comma-separate; default: all)."),
    ] = None,
    fmt: FormatOpt = "table",
    write: Annotated[bool, typer.Option("--write", help="Store the scores in the `analysis` named graph (queryable in SPARQL).")] = False,
    sample: Annotated[int | None, typer.Option("--sample", "-k", help="Estimate betweenness from this many sampled sources.")] = None,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
    update_endpoint: UpdateEndpointOpt = None,
) -> None:
    """Rank the people and organisations by network measures (ranked by the first measure)."""
    from ecokg.network.analysis import MEASURES, actor_graph, score_rows, write_scores
    from ecokg.network.analysis import analyze as run_measures
    from ecokg.render import TABLE_FORMATS, print_rows

    _check_format(fmt, TABLE_FORMATS)
    names = [m.strip() for item in measure or [] for m in item.split(",") if m.strip()] or list(MEASURES)
    with open_kg(store, memory, endpoint, update_endpoint) as kg:
        G = actor_graph(kg.to_networkx(sources=False))  # measures need no sources
        results = run_measures(G, names, k=sample)
        for message in dict.fromkeys(r.message for r in results if r.message):
            err_console.print(f"note: {message}", highlight=False, markup=False)
        columns, rows = score_rows(G, results, top)
        if fmt == "table":  # the IRI column is for machines; the terminal is too narrow for it
            columns, rows = columns[:-1], [row[:-1] for row in rows]
        print_rows(rows, columns, fmt, title=f"Network measures of {G.number_of_nodes()} actors", console=console)
        if write:
            count = write_scores(kg.backend, results)
            err_console.print(f"Wrote {count} triples to the analysis graph", highlight=False)


@app.command()
def path(
    source: Annotated[str, typer.Argument(help="An entity: IRI, CURIE, id or label.")],
    target: Annotated[str, typer.Argument(help="Another entity.")],
    k: Annotated[int, typer.Option("-k", "--paths", help="How many shortest paths to show.")] = 1,
    fmt: FormatOpt = "table",
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
) -> None:
    """Explain how two entities are connected: the K shortest chains of facts between them."""
    from ecokg.network.analysis import paths_between
    from ecokg.render import TABLE_FORMATS, print_rows

    _check_format(fmt, TABLE_FORMATS)
    with open_kg(store, memory, endpoint) as kg:
        found = paths_between(kg.backend, source, target, k)
    if fmt == "table":
        for i, explained in enumerate(found, start=1):
            console.print(f"{i}. ({len(explained.steps)} steps) {explained.sentence}", highlight=False, markup=False)
        return
    rows = [(i, len(p.steps), p.sentence, " ".join(p.nodes)) for i, p in enumerate(found, start=1)]
    print_rows(rows, ["rank", "steps", "sentence", "nodes"], fmt)


@app.command()
def brokers(
    between: Annotated[
        tuple[str, str] | None,
        typer.Option("--between", help="Two territories (e.g. --between BFC Wisconsin): who bridges their actors."),
    ] = None,
    top: TopOpt = 10,
    paths: Annotated[int, typer.Option("--paths", help="With --between: also print this many example paths.")] = 0,
    fmt: FormatOpt = "table",
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
) -> None:
    """Show the brokers: high betweenness and low Burt constraint, or the bridges between two territories."""
    from ecokg.network import analysis
    from ecokg.render import TABLE_FORMATS, print_rows

    _check_format(fmt, TABLE_FORMATS)
    with open_kg(store, memory, endpoint) as kg:
        G = kg.to_networkx()
        actors = analysis.actor_graph(G)
        if between is None:
            found = analysis.brokers(actors, top=top)
            rows: list[tuple[Any, ...]] = [
                (i, b.label, actors.nodes[b.node].get("kind"), actors.nodes[b.node].get("territory"),
                 round(b.score, 4), round(b.betweenness, 4), None if b.constraint is None else round(b.constraint, 4), b.node)
                for i, b in enumerate(found, start=1)
            ]
            columns = ["rank", "entity", "kind", "territory", "broker score", "betweenness", "constraint", "iri"]
            if fmt == "table":
                columns, rows = columns[:-1], [row[:-1] for row in rows]
            print_rows(rows, columns, fmt, title="Brokers", console=console)
            return
        first, second = (analysis.territory_name(kg.backend, G, t) for t in between)
        report = analysis.territory_brokers(actors, first, second, top=top)
    if report.message:
        err_console.print(f"note: {report.message}", highlight=False, markup=False)
    a, b = report.territories
    rows = [
        (i, t.label, t.territory, round(t.share, 4), round(t.cut, 4), None if t.constraint is None else round(t.constraint, 4), t.node)
        for i, t in enumerate(report.brokers, start=1)
    ]
    columns = ["rank", "entity", "territory", "share of paths", "pairs cut", "constraint", "iri"]
    if fmt == "table":
        columns, rows = columns[:-1], [row[:-1] for row in rows]
    print_rows(rows, columns, fmt, title=f"Brokers between {a} and {b}", console=console)
    if fmt == "table":
        console.print(analysis.bridge_summary(report), highlight=False, markup=False)
        for nodes in report.paths[:paths]:
            console.print("  " + analysis.explain_path(G, nodes).sentence, highlight=False, markup=False)


@app.command()
def suggest(
    for_entity: Annotated[str | None, typer.Option("--for", help="Suggest introductions for this entity only.")] = None,
    top: TopOpt = 10,
    fmt: FormatOpt = "table",
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
) -> None:
    """Suggest introductions between organisations not yet tied (link prediction), with the reason."""
    from ecokg.network.analysis import actor_graph, resolve_node, suggest_introductions
    from ecokg.render import TABLE_FORMATS, print_rows

    _check_format(fmt, TABLE_FORMATS)
    with open_kg(store, memory, endpoint) as kg:
        G = actor_graph(kg.to_networkx(sources=False))  # measures need no sources
        node = resolve_node(kg.backend, G, for_entity) if for_entity else None
        found = suggest_introductions(G, for_node=node, top=top)
    rows = [
        (i, s.first_label, s.second_label, round(s.adamic_adar, 4), round(s.jaccard, 4), s.common, s.reason)
        for i, s in enumerate(found, start=1)
    ]
    columns = ["rank", "introduce", "to", "adamic-adar", "jaccard", "common", "reason"]
    print_rows(rows, columns, fmt, title="Suggested introductions", console=console)


# --- reasoning commands ---
@app.command()
def reason(
    engine: Annotated[str, typer.Option("--engine", help="hermit, owlrl, or auto (HermiT unless the graph is too large).")] = "auto",
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    update_endpoint: UpdateEndpointOpt = None,
) -> None:
    """Check the graph against the ontology and rewrite the `inferred` graph; exit 6 if inconsistent."""
    from ecokg.kg import require_store

    with open_kg(store, False, endpoint, update_endpoint) as kg:
        require_store(kg)
        result = kg.reason(engine)
    console.print(result.message, highlight=False)
    console.print(
        f"Consistent. {result.facts} inferred fact(s) written to the `inferred` graph "
        f"({result.engine} {result.version}, {result.seconds:.1f} s).",
        highlight=False,
    )


@app.command("ontology-docs")
def ontology_docs(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write index.html into.")],
) -> None:
    """Write HTML documentation of the ecokg ontology (pyLODE) to OUTPUT/index.html."""
    from ecokg.ontology.docs import write_ontology_docs

    target = write_ontology_docs(output)
    console.print(f"Wrote {target}", highlight=False)


# --- map commands ---
@app.command()
def viz(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write (self-contained, works offline).")],
    query: Annotated[str | None, typer.Option("--query", help="Map the result of this catalogue query.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="A query parameter, NAME=VALUE (repeatable).")] = None,
    focus: Annotated[str | None, typer.Option("--focus", help="Map the neighbourhood of this entity (IRI, id or name).")] = None,
    depth: Annotated[int, typer.Option("--depth", help="Links around --focus.")] = 1,
    color_by: Annotated[str, typer.Option("--color-by", help="class, community or territory.")] = "class",
    size_by: Annotated[str, typer.Option("--size-by", help="degree, betweenness or pagerank.")] = "degree",
    lang: Annotated[str, typer.Option("--lang", help="Labels and page language: en or fr.")] = "en",
    title: Annotated[str | None, typer.Option("--title", help="Title shown on the map.")] = None,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
) -> None:
    """Write an interactive HTML map of the graph, a query's result or an entity's neighbourhood."""
    from ecokg.maps.visualize import write_map

    params: dict[str, str] = {}
    for item in param or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise EcokgError(f"--param expects NAME=VALUE (got {item!r})")
        params[name.strip()] = value
    if params and query is None:
        raise EcokgError("--param needs --query")
    with open_kg(store, memory, endpoint) as kg:
        result = write_map(
            kg.backend, output, query=query, params=params, focus=focus, depth=depth,
            color_by=color_by, size_by=size_by, lang=lang, title=title,
        )
    console.print(
        f"Wrote {output}: {result.nodes} nodes, {result.edges} links"
        + (f" (of {result.total_nodes} nodes: reduced, the page says so)" if result.reduced else ""),
        highlight=False,
    )


# --- query catalogue commands ---
@app.command()
def queries(fmt: FormatOpt = "table") -> None:
    """List the catalogue of named SPARQL queries (name, title, parameters)."""
    from ecokg.queries.catalog import catalog, describe_parameters
    from ecokg.render import TABLE_FORMATS, print_rows

    _check_format(fmt, TABLE_FORMATS)
    rows = [(q.name, q.title, describe_parameters(q)) for q in catalog()]
    print_rows(rows, ["name", "title", "parameters"], fmt, title="Named queries (ecokg query NAME -p key=value)", console=console)


@app.command()
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
    from ecokg.queries.catalog import run_cli_query

    run_cli_query(
        lambda: open_kg(store, memory, endpoint), name=name, params=param or [], file=file, expr=expr,
        fmt=fmt, lang=lang, timeout=timeout, include_inferred=inferred, console=console, err_console=err_console,
    )



# --- article extraction commands ---
@app.command()
def extract(
    article: Annotated[Path, typer.Argument(help="Press article as UTF-8 text.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Candidate facts to write (curated YAML).")] = Path("candidates.yaml"),
    lang: Annotated[str, typer.Option("--lang", help="Language of the article: fr or en.")] = "fr",
    date: Annotated[str | None, typer.Option("--date", help="Publication date (YYYY-MM or YYYY-MM-DD): the year of day-month dates.")] = None,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
) -> None:
    """Propose facts from a press article, linked to the store's entities, for review."""
    from ecokg.graph.store import resolve_store_path
    from ecokg.loaders.article import extract_file, known_from_store

    known: list[Any] = []
    if endpoint is not None or (resolve_store_path(store) / "CURRENT").exists():
        with open_kg(store, False, endpoint) as kg:
            known = known_from_store(kg.backend)
    result = extract_file(article, output, lang, known, date=date)
    counts: dict[str, int] = {}
    for candidate in result.entities.values():
        counts[candidate.cls] = counts.get(candidate.cls, 0) + 1
    summary = ", ".join(f"{n} {cls}" for cls, n in sorted(counts.items()))
    err_console.print(
        f"Wrote {output}: candidates to review before `ecokg build` ({summary}; "
        f"{sum(1 for c in result.entities.values() if c.known)} linked to the store)",
        highlight=False,
    )


def main() -> None:
    """Entry point of the ``ecokg`` script."""
    app()


if __name__ == "__main__":
    main()
