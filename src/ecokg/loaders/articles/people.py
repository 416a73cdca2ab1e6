"""People decided with knowledge from outside the articles (round 9): the given-name lexicon
(:mod:`.given_names`), read through the sentence's grammar as the place gazetteer is.

* A given name followed by one to three capitalised words, or by a surname in capitals
  ("Frédéric MIRANVILLE", "Karine Shan Sei Fan", "Alpha Kabinet Kéita"), is a person, even
  where the model said organisation or nothing, unless an organisation's cue is in the span,
  right after it or right before it ("Institut Gustave Roussy", "Neumann János Programme",
  "Université Gamal Abdel Nasser").
* A span the model calls a person whose first word is no given name is not one when it holds a
  head word of an institution, a programme or an event, when its words are common words by
  the tagger or the English lexicon ("Universal Health Coverage", "Unité Mixte"), or when it is
  a known place.
* An honorific with its article ("Monsieur le", "Madame la") is never a person's name.

A word of the lexicon is a given name only where the tagger does not read it as a function
word, a verb or an adverb ("Will"), and, when it is rare as a given name (a frequency below
5 in every country of the data), where it is not a common noun or adjective by the tagger
("Santé", "Major") nor a known place ("Paris").
"""

from __future__ import annotations

import re
from typing import Any

from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.given_names import frequency
from ecokg.loaders.articles.grammar import name_start
from ecokg.loaders.articles.lexical import common_word, english_word, english_words, french_word
from ecokg.loaders.articles.patterns import LOWER, UPPER, headline
from ecokg.loaders.articles.regex_trie import alternation
from ecokg.loaders.articles.spans import MONTHS, head_class
from ecokg.loaders.articles.vocabulary import (
    COMPANY_ENDINGS,
    HONORIFICS,
    NOT_NAMES,
    ORG_CUES,
    ORG_HEADS,
    ROLE_KEYS,
    ROLES,
)
from ecokg.text import fold

