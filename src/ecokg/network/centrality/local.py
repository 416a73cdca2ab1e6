"""Centralities read from a node's own ties: degree, and Burt's constraint (structural holes)."""

from __future__ import annotations

import networkx as nx

from ecokg.network.actors import undirected
from ecokg.network.engine import to_igraph
from ecokg.network.scores import Scores


def degree(G: nx.Graph) -> Scores:
    """Degree centrality: the share of the other nodes a node is tied to.

    >>> degree(actor_graph(kg.to_networkx())).top(1)      # doctest: +SKIP
    [('https://w3id.org/ecokg/id/nicolas-paris', 0.9)]
    """
    n = G.number_of_nodes()
    if n <= 1 or not (G.is_directed() or G.is_multigraph()):
        return Scores("degree", dict(nx.degree_centrality(undirected(G))))
    # A projection (directed, parallel facts): count distinct neighbours either way, as the
    # simple undirected copy would, without building it (most of a large map's sizing).
    share = 1.0 / (n - 1)
    values = {}
    for node, successors in G.adj.items():
        neighbours = set(successors)
        if G.is_directed():
            neighbours.update(G.pred[node])
        neighbours.discard(node)
        values[node] = len(neighbours) * share
    return Scores("degree", values)


def constraint(G: nx.Graph) -> Scores:
    """Burt's constraint: low when a node's contacts are not tied to each other (structural holes).

    Isolated nodes have no constraint and are left out.

    >>> constraint(actor_graph(kg.to_networkx())).top(1, reverse=False)   # doctest: +SKIP
    """
    H = undirected(G)
    indexed = to_igraph(H)
    if indexed is not None:
        raw = indexed.graph.constraint(weights="weight")
        return Scores("constraint", {v: float(x) for v, x in zip(indexed.nodes, raw, strict=True)
                                     if H.degree(v) > 0}, {"weight": "weight"})
    # Same values as nx.constraint, computed in O(sum of squared degrees): NetworkX
    # re-sums every neighbour's weights for each pair, too slow on large graphs.
    strength = {u: float(sum(d.get("weight", 1) for d in H[u].values())) for u in H}

    def share(u: str, v: str) -> float:
        return float(H[u][v].get("weight", 1)) / strength[u]

    values: dict[str, float] = {}
    for i in H:
        if not H[i]:
            continue
        total = {j: share(i, j) for j in H[i]}
        for q in H[i]:
            p_iq = share(i, q)
            for j in H[q]:
                if j in total:
                    total[j] += p_iq * share(q, j)
        values[i] = sum(t * t for t in total.values())
    return Scores("constraint", values, {"weight": "weight"})


__all__ = ["constraint", "degree"]
