"""``ecokg extract``: candidate facts from a press article, for review before ``ecokg build``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ecokg.cli.options import EndpointOpt, StoreOpt, err_console, open_kg


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
    from ecokg.loaders.articles import extract_file
    from ecokg.queries.resolve import known_entities

    known: list[Any] = []
    if endpoint is not None or (resolve_store_path(store) / "CURRENT").exists():
        with open_kg(store, False, endpoint) as kg:
            known = known_entities(kg.backend)
    result = extract_file(article, output, lang, known, date=date)
    counts: dict[str, int] = {}
    for candidate in result.entities.values():
        counts[candidate.cls] = counts.get(candidate.cls, 0) + 1
    summary = ", ".join(f"{n} {cls}" for cls, n in sorted(counts.items()))
    err_console.print(
        f"Wrote {output}: candidates to review before `ecokg build` ({summary}; "
        f"{sum(1 for c in result.entities.values() if c.known)} linked to the store)",
        highlight=False, markup=False,
    )
