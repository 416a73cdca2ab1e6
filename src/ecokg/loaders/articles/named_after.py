"""Bodies named after a person (round 15): "CHU Ibn Sina", "le CHU Cochin", "les laboratoires
Pierre Fabre", "Complexe Hospitalier Le Bon Samaritain".

A person's name right after a body's kind word is part of the body's name: the kind word and the
name are one organisation, and the person is none of the article's (people.py drops the model's
person there). Kinds written as acronyms (CHU, CHR) always take a name or a seat; a kind written
as a word takes a person's name: a given name first (the given-name lexicon), a particle of Arabic
names, a saint or a sovereign, or a name the model reads as a person's.
"""

from __future__ import annotations

import re
from typing import Any

from ecokg.loaders.articles.given_names import frequency
from ecokg.text import fold

Span = tuple[int, int, str]

_UP = "A-ZÀ-ÖØ-Þ"
#: Kinds of bodies named after people, hand-compiled: French hospitals' and schools' kinds, and
#: the same kinds in English; the acronyms of French-speaking university hospitals.
_ACRONYM_KINDS = r"CHU|CHR|CHRU|CHN|CNHU"
_WORD_KINDS = (
    r"[Cc]entre [Hh]ospitalier(?: [Uu]niversitaire)?|[Cc]omplexe [Hh]ospitalier(?: [Uu]niversitaire)?|[Hh]ôpital|[Hh]ospital|"
    r"[Cc]linique|[Cc]linic|[Ff]ondation|[Ff]oundation|[Ii]nstitut|[Ii]nstitute|[Ll]ycée|[Éé]cole|[Uu]niversité|[Uu]niversity|"
    r"[Ll]aboratoires"
)
_NAME_WORD = rf"(?:[{_UP}][\w’'-]*|ibn|bin|ben|el|al)"
#: The kind, the name's own article ("Le Bon Samaritain"), then one to four words of a name; the
#: name stops before "de"/"du" (its seat) and before a lower-case word.
_NAMED = re.compile(
    rf"(?<![\w-])(?:({_ACRONYM_KINDS})|({_WORD_KINDS}))\s+((?:(?:Le|La|The)\s+)?[{_UP}][\w’'-]*(?:\s+{_NAME_WORD}){{0,3}})(?![\w’'-])"
)
#: First words of a name that is a person's though no given name: particles, saints, sovereigns.
_PERSON_FIRST = {
    "ibn",
    "ben",
    "bin",
    "abu",
    "abou",
    "saint",
    "sainte",
    "st",
    "king",
    "roi",
    "reine",
    "queen",
    "prince",
    "princesse",
    "princess",
    "sheikh",
    "cheikh",
    "sultan",
    "mohammed",
    "hassan",
}


def _person_name(name: str, persons: set[str]) -> bool:
    words = name.split()
    if words[0] in ("Le", "La", "The"):
        return True  # "Complexe Hospitalier Le Bon Samaritain": a name's own article after the kind
    first = fold(words[0])
    return (
        name in persons or first in _PERSON_FIRST or (len(words) >= 2 and frequency(words[0]) > 0)
    )


def bodies_named_after(sentence: str, persons: set[str]) -> list[Span]:
    """Spans of a body's kind word and the person's name after it, with their class."""
    out: list[Span] = []
    for match in _NAMED.finditer(sentence):
        name = match.group(3)
        # ("Hôpital King Faisal de Kigali": the seat after the name stays out)
        if match.group(2) and not _person_name(name, persons):
            continue
        if name.split()[-1] in ("Le", "La", "The"):
            continue
        cls = (
            "ResearchOrganization"
            if match.group(2)
            and fold(match.group(2)).startswith(("institut", "universit", "laboratoires"))
            else "Organization"
        )
        out.append((match.start(), match.end(), cls))
    return out


_KIND_ONLY = re.compile(rf"(?:{_ACRONYM_KINDS}|{_WORD_KINDS})(?:\s+(?:Le|La|The))?")


def kind_before_name(text: str) -> bool:
    """Whether ``text`` is only a body's kind word: the name after it is the body's ("CHU" +
    "Ibn Sina"), not a person glued to a body."""
    return _KIND_ONLY.fullmatch(text.strip()) is not None


def person_outside(start: int, end: int, people: list[Any]) -> bool:
    """Whether a person's mention overlaps ``start:end`` and runs out of it ("Alain X" over a body
    met as "X"); a person inside a longer name met before is the name's ("Fondation Mohammed VI
    pour le développement durable")."""
    return any(
        p.start < end
        and start < p.end
        and not (start <= p.start and p.end <= end and p.end - p.start < end - start)
        for p in people
    )
