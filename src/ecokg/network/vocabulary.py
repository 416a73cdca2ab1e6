"""The ontology as the projection reads it: term IRIs, labels, classes, categories and relations.

Which classes are *relations* (reified: a post, an agreement, an event, a site, an acquisition,
a funding round...) is read from the ontology, not listed here: a class that is not an agent
and that is the domain of a property whose range is an agent class is a relation, unless the
ontology says otherwise with ``ek:joinsActors`` on the class or on its nearest annotated
superclass (documents point at their publisher but stay nodes; an agreement is a relation).
A class or property added to the ontology, or to an extension of it loaded as RDF, is read
the same way, without code changes.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from ecokg.namespaces import EK, OWL, PREFIXES, RDFS, SKOS, XSD
from ecokg.network.rows import Lit


class Terms:
    """IRI strings of a namespace's terms, built once (rows are compared as plain strings)."""

    def __init__(self, namespace: Any) -> None:
        self._base = str(namespace)

    def __getattr__(self, name: str) -> str:
        value = self._base + name
        setattr(self, name, value)
        return value


E = Terms(EK)
RDFS_LABEL = str(RDFS.label)
RDFS_SUBCLASSOF = str(RDFS.subClassOf)
RDFS_SUBPROPERTYOF = str(RDFS.subPropertyOf)
RDFS_DOMAIN = str(RDFS.domain)
RDFS_RANGE = str(RDFS.range)
SKOS_PREFLABEL = str(SKOS.prefLabel)
OWL_INVERSEOF = str(OWL.inverseOf)
#: Statuses (local names of ``ekst:`` concepts) of what has not happened (yet): maps draw
#: their links dashed, paths say them.
NOT_DONE = frozenset(("planned", "postponed", "cancelled"))
#: Ranges of the properties whose values date a relation (its link's ``date``).
DATE_RANGES = frozenset(str(t) for t in (XSD.date, XSD.dateTime, XSD.gYearMonth, XSD.gYear))

#: Broad category of a node, from its classes (first match wins).
CATEGORIES = (
    (E.Person, "person"),
    (E.Organization, "organization"),
    (E.Site, "site"),
    (E.Place, "place"),
    (E.Event, "event"),
    (E.Post, "post"),
    (E.Membership, "membership"),
    (E.Agreement, "agreement"),
    (E.Document, "document"),
)


@cache
def curie(iri: str) -> str:
    """``ek:heldBy`` for the IRI of ``ek:heldBy`` (the IRI itself when no prefix fits)."""
    best = ""
    best_prefix = ""
    for prefix, namespace in PREFIXES.items():
        ns = str(namespace)
        if iri.startswith(ns) and len(ns) > len(best):
            best, best_prefix = ns, prefix
    return f"{best_prefix}:{iri[len(best):]}" if best else iri


def local_name(iri: str) -> str:
    """``heldBy`` for the IRI of ``ek:heldBy``: the part after the last ``#`` or ``/``."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class Labels:
    """Language-aware labels: ``lang`` first, then English, then any language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.values: dict[str, dict[str, str]] = defaultdict(dict)

    def add(self, iri: str, literal: Lit, *, weak: bool = False) -> None:
        tag = literal.lang
        if weak and tag in self.values[iri]:
            return
        self.values[iri].setdefault(tag, literal.value)

    def get(self, iri: str, default: str | None = None) -> str | None:
        found = self.values.get(iri)
        if not found:
            return default
        for tag in (self.lang, "", "en"):
            if tag in found:
                return found[tag]
        return found[sorted(found)[0]]


def category(classes: set[str]) -> str:
    """The broad category of a node with these classes (first match in :data:`CATEGORIES`, else "other")."""
    for cls, name in CATEGORIES:
        if cls in classes:
            return name
    return "other"


