"""Rows into facts: the mapping bound to the header, then each row's entities and values.

Per-row work is a few dictionary look-ups and string operations, no SPARQL. Each row
is one excerpt ``#row-N`` holding the columns the mapping reads (or those it keeps),
never the others, so every fact names the row it comes from and nothing unmapped is
stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node

from ecokg.errors import InputError, InputErrors
from ecokg.loaders.base import FactWriter, LoadContext
from ecokg.loaders.spreadsheet.linking import Names
from ecokg.loaders.spreadsheet.mapping import Mapping, SkipRule
from ecokg.loaders.spreadsheet.reading import Table
from ecokg.loaders.spreadsheet.sensitivity import row_level
from ecokg.loaders.spreadsheet.specs import EntitySpec, ValueSpec, concepts
from ecokg.loaders.spreadsheet.values import RowError, convert, slugify
from ecokg.namespaces import EKR, RDF, RDFS
from ecokg.ontology import vocabulary
from ecokg.text import fold

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
    #: (index, name) of the columns a row's excerpt holds.
    kept: list[tuple[int, str]]
    skip: list[SkipRule]
    mapping: Mapping


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
    for entity in mapping.entities:
        entity.id.bind(index)
        if entity.label is not None:
            entity.label.bind(index)
        if entity.classes is not None:
            entity.classes.template.bind(index)
        for value in entity.properties:
            value.template.bind(index)
            if value.column:
                value.column = shown_column(value.column, index[value.column])
            if value.when is not None:
                value.when.bind(index)
    for rule in mapping.skip:
        rule.template.bind(index)
    if mapping.sensitivity is not None:
        mapping.sensitivity.template.bind(index)
    checks = [(index[c], shown_column(c, index[c]), kind) for c, (kind, _) in mapping.checks.items()]
    kept = sorted((index[c], c) for c in dict.fromkeys(mapping.kept))
    return Compiled(mapping.entities, checks, kept, mapping.skip, mapping)


def shown_column(name: str, index: int) -> str:
    """A column as messages name it: its header and its letter (``'Date' (C)``)."""
    return f"{name!r} ({column_letter(index)})"


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
    maker = _RowMaker(compiled, context, writer)
    rejects: list[InputError] = []
    where = f"{path}, sheet {table.sheet!r}" if table.sheet else path
    progress = context.progress
    done = 0
    header_level = compiled.mapping.document.get("sensitivity")
    file_level = str(header_level.value) if header_level is not None else None
    #: Entities made by rows stricter than the file: a row mentioning one is as strict.
    levels: dict[URIRef, str] = {}
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
                "(an unquoted delimiter in a cell?)", source=where, row=number))
            continue
        if any(rule.applies(row) for rule in compiled.skip):
            continue  # left out by the mapping's skip_when: nothing of it is kept
        try:
            facts, made = maker.facts(row)
            level = row_level(compiled.mapping.sensitivity, file_level, row,
                              (term for fact in facts for term in (fact.s, fact.o)), levels)
        except RowError as exc:
            rejects.append(InputError(str(exc), source=where, row=number))
            continue
        # Recorded even when the file will be refused, so that a strict load finds the
        # same bad rows (an entity made twice ...) as --keep-going does.
        for iri in made:
            maker.created[iri] = number
        if rejects and not context.keep_going:
            continue  # the file will be refused: keep looking for errors, write nothing
        text = "; ".join(f"{name}={row[i]}" for i, name in compiled.kept if i < len(row) and row[i])
        excerpt = writer.excerpt(f"row-{number}", text, number, None, level=level, stated_at=number)
        for fact in facts:
            writer.add(fact.s, fact.p, fact.o, excerpt, level=level, stated_at=number)
        if level is not None:
            levels.update(dict.fromkeys(made, level))
    if progress is not None:
        progress(done, done)
    if not rejects or context.keep_going:
        # Later sources of the same build may look these entities up.
        context.known_entities.update(maker.created)
    return rejects


class _RowMaker:
    """A row's entities (linked or made) and their facts."""

    def __init__(self, compiled: Compiled, context: LoadContext, writer: FactWriter) -> None:
        self.compiled = compiled
        self.known = context.known_entities
        self.created: dict[URIRef, int] = {}
        self.labels: dict[tuple[str, str], Literal] = {}
        self.vocab = vocabulary()
        self.names: Names | None = None
        if any(e.mode != "create" and (e.match == "name" or e.aliases) for e in compiled.entities):
            self.names = Names(self.vocab)
            given = context.names() if callable(context.names) else context.names
            if given is not None:
                self.names.add_index(given)
            if context.staging is not None:
                self.names.add_staged(context.staging, writer.name)

    def facts(self, row: list[str]) -> tuple[list[_Fact], list[URIRef]]:
        for cell in row:
            if cell and cell[0] == "#" and (cell in SPREADSHEET_ERRORS or cell.strip("#") == ""):
                raise RowError(f"a cell holds a spreadsheet error value: {cell[:20]!r}")
        for index, column, kind in self.compiled.checks:
            value = row[index] if index < len(row) else ""
            if value.strip():
                convert(value, kind, column, None)
        facts: list[_Fact] = []
        made: list[URIRef] = []
        present: dict[str, URIRef] = {}
        stated: list[EntitySpec] = []
        ids: dict[str, str] = {}
        for entity in self.compiled.entities:
            ident = entity.id.render(row, ids)
            slug = slugify(ident) if ident is not None else ""
            if not slug:
                if entity.required:
                    empty = entity.id.empty_columns(row) or [f"@{r}" for r in entity.id.refs if r not in ids]
                    raise RowError(f"column {(empty or entity.id.columns)[0]!r} is empty, but the {entity.name} id {entity.id.source!r} needs it")
                continue
            iri = EKR[slug]
            name = entity.label.render(row, ids) if entity.label is not None else None
            if entity.mode == "create":
                if iri in self.created:
                    raise RowError(
                        f"the {entity.name} {slug!r} is already made by row {self.created[iri]} (an entity "
                        "several rows name takes mode: lookup-or-create; one each row makes needs an id "
                        "with a column that tells the rows apart)")
                found = None
            else:
                found = self._link(entity, iri, name or ident or "", made)
            if found is not None:
                present[entity.name] = found
                ids[entity.name] = str(found).removeprefix(str(EKR))
                if entity.enrich or found in made:
                    stated.append(entity)
                continue
            if entity.mode == "lookup":
                raise RowError(
                    f"names an unknown {entity.name} {slug!r} (id {entity.id.source!r}): it must "
                    "exist in the store or in an earlier source of this build")
            present[entity.name] = iri
            ids[entity.name] = slug
            stated.append(entity)
            if iri in made:
                continue
            made.append(iri)
            facts.append(_Fact(iri, RDF.type, self._class(entity, row)))
            if entity.label is not None:
                if name is None:
                    raise RowError(f"the label {entity.label.source!r} of the {entity.name} needs a cell that is empty")
                key = (name, entity.language)
                label = self.labels.get(key)
                if label is None:
                    label = self.labels[key] = Literal(name.strip(), lang=entity.language)
                facts.append(_Fact(iri, RDFS.label, label))
                if self.names is not None:
                    self.names.add(iri, [name], [self._class(entity, row)])
        for entity in stated:
            subject = present[entity.name]
            for value_spec in entity.properties:
                obj = _property_value(row, value_spec)
                if obj is not None:
                    facts.append(_Fact(subject, value_spec.spec.iri, obj))
            for spec, target, _ in entity.relations:
                obj = present.get(target)
                if obj is not None:
                    facts.append(_Fact(subject, spec.iri, obj))
        return facts, made

    def _link(self, entity: EntitySpec, iri: URIRef, text: str, made: list[URIRef]) -> URIRef | None:
        """The known entity a lookup names: by the alias table, the id, then the name."""
        alias = entity.aliases.get(fold(text)) if entity.aliases and text else None
        if alias is not None:
            target = EKR[slugify(alias)]
            if self._exists(target, made):
                return target
            found = self._by_name(entity, alias)
            if found is None:
                raise RowError(f"{text!r} is an alias of {alias!r} in the mapping, which names no known {entity.name}")
            return found
        if self._exists(iri, made):
            return iri
        if entity.match == "name" and text.strip():
            return self._by_name(entity, text)
        return None

    def _exists(self, iri: URIRef, made: list[URIRef]) -> bool:
        return iri in self.known or iri in self.created or iri in made

    def _by_name(self, entity: EntitySpec, text: str) -> URIRef | None:
        if self.names is None:
            return None
        found = self.names.find(text, entity.cls, self.known, self.created)
        if len(found) > 1:
            shown = "; ".join(self.names.describe(e) for e in found)
            raise RowError(
                f"{text!r} names several known entities ({shown}): say which under 'aliases:' of "
                f"{entity.name} in the mapping, or give the row its id")
        return found[0] if found else None

    def _class(self, entity: EntitySpec, row: list[str]) -> URIRef:
        table = entity.classes
        if table is None:
            return entity.cls
        cell = table.template.render(row)
        if cell is None or not cell.strip():
            return table.default or entity.cls
        cls = table.values.get(fold(cell))
        if cls is None:
            column = table.template.columns[0]
            classes = sorted(n for n, c in self.vocab.classes.items() if self.vocab.is_a(c, entity.cls))
            raise RowError(
                f"column {column!r} holds {str(cell)!r}, which the class table of {entity.name} "
                f"(mapping line {table.line}) does not list (it lists: {', '.join(table.names)}); add it "
                f"under values:, with one of the classes: {', '.join(classes)}")
        return cls


def _property_value(row: list[str], value: ValueSpec) -> Node | None:
    if value.when is not None and value.when.render(row) is None:
        return None
    text = value.template.render(row)
    if text is None or not text.strip():
        if value.required:
            raise RowError(f"column {value.column} is empty, but {value.spec.key!r} is required")
        return None
    if value.values is not None:
        mapped = value.values.get(text.strip())
        if mapped is None:
            return None  # values outside the table are not facts this mapping states
        if value.kind in ("sector", "role", "status"):
            return concepts(value.kind, vocabulary())[mapped]
        text = mapped
    if value.kind in ("text",) and value.spec.range in (RDF.langString, None):
        return Literal(text.strip(), lang=value.language)
    if value.kind == "string":
        return Literal(text.strip())
    if value.kind in ("sector", "role", "status"):
        table = concepts(value.kind, vocabulary())
        found = table.get(text.strip()) or table.get(slugify(text))
        if found is None:
            raise RowError(f"column {value.column} holds {str(text)!r}, not a {value.kind} "
                           f"(known: {', '.join(sorted(table))}; or map cells with values:)")
        return found
    return convert(text, value.kind, value.column, value.date_format)
