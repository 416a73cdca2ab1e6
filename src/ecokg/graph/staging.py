"""Staging: every source run through its loader into named graphs, nothing stored yet.

Loaders stage named graphs in memory; SHACL validates what is staged
(:mod:`ecokg.graph.validation`); only a conforming change is committed, in one
atomic step (:mod:`ecokg.graph.commit`). A failure at any stage leaves the store
exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from ecokg.errors import InputError, InputErrors
from ecokg.graph.store import crash_point
from ecokg.graph.validation import ValidationReport
from ecokg.loaders import LoadContext, StagedGraph, kind_of, load_file
from ecokg.loaders.curated import scan
from ecokg.namespaces import ANALYSIS_GRAPH, EKR, INFERRED_GRAPH, ONTOLOGY_GRAPH, RDF
from ecokg.ontology import ontology_graph

#: Graphs computed from the others: dropped when the data they derive from changes.
DERIVED_GRAPHS = (INFERRED_GRAPH, ANALYSIS_GRAPH)


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
        from ecokg.terms import oxigraph_query

        described.update(row[0] for row in oxigraph_query(store, _STAGED_TYPED))  # type: ignore[index]
        referenced.update(row[0] for row in oxigraph_query(store, _STAGED_REFERENCED))  # type: ignore[index, misc]
    missing = sorted(referenced - described)
    return lookup(missing) if missing else Graph()
