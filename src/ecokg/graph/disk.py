"""The files of the on-disk store: the pointer, each generation's manifest, the locks.

``CURRENT`` (the *pointer*) names the generation to read and carries a checksum of its
own lines, so a damaged pointer is refused instead of read as an empty store::

    ecokg-store 1
    generation gen-000007
    manifest 5d41402abc4b2a76b9719d911017c592...   (sha256 of gen-000007.manifest)
    checksum 2c26b46b68ffc68ff99b453c1d304134...   (sha256 of the lines above)

``gen-000007.manifest``, written when the generation is published (before ``CURRENT``
names it), lists every file of the generation with its size, modification time and
CRC-32, and ends with the same kind of checksum line::

    ecokg-generation 1
    generation gen-000007
    file 25226958 1733550480123456789 1a2b3c4d 000010.sst
    ...
    checksum ...

Opening a generation checks sizes always and the CRC-32 of any file whose time changed:
a file edited, cut or replaced is caught before RocksDB reads it (a flipped bit in an
index made Oxigraph allocate without bound). ``ecokg store check`` reads every byte
(:func:`verify_manifest` with ``full=True``). An older plain pointer is still read.

A write that fails deletes its generation, closed first; if it cannot be closed, a marker
``gen-000008.failed`` stays until a later one is published, so no two writes ever use the
same folder name (:func:`abandon`).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import traceback
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ecokg.errors import InputError, StoreError
from ecokg.graph.locks import lock_file, reader_lock

POINTER = "CURRENT"
POINTER_HEADER = "ecokg-store 1"
MANIFEST_HEADER = "ecokg-generation 1"
MANIFEST_SUFFIX = ".manifest"
#: Where ``ecokg store repair`` moves a generation it found damaged (kept, never collected).
DAMAGED_PREFIX = "damaged-"
GEN = re.compile(r"^gen-(\d{6})$")
_NUMBERED = re.compile(r"gen-(\d{6})")
_HEX = re.compile(r"^[0-9a-f]{64}$")
#: A pointer is a few lines; anything longer is not one.
_POINTER_MAX = 4096


class DamagedStore(StoreError):
    """The store's files are damaged (pointer, manifest or a generation's file)."""


def repair_hint(root: Path) -> str:
    return (f"run `ecokg store check --store {root}` to see what is damaged, and "
            f"`ecokg store repair --store {root}` to go back to the newest generation that "
            "opens and validates")


# --- the pointer --------------------------------------------------------------


@dataclass(frozen=True)
class Pointer:
    """What ``CURRENT`` says: the generation (None: nothing built yet) and its manifest's digest."""

    generation: str | None
    manifest: str | None = None
    #: A plain ``gen-000007`` pointer written by an older ecokg (no checksum, no manifest).
    legacy: bool = False


def _checked_lines(data: bytes, what: str) -> list[str]:
    """The lines of a checksummed file, without the checksum line (DamagedStore otherwise)."""
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        raise DamagedStore(f"{what} is not text") from None
    body, sep, last = text.rstrip("\n").rpartition("\n")
    if not sep or not last.startswith("checksum "):
        raise DamagedStore(f"{what} is cut short or garbled (no checksum line)")
    if hashlib.sha256((body + "\n").encode("ascii")).hexdigest() != last.removeprefix("checksum "):
        raise DamagedStore(f"{what} does not match its checksum")
    return body.split("\n")


def _with_checksum(lines: list[str]) -> bytes:
    body = "\n".join(lines) + "\n"
    return (body + f"checksum {hashlib.sha256(body.encode('ascii')).hexdigest()}\n").encode("ascii")


def format_pointer(generation: str | None, manifest: str | None) -> bytes:
    lines = [POINTER_HEADER, f"generation {generation or 'none'}"]
    if manifest is not None:
        lines.append(f"manifest {manifest}")
    return _with_checksum(lines)


def parse_pointer(data: bytes, root: Path) -> Pointer:
    what = f"the store's pointer {root / POINTER}"
    stripped = data.strip()
    if GEN.match(stripped.decode("ascii", "replace")) and len(data) < 32:
        return Pointer(stripped.decode("ascii"), legacy=True)
    if len(data) > _POINTER_MAX:
        raise DamagedStore(f"{what} is {len(data)} bytes: not a pointer")
    lines = _checked_lines(data, what)
    fields = dict(line.partition(" ")[::2] for line in lines[1:])
    if lines[0] != POINTER_HEADER or set(fields) - {"generation", "manifest"}:
        raise DamagedStore(f"{what} is not in a format this ecokg reads (first line {lines[0][:40]!r})")
    generation = fields.get("generation", "")
    manifest = fields.get("manifest")
    if generation == "none" and manifest is None:
        return Pointer(None)
    if not GEN.match(generation) or manifest is None or not _HEX.match(manifest):
        raise DamagedStore(f"{what} names no valid generation")
    return Pointer(generation, manifest)


