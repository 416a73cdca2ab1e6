"""Project the RDF graph to a NetworkX ``MultiDiGraph`` for network analysis and maps.

Nodes are the entities of the graph (``ekr:`` IRIs), keyed by their IRI string, with::

    iri, label, kind, kind_label, category, territory, territories, country,
    sectors, sources, props

Edges carry ``predicate`` (a CURIE), ``label`` (readable, in ``lang``), ``sources``
(the excerpts behind the edge) and ``via`` (the collapsed relationship's IRI, or None).

Left out of the projection: provenance (``rdf:Statement`` nodes, ``ek:Excerpt``, source
documents, all under ``ekd:``) and ontology terms (``ek:``, ``eks:``). Sectors are not
nodes: they become the ``sectors`` attribute (labels) of what concerns them; other
vocabulary values (e.g. a post's role) and literals become ``props``.

With ``collapse=True`` (the default for analysis), relationship nodes become labelled
edges between the actors they join:

* a Post (or Membership): holder -> organisation, labelled by its role ("president of");
* an Agreement: one edge per pair of signatories ("signed an agreement with");
* an Event (meeting, visit, signing, mission, adoption): one edge per pair of its
  participants, from each organiser to each participant, and, for a sub-event
  (``ek:partOf``), from each member of the parent event's delegation (its participants
  and leaders) to each participant of the sub-event, labelled by the event
  ("met at Meetings with the Wisconsin Economic Development Corporation (WEDC)");
* a Site: organisation -> the place of the site ("has a site in").

``ek:headOf`` / ``ek:hasHead`` / ``ek:partnerOf`` facts are then dropped when a collapsed
edge already joins the same two nodes (the loader or reasoner derived them from it).
With ``collapse=False`` relationship nodes are kept and every fact between two entities
is an edge labelled by its property.

Everything is fetched with a handful of SPARQL queries (``graph/sparql/network-*.rq``)
and joined in Python, so the cost grows linearly with the graph.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import networkx as nx
import pyoxigraph as ox
from rdflib import Literal

from ecokg.namespaces import (
    EK,
    EKR,
    INFERRED_GRAPH,
    OWL,
    PREFIXES,
    RDFS,
    SKOS,
)

if TYPE_CHECKING:
    from ecokg.graph.store import Backend

Source = dict[str, str]


class _Terms:
    """IRI strings of a namespace's terms, built once (rows are compared as plain strings)."""

    def __init__(self, namespace: Any) -> None:
        self._base = str(namespace)

    def __getattr__(self, name: str) -> str:
        value = self._base + name
        setattr(self, name, value)
        return value


E = _Terms(EK)
RDFS_LABEL = str(RDFS.label)
RDFS_SUBCLASSOF = str(RDFS.subClassOf)
SKOS_PREFLABEL = str(SKOS.prefLabel)
OWL_INVERSEOF = str(OWL.inverseOf)


class Lit(NamedTuple):
    """A literal as its text and language tag ("" when it has none)."""

    value: str
    lang: str = ""


Term = str | Lit | None

#: Classes whose instances are relationships, collapsed into edges with ``collapse=True``.
RELATIONSHIP_CLASSES = (E.Post, E.Membership, E.Agreement, E.Event, E.Site)
#: Broad category of a node, from its classes (first match wins).
CATEGORIES = (
    (E.Person, "person"),
    (E.Organization, "organization"),
    (E.Site, "site"),
    (E.Place, "place"),
    (E.Event, "event"),
    (E.Post, "post"),
    (E.Membership, "membership"),
    (E.Agreement, "agreement"),
    (E.Document, "document"),
)
#: Facts derived from a relationship that a collapsed edge already shows.
DERIVED_PREDICATES = {E.headOf, E.hasHead, E.partnerOf}