#: Below this frequency a word of the lexicon needs the tagger's proper-noun reading.
COMMON_AS_NAME = 5
#: Parts of speech a given name never has in a sentence.
_NOT_A_NAME = {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "ADV", "NUM", "PART", "INTJ", "PUNCT", "SYM"}
_FUNCTION = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "of", "the", "and", "for", "&", "en", "in", "a", "an", "un", "une"}
#: Words of a programme, a project, an event: a span the model calls a person holding one is none.
_THINGS = {
    "prize", "prix", "award", "awards", "programme", "program", "project", "projet", "coverage", "initiative", "plan",
    "strategy", "strategie", "partnership", "partenariat", "convention", "summit", "sommet", "conference", "congress",
    "congres", "forum", "salon", "symposium", "days", "week", "fund", "fonds", "fellowship", "scholarship", "lecture",
}
#: Words that make a name a body's, a thing's or a place's: the head words of bodies, legal forms,
#: companies' last words, and the kinds of things named after people ("Jean Monnet Programme").
_CUES = {w for head in [*ORG_HEADS, *ORG_CUES] for w in re.split(r"[\s']+", fold(head)) if len(w) > 2 and w not in _FUNCTION} | set(COMPANY_ENDINGS) | {
    "foundation", "fondation", "institute", "institut", "hospital", "hopital", "clinic", "clinique", "center", "centre", "school", "ecole", "college",
    "lycee", "trust", "chair", "chaire", "hall", "house",
    "maison", "building", "street", "avenue", "rue", "boulevard", "square", "place", "park", "parc", "bridge",
    "airport", "aeroport", "station", "stadium", "museum", "musee", "gallery", "theatre", "library", "bibliotheque",
    "inc", "ltd", "llc", "corp", "plc", "gmbh", "ag", "sa", "sas", "sarl", "nv", "bv", "oy", "ab", "as", "spa", "srl",
    "unit", "unite",
    # round 11: kinds of bodies named after a person ("CHU Ibn Sina", "Résidence universitaire Hassan II")
    "chu", "chr", "universitaire", "universitaires", "hospitalier", "hospitaliere", "residence", "campus", "mosquee",
    "stade", "amphitheatre",
} | _THINGS
#: Round 14: the head words of sites and bodies named after a person or a place, written after the
#: name ("Harwell Campus", "Ibn Sina Hospital", "Tivoli Hotel"): a span ending so is no person.
_SITES = {
    "campus", "hotel", "hospital", "clinic", "centre", "center", "institute", "university", "college", "school",
    "foundation", "park", "building", "tower", "stadium", "airport", "station", "hall", "house", "laboratory",
    "laboratories", "labs", "pharma", "group", "holdings",
}
#: Kinds of sites written before their name ("l'Hôtel Mirabeau", "Campus X"): no person's first word.
_SITE_FIRST = {"hotel", "campus", "stade", "stadium", "aeroport", "airport", "hopital", "clinique"}
_WORD = rf"[{UPPER}](?:[{LOWER}]+|[{UPPER}]+)(?:-[{UPPER}](?:[{LOWER}]+|[{UPPER}]+))*"
#: Particles of names across naming cultures (Arabic, Maghrebi, Iberian, Italian, Dutch, German):
#: they belong to the name ("Khalid Al Falih", "Ana dos Santos", "Jan van der Berg") and are not
#: counted among its words. French "de", "du", "le" are left out: they more often begin a body
#: after a name ("Jean Dupont de Sanofi").
PARTICLES = {
    "al", "el", "bin", "bint", "ibn", "abu", "abou", "abd", "abdel", "abdul", "ould", "ben", "bou", "da", "dos", "das",
    "di", "del", "della", "dello", "der", "den", "van", "von", "ter", "ten", "zu", "y",
}
_LOWER_PARTICLE = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + r")"
#: A given name (perhaps compound: "Jean-Marc"), then capitalised words, lower-case particles
#: ("van", "bin") and Arabic articles ("al-Falih") among them.
#: Round 14: a middle initial, with or without its full stop ("James A Naismith"), when a
#: capitalised word follows it.
_MIDDLE_INITIAL = rf"[A-Z]\.?(?=\s+{_WORD})"
_GIVEN_THEN_NAMES = re.compile(
    rf"(?<![\w’'.-])([{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?)(?=((?:\s+(?:{_LOWER_PARTICLE}\s+)*(?:[ae]l-)?(?:{_MIDDLE_INITIAL}|{_WORD}))+)(?![\w’'-]))"
)
#: A post and "of"/"de" before: an organisation's slot ("vice-président d'Astra Zeneca").
#: Any title of a post, as a word of its own.
_ANY_ROLE = re.compile(r"(?<![\w-])(?:" + alternation(ROLE_KEYS) + r")(?![\w-])")
_POST_OF = re.compile(r"(?<![\w-])(?:" + alternation(ROLE_KEYS) + r")\s+(?:of|at|de|du|d'|chez)\s*(?:the\s+|la\s+|l')?$")
_DETERMINERS = {"the", "a", "an", "le", "la", "les", "un", "une", "des", "du", "l", "this", "ce", "cette"}
#: "Monsieur le Recteur", "Madame la Ministre": an honorific and its article, a title follows.
HONORIFIC_ARTICLE = re.compile(r"^(?:Monsieur|Madame|Mademoiselle|Messieurs|Mesdames)(?:\s+(le|la|les|l[’']))?(?:\s|$)")


def _token_at(doc: Any, char: int) -> Any:
    # spaCy finds the token by a binary search over offsets; a scan of the document costs more.
    span = doc.char_span(char, char + 1, alignment_mode="expand") if 0 <= char < len(doc.text) else None
    token = span[0] if span is not None and len(span) else None
    return token if token is not None and token.idx <= char < token.idx + len(token.text) else None


def _frequency(word: str) -> int:
    return frequency(word) or min(frequency(p) for p in word.split("-"))


def given_name(doc: Any, start: int, word: str, lang: str) -> bool:
    """``word`` at ``start`` in ``doc`` is a given name: in the lexicon (a compound's parts each
    in it: "Jean-Marc"), and read as a name by the tagger and the gazetteer."""
    found = _frequency(word)
    if not found:
        return False
    token = _token_at(doc, start)
    if token is None or token.is_stop or token.pos_ in _NOT_A_NAME:
        return False  # "Will", "Le": an auxiliary, an article
    place = lookup(word)
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    if place is not None and before in ("de", "du", "of", "in", "en", "à", "from", "d'", "d’"):
        return False  # "l'ambassadeur de France Véronique X": the country, then the name
    if found < COMMON_AS_NAME and (token.pos_ in ("NOUN", "ADJ") or place is not None or (lang == "en" and fold(word) in english_words())):
        return False  # "Santé", "Major", "Paris", "General": a rare given name, a common word or a place here
    return True


