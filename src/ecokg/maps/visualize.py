"""Interactive HTML maps of the graph: one self-contained, offline file per map.

A map is built on pyvis (nodes, edges and vis-network options) but written by ecokg's own
template (``templates/map.html.j2``), which inlines the vis-network script and stylesheet that
the pyvis package ships, plus ecokg's small script for the legend, search, filters,
neighbourhood highlighting and the provenance panel. The page makes no network request:
a Content-Security-Policy (``default-src 'none'``, scripts allowed by their SHA-256 only)
forbids it even if something were missed.

Data reaches the page as JSON inside ``<script type="application/json">`` with ``<``, ``>``,
``&``, U+2028 and U+2029 escaped, and the page script writes every label, property and quote
with ``textContent`` (tooltips are DOM elements, never HTML strings).

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
>>> write_map(kg, "out/ecosystem.html")            # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from rdflib import URIRef

from ecokg.errors import EcokgError
from ecokg.namespaces import EKR

if TYPE_CHECKING:
    from ecokg.graph.store import Backend

#: Above this many nodes the map shows only the most central ones (and says so).
MAX_NODES = 2000
#: Up to this many nodes the browser's physics refines the layout, then stops.
PHYSICS_LIMIT = 300
COLOR_BY = ("class", "community", "territory")
SIZE_BY = ("degree", "betweenness", "pagerank")
LANGS = ("en", "fr")
#: NetworkX lays out graphs from this size with SciPy, which ecokg does without.
DENSE_LAYOUT_LIMIT = 450
#: Link labels longer than this are drawn only around the selected node.
OVERVIEW_LABEL = 24
#: Seed of every layout and of Louvain, so that a map repeats.
SEED = 42

# A readable qualitative palette (Tableau 10, then its lighter companions); grey is "none".
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#17becf", "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d", "#86bcb6", "#d37295",
    "#fabfd2", "#d4a6c8", "#79706e", "#bcbd22",
)
NONE_COLOR = "#bab0ac"
#: Node shape per broad category of the projection.
SHAPES = {
    "person": "dot", "organization": "dot", "place": "triangle", "event": "diamond",
    "document": "square", "agreement": "square", "site": "triangleDown",
}

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "made": "Map made on {date}",
        "nodes": "{shown} actors and places, {edges} links",
        "of_total": "{shown} of {total} nodes, {edges} of {total_edges} links",
        "search": "Find an actor",
        "search_go": "Find",
        "not_found": "No node named “{q}” on this map.",
        "filters": "Filters",
        "kind": "Kind",
        "sector": "Sector",
        "territory": "Territory",
        "any": "(any)",
        "legend": "Legend",
        "colour": "Colour: {what}",
        "size": "Size: {what}",
        "class": "kind of entity",
        "community": "community (Louvain, seed 42)",
        "community_n": "community {n}",
        "none": "none",
        "degree": "number of links (degree)",
        "betweenness": "betweenness centrality (bridging role)",
        "pagerank": "PageRank (influence)",
        "hint": "Click a node or a link to see where each fact comes from.",
        "sources": "Sources",
        "links": "Links",
        "properties": "Properties",
        "sectors": "Sectors",
        "no_source": "No source recorded.",
        "close": "Close",
        "reset": "Show all",
        "reduced": "This map shows the {shown} most central of {total} nodes (by {measure}); "
        "{hidden} nodes and their links are left out. Map a query or focus on an actor "
        "(ecokg viz --query / --focus) to see the rest.",
        "showing": "Showing {n} of {total} nodes",
        "shapes": "Shape: ● person or organisation, ▲ place, ■ strategy or agreement, ◆ event.",
    },
    "fr": {
        "made": "Carte produite le {date}",
        "nodes": "{shown} acteurs et lieux, {edges} liens",
        "of_total": "{shown} nœuds sur {total}, {edges} liens sur {total_edges}",
        "search": "Chercher un acteur",
        "search_go": "Chercher",
        "not_found": "Aucun nœud nommé « {q} » sur cette carte.",
        "filters": "Filtres",
        "kind": "Type",
        "sector": "Secteur",
        "territory": "Territoire",
        "any": "(tous)",
        "legend": "Légende",
        "colour": "Couleur : {what}",
        "size": "Taille : {what}",
        "class": "type d’entité",
        "community": "communauté (Louvain, graine 42)",
        "community_n": "communauté {n}",
        "none": "aucun",
        "degree": "nombre de liens (degré)",
        "betweenness": "centralité d’intermédiarité (rôle de pont)",
        "pagerank": "PageRank (influence)",
        "hint": "Cliquez sur un nœud ou un lien pour voir d’où vient chaque fait.",
        "sources": "Sources",
        "links": "Liens",
        "properties": "Propriétés",
        "sectors": "Secteurs",
        "no_source": "Aucune source enregistrée.",
        "close": "Fermer",
        "reset": "Tout afficher",
        "reduced": "Cette carte montre les {shown} nœuds les plus centraux sur {total} (selon {measure}) ; "
        "{hidden} nœuds et leurs liens sont omis. Cartographiez une requête ou centrez sur un acteur "
        "(ecokg viz --query / --focus) pour voir le reste.",
        "showing": "{n} nœuds affichés sur {total}",
        "shapes": "Forme : ● personne ou organisation, ▲ lieu, ■ stratégie ou accord, ◆ événement.",
    },
}


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


# --- measures (from ecokg.network.analysis, one function per measure) --------------------


def _measure(G: nx.MultiDiGraph, name: str) -> dict[str, float]:
    from ecokg.network import analysis

    functions: dict[str, Callable[[nx.Graph], Any]] = {
        "degree": analysis.degree,
        "betweenness": analysis.betweenness,
        "pagerank": analysis.pagerank,
    }
    values = functions[name](G).values
    return {n: float(values.get(n, 0.0)) for n in G}


def _communities(G: nx.Graph) -> list[list[str]]:
    from ecokg.network import analysis

    if G.number_of_nodes() == 0:
        return []
    return analysis.communities(G)


# --- selecting what to map -------------------------------------------------------------


def ego_graph(G: nx.MultiDiGraph, center: str, depth: int = 1) -> nx.MultiDiGraph:
    """The nodes within ``depth`` links of ``center`` (either direction) and the links between them."""
    if depth < 0:
        raise EcokgError(f"--depth must be 0 or more (got {depth})")
    if center not in G:
        raise EcokgError(f"{center} is not a node of the map (relationships are drawn as links)")
    keep = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), center, cutoff=depth)
    return G.subgraph(keep).copy()


def query_graph(backend: Backend, G: nx.MultiDiGraph, name: str, params: Mapping[str, str], lang: str = "en") -> nx.MultiDiGraph:
    """The part of ``G`` a catalogue query names.

    A CONSTRUCT maps its triples between entities; a SELECT maps the entity (IRI) columns
    of each row, joining the first entity of the row to the others. Links of ``G`` between
    two joined entities are kept; a pair ``G`` does not link gets a link labelled by the
    query's predicate (CONSTRUCT) or column (SELECT).
    """
    from ecokg.queries.catalog import run_named

    result = run_named(backend, name, params, lang=lang)
    pairs: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    ekr = str(EKR)

    def entity(term: object) -> str | None:
        return str(term) if isinstance(term, URIRef) and str(term).startswith(ekr) else None

    if result.graph is not None:
        from ecokg.network.projection import curie

        for s, p, o in result.graph:
            a, b = entity(s), entity(o)
            seen.update(x for x in (a, b) if x)
            if a and b and a != b:
                pairs.append((a, b, curie(str(p))))
    else:
        for row in result.rows:
            cells = [(col, entity(v)) for col, v in zip(result.columns, row, strict=False)]
            iris = [(col, iri) for col, iri in cells if iri and iri in G]
            seen.update(iri for _, iri in cells if iri)
            for col, iri in iris[1:]:
                if iri != iris[0][1]:
                    pairs.append((iris[0][1], iri, f"{iris[0][0]} → {col}"))
    keep = [n for n in seen if n in G]
    H: nx.MultiDiGraph = G.subgraph(keep).copy()
    H.graph["unmapped"] = len(seen) - len(keep)
    linked = {frozenset((u, v)) for u, v in H.edges()}
    for a, b, label in pairs:
        if a in H and b in H and frozenset((a, b)) not in linked:
            # Not a fact of the graph but a join of the query: its source says so.
            source = {"document": f"ecokg query {name}", "date": "", "iri": "",
                      "quote": f"{label}: same result row" if result.graph is None else f"{label}: a result triple"}
            H.add_edge(a, b, predicate=label, label=label, sources=[source], via=None)
            linked.add(frozenset((a, b)))
    return H


def _reduce(G: nx.MultiDiGraph, sizes: dict[str, float], limit: int) -> nx.MultiDiGraph:
    """The ``limit`` most central nodes (ties by label) and the links between them."""
    ranked = sorted(G, key=lambda n: (-sizes.get(n, 0.0), str(G.nodes[n].get("label", n)), n))
    keep = set(ranked[:limit])
    if not G.is_multigraph():
        return G.subgraph(keep).copy()
    # Built directly, in G's order: a subgraph view of a few nodes iterates them as a set,
    # whose order (and so the layout) changed with Python's string hashing from run to run.
    order = [n for n in G if n in keep]
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, G.nodes[n]) for n in order)
    H.add_edges_from((u, v, key, d) for u, v, key, d in G.edges(order, keys=True, data=True) if v in keep)
    return H


# --- layout ------------------------------------------------------------------------------


def _layout(G: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions in screen pixels: a spring layout for small maps, community blocks for large ones."""
    n = G.number_of_nodes()
    if n == 0:
        return {}
    H = nx.Graph(G.to_undirected(as_view=True))
    if n <= PHYSICS_LIMIT:
        scale = 140.0 * math.sqrt(n)
        pos = _component_layout(H, scale)
        return {k: (float(x), float(y)) for k, (x, y) in pos.items()}
    return _community_layout(H)