# Readable labels of collapsed edges, per language; {role} / {event} are filled in.
_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "post": "{role} of",
        "post-norole": "holds a post in",
        "membership": "{role} of",
        "membership-norole": "member of",
        "agreement": "signed an agreement with",
        "site": "has a site in",
        "organizer": "organised {event} with",
        "Meeting": "met at {event}",
        "Visit": "met during {event}",
        "Signing": "met at {event}",
        "Mission": "took part in {event} with",
        "event": "took part in {event} with",
    },
    "fr": {
        "post": "{role} de",
        "post-norole": "occupe un poste au sein de",
        "membership": "{role} de",
        "membership-norole": "membre de",
        "agreement": "a signé un accord avec",
        "site": "a un site à",
        "organizer": "a organisé {event} avec",
        "Meeting": "a rencontré lors de {event}",
        "Visit": "a rencontré lors de {event}",
        "Signing": "a rencontré lors de {event}",
        "Mission": "a participé à {event} avec",
        "event": "a participé à {event} avec",
    },
}


@cache
def query_text(name: str) -> str:
    """The text of ``graph/sparql/<name>.rq`` (packaged data)."""
    return resources.files("ecokg.network.sparql").joinpath(f"{name}.rq").read_text(encoding="utf-8")


@cache
def curie(iri: str) -> str:
    """``ek:heldBy`` for the IRI of ``ek:heldBy`` (the IRI itself when no prefix fits)."""
    best = ""
    best_prefix = ""
    for prefix, namespace in PREFIXES.items():
        ns = str(namespace)
        if iri.startswith(ns) and len(ns) > len(best):
            best, best_prefix = ns, prefix
    return f"{best_prefix}:{iri[len(best):]}" if best else iri


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class _Labels:
    """Language-aware labels: ``lang`` first, then English, then any language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.values: dict[str, dict[str, str]] = defaultdict(dict)

    def add(self, iri: str, literal: Lit, *, weak: bool = False) -> None:
        tag = literal.lang
        if weak and tag in self.values[iri]:
            return
        self.values[iri].setdefault(tag, literal.value)

    def get(self, iri: str, default: str | None = None) -> str | None:
        found = self.values.get(iri)
        if not found:
            return default
        for tag in (self.lang, "", "en"):
            if tag in found:
                return found[tag]
        return found[sorted(found)[0]]


def _plain(term: Any) -> Term:
    """An rdflib term as a plain value: IRI -> str, literal -> :class:`Lit`."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return Lit(str(term), term.language or "")
    return str(term)


def _select(backend: Backend, name: str, include_inferred: bool) -> list[list[Any]]:
    # Rows hold plain terms (str IRIs, Lit, None); typed Any so that callers can unpack them.
    """Rows of a packaged query, over the union of the graphs minus ``inferred`` unless asked."""
    text = query_text(name)
    store = backend.oxigraph()
    if store is None:
        exclude = () if include_inferred else (INFERRED_GRAPH,)
        return [[_plain(t) for t in row] for row in backend.select(text, exclude_graphs=exclude)]
    options: dict[str, Any] = {"use_default_graph_as_union": True}
    if not include_inferred:
        inferred = str(INFERRED_GRAPH)
        options = {"default_graph": [g for g in store.named_graphs() if g.value != inferred]}
    # Embedded store: Oxigraph writes the whole result as TSV in Rust, which we split; a
    # Python object per term (pyoxigraph's, let alone rdflib's) costs more than the query.
    data = store.query(text, **options).serialize(format=ox.QueryResultsFormat.TSV)
    lines = data.decode("utf-8").split("\n")
    return [[_tsv_term(cell) for cell in line.split("\t")] for line in lines[1:] if line]


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ESCAPED = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    if code:
        return chr(int(code, 16))
    char = match.group(3)
    return _ESCAPED.get(char, char)


def _tsv_term(cell: str) -> Term:
    """A term of a SPARQL TSV result (N-Triples syntax) as a plain value."""
    if not cell:
        return None
    first = cell[0]
    if first == "<":
        return cell[1:-1]
    if first == '"':
        end = cell.rindex('"')
        value = cell[1:end]
        if "\\" in value:
            value = _ESCAPE.sub(_unescape, value)
        tail = cell[end + 1:]
        return Lit(value, tail[1:] if tail.startswith("@") else "")
    if cell.startswith("_:"):
        return cell
    return Lit(cell)  # a number or boolean written bare (Turtle shorthand)


