"""Reasoning over the store: the inferred graph, at build time or afterwards.

The reasoners themselves (HermiT through owlready2, OWL 2 RL) are in
:mod:`ecokg.ontology.reasoning`; this module feeds them what is staged or stored and
commits what they infer as the ``inferred`` graph. From a local store (or staging stores)
the entities' facts are read by one SPARQL query as pyoxigraph terms and, above HermiT's
bound, go to the OWL 2 RL rules without ever becoming rdflib terms; the inferences go back
as pyoxigraph quads. The whole data graph (with provenance) is read only for HermiT, owlrl,
or to explain a contradiction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rdflib import Graph

from ecokg.graph.store import Backend, Change
from ecokg.loaders import StagedGraph
from ecokg.namespaces import (
    ANALYSIS_GRAPH,
    DCTERMS,
    EK,
    EKR,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
)

ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"

OxTriple = tuple[Any, Any, Any]


def staged_data(staged: Iterable[StagedGraph]) -> Graph:
    """The union of staged source graphs (the ontology and derived graphs left out)."""
    data = Graph()
    for item in staged:
        if item.name not in (ONTOLOGY_GRAPH, INFERRED_GRAPH):
            data += item.rdflib_graph()
    return data


def entity_facts(store: Any) -> set[OxTriple]:
    """The entities' facts of a pyoxigraph store (what :func:`reasoner_input` keeps: subjects
    in ``ekr:``, predicates ``rdf:type`` or ``ek:``; ecokg's own graphs left out), as its own terms.

    Read predicate by predicate and class by class through Oxigraph's indexes: on disk, a
    scan of every quad decodes every provenance term (8 s at a million triples, 2 s this way).
    The types of the provenance statements (``rdf:Statement``, a sixth of a store) are skipped:
    no entity is one.
    """
    import pyoxigraph as ox

    from ecokg.ontology.reasoning.facts import query_text

    own = {ox.NamedNode(str(g)) for g in (ONTOLOGY_GRAPH, INFERRED_GRAPH, ANALYSIS_GRAPH)}
    kind, statement = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(RDF.Statement))
    ekr, ek = str(EKR), str(EK)
    patterns: list[tuple[Any, Any]] = []
    for (p,) in store.query(query_text("used-predicates")):
        if p == kind:
            patterns += [(p, c) for (c,) in store.query(query_text("used-classes")) if c != statement]
        elif p.value.startswith(ek):
            patterns.append((p, None))
    found: set[OxTriple] = set()
    for p, o in patterns:
        for quad in store.quads_for_pattern(None, p, o, None):
            s = quad.subject
            if quad.graph_name not in own and isinstance(s, ox.NamedNode) and s.value.startswith(ekr):
                found.add((s, p, quad.object))
    return found


def _rdflib_facts(graph: Graph) -> set[OxTriple]:
    from ecokg.ontology.reasoning.facts import reasoner_input
    from ecokg.terms import to_ox

    return {(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in reasoner_input(graph)}


def reason_over(
    given: set[OxTriple] | None, data: Callable[[], Graph], engine: str = "auto", *, bound: int | None = None,
    explaining: Callable[[set[Any]], Graph] | None = None,
) -> Any:
    """Reason over the entities' facts ``given`` (None: read them from ``data()``, the whole
    data graph), with the engine ``choose_engine`` picks for their size. ``explaining(entities)``:
    the data needed to explain a contradiction about ``entities`` (default: the whole graph)."""
    from ecokg.ontology.reasoning import HERMIT_BOUND, choose_engine, reason, reason_rl

    bound = HERMIT_BOUND if bound is None else bound
    if given is None:
        return reason(data(), engine, bound=bound)
    size = len({s for s, _, _ in given if s.value.startswith(str(EKR))})
    chosen, message = choose_engine(engine, size, bound)
    if chosen != "rl":
        return reason(data(), engine, bound=bound)
    return reason_rl(given, size, message, explaining or (lambda _entities: data()))


def explaining_data(store: Any, given: set[OxTriple], entities: set[Any]) -> Graph:
    """What explains a contradiction about ``entities`` without reading the whole store: the
    entities' facts, and the labels and sources of those entities and of the places they lie
    in (a country clash cites the whole ``ek:locatedIn`` path)."""
    import pyoxigraph as ox

    from ecokg.ontology.reasoning.facts import query_text
    from ecokg.terms import from_ox

    data = Graph()
    located = ox.NamedNode(str(EK.locatedIn))
    up: dict[Any, set[Any]] = {}
    for s, p, o in given:
        data.add((from_ox(s), from_ox(p), from_ox(o)))
        if p == located:
            up.setdefault(s, set()).add(o)
    todo, seen = list(entities), set(entities)
    while todo:
        for parent in up.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    # The ranges that type an entity name its neighbours too (the site of ek:hasSite ...).
    seen |= {o for s, _, o in given if s in entities and isinstance(o, ox.NamedNode)}
    text = query_text("fact-sources")
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    for entity in seen:
        if not isinstance(entity, ox.NamedNode):
            continue
        rows = store.query(text, prefixes=prefixes, substitutions={ox.Variable("entity"): entity},
                           use_default_graph_as_union=True)
        for row in rows:
            _add_sources(data, [None if v is None else from_ox(v) for v in row])
    return data


def _add_sources(data: Graph, row: list[Any]) -> None:
    entity, label, st, p, o, x, text, doc, title, g, file = row
    if label is not None:
        data.add((entity, RDFS.label, label))
    if st is None:
        return
    data.add((st, RDF.subject, entity))
    data.add((st, RDF.predicate, p))
    data.add((st, RDF.object, o))
    data.add((st, PROV.wasDerivedFrom, x))
    if text is not None:
        data.add((x, EK.text, text))
    if doc is not None:
        data.add((x, DCTERMS.isPartOf, doc))
    if title is not None:
        data.add((doc, DCTERMS.title, title))
    if g is not None and file is not None:
        data.add((g, PROV.wasDerivedFrom, doc))
        data.add((g, EK.sourceFile, file))


class ReasoningHook:
    """A build hook: reason over what is staged, refuse it if inconsistent; ``result`` is
    the last run's :class:`~ecokg.ontology.reasoning.ReasoningResult` (what the CLI reports)."""

    def __init__(self, engine: str = "auto") -> None:
        self.engine = engine
        self.result: Any = None

    def __call__(self, staged: list[StagedGraph]) -> list[StagedGraph]:
        self.result = _reason_staged(staged, self.engine)
        return [*staged, self._inferred(self.result)]

    @staticmethod
    def _inferred(result: Any) -> StagedGraph:
        if result.engine != "rl":
            return StagedGraph(INFERRED_GRAPH, INFERRED_GRAPH, result.graph, "ecokg reasoner")
        import pyoxigraph as ox

        # The inferences stay pyoxigraph quads: the commit streams them from this store.
        store = ox.Store()
        store.bulk_extend(result.quads())
        return StagedGraph(INFERRED_GRAPH, INFERRED_GRAPH, Graph(), "ecokg reasoner", store=store)


