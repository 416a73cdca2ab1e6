"""Cells into RDF terms: ids, dates, numbers, booleans and web addresses."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from rdflib import Literal

from ecokg.namespaces import XSD

#: What an id may not hold: runs of other characters become one '-'.
_ID_CLEAN = re.compile(r"[^a-z0-9._-]+")


def slugify(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = _ID_CLEAN.sub("-", ascii_text).strip("-._")
    return re.sub(r"-{2,}", "-", slug)


class RowError(Exception):
    """A row the mapping cannot turn into facts; the message names the cell."""


def convert(value: str, kind: str, column: str, date_format: str | None) -> Literal:
    """The literal a cell holds; ``column`` is the column as error messages name it
    (``'Date' (C)``). A typed workbook cell is read as what it is (a date, a number)."""
    typed = getattr(value, "value", None)
    if kind in ("decimal", "integer") and isinstance(typed, int | float) and not isinstance(typed, bool):
        value = format(Decimal(str(typed)), "f") if kind == "decimal" else str(value)
    if kind == "date":
        return date_literal(value, column, date_format)
    if kind == "decimal":
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise RowError(f"column {column} is not a number: {value!r}") from None
        if not number.is_finite():
            raise RowError(f"column {column} is not a number: {value!r}")
        # Written in plain notation: 2.6E+12 is not a valid xsd:decimal lexical form.
        return Literal(format(number, "f"), datatype=XSD.decimal)
    if kind == "integer":
        try:
            return Literal(int(value.strip()))
        except ValueError:
            raise RowError(f"column {column} is not a whole number: {value!r}") from None
    if kind == "boolean":
        lowered = value.strip().lower()
        if lowered in ("true", "yes", "1", "oui", "vrai"):
            return Literal(True)
        if lowered in ("false", "no", "0", "non", "faux"):
            return Literal(False)
        raise RowError(f"column {column} is not true or false: {value!r}")
    if kind == "uri":
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", value.strip()):
            raise RowError(f"column {column} is not a web address: {value!r}")
        return Literal(value.strip(), datatype=XSD.anyURI)
    return Literal(value)


_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def date_literal(value: str, column: str, date_format: str | None) -> Literal:
    typed = getattr(value, "value", None)
    if isinstance(typed, dt.date):  # a date cell of a workbook: the declared format is for text cells
        return Literal((typed.date() if isinstance(typed, dt.datetime) else typed).isoformat(), datatype=XSD.date)
    text = value.strip()
    if date_format is not None:
        try:
            return Literal(dt.datetime.strptime(text, date_format).date().isoformat(), datatype=XSD.date)
        except ValueError:
            raise RowError(f"column {column} is not a date in the format {date_format!r}: {value!r}") from None
    if len(text) == 10:
        try:
            return Literal(dt.date.fromisoformat(text).isoformat(), datatype=XSD.date)
        except ValueError:
            pass
    match = _ISO_PARTIAL.match(text)
    if match and (match.group(2) is None or 1 <= int(match.group(2)) <= 12):
        return Literal(text, datatype=XSD.gYearMonth if match.group(2) else XSD.gYear)
    raise RowError(f"column {column} is not a date: {value!r}")
