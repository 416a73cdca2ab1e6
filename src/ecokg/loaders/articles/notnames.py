"""What looks like an organisation's name in a sentence and is not one.

The false organisations of the evaluation set fall into a few kinds, each a rule here:
a phrase of generic words ("Business Development", "Corridor"), a post alone ("Executive
Chair"), a person with an honorific ("Professor Chris McGuigan"), the sentence's first word
glued to a name ("Pourquoi Eurobiomed"), an event ("l'événement Interconnexion", "BIO
2014"), a rubric before a colon ("Décryptage : ..."), a sector and a region ("Santé du
Grand Sud"), and a place named by a title or a cluster ("Québec Premier", "cluster of
Flanders"). Lists name kinds of words, not names from the articles.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS as _EN_STOP
from spacy.lang.fr.stop_words import STOP_WORDS as _FR_STOP

from ecokg.loaders.articles.generic_names import a_demonym, fields_only
from ecokg.loaders.articles.vocabulary import (
    DEMONYMS,
    HONORIFICS,
    ORG_CUES,
    ORG_HEADS,
    ORG_LISTS,
    ROLE_WORDS,
)
from ecokg.text import fold

#: Words that describe an activity or a sector: a phrase made only of them is not a name.
GENERIC_WORDS = {
    "business", "development", "developpement", "industrial", "industrielle", "industriel",
    "biotechnology", "biotechnologie", "biotechnologies", "biotech", "innovation", "innovations",
    "research", "recherche", "health", "sante", "life", "vie", "science", "sciences",
    "technology", "technologies", "technologie", "corridor", "international", "internationale",
    "national", "nationale", "regional", "regionale", "global", "economic", "economique",
    "strategy", "strategie", "strategic", "strategique", "partnership", "partenariat", "program",
    "programme", "project", "projet", "marketing", "communication", "communications", "affairs",
    "affaires", "operations", "sales", "medical", "medicale", "clinical", "clinique",
    "manufacturing", "production", "investment", "investissement", "trade", "commerce",
    "export", "digital", "numerique", "sector", "secteur", "industry", "industrie", "ecosystem",
    "ecosysteme", "network", "reseau", "platform", "plateforme", "market", "marche", "markets",
    "public", "private", "prive", "publique", "sustainable", "durable", "new", "nouveau",
    "nouvelle", "executive", "senior", "chief", "general", "generale", "news", "actualites",
    # The parts of an organisation that head a post ("Founding Board Chair"), not its name.
    "founding", "board", "directors", "trustees", "committee", "steering", "advisory", "comite",
    # Domains of a ministry or a policy: "Economic Affairs and Employment".
    "employment", "emploi", "economy", "economie", "finance", "finances", "labour", "labor", "education",
    "culture", "environment", "environnement", "energy", "energie", "agriculture", "transport", "welfare",
    # Fields of health and their products: "Cell and Gene Therapy" is a field, not a name.
    "therapy", "therapies", "therapie", "gene", "genes", "cell", "cells", "cellular", "cellulaire", "genetic",
    "oncology", "oncologie", "vaccine", "vaccines", "vaccins", "devices", "nutrition", "cosmetics", "cosmetique",
    "pharma", "big", "small", "large", "annual", "annuel", "annuelle", "scientific", "scientifique",
    # Common nouns a model capitalises into names: "the State", "the Facility", "the Initiative".
    "state", "facility", "initiative", "government", "academia", "company", "region", "city",
    "commonwealth", "administration", "fast", "track", "principality", "principaute",
    # Fields of science, and the words of a press release's contact lines ("Media contact:").
    "chemical", "chemistry", "biology", "physics", "engineering", "medicine", "pharmacy", "media", "press",
    "presse", "contact", "contacts",
    # Groups of actors named by their role: "Partenaires Industriels", "Member States".
    "partners", "partenaires", "industriels", "members", "membres", "member", "states",
    "acteurs", "actors", "stakeholders", "investors", "investisseurs", "founders", "fondateurs",
    # The domains of a ministry or a department ("Ministry of Health, Welfare and Sport") and the
    # functions a post heads ("General Manager of Stakeholder Engagement").
    "sport", "sports", "youth", "tourism", "justice", "defence", "defense", "interior", "foreign", "housing",
    "family", "social", "sociales", "sociaux", "security", "work", "higher", "food", "infrastructure", "climate", "growth",
    "fisheries", "forestry", "enterprise", "enterprises", "green", "circular", "smart", "veterans", "immigration", "communities", "jobs", "regions", "skills",
    "pharmaceutical", "pharmaceuticals", "stakeholder", "engagement", "relations", "outreach", "policy",
    "regulatory", "corporate", "legal", "human", "resources", "talent", "quality", "commercial", "planning",
    "alliances", "licensing", "portfolio", "transfer", "external", "internal", "knowledge", "based",
    "jeunesse", "tourisme", "interieur", "logement", "famille", "solidarite", "solidarites", "travail",
    "enseignement", "superieur", "alimentation", "reglementaires", "qualite", "juridique", "ressources",
    "humaines", "partenariats", "valorisation", "transfert", "etrangeres", "exterieures",
}
_FUNCTION = {"of", "and", "for", "the", "in", "on", "de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "&"}
#: Sector words that head a description, not a name, before "de"/"du": "Santé du Grand Sud".
_SECTOR_HEADS = ("sante", "health", "biotech", "biotechnologie", "biotechnologies", "innovation", "recherche")
#: A word naming a kind of organisation (not a sector's), compiled once.
_KIND_HEAD = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(h) for h in ORG_HEADS if h not in _SECTOR_HEADS) + r")(?![\w-])")
_EVENT_BEFORE = re.compile(
    r"\b(?:evenement|event|convention|conference|salon|summit|sommet|forum|congres|congress|"
    r"webinaire|webinar|fair|foire|rencontres?|journee|days?|edition|show|"
    # the title of a slogan, a theme, a report: "under the slogan Connect, partner and innovate"
    r"slogan|motto|tagline|theme|devise|intitulee?|titled|entitled|report|rapport)(?:\s+(?:internationale?|international|annuel(?:le)?|annual|mondiale?|world))?\s*$"
)
_TITLES = r"(?:premier|first minister|prime minister|minister|ministre|governor|gouverneur|mayor|maire|premier ministre)"
_PLACE_BEFORE = re.compile(
    rf"\b(?:{_TITLES}|cluster|pole|agency|agence|government|gouvernement|province|state|etat|capital|capitale|region|city|ville|people|citizens)\s+(?:of|de|du|d'|de la|de l')\s*(?:the\s+)?$"
)
_PLACE_AFTER = re.compile(rf"^\s*{_TITLES}\b")
_NOT_STRIPPED = {"first", "new", "one", "united", "nouvelle", "grand", "grande", "saint", "sainte"}


def folded_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s’'\-.,]+", fold(text)) if w]


def generic_only(text: str) -> bool:
    """"Business Development", "Corridor", "On Industrial Biotechnology": no word of a name,
    and no word naming a kind of organisation (which "Industrial Biotechnology Innovation
    Centre" has)."""
    words = [w for w in folded_words(text) if w not in _FUNCTION]
    if not words:
        return True
    if _KIND_HEAD.search(" ".join(words)):
        return False
    # (a field of science: "Neurology", "Immunologie")
    return all(w in GENERIC_WORDS or ROLE_WORDS.fullmatch(w) or w.endswith(("ology", "ologie", "ologies")) for w in words)


_MINISTER_OF = re.compile(r"\b(?:ministre|minister|secretaire|secretary|commissaire|commissioner)\b([^,.;]{0,40})$")


def minister_of(before: str) -> bool:
    """"le ministre wallon de l'Économie ", "the Minister for Health and Innovation ": a title and
    its domains end here (the name after them is a person's)."""
    match = _MINISTER_OF.search(fold(before + "|")[:-1])
    rest = re.sub(r"^\s*(?:[a-z]+\s+)?(?:of|for|de la|de l'|du|des|de|d'|delegue\w*|charge\w*)?\s*", "", match.group(1)) if match else ""
    return match is not None and (not rest.strip() or generic_only(rest))


def only_a_post(text: str) -> bool:
    """"Executive Chair", "Directeur général", "Minister of Trade", "Regius Professor of Medicine":
    a post, not an organisation."""
    return bool(ROLE_WORDS.fullmatch(" ".join(folded_words(text)))) or bool(
        re.match(rf"^{_TITLES}\s+(?:of|de|du|d'|des|for|delegue|deleguee|charge|chargee)\b", fold(text))
    ) or bool(re.search(r"\b(?:professor|professeur|lecturer|maitre de conferences)\s+(?:of|de|d'|en|in)\b", fold(text)))


_KIND_WORDS = {w for h in (*ORG_HEADS, *ORG_CUES) for w in h.split()}


def only_a_kind(text: str) -> bool:
    """"The Company", "Cluster", "l'Agence", "University Hospital": words naming a kind of
    organisation (and generic words), with no word of a name."""
    if re.search(r"\s(?:of|for|de|du|des|d')\s*\w", fold(text)):
        return False  # "Department of Health", "Ministère de l'Économie": a body's name
    words = [w for w in folded_words(text) if w not in _FUNCTION]
    if len(words) >= 2 and words[-1] in ("ministry", "ministries") and words[0] not in {"federal", "national", "regional", "provincial", "state", "public", "local"}:
        return False  # "the Economy Ministry": a ministry named by its domain (round 12, organisations)
    # (three words and more may be a name made of common words: "University Health Network")
    return 0 < len(words) <= 2 and all(w in _KIND_WORDS or w in GENERIC_WORDS for w in words)


def plural_acronym(text: str) -> bool:
    """"CDMOs", "SMEs", "CROs": an acronym in the plural names a kind of firm, not one firm."""
    return bool(re.fullmatch(r"(?:\d+\s+)?[A-Z]{2,}s", text.strip()))


def with_honorific(text: str) -> bool:
    """"Professor Chris McGuigan": a person ("Dr. Reddy's Laboratories" is not)."""
    honorific = HONORIFICS.match(text)
    rest = text[honorific.end():].split() if honorific else []
    return 2 <= len(rest) <= 3 and all((w[:1].isupper() and w[1:].isalpha()) or "-" in w for w in rest)


def sector_descriptor(text: str) -> bool:
    """"Santé du Grand Sud": a sector of a region, a description of what a cluster does."""
    words = folded_words(text)
    return len(words) >= 2 and words[0] in _SECTOR_HEADS and words[1] in ("de", "du", "des", "d", "of", "in")


def leading_stop_word(sentence: str, start: int, text: str, lang: str) -> int:
    """Characters to drop from a name that starts the sentence with a function word:
    "Pourquoi Eurobiomed", "On Industrial Biotechnology"; all of it when it is that word alone
    ("Then, ..."). 0 if none."""
    if sentence[:start].strip(" «“\"'("):
        return 0
    first = text.split()[0] if text.split() else ""
    word = fold(first)
    stops = _FR_STOP if lang == "fr" else _EN_STOP
    if " " not in text:
        return len(text) if word in stops and word not in _NOT_STRIPPED and not first.isupper() else 0
    if word in stops and word not in _NOT_STRIPPED and not (first.isupper() and len(first) > 1):
        return len(first) + (len(text[len(first):]) - len(text[len(first):].lstrip()))
    return 0


def event_name(sentence: str, start: int, text: str) -> bool:
    """"l'événement Interconnexion", "la convention internationale BIO 2014": an event."""
    # fold() strips the spaces at the ends: the patterns end in \s*$.
    before = fold(sentence[max(0, start - 60):start]).replace("’", "'")
    return bool(_EVENT_BEFORE.search(before)) or bool(re.search(r"\s(?:19|20)\d\d$", text))


def rubric(sentence: str, start: int, end: int) -> bool:
    """"Décryptage : Lyon décroche ...": a heading's rubric, not a name."""
    return not sentence[:start].strip() and bool(re.match(r"\s*:", sentence[end:])) and " " not in sentence[start:end]


#: The last word of a place's name that says it is one: "Basque Country", "Orange County".
_PLACE_KIND = re.compile(r"\s(?:country|county|province|territory|canton|oblast|departement)$")
#: A representative's seat in brackets: "Jane Doe, MP (Burlington)", "député (Doubs)".
_SEAT_BEFORE = re.compile(r"\b(?:mp|mpp|mla|mep|mna|senator|depute|deputee|senateur|senatrice)\s*\(\s*$")
#: Titles of a territory's office: "la préfète de l'Essonne", "the Mayor of Dayton".
TERRITORY_TITLE = re.compile(
    r"\b(?:prefete?|maire|mayor|governor|gouverneure?|sous-prefete?|prefecture|province|county|comte)\s+(?:de la region\s+|de la\s+|de l'|du\s+|des\s+|de\s+|d'|of\s+(?:the\s+)?)"
)


def place_by_context(sentence: str, start: int, end: int) -> bool:
    """"Québec Premier Philippe Couillard", "First Minister of Wales", "the cluster of
    Flanders": a one-word name a title or a cluster belongs to is a place; so is a name
    ending in a kind of place ("Basque Country") or an MP's seat ("MP (Burlington)")."""
    if _PLACE_KIND.search(fold(sentence[start:end])):
        return True
    before = fold(sentence[max(0, start - 40):start] + "|").replace("’", "'")[:-1]
    if _SEAT_BEFORE.search(before):
        return True
    if " " in sentence[start:end].strip():
        return False
    before = fold(sentence[max(0, start - 40):start]).replace("’", "'")
    return bool(_PLACE_BEFORE.search(before)) or bool(_PLACE_AFTER.match(fold(sentence[end:end + 30])))


_SECTOR_PARTS = {"bio", "sante", "health", "pharma", "biotech", "medtech", "cancer", "therapeutics", "biosciences"}


def bad_place(text: str) -> bool:
    """"B to B": a place name of single letters or with words a place's name does not hold;
    "Cancer-Bio-Santé": a sector's words make an organisation's name, not a place's."""
    if any(part in _SECTOR_PARTS for part in folded_words(text)):
        return True
    words = text.split()
    if any(len(w) == 1 and w.isalpha() for w in words):
        return True
    lower = [w for w in words if w[:1].islower()]
    return any(w not in ("de", "du", "des", "la", "le", "les", "sur", "en", "of", "the", "and", "et", "am", "im", "upon", "del", "di", "da") for w in lower)


def joins_next(first: str, second: str) -> bool:
    """"Natural Sciences and Engineering Research Council", "Research and Innovation Agency":
    a phrase ending in a generic word before "and" is the start of the next name, when that
    one names a kind of organisation; "Department of Cell and Chemical Biology": generic words
    after "and" end a name whose kind and "of" came before."""
    words = folded_words(first)
    if _KIND_HEAD.search(" ".join(words)) and re.search(r"\s(?:of|de|du|des)\s", fold(first)) and generic_only(second):
        return True
    # "University of Health and Allied Sciences", "School of Medicine and Dentistry": "and" joins
    # two fields of study inside "of ..." (generic_names.py, round 15)
    folded = fold(first).replace("’", "'")
    of = [m.end() for m in re.finditer(r"\s(?:of|de|du|des|d')\s*", folded)]  # the last "of": "X of Ghana School of Medicine"
    if _KIND_HEAD.search(" ".join(words)) and of and fields_only(folded[of[-1]:]) and fields_only(second):
        return True
    if not words or words[-1] not in GENERIC_WORDS:
        return False
    return bool(_KIND_HEAD.search(" ".join(w for w in folded_words(second) if w not in _FUNCTION)))


def demonym(text: str) -> bool:
    """"Flemish", "Danish", "Japanese": an adjective of nationality alone names no organisation."""
    word = text.strip()
    if a_demonym(word):  # any country's, English or French (demonyms.tsv, round 15): "Ghanaian"
        return True
    return " " not in word and (fold(word) in DEMONYMS or bool(re.fullmatch(r"[A-Z][a-z]+(?:ish|ese)", word)))


#: An indefinite article and adjectives before a capitalised phrase: "a potential Biomedical
#: Sciences Development Center", "une future Maison de la santé" describe a thing, they do not name one.
#: (French "a" is the verb avoir: "Acme a rejoint X".)
_DESCRIBED = {
    lang: re.compile(rf"(?:^|[^\w’'-]|\b[Dd][’'])(?:{articles})\s+((?:[a-zà-ÿ][\w-]*\s+){{0,2}})$")
    for lang, articles in (("en", "[Aa]|[Aa]n"), ("fr", "[Uu]n|[Uu]ne"))
}


def described(sentence: str, start: int, lang: str) -> bool:
    match = _DESCRIBED[lang].search(sentence[max(0, start - 60):start])
    if not match:
        return False
    words = [fold(w) for w in match.group(1).split()]
    # "a Boston-based company Gilson", "a member of X": a kind word or a preposition leads to a name
    return not any(w in _FUNCTION or w in _EN_STOP or w in _FR_STOP or w in _KIND_WORDS or w.endswith("-based") or w in ("member", "membre", "subsidiary", "filiale") for w in words)


#: "AsianScientist (Dec. 17, 2013) –", "Acme Wire (March 3, 2024) -": the dispatch's source.
_BYLINE = re.compile(r"^\s*\((?:[^()]{0,20}\d{4}|[A-Z][a-z]{2,8}\.? \d{1,2})\)\s*[–—-]")


def byline(sentence: str, start: int, end: int) -> bool:
    """The name that opens a dispatch before its date in brackets is its publisher's."""
    return not sentence[:start].strip() and bool(_BYLINE.match(sentence[end:]))


_HONORIFIC_END = re.compile(r"\s+(?:Dr|Prof|Mr|Mrs|Ms|Mme|M|Sir)\.?$")


def honorific_end(text: str) -> int:
    """Characters to cut from a name ending in an honorific (the next person's): "Stakeholder
    Engagement Dr" before "Dr Alfredo ...". 0 if none."""
    match = _HONORIFIC_END.search(text)
    return len(text) - match.start() if match else 0


#: "(NASDAQ: HLXB)", "(Euronext Growth: ALXYZ)": a listing, not an organisation.
_TICKER = re.compile(r"^(?:nasdaq|nyse|tsx|tsxv|asx|lse|aim|six|otc\w*|euronext|alternext|xetra|hkex|sgx|krx)\b[\w\s]*:", re.IGNORECASE)


def ticker(sentence: str, start: int) -> bool:
    """"(NASDAQ: QRRA)", "(Euronext Growth : ALNRD)": the listing of a company, not a body."""
    return bool(_TICKER.match(sentence[start:start + 40]))


#: Kinds of things, not of bodies: a programme, a plan, a fund, a prize, a designation.
_THINGS = {
    "programme", "program", "programs", "programmes", "plan", "project", "projet", "initiative", "strategy",
    "strategie", "fund", "fonds", "prize", "prix", "award", "awards", "challenge", "designation", "label",
    "scheme", "framework", "grant", "grants", "call", "appel", "trial", "study", "etude", "campaign", "campagne",
    "instrument", "mechanism", "dispositif", "contest", "competition", "concours",
    # texts of law: "le Règlement européen nº 1082/2006", "the EU Regulation"
    "reglement", "regulation", "directive",
}


#: A kind of thing (a programme, a project ...), its words, then a colon or a verb of naming:
#: what follows is that thing's name ("un projet d'envergure : le X (...)", "a scheme called X").
_NAMED_THING = re.compile(
    r"\b(?:" + "|".join(sorted(_THINGS - {"label", "plan", "call", "appel"})) + r")\b[^.;:!?()]{0,120}?"
    r"(?:\s*:|,?\s+(?:baptise|baptisee|appele|appelee|nomme|nommee|intitule|intitulee|denomme|denommee|called|named|dubbed|entitled|known as))"
    r"\s*(?:le |la |les |l'|l’|the )?(?:[^\s()]+\s*\(\s*)?$"
)


#: A body's organ before "de la / de l' / du / of the" and one body's name: "l'Assemblée de la
#: Région X", "the Board of the Foundation" (but "Assemblée des Départements de France", many bodies,
#: is a federation's name).
_ORGAN = re.compile(r"^(?:assemblee|assembly|bureau|board|comite|committee|secretariat|presidium|senat|senate)\s+(?:de la|de l'|du|of the)\s*\S")
_ORGAN_ALONE = re.compile(r"(?:l'|l’|the\s+)?(?:assemblee|assembly|bureau|board|comite|committee|presidium|senat|senate)")
#: A news agency reporting the story: "..., a appris l'APS.", "rapporte l'AFP".
_REPORTED_BY = re.compile(r"\b(?:a appris|apprend|rapporte|rapportait|a rapporte|reports|reported)\s+(?:l'|l’|le |la |the )?$")


#: Where an event takes place: "La signature a eu lieu au ministère de X", "was held at the X".
_VENUE = re.compile(
    r"\b(?:a eu lieu|ont eu lieu|aura lieu|s'est tenue?|se tiendra|se tient|took place|takes place|will take place|"
    r"was held|will be held|is held)\b[^.;]{0,60}?\b(?:au|aux|a la|a l'|dans les locaux d[eu]|at the)\s+$"
)


def common_noun(text: str, sentences: list[str]) -> bool:
    """"Biobanks have a key role ...": one plain capitalised word that the article also writes in
    lower case is a common noun at the start of a sentence or in a heading, not a name."""
    if " " in text or not (text[:1].isupper() and text[1:].islower()):
        return False
    pattern = re.compile(rf"(?<![\w-]){re.escape(text.lower())}(?![\w-])")
    return any(pattern.search(sentence) for sentence in sentences)


def organ_or_source(sentence: str, start: int, end: int) -> bool:
    """An organ of one body ("l'Assemblée de l'Eurorégion"), the venue of an event ("a eu lieu au
    ministère de X") or the agency that reports the news ("a appris l'APS."): none is an
    organisation the article is about."""
    if _ORGAN.match(fold(sentence[start:end]).replace("’", "'")) or _ORGAN_ALONE.fullmatch(fold(sentence[start:end])):
        return True
    if _VENUE.search(fold(sentence[max(0, start - 120):start] + "|")[:-1].replace("’", "'")):
        return True
    return bool(_REPORTED_BY.search(fold(sentence[max(0, start - 20):start] + "|")[:-1])) and not sentence[end:].strip(" .»”\"")


#: Parts of an organisation named by their field: "she led the Neurology Development group".
_PARTS = {"group", "team", "unit", "division", "department", "franchise", "service", "pole", "equipe"}


def a_thing(sentence: str, start: int, end: int) -> bool:
    """"Programme d'investissements d'avenir", "the A*STAR-KHIDI Joint Research Fund": the name
    of a thing, by its first or last word; "the FDA's Fast Track designation": generic words
    that qualify the thing named after them."""
    words = folded_words(sentence[start:end])
    if words and (words[0] in _THINGS or words[-1] in _THINGS):
        return True
    if re.search(r"\b(?:fonds|fund|programme|program|prix|prize|label|projet|project|dispositif|concours)\s+$", fold(sentence[max(0, start - 20):start] + "|")[:-1]):
        return True  # "via son fonds Innobio 2": the name of a fund
    before = fold(sentence[max(0, start - 160):start] + "|")[:-1]
    thing = _NAMED_THING.search(before)
    # (not "The programme brings together four companies: A, B", "le projet est porté par deux acteurs : A et B")
    if thing and not ORG_LISTS.search(thing.group(0)) and not re.search(r"\b(?:par|by|avec|with|entre|between|aupres de)\b", thing.group(0)):
        return True  # "un programme transfrontalier : le X", "un dispositif baptisé le X": the thing's name
    noun = re.match(r"\s+([a-z]+)", sentence[end:end + 20])
    if noun and noun.group(1) in _THINGS - {"label", "plan"} and re.search(r"\bthe\s+$", sentence[max(0, start - 5):start]):
        return True  # "the Helios competition", "the Nova programme": the name qualifies the thing
    after = re.match(r"(\s*\([^()]{1,12}\))?\s+([a-z]+)", sentence[end:end + 30])
    # (with its acronym between, any name: "the Interregional Innovation Investments (I3) instrument")
    return after is not None and after.group(2) in _THINGS | _PARTS and len(words) >= 2 and (bool(after.group(1)) or generic_only(sentence[start:end]))