def _component_layout(H: nx.Graph, scale: float) -> dict[str, tuple[float, float]]:
    # A spring layout of a disconnected graph flings components apart: lay each out alone.
    parts = sorted(nx.connected_components(H), key=lambda c: (-len(c), min(c)))
    if len(parts) == 1:
        raw = _spring(H, scale) if len(H) > 2 else nx.circular_layout(H, scale=scale / 3)
        return {k: (float(v[0]), float(v[1])) for k, v in raw.items()}
    blocks = []
    for part in parts:
        sub = H.subgraph(part)
        radius = 70.0 * math.sqrt(len(sub))
        if len(sub) > 2:
            raw = _spring(sub, radius)
        elif len(sub) == 2:
            raw = nx.circular_layout(sub, scale=60)
        else:
            raw = {next(iter(sub)): (0.0, 0.0)}
        blocks.append((radius + 60.0, {k: (float(v[0]), float(v[1])) for k, v in raw.items()}))
    return _pack(blocks)


def _spring(H: nx.Graph, scale: float) -> Mapping[Any, Any]:
    # Kamada-Kawai would need SciPy; a long Fruchterman-Reingold run is as tidy on small maps.
    return nx.spring_layout(H, seed=SEED, scale=scale, iterations=300, k=1.6 / math.sqrt(len(H)))


