"""The entities of a mapping: how each takes its id, class, label, properties and relations.

Every key a mapping may hold is listed here with what it does (:data:`ENTITY_KEYS`,
:data:`PROPERTY_OPTIONS`): the error for an unknown key lists them, and
docs/data-format.md shows them (:mod:`ecokg.loaders.spreadsheet.reference`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from rdflib import URIRef

from ecokg.loaders.spreadsheet.templates import Template, column_template, parse_template
from ecokg.loaders.yamlsafe import Y
from ecokg.namespaces import EK, RDF, XSD
from ecokg.ontology import PropertySpec, Vocabulary, ontology_graph
from ecokg.text import fold

MODES = ("create", "lookup", "lookup-or-create")
MATCHES = ("name", "id")

#: The keys of an entity, with what each does.
ENTITY_KEYS: dict[str, str] = {
    "id": "id template (`\"m-{siren}\"`); slugged into `ekr:<id>`",
    "type": "a class of the ontology (the class of every entity it makes, or the base class when `class:` picks it per row)",
    "class": "the class from a column: `{column: Type, values: {Entreprise: Company}, default: Organization}`",
    "label": "label template (`\"{name}\"`)",
    "language": "language of the label and texts (default: the document's)",
    "mode": "`create` (default), `lookup` (must exist) or `lookup-or-create`",
    "match": "how `lookup` and `lookup-or-create` find an entity: `name` (default: the id, then the label, "
             "aliases and acronym of stored entities) or `id` (the id only)",
    "aliases": "cell text → entity id or name, tried first (`{\"AER BFC\": aer-bfc}`)",
    "enrich": "`true` (default): a row naming an existing entity adds its properties and relations; "
              "`false`: only the row that makes it does",
    "required": "`true` (default): a row without this entity is a bad row",
    "properties": "ontology keys → columns (see the options below)",
    "relations": "object properties → other entities of the same row",
}

#: The options of a property given as a mapping.
PROPERTY_OPTIONS: dict[str, str] = {
    "column": "the column holding the value",
    "value": "a fixed value or a template instead of a column",
    "format": "dates: a `strptime` format for text cells (`\"%d/%m/%Y\"`); date cells of a workbook need none",
    "values": "cell value → sector, role or status id (other values are not stated)",
    "required": "`true`: an empty cell is a bad row",
    "language": "language of a text value (default: the entity's)",
    "when": "a column: the value is stated only when that cell is not empty",
}

#: What a property's value is made of, by the kind of its range.
VALUE_KINDS = ("text", "date", "decimal", "integer", "boolean", "uri")
#: Object properties whose value is a concept of a scheme, picked by a ``values`` table.
CONCEPT_KINDS = ("sector", "role", "status")


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
class ClassTable:
    """``class: {column: Type, values: {Entreprise: Company}}``: the class from a cell."""

    template: Template
    values: dict[str, URIRef]
    names: dict[str, str]
    default: URIRef | None
    line: int


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
    classes: ClassTable | None = None
    match: str = "name"
    #: Folded cell text -> the id or name of the entity it stands for.
    aliases: dict[str, str] = field(default_factory=dict)
    enrich: bool = True


Error = Callable[[str, Y], None]


def concepts(kind: str, vocab: Vocabulary) -> dict[str, URIRef]:
    """The ids a ``values`` table may name for a concept kind (sector, role, status)."""
    if kind == "sector":
        return vocab.sectors
    if kind == "role":
        return vocab.roles
    return _statuses()


@cache
def _statuses() -> dict[str, URIRef]:
    """The status scheme's concepts by the local name of their IRI (``planned`` ...)."""
    graph = ontology_graph()
    return {str(c).rsplit("/", 1)[-1]: c for c in graph.subjects(RDF.type, EK.Status) if isinstance(c, URIRef)}


