"""What earlier sentences said, for the words that point back to it.

A press release names an organisation once in full and then by its kind or a pronoun: "the
cluster's director", "présidente du réseau", "Its CEO, X", "Sa directrice, X", or a sentence
without a subject ("Signing at the same time an agreement with Y", "Engageant en même temps un
partenariat avec Y"). :class:`Discourse` keeps each sentence's mentions and the kind words
each organisation was introduced with ("le réseau X", "X, a cluster of ..."), and answers
which organisation such a word means: the latest one of that kind met so far.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ecokg.loaders.articles.linking import Candidate, Mention, State
from ecokg.loaders.articles.spans import fold_keep_length
from ecokg.text import fold

#: Kind words (folded) and the family they belong to: "pole" and "cluster" name the same kind.
KIND_FAMILIES: dict[str, str] = {
    "cluster": "cluster", "clusters": "cluster", "pole": "cluster", "grappe": "cluster", "hub": "cluster",
    "pole de competitivite": "cluster", "competitiveness cluster": "cluster", "technopole": "cluster",
    "science park": "cluster", "technology park": "cluster",
    "company": "company", "firm": "company", "societe": "company", "entreprise": "company", "start-up": "company",
    "startup": "company", "biotech": "company", "group": "company", "groupe": "company",
    "network": "network", "reseau": "network", "club": "network", "association": "network",
    "alliance": "network", "consortium": "network", "federation": "network",
    "agency": "agency", "agence": "agency", "institute": "institute", "institut": "institute",
    "university": "university", "universite": "university", "foundation": "foundation", "fondation": "foundation",
    "council": "council", "conseil": "council", "centre": "centre", "center": "centre",
    "chamber": "chamber", "chambre": "chamber", "organisation": "organisation", "organization": "organisation",
    # "le recteur de cette institution académique": a university named by what it is.
    "institution academique": "university", "academic institution": "university",
    "etablissement d'enseignement superieur": "university", "higher education institution": "university",
}
_CLASS_FAMILY = {"Cluster": "cluster", "Company": "company", "EconomicDevelopmentAgency": "agency",
                 "ResearchOrganization": "institute", "University": "university"}
_KIND = "|".join(sorted((re.escape(k) for k in KIND_FAMILIES), key=len, reverse=True))
#: "le réseau X", "the cluster X", "l'association X", "the Boston-based company X".
_CUE_BEFORE = re.compile(rf"(?:^|[\s'’(])({_KIND})(?:\s+[\w-]+)?\s*$")
#: "X, a cluster of ...", "X, le pôle de compétitivité ...", "X, un réseau de ...", "X, société cotée ...".
_CUE_AFTER = re.compile(rf"^\s*,\s*(?:(?:a|an|the|un|une|le|la|l'|l’)\s*(?:[\w-]+\s+){{0,2}}?)?({_KIND})\b")
#: Classes that are organisations (a kind word never points to a person or a place).
_NOT_ORGS = {"Person", "Place", "City", "Country", "AdministrativeArea", "Agreement", "Mission", "Meeting",
             "Visit", "Event"}


def family(word: str) -> str | None:
    """The family of a kind word ("pôle" -> "cluster"), or None if it names no kind."""
    return KIND_FAMILIES.get(fold(word).strip())


@dataclass
class Discourse:
    """Mentions of the sentences read so far, and the kinds each organisation was given."""

    mentions: dict[int, list[Mention]] = field(default_factory=dict)
    sentences: dict[int, str] = field(default_factory=dict)
    #: Entity id -> (families it was introduced with, last sentence it was named in).
    kinds: dict[str, set[str]] = field(default_factory=dict)
    #: Kinds known only from a class the rules gave (weaker than words of the text).
    classes: dict[str, set[str]] = field(default_factory=dict)
    last_seen: dict[str, int] = field(default_factory=dict)
    #: The kind words themselves (folded) each organisation was given: "the cluster" means the
    #: one called a cluster before the "hub" of the same family.
    words: dict[str, set[str]] = field(default_factory=dict)
    #: The sentence of a signed agreement whose parties it did not name ("the signing of the
    #: convention ..."), for a next sentence that lists them ("Il s'agit de A, B et C").
    unnamed_agreement: int | None = None

    def read(self, state: State, index: int, sentence: str, mentions: list[Mention]) -> None:
        """Remember a sentence's mentions and the kind words around its organisations."""
        self.mentions[index] = mentions
        self.sentences[index] = sentence
        folded = fold_keep_length(sentence)
        for mention in mentions:
            if mention.kind != "org":
                continue
            entity = state.entity_for(mention, index)
            kinds = self.kinds.setdefault(entity.id, set())
            window = max(0, mention.start - 40)
            before = _CUE_BEFORE.search(folded[window:mention.start])
            if before and any(m.start <= window + before.start(1) < m.end for m in mentions):
                before = None  # "The X Cluster and Y": the kind word ends another name, it is not Y's
            for match in (before, _CUE_AFTER.match(folded[mention.end:mention.end + 60])):
                if match:
                    kinds.add(KIND_FAMILIES[match.group(1)])
                    self.words.setdefault(entity.id, set()).add(match.group(1))
            words = fold(entity.label).split()
            for n in range(len(words)):
                if " ".join(words[n:]) in KIND_FAMILIES or words[n] in KIND_FAMILIES:
                    kinds.add(KIND_FAMILIES.get(" ".join(words[n:])) or KIND_FAMILIES[words[n]])
                    self.words.setdefault(entity.id, set()).add(words[n])
            if entity.cls in _CLASS_FAMILY:
                self.classes.setdefault(entity.id, set()).add(_CLASS_FAMILY[entity.cls])
            self.last_seen[entity.id] = index

    def of_kind(self, state: State, word: str, index: int, exclude: frozenset[str] = frozenset()) -> Candidate | None:
        """The organisation met last (up to ``index``) that was given the kind ``word`` names
        (not one of ``exclude``: "the company signed with the biotech X" is not X)."""
        wanted = family(word)
        if wanted is None:
            return None
        # An organisation the text calls by that very word ("the cluster BioWin", "X Cluster"),
        # then one of that kind ("a hub" is a cluster too), then one of that class.
        exact = {ident: {wanted} for ident, said in self.words.items() if fold(word).strip() in said}
        for table in (exact, self.kinds, self.classes):
            found = [(seen, ident) for ident, seen in self.last_seen.items()
                     if seen <= index and wanted in table.get(ident, set()) and ident in state.entities and ident not in exclude
                     and state.entities[ident].cls not in _NOT_ORGS]
            if found:
                return state.entities[max(found)[1]]
        return None

    def last_met(self, state: State, index: int, word: str, count: int) -> list[Candidate]:
        """The ``count`` organisations met last (up to ``index``), of the kind ``word`` names if it
        names one ("the two clusters"), else of any kind ("the two partners")."""
        wanted = family(word.rstrip("s")) or family(word)
        found = sorted(((seen, ident) for ident, seen in self.last_seen.items()
                        if seen <= index and ident in state.entities and state.entities[ident].cls not in _NOT_ORGS
                        and (wanted is None or wanted in self.kinds.get(ident, set()) | self.classes.get(ident, set()))),
                       reverse=True)
        return [state.entities[ident] for _, ident in found[:count]]

    def subject(self, state: State, index: int, before: int | None = None, back: int = 2) -> Candidate | None:
        """What "its", "sa", "son" or a subjectless sentence points to: the first organisation of
        this sentence (before ``before``), else of the nearest earlier sentence that names one."""
        for n in range(index, max(-1, index - back - 1), -1):
            orgs = [m for m in self.mentions.get(n, []) if m.kind == "org" and (n < index or before is None or m.end <= before)]
            if n < index:
                # An earlier sentence's subject only: "The MoU was signed by ... Acme" is not about Acme.
                orgs = [m for m in orgs[:1] if _leads(self.sentences.get(n, ""), m, self.mentions.get(n, []))]
            if orgs:
                return state.entity_for(orgs[0], n)
        return None


#: An opening participle and its agent: "Invited by X, ...", "Organisé par X, ...".
_AGENT_OPENING = re.compile(r"^\W*[^\W\d]+\s+(?:by|par)\s")


def _leads(sentence: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether ``mention`` opens its sentence: only a dateline, articles, short words, kind words,
    names and a "-based" before it ("OSLO, May 3 – The cluster X ...", "Né en 2005, X, ..."), or
    after an opening phrase and its comma that names nobody ("Earlier this year, Oslo-based X")."""
    before = sentence[:mention.start]
    if _AGENT_OPENING.match(fold(before)):
        return False  # "Invitée par le Conseil X, la commission ...": the participle's agent (round 9)
    comma = before.rfind(",")
    if comma >= 0 and not any(m.kind in ("person", "org") and m.end <= comma for m in mentions):
        before = before[comma + 1:]
    for word in re.finditer(r"[^\W\d]+", before):
        text = word.group(0)
        if text[:1].islower() and len(text) > 3 and fold(text) not in KIND_FAMILIES and before[word.start() - 1:word.start()] != "-":
            return False
    return True
