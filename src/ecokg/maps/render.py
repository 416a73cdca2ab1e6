"""Rendering a map: a projection (or part of it) as one self-contained, offline HTML page.

A map is built on pyvis (nodes, edges and vis-network options) and written as a page by
:mod:`ecokg.maps.page`; :mod:`ecokg.maps.layout` places the nodes, :mod:`ecokg.maps.styles`
colours and sizes them, :mod:`ecokg.maps.texts` holds the page's words.

Scale: up to :data:`PHYSICS_LIMIT` nodes the layout starts from Python positions and
vis-network's physics refines it, then stops once stabilised. Beyond, positions come from
Python (Louvain communities laid out one by one, then placed by a spring layout of the
community graph) and physics is off. Beyond :data:`MAX_NODES` the map keeps the most central
nodes and says so on the page. Measured with headless Chromium on the 2-core development
machine (synthetic Barabási-Albert graphs, 2 links per node, physics off): a full repaint (what
every drag or zoom costs) took 18 ms at 500 nodes, 68 ms at 1,000, 102 ms at 2,000 (10 frames
per second), 158 ms at 3,000 and 461 ms at 5,000; the page was ready in 1.2 to 2.5 s and Python
took 1 s (1,000 nodes) to 22 s (5,000). Below 10 frames per second panning feels broken, so the
limit is 2,000 nodes.

>>> html = render_map(kg.to_networkx()).html      # doctest: +SKIP
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import networkx as nx

from ecokg.errors import EcokgError
from ecokg.maps.layout import PHYSICS_LIMIT, node_positions
from ecokg.maps.measures import node_values
from ecokg.maps.page import page_html, vis_options
from ecokg.maps.select import most_central
from ecokg.maps.styles import kind_style, node_colours, node_sizes, shortened
from ecokg.maps.texts import LANGS, STRINGS
from ecokg.network.vocabulary import NOT_DONE

#: Above this many nodes the map shows only the most central ones (and says so).
MAX_NODES = 2000
COLOR_BY = ("class", "community", "territory")
SIZE_BY = ("degree", "betweenness", "pagerank")
#: Link labels longer than this are drawn only around the selected node.
OVERVIEW_LABEL = 24


@dataclass
class MapResult:
    """A rendered map: its HTML and what it shows."""

    html: str
    nodes: int
    edges: int
    total_nodes: int
    total_edges: int
    note: str | None = None
    path: Path | None = None
    legend: list[dict[str, Any]] = field(default_factory=list)

    @property
    def reduced(self) -> bool:
        return self.nodes < self.total_nodes


def check_options(color_by: str, size_by: str, lang: str) -> None:
    """Raise :class:`~ecokg.errors.EcokgError` for an unknown ``--color-by``, ``--size-by`` or ``--lang``."""
    for value, allowed, option in ((color_by, COLOR_BY, "--color-by"), (size_by, SIZE_BY, "--size-by"), (lang, LANGS, "--lang")):
        if value not in allowed:
            raise EcokgError(f"unknown {option} {value!r} (choose from {', '.join(allowed)})")


def render_map(
    G: nx.MultiDiGraph,
    *,
    title: str | None = None,
    color_by: str = "class",
    size_by: str = "degree",
    lang: str = "en",
    max_nodes: int = MAX_NODES,
    generated: datetime | None = None,
    subtitle: str | None = None,
    prepare: Callable[[nx.MultiDiGraph], object] | None = None,
) -> MapResult:
    """The map of a projection (:func:`ecokg.network.projection.project`) as one HTML page.

    >>> result = render_map(kg.to_networkx(), title="Ecosystem")   # doctest: +SKIP
    >>> result.nodes == kg.to_networkx().number_of_nodes()           # doctest: +SKIP
    True

    ``prepare`` is called with the graph the page will show, once reduced to ``max_nodes``
    (:func:`ecokg.maps.build.build_map` reads the sources of its nodes and links there).
    """
    from pyvis.edge import Edge
    from pyvis.network import Network

    check_options("class" if color_by == "change" else color_by, size_by, lang)  # "change": ecokg diff --map
    text = STRINGS[lang]
    total_nodes, total_edges = G.number_of_nodes(), G.number_of_edges()
    values = node_values(G, size_by)
    note = None
    if total_nodes > max_nodes:
        G = most_central(G, values, max_nodes)
        values = {n: values[n] for n in G}
        note = text["reduced"].format(
            shown=f"{G.number_of_nodes():,}", total=f"{total_nodes:,}", measure=text[size_by],
            hidden=f"{total_nodes - G.number_of_nodes():,}",
        )
    if prepare is not None:
        prepare(G)
    if G.graph.get("unmapped"):
        extra = f"{G.graph['unmapped']} value(s) of the result are relationships (drawn as links) or not entities."
        subtitle = f"{subtitle} — {extra}" if subtitle else extra
    sizes = node_sizes(values)
    colours, legend = node_colours(G, color_by, text)
    positions = node_positions(G)
    physics = G.number_of_nodes() <= PHYSICS_LIMIT

    net = Network(directed=True, cdn_resources="in_line")
    records: list[dict[str, Any]] = []
    for n, d in G.nodes(data=True):
        x, y = positions.get(n, (0.0, 0.0))
        label = str(d.get("label") or n)
        net.add_node(
            n, label=shortened(label, 42), shape=kind_style(d.get("kind"), d.get("category"))[1],
            color=colours[n], size=sizes[n], x=round(x, 1), y=round(y, 1),
            # Heavier hubs push their neighbours further away, which leaves room for link labels.
            mass=round(1.0 + G.degree(n) / 4.0, 2),
        )
        records.append({
            "id": n, "label": label, "kind": str(d.get("kind") or ""), "kind_label": str(d.get("kind_label") or ""),
            "territory": d.get("territory"), "country": d.get("country"), "sectors": list(d.get("sectors") or []),
            "props": {str(k): str(v) for k, v in (d.get("props") or {}).items()},
            "sources": list(d.get("sources") or []), "score": round(values.get(n, 0.0), 6),
        })
    # Parallel facts between the same two nodes are drawn as one link listing them all.
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, d in G.edges(data=True):
        grouped[(u, v)].append({
            "label": str(d.get("label") or d.get("predicate") or ""), "predicate": str(d.get("predicate") or ""),
            "sources": list(d.get("sources") or []), "via": d.get("via"),
            "date": str(d.get("date") or ""), "status": str(d.get("status") or ""),
            "status_key": str(d.get("status_key") or ""),
        })
    links: list[dict[str, Any]] = []
    for i, ((u, v), facts) in enumerate(sorted(grouped.items())):
        first = min((f["label"] for f in facts), key=len)
        shown = shortened(first, 30)
        if len(facts) > 1:  # spelled out: a bare "(+1)" left viewers guessing
            shown = text["more_links"].format(label=shown, n=len(facts) - 1)
        # Long labels (meetings named after their event) would bury the overview: they show
        # when one of their ends is selected, and always in tooltips and the panel.
        overview = shown if physics and len(first) <= OVERVIEW_LABEL else ""
        curved = (v, u) in grouped
        # What net.add_edge would append, without its check that both ends exist, a scan of
        # every node per link (a third of a 2,000-node map's time); ours exist by construction.
        # Dashed when nothing it stands for has happened yet (planned, postponed, cancelled):
        # a programme is not a record.
        dashed = all(f["status_key"] in NOT_DONE for f in facts)
        net.edges.append(Edge(u, v, net.directed, id=f"e{i}", label=overview, dashes=dashed,
                              smooth={"enabled": True, "type": "curvedCW", "roundness": 0.2} if curved else False).options)
        links.append({"id": f"e{i}", "from": u, "to": v, "facts": facts, "label": shown, "overview": overview, "dashed": dashed})

    options = vis_options(net, physics, G.number_of_nodes())
    now = generated or datetime.now(UTC)
    made = now.strftime("%Y-%m-%d")
    counts = text["nodes"].format(shown=G.number_of_nodes(), edges=G.number_of_edges())
    if note:
        counts = text["of_total"].format(shown=G.number_of_nodes(), total=total_nodes,
                                         edges=G.number_of_edges(), total_edges=total_edges)
    meta = {
        "title": title or "ecokg", "subtitle": subtitle or "", "made": text["made"].format(date=made), "lang": lang,
        "counts": counts, "note": note, "physics": physics, "color_by": color_by,
        "legend": legend, "colour": text["colour"].format(what=text[color_by]),
        "size": text["size"].format(what=text[size_by]), "strings": text,
        "total_nodes": total_nodes, "total_edges": total_edges, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
        # A path to highlight (``build_map(path=...)``) and, on a served map, where entity pages live.
        "highlight": [n for n in G.graph.get("highlight", ()) if n in G], "entity_pages": G.graph.get("entity_pages"),
    }
    page_data = {"nodes": net.nodes, "edges": net.edges, "records": records, "links": links}
    html = page_html(lang=lang, title=str(meta["title"]), meta=meta, page_data=page_data, options=options)
    return MapResult(html, G.number_of_nodes(), G.number_of_edges(), total_nodes, total_edges, note, legend=legend)


__all__ = ["COLOR_BY", "MAX_NODES", "SIZE_BY", "MapResult", "check_options", "render_map"]
