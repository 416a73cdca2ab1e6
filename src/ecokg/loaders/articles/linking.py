"""What the extractor proposes, and how mentions link to entities already known.

A mention names an entity of the store (labels, aliases, acronyms, matched
accent-insensitively) or a new candidate; the same name met again in the article
is the same candidate. The store's entities arrive as :class:`Known`, from
:func:`ecokg.queries.resolve.known_entities`: querying the store is the queries
layer's work, above this one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.lexical import known_country
from ecokg.loaders.articles.matching import FORMS, LINK_THRESHOLD, Index, words
from ecokg.text import fold


def _values(candidate: Candidate) -> set[str]:
    """The strings a candidate's posts and properties hold (the ids it points to, among others)."""
    out = {str(v) for post in candidate.posts for v in post.values()}
    for values in candidate.props.values():
        for value, _, _ in values:
            out.update(str(v) for v in (value if isinstance(value, list | tuple) else [value]))
    return out


def slug(text: str) -> str:
    folded = fold(text).replace("'", "-")
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9.-]+", "-", folded)).strip("-.") or "entity"


# --- what the extractor proposes ---------------------------------------------------


@dataclass
class Known:
    """An entity already in the store (or, ``stored=False``, proposed by an earlier article
    of the same run): the extractor links mentions to it."""

    id: str
    label: str
    cls: str
    names: list[str]
    stored: bool = True


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
    #: Sites of an organisation ("implantera une filiale à Marseille"): located_in, status, quote.
    sites: list[dict[str, Any]] = field(default_factory=list)
    #: Entities it may be, below the linking threshold: (id, label, confidence), for the reviewer.
    choices: list[tuple[str, str, float]] = field(default_factory=list)
    #: Linked to an entity proposed by an earlier article of the same run.
    run_link: bool = False

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
    #: The date the article's dates were resolved against (``--date`` or its dateline), if any.
    document_date: str | None = None
    #: Dates the article gives that stay unresolved for want of a document date: (text, sentence).
    unresolved: list[tuple[str, int]] = field(default_factory=list)
    #: Where ``extract_file`` wrote the candidates.
    output: Path | None = None

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
    #: a shorter name of the same entity written in the sentence ("Institut Pasteur" of
    #: "Institut Pasteur de Dakar"), kept as an alias
    alias: str | None = None


# --- linking mentions to entities ---------------------------------------------------