def project(
    backend: Backend,
    *,
    collapse: bool = True,
    lang: str = "en",
    include_inferred: bool = False,
    sources: bool = True,
) -> nx.MultiDiGraph:
    """The knowledge graph as a NetworkX ``MultiDiGraph`` (see the module docstring).

    ``sources=False`` leaves every ``sources`` attribute empty and skips fetching the
    provenance, about half the cost on large graphs: for measures, which never read it.

    On a disk store the projection is cached beside the generation it was made from
    (``<store>/gen-NNNNNN.cache/``, JSON): a generation never changes once written, so
    the cache is never stale, and it goes when the generation is collected. A million
    triples project in about 8 s, and read back from the cache in about 1 s.

    >>> G = project(kg)                                  # doctest: +SKIP
    >>> G.nodes["https://w3id.org/ecokg/id/gilson"]["kind"]   # doctest: +SKIP
    'Company'
    """
    cached = _cache_file(backend, collapse=collapse, lang=lang, include_inferred=include_inferred, sources=sources)
    if cached is not None:
        try:
            return _read_cache(cached)
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            pass  # none yet (or damaged): project, and write it
    G = _project(backend, collapse=collapse, lang=lang, include_inferred=include_inferred, sources=sources)
    if cached is not None:
        _write_cache(cached, G)
    return G


#: Bump when the projection's shape changes: older cache files are then ignored.
PROJECTION_FORMAT = 2


def _read_cache(path: Path) -> nx.MultiDiGraph:
    """A projection from its cache file (see :func:`_write_cache`)."""
    with path.open("rb") as handle:
        data = json.load(handle)
    table = data["sources"]

    def attrs(raw: dict[str, Any]) -> dict[str, Any]:
        if "sources" in raw:
            # One dict per distinct source, shared by the nodes and edges that cite it (read-only).
            raw["sources"] = [table[i] for i in raw["sources"]]
        return raw

    G = nx.MultiDiGraph(**data["graph"])
    G.add_nodes_from((node, attrs(raw)) for node, raw in data["nodes"])
    G.add_edges_from((u, v, key, attrs(raw)) for u, v, key, raw in data["edges"])
    return G


def _cache_file(backend: Backend, **options: Any) -> Path | None:
    """Where the projection with ``options`` of the store's current generation is cached (None: no cache)."""
    from ecokg.version import __version__
    from ecokg.graph.store import DiskBackend

    if not isinstance(backend, DiskBackend) or backend.generation is None or not re.fullmatch(r"[a-z]{2,8}", options["lang"]):
        return None
    flags = "".join(f"-{name}" for name in ("collapse", "include_inferred", "sources") if options[name])
    return backend.root / f"{backend.generation}.cache" / f"projection-{__version__}-{PROJECTION_FORMAT}-{options['lang']}{flags}.json"


def _write_cache(path: Path, G: nx.MultiDiGraph) -> None:
    """Write the cache file atomically; a store folder we may not write to just goes without."""
    import os
    import tempfile

    try:
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".projection-", suffix=".tmp")
        # Sources repeat (a document line behind many links): each is written once, in a table
        # the nodes and edges point into, which halves the file and the time to read it back.
        table: dict[str, int] = {}

        def attrs(data: dict[str, Any]) -> dict[str, Any]:
            if "sources" not in data:
                return data
            refs = [table.setdefault(json.dumps(source, sort_keys=True), len(table)) for source in data["sources"]]
            return {**data, "sources": refs}

        payload = {
            "graph": G.graph,
            "nodes": [[node, attrs(data)] for node, data in G.nodes(data=True)],
            "edges": [[u, v, key, attrs(data)] for u, v, key, data in G.edges(keys=True, data=True)],
        }
        payload["sources"] = [json.loads(source) for source in table]
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        return


