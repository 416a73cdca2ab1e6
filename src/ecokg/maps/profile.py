"""An entity's profile, in words: what it is, its links grouped (posts, places, agreements,
events), each link's date, status and source sentence, its own facts' sources, and its
place in the network (broker rank, community, suggested introductions).

The explorer's entity pages (``/entity/{id}``) and the briefing (:mod:`ecokg.maps.brief`)
are written from it. Names keep their IRI (``iri``) so a page can link them; ``ref`` is
the short form the explorer's URLs take (``nicolas-paris`` for ``ekr:nicolas-paris``).
"""

from __future__ import annotations

import re
from importlib.resources import files
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import networkx as nx

from ecokg.errors import EntityNotFound
from ecokg.namespaces import EKR, PREFIXES

if TYPE_CHECKING:
    from ecokg.graph.store import Backend

#: Which group a link joins, by the predicate (or relation class) of its edge.
GROUPS = {
    "ek:Post": "posts", "ek:Site": "places", "ek:basedIn": "places", "ek:hasSite": "places",
    "ek:locatedIn": "places", "ek:Agreement": "agreements",
}
GROUP_ORDER = ("posts", "places", "agreements", "events", "other")
# A line break in the source PDF leaves "Bourgogne- Franche-Comté": the hyphen stays, the space goes.
_BROKEN = re.compile(r"(?<=\w)- (?=[A-ZÀ-Ý])")


def clean(text: object) -> str:
    """Source text without its line-break artefacts (``Bourgogne- Franche-Comté``)."""
    return _BROKEN.sub("-", str(text) if text else "").strip()


def ref(iri: str) -> str:
    """The short name of an entity in the explorer's URLs: its id under ``ekr:``, else a CURIE or the IRI."""
    ekr = str(EKR)
    if iri.startswith(ekr) and "/" not in iri[len(ekr):]:
        return iri[len(ekr):]
    for prefix, namespace in PREFIXES.items():
        if prefix and iri.startswith(str(namespace)) and "/" not in iri[len(str(namespace)):]:
            return f"{prefix}:{iri[len(str(namespace)):]}"
    return iri


def href(iri: str, lang: str = "en") -> str:
    """The explorer's URL of the entity page of ``iri``."""
    return "/entity/" + quote(ref(iri), safe=":") + ("?lang=fr" if lang == "fr" else "")


def resolve_ref(backend: Backend, text: str) -> str:
    """The entity an explorer URL names: an id under ``ekr:``, a CURIE, an IRI or a name."""
    from ecokg.queries.catalog import resolve_entity
    from ecokg.queries.resolve import name_index

    wanted = text.strip()
    if wanted and ":" not in wanted and " " not in wanted:
        iri = EKR[wanted]
        if iri in name_index(backend).types:
            return str(iri)
    return str(resolve_entity(backend, wanted))


def _graph(backend: Backend, iri: str, lang: str) -> nx.MultiDiGraph:
    from ecokg.network.projection import project
    from ecokg.network.provenance import attach_sources

    G = project(backend, collapse=True, lang=lang, sources=False)
    if iri not in G:  # a relation (a post, an agreement, an event) is a node only when not collapsed
        G = project(backend, collapse=False, lang=lang, sources=False)
    if iri not in G:
        raise EntityNotFound(f"{ref(iri)} is in the graph but is not an entity of the network")
    near = {iri, *G.predecessors(iri), *G.successors(iri)}
    # Sources only for the links shown: reading them for the whole graph costs seconds on a large store.
    return attach_sources(backend, G.subgraph(near).copy())


def _sources(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        {"document": clean(s.get("document")), "iri": str(s.get("iri") or ""), "date": str(s.get("date") or ""),
         "sentence": clean(s.get("quote"))}
        for s in items
    ]


def links(G: nx.MultiDiGraph, iri: str, lang: str = "en") -> dict[str, list[dict[str, Any]]]:
    """The entity's links, grouped (``posts``, ``places``, ``agreements``, ``events``, ``other``)."""
    groups: dict[str, list[dict[str, Any]]] = {g: [] for g in GROUP_ORDER}
    incident = [(v, d, True) for _, v, d in G.out_edges(iri, data=True)]
    incident += [(u, d, False) for u, _, d in G.in_edges(iri, data=True)]
    for other, data, outgoing in incident:
        predicate = str(data.get("predicate") or "")
        group = GROUPS.get(predicate) or ("events" if data.get("via") else "other")
        label = str(G.nodes[other].get("label") or other)
        groups[group].append({
            "outgoing": outgoing, "verb": str(data.get("label") or ""), "other": other, "other_label": label,
            "other_href": href(other, lang), "date": str(data.get("date") or ""),
            "status": str(data.get("status") or ""), "via": str(data.get("via") or ""),
            "sources": _sources(list(data.get("sources") or [])),
        })
    for found in groups.values():
        found.sort(key=lambda x: (x["date"], x["verb"], x["other_label"]))
    return {g: found for g, found in groups.items() if found}


def document_urls(backend: Backend) -> dict[str, str]:
    """Each source document's address, where its source file gave one (``source_url``)."""
    text = files("ecokg.maps").joinpath("sparql", "document-urls.rq").read_text("utf-8")
    # Only web addresses: a `javascript:` or `file:` value must never become a link.
    return {str(doc): str(url) for doc, url in backend.select(text) if str(url).startswith(("https://", "http://"))}


