"""Values of the curated format into RDF terms: references to entities, literals, dates, texts."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.term import Node

from ecokg.loaders.curated.state import LANG_PATTERN, Parse, entity_iri, suggest
from ecokg.loaders.yamlsafe import Y
from ecokg.namespaces import EK, EKR, RDF, XSD
from ecokg.ontology import PropertySpec, Vocabulary


def class_of(state: Parse, node: Y) -> URIRef | None:
    name = node.value
    if not isinstance(name, str) or name not in state.vocab.classes:
        state.error(
            f"unknown class {name!r}{suggest(str(name), set(state.vocab.classes))}", node
        )
        return None
    return state.vocab.classes[name]


def object_of(state: Parse, spec: PropertySpec, node: Y) -> Node | None:
    if spec.is_object:
        return reference(state, node, spec.range)
    return _literal(state, spec, node)


def reference(state: Parse, node: Y, expected: URIRef | None) -> URIRef | None:
    ident = node.value
    if not isinstance(ident, str):
        state.error(f"expected the id of an entity, got {ident!r}", node)
        return None
    vocab = state.vocab
    if expected is not None and vocab.is_a(expected, EK.Sector):
        if ident in vocab.sectors:
            return vocab.sectors[ident]
        state.error(f"unknown sector {ident!r}{suggest(ident, set(vocab.sectors))}", node)
        return None
    if expected is not None and vocab.is_a(expected, EK.Status):
        if ident in vocab.statuses:
            return vocab.statuses[ident]
        state.error(f"unknown status {ident!r}: expected one of {', '.join(_by_rank(vocab.statuses))}", node)
        return None
    if expected is not None and vocab.is_a(expected, EK.Role):
        if ident in vocab.roles:
            return vocab.roles[ident]
        state.error(f"unknown role {ident!r}{suggest(ident, set(vocab.roles))}", node)
        return None
    target = state.entities.get(ident)
    iri = entity_iri(ident)
    if target is None and iri not in state.context.known_entities:
        known = set(state.entities) | {str(k).removeprefix(str(EKR)) for k in state.context.known_entities}
        state.error(
            f"unknown entity {ident!r}: not defined in this file, the other sources of this "
            f"build, or the store{suggest(ident, known)}",
            node,
        )
        return None
    if target is not None and target.cls is not None and expected is not None:
        if not vocab.is_a(target.cls, expected) and _owl_range_known(vocab, expected):
            state.error(
                f"{ident!r} is a {_local(target.cls)}, but a {_local(expected)} is expected here",
                node,
            )
            return None
    return iri


def _by_rank(statuses: dict[str, URIRef]) -> list[str]:
    """Status names from the least to the most advanced (as the scheme ranks them)."""
    from ecokg.ontology import ontology_graph

    graph = ontology_graph()
    def rank(name: str) -> int:
        value = graph.value(statuses[name], EK.statusRank)
        return int(value) if isinstance(value, Literal) else 0

    return sorted(statuses, key=lambda name: (rank(name), name))


def _owl_range_known(vocab: Vocabulary, cls: URIRef) -> bool:
    # Ranges outside our own classes (owl:Thing, unions) are not checked here.
    return cls in vocab.superclasses and str(cls).startswith(str(EK))


def _local(iri: URIRef) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def _literal(state: Parse, spec: PropertySpec, node: Y) -> Node | None:
    rng = spec.range
    value = node.value
    if rng == XSD.date:
        return date_literal(state, node)
    if rng == XSD.boolean:
        if isinstance(value, bool):
            return Literal(value)
        state.error(f"{spec.key!r} must be true or false, got {value!r}", node)
        return None
    if rng == XSD.integer:
        if isinstance(value, int) and not isinstance(value, bool):
            return Literal(value)
        state.error(f"{spec.key!r} must be a whole number, got {value!r}", node)
        return None
    if rng == XSD.decimal:
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            number = Decimal(str(value))
            if not number.is_finite():  # "NaN", "Infinity": no xsd:decimal (issue 22)
                raise InvalidOperation
            return Literal(number)
        except InvalidOperation:
            state.error(f"{spec.key!r} must be a number, got {value!r}", node)
            return None
    if rng == RDF.langString or rng is None:
        literals = lang_literals(state, node)
        if len(literals) == 1:
            return literals[0]
        if len(literals) > 1:
            state.error(f"give one language per {spec.key!r} item (use a list for several)", node)
        return None
    if isinstance(value, dict | list) or value is None:
        state.error(f"{spec.key!r} must be a single value", node)
        return None
    if rng == XSD.anyURI:
        return Literal(str(value), datatype=XSD.anyURI)
    return Literal(str(value))


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def date_literal(state: Parse, node: Y) -> Literal | None:
    value = node.value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=XSD.date)
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str):
        try:
            return Literal(dt.date.fromisoformat(value).isoformat(), datatype=XSD.date)
        except ValueError:
            pass
        match = _PARTIAL_DATE.match(value)
        if match and (match.group(2) is None or 1 <= int(match.group(2)) <= 12):
            if match.group(2):
                return Literal(value, datatype=XSD.gYearMonth)
            return Literal(value, datatype=XSD.gYear)
    state.error(f"bad date {value!r}: expected YYYY-MM-DD (or YYYY-MM, YYYY)", node)
    return None


def lang_literals(state: Parse, node: Y) -> list[Literal]:
    value = node.value
    if isinstance(value, str):
        if not value.strip():
            state.error("empty text", node)
            return []
        return [Literal(value, lang=state.language)]
    if isinstance(value, dict):
        out = []
        for lang, text in value.items():
            if not LANG_PATTERN.match(lang):
                state.error(f"{lang!r} is not a language code (write fr: ..., en: ...)", text)
                continue
            if not isinstance(text.value, str) or not text.value.strip():
                state.error(f"the {lang} text must be non-empty text", text)
                continue
            out.append(Literal(text.value, lang=lang))
        return out
    state.error(f"expected text or {{fr: ..., en: ...}}, got {value!r}", node)
    return []
