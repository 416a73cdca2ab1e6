"""``ecokg serve`` as the SPARQL 1.1 standards and common clients expect (issue 15).

Real clients with their default settings (SPARQLWrapper, rdflib's SPARQLStore), datasets
(``FROM``, ``default-graph-uri``), valid queries rdflib's parser refused, client errors as
4xx, HEAD, 414, ``SELECT *`` in the query's order, and the endpoint as base IRI.
"""

from __future__ import annotations

import socket

import httpx
import pytest
from rdflib import RDFS, Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import SPARQLWrapper

from ecokg import KnowledgeGraph
from ecokg.namespaces import EKG, EKR

from .conftest import TOKEN, Server

GAZETTEER = str(EKG["gazetteer"])
ASK_GILSON = "ASK { ekr:gilson ?p ?o }"
SELECT_PEOPLE = "SELECT ?p WHERE { ?p a ek:Person } ORDER BY ?p"
CONSTRUCT_GILSON = "CONSTRUCT { ekr:gilson ?p ?o } WHERE { ekr:gilson ?p ?o }"
DESCRIBE_GILSON = "DESCRIBE ekr:gilson"
# rdflib's parser needs these prefixes declared; Oxigraph's is given ecokg's.
HEAD = "PREFIX ek: <https://w3id.org/ecokg/ontology#>\nPREFIX ekr: <https://w3id.org/ecokg/id/>\n"


def test_sparqlwrapper_defaults_for_every_form(ecokg_server: Server, seed_kg: KnowledgeGraph) -> None:
    client = SPARQLWrapper(ecokg_server.sparql)  # defaults: GET, XML results, RDF/XML graphs
    client.setQuery(SELECT_PEOPLE)
    people = [str(p) for (p,) in seed_kg.select(SELECT_PEOPLE)]
    document = client.query().convert()
    assert [u.firstChild.data for u in document.getElementsByTagName("uri")] == people  # type: ignore[union-attr]
    client.setQuery(ASK_GILSON)
    assert "<boolean>true</boolean>" in client.query().convert().toxml()  # type: ignore[union-attr]
    for query in (CONSTRUCT_GILSON, DESCRIBE_GILSON):
        client.setQuery(query)
        graph = client.query().convert()
        assert isinstance(graph, Graph)
        assert set(graph) == set(seed_kg.sparql(CONSTRUCT_GILSON).graph or ())


def test_rdflib_sparqlstore_defaults_for_every_form(ecokg_server: Server, seed_kg: KnowledgeGraph) -> None:
    graph = Graph(store=SPARQLStore(ecokg_server.sparql))  # defaults: GET, XML results, RDF/XML graphs
    assert [str(p) for (p,) in graph.query(HEAD + SELECT_PEOPLE)] == [  # type: ignore[misc]
        str(p) for (p,) in seed_kg.select(SELECT_PEOPLE)]
    assert graph.query(HEAD + ASK_GILSON).askAnswer is True
    expected = set(seed_kg.sparql(CONSTRUCT_GILSON).graph or ())
    for query in (CONSTRUCT_GILSON, DESCRIBE_GILSON):
        assert set(graph.query(HEAD + query).graph) == expected  # type: ignore[arg-type]


def test_from_and_dataset_parameters_choose_the_graphs(ecokg_server: Server, seed_kg: KnowledgeGraph) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def n(query: str, **params: str) -> int:
        response = httpx.post(ecokg_server.sparql, data={"query": query, **params})
        assert response.status_code == 200, response.text
        return int(response.json()["results"]["bindings"][0]["n"]["value"])

    alone = int(seed_kg.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GAZETTEER}> {{ ?s ?p ?o }} }}")[0][0])
    union = n(count)
    assert 0 < alone < union
    assert n(f"SELECT (COUNT(*) AS ?n) FROM <{GAZETTEER}> WHERE {{ ?s ?p ?o }}") == alone
    assert n(count, **{"default-graph-uri": GAZETTEER}) == alone
    # the protocol's dataset wins over the query's FROM (SPARQL 1.1 Protocol, 2.1.4)
    assert n(f"SELECT (COUNT(*) AS ?n) FROM <{GAZETTEER}> WHERE {{ ?s ?p ?o }}",
             **{"default-graph-uri": "urn:x-none:empty"}) == 0
    named = httpx.post(ecokg_server.sparql, data={
        "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": GAZETTEER})
    assert [b["g"]["value"] for b in named.json()["results"]["bindings"]] == [GAZETTEER]
    # the library honours FROM too
    assert int(seed_kg.sparql(f"SELECT (COUNT(*) AS ?n) FROM <{GAZETTEER}> WHERE {{ ?s ?p ?o }}").rows[0][0]) == alone  # type: ignore[arg-type]


