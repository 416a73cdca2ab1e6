"""Stage, validate, commit: how sources become the graph in a backend.

:func:`build` replaces the whole graph by the ontology plus the sources; :func:`load`
adds or replaces the sources' own graphs. Both stage every source
(:mod:`ecokg.graph.staging`), validate what is staged (:mod:`ecokg.graph.sparqlshacl`)
and commit it in one atomic change; a failure at any step leaves the store as it was.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from ecokg.errors import StoreError, ValidationError
from ecokg.graph.staging import (
    DERIVED_GRAPHS,
    BuildReport,
    ontology_staged,
    referenced_types,
    stage,
    staged_triples,
)
from ecokg.graph.store import Backend, Change, crash_point
from ecokg.graph.validation import ValidationReport, staged_quads
from ecokg.loaders import LoadContext, StagedGraph
from ecokg.loaders.rdf import FORMATS, NOT_RESTORED, dataset_candidate
from ecokg.namespaces import EKR, ONTOLOGY_GRAPH, PROV, RDF, RDFS
from ecokg.terms import from_ox, graph_quads, to_ox

Hook = Callable[[list[StagedGraph]], list[StagedGraph]]

ENTITIES_QUERY = """
SELECT DISTINCT ?e ?label WHERE { ?e a ?type . OPTIONAL { ?e rdfs:label ?label } }
"""

# Types and labels of stored entities, with the statements that source them: a load
# that points at them is validated with this context, which must itself conform.
TYPES_QUERY = """
CONSTRUCT { ?e ?p ?o . ?st a rdf:Statement ; rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?o ;
                          prov:wasDerivedFrom ?x }
