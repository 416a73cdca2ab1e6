"""OWL 2 RL (owlrl): the rule-based closure for graphs too large for HermiT."""

from __future__ import annotations

from rdflib import Graph
from rdflib.term import Node

from ecokg.namespaces import RDF
from ecokg.ontology import ontology_graph
from ecokg.ontology.reasoning.facts import Triple, countries_all_different, keep, superclasses


def owlrl_version() -> str:
    """The version of the owlrl package."""
    import owlrl

    return str(owlrl.__version__)


def run_owlrl(facts: Graph) -> tuple[set[Triple], list[str]]:
    """New facts of the OWL 2 RL closure, and its inconsistency messages."""
    import owlrl
    from owlrl.Namespaces import ERRNS

    graph = Graph()
    graph += ontology_graph()
    graph += facts
    graph += countries_all_different(facts)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = [
        str(graph.value(node, ERRNS.error)) for node in graph.subjects(RDF.type, ERRNS.ErrorMessage)
    ]
    new = {t for t in graph if keep(*t) and t not in facts}
    return most_specific(new, facts), errors


def most_specific(new: set[Triple], facts: Graph) -> set[Triple]:
    """Drop inferred types that a more specific type of the same entity already implies."""
    supers = superclasses()
    types: dict[Node, set[Node]] = {}
    for s, p, o in new:
        if p == RDF.type:
            types.setdefault(s, set()).add(o)
    for s in types:
        types[s] |= set(facts.objects(s, RDF.type))
    kept = set()
    for s, p, o in new:
        if p == RDF.type and any(o in supers.get(other, ()) for other in types[s] if other != o):
            continue
        kept.add((s, p, o))
    return kept
