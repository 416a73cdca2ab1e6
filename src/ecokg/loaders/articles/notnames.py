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

from ecokg.loaders.articles.vocabulary import HONORIFICS, ORG_HEADS, ROLE_WORDS
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
}
_FUNCTION = {"of", "and", "for", "the", "in", "on", "de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "&"}
#: Sector words that head a description, not a name, before "de"/"du": "Santé du Grand Sud".
_SECTOR_HEADS = ("sante", "health", "biotech", "biotechnologie", "biotechnologies", "innovation", "recherche")
_EVENT_BEFORE = re.compile(
    r"\b(?:evenement|event|convention|conference|salon|summit|sommet|forum|congres|congress|"
    r"webinaire|webinar|fair|foire|rencontres?|journee|days?|edition|show)(?:\s+(?:internationale?|international|annuel(?:le)?|annual|mondiale?|world))?\s*$"
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
    heads = " ".join(words)
    if any(re.search(rf"(?<![\w-]){re.escape(h)}(?![\w-])", heads) for h in ORG_HEADS if h not in _SECTOR_HEADS):
        return False
    return all(w in GENERIC_WORDS or ROLE_WORDS.fullmatch(w) for w in words)


def only_a_post(text: str) -> bool:
    """"Executive Chair", "Directeur général": a post, not an organisation."""
    return bool(ROLE_WORDS.fullmatch(" ".join(folded_words(text))))


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
    "Pourquoi Eurobiomed", "On Industrial Biotechnology". 0 if none."""
    if sentence[:start].strip(" «“\"'(") or " " not in text:
        return 0
    first = text.split()[0]
    word = fold(first)
    stops = _FR_STOP if lang == "fr" else _EN_STOP
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


def place_by_context(sentence: str, start: int, end: int) -> bool:
    """"Québec Premier Philippe Couillard", "First Minister of Wales", "the cluster of
    Flanders": a one-word name a title or a cluster belongs to is a place."""
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
