"""Stage, validate, commit: how sources become the graph in a backend.

:func:`build` replaces the whole graph by the ontology plus the sources; :func:`load`
adds or replaces the sources' own graphs. Both stage every source
(:mod:`ecokg.graph.staging`), validate what is staged (:mod:`ecokg.graph.sparqlshacl`)
and commit it in one atomic change; a failure at any step leaves the store as it was.
Each holds the store's write lock from its first read to its commit (``Backend.writing``),
so no other writer commits between what it read and what it writes. What a load may count
as known, and which stored nodes its change makes to check again, is
:mod:`ecokg.graph.replacing`.
"""

from __future__ import annotations

import dataclasses
import itertools
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from ecokg.errors import InputError, StoreError, ValidationError
from ecokg.graph.audience import mark, marking_quads
from ecokg.graph.history import keeping_history
from ecokg.graph.reasoner import ReasoningHook
from ecokg.graph.replacing import (
    Context,
    Staged,
    Stored,
    StoreView,
    described_twice,
    legacy_graphs,
    local_store,
    stored_entities,
    validation_context,
)
from ecokg.graph.staging import (
    DERIVED_GRAPHS,
    BuildReport,
    ontology_staged,
    pause_point,
    referenced_entities,
    stage,
    staged_triples,
)
from ecokg.graph.store import Backend, Change, crash_point
from ecokg.graph.validation import ValidationReport, staged_quads
from ecokg.graph.writes import record_write
from ecokg.loaders import LoadContext, StagedGraph, document_graphs, kind_of
from ecokg.loaders.rdf import FORMATS, NOT_RESTORED, base_iri, dataset_candidate
from ecokg.namespaces import (
    INFERRED_GRAPH,
    LEGACY_OWN_GRAPHS,
    ONTOLOGY_GRAPH,
    is_source_graph,
    parent_source,
)
from ecokg.terms import graph_quads, to_ox

Hook = Callable[[list[StagedGraph]], list[StagedGraph]]


def companions_of(graphs: Iterable[URIRef], sources: set[URIRef]) -> set[URIRef]:
    """The companion graphs among ``graphs`` of the source graphs ``sources`` (``ekg:D#confidential``)."""
    return {graph for graph in graphs if parent_source(graph) in sources}


def entities(backend: Backend) -> dict[URIRef, str]:
    """Every typed entity of the graph with a label (IRI -> label)."""
    return stored_entities(backend).known()


def build(
    backend: Backend, paths: list[Path], context: LoadContext, *, validate: bool = True,
    on_source: Callable[[Path], None] | None = None, before_commit: Hook | None = None,
    sensitivity: str | None = None,
) -> BuildReport:
    """Replace the whole graph in ``backend`` by the ontology plus ``paths``.

    ``sensitivity`` is the level of the sources whose files state none (docs/audiences.md).
    """
    # No other build commits between this one's reading and its commit; the generations
    # ECOKG_KEEP_GENERATIONS asks for stay (ecokg log, diff).
    with backend.writing(), keeping_history(backend):
        report = commit_sources(backend, paths, context, clear=True, validate=validate, on_source=on_source,
                                before_commit=before_commit, sensitivity=sensitivity)
        record_write(backend, "build", [str(g) for g in report.graphs if is_source_graph(str(g))], report.sources)
        return report


def load(
    backend: Backend, paths: list[Path], context: LoadContext, *, validate: bool = True,
    on_source: Callable[[Path], None] | None = None, sensitivity: str | None = None,
    before_commit: Hook | None = None,
) -> BuildReport:
    """Add ``paths`` to the graph in ``backend``, replacing earlier loads of the same documents.

    The whole load holds the store's write lock: what it reads (the entities it may point
    at, the graphs it replaces), what it validates and what it commits are one generation.
    ``before_commit``: as for :func:`build`; a reasoning hook reasons over the store and the load
    (incrementally when the load only adds, :mod:`ecokg.graph.increment`).
    """
    if not paths:
        # A load drops the derived graphs (inferred, analysis): with nothing to add it would only do that.
        raise InputError("a load needs at least one file to add; nothing was changed "
                         "(`ecokg build` without --append rebuilds the graph from the seed)")
    with backend.writing(), keeping_history(backend):
        report = commit_sources(backend, paths, context, clear=False, validate=validate, on_source=on_source,
                                sensitivity=sensitivity, before_commit=before_commit)
        record_write(backend, "load", [str(g) for g in report.graphs if is_source_graph(str(g))], report.sources)
        return report


@dataclass
class Staging:
    """What is staged and checked, ready to commit."""

    staged: list[StagedGraph]
    report: ValidationReport
    #: The Oxigraph store validated (the staged graphs under their names), or None.
    store: Any
    triples: int
    warnings: list[str] = field(default_factory=list)
    #: Graphs the commit drops besides those it replaces (derived graphs, older names of ecokg's own).
    drop: list[URIRef] = field(default_factory=list)
    #: Graphs the commit adds unvalidated (the ontology under its current name, for an older store).
    add: list[StagedGraph] = field(default_factory=list)