def _class(name: object, vocab: Vocabulary, node: Y, error: Error, under: URIRef | None = None) -> URIRef | None:
    if not isinstance(name, str):
        error("a class is named by one word of the ontology (Company, Person ...); to take it from a "
              "column write class: {column: Type, values: {Entreprise: Company}}", node)
        return None
    cls = vocab.classes.get(name)
    if cls is None or (under is not None and not vocab.is_a(cls, under)):
        shown = [n for n, c in sorted(vocab.classes.items()) if under is None or vocab.is_a(c, under)]
        what = f"class under {_local(under)}" if under is not None else "class"
        error(f"unknown {what} {name!r} (classes: {', '.join(shown)})", node)
        return None
    return cls


def _local(iri: URIRef | None) -> str:
    return str(iri).rsplit("#", 1)[-1] if iri is not None else ""


def _class_table(node: Y, base: URIRef | None, vocab: Vocabulary, needed: dict[str, int], error: Error) -> ClassTable | None:
    options = node.value if node.is_map else {}
    if not node.is_map or "column" not in options or "values" not in options or not options["values"].is_map:
        error("class: takes {column: COLUMN, values: {cell value: Class, ...}} (and optionally default: Class)", node)
        return None
    for key, sub in options.items():
        if key not in ("column", "values", "default"):
            error(f"unknown option {key!r} of class (known: column, default, values)", sub)
    template = column_template(options["column"], needed, error)
    values: dict[str, URIRef] = {}
    names: dict[str, str] = {}
    for cell, target in options["values"].value.items():
        cls = _class(target.value, vocab, target, error, base)
        if cls is not None:
            values[fold(str(cell))] = cls
            names[str(cell)] = str(target.value)
    default = _class(options["default"].value, vocab, options["default"], error, base) if "default" in options else None
    if template is None:
        return None
    return ClassTable(template, values, names, default, node.line)


def _common_class(classes: list[URIRef], vocab: Vocabulary) -> URIRef:
    """The most specific class every one of ``classes`` is (an ``ek:Agent`` at worst)."""
    candidates = [c for c in vocab.classes.values() if all(vocab.is_a(x, c) for x in classes)]
    if not candidates:
        return EK.Agent
    return max(candidates, key=lambda c: len(vocab.superclasses.get(c, ())))


