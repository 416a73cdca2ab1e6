"""What the model's spans really are, before any rule reads them.

The statistical pipelines cut names at the wrong place in a few ways that recur in any press
release, whatever the names: a post glued before a person's name ("Chief Scientist Avi
Hasson" read as "Scientist Avi Hasson"), a post after a dash ("M. Jean DUPONT - Président"),
a person after an organisation's possessive ("the Chamber’s Myron Brilliant"), a person
named after a post and a comma read as an organisation ("sa directrice générale, Fatima
Abouali"), a month or a generic word read as a place ("Vienna, April 2013", "Finance
Minister"), and a list of first names read as people, places and organisations at random
("Ils s’appellent Mohamed, Souad, Mahmoud ..."). Each is a shape; no name is listed here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol, TypeVar

from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.notnames import generic_only, minister_of
from ecokg.loaders.articles.patterns import LOWER, PERSON, UPPER
from ecokg.loaders.articles.spans import MONTHS
from ecokg.loaders.articles.tables import rows
from ecokg.loaders.articles.vocabulary import HONORIFICS, ORG_HEADS, ROLE_WORDS, ROLES
from ecokg.text import fold


class Names(Protocol):
    """ner.Names (not imported: ner calls this module)."""

    persons: set[str]
    orgs: set[str]
    places: set[str]
    given: set[str]


_N = TypeVar("_N", bound=Names)

_HEAD_WORDS = {w for head in ORG_HEADS for w in head.split()}
#: Words of a post that the model glues before a name ("Chief Scientist", "Finance Minister").
_POST_WORDS = {
    "scientist", "minister", "ministre", "secretary", "chief", "head", "chair", "chairman", "chairwoman",
    # round 12: titles of office before a surname ("L'Ambassadeur Sison", "Governor X")
    "ambassador", "ambassadeur", "ambassadrice", "governor", "gouverneur", "gouverneure", "senator", "senateur",
    "senatrice", "mayor", "maire", "consul", "consule",
}
#: Titles of rank that name their holder only with a name after them.
_RANKS = {
    "roi", "reine", "king", "queen", "prince", "princesse", "princess", "duc", "duchesse", "duke",
    "duchess", "emir", "sultan", "pape", "pope", "empereur", "emperor", "grand-duc", "grande-duchesse",
}
_ITEM = rf"[{UPPER}][\w’'-]+"
#: A list of three or more single capitalised words: "A, B, C et D".
_LIST = re.compile(rf"(?<![\w’'-]){_ITEM}(?:\s*,\s*{_ITEM}){{2,}}(?:\s*,?\s+(?:et|and)\s+{_ITEM})?(?![\w’'-])")


#: A verb that gives names: what follows is a list of first names ("Ils s’appellent A, B et C").
_NAMING = re.compile(r"(?:s.appellent|se nomment|se prenomment|are called|are named)\s*:?\s*$")


def refine(sentence: str, found: _N) -> _N:
    """``found`` with the model's spans corrected by their shape in ``sentence``."""
    for person in list(found.persons):
        better = _person(person)
        if re.search(rf"(?:^|\s)(?:the|le|la|les|de les|del|dels)\s+{re.escape(person)}", sentence):
            better = ""  # "de les Illes Balears", "the Grand Duchy": no one's name follows an article
        if re.search(rf"(?:^|\s)(?:[Aa]|[Aa]n|[Uu]n|[Uu]ne)\s+(?:[A-Z]\S*\s+){{0,2}}{re.escape(person)}", sentence):
            better = ""  # "designated a BioReady® Bronze Community": a kind of thing, nobody
        initials = re.search(rf"(?<![\w.])([A-Z]{{2}}|[A-Z]\.\s?[A-Z]\.)\s+{re.escape(better)}(?![\w-])", sentence) if better else None
        if initials and len(better.split()) >= 2 and not _not_initials(initials.group(1), found.orgs):
            better = sentence[initials.start(1):initials.end()]  # "CN Ashwath Narayan": initials of given names
        if better != person:
            found.persons.discard(person)
            if better:
                found.persons.add(better)
    for org in list(found.orgs):
        # "the Chamber’s Myron Brilliant": an organisation's possessive, then a person's name
        owned = re.match(r"^(?:the\s+)?(.+?)[’']s\s+(.+)$", org)
        if owned and PERSON.fullmatch(owned.group(2)) and not _has_head(owned.group(2)):
            found.orgs.discard(org)
            found.persons.add(owned.group(2))
            continue
        at = sentence.find(org)
        # "sa directrice générale, Fatima Abouali": a name right after a post and a comma is a person's
        if at > 0 and PERSON.fullmatch(org) and not _has_head(org) and _after_post(sentence, at):
            found.orgs.discard(org)
            found.persons.add(org)
    for place in list(found.places):
        if fold(place.split()[0]) == "campus":
            found.places.discard(place)  # "le Campus Grimaldi": a site, not a place (round 13)
            continue
        at = sentence.find(place)
        if at > 0 and PERSON.fullmatch(place) and lookup(place) is None and not _has_head(place) and _after_post(sentence, at):
            found.places.discard(place)  # "le Secrétaire général du Rectorat, X Y,": a person (round 13)
            found.persons.add(place)
            continue
        if _in_event(sentence, place):
            found.places.discard(place)  # "at Expo 2025 Osaka", "the Bled Strategic Forum": an event's name (round 12)
            continue
        if (other := _place_beside(sentence, place, found)) is not None:
            found.places.add(other)  # "à M’ramadoudou et Dzoumogné": where a place goes, beside one (round 12)
        if " " not in place and (fold(place) in MONTHS or generic_only(place)):
            found.places.discard(place)  # "Vienna, April 2013": a date
        elif re.match(rf"^{re.escape(place)}\s+[{LOWER}]", sentence) and re.search(r"(?:ées|és|ée)$", place):
            found.places.discard(place)  # "Signées en marge du salon, ...": a participle opens the sentence
    for org in list(found.orgs):
        if " " not in org and generic_only(org):
            found.orgs.discard(org)  # "Finance Minister X", "Biotechnology is ...": a domain
        elif " " not in org and any(re.search(rf"\b{re.escape(a)}\s+(?:and|et)\s+{re.escape(b)}\b", sentence)
                                    for place in found.places for a, b in ((place, org), (org, place))):
            found.orgs.discard(org)  # "the communities of Oslo and Bergen": coordinated with a place, a place
            found.places.add(org)
    for kind in (found.orgs, found.places, found.persons):
        kind.difference_update({name for name in kind if re.fullmatch(r"[A-Z][a-z]+(?:osis|itis|iasis)", name)})  # a disease
        # Round 12: a unit after an amount ("118,8 millions de Fcfp", "302 760 kWh") and a genus
        # of vectors or pathogens ("Aedes albopictus", genera.tsv) name nothing of the article
        kind.difference_update({name for name in kind if fold(name.split()[0].rstrip(".")) in genera() or after_amount(sentence, name)})
    _first_names(sentence, found)
    return found


