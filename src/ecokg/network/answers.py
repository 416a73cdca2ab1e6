"""The network commands' answers as JSON-ready records: for the web explorer and the briefing.

Each function runs the same library calls as its command (``ecokg path``, ``brokers``,
``suggest``, ``analyze``) and returns plain dicts and lists; nodes keep their IRI (``iri``)
beside their label so a page can link each name to its entity page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx

from ecokg.errors import QueryError

if TYPE_CHECKING:
    from ecokg.graph.store import Backend

#: Most rows a ranking, a list of brokers or of introductions returns.
MAX_TOP = 100


def _top(top: int) -> int:
    if not 1 <= top <= MAX_TOP:
        raise QueryError(f"top must be between 1 and {MAX_TOP} (got {top})")
    return top


def _graph(backend: Backend, lang: str) -> nx.MultiDiGraph:
    from ecokg.network.projection import project

    return project(backend, collapse=True, lang=lang, sources=False)  # as kg.to_networkx(sources=False)


def path_answer(backend: Backend, source: str, target: str, k: int = 1, *, lang: str = "en") -> dict[str, Any]:
    """``ecokg path SOURCE TARGET -k K``: each path as a sentence and as steps."""
    from ecokg.network.paths import paths_between

    found = paths_between(backend, source, target, k, lang=lang)
    return {
        "from": source,
        "to": target,
        "paths": [
            {
                "sentence": p.sentence,
                "nodes": [{"iri": n, "label": label} for n, label in zip(p.nodes, p.labels, strict=True)],
                "steps": [
                    {"from": s.source, "to": s.target, "label": s.label, "forward": s.forward,
                     "sources": [dict(x) for x in s.sources]}
                    for s in p.steps
                ],
            }
            for p in found
        ],
    }


def brokers_answer(
    backend: Backend, first: str | None = None, second: str | None = None, *, top: int = 10, lang: str = "en"
) -> dict[str, Any]:
    """``ecokg brokers`` (no territories) or ``ecokg brokers --between FIRST SECOND``."""
    from ecokg.network.actors import actor_graph
    from ecokg.network.bridges import bridge_summary, territory_brokers
    from ecokg.network.brokers import brokers
    from ecokg.network.lookup import territory_name
    from ecokg.network.paths import explain_path

    _top(top)
    G = _graph(backend, lang)
    actors = actor_graph(G)
    if not first and not second:
        return {
            "between": None,
            "brokers": [
                {"rank": i, "iri": b.node, "label": b.label, "kind": actors.nodes[b.node].get("kind_label"),
                 "territory": actors.nodes[b.node].get("territory"), "score": round(b.score, 4),
                 "betweenness": round(b.betweenness, 4),
                 "constraint": None if b.constraint is None else round(b.constraint, 4)}
                for i, b in enumerate(brokers(actors, top=top), start=1)
            ],
        }
    if not first or not second:
        raise QueryError("brokers between territories need both: first= and second=")
    a, b = (territory_name(backend, G, t) for t in (first, second))
    report = territory_brokers(actors, a, b, top=top)
    return {
        "between": list(report.territories),
        "summary": bridge_summary(report, lang),
        "message": report.message,
        "brokers": [
            {"rank": i, "iri": t.node, "label": t.label, "territory": t.territory, "share": round(t.share, 4),
             "cut": round(t.cut, 4), "constraint": None if t.constraint is None else round(t.constraint, 4)}
            for i, t in enumerate(report.brokers, start=1)
        ],
        "examples": [explain_path(G, nodes).sentence for nodes in report.paths[:3]],
    }


def introductions_answer(backend: Backend, actor: str | None = None, *, top: int = 10, lang: str = "en") -> dict[str, Any]:
    """``ecokg suggest [--for ACTOR]``: introductions worth making, with their reasons."""
    from ecokg.network.actors import actor_graph
    from ecokg.network.introductions import suggest_introductions
    from ecokg.network.lookup import resolve_node

    _top(top)
    G = actor_graph(_graph(backend, lang))
    node = resolve_node(backend, G, actor) if actor else None
    found = suggest_introductions(G, for_node=node, top=top, lang=lang)
    return {
        "actor": node,
        "introductions": [
            {"rank": i, "first": {"iri": s.first, "label": s.first_label},
             "second": {"iri": s.second, "label": s.second_label}, "adamic_adar": round(s.adamic_adar, 4),
             "jaccard": round(s.jaccard, 4), "common": s.common, "reason": s.reason}
            for i, s in enumerate(found, start=1)
        ],
    }


def centrality_answer(backend: Backend, measure: str = "betweenness", *, top: int = 10, lang: str = "en") -> dict[str, Any]:
    """``ecokg analyze --measure MEASURE --top TOP``: the linked actors ranked, ties and unlinked said."""
    from ecokg.network.actors import actor_graph
    from ecokg.network.measures import MEASURE_FUNCTIONS, analyze
    from ecokg.network.ranking import rank_actors

    _top(top)
    if measure not in MEASURE_FUNCTIONS:
        raise QueryError(f"unknown measure {measure!r} (choose from {', '.join(MEASURE_FUNCTIONS)})")
    G = actor_graph(_graph(backend, lang))
    results = analyze(G, [measure])
    ranking = rank_actors(G, results, top)
    return {
        "measure": measure,
        "rows": [
            {"rank": row[0], "label": row[1], "kind": G.nodes[row[-1]].get("kind_label"), "territory": row[3],
             "value": row[4], "iri": row[-1], "tied": tied}
            for row, tied in zip(ranking.rows, ranking.tied, strict=True)
        ],
        "notes": [*(r.message for r in results if r.message), *ranking.notes],
        "unlinked": ranking.unlinked,
        "total": ranking.total,
    }


__all__ = ["MAX_TOP", "brokers_answer", "centrality_answer", "introductions_answer", "path_answer"]
