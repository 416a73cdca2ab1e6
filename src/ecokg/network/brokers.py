"""Brokers: actors on many shortest paths among contacts who are not tied to each other."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ecokg.network.centrality import betweenness, constraint
from ecokg.network.labels import node_label
from ecokg.network.scores import Scores


@dataclass
class Broker:
    node: str
    label: str
    betweenness: float
    constraint: float | None
    score: float


def broker_scores(G: nx.Graph, *, k: int | None = None) -> Scores:
    """Broker score = betweenness × (1 − Burt constraint): on many shortest paths, among unconnected contacts.

    >>> broker_scores(actor_graph(kg.to_networkx())).top(1)   # doctest: +SKIP
    """
    between = betweenness(G, k=k)
    cons = constraint(G).values
    values = {n: b * (1.0 - min(cons.get(n, 1.0), 1.0)) for n, b in between.values.items()}
    return Scores("broker", values, {**between.parameters, "formula": "betweenness*(1-constraint)"}, between.message)


def brokers(G: nx.Graph, *, top: int = 10, k: int | None = None) -> list[Broker]:
    """The nodes with high betweenness and low constraint, best first (see :func:`broker_scores`).

    >>> brokers(actor_graph(kg.to_networkx()), top=1)[0].label   # doctest: +SKIP
    'Nicolas Paris'
    """
    between = betweenness(G, k=k).values
    cons = constraint(G).values
    found = [
        Broker(n, node_label(G, n), b, cons.get(n), b * (1.0 - min(cons.get(n, 1.0), 1.0)))
        for n, b in between.items()
        if b > 0
    ]
    found.sort(key=lambda x: (-x.score, -x.betweenness, x.label))
    return found[:top]


__all__ = ["Broker", "broker_scores", "brokers"]
