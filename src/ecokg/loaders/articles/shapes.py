"""The shape of a span of a sentence, for the rules of :mod:`.entities`: a headline, a person's
name, an organisation's name that stands on its own, a place only the model proposed, the words
of a capitalised sequence, an institution's name with lower-case words inside."""

from __future__ import annotations

import re

from ecokg.loaders.articles.bodies import legislature
from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.given_names import frequency
from ecokg.loaders.articles.institutions import listed_before
from ecokg.loaders.articles.lexical import english_words
from ecokg.loaders.articles.linking import Candidate, State
from ecokg.loaders.articles.ner import Names
from ecokg.loaders.articles.notnames import GENERIC_WORDS, demonym, generic_only, joins_next
from ecokg.loaders.articles.patterns import CAP_SEQ, COMPOUND, MIXED, NAME_ELEMENTS, UPPER
from ecokg.loaders.articles.spans import head_class, role_at, split_and, trim_article, trim_trailing
from ecokg.loaders.articles.vocabulary import COMPANY_ENDINGS, HONORIFICS, NOT_NAMES, ROLE_WORDS
from ecokg.text import fold

_EVENT_WORDS = re.compile(r"\b(?:convention|summit|sommet|conference|congress|congres|forum|salon|symposium|days|week|awards?|prize|prix|webinar)\b")


class _EventName:
    """Names of events, not of organisations ("BIO International Convention", "... Summit"); a
    country's or a territory's congress is its assembly ("congrès de la Nouvelle-Calédonie")."""

    def search(self, folded: str) -> re.Match[str] | None:
        match = _EVENT_WORDS.search(folded)
        if match and match.group(0).startswith("congres") and legislature(folded[match.start():]) and len(_EVENT_WORDS.findall(folded)) == 1:
            return None
        return match


EVENT_NAME = _EventName()
PLACE_CLASSES = {"Place", "City", "Country", "AdministrativeArea"}


def org_on_its_own(state: State, text: str) -> bool:
    """"Northwind Labs", "BioNova": the words read as an organisation's name without what follows."""
    words = text.split()
    ident = state.by_name.get(fold(text.strip()))
    return bool(words) and (
        (len(words) >= 2 and head_class(fold(text).split()) is not None) or any(MIXED.fullmatch(w) or COMPOUND.fullmatch(w) for w in words)
        or (ident is not None and state.entities[ident].cls not in PLACE_CLASSES | {"Person"})
    )


#: A kind of public body or institution, lower-case words, then whose it is: "Chambre de commerce
#: et d'industrie de Lyon", "Agence régionale de santé d'Occitanie", "Department of Health".
INSTITUTION = re.compile(
    r"\b(?:Communauté|Chambre|Conseil|Agence|Institut|Université|Ministère|Direction|Caisse|Banque|Syndicat|Fédération|"
    r"Centre|Maison|École|Hôpital|Service|Ministry|Department|Chamber|Council|Agency|Institute|University|Center|Hospital|School|"
    r"College|Federation|Bank)"
    rf"(?:\s+(?:(?:de|du|des|et|of|for|and)\s+|d[’']|l[’'])?[a-zà-ÿ][\w-]*){{1,5}}?\s+(?:de la|de l[’']|du|des|de|d[’']|of the|of)\s*"
    rf"[{UPPER}][\w’'-]*(?:[\s-][{UPPER}][\w’'-]*){{0,3}}"
)
#: Words after a cue that are not an adjective of the name to come ("the company also ...").
FUNCTION_WORDS = {"also", "aussi", "which", "whose", "dont", "where", "their", "leurs", "notre", "votre", "these", "those", "being", "would", "could", "should", "about", "after", "avant", "apres", "depuis", "since", "pendant"}
#: A count before a capitalised phrase: "11 new Centres of ...", "trois Pôles ...".
COUNT = re.compile(
    r"(?<![\w-])(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|deux|trois|quatre|cinq|sept|huit|neuf|dix)"
    r"\s+(?:[a-zà-ÿ][\w-]*\s+)?$"
)


def initials_of(text: str, acronym: str) -> bool:
    """"Centres of Excellence for Commercialization and Research" is "CECRs", "Minnesota Department
    of Employment and Economic Development" is "DEED" (a place before it): "and" is inside the name."""
    words = re.findall(r"[\w’'-]+", text)
    capitals = [n for n, w in enumerate(words) if w[0].isupper()]
    short = acronym.rstrip("s").lower()
    if len(short) < 2 or len(capitals) < len(short):
        return False
    first = capitals[len(capitals) - len(short)]  # where the acronym's words begin
    spelled = "".join(words[n][0] for n in capitals[len(capitals) - len(short):]).lower()
    # "BIOQuébec and Life Sciences British Columbia (LSBC)": the "and" is before them, two names
    return spelled == short and len(capitals) - len(short) <= 1 and any(w in ("and", "et", "&") for w in words[first:])


_SMALL_WORDS = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "of", "and", "the", "for", "&", "a", "en", "in"}


