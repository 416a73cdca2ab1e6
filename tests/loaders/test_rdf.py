"""RDF files: each format into its own graph with provenance; bad files refused, store unchanged."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ecokg import KnowledgeGraph
from ecokg.errors import InputError
from ecokg.namespaces import EK, EKG, EKR, RDFS

RDF_DIR = Path(__file__).parent.parent / "data" / "rdf"
FILES = [
    "partners-ttl.ttl",
    "partners-nt.nt",
    "partners-nq.nq",
    "partners-trig.trig",
    "partners-jsonld.jsonld",
    "partners-rdfxml.rdf",
]


@pytest.mark.parametrize("name", FILES)
def test_each_format_loads_into_its_own_graph_and_validates(name: str) -> None:
    kg = KnowledgeGraph.open(memory=True)
    report = kg.build([RDF_DIR / name])
    assert report.validation.conforms, report.validation.text()
    doc = name.split(".")[0]
    rows = kg.select(
        "SELECT ?e ?g ?label WHERE { GRAPH ?g { ?e rdfs:label ?label } }", {"e": EKR["biovalley"]}
    )
    assert [(g, str(label)) for _, g, label in rows] == [(EKG[doc], "BioValley France")]
    # The file's provenance: its name, its checksum, the loader, and statements per fact.
    files = kg.select("SELECT ?g ?f ?h WHERE { GRAPH ?g { ?g ek:sourceFile ?f ; ek:sha256 ?h ; ek:loader \"rdf\" } }", {"g": EKG[doc]})
    assert [str(f) for _, f, _ in files] == [name]
    traced = kg.select(
        "SELECT ?e ?p ?x WHERE { ?st rdf:subject ?e ; rdf:predicate ?p ; prov:wasDerivedFrom ?x }",
        {"e": EKR["jane-roe"], "p": RDFS.label},
    )
    assert len(traced) == 1
    assert (EKR["jane-roe"], None, None) in kg.data_graph()
    kg.close()


def _store_state(kg: KnowledgeGraph) -> list[tuple[object, ...]]:
    return sorted(kg.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"), key=str)


def test_malformed_turtle_names_its_line_and_changes_nothing(disk_kg: KnowledgeGraph) -> None:
    before = _store_state(disk_kg)
    with pytest.raises(InputError) as caught:
        disk_kg.load([RDF_DIR / "broken.ttl"])
    assert caught.value.line == 4
    assert "broken.ttl:4" in str(caught.value)
    assert _store_state(disk_kg) == before


def test_xml_entities_are_refused_before_parsing(disk_kg: KnowledgeGraph) -> None:
    before = _store_state(disk_kg)
    with pytest.raises(InputError, match="DOCTYPE or ENTITY") as caught:
        disk_kg.load([RDF_DIR / "entity-bomb.rdf"])
    assert caught.value.line == 2
    assert _store_state(disk_kg) == before


@pytest.fixture
def listener() -> Iterator[tuple[int, list[str]]]:
    """A loopback HTTP server that records every request (there must be none)."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.end_headers()
            self.wfile.write(b'{"@context": {"label": "http://www.w3.org/2000/01/rdf-schema#label"}}')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


def test_remote_jsonld_context_is_refused_without_any_request(
    tmp_path: Path, listener: tuple[int, list[str]]
) -> None:
    port, hits = listener
    doc = tmp_path / "remote.jsonld"
    doc.write_text(
        f'{{"@context": "http://127.0.0.1:{port}/context.jsonld", "@id": "https://w3id.org/ecokg/id/x", "label": "X"}}',
        encoding="utf-8",
    )
    kg = KnowledgeGraph.open(memory=True)
    with pytest.raises(InputError, match="remote context"):
        kg.build([doc])
    assert hits == []
    assert kg.count() == 0


def test_rdf_entities_are_known_to_later_sources(tmp_path: Path) -> None:
    curated = tmp_path / "links.yaml"
    curated.write_text(
        "ecokg: 1\ndocument: {id: links, title: Links, language: en}\n"
        "quotes: {q: \"Jane Roe leads BioValley France.\"}\n"
        "entities:\n  - id: post-note\n    type: Meeting\n    label: Meeting\n    quote: q\n"
        "    date: 2024-01-01\n    participants: [jane-roe, biovalley]\n",
        encoding="utf-8",
    )
    kg = KnowledgeGraph.open(memory=True)
    report = kg.build([RDF_DIR / "partners-ttl.ttl", curated])
    assert report.validation.conforms
    assert (EKR["post-note"], EK.participant, EKR["biovalley"]) in kg.data_graph()
