"""What changed: the generations a disk store keeps (``ecokg log``) and the facts added and
removed between two of them (``ecokg diff``), both as an audience may see them.

A disk store keeps its newest generations (``ECOKG_KEEP_GENERATIONS``, default 5, the
current one included; :func:`ecokg.graph.disk.collect`) and deletes the older ones nobody
reads after each write. Each write says what it was in ``writes.jsonl`` beside ``CURRENT``
(:func:`ecokg.graph.writes.record_write`): its kind, its time to the microsecond and its sources. A diff can
also compare an export (``ecokg export -F nq``) with the store.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from ecokg.errors import InputError, StoreError
from ecokg.graph.audience import level_name, view
from ecokg.graph.disk import KEEP_ENV, generations, kept_count, manifest_path
from ecokg.graph.forget import sparql
from ecokg.graph.store import Backend, Change, DiskBackend
from ecokg.graph.writes import read_writes
from ecokg.namespaces import is_source_graph
from ecokg.terms import oxigraph_dataset


@contextlib.contextmanager
def keeping_history(backend: Backend) -> Iterator[None]:
    """Check ``$ECOKG_KEEP_GENERATIONS`` before a write (the store keeps that many generations:
    :func:`ecokg.graph.disk.collect`), so that a bad value refuses the write, not its end."""
    kept_count()
    yield


class Snapshot(Backend):
    """A read-only backend over one Oxigraph store: a kept generation or a loaded export."""

    def __init__(self, store: Any, description: str) -> None:
        self._store = store
        self.description = description
        self._dataset: Dataset | None = None

    def oxigraph(self) -> Any:
        return self._store

    def dataset(self) -> Dataset:
        if self._dataset is None:
            self._dataset = oxigraph_dataset(self._store)
        return self._dataset

    def commit(self, change: Change) -> None:
        raise StoreError(f"{self.description} is read-only")

    def close(self) -> None:
        self._store = self._dataset = None


#: Export formats a diff reads (the named graphs are needed: they hold the sources).
_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}


def open_snapshot(backend: Backend, name: str) -> Snapshot:
    """``name``: a generation the store keeps (``gen-000004``) or an export file (.nq, .trig)."""
    path = Path(name)
    if path.suffix.lower() in _FORMATS:
        if not path.is_file():
            raise InputError(f"no such export file: {name}")
        store = ox.Store()
        try:
            store.bulk_load(path=str(path), format=_FORMATS[path.suffix.lower()])
        except (SyntaxError, ValueError, OSError) as exc:
            raise InputError(f"cannot read the export: {exc}", source=path) from exc
        return Snapshot(store, str(path))
    if not isinstance(backend, DiskBackend):
        raise InputError(f"{name!r}: give an export file (.nq or .trig); only a disk store keeps generations")
    kept = generations(backend.root)
    if name not in kept:
        raise InputError(f"the store {backend.root} keeps no generation {name!r} "
                         f"(it keeps {', '.join(kept) or 'none'}; see ecokg log)")
    if name == backend.generation:
        return Snapshot(backend.oxigraph(), name)
    return Snapshot(ox.Store.read_only(str(backend.root / name)), name)


# --- ecokg log -----------------------------------------------------------------------


@dataclass
class Source:
    graph: str
    file: str | None
    loaded_at: str | None
    sha256: str | None
    sensitivity: str | None


@dataclass
class GenerationInfo:
    name: str
    current: bool
    written: str | None
    sources: list[Source]
    #: Compared with the generation before: the sources loaded again, added and gone.
    loaded: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    kind: str = "build"


def sources(backend: Backend) -> list[Source]:
    """The source graphs of ``backend`` with their file, load time, digest and level."""
    found = []
    for g, file, at, sha, level in backend.select(sparql("history-sources")):
        if is_source_graph(str(g)):
            found.append(Source(str(g), None if file is None else str(file), None if at is None else str(at),
                                None if sha is None else str(sha), None if level is None else level_name(level)))
    return found


def log(backend: Backend, audience: str = "all") -> list[GenerationInfo]:
    """The generations the store keeps, oldest first, with the sources ``audience`` may see."""
    if not isinstance(backend, DiskBackend):
        raise InputError(f"{backend.description} keeps no generations (a disk store does)")
    infos: list[GenerationInfo] = []
    previous: dict[str, Source] | None = None
    recorded = read_writes(backend.root)
    for name in generations(backend.root):
        try:
            snapshot = open_snapshot(backend, name)
        except OSError:
            continue  # an unfinished write, or a generation being deleted
        seen = sources(view(snapshot, audience))
        manifest = manifest_path(backend.root, name)
        written = (datetime.fromtimestamp(manifest.stat().st_mtime, UTC).replace(microsecond=0).isoformat()
                   if manifest.exists() else None)
        info = GenerationInfo(name, name == backend.generation, written, seen)
        now = {s.graph: s for s in seen}
        if previous is None:
            info.loaded, info.kind = sorted(now), "build"
        else:
            info.loaded = sorted(g for g, s in now.items()
                                 if g not in previous or (previous[g].loaded_at, previous[g].sha256) != (s.loaded_at, s.sha256))
            info.gone = sorted(set(previous) - set(now))
            info.kind = ("build" if now and set(info.loaded) == set(now) else
                         "load" if info.loaded or info.gone else "derived (reason, analysis or update)")
        entry = recorded.get(name)
        if entry is not None:  # what the write said of itself (ecokg.graph.writes), to the microsecond
            info.kind, info.written = str(entry.get("write", info.kind)), str(entry.get("at", info.written))
            # Only the graphs this audience sees: a hidden source is not even named.
            info.loaded = sorted(set(map(str, entry.get("graphs", []))) & set(now))
        previous = now
        infos.append(info)
    return infos


# --- ecokg diff ----------------------------------------------------------------------


@dataclass
class FactChange:
    predicate: str
    obj: Any
    #: (graph, sentence) of each source of the fact, in the generation that holds it.
    sources: list[tuple[str, str | None]]


@dataclass
class EntityChanges:
    entity: str
    label: str | None
    added: list[FactChange] = field(default_factory=list)
    removed: list[FactChange] = field(default_factory=list)


def facts(backend: Backend) -> set[tuple[Any, Any, Any]]:
    """The facts the source graphs of ``backend`` state (their provenance left out)."""
    return {(s, p, o) for g, s, p, o in backend.select(sparql("history-facts")) if is_source_graph(str(g))}


def _label(backend: Backend, entity: Any) -> str | None:
    rows = backend.select(sparql("history-label"), {"entity": entity})
    return str(rows[0][0]) if rows else None


def _sources(backend: Backend, s: Any, p: Any, o: Any) -> list[tuple[str, str | None]]:
    rows = backend.select(sparql("history-fact-sources"), {"s": s, "p": p, "o": o})
    return [(str(g), None if text is None else str(text)) for g, text, *_ in rows]


def _text(fact: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(str(term) for term in fact)


def diff(old: Backend, new: Backend, audience: str = "all") -> list[EntityChanges]:
    """The facts ``audience`` may see that ``new`` adds to and removes from ``old``, by entity."""
    before, after = view(old, audience), view(new, audience)
    old_facts, new_facts = facts(before), facts(after)
    changes: dict[str, EntityChanges] = {}

    def entry(subject: Any, where: Backend) -> EntityChanges:
        key = str(subject)
        if key not in changes:
            changes[key] = EntityChanges(key, _label(after, subject) or _label(where, subject))
        return changes[key]

    for s, p, o in sorted(new_facts - old_facts, key=_text):
        entry(s, after).added.append(FactChange(str(p), o, _sources(after, s, p, o)))
    for s, p, o in sorted(old_facts - new_facts, key=_text):
        entry(s, before).removed.append(FactChange(str(p), o, _sources(before, s, p, o)))
    return sorted(changes.values(), key=lambda c: ((c.label or c.entity).casefold(), c.entity))


def changed_entities(changes: list[EntityChanges]) -> tuple[set[str], set[str]]:
    """The entities a diff adds facts to, and those it only removes facts from."""
    added = {c.entity for c in changes if c.added}
    return added, {c.entity for c in changes if not c.added}


__all__ = [
    "KEEP_ENV",
    "EntityChanges",
    "FactChange",
    "GenerationInfo",
    "Snapshot",
    "diff",
    "facts",
    "keeping_history",
    "log",
    "open_snapshot",
    "sources",
]
