"""Ranking actors by a measure, saying what could not be measured: unlinked actors, ties.

An actor with no link has every centrality at zero (or none): ranking it says nothing, and on a
dataset where most actors are unlinked the "top" would be the first names in alphabetical order.
Such actors are counted, not ranked. Actors sharing a value share a rank (competition ranking:
1, 2, 2, 4) and the ties are said. :func:`narrow_table` lays a ranking out for a terminal of a
given width: the rank, the actor, the territory and the measures that fit, shortened so that no
cell wraps (the rest is in the CSV or JSON output).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ecokg.network.labels import enumeration
from ecokg.network.scores import Scores

#: Short headers of the measures in a narrow table.
SHORT = {
    "degree": "degree", "betweenness": "between.", "closeness": "closen.", "pagerank": "pagerank",
    "eigenvector": "eigenv.", "constraint": "constr.", "broker": "broker", "community": "comm.",
}
#: Ties are compared at this many decimals (floating-point noise is not a difference).
PRECISION = 12


@dataclass
class Ranking:
    """Linked actors ranked by the first measure; ``notes`` say what the ranking leaves out."""

    measures: list[str]
    columns: list[str]
    rows: list[list[Any]]  # rank, entity, kind, territory, one value per measure, iri
    tied: list[bool]  # whether each row's rank is shared
    unlinked: int
    total: int
    notes: list[str] = field(default_factory=list)


def _value(value: float | None, measure: str) -> float | int | None:
    if value is None:
        return None
    # Six significant digits: on a large graph a degree centrality is 4e-05, which four
    # decimals would show as 0.0 for every actor.
    return int(value) if measure == "community" else float(f"{value:.6g}")


#: The notes of a ranking, per language.
NOTES = {
    "en": {"unlinked": "{n} of {total} actors {verb} no link: not ranked", "has": "has", "have": "have",
           "none": " (no actor has one)", "unscored": "{n} linked actors have no {measure}: not ranked",
           "tie": "{n} actors tie at rank {rank} on {measure} ({value}): {names}", "and": "and",
           "more": "{first} and {n} more"},
    "fr": {"unlinked": "{n} acteurs sur {total} n’ont aucun lien : non classés", "has": "", "have": "",
           "none": " (aucun acteur n’en a)", "unscored": "{n} acteurs reliés n’ont pas de mesure {measure} : non classés",
           "tie": "{n} acteurs à égalité au rang {rank} en {measure} ({value}) : {names}", "and": "et",
           "more": "{first} et {n} autres"},
}


def rank_actors(G: nx.Graph, results: Sequence[Scores], top: int | None = 10, *, lang: str = "en") -> Ranking:
    """The actors of ``G`` with at least one link, ranked by ``results[0]`` (best first, ties by label).

    >>> rank_actors(actor_graph(kg.to_networkx()), analyze(A, ["degree"]), 3).rows[0][1]   # doctest: +SKIP
    'Nicolas Paris'
    """
    measures = [r.measure for r in results]
    columns = ["rank", "entity", "kind", "territory", *measures, "iri"]
    linked = {n for n in G if G.degree(n) > 0}
    unlinked = G.number_of_nodes() - len(linked)
    notes = []
    words = NOTES.get(lang, NOTES["en"])
    kind_key = "kind_label" if lang != "en" else "kind"  # "personne", not "Person", in French
    if unlinked:
        notes.append(
            words["unlinked"].format(n=f"{unlinked:,}", total=f"{G.number_of_nodes():,}",
                                     verb=words["has" if unlinked == 1 else "have"])
            + (words["none"] if not linked else "")
        )
    if not results or not linked:
        return Ranking(measures, columns, [], [], unlinked, G.number_of_nodes(), notes)
    first = results[0]
    sign = 1 if first.measure == "constraint" else -1  # low constraint is the broker's mark
    label = {n: str(G.nodes[n].get("label") or n) for n in linked}
    scored = [n for n in linked if first.values.get(n) is not None]
    if len(scored) < len(linked):
        notes.append(words["unscored"].format(n=f"{len(linked) - len(scored):,}", measure=first.measure))
    key = {n: round(first.values[n], PRECISION) for n in scored}
    order = sorted(scored, key=lambda n: (sign * key[n], label[n], n))
    ranks: dict[str, int] = {}
    groups: dict[float, list[str]] = {}
    for position, n in enumerate(order, start=1):
        groups.setdefault(key[n], []).append(n)
        ranks[n] = ranks[groups[key[n]][0]] if len(groups[key[n]]) > 1 else position
    shown = order[:top] if top is not None else order
    rows = []
    for n in shown:
        data = G.nodes[n]
        values = [_value(r.values.get(n), r.measure) for r in results]
        rows.append([ranks[n], label[n], data.get(kind_key), data.get("territory"), *values, n])
    tied = [len(groups[key[n]]) > 1 for n in shown]
    for value in dict.fromkeys(key[n] for n in shown):
        members = groups[value]
        if len(members) < 2:
            continue
        names = [label[n] for n in members]
        listed = (enumeration(names, words["and"]) if len(names) <= 4
                  else words["more"].format(first=", ".join(names[:3]), n=f"{len(names) - 3:,}"))
        notes.append(words["tie"].format(n=f"{len(members):,}", rank=ranks[members[0]], measure=first.measure,
                                         value=f"{value:.4g}", names=listed))
    return Ranking(measures, columns, rows, tied, unlinked, G.number_of_nodes(), notes)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def narrow_table(ranking: Ranking, width: int = 80) -> tuple[list[str], list[list[str]], list[str]]:
    """Columns and rows of ``ranking`` that fit ``width`` characters as a boxed table, and the
    measures left out. Each column costs its text and 3 characters of border and padding."""
    rank_w = max([1, *(len(f"{r[0]}=") for r in ranking.rows)])
    cells = {m: [_cell(r[4 + i]) for r in ranking.rows] for i, m in enumerate(ranking.measures)}
    measure_w = {m: max([len(SHORT.get(m, m)), *(len(c) for c in cells[m])]) for m in ranking.measures}
    territory_w = min(14, max([9, *(len(str(r[3] or "")) for r in ranking.rows)]))
    actor_min = 16
    budget = width - 1 - 3 * 3 - rank_w - territory_w - actor_min  # rank, actor and territory columns
    shown: list[str] = []
    for m in ranking.measures:
        if measure_w[m] + 3 > budget:
            break
        shown.append(m)
        budget -= measure_w[m] + 3
    actor_w = actor_min + budget
    columns = ["#", "actor", "territory", *(SHORT.get(m, m) for m in shown)]
    rows = []
    for i, (row, tied) in enumerate(zip(ranking.rows, ranking.tied, strict=True)):
        rows.append([f"{row[0]}=" if tied else str(row[0]), _short(str(row[1]), actor_w),
                     _short(str(row[3] or ""), territory_w), *(cells[m][i] for m in shown)])
    return columns, rows, ranking.measures[len(shown):]


__all__ = ["SHORT", "Ranking", "narrow_table", "rank_actors"]