def _pack(blocks: list[tuple[float, dict[str, tuple[float, float]]]]) -> dict[str, tuple[float, float]]:
    """Blocks (radius, positions around 0,0), biggest first, packed in rows."""
    out: dict[str, tuple[float, float]] = {}
    width = 2 * math.sqrt(sum((2 * r) ** 2 for r, _ in blocks)) or 1.0
    x = y = row_height = 0.0
    for radius, pos in blocks:
        if x > 0 and x + 2 * radius > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + radius, y + radius
        for k, (px, py) in pos.items():
            out[k] = (cx + px, cy + py)
        x += 2 * radius
        row_height = max(row_height, 2 * radius)
    return out


def _centred(pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    cx = sum(x for x, _ in pos.values()) / len(pos)
    cy = sum(y for _, y in pos.values()) / len(pos)
    return {k: (x - cx, y - cy) for k, (x, y) in pos.items()}


def _community_layout(H: nx.Graph) -> dict[str, tuple[float, float]]:
    # A spring layout of thousands of nodes takes minutes without SciPy; communities are small
    # enough for NumPy's dense Fruchterman-Reingold, and the community graph places them.
    groups = _communities(H)
    member = {n: i for i, group in enumerate(groups) for n in group}
    blocks: list[tuple[float, dict[str, tuple[float, float]]]] = []
    for group in groups:
        sub = H.subgraph(group)
        radius = 26.0 * math.sqrt(len(group)) + 20.0
        raw: Mapping[Any, Any]
        if len(group) == 1:
            raw = {group[0]: (0.0, 0.0)}
        elif len(group) < DENSE_LAYOUT_LIMIT:
            raw = nx.spring_layout(sub, seed=SEED, scale=radius, iterations=40)
        elif len(groups) > 1:
            # NetworkX's spring layout of 500+ nodes needs SciPy: split the community again.
            raw = _centred(_community_layout(nx.Graph(sub)))
            radius = max(math.hypot(x, y) for x, y in raw.values()) + 20.0
        else:
            raw = nx.circular_layout(sub, scale=radius)  # Louvain cannot split it (a star, a clique)
        blocks.append((radius, {k: (float(v[0]), float(v[1])) for k, v in raw.items()}))
    between = nx.Graph()
    between.add_nodes_from(range(len(groups)))
    for u, v in H.edges():
        a, b = member[u], member[v]
        if a != b:
            weight = between.get_edge_data(a, b, {"weight": 0})["weight"]
            between.add_edge(a, b, weight=weight + 1)
    if len(groups) >= DENSE_LAYOUT_LIMIT:
        return _pack(blocks)
    centres = nx.spring_layout(between, seed=SEED, weight="weight", iterations=100)
    spread = sum(2 * r for r, _ in blocks) / math.sqrt(len(blocks))
    out: dict[str, tuple[float, float]] = {}
    for i, (_radius, pos) in enumerate(blocks):
        cx, cy = centres[i][0] * spread * 1.5, centres[i][1] * spread * 1.5
        for k, (px, py) in pos.items():
            out[k] = (cx + px, cy + py)
    return out


# --- colours and sizes ---------------------------------------------------------------------


def _colours(G: nx.MultiDiGraph, color_by: str, text: dict[str, str]) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """A colour per node and the legend (label, colour, count), most frequent first."""
    key: dict[str, str | None] = {}
    names: dict[str, str] = {}
    if color_by == "class":
        for n, d in G.nodes(data=True):
            kind = str(d.get("kind") or "Entity")
            key[n] = kind
            names[kind] = str(d.get("kind_label") or kind)
    elif color_by == "territory":
        for n, d in G.nodes(data=True):
            key[n] = d.get("territory")
            if key[n]:
                names[str(key[n])] = str(key[n])
    else:
        for i, group in enumerate(_communities(G), start=1):
            for n in group:
                key[n] = str(i)
                names[str(i)] = text["community_n"].format(n=i)
    counts = Counter(k for k in key.values() if k)
    order = sorted(counts, key=lambda k: (-counts[k], names[k]))
    colour_of = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(order)}
    colours = {n: colour_of.get(str(key.get(n)), NONE_COLOR) if key.get(n) else NONE_COLOR for n in G}
    legend = [{"key": k if color_by == "class" else None, "label": names[k], "color": colour_of[k], "count": counts[k]}
              for k in order]
    missing = sum(1 for n in G if not key.get(n))
    if missing:
        legend.append({"key": None, "label": text["none"], "color": NONE_COLOR, "count": missing})
    return colours, legend


