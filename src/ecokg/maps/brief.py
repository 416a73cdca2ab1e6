"""A printable briefing on a territory or a mission: one self-contained HTML page.

``ecokg brief --territory Wisconsin`` (or ``--mission NAME``) and ``/brief?territory=...``
write the same page: the actors, their links to the home region, the agreements and their
status, the events, the brokers, the suggested introductions and the sources. The page
makes no request (a Content-Security-Policy forbids any, and it has no script) and has
print styles, so a browser prints it, or saves it as PDF, as it is.

The *home* region is the one the briefing is written for: by default the territory with
the most actors other than the one briefed (Bourgogne-Franche-Comté on the seed).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from ecokg.errors import QueryError
from ecokg.maps.profile import clean, document_urls, href

if TYPE_CHECKING:
    from ecokg.graph.store import Backend

#: Most rows of each list of the briefing (actors, events, brokers, introductions).
TOP = 12


def _territories(G: nx.Graph, node: str) -> list[str]:
    data = G.nodes[node]
    return [str(t) for t in data.get("territories") or ([data["territory"]] if data.get("territory") else [])]


def _home(actors: nx.Graph, territory: str, home: str | None) -> str:
    if home:
        return home
    counts = Counter(t for n in actors for t in _territories(actors, n) if t != territory)
    if not counts:
        raise QueryError(f"no other territory than {territory} has actors: give the home region")
    return min(counts, key=lambda t: (-counts[t], t))


def _name(G: nx.Graph, node: str, links: bool, lang: str) -> dict[str, str]:
    return {"iri": node, "label": str(G.nodes[node].get("label") or node) if node in G else node,
            "href": href(node, lang) if links else ""}


def _documents(G: nx.Graph, nodes: set[str], urls: dict[str, str]) -> list[dict[str, Any]]:
    """The documents behind the facts of ``nodes`` and the links between them, most cited first."""
    cited: dict[str, dict[str, Any]] = {}
    items = [d.get("sources") or [] for n, d in G.nodes(data=True) if n in nodes]
    items += [d.get("sources") or [] for u, v, d in G.edges(data=True) if u in nodes and v in nodes]
    for sources in items:
        for s in sources:
            iri = str(s.get("iri") or "")
            entry = cited.setdefault(iri, {"iri": iri, "title": clean(s.get("document")), "date": str(s.get("date") or ""),
                                           "url": urls.get(iri, ""), "sentences": set()})
            entry["sentences"].add(clean(s.get("quote")))
    found = [{**e, "sentences": len(e["sentences"])} for e in cited.values()]
    return sorted(found, key=lambda e: (-e["sentences"], e["title"]))


def _agreements(backend: Backend, lang: str, keep: Any) -> list[dict[str, Any]]:
    from ecokg.queries.catalog import run_named

    found: dict[str, dict[str, Any]] = {}
    for row in run_named(backend, "agreements", {}, lang=lang).to_records():
        entry = found.setdefault(str(row["agreement"]), {
            "label": clean(str(row.get("agreementLabel") or "")), "status": str(row.get("statusLabel") or ""),
            "date": str(row.get("date") or ""), "signatories": [], "iris": set(),
        })
        if row.get("signatory") and str(row.get("signatoryLabel")) not in entry["signatories"]:
            entry["signatories"].append(str(row.get("signatoryLabel")))
            entry["iris"].add(str(row["signatory"]))
        if row.get("during"):
            entry["iris"].add(str(row["during"]))
    return [{k: v for k, v in e.items() if k != "iris"} for e in found.values() if keep(e["iris"])]


def _events(backend: Backend, lang: str, keep: Any) -> list[dict[str, str]]:
    from ecokg.queries.catalog import run_named

    rows = run_named(backend, "events-in-period", {}, lang=lang).to_records()
    return [
        {"label": clean(str(r.get("eventLabel") or "")), "type": str(r.get("typeLabel") or ""),
         "status": str(r.get("statusLabel") or ""), "start": str(r.get("start") or ""), "end": str(r.get("end") or ""),
         "places": str(r.get("places") or ""), "with": str(r.get("participants") or "")}
        for r in rows if keep(r)
    ]


def territory_brief(backend: Backend, territory: str, *, home: str | None = None, lang: str = "en", links: bool = False) -> dict[str, Any]:
    """What a briefing on ``territory`` says (see the module docstring); ``links``: names link to entity pages."""
    from ecokg.network.actors import actor_graph
    from ecokg.network.answers import brokers_answer
    from ecokg.network.introductions import suggest_introductions
    from ecokg.network.lookup import territory_name
    from ecokg.network.projection import project
    from ecokg.network.provenance import attach_sources

    G = project(backend, collapse=True, lang=lang, sources=False)
    name = territory_name(backend, G, territory)
    actors = actor_graph(G)
    members = {n for n in actors if name in _territories(actors, n)}
    if not members:
        known = sorted({t for n in actors for t in _territories(actors, n)})
        raise QueryError(f"no actor in {territory!r}; territories with actors: {', '.join(known)}")
    home_name = territory_name(backend, G, _home(actors, name, home))
    at_home = {n for n in actors if home_name in _territories(actors, n)}
    sourced = attach_sources(backend, G.subgraph(members | at_home).copy())
    rows = []
    for n in sorted(members, key=lambda n: str(actors.nodes[n].get("label"))):
        ties = []
        for u, v, d in sourced.edges(data=True):
            if n in (u, v) and ({u, v} - {n}) & at_home:
                other = v if u == n else u
                ties.append({"verb": str(d.get("label") or ""), "outgoing": u == n, **_name(G, other, links, lang)})
        rows.append({**_name(G, n, links, lang), "kind": str(actors.nodes[n].get("kind_label") or ""),
                     "territories": _territories(actors, n), "ties": ties})
    labels = {str(actors.nodes[n].get("label")) for n in members}
    places = {str(G.nodes[n].get("label")) for n in G if G.nodes[n].get("category") == "place" and name in _territories(G, n)}
    events = _events(backend, lang, lambda r: bool(
        set(str(r.get("participants") or "").split("; ")) & labels or set(str(r.get("places") or "").split("; ")) & places))
    suggestions = [
        s for s in suggest_introductions(actors, top=10 * TOP, lang=lang)
        if {s.first, s.second} & members and {s.first, s.second} & at_home
    ][:TOP]
    return {
        "title_key": "brief_territory", "name": name, "home": home_name, "lang": lang,
        "made": dt.date.today().isoformat(),
        "actors": rows,
        "agreements": _agreements(backend, lang, lambda iris: bool(iris & members)),
        "events": events[:TOP * 2],
        "brokers": brokers_answer(backend, home_name, name, top=TOP, lang=lang),
        "introductions": [
            {"first": _name(G, s.first, links, lang), "second": _name(G, s.second, links, lang), "reason": s.reason}
            for s in suggestions
        ],
        "sources": _documents(sourced, members | at_home, document_urls(backend)),
    }


def mission_brief(backend: Backend, mission: str, *, lang: str = "en", links: bool = False) -> dict[str, Any]:
    """What a briefing on a mission says: its members and posts, programme, agreements, brokers, introductions, sources."""
    from ecokg.maps.profile import resolve_ref
    from ecokg.network.actors import actor_graph
    from ecokg.network.answers import brokers_answer
    from ecokg.network.introductions import suggest_introductions
    from ecokg.network.projection import project
    from ecokg.network.provenance import attach_sources
    from ecokg.queries.catalog import run_named

    iri = resolve_ref(backend, mission)
    G = project(backend, collapse=True, lang=lang, sources=False)
    if iri not in G:
        raise QueryError(f"{mission!r} is not a mission of the network")
    label = str(G.nodes[iri].get("label") or iri)
    people: dict[str, dict[str, Any]] = {}
    organisations: set[str] = set()
    for row in run_named(backend, "delegation-members", {"mission": iri}, lang=lang).to_records():
        person = str(row["person"])
        entry = people.setdefault(person, {**_name(G, person, links, lang), "posts": []})
        if row.get("postLabel"):
            entry["posts"].append(clean(str(row["postLabel"])))
        if row.get("organisation"):
            organisations.add(str(row["organisation"]))
    programme = [
        {"label": clean(str(r.get("eventLabel") or "")), "type": str(r.get("typeLabel") or ""),
         "status": str(r.get("statusLabel") or ""), "start": "", "end": "", "places": str(r.get("places") or ""),
         "with": str(r.get("with") or "")}
        for r in run_named(backend, "mission-programme", {"mission": iri}, lang=lang).to_records()
    ]
    destinations = [str(G.nodes[v].get("label")) for _, v, d in G.out_edges(iri, data=True) if d.get("predicate") == "ek:destination"]
    actors = actor_graph(G)
    home_counts = Counter(t for p in people for t in _territories(G, p) if p in G and t not in destinations)
    home = min(home_counts, key=lambda t: (-home_counts[t], t)) if home_counts else None
    # The destination compared with home: the one with the most actors (a country may have none of its own).
    counts = Counter(t for n in actors for t in _territories(actors, n) if t in destinations)
    destination = min(counts, key=lambda t: (-counts[t], t)) if counts else None
    involved = set(people) | organisations | {iri}
    suggestions = [s for s in suggest_introductions(actors, top=10 * TOP, lang=lang) if {s.first, s.second} & involved][:TOP]
    sourced = attach_sources(backend, G.subgraph({n for n in involved if n in G}).copy())
    return {
        "title_key": "brief_mission", "name": label, "home": home, "lang": lang, "made": dt.date.today().isoformat(),
        "members": list(people.values()),
        "events": programme,
        "agreements": _agreements(backend, lang, lambda iris: bool(iris & involved)),
        "brokers": brokers_answer(backend, home, destination, top=TOP, lang=lang) if home and destination
        else brokers_answer(backend, top=TOP, lang=lang),
        "introductions": [
            {"first": _name(G, s.first, links, lang), "second": _name(G, s.second, links, lang), "reason": s.reason}
            for s in suggestions
        ],
        "sources": _documents(sourced, set(sourced), document_urls(backend)),
    }


def render_brief(data: dict[str, Any]) -> str:
    """The briefing ``data`` as one self-contained HTML page (every value escaped)."""
    from jinja2 import Environment

    from ecokg.maps.words import words

    env = Environment(autoescape=True, keep_trailing_newline=True)
    folder = files("ecokg.maps").joinpath("templates")
    template = env.from_string(folder.joinpath("brief.html.j2").read_text("utf-8"))
    return template.render(b=data, w=words(data["lang"]), css=folder.joinpath("brief.css").read_text("utf-8"))


def brief_page(
    backend: Backend, *, territory: str | None = None, mission: str | None = None, home: str | None = None,
    lang: str = "en", links: bool = True,
) -> str:
    """The briefing page on a territory or (``mission``) a mission."""
    from ecokg.maps.words import words

    words(lang)  # an unknown language is refused before any work
    if bool(territory) == bool(mission):
        raise QueryError("a briefing is on a territory or on a mission (give one of them)")
    if territory:
        return render_brief(territory_brief(backend, territory, home=home, lang=lang, links=links))
    return render_brief(mission_brief(backend, str(mission), lang=lang, links=links))


def write_brief(backend: Backend, output: Path, **options: Any) -> Path:
    """Write the briefing page to ``output`` (atomically: the old file or the new one)."""
    from ecokg.files import atomic_write_text

    atomic_write_text(output, brief_page(backend, links=False, **options))  # a file has no explorer to link to
    return output


__all__ = ["brief_page", "mission_brief", "render_brief", "territory_brief", "write_brief"]