def commit_sources(
    backend: Backend,
    paths: list[Path],
    context: LoadContext,
    *,
    clear: bool,
    validate: bool,
    on_source: Callable[[Path], None] | None,
    before_commit: Hook | None = None,
    sensitivity: str | None = None,
) -> BuildReport:
    """Stage ``paths``, validate them and commit them to ``backend`` in one change."""
    started = time.perf_counter()
    # Not with a hook (build --reason): bulk-loading the file while it is staged, validated and
    # reasoned over, then adding the inferences, was measured no faster at 1M on this shared
    # machine (both cores busy either way) and left a store half as large again (466 against 309 MB).
    restore = [p for p in paths if dataset_candidate(p)] if clear and validate and before_commit is None else []
    pending = backend.next_generation(clear=True) if restore else None
    if pending is not None:
        try:
            done = _restore(backend, pending, paths, restore, context, on_source, sensitivity)
            return _report(paths, done, [], started)
        except _NotRestorable as fallback:
            # A file that began like an ecokg dataset was not one: its speculative copy is
            # gone with the discarded generation; commit what was staged the general way.
            done = fallback.done
    else:
        done = stage_and_validate(backend, paths, context, clear=clear, validate=validate, on_source=on_source,
                                  reasoned=before_commit is not None, sensitivity=sensitivity)
    staged, staging = done.staged, done.store
    inferred: Any = None  # an incremental reasoning run's change to the stored inferred graph
    if before_commit is not None:
        if isinstance(before_commit, ReasoningHook):  # a load reasons with what is stored, a build alone
            before_commit.stored, before_commit.dropping = (None, []) if clear else (backend, list(done.drop))
        hooked = before_commit(staged)
        if isinstance(before_commit, ReasoningHook):
            inferred = before_commit.change
        before = {id(item) for item in staged}
        done.triples += sum(len(item.graph) for item in hooked if id(item) not in before)  # e.g. the inferences
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
        add=[(item.name, Graph() if item.name in reuse else item.graph) for item in [*staged, *done.add]],
        drop=[] if clear else [*(g for g in DERIVED_GRAPHS if inferred is None or g != INFERRED_GRAPH), *done.drop],
        clear=clear,
        quads=quads if inferred is None else itertools.chain(quads, inferred.add),
        remove=() if inferred is None else inferred.remove,
    )
    backend.commit(change)
    return _report(paths, done, list(change.drop), started)


def _report(paths: list[Path], done: Staging, dropped: list[URIRef], started: float) -> BuildReport:
    return BuildReport(
        sources=[str(p) for p in paths],
        graphs=[item.name for item in done.staged],
        triples=done.triples,
        rejects=[r for item in done.staged for r in item.rejects],
        validation=done.report,
        dropped=dropped,
        seconds=time.perf_counter() - started,
        warnings=done.warnings,
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
    reasoned: bool = False,
    sensitivity: str | None = None,
) -> Staging:
    """Stage the sources (unless ``staged`` already) and validate them.

    A build (``clear``) is checked on its own. A load is checked with what it keeps of the
    store: it may point at the stored entities outside the graphs it replaces (no others),
    and the stored nodes its change touches are validated again with it
    (:mod:`ecokg.graph.replacing`). The triples are counted before validation, which
    merges the staged stores into one.
    """
    stored = Stored() if clear else stored_entities(backend)
    legacy = [] if clear else legacy_graphs(backend, stored.graphs)
    if staged is None:
        staged = stage(paths, context, on_source=on_source) if clear else _stage_load(paths, context, stored, legacy, on_source)
    mark(staged, sensitivity)  # every source graph says who may see it (docs/audiences.md)
    names = {item.name for item in staged}
    # A document loaded again replaces its companion graphs (its facts marked stricter), even those it no longer has.
    legacy = [*legacy, *sorted(companions_of(stored.graphs, names) - names)]
    hidden = names | set(DERIVED_GRAPHS) | set(legacy)
    on_stage = Staged(staged)
    twice = described_twice(on_stage.typed_entities(), stored, hidden, on_stage.sources)
    if twice.clashes and reasoned:
        # The reasoner that runs next refuses the same clash with its facts and sentences.
        twice.warnings.extend(twice.clashes)
    elif twice.clashes:
        raise ValidationError("one id names things of disjoint types; nothing was loaded.\n"
                              + "\n".join(f"  - {c}" for c in twice.clashes), twice.clashes)
    if clear:
        staged.insert(0, ontology_staged())
    done = Staging(staged, ValidationReport(conforms=True), None, staged_triples(staged), twice.warnings,
                   drop=legacy, add=[ontology_staged()] if LEGACY_OWN_GRAPHS[0] in legacy else [])
    if validate:
        around = None if clear else _load_context(backend, stored, staged, on_stage, hidden)
        # bench (issue 10): validate in an Oxigraph staging store and commit its quads:
        # no rdflib union copy, one term conversion (a 100k-triple build took 41 s).
        from ecokg.graph.validation import focus_key, validate_staged

        done.report, done.store = validate_staged(staged, None, around.unjudged if around else (),
                                                  around.quads if around else ())
        if not done.report.conforms:
            message = "the data does not conform to the shapes; nothing was loaded.\n" + done.report.text()
            manager = staged[0].graph.namespace_manager if staged else None
            again = {focus_key(node, manager) for node in around.checked} if around is not None else set()
            rechecked = sorted({v.focus for v in done.report.violations} & again)
            replaced = ", ".join(focus_key(g, manager) for g in sorted(names & stored.graphs))
            if rechecked and replaced:
                message += (f"\nThe load replaces {replaced}: stored entities of other documents that point at "
                            f"what the new version no longer states were checked again and fail: {', '.join(rechecked)}.")
            elif rechecked:
                message += (f"\nStored entities the load describes again were checked with what it adds and fail: "
                            f"{', '.join(rechecked)}.")
            raise ValidationError(message, [str(v) for v in done.report.violations])
    crash_point("validate")  # test hook (crash-safety tests); no-op unless $ECOKG_TEST_CRASH_AT is set
    pause_point("validate")  # test hook (concurrent builds); no-op unless $ECOKG_TEST_PAUSE_AT is set
    return done


