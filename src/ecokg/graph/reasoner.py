"""Reasoning over the store: the inferred graph, at build time or afterwards.

The reasoners themselves (HermiT through owlready2, OWL 2 RL) are in
:mod:`ecokg.ontology.reasoning`; this module feeds them what is staged or stored and
commits what they infer as the ``inferred`` graph. From a local store (or staging stores)
the entities' facts are read by one SPARQL query as pyoxigraph terms and, above HermiT's
bound, go to the OWL 2 RL rules without ever becoming rdflib terms; the inferences go back
as pyoxigraph quads. The whole data graph (with provenance) is read only for HermiT, owlrl,
or to explain a contradiction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rdflib import Graph

from ecokg.graph.reasoner_input import (
    ALL_QUADS,
    OxTriple,
    entity_facts,
    explaining_data,
    reason_over,
    reason_staged,
    staged_data,
    staged_facts,
    stored_data,
)
from ecokg.graph.store import Backend, Change
from ecokg.loaders import StagedGraph
from ecokg.namespaces import INFERRED_GRAPH


class ReasoningHook:
    """A build hook: reason over what is staged, refuse it if inconsistent; ``result`` is
    the last run's :class:`~ecokg.ontology.reasoning.ReasoningResult` (what the CLI reports).

    In a load (``stored`` set by :func:`ecokg.graph.commit.load`), the stored facts count too:
    an addition is reasoned over incrementally when it can be (:mod:`.increment`), and then
    ``change`` holds what the commit adds to and removes from the stored ``inferred`` graph
    instead of replacing it."""

    def __init__(self, engine: str = "auto") -> None:
        self.engine = engine
        self.result: Any = None
        #: The store a load adds to (None in a build).
        self.stored: Backend | None = None
        #: Stored graphs the load drops besides those it replaces (companions, older names).
        self.dropping: list[Any] = []
        #: An incremental run's change to the stored inferred graph (None: it is replaced).
        self.change: Any = None

    def __call__(self, staged: list[StagedGraph]) -> list[StagedGraph]:
        self.change = None
        if self.stored is not None:
            from ecokg.graph.increment import reason_load

            self.result, self.change = reason_load(self.stored, staged, self.engine, self.dropping)
            return staged if self.change is not None else [*staged, self._inferred(self.result)]
        self.result = reason_staged(staged, self.engine)
        return [*staged, self._inferred(self.result)]

    @staticmethod
    def _inferred(result: Any) -> StagedGraph:
        if result.engine != "rl":
            return StagedGraph(INFERRED_GRAPH, INFERRED_GRAPH, result.graph, "ecokg reasoner")
        # The inferences stay pyoxigraph quads, made as the commit streams them: copying them
        # into a staging store first cost 7 s under cProfile at 1M (and 0.4 GiB), for nothing read there.
        return StagedGraph(INFERRED_GRAPH, INFERRED_GRAPH, Graph(), "ecokg reasoner", store=_Made(result.quads))


class _Made:
    """Stands for a staging store holding one graph's quads (:meth:`StagedGraph.quads` reads
    ``quads_for_pattern``): they are made anew each time they are read."""

    def __init__(self, make: Callable[[], Iterable[Any]]) -> None:
        self.make = make

    def quads_for_pattern(self, *pattern: Any) -> Iterable[Any]:
        return self.make()


def before_commit(engine: str = "auto") -> ReasoningHook:
    """A build hook: reason over what is staged, refuse it if inconsistent."""
    return ReasoningHook(engine)


def reason_store(backend: Backend, engine: str = "auto") -> Any:
    """Reason over the stored data and replace the ``inferred`` graph (nothing changes if inconsistent)."""
    # Under the write lock from the read to the commit: no build commits in between, so
    # the inferences are never about a graph that is no longer the stored one.
    with backend.writing():
        store = backend.oxigraph()
        stored: set[OxTriple] = set()
        given = entity_facts(store, inferred=stored) if store is not None else None
        result = reason_over(
            given, lambda: stored_data(backend), engine,
            explaining=None if given is None else (lambda entities: explaining_data(store, given, entities)),
        )
        change = _only_what_changed(store, stored, result) if result.engine == "rl" and stored else None
        if change is not None:
            backend.commit(change)
        elif result.engine == "rl":
            # An empty graph replaces the old one; the quads fill it.
            backend.commit(Change(add=[(INFERRED_GRAPH, Graph())], quads=result.quads()))
        else:
            backend.commit(Change(add=[(INFERRED_GRAPH, result.graph)]))
        from ecokg.graph.writes import record_write

        record_write(backend, "reason")  # ecokg log
    return result


def _only_what_changed(store: Any, stored: set[OxTriple], result: Any) -> Change | None:
    """The commit that edits the stored ``inferred`` graph into ``result``'s, keeping the
    inferences that still hold (None: it cannot account for the stored graph, which is then
    replaced whole). Reasoning again over a reasoned store mostly finds what is stored: at a
    million triples, dropping the graph and writing it again cost 46 of a 56 s run (Oxigraph
    removes a graph quad by quad)."""
    from ecokg.graph.increment import accounts_for, inferred_edit

    if not accounts_for(store, stored):
        return None
    found = set(result.found)
    added, removed = found - stored, stored - found
    result.message += (f" Of the stored inferences, {len(stored) - len(removed)} still hold and were kept; "
                       f"{len(added)} added, {len(removed)} removed.")
    edit = inferred_edit(store, result, added, removed)
    return Change(remove=edit.remove, quads=edit.add)


__all__ = [
    "ALL_QUADS",
    "OxTriple",
    "ReasoningHook",
    "before_commit",
    "entity_facts",
    "explaining_data",
    "reason_over",
    "reason_staged",
    "reason_store",
    "staged_data",
    "staged_facts",
    "stored_data",
]
