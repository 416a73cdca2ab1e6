"""docs/queries.md is generated from the catalogue and kept up to date."""

from __future__ import annotations

from pathlib import Path

from ecokg import KnowledgeGraph
from ecokg.queries import catalog
from ecokg.queries.docs import render

DOC = Path(__file__).parents[2] / "docs" / "queries.md"


def test_docs_queries_md_is_up_to_date(seed_kg: KnowledgeGraph) -> None:
    expected = render(seed_kg.backend)
    assert DOC.read_text(encoding="utf-8") == expected, "docs/queries.md is out of date: run `make docs`"
    for query in catalog():
        assert f"## {query.name}\n" in expected
