"""``ecokg demo``: build the seed graph and show what it answers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ecokg.cli.options import StoreOpt, console
from ecokg.kg import KnowledgeGraph
from ecokg.render import print_rows


def demo(
    store: StoreOpt = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for the HTML maps.")] = Path("out"),
) -> None:
    """Build the seed graph and show what ecokg answers about it."""
    run_demo(store, out, console)

def run_demo(store: Path | None, out: Path, console: Console) -> None:
    """Build the bundled seed into ``store`` and print a tour of it."""
    with KnowledgeGraph.open(store) as kg:
        report = kg.build()
        console.rule("[bold]ecokg demo: the Bourgogne-Franche-Comté mission to Wisconsin and Illinois")
        console.print(
            f"Built {kg.backend.description} from {len(report.sources)} curated sources: "
            f"{report.triples} triples, SHACL {'conforms' if report.validation.conforms else 'warnings'}.",
            highlight=False, markup=False,
        )
        result = kg.stats()
        print_rows([(c, n) for c, n in result.classes], ["class", "entities"], title="Entities per class", console=console)
        print_headline_queries(kg, console)
        print_network_tour(kg, console)
        print_maps(kg, out, console)


def print_maps(kg: KnowledgeGraph, out: Path, console: Console) -> None:
    """Write ``out/ecosystem.html`` and one map per headline query; print their paths."""
    from ecokg.maps.visualize import demo_maps

    console.rule("[bold]Maps (self-contained HTML, open them in any browser, offline)")
    for result in demo_maps(kg.backend, out):
        console.print(f"{result.path}: {result.nodes} nodes, {result.edges} links", highlight=False, markup=False)


def print_network_tour(kg: KnowledgeGraph, console: Console, top: int = 5) -> None:
    """Network analysis: top brokers, who bridges BFC and Wisconsin, a path, suggested introductions."""
    from ecokg.network import analysis

    G = kg.to_networkx()
    actors = analysis.actor_graph(G)
    console.rule("[bold]Network analysis")
    print_rows(
        [(b.label, G.nodes[b.node]["territory"], round(b.score, 3), round(b.betweenness, 3),
          None if b.constraint is None else round(b.constraint, 3)) for b in analysis.brokers(actors, top=top)],
        ["broker", "territory", "score", "betweenness", "constraint"],
        title="Top brokers (high betweenness, low Burt constraint)", console=console,
    )
    report = analysis.territory_brokers(actors, "Bourgogne-Franche-Comté", "Wisconsin", top=3)
    print_rows(
        [(t.label, round(t.share, 3), round(t.cut, 3)) for t in report.brokers],
        ["broker", "share of paths", "pairs cut"],
        title="Who bridges Bourgogne-Franche-Comté and Wisconsin", console=console,
    )
    console.print(analysis.bridge_summary(report), highlight=False, markup=False)
    path = analysis.shortest_path(G, str(kg.resolve("Marie-Guite Dufay")), str(kg.resolve("WEDC")))
    console.print(f"How Marie-Guite Dufay reaches WEDC: {path.sentence}", highlight=False, markup=False)
    print_rows(
        [(s.first_label, s.second_label, round(s.adamic_adar, 3), s.reason)
         for s in analysis.suggest_introductions(actors, top=top)],
        ["introduce", "to", "adamic-adar", "reason"],
        title="Suggested introductions", console=console,
    )


def print_headline_queries(kg: KnowledgeGraph, console: Console) -> None:
    """Three catalogue questions: the delegation, what links BFC to Wisconsin, the agreements."""
    from ecokg.queries.catalog import get_query

    console.rule("[bold]Questions (ecokg query NAME; `ecokg queries` lists them all)")
    for name in ("delegation-members", "territory-links", "agreements"):
        columns, rows = kg.query(name).display_rows(compact=True)
        print_rows(rows, columns, title=f"{get_query(name).title} (ecokg query {name})", console=console)
