"""How nodes read in sentences: their labels, and lists of them."""

from __future__ import annotations

import networkx as nx


def node_label(G: nx.Graph, node: str) -> str:
    """The ``label`` of ``node`` in ``G`` (the node id when it has none or is not in ``G``)."""
    return str(G.nodes[node].get("label") or node) if node in G else node


def enumeration(items: list[str], conjunction: str = "and") -> str:
    """``a, b and c`` (``conjunction="et"``: ``a, b et c``)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


__all__ = ["enumeration", "node_label"]
