"""Selecting what to map: an actor's neighbourhood, a query's result, the most central nodes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import networkx as nx
from rdflib import URIRef

from ecokg.errors import EcokgError
from ecokg.namespaces import EKR

if TYPE_CHECKING:
    from ecokg.graph.store import Backend


def ego_graph(G: nx.MultiDiGraph, center: str, depth: int = 1) -> nx.MultiDiGraph:
    """The nodes within ``depth`` links of ``center`` (either direction) and the links between them."""
    if depth < 0:
        raise EcokgError(f"--depth must be 0 or more (got {depth})")
    if center not in G:
        raise EcokgError(f"{center} is not a node of the map (relationships are drawn as links)")
    keep = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), center, cutoff=depth)
    return G.subgraph(keep).copy()


def query_graph(backend: Backend, G: nx.MultiDiGraph, name: str, params: Mapping[str, str], lang: str = "en") -> nx.MultiDiGraph:
    """The part of ``G`` a catalogue query names.

    A CONSTRUCT maps its triples between entities; a SELECT maps the entity (IRI) columns
    of each row, joining the first entity of the row to the others. Links of ``G`` between
    two joined entities are kept; a pair ``G`` does not link gets a link labelled by the
    query's predicate (CONSTRUCT) or column (SELECT).
    """
    from ecokg.queries.catalog import run_named

    result = run_named(backend, name, params, lang=lang)
    pairs: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    ekr = str(EKR)

    def entity(term: object) -> str | None:
        return str(term) if isinstance(term, URIRef) and str(term).startswith(ekr) else None

    if result.graph is not None:
        from ecokg.network.projection import curie

        for s, p, o in result.graph:
            a, b = entity(s), entity(o)
            seen.update(x for x in (a, b) if x)
            if a and b and a != b:
                pairs.append((a, b, curie(str(p))))
    else:
        for row in result.rows:
            cells = [(col, entity(v)) for col, v in zip(result.columns, row, strict=False)]
            iris = [(col, iri) for col, iri in cells if iri and iri in G]
            seen.update(iri for _, iri in cells if iri)
            for col, iri in iris[1:]:
                if iri != iris[0][1]:
                    pairs.append((iris[0][1], iri, f"{iris[0][0]} → {col}"))
    keep = [n for n in seen if n in G]
    H: nx.MultiDiGraph = G.subgraph(keep).copy()
    H.graph["unmapped"] = len(seen) - len(keep)
    linked = {frozenset((u, v)) for u, v in H.edges()}
    for a, b, label in pairs:
        if a in H and b in H and frozenset((a, b)) not in linked:
            # Not a fact of the graph but a join of the query: its source says so.
            source = {"document": f"ecokg query {name}", "date": "", "iri": "",
                      "quote": f"{label}: same result row" if result.graph is None else f"{label}: a result triple"}
            H.add_edge(a, b, predicate=label, label=label, sources=[source], via=None)
            linked.add(frozenset((a, b)))
    return H


def most_central(G: nx.MultiDiGraph, sizes: dict[str, float], limit: int) -> nx.MultiDiGraph:
    """The ``limit`` most central nodes (ties by label) and the links between them."""
    ranked = sorted(G, key=lambda n: (-sizes.get(n, 0.0), str(G.nodes[n].get("label", n)), n))
    keep = set(ranked[:limit])
    if not G.is_multigraph():
        return G.subgraph(keep).copy()
    # Built directly, in G's order: a subgraph view of a few nodes iterates them as a set,
    # whose order (and so the layout) changed with Python's string hashing from run to run.
    order = [n for n in G if n in keep]
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, G.nodes[n]) for n in order)
    H.add_edges_from((u, v, key, d) for u, v, key, d in G.edges(order, keys=True, data=True) if v in keep)
    return H


__all__ = ["ego_graph", "most_central", "query_graph"]
