"""The graphs the measures run on: the actors of a projection, undirected and simple.

Measures run on the *actor graph*: the people and organisations of the collapsed
projection, as an undirected simple graph whose edge ``weight`` counts the facts joining
two actors. Places, documents and sectors are context, not actors: kept, every
organisation based in a region would hang off that region's node and geography would
dominate every ranking.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

#: Categories of the projection's nodes that count as actors.
ACTOR_CATEGORIES = ("person", "organization")


def actor_graph(G: nx.Graph, categories: Sequence[str] = ACTOR_CATEGORIES) -> nx.Graph:
    """The people and organisations of a projection, undirected, ``weight`` = facts joining them.

    >>> A = actor_graph(kg.to_networkx())                 # doctest: +SKIP
    """
    keep = [n for n, c in G.nodes(data="category") if c in categories]
    return simple_graph(G.subgraph(keep))


def simple_graph(G: nx.Graph) -> nx.Graph:
    """An undirected simple copy of ``G``: parallel edges merged, ``weight`` = how many,
    ``links`` = their ``(from, predicate, label)`` (what joins the two, read in its direction)."""
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        link = (u, str(data.get("predicate") or ""), str(data.get("label") or ""))
        if H.has_edge(u, v):
            H[u][v]["weight"] += 1
            H[u][v]["links"].append(link)
        else:
            H.add_edge(u, v, weight=1, links=[link])
    return H


def undirected(G: nx.Graph) -> nx.Graph:
    """``G`` itself when undirected and simple, else its :func:`simple_graph`."""
    return G if not G.is_directed() and not G.is_multigraph() else simple_graph(G)


__all__ = ["ACTOR_CATEGORIES", "actor_graph", "simple_graph", "undirected"]