def read_pointer(root: Path) -> Pointer | None:
    """What ``root/CURRENT`` says; None if there is no pointer; DamagedStore if it is damaged."""
    try:
        data = (root / POINTER).read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DamagedStore(f"the store's pointer {root / POINTER} is a folder; {repair_hint(root)}") from None
    except OSError as exc:
        raise StoreError(f"cannot read the store's pointer {root / POINTER}: {exc.strerror or exc}") from exc
    try:
        return parse_pointer(data, root)
    except DamagedStore as exc:
        raise DamagedStore(f"{exc}; {repair_hint(root)}") from None


def current_generation(root: Path) -> str | None:
    """The generation ``root/CURRENT`` names (None: nothing built; DamagedStore if damaged)."""
    pointer = read_pointer(root)
    return pointer.generation if pointer is not None else None


# --- the manifests ------------------------------------------------------------


@dataclass(frozen=True)
class FileEntry:
    size: int
    mtime_ns: int
    crc: str


@dataclass
class Manifest:
    """The files of a published generation, and the sha256 of the manifest's bytes."""

    generation: str
    files: dict[str, FileEntry] = field(default_factory=dict)
    digest: str = ""

    def encode(self) -> bytes:
        lines = [MANIFEST_HEADER, f"generation {self.generation}"]
        lines += [f"file {e.size} {e.mtime_ns} {e.crc} {name}" for name, e in sorted(self.files.items())]
        data = _with_checksum(lines)
        self.digest = hashlib.sha256(data).hexdigest()
        return data


def manifest_path(root: Path, generation: str) -> Path:
    return root / f"{generation}{MANIFEST_SUFFIX}"


def parse_manifest(data: bytes, path: Path) -> Manifest:
    what = f"the manifest {path}"
    lines = _checked_lines(data, what)
    if lines[0] != MANIFEST_HEADER or len(lines) < 2 or not lines[1].startswith("generation "):
        raise DamagedStore(f"{what} is not in a format this ecokg reads")
    manifest = Manifest(lines[1].removeprefix("generation "), digest=hashlib.sha256(data).hexdigest())
    for line in lines[2:]:
        parts = line.split(" ", 4)
        if len(parts) != 5 or parts[0] != "file":
            raise DamagedStore(f"{what} has a line that is not a file: {line[:60]!r}")
        _, size, mtime, crc, name = parts
        if not (size.isdigit() and mtime.isdigit()):
            raise DamagedStore(f"{what} has a line that is not a file: {line[:60]!r}")
        manifest.files[name] = FileEntry(int(size), int(mtime), crc)
    return manifest


def read_manifest(root: Path, generation: str) -> Manifest | None:
    """The manifest of ``generation``; None if it has none (DamagedStore if it is damaged)."""
    path = manifest_path(root, generation)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    return parse_manifest(data, path)


def crc32_file(path: Path) -> str:
    crc = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return f"{crc:08x}"


#: RocksDB's own log and lock file: no data, and RocksDB may touch them on open.
_NOT_DATA = {"LOG", "LOCK"}


def make_manifest(folder: Path, previous: tuple[Path, Manifest] | None = None) -> Manifest:
    """The manifest of the closed generation ``folder``.

    Files hard-linked from the previous generation (the same inode, size and time) keep
    the CRC its manifest recorded: only the files a commit wrote are read.
    """
    manifest = Manifest(folder.name)
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name in _NOT_DATA or entry.name.startswith("LOG.old."):
            continue
        info = entry.stat(follow_symlinks=False)
        crc = None
        if previous is not None:
            known = previous[1].files.get(entry.name)
            if known is not None and (known.size, known.mtime_ns) == (info.st_size, info.st_mtime_ns):
                with contextlib.suppress(OSError):
                    if (previous[0] / entry.name).stat().st_ino == info.st_ino:
                        crc = known.crc
        manifest.files[entry.name] = FileEntry(info.st_size, info.st_mtime_ns, crc or crc32_file(Path(entry.path)))
    return manifest


def verify_manifest(folder: Path, manifest: Manifest, *, full: bool = False) -> list[str]:
    """What differs between ``folder`` and its manifest (empty: nothing).

    Sizes are always compared, and the CRC-32 of a file whose modification time changed
    (a file written after the generation was published, or a store copied without its
    times); ``full`` compares the CRC-32 of every file.
    """
    problems = []
    for name, entry in sorted(manifest.files.items()):
        path = folder / name
        try:
            info = path.stat()
        except FileNotFoundError:
            problems.append(f"{name} is missing")
            continue
        if info.st_size != entry.size:
            problems.append(f"{name} is {info.st_size} bytes, {entry.size} when it was written")
        elif (full or info.st_mtime_ns != entry.mtime_ns) and crc32_file(path) != entry.crc:
            problems.append(f"{name} changed after it was written (its checksum differs)")
    return problems


