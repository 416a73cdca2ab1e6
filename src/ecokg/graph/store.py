"""The store: an rdflib ``Dataset`` over Oxigraph, on disk, in memory or remote.

On disk the store is a folder of immutable *generations*::

    .ecokg/
      CURRENT              names the generation readers open, with a checksum (ecokg.graph.disk)
      gen-000007/          an Oxigraph (RocksDB) database, never written once current
      gen-000007.manifest  its files' sizes, times and CRC-32, checked when it is opened
      gen-000007.lock      shared-locked by every process reading that generation
      write.lock           held by the one process writing

A write (``commit``) copies the current generation (``Store.backup`` hard-links
the immutable files, so it is cheap), applies the change to the copy, flushes
it, writes its manifest, and only then points ``CURRENT`` at it with an atomic
rename. A crash at any moment leaves ``CURRENT`` naming the previous, complete
generation; readers in other processes keep the generation they opened, so they
see the old graph or the new one, never half of one; and a second writer waits
for the lock. A damaged pointer or generation is refused with a clear error
(``ecokg store check`` / ``ecokg store repair``, :mod:`ecokg.graph.integrity`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from ecokg.errors import StoreError
from ecokg.graph.change import Change, apply_change
from ecokg.graph.disk import (
    POINTER,
    DamagedStore,
    Pointer,
    abandon,
    collect,
    corruption_is_damage,
    disk_full,
    format_pointer,
    generations,
    lock_file,
    make_manifest,
    manifest_path,
    next_number,
    open_generation,
    read_manifest,
    read_pointer,
    reader_lock,
    repair_hint,
    swap_pointer,
    write_synced,
)
from ecokg.graph.pnames import expand_dotted_names
from ecokg.terms import QueryDataset, oxigraph_dataset, oxigraph_query

DEFAULT_STORE = ".ecokg"
STORE_ENV = "ECOKG_STORE"
LOCK_TIMEOUT_ENV = "ECOKG_LOCK_TIMEOUT"
#: Test hook: the crash-safety tests (tests/reliability/test_crash_safety.py) set this to
#: a point name to SIGKILL a real build there; unset, crash_point() does nothing.
CRASH_ENV = "ECOKG_TEST_CRASH_AT"


def crash_point(name: str) -> None:
    """Die at once (SIGKILL, no cleanup) if ``$ECOKG_TEST_CRASH_AT`` is ``name``.

    Points: ``stage``, ``validate``, ``copied``, ``applied``, ``before-swap``, ``after-swap``.
    """
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


# --- locks ------------------------------------------------------------------

#: The crash-safety tests take the store's locks the way ecokg does.
_lock = lock_file


@dataclass
class Generation:
    """The store being written by a commit; ``store`` is None once it is published."""

    store: Any


# --- backends ---------------------------------------------------------------


class Backend:
    """Where the triples live. Subclasses: disk, memory, remote endpoint."""

    description = "store"

    @property
    def memo(self) -> dict[str, Any]:
        """What the layers above derive from the graph (the name index, ...), kept until
        the graph changes: :meth:`forget` empties it after every commit and refresh."""
        memo: dict[str, Any] | None = self.__dict__.get("_memo")
        if memo is None:
            memo = self.__dict__["_memo"] = {}
        return memo

    def forget(self) -> None:
        """Drop what :attr:`memo` holds (the graph changed)."""
        self.__dict__.pop("_memo", None)

    def select(self, text: str, bindings: dict[str, Identifier] | None = None, **kw: Any) -> list[tuple[Any, ...]]:
        """Rows of a SELECT over the whole graph (internal queries; values bound, not spliced)."""
        return [tuple(row) for row in self.query(text, bindings, **kw)]  # type: ignore[arg-type]

    def dataset(self) -> Dataset:
        raise NotImplementedError

    def oxigraph(self) -> Any | None:
        """The underlying pyoxigraph store, when there is one (fast paths)."""
        return None

    def commit(self, change: Change) -> None:
        raise NotImplementedError

    def next_generation(self, *, clear: bool) -> contextlib.AbstractContextManager[Generation] | None:
        """A context manager giving a :class:`Generation` whose writable store becomes
        the graph when the block ends normally (and is discarded if it raises); None
        when the backend has no such store (a remote endpoint)."""
        return None

    def close(self) -> None:
        """Release files and locks."""

    def refresh(self) -> bool:
        """Catch up with writes made by other processes; True if the view changed."""
        return False

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store's write lock for the whole block (reentrant in this process).

        A load stages and validates against the graph it reads, then commits: holding the
        lock from the first read to the commit means no other writer commits in between.
        Backends without a lock (memory, remote) make this a no-op.
        """
        yield

    def query(
        self,
        text: str,
        bindings: dict[str, Identifier] | None = None,
        *,
        exclude_graphs: Sequence[URIRef] = (),
        dataset: QueryDataset | None = None,
    ) -> Result:
        """Run a SPARQL query over the union of the graphs (minus ``exclude_graphs``),
        or over ``dataset`` (the query's ``FROM``, the protocol's graph parameters).

        Values in ``bindings`` are substituted for variables by the engine
        (``initBindings``), never spliced into the text.
        """
        text = expand_dotted_names(text)  # Oxigraph reads one dot only
        store = self.oxigraph()
        if store is None:
            if exclude_graphs or dataset is not None:
                raise StoreError(f"{self.description} cannot choose the graphs of a query")
            return self.dataset().query(text, initBindings=bindings or {})
        return oxigraph_query(store, text, bindings, exclude_graphs=exclude_graphs, dataset=dataset)