WHERE {
  VALUES ?p { rdf:type rdfs:label }
  ?e ?p ?o .
  OPTIONAL { ?st rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?x }
}
"""


def entities(backend: Backend) -> dict[URIRef, str]:
    """Every typed entity of the graph with a label (IRI -> label)."""
    found: dict[URIRef, str] = {}
    for entity, label in backend.select(ENTITIES_QUERY):
        if isinstance(entity, URIRef) and str(entity).startswith(str(EKR)):
            if entity not in found or label is not None:
                found[entity] = str(label) if label is not None else str(entity)
    return found


def build(
    backend: Backend, paths: list[Path], context: LoadContext, *, validate: bool = True,
    on_source: Callable[[Path], None] | None = None, before_commit: Hook | None = None,
) -> BuildReport:
    """Replace the whole graph in ``backend`` by the ontology plus ``paths``."""
    return commit_sources(backend, paths, context, clear=True, validate=validate, on_source=on_source,
                          before_commit=before_commit)


def load(
    backend: Backend, paths: list[Path], context: LoadContext, *, validate: bool = True,
    on_source: Callable[[Path], None] | None = None,
) -> BuildReport:
    """Add ``paths`` to the graph in ``backend``, replacing earlier loads of the same documents."""
    known = entities(backend)
    context.known_entities |= set(known)
    for iri, label in known.items():
        context.known_labels.setdefault(iri, label)
    return commit_sources(backend, paths, context, clear=False, validate=validate, on_source=on_source)


def commit_sources(
    backend: Backend,
    paths: list[Path],
    context: LoadContext,
    *,
    clear: bool,
    validate: bool,
    on_source: Callable[[Path], None] | None,
    before_commit: Hook | None = None,
) -> BuildReport:
    """Stage ``paths``, validate them and commit them to ``backend`` in one change."""
    started = time.perf_counter()
    restore = [p for p in paths if dataset_candidate(p)] if clear and validate and before_commit is None else []
    pending = backend.next_generation(clear=True) if restore else None
    if pending is not None:
        try:
            staged, report, triples = _restore(backend, pending, paths, restore, context, on_source)
            return _report(paths, staged, report, [], started, triples)
        except _NotRestorable as fallback:
            # A file that began like an ecokg dataset was not one: its speculative copy is
            # gone with the discarded generation; commit what was staged the general way.
            staged, report, staging, triples = fallback.staged, fallback.report, fallback.staging, fallback.triples
    else:
        staged, report, staging, triples = stage_and_validate(
            backend, paths, context, clear=clear, validate=validate, on_source=on_source
        )
    if before_commit is not None:
        hooked = before_commit(staged)
        before = {id(item) for item in staged}
        triples += sum(len(item.graph) for item in hooked if id(item) not in before)  # e.g. the inferences
        staged, staging = hooked, None
    if staging is not None:
        reuse = {item.name for item in staged if item.name != ONTOLOGY_GRAPH}
        quads: Iterable[Any] = staged_quads(staging, reuse)
    else:
        # Not validated (or changed by a hook): graphs staged in a store come from there.
        reuse = {item.name for item in staged if item.store is not None}
        quads = itertools.chain.from_iterable(item.quads() for item in staged if item.store is not None)
    change = Change(
        # A reused graph is added empty (which replaces the old one) and filled from the quads.
        add=[(item.name, Graph() if item.name in reuse else item.graph) for item in staged],
        drop=[] if clear else list(DERIVED_GRAPHS),
        clear=clear,
        quads=quads,
    )
    backend.commit(change)
    return _report(paths, staged, report, list(change.drop), started, triples)


def _report(
    paths: list[Path], staged: list[StagedGraph], report: ValidationReport, dropped: list[URIRef],
    started: float, triples: int,
) -> BuildReport:
    return BuildReport(
        sources=[str(p) for p in paths],
        graphs=[item.name for item in staged],
        triples=triples,
        rejects=[r for item in staged for r in item.rejects],
        validation=report,
        dropped=dropped,
        seconds=time.perf_counter() - started,
    )


def stage_and_validate(
    backend: Backend,
    paths: list[Path],
    context: LoadContext,
    *,
    clear: bool,
    validate: bool,
    on_source: Callable[[Path], None] | None,
    staged: list[StagedGraph] | None = None,
) -> tuple[list[StagedGraph], ValidationReport, Any, int]:
    """Stage the sources (unless ``staged`` already) and validate them.

    (staged, report, staging store or None, triples staged): the triples are counted
    before validation, which merges the staged stores into one.
    """
    if staged is None:
        staged = stage(paths, context, on_source=on_source)
    if clear:
        staged.insert(0, ontology_staged())
    report = ValidationReport(conforms=True)
    staging = None
    triples = staged_triples(staged)
    if validate:
        extra = None if clear else referenced_types(staged, lambda iris: types_of(backend, iris))
        # bench (issue 10): validate in an Oxigraph staging store and commit its quads:
        # no rdflib union copy, one term conversion (a 100k-triple build took 41 s).
        from ecokg.graph.validation import validate_staged

        report, staging = validate_staged(staged, extra)
        if not report.conforms:
            raise ValidationError(
                "the data does not conform to the shapes; nothing was loaded.\n" + report.text(),
                [str(v) for v in report.violations],
            )
    crash_point("validate")  # test hook (crash-safety tests); no-op unless $ECOKG_TEST_CRASH_AT is set
    return staged, report, staging, triples


def types_of(backend: Backend, iris: list[URIRef]) -> Graph:
    """Types and labels of stored entities ``iris``, with their statements (validation context)."""
    store = backend.oxigraph()
    if store is not None:
        return types_in_store(store, iris)
    wanted = set(iris)
    graph = Graph()
    statements = set()
    result = backend.query(TYPES_QUERY).graph
    assert result is not None
    for s, p, o in result:
        if s in wanted:
            graph.add((s, p, o))
        elif p == RDF.subject and o in wanted:
            statements.add(s)
    for statement in statements:
        for p, o in result.predicate_objects(statement):
            graph.add((statement, p, o))
    return graph


def types_in_store(store: Any, iris: list[URIRef]) -> Graph:
    """What TYPES_QUERY gives for ``iris``, by index lookups (a load onto a million triples
    would otherwise copy every type and label of the store into rdflib: 25 s)."""
    subject, predicate, obj, derived = (to_ox(t) for t in (RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom))
    graph = Graph()
    for iri in iris:
        entity = to_ox(iri)
        for p in (to_ox(RDF.type), to_ox(RDFS.label)):
            for fact in store.quads_for_pattern(entity, p, None, None):
                graph.add((iri, from_ox(p), from_ox(fact.object)))
                for st in store.quads_for_pattern(None, subject, entity, None):
                    node = st.subject
                    if any(True for _ in store.quads_for_pattern(node, predicate, p, None)) and any(
                        True for _ in store.quads_for_pattern(node, obj, fact.object, None)
                    ):
                        statement = from_ox(node)
                        graph.add((statement, RDF.type, RDF.Statement))
                        graph.add((statement, RDF.subject, iri))
                        graph.add((statement, RDF.predicate, from_ox(p)))
                        graph.add((statement, RDF.object, from_ox(fact.object)))
                        for source in store.quads_for_pattern(node, derived, None, None):
                            graph.add((statement, PROV.wasDerivedFrom, from_ox(source.object)))
    return graph


def _restore(
    backend: Backend,
    pending: Any,
    paths: list[Path],
    restore: list[Path],
    context: LoadContext,
    on_source: Callable[[Path], None] | None,
) -> tuple[list[StagedGraph], ValidationReport, int]:
    """A build with ecokg datasets among its sources, written while it is validated.

    Writing a million quads to disk costs Oxigraph about 9 s here and staging plus
    validating them in memory about 5 s: the dataset files are bulk-loaded into the
    next generation by a second thread while the main one stages and validates
    them (bench, issue 10). The generation becomes current only if everything
    conforms; otherwise it is deleted, and the store is as it was.
    """
    from ecokg.graph.sparqlshacl import ecokg_checks

    with pending as generation:
        failures: list[BaseException] = []
        writer = threading.Thread(target=_bulk_load, args=(generation, restore, failures), daemon=True)
        writer.start()
        # Parsing and compiling the shapes (about a second of Python) overlaps the parse of
        # the file, which holds no lock on the interpreter.
        shapes = threading.Thread(target=ecokg_checks, daemon=True)
        shapes.start()
        try:
            staged = stage(paths, context, on_source=on_source)
            shapes.join()
            staged, report, staging, triples = stage_and_validate(
                backend, paths, context, clear=True, validate=True, on_source=on_source, staged=staged
            )
        finally:
            writer.join()
        restored = {item.source for item in staged if item.restored}
        if any(str(path) not in restored for path in restore):
            raise _NotRestorable(staged, report, staging, triples)
        if failures:
            raise StoreError(f"cannot write the store {backend.description}: {failures[0]}") from failures[0]
        store = generation.store
        for name in NOT_RESTORED:
            store.remove_graph(to_ox(URIRef(name)))
        # The rest (ontology, other sources) comes from the staging store, already validated.
        extra: list[Any] = []
        for item in staged:
            if not item.restored:
                extra.extend(graph_quads(item.graph, item.name) if item.name == ONTOLOGY_GRAPH
                             else staged_quads(staging, [item.name]))
        store.extend(extra)
        del store
    return staged, report, triples


class _NotRestorable(Exception):
    """A build's candidate dataset file turned out to be plain RDF (what was staged goes along)."""

    def __init__(self, staged: list[StagedGraph], report: ValidationReport, staging: Any, triples: int) -> None:
        super().__init__("not an ecokg dataset")
        self.staged, self.report, self.staging, self.triples = staged, report, staging, triples


def _bulk_load(generation: Any, paths: list[Path], failures: list[BaseException]) -> None:
    """Load ``paths`` into the generation's store (the writer thread of a restore)."""
    import pyoxigraph as ox

    try:
        for path in paths:
            fmt = getattr(ox.RdfFormat, FORMATS[path.suffix.lower()])
            generation.store.bulk_load(path=str(path), format=fmt, base_iri=f"file:///{path.name}")
    except BaseException as exc:  # reported by the main thread (a syntax error, there, with its line)
        failures.append(exc)
