"""What a commit does to a store (:class:`Change`), and applying it to a pyoxigraph store.

Kept apart from :mod:`ecokg.graph.store` (the backends, their generations and locks): both the
memory and the disk backend apply a change the same way.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ecokg.terms import graph_quads


@dataclass
class Change:
    """What a commit does: drop graphs (or everything), then add staged graphs."""

    add: Sequence[tuple[URIRef, Graph]] = ()
    drop: Sequence[URIRef] = ()
    clear: bool = False
    #: Quads already in pyoxigraph form: at 1M triples rdflib terms cost more than the load.
    quads: Iterable[Any] = ()
    #: A SPARQL Update applied last, in the same commit (``ecokg serve --allow-update``).
    update: str | None = None
    #: Quads removed after the drops, before the additions (local stores; incremental reasoning).
    remove: Iterable[Any] = ()



_BULK = 20_000


def apply_change(store: Any, change: Change) -> None:
    """Apply ``change`` to a pyoxigraph ``store``: clear, drop, remove, add, then the update."""
    if change.clear:
        store.clear()
    for name in change.drop:
        store.remove_graph(ox.NamedNode(str(name)))
    for quad in change.remove:
        store.remove(quad)
    for name, _ in change.add:
        store.remove_graph(ox.NamedNode(str(name)))
    quads = itertools.chain.from_iterable([*(graph_quads(g, name) for name, g in change.add), change.quads])
    head = list(itertools.islice(quads, _BULK))
    # bench (issue 10): at 100k quads bulk_extend takes 1.5 s, extend + flush 4.4 s.
    if len(head) == _BULK:
        # bulk_extend writes SST files directly: much faster for large loads, and atomicity
        # comes from the generation swap, not from this call. The quads stream through:
        # a list of a million pyoxigraph quads would cost gigabytes.
        store.bulk_extend(itertools.chain(head, quads))
    else:
        store.extend(head)
    if change.update:
        from ecokg.namespaces import PREFIXES

        store.update(change.update, prefixes={k: str(v) for k, v in PREFIXES.items()})


__all__ = ["Change", "apply_change"]