class State:
    """The extraction under way: the candidates so far and the names that link to them."""

    def __init__(self, sentences: list[str], lang: str, known: list[Known], ref: dt.date | None) -> None:
        self.sentences = sentences
        self.lang = lang
        #: The document's date, against which day-month dates are resolved (None: unresolved).
        self.ref = ref
        #: Dates the article gives that could not be resolved: (text, sentence index).
        self.unresolved: list[tuple[str, int]] = []
        self.entities: dict[str, Candidate] = {}
        self.by_name: dict[str, str] = {}
        self.known_names: list[tuple[str, Known]] = []
        for entity in known:
            for name in {entity.label, *entity.names}:
                if len(name) >= 3:
                    self.known_names.append((name, entity))
        self.known_names.sort(key=lambda item: len(item[0]), reverse=True)
        #: Every known name and every name proposed so far, for links by variant (:mod:`.matching`).
        self.index: Index[Known | Candidate] = Index()
        self.place_names: set[tuple[str, ...]] = set()
        for name, entity in self.known_names:
            self.index.add(name, entity)
            if entity.cls in _PLACES:
                self.place_names.add(words(name))
        self.dateline: str | None = None
        self.last_agreement: Candidate | None = None
        self.mission: Candidate | None = None
        self.pending_events: list[Candidate] = []
        self.first_authority: str | None = None
        #: How often the model called each name an organisation and a place ([orgs, places]).
        self.model_votes: dict[str, list[int]] = {}
        #: Places named inside an organisation's name, registered but not linked by rules.
        self.inner_places: list[Mention] = []
        self.pending_choice: tuple[str, str, float] | None = None
        #: The previous line announced organisations on bulleted lines ("member institutions:").
        self.org_list_open = False

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
            existing = self.entities[ident]
            if mention.kind == "org" and mention.confidence >= 0.6 and existing.cls in _PLACES and not existing.known and existing.confidence <= 0.6 and not known_country(existing.label):  # "President of Uruguay": the country
                existing.cls = mention.cls  # the model's place was an organisation's name
            elif mention.kind == "org" and mention.confidence >= 0.6 and existing.cls == "Organization" and not existing.known:
                existing.cls = mention.cls  # "le pôle de compétitivité Eurobiomed": more precise than a headline's name
            return existing
        if mention.known is not None:
            k = mention.known
            candidate = self.entities.get(k.id) or Candidate(
                k.id, k.cls, k.label, index, 1.0 if k.stored else 0.8, known=k.stored
            )
            candidate.run_link = candidate.run_link or not k.stored
        else:
            label = _clean_label(mention.text, person=mention.kind in ("person", "place"))
            if not re.search(r"[A-Z]", label[1:2] + label[2:].split(" ")[0]):
                label = label[:1].upper() + label[1:]  # but "bioMérieux" as written
            linked = self._link(label, mention, index)
            if linked is not None:
                self.by_name[key] = linked.id
                return linked
            ident = slug(label)
            # A surname in capitals ("Nicolas PARIS") is the same person as "Nicolas Paris".
            candidate = self.entities.get(ident) or Candidate(
                ident, mention.cls, label, index, mention.confidence
            )
            if candidate.label != label and label not in candidate.aliases:
                candidate.aliases.append(label)
            if mention.acronym and not candidate.acronym:
                candidate.acronym = mention.acronym
            if mention.alias and mention.alias not in candidate.aliases:
                candidate.aliases.append(mention.alias)
                self.by_name.setdefault(fold(mention.alias), candidate.id)
        self.entities[candidate.id] = candidate
        self.by_name[key] = candidate.id
        if mention.acronym:
            self.by_name[fold(mention.acronym)] = candidate.id
        if candidate.cls in ("RegionalAuthority",) and self.first_authority is None:
            self.first_authority = candidate.id
        if not candidate.known:
            self.index.add(candidate.label, candidate)
            if candidate.cls in _PLACES:
                self.place_names.add(words(candidate.label))
        if self.pending_choice is not None and not candidate.known:
            if all(c[0] != self.pending_choice[0] for c in candidate.choices):
                candidate.choices.append(self.pending_choice)
        self.pending_choice = None
        return candidate

    def drop_glued_people(self) -> None:
        """After the first reading: an organisation whose name ends with a person's name met
        elsewhere ("Government of Catalonia Artur Mas") is forgotten, to be read again without it."""
        people = {fold(c.label) for c in self.entities.values() if c.cls == "Person"}
        for ident, candidate in list(self.entities.items()):
            words = fold(candidate.label).split()
            if _kind(candidate.cls) == "org" and not candidate.known and any(
                len(words) > k and " ".join(words[-k:]) in people for k in (2, 3)
            ):
                del self.entities[ident]
                self.index.remove(candidate)
                self.by_name = {k: v for k, v in self.by_name.items() if v != ident}

    def _link(self, label: str, mention: Mention, index: int) -> Candidate | None:
        """The entity a new name is a variant of ("BioForward Wisconsin" -> BioForward), if sure
        enough; a less sure one is kept as a choice for the reviewer (``pending_choice``)."""
        self.pending_choice = None
        kind = _kind(mention.cls)

        def same_kind(target: Known | Candidate) -> bool:
            return _kind(target.cls) == kind and not (isinstance(target, Candidate) and target.cls in _EVENTS)

        match = self.index.best(label, lambda text: words(text) in self.place_names, same_kind)
        if match is None or (kind == "person" and match.score < 1.0):
            return None
        if kind == "org" and fold(match.target.label) != fold(label) and (place := lookup(label)) is not None and place.kind in ("country", "region"):
            return None  # round 13: "Washington’s sector" is the state, not the "Washington Global Health Alliance"
        target = match.target
        if match.score < LINK_THRESHOLD:
            self.pending_choice = (target.id, target.label, round(match.score, 2))
            return None
        if isinstance(target, Candidate):
            candidate = target
        elif target.stored:
            candidate = self.entities.get(target.id) or Candidate(target.id, target.cls, target.label, index, match.score, known=True)
        else:
            candidate = self.entities.get(target.id) or Candidate(target.id, target.cls, target.label, index, min(mention.confidence, match.score))
            candidate.run_link = True
        if not candidate.known and label != candidate.label and label not in candidate.aliases:
            candidate.aliases.append(label)
        self.entities[candidate.id] = candidate
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
        self._merge_places_into_orgs()
        self._places_by_vote()

    def vote(self, orgs: set[str], places: set[str]) -> None:
        """Counts what the model called each name in one sentence."""
        for name in orgs | places:
            votes = self.model_votes.setdefault(fold(name), [0, 0])
            votes[0 if name in orgs else 1] += 1

    def _places_by_vote(self) -> None:
        """An organisation only the model proposed ("visited Heidelberg"), under a name the model
        calls a place more often elsewhere in the article, is that place: the model's guess is
        weighed against its other guesses, and no rule, acronym or relation holds it."""
        used = {value for c in self.entities.values() for value in _values(c)}
        for ident, candidate in self.entities.items():
            votes = self.model_votes.get(fold(candidate.label), [0, 0])
            if (candidate.cls == "Organization" and candidate.confidence <= 0.55 and not candidate.known and not candidate.acronym
                    and ident not in used and votes[1] > votes[0]):
                candidate.cls = "Place"

    def _merge_places_into_orgs(self) -> None:
        """A name the model called a place in one sentence and a rule an organisation in
        another ("Cancer-Bio-Santé") is one entity, the organisation."""
        orgs: dict[str, str] = {}
        for candidate in self.entities.values():
            if _kind(candidate.cls) == "org":
                for name in (candidate.label, *candidate.aliases, candidate.acronym or ""):
                    if name:
                        orgs.setdefault(fold(name), candidate.id)
        for ident, candidate in list(self.entities.items()):
            # "Cancer-Bio-Santé" is the place the model saw where a rule saw the cluster "CBS".
            initials = "".join(w[0] for w in re.split(r"[\s-]+", candidate.label) if w[:1].isupper())
            target = orgs.get(fold(candidate.label)) or (orgs.get(fold(initials)) if len(initials) >= 3 else None)
            target = target or (self._company_of(candidate.label) if candidate.confidence <= 0.6 else None)
            if target and candidate.cls in _PLACES and target in self.entities and fold(self.entities[target].label) == fold(initials) and lookup(candidate.label) is not None:
                self._merge(target, ident)  # round 13: "CEE" is "Central and Eastern Europe", a known region
                continue
            if candidate.cls in _PLACES and not candidate.known and candidate.confidence <= 0.65 and target:
                self._merge(ident, target)
        # "l'agence AD'OCC" in the headline, "Agence de ... de la Région Occitanie (AD'OCC)" later: one body.
        acronyms = {fold(c.acronym): c.id for c in self.entities.values() if c.acronym and _kind(c.cls) == "org"}
        for ident, candidate in list(self.entities.items()):
            target = acronyms.get(fold(candidate.label))
            if _kind(candidate.cls) == "org" and not candidate.known and target not in (None, ident) and not candidate.acronym:
                self._merge(ident, target)

    def _company_of(self, label: str) -> str | None:
        """"Vantora", a place only to the model, is "Vantora Therapeutics" named short, unless the
        article puts it where a place goes ("in Vantora", "à Vantora")."""
        if any(re.search(rf"\b(?:in|at|to|from|near|à|en|au|aux|vers)\s+{re.escape(label)}\b", s) for s in self.sentences):
            return None
        return next((c.id for c in self.entities.values() if _kind(c.cls) == "org" and fold(c.label).startswith(fold(label) + " ")
                     and len(words(c.label)) == len(words(label)) + 1 and words(c.label)[-1] in FORMS), None)

    def _merge(self, ident: str, target: str) -> None:
        """``ident`` is ``target``: its label becomes an alias, and what pointed at it points at the target."""
        candidate = self.entities.pop(ident)
        if fold(candidate.label) != fold(self.entities[target].label) and candidate.label not in self.entities[target].aliases:
            if fold(candidate.label) != fold(self.entities[target].acronym or ""):
                self.entities[target].aliases.append(candidate.label)
        for other in self.entities.values():
            for key, values in other.props.items():
                other.props[key] = [(target if v == ident else v, q, c) for v, q, c in values]
            for item in (*other.posts, *other.sites):
                for key, value in item.items():
                    if value == ident:
                        item[key] = target


_PLACES = {"Place", "City", "Country", "AdministrativeArea"}
_EVENTS = {"Agreement", "Mission", "Meeting", "Visit", "Event", "Signing"}


def _kind(cls: str) -> str:
    return "place" if cls in _PLACES else "person" if cls == "Person" else "event" if cls in _EVENTS else "org"


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

