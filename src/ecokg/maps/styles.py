"""How nodes look: colour (by kind, community or territory) with its legend, size, shape, label length."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import networkx as nx

from ecokg.maps.measures import map_communities

# For communities and territories, whose meaning changes from map to map: a readable
# qualitative palette (Tableau 10, then its lighter companions); grey is "none".
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#17becf", "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d", "#86bcb6", "#d37295",
    "#fabfd2", "#d4a6c8", "#79706e", "#bcbd22",
)
NONE_COLOR = "#bab0ac"

#: Kinds of entity, grouped into a few families, each with one colour on every map. The
#: colours are Okabe and Ito's (2008), chosen to stay distinct for colour-blind viewers;
#: shapes tell the kinds of one family apart.
FAMILY_COLOURS = {
    "person": "#0072B2", "company": "#E69F00", "network": "#009E73", "public": "#CC79A7",
    "research": "#56B4E9", "organization": "#999999", "place": "#F0E442", "event": "#D55E00",
    "text": "#404040",
}
#: The ontology's own kinds (``kind``, a class's local name) in their family; a kind not
#: listed here (an extension's class) takes its broad category's family.
KIND_FAMILIES = {
    "Person": "person",
    "Company": "company", "Investor": "company",
    "Cluster": "network", "Collaboration": "network", "MultinationalOrganization": "network",
    "PublicAuthority": "public", "RegionalAuthority": "public", "EconomicDevelopmentAgency": "public",
    "TradePromotionAgency": "public",
    "ResearchOrganization": "research",
}
CATEGORY_FAMILIES = {
    "person": "person", "organization": "organization", "place": "place", "site": "place",
    "event": "event", "agreement": "text", "document": "text", "post": "text", "membership": "text",
}
#: Node shape per broad category of the projection ...
SHAPES = {
    "person": "dot", "organization": "dot", "place": "triangle", "event": "diamond",
    "document": "square", "agreement": "square", "site": "triangleDown",
}
#: ... and per kind, where a family holds several.
KIND_SHAPES = {
    "Investor": "star", "EconomicDevelopmentAgency": "star", "TradePromotionAgency": "star",
    "Collaboration": "hexagon", "Strategy": "square",
}


def kind_style(kind: str | None, category: str | None) -> tuple[str, str]:
    """The fixed colour and shape of a kind of entity, the same on every map.

    >>> kind_style("Cluster", "organization")
    ('#009E73', 'dot')
    """
    family = KIND_FAMILIES.get(str(kind)) or CATEGORY_FAMILIES.get(str(category))
    colour = FAMILY_COLOURS[family] if family else NONE_COLOR
    return colour, KIND_SHAPES.get(str(kind)) or SHAPES.get(str(category), "dot")


def node_colours(G: nx.MultiDiGraph, color_by: str, text: dict[str, str]) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """A colour per node and the legend (label, colour, count), most frequent first."""
    key: dict[str, str | None] = {}
    names: dict[str, str] = {}
    fixed: dict[str, tuple[str, str]] = {}
    if color_by == "class":
        for n, d in G.nodes(data=True):
            kind = str(d.get("kind") or "Entity")
            key[n] = kind
            names[kind] = str(d.get("kind_label") or kind)
            fixed.setdefault(kind, kind_style(kind, d.get("category")))
    elif color_by == "change":  # ecokg diff --map: the nodes marked new or changed
        for n, d in G.nodes(data=True):
            key[n] = d.get("change")
            if key[n]:
                names[str(key[n])] = text.get(f"change_{key[n]}", str(key[n]))
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
    if fixed:  # kinds: one colour a family on every map, the families in a fixed order
        families = list(FAMILY_COLOURS.values())
        order = sorted(counts, key=lambda k: (_rank(families, fixed[k][0]), -counts[k], names[k]))
        colour_of = {k: fixed[k][0] for k in order}
    else:
        order = sorted(counts, key=lambda k: (-counts[k], names[k]))
        colour_of = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(order)}
    colours = {n: colour_of.get(str(key.get(n)), NONE_COLOR) if key.get(n) else NONE_COLOR for n in G}
    legend = [{"key": k if color_by == "class" else None, "label": names[k], "color": colour_of[k], "count": counts[k],
               "shape": fixed[k][1] if fixed else "dot"}
              for k in order]
    missing = sum(1 for n in G if not key.get(n))
    if missing:
        legend.append({"key": None, "label": text["none"], "color": NONE_COLOR, "count": missing, "shape": "dot"})
    return colours, legend


def _rank(order: list[str], colour: str) -> int:
    return order.index(colour) if colour in order else len(order)


def node_sizes(values: dict[str, float], small: float = 12.0, large: float = 40.0) -> dict[str, float]:
    top = max(values.values(), default=0.0)
    if top <= 0:
        return dict.fromkeys(values, small)
    return {n: round(small + (large - small) * math.sqrt(max(v, 0.0) / top), 1) for n, v in values.items()}


def shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


__all__ = ["FAMILY_COLOURS", "NONE_COLOR", "PALETTE", "SHAPES", "kind_style", "node_colours", "node_sizes", "shortened"]
