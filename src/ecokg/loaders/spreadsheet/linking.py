"""Linking a row's names to known entities: by label, alias and acronym.

Names are compared as :func:`ecokg.text.fold` compares them (accents, case and spacing
ignored) and without a trailing company form ("GILSON Inc." is Gilson). The names of
the stored entities come from the caller (``LoadContext.names``: the resolver's index,
:func:`ecokg.queries.resolve.name_index`; loaders never query the store); those of the
sources staged before this one in the same build are read from the staging store; those
this file makes are added as rows make them.

Only entities the load may count as known are matched (``LoadContext.known_entities``:
the store outside the documents the load replaces, and the build's other sources), so
re-importing a file makes again what it made, and gives the same graph.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from rdflib import URIRef

from ecokg.namespaces import EK, EKR, RDF, RDFS, SKOS
from ecokg.ontology import Vocabulary
from ecokg.terms import to_ox
from ecokg.text import fold

#: Legal forms left out when names are compared ("Gilson, Inc." = "Gilson").
COMPANY_FORMS = (
    "inc", "incorporated", "corp", "corporation", "co", "company", "llc", "llp", "lp", "ltd", "limited",
    "plc", "gmbh", "ag", "kg", "sa", "sas", "sasu", "sarl", "eurl", "sca", "scop", "se", "bv", "nv",
    "srl", "spa", "ab", "oy", "as", "pty",
)
_FORM = re.compile(r"[\s,]+(?:" + "|".join(r"\.?".join(f) for f in COMPANY_FORMS) + r")\.?$")


def name_key(text: str) -> str:
    """``text`` as names are compared: folded, without a trailing company form."""
    folded = fold(text).strip(" ,;")
    stripped = _FORM.sub("", folded).strip(" ,;")
    return stripped or folded


class Names:
    """Folded names -> known entities, with their classes."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.by_key: dict[str, set[URIRef]] = defaultdict(set)
        #: The names as written (folded): an exact name wins over one without its company form.
        self.exact: dict[str, set[URIRef]] = defaultdict(set)
        self.types: dict[URIRef, set[URIRef]] = defaultdict(set)
        self.labels: dict[URIRef, str] = {}

    def add(self, entity: URIRef, names: Iterable[str], types: Iterable[URIRef]) -> None:
        for name in names:
            self.by_key[name_key(name)].add(entity)
            self.exact[fold(name)].add(entity)
            self.labels.setdefault(entity, name)
        self.types[entity].update(types)

    def add_index(self, index: Any) -> None:
        """The resolver's index (``by_name``: folded name -> IRIs; ``types``; ``labels``)."""
        for name, entities in index.by_name.items():
            self.by_key[name_key(name)].update(entities)
            self.exact[name].update(entities)
        for entity, types in index.types.items():
            self.types[entity].update(types)
        for entity, label in getattr(index, "labels", {}).items():
            self.labels.setdefault(entity, label)

    def add_staged(self, store: Any, own_graph: URIRef) -> None:
        """The names of the entities other sources of this build staged (pyoxigraph store)."""
        own = to_ox(own_graph)
        ekr = str(EKR)
        for predicate in (RDFS.label, SKOS.altLabel, EK.acronym):
            for quad in store.quads_for_pattern(None, to_ox(predicate), None, None):
                if quad.graph_name != own and quad.subject.value.startswith(ekr):
                    self.by_key[name_key(quad.object.value)].add(URIRef(quad.subject.value))
                    self.exact[fold(quad.object.value)].add(URIRef(quad.subject.value))
                    self.labels.setdefault(URIRef(quad.subject.value), quad.object.value)
        for quad in store.quads_for_pattern(None, to_ox(RDF.type), None, None):
            if quad.graph_name != own and quad.subject.value.startswith(ekr):
                self.types[URIRef(quad.subject.value)].add(URIRef(quad.object.value))

    def find(self, text: str, cls: URIRef, allowed: set[URIRef] | dict[URIRef, Any], extra: Any = ()) -> list[URIRef]:
        """The known entities of class ``cls`` (or a subclass) ``text`` names: those it names
        exactly (accents, case and spacing aside) if any, else those it names without a company form."""
        for table, key in ((self.exact, fold(text)), (self.by_key, name_key(text))):
            found = [
                entity for entity in sorted(table.get(key, ()))
                if (entity in allowed or entity in extra)
                and any(self.vocab.is_a(t, cls) for t in self.types.get(entity, ()))
            ]
            if found:
                return found
        return []

    def describe(self, entity: URIRef) -> str:
        kinds = sorted(str(t).rsplit("#", 1)[-1] for t in self.types.get(entity, ()) if str(t).startswith(str(EK)))
        return f"{self.labels.get(entity, entity)} <{entity}> ({'/'.join(kinds)})"