def fact_sources(backend: Backend, iri: str, lang: str = "en") -> list[dict[str, Any]]:
    """The sources of the entity's own facts, one entry per document, each sentence once with its facts."""
    from ecokg.queries.catalog import run_named

    urls = document_urls(backend)
    documents: dict[str, dict[str, Any]] = {}
    for row in run_named(backend, "fact-sources", {"entity": iri}, lang=lang).to_records():
        doc = str(row.get("document") or "")
        entry = documents.setdefault(doc, {
            "iri": doc, "title": clean(row.get("documentLabel")) or ref(doc), "date": str(row.get("date") or ""),
            "url": urls.get(doc, ""), "sentences": {},
        })
        sentence = clean(row.get("sentence"))
        fact = (" : " if lang == "fr" else ": ").join(x for x in (_said(row.get("propertyLabel"), row.get("property")),
                                       _said(row.get("valueLabel"), row.get("value"))) if x)
        facts = entry["sentences"].setdefault(sentence, [])
        if fact not in facts:
            facts.append(fact)
    return [
        {**{k: v for k, v in d.items() if k != "sentences"},
         "sentences": [{"text": s, "facts": f} for s, f in d["sentences"].items()]}
        for d in documents.values()
    ]


def _said(label: Any, value: Any) -> str:
    if label:
        return str(label)
    text = str(value or "")
    if text.startswith(("http://", "https://")):
        return re.split(r"[#/]", text.rstrip("/#"))[-1]
    return text


def _number_sources(grouped: dict[str, list[dict[str, Any]]], documents: list[dict[str, Any]], backend: Backend) -> None:
    """Each sentence once: the links' sentences join the documents' lists, every sentence gets a
    number (``n``), and each link the numbers of its sentences (``notes``), like footnotes."""
    by_iri = {d["iri"]: d for d in documents}
    urls: dict[str, str] | None = None
    for found in grouped.values():
        for link in found:
            for source in link["sources"]:
                doc = by_iri.get(source["iri"])
                if doc is None:
                    urls = document_urls(backend) if urls is None else urls
                    doc = by_iri[source["iri"]] = {"iri": source["iri"], "title": source["document"] or ref(source["iri"]),
                                                   "date": source["date"], "url": urls.get(source["iri"], ""), "sentences": []}
                    documents.append(doc)
                if not any(s["text"] == source["sentence"] for s in doc["sentences"]):
                    doc["sentences"].append({"text": source["sentence"], "facts": []})
    number = 0
    index: dict[tuple[str, str], int] = {}
    for doc in documents:
        for sentence in doc["sentences"]:
            number += 1
            sentence["n"] = number
            index[doc["iri"], sentence["text"]] = number
    for found in grouped.values():
        for link in found:
            link["notes"] = sorted({index[s["iri"], s["sentence"]] for s in link["sources"]})


def network_place(backend: Backend, iri: str, lang: str = "en", *, introductions: int = 5) -> dict[str, Any] | None:
    """Broker rank, community and suggested introductions (None when the entity is not an actor)."""
    from ecokg.network.actors import actor_graph
    from ecokg.network.brokers import brokers
    from ecokg.network.communities import communities
    from ecokg.network.introductions import suggest_introductions
    from ecokg.network.projection import project

    G = actor_graph(project(backend, collapse=True, lang=lang, sources=False))
    if iri not in G:
        return None
    ranked = brokers(G, top=G.number_of_nodes())
    rank = next((i for i, b in enumerate(ranked, start=1) if b.node == iri), None)
    groups = communities(G)
    number = next((i for i, members in enumerate(groups) if iri in members), None)
    members = [] if number is None else sorted(
        ({"iri": n, "label": str(G.nodes[n].get("label") or n), "href": href(n, lang)} for n in groups[number] if n != iri),
        key=lambda m: m["label"],
    )
    suggested = suggest_introductions(G, for_node=iri, top=introductions, lang=lang) if G.degree(iri) else []
    return {
        "broker_rank": rank, "brokers": len(ranked), "actors": G.number_of_nodes(), "degree": G.degree(iri),
        "community": number, "community_members": members,
        "introductions": [
            {"iri": s.second, "label": s.second_label, "href": href(s.second, lang), "reason": s.reason}
            for s in suggested
        ],
    }


def entity_profile(backend: Backend, text: str, lang: str = "en") -> dict[str, Any]:
    """Everything an entity page shows about the entity ``text`` names (id, CURIE, IRI or name)."""
    iri = resolve_ref(backend, text)
    G = _graph(backend, iri, lang)
    data = G.nodes[iri]
    territories = [str(t) for t in data.get("territories") or ([data["territory"]] if data.get("territory") else [])]
    grouped = links(G, iri, lang)
    sources = fact_sources(backend, iri, lang)
    _number_sources(grouped, sources, backend)
    return {
        "iri": iri, "ref": ref(iri), "label": str(data.get("label") or ref(iri)),
        "kind": str(data.get("kind_label") or data.get("kind") or ""),
        "territories": territories, "country": str(data.get("country") or ""),
        "sectors": [str(s) for s in data.get("sectors") or []],
        "aliases": str((data.get("props") or {}).get("aliases") or ""),
        "links": grouped,
        "sources": sources,
        "network": network_place(backend, iri, lang),
        "lang": lang,
    }


__all__ = ["clean", "document_urls", "entity_profile", "fact_sources", "href", "links", "network_place", "ref", "resolve_ref"]
