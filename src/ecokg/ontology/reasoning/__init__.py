"""OWL reasoning: consistency with explanations, and inferred facts in their own graph.

The entities' facts (without their provenance statements, which the reasoner does not
need) and the ontology go to HermiT, the OWL 2 DL reasoner bundled with owlready2; graphs
too large for it within :data:`HERMIT_BOUND` individuals go to OWL 2 RL (owlrl) instead.

* Inconsistent data raises :class:`~ecokg.errors.ReasoningError` whose ``explanation``
  names the clashing entities, the facts and their source documents.
* Otherwise :func:`reason` returns the new facts as the ``inferred`` named graph, each fact
  with an ``rdf:Statement`` (like every loaded fact) and the graph with its PROV
  description (reasoner, version, time).

>>> from ecokg import KnowledgeGraph
>>> kg = KnowledgeGraph.open(memory=True); _ = kg.build()
>>> result = kg.reason()                                   # doctest: +SKIP
>>> (EKR.gilson, RDF.type, EK.MultinationalOrganization) in result.graph   # doctest: +SKIP
True

The modules: :mod:`.facts` (what the reasoners see and may add), :mod:`.hermit`,
:mod:`.rl` (the two engines), :mod:`.inferred` (the named graph and its PROV) and
:mod:`.explain` (why data is inconsistent).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rdflib import Graph
from rdflib.term import Node

from ecokg.errors import ReasoningError
from ecokg.ontology.reasoning.explain import explain, inconsistent
from ecokg.ontology.reasoning.facts import individuals, reasoner_input, with_superproperties
from ecokg.ontology.reasoning.hermit import hermit_version, run_hermit
from ecokg.ontology.reasoning.inferred import inferred_graph
from ecokg.ontology.reasoning.rl import owlrl_version, run_owlrl

#: Largest graph (in individuals) given to HermiT under ``--engine auto``; larger ones go
#: to OWL 2 RL. Measured on this 2-core machine shared with other jobs (load 5-11), on
#: synthetic places, organisations, sites and agreements, HermiT's two passes: 21 s at 250
#: individuals, 32-35 s at 500, 49-107 s at 1000 and 520 s at 2000; owlrl 6-10 s up to 1000.
HERMIT_BOUND = 1000

ENGINES = ("auto", "hermit", "owlrl")


@dataclass
class ReasoningResult:
    """What a reasoning run produced (``graph`` is the whole ``inferred`` named graph)."""

    engine: str
    version: str
    graph: Graph
    facts: int
    individuals: int
    seconds: float
    message: str
    inferred: set[tuple[Node, Node, Node]] = field(default_factory=set, repr=False)


def choose_engine(engine: str, size: int, bound: int = HERMIT_BOUND) -> tuple[str, str]:
    """The engine to run and a sentence saying which and why."""
    if engine not in ENGINES:
        raise ReasoningError(f"unknown reasoning engine {engine!r} (choose from {', '.join(ENGINES)})")
    if engine == "hermit":
        return "hermit", f"HermiT (OWL 2 DL) on {size} individuals, as asked."
    if engine == "owlrl":
        return "owlrl", (
            f"OWL 2 RL (owlrl) on {size} individuals, as asked: no defined classes that count "
            "(ek:MultinationalOrganization), no rules, no 'city in two countries' check."
        )
    if size <= bound:
        return "hermit", f"HermiT (OWL 2 DL) on {size} individuals (bound for HermiT: {bound})."
    return "owlrl", (
        f"OWL 2 RL (owlrl) instead of HermiT: {size} individuals exceed HermiT's bound of {bound} "
        "on this machine; counting classes (ek:MultinationalOrganization) and rules are left out."
    )


def reason(data: Graph, engine: str = "auto", *, bound: int = HERMIT_BOUND) -> ReasoningResult:
    """Check ``data`` (with its provenance) against the ontology and infer what follows.

    Raises :class:`ReasoningError` with an ``explanation`` when the data is inconsistent.
    """
    started_at = datetime.now(UTC)
    started = time.perf_counter()
    facts = reasoner_input(data)
    size = individuals(facts)
    chosen, message = choose_engine(engine, size, bound)
    if chosen == "hermit":
        version = hermit_version()
        found = run_hermit(facts)
        if found is None:
            raise inconsistent(data, facts, "HermiT", _owlrl_details)
    else:
        version = owlrl_version()
        found, errors = run_owlrl(facts)
        if errors:
            raise inconsistent(data, facts, "OWL 2 RL", lambda _facts: errors)
    inferred = with_superproperties(found, facts)
    name = "HermiT" if chosen == "hermit" else "owlrl"
    graph = inferred_graph(sorted(inferred), name, version, started_at, message)
    return ReasoningResult(
        engine=chosen, version=version, graph=graph, facts=len(inferred), individuals=size,
        seconds=time.perf_counter() - started, message=message, inferred=inferred,
    )


def _owlrl_details(facts: Graph) -> list[str]:
    """OWL 2 RL's own inconsistency messages, for clashes ecokg's checks do not name."""
    return [f"OWL 2 RL says: {message}" for message in run_owlrl(facts)[1]]


__all__ = [
    "ENGINES",
    "HERMIT_BOUND",
    "ReasoningResult",
    "choose_engine",
    "explain",
    "hermit_version",
    "inferred_graph",
    "reason",
    "reasoner_input",
]