#: Ranks and styles written in two capitals ("SE", "SM", "MM"): not initials of a name.
_STYLES = {"se", "sm", "he", "mm", "hrh", "sa", "ss", "pr", "dr"}


def _not_initials(letters: str, orgs: set[str]) -> bool:
    """Two capitals before a name that are a style, a post, an organisation or a country, not
    the initials of given names ("SE Jean Koffi", "VP Jane Doe", "UK John Smith")."""
    bare = letters.replace(".", "").replace(" ", "")
    return fold(bare) in _STYLES or fold(bare) in ROLES or bare in orgs or lookup(bare) is not None or bare in {"UK", "US", "EU", "UN"}


def _person(text: str) -> str:
    """The name in a person's span: posts before it and after a dash dropped, "" when none is left."""
    text = re.split(r"\s+[-–—]\s+", text)[0]  # "M. Jean DUPONT - Président"
    words = re.sub(r"^[LlDd][’']", "", text).split()  # "L’Ambassadeur Sison": the elided article first
    while words and (fold(words[0]) in _POST_WORDS or fold(words[0]) in ROLES):
        words = words[1:]  # "Scientist Avi Hasson" (of "Chief Scientist Avi Hasson")
    text = " ".join(words)
    honorific = HONORIFICS.match(text)
    if honorific and len(text[honorific.end():].split()) >= 2:
        text = text[honorific.end():]  # "M. Jean DUPONT"
    if len(text.split()) == 1 and (fold(text) in _POST_WORDS or fold(text) in ROLES):
        return ""  # "Head": a post
    if text and fold(text.split()[-1]) in _RANKS:
        return ""  # "SM le Roi", "the Grand Duke": a title with no name after it ("King Harald" keeps his)
    return text


#: Words of an event named with a place ("Expo 2025 Osaka", "the Bled Strategic Forum").
_EVENT_BEFORE = re.compile(r"(?:Expo|EXPO|Exposition|World Expo|Summit|Sommet|Games|Jeux|Olympics)\s+(?:\d{4}\s+)?$")
_EVENT_AFTER = re.compile(r"^\s+(?:\d{4}\s+)?(?:(?:Strategic|Economic|International|Global|World)\s+)?(?:Expo|Summit|Forum|Games|Olympics)\b")