def entity_spec(name: str, node: Y, vocab: Vocabulary, language: str, needed: dict[str, int], error: Error) -> EntitySpec | None:
    """One entity of ``entities:``, checked against the ontology."""
    if not node.is_map:
        error(f"entity {name!r} must be a mapping with id, type and label", node)
        return None
    values = node.value
    for key, sub in values.items():
        if key not in ENTITY_KEYS:
            error(f"unknown key {key!r} in entity {name!r} (known: {', '.join(ENTITY_KEYS)})", sub)
    if "id" not in values or not ("type" in values or "class" in values):
        error(f"entity {name!r} needs an 'id' template and a 'type' (or a 'class' table)", node)
        return None
    ident = parse_template(values["id"], needed, error)
    table_node = values.get("class")
    type_node = values.get("type")
    if type_node is not None and type_node.is_map and table_node is None:
        table_node, type_node = type_node, None  # "type: {column: ..., values: ...}" reads as "class:"
    cls = _class(type_node.value, vocab, type_node, error) if type_node is not None else None
    table = _class_table(table_node, cls, vocab, needed, error) if table_node is not None else None
    if cls is None and table is not None and type_node is None:
        found = list(table.values.values()) + ([table.default] if table.default else [])
        cls = _common_class(found, vocab) if found else None
    label = parse_template(values["label"], needed, error) if "label" in values else None
    mode = str(values["mode"].value) if "mode" in values else "create"
    if mode not in MODES:
        error(f"mode must be one of {', '.join(MODES)}", values["mode"])
    match = str(values["match"].value) if "match" in values else "name"
    if match not in MATCHES:
        error(f"match must be one of {', '.join(MATCHES)}", values["match"])
    if mode != "lookup" and label is None:
        error(f"entity {name!r} is created by this mapping, so it needs a 'label' template", node)
    aliases: dict[str, str] = {}
    if "aliases" in values:
        if not values["aliases"].is_map:
            error("'aliases' maps cell text to the id or name of an entity ({\"AER BFC\": aer-bfc})", values["aliases"])
        else:
            aliases = {fold(str(k)): str(v.value) for k, v in values["aliases"].value.items()}
    entity_language = str(values["language"].value) if "language" in values else language
    required = bool(values["required"].value) if "required" in values else True
    enrich = bool(values["enrich"].value) if "enrich" in values else True
    if ident is None or cls is None:
        return None
    entity = EntitySpec(name, ident, cls, label, entity_language, mode, required, node.line,
                        classes=table, match=match, aliases=aliases, enrich=enrich)
    if "properties" in values:
        props = values["properties"]
        if not props.is_map:
            error("'properties' maps property keys (founded, title ...) to columns", props)
        else:
            for key, spec_node in props.value.items():
                value = value_spec(key, spec_node, vocab, entity_language, needed, error)
                if value is not None:
                    entity.properties.append(value)
    if "relations" in values:
        rels = values["relations"]
        if not rels.is_map:
            error("'relations' maps property keys (based_in, funded ...) to entity names of this mapping", rels)
        else:
            relation_keys = sorted(k for k, s in vocab.properties.items() if s.is_object and kind_of(s) == "entity")
            for key, target in rels.value.items():
                spec = vocab.properties.get(key)
                if spec is None or not spec.is_object:
                    error(f"{key!r} is not a relation of the ontology (relations: {', '.join(relation_keys)})", target)
                    continue
                items = list(target.value) if target.is_list else [target]
                for item in items:
                    entity.relations.append((spec, str(item.value), item.line))
    return entity


def value_spec(key: str, node: Y, vocab: Vocabulary, language: str, needed: dict[str, int], error: Error) -> ValueSpec | None:
    """One property of an entity: where its value comes from and what kind it is."""
    spec = vocab.properties.get(key)
    if spec is None:
        known = sorted(k for k, s in vocab.properties.items() if kind_of(s) != "entity")
        error(f"unknown property {key!r} (properties: {', '.join(known)})", node)
        return None
    options: dict[str, Y] = node.value if node.is_map else {}
    if node.is_map:
        for option, sub in options.items():
            if option not in PROPERTY_OPTIONS:
                error(f"unknown option {option!r} of {key!r} (known: {', '.join(PROPERTY_OPTIONS)})", sub)
        if "column" in options:
            template = column_template(options["column"], needed, error)
        elif "value" in options:
            template = parse_template(options["value"], needed, error)
        else:
            error(f"{key!r} needs 'column' (or a fixed 'value')", node)
            return None
    else:
        template = parse_template(node, needed, error)
    if template is None:
        return None
    kind = kind_of(spec)
    when = column_template(options["when"], needed, error) if "when" in options else None
    values_map = None
    if "values" in options:
        if not options["values"].is_map:
            error("'values' maps cell values to ids (sector, role or status ids)", options["values"])
        else:
            values_map = {str(k): str(v.value) for k, v in options["values"].value.items()}
    if kind in CONCEPT_KINDS and values_map is not None:
        table = concepts(kind, vocab)
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


def kind_of(spec: PropertySpec) -> str:
    """What a property's value is: a concept kind, ``entity``, or a literal kind."""
    if spec.is_object:
        if spec.range == EK.Sector:
            return "sector"
        if spec.range == EK.Role:
            return "role"
        if spec.range == EK.Status:
            return "status"
        return "entity"
    return {
        XSD.date: "date",
        XSD.decimal: "decimal",
        XSD.integer: "integer",
        XSD.boolean: "boolean",
        XSD.anyURI: "uri",
        XSD.string: "string",
    }.get(spec.range, "text") if spec.range is not None else "text"
