"""Validation: the SHACL shapes over what is staged or stored, in words.

The shapes run compiled to SPARQL on Oxigraph (:mod:`ecokg.graph.sparqlshacl`);
pySHACL stays the reference engine (``ECOKG_SHACL_ENGINE=pyshacl``).
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ecokg.graph.report import ValidationReport, Violation, class_hierarchy
from ecokg.namespaces import ONTOLOGY_GRAPH, RDF, RDFS, SH, bind_prefixes
from ecokg.ontology import shapes_graph
from ecokg.terms import from_ox, graph_quads

if TYPE_CHECKING:
    from ecokg.loaders import StagedGraph


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

    from ecokg.graph.sparqlshacl import citing, fact_sources, graph_store

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
    store = None
    for result in results.subjects(RDF.type, SH.ValidationResult):
        cite, explain = citing(shapes_graph(), results.value(result, SH.sourceConstraint))
        sources: list[str] = []
        cited = results.value(result, SH.focusNode)
        if cite and cited is not None:
            store = store if store is not None else graph_store(data)
            sources = fact_sources(store, cited, results.value(result, SH.resultPath),
                                   results.value(result, SH.value), explain, data.namespace_manager)
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
                sources=sources,
            )
        )
    violations.sort(key=lambda v: (v.label, v.path, v.message))
    hard = [v for v in violations if v.severity == "Violation"]
    return ValidationReport(
        conforms=bool(conforms) or not hard,
        violations=violations,
        seconds=time.perf_counter() - started,
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


#: Where the context of a load (types of entities already in the store) sits while validating.
CONTEXT_GRAPH = URIRef("urn:x-ecokg:validation-context")


def validate_staged(
    staged: Iterable[Any], extra: Graph | None = None, unjudged: Collection[Node] = (), context: Sequence[Any] = ()
) -> tuple[Any, Any | None]:
    """Validate staged graphs (with ``extra`` context); the report and the staging store.

    The staging store holds each staged graph under its own name (the ontology
    left out), so a commit can take its quads as they are: the rdflib terms are
    converted once, and no union copy of the data is made in rdflib. With
    ``ECOKG_SHACL_ENGINE=pyshacl`` the reference engine runs and no store is returned.
    ``context`` adds stored quads (pyoxigraph terms) to the context. Violations whose
    focus is one of ``unjudged`` (nodes given only as context, which the change leaves as
    they were) are left out of the report.
    """
    import os

    from ecokg.graph.sparqlshacl import validation_report

    staged = list(staged)
    if os.environ.get("ECOKG_SHACL_ENGINE", "sparql") != "sparql":
        data = validation_graph(staged, extra)
        for quad in context:
            data.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return _judged(shacl_validate(data), unjudged, data.namespace_manager), None
    # A restored dataset is staged in a store already: validate there, adding the rest.
    store = next((item.store for item in staged if item.store is not None), None) or ox.Store()
    merged = {id(store)}
    for item in staged:
        if item.name == ONTOLOGY_GRAPH:
            continue
        if item.store is None:
            store.extend(graph_quads(item.graph, item.name))
        elif id(item.store) not in merged:
            merged.add(id(item.store))
            store.extend(item.store.quads_for_pattern(None, None, None, None))
    if extra is not None:
        store.extend(graph_quads(extra, CONTEXT_GRAPH))
    if context:
        into = ox.NamedNode(str(CONTEXT_GRAPH))
        store.extend(ox.Quad(q.subject, q.predicate, q.object, into) for q in context)
    names = staged[0].graph.namespace_manager if staged else None
    report = validation_report(store, namespace_manager=names)
    return _judged(report, unjudged, names), store


def focus_key(node: Node, names: Any = None) -> str:
    """``node`` as a report names a violation's focus (``Violation.focus``), with ``names``
    (the namespace manager the report was written with; default: ecokg's prefixes)."""
    if names is None:
        names = Graph().namespace_manager
        bind_prefixes(names)
    return str(names.normalizeUri(node)) if isinstance(node, URIRef) else str(node)


def _judged(report: ValidationReport, unjudged: Collection[Node], names: Any) -> ValidationReport:
    """``report`` without the violations of ``unjudged`` nodes (focus as the report writes it)."""
    if not unjudged or not report.violations:
        return report
    if names is None:
        names = Graph().namespace_manager
        bind_prefixes(names)
    skip = {focus_key(n, names) for n in unjudged}
    kept = [v for v in report.violations if v.focus not in skip]
    if len(kept) == len(report.violations):
        return report
    return ValidationReport(conforms=not any(v.severity == "Violation" for v in kept), violations=kept,
                            seconds=report.seconds)


def staged_quads(store: Any, names: Iterable[URIRef]) -> Iterator[Any]:
    """The quads of the graphs ``names`` in a staging store (not the validation context)."""
    for name in names:
        yield from store.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))
