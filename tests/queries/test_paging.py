"""Paging (issue 21): ``limit``/``offset`` give the whole result's rows, in order, a page at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.errors import QueryError

#: The entities' facts, about 240 rows: each page size below is a few dozen queries at most.
EVERY_FACT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), STR(ekr:))) } ORDER BY ?s ?p ?o"


@pytest.mark.parametrize("size", [7, 50, 1000])
def test_pages_put_together_are_the_whole_result(seed_kg: KnowledgeGraph, size: int) -> None:
    whole = seed_kg.sparql(EVERY_FACT)
    assert len(whole) > 100
    rows: list[tuple[object, ...]] = []
    offset = 0
    while True:
        page = seed_kg.sparql(EVERY_FACT, limit=size, offset=offset)
        assert page.total == len(whole) and page.offset == offset and len(page) <= size
        if not page.rows:
            break
        rows += page.rows
        offset += size
    assert rows == whole.rows


def test_a_named_query_pages_in_its_own_order(seed_kg: KnowledgeGraph) -> None:
    whole = seed_kg.query("class-counts")
    assert len(whole) > 5
    first, rest = seed_kg.query("class-counts", limit=3), seed_kg.query("class-counts", offset=3)
    assert first.rows + rest.rows == whole.rows
    assert first.total == rest.total == len(whole) and len(first) == 3
    assert first.to_records() == whole.to_records()[:3]
    assert seed_kg.query("class-counts", offset=len(whole) + 5).rows == []


def test_a_negative_page_is_refused(seed_kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="limit and offset must be 0 or more"):
        seed_kg.sparql(EVERY_FACT, limit=-1)


def test_cli_pages_and_says_the_total(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(app, ["build", "--store", store]).exit_code == 0
    base = ["query", "class-counts", "--store", store, "-F", "csv"]
    whole = runner.invoke(app, base)
    page = runner.invoke(app, [*base, "--limit", "2", "--offset", "1"])
    assert whole.exit_code == 0 and page.exit_code == 0, whole.output + page.output
    whole_lines = whole.stdout.splitlines()
    # The header, then rows 2 and 3 of the whole result.
    assert page.stdout.splitlines() == [whole_lines[0], *whole_lines[2:4]]
    assert f"rows 2–3 of {len(whole_lines) - 1}" in page.stderr
    refused = runner.invoke(app, [*base, "--limit", "-1"])
    assert refused.exit_code != 0
