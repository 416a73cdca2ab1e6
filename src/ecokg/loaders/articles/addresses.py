"""Spans that are never a body by their form (round 14): a number or a year ("2024", the model's
organisation before "(GSN)"), a style of address written out ("Son Excellence Monsieur", "His
Excellency", typos of the style included: "Son Excellente"), and a portfolio after a state's
title with no body after it ("Undersecretary for Administrative and Financial Affairs").

The words are kinds, never names from an article.
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.notnames import GENERIC_WORDS
from ecokg.text import fold

#: Only digits and the signs of numbers and dates: "2024", "2023-2027", "1er".
_NUMBER = re.compile(r"[\d\s.,/–-]+(?:er|e|st|nd|rd|th)?")

#: The words of a style of address in English and French (the possessive, the dignity, the
#: civility after it): "Son Excellence Monsieur", "Her Royal Highness", "Sa Majesté".
_STYLE_WORDS = {
    "son", "sa", "leurs", "his", "her", "their", "your", "votre", "vos", "royal", "royale", "imperial", "monsieur", "madame",
    "mademoiselle", "m", "mme", "mr", "mrs", "ms", "dr", "the", "le", "la", "tres", "honorable", "honourable", "right", "most",
    "reverend", "reverende",
}
#: The dignities, and their usual misspellings ("Excellente", "Excellance", "Exellence").
_DIGNITY = re.compile(r"^(?:ex+c?el+[ae]n[ct][ey]?s?|excellency|excellencies|majeste|majesty|altesse|highness|eminence|saintete|holiness|grace)$")


def a_number(text: str) -> bool:
    """"2024", "2023-2027": a year or a number, never a body."""
    stripped = text.strip()
    return bool(stripped) and any(c.isdigit() for c in stripped) and _NUMBER.fullmatch(stripped) is not None


def a_style_of_address(text: str) -> bool:
    """"Son Excellence Monsieur", "Son Excellente Monsieur", "His Excellency", "Sa Majesté": a
    style of address before a name, no body (a dignity and its possessive or civility only)."""
    words = [w for w in re.split(r"[\s.’'-]+", fold(text)) if w]
    return any(_DIGNITY.match(w) for w in words) and all(_DIGNITY.match(w) or w in _STYLE_WORDS for w in words)


#: A state's title and "for" or "of" just before the span, without an article: "Undersecretary
#: for", "Assistant Secretary of", "sous-secrétaire d'État chargé des".
_TITLE_FOR = re.compile(
    r"(?:under-?\s?secretary|secretary|assistant secretary|deputy secretary|commissioner|minister|ministre|secretaire|sous-secretaire"
    r"|secretaire d'etat|director[- ]general|directeur general|directrice generale)"
    r"\s+(?:for|of|charge(?:e)? (?:des|de la|de l'|du|de)|aux|a la|a l'|au)\s*$"
)
#: Words of a portfolio that are no kind of body: the domains, their adjectives, function words.
_PORTFOLIO_WORDS = {
    "administrative", "administration", "financial", "finance", "finances", "affairs", "affaires", "administratives",
    "financieres", "administratif", "financier", "legal", "juridiques", "planning", "policy", "policies", "operations",
    "programmes", "programs", "corporate", "human", "resources", "ressources", "humaines", "technical", "technique",
    "techniques", "economic", "economiques", "and", "et", "&", "of", "for", "de", "des", "du", "la", "le", "l",
}
#: Words naming a kind of body: a portfolio holds none ("Minister of the Ministry of ..." is another matter).
_KINDS = re.compile(r"(?:ministry|ministere|department|departement|agency|agence|council|conseil|institute|institut|office|authority|bureau|commission|directorate|direction|service|services|university|universite)s?$")


def a_titles_portfolio(sentence: str, start: int, end: int) -> bool:
    """"His Excellency X, Undersecretary for [Administrative and Financial Affairs]": the domain of
    a state's title, in common words, with no body after it (a body is named by its kind: "Minister
    of the Interior" is found as a portfolio elsewhere; "Secretary of the X Council" is a body)."""
    before = fold(sentence[max(0, start - 50):start]).replace("’", "'")
    if _TITLE_FOR.search(before) is None:
        return False
    words = [w for w in re.split(r"[\s’'\-]+", fold(sentence[start:end])) if w]
    if not words or any(_KINDS.match(w) for w in words):
        return False
    return all(w in _PORTFOLIO_WORDS or w in GENERIC_WORDS for w in words) and any(w in ("affairs", "affaires") for w in words)
