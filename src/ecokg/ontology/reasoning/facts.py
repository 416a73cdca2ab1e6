"""What the reasoners see and what they may add: the shared ground of both engines.

The entities' facts go to the reasoner without their provenance, excerpts, documents or
labels; of what comes back, only facts about entities in ecokg terms are kept, with the
ecokg super-properties of every link (HermiT lists only the most specific).
"""

from __future__ import annotations

from functools import cache

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from ecokg.namespaces import EK, EKR, OWL, RDF, RDFS, SKOS
from ecokg.ontology import ontology_graph

_EKR = str(EKR)
_EK = str(EK)
#: Facts that only name or describe: the reasoner does not need them.
_NAMING = frozenset({RDFS.label, RDFS.comment, SKOS.altLabel})

Triple = tuple[Node, Node, Node]


def reasoner_input(data: Graph) -> Graph:
    """The entities' facts only: no provenance statements, excerpts, documents or labels."""
    graph = Graph()
    for s, p, o in data:
        if not isinstance(s, URIRef) or not str(s).startswith(_EKR) or p in _NAMING:
            continue
        if p == RDF.type or str(p).startswith(_EK):
            graph.add((s, p, o))
    return graph


def individuals(graph: Graph) -> int:
    """Number of distinct entities (``ekr:`` subjects) in ``graph``."""
    return len({s for s in graph.subjects() if str(s).startswith(_EKR)})


def countries_all_different(facts: Graph) -> Graph:
    """Countries are pairwise distinct: OWL assumes no unique names, and counting needs it."""
    extra = Graph()
    countries = sorted(c for c in facts.subjects(RDF.type, EK.Country) if isinstance(c, URIRef))
    if len(countries) > 1:
        node, members = BNode(), BNode()
        Collection(extra, members, list(countries))
        extra.add((node, RDF.type, OWL.AllDifferent))
        extra.add((node, OWL.distinctMembers, members))
    return extra


def keep(s: Node, p: Node, o: Node) -> bool:
    """Inferred facts worth storing: about an entity, in ecokg terms, not reflexive."""
    if not str(s).startswith(_EKR) or s == o:
        return False
    if p == RDF.type:
        return str(o).startswith(_EK)
    return str(p).startswith(_EK)


@cache
def superproperties() -> dict[Node, frozenset[Node]]:
    """Each ontology property's ecokg super-properties (transitively, itself excluded)."""
    graph = ontology_graph()
    return {
        p: frozenset(
            q for q in graph.transitive_objects(p, RDFS.subPropertyOf) if q is not None and q != p and str(q).startswith(_EK)
        )
        for p in set(graph.subjects(RDFS.subPropertyOf, None))
    }


@cache
def superclasses() -> dict[Node, frozenset[Node]]:
    """Each ontology class's superclasses (transitively, itself excluded)."""
    graph = ontology_graph()
    return {
        c: frozenset(d for d in graph.transitive_objects(c, RDFS.subClassOf) if isinstance(d, URIRef) and d != c)
        for c in set(graph.subjects(RDFS.subClassOf, None))
        if isinstance(c, URIRef)
    }


def with_superproperties(inferred: set[Triple], facts: Graph) -> set[Triple]:
    """Add the ecokg super-properties of every link (HermiT lists only the most specific)."""
    supers = superproperties()
    result = set(inferred)
    for s, p, o in list(facts) + list(inferred):
        for q in supers.get(p, ()):
            triple = (s, q, o)
            if keep(*triple) and triple not in facts:
                result.add(triple)
    return result


def query_text(name: str) -> str:
    """The text of the SPARQL query ``name``.rq shipped beside this module."""
    from importlib import resources

    return resources.files("ecokg.ontology.reasoning").joinpath(f"{name}.rq").read_text(encoding="utf-8")
