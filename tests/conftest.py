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
