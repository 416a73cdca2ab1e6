"""Checking the on-disk store, and going back to its newest good generation.

``ecokg store check`` (:func:`check_store`) reads the pointer, compares every byte of the
current generation with its manifest (CRC-32), opens it, counts its quads and validates
it (SHACL, :func:`ecokg.graph.reading.validate_stored`). ``ecokg store repair``
(:func:`repair_store`) finds the newest generation that passes those checks and points
``CURRENT`` at it; the newer generations it passed over are kept, renamed
``damaged-gen-NNNNNN``, out of reach of the collection of old generations, so that
nothing is deleted. The format of the files is in :mod:`ecokg.graph.disk`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from ecokg.errors import StoreError
from ecokg.graph.disk import (
    DAMAGED_PREFIX,
    POINTER,
    DamagedStore,
    Manifest,
    Pointer,
    format_pointer,
    generations,
    lock_file,
    make_manifest,
    manifest_path,
    parse_pointer,
    read_manifest,
    read_pointer,
    reader_lock,
    restamped,
    swap_pointer,
    verify_manifest,
    write_synced,
)
from ecokg.graph.store import LOCK_TIMEOUT_ENV, Backend
from ecokg.terms import oxigraph_dataset


class _Opened(Backend):
    """A generation opened read-only, as a backend (what validation takes)."""

    def __init__(self, store: Any, description: str) -> None:
        self._store = store
        self.description = description

    def oxigraph(self) -> Any:
        return self._store

    def dataset(self) -> Dataset:
        return oxigraph_dataset(self._store)


@dataclass
class GenerationCheck:
    """What checking one generation found."""

    name: str
    #: "checked" (every file matches its manifest), "none" (written by an older ecokg, or
    #: an interrupted write) or what is wrong with the manifest itself.
    manifest: str
    problems: list[str] = field(default_factory=list)
    quads: int | None = None
    conforms: bool | None = None
    violations: int = 0

    @property
    def good(self) -> bool:
        """It opens, every byte is as written (when a manifest says so), and it validates."""
        return not self.problems and bool(self.conforms)

    def summary(self) -> str:
        if self.problems:
            return "damaged: " + "; ".join(self.problems[:5]) + (" ..." if len(self.problems) > 5 else "")
        files = "files match the manifest" if self.manifest == "checked" else "no manifest"
        shapes = "conforms to the shapes" if self.conforms else f"{self.violations} SHACL violation(s)"
        return f"{self.quads} quads, {files}, {shapes}"


@dataclass
class StoreCheck:
    """What :func:`check_store` found."""

    root: Path
    #: "checked", "plain (written by an older ecokg: no checksum)", "none (nothing built)",
    #: or what is wrong with it.
    pointer: str
    pointer_ok: bool
    current: str | None
    checked: list[GenerationCheck] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    #: Files whose time changed since they were written (a copied store): each open reads them in full.
    restamp: bool = False

    @property
    def current_check(self) -> GenerationCheck | None:
        return next((c for c in self.checked if c.name == self.current), None)

    @property
    def damaged(self) -> bool:
        """The pointer or the current generation cannot be trusted (``ecokg store repair``)."""
        if not self.pointer_ok:
            return True
        found = self.current_check
        return self.current is not None and (found is None or bool(found.problems))

    @property
    def conforms(self) -> bool:
        found = self.current_check
        return found is None or bool(found.conforms)


def check_generation(root: Path, name: str, *, validate: bool = True) -> GenerationCheck:
    """Compare every byte of ``root/name`` with its manifest, open it, count and validate it.

    A generation whose files differ from its manifest is not opened: a damaged RocksDB
    file can make Oxigraph allocate without bound.
    """
    folder = root / name
    lock = reader_lock(root / f"{name}.lock")  # no writer collects it meanwhile
    try:
        try:
            manifest = read_manifest(root, name)
        except DamagedStore as exc:
            return GenerationCheck(name, str(exc), [str(exc)])
        found = GenerationCheck(name, "checked" if manifest is not None else "none")
        if manifest is not None:
            found.problems = verify_manifest(folder, manifest, full=True)
            if found.problems:
                return found
        try:
            store = ox.Store.read_only(str(folder))
            found.quads = len(store)
            if validate:
                from ecokg.graph.reading import validate_stored

                report = validate_stored(_Opened(store, f"{root} ({name})"))
                found.conforms, found.violations = report.conforms, len(report.violations)
        except (OSError, RuntimeError) as exc:
            found.problems.append(f"does not open or read: {exc}")
        return found
    finally:
        if lock is not None:
            lock.close()


def _pointer_state(root: Path) -> tuple[str, bool, Pointer | None]:
    try:
        pointer = parse_pointer((root / POINTER).read_bytes(), root)
    except FileNotFoundError:
        pointer = None
    except (DamagedStore, IsADirectoryError) as exc:
        return f"damaged: {exc}", False, None
    if pointer is None:
        if generations(root):
            return "missing (the store holds generations but no CURRENT)", False, None
        return "none (nothing built)", True, None
    if pointer.legacy:
        return "plain (written by an older ecokg: no checksum)", True, pointer
    if pointer.generation is None:
        return "checked (nothing built)", True, pointer
    return "checked", True, pointer


def check_store(root: Path, *, progress: Callable[[str], None] | None = None) -> StoreCheck:
    """Check the store at ``root``: its pointer and its current generation, every byte.

    If the pointer or the current generation is damaged, the other generations are checked
    too, newest first, down to the first good one: the one ``ecokg store repair`` restores.
    """
    if not root.is_dir():
        raise StoreError(f"no store at {root} (run `ecokg build` first)")
    state, ok, pointer = _pointer_state(root)
    current = pointer.generation if pointer is not None else None
    result = StoreCheck(root, state, ok, current, others=generations(root))
    if current is not None:
        if progress:
            progress(current)
        if current not in result.others:
            found = GenerationCheck(current, "none", ["it is missing (deleted?)"])
        else:
            found = check_generation(root, current)
        if not found.problems and pointer is not None and not pointer.legacy:
            manifest = read_manifest(root, current)
            if manifest is None or manifest.digest != pointer.manifest:
                found.problems.append("its manifest is not the one CURRENT names")
            else:
                result.restamp = restamped(root / current, manifest)
        result.checked.append(found)
    if result.damaged:
        for name in _candidates(root, below=current):
            if progress:
                progress(name)
            found = check_generation(root, name)
            result.checked.append(found)
            if found.good:
                break
    return result


def _candidates(root: Path, below: str | None = None) -> list[str]:
    """Generations a repair may restore, newest first, older than ``below`` (the one CURRENT names).

    A generation above the one CURRENT names was never published (an interrupted write).
    One without a manifest is an interrupted write too when an older one has a manifest
    (every generation this ecokg publishes has one); it is a candidate only below all of
    those (a store written by an older ecokg).
    """
    names = [n for n in generations(root) if below is None or n < below]
    with_manifest = [n for n in names if manifest_path(root, n).exists()]
    lowest = min(with_manifest, default=None)
    return [n for n in reversed(names) if n in with_manifest or lowest is None or n < lowest]


@dataclass
class Repair:
    """What :func:`repair_store` did."""

    root: Path
    restored: str | None
    previous: str | None
    changed: bool
    kept: list[str] = field(default_factory=list)
    checked: list[GenerationCheck] = field(default_factory=list)
    message: str = ""


def repair_store(root: Path, *, progress: Callable[[str], None] | None = None) -> Repair:
    """Point the store at its newest generation that opens and validates (see the module)."""
    if not root.is_dir():
        raise StoreError(f"no store at {root} (run `ecokg build` first)")
    timeout = float(os.environ.get(LOCK_TIMEOUT_ENV, "60"))
    try:
        lock = lock_file(root / "write.lock", shared=False, timeout=timeout)
    except BlockingIOError:
        raise StoreError(f"another process is writing to the store {root}; try again when it is done") from None
    except OSError as exc:
        raise StoreError(f"cannot repair the store {root}: {exc.strerror or exc} (it is read-only)") from exc
    try:
        return _repair(root, progress)
    finally:
        lock.close()


def _repair(root: Path, progress: Callable[[str], None] | None) -> Repair:
    check = check_store(root, progress=progress)
    current = check.current
    found = check.current_check
    if check.pointer_ok and (current is None or (found is not None and found.good)):
        pointer = read_pointer(root)
        if current is not None and pointer is not None and (pointer.legacy or check.restamp):
            _publish(root, current, fresh=True)  # a checksummed pointer; the files' times as they are now
            why = "it now has a checksummed pointer and manifest" if pointer.legacy else \
                "its files' times were stamped again (a copied store is no longer read in full at each open)"
            return Repair(root, current, current, True, checked=check.checked,
                          message=f"{current} is good; {why}.")
        return Repair(root, current, current, False, checked=check.checked,
                      message=f"nothing to repair: {current or 'the empty store'} is good.")
    good = next((c for c in check.checked if c.good), None)
    if good is None:
        if generations(root):
            seen = "; ".join(f"{c.name}: {c.summary()}" for c in check.checked) or "none checked"
            raise StoreError(
                f"no generation of the store {root} opens and validates ({seen}); nothing was changed. "
                "Restore it from a backup (`ecokg export` writes one) or rebuild it from its sources with `ecokg build`"
            )
        swap_pointer(root, format_pointer(None, None))
        return Repair(root, None, current, True, [], check.checked,
                      "no generation was left: the store is now empty; rebuild it with `ecokg build`.")
    _publish(root, good.name, fresh=good.manifest != "checked")
    kept = _set_aside(root, [c.name for c in check.checked if c is not good and c.name in generations(root)
                             and (manifest_path(root, c.name).exists() or c.name == current)])
    return Repair(root, good.name, current, True, kept, check.checked,
                  f"the store now reads {good.name} ({good.quads} quads, conforms to the shapes).")


def _set_aside(root: Path, names: list[str]) -> list[str]:
    """Rename damaged generations ``damaged-gen-NNNNNN``: kept, never collected nor read."""
    kept = []
    for name in names:
        target = root / f"{DAMAGED_PREFIX}{name}"
        os.replace(root / name, target)
        manifest = manifest_path(root, name)
        if manifest.exists():
            os.replace(manifest, root / f"{DAMAGED_PREFIX}{manifest.name}")
        kept.append(target.name)
    return kept


def _publish(root: Path, name: str, *, fresh: bool) -> None:
    """Point ``CURRENT`` at ``name``, with a manifest made now if ``fresh`` (files checked just before)."""
    manifest: Manifest | None = None if fresh else read_manifest(root, name)
    if manifest is None:
        manifest = make_manifest(root / name)
        path = manifest_path(root, name)
        temp = path.with_name(path.name + ".tmp")
        write_synced(temp, manifest.encode())
        os.replace(temp, path)
    swap_pointer(root, format_pointer(name, manifest.digest))


__all__ = ["GenerationCheck", "Repair", "StoreCheck", "check_generation", "check_store", "repair_store"]
