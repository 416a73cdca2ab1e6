"""Fixtures for the reasoning tests: the seed reasoned once, a seed store on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ecokg import KnowledgeGraph
from ecokg.graph.reasoner import before_commit

REASONING = Path(__file__).parent.parent / "data" / "reasoning"


@pytest.fixture(scope="session")
def reasoned_kg() -> Iterator[KnowledgeGraph]:
    """The seed built with HermiT's inferences (in memory). Do not write to it."""
    kg = KnowledgeGraph.open(memory=True)
    kg.build(before_commit=before_commit("hermit"))
    yield kg
    kg.close()


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeGraph]:
    """An on-disk store holding the seed; refused builds must leave it as it is."""
    kg = KnowledgeGraph.open(tmp_path_factory.mktemp("reasoning") / "store")
    kg.build()
    yield kg
    kg.close()
