"""Remote writes lose nothing and are never silently wrong (issue 22), on a real ``oxigraph serve``.

* A remote ``build`` replaces only ecokg's graphs: a graph another tool wrote on the same
  server survives ``build``, ``build --append``, ``reason`` and ``analyze --write``, byte for byte.
* A write split into many requests (``ECOKG_UPDATE_MAX_BYTES``) keeps its blank nodes whole
  (they travel as skolem IRIs), and a write the server does not hold as sent is an error
  naming the graphs, not a success.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.errors import StoreError
from ecokg.graph.remote import RemoteBackend, update_requests
from ecokg.graph.skolem import deskolemised, skolemised
from ecokg.graph.store import Change
from ecokg.namespaces import (
    ANALYSIS_GRAPH,
    EKG,
    GENID,
    INFERRED_GRAPH,
    LEGACY_OWN_GRAPHS,
    ONTOLOGY_GRAPH,
    PROV,
)

DATA = Path(__file__).parent.parent / "data"
THEIRS = "http://example.org/theirs"
#: A graph another tool wrote: a blank node, a language tag, a datatype, an IRI.
THEIR_TRIPLES = f"""
INSERT DATA {{ GRAPH <{THEIRS}> {{
  <http://example.org/report> <http://purl.org/dc/terms/title> "Leur rapport"@fr ;
      <http://purl.org/dc/terms/creator> _:team ;
      <http://purl.org/dc/terms/date> "2025-01-31"^^<http://www.w3.org/2001/XMLSchema#date> .
  _:team <http://xmlns.com/foaf/0.1/name> "another team" ; <http://xmlns.com/foaf/0.1/member> _:someone .
  _:someone <http://xmlns.com/foaf/0.1/name> "Someone" .
}} }}
"""
GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


class Oxigraph:
    def __init__(self, url: str) -> None:
        self.url = url
        self.query, self.update = f"{url}/query", f"{url}/update"

    def their_graph(self) -> bytes:
        """The foreign graph as the server serialises it (Graph Store protocol)."""
        response = httpx.get(f"{self.url}/store", params={"graph": THEIRS},
                             headers={"Accept": "application/n-triples"}, timeout=30)
        assert response.status_code == 200, response.text
        return response.content

    def graph(self, name: URIRef) -> Graph:
        """A named graph exactly as stored (skolem IRIs and all), straight from the server."""
        response = httpx.get(f"{self.url}/store", params={"graph": str(name)},
                             headers={"Accept": "application/n-triples"}, timeout=30)
        assert response.status_code == 200, response.text
        return Graph().parse(data=response.content, format="nt")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Oxigraph]:
    """An ``oxigraph serve`` (union default graph) on loopback holding another tool's graph."""
    from server.conftest import free_port, stop, wait_until_up

    folder = tmp_path_factory.mktemp("oxigraph-remote-writes")
    port = free_port()
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "oxigraph"), "serve", "--location", str(folder / "db"),
             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
            stdout=out, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/query?query=ASK%7B%7D", process, log)
        assert httpx.post(f"{url}/update", data={"update": THEIR_TRIPLES}, timeout=30).status_code < 300
        yield Oxigraph(url)
    finally:
        stop(process)


def remote(server: Oxigraph) -> KnowledgeGraph:
    return KnowledgeGraph.open(endpoint=server.query, update_endpoint=server.update)


def graph_counts(kg: KnowledgeGraph) -> dict[str, int]:
    return {str(g): int(n) for g, n in kg.select(GRAPH_COUNTS) if str(g) != THEIRS}


def ecokg(server: Oxigraph, *args: str) -> str:
    endpoints = ["--endpoint", server.query, "--update-endpoint", server.update]
    result = CliRunner().invoke(app, [*args, *endpoints])
    assert result.exit_code == 0, result.output
    return result.output


# --- 1. a build replaces ecokg's graphs, and only those -----------------------------


def test_build_append_reason_and_analyze_leave_a_foreign_graph_byte_identical(server: Oxigraph) -> None:
    theirs = server.their_graph()
    assert theirs.count(b"\n") == 6
    ecokg(server, "build")
    assert server.their_graph() == theirs
    ecokg(server, "build", "--append", str(DATA / "acme-in-wisconsin.yaml"))  # the next build has it no more
    assert server.their_graph() == theirs
    ecokg(server, "reason", "--engine", "owlrl")
    assert server.their_graph() == theirs
    ecokg(server, "analyze", "--write", "--measure", "degree")
    assert server.their_graph() == theirs
    with remote(server) as kg:
        held = graph_counts(kg)
        assert held[str(INFERRED_GRAPH)] > 0 and held[str(ANALYSIS_GRAPH)] > 0
        assert str(EKG["acme-in-wisconsin"]) in held
        # A build replaces every graph ecokg owns: a source it no longer has, the derived graphs.
        kg.build()
        assert server.their_graph() == theirs
        with KnowledgeGraph.open(memory=True) as embedded:
            embedded.build()
            assert graph_counts(kg) == graph_counts(embedded)


