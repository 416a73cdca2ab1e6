"""Family names of cultures that write the family name first (round 11): Vietnamese, Chinese and
Korean, from the packaged ``family_names.tsv`` (the most common family names of each, standard
knowledge; its header names the sources), read with importlib.resources.

"Do Xuan Tuyen", "Zhang Wei", "Park Ji-hoon": the family name comes first, and some of them are
English or French words ("Do", "Le", "Long", "Son"), which the model leaves out of the person it
finds ("Xuan Tuyen"). A family name of the table right before a person the model or the lexicon
found, or before one or two capitalised syllables after a title, belongs to the name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ecokg.errors import InputError
from ecokg.loaders.articles.tables import rows


@lru_cache(maxsize=1)
def family_names() -> frozenset[str]:
    """The family names of the table, as written (capitalised, with and without diacritics)."""
    out: set[str] = set()
    expected = "a culture code and names separated by '|'"
    for number, parts in rows("family_names.tsv", {2}, expected):
        if not parts[1].strip():
            raise InputError(f"expected {expected}; got no names", source="family_names.tsv", line=number)
        out.update(n.strip() for n in parts[1].split("|") if n.strip())
    return frozenset(out)


#: A syllable of a given name of these cultures: "Xuan", "Ji-hoon", "Tuyen".
_SYLLABLE = r"[A-ZÀ-ÝĐ][a-zà-ỹđ]+(?:-[a-zà-ỹđ]+)?"


def family_first(text: str, person: str) -> str | None:
    """``person`` found in ``text`` with the family name written right before it ("Do" before
    "Xuan Tuyen"): the whole name, or None. The person must be one or two syllables, each
    capitalised (no longer name: "Do Research Center" is none of this)."""
    if not re.fullmatch(rf"{_SYLLABLE}(?:\s+{_SYLLABLE})?", person):
        return None
    for match in re.finditer(rf"(?<![\w’'-])([\w]+)\s+{re.escape(person)}(?![\w’'-])", text):
        if match.group(1) in family_names():
            return f"{match.group(1)} {person}"
    return None
