"""What the reasoners read from a store or a staging area: the entities' facts (pyoxigraph
terms, read through Oxigraph's indexes), the data graph for HermiT and owlrl, and what explains
a contradiction; and the run over them (:func:`reason_over`, :func:`reason_staged`).
:mod:`ecokg.graph.reasoner` commits what they infer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rdflib import Graph

from ecokg.graph.store import Backend
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


def entity_facts(store: Any, skip: Iterable[Any] = (), inferred: set[OxTriple] | None = None) -> set[OxTriple]:
    """The entities' facts of a pyoxigraph store (what :func:`reasoner_input` keeps: subjects
    in ``ekr:``, predicates ``rdf:type`` or ``ek:``; ecokg's own graphs left out), as its own terms.

    Read predicate by predicate and class by class through Oxigraph's indexes: on disk, a
    scan of every quad decodes every provenance term (8 s at a million triples, 2 s this way).
    The types of the provenance statements (``rdf:Statement``, a sixth of a store) are skipped:
    no entity is one. ``inferred``: the facts of the ``inferred`` graph are added to this set in
    the same pass (an incremental run needs both).
    """
    import pyoxigraph as ox

    from ecokg.ontology.reasoning.facts import query_text

    own = {ox.NamedNode(str(g)) for g in (ONTOLOGY_GRAPH, INFERRED_GRAPH, ANALYSIS_GRAPH, *skip)}
    kind, statement = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(RDF.Statement))
    ekr, ek = str(EKR), str(EK)
    patterns: list[tuple[Any, Any]] = []
    for (p,) in store.query(query_text("used-predicates")):
        if p == kind:
            patterns += [(p, c) for (c,) in store.query(query_text("used-classes")) if c != statement]
        elif p.value.startswith(ek):
            patterns.append((p, None))
    found: set[OxTriple] = set()
    stored_inferences = ox.NamedNode(str(INFERRED_GRAPH))
    for p, o in patterns:
        for quad in store.quads_for_pattern(None, p, o, None):
            s = quad.subject
            if isinstance(s, ox.NamedNode) and s.value.startswith(ekr):
                if quad.graph_name not in own:
                    found.add((s, p, quad.object))
                elif inferred is not None and quad.graph_name == stored_inferences:
                    inferred.add((s, p, quad.object))
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


def staged_facts(staged: list[StagedGraph]) -> tuple[set[OxTriple], list[Any]]:
    """The entities' facts of the staged sources (from their staging stores), and those stores."""
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
    return given, list(stores.values())


def reason_staged(
    staged: list[StagedGraph], engine: str, stored: Any = None, skip: Iterable[Any] = (),
    stored_data: Callable[[], Graph] | None = None,
) -> Any:
    """Reason over the staged sources, and over the stored facts of ``stored`` (a pyoxigraph
    store, its graphs ``skip`` left out: those a load replaces) if given; ``stored_data()``:
    the stored data graph, for HermiT."""
    given, stores = staged_facts(staged)
    if stored is not None:
        given |= entity_facts(stored, skip)
        stores.append(stored)

    def explaining(entities: set[Any]) -> Graph:
        # The staging stores' sources of the clashing entities only (a million staged triples
        # through rdflib would take minutes), and the small rdflib-staged graphs whole.
        data = Graph()
        for item in staged:
            if item.store is None and item.name not in (ONTOLOGY_GRAPH, INFERRED_GRAPH):
                data += item.graph
        for store in stores:
            data += explaining_data(store, given, entities)
        return data

    def data() -> Graph:
        graph = staged_data(staged)
        if stored_data is not None:
            graph += stored_data()
        return graph

    return reason_over(given, data, engine, explaining=explaining)


def stored_data(backend: Backend, skip: Iterable[Any] = ()) -> Graph:
    """The stored data graph (ecokg's own graphs and ``skip`` left out), as rdflib."""
    left_out = {ONTOLOGY_GRAPH, INFERRED_GRAPH, ANALYSIS_GRAPH, *skip}
    data = Graph()
    for s, p, o, g in backend.select(ALL_QUADS):
        if g not in left_out:
            data.add((s, p, o))
    return data



