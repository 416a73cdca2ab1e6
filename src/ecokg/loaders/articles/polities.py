"""Countries, their initialisms and their governments: never a post's body nor an agreement's party.

A country's name is a place, even when the model tags it as an organisation ("CEO of UAE's Acme":
the post is at Acme); a government or a state ("the Royal Government of X", "l'Etat burkinabè")
is no organisation in the gold files (tests/data/articles/eval/SPLIT.md). The initialisms are the
gazetteer's, from ``pycountry``'s names in both languages ("United Arab Emirates" -> UAE,
"République démocratique du Congo" -> RDC), not from a list written from the articles.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ecokg.loaders.articles.gazetteer import areas, initialism, lookup
from ecokg.loaders.articles.institutions import COUNTRY_NAMES
from ecokg.loaders.articles.vocabulary import DEMONYMS
from ecokg.text import fold

#: Adjectives of a country's own government ("the Federal Government", "le gouvernement royal").
_GENERIC = {"federal", "national", "royal", "central", "the", "le", "la", "l'"}
#: A government, a state or a country's authorities, by its head word ("Gouvernement Royal du
#: Cambodge", "the Federal Government", "Autorités du Cambodge", "l'Etat burkinabè", "State of Israel").
#: (a country's government, or one named by nothing else: "Government Accountability Office"
#: names an agency, "the Government of Catalonia" a region's body, which the gold files count)
_GOVERNMENT = re.compile(
    r"^(?:the\s+|le\s+|la\s+|les\s+|l'\s*)?(?P<adj>(?:[a-z]+\s+){0,2}?)(?P<head>government|gouvernement|authorities|autorites|etat|state)"
    r"(?:\s+(?P<adj2>[a-z]+))??(?:\s+(?:of|de|du|des|d')\s*(?:the\s+|la\s+|l')?(?P<of>.+))?$"
)
#: An English adjective of nationality by its ending ("Rwandan", "Japanese", "Danish", "Israeli").
_NATIONALITY = re.compile(r"[a-z]+(?:an|ese|ish|i|ch)")


#: Compass words around a region of the world ("Central and Eastern Europe", "Europe centrale et orientale").
_COMPASS = re.compile(r"^(?:(?:the|central|eastern|western|northern|southern|north|south|east|west|south-?east(?:ern)?|"
                      r"north-?east(?:ern)?|and|&)\s+)+|(?:\s+(?:centrale|orientale|occidentale|septentrionale|meridionale|"
                      r"du nord|du sud|de l'est|de l'ouest|et))+$")


@lru_cache(maxsize=1)
def _areas() -> frozenset[str]:
    return frozenset(fold(name) for name in areas())


def a_region(text: str) -> bool:
    """A region of the world (``regions.tsv``, the UN's M49 regions), compass words around it
    allowed: "Central and Eastern Europe", "Afrique de l'Ouest" (round 13)."""
    known = _areas()
    name = fold(text.strip()).replace("’", "'")
    return name in known or _COMPASS.sub("", name).strip() in known


def a_polity(text: str) -> bool:
    """A country (its name or, in capitals, its initialism), a government or a region of the
    world: no body of a post, no party (round 13: "the markets of Central and Eastern Europe")."""
    name = text.strip()
    if a_region(name):
        return True
    if re.fullmatch(r"(?:[A-Z]\.?){2,5}", name):
        if initialism(name) is not None or fold(name) in COUNTRY_NAMES:
            return True  # "UAE", "RDC" (gazetteer.initialisms); "U.S.", "UK" (institutions.COUNTRY_NAMES)
    place = lookup(re.sub(r"^(?:the|la|le|l')\s*", "", name, flags=re.IGNORECASE))
    if place is not None and place.kind == "country":
        return True
    match = _GOVERNMENT.search(fold(name).replace("’", "'"))
    if match is None:
        return False
    if match.group("of"):
        place = lookup(match.group("of"))
        return place is not None and place.kind == "country"
    # "the Japanese government", "the Federal Government", "le gouvernement", "l'Etat burkinabè"
    # (a French adjective after the head: its country's), not "the State Council".
    english = match.group("head") in ("government", "authorities", "state")
    if match.group("adj2"):
        return not english
    return all(a in DEMONYMS or a in _GENERIC or (english and _NATIONALITY.fullmatch(a)) for a in match.group("adj").split())
