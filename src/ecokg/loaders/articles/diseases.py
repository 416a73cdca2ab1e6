"""Names of diseases, from outside the articles (round 14): the packaged ``diseases.tsv`` (the
World Health Organization's fact sheets, English and French names; its header says how it was
compiled), read with importlib.resources.

"le Vih-Sida", "Covid-19": a name made only of diseases' names is no place, person or body.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ecokg.loaders.articles.tables import rows
from ecokg.text import fold

_SMALL = {"de", "du", "la", "le", "l", "et", "and", "the", "a", "virus"}


@lru_cache(maxsize=1)
def diseases() -> frozenset[str]:
    """The folded names of the table (and each of their words joined: "fievre jaune")."""
    out: set[str] = set()
    for _, columns in rows("diseases.tsv", {2}, "English names and French names, each separated by '|'"):
        out.update(fold(name.strip()) for column in columns for name in column.split("|") if name.strip())
    return frozenset(out)


def a_disease_name(name: str) -> bool:
    """``name`` is a disease's name or names of diseases joined ("Vih-Sida", "HIV/AIDS", "Covid-19")."""
    if fold(name) in diseases():
        return True
    parts = [p for p in re.split(r"[\s/-]+", fold(name)) if p and p not in _SMALL]
    return bool(parts) and all(p in diseases() for p in parts)