@pytest.mark.parametrize("query", [
    "SELECT ?s WHERE { ?s ?p -89.4 }",  # a negative decimal: Madison's longitude
    "SELECT ?x WHERE { BIND(" + "(" * 40 + "1" + ")" * 40 + " AS ?x) }",
    "SELECT * WHERE " + "{ " * 50 + "?s ?p ?o " + "} " * 50 + "LIMIT 1",
])
def test_valid_queries_rdflib_refused_are_answered(ecokg_server: Server, query: str) -> None:
    response = httpx.post(ecokg_server.sparql, data={"query": query})
    assert response.status_code == 200, response.text
    assert "results" in response.json()


def test_select_star_keeps_the_query_order(ecokg_server: Server, seed_kg: KnowledgeGraph) -> None:
    query = "SELECT * WHERE { ?z a ek:Person ; rdfs:label ?m . BIND(1 AS ?a) } LIMIT 1"
    response = httpx.post(ecokg_server.sparql, data={"query": query})
    assert response.json()["head"]["vars"] == ["z", "m", "a"]
    csv = httpx.post(ecokg_server.sparql, data={"query": query}, headers={"Accept": "text/csv"})
    assert csv.text.splitlines()[0] == "z,m,a"
    assert seed_kg.sparql(query).columns == ["z", "m", "a"]


def test_relative_iris_resolve_against_the_endpoint(ecokg_server: Server) -> None:
    response = httpx.post(ecokg_server.sparql, data={"query": "SELECT ?x WHERE { BIND(<thing> AS ?x) }"})
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"][0]["x"]["value"] == ecokg_server.url + "/thing"


@pytest.mark.parametrize(("query", "message"), [
    ("SELECT (<http://example.org/f>(1) AS ?v) WHERE {}", "not supported"),
    ("SELECT * WHERE { ?s ?p ?o } ORDER BY <http://example.org/nope>(?s)", "not supported"),
    ("SELECT * FROM <not an iri> WHERE { ?s ?p ?o }", "Invalid IRI"),
])
def test_client_mistakes_are_4xx_with_a_message(ecokg_server: Server, query: str, message: str) -> None:
    response = httpx.post(ecokg_server.sparql, data={"query": query})
    assert response.status_code == 400, response.text
    assert message in response.text


def test_bad_dataset_parameter_is_400(ecokg_server: Server) -> None:
    response = httpx.get(ecokg_server.sparql, params={"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert response.status_code == 400 and "not an absolute IRI" in response.text


def test_update_mistakes_are_4xx(update_server: Server) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = httpx.post(update_server.sparql, data={"update": "DROP GRAPH <urn:x-missing:graph>"}, headers=auth)
    assert response.status_code == 400 and "does not exist" in response.text
    response = httpx.post(update_server.sparql, data={"update": "INSERT DATA { <a> <b> "}, headers=auth)
    assert response.status_code == 400 and "syntax error" in response.text


def test_head_and_overlong_urls(ecokg_server: Server) -> None:
    head = httpx.head(ecokg_server.sparql, params={"query": ASK_GILSON})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == "application/sparql-results+json"
    assert httpx.head(ecokg_server.sparql).status_code == 200  # the service description
    for size in (70_000, 300_000):  # past what httpx sends: a raw request
        answer = _raw_get(ecokg_server, "/sparql?query=" + "x" * size)
        assert answer.startswith(b"HTTP/1.1 414"), answer[:200]
        assert b"POST" in answer
    posted = httpx.post(ecokg_server.sparql, data={"query": "SELECT ?s WHERE { ?s ?p \"x\" } LIMIT 1"})
    assert posted.status_code == 200


def test_rdf_xml_for_construct_and_describe(ecokg_server: Server) -> None:
    for query in (CONSTRUCT_GILSON, DESCRIBE_GILSON):
        response = httpx.post(ecokg_server.sparql, data={"query": query}, headers={"Accept": "application/rdf+xml"})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/rdf+xml"
        graph = Graph().parse(data=response.content, format="xml")
        turtle = httpx.post(ecokg_server.sparql, data={"query": query}, headers={"Accept": "text/turtle"})
        assert set(graph) == set(Graph().parse(data=turtle.text, format="turtle"))
        assert (EKR["gilson"], RDFS.label, None) in graph


def _raw_get(server: Server, target: str) -> bytes:
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)
