"""Loaders turn input files into staged named graphs; one registry picks by file kind.

Each loader is ``(path, context) -> list[StagedGraph]``. Nothing here touches the
store: :mod:`ecokg.graph.staging` runs the loaders, :mod:`ecokg.graph.commit` validates what they stage and commits it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from ecokg.errors import InputError
from ecokg.loaders.base import FactWriter, LoadContext, StagedGraph, refuse_if_larger
from ecokg.loaders.curated import load_curated
from ecokg.loaders.rdf import FORMATS as RDF_FORMATS
from ecokg.loaders.rdf import load_rdf
from ecokg.loaders.spreadsheet import load_spreadsheet

Loader = Callable[[Path, LoadContext], list[StagedGraph]]

#: Loader by kind. Other loaders register themselves here when their module is added.
LOADERS: dict[str, Loader] = {
    "yaml": load_curated,
    "csv": load_spreadsheet,
    "xlsx": load_spreadsheet,
    "rdf": load_rdf,
}

#: File suffix -> loader kind.
SUFFIXES: dict[str, str] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".csv": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    **{suffix: "rdf" for suffix in RDF_FORMATS},
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


#: Loaders stage a whole file in memory (an Oxigraph store), so memory grows with the input:
#: larger files are refused up front rather than exhausting memory (reliability, issue 7).
MAX_INPUT_ENV = "ECOKG_MAX_INPUT_MB"
DEFAULT_MAX_INPUT_MB = 256


def max_input_bytes() -> int:
    """The largest input file a loader accepts (``$ECOKG_MAX_INPUT_MB``, default 256 MiB)."""
    try:
        megabytes = float(os.environ.get(MAX_INPUT_ENV, DEFAULT_MAX_INPUT_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_INPUT_MB
    return int(megabytes * 2**20)


def load_file(path: Path, context: LoadContext | None = None) -> list[StagedGraph]:
    """Stage one file with the loader its kind calls for."""
    if not path.exists():
        raise InputError("no such file", source=path)
    if path.is_dir():
        raise InputError("is a directory; name the files to load", source=path)
    kind = kind_of(path)
    refuse_if_larger(
        path, max_input_bytes(), "an input",
        f"it is staged in memory: split it, or set {MAX_INPUT_ENV} to raise the limit",
    )
    return LOADERS[kind](path, context or LoadContext())


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