def _title_at(words: list[str], i: int) -> bool:
    """A post begins at ``words[i]`` ("Executive Director", "CEO")."""
    return any(fold(" ".join(words[i:i + n])) in ROLES for n in (1, 2, 3))


def _cue(words: list[str]) -> bool:
    # (a short cue counts written with a capital: "Acme SA", not "as", "sa")
    folded = [fold(w) for w in words if len(w) > 3 or w[:1].isupper()]
    return any(w in _CUES or (w[-1:] == "s" and w[:-1] in _CUES) for w in folded) or head_class(folded) is not None


def lexicon_people(doc: Any, orgs: set[str], lang: str) -> set[str]:
    """People a given name announces in ``doc``'s sentence (see the module's rules)."""
    text = doc.text
    heading = headline(text)  # a title-case headline: every word has a capital
    out = set()
    for match in _GIVEN_THEN_NAMES.finditer(text):
        given, rest = match.group(1), match.group(2).split()
        rest = rest[: next((i for i in range(1, len(rest)) if _title_at(rest, i)), len(rest))]  # "X Y Executive Director of Z"
        while len(rest) > 1 and rest[-1].isupper() and len(rest[-1]) <= 4 and not rest[-2].isupper():
            rest = rest[:-1]  # "Steve Bates OBE": an honour after the name
        while rest and fold(rest[-1]) in PARTICLES:
            rest = rest[:-1]
        if not rest or sum(1 for w in rest if fold(w) not in PARTICLES) > 3 or not given_name(doc, match.start(1), given, lang):
            continue  # four capitalised words and more: a longer name, not a person's
        if any((fold(w) in NOT_NAMES and not re.fullmatch(r"[A-Z]\.?", w)) or fold(w) in ROLES or fold(w) in MONTHS for w in rest):
            continue
        name = re.match(re.escape(given) + "".join(r"\s+" + re.escape(w) for w in rest), text[match.start():]).group(0)  # type: ignore[union-attr]
        before, after = text[: match.start()].rstrip(), text[match.start() + len(name):]
        previous = re.search(r"([\w’'.-]+)$", before)
        prev_word = re.sub(r"^[ld][’']", "", previous.group(1)) if previous else ""
        titled = bool(HONORIFICS.match(prev_word + " X")) or fold(prev_word.rstrip(".")) in ROLES
        post_after = re.match(r",\s*(?:the\s+|le\s+|la\s+)?([\w-]+)", after)
        posted = titled or bool(post_after and fold(post_after.group(1)) in ROLES)
        if heading and not posted:
            continue  # a headline's capitals say nothing ("Remarks by Governor X", "X, CEO of Y, says:" do)
        token = _token_at(doc, match.start(1))
        if _frequency(given) < COMMON_AS_NAME and not (posted or rest[-1].isupper() or token.ent_type_ in ("PER", "PERSON", "MISC")):
            continue  # a rare given name needs the model's or a title's support ("Astra Zeneca")
        whole_org = any(e.label_ == "ORG" and e.start_char <= match.start() and match.start() + len(name) <= e.end_char for e in doc.ents)
        if whole_org and not (posted or rest[-1].isupper() or re.match(r"\s*[,(]", after)):
            continue  # the model's organisation, nothing of a person's around it: a company named after one ("Eli Lilly")
        if fold(prev_word) in _DETERMINERS or _POST_OF.search(fold(before + " ")[:-1] if before else ""):
            continue  # "de les Illes Balears": an article; "vice-président d'Astra Zeneca": a body's slot
        # "The minister of Investment Khalid Al Falih", "His Excellency Mansoor X": a common word
        # (a field, a style) before a common given name is not part of the name
        field = _frequency(given) >= COMMON_AS_NAME and previous is not None and common_word(doc, lang, prev_word, previous.start())
        if previous and prev_word[:1].isupper() and not (titled or field or lookup(prev_word)):
            earlier = before[: previous.start()]
            if earlier.strip() and not re.search(r"[.!?:;,(«“\"–—-]\s*$", earlier):
                continue  # "Neumann János": inside a longer capitalised name (not the sentence's first word)
        next_word = re.match(rf"\s*([{UPPER}][\w’'-]*)", after)
        if _cue([prev_word, *rest, next_word.group(1) if next_word else ""]):
            continue  # "Institut Gustave Roussy", "Jean Monnet Programme", "Pierre Fabre SA"
        if name_start(text, match.start(), name) < match.start():
            continue  # "Institute for Research in Marine Biology": a complement of an institution's name
        if lookup(name) is not None or (len(rest) > 1 and lookup(" ".join(rest)) is not None):
            continue  # "Victoria Falls", "Santa Clara": a place
        if any(name in org and org != name and _cue(org.split()) for org in orgs):
            continue  # inside the model's "Université Gamal Abdel Nasser de Conakry"
        out.add(name)
    # "Ibrahim Al Mannaei" inside "Asma Ibrahim Al Mannaei": the longer name is the person
    return {n for n in out if not any(n != o and re.search(rf"(?<![\w-]){re.escape(n)}$", o) for o in out)}


