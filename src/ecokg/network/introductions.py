"""Suggested introductions (link prediction): pairs not yet tied that share neighbours."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from ecokg.errors import QueryError
from ecokg.network.actors import undirected
from ecokg.network.labels import enumeration, node_label


@dataclass
class Suggestion:
    first: str
    second: str
    first_label: str
    second_label: str
    adamic_adar: float
    jaccard: float
    common: int
    shared: list[str]  # labels of the shared neighbours

    @property
    def reason(self) -> str:
        return "both are tied to " + enumeration(self.shared)


def suggest_introductions(
    G: nx.Graph,
    *,
    for_node: str | None = None,
    top: int = 10,
    categories: Sequence[str] = ("organization",),
) -> list[Suggestion]:
    """Pairs not yet tied that share neighbours, best first (Adamic-Adar, then Jaccard, then common neighbours,
    then pairs from two different known territories).

    Without ``for_node``: pairs of organisations. With it: that entity and any actor.
    Each suggestion names the shared neighbours, its reason.

    >>> s = suggest_introductions(actor_graph(kg.to_networkx()))[0]   # doctest: +SKIP
    >>> s.reason                                                      # doctest: +SKIP
    'both are tied to Martine Abrahamse-Pleux, Nicolas Paris and Nicolas Soret'
    """
    H = undirected(G)
    if for_node is not None and for_node not in H:
        raise QueryError(f"{for_node} is not an actor of the network (people and organisations are)")
    allowed = {n for n, c in H.nodes(data="category") if c in categories} if categories else set(H)
    candidates: set[tuple[str, str]] = set()
    starts = [for_node] if for_node is not None else sorted(allowed)
    for u in starts:
        for w in H[u]:
            for v in H[w]:
                if v == u or H.has_edge(u, v):
                    continue
                if for_node is None and v not in allowed:
                    continue
                candidates.add((u, v) if for_node is not None or u < v else (v, u))
    found: list[Suggestion] = []
    for u, v in candidates:
        shared = sorted(set(H[u]) & set(H[v]))
        union = set(H[u]) | set(H[v])
        aa = sum(1.0 / math.log(H.degree(w)) for w in shared if H.degree(w) > 1)
        found.append(
            Suggestion(
                u, v, node_label(H, u), node_label(H, v), aa, len(shared) / len(union) if union else 0.0,
                len(shared), sorted(node_label(H, w) for w in shared),
            )
        )
    # Ties go first to pairs from different territories: the introductions a region's
    # international strategy is after.
    found.sort(key=lambda s: (
        -round(s.adamic_adar, 12), -round(s.jaccard, 12), -s.common,
        _same_territory(H, s.first, s.second), s.first_label, s.second_label,
    ))
    return found[:top]


def _same_territory(H: nx.Graph, u: str, v: str) -> bool:
    first = set(H.nodes[u].get("territories") or ())
    second = set(H.nodes[v].get("territories") or ())
    return bool(first & second) or not (first and second)


__all__ = ["Suggestion", "suggest_introductions"]
