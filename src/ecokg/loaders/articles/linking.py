"""What the extractor proposes, and how mentions link to entities already known.

A mention names an entity of the store (labels, aliases, acronyms, matched
accent-insensitively) or a new candidate; the same name met again in the article
is the same candidate. The store's entities arrive as :class:`Known`, from
:func:`ecokg.queries.resolve.known_entities`: querying the store is the queries
layer's work, above this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ecokg.text import fold


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
class Mention:
    start: int
    end: int
    text: str
    kind: str  # person, org, place
    cls: str
    known: Known | None
    confidence: float
    acronym: str | None = None


# --- linking mentions to entities ---------------------------------------------------


class State:
    """The extraction under way: the candidates so far and the names that link to them."""

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
        self.inner_places: list[Mention] = []

    def register(self, index: int, mentions: list[Mention]) -> None:
        for mention in mentions:
            self.entity_for(mention, index)
        for place in self.inner_places:
            self.entity_for(place, index)
        self.inner_places = []

    def entity_for(self, mention: Mention, index: int) -> Candidate:
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