class Vocabulary:
    """Labels, class hierarchy and inverse properties of the ontology terms."""

    def __init__(self, lang: str) -> None:
        self.labels = Labels(lang)
        self.parents: dict[str, set[str]] = defaultdict(set)
        self.property_parents: dict[str, set[str]] = defaultdict(set)
        self.inverse_side: set[str] = set()
        #: Both directions: ``inverse[ek:holds] == ek:heldBy`` and the other way round.
        self.inverse: dict[str, str] = {}
        self.domains: dict[str, set[str]] = defaultdict(set)
        self.ranges: dict[str, set[str]] = defaultdict(set)
        self.joins: dict[str, bool] = {}
        #: French agreement: a status's feminine label, a class's grammatical gender ("f", "m").
        self.feminine: dict[str, str] = {}
        self.genders: dict[str, str] = {}
        self._ancestors: dict[str, frozenset[str]] = {}
        self._specific: dict[frozenset[str], str | None] = {}
        self._all_ancestors: dict[frozenset[str], frozenset[str]] = {}
        self._relation: dict[frozenset[str], bool] = {}
        self._roles: dict[str, str] = {}
        self._pointing: frozenset[str] | None = None
        self._dates: frozenset[str] | None = None
        self._subs: dict[str, set[str]] | None = None

    @classmethod
    def of(cls, rows: Iterable[Sequence[Any]], lang: str) -> Vocabulary:
        vocab = cls(lang)
        for t, p, o in rows:
            if p in (RDFS_LABEL, SKOS_PREFLABEL) and isinstance(o, Lit):
                vocab.labels.add(t, o)
            elif p == E.yamlKey and isinstance(o, Lit):
                vocab.labels.add(t, Lit(o.value), weak=True)
            elif p == RDFS_SUBCLASSOF and isinstance(o, str):
                vocab.parents[t].add(o)
            elif p == RDFS_SUBPROPERTYOF and isinstance(o, str):
                vocab.property_parents[t].add(o)
            elif p == RDFS_DOMAIN and isinstance(o, str):
                vocab.domains[t].add(o)
            elif p == RDFS_RANGE and isinstance(o, str):
                vocab.ranges[t].add(o)
            elif p == E.joinsActors and isinstance(o, Lit):
                vocab.joins[t] = o.value.strip().lower() in ("true", "1")
            elif p == E.feminineLabel and isinstance(o, Lit) and o.lang == lang:
                vocab.feminine[t] = o.value
            elif p == E.grammaticalGender and isinstance(o, Lit):
                vocab.genders[t] = o.value.strip().lower()
            elif p == OWL_INVERSEOF and isinstance(o, str):
                # `ek:locatedIn owl:inverseOf ek:contains`: the object side is the one
                # the reasoner adds, so its facts duplicate the subject side's.
                vocab.inverse_side.add(o)
                vocab.inverse.setdefault(t, o)
                vocab.inverse.setdefault(o, t)
        return vocab

    def label(self, iri: str) -> str | None:
        return self.labels.get(iri)

    def gender(self, classes: Iterable[str]) -> str:
        """The grammatical gender of the most specific of ``classes`` (its nearest annotated
        class's, breadth first; "m" when none says)."""
        queue = deque(classes)
        seen: set[str] = set()
        while queue:
            cls = queue.popleft()
            if cls in self.genders:
                return self.genders[cls]
            seen.add(cls)
            queue.extend(p for p in sorted(self.parents.get(cls, ())) if p not in seen)
        return "m"

    def status_label(self, status: str, classes: Iterable[str]) -> str | None:
        """The label of the status concept ``status`` as it qualifies a thing of ``classes``:
        the feminine form when their French label is feminine ("réunion prévue")."""
        if status in self.feminine and self.gender(classes) == "f":
            return self.feminine[status]
        return self.label(status)

    def ancestors(self, cls: str) -> frozenset[str]:
        if cls not in self._ancestors:
            seen = {cls}
            queue = deque([cls])
            while queue:
                for parent in self.parents.get(queue.popleft(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        queue.append(parent)
            self._ancestors[cls] = frozenset(seen)
        return self._ancestors[cls]

    def ancestors_of(self, classes: Iterable[str]) -> set[str]:
        key = frozenset(classes)
        if key not in self._all_ancestors:
            found: set[str] = set()
            for cls in key:
                found |= self.ancestors(cls)
            self._all_ancestors[key] = frozenset(found)
        return set(self._all_ancestors[key])

    def is_ecokg_class(self, cls: str) -> bool:
        """An ``ek:`` class, or a class an extension of the ontology places under one."""
        ek = str(EK)
        return cls.startswith(ek) or any(a.startswith(ek) for a in self.ancestors(cls))

    def most_specific(self, classes: Iterable[str]) -> str | None:
        """The deepest ecokg class (most ancestors), alphabetical on ties."""
        key = frozenset(classes)
        if key not in self._specific:
            candidates = sorted(c for c in key if self.is_ecokg_class(c))
            self._specific[key] = (
                max(candidates, key=lambda c: (len(self.ancestors(c)), [-ord(ch) for ch in c]))
                if candidates else None
            )
        return self._specific[key]

    # --- actors and relations ---------------------------------------------------------

    def is_actor(self, classes: Iterable[str]) -> bool:
        """Whether an entity of these classes (ancestors included) is an agent: a person or an organisation."""
        return E.Agent in classes

    def _pointing_classes(self) -> frozenset[str]:
        """Classes that are the domain of a property whose range is an agent class."""
        if self._pointing is None:
            self._pointing = frozenset(
                d for p, domains in self.domains.items()
                if any(E.Agent in self.ancestors(r) for r in self.ranges.get(p, ()))
                for d in domains
            )
        return self._pointing

    def is_relation(self, types: Iterable[str]) -> bool:
        """Whether an entity of these asserted ``types`` is a relation between the actors it names.

        The nearest class annotated with ``ek:joinsActors`` decides (the deepest, then true
        first); without one, a class that is not an agent and whose instances point at agents
        (the domain of a property with an agent range) is a relation.
        """
        key = frozenset(types)
        if key not in self._relation:
            closure = self.ancestors_of(key)
            if self.is_actor(closure):
                found = False
            else:
                annotated = sorted(
                    (c for c in closure if c in self.joins),
                    key=lambda c: (-len(self.ancestors(c)), not self.joins[c], c),
                )
                found = self.joins[annotated[0]] if annotated else bool(closure & self._pointing_classes())
            self._relation[key] = found
        return self._relation[key]

    def role(self, prop: str) -> str:
        """The role a property gives, as its broadest super-property that has a domain of its own
        (``ek:ledBy`` → ``ek:participant``): ends in the same role are peers."""
        if prop not in self._roles:
            best = prop
            seen = {prop}
            queue = deque([prop])
            while queue:
                for parent in sorted(self.property_parents.get(queue.popleft(), ())):
                    if parent not in seen:
                        seen.add(parent)
                        queue.append(parent)
                        if self.domains.get(parent):
                            best = parent
            self._roles[prop] = best
        return self._roles[prop]

    def property_ancestors(self, prop: str) -> set[str]:
        """The super-properties of ``prop``, transitively (``ek:ledBy`` → ``{ek:participant}``)."""
        found: set[str] = set()
        queue = deque([prop])
        while queue:
            for parent in self.property_parents.get(queue.popleft(), ()):
                if parent not in found:
                    found.add(parent)
                    queue.append(parent)
        return found

    def sub_properties(self, prop: str) -> set[str]:
        """The properties under ``prop``, transitively (``ek:participant`` → ``{ek:ledBy}``)."""
        if self._subs is None:
            subs: dict[str, set[str]] = defaultdict(set)
            for child in list(self.property_parents):
                for parent in self.property_ancestors(child):
                    subs[parent].add(child)
            self._subs = dict(subs)
        return self._subs.get(prop, set())

    def date_properties(self) -> frozenset[str]:
        """Properties whose values are dates (their range is ``xsd:date`` or a kin of it)."""
        if self._dates is None:
            self._dates = frozenset(p for p, ranges in self.ranges.items() if ranges & DATE_RANGES)
        return self._dates


__all__ = [
    "CATEGORIES", "NOT_DONE", "E", "Labels", "Terms", "Vocabulary", "category", "curie", "local_name",
]
