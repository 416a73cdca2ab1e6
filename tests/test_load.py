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


def test_load_context_is_the_same_from_a_remote_copy_as_from_the_store(seed_kg: KnowledgeGraph) -> None:
    # What a load is validated with (the stored triples around the entities it points at) is read
    # by index lookups on the Oxigraph store, or, for a store behind an endpoint (no Oxigraph
    # store here), on a copy of its quads fetched with SPARQL: both give the same context.
    from rdflib.compare import isomorphic

    from ecokg.graph.replacing import Staged, StoreView, local_store, validation_context
    from ecokg.graph.store import Change, MemoryBackend

    class Endpoint(MemoryBackend):
        def oxigraph(self) -> None:  # queries go through SPARQL, as to a remote store
            return None

    remote = Endpoint()
    remote.commit(Change(quads=list(seed_kg.backend.oxigraph().quads_for_pattern(None, None, None, None))))
    entities = sorted(seed_kg.entities())
    assert len(entities) > 20
    here = validation_context(StoreView(local_store(seed_kg.backend), ()), Staged([]), [], entities, [])
    there = validation_context(StoreView(local_store(remote), ()), Staged([]), [], entities, [])
    assert isomorphic(here.graph(), there.graph())
    assert set(here.graph().subjects(RDF.type, None)) >= set(entities)
    # Context only: nothing of theirs changes, so their own violations are not the load's.
    assert here.unjudged == set(entities) and not here.checked
