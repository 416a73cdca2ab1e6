"""Kinds of bodies, knowledge from outside the articles (round 9): what French and
French-speaking public bodies are called, with the complement that makes one body specific
("le congrès de la Nouvelle-Calédonie", "le haut-commissariat de la République en X", "la
mairie de X", "le centre hospitalier universitaire de X"; "la préfecture de Kumamoto" stays a
place, round 3's rule), the titles that are never the
start of a body's name ("PD-G de l'Institut ..."), and what is no body whatever its capitals:
a sector or a domain of the product's own scheme (``ontology/sectors.ttl``), an agreement's
document and its title, a meeting or a forum of states, a venue, the publisher in a dateline,
bodies in the plural ("the Governments of X and Y").

The words are kinds, never names from an article.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.generic_names import generic_name
from ecokg.loaders.articles.notbodies import never_a_body
from ecokg.loaders.articles.occasions import a_region_pair, an_address, an_event
from ecokg.loaders.articles.patterns import UPPER
from ecokg.text import fold

Span = tuple[int, int, str]

_CAP = rf"[{UPPER}][\w’'-]*"
_CAPS = rf"{_CAP}(?:[\s-]{_CAP}){{0,3}}"
_DE = r"(?:de la|de l’|de l'|du|des|de|d’|d')"
#: Kinds of French public bodies written in lower case, with their usual qualifiers, and the
#: class each gives. Each needs a complement: whose it is ("de X") or where ("en X").
_FR_BODY_KINDS: dict[str, str] = {
    r"haut-commissariat(?: de la République)?": "PublicAuthority",
    r"mairie": "PublicAuthority",
    r"rectorat": "PublicAuthority",
    r"conseil (?:municipal|territorial|économique,? social et environnemental)": "PublicAuthority",
    r"centre hospitalier(?: régional)?(?: universitaire| intercommunal| départemental| territorial| spécialisé)?": "Organization",
    r"agence régionale de santé": "PublicAuthority",
    r"promotion économique": "PublicAuthority",
}
#: A territory written as a common noun before its name: "du canton de Vaud", "de la province de X".
_TERRITORY_NOUN = r"(?:du canton|de la province|de la région|du département|de la ville|de la commune|de l’État|de l'État|de l’Etat|de l'Etat)\s+(?:de la|de l’|de l'|du|de|d’|d')?\s*"
_FR_BODY = re.compile(
    r"(?<![\w-])(" + "|".join(_FR_BODY_KINDS) + r")"
    rf"(?:\s+(?:{_TERRITORY_NOUN}|{_DE}\s*)({_CAPS})|\s+(?:en|à|aux|au)\s+({_CAPS}))(?:\s+(?:en|à|aux|au)\s+({_CAPS}))?"
)
#: A country's mission abroad, in both languages: "the Embassy of X in Y", "l'Ambassade de France en X".
MISSION = re.compile(
    rf"(?<![\w-])(?:Embassy|Consulate(?:[- ]General)?|High Commission|Ambassade|Consulat(?: général)?)\s+(?:of the|of|de la|de l’|de l'|du|des|de|d’|d')\s*({_CAPS})"
    rf"(?:\s+(?:in|to|en|au|aux|à)\s+({_CAPS}))?"
)
#: "le centre hospitalier territorial": the territory's own hospital, one body though no place
#: follows (the qualifier names whose it is).
_FR_OWN = re.compile(r"(?<![\w-])(centre hospitalier territorial|conseil économique,? social et environnemental)(?![\w-])")
#: "le congrès de la Nouvelle-Calédonie": a congress of a country or a territory is its assembly,
#: not an event ("le congrès de Lyon", "le congrès de la SFR" stay events).
_CONGRESS = re.compile(rf"(?<![\w-])(?:congrès|congres|congress)\s+(?:{_DE}|of the|of)\s*({_CAPS})", re.IGNORECASE)


def _territory(name: str) -> int:
    """Characters of ``name``'s first words that name a country or a region (0 if none)."""
    words = name.split()
    for n in range(len(words), 0, -1):
        place = lookup(" ".join(words[:n]))
        if place is not None and place.kind in ("country", "region"):
            return len(" ".join(words[:n]))
    return 0


def legislature(text: str) -> bool:
    """"congrès de la Nouvelle-Calédonie", "Congress of the Philippines": an assembly."""
    match = _CONGRESS.search(text)
    return match is not None and _territory(match.group(1)) > 0