def test_a_remote_build_drops_graph_by_graph_never_all(server: Oxigraph, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[str] = []
    post = RemoteBackend._post

    def spy(self: RemoteBackend, url: str, data: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
        if "update" in data:
            sent.append(data["update"])
        return post(self, url, data, headers)

    # An ontology graph under its name before issue 22, as an older ecokg left it on the server.
    legacy = LEGACY_OWN_GRAPHS[0]
    stale = f"INSERT DATA {{ GRAPH <{legacy}> {{ <urn:stale> <urn:p> 1 }} }}"
    assert httpx.post(server.update, data={"update": stale}, timeout=30).status_code < 300
    monkeypatch.setattr(RemoteBackend, "_post", spy)
    with remote(server) as kg:
        kg.build()
        owned = kg.backend.owned_graphs()  # type: ignore[attr-defined]
        assert str(legacy) not in graph_counts(kg)
    assert THEIRS not in {str(g) for g in owned}
    assert {ONTOLOGY_GRAPH, INFERRED_GRAPH, ANALYSIS_GRAPH} <= set(owned)
    assert len(sent) == 1
    assert not re.search(r"\bDROP\s+(SILENT\s+)?ALL\b", sent[0], re.IGNORECASE)
    for name in owned:
        assert f"DROP SILENT GRAPH <{name}>" in sent[0]
    assert THEIRS not in sent[0]


# --- 2. blank nodes survive a split write; what the server holds is checked ---------


def _without_timestamps(graph: Graph) -> Graph:
    graph.remove((None, PROV.generatedAtTime, None))
    return graph


def _blank_nodes(graph: Graph) -> tuple[set[Any], set[Any], set[Any]]:
    """(every blank node, those only ever objects: dangling, those only ever subjects)."""
    subjects = {s for s in graph.subjects() if isinstance(s, BNode)}
    objects = {o for o in graph.objects() if isinstance(o, BNode)}
    return subjects | objects, objects - subjects, subjects - objects


def _diff(ours: Graph, theirs: Graph) -> str:
    """What differs, for the failure message (called once the blank nodes match in number:
    canonicalising a graph full of look-alike dangling nodes takes rdflib forever)."""
    _, only_ours, only_theirs = graph_diff(to_isomorphic(ours), to_isomorphic(theirs))
    return (f"only in memory ({len(only_ours)}):\n{only_ours.serialize(format='nt')}\n"
            f"only on the server ({len(only_theirs)}):\n{only_theirs.serialize(format='nt')}")


def _ground_diff(ours: Graph, theirs: Graph) -> str:
    """The triples without blank nodes that differ, and how many triples have them."""
    def ground(graph: Graph) -> set[Any]:
        return {t for t in graph if not any(isinstance(x, BNode) for x in t)}

    a, b = ground(ours), ground(theirs)
    return (f"{len(ours) - len(a)} triples with blank nodes in memory, {len(theirs) - len(b)} on the server; "
            f"ground triples only in memory: {sorted(a - b)[:20]}; only on the server: {sorted(b - a)[:20]}")


def test_a_split_build_keeps_blank_nodes_whole(
    server: Oxigraph, seed_kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    requests: list[int] = []
    post = RemoteBackend._post

    def spy(self: RemoteBackend, url: str, data: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
        if "update" in data:
            requests.append(len(data["update"].encode()))
        return post(self, url, data, headers)

    monkeypatch.setattr(RemoteBackend, "_post", spy)
    monkeypatch.setenv("ECOKG_UPDATE_MAX_BYTES", "20000")
    theirs = server.their_graph()
    with remote(server) as kg:
        report = kg.build()
        assert report.validation.conforms
        assert len(requests) > 20, requests  # the seed is about 600 kB of SPARQL: split many times
        embedded_ontology = seed_kg.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}")
        served_ontology = kg.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}")
        every, dangling, roots = _blank_nodes(served_ontology)
        memory_every, memory_dangling, memory_roots = _blank_nodes(embedded_ontology)
        shape = (f"blank nodes: {len(memory_every)} in memory, {len(every)} on the server "
                 f"({len(dangling)} dangling); " + _ground_diff(embedded_ontology, served_ontology))
        assert len(every) == len(memory_every) > 50, shape
        assert dangling == set() == memory_dangling, shape
        assert len(roots) == len(memory_roots), shape
        assert isomorphic(embedded_ontology, served_ontology), _diff(embedded_ontology, served_ontology)
        # On the server itself: no blank node at all in ecokg's graphs, only skolem IRIs.
        stored = server.graph(ONTOLOGY_GRAPH)
        assert not any(isinstance(t, BNode) for triple in stored for t in triple)
        assert {t for triple in stored for t in triple if str(t).startswith(str(GENID))} == {
            skolemised(b) for b in every
        }
        assert graph_counts(kg) == graph_counts(seed_kg)
    assert server.their_graph() == theirs


def test_a_write_the_server_does_not_hold_is_an_error_naming_the_graphs(
    server: Oxigraph, seed_kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server (or a proxy) that answers 204 to a request it never applied.
    count = 0
    post = RemoteBackend._post

    def lossy(self: RemoteBackend, url: str, data: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
        nonlocal count
        if "update" in data:
            count += 1
            if count == 5:
                return httpx.Response(204)
        return post(self, url, data, headers)

    monkeypatch.setattr(RemoteBackend, "_post", lossy)
    monkeypatch.setenv("ECOKG_UPDATE_MAX_BYTES", "20000")
    with remote(server) as kg:
        with pytest.raises(StoreError, match="does not hold what was sent") as raised:
            kg.build()
        held, built = graph_counts(kg), graph_counts(seed_kg)
        short = [g for g in built if held.get(g, 0) != built[g]]
    assert short
    for name in short:
        assert f"<{name}> holds" in str(raised.value)
    monkeypatch.undo()
    with remote(server) as kg:
        kg.build()  # and building again repairs it
        assert graph_counts(kg) == graph_counts(seed_kg)


def test_update_requests_name_blank_nodes_and_count_what_they_send() -> None:
    graph = Graph()
    graph.parse(data="@prefix ex: <http://example.org/> . ex:a ex:p [ ex:q [ ex:r 1 ] ] .", format="turtle")
    sent: dict[str, int] = {}
    bodies = list(update_requests(Change(add=[(URIRef("http://example.org/g"), graph)]), limit=10, sent=sent))
    assert len(bodies) == 3 and all("_:" not in body for body in bodies)
    assert sent == {"<http://example.org/g>": 3}
    for node in graph.all_nodes():
        if isinstance(node, BNode):
            assert deskolemised(skolemised(node)) == node
            assert sum(f"<{skolemised(node)}>" in body for body in bodies) == 2  # in both requests
    odd = BNode("a label/with odd characters")
    assert deskolemised(skolemised(deskolemised(skolemised(odd)))) == deskolemised(skolemised(odd))


# --- reading a skolemised store: the same answers as the embedded one ----------------


def test_stats_export_and_maps_read_a_skolemised_store_like_an_embedded_one(
    server: Oxigraph, seed_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    from ecokg.maps.build import build_map

    with remote(server) as kg:
        kg.build()
        assert kg.stats().classes == seed_kg.stats().classes
        assert [(g, n) for g, n, _, _ in kg.stats().graphs if THEIRS not in g] == [
            (g, n) for g, n, _, _ in seed_kg.stats().graphs
        ]
        served, embedded = io.BytesIO(), io.BytesIO()
        kg.export(served, "trig")
        seed_kg.export(embedded, "trig")
        assert str(GENID).encode() not in served.getvalue()  # skolem IRIs read back as blank nodes
        theirs, ours = Dataset(), Dataset()
        theirs.parse(data=served.getvalue(), format="trig")
        ours.parse(data=embedded.getvalue(), format="trig")
        names = {c.identifier for c in ours.graphs() if len(c)}
        assert names <= {c.identifier for c in theirs.graphs()}
        for name in names:
            a, b = _without_timestamps(ours.graph(name)), _without_timestamps(theirs.graph(name))
            assert isomorphic(a, b), f"{name}\n{_diff(a, b)}"
        remote_map = build_map(kg.backend)
        local_map = build_map(seed_kg.backend)
        assert (remote_map.nodes, remote_map.edges) == (local_map.nodes, local_map.edges)
        assert remote_map.nodes > 10
