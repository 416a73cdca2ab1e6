"""The projection cached beside the disk store's generation it was made from (JSON).

A generation never changes once written, so the cache is never stale, and it goes when
the generation is collected.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    from ecokg.graph.store import Backend

#: Bump when the projection's shape changes: older cache files are then ignored.
PROJECTION_FORMAT = 5


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cycle collector off while a projection's hundreds of thousands of dicts and lists
    are made (it would walk them again and again: two thirds of the time to read a large one)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def read_cache(path: Path) -> nx.MultiDiGraph:
    """A projection from its cache file (see :func:`write_cache`)."""
    with gc_paused():
        return _read(path)


def _read(path: Path) -> nx.MultiDiGraph:
    with path.open("rb") as handle:
        data = json.load(handle)
    table = data["sources"]

    def attrs(raw: dict[str, Any]) -> dict[str, Any]:
        # One dict per distinct source, shared by the nodes and edges that cite it (read-only);
        # none written when there are none (a projection without sources).
        refs = raw.get("sources")
        raw["sources"] = [table[i] for i in refs] if refs else []
        return raw

    G = nx.MultiDiGraph(**data["graph"])
    # NetworkX's own structures, filled directly: add_nodes_from and add_edges_from copy every
    # attribute dict and check every key, most of the time it takes to read a large projection.
    nodes, succ, pred = G._node, G._succ, G._pred
    for node, raw in data["nodes"]:
        nodes[node] = attrs({"iri": node, **raw})  # the IRI is not written: it is the node itself
        succ[node] = {}
        pred[node] = {}
    order = [node for node, _ in data["nodes"]]
    for i, j, key, raw in data["edges"]:
        u, v = order[i], order[j]  # edges name their ends by position in the node list
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}  # one dict of parallel edges, seen from both ends
        keys[key] = attrs(raw)
    return G


def cache_file(backend: Backend, **options: Any) -> Path | None:
    """Where the projection with ``options`` of the store's current generation is cached (None: no cache)."""
    from ecokg.graph.store import DiskBackend
    from ecokg.version import __version__

    if not isinstance(backend, DiskBackend) or backend.generation is None or not re.fullmatch(r"[a-z]{2,8}", options["lang"]):
        return None
    flags = "".join(f"-{name}" for name in ("collapse", "include_inferred", "sources", "co_participation") if options[name])
    return backend.root / f"{backend.generation}.cache" / f"projection-{__version__}-{PROJECTION_FORMAT}-{options['lang']}{flags}.json"


def write_cache(path: Path, G: nx.MultiDiGraph) -> None:
    """Write the cache file atomically; a store folder we may not write to just goes without."""
    from ecokg.errors import EcokgError
    from ecokg.files import atomic_write

    try:
        path.parent.mkdir(exist_ok=True)
        # Sources repeat (a document line behind many links): each is written once, in a table
        # the nodes and edges point into, which halves the file and the time to read it back.
        table: dict[str, int] = {}

        def attrs(data: dict[str, Any]) -> dict[str, Any]:
            if not data.get("sources"):
                return {k: v for k, v in data.items() if k != "sources"}  # none: left out, read back as []
            refs = [table.setdefault(json.dumps(source, sort_keys=True), len(table)) for source in data["sources"]]
            return {**data, "sources": refs}

        def node_attrs(node: str, data: dict[str, Any]) -> dict[str, Any]:
            written = attrs(data)
            if written.get("iri") == node:
                written = {k: v for k, v in written.items() if k != "iri"}  # the node itself
            return written

        position = {node: i for i, node in enumerate(G)}
        payload = {
            "graph": G.graph,
            "nodes": [[node, node_attrs(node, data)] for node, data in G.nodes(data=True)],
            # Ends by position in the node list: an IRI read once, not once per link.
            "edges": [[position[u], position[v], key, attrs(data)] for u, v, key, data in G.edges(keys=True, data=True)],
        }
        payload["sources"] = [json.loads(source) for source in table]
        # The shared atomic writer: no temporary file is left behind when the write fails.
        with atomic_write(path, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, separators=(",", ":"))
    except (OSError, EcokgError):
        return


__all__ = ["PROJECTION_FORMAT", "cache_file", "gc_paused", "read_cache", "write_cache"]
