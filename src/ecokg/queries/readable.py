"""A query result as a person reads it: human headers, names rather than IRIs.

A column ``x`` whose ``xLabel`` column is there is left out (the label says it; the
explorer links the label to ``x``'s entity page); an IRI with no label column reads as
its last segment. Headers come from the query's ``# column:`` lines, else are humanised
(:func:`ecokg.queries.catalog.humanise`). The explorer's page applies the same rules
in ``static/explorer.js``.
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from ecokg.queries.catalog import humanise

if TYPE_CHECKING:
    from ecokg.queries.catalog import NamedQuery
    from ecokg.queries.result import QueryResult


def shown_columns(columns: list[str]) -> list[str]:
    """The columns a person sees: ``x`` is left out when ``xLabel`` is there."""
    present = set(columns)
    return [c for c in columns if c + "Label" not in present]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, URIRef):
        return re.split(r"[#/]", str(value).rstrip("/#"))[-1]
    python = value.toPython() if hasattr(value, "toPython") else value
    return python if isinstance(python, int | float) and not isinstance(python, bool) else str(value)


def readable(query: NamedQuery | None, result: QueryResult, lang: str = "en") -> tuple[list[str], list[list[Any]]]:
    """The headers and rows of ``result`` as a person reads them (see the module docstring)."""
    columns = list(result.columns)
    shown = shown_columns(columns)
    index = [columns.index(c) for c in shown]
    headers = [query.header(c, lang) if query is not None else humanise(c) for c in shown]
    rows = [[_cell(row[i]) for i in index] for row in result.rows]
    return headers, rows


def to_csv(headers: list[str], rows: list[list[Any]], lang: str = "en") -> bytes:
    """CSV for a spreadsheet: UTF-8 with a byte-order mark; ``;`` between cells when French
    is asked (a French Excel reads ``,`` as the decimal mark)."""
    from ecokg.render import safe_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if lang == "fr" else ",", lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def to_xlsx(headers: list[str], rows: list[list[Any]], title: str = "result") -> bytes:
    """An XLSX workbook of one sheet (text cells never become formulas)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "result")
    sheet.append(headers)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # a value starting with "=" stays text
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


__all__ = ["readable", "shown_columns", "to_csv", "to_xlsx"]
