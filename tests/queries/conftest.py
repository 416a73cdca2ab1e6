"""Fixtures of the query tests: the seed on rdflib's own SPARQL engine, and a seed store on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset

from ecokg import KnowledgeGraph
from ecokg.graph.store import Backend
from ecokg.namespaces import bind_prefixes


class RdflibBackend(Backend):
    """A store whose queries run on rdflib's engine (no Oxigraph fast path), as any rdflib store would."""

    description = "rdflib memory"

    def __init__(self, source: KnowledgeGraph) -> None:
        self._dataset = Dataset(default_union=True)
        bind_prefixes(self._dataset.namespace_manager)
        for s, p, o, g in source.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            self._dataset.add((s, p, o, g))

    def dataset(self) -> Dataset:
        return self._dataset


@pytest.fixture(scope="session")
def rdflib_kg(seed_kg: KnowledgeGraph) -> KnowledgeGraph:
    """The seed graph, queried by rdflib's SPARQL engine."""
    return KnowledgeGraph(RdflibBackend(seed_kg))


@pytest.fixture(scope="session")
def crunchbase_small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[KnowledgeGraph, KnowledgeGraph]]:
    """The loader tests' Crunchbase slice (tests/data/crunchbase/, 600 rows) in memory, on Oxigraph
    and on rdflib's engine: the seed holds no acquisition nor funding round to ask about."""
    import contextlib

    data = Path(__file__).parent.parent / "data" / "crunchbase"
    kg = KnowledgeGraph.open(memory=True)
    with contextlib.chdir(tmp_path_factory.mktemp("crunchbase-small")):  # reject reports go here
        kg.build([data / "crunchbase-companies.csv", data / "crunchbase-rounds.csv", data / "crunchbase-acquisitions.csv"],
                 keep_going=True)
    yield kg, KnowledgeGraph(RdflibBackend(kg))
    kg.close()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An on-disk store holding the seed, for CLI tests (read-only: do not write to it)."""
    path = tmp_path_factory.mktemp("queries") / "store"
    with KnowledgeGraph.open(path) as kg:
        kg.build()
    yield path


@pytest.fixture(scope="session")
def remote_kg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeGraph]:
    """The seed built into a real ``oxigraph serve`` on loopback, used through the remote backend."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    folder = tmp_path_factory.mktemp("oxigraph-remote")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    log = folder / "server.log"
    binary = Path(sys.executable).parent / "oxigraph"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(binary), "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
            stdout=out, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if httpx.get(f"{url}/query?query=ASK%7B%7D", timeout=2).status_code < 500:
                    break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
        kg = KnowledgeGraph.open(endpoint=f"{url}/query", update_endpoint=f"{url}/update")
        kg.build()
        yield kg
        kg.close()
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
