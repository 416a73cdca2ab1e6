"""Incremental loads: new sources join the graph and may point at entities already stored."""

from __future__ import annotations

from pathlib import Path

from ecokg import KnowledgeGraph
from ecokg.namespaces import EKG, EKR, RDF

DATA = Path(__file__).parent / "data"


def test_load_points_at_a_stored_entity_and_keeps_the_rest(disk_kg: KnowledgeGraph) -> None:
    before = disk_kg.count()
    report = disk_kg.load([DATA / "acme-in-wisconsin.yaml"])
    assert report.validation.conforms
    assert report.graphs == [EKG["acme-in-wisconsin"]]
    assert disk_kg.count() == before + report.triples
    rows = disk_kg.select("SELECT ?o ?p WHERE { ?o ek:basedIn ?p }", {"o": EKR.acme})
    assert rows == [(EKR.acme, EKR.wisconsin)]
    assert disk_kg.resolve("Acme") == EKR.acme


def test_loading_the_same_source_twice_replaces_it(disk_kg: KnowledgeGraph) -> None:
    disk_kg.load([DATA / "acme-in-wisconsin.yaml"])
    once = disk_kg.count()
    disk_kg.load([DATA / "acme-in-wisconsin.yaml"])
    assert disk_kg.count() == once


def test_stored_types_come_from_index_lookups_as_from_the_query(seed_kg: KnowledgeGraph) -> None:
    # What a load is validated with (types and labels of the stored entities it points at, with
    # their statements): Oxigraph's index lookups and the generic CONSTRUCT agree, entity by entity.
    from rdflib.compare import isomorphic

    from ecokg.graph.commit import TYPES_QUERY
    from ecokg.graph.commit import types_in_store as _types_in_store

    everything = seed_kg.construct(TYPES_QUERY)
    entities = sorted({s for s in everything.subjects() if str(s).startswith(str(EKR))})
    assert len(entities) > 20
    for entity in entities:
        expected = type(everything)()
        statements = set(everything.subjects(RDF.subject, entity))
        for triple in everything:
            if triple[0] == entity or triple[0] in statements:
                expected.add(triple)
        assert isomorphic(_types_in_store(seed_kg.backend.oxigraph(), [entity]), expected), entity
