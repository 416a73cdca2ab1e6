"""Where the nodes of a map start: a spring layout for small maps, community blocks for large ones.

Up to :data:`PHYSICS_LIMIT` nodes the browser's physics then refines the layout; beyond, these
positions are final (Louvain communities laid out one by one, then placed by a spring layout
of the community graph). NetworkX's own layout of large graphs needs SciPy, which ecokg does
without.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import networkx as nx

from ecokg.maps.measures import map_communities

#: Up to this many nodes the browser's physics refines the layout, then stops.
PHYSICS_LIMIT = 300
#: NetworkX lays out graphs from this size with SciPy, which ecokg does without.
DENSE_LAYOUT_LIMIT = 450
#: Seed of every layout and of Louvain, so that a map repeats.
SEED = 42


def node_positions(G: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
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
    # k twice NetworkX's default spacing: long labels (a mission, an agency) need the room.
    return nx.spring_layout(H, seed=SEED, scale=scale, iterations=300, k=2.0 / math.sqrt(len(H)))


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
    groups = map_communities(H)
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


__all__ = ["DENSE_LAYOUT_LIMIT", "PHYSICS_LIMIT", "SEED", "node_positions"]
