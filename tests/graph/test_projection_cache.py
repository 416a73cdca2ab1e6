"""The projection of a disk store is cached per generation, read back equal, and collected with it."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from ecokg import KnowledgeGraph
from ecokg.graph.disk import current_generation
from ecokg.network.projection import project


def _same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert a.graph == b.graph
    assert sorted(a.nodes(data=True), key=repr) == sorted(b.nodes(data=True), key=repr)
    assert sorted(a.edges(keys=True, data=True), key=repr) == sorted(b.edges(keys=True, data=True), key=repr)


def test_the_cached_projection_is_the_projection(disk_kg: KnowledgeGraph, store_path: Path, seed_kg: KnowledgeGraph) -> None:
    fresh = project(seed_kg.backend)  # a memory store: never cached
    first = project(disk_kg.backend)
    generation = current_generation(store_path)
    files = list((store_path / f"{generation}.cache").glob("projection-*.json"))
    assert len(files) == 1
    second = project(disk_kg.backend)
    assert second is not first
    _same(fresh, first)
    _same(first, second)
    # Other options are other files, each equal to its own fresh projection.
    _same(project(seed_kg.backend, sources=False, lang="fr"), project(disk_kg.backend, sources=False, lang="fr"))
    _same(project(seed_kg.backend, sources=False, lang="fr"), project(disk_kg.backend, sources=False, lang="fr"))
    assert len(list((store_path / f"{generation}.cache").glob("projection-*.json"))) == 2


def test_a_damaged_cache_is_recomputed(disk_kg: KnowledgeGraph, store_path: Path) -> None:
    expected = project(disk_kg.backend)
    generation = current_generation(store_path)
    (cached,) = (store_path / f"{generation}.cache").glob("projection-*.json")
    cached.write_text('{"nodes": [', encoding="utf-8")
    _same(expected, project(disk_kg.backend))
    _same(expected, project(disk_kg.backend))  # and rewritten whole


def test_the_cache_goes_with_its_generation(disk_kg: KnowledgeGraph, store_path: Path, data_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOKG_KEEP_GENERATIONS", "1")  # the old generation goes at the next write
    project(disk_kg.backend)
    old = current_generation(store_path)
    assert (store_path / f"{old}.cache").is_dir()
    disk_kg.load([data_dir / "acme-in-wisconsin.yaml"])
    new = current_generation(store_path)
    assert new != old
    assert not (store_path / f"{old}.cache").exists()
    # The new generation's projection sees the new data, not the old cache.
    assert "https://w3id.org/ecokg/id/acme" in project(disk_kg.backend)
