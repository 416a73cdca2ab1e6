"""The ``inferred`` named graph: the facts, a statement per fact and its PROV description."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime

from rdflib import Graph, Literal

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
    for s, p, o in inferred:
        graph.add((s, p, o))
        digest = hashlib.sha1(f"{s.n3()} {p.n3()} {o.n3()}".encode()).hexdigest()[:20]
        statement = EKD[f"inferred/fact/{digest}"]
        graph.add((statement, RDF.type, RDF.Statement))
        graph.add((statement, RDF.subject, s))
        graph.add((statement, RDF.predicate, p))
        graph.add((statement, RDF.object, o))
        graph.add((statement, PROV.wasDerivedFrom, ONTOLOGY_GRAPH))
        graph.add((statement, PROV.wasGeneratedBy, _ACTIVITY))
    return graph
