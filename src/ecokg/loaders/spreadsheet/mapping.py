"""The column mapping of a spreadsheet: reading it, and checking it against the ontology.

A mapping file (YAML, documented in docs/data-format.md) says which columns make
which entities (id template, class, label), which columns are their properties and
which entities of the same row they point at. Its columns are checked later, against
the file's header (:func:`ecokg.loaders.spreadsheet.rows.bind_header`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import fnmatch
from importlib import resources
from pathlib import Path

from rdflib import URIRef

from ecokg.errors import InputError, InputErrors
from ecokg.loaders.base import LoadContext
from ecokg.loaders.yamlsafe import Y, read_yaml
from ecokg.namespaces import EK, XSD
from ecokg.ontology import PropertySpec, Vocabulary, vocabulary

MAPPING_VERSION = 1
MAPPING_SUFFIX = ".mapping.yaml"
MODES = ("create", "lookup", "lookup-or-create")
VALUE_KINDS = ("text", "date", "decimal", "integer", "boolean", "uri")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


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
