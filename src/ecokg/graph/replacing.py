"""What a load replaces, and what its change can break (issue 22).

``ecokg build --append`` replaces the graphs of the documents it stages (their earlier
versions) and keeps the rest. Three things follow, computed here for
:mod:`ecokg.graph.commit`:

* **What the load may count as known** (:meth:`Stored.known`): the store's entities
  *outside* the graphs it replaces (and the derived graphs it drops). An entity known only
  through the document being re-imported is not known: its new version makes it again (a
  ``lookup-or-create`` row creates it, as on the first import), or the load fails on it.
* **What the change can break** (:func:`validation_context`): stored nodes that lose a
  triple, the stored nodes that point at them, and stored entities the load describes again
  are validated with what is staged, the triples around them given as context. Nodes given
  only as context are not judged: nothing of theirs changed, and the store conformed.
* **Entities described twice** (:func:`described_twice`): one id typed in two documents
  (or a curated id equal to one a loader generates, such as a post) is one node in RDF:
  the build says so, naming both places, and refuses it when the types are disjoint.

Everything runs on index lookups of the store (Oxigraph), so its cost follows the size of
the change, not of the store. A remote store is copied into memory first, only when the
load replaces graphs or points at stored entities.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.collection import Collection as RdfList
from rdflib.term import Node

from ecokg.graph.store import Backend
from ecokg.loaders import StagedGraph
from ecokg.namespaces import EK, EKR, LEGACY_OWN_GRAPHS, OWL, RDF, RDFS, SH
from ecokg.terms import from_ox, to_ox

_TYPED = "SELECT ?e ?t ?g WHERE { GRAPH ?g { ?e a ?t } FILTER(isIRI(?e) && STRSTARTS(STR(?e), STR(ekr:))) }"
_LABELLED = "SELECT ?e ?l WHERE { ?e rdfs:label ?l FILTER(isIRI(?e) && STRSTARTS(STR(?e), STR(ekr:))) }"
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_FILES = "SELECT ?g ?f WHERE { GRAPH ?g { ?g ek:sourceFile ?f } }"
_ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_OX_TYPED = f"SELECT ?e ?t ?g WHERE {{ GRAPH ?g {{ ?e a ?t }} FILTER(isIRI(?e) && STRSTARTS(STR(?e), \"{EKR}\")) }}"
_OX_SUBJECTS = f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(isIRI(?s) && STRSTARTS(STR(?s), \"{EKR}\")) }}"

_SUBJECT, _PREDICATE, _OBJECT = (ox.NamedNode(str(t)) for t in (RDF.subject, RDF.predicate, RDF.object))
_TYPE = ox.NamedNode(str(RDF.type))
#: Marks a node whose fact lost its statement (its source), not a triple of its own.
_SOURCE = ox.NamedNode("urn:x-ecokg:source")
#: A statement points at the fact it sources: that is not a link of one entity to another.
_REIFICATION = frozenset({_SUBJECT, _PREDICATE, _OBJECT})

#: Entity -> graph -> the entity's types in that graph.
Types = dict[URIRef, dict[URIRef, set[URIRef]]]


# --- the store's entities ---------------------------------------------------------


@dataclass
class Stored:
    """The typed entities of a store, graph by graph (read once, at the start of a load)."""

    types: Types = field(default_factory=dict)
    labels: dict[URIRef, str] = field(default_factory=dict)
    graphs: set[URIRef] = field(default_factory=set)
    #: Each source graph's file name (``ek:sourceFile``), to say where an entity comes from.
    files: dict[URIRef, str] = field(default_factory=dict)

    def known(self, hidden: Collection[URIRef] = ()) -> dict[URIRef, str]:
        """Entities typed in some graph not in ``hidden`` (IRI -> label)."""
        return {
            entity: self.labels.get(entity, str(entity))
            for entity, where in self.types.items()
            if any(graph not in hidden for graph in where)
        }


def stored_entities(backend: Backend) -> Stored:
    """Every typed entity of ``backend`` with the graphs typing it, and a label each.

    Two filtered queries (a million triples, 31,000 entities: about 2 s on disk, where the
    one query with an OPTIONAL label a load made before took 5 to 7 s).
    """
    found = Stored()
    store = backend.oxigraph()

    def rows(text: str) -> Iterator[tuple[Any, ...]]:
        if store is None:
            yield from backend.select(text)
            return
        # Straight from Oxigraph, IRIs made from their text: rdflib terms for each of the
        # rows would double the time (a million triples, 30,000 entities).
        for row in store.query(text, prefixes={"ekr": str(EKR), "ek": str(EK), "rdfs": str(RDFS)},
                               use_default_graph_as_union=True):
            yield tuple(URIRef(term.value) if isinstance(term, ox.NamedNode) else str(term.value) for term in row)

    if store is None:
        found.graphs = {g for (g,) in backend.select(_GRAPHS) if isinstance(g, URIRef)}
    else:
        found.graphs = {URIRef(g.value) for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    for entity, cls, graph in rows(_TYPED):
        found.types.setdefault(entity, {}).setdefault(graph, set()).add(cls)
    for entity, label in rows(_LABELLED):
        found.labels.setdefault(entity, str(label))
    found.files = {graph: str(name) for graph, name in rows(_FILES)}
    return found


_LOADED = "SELECT ?g ?l WHERE { GRAPH ?g { ?g ek:loader ?l } } LIMIT 1"


def legacy_graphs(backend: Backend, graphs: Collection[URIRef]) -> list[URIRef]:
    """ecokg's own graphs under their names from before issue 22 (``ekg:ontology`` ...) in an
    older store: those of ``graphs`` that are not a document's (which says its ``ek:loader``)."""
    return [name for name in LEGACY_OWN_GRAPHS if name in graphs and not backend.select(_LOADED, {"g": name})]


