"""Rows stricter than their file: a mapping's ``row_sensitivity:`` (docs/audiences.md).

``row_sensitivity: {column: Confidential, values: {yes: confidential, no: public}}`` (or
without ``values:``, a column holding the level's name) gives each row a level. A row
stricter than the file goes, with its excerpt, to the companion graph of its level
(``ekg:<doc>#confidential``); so does a later row that mentions an entity such a row made,
so that its IRI never reaches an audience that may not see it. An empty cell is the file's
level; a level looser than the file's, or a value the mapping does not know, is a bad row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.term import Node

from ecokg.loaders.curated.state import SENSITIVITY_LEVELS
from ecokg.loaders.spreadsheet.templates import Template, column_template
from ecokg.loaders.spreadsheet.values import RowError
from ecokg.loaders.yamlsafe import Y
from ecokg.text import fold


def _rank(level: str) -> int:
    return SENSITIVITY_LEVELS.index(level)


@dataclass
class RowSensitivity:
    """Which column gives a row's level, and what its values mean."""

    template: Template
    #: Folded cell value -> level (None: the cell names the level itself).
    values: dict[str, str] | None
    line: int

    def stated(self, row: list[str]) -> str | None:
        text = (self.template.render(row) or "").strip()
        if not text:
            return None
        known = self.values if self.values is not None else {level: level for level in SENSITIVITY_LEVELS}
        level = known.get(fold(text))
        if level is None:
            column = self.template.columns[0] if self.template.columns else "?"
            raise RowError(f"column {column!r} holds {text!r}, which is no sensitivity the mapping knows "
                           f"(expected {', '.join(sorted(known)) or 'a level'}; row_sensitivity at line {self.line})")
        return level


def parse_row_sensitivity(node: Y, needed: dict[str, int], error: Callable[[str, Y], None]) -> RowSensitivity | None:
    """``row_sensitivity: {column: C}`` or ``{column: C, values: {cell: level, ...}}``."""
    options = node.value if node.is_map else {}
    if not node.is_map or "column" not in options:
        error("row_sensitivity: takes {column: C} (the cell names the level) or "
              "{column: C, values: {cell value: level, ...}}", node)
        return None
    for key, sub in options.items():
        if key not in ("column", "values"):
            error(f"unknown option {key!r} of row_sensitivity (known: column, values)", sub)
    values: dict[str, str] | None = None
    if "values" in options:
        table = options["values"]
        if not table.is_map:
            error("row_sensitivity values: maps cell values to levels ({Oui: confidential, Non: public})", table)
            return None
        values = {}
        for cell, level in table.value.items():
            if level.value not in SENSITIVITY_LEVELS:
                error(f"row_sensitivity value {cell!r} must map to one of {', '.join(SENSITIVITY_LEVELS)}", level)
            else:
                values[fold(str(cell))] = str(level.value)
    template = column_template(options["column"], needed, error)
    return None if template is None else RowSensitivity(template, values, node.line)


def row_level(rule: RowSensitivity | None, header: str | None, row: list[str],
              terms: Iterable[Node], levels: dict[URIRef, str]) -> str | None:
    """The level of a row's facts when stricter than the file's ``header`` (None otherwise):
    the level its cell states, or that of a stricter entity it mentions."""
    stated = rule.stated(row) if rule is not None else None
    if stated is not None and header is not None and _rank(stated) < _rank(header):
        raise RowError(f"the row is marked {stated}, looser than the file ({header}): a fact cannot be more "
                       f"public than its source; expected {', '.join(SENSITIVITY_LEVELS[_rank(header):])}")
    found = [level for level in (stated, *(levels.get(t) for t in terms if isinstance(t, URIRef))) if level]
    level = max(found, key=_rank) if found else None
    if level is not None and header is not None and _rank(level) <= _rank(header):
        return None
    return level
