"""OWL reasoning: consistency with explanations, and inferred facts in their own graph.

The entities' facts (without their provenance statements, which the reasoner does not
need) and the ontology go to HermiT, the OWL 2 DL reasoner bundled with owlready2; graphs
too large for it within :data:`HERMIT_BOUND` individuals go to ecokg's OWL 2 RL rule engine
(:mod:`.rules`, :mod:`.engine`) instead; owlrl, the reference it is tested against, stays
available (``engine="owlrl"``).

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

The modules: :mod:`.facts` (what the reasoners see and may add), :mod:`.hermit` and
:mod:`.rl` (HermiT and owlrl), :mod:`.rules` and :mod:`.engine` (ecokg's OWL 2 RL rules),
:mod:`.inferred` (the named graph and its PROV) and :mod:`.explain` (why data is inconsistent).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from rdflib import Graph
from rdflib.term import Node

from ecokg.errors import ReasoningError
from ecokg.namespaces import EK, RDF
from ecokg.ontology.reasoning.explain import explain, inconsistent
from ecokg.ontology.reasoning.facts import individuals, reasoner_input, with_superproperties
from ecokg.ontology.reasoning.hermit import hermit_version, run_hermit
from ecokg.ontology.reasoning.inferred import inferred_graph, inferred_quads
from ecokg.ontology.reasoning.rl import owlrl_version, run_owlrl

#: Largest graph (in individuals) given to HermiT under ``--engine auto``; larger ones go
#: to the OWL 2 RL rules. Measured on this 2-core machine shared with other jobs (load 5-11), on
#: synthetic places, organisations, sites and agreements, HermiT's two passes: 21 s at 250
#: individuals, 32-35 s at 500, 49-107 s at 1000 and 520 s at 2000; owlrl 6-10 s up to 1000.
HERMIT_BOUND = 1000

#: ``rl``: ecokg's OWL 2 RL rule engine (:mod:`.engine`); ``owlrl``: the owlrl package, the
#: reference it is tested against (pure Python, 40 s at 100k triples).
ENGINES = ("auto", "hermit", "rl", "owlrl")

#: The name and version the ``inferred`` graph's PROV gives the rule engine.
RL_NAME = "ecokg OWL 2 RL rules"

OxTriple = tuple[Any, Any, Any]


@dataclass
class ReasoningResult:
    """What a reasoning run produced: the inferred facts, and the ``inferred`` named graph
    (``graph`` as rdflib, ``quads()`` as pyoxigraph quads; the rule engine makes only the
    form asked for)."""

    engine: str
    version: str
    facts: int
    individuals: int
    seconds: float
    message: str
    #: The contradiction checks that ran (OWL 2 RL rule names, or "OWL 2 DL" for HermiT).
    checks: tuple[str, ...] = ()
    #: The inferred facts as rdflib triples (HermiT, owlrl) or pyoxigraph triples (rules).
    found: set[Any] = field(default_factory=set, repr=False)
    started: datetime = field(default_factory=lambda: datetime.now(UTC), repr=False)

    @property
    def _oxigraph(self) -> bool:
        return self.engine == "rl"

    @cached_property
    def inferred(self) -> set[tuple[Node, Node, Node]]:
        """The inferred facts as rdflib triples."""
        if not self._oxigraph:
            return set(self.found)
        from ecokg.terms import from_ox

        return {(from_ox(s), from_ox(p), from_ox(o)) for s, p, o in self.found}

    @cached_property
    def graph(self) -> Graph:
        """The whole ``inferred`` named graph (facts, statements, PROV) as rdflib."""
        return inferred_graph(sorted(self.inferred), self._agent, self.version, self.started, self.message)

    def quads(self) -> Iterable[Any]:
        """The ``inferred`` named graph as pyoxigraph quads (the same triples as ``graph``)."""
        if not self._oxigraph:
            from ecokg.namespaces import INFERRED_GRAPH
            from ecokg.terms import graph_quads

            return graph_quads(self.graph, INFERRED_GRAPH)
        return inferred_quads(sorted(self.found, key=str), self._agent, self.version, self.started, self.message)

    @property
    def _agent(self) -> str:
        return {"hermit": "HermiT", "owlrl": "owlrl", "rl": RL_NAME}[self.engine]


def _rl_checks() -> tuple[tuple[str, ...], str]:
    """The contradiction checks the rules run, and a sentence saying them and what is left out."""
    from ecokg.ontology.reasoning.rules import ontology_rules

    rules = ontology_rules()
    checks = tuple(rules.checks())
    text = f"contradiction checks run: {', '.join(checks)}"
    if rules.skipped:
        text += f"; not OWL 2 RL, left to HermiT: {'; '.join(rules.skipped)}"
    return checks, text


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
    if engine == "auto" and size <= bound:
        return "hermit", f"HermiT (OWL 2 DL) on {size} individuals (bound for HermiT: {bound})."
    _, checks = _rl_checks()
    why = "as asked" if engine == "rl" else f"instead of HermiT: {size} individuals exceed HermiT's bound of {bound} on this machine"
    return "rl", (
        f"OWL 2 RL rules (the ontology's axioms and SWRL rules) on {size} individuals, {why}; "
        f"counting classes (ek:MultinationalOrganization) are left out; {checks}."
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
    if chosen == "rl":
        from ecokg.terms import to_ox

        given = {(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in facts}
        return reason_rl(given, size, message, lambda _entities: data, started_at=started_at, started=started)
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
    return ReasoningResult(
        engine=chosen, version=version, facts=len(inferred), individuals=size,
        seconds=time.perf_counter() - started, message=message, found=inferred, started=started_at,
        checks=("OWL 2 DL",) if chosen == "hermit" else ("owlrl",),
    )


def reason_rl(
    given: set[OxTriple], size: int, message: str, data: Callable[[set[Any]], Graph], *,
    started_at: datetime | None = None, started: float | None = None,
) -> ReasoningResult:
    """The OWL 2 RL rules on the entities' facts ``given`` as pyoxigraph triples.

    ``data(entities)`` gives the data graph with the provenance of at least ``entities``'
    facts (pyoxigraph terms), called only when the facts contradict the ontology, to name
    the sources in the explanation.
    """
    import pyoxigraph as ox

    from ecokg.ontology.reasoning.engine import new_facts, run_rules
    from ecokg.ontology.reasoning.rules import ontology_rules
    from ecokg.version import __version__

    started_at = started_at or datetime.now(UTC)
    started = started if started is not None else time.perf_counter()
    kind, country = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(EK.Country))
    # Countries are pairwise distinct (as countries_all_different says to HermiT and owlrl).
    distinct = {s for s, p, o in given if p == kind and o == country}
    closure = run_rules(given, ontology_rules(), distinct, _ontology_triples())
    if closure.clashes:
        from ecokg.terms import from_ox

        facts = Graph()
        for s, p, o in given:
            facts.add((from_ox(s), from_ox(p), from_ox(o)))
        involved = {term for _, _, terms in closure.clashes for term in terms}
        raise inconsistent(data(involved), facts, "OWL 2 RL rules", lambda _facts: _clash_lines(closure.clashes))
    found = new_facts(closure)
    checks, _ = _rl_checks()
    if closure.equalities:
        message += f" {closure.equalities} owl:sameAs conclusion(s) between individuals not known to be distinct were not propagated."
    return ReasoningResult(
        engine="rl", version=__version__, facts=len(found), individuals=size,
        seconds=time.perf_counter() - started, message=message, checks=checks, found=found, started=started_at,
    )


def _ontology_triples() -> list[OxTriple]:
    from ecokg.ontology import ontology_graph
    from ecokg.terms import to_ox

    return [(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in ontology_graph()]


def _clash_lines(clashes: list[tuple[str, str, tuple[Any, ...]]]) -> list[str]:
    return [f"OWL 2 RL rule {name}: {check}: {', '.join(str(t) for t in terms)}" for name, check, terms in clashes]


def _owlrl_details(facts: Graph) -> list[str]:
    """OWL 2 RL's own inconsistency messages, for clashes ecokg's checks do not name."""
    return [f"OWL 2 RL says: {message}" for message in run_owlrl(facts)[1]]


__all__ = [
    "ENGINES",
    "HERMIT_BOUND",
    "RL_NAME",
    "ReasoningResult",
    "choose_engine",
    "explain",
    "hermit_version",
    "inferred_graph",
    "reason",
    "reason_rl",
    "reasoner_input",
]