def _sizes(values: dict[str, float], small: float = 12.0, large: float = 40.0) -> dict[str, float]:
    top = max(values.values(), default=0.0)
    if top <= 0:
        return dict.fromkeys(values, small)
    return {n: round(small + (large - small) * math.sqrt(max(v, 0.0) / top), 1) for n, v in values.items()}


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- the page --------------------------------------------------------------------------------


def _json(value: Any) -> str:
    """JSON safe inside a <script> element: no character can close it or start markup."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


@cache
def _assets() -> dict[str, str]:
    """vis-network (shipped by pyvis, licence header kept) and ecokg's script and style."""
    vis = resources.files("pyvis").joinpath("lib", "vis-9.1.2")
    own = resources.files("ecokg.maps").joinpath("templates")
    assets = {
        "vis_js": vis.joinpath("vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": vis.joinpath("vis-network.css").read_text(encoding="utf-8"),
        "map_js": own.joinpath("map.js").read_text(encoding="utf-8"),
        "map_css": own.joinpath("map.css").read_text(encoding="utf-8"),
        "template": own.joinpath("map.html.j2").read_text(encoding="utf-8"),
    }
    # Inlined verbatim, so none may close its element early (a different pyvis, say).
    for name, closing in (("vis_js", "</script"), ("map_js", "</script"), ("vis_css", "</style"), ("map_css", "</style")):
        if closing in assets[name].lower():
            raise EcokgError(f"cannot inline {name}: it contains {closing}")
    return assets


def _sha256(text: str) -> str:
    import base64

    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _check(color_by: str, size_by: str, lang: str) -> None:
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
) -> MapResult:
    """The map of a projection (:func:`ecokg.network.projection.project`) as one HTML page.

    >>> result = render_map(kg.to_networkx(), title="Ecosystem")   # doctest: +SKIP
    >>> result.nodes == kg.to_networkx().number_of_nodes()           # doctest: +SKIP
    True
    """
    from jinja2 import Environment
    from pyvis.edge import Edge
    from pyvis.network import Network

    _check(color_by, size_by, lang)
    text = STRINGS[lang]
    total_nodes, total_edges = G.number_of_nodes(), G.number_of_edges()
    values = _measure(G, size_by)
    note = None
    if total_nodes > max_nodes:
        G = _reduce(G, values, max_nodes)
        values = {n: values[n] for n in G}
        note = text["reduced"].format(
            shown=f"{G.number_of_nodes():,}", total=f"{total_nodes:,}", measure=text[size_by],
            hidden=f"{total_nodes - G.number_of_nodes():,}",
        )
    if G.graph.get("unmapped"):
        extra = f"{G.graph['unmapped']} value(s) of the result are relationships (drawn as links) or not entities."
        subtitle = f"{subtitle} — {extra}" if subtitle else extra
    sizes = _sizes(values)
    colours, legend = _colours(G, color_by, text)
    positions = _layout(G)
    physics = G.number_of_nodes() <= PHYSICS_LIMIT

    net = Network(directed=True, cdn_resources="in_line")
    records: list[dict[str, Any]] = []
    for n, d in G.nodes(data=True):
        x, y = positions.get(n, (0.0, 0.0))
        label = str(d.get("label") or n)
        net.add_node(
            n, label=_short(label, 42), shape=SHAPES.get(str(d.get("category")), "dot"),
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
        })
    links: list[dict[str, Any]] = []
    for i, ((u, v), facts) in enumerate(sorted(grouped.items())):
        first = min((f["label"] for f in facts), key=len)
        shown = _short(first, 30) + (f" (+{len(facts) - 1})" if len(facts) > 1 else "")
        # Long labels (meetings named after their event) would bury the overview: they show
        # when one of their ends is selected, and always in tooltips and the panel.
        overview = shown if physics and len(first) <= OVERVIEW_LABEL else ""
        curved = (v, u) in grouped
        # What net.add_edge would append, without its check that both ends exist, a scan of
        # every node per link (a third of a 2,000-node map's time); ours exist by construction.
        net.edges.append(Edge(u, v, net.directed, id=f"e{i}", label=overview,
                              smooth={"enabled": True, "type": "curvedCW", "roundness": 0.2} if curved else False).options)
        links.append({"id": f"e{i}", "from": u, "to": v, "facts": facts, "label": shown, "overview": overview})

    options = _options(net, physics, G.number_of_nodes())
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
    }
    page_data = {"nodes": net.nodes, "edges": net.edges, "records": records, "links": links}
    assets = _assets()
    scripts = (assets["vis_js"], assets["map_js"])
    csp = (
        "default-src 'none'; script-src " + " ".join(_sha256(s) for s in scripts)
        + "; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
        "form-action 'none'; base-uri 'none'"
    )
    env = Environment(autoescape=True, keep_trailing_newline=True)
    from markupsafe import Markup

    html = env.from_string(assets["template"]).render(
        lang=lang, title=meta["title"], csp=csp,
        vis_css=Markup(assets["vis_css"]), map_css=Markup(assets["map_css"]),
        vis_js=Markup(assets["vis_js"]), map_js=Markup(assets["map_js"]),
        meta_json=Markup(_json(meta)), graph_json=Markup(_json(page_data)),
        options_json=Markup(_json(options)),
    )
    return MapResult(html, G.number_of_nodes(), G.number_of_edges(), total_nodes, total_edges, note, legend=legend)


