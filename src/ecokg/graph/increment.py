"""Reasoning in a load (``ecokg build --append --reason``): over what it adds, when it can.

A load that only adds documents to a store whose ``inferred`` graph the OWL 2 RL rules made
is reasoned over incrementally (:mod:`ecokg.ontology.reasoning.incremental`): the added facts
are the delta, joined with the stored facts and inferences, and the commit adds and removes
a few quads of the stored ``inferred`` graph instead of writing it again (at a million
triples, writing it is most of a whole run). Otherwise the whole store and the load are
reasoned over and the graph replaced, and the result's message says why:

- the load replaces stored documents (their facts may have been what some inferences needed);
- there is no stored ``inferred`` graph, or HermiT or owlrl made it;
- the store and the load are small enough for HermiT (``--engine auto``), or an engine other
  than the rules is asked for;
- the addition contradicts the ontology (the whole run explains it with its sources);
- the store is a remote endpoint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ecokg.graph.reasoner_input import (
    OxTriple,
    entity_facts,
    reason_over,
    reason_staged,
    staged_data,
    staged_facts,
    stored_data,
)
from ecokg.graph.store import Backend
from ecokg.loaders import StagedGraph
from ecokg.namespaces import INFERRED_GRAPH, RDFS


@dataclass
class InferredChange:
    """What an incremental run changes in the stored ``inferred`` graph (pyoxigraph quads)."""

    add: list[Any] = field(default_factory=list)
    remove: list[Any] = field(default_factory=list)


def reason_load(
    backend: Backend, staged: list[StagedGraph], engine: str, dropping: Sequence[Any] = (),
) -> tuple[Any, InferredChange | None]:
    """Reason over the store plus what a load stages: the result, and the change to the stored
    ``inferred`` graph when the run was incremental (None: the result's graph replaces it).
    ``dropping``: stored graphs the load drops besides those it replaces."""
    names = {item.name for item in staged} | set(dropping)
    store = backend.oxigraph()
    if store is None:
        data = staged_data(staged)
        data += stored_data(backend, names)
        result = reason_over(None, lambda: data, engine)
        result.message += " The whole store was reasoned over: it is a remote endpoint."
        return result, None
    import pyoxigraph as ox

    # Graph names as rdflib terms: the stored graphs the load replaces or drops.
    replaced = sorted({n for n in names if store.contains_named_graph(ox.NamedNode(str(n)))} | set(dropping))
    why = _not_incremental(store, replaced, engine)
    if why is None:
        done = _increment(store, staged, engine)
        if isinstance(done, str):
            why = done
        else:
            return done
    result = reason_staged(staged, engine, store, replaced, stored_data=lambda: stored_data(backend, names))
    result.message += f" The whole store was reasoned over: {why}."
    return result, None


def _not_incremental(store: Any, replaced: list[Any], engine: str) -> str | None:
    """Why the load cannot be reasoned over incrementally (None: it can)."""
    import pyoxigraph as ox

    from ecokg.ontology.reasoning import RL_NAME
    from ecokg.ontology.reasoning.inferred import REASONER

    if engine not in ("auto", "rl"):
        return f"the {engine} engine was asked for"
    if replaced:
        return f"the load replaces {len(replaced)} stored document graph(s), whose facts some inferences may need"
    graph = ox.NamedNode(str(INFERRED_GRAPH))
    if not store.contains_named_graph(graph):
        return "the store has no inferred graph to add to"
    made_by = {q.object.value for q in store.quads_for_pattern(ox.NamedNode(str(REASONER)), ox.NamedNode(str(RDFS.label)),
                                                               None, graph)}
    if made_by != {RL_NAME}:
        return f"the stored inferences were made by {', '.join(sorted(made_by)) or 'an unnamed reasoner'}, not the rules"
    return None


def _increment(store: Any, staged: list[StagedGraph], engine: str) -> tuple[Any, InferredChange] | str:
    """The incremental run, or why it could not be one."""

    from ecokg.ontology.reasoning import ReasoningResult, _rl_checks, choose_engine
    from ecokg.ontology.reasoning.incremental import entity_count, reason_increment
    from ecokg.version import __version__

    delta, _ = staged_facts(staged)
    # The stored facts and inferences in one pass over the predicates' indexes (a scan of the
    # inferred graph would decode its statements too: seven quads a fact).
    inferred: set[OxTriple] = set()
    old = entity_facts(store, inferred=inferred)
    if not accounts_for(store, inferred):
        return "the stored inferred graph states facts the rules do not read back"
    size = entity_count(old | delta)
    chosen, message = choose_engine(engine, size)
    if chosen != "rl":
        return "the store and the load are small enough for HermiT"
    step = reason_increment(old, inferred, delta - old)
    if step.clashes:
        return "the addition contradicts the ontology"
    total = len(inferred) - len(step.removed) + len(step.added)
    message += (f" Incremental: the {len(delta - old)} added fact(s) and what they touch ({step.touched} entities) "
                f"were reasoned over with the stored facts and inferences; {len(step.added)} inferred fact(s) added, "
                f"{len(step.removed)} removed, {total} in all.")
    if step.equalities:
        message += f" {step.equalities} owl:sameAs conclusion(s) between individuals not known to be distinct were not propagated."
    checks, _ = _rl_checks()
    result = ReasoningResult(
        engine="rl", version=__version__, facts=total, individuals=size, seconds=step.seconds, message=message,
        checks=checks, found=step.added, started=step.started,
    )
    return result, inferred_edit(store, result, step.added, step.removed)


def accounts_for(store: Any, stored: set[OxTriple]) -> bool:
    """Whether ``stored`` (the facts :func:`entity_facts` read from the ``inferred`` graph) is
    every fact that graph states (one ``rdf:Statement`` each): an edit of the graph may then
    keep what still holds. Otherwise a fact outside what is read (a graph another tool wrote)
    would survive when it no longer holds, and the graph must be replaced whole."""
    from typing import cast

    from ecokg.ontology.reasoning.facts import query_text
    from ecokg.terms import oxigraph_query

    rows = [cast("tuple[Any, Any]", row)
            for row in oxigraph_query(store, query_text("inferred-statements"), {"inferred": INFERRED_GRAPH})]
    return bool(rows) and int(str(rows[0][1])) == len(stored)


def inferred_edit(store: Any, result: Any, added: set[OxTriple], removed: set[OxTriple]) -> InferredChange:
    """The stored ``inferred`` graph edited into ``result``'s: its PROV description replaced,
    the ``removed`` facts taken out and the ``added`` ones put in, each with its statement
    (an incremental load and a whole run over a reasoned store both write it so)."""
    import pyoxigraph as ox

    from ecokg.ontology.reasoning.inferred import DESCRIBED, description_quads, fact_quads

    graph = ox.NamedNode(str(INFERRED_GRAPH))
    # Sorted as a whole run writes them (the quads are the same whatever the order).
    return InferredChange(
        add=[*description_quads(result._agent, result.version, result.started, result.message),
             *fact_quads(sorted(added, key=str))],
        remove=[*(q for s in DESCRIBED for q in store.quads_for_pattern(ox.NamedNode(str(s)), None, None, graph)),
                *fact_quads(removed)],
    )


__all__ = ["InferredChange", "accounts_for", "inferred_edit", "reason_load"]
