"""The projection kept current at commit (issue 21): the first map reads it instead of making it.

Every write through :class:`KnowledgeGraph` (build, ``--append``, reason) caches the new
generation's projection with its sources; each check here compares what is cached with the
projection made from scratch on the same store (``_project``, no cache), after a build, an
append and an erasure, and for an audience's view.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from ecokg import KnowledgeGraph
from ecokg.graph.audience import view
from ecokg.graph.disk import current_generation
from ecokg.graph.forget import forget
from ecokg.maps.build import build_map
from ecokg.namespaces import EKR
from ecokg.network.cache import cache_file
from ecokg.network.projection import AT_COMMIT, _project, for_map, project
from ecokg.network.provenance import attach_sources

HERE = Path(__file__).resolve().parents[1]
PROSPECTS = HERE / "audiences" / "data" / "prospects.yaml"


def _content(G: nx.MultiDiGraph) -> tuple[Any, ...]:
    return (
        dict(G.graph),
        sorted(G.nodes(data=True), key=repr),
        sorted(G.edges(keys=True, data=True), key=repr),
    )


def _scratch(kg: KnowledgeGraph, *, sources: bool = True) -> nx.MultiDiGraph:
    return _project(kg.backend, **{**AT_COMMIT, "sources": sources})


def _check_current(kg: KnowledgeGraph, store: Path) -> None:
    """The cache of the current generation is there, and is the projection from scratch."""
    cached = cache_file(kg.backend, **AT_COMMIT)
    assert cached is not None and cached.is_file()
    assert cached.parent.name == f"{current_generation(store)}.cache"
    assert _content(project(kg.backend, **AT_COMMIT)) == _content(_scratch(kg))
    # Without sources (the measures): read from the same file, equal to its own projection.
    assert _content(project(kg.backend, **{**AT_COMMIT, "sources": False})) == _content(_scratch(kg, sources=False))


def test_build_append_and_forget_keep_the_projection_right(disk_kg: KnowledgeGraph, store_path: Path,
                                                           data_dir: Path) -> None:
    _check_current(disk_kg, store_path)  # the fixture's build of the seed

    before = current_generation(store_path)
    disk_kg.load([data_dir / "acme-in-wisconsin.yaml"])
    assert current_generation(store_path) != before
    _check_current(disk_kg, store_path)
    acme = str(EKR.acme)
    assert acme in project(disk_kg.backend, **AT_COMMIT)

    # An erasure writes a generation outside KnowledgeGraph's writes: its projection is made on
    # first use, and the person is in neither the new projection nor any cache file.
    person = EKR["nicolas-paris"]
    assert str(person) in project(disk_kg.backend, **AT_COMMIT)
    forget(disk_kg.backend, person)
    G = project(disk_kg.backend, **AT_COMMIT)
    assert str(person) not in G and acme in G
    assert _content(G) == _content(_scratch(disk_kg))
    leftovers = [p for p in store_path.glob("*.cache/*.json") if "nicolas-paris" in p.read_text(encoding="utf-8")]
    assert leftovers == []


def test_the_map_reads_the_sources_kept_at_commit(disk_kg: KnowledgeGraph) -> None:
    G = for_map(disk_kg.backend)
    assert G.graph["sources"] is True
    # The same sources as those a map reads for what it shows when nothing was kept.
    batched = attach_sources(disk_kg.backend, _scratch(disk_kg, sources=False))
    assert {n: d["sources"] for n, d in G.nodes(data=True)} == {n: d["sources"] for n, d in batched.nodes(data=True)}
    assert sorted((u, v, k, str(d["sources"])) for u, v, k, d in G.edges(keys=True, data=True)) == \
        sorted((u, v, k, str(d["sources"])) for u, v, k, d in batched.edges(keys=True, data=True))
    assert any(d["sources"] for _, d in G.nodes(data=True))
    result = build_map(disk_kg.backend)
    assert result.nodes == G.number_of_nodes()
    assert "BioForward" in result.html


def test_an_audience_has_its_own_projection(disk_kg: KnowledgeGraph, store_path: Path) -> None:
    disk_kg.load([PROSPECTS])  # a confidential note
    everything = project(disk_kg.backend, **AT_COMMIT)
    public = view(disk_kg.backend, "public")
    assert public is not disk_kg.backend
    seen = project(public, **AT_COMMIT)
    path = cache_file(public, **AT_COMMIT)
    assert path is not None and path.is_file() and path.name.endswith("-for-public.json")
    assert path != cache_file(disk_kg.backend, **AT_COMMIT)
    assert _content(project(public, **AT_COMMIT)) == _content(_project(public, **AT_COMMIT))
    hidden = [n for n in everything if "zorblaxia" in n]
    assert hidden and not [n for n in seen if "zorblaxia" in n]
    assert "zorblaxia" not in path.read_text(encoding="utf-8").lower()


def test_reasoning_keeps_the_projection_it_leaves_unchanged(disk_kg: KnowledgeGraph, store_path: Path) -> None:
    before = cache_file(disk_kg.backend, **AT_COMMIT)
    assert before is not None and before.is_file()
    first = before.read_bytes()
    disk_kg.reason("rl")
    after = cache_file(disk_kg.backend, **AT_COMMIT)
    assert after is not None and after != before and after.is_file()
    assert after.read_bytes() == first  # carried over, not made again
    assert _content(project(disk_kg.backend, **AT_COMMIT)) == _content(_scratch(disk_kg))
    assert not list(store_path.glob(".carry-*"))


def _inferred_facts(kg: KnowledgeGraph) -> set[tuple[str, str, str]]:
    """The facts and statements of the stored ``inferred`` graph (its PROV description, which
    says when the run was, left out)."""
    import pyoxigraph as ox

    from ecokg.namespaces import INFERRED_GRAPH
    from ecokg.ontology.reasoning.inferred import DESCRIBED

    store = kg.backend.oxigraph()
    described = {ox.NamedNode(str(d)) for d in DESCRIBED}
    return {(str(q.subject), str(q.predicate), str(q.object))
            for q in store.quads_for_pattern(None, None, None, ox.NamedNode(str(INFERRED_GRAPH)))
            if q.subject not in described}


def test_build_with_reasoning_keeps_the_projection_and_the_inferences(tmp_path: Path) -> None:
    # build --reason: the rules' inferences go from the reasoner to the commit as they are made
    # (no staging store in between); the projection cached at commit is the one from scratch.
    from ecokg.graph.reasoner import before_commit

    store = tmp_path / "reasoned"
    kg = KnowledgeGraph.open(store)
    try:
        hook = before_commit("rl")
        kg.build(before_commit=hook)
        assert hook.result.engine == "rl"
        _check_current(kg, store)
        at_build = _inferred_facts(kg)
        assert len(at_build) > 100  # facts and their statements
        kg.reason("rl")  # the stored data reasoned over again: the same inferred graph
        assert _inferred_facts(kg) == at_build
    finally:
        kg.close()
