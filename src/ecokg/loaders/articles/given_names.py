"""A lexicon of given names, from outside the articles: ``nam_dict.txt`` of the PyPI package
``gender-guesser`` 0.4.0 (Jörg Michael's list of about 48,000 first names of more than fifty
countries, each with its frequency per country; the file is under the GNU FDL and is read as
installed, unmodified).

The package's code is GPLv3 and is never imported: the data file is found through the
distribution's metadata (``importlib.metadata``), which reads no module of it. The format is
the file's own header's: the gender code in columns 1-2 (``=`` marks an equivalence line, not a
name), the name in columns 4-29 (a ``+`` inside a name stands for "-", " " or nothing: "Jun+Wei"
is "Jun-Wei", "Jun Wei" and "Junwei"), a ``+`` in column 30 marks the duplicate line of a name
with an umlaut sorted the other way (skipped), then one hexadecimal digit per country, from 1
(rare) to D (extremely common).

Names are kept folded (accents and case: "Frédéric" is "frederic"), each with its highest
frequency in any country, which tells a common given name ("Mark": 8) from a word that is
rarely one ("Paris": 3, "Will": 2). Loaded once, on the first extraction of a process.
"""

from __future__ import annotations

import importlib.metadata
from functools import lru_cache
from pathlib import Path

from ecokg.errors import InputError
from ecokg.loaders.articles.tables import rows
from ecokg.text import fold

_DISTRIBUTION = "gender-guesser"
_DATA = "gender_guesser/data/nam_dict.txt"
#: Column (0-based) of the duplicate mark, and where the frequencies begin.
_SORT_MARK, _FREQUENCIES = 29, 30


def data_file() -> Path:
    """Where the installed package keeps ``nam_dict.txt`` (its code is not imported)."""
    try:
        path = Path(str(importlib.metadata.distribution(_DISTRIBUTION).locate_file(_DATA)))
    except importlib.metadata.PackageNotFoundError as exc:  # pragma: no cover - an install step was skipped
        raise InputError(f"the given-name lexicon needs the package {_DISTRIBUTION} (pip install -e . installs it)") from exc
    if not path.is_file():  # pragma: no cover - a damaged install
        raise InputError(f"{path}: the given-name lexicon's data file is missing (reinstall {_DISTRIBUTION})")
    return path


def parse(lines: list[str], source: str = "nam_dict.txt") -> dict[str, int]:
    """Folded given name → its highest frequency (1-13) in any country, from the file's lines."""
    out: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if len(line) <= _FREQUENCIES or line[0] in "#=" or line[_SORT_MARK] == "+":
            continue
        name = line[3:_SORT_MARK].strip()
        try:
            digits = [int(c, 16) for c in line[_FREQUENCIES:].rstrip("$ ") if c != " "]
        except ValueError:
            raise InputError(f"{source}, line {number}: expected one hexadecimal frequency digit per country from column 31") from None
        frequency = max(digits, default=1)
        forms = {name.replace("+", "-"), name.replace("+", " "), name.replace("+", "")} if "+" in name else {name}
        for form in forms:
            key = fold(form)
            if key and frequency > out.get(key, 0):
                out[key] = frequency
    return out


#: Round 13: the frequency given to a name of the packaged ``world_given_names.tsv``: a common one.
WORLD_FREQUENCY = 6


def world_names() -> set[str]:
    """Given names of Africa and Asia that ``nam_dict.txt`` lacks or holds as rare (the
    packaged ``world_given_names.tsv``, read with importlib.resources; its header says how it
    was compiled)."""
    out = set()
    for _, columns in rows("world_given_names.tsv", {2}, "a region and names separated by '|'"):
        out |= {name.strip() for name in columns[1].split("|") if name.strip()}
    return out


@lru_cache(maxsize=1)
def table() -> dict[str, int]:
    """The lexicon, read once per process (about 0.1 s), with the packaged names of the world."""
    path = data_file()
    out = parse(path.read_text(encoding="utf-8").splitlines(), str(path))
    for name in world_names():
        key = fold(name)
        out[key] = max(out.get(key, 0), WORLD_FREQUENCY)
    return out


def frequency(word: str) -> int:
    """How common ``word`` is as a given name in the country where it is most common: 0 when it
    is none, 1 (rare) to 13 (extremely common). Any case, with or without accents."""
    return table().get(fold(word), 0)