#: From this many quads on, a commit writes with ``bulk_extend``.
class MemoryBackend(Backend):
    """A throwaway in-memory Oxigraph store."""

    description = "memory"

    def __init__(self) -> None:
        self._store = ox.Store()
        self._dataset = oxigraph_dataset(self._store)

    def dataset(self) -> Dataset:
        return self._dataset

    def oxigraph(self) -> Any:
        return self._store

    def commit(self, change: Change) -> None:
        # Validation happened before; extend() itself is transactional.
        self.forget()
        apply_change(self._store, change)

    @contextlib.contextmanager
    def next_generation(self, *, clear: bool) -> Iterator[Generation]:
        """A fresh store to fill (``clear``), swapped in if the block ends normally."""
        if not clear:
            yield Generation(self._store)
            return
        generation = Generation(ox.Store())
        yield generation
        self.forget()
        self._store, generation.store = generation.store, None
        self._dataset = oxigraph_dataset(self._store)


class DiskBackend(Backend):
    """Generations of Oxigraph databases under one folder (see module docstring).

    ``create=False`` (the read commands) refuses a damaged store at once. ``create=True``
    (a writer) opens it anyway so that a full rebuild (``ecokg build``) can replace it;
    every read, and any write that starts from the current graph (``build --append``),
    then raises the :class:`~ecokg.graph.disk.DamagedStore` error that says what to do.
    """

    def __init__(self, root: Path, *, create: bool = True) -> None:
        self.root = root
        self.description = str(root)
        self._write_depth = 0
        self._for_writing = create
        if not root.exists():
            if not create:
                raise StoreError(f"no store at {root} (run `ecokg build` first)")
            root.mkdir(parents=True, exist_ok=True)  # another first build may create it at the same moment
        elif not root.is_dir():
            raise StoreError(f"{root} exists and is not a store folder")
        elif not (root / POINTER).exists() and not generations(root) and any(
            # What a first build killed early leaves is no data: a lock, a pointer not yet in place.
            not entry.name.endswith((".lock", f"{POINTER}.tmp")) for entry in root.iterdir()
        ):
            raise StoreError(f"{root} is not an ecokg store (no CURRENT file)")
        self._reader_lock: IO[bytes] | None = None
        self._store: Any | None = None
        self._dataset: Dataset | None = None
        self._generation: str | None = None
        self._pointer: Pointer | None = None
        self._damage: DamagedStore | None = None
        self._open_current()

    # generations
    def _generations(self) -> Iterator[str]:
        yield from generations(self.root)

    @property
    def generation(self) -> str | None:
        """The generation this process reads (None before the first build)."""
        return self._generation

    def current_generation(self) -> str | None:
        """The generation ``CURRENT`` names now (DamagedStore if the pointer is damaged)."""
        pointer = read_pointer(self.root)
        return pointer.generation if pointer is not None else None

    def _checked_pointer(self) -> Pointer | None:
        """The pointer; a missing one is damage when the store holds generations."""
        pointer = read_pointer(self.root)
        if pointer is None and generations(self.root):
            raise DamagedStore(
                f"the store {self.root} has no CURRENT pointer but holds {', '.join(generations(self.root))}: "
                f"it was deleted or lost; {repair_hint(self.root)}"
            )
        return pointer

    def _open_current(self, *, strict: bool = False) -> None:
        self._damage = None
        try:
            self._open_pointed()
        except DamagedStore as exc:
            self._damage = exc  # every read raises it
            if strict or not self._for_writing:
                raise
            # A writer goes on: a full rebuild may still replace the damaged graph.

    def _open_pointed(self) -> None:
        for _ in range(20):
            pointer = self._checked_pointer()
            if pointer is None or pointer.generation is None:
                self._store, self._generation, self._pointer = ox.Store(), None, pointer  # nothing built yet
                break
            name = pointer.generation
            lock = reader_lock(self.root / f"{name}.lock")
            try:
                # A writer may have swapped and collected `name` between the read and the lock.
                if read_pointer(self.root) != pointer:
                    continue
                self._store = open_generation(self.root, pointer)
            except BaseException:
                if lock is not None:
                    lock.close()
                raise
            self._reader_lock, self._generation, self._pointer = lock, name, pointer
            break
        else:
            raise StoreError(f"the store {self.root} keeps changing; try again")
        self._dataset = oxigraph_dataset(self._store)

    def _release(self) -> None:
        self._dataset = None
        self._store = None
        if self._reader_lock is not None:
            self._reader_lock.close()
            self._reader_lock = None

    def _readable(self) -> None:
        if self._damage is not None:
            raise self._damage

    def dataset(self) -> Dataset:
        self._readable()
        assert self._dataset is not None
        return self._dataset

    def oxigraph(self) -> Any:
        self._readable()
        return self._store

    def query(
        self,
        text: str,
        bindings: dict[str, Identifier] | None = None,
        *,
        exclude_graphs: Sequence[URIRef] = (),
        dataset: QueryDataset | None = None,
    ) -> Result:
        with corruption_is_damage(self.root):
            return super().query(text, bindings, exclude_graphs=exclude_graphs, dataset=dataset)

    def select(self, text: str, bindings: dict[str, Identifier] | None = None, **kw: Any) -> list[tuple[Any, ...]]:
        with corruption_is_damage(self.root):
            return super().select(text, bindings, **kw)

    def close(self) -> None:
        self._release()

    def refresh(self) -> bool:
        # Long-lived readers (the HTTP server) call this to see new builds.
        try:
            pointer: object = read_pointer(self.root)
        except DamagedStore:
            pointer = DamagedStore
        if self._damage is None and pointer == self._pointer:
            return False
        self.forget()
        self._release()
        self._open_current()
        return True

    # writing
    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        with self.write_lock():
            # What was read before the lock may be older than the graph now current.
            self.refresh()
            yield

    @contextlib.contextmanager
    def write_lock(self) -> Iterator[None]:
        if self._write_depth:
            # Reentrant: flock on a second descriptor of the same file would wait for ourselves.
            self._write_depth += 1
            try:
                yield
            finally:
                self._write_depth -= 1
            return
        timeout = float(os.environ.get(LOCK_TIMEOUT_ENV, "60"))
        try:
            handle = _lock(self.root / "write.lock", shared=False, timeout=timeout)
        except BlockingIOError:
            raise StoreError(
                f"another process is writing to the store {self.root} "
                f"(waited {timeout:.0f} s; set {LOCK_TIMEOUT_ENV} to wait longer)"
            ) from None
        except OSError as exc:
            raise StoreError(f"cannot write to the store {self.root}: {exc.strerror or exc} "
                             "(a read-only folder can be read, not written)") from exc
        self._write_depth = 1
        try:
            yield
        finally:
            self._write_depth = 0
            handle.close()

    def commit(self, change: Change) -> None:
        with self.next_generation(clear=change.clear) as generation:
            apply_change(generation.store, change)
        self.forget()

    @contextlib.contextmanager
    def next_generation(self, *, clear: bool) -> Iterator[Generation]:
        """The next generation, writable and invisible to readers until the block ends.

        It starts as a copy of the current one (hard links), or empty if ``clear`` (a
        full rebuild, which may replace a damaged store). If the block ends normally the
        generation is flushed, its manifest written, and it is made current in one atomic
        rename; if anything fails before that rename (a full disk included), the
        generation is deleted and the store is exactly as it was. The write lock is held
        throughout; older generations are collected only once the new one reopens verified.
        """
        with self.write_lock():
            if clear:
                try:
                    pointer = read_pointer(self.root)
                except DamagedStore:
                    pointer = None
            else:
                self._readable()
                pointer = self._checked_pointer()
            if pointer is None and not generations(self.root):
                # The first build: a crash in it leaves a store that reads as empty, not a damaged one.
                swap_pointer(self.root, format_pointer(None, None))
            base = None if clear or pointer is None else pointer.generation
            was = pointer.generation if pointer is not None and pointer.generation else "empty"
            name = f"gen-{next_number(self.root):06d}"
            target = self.root / name
            generation = Generation(None)
            try:
                if base is not None:
                    source = ox.Store.read_only(str(self.root / base))
                    source.backup(str(target))
                    del source
                crash_point("copied")
                generation.store = ox.Store(str(target))
                yield generation
                crash_point("applied")
                generation.store.flush()
                # RocksDB closes when its last reference goes, before the manifest is taken:
                # callers reach the store through ``generation.store`` and keep no reference.
                if sys.getrefcount(generation.store) > 2:
                    raise StoreError("internal error: the new generation is still in use; nothing was written")
                generation.store = None
                previous = read_manifest(self.root, base) if base is not None and pointer and pointer.manifest else None
                manifest = make_manifest(target, (self.root / base, previous) if base and previous else None)
                write_synced(manifest_path(self.root, name), manifest.encode())
                swap_pointer(self.root, format_pointer(name, manifest.digest), before=lambda: crash_point("before-swap"))
            except BaseException as exc:
                generation.store = None
                abandon(self.root, name, exc)  # its RocksDB closed first, its number never reused
                full = disk_full(exc)
                if full is not None:
                    raise StoreError(
                        f"{full} while writing to the store {self.root}: nothing was committed and "
                        f"the store is unchanged (still {was}); free some space and try again"
                    ) from exc
                raise
            crash_point("after-swap")
            self.forget()
            self._release()
            self._open_current(strict=True)  # the new generation, verified as any reader will
            collect(self.root, keep=name)


def resolve_store_path(path: str | Path | None) -> Path:
    """``path``, else ``$ECOKG_STORE``, else ``.ecokg`` in the current directory."""
    if path is not None:
        return Path(path)
    return Path(os.environ.get(STORE_ENV, DEFAULT_STORE))
