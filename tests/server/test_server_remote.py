"""ecokg against a real SPARQL 1.1 server (``oxigraph serve``) through ``RemoteBackend``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.errors import QueryError, StoreError
from ecokg.graph.remote import update_requests, with_values
from ecokg.graph.store import Change
from ecokg.namespaces import EKG, EKR, RDFS
from ecokg.queries.catalog import catalog, run_named

from .conftest import TOKEN, Server


def remote(server: Server) -> KnowledgeGraph:
    return KnowledgeGraph.open(endpoint=f"{server.url}/query", update_endpoint=f"{server.url}/update")


@pytest.fixture(scope="module")
def remote_kg(oxigraph_server: Server) -> Iterator[KnowledgeGraph]:
    """The seed built into the Oxigraph server through SPARQL Update."""
    kg = remote(oxigraph_server)
    kg.build()
    yield kg
    kg.close()


def canonical(rows: list[tuple[Any, ...]]) -> list[str]:
    """Rows as sortable text, up to what SPARQL leaves to each engine.

    Blank node labels differ between stores, and the order of GROUP_CONCAT's
    parts is unspecified (the catalogue joins them with "; "), so parts are sorted.
    """

    def term(value: Any) -> Any:
        if isinstance(value, BNode):
            return "_:b"
        if isinstance(value, Literal) and "; " in str(value):
            return ("; ".join(sorted(str(value).split("; "))), value.language, value.datatype)
        return value

    return sorted(repr(tuple(term(v) for v in row)) for row in rows)


def test_the_whole_catalogue_answers_the_same_on_the_remote_server(
    remote_kg: KnowledgeGraph, seed_kg: KnowledgeGraph
) -> None:
    queries = catalog()
    assert len(queries) >= 10
    assert remote_kg.count() == seed_kg.count()
    for query in queries:
        embedded = run_named(seed_kg.backend, query.name, {})
        served = run_named(remote_kg.backend, query.name, {})
        assert embedded.table()[0] == served.table()[0], query.name
        assert canonical(embedded.table()[1]) == canonical(served.table()[1]), query.name


def test_parameters_bind_the_same_on_both_stores(remote_kg: KnowledgeGraph, seed_kg: KnowledgeGraph) -> None:
    # Non-default values: a number used in FILTERs inside UNION branches, and an entity.
    for name, params in [("neighbourhood", {"entity": "BioForward", "hops": "1"}),
                         ("neighbourhood", {"entity": "ekr:gilson", "hops": "3"})]:
        embedded = run_named(seed_kg.backend, name, params)
        served = run_named(remote_kg.backend, name, params)
        assert len(embedded) > 0
        assert canonical(embedded.table()[1]) == canonical(served.table()[1])


def test_stats_resolve_and_validation_work_remotely(remote_kg: KnowledgeGraph, seed_kg: KnowledgeGraph) -> None:
    assert remote_kg.stats().classes == seed_kg.stats().classes
    assert remote_kg.resolve("aer bfc") == seed_kg.resolve("aer bfc")
    assert remote_kg.validate().conforms
    labels = list(remote_kg.dataset.query("SELECT ?l WHERE { ?e rdfs:label ?l } LIMIT 3"))
    assert len(labels) == 3


def test_a_failed_commit_changes_nothing(remote_kg: KnowledgeGraph) -> None:
    before = remote_kg.count()
    graph = Graph()
    graph.add((EKR["x"], RDFS.label, Literal("x")))
    # One request: the broken update at its end makes the server reject the whole of it.
    with pytest.raises(StoreError, match="nothing was changed"):
        remote_kg.backend.commit(Change(add=[(EKG["scratch"], graph)], update="INSERT DATA { oops"))
    assert remote_kg.count() == before


def test_large_commits_are_split_and_still_complete(
    oxigraph_server: Server, seed_kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = seed_kg.data_graph()
    assert len(list(update_requests(Change(add=[(EKG["big"], data)]), limit=20_000))) > 3
    monkeypatch.setenv("ECOKG_UPDATE_MAX_BYTES", "20000")
    kg = remote(oxigraph_server)
    before = kg.count()
    kg.replace_graph(EKG["big"], data)
    rows = kg.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ekg:big { ?s ?p ?o } }")
    assert int(rows[0][0]) == len(data)
    kg.drop_graph(EKG["big"])
    assert kg.count() == before


def test_with_values_binds_inside_every_group_only() -> None:
    text = """SELECT ?where WHERE {  # a { brace in a comment
      { ?x ?p "}" FILTER(?hops >= 2) } UNION { ?x ?p <urn:a> }
      VALUES ?y { 1 }
      { SELECT ?x WHERE { ?x ?p ?o } }
    }"""
    out = with_values(text, {"hops": Literal(2)})
    # The outer group, both UNION branches and the sub-select's WHERE: four groups.
    assert out.count("VALUES (?hops)") == 4
    assert '"}"' in out and "# a { brace" in out and "VALUES ?y { 1 }" in out
    assert "{ VALUES (?hops)" in out and "{ SELECT" in out
    with pytest.raises(QueryError):
        with_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": URIRef("urn:a")})
    assert with_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef("urn:a")}).startswith(
        "CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s)"
    )


def test_the_cli_builds_and_reads_a_remote_store(oxigraph_server: Server, tmp_path: Any) -> None:
    runner = CliRunner()
    endpoint = ["--endpoint", f"{oxigraph_server.url}/query", "--update-endpoint", f"{oxigraph_server.url}/update"]
    built = runner.invoke(app, ["build", *endpoint])
    assert built.exit_code == 0, built.output
    stats = runner.invoke(app, ["stats", "--endpoint", f"{oxigraph_server.url}/query", "--format", "csv"])
    assert stats.exit_code == 0, stats.output
    assert "ek:Person" in stats.output


def test_an_unreachable_endpoint_is_a_clear_error(tmp_path: Any) -> None:
    from .conftest import free_port

    kg = KnowledgeGraph.open(endpoint=f"http://127.0.0.1:{free_port()}/query")
    with pytest.raises(StoreError, match="cannot reach the SPARQL endpoint"):
        kg.count()


def test_credentials_come_from_the_environment(update_server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    # `ecokg serve --allow-update` is a SPARQL endpoint that checks a bearer token.
    graph = Graph()
    graph.add((EKR["remote-note"], RDFS.label, Literal("written through the token")))
    monkeypatch.delenv("ECOKG_ENDPOINT_TOKEN", raising=False)
    with pytest.raises(StoreError, match="refused the credentials"):
        KnowledgeGraph.open(endpoint=update_server.sparql).replace_graph(EKG["remote-note"], graph)
    monkeypatch.setenv("ECOKG_ENDPOINT_TOKEN", TOKEN)
    kg = KnowledgeGraph.open(endpoint=update_server.sparql)
    kg.replace_graph(EKG["remote-note"], graph)
    rows = kg.select("SELECT ?l WHERE { ekr:remote-note rdfs:label ?l }")
    assert [str(r[0]) for r in rows] == ["written through the token"]
    kg.drop_graph(EKG["remote-note"])
    assert kg.select("SELECT ?l WHERE { ekr:remote-note rdfs:label ?l }") == []


def test_inferences_can_be_left_out_remotely(remote_kg: KnowledgeGraph) -> None:
    from ecokg.namespaces import INFERRED_GRAPH

    graph = Graph()
    graph.add((EKR["only-inferred"], RDFS.label, Literal("only in the inferred graph")))
    remote_kg.replace_graph(INFERRED_GRAPH, graph)
    query = "SELECT ?l WHERE { ekr:only-inferred rdfs:label ?l }"
    try:
        assert len(remote_kg.select(query)) == 1
        # Sent as default-graph-uri parameters: every graph but the inferred one.
        assert remote_kg.select(query, exclude_graphs=[INFERRED_GRAPH]) == []
    finally:
        remote_kg.drop_graph(INFERRED_GRAPH)
