"""Network analysis of the projected graph: centralities, communities, brokers, paths, introductions.

Measures run on the *actor graph* (:func:`actor_graph`): the people and organisations
of the collapsed projection, as an undirected simple graph whose edge ``weight`` counts
the facts joining two actors. Places, documents and sectors are context, not actors:
kept, every organisation based in a region would hang off that region's node and
geography would dominate every ranking. Paths (:func:`shortest_path`) use the whole
collapsed projection, places included, because "both are based in Wisconsin" is a
connection worth explaining.

Every measure is one function returning :class:`Scores`; :func:`scores_graph` turns
scores into RDF (``ek:Score`` nodes with PROV) for the ``analysis`` named graph.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import weakref
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice, pairwise
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import networkx as nx
from rdflib import Graph, Literal, URIRef

from ecokg.errors import EcokgError, QueryError
from ecokg.namespaces import ANALYSIS_GRAPH, EK, EKG, PROV, RDF, RDFS, XSD, bind_prefixes
from ecokg.text import fold

if TYPE_CHECKING:
    from ecokg.graph.store import Backend

#: Categories of the projection's nodes that count as actors.
ACTOR_CATEGORIES = ("person", "organization")
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

#: Measure name -> ontology individual (``ek:measure`` of the scores written to RDF).
MEASURE_TERMS = {
    "degree": EK.DegreeCentrality,
    "betweenness": EK.BetweennessCentrality,
    "closeness": EK.ClosenessCentrality,
    "pagerank": EK.PageRank,
    "eigenvector": EK.EigenvectorCentrality,
    "constraint": EK.BurtConstraint,
    "broker": EK.BrokerScore,
    "community": EK.LouvainCommunity,
}
MEASURES = tuple(MEASURE_TERMS)


@dataclass
class Scores:
    """One measure's value per node, with the parameters it ran with.

    ``message`` says when the result is an estimate (sampled betweenness).
    """

    measure: str
    values: dict[str, float]
    parameters: dict[str, Any] = field(default_factory=dict)
    message: str | None = None

    def top(self, n: int | None = None, *, reverse: bool = True) -> list[tuple[str, float]]:
        """The ``n`` highest (``reverse=False``: lowest) values, ties by node id."""
        sign = -1 if reverse else 1
        ranked = sorted(self.values.items(), key=lambda kv: (sign * kv[1], kv[0]))
        return ranked[:n] if n is not None else ranked


# --- graphs -------------------------------------------------------------------------


def actor_graph(G: nx.Graph, categories: Sequence[str] = ACTOR_CATEGORIES) -> nx.Graph:
    """The people and organisations of a projection, undirected, ``weight`` = facts joining them.

    >>> A = actor_graph(kg.to_networkx())                 # doctest: +SKIP
    """
    keep = [n for n, c in G.nodes(data="category") if c in categories]
    return simple_graph(G.subgraph(keep))


def simple_graph(G: nx.Graph) -> nx.Graph:
    """An undirected simple copy of ``G``: parallel edges merged, ``weight`` = how many."""
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v in G.edges():
        if u == v:
            continue
        if H.has_edge(u, v):
            H[u][v]["weight"] += 1
        else:
            H.add_edge(u, v, weight=1)
    return H


def _undirected(G: nx.Graph) -> nx.Graph:
    return G if not G.is_directed() and not G.is_multigraph() else simple_graph(G)


# --- engine -------------------------------------------------------------------------
# NetworkX is the API; igraph (C), when installed, computes the heavy measures behind it:
# chosen by measurement on a 100k-node scale-free graph (docs/performance.md), its results
# checked against NetworkX's in tests/graph/test_analysis.py.

#: Said once per measure when igraph is missing and NetworkX does the work.
NO_IGRAPH = "igraph is not installed: computed with NetworkX, much slower on large graphs (pip install igraph)"


@dataclass
class _Indexed:
    """An undirected simple graph as igraph sees it: vertex i is ``nodes[i]``."""

    graph: Any
    nodes: list[str]
    size: tuple[int, int]
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)


_INDEXED: weakref.WeakKeyDictionary[nx.Graph, _Indexed] = weakref.WeakKeyDictionary()


def _igraph() -> Any | None:
    try:
        import igraph
    except ImportError:
        return None
    return igraph


def _indexed(H: nx.Graph) -> _Indexed | None:
    """``H`` (undirected, simple) in igraph, converted once per graph (None without igraph)."""
    igraph = _igraph()
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
    found = _Indexed(graph, nodes, size)
    _INDEXED[H] = found
    return found


def _sources(H: nx.Graph, k: int, seed: int) -> list[str]:
    # The very sources NetworkX's betweenness_centrality(k=..., seed=...) samples.
    return random.Random(seed).sample(list(H), k)


# --- centralities -------------------------------------------------------------------


def degree(G: nx.Graph) -> Scores:
    """Degree centrality: the share of the other nodes a node is tied to.

    >>> degree(actor_graph(kg.to_networkx())).top(1)      # doctest: +SKIP
    [('https://w3id.org/ecokg/id/nicolas-paris', 0.9)]
    """
    n = G.number_of_nodes()
    if n <= 1 or not (G.is_directed() or G.is_multigraph()):
        return Scores("degree", dict(nx.degree_centrality(_undirected(G))))
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


def _sampling(G: nx.Graph, k: int | None, budget: int | None) -> tuple[nx.Graph, int, _Indexed | None, int | None]:
    """The undirected graph, its size, its igraph form, and ``k``: how many sources to sample
    (None: exact) when nodes × (nodes + edges) is over ``budget``."""
    H = _undirected(G)
    n = H.number_of_nodes()
    size = n + H.number_of_edges()
    indexed = _indexed(H)
    if budget is None:
        budget = IGRAPH_WORK_BUDGET if indexed is not None else WORK_BUDGET
    if k is None and n * size > budget:
        k = max(MIN_SAMPLE, budget // size)
    return H, n, indexed, k


def _betweenness_igraph(H: nx.Graph, indexed: _Indexed, k: int | None, seed: int) -> dict[str, float]:
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


def _closeness_exact(indexed: _Indexed, vertices: list[int] | None = None) -> dict[str, float]:
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


def _closeness_sampled(H: nx.Graph, indexed: _Indexed | None, k: int, seed: int) -> tuple[dict[str, float], int]:
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


def _distance_sums(H: nx.Graph, indexed: _Indexed | None, nodes: list[str], sources: list[int]) -> list[float]:
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


def pagerank(G: nx.Graph, *, alpha: float = 0.85, tol: float = 1.0e-6, max_iter: int = 100) -> Scores:
    """PageRank on the undirected, weighted graph (power iteration; no SciPy needed).

    >>> round(sum(pagerank(actor_graph(kg.to_networkx())).values.values()), 6)   # doctest: +SKIP
    1.0
    """
    H = _undirected(G)
    nodes = list(H)
    n = len(nodes)
    if n == 0:
        return Scores("pagerank", {}, {"alpha": alpha})
    indexed = _indexed(H)
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
    H = _undirected(G)
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


def constraint(G: nx.Graph) -> Scores:
    """Burt's constraint: low when a node's contacts are not tied to each other (structural holes).

    Isolated nodes have no constraint and are left out.

    >>> constraint(actor_graph(kg.to_networkx())).top(1, reverse=False)   # doctest: +SKIP
    """
    H = _undirected(G)
    indexed = _indexed(H)
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


def communities(G: nx.Graph, *, seed: int = SEED, resolution: float = 1.0) -> list[list[str]]:
    """Louvain communities with a fixed ``seed`` (so runs repeat), largest first.

    >>> communities(actor_graph(kg.to_networkx()))[0]   # doctest: +SKIP
    """
    H = _undirected(G)
    indexed = _indexed(H) if H.number_of_edges() else None
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
    message = NO_IGRAPH if _igraph() is None and len(values) > 2 else None
    return Scores("community", values, {"seed": seed, "resolution": resolution, "weight": "weight"}, message)


# --- brokers ------------------------------------------------------------------------


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
        Broker(n, _label(G, n), b, cons.get(n), b * (1.0 - min(cons.get(n, 1.0), 1.0)))
        for n, b in between.items()
        if b > 0
    ]
    found.sort(key=lambda x: (-x.score, -x.betweenness, x.label))
    return found[:top]


@dataclass
class TerritoryBroker:
    node: str
    label: str
    territory: str | None
    share: float  # of the cross-territory shortest paths that pass through the node
    cut: float  # of the connected cross-territory pairs it alone disconnects
    constraint: float | None


@dataclass
class BridgeReport:
    """Who connects the actors of two territories (see :func:`territory_brokers`)."""

    territories: tuple[str, str]
    first: list[str]
    second: list[str]
    pairs: int
    connected: int
    brokers: list[TerritoryBroker]
    paths: list[list[str]]
    message: str | None = None  # set when the sources were sampled

    @property
    def cut_nodes(self) -> list[TerritoryBroker]:
        """The nodes whose removal alone disconnects some cross-territory pairs."""
        return [b for b in self.brokers if b.cut > 0]


def bridge_summary(report: BridgeReport) -> str:
    """One sentence: how many pairs of the two territories are connected, and who alone cuts them."""
    a, b = report.territories
    cut = report.cut_nodes
    tail = (
        f"removing {_enumerate([c.label for c in cut])} alone would disconnect some of them"
        if cut else "no single actor's removal disconnects any of them"
    )
    return (
        f"{len(report.first)} actors in {a}, {len(report.second)} in {b}: "
        f"{report.connected} of {report.pairs} cross pairs are connected; {tail}."
    )


def _territory_members(G: nx.Graph, name: str) -> tuple[str, list[str]]:
    known: dict[str, str] = {}
    for _, territories in G.nodes(data="territories"):
        for t in territories or ():
            known.setdefault(fold(t), t)
    wanted = fold(name)
    if wanted not in known:
        raise QueryError(
            f"no actor is in a territory named {name!r} (known: {', '.join(sorted(known.values())) or 'none'})"
        )
    label = known[wanted]
    return label, sorted(n for n, ts in G.nodes(data="territories") if label in (ts or ()))


def territory_brokers(
    G: nx.Graph, first: str, second: str, *, top: int = 10, paths: int = 50, seed: int = SEED
) -> BridgeReport:
    """The actors that bridge two territories, best first.

    Method (Brandes' betweenness restricted to source and target groups): for every pair of
    distinct actors, one in each territory (an actor in both counts as a member of each),
    each actor between them gets the share of the pair's shortest paths that pass through
    it; ``share`` is the average over the connected pairs. ``cut`` is the share of those
    pairs that the actor's removal alone disconnects. Ties go to the lower Burt constraint.
    ``paths`` are example shortest paths, one per pair (at most ``paths``). When the first
    territory has more actors than ``WORK_BUDGET`` allows, a seeded sample of them is used
    as sources and ``message`` says so.

    >>> territory_brokers(actor_graph(kg.to_networkx()), "Bourgogne-Franche-Comté", "Wisconsin").brokers[0].label   # doctest: +SKIP
    'Nicolas Paris'
    """
    H = _undirected(G)
    name_a, group_a = _territory_members(H, first)
    name_b, group_b = _territory_members(H, second)
    set_a, set_b = set(group_a), set(group_b)
    size = H.number_of_nodes() + H.number_of_edges()
    sources, message = group_a, None
    if len(group_a) * size > WORK_BUDGET:
        count = max(MIN_SAMPLE, WORK_BUDGET // size)
        sources = sorted(random.Random(seed).sample(group_a, min(count, len(group_a))))
        message = f"estimated from {len(sources)} sampled actors of {len(group_a)} in {name_a} (seed {seed})"
    through: dict[str, float] = defaultdict(float)
    connected = 0
    pairs = 0
    examples: list[list[str]] = []
    for s in sources:
        targets = {t for t in set_b if t != s and not (t in set_a and s in set_b and t < s)}
        pairs += len(targets)
        order, preds, sigma, dist = _shortest_paths_from(H, s)
        reached = [t for t in targets if t in dist]
        connected += len(reached)
        for t in sorted(reached):
            if len(examples) < paths:
                examples.append(_one_path(preds, s, t))
        # Brandes' dependency accumulation, counting only the wanted targets.
        delta: dict[str, float] = dict.fromkeys(order, 0.0)
        for w in reversed(order):
            weight = (1.0 if w in targets else 0.0) + delta[w]
            for v in preds[w]:
                delta[v] += sigma[v] / sigma[w] * weight
            if w != s:
                through[w] += delta[w]
    cons = constraint(H).values
    all_connected = _cross_pairs(H, set_a, set_b)  # all pairs, even when the sources were sampled
    candidates = sorted((n for n, v in through.items() if v > 0), key=lambda n: (-through[n], n))
    found = [
        TerritoryBroker(
            n, _label(H, n), H.nodes[n].get("territory"),
            through[n] / connected if connected else 0.0,
            _cut_share(H, n, set_a, set_b, all_connected),
            cons.get(n),
        )
        for n in candidates[: max(top, 20)]
    ]
    found.sort(key=lambda b: (-round(b.share, 12), -b.cut, b.constraint if b.constraint is not None else 1.0, b.label))
    return BridgeReport((name_a, name_b), group_a, group_b, pairs, connected, found[:top], examples, message)


def _shortest_paths_from(
    H: nx.Graph, source: str
) -> tuple[list[str], dict[str, list[str]], dict[str, float], dict[str, int]]:
    """BFS from ``source``: visit order, predecessors, number of shortest paths, distances."""
    order: list[str] = []
    preds: dict[str, list[str]] = {source: []}
    sigma: dict[str, float] = {source: 1.0}
    dist = {source: 0}
    queue = deque([source])
    while queue:
        v = queue.popleft()
        order.append(v)
        for w in H[v]:
            if w not in dist:
                dist[w] = dist[v] + 1
                sigma[w] = 0.0
                preds[w] = []
                queue.append(w)
            if dist[w] == dist[v] + 1:
                sigma[w] += sigma[v]
                preds[w].append(v)
    return order, preds, sigma, dist


def _one_path(preds: dict[str, list[str]], source: str, target: str) -> list[str]:
    path = [target]
    while path[-1] != source:
        path.append(min(preds[path[-1]]))
    return path[::-1]


def _cross_pairs(H: nx.Graph, set_a: set[str], set_b: set[str]) -> int:
    """Connected unordered pairs {a, b}, a in A, b in B, a != b (counted per component)."""
    total = 0
    for component in nx.connected_components(H):
        a = len(component & set_a)
        b = len(component & set_b)
        both = len(component & set_a & set_b)
        total += a * b - both - both * (both - 1) // 2
    return total


def _cut_share(H: nx.Graph, node: str, set_a: set[str], set_b: set[str], connected: int) -> float:
    """Share of the connected cross-territory pairs (not ending at ``node``) that removing it disconnects."""
    if not connected:
        return 0.0
    others = (set_b if node in set_a else set()) | (set_a if node in set_b else set())
    reach = nx.node_connected_component(H, node)
    ends = len((others - {node}) & reach)  # pairs with the node as an end cannot be cut by it
    rest = H.subgraph([n for n in H if n != node])
    lost = (connected - ends) - _cross_pairs(rest, set_a - {node}, set_b - {node})
    return max(lost, 0) / connected


# --- paths --------------------------------------------------------------------------


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
        steps.append(Step(u, v, best.get("label", ""), best.get("predicate", ""), forward, list(best.get("sources", []))))
    return ExplainedPath(nodes, [_label(G, n) for n in nodes], steps)


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
    if k < 1:
        raise QueryError("k must be at least 1")
    H = _path_graph(G)
    if source == target:
        return [ExplainedPath([source], [_label(G, source)], [])]
    try:
        found = list(islice(nx.shortest_simple_paths(H, source, target), k))
    except nx.NetworkXNoPath:
        raise QueryError(f"no path joins {_label(G, source)} and {_label(G, target)}") from None
    return [_explain(G, p) for p in found]


def paths_between(backend: Backend, source: str, target: str, k: int = 1, *, lang: str = "en") -> list[ExplainedPath]:
    """The ``k`` shortest explained paths between two entities named as people type them.

    Uses the collapsed projection, or the uncollapsed one when an end is itself a
    relationship (a post, an agreement, an event).

    >>> paths_between(backend, "Marie-Guite Dufay", "WEDC")[0].sentence   # doctest: +SKIP
    """
    from ecokg.network.projection import project
    from ecokg.queries.resolve import resolve

    ends = [str(resolve(backend, source)), str(resolve(backend, target))]
    G = project(backend, collapse=True, lang=lang)
    if any(end not in G for end in ends):
        G = project(backend, collapse=False, lang=lang)
    return k_shortest_paths(G, ends[0], ends[1], k)


# --- suggested introductions --------------------------------------------------------


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
        return "both are tied to " + _enumerate(self.shared)


def _enumerate(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


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
    H = _undirected(G)
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
                u, v, _label(H, u), _label(H, v), aa, len(shared) / len(union) if union else 0.0,
                len(shared), sorted(_label(H, w) for w in shared),
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


# --- the whole analysis, RDF and files -----------------------------------------------

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


def _label(G: nx.Graph, node: str) -> str:
    return str(G.nodes[node].get("label") or node) if node in G else node


def scores_graph(results: Sequence[Scores], *, when: datetime | None = None) -> Graph:
    """Scores as RDF: one ``ek:Score`` per node and measure, each generated by a ``prov:Activity``.

    >>> g = scores_graph([degree(actor_graph(kg.to_networkx()))])   # doctest: +SKIP
    """
    when = when or datetime.now(UTC)
    stamp = Literal(when.isoformat(timespec="seconds"), datatype=XSD.dateTime)
    graph = Graph()
    bind_prefixes(graph.namespace_manager)
    for result in results:
        run = EKG[f"analysis/run/{result.measure}"]
        term = MEASURE_TERMS[result.measure]
        graph.add((run, RDF.type, PROV.Activity))
        graph.add((run, RDFS.label, Literal(f"network analysis: {result.measure}", lang="en")))
        graph.add((run, EK.measure, term))
        graph.add((run, EK.parameters, Literal(json.dumps(result.parameters, sort_keys=True, default=str))))
        graph.add((run, PROV.endedAtTime, stamp))
        if result.message:
            graph.add((run, RDFS.comment, Literal(result.message, lang="en")))
        for rank, (node, value) in enumerate(result.top(), start=1):
            digest = hashlib.sha1(node.encode("utf-8")).hexdigest()[:20]
            score = EKG[f"analysis/{result.measure}/{digest}"]
            graph.add((score, RDF.type, EK.Score))
            graph.add((score, EK.about, URIRef(node)))
            graph.add((score, EK.measure, term))
            graph.add((score, EK.value, Literal(float(value), datatype=XSD.double)))
            graph.add((score, EK.rank, Literal(rank, datatype=XSD.integer)))
            graph.add((score, PROV.wasGeneratedBy, run))
    return graph


def write_scores(backend: Backend, results: Sequence[Scores]) -> int:
    """Replace the ``analysis`` named graph by these scores; returns the number of triples."""
    from ecokg.graph.store import Change

    graph = scores_graph(results)
    backend.commit(Change(add=[(ANALYSIS_GRAPH, graph)]))
    return len(graph)


NETWORK_FORMATS = ("graphml", "gexf")


def export_graph(G: nx.Graph, *, scores: Sequence[Scores] = ()) -> nx.MultiDiGraph:
    """A copy of a projection whose attributes GraphML and GEXF can hold (text and numbers).

    Lists are joined with "; ", sources and props become JSON text, missing values are
    left out, and each score becomes a numeric node attribute named after its measure.
    """
    out = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        out.add_node(node, **_flat(data))
    for result in scores:
        for node, value in result.values.items():
            if node in out:
                out.nodes[node][result.measure] = int(value) if result.measure == "community" else float(value)
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, 0, d) for u, v, d in G.edges(data=True))
    for u, v, _key, data in edges:
        out.add_edge(u, v, **_flat(data))
    return out


def _flat(data: dict[str, Any]) -> dict[str, str | float | int]:
    flat: dict[str, str | float | int] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, bool):
            flat[key] = str(value).lower()
        elif isinstance(value, str | int | float):
            flat[key] = value
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            if value:
                flat[key] = "; ".join(value)
        else:
            flat[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return flat


def write_network(G: nx.Graph, destination: str | Path | IO[bytes], fmt: str) -> None:
    """Write an export graph (:func:`export_graph`) as GraphML or GEXF (for Gephi)."""
    if fmt == "graphml":
        nx.write_graphml(G, destination, encoding="utf-8", named_key_ids=True)
    elif fmt == "gexf":
        nx.write_gexf(G, destination, encoding="utf-8")
    else:
        raise EcokgError(f"unknown network format {fmt!r} (known: {', '.join(NETWORK_FORMATS)})")


def export_network(backend: Backend, destination: str | Path | IO[bytes], fmt: str, *, lang: str = "en") -> nx.MultiDiGraph:
    """Project the graph (collapsed), score its actors and write it as GraphML or GEXF; returns what was written."""
    if fmt not in NETWORK_FORMATS:
        raise EcokgError(f"unknown network format {fmt!r} (known: {', '.join(NETWORK_FORMATS)})")
    from ecokg.network.projection import project

    G = project(backend, collapse=True, lang=lang)
    actors = actor_graph(G)
    results = analyze(actors, ("degree", "betweenness", "pagerank", "constraint", "community"))
    out = export_graph(G, scores=results)
    write_network(out, destination, fmt)
    return out


def score_rows(G: nx.Graph, results: Sequence[Scores], top: int | None = 10) -> tuple[list[str], list[list[Any]]]:
    """A table of scores: one row per node, ranked by the first measure, one column per measure."""
    if not results:
        return [], []
    columns = ["rank", "entity", "kind", "territory", *[r.measure for r in results], "iri"]
    ranked = results[0].top(top, reverse=results[0].measure != "constraint")
    rows: list[list[Any]] = []
    for rank, (node, _) in enumerate(ranked, start=1):
        data = G.nodes[node]
        values = [_rounded(r.values.get(node), r.measure) for r in results]
        rows.append([rank, data.get("label", node), data.get("kind"), data.get("territory"), *values, node])
    return columns, rows


def _rounded(value: float | None, measure: str) -> float | int | None:
    if value is None:
        return None
    return int(value) if measure == "community" else round(value, 4)


def territory_name(backend: Backend, G: nx.Graph, text: str) -> str:
    """The territory ``text`` names: a place's label when it resolves to one (``BFC``), else ``text``."""
    from ecokg.queries.resolve import resolve

    try:
        iri = str(resolve(backend, text))
    except EcokgError:
        return text
    data = G.nodes.get(iri) if iri in G else None
    return str(data["label"]) if data and data.get("category") == "place" else text


def resolve_node(backend: Backend, G: nx.Graph, text: str) -> str:
    """The node of ``G`` that ``text`` (IRI, CURIE, id or label) names."""
    from ecokg.queries.resolve import resolve

    iri = str(resolve(backend, text))
    if iri not in G:
        raise QueryError(f"{text!r} names {iri}, which is not a node of the network (relationships are edges)")
    return iri


__all__ = [
    "ACTOR_CATEGORIES",
    "MEASURES",
    "BridgeReport",
    "Broker",
    "ExplainedPath",
    "Scores",
    "Suggestion",
    "actor_graph",
    "analyze",
    "betweenness",
    "bridge_summary",
    "broker_scores",
    "brokers",
    "closeness",
    "communities",
    "community",
    "constraint",
    "degree",
    "eigenvector",
    "explain_path",
    "export_graph",
    "export_network",
    "k_shortest_paths",
    "pagerank",
    "paths_between",
    "resolve_node",
    "score_rows",
    "scores_graph",
    "shortest_path",
    "suggest_introductions",
    "territory_brokers",
    "territory_name",
    "write_network",
    "write_scores",
]