def local_store(backend: Backend) -> Any:
    """The backend's Oxigraph store, or (a remote endpoint) a copy of its quads in memory."""
    store = backend.oxigraph()
    if store is not None:
        return store
    copy = ox.Store()
    copy.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for s, p, o, g in backend.select(_ALL_QUADS))
    return copy


class StoreView:
    """The quads of a store outside the graphs a load replaces or drops (``hidden``)."""

    def __init__(self, store: Any, hidden: Collection[URIRef]) -> None:
        self.store = store
        self.hidden = frozenset(str(g) for g in hidden)

    def quads(self, s: Any = None, p: Any = None, o: Any = None) -> Iterator[Any]:
        for quad in self.store.quads_for_pattern(s, p, o, None):
            graph = quad.graph_name
            if isinstance(graph, ox.DefaultGraph) or graph.value not in self.hidden:
                yield quad

    def holds(self, s: Any, p: Any, o: Any) -> bool:
        return next(self.quads(s, p, o), None) is not None

    def describes(self, node: Any) -> bool:
        return next(self.quads(node), None) is not None

    def graph_quads(self, name: URIRef) -> Iterator[Any]:
        """The quads of the (hidden) graph ``name``: what the load replaces."""
        return iter(self.store.quads_for_pattern(None, None, None, ox.NamedNode(str(name))))


# --- what a load stages -----------------------------------------------------------


class Staged:
    """The staged graphs of a load, for membership tests where they are staged."""

    def __init__(self, staged: Sequence[StagedGraph]) -> None:
        self.stores = list({id(item.store): item.store for item in staged if item.store is not None}.values())
        self.graphs = [item for item in staged if item.store is None and len(item.graph)]
        self.sources = {item.name: item.source for item in staged}

    def holds(self, s: Any, p: Any, o: Any) -> bool:
        if any(next(iter(store.quads_for_pattern(s, p, o, None)), None) is not None for store in self.stores):
            return True
        return any((from_ox(s), from_ox(p), from_ox(o)) in item.graph for item in self.graphs)

    def describes(self, node: Any) -> bool:
        if any(next(iter(store.quads_for_pattern(node, None, None, None)), None) is not None for store in self.stores):
            return True
        subject = from_ox(node)
        return any(next(item.graph.predicate_objects(subject), None) is not None for item in self.graphs)

    def typed_entities(self) -> Types:
        """Entity -> staged graph -> its types there."""
        found: Types = {}
        for store in self.stores:
            for row in store.query(_OX_TYPED):
                entity, cls, graph = (URIRef(row[i].value) for i in range(3))
                found.setdefault(entity, {}).setdefault(graph, set()).add(cls)
        for item in self.graphs:
            for subject, obj in item.graph.subject_objects(RDF.type):
                if isinstance(subject, URIRef) and str(subject).startswith(str(EKR)) and isinstance(obj, URIRef):
                    found.setdefault(subject, {}).setdefault(item.name, set()).add(obj)
        return found

    def entity_subjects(self) -> set[URIRef]:
        """The entities (``ekr:`` IRIs) the staged graphs say something about."""
        found = {URIRef(row[0].value) for store in self.stores for row in store.query(_OX_SUBJECTS)}
        for item in self.graphs:
            found.update(s for s in item.graph.subjects() if isinstance(s, URIRef) and str(s).startswith(str(EKR)))
        return found


# --- what the change can break -----------------------------------------------------


