"""The packaged tables of the extractor (``*.tsv`` beside this module: regions, family and given
names, research bodies, NGOs, legal forms, agencies, genera, diseases), read one way: with
importlib.resources, blank lines and ``#`` comments skipped, each row split at its tabs, and a row
of the wrong width refused with the file, the line and what was expected (a table edited by hand
must not be read wrong in silence)."""

from __future__ import annotations

from collections.abc import Container
from importlib import resources

from ecokg.errors import InputError


def rows(name: str, widths: Container[int], expected: str) -> list[tuple[int, list[str]]]:
    """The rows of the packaged table ``name`` as (line number, columns); ``widths`` are the
    numbers of columns a row may have, ``expected`` says what a row holds, for the error.

    >>> rows("regions.tsv", {3}, "a code, English names, French names")[0][1][1]
    'Africa'
    """
    text = resources.files("ecokg.loaders.articles").joinpath(name).read_text(encoding="utf-8")
    return parse(text, name, widths, expected)


def parse(text: str, name: str, widths: Container[int], expected: str) -> list[tuple[int, list[str]]]:
    """:func:`rows` of a table's text (``name`` only names it in the error)."""
    out: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) not in widths:
            raise InputError(f"expected {expected}, separated by tabs; got {len(columns)} column(s)", source=name, line=number)
        out.append((number, columns))
    return out
