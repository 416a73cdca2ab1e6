"""Reasoning over the store: the inferred graph, at build time or afterwards.

The reasoners themselves (HermiT through owlready2, OWL 2 RL) are in
:mod:`ecokg.ontology.reasoning` and work on rdflib graphs; this module feeds them
what is staged or stored and commits what they infer as the ``inferred`` graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rdflib import Graph

from ecokg.graph.store import Backend, Change
from ecokg.loaders import StagedGraph
from ecokg.namespaces import ANALYSIS_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH

ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def staged_data(staged: Iterable[StagedGraph]) -> Graph:
    """The union of staged source graphs (the ontology and derived graphs left out)."""
    data = Graph()
    for item in staged:
        if item.name not in (ONTOLOGY_GRAPH, INFERRED_GRAPH):
            data += item.rdflib_graph()
    return data


def before_commit(engine: str = "auto") -> Callable[[list[StagedGraph]], list[StagedGraph]]:
    """A build hook: reason over what is staged, refuse it if inconsistent."""
    from ecokg.ontology.reasoning import reason

    def hook(staged: list[StagedGraph]) -> list[StagedGraph]:
        result = reason(staged_data(staged), engine)
        return [*staged, StagedGraph(INFERRED_GRAPH, INFERRED_GRAPH, result.graph, "ecokg reasoner")]

    return hook


def reason_store(backend: Backend, engine: str = "auto") -> Any:
    """Reason over the stored data and replace the ``inferred`` graph (nothing changes if inconsistent)."""
    from ecokg.ontology.reasoning import reason

    # Under the write lock from the read to the commit: no build commits in between, so
    # the inferences are never about a graph that is no longer the stored one.
    with backend.writing():
        data = Graph()
        for s, p, o, g in backend.select(ALL_QUADS):
            if g not in (ONTOLOGY_GRAPH, INFERRED_GRAPH, ANALYSIS_GRAPH):
                data.add((s, p, o))
        result = reason(data, engine)
        backend.commit(Change(add=[(INFERRED_GRAPH, result.graph)]))
    return result
