"""Every measure by name, and :func:`analyze`, which runs the named ones."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import networkx as nx

from ecokg.errors import QueryError
from ecokg.network.brokers import broker_scores
from ecokg.network.centrality import (
    betweenness,
    closeness,
    constraint,
    degree,
    eigenvector,
    pagerank,
)
from ecokg.network.communities import community
from ecokg.network.scores import MEASURES, Scores

MEASURE_FUNCTIONS: dict[str, Callable[..., Scores]] = {
    "degree": degree,
    "betweenness": betweenness,
    "closeness": closeness,
    "pagerank": pagerank,
    "eigenvector": eigenvector,
    "constraint": constraint,
    "broker": broker_scores,
    "community": community,
}


def analyze(G: nx.Graph, measures: Iterable[str] = MEASURES, *, k: int | None = None) -> list[Scores]:
    """Run the named measures on ``G`` (``k`` = sampled betweenness sources, where it applies).

    >>> [s.measure for s in analyze(actor_graph(kg.to_networkx()), ["degree"])]   # doctest: +SKIP
    ['degree']
    """
    results = []
    for name in measures:
        if name not in MEASURE_FUNCTIONS:
            raise QueryError(f"unknown measure {name!r} (known: {', '.join(MEASURES)})")
        function = MEASURE_FUNCTIONS[name]
        results.append(function(G, k=k) if name in ("betweenness", "broker") else function(G))
    return results


__all__ = ["MEASURE_FUNCTIONS", "analyze"]
