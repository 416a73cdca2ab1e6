"""The projection cached beside the disk store's generation it was made from (JSON).

A generation never changes once written, so the cache is never stale, and it goes when
the generation is collected.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    from ecokg.graph.store import Backend

#: Bump when the projection's shape changes: older cache files are then ignored.
PROJECTION_FORMAT = 2


def read_cache(path: Path) -> nx.MultiDiGraph:
    """A projection from its cache file (see :func:`write_cache`)."""
    with path.open("rb") as handle:
        data = json.load(handle)
    table = data["sources"]

    def attrs(raw: dict[str, Any]) -> dict[str, Any]:
        if "sources" in raw:
            # One dict per distinct source, shared by the nodes and edges that cite it (read-only).
            raw["sources"] = [table[i] for i in raw["sources"]]
        return raw

    G = nx.MultiDiGraph(**data["graph"])
    G.add_nodes_from((node, attrs(raw)) for node, raw in data["nodes"])
    G.add_edges_from((u, v, key, attrs(raw)) for u, v, key, raw in data["edges"])
    return G


def cache_file(backend: Backend, **options: Any) -> Path | None:
    """Where the projection with ``options`` of the store's current generation is cached (None: no cache)."""
    from ecokg.graph.store import DiskBackend
    from ecokg.version import __version__

    if not isinstance(backend, DiskBackend) or backend.generation is None or not re.fullmatch(r"[a-z]{2,8}", options["lang"]):
        return None
    flags = "".join(f"-{name}" for name in ("collapse", "include_inferred", "sources") if options[name])
    return backend.root / f"{backend.generation}.cache" / f"projection-{__version__}-{PROJECTION_FORMAT}-{options['lang']}{flags}.json"


def write_cache(path: Path, G: nx.MultiDiGraph) -> None:
    """Write the cache file atomically; a store folder we may not write to just goes without."""
    import os
    import tempfile

    try:
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".projection-", suffix=".tmp")
        # Sources repeat (a document line behind many links): each is written once, in a table
        # the nodes and edges point into, which halves the file and the time to read it back.
        table: dict[str, int] = {}

        def attrs(data: dict[str, Any]) -> dict[str, Any]:
            if "sources" not in data:
                return data
            refs = [table.setdefault(json.dumps(source, sort_keys=True), len(table)) for source in data["sources"]]
            return {**data, "sources": refs}

        payload = {
            "graph": G.graph,
            "nodes": [[node, attrs(data)] for node, data in G.nodes(data=True)],
            "edges": [[u, v, key, attrs(data)] for u, v, key, data in G.edges(keys=True, data=True)],
        }
        payload["sources"] = [json.loads(source) for source in table]
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        return


__all__ = ["PROJECTION_FORMAT", "cache_file", "read_cache", "write_cache"]
