"""Commands on the store itself: build, stats, validate, export, reason, ontology-docs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ecokg.cli.options import (
    EndpointOpt,
    FormatOpt,
    MemoryOpt,
    StoreOpt,
    UpdateEndpointOpt,
    check_format,
    console,
    err_console,
    open_kg,
)
from ecokg.errors import EcokgError


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
        highlight=False, markup=False,
    )
    if report.rejects:
        print_rows([(str(r),) for r in report.rejects], ["rejected"], title="Rejected rows")
    for warning in report.warnings:  # e.g. one id described in two documents (merged into one entity)
        err_console.print(f"warning: {warning}", highlight=False, markup=False)


def stats(
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """Show triples, entities per class and the sources of the graph."""
    from ecokg.render import TABLE_FORMATS, print_rows

    check_format(fmt, TABLE_FORMATS)
    with open_kg(store, memory, endpoint) as kg:
        result = kg.stats()
    if fmt != "table":
        rows = [("graph", g, n) for g, n, _, _ in result.graphs] + [("class", c, n) for c, n in result.classes]
        print_rows(rows, ["kind", "name", "count"], fmt)
        return
    console.print(f"Store {result.store}: {result.triples} triples", highlight=False, markup=False)
    print_rows([(c, n) for c, n in result.classes], ["class", "entities"], title="Entities per class")
    print_rows(
        [(g, n, f or "", w or "") for g, n, f, w in result.graphs],
        ["graph", "triples", "source file", "loaded at"],
        title="Graphs (sources)",
    )


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
                err_console.print(f"Wrote {output}", highlight=False, markup=False)
        elif str(output) == "-":
            kg.export(sys.stdout.buffer, fmt)
        else:
            kg.export(output, fmt)
            err_console.print(f"Wrote {output}", highlight=False, markup=False)


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
    console.print(result.message, highlight=False, markup=False)
    console.print(
        f"Consistent. {result.facts} inferred fact(s) written to the `inferred` graph "
        f"({result.engine} {result.version}, {result.seconds:.1f} s).",
        highlight=False, markup=False,
    )


def ontology_docs(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write index.html into.")],
    lang: Annotated[str, typer.Option("--lang", help="Language of the page: en or fr.")] = "en",
) -> None:
    """Write HTML documentation of the ecokg ontology (pyLODE) to OUTPUT/index.html."""
    from ecokg.ontology.docs import write_ontology_docs

    if lang not in ("en", "fr"):
        raise typer.BadParameter(f"unknown language {lang!r} (choose from en, fr)", param_hint="--lang")
    target = write_ontology_docs(output, lang=lang)
    console.print(f"Wrote {target}", highlight=False, markup=False)
