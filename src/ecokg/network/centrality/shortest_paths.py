"""Centralities from shortest paths: betweenness and closeness, exact or sampled.

Exact while nodes × (nodes + edges) stays within a work budget
(:data:`~ecokg.network.engine.IGRAPH_WORK_BUDGET` with igraph,
:data:`~ecokg.network.engine.WORK_BUDGET` without); above it, estimated from seeded
sampled sources, and the :class:`~ecokg.network.scores.Scores` message says so.
"""

from __future__ import annotations

import random
from typing import Any

import networkx as nx

from ecokg.network.actors import undirected
from ecokg.network.engine import (
    IGRAPH_WORK_BUDGET,
    MIN_SAMPLE,
    NO_IGRAPH,
    SEED,
    WORK_BUDGET,
    Indexed,
    to_igraph,
)
from ecokg.network.scores import Scores


def betweenness(G: nx.Graph, *, k: int | None = None, seed: int = SEED, budget: int | None = None) -> Scores:
    """Betweenness centrality: the share of shortest paths between others that go through a node.

    Exact while nodes × (nodes + edges) stays within ``budget`` (by default
    ``IGRAPH_WORK_BUDGET`` with igraph, ``WORK_BUDGET`` without); above, or when ``k`` is
    given, estimated from ``k`` sampled sources (``seed`` fixed), and ``message`` says so.
    The same values as ``nx.betweenness_centrality(G, k, seed=seed, normalized=True)``.

    >>> betweenness(actor_graph(kg.to_networkx()), k=5).message   # doctest: +SKIP
    'betweenness sampled, k=5 sources of 12 nodes (seed 42): an estimate'
    """
    H, n, indexed, k = _sampling(G, k, budget)
    message = None
    if k is not None and k < n:
        message = f"betweenness sampled, k={k} sources of {n} nodes (seed {seed}): an estimate"
    else:
        k = None
    parameters = {"k": k, "seed": seed if k else None, "normalized": True}
    if indexed is None:
        values = nx.betweenness_centrality(H, k=k, seed=seed if k else None, normalized=True)
        return Scores("betweenness", dict(values), parameters, _joined(message, NO_IGRAPH if n > 2 else None))
    key = ("betweenness", k, seed)
    if key not in indexed.memo:  # broker scores need it again
        indexed.memo[key] = _betweenness_igraph(H, indexed, k, seed)
    return Scores("betweenness", dict(indexed.memo[key]), parameters, message)


