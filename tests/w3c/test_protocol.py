"""The W3C SPARQL 1.1 Protocol manifest (34 tests) and the service description tests,
run from the manifests against a real ``ecokg serve`` on loopback.

Each test's requests are sent as the manifest writes them (method, path, headers and
body in its declared encoding), with one difference: ``ecokg serve`` accepts updates
only with its bearer token, so every request carries it (docs/conformance.md).
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import httpx
import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import Namespace

from server.conftest import Server

from .conftest import AUTH, MF, load, local, manifest

HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

PROTOCOL, ENTRIES = manifest("protocol")
FORMATS = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"},
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json"},
}


def _one(subject: object, predicate: URIRef) -> object:
    return next(iter(PROTOCOL.objects(subject, predicate)), None)  # type: ignore[arg-type]


def _boolean(response: httpx.Response) -> bool:
    kind = response.headers["content-type"].split(";")[0]
    if kind == "application/sparql-results+json":
        return bool(json.loads(response.content)["boolean"])
    assert kind == "application/sparql-results+xml", kind
    return "<boolean>true</boolean>" in response.text


def run_request(server: Server, request: object) -> None:
    method = str(_one(request, HT.methodName))
    path = str(_one(request, HT.absolutePath)).replace("/sparql/", "/sparql", 1)
    headers = dict(AUTH)
    head = _one(request, HT.headers)
    for header in Collection(PROTOCOL, head) if head is not None else []:  # type: ignore[arg-type]
        headers[str(_one(header, HT.fieldName))] = str(_one(header, HT.fieldValue))
    body = _one(request, HT.body)
    content = None
    if body is not None:
        encoding = str(_one(body, CNT.characterEncoding) or "UTF-8")
        content = str(_one(body, CNT.chars)).encode(encoding)
    response = httpx.request(method, server.url + path, headers=headers, content=content, timeout=60)
    expected = _one(request, HT.resp)
    statuses = {str(s).rsplit("StatusCode", 1)[1] for s in PROTOCOL.objects(expected, MF.expectedStatus)}  # type: ignore[arg-type]
    assert f"{str(response.status_code)[0]}xx" in statuses, (path, response.status_code, response.text)
    fmt = _one(expected, MF.expectedFormat)
    if fmt is not None:
        assert response.headers["content-type"].split(";")[0] in FORMATS[str(fmt)], response.headers
    answer = _one(expected, MF.expectedBoolean)
    if answer is not None:
        assert _boolean(response) is bool(Literal(answer).toPython())  # type: ignore[arg-type]


@pytest.mark.parametrize("test", ENTRIES, ids=[str(e).rsplit("#", 1)[1] for e in ENTRIES])
def test_protocol(w3c_server: Server, test: URIRef) -> None:
    data = {str(_one(g, RDFS_LABEL)): local(_one(g, UT.graph)) for g in PROTOCOL.objects(test, UT.graphData)}
    load(w3c_server, data)
    action = _one(test, MF.action)
    requests = _one(action, HT.requests)
    for request in Collection(PROTOCOL, requests):  # type: ignore[arg-type]
        run_request(w3c_server, request)


def test_protocol_suite_is_complete() -> None:
    assert len(ENTRIES) == 34


# --- service description (sparql11/service-description: three tests, no files) -------------


def _description(server: Server, accept: str) -> Graph:
    response = httpx.get(server.sparql, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    fmt = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/n-triples": "nt",
           "application/ld+json": "json-ld"}[response.headers["content-type"].split(";")[0]]
    return Graph().parse(data=response.content, format=fmt, publicID=server.sparql)


@pytest.mark.parametrize("accept", ["text/turtle", "application/rdf+xml", "application/n-triples", ""])
def test_service_description_returns_rdf(w3c_server: Server, accept: str) -> None:
    assert len(_description(w3c_server, accept)) > 5


def test_service_description_has_the_endpoint_triple(w3c_server: Server) -> None:
    graph = _description(w3c_server, "text/turtle")
    endpoints = {str(o) for o in graph.objects(None, SD.endpoint)}
    assert endpoints == {w3c_server.sparql}
    assert urlsplit(w3c_server.sparql).path == "/sparql"


def test_service_description_conforms_to_the_schema(w3c_server: Server) -> None:
    graph = _description(w3c_server, "text/turtle")
    (service,) = graph.subjects(RDF.type, SD.Service)
    languages = set(graph.objects(service, SD.supportedLanguage))
    assert languages <= {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update} and SD.SPARQL11Query in languages
    assert SD.SPARQL11Update in languages  # this server was started with --allow-update
    assert set(graph.objects(service, SD.feature)) <= {
        SD.DereferencesURIs, SD.UnionDefaultGraph, SD.RequiresDataset, SD.EmptyGraphs, SD.BasicFederatedQuery}
    formats = set(graph.objects(service, SD.resultFormat))
    assert formats and all(str(f).startswith("http://www.w3.org/ns/formats/") for f in formats)
    (dataset,) = graph.objects(service, SD.defaultDataset)
    assert (dataset, RDF.type, SD.Dataset) in graph
    assert any((g, RDF.type, SD.Graph) in graph for g in graph.objects(dataset, SD.defaultGraph))
