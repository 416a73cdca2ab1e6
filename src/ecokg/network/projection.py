"""Project the RDF graph to a NetworkX ``MultiDiGraph`` for network analysis and maps.

Nodes are the entities of the graph (``ekr:`` IRIs), keyed by their IRI string, with::

    iri, label, kind, kind_label, category, territory, territories, country,
    sectors, sources, props

Edges carry ``predicate`` (a CURIE), ``label`` (readable, in ``lang``), ``sources``
(the excerpts that state the edge), ``via`` (the collapsed relation's IRI, or None), the
relation's ``date``, ``status`` (its ``ek:status`` concept's label, e.g. "planned") and
``status_key`` (the concept's local name; for a direct fact, those of its subject), and
``co_participation`` (True for a link no source states, drawn only on request), ``inferred``
(True for a link only the reasoner states, with ``include_inferred=True``).

Every link is stated: a source states the fact it comes from, or the facts joining its
relation to its two ends. Attendance is not invented: a mission (``ek:joinsActors false``)
is a node, its delegation linked to it (``ek:ledBy``, ``ek:participant``) and its programme
linking it to the organisations met ("programme: Meetings with WEDC"), never each member to
each organisation met. ``co_participation=True`` adds the links between those who took part
in the same event (:meth:`.collapse.Collapser.co_participants`), marked as such.

Left out of the projection: provenance (``rdf:Statement`` nodes, ``ek:Excerpt``, source
documents, all under ``ekd:``) and ontology terms (``ek:``, ``eks:``). Sectors are not
nodes: they become the ``sectors`` attribute (labels) of what concerns them; other
vocabulary values (e.g. a post's role) and literals become ``props``.

With ``collapse=True`` (the default for analysis), relations become labelled edges between
the actors they join (:mod:`.collapse`). Which classes are relations, and which properties
join what, is read from the ontology in force (:class:`.vocabulary.Vocabulary`), extensions
loaded as RDF included: a post joins its holder to the organisation ("president of"), an
agreement its signatories ("signed an agreement with"), an event its participants and its
organiser (a mission's programme item links the mission to the organisations it names), a site its organisation to the place it is in ("has a site in"), an
acquisition the acquirer to the company bought ("acquired"), a funding round its investors to
the company funded; each link carries the relation (``via``), its ``date`` and ``status``.
A relation naming a single actor (a funding round without investors) is listed in that
actor's ``props``. Every other fact between two entities is an edge labelled by its property's
``rdfs:label`` in ``lang``, unless a relation's link already joins the same two nodes (the
loader's ``ek:headOf`` beside a post, the reasoner's ``ek:partnerOf`` beside an agreement).
With ``collapse=False`` relation nodes are kept and every fact between two entities is an
edge labelled by its property.

Everything is fetched with a handful of SPARQL queries (``network/sparql/network-*.rq``)
and joined in Python, so the cost grows linearly with the graph. The pieces: :mod:`.rows`
(the queries' rows), :mod:`.vocabulary` (labels and classes), :mod:`.provenance` (sources),
:mod:`.places` (territories), :mod:`.collapse` (relationships as edges), :mod:`.cache`.
Without sources (``sources=False``: measures, and maps and paths, which read the sources of
what they show afterwards, :func:`.provenance.attach_sources`) the Crunchbase export's 2.4M
triples project in about 8 s, read back from the cache in 0.3 s.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import networkx as nx

from ecokg.namespaces import EK, EKR
from ecokg.network.cache import cache_file, gc_paused, read_cache, write_cache
from ecokg.network.collapse import Collapser
from ecokg.network.places import Places
from ecokg.network.provenance import Provenance
from ecokg.network.rows import Lit, query_text, select_rows
from ecokg.network.vocabulary import (
    E,
    Labels,
    Vocabulary,
    category,
    curie,
    local_name,
)

if TYPE_CHECKING:
    from ecokg.graph.store import Backend

log = logging.getLogger("ecokg.network")


def project(
    backend: Backend,
    *,
    collapse: bool = True,
    lang: str = "en",
    include_inferred: bool = False,
    sources: bool = True,
    co_participation: bool = False,
) -> nx.MultiDiGraph:
    """The knowledge graph as a NetworkX ``MultiDiGraph`` (see the module docstring).

    ``sources=False`` leaves every ``sources`` attribute empty and skips fetching the
    provenance, about half the cost on large graphs: for measures, which never read it, and
    for maps and paths, which read the sources of what they show afterwards
    (:func:`ecokg.network.provenance.attach_sources`).

    On a disk store the projection is cached beside the generation it was made from
    (``<store>/gen-NNNNNN.cache/``, JSON): a generation never changes once written, so
    the cache is never stale, and it goes when the generation is collected. A million
    triples project in about 8 s, and read back from the cache in about 1 s.

    >>> G = project(kg)                                  # doctest: +SKIP
    >>> G.nodes["https://w3id.org/ecokg/id/gilson"]["kind"]   # doctest: +SKIP
    'Company'
    """
    cached = cache_file(backend, collapse=collapse, lang=lang, include_inferred=include_inferred, sources=sources,
                        co_participation=co_participation)
    if cached is not None:
        # Without sources, the projection with them (written at commit, :func:`keep_current`)
        # serves too: the same graph, its sources left out as it is read.
        fuller = None if sources else cache_file(backend, collapse=collapse, lang=lang, include_inferred=include_inferred,
                                                 sources=True, co_participation=co_participation)
        for path in (cached, fuller):
            if path is not None and path.is_file():
                try:
                    return read_cache(path, sources=sources)
                except (OSError, ValueError, KeyError, TypeError, IndexError):
                    pass  # damaged: project, and write it
    with gc_paused():
        G = _project(backend, collapse=collapse, lang=lang, include_inferred=include_inferred, sources=sources,
                     co_participation=co_participation)
        if cached is not None:
            write_cache(cached, G)
    return G


#: The projection :func:`keep_current` writes at commit: what maps and measures read (maps
#: with its sources, measures without).
AT_COMMIT: dict[str, Any] = {"collapse": True, "lang": "en", "include_inferred": False, "sources": True,
                             "co_participation": False}


def keep_current(backend: Backend) -> bool:
    """Project the store's current generation and cache it (:data:`AT_COMMIT`), if it has a
    cache and none is there yet: called after each write, so that the first map of a large
    store reads the projection instead of making it. False when nothing was written."""
    path = cache_file(backend, **AT_COMMIT)
    if path is None or path.is_file():
        return False
    try:
        project(backend, **AT_COMMIT)
    except Exception as exc:  # the write is committed: a cache that cannot be made is made on first use
        log.warning("the projection of %s was not cached at commit: %s", backend.description, exc)
        return False
    return path.is_file()


def for_map(backend: Backend, lang: str = "en") -> nx.MultiDiGraph:
    """The projection a map starts from: with its sources when they are cached (written at
    commit), otherwise without (the map then reads the sources of what it shows,
    :func:`.provenance.attach_sources`). ``G.graph["sources"]`` says which."""
    options = {**AT_COMMIT, "lang": lang}
    path = cache_file(backend, **options)
    return project(backend, **{**options, "sources": path is not None and path.is_file()})


def _project(
    backend: Backend,
    *,
    collapse: bool,
    lang: str,
    include_inferred: bool,
    sources: bool,
    co_participation: bool,
) -> nx.MultiDiGraph:
    """The projection itself (see :func:`project`)."""
    # The sources' queries too, side by side with the facts' (one wait for all eight).
    rows = _select_all(backend, ("network-facts", "network-types", "network-labels", "network-vocabulary",
                                 *(Provenance.QUERIES if sources else ())), include_inferred)
    vocab = Vocabulary.of(rows["network-vocabulary"], lang)

    types: dict[str, set[str]] = defaultdict(set)
    ekr, ek = str(EKR), str(EK)
    ecokg_class: dict[str, bool] = {}  # ek: classes, and those an ontology extension puts under them
    for entity, cls in rows.pop("network-types"):
        if isinstance(entity, str) and entity.startswith(ekr) and isinstance(cls, str):
            known = ecokg_class.get(cls)
            if known is None:
                known = ecokg_class[cls] = cls.startswith(ek) or vocab.is_ecokg_class(cls)
            if known:
                types[entity].add(cls)

    labels = Labels(lang)
    for s, label in rows.pop("network-labels"):
        if isinstance(s, str) and s.startswith(ekr) and isinstance(label, Lit):
            labels.add(s, label)
    literals: dict[str, dict[str, list[Lit]]] = defaultdict(lambda: defaultdict(list))
    links: dict[str, list[tuple[str, str]]] = defaultdict(list)  # subject -> [(p, o)]
    incoming: dict[str, list[tuple[str, str]]] = defaultdict(list)  # object -> [(p, s)]
    seen: set[tuple[str, str, str]] = set()  # a fact two sources state (two graphs) is one link
    for s, p, o in rows.pop("network-facts"):
        if not (isinstance(s, str) and s.startswith(ekr)):
            continue
        if isinstance(o, Lit):
            literals[s][p].append(o)
        elif isinstance(o, str) and not o.startswith("_:") and (s, p, o) not in seen:
            seen.add((s, p, o))
            links[s].append((p, o))
            if o.startswith(ekr):
                incoming[o].append((p, s))
    del seen

    provenance = Provenance.of(backend, include_inferred, lang, rows) if sources else Provenance()
    # What only the reasoner says: its links are marked ``inferred`` (no source states them).
    inferred: set[tuple[str, str, str]] = set()
    if include_inferred:
        inferred = {(s, p, o) for s, p, o in select_rows(backend, "network-inferred", True)}

    entities = set(types)
    for subject, pairs in links.items():
        entities.add(subject)
        entities.update(o for _, o in pairs if o.startswith(ekr))

    classes = {e: vocab.ancestors_of(types.get(e, ())) for e in entities}
    relationship = {e for e in entities if collapse and vocab.is_relation(types.get(e, ()))}

    G = nx.MultiDiGraph(lang=lang, collapse=collapse, include_inferred=include_inferred, co_participation=co_participation,
                        sources=sources)
    place_of = Places(entities, links, classes, incoming, labels, relationship)
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
            category=category(classes[entity]),
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
        builder = Collapser(G, links, incoming, classes, types, labels, vocab, provenance, lang, literals, relationship,
                            co_participation=co_participation, inferred=inferred)
        for r in sorted(relationship):
            builder.collapse(r)
        if co_participation:
            for node in sorted(G):
                if E.Event in classes.get(node, ()):
                    builder.co_participants(node)
        collapsed_pairs = builder.pairs
        for node, found in builder.alone.items():
            listed: dict[str, str] = G.nodes[node]["props"]
            for kind_label, label in sorted(found):
                listed[kind_label] = f"{listed[kind_label]}; {label}" if kind_label in listed else label
            G.nodes[node]["props"] = dict(sorted(listed.items()))

    statuses = _statuses(links, vocab, lang)
    for s in sorted(links):
        if s not in G:
            continue
        said = {(p, o) for p, o in links[s]}
        for p, o in links[s]:
            if o not in G or p in skip_predicates or s == o:
                continue
            if any((q, o) in said for q in vocab.sub_properties(p)):
                continue  # the narrower fact says it (a mission's ek:ledBy beside its ek:participant)
            if (s, o) in collapsed_pairs or (o, s) in collapsed_pairs:
                continue  # a relation's link joins them already, and says more (ek:headOf beside a post)
            G.add_edge(
                s, o,
                predicate=curie(p),
                label=vocab.label(p) or local_name(p),
                sources=provenance.of_fact(s, p, o),
                via=None, date=None, co_participation=False, inferred=(s, p, o) in inferred,
                **statuses.get(s, {"status": None, "status_key": None}),
            )
    return G


def _statuses(links: dict[str, list[tuple[str, str]]], vocab: Vocabulary, lang: str) -> dict[str, dict[str, str | None]]:
    """The status (label and key) of the entities that have one (``ek:status``)."""
    found: dict[str, dict[str, str | None]] = {}
    for s, pairs in links.items():
        concepts = sorted(o for p, o in pairs if p == E.status)
        if concepts:
            found[s] = {
                "status": "; ".join(vocab.label(c) or local_name(c) for c in concepts),
                "status_key": "; ".join(local_name(c) for c in concepts),
            }
    return found


def _select_all(backend: Backend, names: tuple[str, ...], include_inferred: bool) -> dict[str, list[list[Any]]]:
    """The rows of the packaged queries ``names``; on the embedded store, run side by side.

    Oxigraph runs a query without holding Python's lock: on a million triples the facts
    and the types are read in the time of the facts alone (two cores).
    """
    if backend.oxigraph() is None:  # a remote endpoint, or rdflib's engine: one at a time
        return {name: select_rows(backend, name, include_inferred) for name in names}
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        futures = {name: pool.submit(select_rows, backend, name, include_inferred) for name in names}
        return {name: future.result() for name, future in futures.items()}


def _in_lang(values: list[Lit], lang: str) -> list[str]:
    tagged = [v for v in values if v.lang]
    if tagged:
        preferred = [v for v in tagged if v.lang == lang] or tagged
        return [v.value for v in preferred + [v for v in values if not v.lang]]
    return [v.value for v in values]


__all__ = ["AT_COMMIT", "curie", "for_map", "keep_current", "local_name", "project", "query_text"]