def _in_event(sentence: str, place: str) -> bool:
    """Every mention of ``place`` is inside an event's name: after "Expo 2025", before "Summit",
    "Strategic Forum" (a place inside an event's name is the event's, not a place of the text)."""
    hits = list(re.finditer(rf"(?<![\w-]){re.escape(place)}(?![\w-])", sentence))
    return bool(hits) and all(_EVENT_BEFORE.search(sentence[: h.start()]) or _EVENT_AFTER.match(sentence[h.end():]) for h in hits)


def _place_beside(sentence: str, place: str, found: Names) -> str | None:
    """A capitalised word coordinated with a place after "à", "in", "en" ("à M’ramadoudou et
    Dzoumogné", "in Lorvik and Tarsk") that the model left unnamed: a place too."""
    match = re.search(rf"(?<![\w-])(?:à|in|en|at)\s+{re.escape(place)}\s+(?:et|and)\s+([{UPPER}][{LOWER}’'-]+)(?![\w’'-])(?!\s+[{UPPER}])", sentence)
    if match is None or any(match.group(1) in kind for kind in (found.persons, found.orgs, found.places, found.given)):
        return None
    return match.group(1) if fold(match.group(1)) not in MONTHS and not generic_only(match.group(1)) else None


#: What may come before a post's title word: an article, a possessive, "new".
_POST_LEAD = re.compile(r"^(?:(?:the|le|la|l'|l’|son|sa|its|their|leur|nouveau|nouvelle|new)\s*)*")


def _after_post(sentence: str, at: int) -> bool:
    """The name at ``at`` follows a post and a comma ("sa directrice générale, X")."""
    before = sentence[max(0, at - 40):at]
    return bool(re.search(r",\s*$", before)) and bool(
        ROLE_WORDS.search(fold(before)) or minister_of(before.rstrip(" ,")) or _post_phrase(sentence[:at])
    )


def _post_phrase(before: str) -> bool:
    """Round 12: the phrase since the comma before a name is a post, however long ("le nouveau
    président de la commission médicale d’établissement, X"): it starts with a post's word."""
    clause = re.search(r"(?:^|[,;:(])([^,;:()]{0,90}),\s*$", before)
    if clause is None:
        return False
    text = fold(clause.group(1)).strip()
    return bool(ROLE_WORDS.match(text[_POST_LEAD.match(text).end():]))  # type: ignore[union-attr]


@lru_cache(maxsize=1)
def genera() -> frozenset[str]:
    """The folded Latin genus names of vectors and pathogens (the packaged ``genera.tsv``)."""
    return frozenset(fold(columns[0].strip()) for _, columns in rows("genera.tsv", {1}, "one genus name"))


#: An amount: a number with a decimal or thousands separator, or a number and a scale word
#: ("118,8 millions de", "302 760", "45 millions"); a plain count is none ("the 55 AU member states").
_AMOUNT = re.compile(
    r"(?<![\w.,])(?:\d+(?:[\s.,]\d+)+(?:\s*(?:millions?|milliards?|billions?|mille|thousand|bn|mn)\b)?|\d+\s*(?:millions?|milliards?|billions?|mille|thousand|bn|mn)\b)"
    r"\s*(?:de\s+|d[’']\s*|of\s+)?$", re.IGNORECASE)


def after_amount(sentence: str, name: str) -> bool:
    """Every mention of the one-word ``name`` follows an amount: a unit or a currency, not a name
    ("118,8 millions de Fcfp", "302 760 kWh"). A year before a name is no amount ("en 2023 Sanofi",
    "Expo 2025 Osaka")."""
    if " " in name:
        return False
    befores = [sentence[: m.start()] for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence)]
    amounts = [_AMOUNT.search(b) for b in befores]
    return bool(amounts) and all(a is not None and not re.fullmatch(r"\s*(?:1[89]|20)\d\d\s*", a.group(0)) for a in amounts)


def _has_head(text: str) -> bool:
    return any(w in _HEAD_WORDS for w in fold(text).split())


def _first_names(sentence: str, found: Names) -> None:
    """A list of single words the model mostly calls people is a list of first names: none of
    them is a place or an organisation (nor a person: a first name alone names no one)."""
    for match in _LIST.finditer(sentence):
        if re.match(rf"\s+[{UPPER}]|\s*,\s*[{UPPER}]", sentence[match.end():]):
            continue  # "Amgen, Pfizer, Novartis, We Work for Health, ...": names of several words follow
        items = re.split(r"\s*,\s*|\s*,?\s+(?:et|and)\s+", match.group(0))
        people = sum(1 for item in items if item in found.persons)
        others = sum(1 for item in items if item in found.orgs or item in found.places)
        # (a list of towns may hold one the model calls a person; not half of it)
        if (people >= 2 and people >= others) or _NAMING.search(fold(sentence[max(0, match.start() - 25):match.start()])):
            found.given.update(items)
            for kind in (found.orgs, found.places, found.persons):
                kind.difference_update({name for name in kind if name in match.group(0)})
