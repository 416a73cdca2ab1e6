"""Capitalised words that name no body, from knowledge outside the articles (round 15): a field of
study alone ("Allied Sciences", "Santé Globale", "Biosécurité"; ``fields.tsv``), an internal
office of a university or a ministry ("the Registrar", "International Affairs and
Collaboration"; ``units.tsv``), a status a body is granted ("Institute of Eminence"), an
adjective of nationality of any country ("Ghanaian", "émirienne"; ``demonyms.tsv``), and an
English compound adjective ("HIV-related", "donor-funded").

The tables hold kinds of words, never names read in an article.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ecokg.loaders.articles.tables import rows
from ecokg.text import fold

#: Words that join or introduce the words of a phrase: they neither make nor unmake a field's name.
_FUNCTION = {"of", "and", "for", "the", "in", "de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "&", "a", "au", "aux"}
#: Adjectives that qualify a field without naming anything ("Global Health", "Santé Globale").
_QUALIFIERS = {
    "allied", "applied", "global", "globale", "general", "generale", "advanced", "basic", "fundamental", "fondamentale",
    "fondamentales", "appliquee", "appliquees", "clinical", "clinique", "cliniques", "medical", "medicale", "medicales",
    "public", "publique", "human", "humaine", "humaines", "experimental", "experimentale", "tropical", "tropicale",
}


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s’',./()-]+", fold(text).replace("’", "'")) if w]


def _split(cell: str) -> list[str]:
    return [fold(n.strip()).replace("’", "'") for n in cell.split("|") if n.strip()]


@lru_cache(maxsize=1)
def field_words() -> tuple[frozenset[str], frozenset[str]]:
    """The folded names of the fields of ``fields.tsv`` and the words they are made of."""
    names: set[str] = set()
    for _, columns in rows("fields.tsv", {2}, "English names, French names"):
        for cell in columns:
            names |= set(_split(cell))
    words = {w for name in names for w in _words(name) if w not in _FUNCTION}
    return frozenset(names), frozenset(words)


def fields_only(text: str) -> bool:
    """"Allied Sciences", "Dentistry", "Santé Globale", "Medicine and Dentistry": a field's words
    (and their qualifiers) alone, at least one of them a field's own word."""
    _, words = field_words()
    content = [w for w in _words(text) if w not in _FUNCTION]
    if not content or not all(w in words or w in _QUALIFIERS for w in content):
        return False
    return any(w in words for w in content)


@lru_cache(maxsize=1)
def _units() -> dict[str, frozenset[str]]:
    """The folded names of ``units.tsv`` by kind ("office", "status")."""
    out: dict[str, set[str]] = {"office": set(), "status": set()}
    for number, (kind, *cells) in rows("units.tsv", {3}, "a kind, English names, French names"):
        if kind not in out:
            raise ValueError(f"units.tsv:{number}: unknown kind {kind!r}")
        for cell in cells:
            out[kind] |= set(_split(cell))
    return {kind: frozenset(names) for kind, names in out.items()}


#: The head of a list of offices shared by its members: "Academic and Student Affairs".
_SHARED_HEAD = re.compile(r"\s(affairs|relations|affaires)$")


def an_office(text: str) -> bool:
    """"Registrar", "University Management", "International Affairs and Collaboration",
    "Academic and Student Affairs": the names of a body's offices, alone or listed (fields may
    stand beside them: "Research and Academic Affairs")."""
    offices = _units()["office"]
    folded = " ".join(_words(re.sub(r"^(?:the|l[’']|la|le)\s+", "", text.strip(), flags=re.IGNORECASE)))
    if folded in offices:
        return True
    parts = [p.strip() for p in re.split(r",|\s(?:and|et|&)\s", folded) if p.strip()]
    head = _SHARED_HEAD.search(parts[-1]) if parts else None
    if head:  # "academic and student affairs": "academic affairs", "student affairs"
        parts = [p if _SHARED_HEAD.search(p) else f"{p} {head.group(1)}" for p in parts]
    if len(parts) < 2:
        return False
    names, _ = field_words()
    return all(p in offices or p in names for p in parts) and any(p in offices for p in parts)


def a_status(text: str) -> bool:
    """"Institute of Eminence", "Centre of Excellence" alone: a status a body is granted."""
    folded = " ".join(_words(re.sub(r"^[‘“'\"«\s]+|[’”'\"»\s]+$", "", text)))
    return folded in _units()["status"]


def _feminine(word: str) -> list[str]:
    """French adjectives' feminine forms: "ghanéen" -> "ghanéenne", "malien" -> "malienne"."""
    if word.endswith("e"):
        return [word]
    if word.endswith(("en", "on")):
        return [word + "ne", word + "e"]  # "kényane" and "kényanne" are both written
    return [word + "e"]


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """The folded adjectives of nationality of ``demonyms.tsv``, English (and their plural) and
    French (masculine, feminine, singular and plural)."""
    out: set[str] = set()
    countries: set[str] = set()
    for _, (country, english, french) in rows("demonyms.tsv", {3}, "a country, English adjectives, French adjectives"):
        countries.add(fold(country))
        for word in _split(english):
            out |= {word, word + "s"}
        for word in _split(french):
            for form in [*_feminine(word), word]:
                out |= {form, form if form.endswith(("s", "x")) else form + "s"}
    import gettext

    import pycountry  # (only extraction loads the data packages)

    in_french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    for entry in pycountry.countries:
        for name in (entry.name, getattr(entry, "common_name", entry.name)):
            countries |= {fold(name), fold(in_french.gettext(name))}
    # a country's own name is no adjective: "Philippines", "Argentine", "Suisse" stay places
    return frozenset(out - countries)


def a_demonym(text: str) -> bool:
    """"Ghanaian", "Burkinabè", "Émiriennes": an adjective of nationality alone."""
    return fold(text.strip()).replace("’", "'") in demonyms()


#: English compound adjectives after a noun: "HIV-related", "donor-funded", "Ebola-free".
_COMPOUND_ADJECTIVE = re.compile(
    r"^\S+-(?:related|associated|induced|based|led|funded|backed|owned|run|sponsored|supported|driven|focused|oriented|"
    r"specific|free|positive|negative|resistant|sensitive|dependent|derived|infected|affected|linked|like|wide|friendly)$",
    re.IGNORECASE,
)


def a_compound_adjective(text: str) -> bool:
    """"HIV-related diseases": a noun and a participle or an adjective joined by a hyphen."""
    return _COMPOUND_ADJECTIVE.match(text.strip()) is not None


def generic_name(text: str) -> bool:
    """A field, an office, a status, a nationality or a compound adjective: no body's name."""
    return fields_only(text) or an_office(text) or a_status(text) or a_demonym(text) or a_compound_adjective(text)