def french_bodies(sentence: str) -> list[Span]:
    """Public bodies by their kind and its complement: French ones written in lower case, a
    country's mission abroad in both languages, a territory's congress."""
    out: list[Span] = []
    for match in _FR_BODY.finditer(sentence):
        if sentence[match.start()].islower():
            last = max((g for g in range(2, 5) if match.group(g)), key=match.start)
            out.append((match.start(), _place_tail(sentence, match.start(last), match.end()), _kind_class(match.group(1))))
    for match in _FR_OWN.finditer(sentence):
        if not any(s <= match.start() < e for s, e, _ in out) and re.search(r"(?:\bdu|\ble|\bau|l[’'])\s*$", sentence[:match.start()]):
            out.append((match.start(), match.end(), _kind_class(match.group(1))))
    for match in MISSION.finditer(sentence):
        if _territory(match.group(1)) or lookup(match.group(1)) is not None:
            out.append((match.start(), match.end(), "PublicAuthority"))
    for match in re.finditer(r"(?<![\w-])congrès\s+", sentence):
        whole = _CONGRESS.match(sentence, match.start())
        if whole and (length := _territory(whole.group(1))):
            out.append((match.start(), whole.start(1) + length, "PublicAuthority"))
    return out


def _place_tail(sentence: str, start: int, end: int) -> int:
    """A place's name may end in lower case ("Polynésie française"): the end of the whole place."""
    tail = re.match(r"\s+[a-zà-ÿ]+", sentence[end:])
    if tail and lookup(sentence[start:end] + tail.group(0)) is not None:
        return end + tail.end()
    return end


def _kind_class(kind: str) -> str:
    return "Organization" if kind.startswith("centre") else "PublicAuthority"


#: Titles and their abbreviations, never the start of a body's name: "PD-G de l'Institut X".
TITLE_LEAD = re.compile(
    r"^(?:PD-?G|P\.?-?D\.?-?G\.?|P-DG|DG|DGA|CEO|VP|SVP|EVP|COO|CFO|CTO|CSO)\s+"
    r"(?:de la|de l’|de l'|du|des|de|d’|d'|of the|of|at the|at)\s*"
)


@lru_cache(maxsize=1)
def sector_terms() -> frozenset[str]:
    """The labels of the product's sector scheme, folded ("santé", "biotechnology", "medtech")."""
    text = files("ecokg.ontology").joinpath("sectors.ttl").read_text(encoding="utf-8")
    labels = set()
    for line in re.findall(r"(?:rdfs:label|skos:prefLabel|skos:altLabel)\s+([^;]+)", text):
        labels |= {fold(label) for label in re.findall(r'"([^"]+)"@\w+', line)}
    labels.discard(fold("Secteurs"))
    labels.discard(fold("Sectors"))
    return frozenset(labels)


#: Domains of the life sciences that are no body: "-omics" fields, molecules ("mRNA", "ADN").
_DOMAIN = re.compile(r"(?:\w+omics|\w+omique|\w+omiques|m?rna|arnm?|dna|adn|crispr|ips|ipsc|ipscs)")
_PREFIXES = ("bio", "agro", "nano", "e-", "neuro", "immuno")
#: An agreement's own document, its acronym, and the title it is given ("a Letter of Intent
#: (LOI) to Cooperate on ..."): no body.
_DOCUMENTS = {
    "letter of intent", "loi", "memorandum of understanding", "mou", "memorandum of agreement", "moa",
    "protocole d'entente", "protocole d'accord", "lettre d'intention", "accord-cadre", "framework agreement",
}
_TITLE_OF_DOCUMENT = re.compile(
    r"(?:letter of intent|memorandum(?: of (?:understanding|agreement))?|agreement|mou|loi|accord|protocole(?: d'entente| d'accord)?|"
    r"lettre d'intention|convention)"
    r"\s*(?:\([^()]{2,10}\)\s*)?(?:to|on|pour|visant a|relatif a|relative a)\s*$"
)
#: A meeting or a session of an event ("Second Ministerial Meeting", "First Session of ..."), a
#: forum of two or more states ("Bilateral Business Committee", "commission mixte").
_MEETING = re.compile(r"(?:^|\s)(?:meeting|session|sessions|seance|reunion ministerielle|ministerial meeting)$")
_FORUM = re.compile(r"(?:^|\s)(?:bilateral|bilaterale?|joint|intergovernmental|intergouvernementale?|mixte)\b.*\b(?:committee|commission|comite|council|conseil)$|^(?:\w+\s+)?(?:commission|comite)s? mixtes?\b")
#: Several bodies named by their kind in the plural: "the Governments of Saskatchewan and Manitoba".
_PLURAL_BODIES = re.compile(r"^(?:governments|gouvernements|ministries|ministeres|provinces|states|etats|municipalities|universities|universites|ports)\s+(?:of|de|des|du|d')")
#: Venues: buildings where events are held, not bodies.
_VENUES = re.compile(r"^(?:maison des associations|palais des congres|parc des expositions|centre des congres|convention cent(?:er|re)|exhibition cent(?:er|re)|(?:state |us |u\.s\. )?capitol|state ?house)\b")
#: Styles of address, abbreviated: "S.E.M." (Son Excellence Monsieur), "H.E." (His Excellency).
_STYLE = re.compile(r"(?:S\.\s?E\.(?:\s?M(?:me)?\.?)?|S\.E\.M|H\.\s?E\.?)")
#: Kind nouns that name no body without a complement ("la Mission diplomatique", "le Centre
#: hospitalier universitaire" alone): a kind and its adjectives.
_BARE_KINDS = {
    "mission", "centre", "center", "agence", "agency", "service", "direction", "bureau", "office", "institut",
    "conseil", "commission", "comite", "association", "societe", "groupe", "chambre", "federation", "universite",
    "ecole", "hopital", "laboratoire", "fondation", "ministere", "departement", "delegation",
}
#: The offices of a university or a body, named by their kind alone: no body without their parent.
_UNITS_ALONE = {"rectorat", "rectorate", "decanat", "doyenne", "deanery", "presidence", "chancellerie", "secretariat", "intendance"}
#: The usual qualifiers of a kind, which say what it is, not which one it is.
_QUALIFIERS = {
    "diplomatique", "hospitalier", "hospitaliere", "universitaire", "regional", "regionale", "national", "nationale",
    "departemental", "departementale", "municipal", "municipale", "technique", "scientifique", "general", "generale",
    "public", "publique", "prive", "privee", "territorial", "territoriale", "economique", "consultatif",
}
#: A department of a body named by its domain in lower case: "Service du développement économique"
#: (a "Direction" of a canton with its own acronym is a body: "Direction de l'économie ... (DEER)").
_DEPARTMENT = re.compile(r"^(?:Service|Direction|Division)\s+(?:du\s+|de la\s+|de l’|de l'|des\s+|de\s+(?!la\s|l[’'])|d’|d')[a-zà-ÿ]")


