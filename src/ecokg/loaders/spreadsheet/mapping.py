"""The column mapping of a spreadsheet: reading it, and checking it against the ontology.

A mapping file (YAML, documented in docs/data-format.md) says which columns make
which entities (id template, class, label), which columns are their properties and
which entities of the same row they point at. Its columns are checked later, against
the file's header (:func:`ecokg.loaders.spreadsheet.rows.bind_header`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import fnmatch
from importlib import resources
from pathlib import Path

from ecokg.errors import InputError, InputErrors
from ecokg.loaders.base import LoadContext
from ecokg.loaders.spreadsheet.sensitivity import RowSensitivity, parse_row_sensitivity
from ecokg.loaders.spreadsheet.specs import VALUE_KINDS, EntitySpec, entity_spec
from ecokg.loaders.spreadsheet.templates import Template, column_template
from ecokg.loaders.yamlsafe import Y, read_yaml
from ecokg.ontology import vocabulary
from ecokg.text import fold

MAPPING_VERSION = 1
MAPPING_SUFFIX = ".mapping.yaml"


@dataclass
class SkipRule:
    """``skip_when: {column: Confidentiel, equals: Oui}``: rows left out, said nowhere."""

    template: Template
    equals: frozenset[str] | None
    empty: bool | None
    line: int

    def applies(self, row: list[str]) -> bool:
        text = self.template.render(row) or ""
        if self.empty is not None:
            return (not text.strip()) == self.empty
        return self.equals is not None and fold(text) in self.equals


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
    #: Columns a row's excerpt holds: those listed under ``keep:``, or the mapped ones.
    kept: list[str] = field(default_factory=list)
    skip: list[SkipRule] = field(default_factory=list)
    #: ``row_sensitivity:``: the column giving each row's level (docs/audiences.md).
    sensitivity: RowSensitivity | None = None


#: The keys of ``document:``.
DOCUMENT_KEYS = ("id", "type", "title", "date", "language", "license", "source_url", "description", "sensitivity")

#: The top-level keys of a mapping, with what each does.
TOP_KEYS: dict[str, str] = {
    "ecokg_mapping": "format version: `1` (required)",
    "files": "file name patterns this mapping applies to (`[members-*.csv]`)",
    "delimiter": "CSV delimiter (default: detected from the header among comma, semicolon, tab and pipe; tab for .tsv)",
    "sheet": "XLSX: the sheet to read (default: the first)",
    "document": "the file's graph: `id`, `type`, `title`, `date`, `language`, `license`, `source_url`, `description`, "
                "`sensitivity` (public, internal, confidential or personal: who may see its facts)",
    "keep": "the columns a row's source excerpt holds (default: the columns the mapping reads)",
    "row_sensitivity": "each row's level: `{column: C}` (the cell names it) or `{column: C, values: {Oui: confidential, "
                       "Non: public}}`; a row stricter than the file goes to a graph of its own (docs/audiences.md)",
    "skip_when": "rows left out: `{column: C, equals: V}` (or a list of values), `{column: C, empty: true}`, or a list of such",
    "checks": "columns validated but not stated (`turnover: decimal`)",
    "entities": "the entities each row makes, by a name of your choice",
}


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

    for key, node in top.items():
        if key not in TOP_KEYS:
            error(f"unknown mapping key {key!r} (known: {', '.join(TOP_KEYS)})", node)
    version = top.get("ecokg_mapping")
    if version is None or version.value != MAPPING_VERSION:
        error(f"expected 'ecokg_mapping: {MAPPING_VERSION}' at the top", version or tree)
    document = top["document"].value if "document" in top and top["document"].is_map else {}
    for key, node in document.items():
        if key not in DOCUMENT_KEYS:
            error(f"unknown key {key!r} of document (known: {', '.join(DOCUMENT_KEYS)})", node)
    language = str(document["language"].value) if "language" in document else "en"
    vocab = vocabulary()
    needed: dict[str, int] = {}
    entities: list[EntitySpec] = []
    entities_node = top.get("entities")
    if entities_node is None or not entities_node.is_map or not entities_node.value:
        error("'entities:' must map entity names (company, round ...) to their description", entities_node or tree)
    else:
        for name, node in entities_node.value.items():
            entity = entity_spec(name, node, vocab, language, needed, error)
            if entity is not None:
                entities.append(entity)
    names = {e.name for e in entities}
    before: set[str] = set()
    for entity in entities:
        for template in (t for t in (entity.id, entity.label) if t is not None):
            for ref in template.refs:
                if ref not in before:
                    errors.append(InputError(
                        f"{{@{ref}}} in {template.source!r} of {entity.name!r} names no entity listed before it "
                        f"(entities before it: {', '.join(sorted(before)) or 'none'})",
                        source=path, line=entity.line))
        before.add(entity.name)
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
    kept = _kept(top, needed, error)
    skip = _skip_rules(top["skip_when"], error) if "skip_when" in top else []
    for rule in skip:
        for column in rule.template.columns:
            needed.setdefault(column, rule.line)
    sensitivity = parse_row_sensitivity(top["row_sensitivity"], needed, error) if "row_sensitivity" in top else None
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
        kept=kept,
        skip=skip,
        sensitivity=sensitivity,
    )


def _kept(top: dict[str, Y], needed: dict[str, int], error: Callable[[str, Y], None]) -> list[str]:
    """The columns of a row's excerpt: ``keep:``, or every column the mapping reads so far
    (before ``skip_when:``, whose columns serve to leave rows out, not to describe them)."""
    if "keep" not in top:
        return list(needed)
    node = top["keep"]
    if not node.is_list or not all(isinstance(item.value, str) for item in node.value):
        error("'keep' lists the columns a row's source excerpt holds ([Date, Organisation])", node)
        return []
    for item in node.value:
        needed.setdefault(item.value, item.line)
    return [item.value for item in node.value]


def _skip_rules(node: Y, error: Callable[[str, Y], None]) -> list[SkipRule]:
    rules: list[SkipRule] = []
    skip_needed: dict[str, int] = {}
    for item in _items(node):
        options = item.value if item.is_map else {}
        if not item.is_map or "column" not in options or not ({"equals", "empty"} & set(options)):
            error("skip_when: takes {column: C, equals: V} (V may be a list) or {column: C, empty: true}, or a list of them", item)
            continue
        for key, sub in options.items():
            if key not in ("column", "equals", "empty"):
                error(f"unknown option {key!r} of skip_when (known: column, equals, empty)", sub)
        template = column_template(options["column"], skip_needed, error)
        equals = frozenset(fold(str(v.value)) for v in _items(options["equals"])) if "equals" in options else None
        empty = bool(options["empty"].value) if "empty" in options else None
        if template is not None:
            rules.append(SkipRule(template, equals, empty, item.line))
    return rules