def restamped(folder: Path, manifest: Manifest) -> bool:
    """True if some file's time differs from the manifest (a copied store: checked in full at open)."""
    for name, entry in manifest.files.items():
        with contextlib.suppress(OSError):
            if (folder / name).stat().st_mtime_ns != entry.mtime_ns:
                return True
    return False


def open_generation(root: Path, pointer: Pointer) -> Any:
    """Open (read-only) the generation ``pointer`` names, once its files match its manifest."""
    name = pointer.generation
    assert name is not None
    folder = root / name
    if not folder.is_dir():
        # Not a writer's race: the pointer did not change while its generation is gone.
        raise DamagedStore(
            f"the generation {name} that {root / POINTER} names is missing (deleted?); "
            f"{repair_hint(root)}, or `ecokg build` to rebuild the graph from its sources"
        )
    if pointer.manifest is not None:
        try:
            manifest = read_manifest(root, name)
        except DamagedStore as exc:
            raise DamagedStore(f"{exc}; {repair_hint(root)}") from None
        if manifest is None or manifest.digest != pointer.manifest:
            raise DamagedStore(
                f"the manifest of {name} is {'missing' if manifest is None else 'not the one CURRENT names'}; "
                f"{repair_hint(root)}"
            )
        problems = verify_manifest(folder, manifest)
        if problems:
            raise DamagedStore(
                f"the store {root} is damaged: in {name}, " + "; ".join(problems[:5])
                + f". Nothing was read; {repair_hint(root)}"
            )
    try:
        return ox.Store.read_only(str(folder))
    except (OSError, RuntimeError) as exc:
        if "corrupt" in str(exc).lower():
            raise DamagedStore(f"the store {root} is damaged ({exc}); {repair_hint(root)}") from exc
        raise StoreError(f"cannot open the store {root}: {exc}") from exc


# --- files and folders ---------------------------------------------------------


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def swap_pointer(root: Path, data: bytes, *, before: Callable[[], None] | None = None) -> None:
    """Make ``data`` the pointer: write ``CURRENT.tmp``, flush it, rename it over ``CURRENT``."""
    tmp = root / f"{POINTER}.tmp"
    try:
        write_synced(tmp, data)
        if before is not None:
            before()
        os.replace(tmp, root / POINTER)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(root)


@contextlib.contextmanager
def corruption_is_damage(root: Path) -> Iterator[None]:
    """RocksDB's "Corruption: block checksum mismatch" as a clear error, not a traceback."""
    try:
        yield
    except (OSError, RuntimeError) as exc:
        if "corruption" not in str(exc).lower():
            raise
        raise DamagedStore(f"the store {root} is damaged ({exc}); {repair_hint(root)}") from exc


