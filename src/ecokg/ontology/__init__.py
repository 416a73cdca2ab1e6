"""The ecokg ontology, its sector and status schemes and SHACL shapes, read from the package.

:func:`vocabulary` turns the ontology's ``ek:yamlKey`` / ``ek:yamlClass`` /
``ek:yamlId`` annotations into the tables the loaders use, so the data format
follows the ontology rather than a second hand-kept list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from ecokg.namespaces import EK, EKST, bind_prefixes

_FILES = ("ecokg.ttl", "sectors.ttl", "statuses.ttl")


def resource_text(name: str) -> str:
    """Text of a file shipped in ``ecokg/ontology``."""
    return (resources.files("ecokg.ontology") / name).read_text(encoding="utf-8")


@cache
def ontology_graph() -> Graph:
    """The ontology and the sector and status schemes as one rdflib graph (cached; do not mutate)."""
    graph = Graph()
    bind_prefixes(graph.namespace_manager)
    for name in _FILES:
        graph.parse(data=resource_text(name), format="turtle")
    return graph


@cache
def shapes_graph() -> Graph:
    """The SHACL shapes (cached; do not mutate)."""
    graph = Graph()
    bind_prefixes(graph.namespace_manager)
    graph.parse(data=resource_text("shapes.ttl"), format="turtle")
    return graph


@dataclass(frozen=True)
class PropertySpec:
    """How one YAML key maps to an ontology property."""

    key: str
    iri: URIRef
    is_object: bool
    range: URIRef | None


@dataclass(frozen=True)
class Vocabulary:
    """Lookup tables derived from the ontology."""

    properties: dict[str, PropertySpec]
    classes: dict[str, URIRef]
    sectors: dict[str, URIRef]
    roles: dict[str, URIRef]
    head_roles: frozenset[URIRef]
    superclasses: dict[URIRef, frozenset[URIRef]] = field(repr=False)
    #: Statuses of the status scheme by local name (``planned`` -> ``ekst:planned``).
    statuses: dict[str, URIRef] = field(default_factory=dict)

    def is_a(self, cls: URIRef, ancestor: URIRef) -> bool:
        """True when ``cls`` is ``ancestor`` or one of its subclasses."""
        return cls == ancestor or ancestor in self.superclasses.get(cls, frozenset())


def _superclasses(graph: Graph) -> dict[URIRef, frozenset[URIRef]]:
    result: dict[URIRef, frozenset[URIRef]] = {}
    for cls in set(graph.subjects(RDF.type, OWL.Class)):
        if isinstance(cls, URIRef):
            result[cls] = frozenset(
                c for c in graph.transitive_objects(cls, RDFS.subClassOf) if isinstance(c, URIRef)
            )
    return result


@cache
def vocabulary() -> Vocabulary:
    """The YAML vocabulary declared by the ontology's annotations."""
    graph = ontology_graph()
    properties: dict[str, PropertySpec] = {}
    for prop, key in graph.subject_objects(EK.yamlKey):
        if not isinstance(prop, URIRef):
            continue
        is_object = (prop, RDF.type, OWL.ObjectProperty) in graph
        rng = graph.value(prop, RDFS.range)
        properties[str(key)] = PropertySpec(
            str(key), prop, is_object, rng if isinstance(rng, URIRef) else None
        )
    classes = {
        str(name): cls
        for cls, name in graph.subject_objects(EK.yamlClass)
        if isinstance(cls, URIRef)
    }
    sectors: dict[str, URIRef] = {}
    roles: dict[str, URIRef] = {}
    for term, ident in graph.subject_objects(EK.yamlId):
        if not isinstance(term, URIRef):
            continue
        if (term, RDF.type, EK.Sector) in graph or ((term, RDF.type, SKOS.Concept) in graph and (
            term,
            RDF.type,
            EK.Role,
        ) not in graph):
            sectors[str(ident)] = term
        if (term, RDF.type, EK.Role) in graph:
            roles[str(ident)] = term
            sectors.pop(str(ident), None)
    head_roles = frozenset(
        r
        for r in roles.values()
        if (r, EK.headRole, Literal(True)) in graph
        or (r, EK.headRole, Literal("true", datatype=XSD.boolean)) in graph
    )
    statuses = {
        str(term).removeprefix(str(EKST)): term
        for term in graph.subjects(RDF.type, EK.Status)
        if isinstance(term, URIRef) and str(term).startswith(str(EKST))
    }
    return Vocabulary(properties, classes, sectors, roles, head_roles, _superclasses(graph), statuses)


def term_labels(lang: str = "en") -> dict[URIRef, str]:
    """Labels of ontology terms in ``lang`` (falling back to any label)."""
    graph = ontology_graph()
    labels: dict[URIRef, str] = {}
    for term, label in graph.subject_objects(RDFS.label):
        if not isinstance(term, URIRef) or not isinstance(label, Literal):
            continue
        if label.language == lang or term not in labels:
            labels[term] = str(label)
    return labels
