"""Loaders turn input files into staged named graphs; one registry picks by file kind.

Each loader is ``(path, context) -> list[StagedGraph]``. Nothing here touches the
store: :mod:`ecokg.graph.build` validates what loaders stage and commits it.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

from ecokg.errors import InputError
from ecokg.loaders.base import FactWriter, LoadContext, StagedGraph
from ecokg.loaders.curated import load_curated

Loader = Callable[[Path, LoadContext], list[StagedGraph]]

#: Loader by kind. Other loaders register themselves here when their module is added.
LOADERS: dict[str, Loader] = {
    "yaml": load_curated,
}

#: File suffix -> loader kind.
SUFFIXES: dict[str, str] = {
    ".yaml": "yaml",
    ".yml": "yaml",
}


def kind_of(path: Path) -> str:
    """The loader kind for ``path``, from its suffix (``InputError`` if none fits)."""
    suffixes = [s.lower() for s in path.suffixes]
    for n in range(len(suffixes), 0, -1):
        joined = "".join(suffixes[-n:])
        if joined in SUFFIXES:
            return SUFFIXES[joined]
    known = ", ".join(sorted(SUFFIXES))
    raise InputError(f"unknown kind of file (known: {known})", source=path)


def load_file(path: Path, context: LoadContext | None = None) -> list[StagedGraph]:
    """Stage one file with the loader its kind calls for."""
    if not path.exists():
        raise InputError("no such file", source=path)
    if path.is_dir():
        raise InputError("is a directory; name the files to load", source=path)
    return LOADERS[kind_of(path)](path, context or LoadContext())


def seed_sources() -> list[Path]:
    """The bundled seed dataset: the curated files of ``ecokg/data/seed``."""
    root = resources.files("ecokg.data") / "seed"
    # The seed ships inside the package; as_file gives a real path for zip installs too.
    paths = sorted(
        Path(str(entry)) for entry in root.iterdir() if entry.name.endswith((".yaml", ".yml"))
    )
    return paths


__all__ = [
    "LOADERS",
    "SUFFIXES",
    "FactWriter",
    "LoadContext",
    "Loader",
    "StagedGraph",
    "kind_of",
    "load_file",
    "seed_sources",
]