def a_style(text: str) -> bool:
    """"S.E.M.", "H.E.": an abbreviated style of address, no body and no place."""
    return _STYLE.fullmatch(text.strip()) is not None


def no_body(sentence: str, start: int, end: int) -> bool:
    """The span is no body's name, whatever its capitals: a sector or a domain, an agreement's
    document or its title, a meeting, a forum of states, a venue, the dateline's publisher,
    bodies in the plural."""
    text = sentence[start:end]
    folded = fold(text).replace("’", "'").strip()
    words = folded.split()
    if not words:
        return False
    if never_a_body(sentence, start, end):
        return True  # a currency, a title, a minister's portfolio, a country's government (notbodies.py)
    if generic_name(text):
        return True  # a field, an office, a status, a nationality, "HIV-related" (generic_names.py, round 15)
    if an_event(sentence, start, end) or an_address(sentence, start, end) or a_region_pair(text.strip(), sentence[max(0, start - 60):start]):
        return True  # "BioForum 2013", "Erzsébet körút 43", "Central and Eastern Europe" (occasions.py, round 13)
    # (written as a common noun is: "BioHealth", "BioWin" have a name's own shape)
    plain = text.strip()[1:].islower() or _DOMAIN.fullmatch(folded) is not None
    if len(words) == 1 and plain and (
        folded in sector_terms() or _DOMAIN.fullmatch(folded)
        or any(folded.startswith(p) and folded[len(p):].lstrip("-") in sector_terms() for p in _PREFIXES)
    ):
        return True  # "Bioenergy", "Genomics", "mRNA": a domain of activity
    if folded in _DOCUMENTS or _TITLE_OF_DOCUMENT.search(fold(sentence[max(0, start - 60):start]).replace("’", "'").rstrip()):
        return True  # "LOI"; "(LOI) to Cooperate on Research ...": the document's title
    if _MEETING.search(folded) or _FORUM.search(folded) or _PLURAL_BODIES.match(folded):
        return True
    if _VENUES.match(folded) or (_DEPARTMENT.match(text.strip()) and not sentence[end:].lstrip().startswith("(")):
        return True  # "Maison des associations de X"; "Service du développement économique de la Ville": a part of a body
    if text.strip()[:1].isupper() and words[0] in _BARE_KINDS and 2 <= len(words) <= 3 and all(w in _QUALIFIERS for w in words[1:]):
        return True  # "la Mission diplomatique": a kind and its adjectives, no body in particular
    if len(words) == 1 and words[0] in _UNITS_ALONE:
        return True  # "le Secrétaire général du Rectorat": a university's or a body's unit, named by its kind alone
    if a_style(text):
        return True  # "S.E.M.", "H.E.": a style of address before a name
    if words[-1] in ("hotel", "hotels") or (words[0] == "hotel" and len(words) > 1 and "-" not in text.split()[0]):
        return True  # "the National Hotel": a venue ("Hôtel-Dieu", a hospital, stays)
    # "TAIPEI (Taiwan News) —", "FREDERICTON (GNB) –": the publisher in the dateline's brackets
    # "LAHORE, (UrduPoint / Pakistan Point News - 7th Nov, 2019 ):": the credit's first outlet (round 14)
    return bool(re.match(rf"^\s*[{UPPER}][{UPPER}’' .,-]{{2,}}\(\s*$", sentence[:start]) and re.match(r"^\s*(?:\)\s*[—–:-]|/\s*\S)", sentence[end:]))
