"""Commands on the store itself: build, stats, validate, export, reason, ontology-docs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ecokg.cli.options import (
    AudienceOpt,
    EndpointOpt,
    FormatOpt,
    LangOpt,
    MemoryOpt,
    SensitivityOpt,
    StoreOpt,
    UpdateEndpointOpt,
    check_format,
    console,
    err_console,
    open_kg,
)


def build(
    sources: Annotated[list[Path] | None, typer.Argument(help="Files to load (default: the bundled seed dataset).")] = None,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
    update_endpoint: UpdateEndpointOpt = None,
    keep_going: Annotated[bool, typer.Option("--keep-going", help="Load the good rows of a spreadsheet; report the bad ones.")] = False,
    mapping: Annotated[Path | None, typer.Option("--mapping", help="Column mapping (YAML) for CSV/XLSX sources.")] = None,
    append: Annotated[bool, typer.Option("--append", help="Add the sources to the graph instead of rebuilding it.")] = False,
    reason: Annotated[bool, typer.Option("--reason", help="Also run the OWL reasoner; refuse an inconsistent build "
                                         "(with --append: over what the sources add, when it can).")] = False,
    sensitivity: SensitivityOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Build the graph from SOURCES (stage, validate, then commit atomically)."""
    from ecokg.cli.words import check_lang, columns_in, say
    from ecokg.progress import progress_bar

    check_lang(lang)

    with open_kg(store, memory, endpoint, update_endpoint, for_reading=False) as kg, progress_bar(console) as bar:
        kwargs: dict[str, Any] = {
            "keep_going": keep_going, "mapping": mapping,
            "progress": bar.update, "on_source": bar.start_source, "sensitivity": sensitivity,
        }
        hook = None
        if reason:
            from ecokg.graph.reasoner import before_commit

            kwargs["before_commit"] = hook = before_commit()
        report = kg.load(sources or [], **kwargs) if append else kg.build(sources, **kwargs)
        bar.finish()
    from ecokg.render import print_rows

    where = kg.backend.description
    console.print(
        say("built", lang, where=say("memory", lang) if where == "memory" else where, triples=report.triples,
            graphs=len(report.graphs), sources=len(report.sources), seconds=f"{report.seconds:.1f}",
            shacl=say("conforms" if report.validation.conforms else "shacl_warnings", lang)),
        highlight=False, markup=False, soft_wrap=True,
    )
    if hook is not None and hook.result is not None:  # which engine and checks ran (issue 21)
        result = hook.result
        console.print(say("reasoned_build", lang, message=result.message, facts=result.facts, engine=result.engine,
                          version=result.version, individuals=result.individuals, seconds=f"{result.seconds:.1f}"),
                      highlight=False, markup=False)
    if report.rejects:
        print_rows([(str(r),) for r in report.rejects], columns_in(["rejected"], lang), title=say("rejected_rows", lang))
    for warning in report.warnings:  # e.g. one id described in two documents (merged into one entity)
        err_console.print(say("warning", lang, text=warning), highlight=False, markup=False)


def stats(
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
    fmt: FormatOpt = "table",
    audience: AudienceOpt = "all",
    lang: LangOpt = "en",
) -> None:
    """Show triples, entities per class and the sources of the graph."""
    from ecokg.cli.words import check_lang, columns_in, say
    from ecokg.render import TABLE_FORMATS, print_rows

    check_format(fmt, TABLE_FORMATS)
    check_lang(lang)
    with open_kg(store, memory, endpoint, audience=audience) as kg:
        result = kg.stats()
    if fmt != "table":
        rows = [("graph", g, n) for g, n, _, _ in result.graphs] + [("class", c, n) for c, n in result.classes]
        print_rows(rows, columns_in(["kind", "name", "count"], lang), fmt)
        return
    where = say("memory", lang) if result.store == "memory" else result.store
    console.print(say("store_triples", lang, store=where, triples=result.triples), highlight=False, markup=False)
    print_rows([(c, n) for c, n in result.classes], columns_in(["class", "entities"], lang), title=say("per_class", lang))
    print_rows(
        [(g, n, f or "", w or "") for g, n, f, w in result.graphs],
        columns_in(["graph", "triples", "source file", "loaded at"], lang),
        title=say("graphs", lang),
    )


def validate(
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Check the stored graph against the SHACL shapes; exit 3 on violations."""
    from ecokg.cli.words import check_lang, say

    check_lang(lang)
    with open_kg(store, memory, endpoint) as kg:
        report = kg.validate()
    # The shapes' own messages stay as the shapes word them (English).
    text = report.text() if lang == "en" else (
        say("graph_conforms", lang) if report.conforms
        else "\n".join([say("problems", lang, n=len(report.violations))] + [f"  - {v}" for v in report.violations])
    )
    console.print(text, highlight=False, markup=False)
    if not report.conforms:
        raise typer.Exit(3)


def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write ('-' for standard output).")],
    fmt: Annotated[str, typer.Option("--format", "-F", help="ttl, trig, nt, nq or jsonld; graphml or gexf for Gephi.")] = "trig",
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
    audience: AudienceOpt = "all",
    lang: LangOpt = "en",
) -> None:
    """Export the graph as RDF (trig and nq keep the named graphs), or as a GraphML/GEXF network."""
    from ecokg.cli.words import check_lang, say

    check_lang(lang)
    with open_kg(store, memory, endpoint, audience=audience) as kg:
        if fmt in ("graphml", "gexf"):
            from ecokg.network.analysis import export_network

            export_network(kg.backend, sys.stdout.buffer if str(output) == "-" else output, fmt)
            if str(output) != "-":
                err_console.print(say("wrote", lang, output=output), highlight=False, markup=False, soft_wrap=True)
        elif str(output) == "-":
            kg.export(sys.stdout.buffer, fmt)
        else:
            kg.export(output, fmt)
            err_console.print(say("wrote", lang, output=output), highlight=False, markup=False, soft_wrap=True)


def reason(
    engine: Annotated[str, typer.Option("--engine", help="hermit, rl (ecokg's OWL 2 RL rules), owlrl, or auto (HermiT unless the graph is too large for it, then rl).")] = "auto",
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    update_endpoint: UpdateEndpointOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Check the graph against the ontology and rewrite the `inferred` graph; exit 6 if inconsistent."""
    from ecokg.cli.words import check_lang, say
    from ecokg.kg import require_store

    check_lang(lang)
    with open_kg(store, False, endpoint, update_endpoint) as kg:
        require_store(kg)
        result = kg.reason(engine)
    if lang == "en":  # which engine and why; in French the next line names the engine
        console.print(result.message, highlight=False, markup=False)
    console.print(
        say("consistent", lang, facts=result.facts, engine=result.engine, version=result.version,
            seconds=f"{result.seconds:.1f}"),
        highlight=False, markup=False,
    )


def ontology_docs(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write index.html into.")],
    lang: Annotated[str, typer.Option("--lang", help="Language of the page and of the message: en or fr.")] = "en",
) -> None:
    """Write HTML documentation of the ecokg ontology (pyLODE) to OUTPUT/index.html."""
    from ecokg.cli.words import say
    from ecokg.ontology.docs import write_ontology_docs

    if lang not in ("en", "fr"):
        raise typer.BadParameter(f"unknown language {lang!r} (choose from en, fr)", param_hint="--lang")
    target = write_ontology_docs(output, lang=lang)
    console.print(say("wrote", lang, output=target), highlight=False, markup=False, soft_wrap=True)
