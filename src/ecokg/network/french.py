"""French phrasing read from the data: the post's own title, the preposition of a place.

A post's link reads with the title the source gives it ("Présidente de", "Directrice
Générale de"), never with a form guessed from the holder's name: the *head* of the title is
the words before its complement (before " de ", " du ", " des ", " d’", " en charge", a
comma...). Without a French title the role concept's label is used ("président de").

A place's preposition ("a un site en Bourgogne-Franche-Comté") comes from its class and its
French label, by these rules (French grammar's, not a list of places):

* a city (``ek:City``): "à" (à Madison);
* a country or an administrative area whose label is plural (ends in "s" after a hyphen or a
  space: États-Unis, Pays-Bas): "aux";
* otherwise, when the label's first element (before a hyphen or a space) ends in "e" or the
  label starts with a vowel, a country is feminine or elided: "en" (en France, en Israël); an
  administrative area ending in "e" too (en Bourgogne-Franche-Comté, en Californie), one
  starting with a vowel "dans l’" (dans l’Illinois);
* other countries and areas are masculine: "au" (au Wisconsin, au Canada);
* any other place (a site, a place of no known level): "à".
"""

from __future__ import annotations

import re
import unicodedata

from ecokg.network.vocabulary import E

#: Where a French title's head ends: the start of its complement.
_COMPLEMENT = re.compile(r"\s+(?:de|du|des|en charge|chargée?|pour|au|aux|à)\s|\s+d[’']|,|;|\(")
_VOWELS = frozenset("aeiouy")


def title_head(title: str) -> str | None:
    """``Présidente`` for "Présidente de la Région ...", None when no short head is found."""
    match = _COMPLEMENT.search(title)
    head = (title[: match.start()] if match else title).strip()
    return head if head and len(head.split()) <= 4 else None


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def preposition(classes: set[str] | frozenset[str], label: str) -> str:
    """The French preposition before a place with these classes and this French label."""
    plain = _plain(label.strip())
    if not plain:
        return "à"
    if E.City in classes:
        return "à"
    country, area = E.Country in classes, E.AdministrativeArea in classes
    if not (country or area):
        return "à"
    first = re.split(r"[-\s]", plain, maxsplit=1)[0]
    if re.search(r"[-\s]\S*s$", plain):
        return "aux"
    if plain[0] in _VOWELS:
        return "en" if country or first.endswith("e") else "dans l’"
    if first.endswith("e"):
        return "en"
    return "au"


def at_place(classes: set[str] | frozenset[str], label: str) -> str:
    """``en Bourgogne-Franche-Comté``, ``au Wisconsin``, ``dans l’Illinois``, ``à Madison``."""
    found = preposition(classes, label)
    return f"{found}{label}" if found.endswith("’") else f"{found} {label}"


__all__ = ["at_place", "preposition", "title_head"]
