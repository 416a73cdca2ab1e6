"""Spreadsheets (CSV, TSV, XLSX) into facts, through a declarative column mapping.

A mapping file (YAML, documented in docs/data-format.md) says which columns make
which entities (id template, class, label), which columns are their properties and
which entities of the same row they point at. Each row is one excerpt ``#row-N``
(N counts the header as row 1, as spreadsheet programs do), so every fact names the
row it comes from.

Rows stream (the csv module over a decoded text stream, openpyxl in read-only mode);
per-row work is a few dictionary look-ups and string operations, no SPARQL.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fnmatch import fnmatch
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from ecokg.errors import InputError, InputErrors
from ecokg.loaders.base import FactWriter, LoadContext, StagedGraph, doc_id_for
from ecokg.loaders.yamlsafe import Y, read_yaml
from ecokg.namespaces import EK, EKR, RDF, RDFS, XSD
from ecokg.ontology import PropertySpec, Vocabulary, vocabulary

MAPPING_VERSION = 1
MAPPING_SUFFIX = ".mapping.yaml"
MODES = ("create", "lookup", "lookup-or-create")
VALUE_KINDS = ("text", "date", "decimal", "integer", "boolean", "uri")
#: What spreadsheet programs write in a cell whose formula failed.
SPREADSHEET_ERRORS = frozenset(
    {"#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)
_ID_CLEAN = re.compile(r"[^a-z0-9._-]+")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_PROGRESS_EVERY = 500

# --- encodings ------------------------------------------------------------------

#: Characters that real Western-European text is made of, beyond ASCII. Decoding the
#: same bytes as cp1252 and as Mac Roman, the right guess yields more of these.
_COMMON = set(
    "éèêëàâäçîïôöùûüÿñœæáíóúãõåøßÉÈÊÀÂÇÎÔÙÛÜÑŒÆÁÍÓÚÖÄ’‘“”–—…™®©€•°«» £§¿¡"
)


def detect_encoding(path: Path) -> tuple[str, int]:
    """The text encoding of ``path`` and its number of lines (any line ending).

    UTF-8 (with or without BOM) when the bytes decode as UTF-8; otherwise cp1252 or
    Mac Roman, whichever decodes the non-ASCII bytes into more common characters.
    """
    raw = path.read_bytes()
    lines = raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n")
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", lines
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16")
        return "utf-16", text.count("\n") + text.count("\r") - text.count("\r\n")
    try:
        raw.decode("utf-8")
        return "utf-8", lines
    except UnicodeDecodeError:
        pass
    scores: dict[str, int] = {}
    for encoding in ("cp1252", "mac_roman"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue  # cp1252 leaves five bytes undefined
        score = 0
        previous = " "
        for char in text:
            if ord(char) > 127:
                if char in _COMMON and not (char.isupper() and previous.islower()):
                    score += 1
                else:
                    score -= 1
            previous = char
        scores[encoding] = score
    best = max(scores, key=lambda e: scores[e]) if scores else "latin-1"
    return best, lines


# --- the mapping ----------------------------------------------------------------


@dataclass
class Template:
    """``"cb-{permalink|removeprefix:/company/}"``: text with column placeholders."""

    source: str
    parts: list[str | tuple[int, list[tuple[str, str]]]]
    columns: list[str]

    def render(self, row: list[str]) -> str | None:
        """The text for ``row``; None when a column it names is empty."""
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            index, filters = part
            value = row[index] if index < len(row) else ""
            for name, arg in filters:
                value = _FILTERS[name](value, arg)
            if not value:
                return None
            out.append(value)
        return "".join(out)

    def empty_columns(self, row: list[str]) -> list[str]:
        """The columns this template names whose cells are empty in ``row``."""
        slots = [part for part in self.parts if not isinstance(part, str)]
        return [
            column
            for column, (index, _) in zip(self.columns, slots, strict=False)
            if index >= len(row) or not row[index].strip()
        ]


_FILTERS: dict[str, Callable[[str, str], str]] = {
    "removeprefix": lambda v, a: v.removeprefix(a),
    "removesuffix": lambda v, a: v.removesuffix(a),
    "lower": lambda v, a: v.lower(),
    "upper": lambda v, a: v.upper(),
    "strip": lambda v, a: v.strip(a or None),
    "default": lambda v, a: v if v.strip() else a,
}


@dataclass
class ValueSpec:
    """How one property of an entity takes its value from the row."""

    spec: PropertySpec
    template: Template
    kind: str
    line: int
    required: bool = False
    values: dict[str, str] | None = None
    date_format: str | None = None
    language: str | None = None
    #: Column named by the error messages.
    column: str = ""
    #: Only when this template renders (its columns are not empty).
    when: Template | None = None


@dataclass
class EntitySpec:
    name: str
    id: Template
    cls: URIRef
    label: Template | None
    language: str
    mode: str
    required: bool
    line: int
    properties: list[ValueSpec] = field(default_factory=list)
    relations: list[tuple[PropertySpec, str, int]] = field(default_factory=list)


@dataclass
class Mapping:
    path: Path
    document: dict[str, Y]
    entities: list[EntitySpec]
    checks: dict[str, tuple[str, int]]
    delimiter: str | None
    sheet: str | None
    files: list[str]
    raw: Y
    #: Columns the mapping needs, with the line of the mapping that names each.
    needed: dict[str, int] = field(default_factory=dict)


def shipped_mappings() -> dict[str, Path]:
    """Mappings shipped with ecokg, by name (``crunchbase-companies`` ...)."""
    root = resources.files("ecokg.loaders") / "mappings"
    return {
        entry.name.removesuffix(".yaml"): Path(str(entry))
        for entry in root.iterdir()
        if entry.name.endswith(".yaml")
    }


def find_mapping(path: Path, context: LoadContext) -> Path:
    """The mapping for ``path``: the one given, a file beside it, or a shipped one."""
    if context.mapping is not None:
        return _named_mapping(context.mapping, path)
    for candidate in (
        path.with_name(path.name + MAPPING_SUFFIX),
        path.with_name(path.name.split(".")[0] + MAPPING_SUFFIX),
    ):
        if candidate.is_file():
            return candidate
    for shipped in shipped_mappings().values():
        patterns = read_yaml(shipped).value.get("files")
        if patterns is not None and any(fnmatch(path.name, p.value) for p in _items(patterns)):
            return shipped
    raise InputError(
        f"no mapping for this spreadsheet: give one with --mapping FILE (or the name of a "
        f"shipped mapping: {', '.join(sorted(shipped_mappings()))}) or put "
        f"{path.name + MAPPING_SUFFIX} beside it (see docs/data-format.md)",
        source=path,
    )


def _named_mapping(given: Path, data: Path) -> Path:
    if given.is_file():
        return given
    shipped = shipped_mappings()
    if str(given) in shipped:
        return shipped[str(given)]
    raise InputError(
        f"no mapping file {str(given)!r}, and no shipped mapping of that name "
        f"(shipped: {', '.join(sorted(shipped))})",
        source=data,
    )


def _items(node: Y) -> list[Y]:
    return list(node.value) if node.is_list else [node]


def read_mapping(path: Path, seen: tuple[Path, ...] = ()) -> Mapping:
    """Parse and check a mapping file (columns are checked later, against the header)."""
    tree = read_yaml(path)
    if not tree.is_map:
        raise InputError("a mapping is a YAML mapping with 'ecokg_mapping: 1' and 'entities:'", source=path, line=tree.line)
    top = tree.value
    if set(top) == {"mapping"}:
        # A one-line reference to another mapping (a shipped name or a path beside this one).
        ref = str(top["mapping"].value)
        target = path.parent / ref if (path.parent / ref).is_file() else None
        resolved = target or shipped_mappings().get(ref)
        if resolved is None or resolved in seen:
            raise InputError(f"'mapping: {ref}' names no mapping file or shipped mapping", source=path, line=top["mapping"].line)
        return read_mapping(resolved, (*seen, path))
    errors: list[InputError] = []

    def error(message: str, node: Y) -> None:
        errors.append(InputError(message, source=path, line=node.line))

    allowed = {"ecokg_mapping", "document", "entities", "checks", "delimiter", "sheet", "files"}
    for key, node in top.items():
        if key not in allowed:
            error(f"unknown mapping key {key!r} (known: {', '.join(sorted(allowed))})", node)
    version = top.get("ecokg_mapping")
    if version is None or version.value != MAPPING_VERSION:
        error(f"expected 'ecokg_mapping: {MAPPING_VERSION}' at the top", version or tree)
    document = top["document"].value if "document" in top and top["document"].is_map else {}
    language = str(document["language"].value) if "language" in document else "en"
    vocab = vocabulary()
    needed: dict[str, int] = {}
    entities: list[EntitySpec] = []
    entities_node = top.get("entities")
    if entities_node is None or not entities_node.is_map or not entities_node.value:
        error("'entities:' must map entity names (company, round ...) to their description", entities_node or tree)
    else:
        for name, node in entities_node.value.items():
            entity = _entity_spec(name, node, vocab, language, needed, error)
            if entity is not None:
                entities.append(entity)
    names = {e.name for e in entities}
    for entity in entities:
        for spec, target_name, line in entity.relations:
            if target_name not in names:
                errors.append(InputError(f"relation {spec.key!r} of {entity.name!r} names {target_name!r}, which is not an entity of this mapping (entities: {', '.join(sorted(names))})", source=path, line=line))
    checks: dict[str, tuple[str, int]] = {}
    if "checks" in top:
        if not top["checks"].is_map:
            error("'checks' maps column names to a kind (date, decimal, integer, boolean, uri, text)", top["checks"])
        else:
            for column, node in top["checks"].value.items():
                if node.value not in VALUE_KINDS:
                    error(f"check of {column!r} must be one of {', '.join(VALUE_KINDS)}", node)
                checks[column] = (str(node.value), node.line)
                needed.setdefault(column, node.line)
    delimiter = top["delimiter"].value if "delimiter" in top else None
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1):
        error("'delimiter' must be one character", top["delimiter"])
        delimiter = None
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors, source=path)
    return Mapping(
        path=path,
        document=document,
        entities=entities,
        checks=checks,
        delimiter=delimiter,
        sheet=str(top["sheet"].value) if "sheet" in top else None,
        files=[str(p.value) for p in _items(top["files"])] if "files" in top else [],
        raw=tree,
        needed=needed,
    )


def _template(node: Y, needed: dict[str, int], error: Callable[[str, Y], None]) -> Template | None:
    text = node.value
    if isinstance(text, int | float) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str) or not text:
        error("expected a text template such as '{column}'", node)
        return None
    parts: list[str | tuple[int, list[tuple[str, str]]]] = []
    columns: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > position:
            parts.append(text[position : match.start()])
        column, *filter_texts = match.group(1).split("|")
        filters: list[tuple[str, str]] = []
        for item in filter_texts:
            name, _, arg = item.partition(":")
            if name not in _FILTERS:
                error(f"unknown filter {name!r} in {text!r} (known: {', '.join(_FILTERS)})", node)
            filters.append((name, arg))
        columns.append(column.strip())
        needed.setdefault(column.strip(), node.line)
        parts.append((-1, filters))
        position = match.end()
    if position < len(text):
        parts.append(text[position:])
    return Template(text, parts, columns)


def _entity_spec(
    name: str,
    node: Y,
    vocab: Vocabulary,
    language: str,
    needed: dict[str, int],
    error: Callable[[str, Y], None],
) -> EntitySpec | None:
    if not node.is_map:
        error(f"entity {name!r} must be a mapping with id, type and label", node)
        return None
    values = node.value
    allowed = {"id", "type", "label", "language", "mode", "required", "properties", "relations"}
    for key, sub in values.items():
        if key not in allowed:
            error(f"unknown key {key!r} in entity {name!r} (known: {', '.join(sorted(allowed))})", sub)
    if "id" not in values or "type" not in values:
        error(f"entity {name!r} needs an 'id' template and a 'type'", node)
        return None
    ident = _template(values["id"], needed, error)
    cls_name = values["type"].value
    cls = vocab.classes.get(str(cls_name))
    if cls is None:
        error(f"unknown class {cls_name!r} (classes: {', '.join(sorted(vocab.classes))})", values["type"])
    label = _template(values["label"], needed, error) if "label" in values else None
    mode = str(values["mode"].value) if "mode" in values else "create"
    if mode not in MODES:
        error(f"mode must be one of {', '.join(MODES)}", values["mode"])
    if mode != "lookup" and label is None:
        error(f"entity {name!r} is created by this mapping, so it needs a 'label' template", node)
    entity_language = str(values["language"].value) if "language" in values else language
    required = bool(values["required"].value) if "required" in values else True
    if ident is None or cls is None:
        return None
    entity = EntitySpec(name, ident, cls, label, entity_language, mode, required, node.line)
    if "properties" in values:
        props = values["properties"]
        if not props.is_map:
            error("'properties' maps property keys (founded, status ...) to columns", props)
        else:
            for key, spec_node in props.value.items():
                value = _value_spec(key, spec_node, vocab, entity_language, needed, error)
                if value is not None:
                    entity.properties.append(value)
    if "relations" in values:
        rels = values["relations"]
        if not rels.is_map:
            error("'relations' maps property keys (based_in, funded ...) to entity names of this mapping", rels)
        else:
            for key, target in rels.value.items():
                spec = vocab.properties.get(key)
                if spec is None or not spec.is_object:
                    error(f"{key!r} is not a relation of the ontology", target)
                    continue
                for item in _items(target):
                    entity.relations.append((spec, str(item.value), item.line))
    return entity


def _value_spec(
    key: str,
    node: Y,
    vocab: Vocabulary,
    language: str,
    needed: dict[str, int],
    error: Callable[[str, Y], None],
) -> ValueSpec | None:
    spec = vocab.properties.get(key)
    if spec is None:
        error(f"unknown property {key!r} (see the ontology's YAML keys)", node)
        return None
    options: dict[str, Y] = node.value if node.is_map else {}
    if node.is_map:
        allowed = {"column", "value", "required", "values", "format", "language", "when"}
        for option, sub in options.items():
            if option not in allowed:
                error(f"unknown option {option!r} of {key!r} (known: {', '.join(sorted(allowed))})", sub)
        if "column" in options:
            source = Y("{" + str(options["column"].value) + "}", options["column"].line, 0)
        elif "value" in options:
            source = options["value"]
        else:
            error(f"{key!r} needs 'column' (or a fixed 'value')", node)
            return None
    else:
        source = node
    template = _template(source, needed, error)
    if template is None:
        return None
    kind = _kind_of(spec)
    when = None
    if "when" in options:
        when = _template(Y("{" + str(options["when"].value) + "}", options["when"].line, 0), needed, error)
    values_map = None
    if "values" in options:
        if not options["values"].is_map:
            error("'values' maps cell values to ids (sector or role ids, or entity ids)", options["values"])
        else:
            values_map = {str(k): str(v.value) for k, v in options["values"].value.items()}
    if kind in ("sector", "role") and values_map is not None:
        table = vocab.sectors if kind == "sector" else vocab.roles
        for cell, ident in values_map.items():
            if ident not in table:
                error(f"{cell!r} maps to unknown {kind} {ident!r} (known: {', '.join(sorted(table))})", options["values"])
    elif spec.is_object and kind == "entity":
        error(f"{key!r} links to other entities: list it under 'relations'", node)
        return None
    return ValueSpec(
        spec=spec,
        template=template,
        kind=kind,
        line=node.line,
        required=bool(options["required"].value) if "required" in options else False,
        values=values_map,
        date_format=str(options["format"].value) if "format" in options else None,
        language=str(options["language"].value) if "language" in options else language,
        column=template.columns[0] if template.columns else "",
        when=when,
    )


def _kind_of(spec: PropertySpec) -> str:
    if spec.is_object:
        if spec.range == EK.Sector:
            return "sector"
        if spec.range == EK.Role:
            return "role"
        return "entity"
    return {
        XSD.date: "date",
        XSD.decimal: "decimal",
        XSD.integer: "integer",
        XSD.boolean: "boolean",
        XSD.anyURI: "uri",
        XSD.string: "string",
    }.get(spec.range, "text") if spec.range is not None else "text"


# --- reading rows ---------------------------------------------------------------


@dataclass
class _Table:
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    total: int | None
    encoding: str


def _refuse_nul(path: Path) -> None:
    """Refuse a file with NUL bytes: binary, or UTF-16 without a byte-order mark (issue 7).

    Text never holds NUL; letting it through would put NULs in labels.
    """
    line = 1
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            at = block.find(b"\x00")
            if at >= 0:
                raise InputError(
                    "NUL bytes: a binary file, or text in UTF-16 without a byte-order mark "
                    "(save the file as UTF-8 CSV)",
                    source=path,
                    row=line + block[:at].count(b"\n"),
                )
            line += block.count(b"\n")


def _open_csv(path: Path, mapping: Mapping, handle: list[Any]) -> _Table:
    encoding, lines = detect_encoding(path)
    if not encoding.startswith("utf-16"):
        _refuse_nul(path)
    stream = open(path, encoding=encoding, newline="")  # closed by the caller
    handle.append(stream)
    delimiter = mapping.delimiter or ("\t" if path.suffix.lower() == ".tsv" else ",")
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("the file is empty (expected a header row)", source=path, row=1) from None
    except csv.Error as exc:
        raise InputError(f"cannot read the header: {exc}", source=path, row=1) from exc

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InputError(f"unreadable CSV: {exc}", source=path, row=number + 1) from exc
            number += 1
            yield number, row

    return _Table([h.strip() for h in header], rows(), max(lines - 1, 0), encoding)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _open_xlsx(path: Path, mapping: Mapping, handle: list[Any]) -> _Table:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InputError(f"not a readable XLSX workbook: {exc}", source=path) from exc
    handle.append(book)
    if mapping.sheet is not None:
        if mapping.sheet not in book.sheetnames:
            raise InputError(f"no sheet {mapping.sheet!r} (sheets: {', '.join(book.sheetnames)})", source=path)
        sheet = book[mapping.sheet]
    else:
        sheet = book.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        header = [_cell_text(v).strip() for v in next(iterator)]
    except StopIteration:
        raise InputError("the sheet is empty (expected a header row)", source=path, row=1) from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, values in enumerate(iterator, start=2):
            yield number, [_cell_text(v) for v in values]

    total = sheet.max_row - 1 if sheet.max_row else None
    return _Table(header, rows(), total, "xlsx")


# --- converting rows ------------------------------------------------------------


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = _ID_CLEAN.sub("-", ascii_text).strip("-._")
    return re.sub(r"-{2,}", "-", slug)


class _RowError(Exception):
    pass


def _convert(value: str, kind: str, column: str, date_format: str | None) -> Literal:
    if kind == "date":
        return _date_literal(value, column, date_format)
    if kind == "decimal":
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise _RowError(f"column {column!r} is not a number: {value!r}") from None
        if not number.is_finite():
            raise _RowError(f"column {column!r} is not a number: {value!r}")
        # Written in plain notation: 2.6E+12 is not a valid xsd:decimal lexical form.
        return Literal(format(number, "f"), datatype=XSD.decimal)
    if kind == "integer":
        try:
            return Literal(int(value.strip()))
        except ValueError:
            raise _RowError(f"column {column!r} is not a whole number: {value!r}") from None
    if kind == "boolean":
        lowered = value.strip().lower()
        if lowered in ("true", "yes", "1", "oui", "vrai"):
            return Literal(True)
        if lowered in ("false", "no", "0", "non", "faux"):
            return Literal(False)
        raise _RowError(f"column {column!r} is not true or false: {value!r}")
    if kind == "uri":
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", value.strip()):
            raise _RowError(f"column {column!r} is not a web address: {value!r}")
        return Literal(value.strip(), datatype=XSD.anyURI)
    return Literal(value)


_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def _date_literal(value: str, column: str, date_format: str | None) -> Literal:
    text = value.strip()
    if date_format is not None:
        try:
            return Literal(dt.datetime.strptime(text, date_format).date().isoformat(), datatype=XSD.date)
        except ValueError:
            raise _RowError(f"column {column!r} is not a date in the format {date_format!r}: {value!r}") from None
    if len(text) == 10:
        try:
            return Literal(dt.date.fromisoformat(text).isoformat(), datatype=XSD.date)
        except ValueError:
            pass
    match = _ISO_PARTIAL.match(text)
    if match and (match.group(2) is None or 1 <= int(match.group(2)) <= 12):
        return Literal(text, datatype=XSD.gYearMonth if match.group(2) else XSD.gYear)
    raise _RowError(f"column {column!r} is not a date: {value!r}")


@dataclass
class _Compiled:
    """The mapping bound to one file's header: column names turned into indexes."""

    entities: list[EntitySpec]
    checks: list[tuple[int, str, str]]


