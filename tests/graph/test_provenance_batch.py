"""The sources a map shows, read in batches (issue 21): the same as the whole graph's.

:func:`attach_sources` reads the sources of the nodes and links it is given with a few
queries bound to a few hundred entities each. The reference here is the independent
whole-graph path, ``project(..., sources=True)`` (:meth:`Provenance.of`: other queries, no
binding): every node and link must carry exactly the same sources, in the same order.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from ecokg.kg import KnowledgeGraph
from ecokg.network.projection import project
from ecokg.network.provenance import _CHUNK, attach_sources
from ecokg.network.rows import select_rows

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository's bench package


def _sources(G: nx.MultiDiGraph) -> tuple[dict[str, Any], list[tuple[str, str, Any, Any]]]:
    nodes = {n: d["sources"] for n, d in G.nodes(data=True)}
    links = [(u, v, k, d["sources"]) for u, v, k, d in G.edges(keys=True, data=True)]
    return nodes, links


def _same_as_whole_graph(kg: KnowledgeGraph, collapse: bool) -> nx.MultiDiGraph:
    batched = attach_sources(kg.backend, project(kg.backend, collapse=collapse, sources=False))
    whole = project(kg.backend, collapse=collapse, sources=True)
    assert _sources(batched) == _sources(whole)
    return batched


@pytest.fixture(scope="module")
def generated_kg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeGraph]:
    """The benchmark generator's graph of about 20,000 triples, on disk."""
    from bench.generate import write

    directory = tmp_path_factory.mktemp("generated")
    path = write(20000, directory)
    # As in test_stated_links: the generator dates some signings outside their mission, which
    # the consistency checks refuse; those ek:partOf facts are left out.
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(
        line for line in lines if not ("/id/signing-" in line.split(" ", 1)[0] and "ontology#partOf>" in line)
    ), encoding="utf-8")
    kg = KnowledgeGraph.open(directory / "store")
    kg.build([path])
    yield kg
    kg.close()


@pytest.mark.parametrize("collapse", [True, False])
def test_seed_sources_are_those_of_the_whole_graph(seed_kg: KnowledgeGraph, collapse: bool) -> None:
    G = _same_as_whole_graph(seed_kg, collapse)
    assert all(d["sources"] for _, d in G.nodes(data=True)), "every seed entity has a source"
    sourced = [d["sources"] for _, _, d in G.edges(data=True) if d["sources"]]
    assert len(sourced) == G.number_of_edges()
    first = sourced[0][0]
    assert set(first) == {"document", "date", "quote", "iri"} and first["quote"]


@pytest.mark.parametrize("collapse", [True, False])
def test_generated_sources_are_those_of_the_whole_graph(generated_kg: KnowledgeGraph, collapse: bool) -> None:
    G = _same_as_whole_graph(generated_kg, collapse)
    if not collapse:
        # Several chunks of entities, so the batches' boundaries are crossed.
        assert G.number_of_nodes() > 2 * _CHUNK
    assert sum(1 for _, _, d in G.edges(data=True) if d["sources"]) > 100


def test_reasoned_facts_stay_out_unless_asked(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        kg.build()
        kg.reason()
        # The reasoner's graph holds statements of its own: a map without inferences ignores them.
        G = _same_as_whole_graph(kg, collapse=False)
        assert not any(d["inferred"] for _, _, d in G.edges(data=True))
        inferred = attach_sources(kg.backend, project(kg.backend, collapse=False, sources=False, include_inferred=True))
        whole = project(kg.backend, collapse=False, sources=True, include_inferred=True)
        assert _sources(inferred) == _sources(whole)
        assert any(d["inferred"] for _, _, d in inferred.edges(data=True))


def test_a_bound_value_is_an_iri_or_refused(seed_kg: KnowledgeGraph) -> None:
    # Values are checked and written by pyoxigraph: one cannot close the block and add patterns.
    with pytest.raises(ValueError):
        select_rows(seed_kg.backend, "network-excerpts-of", False, values=("x", ["urn:a> } ?x ?p ?o {"]))
    assert select_rows(seed_kg.backend, "network-excerpts-of", False, values=("x", ["urn:none"])) == []
