"""Validation: the SHACL shapes over what is staged or stored, in words.

The shapes run compiled to SPARQL on Oxigraph (:mod:`ecokg.graph.sparqlshacl`);
pySHACL stays the reference engine (``ECOKG_SHACL_ENGINE=pyshacl``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ecokg.namespaces import ONTOLOGY_GRAPH, RDF, RDFS, SH, bind_prefixes
from ecokg.ontology import ontology_graph, shapes_graph

if TYPE_CHECKING:
    from ecokg.loaders import StagedGraph


@dataclass
class Violation:
    """One SHACL result, in words."""

    focus: str
    label: str
    path: str
    message: str
    severity: str
    value: str | None = None

    def __str__(self) -> str:
        where = f"{self.label} ({self.focus})" if self.label != self.focus else self.focus
        value = f" [value: {self.value}]" if self.value else ""
        path = f" {self.path}:" if self.path else ""
        return f"{self.severity}: {where}:{path} {self.message}{value}"


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    seconds: float = 0.0

    def text(self) -> str:
        if self.conforms:
            return "The graph conforms to the ecokg shapes."
        lines = [f"{len(self.violations)} problem(s):"]
        lines += [f"  - {v}" for v in self.violations]
        return "\n".join(lines)


def _label_of(graph: Graph, node: Node) -> str:
    labels = list(graph.objects(node, RDFS.label))
    for label in labels:
        if isinstance(label, Literal) and label.language == "en":
            return str(label)
    return str(labels[0]) if labels else graph.namespace_manager.normalizeUri(node) if isinstance(node, URIRef) else str(node)


def shacl_validate(data: Graph, *, engine: str | None = None) -> ValidationReport:
    """Validate ``data`` against the ecokg shapes, with the ontology's class hierarchy.

    ``engine`` "sparql" (default; ``$ECOKG_SHACL_ENGINE``) runs the shapes compiled to
    SPARQL on Oxigraph, same results; "pyshacl" is the reference engine.
    """
    import os

    # bench (issue 10): pySHACL takes ~36 s per 10k triples; the compiled shapes, well under 1 s.
    if (engine or os.environ.get("ECOKG_SHACL_ENGINE", "sparql")) == "sparql":
        from ecokg.graph.sparqlshacl import graph_store, validation_report

        report: ValidationReport = validation_report(graph_store(data), namespace_manager=data.namespace_manager)
        return report
    import pyshacl

    started = time.perf_counter()
    # pyshacl's ont_graph mixing clones blank-node axioms recursively and takes
    # minutes on this ontology; the class hierarchy is all the shapes need.
    for triple in class_hierarchy():
        data.add(triple)
    conforms, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    violations: list[Violation] = []
    assert isinstance(results, Graph)
    mixed = data
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        severity = results.value(result, SH.resultSeverity)
        value = results.value(result, SH.value)
        messages = [m for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal)]
        message = next((str(m) for m in messages if m.language in (None, "en")), None)
        message = message or (str(messages[0]) if messages else "does not conform")
        violations.append(
            Violation(
                focus=data.namespace_manager.normalizeUri(focus) if isinstance(focus, URIRef) else str(focus),
                label=_label_of(mixed, focus) if focus is not None else "",
                path=data.namespace_manager.normalizeUri(path) if isinstance(path, URIRef) else "",
                message=message,
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                value=value.n3(data.namespace_manager) if value is not None else None,
            )
        )
    violations.sort(key=lambda v: (v.label, v.path, v.message))
    hard = [v for v in violations if v.severity == "Violation"]
    return ValidationReport(
        conforms=bool(conforms) or not hard,
        violations=violations,
        seconds=time.perf_counter() - started,
    )


@cache
def class_hierarchy() -> tuple[tuple[Node, Node, Node], ...]:
    """Named-class ``rdfs:subClassOf`` links of the ontology (what SHACL targets follow)."""
    graph = ontology_graph()
    return tuple(
        (s, RDFS.subClassOf, o)
        for s, o in graph.subject_objects(RDFS.subClassOf)
        if isinstance(s, URIRef) and isinstance(o, URIRef)
    )


def validation_graph(staged: Sequence[StagedGraph], extra: Graph | None = None) -> Graph:
    """The union of the staged graphs (and ``extra`` context), to validate together."""
    data = Graph()
    bind_prefixes(data.namespace_manager)
    for item in staged:
        if item.name != ONTOLOGY_GRAPH:
            data += item.rdflib_graph()
    if extra is not None:
        data += extra
    return data


