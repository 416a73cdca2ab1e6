"""Find an entity from what a person types: an IRI, a CURIE, an id or a label.

Labels match accent- and case-insensitively, aliases and acronyms included
("aer bfc", "Region Bourgogne-Franche-Comte", "WEDC"). An ambiguous or unknown
name is an :class:`~ecokg.errors.EntityNotFound` listing the candidates.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import TYPE_CHECKING

from rdflib import URIRef

from ecokg.errors import EntityNotFound
from ecokg.loaders.articles import Known
from ecokg.namespaces import EK, EKR, PREFIXES
from ecokg.ontology import vocabulary
from ecokg.text import fold

if TYPE_CHECKING:
    from ecokg.graph.store import Backend

NAMES_QUERY = """
SELECT ?e ?name ?type ?main WHERE {
  # The names first, then the types of what they name: starting from the types would read
  # every provenance statement and excerpt too (on the Crunchbase export, 15 s instead of 1.5).
  { SELECT ?e ?name ?main WHERE {
      { ?e rdfs:label ?name BIND(true AS ?main) }
      UNION { ?e skos:altLabel ?name BIND(false AS ?main) }
      UNION { ?e ek:acronym ?name BIND(false AS ?main) }
  } }
  ?e a ?type .
}
"""


class NameIndex:
    """Folded names -> entities, built once per store state."""

    def __init__(self, rows: list[tuple[URIRef, str, URIRef, bool]]) -> None:
        self.by_name: dict[str, set[URIRef]] = defaultdict(set)
        self.labels: dict[URIRef, str] = {}
        self.types: dict[URIRef, set[URIRef]] = defaultdict(set)
        for entity, name, cls, main in rows:
            if not str(entity).startswith(str(EKR)):
                continue
            self.by_name[fold(str(name))].add(entity)
            self.types[entity].add(cls)
            if main or entity not in self.labels:
                self.labels[entity] = str(name)
        for entity in list(self.types):
            self.by_name[fold(str(entity).removeprefix(str(EKR)))].add(entity)

    @classmethod
    def of(cls, backend: Backend) -> NameIndex:
        store = backend.oxigraph()
        if store is None:
            return cls([(e, n, t, bool(m.toPython())) for e, n, t, m in backend.select(NAMES_QUERY)])
        # The embedded store: its terms read as text, an rdflib term made only for entities
        # (half of the time on a large store went to converting every cell).
        ekr = str(EKR)
        classes: dict[str, URIRef] = {}
        rows = []
        solutions = store.query(NAMES_QUERY, prefixes={k: str(v) for k, v in PREFIXES.items()}, use_default_graph_as_union=True)
        for entity, name, cls_, main in solutions:
            if entity.value.startswith(ekr):
                type_iri = classes.get(cls_.value) or classes.setdefault(cls_.value, URIRef(cls_.value))
                rows.append((URIRef(entity.value), name.value, type_iri, main.value == "true"))
        return cls(rows)

    def describe(self, entity: URIRef) -> str:
        kinds = sorted(str(t).rsplit("#", 1)[-1] for t in self.types.get(entity, ()))
        kind = f", {'/'.join(kinds)}" if kinds else ""
        return f"{self.labels.get(entity, entity)} <{entity}>{kind}"

    def resolve(self, text: str) -> URIRef:
        """The one entity ``text`` names."""
        text = text.strip()
        if not text:
            raise EntityNotFound("an empty name names no entity")
        if text.startswith(("http://", "https://", "urn:")):
            iri = URIRef(text)
            if iri in self.types:
                return iri
            raise EntityNotFound(f"no entity <{text}> in the graph")
        prefix, sep, local = text.partition(":")
        if sep and prefix in PREFIXES and " " not in text:
            iri = URIRef(str(PREFIXES[prefix]) + local)
            if iri in self.types:
                return iri
            raise EntityNotFound(f"no entity {text} in the graph")
        found = self.by_name.get(fold(text), set())
        if len(found) == 1:
            return next(iter(found))
        if len(found) > 1:
            candidates = sorted(self.describe(e) for e in found)
            raise EntityNotFound(
                f"{text!r} is ambiguous; it could be:\n  " + "\n  ".join(candidates)
                + "\nName it by its IRI or a fuller label.",
                candidates,
            )
        close = difflib.get_close_matches(fold(text), list(self.by_name), n=5, cutoff=0.6)
        partial = [n for n in self.by_name if fold(text) in n][:5]
        names = list(dict.fromkeys(partial + close))[:5]
        candidates = sorted({self.describe(e) for n in names for e in self.by_name[n]})
        hint = ("; did you mean:\n  " + "\n  ".join(candidates)) if candidates else ""
        raise EntityNotFound(f"no entity named {text!r}{hint}", candidates)


def name_index(backend: Backend) -> NameIndex:
    """The name index of the graph in ``backend`` (built once until the graph changes)."""
    index: NameIndex | None = backend.memo.get("names")
    if index is None:
        index = backend.memo["names"] = NameIndex.of(backend)
    return index


def resolve(backend: Backend, text: str) -> URIRef:
    """The entity ``text`` names in the graph (IRI, CURIE, id, label or alias).

    >>> resolve(backend, "aer bfc")  # doctest: +SKIP
    rdflib.term.URIRef('https://w3id.org/ecokg/id/aer-bfc')
    """
    return name_index(backend).resolve(text)


def known_entities(backend: Backend) -> list[Known]:
    """The store's entities as the article extractor's gazetteer (labels, aliases, acronyms).

    Here rather than in :mod:`ecokg.loaders.articles`: loaders never query the store.
    """
    index = name_index(backend)
    names: dict[URIRef, list[str]] = {}
    for entity, name, _, _ in backend.select(NAMES_QUERY):
        if str(entity).startswith(str(EKR)):
            names.setdefault(entity, []).append(str(name))
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
