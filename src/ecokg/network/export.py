"""The network as GraphML or GEXF (for Gephi), its actors scored."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import networkx as nx

from ecokg.errors import EcokgError
from ecokg.files import atomic_write
from ecokg.network.actors import actor_graph
from ecokg.network.measures import analyze
from ecokg.network.scores import Scores

if TYPE_CHECKING:
    from ecokg.graph.store import Backend

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
    """Write an export graph (:func:`export_graph`) as GraphML or GEXF (for Gephi).

    A path is written all at once (:func:`ecokg.files.atomic_write`): the previous file or the new one.
    """
    if fmt not in NETWORK_FORMATS:
        raise EcokgError(f"unknown network format {fmt!r} (known: {', '.join(NETWORK_FORMATS)})")
    if isinstance(destination, str | Path):
        with atomic_write(destination) as handle:
            write_network(G, handle, fmt)
    elif fmt == "graphml":
        nx.write_graphml(G, destination, encoding="utf-8", named_key_ids=True)
    else:
        nx.write_gexf(G, destination, encoding="utf-8")


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


__all__ = ["NETWORK_FORMATS", "export_graph", "export_network", "write_network"]
