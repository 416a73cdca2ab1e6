"""``ecokg demo``: build the seed graph and show what it answers."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from ecokg.kg import KnowledgeGraph
from ecokg.render import print_rows


def run_demo(store: Path | None, out: Path, console: Console) -> None:
    """Build the bundled seed into ``store`` and print a tour of it."""
    with KnowledgeGraph.open(store) as kg:
        report = kg.build()
        console.rule("[bold]ecokg demo: the Bourgogne-Franche-Comté mission to Wisconsin and Illinois")
        console.print(
            f"Built {kg.backend.description} from {len(report.sources)} curated sources: "
            f"{report.triples} triples, SHACL {'conforms' if report.validation.conforms else 'warnings'}.",
            highlight=False,
        )
        result = kg.stats()
        print_rows([(c, n) for c, n in result.classes], ["class", "entities"], title="Entities per class", console=console)
