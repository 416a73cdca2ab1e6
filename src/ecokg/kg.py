"""``KnowledgeGraph``: the Python API over a store (embedded, in memory or remote)."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rdflib import Dataset, Graph, URIRef

from ecokg.errors import EcokgError, InputError, StoreError, ValidationError
from ecokg.graph.build import (
    DERIVED_GRAPHS,
    BuildReport,
    ValidationReport,
    ontology_staged,
    referenced_types,
    shacl_validate,
    stage,
    staged_triples,
)
from ecokg.graph.sparqlshacl import staged_quads
from ecokg.graph.store import (
    Backend,
    Change,
    DiskBackend,
    MemoryBackend,
    crash_point,
    graph_quads,
    resolve_store_path,
    to_ox,
)
from ecokg.loaders import LoadContext, StagedGraph, seed_sources
from ecokg.loaders.rdf import NOT_RESTORED, dataset_candidate
from ecokg.namespaces import EKR, ONTOLOGY_GRAPH, PROV, RDF, RDFS, bind_prefixes

EXPORT_FORMATS = {
    "ttl": "turtle",
    "turtle": "turtle",
    "trig": "trig",
    "nt": "nt",
    "nq": "nquads",
    "jsonld": "json-ld",
}

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

COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

CLASS_COUNT_QUERY = """
SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {
  GRAPH ?g { ?e a ?class }
  FILTER(?g != ekg:ontology)
  FILTER(STRSTARTS(STR(?class), STR(ek:)))
} GROUP BY ?class ORDER BY DESC(?n) ?class
"""

GRAPHS_QUERY = """
SELECT ?g (COUNT(*) AS ?n) (SAMPLE(?file) AS ?source) (SAMPLE(?when) AS ?loaded) WHERE {
  GRAPH ?g { ?s ?p ?o
    OPTIONAL { ?g ek:sourceFile ?file }
    OPTIONAL { ?g prov:generatedAtTime ?when } }
} GROUP BY ?g ORDER BY ?g
"""


@dataclass
class Stats:
    triples: int
    graphs: list[tuple[str, int, str | None, str | None]]
    classes: list[tuple[str, int]]
    store: str


class KnowledgeGraph:
    """A knowledge graph in a store.

    >>> kg = KnowledgeGraph.open(memory=True)
    >>> report = kg.build()          # the bundled seed dataset
    >>> kg.stats().triples > 0
    True
    """

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._names: Any = None

    # --- opening ----------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        memory: bool = False,
        endpoint: str | None = None,
        update_endpoint: str | None = None,
        create: bool = True,
    ) -> KnowledgeGraph:
        """Open the store at ``path`` (default ``$ECOKG_STORE`` or ``.ecokg``), in memory, or remote."""
        if endpoint is not None:
            from ecokg.graph.remote import RemoteBackend

            return cls(RemoteBackend(endpoint, update_endpoint))
        if memory:
            return cls(MemoryBackend())
        return cls(DiskBackend(resolve_store_path(path), create=create))

    def close(self) -> None:
        self.backend.close()

    def refresh(self) -> bool:
        """See what other processes committed since this graph was opened (True if changed)."""
        changed = self.backend.refresh()
        if changed:
            self._names = None
        return changed

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def dataset(self) -> Dataset:
        """The rdflib ``Dataset`` (default graph = union of all named graphs)."""
        return self.backend.dataset()

    # --- reading helpers --------------------------------------------------
    def select(self, text: str, bindings: dict[str, Any] | None = None, **kw: Any) -> list[tuple[Any, ...]]:
        """Rows of a SELECT over the whole graph (internal queries; values bound, not spliced)."""
        result = self.backend.query(text, bindings, **kw)
        return [tuple(row) for row in result]  # type: ignore[arg-type]

    def construct(self, text: str, bindings: dict[str, Any] | None = None) -> Graph:
        result = self.backend.query(text, bindings)
        assert result.graph is not None
        return result.graph

    def entities(self) -> dict[URIRef, str]:
        """Every typed entity with a label (IRI -> label)."""
        found: dict[URIRef, str] = {}
        for entity, label in self.select(ENTITIES_QUERY):
            if isinstance(entity, URIRef) and str(entity).startswith(str(EKR)):
                if entity not in found or label is not None:
                    found[entity] = str(label) if label is not None else str(entity)
        return found

    def names(self) -> Any:
        """The name index used to resolve what people type (cached until the next write)."""
        from ecokg.resolve import NameIndex

        if self._names is None:
            self._names = NameIndex.of(self)
        return self._names

    def resolve(self, text: str) -> URIRef:
        """The entity an IRI, CURIE, id, label or alias names (``EntityNotFound`` otherwise)."""
        return self.names().resolve(text)

    def _types_of(self, iris: list[URIRef]) -> Graph:
        store = self.backend.oxigraph()
        if store is not None:
            return _types_in_store(store, iris)
        wanted = set(iris)
        graph = Graph()
        statements = set()
        result = self.construct(TYPES_QUERY)
        for s, p, o in result:
            if s in wanted:
                graph.add((s, p, o))
            elif p == RDF.subject and o in wanted:
                statements.add(s)
        for statement in statements:
            for p, o in result.predicate_objects(statement):
                graph.add((statement, p, o))
        return graph

    # --- writing ----------------------------------------------------------
    def build(
        self,
        sources: Sequence[str | Path] | None = None,
        *,
        keep_going: bool = False,
        mapping: Path | None = None,
        progress: Callable[[int, int | None], None] | None = None,
        on_source: Callable[[Path], None] | None = None,
        validate: bool = True,
        before_commit: Callable[[list[StagedGraph]], list[StagedGraph]] | None = None,
    ) -> BuildReport:
        """Replace the whole graph by the ontology plus ``sources`` (default: the seed)."""
        paths = [Path(s) for s in sources] if sources else seed_sources()
        context = LoadContext(keep_going=keep_going, mapping=mapping, progress=progress)
        return self._commit_sources(
            paths, context, clear=True, validate=validate, on_source=on_source, before_commit=before_commit
        )

    def load(
        self,
        sources: Sequence[str | Path],
        *,
        keep_going: bool = False,
        mapping: Path | None = None,
        progress: Callable[[int, int | None], None] | None = None,
        on_source: Callable[[Path], None] | None = None,
        validate: bool = True,
    ) -> BuildReport:
        """Add ``sources`` to the graph, replacing earlier loads of the same documents."""
        paths = [Path(s) for s in sources]
        known = self.entities()
        context = LoadContext(
            known_entities=set(known), known_labels=dict(known),
            keep_going=keep_going, mapping=mapping, progress=progress,
        )
        return self._commit_sources(paths, context, clear=False, validate=validate, on_source=on_source)

    def _commit_sources(
        self,
        paths: list[Path],
        context: LoadContext,
        *,
        clear: bool,
        validate: bool,
        on_source: Callable[[Path], None] | None,
        before_commit: Callable[[list[StagedGraph]], list[StagedGraph]] | None = None,
    ) -> BuildReport:
        started = time.perf_counter()
        restore = [p for p in paths if dataset_candidate(p)] if clear and validate and before_commit is None else []
        pending = self.backend.next_generation(clear=True) if restore else None
        if pending is not None:
            try:
                staged, report, triples = self._restore(pending, paths, restore, context, on_source)
                return self._report(paths, staged, report, [], started, triples)
            except _NotRestorable as fallback:
                # A file that began like an ecokg dataset was not one: its speculative copy is
                # gone with the discarded generation; commit what was staged the general way.
                staged, report, staging, triples = fallback.staged, fallback.report, fallback.staging, fallback.triples
        else:
            staged, report, staging, triples = self._stage_and_validate(
                paths, context, clear=clear, validate=validate, on_source=on_source
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
        self.backend.commit(change)
        return self._report(paths, staged, report, list(change.drop), started, triples)

    def _report(
        self, paths: list[Path], staged: list[StagedGraph], report: ValidationReport, dropped: list[URIRef],
        started: float, triples: int,
    ) -> BuildReport:
        self._names = None
        return BuildReport(
            sources=[str(p) for p in paths],
            graphs=[item.name for item in staged],
            triples=triples,
            rejects=[r for item in staged for r in item.rejects],
            validation=report,
            dropped=dropped,
            seconds=time.perf_counter() - started,
        )

    def _stage_and_validate(
        self,
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
            extra = None if clear else referenced_types(staged, self._types_of)
            # bench (issue 10): validate in an Oxigraph staging store and commit its quads:
            # no rdflib union copy, one term conversion (a 100k-triple build took 41 s).
            from ecokg.graph.sparqlshacl import validate_staged

            report, staging = validate_staged(staged, extra)
            if not report.conforms:
                raise ValidationError(
                    "the data does not conform to the shapes; nothing was loaded.\n" + report.text(),
                    [str(v) for v in report.violations],
                )
        crash_point("validate")  # test hook (crash-safety tests); no-op unless $ECOKG_TEST_CRASH_AT is set
        return staged, report, staging, triples

    def _restore(
        self,
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
        import threading

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
                staged, report, staging, triples = self._stage_and_validate(
                    paths, context, clear=True, validate=True, on_source=on_source, staged=staged
                )
            finally:
                writer.join()
            restored = {item.source for item in staged if item.restored}
            if any(str(path) not in restored for path in restore):
                raise _NotRestorable(staged, report, staging, triples)
            if failures:
                raise StoreError(f"cannot write the store {self.backend.description}: {failures[0]}") from failures[0]
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
    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Replace one named graph (e.g. ``inferred`` or ``analysis``) atomically."""
        self.backend.commit(Change(add=[(name, graph)]))
        self._names = None

    def drop_graph(self, name: URIRef) -> None:
        self.backend.commit(Change(drop=[name]))
        self._names = None

    # --- checking and reporting ------------------------------------------
    def data_graph(self, *, include_ontology: bool = False) -> Graph:
        """All triples of the data graphs merged into one in-memory rdflib graph."""
        graph = Graph()
        bind_prefixes(graph.namespace_manager)
        for row in self.select(
            "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        ):
            s, p, o, g = row
            if include_ontology or g != ONTOLOGY_GRAPH:
                graph.add((s, p, o))
        return graph

    def validate(self) -> ValidationReport:
        """Validate the whole stored graph against the shapes."""
        import os

        store = self.backend.oxigraph()
        if store is not None and os.environ.get("ECOKG_SHACL_ENGINE", "sparql") == "sparql":
            # In place, on the data graphs (not the ontology): no copy into rdflib (1M triples: seconds).
            from ecokg.graph.sparqlshacl import validation_report

            data = [g for g in store.named_graphs() if g.value != str(ONTOLOGY_GRAPH)]
            report: ValidationReport = validation_report(store, graphs=data)
            return report
        return shacl_validate(self.data_graph())

    def count(self) -> int:
        """Triples in all graphs, counted with SPARQL (``len()`` is slow on Oxigraph)."""
        rows = self.select(COUNT_QUERY)
        return int(rows[0][0]) if rows else 0

    def stats(self) -> Stats:
        nm = self.dataset.namespace_manager
        graphs = [
            (nm.normalizeUri(g), int(n), str(f) if f is not None else None, str(w) if w is not None else None)
            for g, n, f, w in self.select(GRAPHS_QUERY)
        ]
        classes = [(nm.normalizeUri(c), int(n)) for c, n in self.select(CLASS_COUNT_QUERY)]
        return Stats(
            triples=sum(n for _, n, _, _ in graphs),
            graphs=graphs,
            classes=classes,
            store=self.backend.description,
        )

    def export(self, destination: str | Path | IO[bytes], fmt: str = "trig") -> None:
        """Write the graph: ``trig``/``nq`` keep named graphs; ``ttl``/``nt``/``jsonld`` merge them."""
        if fmt not in EXPORT_FORMATS:
            raise EcokgError(f"unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")
        rdflib_format = EXPORT_FORMATS[fmt]
        store = self.backend.oxigraph()
        if store is not None and rdflib_format in ("trig", "nquads"):
            # Oxigraph writes the whole dataset itself: a million quads in about a second,
            # where going through rdflib terms takes minutes (a backup must stay cheap).
            import pyoxigraph as ox

            from ecokg.namespaces import PREFIXES

            prefixes = {k: str(v) for k, v in PREFIXES.items()} if rdflib_format == "trig" else None
            target = str(destination) if isinstance(destination, str | Path) else destination
            store.dump(target, ox.RdfFormat.TRIG if rdflib_format == "trig" else ox.RdfFormat.N_QUADS,
                       prefixes=prefixes)
            return
        if rdflib_format in ("trig", "nquads", "json-ld"):
            data: Graph | Dataset = Dataset()
            bind_prefixes(data.namespace_manager)
            for s, p, o, g in self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
                data.add((s, p, o, g))  # type: ignore[arg-type]
        else:
            data = self.data_graph(include_ontology=True)
        payload = data.serialize(format=rdflib_format, encoding="utf-8")
        if isinstance(destination, str | Path):
            Path(destination).write_bytes(payload)
        else:
            destination.write(payload)

    # --- network analysis -------------------------------------------------
    def to_networkx(
        self, collapse: bool = True, lang: str = "en", include_inferred: bool = False, sources: bool = True
    ) -> Any:
        """The graph as a NetworkX ``MultiDiGraph`` (see :func:`ecokg.graph.network.project`).

        ``sources=False`` leaves out each node's and link's sources (cheaper; measures do not need them).
        """
        from ecokg.graph.network import project

        return project(self, collapse=collapse, lang=lang, include_inferred=include_inferred, sources=sources)

    # --- reasoning --------------------------------------------------------
    def reason(self, engine: str = "auto") -> Any:
        """Run the OWL reasoner over the stored data and replace the ``inferred`` graph.

        Raises ``ReasoningError`` (with ``.explanation``) if the data is inconsistent;
        the store is then left as it was. See :mod:`ecokg.ontology.reasoning`.
        """
        from ecokg.namespaces import ANALYSIS_GRAPH, INFERRED_GRAPH
        from ecokg.ontology.reasoning import reason

        data = Graph()
        for s, p, o, g in self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            if g not in (ONTOLOGY_GRAPH, INFERRED_GRAPH, ANALYSIS_GRAPH):
                data.add((s, p, o))
        result = reason(data, engine)
        self.replace_graph(INFERRED_GRAPH, result.graph)
        return result

    # --- query catalogue --------------------------------------------------
    def query(
        self,
        name: str,
        *,
        lang: str = "en",
        include_inferred: bool = True,
        timeout: float = 30.0,
        **params: str,
    ) -> Any:
        """Run the named catalogue query ``name`` (see ``ecokg.queries.catalog()``).

        Parameters are strings as a person types them (an entity by IRI, CURIE or
        label); they are bound by the engine, never written into the query.

        >>> kg.query("delegation-members", mission="mission-bfc-usa-2024").to_records()  # doctest: +SKIP
        """
        from ecokg.queries.catalog import run_named

        return run_named(self, name, params, lang=lang, include_inferred=include_inferred, timeout=timeout)

    def sparql(
        self,
        text: str,
        *,
        include_inferred: bool = True,
        timeout: float = 30.0,
        bindings: dict[str, Any] | None = None,
    ) -> Any:
        """Run your own read-only SPARQL query (``SERVICE`` and updates are refused).

        >>> kg.sparql("SELECT ?p WHERE { ?p a ek:Person }").to_dataframe()  # doctest: +SKIP
        """
        from ecokg.queries.result import run_sparql

        return run_sparql(self, text, bindings, include_inferred=include_inferred, timeout=timeout)


def _types_in_store(store: Any, iris: list[URIRef]) -> Graph:
    """What TYPES_QUERY gives for ``iris``, by index lookups (a load onto a million triples
    would otherwise copy every type and label of the store into rdflib: 25 s)."""
    from ecokg.graph.store import from_ox

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


class _NotRestorable(Exception):
    """A build's candidate dataset file turned out to be plain RDF (what was staged goes along)."""

    def __init__(self, staged: list[StagedGraph], report: ValidationReport, staging: Any, triples: int) -> None:
        super().__init__("not an ecokg dataset")
        self.staged, self.report, self.staging, self.triples = staged, report, staging, triples


def _bulk_load(generation: Any, paths: list[Path], failures: list[BaseException]) -> None:
    """Load ``paths`` into the generation's store (the writer thread of a restore)."""
    import pyoxigraph as ox

    from ecokg.loaders.rdf import FORMATS

    try:
        for path in paths:
            fmt = getattr(ox.RdfFormat, FORMATS[path.suffix.lower()])
            generation.store.bulk_load(path=str(path), format=fmt, base_iri=f"file:///{path.name}")
    except BaseException as exc:  # reported by the main thread (a syntax error, there, with its line)
        failures.append(exc)


def require_store(kg: KnowledgeGraph) -> None:
    """Raise a helpful error when nothing has been built yet."""
    if kg.count() == 0:
        raise StoreError(f"the store {kg.backend.description} is empty: run `ecokg build` first")


__all__ = ["EXPORT_FORMATS", "InputError", "KnowledgeGraph", "Stats", "require_store"]