def write_synced(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` and flush it to the disk (not atomic: write a temp name)."""
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def generations(root: Path) -> list[str]:
    """The generation folders under ``root``, oldest first."""
    return sorted(entry.name for entry in root.iterdir() if GEN.match(entry.name) and entry.is_dir())


def next_number(root: Path) -> int:
    """A generation number above every one used in ``root`` (folders, manifests, damaged)."""
    numbers = [int(m.group(1)) for entry in root.iterdir() if (m := _NUMBERED.search(entry.name))]
    return max(numbers, default=0) + 1


_FULL = {
    errno.ENOSPC: ("no space left on device", "the disk is full"),
    errno.EDQUOT: ("disk quota exceeded", "the disk quota is used up"),
    errno.EFBIG: ("file too large", "a file reached the size limit"),
}


def disk_full(exc: BaseException) -> str | None:
    """"the disk is full (...)" if the error (or its cause) is a full disk, quota or size limit."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        text = str(current).lower()
        for code, (marker, meaning) in _FULL.items():
            if (isinstance(current, OSError) and current.errno == code) or marker in text:
                return f"{meaning} ({os.strerror(code)})"
        current = current.__cause__ or current.__context__
    return None


# --- collecting ---------------------------------------------------------------------


#: How many generations a store keeps, the current one included (``ecokg log``, ``ecokg diff``).
KEEP_ENV = "ECOKG_KEEP_GENERATIONS"
DEFAULT_KEEP = 5


def kept_count() -> int:
    """How many generations a store keeps (``$ECOKG_KEEP_GENERATIONS``, default 5)."""
    raw = os.environ.get(KEEP_ENV, "").strip() or str(DEFAULT_KEEP)
    if not raw.isdigit() or int(raw) < 1:
        raise InputError(f"expected a whole number of generations to keep, at least 1 (got {raw!r})", source=f"${KEEP_ENV}")
    return int(raw)


#: Beside the number of a write that failed (``gen-000064.failed``) until a later generation is
#: published: a number is never given to two writes (see :func:`abandon`).
FAILED_SUFFIX = ".failed"


def abandon(root: Path, name: str, error: BaseException) -> None:
    """Delete ``name``, the generation a write was making when ``error`` stopped it; keep its number.

    The failed write's RocksDB may still be open: its frames, held by the traceback, keep
    the store alive, and closing it writes into its folder (a flush, a new MANIFEST,
    deleting files it does not know). Had another process's write taken the same name in
    the meantime, that write would lose files ("Corruption: ... MANIFEST ... No such file",
    seen with two ``ecokg serve --allow-update`` workers). So the frames are cleared (the
    store closes now, and the store is left as it was); if the store is still open all the
    same, a marker keeps the number taken whatever writes there later.
    """
    if error.__traceback__ is not None:
        traceback.clear_frames(error.__traceback__)
    if _open_here(root / name):
        with contextlib.suppress(OSError):  # a full disk: the marker is best effort
            (root / f"{name}{FAILED_SUFFIX}").touch()
    shutil.rmtree(root / name, ignore_errors=True)
    manifest_path(root, name).unlink(missing_ok=True)


def _open_here(folder: Path) -> bool:
    """Whether this process holds a file under ``folder`` open (an open RocksDB always does);
    True where that cannot be known (no ``/proc``)."""
    try:
        descriptors = list(Path("/proc/self/fd").iterdir())
    except OSError:
        return True
    for fd in descriptors:
        with contextlib.suppress(OSError):
            if os.readlink(fd).startswith(f"{folder}{os.sep}"):
                return True
    return False


def collect(root: Path, keep: str) -> None:
    """Delete the generations no process reads, but the newest :func:`kept_count` up to ``keep``
    (and crashed writes' debris).

    Called only once ``keep`` is published and verified; a generation numbered above it is
    never deleted here (none should exist: ``keep`` took the next number).
    """
    keep_number = int(keep.removeprefix("gen-"))
    try:
        history = kept_count() - 1
    except InputError:
        history = DEFAULT_KEEP - 1  # a build or a load refuses the setting before writing
    older = [g for g in generations(root) if int(g.removeprefix("gen-")) < keep_number and manifest_path(root, g).exists()]
    kept = set(sorted(older)[-history:]) if history > 0 else set()
    for entry in root.glob(f"gen-*{FAILED_SUFFIX}"):
        if _NUMBERED.match(entry.name) and int(entry.name[4:10]) < keep_number:
            entry.unlink(missing_ok=True)  # numbered below ``keep``: never given again
    for entry in root.glob("gen-*.cache"):
        if not (root / entry.name.removesuffix(".cache")).is_dir():
            shutil.rmtree(entry, ignore_errors=True)  # its generation went before it
    for entry in root.glob(f"gen-*{MANIFEST_SUFFIX}"):
        name = entry.name.removesuffix(MANIFEST_SUFFIX)
        if GEN.match(name) and not (root / name).is_dir() and name != keep:
            entry.unlink(missing_ok=True)
    for entry in root.glob("gen-*.lock"):
        name = entry.name.removesuffix(".lock")
        if GEN.match(name) and name != keep and not (root / name).is_dir():
            with contextlib.suppress(BlockingIOError, OSError):
                handle = lock_file(entry, shared=False, timeout=0)  # left by a reader of a deleted one
                entry.unlink(missing_ok=True)
                handle.close()
    for name in generations(root):
        if name == keep or name in kept or int(name.removeprefix("gen-")) > keep_number:
            continue
        lock_path = root / f"{name}.lock"
        try:
            handle = lock_file(lock_path, shared=False, timeout=0)
        except BlockingIOError:
            continue  # still read by someone
        try:
            shutil.rmtree(root / name, ignore_errors=True)
            # What was derived from it (e.g. cached projections, ecokg.network.projection).
            shutil.rmtree(root / f"{name}.cache", ignore_errors=True)
            manifest_path(root, name).unlink(missing_ok=True)
            lock_path.unlink(missing_ok=True)
        finally:
            handle.close()


__all__ = [
    "DAMAGED_PREFIX", "FAILED_SUFFIX", "KEEP_ENV", "POINTER", "DamagedStore", "FileEntry", "Manifest",
    "Pointer", "abandon", "collect", "corruption_is_damage", "crc32_file", "current_generation",
    "disk_full", "format_pointer", "fsync_dir", "generations", "kept_count", "lock_file",
    "make_manifest", "manifest_path", "next_number", "open_generation", "parse_manifest",
    "parse_pointer", "read_manifest", "read_pointer", "reader_lock", "repair_hint", "restamped",
    "swap_pointer", "verify_manifest", "write_synced",
]
