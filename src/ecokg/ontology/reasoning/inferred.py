"""The ``inferred`` named graph: the facts, a statement per fact and its PROV description."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from rdflib import Graph, Literal, URIRef

from ecokg.namespaces import (
    EKD,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    XSD,
    bind_prefixes,
)
from ecokg.ontology.reasoning.facts import Triple

_ACTIVITY = EKD["inferred#activity"]
_REASONER = EKD["inferred#reasoner"]


def inferred_graph(inferred: Iterable[Triple], engine: str, version: str, started: datetime, message: str) -> Graph:
    """The ``inferred`` named graph: the facts, a statement per fact and the PROV description."""
    graph = _description(engine, version, started, message)
    for s, p, o in inferred:
        graph.add((s, p, o))
        statement = _statement(s.n3(), p.n3(), o.n3())
        graph.add((statement, RDF.type, RDF.Statement))
        graph.add((statement, RDF.subject, s))
        graph.add((statement, RDF.predicate, p))
        graph.add((statement, RDF.object, o))
        graph.add((statement, PROV.wasDerivedFrom, ONTOLOGY_GRAPH))
        graph.add((statement, PROV.wasGeneratedBy, _ACTIVITY))
    return graph


def inferred_quads(inferred: Iterable[tuple[Any, Any, Any]], engine: str, version: str, started: datetime,
                   message: str) -> Iterator[Any]:
    """The same graph as :func:`inferred_graph`, as pyoxigraph quads from pyoxigraph triples.

    At a million stored triples the inferences number a hundred thousand, six quads each:
    through rdflib terms that would cost more than the reasoning.
    """
    yield from description_quads(engine, version, started, message)
    yield from fact_quads(inferred)


def description_quads(engine: str, version: str, started: datetime, message: str) -> Iterator[Any]:
    """The ``inferred`` graph's PROV description (:func:`inferred_quads`'s first quads)."""
    from ecokg.terms import graph_quads

    yield from graph_quads(_description(engine, version, started, message), INFERRED_GRAPH)


#: The subjects of the PROV description: what an incremental run replaces.
DESCRIBED = (INFERRED_GRAPH, _ACTIVITY, _REASONER)
#: The reasoner named in the description (its ``rdfs:label`` is the engine).
REASONER = _REASONER


def fact_quads(inferred: Iterable[tuple[Any, Any, Any]]) -> Iterator[Any]:
    """Each inferred fact (pyoxigraph terms) and its statement, as quads of the ``inferred`` graph."""
    import pyoxigraph as ox

    from ecokg.terms import from_ox

    g = ox.NamedNode(str(INFERRED_GRAPH))
    kind, statement_class = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(RDF.Statement))
    subject, predicate, object_ = (ox.NamedNode(str(t)) for t in (RDF.subject, RDF.predicate, RDF.object))
    derived, generated = ox.NamedNode(str(PROV.wasDerivedFrom)), ox.NamedNode(str(PROV.wasGeneratedBy))
    ontology, activity = ox.NamedNode(str(ONTOLOGY_GRAPH)), ox.NamedNode(str(_ACTIVITY))
    for s, p, o in inferred:
        # The statement's name hashes the fact's N-Triples form, as rdflib writes it (n3()).
        obj = str(o) if isinstance(o, ox.NamedNode) else from_ox(o).n3()
        statement = ox.NamedNode(str(_statement(str(s), str(p), obj)))
        yield ox.Quad(s, p, o, g)
        yield ox.Quad(statement, kind, statement_class, g)
        yield ox.Quad(statement, subject, s, g)
        yield ox.Quad(statement, predicate, p, g)
        yield ox.Quad(statement, object_, o, g)
        yield ox.Quad(statement, derived, ontology, g)
        yield ox.Quad(statement, generated, activity, g)


def _statement(s: str, p: str, o: str) -> URIRef:
    digest = hashlib.sha1(f"{s} {p} {o}".encode()).hexdigest()[:20]
    return EKD[f"inferred/fact/{digest}"]


def _description(engine: str, version: str, started: datetime, message: str) -> Graph:
    """The graph's PROV description: the reasoning activity, its time and its software."""
    graph = Graph(identifier=INFERRED_GRAPH)
    bind_prefixes(graph.namespace_manager)
    ended = datetime.now(UTC).replace(microsecond=0)
    graph.add((INFERRED_GRAPH, RDF.type, PROV.Entity))
    graph.add((INFERRED_GRAPH, PROV.wasGeneratedBy, _ACTIVITY))
    graph.add((INFERRED_GRAPH, PROV.wasDerivedFrom, ONTOLOGY_GRAPH))
    graph.add((INFERRED_GRAPH, PROV.generatedAtTime, Literal(ended, datatype=XSD.dateTime)))
    graph.add((_ACTIVITY, RDF.type, PROV.Activity))
    graph.add((_ACTIVITY, RDFS.label, Literal(f"OWL reasoning with {engine} {version}", lang="en")))
    graph.add((_ACTIVITY, RDFS.comment, Literal(message, lang="en")))
    graph.add((_ACTIVITY, PROV.startedAtTime, Literal(started.replace(microsecond=0), datatype=XSD.dateTime)))
    graph.add((_ACTIVITY, PROV.endedAtTime, Literal(ended, datatype=XSD.dateTime)))
    graph.add((_ACTIVITY, PROV.wasAssociatedWith, _REASONER))
    graph.add((_ACTIVITY, PROV.used, ONTOLOGY_GRAPH))
    graph.add((_REASONER, RDF.type, PROV.SoftwareAgent))
    graph.add((_REASONER, RDFS.label, Literal(engine)))
    graph.add((_REASONER, SCHEMA.softwareVersion, Literal(version)))
    return graph
