"""Rows into facts: the mapping bound to the header, then each row's entities and values.

Per-row work is a few dictionary look-ups and string operations, no SPARQL. Each row
is one excerpt ``#row-N``, so every fact names the row it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node

from ecokg.errors import InputError, InputErrors
from ecokg.loaders.base import FactWriter, LoadContext
from ecokg.loaders.spreadsheet.mapping import EntitySpec, Mapping, Template, ValueSpec
from ecokg.loaders.spreadsheet.reading import Table
from ecokg.loaders.spreadsheet.values import RowError, convert, slugify
from ecokg.namespaces import EKR, RDF, RDFS
from ecokg.ontology import vocabulary

#: What spreadsheet programs write in a cell whose formula failed.
SPREADSHEET_ERRORS = frozenset(
    {"#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)
_PROGRESS_EVERY = 500


@dataclass
class Compiled:
    """The mapping bound to one file's header: column names turned into indexes."""

    entities: list[EntitySpec]
    checks: list[tuple[int, str, str]]


def column_letter(index: int) -> str:
    """A 0-based column index as a spreadsheet names it: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _refuse_duplicate_columns(mapping: Mapping, header: list[str], path: Path) -> None:
    """Refuse a header naming twice a column the mapping reads: which one is meant?

    (Binding by name kept the last one, silently: issue 22.) A duplicate the mapping
    does not read harms nothing and is left alone.
    """
    seen: dict[str, int] = {}
    errors = []
    for i, name in enumerate(header):
        if name in seen and name in mapping.needed:
            first = seen[name]
            errors.append(InputError(
                f"columns {column_letter(first)} (column {first + 1}) and {column_letter(i)} (column {i + 1}) "
                f"are both named {name!r}, which the mapping {mapping.path.name} (line {mapping.needed[name]}) "
                "reads: rename one of them",
                source=path, row=1,
            ))
        seen.setdefault(name, i)
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors, source=path)


def bind_header(mapping: Mapping, header: list[str], path: Path) -> Compiled:
    _refuse_duplicate_columns(mapping, header, path)
    index = {name: i for i, name in enumerate(header)}
    missing = [(column, line) for column, line in mapping.needed.items() if column not in index]
    if missing:
        errors = [
            InputError(
                f"column {column!r} named by the mapping {mapping.path.name} (line {line}) is not "
                f"in the header; the header is: {', '.join(header)}",
                source=path,
                row=1,
            )
            for column, line in missing
        ]
        raise errors[0] if len(errors) == 1 else InputErrors(errors, source=path)

    def bind(template: Template) -> None:
        columns = iter(template.columns)
        template.parts = [
            part if isinstance(part, str) else (index[next(columns)], part[1])
            for part in template.parts
        ]

    for entity in mapping.entities:
        bind(entity.id)
        if entity.label is not None:
            bind(entity.label)
        for value in entity.properties:
            bind(value.template)
            if value.when is not None:
                bind(value.when)
    checks = [(index[c], c, kind) for c, (kind, _) in mapping.checks.items()]
    return Compiled(mapping.entities, checks)


@dataclass
class _Fact:
    s: URIRef
    p: URIRef
    o: Node


def stage_rows(
    path: Path,
    table: Table,
    compiled: Compiled,
    writer: FactWriter,
    context: LoadContext,
) -> list[InputError]:
    header = table.header
    known = context.known_entities
    created: dict[URIRef, int] = {}
    rejects: list[InputError] = []
    label_cache: dict[tuple[str, str], Literal] = {}
    progress = context.progress
    done = 0
    for number, row in table.rows:
        done += 1
        if progress is not None and done % _PROGRESS_EVERY == 0:
            progress(done, max(table.total or 0, done))
        if not any(cell.strip() for cell in row):
            continue  # a blank line (or a row of empty cells): nothing to say
        if any(cell.strip() for cell in row[len(header):]):
            # Cells beyond the header would be silently dropped (issue 7): a ragged row.
            rejects.append(InputError(
                f"the row has {len(row)} cells but the header has {len(header)} "
                "(an unquoted delimiter in a cell?)", source=path, row=number))
            continue
        try:
            facts, made = _row_facts(row, compiled, known, created, label_cache)
        except RowError as exc:
            rejects.append(InputError(str(exc), source=path, row=number))
            continue
        if rejects and not context.keep_going:
            continue  # the file will be refused: keep looking for errors, write nothing
        excerpt = writer.excerpt(f"row-{number}", _row_text(header, row), number, None)
        for fact in facts:
            writer.add(fact.s, fact.p, fact.o, excerpt)
        for iri in made:
            created[iri] = number
    if progress is not None:
        progress(done, done)
    if not rejects or context.keep_going:
        # Later sources of the same build may look these entities up.
        known.update(created)
    return rejects


def _row_text(header: list[str], row: list[str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in zip(header, row, strict=False) if value)


def _row_facts(
    row: list[str],
    compiled: Compiled,
    known: set[URIRef],
    created: dict[URIRef, int],
    label_cache: dict[tuple[str, str], Literal],
) -> tuple[list[_Fact], list[URIRef]]:
    for cell in row:
        if cell and cell[0] == "#" and (cell in SPREADSHEET_ERRORS or cell.strip("#") == ""):
            raise RowError(f"a cell holds a spreadsheet error value: {cell[:20]!r}")
    for index, column, kind in compiled.checks:
        value = row[index] if index < len(row) else ""
        if value.strip():
            convert(value, kind, column, None)
    facts: list[_Fact] = []
    made: list[URIRef] = []
    present: dict[str, URIRef] = {}
    for entity in compiled.entities:
        ident = entity.id.render(row)
        slug = slugify(ident) if ident is not None else ""
        if not slug:
            if entity.required:
                empty = entity.id.empty_columns(row)
                raise RowError(f"column {(empty or entity.id.columns)[0]!r} is empty, but the {entity.name} id {entity.id.source!r} needs it")
            continue
        iri = EKR[slug]
        present[entity.name] = iri
        exists = iri in known or iri in created
        if entity.mode == "lookup":
            if not exists and iri not in made:
                raise RowError(
                    f"names an unknown {entity.name} {slug!r} (id {entity.id.source!r}): it must "
                    "exist in the store or in an earlier source of this build"
                )
            continue
        if entity.mode == "create" and iri in created:
            raise RowError(f"the {entity.name} {slug!r} is already made by row {created[iri]}")
        if iri in made or (entity.mode == "lookup-or-create" and exists):
            continue
        made.append(iri)
        facts.append(_Fact(iri, RDF.type, entity.cls))
        if entity.label is not None:
            text = entity.label.render(row)
            if text is None:
                raise RowError(f"the label {entity.label.source!r} of the {entity.name} needs a cell that is empty")
            key = (text, entity.language)
            label = label_cache.get(key)
            if label is None:
                label = label_cache[key] = Literal(text.strip(), lang=entity.language)
            facts.append(_Fact(iri, RDFS.label, label))
        if entity.mode == "lookup-or-create":
            continue  # a minimal description: the rest belongs to the entity's own source
        for value_spec in entity.properties:
            obj = _property_value(row, value_spec)
            if obj is not None:
                facts.append(_Fact(iri, value_spec.spec.iri, obj))
    for entity in compiled.entities:
        subject = present.get(entity.name)
        if subject is None or subject not in made:
            continue  # relations are stated by the row that makes their subject
        for spec, target, _ in entity.relations:
            obj = present.get(target)
            if obj is not None:
                facts.append(_Fact(subject, spec.iri, obj))
    return facts, made


def _property_value(row: list[str], value: ValueSpec) -> Node | None:
    if value.when is not None and value.when.render(row) is None:
        return None
    text = value.template.render(row)
    if text is None or not text.strip():
        if value.required:
            raise RowError(f"column {value.column!r} is empty, but {value.spec.key!r} is required")
        return None
    if value.values is not None:
        mapped = value.values.get(text.strip())
        if mapped is None:
            return None  # values outside the table are not facts this mapping states
        if value.kind in ("sector", "role"):
            vocab = vocabulary()
            return (vocab.sectors if value.kind == "sector" else vocab.roles)[mapped]
        text = mapped
    if value.kind in ("text",) and value.spec.range in (RDF.langString, None):
        return Literal(text.strip(), lang=value.language)
    if value.kind == "string":
        return Literal(text.strip())
    return convert(text, value.kind, value.column, value.date_format)
