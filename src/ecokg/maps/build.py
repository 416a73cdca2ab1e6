"""From a store to map files: the whole graph, a catalogue query's result, an actor's neighbourhood.

>>> write_map(kg.backend, "out/ecosystem.html")            # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecokg.files import atomic_write_text
from ecokg.maps.render import MAX_NODES, MapResult, check_options, render_map
from ecokg.maps.select import ego_graph, query_graph

if TYPE_CHECKING:
    from ecokg.graph.store import Backend


def build_map(
    backend: Backend,
    *,
    query: str | None = None,
    params: Mapping[str, str] | None = None,
    focus: str | None = None,
    depth: int = 1,
    color_by: str = "class",
    size_by: str = "degree",
    lang: str = "en",
    title: str | None = None,
    max_nodes: int = MAX_NODES,
    generated: datetime | None = None,
    caption: str | None = None,
    marks: Mapping[str, str] | None = None,
    path: Sequence[str] | None = None,
    entity_pages: str | None = None,
) -> MapResult:
    """The map of the whole graph, of a catalogue query's result, or of an actor's neighbourhood
    (``caption``: a line under the title, before what the map was asked for; ``marks``: a
    group per node IRI, ``new`` or ``removed``, which then colours the map: ``ecokg diff --map``;
    ``path``: the entities of a path, drawn with their neighbours and the path highlighted;
    ``entity_pages``: where a served map links each node's page, ``/entity/`` + its IRI)."""
    check_options(color_by, size_by, lang)
    from ecokg.network.lookup import node_named
    from ecokg.network.projection import for_map
    from ecokg.network.provenance import attach_sources

    # The projection with its sources when the commit cached it; otherwise without (cached,
    # shared with the analysis), and the sources of what the map shows are read afterwards,
    # for its nodes and links only (a few bound queries).
    G = for_map(backend, lang)
    with_sources = bool(G.graph.get("sources"))
    subtitle = caption
    if query is not None:
        G = query_graph(backend, G, query, params or {}, lang)
        asked = f"query {query}" + "".join(f" {k}={v}" for k, v in (params or {}).items())
        subtitle = f"{subtitle}; {asked}" if subtitle else asked
    if focus is not None:
        center = node_named(backend, G, focus)
        G = ego_graph(G, center, depth)
        label = G.nodes[center].get("label", center)
        subtitle = (f"{subtitle}; " if subtitle else "") + f"{label}, {depth} link(s) around"
    if path:
        steps = [node_named(backend, G, name) for name in path]
        keep: set[str] = set()
        for node in steps:
            keep |= set(ego_graph(G, node, 1))
        G = G.subgraph(keep).copy()
        G.graph["highlight"] = steps
        labels = " → ".join(str(G.nodes[n].get("label", n)) for n in steps)
        subtitle = (f"{subtitle}; " if subtitle else "") + labels
    if entity_pages is not None:
        G.graph["entity_pages"] = entity_pages
    if marks is not None:
        G = G.copy()
        for node, group in marks.items():
            if node in G:
                G.nodes[node]["change"] = group
        color_by = "change"
    return render_map(G, title=title or ("ecokg map" if lang == "en" else "carte ecokg"), color_by=color_by,
                      size_by=size_by, lang=lang, max_nodes=max_nodes, generated=generated, subtitle=subtitle,
                      prepare=None if with_sources else (lambda shown: attach_sources(backend, shown)))


def write_map(backend: Backend, output: str | Path, **options: Any) -> MapResult:
    """Write :func:`build_map`'s page to ``output`` (folders created); returns what it shows."""
    result = build_map(backend, **options)
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, result.html)  # the previous map, or the new one: never half a page
    result.path = path
    return result


#: The headline questions of ``ecokg demo``, each mapped on its own page.
HEADLINE_QUERIES = ("delegation-members", "territory-links", "agreements")


def demo_maps(backend: Backend, out: str | Path, *, lang: str = "en") -> list[MapResult]:
    """``out/ecosystem.html`` (the whole graph) and ``out/<query>.html`` per headline query."""
    from ecokg.queries.catalog import get_query

    folder = Path(out)
    # The main map tells the ecosystem's story: territories in colour, brokers by size, and
    # who bridges the two largest territories said in words.
    results = [write_map(backend, folder / "ecosystem.html", lang=lang, title=_DEMO_TITLE[lang],
                         color_by="territory", size_by="betweenness", caption=bridge_caption(backend, lang))]
    for name in HEADLINE_QUERIES:
        query = get_query(name)
        results.append(write_map(backend, folder / f"{name}.html", query=name, lang=lang, title=query.title))
    return results


def bridge_caption(backend: Backend, lang: str = "en") -> str | None:
    """Who bridges the two territories with the most actors, in a sentence (None if nobody)."""
    from collections import Counter

    from ecokg.maps.texts import STRINGS
    from ecokg.network import actor_graph, territory_brokers
    from ecokg.network.projection import project

    actors = actor_graph(project(backend, collapse=True, lang=lang, sources=False))
    counts = Counter(t for _, t in actors.nodes(data="territory") if t)
    largest = sorted(counts, key=lambda t: (-counts[t], t))[:2]
    if len(largest) < 2:
        return None
    report = territory_brokers(actors, largest[0], largest[1], top=1)
    if not report.brokers or report.brokers[0].share <= 0:
        return None
    best = report.brokers[0]
    return STRINGS[lang]["bridge"].format(name=best.label, first=largest[0], second=largest[1],
                                          share=round(100 * best.share))


_DEMO_TITLE = {
    "en": "Biotech ecosystem: Bourgogne-Franche-Comté ↔ Wisconsin and Illinois",
    "fr": "Écosystème biotech : Bourgogne-Franche-Comté ↔ Wisconsin et Illinois",
}


__all__ = ["HEADLINE_QUERIES", "bridge_caption", "build_map", "demo_maps", "write_map"]
