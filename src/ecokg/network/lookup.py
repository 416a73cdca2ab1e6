"""From what people type (IRI, CURIE, id or label) to the nodes and territories of a network."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from ecokg.errors import EcokgError, QueryError

if TYPE_CHECKING:
    from ecokg.graph.store import Backend


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


__all__ = ["resolve_node", "territory_name"]
