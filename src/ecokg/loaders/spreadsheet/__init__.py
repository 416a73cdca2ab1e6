"""Spreadsheets (CSV, TSV, XLSX) into facts, through a declarative column mapping.

A mapping file (YAML, documented in docs/data-format.md) says which columns make
which entities (id template, class, label), which columns are their properties and
which entities of the same row they point at. Each row is one excerpt ``#row-N``
(N counts the header as row 1, as spreadsheet programs do), so every fact names the
row it comes from.

Rows stream (the csv module over a decoded text stream, openpyxl in read-only mode);
per-row work is a few dictionary look-ups and string operations, no SPARQL.

The steps, one module each: :mod:`.mapping` (reading and checking the mapping),
:mod:`.reading` (encodings, CSV dialects, XLSX sheets), :mod:`.values` (cells into
terms) and :mod:`.rows` (rows into facts); :func:`load_spreadsheet` runs them.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef

from ecokg.errors import InputError, InputErrors
from ecokg.files import atomic_write_text
from ecokg.loaders.base import FactWriter, LoadContext, StagedGraph, doc_id_for
from ecokg.loaders.spreadsheet.mapping import (
    MAPPING_SUFFIX,
    MAPPING_VERSION,
    TOP_KEYS,
    Mapping,
    find_mapping,
    read_mapping,
    shipped_mappings,
)
from ecokg.loaders.spreadsheet.reading import detect_encoding, open_csv, open_xlsx
from ecokg.loaders.spreadsheet.rows import SPREADSHEET_ERRORS, bind_header, stage_rows
from ecokg.loaders.spreadsheet.specs import (
    ENTITY_KEYS,
    MODES,
    PROPERTY_OPTIONS,
    VALUE_KINDS,
    EntitySpec,
    ValueSpec,
)
from ecokg.loaders.spreadsheet.templates import Template
from ecokg.loaders.spreadsheet.values import RowError, date_literal, slugify
from ecokg.namespaces import EK, EKSENS, XSD, source_graph
from ecokg.ontology import vocabulary


def load_spreadsheet(path: Path, context: LoadContext | None = None) -> list[StagedGraph]:
    """Stage a CSV/TSV/XLSX file through its mapping into one named graph.

    >>> from ecokg.loaders.spreadsheet import load_spreadsheet
    >>> load_spreadsheet(Path("crunchbase-companies.csv"))  # doctest: +SKIP
    """
    context = context or LoadContext()
    writer, rejects = stage_spreadsheet(path, context)
    if rejects and not context.keep_going:
        raise InputErrors(rejects, source=path) if len(rejects) > 1 else rejects[0]
    if rejects:
        report = _write_reject_report(path, writer.doc_id, rejects)
        rejects.append(
            InputError(f"{len(rejects)} bad row(s) skipped; reject report written to {report}", source=path)
        )
    return [writer.staged(rejects), *writer.companions()]


def stage_spreadsheet(path: Path, context: LoadContext) -> tuple[FactWriter, list[InputError]]:
    """Stage ``path`` (its good rows, or all of them) and list its bad rows; writes no report."""
    mapping = read_mapping(find_mapping(path, context))
    handles: list[Any] = []
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            table = open_xlsx(path, mapping, handles)
        else:
            table = open_csv(path, mapping, handles)
        compiled = bind_header(mapping, table.header, path)
        writer = FactWriter(_document_id(mapping, path), path, "spreadsheet", store=context.staging_store())
        _describe(writer, mapping, path)
        rejects = stage_rows(path, table, compiled, writer, context)
    finally:
        for handle in handles:
            handle.close()
    writer.flush()
    return writer, rejects


def document_graph(path: Path, context: LoadContext | None = None) -> URIRef:
    """The graph :func:`load_spreadsheet` stages ``path`` into (reads its mapping only)."""
    mapping = read_mapping(find_mapping(path, context or LoadContext()))
    return source_graph(_document_id(mapping, path))


def _document_id(mapping: Mapping, path: Path) -> str:
    node = mapping.document.get("id")
    if node is None:
        return doc_id_for(path)
    ident = slugify(str(node.value).replace("{file}", doc_id_for(path)))
    return ident or doc_id_for(path)


def _describe(writer: FactWriter, mapping: Mapping, path: Path) -> None:
    doc = mapping.document
    vocab = vocabulary()
    cls = vocab.classes.get(str(doc["type"].value), EK.Dataset) if "type" in doc else EK.Dataset
    language = str(doc["language"].value) if "language" in doc else "en"
    titles: list[Literal] = []
    if "title" in doc:
        title = doc["title"].plain()
        if isinstance(title, dict):
            titles = [Literal(str(t).replace("{file}", path.name), lang=lang) for lang, t in title.items()]
        else:
            titles = [Literal(str(title).replace("{file}", path.name), lang=language)]
    if not titles:
        titles = [Literal(path.name, lang=language)]
    props: dict[str, Any] = {"type": cls, "title": titles, "label": titles, "language": Literal(language)}
    if "date" in doc:
        try:
            props["date"] = date_literal(str(doc["date"].value), "'date'", None)
        except RowError as exc:
            raise InputError(f"document date: {exc}", source=mapping.path, line=doc["date"].line) from None
    for key in ("source_url", "license"):
        if key in doc:
            props[key] = Literal(str(doc[key].value), datatype=XSD.anyURI)
    if "description" in doc:
        description = doc["description"].plain()
        if isinstance(description, dict):
            props["description"] = [Literal(str(t), lang=lang) for lang, t in description.items()]
        else:
            props["description"] = Literal(str(description), lang=language)
    writer.describe_document(str(titles[0]), **props)
    if "sensitivity" in doc:  # who may see the file's facts (docs/audiences.md), as curated YAML says it
        from ecokg.loaders.curated import SENSITIVITY_LEVELS

        level = doc["sensitivity"]
        if level.value not in SENSITIVITY_LEVELS:
            raise InputError(f"document 'sensitivity' must be one of {', '.join(SENSITIVITY_LEVELS)}",
                             source=mapping.path, line=level.line)
        writer._put(writer.name, EK.sensitivity, EKSENS[str(level.value)])  # graph metadata, not a fact


def _write_reject_report(path: Path, doc_id: str, rejects: list[InputError]) -> Path:
    """A CSV of the skipped rows (row, reason), written in the current directory.

    Every cell is neutralised (:func:`ecokg.render.safe_cell`): a file named
    ``=HYPERLINK(...).csv``, or a reason quoting a cell, must not become a live formula
    when the report is opened in a spreadsheet (issue 22).
    """
    from ecokg.render import safe_cell

    report = Path.cwd() / f"{doc_id}.rejects.csv"
    buffer = io.StringIO()
    out = csv.writer(buffer)
    out.writerow(["file", "row", "reason"])
    for reject in rejects:
        out.writerow([safe_cell(path.name), safe_cell(reject.row or ""), safe_cell(reject.message)])
    atomic_write_text(report, buffer.getvalue())
    return report


__all__ = [
    "ENTITY_KEYS",
    "MAPPING_SUFFIX",
    "MAPPING_VERSION",
    "MODES",
    "PROPERTY_OPTIONS",
    "SPREADSHEET_ERRORS",
    "TOP_KEYS",
    "VALUE_KINDS",
    "EntitySpec",
    "Mapping",
    "Template",
    "ValueSpec",
    "detect_encoding",
    "document_graph",
    "find_mapping",
    "load_spreadsheet",
    "read_mapping",
    "shipped_mappings",
    "stage_spreadsheet",
]
