"""Staging: every source run through its loader into named graphs, nothing stored yet.

Loaders stage named graphs in memory; SHACL validates what is staged
(:mod:`ecokg.graph.validation`); only a conforming change is committed, in one
atomic step (:mod:`ecokg.graph.commit`). A failure at any stage leaves the store
exactly as it was.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from ecokg.errors import InputError, InputErrors
from ecokg.graph.store import crash_point
from ecokg.graph.validation import ValidationReport
from ecokg.loaders import LoadContext, StagedGraph, kind_of, load_file
from ecokg.loaders.curated import scan
from ecokg.namespaces import ANALYSIS_GRAPH, EKR, INFERRED_GRAPH, ONTOLOGY_GRAPH, RDF
from ecokg.ontology import ontology_graph

#: Graphs computed from the others: dropped when the data they derive from changes.
DERIVED_GRAPHS = (INFERRED_GRAPH, ANALYSIS_GRAPH)

#: Test hook (tests/reliability/test_replace_documents.py): a build or load reaching the point
#: ``$ECOKG_TEST_PAUSE_AT`` writes ``<gate>.reached`` and waits until the file
#: ``$ECOKG_TEST_PAUSE_FILE`` (the gate) exists, so that a test runs another process in
#: between. Unset, :func:`pause_point` does nothing.
PAUSE_ENV, PAUSE_FILE_ENV = "ECOKG_TEST_PAUSE_AT", "ECOKG_TEST_PAUSE_FILE"


def pause_point(name: str) -> None:
    """Wait at ``name`` while the test's gate is closed (see :data:`PAUSE_ENV`); points:
    ``stage`` (sources staged), ``validate`` (validated, not committed)."""
    if os.environ.get(PAUSE_ENV) != name or not os.environ.get(PAUSE_FILE_ENV):
        return
    gate = Path(os.environ[PAUSE_FILE_ENV])
    Path(f"{gate}.reached").touch()
    deadline = time.monotonic() + 300
    while not gate.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


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
    #: What the build merged silently otherwise (an entity described in two documents ...).
    warnings: list[str] = field(default_factory=list)


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
    pause_point("stage")  # test hook (concurrent builds); a no-op unless $ECOKG_TEST_PAUSE_AT is set
    return staged


# Entity IRIs used as objects and given no type, in a staging store (one query: the typed
# subjects alone are a quarter of a million at a million triples, statements included).
_STAGED_REFERENCED = f"""
SELECT ?o WHERE {{
  {{ SELECT DISTINCT ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(isIRI(?o) && STRSTARTS(STR(?o), "{EKR}")) }} }}
  MINUS {{ GRAPH ?h {{ ?o a ?t }} }}
}}"""


def referenced_entities(staged: Sequence[StagedGraph]) -> set[URIRef]:
    """The entities the staged data points at but does not describe (give a type)."""
    import pyoxigraph as ox

    graphs = [item.graph for item in staged if item.name != ONTOLOGY_GRAPH and item.store is None]
    stores = list({id(item.store): item.store for item in staged if item.store is not None}.values())
    typed = ox.NamedNode(str(RDF.type))
    referenced = {o for graph in graphs for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(str(EKR))}
    for store in stores:
        referenced.update(URIRef(row[0].value) for row in store.query(_STAGED_REFERENCED))
    return {
        iri for iri in referenced
        if not any((iri, RDF.type, None) in graph for graph in graphs)
        and not any(next(iter(store.quads_for_pattern(ox.NamedNode(str(iri)), typed, None, None)), None) for store in stores)
    }