def before_commit(engine: str = "auto") -> ReasoningHook:
    """A build hook: reason over what is staged, refuse it if inconsistent."""
    return ReasoningHook(engine)


def _reason_staged(staged: list[StagedGraph], engine: str) -> Any:
    """Reason over the staged sources: their entities' facts from their staging stores."""
    given: set[OxTriple] = set()
    stores: dict[int, Any] = {}
    for item in staged:
        if item.name in (ONTOLOGY_GRAPH, INFERRED_GRAPH):
            continue
        if item.store is None:
            given |= _rdflib_facts(item.graph)
        elif id(item.store) not in stores:  # loaders of one build may share a staging store
            stores[id(item.store)] = item.store
            given |= entity_facts(item.store)

    def explaining(entities: set[Any]) -> Graph:
        # The staging stores' sources of the clashing entities only (a million staged triples
        # through rdflib would take minutes), and the small rdflib-staged graphs whole.
        data = Graph()
        for item in staged:
            if item.store is None and item.name not in (ONTOLOGY_GRAPH, INFERRED_GRAPH):
                data += item.graph
        for store in stores.values():
            data += explaining_data(store, given, entities)
        return data

    return reason_over(given, lambda: staged_data(staged), engine, explaining=explaining)


def _stored_data(backend: Backend) -> Graph:
    data = Graph()
    for s, p, o, g in backend.select(ALL_QUADS):
        if g not in (ONTOLOGY_GRAPH, INFERRED_GRAPH, ANALYSIS_GRAPH):
            data.add((s, p, o))
    return data


def reason_store(backend: Backend, engine: str = "auto") -> Any:
    """Reason over the stored data and replace the ``inferred`` graph (nothing changes if inconsistent)."""
    # Under the write lock from the read to the commit: no build commits in between, so
    # the inferences are never about a graph that is no longer the stored one.
    with backend.writing():
        store = backend.oxigraph()
        given = entity_facts(store) if store is not None else None
        result = reason_over(
            given, lambda: _stored_data(backend), engine,
            explaining=None if given is None else (lambda entities: explaining_data(store, given, entities)),
        )
        if result.engine == "rl":
            # An empty graph replaces the old one; the quads fill it.
            backend.commit(Change(add=[(INFERRED_GRAPH, Graph())], quads=result.quads()))
        else:
            backend.commit(Change(add=[(INFERRED_GRAPH, result.graph)]))
    return result
