"""Who bridges two territories: brokers of the shortest paths between their actors."""

from __future__ import annotations

import random
from collections import defaultdict, deque
from dataclasses import dataclass

import networkx as nx

from ecokg.errors import QueryError
from ecokg.network.actors import undirected
from ecokg.network.centrality import constraint
from ecokg.network.engine import MIN_SAMPLE, SEED, WORK_BUDGET
from ecokg.network.labels import enumeration, node_label
from ecokg.text import fold


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
    unlinked: int = 0  # actors of the two territories without any link, left out (no path reaches them)

    @property
    def cut_nodes(self) -> list[TerritoryBroker]:
        """The nodes whose removal alone disconnects some cross-territory pairs."""
        return [b for b in self.brokers if b.cut > 0]


SUMMARY = {
    "en": {"cut": "removing {names} alone would disconnect some of them", "and": "and",
           "uncut": "no single actor's removal disconnects any of them",
           "left_out": " ({n} more have no link at all)",
           "text": "{first} linked actors in {a}, {second} in {b}{left_out}: {connected} of {pairs} cross pairs are connected; {tail}."},
    "fr": {"cut": "retirer {names} à lui seul en déconnecterait certaines", "and": "ou",
           "uncut": "le retrait d’aucun acteur seul n’en déconnecte aucune",
           "left_out": " ({n} autres n’ont aucun lien)",
           "text": "{first} acteurs reliés pour {a}, {second} pour {b}{left_out} : {connected} paires croisées sur {pairs} "
                   "sont reliées ; {tail}."},
}


def bridge_summary(report: BridgeReport, lang: str = "en") -> str:
    """One sentence: how many pairs of the two territories are connected, and who alone cuts them."""
    words = SUMMARY.get(lang, SUMMARY["en"])
    a, b = report.territories
    cut = report.cut_nodes
    tail = words["cut"].format(names=enumeration([c.label for c in cut], words["and"])) if cut else words["uncut"]
    left_out = words["left_out"].format(n=f"{report.unlinked:,}") if report.unlinked else ""
    return words["text"].format(
        first=f"{len(report.first):,}", a=a, second=f"{len(report.second):,}", b=b, left_out=left_out,
        connected=f"{report.connected:,}", pairs=f"{report.pairs:,}", tail=tail,
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


def _linked(G: nx.Graph, members: list[str]) -> list[str]:
    return [n for n in members if G.degree(n) > 0]


def territory_brokers(
    G: nx.Graph, first: str, second: str, *, top: int = 10, paths: int = 50, seed: int = SEED
) -> BridgeReport:
    """The actors that bridge two territories, best first.

    The actors of each territory are those with at least one link (``unlinked`` counts the
    others: no path reaches them). Method (Brandes' betweenness restricted to source and target groups): for every pair of
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
    H = undirected(G)
    name_a, all_a = _territory_members(H, first)
    name_b, all_b = _territory_members(H, second)
    # Actors without any link are on no path: left out, counted (and so not sampled as sources).
    group_a, group_b = _linked(H, all_a), _linked(H, all_b)
    unlinked = len(set(all_a) | set(all_b)) - len(set(group_a) | set(group_b))
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
            n, node_label(H, n), H.nodes[n].get("territory"),
            through[n] / connected if connected else 0.0,
            _cut_share(H, n, set_a, set_b, all_connected),
            cons.get(n),
        )
        for n in candidates[: max(top, 20)]
    ]
    found.sort(key=lambda b: (-round(b.share, 12), -b.cut, b.constraint if b.constraint is not None else 1.0, b.label))
    return BridgeReport((name_a, name_b), group_a, group_b, pairs, connected, found[:top], examples, message, unlinked)


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


__all__ = ["BridgeReport", "TerritoryBroker", "bridge_summary", "territory_brokers"]
