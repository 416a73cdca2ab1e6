"""Writing an output file all at once: the old file, or the new one, never half of one.

Every file ecokg writes to a path a person gave (an export, a map, a report, the
candidates YAML, the ontology's documentation) goes through :func:`atomic_write`: the
bytes go to a temporary file in the same folder, which is flushed to disk and then
renamed over the target. A full disk, a killed process or an error half-way leaves the
previous file exactly as it was, and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ecokg.errors import EcokgError

#: Prefix of the temporary files (hidden, next to their target).
TEMP_PREFIX = ".ecokg-"


def _umask() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be opened
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_write(
    path: str | Path, mode: str = "wb", *, encoding: str | None = None, newline: str | None = None
) -> Iterator[IO[Any]]:
    """A file object for ``path`` whose content replaces it only when the block ends normally.

    ``mode`` is ``"wb"`` (bytes) or ``"w"`` (text, ``encoding`` default UTF-8). The file
    keeps the permissions of the one it replaces (else the usual ones for a new file). An
    ``OSError`` while writing (a full disk, a size limit) becomes an
    :class:`~ecokg.errors.EcokgError` saying the previous file is unchanged. A target that
    is not a regular file (``/dev/stdout``, a pipe) is written in place: it cannot be
    replaced. A symbolic link is followed: the file it points at is replaced.

    >>> with atomic_write("out.ttl") as handle:        # doctest: +SKIP
    ...     handle.write(data)
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_write writes a whole file: mode 'w' or 'wb', not {mode!r}")
    text = mode == "w"
    if text and encoding is None:
        encoding = "utf-8"
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        existing: os.stat_result | None = target.stat()
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with open(target, mode, encoding=encoding, newline=newline) as handle:
            yield handle
        return
    folder = target.parent
    try:
        fd, temp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise EcokgError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask())
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):  # a full disk, a size limit, an I/O error: said plainly
            kept = "the previous file is unchanged" if existing is not None else "nothing was written"
            raise EcokgError(f"cannot write {path}: {exc.strerror or exc}; {kept}") from exc
        raise
    _fsync_folder(folder)


def atomic_write_text(path: str | Path, text: str, *, encoding: str = "utf-8") -> None:
    """``Path.write_text``, all at once (see :func:`atomic_write`)."""
    with atomic_write(path, "w", encoding=encoding) as handle:
        handle.write(text)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """``Path.write_bytes``, all at once (see :func:`atomic_write`)."""
    with atomic_write(path) as handle:
        handle.write(data)


__all__ = ["TEMP_PREFIX", "atomic_write", "atomic_write_bytes", "atomic_write_text"]