def spelled_out(before: str, acronym: str) -> int | None:
    """Where the name an acronym spells out starts, when it holds lower-case words the
    capitalised sequence stops at: "Agence de développement et d'innovation de la
    Nouvelle-Aquitaine (ADI N-A)". The initials of its words (not the small ones) are the
    acronym's letters; None when no such run of words ends ``before``. Failing that, a body
    named by its list of domains is spelled out whatever its acronym ("Ministry of Science,
    Technology and Innovation (MCTI)": the acronym of another language)."""
    by_initials = _by_initials(before, acronym)
    return by_initials if by_initials is not None else listed_before(before)


def _by_initials(before: str, acronym: str) -> int | None:
    letters = re.sub(r"[^a-z0-9]", "", fold(acronym.rstrip("s")))
    words = list(re.finditer(r"[^\s’'-]+", before))
    if len(letters) < 3 or len(words) < 3:
        return None
    for n in range(2, min(len(words), 14) + 1):
        run = words[-n:]
        content = [w.group(0) for w in run if fold(w.group(0)) not in _SMALL_WORDS]
        initials = "".join(fold(w)[0] for w in content if w[:1].isalnum())
        # (lower-case words, or a comma: the names capitalised sequences cannot read whole)
        inside = before[run[0].start():]
        lower = any(w[:1].islower() for w in content) or "," in inside
        if run[0].group(0)[:1].isupper() and (
            (lower and (initials == letters or _one_word_skipped(initials, letters)))
            or ((" et " in inside or " and " in inside) and _reordered(initials, letters))
        ):
            # (an acronym may skip a word: "Département de l'économie, de l'emploi et des affaires
            # extérieures (DEEE)"; or reorder its last ones: "UEMOA")
            return run[0].start()
        if len(initials) > len(letters) + 1:
            return None
    return None


def _reordered(initials: str, letters: str) -> bool:
    """``letters`` are ``initials`` with its later words in another order, as a French acronym may
    follow the adjective's place ("Union Économique et Monétaire de l'Afrique de l'Ouest (UEMOA)")."""
    return len(letters) >= 4 and initials != letters and initials[:2] == letters[:2] and sorted(initials) == sorted(letters)


def _one_word_skipped(initials: str, letters: str) -> bool:
    """``letters`` are ``initials`` but one inner word's: same first and last letters."""
    return len(letters) >= 4 and len(initials) == len(letters) + 1 and initials[0] == letters[0] and initials[-1] == letters[-1] and any(
        initials[:i] + initials[i + 1:] == letters for i in range(1, len(initials) - 1)
    )


def place_of_store(state: State, name: str) -> bool:
    """A place the store, the dateline or a rule names (not one only the model guessed)."""
    ident = state.by_name.get(fold(name))
    return ident is not None and state.entities[ident].cls in PLACE_CLASSES and not weak_place(state.entities[ident])


def met_person(state: State, name: str) -> bool:
    ident = state.by_name.get(fold(name))
    return ident is not None and state.entities[ident].cls == "Person"


#: Parts and sites of an organisation named after "X’s ...": "JETRO's Dublin office".
_PARTS = r"office|unit|team|site|branch|division|plant|subsidiary|campus|arm|affiliate|headquarters|lab|laboratory"


def possessive_in_name(after: str, following: str = "") -> bool:
    """What follows "X’s" keeps it in the name: capitalised words, none a post or a body of the
    organisation ("Sherbrooke Innopole’s Board", "BIOQuébec’s CEO"), nor an adjective of
    nationality or a place before a part of it ("Acme's Irish unit", "JETRO's Dublin office":
    ``following`` is the text after the span)."""
    words = after.split()
    if not words or demonym(words[0]) or re.match(rf"\s+(?:{_PARTS})\b", following):
        return False
    return all(w[:1].isupper() for w in words) and not ROLE_WORDS.search(fold(after)) and not re.search(
        r"\b(?:board|committee|minister|premier|governor|mayor|team|staff)\b", fold(after)
    )


def is_heading(sentence: str) -> bool:
    """A headline in title case: "BIOQuébec and MassBio Renew Their Memorandum of Cooperation"."""
    words = [w for w in re.findall(r"[^\W\d]+", sentence) if len(w) >= 4]
    if sentence.rstrip().endswith((".", "!", "?")) or any(q in sentence for q in "«»“”\"") or len(words) < 3:
        return False
    return sum(1 for w in words if w[:1].isupper()) / len(words) >= 0.7



def conjuncts(sentence: str) -> list[tuple[int, str]]:
    """Capitalised sequences, split at "and"/"et": "Sherbrooke Innopole and Medicon Village"
    (but "Natural Sciences and Engineering Research Council" is one name)."""
    out = []
    for match in CAP_SEQ.finditer(sentence):
        out.extend(split_and(match.start(), match.group(0), joins_next))
    return out


