"""Project the RDF graph to a NetworkX ``MultiDiGraph`` for network analysis and maps.

Nodes are the entities of the graph (``ekr:`` IRIs), keyed by their IRI string, with::

    iri, label, kind, kind_label, category, territory, territories, country,
    sectors, sources, props

Edges carry ``predicate`` (a CURIE), ``label`` (readable, in ``lang``), ``sources``
(the excerpts behind the edge), ``via`` (the collapsed relation's IRI, or None) and the
relation's ``date`` and ``status`` (None for a direct fact).

Left out of the projection: provenance (``rdf:Statement`` nodes, ``ek:Excerpt``, source
documents, all under ``ekd:``) and ontology terms (``ek:``, ``eks:``). Sectors are not
nodes: they become the ``sectors`` attribute (labels) of what concerns them; other
vocabulary values (e.g. a post's role) and literals become ``props``.

With ``collapse=True`` (the default for analysis), relations become labelled edges between
the actors they join (:mod:`.collapse`). Which classes are relations, and which properties
join what, is read from the ontology in force (:class:`.vocabulary.Vocabulary`), extensions
loaded as RDF included: a post joins its holder to the organisation ("president of"), an
agreement its signatories ("signed an agreement with"), an event its participants and its
organiser ("met at Meetings with WEDC"; a sub-event also joins the parent event's delegation
to its own participants), a site its organisation to the place it is in ("has a site in"), an
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
    cached = cache_file(backend, collapse=collapse, lang=lang, include_inferred=include_inferred, sources=sources)
    if cached is not None:
        try:
            return read_cache(cached)
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            pass  # none yet (or damaged): project, and write it
    with gc_paused():
        G = _project(backend, collapse=collapse, lang=lang, include_inferred=include_inferred, sources=sources)
        if cached is not None:
            write_cache(cached, G)
    return G


def _project(
    backend: Backend,
    *,
    collapse: bool,
    lang: str,
    include_inferred: bool,
    sources: bool,
) -> nx.MultiDiGraph:
    """The projection itself (see :func:`project`)."""
    rows = _select_all(backend, ("network-facts", "network-types", "network-labels", "network-vocabulary"), include_inferred)
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

    provenance = Provenance.of(backend, include_inferred, lang) if sources else Provenance()

    entities = set(types)
    for subject, pairs in links.items():
        entities.add(subject)
        entities.update(o for _, o in pairs if o.startswith(ekr))

    classes = {e: vocab.ancestors_of(types.get(e, ())) for e in entities}
    relationship = {e for e in entities if collapse and vocab.is_relation(types.get(e, ()))}

    G = nx.MultiDiGraph(lang=lang, collapse=collapse, include_inferred=include_inferred)
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
        builder = Collapser(G, links, incoming, classes, types, labels, vocab, provenance, lang, literals, relationship)
        for r in sorted(relationship):
            builder.collapse(r)
        collapsed_pairs = builder.pairs
        for node, found in builder.alone.items():
            listed: dict[str, str] = G.nodes[node]["props"]
            for kind_label, label in sorted(found):
                listed[kind_label] = f"{listed[kind_label]}; {label}" if kind_label in listed else label
            G.nodes[node]["props"] = dict(sorted(listed.items()))

    for s in sorted(links):
        if s not in G:
            continue
        for p, o in links[s]:
            if o not in G or p in skip_predicates or s == o:
                continue
            if (s, o) in collapsed_pairs or (o, s) in collapsed_pairs:
                continue  # a relation's link joins them already, and says more (ek:headOf beside a post)
            G.add_edge(
                s, o,
                predicate=curie(p),
                label=vocab.label(p) or local_name(p),
                sources=provenance.of_fact(s, p, o),
                via=None, date=None, status=None,
            )
    return G


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


__all__ = ["curie", "local_name", "project", "query_text"]
