"""The projection cached beside the disk store's generation it was made from (JSON).

A generation never changes once written, so the cache is never stale, and it goes when
the generation is collected. An audience's view (docs/audiences.md) has its own file, made
from what that audience sees, like its inferred graph.
"""

from __future__ import annotations

import contextlib
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
PROJECTION_FORMAT = 6


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


def read_cache(path: Path, *, sources: bool = True) -> nx.MultiDiGraph:
    """A projection from its cache file (see :func:`write_cache`); ``sources=False`` leaves
    every ``sources`` empty (a projection with sources read as one without)."""
    with gc_paused():
        return _read(path, sources)


def _read(path: Path, sources: bool) -> nx.MultiDiGraph:
    with path.open("rb") as handle:
        data = json.load(handle)
    table = data["sources"] if sources else []
    if not sources:
        data["graph"]["sources"] = False

    def attrs(raw: dict[str, Any]) -> dict[str, Any]:
        # One dict per distinct source, shared by the nodes and edges that cite it (read-only);
        # none written when there are none (a projection without sources).
        refs = raw.get("sources")
        raw["sources"] = [table[i] for i in refs] if refs and sources else []
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


@contextmanager
def carried_over(backend: Backend) -> Iterator[None]:
    """Around a write that changes only the ``inferred`` graph (``ecokg reason``): the cached
    projections that leave it out hold for the new generation too, whose cache gets them (hard
    links, made before the old generation is collected) instead of projecting again (about
    15 s at a million triples)."""
    import os
    import shutil
    import tempfile

    from ecokg.graph.store import DiskBackend

    was = backend.generation if isinstance(backend, DiskBackend) else None
    old = backend.root / f"{was}.cache" if isinstance(backend, DiskBackend) and was is not None else None
    files = [f for f in old.glob("projection-*.json") if "-include_inferred" not in f.name] if old and old.is_dir() else []
    if not files:
        yield
        return
    assert isinstance(backend, DiskBackend)
    hold: Path | None = None
    try:
        hold = Path(tempfile.mkdtemp(prefix=".carry-", dir=backend.root))
        for f in files:
            os.link(f, hold / f.name)
    except OSError:
        hold = None  # a folder we may not write to, no hard links: the projection is made again
    try:
        yield
        now = backend.generation
        if hold is not None and now is not None and now != was:
            target = backend.root / f"{now}.cache"
            with contextlib.suppress(OSError):
                target.mkdir(exist_ok=True)
                for f in hold.iterdir():
                    os.replace(f, target / f.name)
    finally:
        if hold is not None:
            shutil.rmtree(hold, ignore_errors=True)


def cache_file(backend: Backend, **options: Any) -> Path | None:
    """Where the projection with ``options`` of the store's current generation is cached (None: no cache)."""
    from ecokg.graph.audience import AudienceBackend
    from ecokg.graph.store import DiskBackend
    from ecokg.version import __version__

    seen_by = ""
    if isinstance(backend, AudienceBackend):
        # A restricted view: its own file, beside the generation it was copied from.
        seen_by, backend = f"-for-{backend.audience}", backend.base
    if not isinstance(backend, DiskBackend) or backend.generation is None or not re.fullmatch(r"[a-z]{2,8}", options["lang"]):
        return None
    flags = "".join(f"-{name}" for name in ("collapse", "include_inferred", "sources", "co_participation") if options[name])
    name = f"projection-{__version__}-{PROJECTION_FORMAT}-{options['lang']}{flags}{seen_by}.json"
    return backend.root / f"{backend.generation}.cache" / name


def write_cache(path: Path, G: nx.MultiDiGraph) -> None:
    """Write the cache file atomically; a store folder we may not write to just goes without."""
    from ecokg.errors import EcokgError
    from ecokg.files import atomic_write

    try:
        path.parent.mkdir(exist_ok=True)
        # Sources repeat (a document line behind many links): each is written once, in a table
        # the nodes and edges point into, which halves the file and the time to read it back.
        table: dict[tuple[tuple[str, Any], ...], int] = {}
        written: list[dict[str, Any]] = []  # as given: its keys' order is the page's

        def ref(source: dict[str, Any]) -> int:
            key = tuple(sorted(source.items()))  # a source's values are strings
            found = table.get(key)
            if found is None:
                found = table[key] = len(written)
                written.append(source)
            return found

        def attrs(data: dict[str, Any]) -> dict[str, Any]:
            if not data.get("sources"):
                return {k: v for k, v in data.items() if k != "sources"}  # none: left out, read back as []
            return {**data, "sources": [ref(source) for source in data["sources"]]}

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
        payload["sources"] = written
        # json.dumps, not json.dump: dump streams through the pure-Python encoder, dumps runs
        # the C one (the 1M benchmark's projection: 1.6 s to write before, 0.65 s now).
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        # The shared atomic writer: no temporary file is left behind when the write fails.
        with atomic_write(path, "wb") as handle:
            handle.write(text.encode("utf-8"))
    except (OSError, EcokgError):
        return


__all__ = ["PROJECTION_FORMAT", "cache_file", "carried_over", "gc_paused", "read_cache", "write_cache"]