#: Kinds of place that end a place's name, never a person's.
_PLACE_KINDS = {"valley", "vallee", "country", "coast", "island", "islands", "bay", "lake", "river", "mountains", "county"}


def _english(word: str) -> bool:
    """An English common word, or its plural ("technologies")."""
    lexicon = english_words()
    return word in lexicon or (word.endswith("ies") and word[:-3] + "y" in lexicon) or (word.endswith("s") and word[:-1] in lexicon)


def person_part(name: str) -> str | None:
    """A tagged person name made clean: no honorific, no "de Sanofi" tail, two to four words."""
    name = HONORIFICS.sub("", name.strip())
    head = re.split(rf"\s+(?:de la|de l’|du|des|de|d’|d'|at|of)\s*(?=[{UPPER}a-z])", name)[0]
    name = head if len(head.split()) >= 2 else name  # "Marie de la Vallière": a particle, not "de Sanofi"
    name = re.split(r"\s*[,(]", name)[0].strip()
    words = name.split()
    if not 2 <= len(words) <= 4 + sum(1 for w in words if fold(w) in NAME_ELEMENTS) or not all(w[:1].isupper() or w in ("de", "la", "van", "von", "da", "di", "le", "der", "den", "del", "della", "ter", "ten") or w in NAME_ELEMENTS for w in words):
        return None
    if fold(words[0]) in NOT_NAMES or ROLE_WORDS.search(fold(name)) or head_class(fold(name).split()):
        return None
    if all(len(w.rstrip(".")) <= 1 for w in words):
        return None  # "G. E. I. E": an acronym written with dots, not a person's initials
    # (a surname with a particle is written in mixed case: "Mike DeWine", "Anne LeBlanc")
    # (round 13: a common given name is no compound's stem: "Mohamed", "Ahmed", "Fabio")
    mixed = [w for w in words if (MIXED.fullmatch(w) and not re.fullmatch(r"(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|O’)[A-Z][a-z]+", w)) or (COMPOUND.fullmatch(w) and frequency(w) < 5)]
    if mixed or fold(words[-1]) in COMPANY_ENDINGS:
        return None  # "Ginkgo Bioworks", "Corvine Bio": a company's name
    if generic_only(name):
        return None  # "Business Development"
    if lookup(name) is not None:
        return None  # "Abu Dhabi", "Sidi Thabet": a known place's name (after a title: "Chairman of the X – Abu Dhabi")
    if not frequency(words[0]) and all(_english(fold(w)) for w in words):
        return None  # "[Center for] Emerging Technologies": no given name, only English words
    if fold(words[-1]) in _PLACE_KINDS:
        return None  # "Loire Valley", "Gold Coast": a place's name, by its kind
    if fold(words[0]) in GENERIC_WORDS and words[-1].isupper():
        return None  # "[Unité Mixte de] Recherche KALIX": a field and a code, not a name in capitals
    return name


def is_person_name(text: str, names: Names) -> bool:
    """``text`` is a name the model tagged as a person's (or its first words: "Maud Bouvier d’Evotec")."""
    # Only names that look like people's: the model also tags "Montréal InVivo" a person.
    return any(text == p or p.startswith(text + " ") for p in names.persons if len(p.split()) >= 2 and person_part(p) is not None)


def place_ids(state: State) -> set[str]:
    return {i for i, c in state.entities.items() if c.cls in PLACE_CLASSES}


def enclosing_caps(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The capitalised words around a mixed-case word ("Montréal InVivo"), when they are few
    and hold no other name of their own ("BIO International Convention BIOQuébec": BIOQuébec)."""
    for s, text in conjuncts(sentence):
        if s <= start and end <= s + len(text):
            s2, text = trim_article(s, trim_trailing(text))
            lead = re.match(r"^.*?\b(?:of|at|de|du|d’|d')\s*(?:the\s+|la\s+|l’)?", text) if role_at(text) else None
            if lead and s2 + lead.end() <= start:
                s2, text = s2 + lead.end(), text[lead.end():]  # "Président de BioValley France"
            words = text.split()
            others = [w for w in words if w != sentence[start:end] and (MIXED.fullmatch(w) or w.isupper())]
            if len(words) > 3 or others or EVENT_NAME.search(fold(text)):
                return start, end
            return s2, s2 + len(text)
    return start, end


def weak_place(candidate: Candidate) -> bool:
    """A place only the model (or a dateline) proposed: a later rule may find it is an organisation."""
    return candidate.cls in PLACE_CLASSES and not candidate.known and candidate.confidence <= 0.6


def strip_roles(name: str) -> str:
    """"BIOQuébec Executive Director" -> "BIOQuébec"; "the Maryland Tech Council" -> "Maryland Tech Council"."""
    name = re.sub(r"^(?:the|le|la|les|l’|l')\s*", "", name.strip(), flags=re.IGNORECASE)
    folded = fold(name)
    match = ROLE_WORDS.search(folded)
    if match and match.start() > 0:
        name = name[: match.start()].strip()
    return name.strip(" ,.’'")
