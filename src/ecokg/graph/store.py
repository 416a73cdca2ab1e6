"""The store: an rdflib ``Dataset`` over Oxigraph, on disk, in memory or remote.

On disk the store is a folder of immutable *generations*::

    .ecokg/
      CURRENT          name of the generation readers open ("gen-000007")
      gen-000007/      an Oxigraph (RocksDB) database, never written once current
      gen-000007.lock  shared-locked by every process reading that generation
      write.lock       held by the one process writing

A write (``commit``) copies the current generation (``Store.backup`` hard-links
the immutable files, so it is cheap), applies the change to the copy, flushes
it, and only then points ``CURRENT`` at it with an atomic rename. A crash at any
moment leaves ``CURRENT`` naming the previous, complete generation; readers in
other processes keep the generation they opened, so they see the old graph or
the new one, never half of one; and a second writer waits for the lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
import re
import shutil
import signal
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from ecokg.errors import StoreError
from ecokg.terms import graph_quads, oxigraph_dataset, oxigraph_query

DEFAULT_STORE = ".ecokg"
STORE_ENV = "ECOKG_STORE"
LOCK_TIMEOUT_ENV = "ECOKG_LOCK_TIMEOUT"
#: Test hook: the crash-safety tests (tests/reliability/test_crash_safety.py) set this to
#: a point name to SIGKILL a real build there; unset, crash_point() does nothing.
CRASH_ENV = "ECOKG_TEST_CRASH_AT"
_GEN = re.compile(r"^gen-(\d{6})$")


def crash_point(name: str) -> None:
    """Die at once (SIGKILL, no cleanup) if ``$ECOKG_TEST_CRASH_AT`` is ``name``.

    Points: ``stage``, ``validate``, ``copied``, ``applied``, ``before-swap``, ``after-swap``.
    """
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


# --- locks ------------------------------------------------------------------


def _lock(path: Path, *, shared: bool, timeout: float | None) -> IO[bytes]:
    """Take an flock on ``path``; wait up to ``timeout`` seconds (None: forever)."""
    handle = path.open("a+b")
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(handle.fileno(), mode | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if deadline is not None and time.monotonic() >= deadline:
                handle.close()
                raise
            time.sleep(0.05)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass
class Change:
    """What a commit does: drop graphs (or everything), then add staged graphs."""

    add: Sequence[tuple[URIRef, Graph]] = ()
    drop: Sequence[URIRef] = ()
    clear: bool = False
    #: Quads already in pyoxigraph form (e.g. from an Oxigraph staging store): at a
    #: million triples, converting through rdflib terms costs more than the whole load.
    quads: Iterable[Any] = ()
    #: A SPARQL Update applied last, in the same commit (``ecokg serve --allow-update``).
    update: str | None = None


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
    ) -> Result:
        """Run a SPARQL query over the union of the graphs (minus ``exclude_graphs``).

        Values in ``bindings`` are substituted for variables by the engine
        (``initBindings``), never spliced into the text.
        """
        store = self.oxigraph()
        if store is None:
            if exclude_graphs:
                raise StoreError(f"{self.description} cannot leave graphs out of a query")
            return self.dataset().query(text, initBindings=bindings or {})
        return oxigraph_query(store, text, bindings, exclude_graphs=exclude_graphs)


#: From this many quads on, a commit writes with ``bulk_extend``.
_BULK = 20_000


def _apply(store: Any, change: Change) -> None:
    if change.clear:
        store.clear()
    for name in change.drop:
        store.remove_graph(ox.NamedNode(str(name)))
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
        _apply(self._store, change)

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
    """Generations of Oxigraph databases under one folder (see module docstring)."""

    def __init__(self, root: Path, *, create: bool = True) -> None:
        self.root = root
        self.description = str(root)
        self._write_depth = 0
        if not root.exists():
            if not create:
                raise StoreError(f"no store at {root} (run `ecokg build` first)")
            root.mkdir(parents=True)
        elif not root.is_dir():
            raise StoreError(f"{root} exists and is not a store folder")
        elif any(root.iterdir()) and not (root / "CURRENT").exists() and not list(self._generations()):
            raise StoreError(f"{root} is not an ecokg store (no CURRENT file)")
        self._reader_lock: IO[bytes] | None = None
        self._store: Any | None = None
        self._dataset: Dataset | None = None
        self._generation: str | None = None
        self._open_current()

    # generations
    def _generations(self) -> Iterator[str]:
        for entry in self.root.iterdir():
            if _GEN.match(entry.name) and entry.is_dir():
                yield entry.name

    @property
    def generation(self) -> str | None:
        """The generation this process reads (None before the first build)."""
        return self._generation

    def current_generation(self) -> str | None:
        try:
            name = (self.root / "CURRENT").read_text().strip()
        except FileNotFoundError:
            return None
        return name if _GEN.match(name) else None

    def _open_current(self) -> None:
        for _ in range(20):
            name = self.current_generation()
            if name is None:
                self._store = ox.Store()  # empty: nothing built yet
                self._generation = None
                break
            lock = _lock(self.root / f"{name}.lock", shared=True, timeout=None)
            # A writer may have swapped and collected `name` between the read and the lock.
            if self.current_generation() == name and (self.root / name).is_dir():
                try:
                    self._store = ox.Store.read_only(str(self.root / name))
                except OSError as exc:
                    lock.close()
                    raise StoreError(f"cannot open the store {self.root}: {exc}") from exc
                self._reader_lock, self._generation = lock, name
                break
            lock.close()
        else:
            raise StoreError(f"the store {self.root} keeps changing; try again")
        self._dataset = oxigraph_dataset(self._store)

    def _release(self) -> None:
        self._dataset = None
        self._store = None
        if self._reader_lock is not None:
            self._reader_lock.close()
            self._reader_lock = None

    def dataset(self) -> Dataset:
        assert self._dataset is not None
        return self._dataset

    def oxigraph(self) -> Any:
        return self._store

    def close(self) -> None:
        self._release()

    def refresh(self) -> bool:
        # Long-lived readers (the HTTP server) call this to see new builds.
        if self.current_generation() == self._generation:
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
        self._write_depth = 1
        try:
            yield
        finally:
            self._write_depth = 0
            handle.close()

    def commit(self, change: Change) -> None:
        with self.next_generation(clear=change.clear) as generation:
            _apply(generation.store, change)
        self.forget()

    @contextlib.contextmanager
    def next_generation(self, *, clear: bool) -> Iterator[Generation]:
        """The next generation, writable and invisible to readers until the block ends.

        It starts as a copy of the current one (hard links), or empty if ``clear``.
        If the block ends normally the generation is flushed and made current in one
        atomic rename; if it raises, the generation is deleted and the store is
        exactly as it was. The write lock is held throughout.
        """
        with self.write_lock():
            current = self.current_generation()
            numbers = [int(_GEN.match(g).group(1)) for g in self._generations()]  # type: ignore[union-attr]
            name = f"gen-{max(numbers, default=0) + 1:06d}"
            target = self.root / name
            if current is not None and not clear:
                source = ox.Store.read_only(str(self.root / current))
                source.backup(str(target))
                del source
            crash_point("copied")
            generation = Generation(ox.Store(str(target)))
            try:
                yield generation
                crash_point("applied")
                generation.store.flush()
            except BaseException:
                generation.store = None
                shutil.rmtree(target, ignore_errors=True)
                raise
            # RocksDB closes when its last reference goes, before readers open it: callers
            # reach the store through ``generation.store`` and keep no reference of their own.
            generation.store = None
            tmp = self.root / "CURRENT.tmp"
            with tmp.open("w") as handle:
                handle.write(name + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            crash_point("before-swap")
            os.replace(tmp, self.root / "CURRENT")
            _fsync_dir(self.root)
            crash_point("after-swap")
            self.forget()
            self._release()
            self._open_current()
            self._collect(keep=name)

    def _collect(self, keep: str) -> None:
        """Delete generations no process reads any more (and debris of crashed writes)."""
        for entry in self.root.glob("gen-*.cache"):
            if not (self.root / entry.name.removesuffix(".cache")).is_dir():
                shutil.rmtree(entry, ignore_errors=True)  # its generation went before it
        for name in list(self._generations()):
            if name == keep:
                continue
            lock_path = self.root / f"{name}.lock"
            try:
                handle = _lock(lock_path, shared=False, timeout=0)
            except BlockingIOError:
                continue  # still read by someone
            try:
                shutil.rmtree(self.root / name, ignore_errors=True)
                # What was derived from it (e.g. cached projections, ecokg.network.projection).
                shutil.rmtree(self.root / f"{name}.cache", ignore_errors=True)
                lock_path.unlink(missing_ok=True)
            finally:
                handle.close()


def resolve_store_path(path: str | Path | None) -> Path:
    """``path``, else ``$ECOKG_STORE``, else ``.ecokg`` in the current directory."""
    if path is not None:
        return Path(path)
    return Path(os.environ.get(STORE_ENV, DEFAULT_STORE))
