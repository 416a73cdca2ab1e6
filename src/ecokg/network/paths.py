"""Paths between entities, explained: the chains of facts that connect two nodes.

Paths use the whole collapsed projection, places included, because "both are based in
Wisconsin" is a connection worth explaining; edges are read in either direction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import TYPE_CHECKING, Any

import networkx as nx

from ecokg.errors import QueryError
from ecokg.network.labels import node_label
from ecokg.network.vocabulary import NOT_DONE

if TYPE_CHECKING:
    from ecokg.graph.store import Backend


#: Most shortest paths :func:`k_shortest_paths` lists.
MAX_PATHS = 50


@dataclass
class Step:
    source: str
    target: str
    label: str
    predicate: str
    forward: bool  # the fact reads source -> target (else target -> source)
    sources: list[dict[str, str]]


@dataclass
class ExplainedPath:
    nodes: list[str]
    labels: list[str]
    steps: list[Step]

    @property
    def sentence(self) -> str:
        """``A —solicited→ B ←president of— C``."""
        parts = [self.labels[0]]
        for step, label in zip(self.steps, self.labels[1:], strict=True):
            parts.append(f" —{step.label}→ {label}" if step.forward else f" ←{step.label}— {label}")
        return "".join(parts)


def _path_graph(G: nx.Graph) -> nx.Graph:
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v in G.edges():
        if u != v:
            H.add_edge(u, v)
    return H


def _explain(G: nx.Graph, nodes: list[str]) -> ExplainedPath:
    steps: list[Step] = []
    for u, v in pairwise(nodes):
        options: list[tuple[bool, dict[str, Any]]] = []
        for a, b, forward in ((u, v, True), (v, u, False)):
            if G.has_edge(a, b):
                data = G.get_edge_data(a, b)
                for d in data.values() if G.is_multigraph() else [data]:
                    options.append((forward, d))
        # A fact read forwards first; then direct facts before collapsed relationships; then
        # the tersest label ("signed an agreement with" rather than the signing event).
        forward, best = min(
            options,
            key=lambda o: (not o[0], o[1].get("via") is not None, len(o[1].get("label", "")), o[1].get("label", "")),
        )
        label = str(best.get("label", ""))
        if best.get("status_key") in NOT_DONE:  # a programme is not a record: "(planned)"
            label = f"{label} ({best.get('status')})"
        steps.append(Step(u, v, label, best.get("predicate", ""), forward, list(best.get("sources", []))))
    return ExplainedPath(nodes, [node_label(G, n) for n in nodes], steps)


def explain_path(G: nx.Graph, nodes: Sequence[str]) -> ExplainedPath:
    """A path given as nodes of ``G`` (or of its actor graph), explained with ``G``'s facts.

    >>> explain_path(G, report.paths[0]).sentence   # doctest: +SKIP
    """
    return _explain(G, list(nodes))


def shortest_path(G: nx.Graph, source: str, target: str) -> ExplainedPath:
    """The shortest chain of facts between two entities, explained (edges read in either direction).

    >>> shortest_path(kg.to_networkx(), dufay, wedc).sentence    # doctest: +SKIP
    'Marie-Guite Dufay —solicited→ Nicolas Paris —met at Meetings with …→ Wisconsin Economic Development Corporation'
    """
    paths = k_shortest_paths(G, source, target, 1)
    return paths[0]


def k_shortest_paths(G: nx.Graph, source: str, target: str, k: int = 3) -> list[ExplainedPath]:
    """Up to ``k`` shortest simple paths between two entities, shortest first, explained.

    >>> [p.sentence for p in k_shortest_paths(kg.to_networkx(), dufay, wedc, 3)]   # doctest: +SKIP
    """
    for node in (source, target):
        if node not in G:
            raise QueryError(f"{node} is not a node of the network (relationships and provenance are not)")
    _check_k(k)
    H = _path_graph(G)
    if source == target:
        return [ExplainedPath([source], [node_label(G, source)], [])]
    try:
        found = list(islice(nx.shortest_simple_paths(H, source, target), k))
    except nx.NetworkXNoPath:
        raise QueryError(f"no path joins {node_label(G, source)} and {node_label(G, target)}") from None
    return [_explain(G, p) for p in found]


def _check_k(k: int) -> None:
    if not 1 <= k <= MAX_PATHS:
        # Simple paths grow exponentially with their length: asking for 100,000 of them ran
        # for minutes (issue 22). Fifty alternatives are more than anyone reads.
        raise QueryError(f"the number of paths must be between 1 and {MAX_PATHS} (got {k})")


def paths_between(
    backend: Backend, source: str, target: str, k: int = 1, *, lang: str = "en", co_participation: bool = False,
) -> list[ExplainedPath]:
    """The ``k`` shortest explained paths between two entities named as people type them.

    Uses the collapsed projection, or the uncollapsed one when an end is itself a
    relationship (a post, an agreement, an event). The projection is read without sources
    (cached, shared with maps and measures); the sources of the links the paths take are read
    afterwards, for them only.

    >>> paths_between(backend, "Marie-Guite Dufay", "WEDC")[0].sentence   # doctest: +SKIP
    """
    from ecokg.network.lookup import node_named
    from ecokg.network.projection import project
    from ecokg.network.provenance import attach_sources

    _check_k(k)
    G = project(backend, collapse=True, lang=lang, sources=False, co_participation=co_participation)
    ends = [node_named(backend, G, source), node_named(backend, G, target)]
    if any(end not in G for end in ends):
        G = project(backend, collapse=False, lang=lang, sources=False)
    found = k_shortest_paths(G, ends[0], ends[1], k)
    on_paths = attach_sources(backend, G.subgraph({n for p in found for n in p.nodes}).copy())
    return [_explain(on_paths, p.nodes) for p in found]


__all__ = ["MAX_PATHS", "ExplainedPath", "Step", "explain_path", "k_shortest_paths", "paths_between", "shortest_path"]
