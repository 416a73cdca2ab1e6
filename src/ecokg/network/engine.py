"""NetworkX is the API; igraph (C), when installed, computes the heavy measures behind it.

igraph was chosen by measurement on a 100k-node scale-free graph (docs/performance.md);
its results are checked against NetworkX's in tests/graph/test_analysis.py. This module
holds the conversion to igraph (once per graph), the work budgets that decide between
exact and sampled measures, and the fixed seed that makes results repeat.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

#: Shortest-path work (sources × (nodes + edges)) done exactly; beyond it, betweenness is
#: estimated from as many sampled sources as fit (at least ``MIN_SAMPLE``), and says so.
#: 4 million is about half a minute of pure-Python BFS on a slow core.
WORK_BUDGET = 4_000_000
MIN_SAMPLE = 10
#: Fixed seed of Louvain and of betweenness sampling, so that results repeat.
SEED = 42
#: The same budget with igraph, whose shortest paths run in C (about 50× NetworkX's):
#: exact betweenness and closeness up to a few thousand actors, 200 sampled sources at 100k.
IGRAPH_WORK_BUDGET = 80_000_000

#: Said once per measure when igraph is missing and NetworkX does the work.
NO_IGRAPH = "igraph is not installed: computed with NetworkX, much slower on large graphs (pip install igraph)"


@dataclass
class Indexed:
    """An undirected simple graph as igraph sees it: vertex i is ``nodes[i]``."""

    graph: Any
    nodes: list[str]
    size: tuple[int, int]
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)


_INDEXED: weakref.WeakKeyDictionary[nx.Graph, Indexed] = weakref.WeakKeyDictionary()


def igraph_module() -> Any | None:
    """The ``igraph`` module, or None when it is not installed."""
    try:
        import igraph
    except ImportError:
        return None
    return igraph


def to_igraph(H: nx.Graph) -> Indexed | None:
    """``H`` (undirected, simple) in igraph, converted once per graph (None without igraph)."""
    igraph = igraph_module()
    if igraph is None:
        return None
    size = (H.number_of_nodes(), H.number_of_edges())
    found = _INDEXED.get(H)
    if found is not None and found.size == size:
        return found
    nodes = list(H)
    index = {node: i for i, node in enumerate(nodes)}
    edges = []
    weights = []
    for u, v, w in H.edges(data="weight", default=1):
        edges.append((index[u], index[v]))
        weights.append(float(w))
    graph = igraph.Graph(n=len(nodes), edges=edges, directed=False, edge_attrs={"weight": weights})
    found = Indexed(graph, nodes, size)
    _INDEXED[H] = found
    return found


__all__ = ["IGRAPH_WORK_BUDGET", "MIN_SAMPLE", "NO_IGRAPH", "SEED", "WORK_BUDGET", "Indexed", "igraph_module", "to_igraph"]
