"""The flocks of the on-disk store: ``write.lock`` (one writer) and ``gen-NNNNNN.lock`` (its readers).

``flock`` locks belong to an open file, so they hold between processes (the server's
workers) as well as between commands.
"""

from __future__ import annotations

import errno
import fcntl
import time
from pathlib import Path
from typing import IO


def lock_file(path: Path, *, shared: bool, timeout: float | None) -> IO[bytes]:
    """Take an flock on ``path``; wait up to ``timeout`` seconds (None: forever)."""
    handle = path.open("a+b")
    return _flock(handle, shared=shared, timeout=timeout)


def _flock(handle: IO[bytes], *, shared: bool, timeout: float | None) -> IO[bytes]:
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


_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}


def reader_lock(path: Path) -> IO[bytes] | None:
    """The shared lock a reader holds on its generation; None on a read-only store.

    Reading needs no write access: where the lock file cannot be created or opened for
    writing, it is locked through a read-only descriptor, and where it does not exist
    either, the generation is read without a lock (no writer can collect it from a
    store it cannot write either).
    """
    try:
        return lock_file(path, shared=True, timeout=None)
    except OSError as exc:
        if exc.errno not in _READ_ONLY:
            raise
    try:
        return _flock(path.open("rb"), shared=True, timeout=None)
    except OSError as exc:
        if exc.errno not in _READ_ONLY | {errno.ENOENT}:
            raise
    return None


__all__ = ["lock_file", "reader_lock"]