@dataclass
class Context:
    """What a load is validated with, besides what it stages."""

    #: Stored quads around the nodes to check (types, labels, dates of what they point at), as
    #: they are in the store (pyoxigraph terms: no rdflib copy; 50,000 of them cost 2 s in rdflib).
    quads: list[Any]
    #: Nodes given only as context: their own violations are not this load's (nothing of theirs changed).
    unjudged: set[Node]
    #: Stored nodes the change makes to check again (they lose a triple, point at one that does, or
    #: are described again).
    checked: set[Node]

    def graph(self) -> Graph:
        """The context as an rdflib graph (the reference engine, tests)."""
        graph = Graph()
        for quad in self.quads:
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return graph


_BOUNDARY = """
SELECT DISTINCT ?s WHERE {{
  {{ SELECT DISTINCT ?s WHERE {{ VALUES ?r {{ {replaced} }}
      {{ GRAPH ?r {{ ?s ?p ?o }} }} UNION {{ GRAPH ?r {{ ?st <{subject}> ?s }} }} }} }}
  {{ GRAPH ?h {{ ?s ?q ?v }} }} UNION {{ GRAPH ?h {{ ?x ?q ?s }} }}
  FILTER(?h NOT IN ({hidden}))
}}"""


def boundary(view: StoreView, replaced: Collection[URIRef]) -> list[Any]:
    """The subjects of the ``replaced`` graphs (and the subjects of the facts their statements
    source) that a graph the load keeps describes or points at: the only nodes whose loss
    another document can feel. One query, joined inside Oxigraph (a
    million triples replaced: about a second, where reading them all into Python took 20 s)."""
    if not replaced:
        return []
    text = _BOUNDARY.format(replaced=" ".join(f"<{g}>" for g in replaced), subject=RDF.subject,
                            hidden=", ".join(f"<{g}>" for g in sorted(view.hidden)))
    return [row[0] for row in view.store.query(text)]


def changed_nodes(view: StoreView, staged: Staged, replaced: Collection[URIRef]) -> dict[Any, set[Any]]:
    """The :func:`boundary` nodes that lose a triple when ``replaced`` (stored graphs) give way
    to what is staged, each with the predicates of the triples it loses.

    A triple of an old version is kept if the new one states it again, or another graph does.
    A node whose statement (the source of one of its facts) goes loses a source, too.
    """
    changed: dict[Any, set[Any]] = {}
    graphs = [ox.NamedNode(str(name)) for name in replaced]
    for node in boundary(view, replaced):
        lost: set[Any] = set()
        for graph in graphs:
            for quad in view.store.quads_for_pattern(node, None, None, graph):
                p, o = quad.predicate, quad.object
                if p not in lost and not staged.holds(node, p, o) and not view.holds(node, p, o):
                    lost.add(p)
            for statement in view.store.quads_for_pattern(None, _SUBJECT, node, graph):
                if not staged.describes(statement.subject) and not view.describes(statement.subject):
                    lost.add(_SOURCE)
        if lost:
            changed[node] = lost
    return changed


@cache
def read_through() -> frozenset[Any]:
    """The predicates the shapes read of the nodes a focus node points at, not of the focus
    itself: ``rdf:type`` (``sh:class``; the statement check's ``?value a rdf:Statement``) and
    every step after the first of a path (``ek:partOf/ek:startDate``). A node that loses no
    such triple breaks no one pointing at it (the compiled shapes read nothing else of them:
    :mod:`ecokg.graph.sparqlshacl`)."""
    from ecokg.ontology import shapes_graph

    shapes = shapes_graph()
    found = {_TYPE}
    for path in shapes.objects(None, SH.path):
        if (path, RDF.first, None) in shapes:
            found.update(ox.NamedNode(str(step)) for step in list(RdfList(shapes, path))[1:])
    return frozenset(found)


