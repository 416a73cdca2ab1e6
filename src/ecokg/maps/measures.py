"""What a map sizes and colours its nodes by, from :mod:`ecokg.network` (one function per measure)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx

from ecokg.network.centrality import betweenness, degree, pagerank
from ecokg.network.communities import communities


def node_values(G: nx.MultiDiGraph, name: str) -> dict[str, float]:
    """The measure ``name`` (degree, betweenness or pagerank) of every node of ``G`` (0 when unscored).

    >>> node_values(nx.MultiDiGraph([("a", "b")]), "degree")
    {'a': 1.0, 'b': 1.0}
    """
    functions: dict[str, Callable[[nx.Graph], Any]] = {
        "degree": degree,
        "betweenness": betweenness,
        "pagerank": pagerank,
    }
    values = functions[name](G).values
    return {n: float(values.get(n, 0.0)) for n in G}


def map_communities(G: nx.Graph) -> list[list[str]]:
    """The Louvain communities of ``G``, largest first (none for an empty map)."""
    if G.number_of_nodes() == 0:
        return []
    return communities(G)


__all__ = ["map_communities", "node_values"]