def _project(
    backend: Backend,
    *,
    collapse: bool,
    lang: str,
    include_inferred: bool,
    sources: bool,
) -> nx.MultiDiGraph:
    """The projection itself (see :func:`project`)."""
    vocab = _Vocabulary.of(_select(backend, "network-vocabulary", include_inferred), lang)

    types: dict[str, set[str]] = defaultdict(set)
    ekr, ek = str(EKR), str(EK)
    for entity, cls in _select(backend, "network-types", include_inferred):
        if isinstance(entity, str) and entity.startswith(ekr) and isinstance(cls, str) and cls.startswith(ek):
            types[entity].add(cls)

    labels = _Labels(lang)
    literals: dict[str, dict[str, list[Lit]]] = defaultdict(lambda: defaultdict(list))
    links: dict[str, list[tuple[str, str]]] = defaultdict(list)  # subject -> [(p, o)]
    incoming: dict[str, list[tuple[str, str]]] = defaultdict(list)  # object -> [(p, s)]
    for s, p, o in _select(backend, "network-facts", include_inferred):
        if not (isinstance(s, str) and s.startswith(ekr)):
            continue
        if isinstance(o, Lit):
            if p == RDFS_LABEL:
                labels.add(s, o)
            else:
                literals[s][p].append(o)
        elif isinstance(o, str) and not o.startswith("_:"):
            links[s].append((p, o))
            if o.startswith(ekr):
                incoming[o].append((p, s))

    provenance = _Provenance.of(backend, include_inferred, lang) if sources else _Provenance()

    entities = set(types)
    for subject, pairs in links.items():
        entities.add(subject)
        entities.update(o for _, o in pairs if o.startswith(ekr))

    classes = {e: vocab.ancestors_of(types.get(e, ())) for e in entities}
    relationship = {
        e for e in entities if collapse and classes[e].intersection(RELATIONSHIP_CLASSES)
    }

    G = nx.MultiDiGraph(lang=lang, collapse=collapse)
    place_of = _Places(entities, links, classes, incoming, labels)
    for entity in sorted(entities - relationship):
        kind = vocab.most_specific(types.get(entity, ()))
        territories, country = place_of.territories(entity)
        sectors: list[str] = []
        props: dict[str, list[str]] = defaultdict(list)
        for p, o in links.get(entity, ()):
            if o.startswith(ekr):
                continue
            if p == E.concernsSector:
                sectors.append(vocab.label(o) or local_name(o))
            else:
                props[vocab.label(p) or local_name(p)].append(vocab.label(o) or curie(o))
        for p, values in literals.get(entity, {}).items():
            # Sorted: the order of a query's rows is the engine's, not the data's.
            props[vocab.label(p) or local_name(p)].extend(_in_lang(sorted(values), lang))
        G.add_node(
            entity,
            iri=entity,
            label=labels.get(entity) or local_name(entity),
            kind=local_name(kind) if kind else "Entity",
            kind_label=(vocab.label(kind) if kind else None) or (local_name(kind) if kind else "entity"),
            category=_category(classes[entity]),
            territory=territories[0] if territories else None,
            territories=territories,
            country=country,
            sectors=sorted(set(sectors)),
            sources=provenance.of_entity(entity),
            props={k: "; ".join(dict.fromkeys(v)) for k, v in sorted(props.items())},
        )

    skip_predicates = vocab.inverse_side
    collapsed_pairs: set[tuple[str, str]] = set()
    if collapse:
        builder = _Collapser(G, links, incoming, classes, types, labels, vocab, provenance, lang)
        for r in sorted(relationship):
            builder.collapse(r)
        collapsed_pairs = builder.pairs

    for s in sorted(links):
        if s not in G:
            continue
        for p, o in links[s]:
            if o not in G or p in skip_predicates or s == o:
                continue
            if p in DERIVED_PREDICATES and (
                (s, o) in collapsed_pairs or (o, s) in collapsed_pairs
            ):
                continue
            G.add_edge(
                s, o,
                predicate=curie(p),
                label=vocab.label(p) or local_name(p),
                sources=provenance.of_fact(s, p, o),
                via=None,
            )
    return G


def _in_lang(values: list[Lit], lang: str) -> list[str]:
    tagged = [v for v in values if v.lang]
    if tagged:
        preferred = [v for v in tagged if v.lang == lang] or tagged
        return [v.value for v in preferred + [v for v in values if not v.lang]]
    return [v.value for v in values]


def _category(classes: set[str]) -> str:
    for cls, name in CATEGORIES:
        if cls in classes:
            return name
    return "other"


