"""Centralities from the graph's spectrum: PageRank and eigenvector centrality (no SciPy needed)."""

from __future__ import annotations

import networkx as nx

from ecokg.errors import QueryError
from ecokg.network.actors import undirected
from ecokg.network.engine import to_igraph
from ecokg.network.scores import Scores


def pagerank(G: nx.Graph, *, alpha: float = 0.85, tol: float = 1.0e-6, max_iter: int = 100) -> Scores:
    """PageRank on the undirected, weighted graph (power iteration; no SciPy needed).

    >>> round(sum(pagerank(actor_graph(kg.to_networkx())).values.values()), 6)   # doctest: +SKIP
    1.0
    """
    H = undirected(G)
    nodes = list(H)
    n = len(nodes)
    if n == 0:
        return Scores("pagerank", {}, {"alpha": alpha})
    indexed = to_igraph(H)
    if indexed is not None:
        # PRPACK solves the same system exactly (dangling nodes spread evenly, as here).
        raw = indexed.graph.pagerank(directed=False, damping=alpha, weights="weight")
        return Scores("pagerank", {v: float(x) for v, x in zip(indexed.nodes, raw, strict=True)},
                      {"alpha": alpha, "weight": "weight"})
    strength = {u: float(sum(d.get("weight", 1) for d in H[u].values())) for u in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        # Dangling (isolated) nodes spread their rank evenly, as in NetworkX's pagerank.
        dangling = alpha * sum(rank[u] for u in nodes if strength[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u in nodes:
            if strength[u]:
                share = alpha * rank[u] / strength[u]
                for v, d in H[u].items():
                    new[v] += share * d.get("weight", 1)
        delta = sum(abs(new[u] - rank[u]) for u in nodes)
        rank = new
        if delta < n * tol:
            break
    return Scores("pagerank", rank, {"alpha": alpha, "weight": "weight"})


def eigenvector(G: nx.Graph, *, max_iter: int = 1000) -> Scores:
    """Eigenvector centrality: a node is central when its neighbours are.

    >>> eigenvector(actor_graph(kg.to_networkx())).top(1)   # doctest: +SKIP
    """
    H = undirected(G)
    if H.number_of_edges() == 0:
        return Scores("eigenvector", dict.fromkeys(H, 0.0), {"weight": "weight"})
    values = _eigenvector_numpy(H, max_iter)
    if values is not None:
        return Scores("eigenvector", values, {"weight": "weight", "max_iter": max_iter})
    try:
        values = nx.eigenvector_centrality(H, max_iter=max_iter, weight="weight")
    except nx.PowerIterationFailedConvergence as exc:
        raise QueryError(f"eigenvector centrality did not converge in {max_iter} iterations") from exc
    return Scores("eigenvector", dict(values), {"weight": "weight", "max_iter": max_iter})


def _eigenvector_numpy(H: nx.Graph, max_iter: int, tol: float = 1.0e-6) -> dict[str, float] | None:
    """NetworkX's power iteration of (A + I) from a uniform start, run with NumPy arrays.

    The same steps and stopping rule as ``nx.eigenvector_centrality``, so the same values
    (to rounding), also on graphs in several pieces, where ARPACK's (igraph's) differ.
    None when NumPy is missing.
    """
    try:
        import numpy as np
    except ImportError:
        return None
    nodes = list(H)
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    ends = np.array([(index[u], index[v]) for u, v in H.edges()], dtype=np.int64).reshape(-1, 2)
    weights = np.array([float(w) for _, _, w in H.edges(data="weight", default=1)])
    # Each undirected edge carries weight both ways; self-loops once, as NetworkX's G[n] does.
    loops = ends[:, 0] == ends[:, 1]
    src = np.concatenate([ends[:, 0], ends[~loops, 1]])
    dst = np.concatenate([ends[:, 1], ends[~loops, 0]])
    both = np.concatenate([weights, weights[~loops]])
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = last + np.bincount(dst, weights=last[src] * both, minlength=n)
        x = x / (float(np.sqrt(np.dot(x, x))) or 1.0)
        if float(np.abs(x - last).sum()) < n * tol:
            return {node: float(v) for node, v in zip(nodes, x, strict=True)}
    raise QueryError(f"eigenvector centrality did not converge in {max_iter} iterations")


__all__ = ["eigenvector", "pagerank"]
