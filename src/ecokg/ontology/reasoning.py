"""OWL reasoning: consistency with explanations, and inferred facts in their own graph.

The entities' facts (without their provenance statements, which the reasoner does not
need) and the ontology go to HermiT, the OWL 2 DL reasoner bundled with owlready2; graphs
too large for it within :data:`HERMIT_BOUND` individuals go to OWL 2 RL (owlrl) instead.

* Inconsistent data raises :class:`~ecokg.errors.ReasoningError` whose ``explanation``
  names the clashing entities, the facts and their source documents.
* Otherwise :func:`reason` returns the new facts as the ``inferred`` named graph, each fact
  with an ``rdf:Statement`` (like every loaded fact) and the graph with its PROV
  description (reasoner, version, time).

>>> from ecokg import KnowledgeGraph
>>> kg = KnowledgeGraph.open(memory=True); _ = kg.build()
>>> result = kg.reason()                                   # doctest: +SKIP
>>> (EKR.gilson, RDF.type, EK.MultinationalOrganization) in result.graph   # doctest: +SKIP
True
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
import time
import zipfile
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from ecokg.errors import ReasoningError
from ecokg.namespaces import (
    DCTERMS,
    EK,
    EKD,
    EKR,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
    bind_prefixes,
)
from ecokg.ontology import ontology_graph

#: Largest graph (in individuals) given to HermiT under ``--engine auto``; larger ones go
#: to OWL 2 RL. Measured on this 2-core machine shared with other jobs (load 5-11), on
#: synthetic places, organisations, sites and agreements, HermiT's two passes: 21 s at 250
#: individuals, 32-35 s at 500, 49-107 s at 1000 and 520 s at 2000; owlrl 6-10 s up to 1000.
HERMIT_BOUND = 1000

ENGINES = ("auto", "hermit", "owlrl")

_EKR = str(EKR)
_EK = str(EK)
#: Facts that only name or describe: the reasoner does not need them.
_NAMING = frozenset({RDFS.label, RDFS.comment, SKOS.altLabel})
#: What the second HermiT pass needs: the rules and counting classes read only types and
#: location links, so the pass sees those alone (much smaller than the whole graph).
_SECOND_PASS = frozenset({RDF.type, EK.locatedIn, EK.presentIn, EK.siteLocation, EK.basedIn, EK.hasSite})
_ACTIVITY = EKD["inferred#activity"]
_REASONER = EKD["inferred#reasoner"]


@dataclass
class ReasoningResult:
    """What a reasoning run produced (``graph`` is the whole ``inferred`` named graph)."""

    engine: str
    version: str
    graph: Graph
    facts: int
    individuals: int
    seconds: float
    message: str
    inferred: set[tuple[Node, Node, Node]] = field(default_factory=set, repr=False)


# --- input ---------------------------------------------------------------------
def reasoner_input(data: Graph) -> Graph:
    """The entities' facts only: no provenance statements, excerpts, documents or labels."""
    graph = Graph()
    for s, p, o in data:
        if not isinstance(s, URIRef) or not str(s).startswith(_EKR) or p in _NAMING:
            continue
        if p == RDF.type or str(p).startswith(_EK):
            graph.add((s, p, o))
    return graph


def individuals(graph: Graph) -> int:
    """Number of distinct entities (``ekr:`` subjects) in ``graph``."""
    return len({s for s in graph.subjects() if str(s).startswith(_EKR)})


def _countries_all_different(facts: Graph) -> Graph:
    """Countries are pairwise distinct: OWL assumes no unique names, and counting needs it."""
    extra = Graph()
    countries = sorted(c for c in facts.subjects(RDF.type, EK.Country) if isinstance(c, URIRef))
    if len(countries) > 1:
        node, members = BNode(), BNode()
        Collection(extra, members, list(countries))
        extra.add((node, RDF.type, OWL.AllDifferent))
        extra.add((node, OWL.distinctMembers, members))
    return extra