class _Vocabulary:
    """Labels, class hierarchy and inverse properties of the ontology terms."""

    def __init__(self, lang: str) -> None:
        self.labels = _Labels(lang)
        self.parents: dict[str, set[str]] = defaultdict(set)
        self.inverse_side: set[str] = set()
        self._ancestors: dict[str, frozenset[str]] = {}
        self._specific: dict[frozenset[str], str | None] = {}
        self._all_ancestors: dict[frozenset[str], frozenset[str]] = {}

    @classmethod
    def of(cls, rows: Iterable[Sequence[Any]], lang: str) -> _Vocabulary:
        vocab = cls(lang)
        for t, p, o in rows:
            if p in (RDFS_LABEL, SKOS_PREFLABEL) and isinstance(o, Lit):
                vocab.labels.add(t, o)
            elif p == E.yamlKey and isinstance(o, Lit):
                vocab.labels.add(t, Lit(o.value), weak=True)
            elif p == RDFS_SUBCLASSOF and isinstance(o, str):
                vocab.parents[t].add(o)
            elif p == OWL_INVERSEOF and isinstance(o, str):
                # `ek:locatedIn owl:inverseOf ek:contains`: the object side is the one
                # the reasoner adds, so its facts duplicate the subject side's.
                vocab.inverse_side.add(o)
        return vocab

    def label(self, iri: str) -> str | None:
        return self.labels.get(iri)

    def ancestors(self, cls: str) -> frozenset[str]:
        if cls not in self._ancestors:
            seen = {cls}
            queue = deque([cls])
            while queue:
                for parent in self.parents.get(queue.popleft(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        queue.append(parent)
            self._ancestors[cls] = frozenset(seen)
        return self._ancestors[cls]

    def ancestors_of(self, classes: Iterable[str]) -> set[str]:
        key = frozenset(classes)
        if key not in self._all_ancestors:
            found: set[str] = set()
            for cls in key:
                found |= self.ancestors(cls)
            self._all_ancestors[key] = frozenset(found)
        return set(self._all_ancestors[key])

    def most_specific(self, classes: Iterable[str]) -> str | None:
        """The deepest ek: class (most ancestors), alphabetical on ties."""
        key = frozenset(classes)
        if key not in self._specific:
            ek = str(EK)
            candidates = sorted(c for c in key if c.startswith(ek))
            self._specific[key] = (
                max(candidates, key=lambda c: (len(self.ancestors(c)), [-ord(ch) for ch in c]))
                if candidates else None
            )
        return self._specific[key]


class _Provenance:
    """Excerpts behind facts, fetched once: fact -> excerpts -> (document, sentence)."""

    def __init__(self) -> None:
        self.by_fact: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self.by_subject: dict[str, list[str]] = defaultdict(list)
        self.by_object: dict[str, list[str]] = defaultdict(list)
        self.excerpts: dict[str, Source] = {}

    @classmethod
    def of(cls, backend: Backend, include_inferred: bool, lang: str) -> _Provenance:
        found = cls()
        ekr = str(EKR)
        for s, x in _select(backend, "network-sources", include_inferred):
            if isinstance(s, str) and s.startswith(ekr) and isinstance(x, str):
                found.by_subject[s].append(x)
        # Facts with a literal object are never edges: only those with an IRI are fetched.
        for s, p, o, x in _select(backend, "network-fact-sources", include_inferred):
            if isinstance(s, str) and s.startswith(ekr) and isinstance(o, str) and isinstance(x, str):
                found.by_fact[(s, str(p), o)].append(x)
                found.by_object[o].append(x)
        titles = _Labels(lang)
        dates: dict[str, str] = {}
        for doc, title, date in _select(backend, "network-documents", include_inferred):
            if not isinstance(doc, str):
                continue
            if isinstance(title, Lit):
                titles.add(doc, title)
            if isinstance(date, Lit):
                dates[doc] = date.value
        for x, text, doc in _select(backend, "network-excerpts", include_inferred):
            if isinstance(x, str) and isinstance(text, Lit) and isinstance(doc, str):
                found.excerpts[x] = {
                    "document": titles.get(doc) or local_name(doc),
                    "date": dates.get(doc, ""),
                    "quote": text.value,
                    "iri": doc,
                }
        return found

    def _sources(self, excerpts: Iterable[str]) -> list[Source]:
        """The sources of these excerpts, one per (document, sentence), in that order."""
        seen: dict[tuple[str, str], Source] = {}
        for x in excerpts:
            source = self.excerpts.get(x)
            if source is not None:
                seen.setdefault((source["iri"], source["quote"]), source)
        return [dict(seen[key]) for key in sorted(seen)]

    def of_entity(self, entity: str) -> list[Source]:
        return self._sources(self.by_subject.get(entity, ()))

    def of_relationship(self, node: str) -> list[Source]:
        return self._sources([*self.by_subject.get(node, ()), *self.by_object.get(node, ())])

    def of_fact(self, s: str, p: str, o: str) -> list[Source]:
        return self._sources(self.by_fact.get((s, p, o), ()))


class _Places:
    """Territory (administrative area) and country of each entity."""

    def __init__(
        self,
        entities: set[str],
        links: dict[str, list[tuple[str, str]]],
        classes: dict[str, set[str]],
        incoming: dict[str, list[tuple[str, str]]],
        labels: _Labels,
    ) -> None:
        self.links = links
        self.incoming = incoming
        self.classes = classes
        self.labels = labels
        self.parents: dict[str, list[str]] = defaultdict(list)
        for s in entities:
            for p, o in links.get(s, ()):
                if p == E.locatedIn:
                    self.parents[s].append(o)
        self._cache: dict[str, tuple[list[str], list[str]]] = {}

    def _of_place(self, place: str) -> tuple[list[str], list[str]]:
        """(nearest administrative areas, nearest countries) of a place, walking ek:locatedIn up."""
        if place in self._cache:
            return self._cache[place]
        areas: list[str] = []
        countries: list[str] = []
        seen = {place}
        frontier = [place]
        while frontier and not (areas and countries):
            level_areas = [p for p in frontier if E.AdministrativeArea in self.classes.get(p, ())]
            level_countries = [p for p in frontier if E.Country in self.classes.get(p, ())]
            areas = areas or sorted(level_areas)
            countries = countries or sorted(level_countries)
            nxt = []
            for p in frontier:
                for parent in self.parents.get(p, ()):
                    if parent not in seen:
                        seen.add(parent)
                        nxt.append(parent)
            frontier = nxt
        self._cache[place] = (areas, countries)
        return areas, countries

    def _anchors(self, entity: str) -> list[str]:
        """The places an entity is in: itself (a place), where it is based, its sites, its events' location."""
        classes = self.classes.get(entity, set())
        if E.Place in classes and E.Site not in classes:
            return [entity]
        anchors: list[str] = []
        for p, o in self.links.get(entity, ()):
            if p in (E.basedIn, E.location, E.locatedIn):
                anchors.append(o)
            elif p == E.hasSite:
                anchors.extend(q for pp, q in self.links.get(o, ()) if pp == E.locatedIn)
        return anchors

    def _person_orgs(self, person: str) -> list[str]:
        """Organisations of a person's posts and memberships (and those they head or belong to)."""
        orgs: list[str] = []
        for p, node in self.incoming.get(person, ()):
            if p == E.heldBy:
                orgs.extend(o for pp, o in self.links.get(node, ()) if pp == E.postIn)
            elif p == E.membershipMember:
                orgs.extend(o for pp, o in self.links.get(node, ()) if pp == E.memberIn)
        orgs.extend(o for p, o in self.links.get(person, ()) if p in (E.headOf, E.memberOf))
        return sorted(set(orgs))

    def territories(self, entity: str) -> tuple[list[str], str | None]:
        """Territory labels, most frequent first (then alphabetical), and the country label."""
        classes = self.classes.get(entity, set())
        anchors = self._anchors(entity)
        if not anchors and E.Person in classes:
            for org in self._person_orgs(entity):
                anchors.extend(self._anchors(org))
        area_count: Counter[str] = Counter()
        country_count: Counter[str] = Counter()
        for anchor in anchors:
            areas, countries = self._of_place(anchor)
            area_count.update(self.labels.get(a) or local_name(a) for a in areas)
            country_count.update(self.labels.get(c) or local_name(c) for c in countries)
        ranked = sorted(area_count, key=lambda t: (-area_count[t], t))
        country = sorted(country_count, key=lambda t: (-country_count[t], t))
        return ranked, (country[0] if country else None)


class _Collapser:
    """Turns relationship nodes into labelled edges between the nodes they join."""

    def __init__(
        self,
        G: nx.MultiDiGraph,
        links: dict[str, list[tuple[str, str]]],
        incoming: dict[str, list[tuple[str, str]]],
        classes: dict[str, set[str]],
        types: dict[str, set[str]],
        labels: _Labels,
        vocab: _Vocabulary,
        provenance: _Provenance,
        lang: str,
    ) -> None:
        self.G = G
        self.links = links
        self.incoming = incoming
        self.classes = classes
        self.types = types
        self.labels = labels
        self.vocab = vocab
        self.provenance = provenance
        self.phrases = _PHRASES.get(lang, _PHRASES["en"])
        self.pairs: set[tuple[str, str]] = set()

    def out(self, node: str, *predicates: Any) -> list[str]:
        wanted = set(predicates)
        return sorted({o for p, o in self.links.get(node, ()) if p in wanted})

    def into(self, node: str, *predicates: Any) -> list[str]:
        wanted = set(predicates)
        return sorted({s for p, s in self.incoming.get(node, ()) if p in wanted})

    def is_a(self, node: str, cls: str) -> bool:
        return cls in self.classes.get(node, ())

    def add(self, u: str, v: str, predicate: str, label: str, via: str) -> None:
        if u == v or u not in self.G or v not in self.G:
            return
        self.G.add_edge(
            u, v, predicate=predicate, label=label,
            sources=self.provenance.of_relationship(via), via=via,
        )
        self.pairs.add((u, v))

    def kind(self, node: str) -> str:
        most = self.vocab.most_specific(self.types.get(node, ()))
        return curie(most) if most else "ek:Entity"

    def collapse(self, r: str) -> None:
        predicate = self.kind(r)
        if self.is_a(r, E.Post) or self.is_a(r, E.Membership):
            post = self.is_a(r, E.Post)
            holders = (
                self.out(r, E.heldBy) + self.into(r, E.holds)
                if post else self.out(r, E.membershipMember)
            )
            orgs = self.out(r, E.postIn) + self.into(r, E.hasPost) if post else self.out(r, E.memberIn)
            roles = self.out(r, E.role)
            key = "post" if post else "membership"
            role = self.vocab.label(roles[0]) if roles else None
            label = self.phrases[key].format(role=role) if role else self.phrases[f"{key}-norole"]
            for holder in sorted(set(holders)):
                for org in sorted(set(orgs)):
                    self.add(holder, org, predicate, label, r)
        elif self.is_a(r, E.Agreement):
            signatories = sorted(set(self.out(r, E.signatory) + self.into(r, E.signed)))
            for a, b in combinations(signatories, 2):
                self.add(a, b, predicate, self.phrases["agreement"], r)
        elif self.is_a(r, E.Site):
            orgs = sorted(set(self.into(r, E.hasSite) + self.out(r, E.siteOf)))
            for org in orgs:
                for place in self.out(r, E.locatedIn):
                    self.add(org, place, predicate, self.phrases["site"], r)
        elif self.is_a(r, E.Event):
            self._collapse_event(r, predicate)

    def participants(self, event: str) -> list[str]:
        found = set(self.out(event, E.participant, E.ledBy) + self.into(event, E.participatedIn))
        if self.is_a(event, E.Visit):
            found.update(v for v in self.out(event, E.visited) if v in self.G)
        return sorted(found)

    def delegation(self, event: str) -> list[str]:
        """Participants of the events ``event`` is part of (transitively): who attended it."""
        found: set[str] = set()
        seen = {event}
        queue = deque(self.out(event, E.partOf) + self.into(event, E.hasPart))
        while queue:
            parent = queue.popleft()
            if parent in seen:
                continue
            seen.add(parent)
            found.update(self.participants(parent))
            queue.extend(self.out(parent, E.partOf) + self.into(parent, E.hasPart))
        return sorted(found)

    def _collapse_event(self, r: str, predicate: str) -> None:
        name = self.labels.get(r) or local_name(r)
        local = local_name(self.vocab.most_specific(self.types.get(r, ())) or "")
        phrase = self.phrases.get(local, self.phrases["event"]).format(event=name)
        own = self.participants(r)
        for a, b in combinations(own, 2):
            self.add(a, b, predicate, phrase, r)
        for member in self.delegation(r):
            for p in own:
                if member not in own:
                    self.add(member, p, predicate, phrase, r)
        organised = self.phrases["organizer"].format(event=name)
        for organizer in self.out(r, E.organizer):
            for p in own:
                self.add(organizer, p, predicate, organised, r)


__all__ = ["RELATIONSHIP_CLASSES", "curie", "local_name", "project", "query_text"]
