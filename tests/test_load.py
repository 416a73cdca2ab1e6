"""Incremental loads: new sources join the graph and may point at entities already stored."""

from __future__ import annotations

from pathlib import Path

from ecokg import KnowledgeGraph
from ecokg.namespaces import EKG, EKR

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
