"""Events and addresses, which a model reads as bodies (round 13).

An event is named by the kind of gathering it is, in English and French ("Premières journées
scientifiques", "the Annual Life Sciences Summit", "Salon X"), by a kind glued to a stem
("BioForum", "MedExpo"), or by its edition's year ("X 2013"). An address is named by its street
and its postal code: the street words of the European languages and of the Americas (the
Universal Postal Union's addressing conventions: "körút", "utca", "ulica", "Straße", "rue",
"via", "calle") and the postal code shapes with a country's prefix ("H-1073", "D-80331") or
before a city ("75015 Paris"). The words are kinds and shapes, never names from an article.
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.patterns import UPPER
from ecokg.text import fold

#: Kinds of gatherings, folded: a name holding one names an event, not a body. ("congrès" is
#: left out: "le congrès de la Nouvelle-Calédonie" is an assembly, bodies.py.)
_EVENT_WORDS = re.compile(
    r"(?:^|\s)(?:journees|journee|semaine|week|days|summit|summits|sommet|salon|conference|conferences|symposium|colloque|"
    r"forum|expo|exposition|fair|foire|festival|webinar|webinaire|hackathon|rencontres|assises|workshop|roadshow|"
    r"meet-up|meetup|showcase|trade show|convention center)(?:\s|$)"
)
#: A kind of gathering glued to a stem, as events brand themselves: "BioForum", "MedExpo".
_GLUED_EVENT = re.compile(rf"^[{UPPER}][\w-]*?[a-z](?:Forum|Expo|Summit|Fair|Fest|Days|Week)$")
#: An edition's year right after the name: "X 2013", "BIO 2024" (not "X 2030 Strategy").
_EDITION = re.compile(r"^\s+(?:19|20)\d\d(?![\w-])(?!\s+[A-Z])")


def an_event(sentence: str, start: int, end: int) -> bool:
    """"Premières journées scientifiques", "BioForum 2013", "the Global Bio Summit": an event."""
    text = sentence[start:end].strip()
    folded = fold(text).replace("’", "'")
    return bool(_EVENT_WORDS.search(folded) or _GLUED_EVENT.match(text) or _EDITION.match(sentence[end:]))


#: Street words after the street's name, then its number (Central and Northern Europe): "Erzsébet körút 43".
_STREET_AFTER = re.compile(
    r"^\s+(?:körút|krt\.?|utca|u\.|út|útja|tér|straße|strasse|str\.|gasse|weg|platz|allee|ring|laan|straat|plein|gracht|"
    r"gade|vej|gatan|vägen|väg|veien|gata|katu|tie|ulica|ul\.|náměstí|nám\.|třída|ulice)(?![\w-])\s*\d",
    re.IGNORECASE,
)
#: Street words before the street's name (the Romance languages, Polish, English numbered
#: streets), after a house number: "12, rue de la Paix", "Via Roma", "ul. Marszałkowska".
_STREET_BEFORE = re.compile(
    r"(?:\d+[a-zA-Z]?(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|allée|chemin|quai|impasse|cours|route)|"
    r"(?<![\w-])(?:Via|Viale|Piazza|Corso|Calle|Avenida|Rua|Carrer|Praça|Plaza|ul\.|Ulica|Aleja|al\.))\s+"
    r"(?:de la\s+|de l[’']\s*|du\s+|des\s+|de\s+|d[’']\s*|del\s+|della\s+|di\s+|da\s+|do\s+)?$"
)
#: A postal code with its country's prefix (the CEPT's former convention, still written:
#: "H-1073", "D-80331", "CH-1211", "F-75015", "PL-00-950"), or a code of four or five digits
#: before a city's name ("75015 Paris", "1073 Budapest").
_CODE = re.compile(r"(?:^|\s)[A-Z]{1,3}-\d{2}(?:-?\d{2,3})+$|^\d{4,5}\s")
_CODE_BEFORE = re.compile(r"(?:^|[\s,(])(?:[A-Z]{1,3}-)?\d{4,5}\s+$")
#: The units of a Japanese address, romanised (ward, city, town, village, district, prefecture):
#: "Chuo-ku", "Kita-shi", "Minami-machi".
_JAPANESE_UNIT = re.compile(r"^[A-Z][a-zōū]+-(?:ku|shi|cho|chō|machi|mura|son|gun|ken|fu)$")
#: The parts of an address after its label: "(head office: X, Y-ku, Tokyo)", "siège : X".
_ADDRESS_LABEL = re.compile(r"(?:head office|headquarters|registered office|address|siège(?: social)?|adresse)\s*:\s*(?:[^;:()]*,\s*)?$", re.IGNORECASE)


def an_address(sentence: str, start: int, end: int) -> bool:
    """"(Erzsébet körút 43-49, Budapest H-1073)": a street's name, a city with its postal code."""
    text = sentence[start:end].strip()
    if _CODE.search(text) or _STREET_AFTER.match(sentence[end:]) or _JAPANESE_UNIT.match(text):
        return True
    if _ADDRESS_LABEL.search(sentence[max(0, start - 80):start]):
        return True  # "(head office: Nihonbashi, Chuo-ku, Tokyo; ...)": the parts of an address
    before = sentence[max(0, start - 40):start]
    if _STREET_BEFORE.search(before):
        return True
    return bool(_CODE_BEFORE.search(before)) and len(text.split()) == 1


#: Two regions of one continent joined: "Central and Eastern Europe", "Europe centrale et orientale".
_REGION_PAIR_EN = re.compile(r"^(\w+)\s+(?:and|&)\s+(\w+)\s+(\w+)$")
_REGION_PAIR_FR = re.compile(r"^(\w+)\s+(\w+)\s+et\s+(\w+)$")


def a_region_pair(text: str, before: str = "") -> bool:
    """"Central and Eastern Europe": each part a region of the world (regions.tsv), so no body;
    and its acronym in brackets after it ("... Eastern Europe (CEE)")."""
    if text.isupper() and (named := re.search(r"(\w+\s+(?:and|et|&)\s+\w+\s+\w+)\s*\(\s*$", before)):
        return "".join(w[0] for w in named.group(1).split() if w not in ("and", "et", "&")).upper() == text and a_region_pair(named.group(1))
    text = text.strip()
    if english := _REGION_PAIR_EN.match(text):
        first, second, continent = english.groups()  # the compass words before the continent
        names = (f"{first} {continent}", f"{second} {continent}")
    elif french := _REGION_PAIR_FR.match(text):
        continent, first, second = french.groups()  # the compass words after it
        names = (f"{continent} {first}", f"{continent} {second}")
    else:
        return False
    return all((place := lookup(name)) is not None and place.kind == "area" for name in names)
