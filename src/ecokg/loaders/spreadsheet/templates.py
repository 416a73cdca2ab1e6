"""Templates of a mapping: text with ``{column}`` placeholders and filters.

``"cb-{permalink|removeprefix:/company/}"`` names the column ``permalink``; its index in
the file is bound later, against the header (:func:`ecokg.loaders.spreadsheet.rows.bind_header`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ecokg.loaders.yamlsafe import Y

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

FILTERS: dict[str, Callable[[str, str], str]] = {
    "removeprefix": lambda v, a: v.removeprefix(a),
    "removesuffix": lambda v, a: v.removesuffix(a),
    "lower": lambda v, a: v.lower(),
    "upper": lambda v, a: v.upper(),
    "strip": lambda v, a: v.strip(a or None),
    "default": lambda v, a: v if v.strip() else a,
}


@dataclass
class Template:
    """``"cb-{permalink|removeprefix:/company/}"``: text with column placeholders.

    ``{@person}`` stands for the id of the row's entity ``person`` as linked (``gilson``
    for a cell "GILSON Inc."), so that an id built on it is the same however the row
    spells the name.
    """

    source: str
    parts: list[str | tuple[int, list[tuple[str, str]]]]
    columns: list[str]
    #: The entities ``{@name}`` placeholders name, in order (their parts hold index -1).
    refs: list[str] = field(default_factory=list)

    def render(self, row: list[str], ids: dict[str, str] | None = None) -> str | None:
        """The text for ``row``; None when a column it names is empty.

        A template that is one bare placeholder gives the cell itself, so a typed XLSX
        cell (:class:`ecokg.loaders.spreadsheet.reading.Cell`) keeps its value.
        """
        if len(self.parts) == 1 and not isinstance(self.parts[0], str) and not self.parts[0][1] and not self.refs:
            index = self.parts[0][0]
            cell = row[index] if index < len(row) else ""
            return cell if cell else None
        out: list[str] = []
        refs = iter(self.refs)
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            index, filters = part
            if index == _REF:
                value = (ids or {}).get(next(refs), "")
            else:
                value = row[index] if index < len(row) else ""
            for name, arg in filters:
                value = FILTERS[name](value, arg)
            if not value:
                return None
            out.append(value)
        return "".join(out)

    def empty_columns(self, row: list[str]) -> list[str]:
        """The columns this template names whose cells are empty in ``row``."""
        slots = [part for part in self.parts if not isinstance(part, str) and part[0] != _REF]
        return [
            column
            for column, (index, _) in zip(self.columns, slots, strict=False)
            if index >= len(row) or not row[index].strip()
        ]

    def bind(self, index: dict[str, int]) -> None:
        """Turn the column names into the header's indexes."""
        columns = iter(self.columns)
        self.parts = [
            part if isinstance(part, str) or part[0] == _REF else (index[next(columns)], part[1])
            for part in self.parts
        ]


#: The index of a ``{@entity}`` part.
_REF = -2


def parse_template(node: Y, needed: dict[str, int], error: Callable[[str, Y], None]) -> Template | None:
    """The template a YAML value holds; the columns it names are added to ``needed``."""
    text = node.value
    if isinstance(text, int | float) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str) or not text:
        error("expected a text template such as '{column}'", node)
        return None
    parts: list[str | tuple[int, list[tuple[str, str]]]] = []
    columns: list[str] = []
    refs: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > position:
            parts.append(text[position : match.start()])
        column, *filter_texts = match.group(1).split("|")
        filters: list[tuple[str, str]] = []
        for item in filter_texts:
            name, _, arg = item.partition(":")
            if name not in FILTERS:
                error(f"unknown filter {name!r} in {text!r} (known: {', '.join(FILTERS)})", node)
            filters.append((name, arg))
        if column.strip().startswith("@"):
            refs.append(column.strip()[1:])
            parts.append((_REF, filters))
        else:
            columns.append(column.strip())
            needed.setdefault(column.strip(), node.line)
            parts.append((-1, filters))
        position = match.end()
    if position < len(text):
        parts.append(text[position:])
    return Template(text, parts, columns, refs)


def column_template(node: Y, needed: dict[str, int], error: Callable[[str, Y], None]) -> Template | None:
    """The template of a ``column: NAME`` option: the cell itself."""
    return parse_template(Y("{" + str(node.value) + "}", node.line, node.column), needed, error)