def _bind(mapping: Mapping, header: list[str], path: Path) -> _Compiled:
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
    return _Compiled(mapping.entities, checks)


def load_spreadsheet(path: Path, context: LoadContext | None = None) -> list[StagedGraph]:
    """Stage a CSV/TSV/XLSX file through its mapping into one named graph.

    >>> from ecokg.loaders.spreadsheet import load_spreadsheet
    >>> load_spreadsheet(Path("crunchbase-companies.csv"))  # doctest: +SKIP
    """
    context = context or LoadContext()
    mapping = read_mapping(find_mapping(path, context))
    handles: list[Any] = []
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            table = _open_xlsx(path, mapping, handles)
        else:
            table = _open_csv(path, mapping, handles)
        compiled = _bind(mapping, table.header, path)
        writer = FactWriter(_document_id(mapping, path), path, "spreadsheet", store=context.staging_store())
        _describe(writer, mapping, path)
        rejects = _rows(path, table, compiled, writer, context)
    finally:
        for handle in handles:
            handle.close()
    if rejects and not context.keep_going:
        raise InputErrors(rejects, source=path) if len(rejects) > 1 else rejects[0]
    if rejects:
        report = _write_reject_report(path, writer.doc_id, rejects)
        rejects.append(
            InputError(f"{len(rejects)} bad row(s) skipped; reject report written to {report}", source=path)
        )
    return [writer.staged(rejects)]


