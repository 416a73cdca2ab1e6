"""Pages cut inside the query (issue 21): the listings' pages are the whole result's rows, in order.

A listing marks the sub-select a page is cut in (``# page``); its labels, statuses and lists
are then joined for the page's rows only (:mod:`ecokg.queries.paging`). These tests put the
pages back together and compare them with the whole result, on Oxigraph and on rdflib's
engine, check that the page really was cut inside the query, and that a store where the
label service would give a node two labels is paged from the whole result instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.errors import QueryError
from ecokg.queries import catalog, get_query
from ecokg.queries.catalog import (
    LANG_VARIABLE,
    bind_parameters,
    drop_parameter_columns,
    lang_literal,
    uses_variable,
)
from ecokg.queries.paging import PAGE_MARK, page_texts, run_page
from ecokg.queries.result import QueryResult, run_sparql

#: The listings and the parameter values tried (the seed's, then the Crunchbase slice's).
LISTINGS = {
    "agreements": [{}, {"party": "BioForward"}],
    "events-in-period": [{}, {"from": "2024-10-28"}, {"to": "2024-10-20"}],
    "neighbourhood": [{}, {"hops": "1"}, {"hops": "3"}, {"entity": "Nicolas Paris"}],
    "sector-organisations": [{}, {"sector": "eks:health"}],
}
CRUNCHBASE = {
    "events-in-period": {"from": "2010-01-01"},
    "neighbourhood": {"entity": "ekr:cb-oracle"},
    "sector-organisations": {"sector": "eks:digital"},
}


def test_the_listings_mark_where_a_page_is_cut() -> None:
    marked = {q.name for q in catalog() if PAGE_MARK.search(q.text)}
    assert marked == set(LISTINGS)
    # ... in each variant of theirs too (neighbourhood.hops-1.rq, ...)
    for name in marked:
        assert all(PAGE_MARK.search(text) for _, _, text in get_query(name).variants)


def inside(kg: KnowledgeGraph, name: str, params: dict[str, str], limit: int | None, offset: int) -> QueryResult:
    """The page as ``run_query`` cuts it inside the query; fails if it would fall back."""
    query = get_query(name)
    bindings = bind_parameters(kg.backend, query, params)
    text = query.text_for(bindings)
    if uses_variable(text, LANG_VARIABLE):
        bindings[LANG_VARIABLE] = lang_literal("en")
    page = run_page(kg.backend, text, bindings, limit, offset, lang=lang_literal("en"))
    assert page is not None, f"{name} {params}: the page was not cut inside the query"
    return drop_parameter_columns(query, page)


def _pages_are_the_whole(kg: KnowledgeGraph, name: str, params: dict[str, str], sizes: tuple[int, ...]) -> int:
    whole = kg.query(name, **params)
    for size in sizes:
        rows: list[tuple[object, ...]] = []
        for offset in range(0, len(whole) + size, size):
            page = kg.query(name, limit=size, offset=offset, **params)
            assert page.total == len(whole) and page.offset == offset, (name, params, size, offset)
            assert page.columns == whole.columns
            assert inside(kg, name, params, size, offset).rows == page.rows
            rows += page.rows
        assert rows == whole.rows, (name, params, size)
    # Everything after an offset (no limit) is cut inside the query too.
    assert kg.query(name, offset=1, **params).rows == whole.rows[1:]
    return len(whole)


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_pages_put_together_are_the_whole_result(seed_kg: KnowledgeGraph, name: str) -> None:
    sizes = [_pages_are_the_whole(seed_kg, name, params, (1, 3, 100)) for params in LISTINGS[name]]
    assert max(sizes) >= 2, f"{name}: the seed gives too few rows to page"


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_pages_on_rdflib_engine(rdflib_kg: KnowledgeGraph, name: str) -> None:
    _pages_are_the_whole(rdflib_kg, name, LISTINGS[name][0], (1, 2))


@pytest.mark.parametrize("name", ["events-in-period", "sector-organisations"])
def test_pages_on_a_remote_endpoint(remote_kg: KnowledgeGraph, name: str) -> None:
    # The values are written into the text there (graph/binding.py), the count's GROUP BY too.
    _pages_are_the_whole(remote_kg, name, LISTINGS[name][-1], (1, 2))


@pytest.mark.parametrize("name", sorted(CRUNCHBASE))
def test_pages_of_a_larger_result(crunchbase_small: tuple[KnowledgeGraph, KnowledgeGraph], name: str) -> None:
    kg, _ = crunchbase_small
    assert _pages_are_the_whole(kg, name, CRUNCHBASE[name], (7, 100)) > 20


def test_a_page_past_the_end_is_empty_with_the_total(seed_kg: KnowledgeGraph) -> None:
    whole = seed_kg.query("events-in-period")
    page = seed_kg.query("events-in-period", limit=5, offset=len(whole) + 3)
    assert page.rows == [] and page.total == len(whole)
    assert inside(seed_kg, "events-in-period", {}, 5, len(whole) + 3).rows == []


#: Next to Gilson (the post's organisation).
POST = "ekr:post.nicolas-paris.gilson.leader"


def test_two_labels_in_the_language_page_the_whole_result(tmp_path: Path) -> None:
    # Two English labels: the label service gives Gilson's row twice, once per label,
    # which a page cut before the labels would not; the whole result is cut instead.
    extra = tmp_path / "gilson-alias.ttl"
    extra.write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://w3id.org/ecokg/id/gilson> rdfs:label "Gilson Incorporated"@en, "Gilson Inc."@en .\n',
        encoding="utf-8")
    with KnowledgeGraph.open(memory=True) as kg:
        kg.build()
        kg.load([extra])
        whole = kg.query("neighbourhood", entity=POST)
        names = [str(row[1]) for row in whole.rows]
        assert "Gilson Inc." in names and "Gilson Incorporated" in names
        query = get_query("neighbourhood")
        bindings = bind_parameters(kg.backend, query, {"entity": POST})
        bindings[LANG_VARIABLE] = lang_literal("en")
        assert run_page(kg.backend, query.text_for(bindings), bindings, 2, 0, lang=lang_literal("en")) is None
        rows: list[tuple[object, ...]] = []
        for offset in range(0, len(whole), 2):
            page = kg.query("neighbourhood", entity=POST, limit=2, offset=offset)
            assert page.total == len(whole)
            rows += page.rows
        assert rows == whole.rows
        # In French, where Gilson has one label, the page is cut inside the query.
        bindings[LANG_VARIABLE] = lang_literal("fr")
        french = run_page(kg.backend, query.text_for(bindings), bindings, 2, 0, lang=lang_literal("fr"))
        assert french is not None
        assert drop_parameter_columns(query, french).rows == kg.query("neighbourhood", entity=POST, lang="fr").rows[:2]


def test_the_count_is_of_the_sub_select(seed_kg: KnowledgeGraph) -> None:
    query = get_query("sector-organisations")
    bindings = bind_parameters(seed_kg.backend, query, {})
    bindings[LANG_VARIABLE] = lang_literal("en")
    texts = page_texts(query.text_for(bindings), 3, 1, bindings)
    assert texts is not None
    page, count = texts
    assert "LIMIT 3 OFFSET 1" in page and not PAGE_MARK.search(page)
    # The count projects the parameters the sub-select uses (Oxigraph binds projected ones only).
    counted = run_sparql(seed_kg.backend, count, {k: v for k, v in bindings.items() if f"?{k}" in count})
    assert int(counted.rows[0][counted.columns.index("ecokg__total")]) == len(seed_kg.query("sector-organisations"))


def test_a_misplaced_mark_is_refused() -> None:
    base = "SELECT ?s WHERE {\n  { SELECT ?s WHERE { ?s ?p ?o }\n    # page\n  }\n}\nORDER BY ?s\n"
    assert page_texts(base, 2, 0, {}) is not None
    with pytest.raises(QueryError, match="just before the closing brace"):
        page_texts(base.replace("    # page\n  }", "  }\n  # page\n  ?s ?q ?r ."), 2, 0, {})
    with pytest.raises(QueryError, match=r"inside a `\{ SELECT"):
        page_texts("SELECT ?s WHERE {\n  { ?s ?p ?o\n    # page\n  }\n}\nORDER BY ?s\n", 2, 0, {})
    with pytest.raises(QueryError, match="needs an ORDER BY"):
        page_texts(base.replace("ORDER BY ?s\n", ""), 2, 0, {})
    assert page_texts(base.replace("# page", "# a comment"), 2, 0, {}) is None


def test_cli_pages_a_listing_inside_the_query(seed_store: Path) -> None:
    runner = CliRunner()
    base = ["query", "events-in-period", "--store", str(seed_store), "-F", "csv"]
    whole = runner.invoke(app, base)
    page = runner.invoke(app, [*base, "--limit", "2", "--offset", "3"])
    assert whole.exit_code == 0 and page.exit_code == 0, whole.output + page.output
    lines = whole.stdout.splitlines()
    assert page.stdout.splitlines() == [lines[0], *lines[4:6]]
    assert f"rows 4–5 of {len(lines) - 1}" in page.stderr