def common_words_only(name: str, lang: str) -> bool:
    """A name whose first word is no given name and whose words are all common words of its
    language ("African Development", "Protection Sociale"): no person's, wherever a rule finds it."""
    words = [w for w in name.split() if fold(w) not in _FUNCTION]
    if len(words) < 2 or _frequency(words[0]):
        return False
    # (French: the French pipeline's lemmatizer tables, "Protection Sociale")
    return all(english_word(w) for w in words) if lang == "en" else lang == "fr" and all(french_word(w) for w in words)


#: Kinds of bodies and places named after a person, written before the name ("CHU Ibn Sina",
#: "Université Mohammed V", "Résidence universitaire Hassan II", "Lycée Victor Hugo").
_NAMED_AFTER = {
    "chu", "chr", "chru", "universitaire", "universitaires", "hospitalier", "hospitaliere", "hopital", "hospital",
    "residence", "campus", "universite", "university", "institut", "lycee", "college", "ecole", "school", "fondation",
    "foundation", "clinique", "clinic", "mosquee", "stade", "stadium", "avenue", "rue", "boulevard", "prix", "prize",
}


def _after_kind(text: str, person: str) -> bool:
    """Every mention of ``person`` in ``text`` follows a body's kind word ("CHU", "Hôpital",
    "universitaire"): a person's name used as an institution's, not a person."""
    # (round 15: in any case, "CHU Le BON SAMARITAIN" is the model's "Bon Samaritain")
    befores = [text[: m.start()] for m in re.finditer(rf"(?<![\w-]){re.escape(person)}(?![\w-])", text, re.IGNORECASE)]
    # (round 15: "Centre hospitalier universitaire (CHU) Ibn Sina": the kind's acronym in brackets)
    befores = [re.sub(r"\s*\([A-Z]{2,8}\)\s*$", " ", b) for b in befores]
    # (round 15: l'hôpital "King X": the name in quotes after the kind word)
    befores = [re.sub(r"\s*[«“\"„]\s*$", " ", b) for b in befores]
    # ("l'institut Louis X": the elided article is not the kind word's; round 14: "le centre
    # hospitalier universitaire (CHU) dénommé Ibn Sina": a kind word, then "named")
    befores = [re.sub(r"(?i)(?:\s*\([^()]*\))?\s*(?:d[ée]nomm[ée]e?s?|baptis[ée]e?s?|named|called)\s+$", " ", b) for b in befores]
    # ("le Complexe Hospitalier Le Bon Samaritain": the name's own article after the kind word)
    befores = [re.sub(r"(?<=\w)\s+(?:Le|La|Les|The)\s+$", " ", b) for b in befores]
    words = [re.search(r"([\w’'-]+)\s+$", b) for b in befores]
    return bool(words) and all(w is not None and _a_kind(re.sub(r"^[ld][’']", "", fold(w.group(1)))) for w in words)


def _a_kind(word: str) -> bool:
    """A body's kind word, or a compound ending in one: "hospitalo-universitaire" (round 15),
    "BiotechPole", "technopole" (a pole, a kind of body of French economic development)."""
    return word in _NAMED_AFTER or word.rsplit("-", 1)[-1] in _NAMED_AFTER or word.endswith(("pole", "pôle"))