def _sampling(G: nx.Graph, k: int | None, budget: int | None) -> tuple[nx.Graph, int, Indexed | None, int | None]:
    """The undirected graph, its size, its igraph form, and ``k``: how many sources to sample
    (None: exact) when nodes × (nodes + edges) is over ``budget``."""
    H = undirected(G)
    n = H.number_of_nodes()
    size = n + H.number_of_edges()
    indexed = to_igraph(H)
    if budget is None:
        budget = IGRAPH_WORK_BUDGET if indexed is not None else WORK_BUDGET
    if k is None and n * size > budget:
        k = max(MIN_SAMPLE, budget // size)
    return H, n, indexed, k


def _betweenness_igraph(H: nx.Graph, indexed: Indexed, k: int | None, seed: int) -> dict[str, float]:
    n = len(indexed.nodes)
    if n <= 2:
        return dict.fromkeys(indexed.nodes, 0.0)
    if k is None:
        # igraph counts each unordered pair once; NetworkX's normalisation, 2 / ((n-1)(n-2)).
        raw = indexed.graph.betweenness(directed=False)
        scale = 2.0 / ((n - 1) * (n - 2))
    else:
        position = {node: i for i, node in enumerate(indexed.nodes)}
        chosen = {position[s] for s in _sources(H, k, seed)}
        # Paths from the sampled sources only (igraph counts each once), scaled up as NetworkX
        # 3.6 does: a source cannot lie between itself and a target, so it had k - 1 chances.
        raw = indexed.graph.betweenness(directed=False, sources=sorted(chosen), targets=None)
        per_source = 2.0 / ((k - 1) * (n - 2)) if k > 1 else 0.0
        per_other = 2.0 / (k * (n - 2))
        return {
            node: float(value) * (per_source if i in chosen else per_other)
            for i, (node, value) in enumerate(zip(indexed.nodes, raw, strict=True))
        }
    return {node: float(value) * scale for node, value in zip(indexed.nodes, raw, strict=True)}


def _sources(H: nx.Graph, k: int, seed: int) -> list[str]:
    # The very sources NetworkX's betweenness_centrality(k=..., seed=...) samples.
    return random.Random(seed).sample(list(H), k)


def _joined(*parts: str | None) -> str | None:
    found = [p for p in parts if p]
    return "; ".join(found) if found else None


def closeness(G: nx.Graph, *, k: int | None = None, seed: int = SEED, budget: int | None = None) -> Scores:
    """Closeness centrality (Wasserman-Faust, for graphs in several pieces): how near a node is to all others.

    Exact (``nx.closeness_centrality(G, wf_improved=True)``) while nodes × (nodes + edges)
    stays within ``budget``, as for :func:`betweenness`. Above, with igraph, or when ``k``
    is given: a node's mean distance to the rest of its component is estimated from ``k``
    seeded sample sources (spread over the components larger than that; smaller ones stay
    exact), and ``message`` says so.

    >>> closeness(actor_graph(kg.to_networkx())).top(1)[0][1] > 0   # doctest: +SKIP
    True
    """
    H, n, indexed, k = _sampling(G, k, budget)
    if k is not None and k >= n:
        k = None
    parameters: dict[str, Any] = {"wf_improved": True, "k": k, "seed": seed if k else None}
    slow = NO_IGRAPH if indexed is None and n > 2 else None
    if k is None:
        values = nx.closeness_centrality(H, wf_improved=True) if indexed is None else _closeness_exact(indexed)
        return Scores("closeness", dict(values), parameters, slow)
    values, used = _closeness_sampled(H, indexed, k, seed)
    if not used:  # every piece small enough to be exact
        return Scores("closeness", values, {**parameters, "k": None, "seed": None}, slow)
    message = f"closeness sampled, k={used} sources of {n} nodes (seed {seed}): an estimate"
    return Scores("closeness", values, {**parameters, "k": used}, _joined(message, slow))


def _closeness_exact(indexed: Indexed, vertices: list[int] | None = None) -> dict[str, float]:
    n = len(indexed.nodes)
    chosen = list(range(n)) if vertices is None else vertices
    if n <= 1:
        return {indexed.nodes[i]: 0.0 for i in chosen}
    # igraph: (reached - 1) / total distance, over the reached nodes; NetworkX's Wasserman-Faust
    # improvement scales that by the share of the graph reached, (reached - 1) / (n - 1).
    raw = indexed.graph.closeness(vertices=chosen, normalized=True)
    reached = indexed.graph.connected_components().sizes()
    membership = indexed.graph.connected_components().membership
    out = {}
    for i, value in zip(chosen, raw, strict=True):
        r = reached[membership[i]]
        out[indexed.nodes[i]] = 0.0 if value != value or r <= 1 else float(value) * (r - 1) / (n - 1)
    return out


def _closeness_sampled(H: nx.Graph, indexed: Indexed | None, k: int, seed: int) -> tuple[dict[str, float], int]:
    """Closeness estimated from sampled sources in each piece larger than ``k``, exact in the others.

    The same sources and so the same values with igraph (C) or without (NetworkX's BFS):
    distances are whole numbers, their sums exact either way.
    """
    nodes = list(H)
    n = len(nodes)
    position = {node: i for i, node in enumerate(nodes)}
    # Pieces numbered by their first node in H's order, as igraph numbers them.
    pieces = sorted((sorted(position[v] for v in part) for part in nx.connected_components(H)), key=lambda p: p[0])
    small = [i for part in pieces if len(part) <= k for i in part]
    large = [part for part in pieces if len(part) > k]
    if indexed is not None:
        values = _closeness_exact(indexed, small) if small else {}
    else:
        values = {nodes[i]: nx.closeness_centrality(H, u=nodes[i], wf_improved=True) for i in small}
    rng = random.Random(seed)
    total_large = sum(len(part) for part in large)
    used = 0
    for part in large:
        count = min(len(part), max(MIN_SAMPLE, round(k * len(part) / total_large)))
        chosen = sorted(rng.sample(part, count))
        used += count
        total = _distance_sums(H, indexed, nodes, chosen)
        is_source = set(chosen)
        r = len(part)
        for i in part:
            others = count - (1 if i in is_source else 0)
            mean = total[i] / others if others else 0.0
            # Wasserman-Faust closeness is (r-1)/(n-1) × (r-1)/Σd; Σd ≈ mean × (r-1).
            values[nodes[i]] = (r - 1) / (n - 1) / mean if mean > 0 else 0.0
    return values, used


def _distance_sums(H: nx.Graph, indexed: Indexed | None, nodes: list[str], sources: list[int]) -> list[float]:
    """For every node (by position), the sum of its distances from ``sources`` (unreached: 0)."""
    if indexed is None:
        total = [0.0] * len(nodes)
        position = {node: i for i, node in enumerate(nodes)}
        for s in sources:
            for node, d in nx.single_source_shortest_path_length(H, nodes[s]).items():
                total[position[node]] += d
        return total
    import numpy as np

    sums = np.zeros(len(nodes))
    for start in range(0, len(sources), 32):  # rows of n distances, a few at a time
        block = np.asarray(indexed.graph.distances(source=sources[start:start + 32]), dtype=float)
        block[~np.isfinite(block)] = 0.0
        sums += block.sum(axis=0)
    return [float(x) for x in sums]


__all__ = ["betweenness", "closeness"]