# --- HermiT --------------------------------------------------------------------
@cache
def hermit_version() -> str:
    """The version of the HermiT jar bundled with owlready2."""
    import owlready2

    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    with zipfile.ZipFile(jar) as archive:
        for line in archive.read("META-INF/MANIFEST.MF").decode().splitlines():
            if line.startswith("Implementation-Version:"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def _run_hermit(graph: Graph, workdir: Path) -> str | None:
    """HermiT's classification output, or None when the ontology is inconsistent."""
    # owlready2's sync_reasoner drops inferred pairs whose inverse is asserted and gives no
    # handle on HermiT's output, so its bundled HermiT is run here with the same command
    # line (plus --ignoreUnsupportedDatatypes for xsd:date) and its output parsed below.
    import owlready2
    from owlready2 import reasoning as owl_reasoning

    path = workdir / "input.nt"
    graph.serialize(destination=path, format="nt", encoding="utf-8")
    command = [
        owlready2.JAVA_EXE, f"-Xmx{owl_reasoning.JAVA_MEMORY}M",
        "-cp", owl_reasoning._HERMIT_CLASSPATH,  # owlready2 has no public name for it
        "org.semanticweb.HermiT.cli.CommandLine",
        "-c", "-O", "-D", "-I", path.as_uri(), "-Y", "--ignoreUnsupportedDatatypes",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=workdir)
    except OSError as exc:
        raise ReasoningError(f"cannot run Java for HermiT ({exc}); install a Java runtime (17+)") from exc
    if done.returncode != 0:
        if "Inconsistent ontology" in done.stdout + done.stderr:
            return None
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise ReasoningError("HermiT failed:\n" + "\n".join(tail))
    return done.stdout


def _parse_hermit(output: str) -> tuple[set[tuple[URIRef, URIRef]], set[tuple[URIRef, URIRef, URIRef]]]:
    """(individual, class) types and (subject, property, object) links in HermiT's output."""
    from owlready2.reasoning import _HERMIT_PROP_REGEXP, _HERMIT_RESULT_REGEXP

    types: set[tuple[URIRef, URIRef]] = set()
    for relation, iris in _HERMIT_RESULT_REGEXP.findall(output):
        if relation == "Type":
            ind, cls = iris.strip()[1:-1].split("> <", 1)
            types.add((URIRef(ind), URIRef(cls)))
    links: set[tuple[URIRef, URIRef, URIRef]] = set()
    for prop, knowns, _possibles in _HERMIT_PROP_REGEXP.findall(output):
        knowns = knowns.strip()[1:-1]
        if not knowns.strip():
            continue
        for pair in knowns.split(")("):
            a, b = pair.strip()[1:-1].split(">, <", 1)
            links.add((URIRef(a), URIRef(prop), URIRef(b)))
    return types, links


def _keep(s: Node, p: Node, o: Node) -> bool:
    """Inferred facts worth storing: about an entity, in ecokg terms, not reflexive."""
    if not str(s).startswith(_EKR) or s == o:
        return False
    if p == RDF.type:
        return str(o).startswith(_EK)
    return str(p).startswith(_EK)


def _hermit(facts: Graph) -> set[tuple[Node, Node, Node]] | None:
    """New facts HermiT derives (two passes, so DL-safe rules see derived links), or None."""
    ontology = ontology_graph()
    inferred: set[tuple[Node, Node, Node]] = set()
    current = Graph()
    current += facts
    with tempfile.TemporaryDirectory(prefix="ecokg-hermit-") as tmp:
        for second in (False, True):
            graph = Graph()
            graph += ontology
            if second:
                for triple in current:
                    if triple[1] in _SECOND_PASS:
                        graph.add(triple)
            else:
                graph += current
            graph += _countries_all_different(current)
            output = _run_hermit(graph, Path(tmp))
            if output is None:
                return None
            types, links = _parse_hermit(output)
            new = {(i, RDF.type, c) for i, c in types} | set(links)
            new = {t for t in new if _keep(*t) and t not in current}
            inferred |= new
            for triple in new:
                current.add(triple)
    return inferred


# --- OWL 2 RL ------------------------------------------------------------------
def _owlrl(facts: Graph) -> tuple[set[tuple[Node, Node, Node]], list[str]]:
    """New facts of the OWL 2 RL closure, and its inconsistency messages."""
    import owlrl
    from owlrl.Namespaces import ERRNS

    graph = Graph()
    graph += ontology_graph()
    graph += facts
    graph += _countries_all_different(facts)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = [
        str(graph.value(node, ERRNS.error)) for node in graph.subjects(RDF.type, ERRNS.ErrorMessage)
    ]
    new = {t for t in graph if _keep(*t) and t not in facts}
    return _most_specific(new, facts), errors


def _most_specific(new: set[tuple[Node, Node, Node]], facts: Graph) -> set[tuple[Node, Node, Node]]:
    """Drop inferred types that a more specific type of the same entity already implies."""
    supers = _superclasses()
    types: dict[Node, set[Node]] = {}
    for s, p, o in new:
        if p == RDF.type:
            types.setdefault(s, set()).add(o)
    for s in types:
        types[s] |= set(facts.objects(s, RDF.type))
    kept = set()
    for s, p, o in new:
        if p == RDF.type and any(o in supers.get(other, ()) for other in types[s] if other != o):
            continue
        kept.add((s, p, o))
    return kept


# --- superproperties and the inferred graph ------------------------------------
@cache
def _superproperties() -> dict[Node, frozenset[Node]]:
    graph = ontology_graph()
    return {
        p: frozenset(
            q for q in graph.transitive_objects(p, RDFS.subPropertyOf) if q is not None and q != p and str(q).startswith(_EK)
        )
        for p in set(graph.subjects(RDFS.subPropertyOf, None))
    }


@cache
def _superclasses() -> dict[Node, frozenset[Node]]:
    graph = ontology_graph()
    return {
        c: frozenset(d for d in graph.transitive_objects(c, RDFS.subClassOf) if isinstance(d, URIRef) and d != c)
        for c in set(graph.subjects(RDFS.subClassOf, None))
        if isinstance(c, URIRef)
    }


def _with_superproperties(
    inferred: set[tuple[Node, Node, Node]], facts: Graph
) -> set[tuple[Node, Node, Node]]:
    """Add the ecokg super-properties of every link (HermiT lists only the most specific)."""
    supers = _superproperties()
    result = set(inferred)
    for s, p, o in list(facts) + list(inferred):
        for q in supers.get(p, ()):
            triple = (s, q, o)
            if _keep(*triple) and triple not in facts:
                result.add(triple)
    return result


def inferred_graph(
    inferred: Iterable[tuple[Node, Node, Node]], engine: str, version: str, started: datetime, message: str
) -> Graph:
    """The ``inferred`` named graph: the facts, a statement per fact and the PROV description."""
    graph = Graph(identifier=INFERRED_GRAPH)
    bind_prefixes(graph.namespace_manager)
    ended = datetime.now(UTC).replace(microsecond=0)
    graph.add((INFERRED_GRAPH, RDF.type, PROV.Entity))
    graph.add((INFERRED_GRAPH, PROV.wasGeneratedBy, _ACTIVITY))
    graph.add((INFERRED_GRAPH, PROV.wasDerivedFrom, ONTOLOGY_GRAPH))
    graph.add((INFERRED_GRAPH, PROV.generatedAtTime, Literal(ended, datatype=XSD.dateTime)))
    graph.add((_ACTIVITY, RDF.type, PROV.Activity))
    graph.add((_ACTIVITY, RDFS.label, Literal(f"OWL reasoning with {engine} {version}", lang="en")))
    graph.add((_ACTIVITY, RDFS.comment, Literal(message, lang="en")))
    graph.add((_ACTIVITY, PROV.startedAtTime, Literal(started.replace(microsecond=0), datatype=XSD.dateTime)))
    graph.add((_ACTIVITY, PROV.endedAtTime, Literal(ended, datatype=XSD.dateTime)))
    graph.add((_ACTIVITY, PROV.wasAssociatedWith, _REASONER))
    graph.add((_ACTIVITY, PROV.used, ONTOLOGY_GRAPH))
    graph.add((_REASONER, RDF.type, PROV.SoftwareAgent))
    graph.add((_REASONER, RDFS.label, Literal(engine)))
    graph.add((_REASONER, SCHEMA.softwareVersion, Literal(version)))
    for s, p, o in inferred:
        graph.add((s, p, o))
        digest = hashlib.sha1(f"{s.n3()} {p.n3()} {o.n3()}".encode()).hexdigest()[:20]
        statement = EKD[f"inferred/fact/{digest}"]
        graph.add((statement, RDF.type, RDF.Statement))
        graph.add((statement, RDF.subject, s))
        graph.add((statement, RDF.predicate, p))
        graph.add((statement, RDF.object, o))
        graph.add((statement, PROV.wasDerivedFrom, ONTOLOGY_GRAPH))
        graph.add((statement, PROV.wasGeneratedBy, _ACTIVITY))
    return graph


# --- the entry point -----------------------------------------------------------
def choose_engine(engine: str, size: int, bound: int = HERMIT_BOUND) -> tuple[str, str]:
    """The engine to run and a sentence saying which and why."""
    if engine not in ENGINES:
        raise ReasoningError(f"unknown reasoning engine {engine!r} (choose from {', '.join(ENGINES)})")
    if engine == "hermit":
        return "hermit", f"HermiT (OWL 2 DL) on {size} individuals, as asked."
    if engine == "owlrl":
        return "owlrl", (
            f"OWL 2 RL (owlrl) on {size} individuals, as asked: no defined classes that count "
            "(ek:MultinationalOrganization), no rules, no 'city in two countries' check."
        )
    if size <= bound:
        return "hermit", f"HermiT (OWL 2 DL) on {size} individuals (bound for HermiT: {bound})."
    return "owlrl", (
        f"OWL 2 RL (owlrl) instead of HermiT: {size} individuals exceed HermiT's bound of {bound} "
        "on this machine; counting classes (ek:MultinationalOrganization) and rules are left out."
    )


def reason(data: Graph, engine: str = "auto", *, bound: int = HERMIT_BOUND) -> ReasoningResult:
    """Check ``data`` (with its provenance) against the ontology and infer what follows.

    Raises :class:`ReasoningError` with an ``explanation`` when the data is inconsistent.
    """
    started_at = datetime.now(UTC)
    started = time.perf_counter()
    facts = reasoner_input(data)
    size = individuals(facts)
    chosen, message = choose_engine(engine, size, bound)
    if chosen == "hermit":
        version = hermit_version()
        found = _hermit(facts)
        if found is None:
            raise _inconsistent(data, facts, "HermiT", _owlrl_details)
    else:
        import owlrl

        version = owlrl.__version__
        found, errors = _owlrl(facts)
        if errors:
            raise _inconsistent(data, facts, "OWL 2 RL", lambda _facts: errors)
    inferred = _with_superproperties(found, facts)
    name = "HermiT" if chosen == "hermit" else "owlrl"
    graph = inferred_graph(sorted(inferred), name, version, started_at, message)
    return ReasoningResult(
        engine=chosen, version=version, graph=graph, facts=len(inferred), individuals=size,
        seconds=time.perf_counter() - started, message=message, inferred=inferred,
    )


# --- explanations ----------------------------------------------------------------
def _owlrl_details(facts: Graph) -> list[str]:
    """OWL 2 RL's own inconsistency messages, for clashes ecokg's checks do not name."""
    return [f"OWL 2 RL says: {message}" for message in _owlrl(facts)[1]]


def _inconsistent(
    data: Graph, facts: Graph, reasoner: str, details: Callable[[Graph], list[str]]
) -> ReasoningError:
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


def _type_reasons(facts: Graph) -> dict[Node, list[tuple[Node, str, tuple[Node, Node, Node]]]]:
    """Per entity: (class, why, fact) for its declared types and the domains/ranges it meets."""
    ontology = ontology_graph()
    domains = {p: d for p, d in ontology.subject_objects(RDFS.domain) if isinstance(d, URIRef)}
    ranges = {p: r for p, r in ontology.subject_objects(RDFS.range) if isinstance(r, URIRef)}
    objects = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    reasons: dict[Node, list[tuple[Node, str, tuple[Node, Node, Node]]]] = {}
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
    supers = _superclasses()
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


def _paths_to(facts: Graph, start: Node, targets: set[Node]) -> dict[Node, list[tuple[Node, Node, Node]]]:
    """For each target reachable by ek:locatedIn links, the links that lead there."""
    paths: dict[Node, list[tuple[Node, Node, Node]]] = {start: []}
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


__all__ = [
    "ENGINES",
    "HERMIT_BOUND",
    "ReasoningResult",
    "choose_engine",
    "explain",
    "hermit_version",
    "inferred_graph",
    "reason",
    "reasoner_input",
]