def not_people(doc: Any, persons: set[str], lang: str) -> set[str]:
    """The model's people that are none: an honorific and its article, a known place, or a
    name whose first word is no given name and that holds a body's, a programme's or an event's
    head word or only common words."""
    out = set()
    text = doc.text
    for person in persons:
        address = HONORIFIC_ARTICLE.match(person)
        if address and (address.group(1) or " " not in person):
            out.add(person)  # "Monsieur", "Monsieur le": an honorific, a title follows ("Monsieur Jean Dupont" stays)
            continue
        words = person.split()
        if _after_kind(text, person) or (len(words) >= 2 and fold(words[0]) in _SITE_FIRST):
            out.add(person)  # "le CHU Ibn Sina", "la Résidence universitaire Hassan II": a body's name
            continue
        if lookup(person) is not None and len(words) >= 2:
            out.add(person)  # "Sidi Thabet": a town
            continue
        at = text.find(person)
        if len(words) < 2 or at < 0 or fold(words[0]) in ROLES or HONORIFICS.match(person) or given_name(doc, at, words[0], lang):
            continue  # (a body's name with its head word is no person by later rules: entities.person_part)
        content = [w for w in words if fold(w) not in _FUNCTION]
        # round 14: a site's or a body's head word after the name ("Harwell Campus", "X Hospital")
        if any(fold(w) in _THINGS or fold(w) in _SITES for w in content[1:]) or all(common_word(doc, lang, w, at + person.find(w)) for w in content):
            out.add(person)  # "Laboratory Expansion Project", "Universal Health Coverage", "Unité Mixte"
    return out


#: An initial (or two) and a surname: "A. Armonaitė", "J.-P. Dupont".
_INITIAL_NAME = re.compile(r"(?<![\w.])((?:[A-Z]\.[\s-]?){1,2}[^\W\d_]{2,}(?:-[^\W\d_]+)?)(?![\w’'-])")


def initial_names(doc: Any, lang: str) -> set[str]:
    """An initial and a surname where a person's name goes: after a post or a verb of saying and
    a comma ("said Minister of the Economy, A. Armonaitė"), or before a comma and a post; the
    surname no common word and no known place."""
    text, out = doc.text, set()
    for match in _INITIAL_NAME.finditer(text):
        name, surname = match.group(1), match.group(1).split(".")[-1].strip(" -")
        if not (surname[:1].isupper() and surname[1:].islower()) or lookup(surname) is not None or (english_word(surname) if lang == "en" else french_word(surname)):
            continue
        before, after = fold(text[max(0, match.start() - 80):match.start()]), text[match.end():match.end() + 40]
        by_post = re.search(r",\s*$", before) and (_ANY_ROLE.search(before) or re.search(r"\b(?:minister|ministre|said|says|a declare|explique)\b", before))
        post_after = re.match(r",\s*(?:the\s+|le\s+|la\s+)?([\w-]+)", after)
        if by_post or (post_after and fold(post_after.group(1)) in ROLES):
            out.add(name)
    return out


def titled_names(doc: Any) -> set[str]:
    """Names after a title the model tags as a miscellany, not a person ("Pr Saliou Sow",
    "Dr Alpha Kabinet Kéita"): an honorific, then two or three capitalised words."""
    out = set()
    for ent in doc.ents:
        if ent.label_ != "MISC" or not (title := HONORIFICS.match(ent.text)):
            continue
        rest = ent.text[title.end():].split()
        if 2 <= len(rest) <= 3 and all(re.fullmatch(_WORD, w) for w in rest) and not _cue(rest):
            out.add(ent.text[title.end():].strip())
    return out


#: A style of address, then two capitalised words ("Mr X Zoltán", "Dr X Y").
_STYLED_PAIR = re.compile(r"(?<![\w.])(?:Mr|Mrs|Ms|Dr|Prof|Mme|M)\.?\s+([^\W\d_]+)\s+([^\W\d_]+)(?![\w’'-])")


def family_name_first(doc: Any, lang: str) -> set[str]:
    """Round 13: a name written family name first after a style of address, as Hungarian writes
    it ("Mr Kovács Zoltán"): the second word a common given name of the lexicon, the first none,
    nor a common word or a known place."""
    out = set()
    for match in _STYLED_PAIR.finditer(doc.text):
        family, given = match.group(1), match.group(2)
        if not (family[:1].isupper() and family[1:].islower() and given[:1].isupper() and given[1:].islower()):
            continue
        if _frequency(family) or _frequency(given) < COMMON_AS_NAME or not given_name(doc, match.start(2), given, lang):
            continue
        if lookup(family) is not None or common_word(doc, lang, family, match.start(1)) or fold(family) in ROLES:
            continue
        out.add(f"{family} {given}")
    return out