def _document_id(mapping: Mapping, path: Path) -> str:
    node = mapping.document.get("id")
    if node is None:
        return doc_id_for(path)
    ident = _slug(str(node.value).replace("{file}", doc_id_for(path)))
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
            props["date"] = _date_literal(str(doc["date"].value), "date", None)
        except _RowError as exc:
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


@dataclass
class _Fact:
    s: URIRef
    p: URIRef
    o: Node


def _rows(
    path: Path,
    table: _Table,
    compiled: _Compiled,
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
        except _RowError as exc:
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
    compiled: _Compiled,
    known: set[URIRef],
    created: dict[URIRef, int],
    label_cache: dict[tuple[str, str], Literal],
) -> tuple[list[_Fact], list[URIRef]]:
    for cell in row:
        if cell and cell[0] == "#" and (cell in SPREADSHEET_ERRORS or cell.strip("#") == ""):
            raise _RowError(f"a cell holds a spreadsheet error value: {cell[:20]!r}")
    for index, column, kind in compiled.checks:
        value = row[index] if index < len(row) else ""
        if value.strip():
            _convert(value, kind, column, None)
    facts: list[_Fact] = []
    made: list[URIRef] = []
    present: dict[str, URIRef] = {}
    for entity in compiled.entities:
        ident = entity.id.render(row)
        slug = _slug(ident) if ident is not None else ""
        if not slug:
            if entity.required:
                empty = entity.id.empty_columns(row)
                raise _RowError(f"column {(empty or entity.id.columns)[0]!r} is empty, but the {entity.name} id {entity.id.source!r} needs it")
            continue
        iri = EKR[slug]
        present[entity.name] = iri
        exists = iri in known or iri in created
        if entity.mode == "lookup":
            if not exists and iri not in made:
                raise _RowError(
                    f"names an unknown {entity.name} {slug!r} (id {entity.id.source!r}): it must "
                    "exist in the store or in an earlier source of this build"
                )
            continue
        if entity.mode == "create" and iri in created:
            raise _RowError(f"the {entity.name} {slug!r} is already made by row {created[iri]}")
        if iri in made or (entity.mode == "lookup-or-create" and exists):
            continue
        made.append(iri)
        facts.append(_Fact(iri, RDF.type, entity.cls))
        if entity.label is not None:
            text = entity.label.render(row)
            if text is None:
                raise _RowError(f"the label {entity.label.source!r} of the {entity.name} needs a cell that is empty")
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
            raise _RowError(f"column {value.column!r} is empty, but {value.spec.key!r} is required")
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
    return _convert(text, value.kind, value.column, value.date_format)


def _write_reject_report(path: Path, doc_id: str, rejects: list[InputError]) -> Path:
    """A CSV of the skipped rows (row, reason), written in the current directory."""
    report = Path.cwd() / f"{doc_id}.rejects.csv"
    buffer = io.StringIO()
    out = csv.writer(buffer)
    out.writerow(["file", "row", "reason"])
    for reject in rejects:
        out.writerow([path.name, reject.row or "", reject.message])
    report.write_text(buffer.getvalue(), encoding="utf-8")
    return report
