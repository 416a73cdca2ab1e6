"""How nodes look: colour (by kind, community or territory) with its legend, size, shape, label length."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import networkx as nx

from ecokg.maps.measures import map_communities

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


def node_colours(G: nx.MultiDiGraph, color_by: str, text: dict[str, str]) -> tuple[dict[str, str], list[dict[str, Any]]]:
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
        for i, group in enumerate(map_communities(G), start=1):
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


def node_sizes(values: dict[str, float], small: float = 12.0, large: float = 40.0) -> dict[str, float]:
    top = max(values.values(), default=0.0)
    if top <= 0:
        return dict.fromkeys(values, small)
    return {n: round(small + (large - small) * math.sqrt(max(v, 0.0) / top), 1) for n, v in values.items()}


def shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


__all__ = ["NONE_COLOR", "PALETTE", "SHAPES", "node_colours", "node_sizes", "shortened"]
