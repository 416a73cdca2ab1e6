"""``ecokg demo``: build the seed graph and show what it answers (``--lang fr``: in French)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ecokg.cli.options import LangOpt, StoreOpt, console
from ecokg.cli.words import check_lang, columns_in
from ecokg.kg import KnowledgeGraph
from ecokg.render import print_rows

#: The tour's own sentences, per language.
TOUR = {
    "en": {
        "rule": "ecokg demo: the Bourgogne-Franche-Comté mission to Wisconsin and Illinois",
        "built": "Built {store} from {n} curated sources: {triples} triples, SHACL {verdict}.",
        "conforms": "conforms", "warnings": "warnings", "per_class": "Entities per class",
        "maps": "Maps (self-contained HTML, open them in any browser, offline)",
        "map": "{path}: {nodes} nodes, {edges} links", "network": "Network analysis",
        "top": "Top brokers (high betweenness, low Burt constraint)",
        "bridges": "Who bridges Bourgogne-Franche-Comté and Wisconsin",
        "reaches": "How Marie-Guite Dufay reaches WEDC: {sentence}", "suggestions": "Suggested introductions",
        "questions": "Questions (ecokg query NAME; `ecokg queries` lists them all)",
        "score": "score",
    },
    "fr": {
        "rule": "démo ecokg : la mission de Bourgogne-Franche-Comté dans le Wisconsin et l’Illinois",
        "built": "{store} construit à partir de {n} sources : {triples} triplets, SHACL {verdict}.",
        "conforms": "conforme", "warnings": "avertissements", "per_class": "Entités par classe",
        "maps": "Cartes (HTML autonome, à ouvrir dans tout navigateur, hors ligne)",
        "map": "{path} : {nodes} nœuds, {edges} liens", "network": "Analyse de réseau",
        "top": "Principaux intermédiaires (forte intermédiarité, faible contrainte de Burt)",
        "bridges": "Qui relie la Bourgogne-Franche-Comté et le Wisconsin",
        "reaches": "Comment Marie-Guite Dufay atteint le WEDC : {sentence}", "suggestions": "Mises en relation suggérées",
        "questions": "Questions (ecokg query NOM ; `ecokg queries` les liste toutes)",
        "score": "score",
    },
}


def demo(
    store: StoreOpt = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for the HTML maps.")] = Path("out"),
    lang: LangOpt = "en",
) -> None:
    """Build the seed graph and show what ecokg answers about it."""
    check_lang(lang)
    run_demo(store, out, console, lang)


def run_demo(store: Path | None, out: Path, console: Console, lang: str = "en") -> None:
    """Build the bundled seed into ``store`` and print a tour of it."""
    words = TOUR[lang]
    with KnowledgeGraph.open(store) as kg:
        report = kg.build()
        console.rule(f"[bold]{words['rule']}")
        verdict = words["conforms" if report.validation.conforms else "warnings"]
        console.print(words["built"].format(store=kg.backend.description, n=len(report.sources), triples=report.triples,
                                            verdict=verdict), highlight=False, markup=False, soft_wrap=True)
        result = kg.stats()
        print_rows([(c, n) for c, n in result.classes], columns_in(["class", "entities"], lang),
                   title=words["per_class"], console=console)
        print_headline_queries(kg, console, lang)
        print_network_tour(kg, console, lang=lang)
        print_maps(kg, out, console, lang)


def print_maps(kg: KnowledgeGraph, out: Path, console: Console, lang: str = "en") -> None:
    """Write ``out/ecosystem.html`` and one map per headline query; print their paths."""
    from ecokg.maps.visualize import demo_maps

    words = TOUR[lang]
    console.rule(f"[bold]{words['maps']}")
    for result in demo_maps(kg.backend, out, lang=lang):
        console.print(words["map"].format(path=result.path, nodes=result.nodes, edges=result.edges),
                      highlight=False, markup=False, soft_wrap=True)


def print_network_tour(kg: KnowledgeGraph, console: Console, top: int = 5, lang: str = "en") -> None:
    """Network analysis: top brokers, who bridges BFC and Wisconsin, a path, suggested introductions."""
    from ecokg.network import analysis

    words = TOUR[lang]
    G = kg.to_networkx(lang=lang)
    actors = analysis.actor_graph(G)
    console.rule(f"[bold]{words['network']}")
    print_rows(
        [(b.label, G.nodes[b.node]["territory"], round(b.score, 3), round(b.betweenness, 3),
          None if b.constraint is None else round(b.constraint, 3)) for b in analysis.brokers(actors, top=top)],
        columns_in(["actor", "territory", "score", "betweenness", "constraint"], lang),
        title=words["top"], console=console,
    )
    report = analysis.territory_brokers(actors, "Bourgogne-Franche-Comté", "Wisconsin", top=3)
    print_rows(
        [(t.label, round(t.share, 3), round(t.cut, 3)) for t in report.brokers],
        columns_in(["actor", "share of paths", "pairs cut"], lang),
        title=words["bridges"], console=console,
    )
    console.print(analysis.bridge_summary(report, lang), highlight=False, markup=False, soft_wrap=True)
    path = analysis.shortest_path(G, str(kg.resolve("Marie-Guite Dufay")), str(kg.resolve("WEDC")))
    console.print(words["reaches"].format(sentence=path.sentence), highlight=False, markup=False, soft_wrap=True)
    print_rows(
        [(s.first_label, s.second_label, round(s.adamic_adar, 3), s.reason)
         for s in analysis.suggest_introductions(actors, top=top, lang=lang)],
        columns_in(["introduce", "to", "adamic-adar", "reason"], lang),
        title=words["suggestions"], console=console,
    )


def print_headline_queries(kg: KnowledgeGraph, console: Console, lang: str = "en") -> None:
    """Three catalogue questions: the delegation, what links BFC to Wisconsin, the agreements."""
    from ecokg.cli.queries import column_header
    from ecokg.queries.catalog import get_query

    console.rule(f"[bold]{TOUR[lang]['questions']}")
    for name in ("delegation-members", "territory-links", "agreements"):
        query = get_query(name)
        columns, rows = kg.query(name, lang=lang).display_rows(compact=True)
        print_rows(rows, [column_header(query, c, lang) for c in columns], title=f"{query.title} (ecokg query {name})",
                   console=console)
