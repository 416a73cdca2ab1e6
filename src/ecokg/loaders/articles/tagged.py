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
from typing import Protocol, TypeVar

from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.notnames import generic_only, minister_of
from ecokg.loaders.articles.patterns import LOWER, PERSON, UPPER
from ecokg.loaders.articles.spans import MONTHS
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
_POST_WORDS = {"scientist", "minister", "ministre", "secretary", "chief", "head", "chair", "chairman", "chairwoman"}
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
        before = sentence[max(0, at - 40):at]
        if at > 0 and PERSON.fullmatch(org) and not _has_head(org) and re.search(r",\s*$", before) and (
            ROLE_WORDS.search(fold(before)) or minister_of(before.rstrip(" ,"))
        ):
            found.orgs.discard(org)
            found.persons.add(org)
    for place in list(found.places):
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
    words = text.split()
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
