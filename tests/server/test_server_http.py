"""``ecokg serve`` queried with real clients: SPARQLWrapper, rdflib's SPARQLStore and httpx."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import Namespace
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from ecokg import KnowledgeGraph
from ecokg.namespaces import EKR

from .conftest import TOKEN, Server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
PEOPLE = "SELECT ?p ?label WHERE { ?p a ek:Person ; rdfs:label ?label } ORDER BY ?p ?label"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")


def count(server: Server) -> int:
    response = httpx.get(server.sparql, params={"query": COUNT})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_sparqlwrapper_gets_every_results_format(ecokg_server: Server, seed_kg: KnowledgeGraph) -> None:
    client = SPARQLWrapper(ecokg_server.sparql)
    client.setQuery(PEOPLE)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]  # type: ignore[index, call-overload]
    expected = seed_kg.select(PEOPLE)
    assert [(r["p"]["value"], r["label"]["value"]) for r in rows] == [(str(p), str(name)) for p, name in expected]
    client.setReturnFormat(XML)
    assert len(client.query().convert().getElementsByTagName("result")) == len(expected)  # type: ignore[union-attr]
    client.setReturnFormat(CSV)
    table = list(csv.reader(io.StringIO(client.query().convert().decode())))  # type: ignore[union-attr]
    assert table[0] == ["p", "label"] and len(table) == len(expected) + 1
    client.setQuery("CONSTRUCT { ?p a ek:Person } WHERE { ?p a ek:Person }")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert len(graph) == len({p for p, _ in expected})
    client.setQuery("ASK { ekr:gilson ?p ?o }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True  # type: ignore[index, call-overload]


def test_rdflib_sparqlstore_reads_the_endpoint(ecokg_server: Server, seed_kg: KnowledgeGraph) -> None:
    store = SPARQLStore(ecokg_server.sparql, method="POST", returnFormat="json")
    graph = Graph(store=store)
    rows = list(graph.query(PEOPLE))
    assert [tuple(r) for r in rows] == seed_kg.select(PEOPLE)  # type: ignore[arg-type]
    assert (EKR["gilson"], None, None) in graph


def test_protocol_get_form_and_direct_post_agree(ecokg_server: Server) -> None:
    get = httpx.get(ecokg_server.sparql, params={"query": PEOPLE})
    form = httpx.post(ecokg_server.sparql, data={"query": PEOPLE})
    direct = httpx.post(ecokg_server.sparql, content=PEOPLE, headers={"Content-Type": "application/sparql-query"})
    assert get.status_code == form.status_code == direct.status_code == 200
    assert get.headers["content-type"] == "application/sparql-results+json"
    assert get.json() == form.json() == direct.json()
    bad_type = httpx.post(ecokg_server.sparql, content=PEOPLE, headers={"Content-Type": "text/plain"})
    assert bad_type.status_code == 415


@pytest.mark.parametrize(
    ("query", "accept", "media"),
    [
        (PEOPLE, "text/tab-separated-values", "text/tab-separated-values"),
        (PEOPLE, "application/sparql-results+xml", "application/sparql-results+xml"),
        (PEOPLE, "text/csv;q=0.5, application/sparql-results+json", "application/sparql-results+json"),
        ("CONSTRUCT WHERE { ekr:gilson ?p ?o }", "application/n-triples", "application/n-triples"),
        ("CONSTRUCT WHERE { ekr:gilson ?p ?o }", "application/ld+json", "application/ld+json"),
        ("DESCRIBE ekr:gilson", "*/*", "text/turtle"),
    ],
)
def test_content_negotiation(ecokg_server: Server, query: str, accept: str, media: str) -> None:
    response = httpx.post(ecokg_server.sparql, data={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    if media == "text/tab-separated-values":
        assert response.text.splitlines()[0] == "?p\t?label"
    elif media in ("application/n-triples", "application/ld+json", "text/turtle"):
        rdf_format = {"application/n-triples": "nt", "application/ld+json": "json-ld", "text/turtle": "turtle"}[media]
        graph = Graph().parse(data=response.text, format=rdf_format)
        assert (EKR["gilson"], None, None) in graph


def test_unacceptable_format_is_406(ecokg_server: Server) -> None:
    response = httpx.post(ecokg_server.sparql, data={"query": PEOPLE}, headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_service_description(ecokg_server: Server) -> None:
    response = httpx.get(ecokg_server.sparql, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    assert (None, SD.endpoint, URIRef(ecokg_server.sparql)) in graph
    assert (None, SD.feature, SD.UnionDefaultGraph) in graph
    assert (None, SD.supportedLanguage, SD.SPARQL11Update) not in graph


def test_syntax_error_is_400_with_line_and_column(ecokg_server: Server) -> None:
    response = httpx.post(ecokg_server.sparql, data={"query": "SELECT ?s\nWHERE { ?s ?p }"})
    assert response.status_code == 400
    assert "line 2, column" in response.text


def test_service_is_refused_and_nothing_is_fetched(ecokg_server: Server) -> None:
    # A listener on loopback stands for the remote service; it must never be contacted.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(5)
        listener.settimeout(1.0)
        port = listener.getsockname()[1]
        query = f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?q ?v }} }} }}"
        response = httpx.post(ecokg_server.sparql, data={"query": query})
        assert 400 <= response.status_code < 500
        assert "SERVICE" in response.text
        with pytest.raises(TimeoutError):
            listener.accept()


def test_runaway_query_is_stopped_and_others_are_answered(bounded_server: Server) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with ThreadPoolExecutor(1) as pool:
        slow = pool.submit(httpx.post, bounded_server.sparql, data={"query": runaway}, timeout=60)
        # While it runs, the other worker answers.
        assert httpx.get(bounded_server.sparql, params={"query": "ASK { ekr:gilson ?p ?o }"}, timeout=30).json()["boolean"]
        response = slow.result()
    assert response.status_code == 503
    assert "stopped after 2 s" in response.text
    # The killed worker is replaced: the server keeps answering, several at once.
    with ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(lambda _: count(bounded_server), range(3)))
    assert len(set(answers)) == 1 and answers[0] > 0


def test_result_size_is_bounded(ecokg_server: Server) -> None:
    response = httpx.post(ecokg_server.sparql, data={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 400
    assert "more than 500 rows" in response.text
    limited = httpx.post(ecokg_server.sparql, data={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 500"})
    assert limited.status_code == 200 and len(limited.json()["results"]["bindings"]) == 500


def test_read_only_server_refuses_updates(ecokg_server: Server) -> None:
    before = count(ecokg_server)
    update = "INSERT DATA { GRAPH ekg:x { ekr:x rdfs:label 'x' } }"
    response = httpx.post(ecokg_server.sparql, data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert count(ecokg_server) == before


def test_update_needs_the_token(update_server: Server) -> None:
    update = "INSERT DATA { GRAPH ekg:notes { ekr:note-1 rdfs:label 'a note' } }"
    before = count(update_server)
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        refused = httpx.post(update_server.sparql, data={"update": update}, headers=headers)
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"].startswith("Bearer")
    assert count(update_server) == before
    direct = httpx.post(
        update_server.sparql, content=update,
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert direct.status_code == 204, direct.text
    assert count(update_server) == before + 1
    # LOAD would fetch a URL: refused even with the token.
    load = httpx.post(update_server.sparql, data={"update": "LOAD <http://127.0.0.1:9/x.ttl>"},
                      headers={"Authorization": f"Bearer {TOKEN}"})
    assert load.status_code == 400
    described = Graph().parse(data=httpx.get(update_server.sparql).text, format="turtle")
    assert (None, SD.supportedLanguage, SD.SPARQL11Update) in described


def test_named_queries_api(ecokg_server: Server, seed_kg: KnowledgeGraph) -> None:
    from ecokg.queries.catalog import catalog, run_named

    listing = httpx.get(f"{ecokg_server.url}/queries").json()
    assert [q["name"] for q in listing] == [q.name for q in catalog()]
    params = {"entity": "BioForward", "hops": "1"}
    expected = run_named(seed_kg.backend, "neighbourhood", params)
    records = httpx.get(f"{ecokg_server.url}/queries/neighbourhood", params=params).json()
    assert records == json.loads(expected.serialize("json"))
    as_csv = httpx.get(f"{ecokg_server.url}/queries/neighbourhood", params={**params, "format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    assert len(list(csv.reader(io.StringIO(as_csv.text)))) == len(expected) + 1
    unknown_param = httpx.get(f"{ecokg_server.url}/queries/neighbourhood", params={"bogus": "1"})
    assert unknown_param.status_code == 400 and "bogus" in unknown_param.json()["error"]
    unknown_query = httpx.get(f"{ecokg_server.url}/queries/neighbourhod")
    assert unknown_query.status_code == 404 and "neighbourhood" in unknown_query.json()["error"]
    nobody = httpx.get(f"{ecokg_server.url}/queries/neighbourhood", params={"entity": "Nobody At All"})
    assert nobody.status_code == 404
    catalogue_csv = httpx.get(f"{ecokg_server.url}/queries", params={"format": "csv"})
    assert catalogue_csv.text.splitlines()[0] == "name,title,description,form,parameters"


def test_openapi_documents_each_named_query(ecokg_server: Server) -> None:
    spec = httpx.get(f"{ecokg_server.url}/openapi.json").json()
    parameters = {p["name"] for p in spec["paths"]["/queries/neighbourhood"]["get"]["parameters"]}
    assert {"entity", "hops", "format", "lang"} <= parameters
    docs = httpx.get(f"{ecokg_server.url}/docs")
    assert docs.status_code == 200 and "/static/swagger/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()


def test_no_cors_by_default_and_requests_are_logged(ecokg_server: Server) -> None:
    response = httpx.get(ecokg_server.sparql, params={"query": COUNT}, headers={"Origin": "http://example.org"})
    assert "access-control-allow-origin" not in response.headers
    assert ecokg_server.log is not None
    logged = threading.Event()
    for _ in range(50):
        if "GET /sparql 200" in ecokg_server.log.read_text():
            logged.set()
            break
        logged.wait(0.1)
    assert logged.is_set()


def test_maps_of_a_query_and_of_an_entity(ecokg_server: Server) -> None:
    page = httpx.get(f"{ecokg_server.url}/map", params={"query": "neighbourhood", "entity": "BioForward", "hops": "1"},
                     timeout=60)
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    assert "Nicolas Paris" in page.text
    assert 'src="http' not in page.text  # scripts are embedded
    focus = httpx.get(f"{ecokg_server.url}/map", params={"focus": "Gilson", "depth": "1"}, timeout=60)
    assert focus.status_code == 200 and "Gilson" in focus.text
    assert httpx.get(f"{ecokg_server.url}/map", params={"focus": "Nobody At All"}, timeout=60).status_code == 404
    wrong = httpx.get(f"{ecokg_server.url}/map", params={"query": "neighbourhood", "bogus": "1"})
    assert wrong.status_code == 400 and "bogus" in wrong.json()["error"]


def test_serve_refuses_to_start_without_a_store_or_a_token(tmp_path: Path, built_store: Path) -> None:
    from typer.testing import CliRunner

    from ecokg.cli import app

    runner = CliRunner()
    missing = runner.invoke(app, ["serve", "--store", str(tmp_path / "nothing")])
    assert missing.exit_code == 4 and "ecokg build" in missing.output
    no_token = runner.invoke(app, ["serve", "--store", str(built_store), "--allow-update"], env={"ECOKG_SERVER_TOKEN": ""})
    assert no_token.exit_code == 4 and "ECOKG_SERVER_TOKEN" in no_token.output


def test_a_name_with_dots_as_ecokg_prints_it_is_read(ecokg_server: Server) -> None:
    # ekr:post.nicolas-paris.bioforward.president: Oxigraph alone refuses two dots in a local name.
    query = "ASK { ekr:post.nicolas-paris.bioforward.president ek:heldBy ekr:nicolas-paris }"
    answer = httpx.post(ecokg_server.sparql, data={"query": query},
                        headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert answer.status_code == 200, answer.text
    assert answer.json()["boolean"] is True
