"""Which write made each generation: ``writes.jsonl`` beside ``CURRENT`` (``ecokg log``).

One JSON line a kept generation: its name, the kind of write (``build``, ``load``,
``forget``, ``reason``, ``analysis``, ``update``), when (UTC, to the microsecond) and the
source graphs and file names it loaded. It is written by the writing process after its
commit, under the store's write lock, and pruned to the generations the store keeps, so a
write can be told from another even within one second (a build reloads every source, a
load some). A generation with no line (a write by an older ecokg, or one that stopped
between its commit and this line) is described from its data instead
(:func:`ecokg.graph.history.log`).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ecokg.files import atomic_write_text
from ecokg.graph.store import Backend, DiskBackend

WRITES = "writes.jsonl"


def read_writes(root: Path) -> dict[str, dict[str, Any]]:
    """The recorded writes by generation (a damaged line is skipped: the log infers it)."""
    found: dict[str, dict[str, Any]] = {}
    with contextlib.suppress(OSError):
        for line in (root / WRITES).read_text("utf-8").splitlines():
            with contextlib.suppress(ValueError, TypeError, KeyError):
                entry = json.loads(line)
                found[str(entry["generation"])] = entry
    return found


def _save(root: Path, entries: Sequence[dict[str, Any]]) -> None:
    atomic_write_text(root / WRITES, "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries))


def record_write(backend: Backend, kind: str, graphs: Sequence[str] = (), files: Sequence[str] = ()) -> None:
    """Say that ``backend``'s current generation was made by a write of ``kind`` (on a disk
    store; nothing elsewhere). ``files`` are file names, never paths (they name no folder)."""
    if not isinstance(backend, DiskBackend) or backend.generation is None:
        return
    root, name = backend.root, backend.generation
    entry = {"generation": name, "write": kind, "at": datetime.now(UTC).isoformat(),
             "graphs": sorted(set(graphs)), "files": sorted({Path(f).name for f in files})}
    kept = [e for g, e in sorted(read_writes(root).items()) if g != name and (root / g).is_dir()]
    with contextlib.suppress(OSError):  # the record helps ecokg log; the write itself is done
        _save(root, [*kept, entry])


def prune_writes(root: Path, needles: Sequence[str], redacted: str) -> None:
    """Keep the lines of the generations still there, ``needles`` replaced by ``redacted``
    (``forget``: a file may be named after the person)."""
    entries = []
    for name, entry in sorted(read_writes(root).items()):
        if (root / name).is_dir():
            text = json.dumps(entry, ensure_ascii=False)
            for needle in needles:
                if needle:
                    text = text.replace(needle, redacted)
            entries.append(json.loads(text))
    if entries or (root / WRITES).exists():
        _save(root, entries)


__all__ = ["WRITES", "prune_writes", "read_writes", "record_write"]