def _load_context(
    backend: Backend, stored: Stored, staged: list[StagedGraph], on_stage: Staged, hidden: set[URIRef]
) -> Context | None:
    """What a load is validated with besides what it stages (:func:`validation_context`)."""
    referenced = referenced_entities(staged)
    replaced = sorted({item.name for item in staged} & stored.graphs)
    kept = stored.known(hidden)
    again = {entity for entity in on_stage.entity_subjects() if entity in kept}
    if not (referenced or replaced or again):
        return None
    return validation_context(StoreView(local_store(backend), hidden), on_stage, replaced, referenced, again)


def _stage_load(
    paths: list[Path], context: LoadContext, stored: Stored, legacy: list[URIRef],
    on_source: Callable[[Path], None] | None,
) -> list[StagedGraph]:
    """Stage the sources of a load, knowing the stored entities outside the graphs it replaces.

    Which graphs it replaces is read from the sources first (:func:`ecokg.loaders.document_graphs`);
    when only staging can tell (an ecokg dataset names its graphs inside) and it replaces stored
    graphs the others relied on, the sources are staged again with what is then known.
    """
    predicted: set[URIRef] = set()
    for path in paths:
        predicted |= document_graphs(path, context) or set()
    predicted |= companions_of(stored.graphs, predicted)
    dropped = {*DERIVED_GRAPHS, *legacy}
    given, given_labels = set(context.known_entities), dict(context.known_labels)

    def attempt(replaced: set[URIRef]) -> tuple[list[StagedGraph], dict[URIRef, str]]:
        known = stored.known(replaced | dropped)
        fresh = dataclasses.replace(context, known_entities=given | set(known), known_labels={**known, **given_labels},
                                    staging=None)
        return stage(paths, fresh, on_source=on_source), known

    staged, known = attempt(predicted)
    actual = {item.name for item in staged}
    if not actual <= predicted and any(kind_of(path) != "rdf" for path in paths):
        if stored.known(predicted | actual | dropped).keys() != known.keys():
            staged, _ = attempt(predicted | actual)
    return staged


def _restore(
    backend: Backend,
    pending: Any,
    paths: list[Path],
    restore: list[Path],
    context: LoadContext,
    on_source: Callable[[Path], None] | None,
    sensitivity: str | None = None,
) -> Staging:
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
            done = stage_and_validate(
                backend, paths, context, clear=True, validate=True, on_source=on_source, staged=staged,
                sensitivity=sensitivity,
            )
        finally:
            writer.join()
        staged = done.staged
        restored = {item.source for item in staged if item.restored}
        if any(str(path) not in restored for path in restore):
            raise _NotRestorable(done)
        if failures:
            raise StoreError(f"cannot write the store {backend.description}: {failures[0]}") from failures[0]
        # No local name for the store: a failure must leave nothing holding it open (disk.abandon).
        for name in NOT_RESTORED:
            generation.store.remove_graph(to_ox(URIRef(name)))
        # The rest (ontology, other sources) comes from the staging store, already validated.
        extra: list[Any] = []
        for item in staged:
            if item.restored:
                extra.extend(marking_quads(item))  # a level given by --sensitivity, if the file had none
            else:
                extra.extend(graph_quads(item.graph, item.name) if item.name == ONTOLOGY_GRAPH
                             else staged_quads(done.store, [item.name]))
        generation.store.extend(extra)
    return done


class _NotRestorable(Exception):
    """A build's candidate dataset file turned out to be plain RDF (what was staged goes along)."""

    def __init__(self, done: Staging) -> None:
        super().__init__("not an ecokg dataset")
        self.done = done


def _bulk_load(generation: Any, paths: list[Path], failures: list[BaseException]) -> None:
    """Load ``paths`` into the generation's store (the writer thread of a restore)."""
    import pyoxigraph as ox

    try:
        for path in paths:
            fmt = getattr(ox.RdfFormat, FORMATS[path.suffix.lower()])
            generation.store.bulk_load(path=str(path), format=fmt, base_iri=base_iri(path))
    except BaseException as exc:  # reported by the main thread (a syntax error, there, with its line)
        failures.append(exc)
