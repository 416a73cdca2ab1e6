"""Why data contradicts the ontology: the clashing entities, the facts and their sources.

When a reasoner finds the data inconsistent, ecokg's own checks (disjoint classes, a city
or site in two countries) name the cause; :func:`inconsistent` wraps them in the
:class:`~ecokg.errors.ReasoningError` that is raised.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from ecokg.errors import ReasoningError
from ecokg.namespaces import DCTERMS, EK, EKR, OWL, PROV, RDF, RDFS, bind_prefixes
from ecokg.ontology import ontology_graph
from ecokg.ontology.reasoning.facts import Triple, reasoner_input, superclasses

_EKR = str(EKR)


def inconsistent(
    data: Graph, facts: Graph, reasoner: str, details: Callable[[Graph], list[str]]
) -> ReasoningError:
    """The error to raise when ``reasoner`` finds ``data`` inconsistent (``details``: a fallback)."""
    explanation = explain(data, facts)
    if not explanation:
        # Rare: a clash of another kind; OWL 2 RL's messages are the best lead then.
        explanation = [
            f"{reasoner} found the data inconsistent with the ontology, but ecokg's checks "
            "(disjoint classes, a city or site in two countries) found no single cause.",
            *details(facts),
        ]
    text = "\n".join(f"  - {line}" for line in explanation)
    return ReasoningError(
        f"the data contradicts the ontology ({reasoner}); nothing was changed.\n{text}", explanation
    )

class _Sources:
    """Labels of entities and the source documents of facts, read from the data graph."""

    def __init__(self, data: Graph) -> None:
        self.data = data
        self.labels = {**_term_labels(ontology_graph()), **_term_labels(data)}
        self.nm = Graph().namespace_manager
        bind_prefixes(self.nm)

    def name(self, node: Node) -> str:
        curie = self.nm.normalizeUri(node) if isinstance(node, URIRef) else str(node)
        label = self.labels.get(node)
        return f"{label} ({curie})" if label else curie

    def fact(self, s: Node, p: Node, o: Node) -> str:
        obj = self.nm.normalizeUri(o) if isinstance(o, URIRef) else o.n3()
        return f"[{self.nm.normalizeUri(str(s))} {self.nm.normalizeUri(str(p))} {obj}]"

    def source(self, s: Node, p: Node, o: Node) -> str:
        """Where (s, p, o) comes from: document title, file and sentence."""
        found: list[str] = []
        for statement in self.data.subjects(RDF.subject, s):
            if (statement, RDF.predicate, p) not in self.data or (statement, RDF.object, o) not in self.data:
                continue
            for excerpt in self.data.objects(statement, PROV.wasDerivedFrom):
                document = self.data.value(excerpt, DCTERMS.isPartOf)
                if document is None:
                    continue
                title = self.data.value(document, DCTERMS.title)
                files = [
                    str(f)
                    for g in self.data.subjects(PROV.wasDerivedFrom, document)
                    for f in self.data.objects(g, EK.sourceFile)
                ]
                text = str(self.data.value(excerpt, EK.text) or "")
                text = text if len(text) <= 120 else text[:117] + "..."
                where = f"\u201c{title}\u201d" if title else self.nm.normalizeUri(str(document))
                if files:
                    where += f" ({', '.join(sorted(set(files)))})"
                found.append(f"{where}: \u00ab{text}\u00bb" if text else where)
        return "; ".join(sorted(set(found))) or "no recorded source"

    def because(self, s: Node, p: Node, o: Node) -> str:
        return f"{self.fact(s, p, o)} from {self.source(s, p, o)}"


def _term_labels(graph: Graph) -> dict[Node, str]:
    labels: dict[Node, str] = {}
    for term, label in graph.subject_objects(RDFS.label):
        if isinstance(label, Literal) and (label.language in (None, "en") or term not in labels):
            labels[term] = str(label)
    return labels


@cache
def _disjoint_pairs() -> frozenset[frozenset[Node]]:
    graph = ontology_graph()
    pairs: set[frozenset[Node]] = set()
    for node in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(graph, graph.value(node, OWL.members)))  # type: ignore[arg-type]
        pairs |= {frozenset((a, b)) for a in members for b in members if a != b}
    for a, b in graph.subject_objects(OWL.disjointWith):
        pairs.add(frozenset((a, b)))
    return frozenset(pairs)


def _type_reasons(facts: Graph) -> dict[Node, list[tuple[Node, str, Triple]]]:
    """Per entity: (class, why, fact) for its declared types and the domains/ranges it meets."""
    ontology = ontology_graph()
    domains = {p: d for p, d in ontology.subject_objects(RDFS.domain) if isinstance(d, URIRef)}
    ranges = {p: r for p, r in ontology.subject_objects(RDFS.range) if isinstance(r, URIRef)}
    objects = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    reasons: dict[Node, list[tuple[Node, str, Triple]]] = {}
    for s, p, o in facts:
        if p == RDF.type:
            reasons.setdefault(s, []).append((o, "is declared", (s, p, o)))
            continue
        if p in domains:
            reasons.setdefault(s, []).append((domains[p], f"is the subject of {p.n3(_NM)}, whose domain is", (s, p, o)))
        if p in ranges and p in objects and str(o).startswith(_EKR):
            reasons.setdefault(o, []).append((ranges[p], f"is the value of {p.n3(_NM)}, whose range is", (s, p, o)))
    return reasons


_NM = Graph().namespace_manager
bind_prefixes(_NM)


def _disjointness_clashes(facts: Graph, sources: _Sources) -> list[str]:
    supers = superclasses()
    pairs = _disjoint_pairs()
    found: list[str] = []
    for entity, reasons in sorted(_type_reasons(facts).items(), key=lambda item: str(item[0])):
        seen: set[frozenset[Node]] = set()
        for pair in sorted(pairs, key=lambda pr: sorted(map(str, pr))):
            a, b = sorted(pair, key=str)
            why_a = [r for r in reasons if r[0] == a or a in supers.get(r[0], ())]
            why_b = [r for r in reasons if r[0] == b or b in supers.get(r[0], ())]
            if not why_a or not why_b or pair in seen:
                continue
            # Report the most specific clash only: skip a pair implied by a reported one.
            seen.add(pair)
            lines = [
                f"{sources.name(entity)} cannot be both {sources.name(a)} and {sources.name(b)} "
                "(the ontology declares them disjoint):"
            ]
            # A declared type is the clearer reason to show.
            why_a.sort(key=lambda r: r[1] != "is declared")
            why_b.sort(key=lambda r: r[1] != "is declared")
            for cls, why, fact in (why_a[0], why_b[0]):
                lines.append(f"    it {why} {sources.name(cls)}: {sources.because(*fact)}")
            found.append("\n".join(lines))
            break
    return found


def _country_clashes(facts: Graph, sources: _Sources) -> list[str]:
    countries = set(facts.subjects(RDF.type, EK.Country))
    reasons = _type_reasons(facts)
    found: list[str] = []
    for kind in (EK.City, EK.Site):
        # Declared a city or site, or one by a property's range (the object of ek:hasSite).
        places = {e for e, why in reasons.items() if any(r[0] == kind for r in why)}
        for place in sorted(places, key=str):
            paths = _paths_to(facts, place, countries)
            if len(paths) < 2:
                continue
            lines = [
                f"{sources.name(place)} is a {sources.name(kind)} and so in at most one country, "
                f"but it lies in {len(paths)}: " + ", ".join(sources.name(c) for c in sorted(paths, key=str)) + ":"
            ]
            for country in sorted(paths, key=str):
                for fact in paths[country]:
                    lines.append(f"    {sources.because(*fact)}")
            found.append("\n".join(lines))
    return found


def _paths_to(facts: Graph, start: Node, targets: set[Node]) -> dict[Node, list[Triple]]:
    """For each target reachable by ek:locatedIn links, the links that lead there."""
    paths: dict[Node, list[Triple]] = {start: []}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for parent in facts.objects(node, EK.locatedIn):
            if parent not in paths:
                paths[parent] = [*paths[node], (node, EK.locatedIn, parent)]
                queue.append(parent)
    return {t: p for t, p in paths.items() if t in targets and t != start}


def explain(data: Graph, facts: Graph | None = None) -> list[str]:
    """Why ``data`` contradicts the ontology: one paragraph per clash, naming facts and sources."""
    facts = facts if facts is not None else reasoner_input(data)
    sources = _Sources(data)
    return _disjointness_clashes(facts, sources) + _country_clashes(facts, sources)
