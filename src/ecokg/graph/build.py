"""Stage, validate, commit: how sources become the graph.

Loaders stage named graphs in memory; SHACL validates what is staged (with the
ontology, so subclasses count); only a conforming change is committed, in one
atomic step (see :mod:`ecokg.graph.store`). A failure at any stage leaves the
store exactly as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ecokg.errors import InputError, InputErrors
from ecokg.graph.store import crash_point
from ecokg.loaders import LoadContext, StagedGraph, kind_of, load_file
from ecokg.loaders.curated import scan
from ecokg.namespaces import (
    ANALYSIS_GRAPH,
    EKR,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    RDF,
    RDFS,
    SH,
    bind_prefixes,
)
from ecokg.ontology import ontology_graph, shapes_graph

#: Graphs computed from the others: dropped when the data they derive from changes.
DERIVED_GRAPHS = (INFERRED_GRAPH, ANALYSIS_GRAPH)


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


@dataclass
class BuildReport:
    """What a build or load did."""

    sources: list[str]
    graphs: list[URIRef]
    triples: int
    rejects: list[InputError]
    validation: ValidationReport
    dropped: list[URIRef] = field(default_factory=list)
    seconds: float = 0.0


def staged_triples(staged: Sequence[StagedGraph]) -> int:
    """How many triples ``staged`` holds (a store shared by several graphs counted once, cheaply)."""
    stores = {id(item.store): item.store for item in staged if item.store is not None}
    return sum(len(store) for store in stores.values()) + sum(len(item.graph) for item in staged if item.store is None)


def ontology_staged() -> StagedGraph:
    """The ontology and sector scheme, as the ``ontology`` named graph."""
    graph = Graph(identifier=ONTOLOGY_GRAPH)
    graph += ontology_graph()
    return StagedGraph(ONTOLOGY_GRAPH, ONTOLOGY_GRAPH, graph, "ecokg ontology")


def stage(
    sources: Sequence[Path],
    context: LoadContext,
    *,
    on_source: Callable[[Path], None] | None = None,
) -> list[StagedGraph]:
    """Run the loaders on every source; collect every error before raising."""
    for path in sources:
        if path.exists() and not path.is_dir() and kind_of(path) == "yaml":
            found = scan(path)
            context.known_entities |= set(found)
            for iri, label in found.items():
                context.known_labels.setdefault(iri, label)
    staged: list[StagedGraph] = []
    errors: list[InputError] = []
    names: dict[URIRef, str] = {}
    for index, path in enumerate(sources):
        context.followed = index < len(sources) - 1
        if on_source:
            on_source(path)
        try:
            for item in load_file(path, context):
                if item.name in names:
                    errors.append(
                        InputError(
                            f"document id clashes with {names[item.name]} (both make {item.name})",
                            source=path,
                        )
                    )
                names[item.name] = str(path)
                staged.append(item)
        except InputErrors as exc:
            errors.extend(exc.errors)
        except InputError as exc:
            errors.append(exc)
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors, source="the sources")
    crash_point("stage")  # test hook (crash-safety tests); a no-op unless $ECOKG_TEST_CRASH_AT is set
    return staged


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


# Subjects with a type, and entity IRIs used as objects, in a staging store (restored datasets).
_STAGED_TYPED = "SELECT DISTINCT ?s WHERE { ?s a ?t }"
_STAGED_REFERENCED = "SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(isIRI(?o) && STRSTARTS(STR(?o), STR(ekr:))) }"


def referenced_types(staged: Sequence[StagedGraph], lookup: Callable[[list[URIRef]], Graph]) -> Graph:
    """Types (and labels) of the entities the staged data points at but does not describe."""
    described: set[Node] = set()
    referenced: set[URIRef] = set()
    stores: dict[int, object] = {}
    for item in staged:
        if item.store is not None:
            stores[id(item.store)] = item.store
            continue
        described.update(item.graph.subjects(RDF.type, None))
        for o in item.graph.objects():
            if isinstance(o, URIRef) and str(o).startswith(str(EKR)):
                referenced.add(o)
    for store in stores.values():
        from ecokg.graph.store import oxigraph_query

        described.update(row[0] for row in oxigraph_query(store, _STAGED_TYPED))  # type: ignore[index]
        referenced.update(row[0] for row in oxigraph_query(store, _STAGED_REFERENCED))  # type: ignore[index, misc]
    missing = sorted(referenced - described)
    return lookup(missing) if missing else Graph()
