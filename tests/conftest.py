"""Shared fixtures: the seed graph in memory (built once) and stores under tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ecokg import KnowledgeGraph

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def seed_kg() -> Iterator[KnowledgeGraph]:
    """The bundled seed, built into an in-memory store once per test session. Do not write to it."""
    kg = KnowledgeGraph.open(memory=True)
    kg.build()
    yield kg
    kg.close()


#: A cut of the Crunchbase 2013 export (bench/crunchbase_sample.py): the acquisitions of seven
#: frequent acquirers, the companies they name plus one company in forty, and their rounds.
CRUNCHBASE_NETWORK = [
    DATA / "crunchbase-network" / name
    for name in ("crunchbase-companies.csv", "crunchbase-rounds.csv", "crunchbase-acquisitions.csv")
]


@pytest.fixture(scope="session")
def crunchbase_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A disk store holding the Crunchbase cut (built once per session; read-only: do not write to it)."""
    import contextlib

    folder = tmp_path_factory.mktemp("crunchbase")
    with contextlib.chdir(folder), KnowledgeGraph.open(folder / "store") as kg:  # reject reports go here
        report = kg.build(CRUNCHBASE_NETWORK, keep_going=True)
        assert report.validation is not None and report.validation.conforms
    return folder / "store"


@pytest.fixture(scope="session")
def crunchbase_kg(crunchbase_store: Path) -> Iterator[KnowledgeGraph]:
    """The Crunchbase cut, opened once per session. Do not write to it."""
    kg = KnowledgeGraph.open(crunchbase_store)
    yield kg
    kg.close()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def disk_kg(store_path: Path) -> Iterator[KnowledgeGraph]:
    """An on-disk store holding the seed graph, private to one test."""
    kg = KnowledgeGraph.open(store_path)
    kg.build()
    yield kg
    kg.close()


@pytest.fixture
def data_dir() -> Path:
    return DATA
