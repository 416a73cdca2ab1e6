"""Network commands: analyze, path, brokers, suggest, and viz (the HTML maps)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ecokg.cli.options import (
    AudienceOpt,
    CoParticipationOpt,
    EndpointOpt,
    FormatOpt,
    LangOpt,
    MemoryOpt,
    StoreOpt,
    TopOpt,
    UpdateEndpointOpt,
    check_format,
    console,
    err_console,
    open_kg,
)
from ecokg.cli.words import check_lang, columns_in, say
from ecokg.errors import EcokgError


def _network(kg: Any, lang: str, co_participation: bool) -> Any:
    """The projection the commands measure (without sources); with co-participation links, a
    note says so (they are not stated by any source)."""
    from ecokg.network.projection import project

    check_lang(lang)
    if co_participation:
        err_console.print(say("note", lang, text=say("co_participation", lang)), highlight=False, markup=False)
    return project(kg.backend, lang=lang, sources=False, co_participation=co_participation)


def analyze(
    top: TopOpt = 10,
    measure: Annotated[
        list[str] | None,
        typer.Option("--measure", "-m", help="degree, betweenness, closeness, pagerank, eigenvector, constraint, broker, community (repeat or comma-separate; default: all)."),
    ] = None,
    fmt: FormatOpt = "table",
    write: Annotated[bool, typer.Option("--write", help="Store the scores in the `analysis` named graph (queryable in SPARQL).")] = False,
    sample: Annotated[int | None, typer.Option("--sample", "-k", min=1, help="Estimate betweenness from this many sampled sources.")] = None,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
    update_endpoint: UpdateEndpointOpt = None,
    audience: AudienceOpt = "all",
    lang: LangOpt = "en",
    co_participation: CoParticipationOpt = False,
) -> None:
    """Rank the people and organisations by network measures (ranked by the first measure).

    Actors without any link are counted, not ranked; ties share a rank and are said. The table
    shows the rank, the actor, its territory and the measures that fit 80 columns; CSV and JSON
    give every measure, the kind and the IRI.
    """
    from ecokg.network.analysis import MEASURES, actor_graph, write_scores
    from ecokg.network.analysis import analyze as run_measures
    from ecokg.network.ranking import narrow_table, rank_actors
    from ecokg.render import TABLE_FORMATS, print_rows

    check_format(fmt, TABLE_FORMATS)
    names = [m.strip() for item in measure or [] for m in item.split(",") if m.strip()] or list(MEASURES)
    with open_kg(store, memory, endpoint, update_endpoint, audience=audience) as kg:
        G = actor_graph(_network(kg, lang, co_participation))  # measures need no sources
        results = run_measures(G, names, k=sample)
        ranking = rank_actors(G, results, top, lang=lang)
        notes = [*(r.message for r in results if r.message), *ranking.notes]
        columns, rows = ranking.columns, ranking.rows
        if fmt == "table":
            columns, rows, left_out = narrow_table(ranking, 80)
            if left_out:
                notes.append(say("also_measured", lang, names=", ".join(left_out)))
        for message in dict.fromkeys(notes):
            err_console.print(say("note", lang, text=message), highlight=False, markup=False)
        linked = ranking.total - ranking.unlinked
        title = say("measures_title", lang, linked=f"{linked:,}") + (
            say("measures_of", lang, total=f"{ranking.total:,}") if ranking.unlinked else "")
        print_rows(rows, columns_in(columns, lang), fmt, title=title, console=console)
        if write:
            count = write_scores(kg.backend, results)
            err_console.print(say("wrote_scores", lang, count=count), highlight=False, markup=False)


def path(
    source: Annotated[str, typer.Argument(help="An entity: IRI, CURIE, id or label.")],
    target: Annotated[str, typer.Argument(help="Another entity.")],
    k: Annotated[int, typer.Option("-k", "--paths", help="How many shortest paths to show (1 to 50).")] = 1,
    fmt: FormatOpt = "table",
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
    audience: AudienceOpt = "all",
    lang: LangOpt = "en",
    co_participation: CoParticipationOpt = False,
) -> None:
    """Explain how two entities are connected: the K shortest chains of facts between them."""
    from ecokg.network.analysis import paths_between
    from ecokg.render import TABLE_FORMATS, print_rows

    check_format(fmt, TABLE_FORMATS)
    check_lang(lang)
    if co_participation:
        err_console.print(say("note", lang, text=say("co_participation", lang)), highlight=False, markup=False)
    with open_kg(store, memory, endpoint, audience=audience) as kg:
        found = paths_between(kg.backend, source, target, k, lang=lang, co_participation=co_participation)
    if fmt == "table":
        for i, explained in enumerate(found, start=1):
            console.print(say("path1" if len(explained.steps) == 1 else "path", lang, i=i, steps=len(explained.steps),
                              sentence=explained.sentence),
                          highlight=False, markup=False, soft_wrap=True)
        return
    rows = [(i, len(p.steps), p.sentence, " ".join(p.nodes)) for i, p in enumerate(found, start=1)]
    print_rows(rows, columns_in(["rank", "steps", "sentence", "nodes"], lang), fmt)


def brokers(
    between: Annotated[
        tuple[str, str] | None,
        typer.Option("--between", help="Two territories (e.g. --between BFC Wisconsin): who bridges their actors."),
    ] = None,
    top: TopOpt = 10,
    paths: Annotated[int, typer.Option("--paths", min=0, help="With --between: also print this many example paths.")] = 0,
    fmt: FormatOpt = "table",
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
    audience: AudienceOpt = "all",
    lang: LangOpt = "en",
    co_participation: CoParticipationOpt = False,
) -> None:
    """Show the brokers: high betweenness and low Burt constraint, or the bridges between two territories."""
    from ecokg.network import analysis
    from ecokg.render import TABLE_FORMATS, print_rows

    check_format(fmt, TABLE_FORMATS)
    with open_kg(store, memory, endpoint, audience=audience) as kg:
        G = _network(kg, lang, co_participation)  # the example paths are printed as sentences, without sources
        actors = analysis.actor_graph(G)
        kind = "kind_label" if lang != "en" else "kind"
        if between is None:
            found = analysis.brokers(actors, top=top)
            rows: list[tuple[Any, ...]] = [
                (i, b.label, actors.nodes[b.node].get(kind), actors.nodes[b.node].get("territory"),
                 round(b.score, 4), round(b.betweenness, 4), None if b.constraint is None else round(b.constraint, 4), b.node)
                for i, b in enumerate(found, start=1)
            ]
            columns = ["rank", "entity", "kind", "territory", "broker score", "betweenness", "constraint", "iri"]
            if fmt == "table":
                columns, rows = columns[:-1], [row[:-1] for row in rows]
            print_rows(rows, columns_in(columns, lang), fmt, title=say("brokers", lang), console=console)
            return
        first, second = (analysis.territory_name(kg.backend, G, t) for t in between)
        report = analysis.territory_brokers(actors, first, second, top=top)
    if report.message:
        err_console.print(say("note", lang, text=report.message), highlight=False, markup=False)
    a, b = report.territories
    rows = [
        (i, t.label, t.territory, round(t.share, 4), round(t.cut, 4), None if t.constraint is None else round(t.constraint, 4), t.node)
        for i, t in enumerate(report.brokers, start=1)
    ]
    columns = ["rank", "entity", "territory", "share of paths", "pairs cut", "constraint", "iri"]
    if fmt == "table":
        columns, rows = columns[:-1], [row[:-1] for row in rows]
    print_rows(rows, columns_in(columns, lang), fmt, title=say("brokers_between", lang, a=a, b=b), console=console)
    if fmt == "table":
        console.print(analysis.bridge_summary(report, lang), highlight=False, markup=False, soft_wrap=True)
        for nodes in report.paths[:paths]:
            console.print("  " + analysis.explain_path(G, nodes).sentence, highlight=False, markup=False, soft_wrap=True)


def suggest(
    for_entity: Annotated[str | None, typer.Option("--for", help="Suggest introductions for this entity only.")] = None,
    top: TopOpt = 10,
    fmt: FormatOpt = "table",
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
    audience: AudienceOpt = "all",
    lang: LangOpt = "en",
    co_participation: CoParticipationOpt = False,
) -> None:
    """Suggest introductions between organisations not yet tied (link prediction), with the reason.

    Never an organisation's own agency, parent, subsidiary or members; the reason says how the
    two are tied to their shared neighbours, and what ranked a suggestion whose scores tie.
    """
    from ecokg.network.analysis import actor_graph, resolve_node, suggest_introductions
    from ecokg.render import TABLE_FORMATS, print_rows

    check_format(fmt, TABLE_FORMATS)
    with open_kg(store, memory, endpoint, audience=audience) as kg:
        G = actor_graph(_network(kg, lang, co_participation))  # measures need no sources
        node = resolve_node(kg.backend, G, for_entity) if for_entity else None
        found = suggest_introductions(G, for_node=node, top=top, lang=lang)
    rows = [
        (i, s.first_label, s.second_label, round(s.adamic_adar, 4), round(s.jaccard, 4), s.common, s.reason)
        for i, s in enumerate(found, start=1)
    ]
    columns = ["rank", "introduce", "to", "adamic-adar", "jaccard", "common", "reason"]
    print_rows(rows, columns_in(columns, lang), fmt, title=say("suggestions", lang), console=console)


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
    audience: AudienceOpt = "all",
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
    with open_kg(store, memory, endpoint, audience=audience) as kg:
        result = write_map(
            kg.backend, output, query=query, params=params, focus=focus, depth=depth,
            color_by=color_by, size_by=size_by, lang=lang, title=title,
        )
    console.print(
        say("wrote_map", lang, output=output, nodes=result.nodes, edges=result.edges)
        + (say("reduced", lang, total=result.total_nodes) if result.reduced else ""),
        highlight=False, markup=False, soft_wrap=True,
    )
