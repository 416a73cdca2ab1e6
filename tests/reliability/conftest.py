"""Fixtures of the reliability tests (helpers live in reliability_helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_helpers import HOSTILE_YAML, Listener, start_server, stop_server

from ecokg import KnowledgeGraph


@pytest.fixture
def listener() -> Iterator[Listener]:
    """A loopback listener; a test asserts ``listener.received == []`` (no outgoing request)."""
    found = Listener()
    try:
        yield found
    finally:
        found.close()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding the seed graph; tests copy it, never write to it."""
    path = tmp_path_factory.mktemp("reliability-seed") / "store"
    with KnowledgeGraph.open(path) as kg:
        kg.build()
    return path


@pytest.fixture(scope="session")
def large_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated ecokg dataset of ~4,000 quads (restored as it is, on a writer thread)."""
    from bench.generate import write

    return write(4000, tmp_path_factory.mktemp("large-source"))


@pytest.fixture(scope="session")
def plain_source(tmp_path_factory: pytest.TempPathFactory, large_source: Path) -> Path:
    """The same triples as N-Triples: plain RDF, staged in rdflib with the loader's provenance."""
    import pyoxigraph as ox

    target = tmp_path_factory.mktemp("plain-source") / "plain.nt"
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(large_source), format=ox.RdfFormat.N_QUADS))
    ox.serialize(triples, str(target), ox.RdfFormat.N_TRIPLES)
    return target


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed plus a source whose every string is hostile HTML (served read-only)."""
    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile.yaml"
    source.write_text(HOSTILE_YAML, encoding="utf-8")
    with KnowledgeGraph.open(folder / "store") as kg:
        kg.build()
        kg.load([source])
    return folder / "store"


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, hostile_store: Path) -> Iterator[str]:
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    process, url = start_server(hostile_store, log, "--timeout", "5", "--max-rows", "2000", "--workers", "2")
    try:
        yield url
    finally:
        stop_server(process)
