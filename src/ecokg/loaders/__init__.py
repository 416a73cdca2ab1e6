"""Loaders turn input files into staged named graphs; one registry picks by file kind.

Each loader is ``(path, context) -> list[StagedGraph]``. Nothing here touches the
store: :mod:`ecokg.graph.staging` runs the loaders, :mod:`ecokg.graph.commit` validates what they stage and commits it.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

from rdflib import URIRef

from ecokg.errors import InputError
from ecokg.loaders.base import (
    DEFAULT_MAX_INPUT_MB,
    INPUT_ADVICE,
    MAX_INPUT_ENV,
    FactWriter,
    LoadContext,
    StagedGraph,
    doc_id_for,
    max_input_bytes,
    refuse_if_larger,
)
from ecokg.loaders.curated import load_curated
from ecokg.loaders.rdf import FORMATS as RDF_FORMATS
from ecokg.loaders.rdf import load_rdf
from ecokg.loaders.spreadsheet import load_spreadsheet
from ecokg.namespaces import source_graph

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


def load_file(path: Path, context: LoadContext | None = None) -> list[StagedGraph]:
    """Stage one file with the loader its kind calls for."""
    if not path.exists():
        raise InputError("no such file", source=path)
    if path.is_dir():
        raise InputError("is a directory; name the files to load", source=path)
    _refuse_unreadable_name(path)
    kind = kind_of(path)
    refuse_if_larger(path, max_input_bytes(), "an input", INPUT_ADVICE)
    return LOADERS[kind](path, context or LoadContext())


def _refuse_unreadable_name(path: Path) -> None:
    """Refuse a file name that is not text (bytes that are not UTF-8, kept by Python as
    surrogate escapes): it names the source graph and would fail deep inside a loader."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        shown = path.name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise InputError(
            f"the file name '{shown}' is not valid UTF-8 text; rename the file", source=path.parent
        ) from None


def document_graphs(path: Path, context: LoadContext | None = None) -> set[URIRef] | None:
    """The graphs loading ``path`` will stage, read cheaply before loading it (its YAML
    ``document.id``, its mapping, its file name); None when only the load can tell (an ecokg
    dataset names its graphs inside) or the file is broken (the load then says why)."""
    try:
        kind = kind_of(path)
        if kind == "yaml":
            from ecokg.loaders.curated.state import ID_PATTERN
            from ecokg.loaders.yamlsafe import read_yaml

            tree = read_yaml(path)
            doc = tree.value.get("document") if tree.is_map else None
            ident = doc.value.get("id") if doc is not None and doc.is_map else None
            valid = ident is not None and isinstance(ident.value, str) and ID_PATTERN.match(ident.value)
            return {source_graph(str(ident.value) if valid and ident is not None else "document")}
        if kind in ("csv", "xlsx"):
            from ecokg.loaders.spreadsheet import document_graph

            return {document_graph(path, context)}
        from ecokg.loaders.rdf import dataset_candidate

        return None if dataset_candidate(path) else {source_graph(doc_id_for(path))}
    except (InputError, OSError, ValueError):
        return None


def seed_sources() -> list[Path]:
    """The bundled seed dataset: the curated files of ``ecokg/data/seed``."""
    root = resources.files("ecokg.data") / "seed"
    # The seed ships inside the package; as_file gives a real path for zip installs too.
    paths = sorted(
        Path(str(entry)) for entry in root.iterdir() if entry.name.endswith((".yaml", ".yml"))
    )
    return paths


__all__ = [
    "DEFAULT_MAX_INPUT_MB",
    "LOADERS",
    "MAX_INPUT_ENV",
    "SUFFIXES",
    "FactWriter",
    "LoadContext",
    "Loader",
    "StagedGraph",
    "document_graphs",
    "kind_of",
    "load_file",
    "max_input_bytes",
    "seed_sources",
]
