"""Louvain communities of the actor graph, seeded so that runs repeat."""

from __future__ import annotations

import random
from collections import defaultdict

import networkx as nx

from ecokg.network.actors import undirected
from ecokg.network.engine import NO_IGRAPH, SEED, igraph_module, to_igraph
from ecokg.network.scores import Scores


def communities(G: nx.Graph, *, seed: int = SEED, resolution: float = 1.0) -> list[list[str]]:
    """Louvain communities with a fixed ``seed`` (so runs repeat), largest first.

    >>> communities(actor_graph(kg.to_networkx()))[0]   # doctest: +SKIP
    """
    H = undirected(G)
    indexed = to_igraph(H) if H.number_of_edges() else None
    if indexed is None:
        found = nx.community.louvain_communities(H, weight="weight", seed=seed, resolution=resolution)
        return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    import igraph

    # igraph's Louvain (C), about 40× NetworkX's at 100k nodes; it draws from the random
    # generator set here, seeded so that runs repeat, then given back.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        membership = indexed.graph.community_multilevel(weights="weight", resolution=resolution).membership
    finally:
        igraph.set_random_number_generator(random)
    groups: dict[int, list[str]] = defaultdict(list)
    for node, group in zip(indexed.nodes, membership, strict=True):
        groups[group].append(node)
    return sorted((sorted(c) for c in groups.values()), key=lambda c: (-len(c), c[0]))


def community(G: nx.Graph, *, seed: int = SEED, resolution: float = 1.0) -> Scores:
    """Each node's Louvain community number (0 = the largest), as :class:`Scores`.

    >>> community(actor_graph(kg.to_networkx())).values   # doctest: +SKIP
    """
    values = {n: float(i) for i, members in enumerate(communities(G, seed=seed, resolution=resolution)) for n in members}
    message = NO_IGRAPH if igraph_module() is None and len(values) > 2 else None
    return Scores("community", values, {"seed": seed, "resolution": resolution, "weight": "weight"}, message)


__all__ = ["communities", "community"]
