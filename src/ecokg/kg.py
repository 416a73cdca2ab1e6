"""``KnowledgeGraph``: the Python API over a store (embedded, in memory or remote).

A thin facade: each method hands its backend to the layer that does the work
(:mod:`ecokg.graph` to build, read and export; :mod:`ecokg.queries` to ask;
:mod:`ecokg.network` to analyse).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from rdflib import Dataset, Graph, URIRef

from ecokg.errors import InputError, StoreError
from ecokg.graph import commit, reading
from ecokg.graph.reading import EXPORT_FORMATS, Stats
from ecokg.graph.staging import BuildReport
from ecokg.graph.store import Backend, Change, DiskBackend, MemoryBackend, resolve_store_path
from ecokg.graph.validation import ValidationReport
from ecokg.loaders import LoadContext, StagedGraph, seed_sources


class KnowledgeGraph:
    """A knowledge graph in a store.

    >>> kg = KnowledgeGraph.open(memory=True)
    >>> report = kg.build()          # the bundled seed dataset
    >>> kg.stats().triples > 0
    True
    """

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

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
        return self.backend.refresh()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def for_audience(self, audience: str) -> KnowledgeGraph:
        """This graph as ``audience`` (public, internal, all) may see it: a read-only view
        holding only the sources of the levels it may see (docs/audiences.md)."""
        from ecokg.graph.audience import view

        return KnowledgeGraph(view(self.backend, audience))

    @property
    def dataset(self) -> Dataset:
        """The rdflib ``Dataset`` (default graph = union of all named graphs)."""
        return self.backend.dataset()

    # --- reading helpers --------------------------------------------------
    def select(self, text: str, bindings: dict[str, Any] | None = None, **kw: Any) -> list[tuple[Any, ...]]:
        """Rows of a SELECT over the whole graph (internal queries; values bound, not spliced)."""
        return self.backend.select(text, bindings, **kw)

    def construct(self, text: str, bindings: dict[str, Any] | None = None) -> Graph:
        result = self.backend.query(text, bindings)
        assert result.graph is not None
        return result.graph

    def entities(self) -> dict[URIRef, str]:
        """Every typed entity with a label (IRI -> label)."""
        return commit.entities(self.backend)

    def names(self) -> Any:
        """The name index used to resolve what people type (kept until the next write)."""
        from ecokg.queries.resolve import name_index

        return name_index(self.backend)

    def resolve(self, text: str) -> URIRef:
        """The entity an IRI, CURIE, id, label or alias names (``EntityNotFound`` otherwise)."""
        from ecokg.queries.resolve import resolve

        return resolve(self.backend, text)

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
        sensitivity: str | None = None,
    ) -> BuildReport:
        """Replace the whole graph by the ontology plus ``sources`` (default: the seed).

        ``sensitivity`` (public, internal, confidential, personal) is the level of the
        sources whose files state none (docs/audiences.md).
        """
        paths = [Path(s) for s in sources] if sources else seed_sources()
        context = LoadContext(keep_going=keep_going, mapping=mapping, progress=progress)
        report = commit.build(self.backend, paths, context, validate=validate, on_source=on_source,
                              before_commit=before_commit, sensitivity=sensitivity)
        self._keep_projection()
        return report

    def load(
        self,
        sources: Sequence[str | Path],
        *,
        keep_going: bool = False,
        mapping: Path | None = None,
        progress: Callable[[int, int | None], None] | None = None,
        on_source: Callable[[Path], None] | None = None,
        validate: bool = True,
        sensitivity: str | None = None,
        before_commit: Callable[[list[StagedGraph]], list[StagedGraph]] | None = None,
    ) -> BuildReport:
        """Add ``sources`` to the graph, replacing earlier loads of the same documents
        (``before_commit``: e.g. :func:`ecokg.graph.reasoner.before_commit`, which reasons
        over what the load adds and what that touches when it can)."""
        # The stored names, for spreadsheets that link rows to known entities by name (read
        # only if one does).
        context = LoadContext(keep_going=keep_going, mapping=mapping, progress=progress, names=self.names)
        report = commit.load(self.backend, [Path(s) for s in sources], context, validate=validate,
                             on_source=on_source, sensitivity=sensitivity, before_commit=before_commit)
        self._keep_projection()
        return report

    def _keep_projection(self) -> None:
        """The new generation's projection made now, at commit, so that the first map reads it
        (:func:`ecokg.network.projection.keep_current`), and the catalogue's listings answered,
        so that a viewer's first page reads them (:func:`ecokg.queries.warm.warm`; a disk store only)."""
        import logging

        from ecokg.network.projection import keep_current
        from ecokg.queries.warm import warm

        keep_current(self.backend)
        try:
            warm(self.backend)
        except Exception as exc:  # the write is committed: what is not kept now is computed on first use
            logging.getLogger("ecokg.queries").warning("no answers kept at commit: %s", exc)

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Replace one named graph (e.g. ``inferred`` or ``analysis``) atomically."""
        self.backend.commit(Change(add=[(name, graph)]))

    def drop_graph(self, name: URIRef) -> None:
        self.backend.commit(Change(drop=[name]))

    # --- checking and reporting ------------------------------------------
    def data_graph(self, *, include_ontology: bool = False) -> Graph:
        """All triples of the data graphs merged into one in-memory rdflib graph."""
        return reading.data_graph(self.backend, include_ontology=include_ontology)

    def validate(self) -> ValidationReport:
        """Validate the whole stored graph against the shapes."""
        return reading.validate_stored(self.backend)

    def count(self) -> int:
        """Triples in all graphs."""
        return reading.count(self.backend)

    def stats(self) -> Stats:
        return reading.stats(self.backend)

    def export(self, destination: str | Path | IO[bytes], fmt: str = "trig") -> None:
        """Write the graph: ``trig``/``nq`` keep named graphs; ``ttl``/``nt``/``jsonld`` merge them."""
        reading.export(self.backend, destination, fmt)

    # --- network analysis -------------------------------------------------
    def to_networkx(
        self, collapse: bool = True, lang: str = "en", include_inferred: bool = False, sources: bool = True,
        co_participation: bool = False,
    ) -> Any:
        """The graph as a NetworkX ``MultiDiGraph`` (see :func:`ecokg.network.projection.project`).

        ``sources=False`` leaves out each node's and link's sources (cheaper; measures do not need them).
        ``co_participation=True`` also links those who took part in the same event (marked: no
        source states those links).
        """
        from ecokg.network.projection import project

        return project(self.backend, collapse=collapse, lang=lang, include_inferred=include_inferred,
                       sources=sources, co_participation=co_participation)

    # --- reasoning --------------------------------------------------------
    def reason(self, engine: str = "auto") -> Any:
        """Run the OWL reasoner over the stored data and replace the ``inferred`` graph.

        Raises ``ReasoningError`` (with ``.explanation``) if the data is inconsistent;
        the store is then left as it was. See :mod:`ecokg.ontology.reasoning`.
        """
        from ecokg.graph.reasoner import reason_store
        from ecokg.network.cache import carried_over

        with carried_over(self.backend):  # the projection leaves the inferred graph out: kept as it was
            result = reason_store(self.backend, engine)
        self._keep_projection()
        return result

    # --- query catalogue --------------------------------------------------
    def query(
        self,
        name: str,
        *,
        lang: str = "en",
        include_inferred: bool = True,
        timeout: float = 30.0,
        limit: int | None = None,
        offset: int = 0,
        **params: str,
    ) -> Any:
        """Run the named catalogue query ``name`` (see ``ecokg.queries.catalog()``).

        Parameters are strings as a person types them (an entity by IRI, CURIE or
        label); they are bound by the engine, never written into the query. ``limit`` and
        ``offset`` give one page of the rows, in the query's order; ``.total`` counts them all.

        >>> kg.query("delegation-members", mission="mission-bfc-usa-2024").to_records()  # doctest: +SKIP
        >>> kg.query("agreements", limit=100).total  # doctest: +SKIP
        """
        from ecokg.queries.catalog import run_named

        return run_named(self.backend, name, params, lang=lang, include_inferred=include_inferred, timeout=timeout,
                         limit=limit, offset=offset)

    def card(self, entity: str, *, lang: str = "en") -> Any:
        """What the graph says about ``entity`` as a card a person reads (``.text``): the
        ``entity-card`` query, one labelled line per property (``ecokg.queries.card``).

        >>> print(kg.card("Gilson", lang="fr").text)  # doctest: +SKIP
        """
        from ecokg.queries.card import entity_card

        return entity_card(self.backend, entity, lang=lang)

    def sparql(
        self,
        text: str,
        *,
        include_inferred: bool = True,
        timeout: float = 30.0,
        bindings: dict[str, Any] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Any:
        """Run your own read-only SPARQL query (``SERVICE`` and updates are refused);
        ``limit``/``offset``: one page of its rows, as :meth:`query`.

        >>> kg.sparql("SELECT ?p WHERE { ?p a ek:Person }").to_dataframe()  # doctest: +SKIP
        """
        from ecokg.queries.result import run_sparql

        result = run_sparql(self.backend, text, bindings, include_inferred=include_inferred, timeout=timeout)
        return result if limit is None and not offset else result.page(limit, offset)


def require_store(kg: KnowledgeGraph) -> None:
    """Raise a helpful error when nothing has been built yet."""
    if kg.count() == 0:
        raise StoreError(f"the store {kg.backend.description} is empty: run `ecokg build` first")


__all__ = ["EXPORT_FORMATS", "InputError", "KnowledgeGraph", "Stats", "require_store"]
