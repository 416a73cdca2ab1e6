"""Tables for people, CSV/TSV/JSON for machines: one place renders results."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

TABLE_FORMATS = ("table", "csv", "tsv", "json")

#: Cells a spreadsheet would run as a formula (CSV injection); prefixed with a quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """A cell for CSV/TSV: text, with formula-looking values neutralised."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def to_text(rows: Sequence[Sequence[Any]], columns: Sequence[str], fmt: str) -> str:
    """Rows as ``csv``, ``tsv`` or ``json`` text (a list of objects)."""
    if fmt == "json":
        records = [dict(zip(columns, (_jsonable(v) for v in row), strict=False)) for row in rows]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow([safe_cell(c) for c in columns])
        for row in rows:
            writer.writerow([safe_cell(v) for v in row])
        return buffer.getvalue()
    raise ValueError(f"unknown format {fmt!r}")


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def print_rows(
    rows: Sequence[Sequence[Any]],
    columns: Sequence[str],
    fmt: str = "table",
    *,
    title: str | None = None,
    console: Console | None = None,
) -> None:
    """Print rows in ``fmt``: a rich table, or machine-readable text on stdout."""
    console = console or Console()
    if fmt == "table":
        # Cells, headers and the title are user text (labels, file names): rich Text, never
        # parsed as markup, so "[/]" cannot crash the table, "[n/a]" cannot vanish and
        # "[link=...]" cannot become a live link (issue 22).
        table = Table(title=None if title is None else Text(title), show_lines=False, header_style="bold")
        for column in columns:
            table.add_column(Text(str(column)), overflow="fold")
        for row in rows:
            table.add_row(*(Text("" if v is None else str(v)) for v in row))
        console.print(table)
        return
    # Machine output goes out verbatim: no markup, no wrapping.
    console.file.write(to_text(rows, columns, fmt))
