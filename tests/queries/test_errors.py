"""Bad queries and bad parameters fail clearly, and a value can never change a query's shape."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from ecokg import KnowledgeGraph
from ecokg.errors import EcokgError, EntityNotFound, QueryError
from ecokg.namespaces import EKR, EKS, XSD
from ecokg.queries import bind_parameters, get_query


def test_syntax_error_points_at_line_and_column(seed_kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError) as info:
        seed_kg.sparql("SELECT ?s\nWHERE {\n  ?s ?p }")
    # Oxigraph, the parser of record (issue 15), points at the end of the line's pattern.
    assert info.value.line == 3 and info.value.column is not None and 1 <= info.value.column <= 10
    assert f"line 3, column {info.value.column}" in str(info.value)


def test_unknown_prefix_points_at_line_and_column(seed_kg: KnowledgeGraph) -> None:
    # rdflib's parser accepts it; Oxigraph reports it, and the message keeps the position
    with pytest.raises(QueryError) as info:
        seed_kg.sparql("SELECT ?s WHERE {\n  ?s nope:thing ?o }")
    assert info.value.line == 2 and info.value.column is not None
    assert "unknown prefix" in str(info.value)


def test_unknown_query_name_suggests_the_closest(seed_kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="delegation-members"):
        seed_kg.query("delegation-member")
    with pytest.raises(QueryError, match="agreements"):
        get_query("agreement")


def test_unknown_parameter_lists_the_accepted_ones(seed_kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match=r"no parameter 'misison' \(accepted: mission, as_of\)"):
        seed_kg.query("delegation-members", misison="x")


def test_ambiguous_label_lists_the_candidates(seed_kg: KnowledgeGraph) -> None:
    # "Bourgogne-Franche-Comté" names the region (the territory) only; "AER" is unique;
    # a label shared by two entities must be refused with both candidates.
    with pytest.raises(EntityNotFound) as info:
        seed_kg.query("person-posts", person="Nicolas")
    assert "no entity named 'Nicolas'" in str(info.value)
    assert any("nicolas-paris" in c for c in info.value.candidates)
    assert any("nicolas-soret" in c for c in info.value.candidates)


def test_ambiguous_between_entities_and_sectors(seed_kg: KnowledgeGraph) -> None:
    # "president" is a role (a concept); "Bourgogne-Franche-Comte" an entity: both resolve alone
    query = get_query("sector-organisations")
    assert bind_parameters(seed_kg.backend, query, {"sector": "biotherapies"})["sector"] == EKS.biotherapies
    assert bind_parameters(seed_kg.backend, query, {"sector": "Biothérapies"})["sector"] == EKS.biotherapies
    with pytest.raises(EntityNotFound):
        bind_parameters(seed_kg.backend, query, {"sector": "eks:no-such-sector"})


def test_service_is_refused_without_any_request(seed_kg: KnowledgeGraph) -> None:
    for text in (
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { ?s ?p ?o optional { service silent ?x { ?s ?p ?o } } }",
        "ASK { FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } } }",
        "SELECT * WHERE { ?s ?p ?o . # comment\n SeRvIcE\n<http://127.0.0.1:9/> { ?s ?p ?o } }",
    ):
        with pytest.raises(QueryError, match="SERVICE is not allowed"):
            seed_kg.sparql(text)
    # the word in a string or a comment is not a SERVICE
    assert seed_kg.sparql('SELECT ?s WHERE { ?s ?p "SERVICE <http://x>" } # SERVICE <http://y> {}').rows == []


def test_updates_are_refused(seed_kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="updates are not allowed"):
        seed_kg.sparql("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert seed_kg.sparql("ASK { <urn:a> <urn:b> <urn:c> }").ask is False


def test_time_limit_stops_the_query(seed_kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match=r"stopped after .* \(its time limit\)"):
        seed_kg.sparql("SELECT * WHERE { ?s ?p ?o }", timeout=1e-9)
    with pytest.raises(QueryError, match="time limit"):
        seed_kg.query("class-counts", timeout=1e-9)
    with pytest.raises(QueryError, match="positive"):
        seed_kg.sparql("ASK {}", timeout=0)


def test_bad_values_are_refused(seed_kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        seed_kg.query("events-in-period", to="next week")
    with pytest.raises(QueryError, match="expected a number"):
        seed_kg.query("neighbourhood", hops="2; DROP ALL")
    with pytest.raises(QueryError, match="label language"):
        seed_kg.query("agreements", lang='en") } #')


def test_values_are_bound_not_spliced(seed_kg: KnowledgeGraph) -> None:
    query = get_query("events-in-period")
    bindings = bind_parameters(seed_kg.backend, query, {"from": "2024-10-20"})
    assert bindings == {"from": Literal("2024-10-20", datatype=XSD.date)}
    query = get_query("person-posts")
    assert bind_parameters(seed_kg.backend, query, {"person": "nicolas paris"}) == {"person": EKR["nicolas-paris"]}


INJECTIONS = [
    'x" } ?s ?p ?o . FILTER("a" = "a',
    "ekr:gilson> . ?s ?p ?o . <x",
    "https://w3id.org/ecokg/id/gilson> } UNION { ?s ?p ?o } #",
    "} SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } {",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_an_injection_attempt_cannot_change_the_query(seed_kg: KnowledgeGraph, value: str) -> None:
    with pytest.raises(EntityNotFound):
        seed_kg.query("entity-card", entity=value)
    # as text, the same value is one literal: it matches nothing and the query keeps its shape
    text = "SELECT ?s ?needle WHERE { ?s rdfs:label ?needle }"
    assert seed_kg.sparql(text, bindings={"needle": Literal(value)}).rows == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(["mission", "from", "hops", "nope", ""]),
    value=st.one_of(st.text(max_size=60), st.integers(), st.none(), st.binary(max_size=8)),
)
def test_bind_parameters_only_raises_ecokg_errors(seed_kg: KnowledgeGraph, name: str, value: object) -> None:
    for query in (get_query("delegation-members"), get_query("events-in-period"), get_query("neighbourhood")):
        try:
            bindings = bind_parameters(seed_kg.backend, query, {name: value})  # type: ignore[dict-item]
        except EcokgError:
            continue
        assert all(isinstance(v, URIRef | Literal) for v in bindings.values())