def _options(net: Any, physics: bool, n: int) -> dict[str, Any]:
    """vis-network options through pyvis: physics that stabilises then stops, or none."""
    if physics:
        net.force_atlas_2based(gravity=-120, central_gravity=0.02, spring_length=160, spring_strength=0.05,
                               damping=0.5, overlap=1)
    else:
        net.toggle_physics(False)
    options = json.loads(net.options.to_json())
    options["physics"]["stabilization"] = {"enabled": physics, "iterations": 400, "fit": True}
    options["interaction"] = {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n > 500,
                              "hideEdgesOnZoom": n > 500, "navigationButtons": False, "keyboard": False}
    options["nodes"] = {"font": {"size": 17, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
                        "borderWidth": 1.5, "widthConstraint": {"maximum": 250}}
    options["edges"] = {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "color": {"color": "#9aa5b1", "highlight": "#334155"},
                        "font": {"size": 11, "color": "#52606d", "strokeWidth": 3, "strokeColor": "#ffffff", "face": "system-ui, sans-serif"},
                        "width": 1.2, "selectionWidth": 2, "smooth": {"enabled": physics, "type": "dynamic"}}
    options["layout"] = {"randomSeed": SEED, "improvedLayout": False}
    return options


# --- from a knowledge graph to a file -----------------------------------------------------


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
) -> MapResult:
    """The map of the whole graph, of a catalogue query's result, or of an actor's neighbourhood."""
    _check(color_by, size_by, lang)
    from ecokg.network.projection import project
    from ecokg.queries.resolve import resolve

    G = project(backend, collapse=True, lang=lang)
    subtitle = None
    if query is not None:
        G = query_graph(backend, G, query, params or {}, lang)
        subtitle = f"query {query}" + "".join(f" {k}={v}" for k, v in (params or {}).items())
    if focus is not None:
        center = str(resolve(backend, focus))
        G = ego_graph(G, center, depth)
        label = G.nodes[center].get("label", center)
        subtitle = (f"{subtitle}; " if subtitle else "") + f"{label}, {depth} link(s) around"
    return render_map(G, title=title or ("ecokg map" if lang == "en" else "carte ecokg"), color_by=color_by,
                      size_by=size_by, lang=lang, max_nodes=max_nodes, generated=generated, subtitle=subtitle)


