"""Places in one sentence, after the organisations (:mod:`.entities`): places met earlier, the
territory of an office ("la préfète de l'Essonne"), the model's places, countries by name.

A place the model tags is refused when it reads as something else: a person met in the article
named by the surname alone ("said Rossi"), a description ("Énergie du Québec": a generic word
and "du"), or an organisation's name ("Business France", "Innovation Norway": a generic word and
a place; "CCI Occitanie": an acronym and a place), which is handed back to be proposed as one.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

from ecokg.loaders.articles.bodies import a_style
from ecokg.loaders.articles.diseases import a_disease_name
from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.institutions import COUNTRY_NAMES, countries
from ecokg.loaders.articles.lexical import country_initialism, french_word
from ecokg.loaders.articles.linking import Mention, State
from ecokg.loaders.articles.ner import Names
from ecokg.loaders.articles.notnames import (
    TERRITORY_TITLE,
    bad_place,
    demonym,
    generic_only,
    only_a_kind,
    rubric,
)
from ecokg.loaders.articles.patterns import UPPER
from ecokg.loaders.articles.shapes import is_person_name, person_part, weak_place
from ecokg.loaders.articles.spans import role_at
from ecokg.loaders.articles.vocabulary import HONORIFICS, NOT_NAMES, NOT_ORGS
from ecokg.text import fold

#: Nouns of an activity that begin an organisation's name before a place ("Business France",
#: "Innovation Norway", "Genome Canada", "Invest Wallonia"); not adjectives ("New Zealand").
_ACTIVITIES = {
    "business", "invest", "investir", "innovation", "health", "sante", "life", "science", "sciences", "research",
    "recherche", "trade", "export", "biotech", "genome", "pharma", "medtech", "energy", "energie", "tech",
    "technology", "technologies", "industry", "industrie", "tourism", "tourisme", "culture", "education",
}

_ACRONYM_ACTIVITY_PLACE = re.compile(rf"(?<![\w-])[A-Z]{{2,5}}\s+([{UPPER}][a-zà-ÿ]+)\s+([{UPPER}][\w-]+(?:\s+[{UPPER}][\w-]+)?)(?![\w-])")


#: Words around a disease's name ("la maladie à virus Ebola", "Zika virus", "Lassa fever"): a
#: disease named after a place or a river is no place.
_DISEASE_BEFORE = r"(?:virus|maladie|maladie à virus|fièvre|fievre|épidémie d[e’']|epidemie d[e’']|épidémie|epidemie)\s*"
_DISEASE_AFTER = r"\s+(?:virus|fever|disease|outbreak|epidemic|vaccine|vaccines)\b"


def a_disease(name: str, sentences: list[str]) -> bool:
    """``name`` names a disease somewhere in the article: after "virus", "maladie à virus",
    "fièvre", or before "virus", "fever", "disease", "outbreak"."""
    pattern = re.compile(rf"(?i:{_DISEASE_BEFORE}){re.escape(name)}(?![\w-])|(?<![\w-]){re.escape(name)}(?i:{_DISEASE_AFTER})")
    return any(pattern.search(sentence) for sentence in sentences)


#: Round 14: kinds of sites written before their name ("Hôtel X", "Campus X").
_SITES = {"hotel", "campus", "stade", "stadium", "aeroport", "airport", "gare"}

#: Round 14: head words of hospitals and universities; a model's place holding one is a body's name.
_BODY_HEADS = {"hospitalier", "hospitaliere", "universitaire", "hopital", "hospital", "clinique", "universite", "university"}

_COMPASS = {"nord", "sud", "est", "ouest", "centre", "orient", "occident", "midi", "orientale", "occidentale", "septentrionale", "meridionale"}


def _common_words(name: str, lang: str) -> bool:
    """A French name the gazetteer does not know whose words are all common words by the French
    pipeline's lemmatizer ("Habitat", "Recherches Agricoles", "Préfet"). (English is left out: its
    lexicon, WordNet's, holds proper nouns too.)"""
    if lang != "fr" or "-" in name or any(fold(w) in _COMPASS for w in name.split()):
        return False  # "Moyen-Orient", "Capitale-Nationale", "Province Nord": a compound or a compass point makes a name
    words = [w for w in re.split(r"[\s’']+", name) if w and fold(w) not in ("de", "du", "des", "la", "le", "les", "l", "d", "et")]
    return bool(words) and all(w[1:].islower() and french_word(w) for w in words)


