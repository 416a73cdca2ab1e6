"""The ontology as the projection reads it: term IRIs, labels, classes and categories."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from ecokg.namespaces import EK, OWL, PREFIXES, RDFS, SKOS
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
SKOS_PREFLABEL = str(SKOS.prefLabel)
OWL_INVERSEOF = str(OWL.inverseOf)


#: Classes whose instances are relationships, collapsed into edges with ``collapse=True``.
RELATIONSHIP_CLASSES = (E.Post, E.Membership, E.Agreement, E.Event, E.Site)
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
        self.inverse_side: set[str] = set()
        self._ancestors: dict[str, frozenset[str]] = {}
        self._specific: dict[frozenset[str], str | None] = {}
        self._all_ancestors: dict[frozenset[str], frozenset[str]] = {}

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
            elif p == OWL_INVERSEOF and isinstance(o, str):
                # `ek:locatedIn owl:inverseOf ek:contains`: the object side is the one
                # the reasoner adds, so its facts duplicate the subject side's.
                vocab.inverse_side.add(o)
        return vocab

    def label(self, iri: str) -> str | None:
        return self.labels.get(iri)

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

    def most_specific(self, classes: Iterable[str]) -> str | None:
        """The deepest ek: class (most ancestors), alphabetical on ties."""
        key = frozenset(classes)
        if key not in self._specific:
            ek = str(EK)
            candidates = sorted(c for c in key if c.startswith(ek))
            self._specific[key] = (
                max(candidates, key=lambda c: (len(self.ancestors(c)), [-ord(ch) for ch in c]))
                if candidates else None
            )
        return self._specific[key]


__all__ = [
    "CATEGORIES", "RELATIONSHIP_CLASSES", "E", "Labels", "Terms", "Vocabulary", "category", "curie", "local_name",
]