def write_map(backend: Backend, output: str | Path, **options: Any) -> MapResult:
    """Write :func:`build_map`'s page to ``output`` (folders created); returns what it shows."""
    result = build_map(backend, **options)
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(result.html, encoding="utf-8")
    result.path = path
    return result


#: The headline questions of ``ecokg demo``, each mapped on its own page.
HEADLINE_QUERIES = ("delegation-members", "territory-links", "agreements")


def demo_maps(backend: Backend, out: str | Path, *, lang: str = "en") -> list[MapResult]:
    """``out/ecosystem.html`` (the whole graph) and ``out/<query>.html`` per headline query."""
    from ecokg.queries.catalog import get_query

    folder = Path(out)
    results = [write_map(backend, folder / "ecosystem.html", lang=lang, title=_DEMO_TITLE[lang])]
    for name in HEADLINE_QUERIES:
        query = get_query(name)
        results.append(write_map(backend, folder / f"{name}.html", query=name, lang=lang, title=query.title))
    return results


_DEMO_TITLE = {
    "en": "Biotech ecosystem: Bourgogne-Franche-Comté ↔ Wisconsin and Illinois",
    "fr": "Écosystème biotech : Bourgogne-Franche-Comté ↔ Wisconsin et Illinois",
}


__all__ = [
    "COLOR_BY", "HEADLINE_QUERIES", "LANGS", "MAX_NODES", "PHYSICS_LIMIT", "SIZE_BY", "MapResult", "build_map",
    "demo_maps", "ego_graph", "query_graph", "render_map", "write_map",
]
