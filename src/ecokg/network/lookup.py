"""From what people type (IRI, CURIE, id or label) to the nodes and territories of a network."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx

from ecokg.errors import EcokgError, QueryError
from ecokg.namespaces import EKR, PREFIXES
from ecokg.text import fold

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


def node_named(backend: Backend, G: nx.Graph, text: str) -> str:
    """The entity ``text`` names, looked up among the nodes of ``G`` first.

    A projection knows its nodes' IRIs, ids, labels (in its language), aliases and acronyms:
    when exactly one node answers to ``text`` it is the answer, without reading every name of
    the store (seconds on a large one). Otherwise (no node, or several) the store's name index
    decides, with its candidates and messages (:func:`ecokg.queries.resolve.resolve`); it may
    name a relation, which is not a node.
    """
    from ecokg.queries.resolve import resolve

    wanted = text.strip()
    prefix, sep, local = wanted.partition(":")
    if wanted.startswith(("http://", "https://", "urn:")):
        iri = wanted
    elif sep and prefix in PREFIXES and " " not in wanted:
        iri = str(PREFIXES[prefix]) + local
    else:
        folded = fold(wanted)
        ekr = str(EKR)
        found = [n for n, data in G.nodes(data=True) if folded in _names(n, data, ekr)]
        iri = found[0] if len(found) == 1 else ""
    if iri in G:
        return iri
    return str(resolve(backend, text))


def _names(node: str, data: dict[str, Any], ekr: str) -> set[str]:
    props = data.get("props") or {}
    names = [str(data.get("label") or ""), node.removeprefix(ekr), str(props.get("acronym") or "")]
    names += str(props.get("aliases") or "").split("; ")
    return {fold(n) for n in names if n}


def resolve_node(backend: Backend, G: nx.Graph, text: str) -> str:
    """The node of ``G`` that ``text`` (IRI, CURIE, id or label) names."""
    from ecokg.queries.resolve import resolve

    iri = str(resolve(backend, text))
    if iri not in G:
        raise QueryError(f"{text!r} names {iri}, which is not a node of the network (relationships are edges)")
    return iri


__all__ = ["node_named", "resolve_node", "territory_name"]