@lru_cache(maxsize=1)
def currency_units() -> frozenset[str]:
    """The units of ISO 4217's currencies, folded, from ``pycountry``'s English names (their last
    word not in capitals: "US Dollar", "CFA Franc BCEAO"; metals and drawing rights left out, and
    words that are places)."""
    import pycountry

    french = gettext.translation("iso4217", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    out: set[str] = set()
    for currency in pycountry.currencies:
        if currency.alpha_3.startswith("X") and currency.alpha_3 not in ("XOF", "XAF", "XPF", "XCD"):
            continue  # metals, drawing rights, testing codes; not the CFA and CFP francs, the EC dollar
        words = [w for w in re.sub(r"\(.*?\)", "", currency.name).split() if not w.isupper()]  # ("CFA Franc BCEAO")
        if words:
            out.add(fold(words[-1]))
        french_name = french.gettext(currency.name).split()
        if len(french_name) >= 2 and words and fold(french_name[0]) in (fold(words[-1]), fold(words[-1]) + "e"):
            out.add(fold(french_name[0]))  # (only where the unit is the English one's: "Franc CFA", not "Nouveau ...")
    return frozenset(w for w in out if len(w) > 2 and lookup(w) is None)


def with_currency(sentence: str, start: int, end: int) -> bool:
    """A country beside a currency's unit qualifies the currency ("dollars US", "US dollars")."""
    before = re.search(r"([^\W\d]+)\s+$", sentence[:start])
    after = re.match(r"\s+([^\W\d]+)", sentence[end:])
    units = currency_units()
    return any(m is not None and (fold(m.group(1)) in units or fold(m.group(1)).rstrip("s") in units) for m in (before, after))


def overlaps(start: int, end: int, taken: list[Mention]) -> bool:
    return any(start < m.end and m.start < end for m in taken)


def find_places(state: State, sentence: str, folded: str, names: Names, found: list[Mention]) -> list[tuple[int, int]]:
    """Adds the sentence's places to ``found``; returns the model's places that are organisations."""
    for key, ident in list(state.by_name.items()):
        candidate = state.entities[ident]
        if weak_place(candidate) and len(key) >= 3:
            for match in re.finditer(rf"(?<![\w-]){re.escape(key)}(?![\w-])", folded):
                if sentence[match.start()].isupper() and not overlaps(match.start(), match.end(), found):
                    found.append(Mention(match.start(), match.end(), sentence[match.start():match.end()], "place", candidate.cls, None, candidate.confidence))
    for title in TERRITORY_TITLE.finditer(folded):
        # "la préfète de l'Essonne", "the Mayor of Dayton": the territory of an office, a place.
        name = re.match(rf"[{UPPER}][\w-]+(?:[\s-][{UPPER}][\w-]+){{0,3}}", sentence[title.end():])
        if name and not overlaps(title.end(), title.end() + name.end(), found) and name.group(0).split()[0].lower() not in NOT_NAMES:
            found.append(Mention(title.end(), title.end() + name.end(), name.group(0), "place", "Place", None, 0.6))
    orgs: list[tuple[int, int]] = []
    for seated in _ACRONYM_ACTIVITY_PLACE.finditer(sentence):
        # "UT Health San Antonio": an acronym, an activity and the place it serves are one name
        if fold(seated.group(1)) in _ACTIVITIES and (seated.group(2) in names.places or lookup(seated.group(2)) is not None):
            orgs.append((seated.start(), seated.end()))
    people = [c.label for c in state.entities.values() if c.cls == "Person"] + [p for p in names.persons if " " in p]
    surnames = {fold(p.split()[-1]) for p in people if len(p.split()) >= 2}
    for place in sorted(names.places, key=lambda n: (-len(n), n)):  # ties in a fixed order
        # "Centre Val de Loire", "Tolo Harbour": a known place or a feature, its words are no refusal
        gazetteer = (lookup(place) is not None or place in names.features) and " " in place
        if a_style(place):
            continue  # "S.E.M Kouadio Yao": "Son Excellence Monsieur"
        slot = any(re.search(rf"(?<![\w-])(?:en|à|au|aux|in)\s+{re.escape(place)}(?![\w-])", s) for s in state.sentences)
        if lookup(place) is None and not gazetteer and ((_common_words(place, state.lang) and not slot) or a_disease(place, state.sentences) or a_disease_name(place)):
            continue  # "de l'Habitat", "Laboratoires", "Préfet": common words ("en Catalogne" is a place); "le virus Ebola": a disease
        if not gazetteer and (len(place) < 3 or not place[:1].isupper() or fold(place) in NOT_ORGS or role_at(place) or bad_place(place) or fold(place.split()[0]) in NOT_ORGS):
            continue
        if (not gazetteer and (generic_only(place) or only_a_kind(place) or demonym(place))) or fold(place) in surnames:
            continue  # "Santé", "la Région" alone, "Flemish", "said Rossi" (Giulia Rossi)
        if (honorific := HONORIFICS.match(place)) and (person := person_part(place)):
            at = sentence.find(place) + honorific.end()  # "le Pr Jean Dufresne": a person
            if at >= honorific.end() and not overlaps(at, at + len(person), found):
                found.append(Mention(at, at + len(person), person, "person", "Person", None, 0.7))
            continue
        if place.isupper() and place.isalpha() and len(place) >= 3 and lookup(place) is None and fold(place) not in COUNTRY_NAMES and not country_initialism(place):
            # "through JICA": an acronym no gazetteer knows as a place is an organisation's ("USA" is a country)
            orgs.extend((h.start(), h.end()) for h in re.finditer(rf"(?<![\w-]){re.escape(place)}(?![\w-])", sentence))
            continue
        words = fold(place).replace("'", " ").split()
        if lookup(place) is None and len(words) >= 2 and any(w in _BODY_HEADS for w in re.split(r"[\s-]+", " ".join(words))):
            # round 14: "Complexe Hospitalier Universitaire X": a hospital's or a university's name, a body's
            orgs.extend((h.start(), h.end()) for h in re.finditer(rf"(?<![\w-]){re.escape(place)}(?![\w-])", sentence))
            continue
        if words and words[0] in _SITES and len(words) >= 2:
            continue  # round 14: "l'Hôtel Ledger", "Harwell Campus": a site, no place (SPLIT.md)
        if words and words[0] == "hotel-dieu":  # a hospital, by its French name ("l'Hôtel-Dieu de X")
            orgs.extend((h.start(), h.end()) for h in re.finditer(rf"(?<![\w-]){re.escape(place)}(?![\w-])", sentence))
            continue
        if len(words) >= 2 and words[0] in _ACTIVITIES:
            if words[1] not in ("de", "du", "des", "d", "of", "for"):
                orgs.extend((h.start(), h.end()) for h in re.finditer(rf"(?<![\w-]){re.escape(place)}(?![\w-])", sentence))
            continue  # "Business France": an organisation; "Énergie du Québec": words of a title
        if (re.match(r"[A-Z]{2,5}\s+[{UPPER}]".replace("{UPPER}", UPPER), place) and lookup(place) is None) or re.search(r"-(?:communaute|metropole|agglomeration|agglo)$", fold(place)):
            # "CCI Occitanie", "CHU Nantes": an acronym and its seat; "Ville-Communauté": a French intercommunality
            orgs.extend((h.start(), h.end()) for h in re.finditer(rf"(?<![\w-]){re.escape(place)}(?![\w-])", sentence))
            continue
        for hit in re.finditer(rf"(?<![\w-]){re.escape(place)}(?!\w)(?!-(?!based|basee))", sentence):
            if overlaps(hit.start(), hit.end(), found) or is_person_name(place, names) or (rubric(sentence, hit.start(), hit.end()) and lookup(place) is None) or with_currency(sentence, hit.start(), hit.end()):
                # ("Riyadh: Saudi Arabia's ministry ...": a known place before a colon opens a dateline, not a rubric)
                continue
            cls = "Country" if fold(place) in COUNTRY_NAMES or country_initialism(place) else "Place"
            found.append(Mention(hit.start(), hit.end(), place, "place", cls, None, 0.6))
    for start, end, cls in countries(sentence, folded):  # "la France voisine", "the US": the model may miss them
        if not overlaps(start, end, found) and not any(s < end and start < e for s, e in orgs) and not with_currency(sentence, start, end):
            found.append(Mention(start, end, sentence[start:end], "place", cls, None, 0.7))
    return orgs
