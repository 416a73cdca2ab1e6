"""Suggested introductions (link prediction): pairs not yet tied that share neighbours.

Never proposed: two organisations of one family, tied by a chain of :data:`TIES` (an agency
and the authority it acts for, a company and its parent or subsidiaries, a cluster and its
members): they know each other. Each suggestion's reason names the shared neighbours and how
each end is tied to them ("BioForward and Gilson: both are tied to Nicolas Paris (president
of BioForward; leader of Gilson)"), and says what ranked it when its scores tie with the
next one's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import networkx as nx

from ecokg.errors import QueryError
from ecokg.network.actors import undirected
from ecokg.network.labels import enumeration, node_label
from ecokg.network.vocabulary import E, curie

#: Ties that make two organisations one family (and their inverses, read either way).
TIES = frozenset(curie(p) for p in (
    E.agencyOf, E.subsidiaryOf, E.memberOf, E.hasAgency, E.hasSubsidiary, E.hasMember, E.Membership,
))

#: The words of reasons, per language.
WORDS = {
    "en": {"both": "both are tied to {names}", "and": "and", "tie": "; ties with the next, ranked first {what}",
           "territories": "as the two are in different territories", "label": "by name"},
    "fr": {"both": "tous deux liés à {names}", "and": "et", "tie": "; à égalité avec la suivante, classée avant {what}",
           "territories": "car les deux sont dans des territoires différents", "label": "par ordre alphabétique"},
}


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
    how: list[str] = field(default_factory=list)  # per shared neighbour: how the two ends are tied to it
    tie_break: str = ""  # what ranked it, when its scores tie with the next suggestion's
    lang: str = "en"

    @property
    def reason(self) -> str:
        words = WORDS.get(self.lang, WORDS["en"])
        named = [f"{name} ({how})" if how else name for name, how in zip(self.shared, self.how or [""] * len(self.shared), strict=False)]
        text = words["both"].format(names=enumeration(named, words["and"]))
        return text + (words["tie"].format(what=self.tie_break) if self.tie_break else "")


def suggest_introductions(
    G: nx.Graph,
    *,
    for_node: str | None = None,
    top: int = 10,
    categories: Sequence[str] = ("organization",),
    lang: str = "en",
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
    family = _families(H)
    candidates: set[tuple[str, str]] = set()
    starts = [for_node] if for_node is not None else sorted(allowed)
    for u in starts:
        for w in H[u]:
            for v in H[w]:
                if v == u or H.has_edge(u, v) or (u in family and family.get(v) == family[u]):
                    continue
                if for_node is None and v not in allowed:
                    continue
                candidates.add((u, v) if for_node is not None or u < v else (v, u))
    found: list[Suggestion] = []
    for u, v in candidates:
        shared = sorted(set(H[u]) & set(H[v]), key=lambda w: (node_label(H, w), w))
        union = set(H[u]) | set(H[v])
        aa = sum(1.0 / math.log(H.degree(w)) for w in shared if H.degree(w) > 1)
        found.append(
            Suggestion(
                u, v, node_label(H, u), node_label(H, v), aa, len(shared) / len(union) if union else 0.0,
                len(shared), [node_label(H, w) for w in shared],
                [_how(H, w, (u, v)) for w in shared], lang=lang,
            )
        )
    # Ties go first to pairs from different territories: the introductions a region's
    # international strategy is after.
    def scores(s: Suggestion) -> tuple[float, float, int]:
        return (-round(s.adamic_adar, 12), -round(s.jaccard, 12), -s.common)

    found.sort(key=lambda s: (*scores(s), _same_territory(H, s.first, s.second), s.first_label, s.second_label))
    words = WORDS.get(lang, WORDS["en"])
    for s, after in pairwise(found):
        if scores(s) == scores(after):
            different = not _same_territory(H, s.first, s.second) and _same_territory(H, after.first, after.second)
            s.tie_break = words["territories"] if different else words["label"]
    return found[:top]


def _families(H: nx.Graph) -> dict[str, int]:
    """Node -> its family's number, for the nodes tied by :data:`TIES` (agency, parent, members)."""
    ties = nx.Graph()
    for u, v, links in H.edges(data="links"):
        if any(predicate in TIES for _, predicate, _ in links or ()):
            ties.add_edge(u, v)
    return {n: i for i, component in enumerate(nx.connected_components(ties)) for n in component}


def _how(H: nx.Graph, w: str, ends: tuple[str, str]) -> str:
    """How ``ends`` are tied to ``w``: "president of BioForward; leader of Gilson"."""
    parts: list[str] = []
    for end in ends:
        links = H[w][end].get("links") or []
        for start, _, label in sorted(links, key=lambda link: len(link[2]))[:1]:
            if not label:
                continue
            parts.append(f"{label} {node_label(H, end)}" if start == w else f"{node_label(H, end)} {label} {node_label(H, w)}")
    return "; ".join(parts)


def _same_territory(H: nx.Graph, u: str, v: str) -> bool:
    first = set(H.nodes[u].get("territories") or ())
    second = set(H.nodes[v].get("territories") or ())
    return bool(first & second) or not (first and second)


__all__ = ["Suggestion", "suggest_introductions"]