def validation_context(
    view: StoreView,
    staged: Staged,
    replaced: Collection[URIRef],
    referenced: Collection[URIRef],
    described_again: Collection[URIRef],
) -> Context:
    """The stored triples a load must be validated with, and which nodes they are there for.

    * ``referenced``: stored entities the staged graphs point at without describing them;
      their triples (types, labels, dates ...) are context for the staged facts.
    * Nodes the change touches (:func:`changed_nodes` of the ``replaced`` graphs, and the
      stored nodes pointing at those that lose what the shapes read through a link:
      :func:`read_through`) and ``described_again`` (stored entities the staged graphs say
      something about) are *checked*: their stored triples, the statements sourcing them,
      and the triples of what they point at join the validation, and their violations are
      this load's.
    """
    checked: set[Any] = set()
    reaching = read_through()
    for node, lost in changed_nodes(view, staged, replaced).items():
        if isinstance(node, ox.Literal):
            continue
        if view.describes(node):
            checked.add(node)
        if lost & reaching:  # it loses a type or a date: what points at it may break
            checked.update(q.subject for q in view.quads(None, None, node) if q.predicate not in _REIFICATION)
    checked.update(to_ox(e) for e in described_again)
    pointed = {to_ox(e) for e in referenced}
    # A referenced entity the staged graphs also say something about, with stored triples too:
    # the union of both is what must conform.
    checked.update(node for node in pointed if staged.describes(node) and view.describes(node))
    quads: list[Any] = []
    around: set[Any] = set(pointed)
    for node in checked:
        own = list(view.quads(node))
        quads += own
        around.update(q.object for q in own if q.predicate != _TYPE and not isinstance(q.object, ox.Literal))
        for statement in view.quads(None, _SUBJECT, node):
            quads += view.quads(statement.subject)
    around -= checked
    for node in around:
        quads += view.quads(node)
    unjudged = {from_ox(node) for node in around if not staged.describes(node)}
    return Context(quads, unjudged, {from_ox(node) for node in checked})


# --- entities described twice ----------------------------------------------------------


@cache
def _disjoint_groups() -> tuple[frozenset[URIRef], ...]:
    """The ontology's sets of pairwise disjoint classes (``owl:AllDisjointClasses``)."""
    from ecokg.ontology import ontology_graph

    graph = ontology_graph()
    groups = []
    for node in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = graph.value(node, OWL.members)
        if members is not None:
            groups.append(frozenset(c for c in RdfList(graph, members) if isinstance(c, URIRef)))
    return tuple(groups)


def clash(types: Collection[URIRef]) -> tuple[URIRef, URIRef] | None:
    """Two of ``types`` that no one thing can have at once (disjoint classes), or None."""
    from ecokg.ontology import vocabulary

    vocab = vocabulary()
    for group in _disjoint_groups():
        tops: dict[URIRef, URIRef] = {}
        for cls in sorted(types):
            for top in group:
                if vocab.is_a(cls, top):
                    tops.setdefault(top, cls)
        if len(tops) > 1:
            first, second = sorted(tops.values())[:2]
            return first, second
    return None


@dataclass
class Twice:
    """Entities described in more than one place (what :func:`described_twice` found)."""

    warnings: list[str] = field(default_factory=list)
    clashes: list[str] = field(default_factory=list)
    #: Staged entities also typed in a stored graph the load keeps.
    stored: set[URIRef] = field(default_factory=set)


#: How many entities described twice a report names (then: "and N more").
SHOWN = 20


def described_twice(staged_types: Types, stored: Stored, hidden: Collection[URIRef], sources: dict[URIRef, str]) -> Twice:
    """Staged entities typed in two graphs (staged or stored), or with disjoint types."""
    found = Twice()
    merged: list[str] = []
    for entity, staged_places in staged_types.items():
        places = staged_places
        for graph, types in stored.types.get(entity, {}).items():
            if graph not in hidden and graph not in places:
                places = {**places, graph: types}
                found.stored.add(entity)
        if len(places) == 1 and len(next(iter(places.values()))) == 1:
            continue  # one document, one type: the common case (a million triples: 30,000 of them)
        pair = clash({cls for types in places.values() for cls in types})
        where = "; ".join(f"{_short(g)} ({_place(g, sources, stored)}) as {', '.join(_short(t) for t in sorted(places[g]))}"
                          for g in sorted(places))
        if pair is not None:
            found.clashes.append(f"{_short(entity)} is both {_short(pair[0])} and {_short(pair[1])}, which no one "
                                 f"thing can be: {where}; give one of them another id")
        elif len(places) > 1:
            merged.append(f"{_short(entity)} is described in {len(places)} documents, merged into one entity: {where}")
    found.clashes.sort()
    merged.sort()
    found.warnings = merged[:SHOWN]
    if len(merged) > SHOWN:
        found.warnings.append(f"... and {len(merged) - SHOWN} more entities described in several documents")
    return found


def _place(graph: URIRef, sources: dict[URIRef, str], stored: Stored) -> str:
    if graph in sources:
        return sources[graph]
    return f"{stored.files[graph]}, in the store" if graph in stored.files else "in the store"


def _short(iri: URIRef) -> str:
    from ecokg.namespaces import PREFIXES

    text = str(iri)
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        if text.startswith(str(namespace)) and text != str(namespace):
            return f"{prefix}:{text[len(str(namespace)):]}"
    return f"<{text}>"
