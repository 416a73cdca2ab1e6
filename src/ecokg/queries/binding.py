"""A catalogue query's parameters bound to RDF terms: entities by IRI, CURIE or name, dates,
numbers, text, and the label language (kept apart from :mod:`ecokg.queries.catalog`, which
reads the ``.rq`` files and runs them).

Values reach the engine only as bindings (``initBindings``), never spliced into a query's text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Protocol

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from ecokg.errors import EcokgError, EntityNotFound, QueryError
from ecokg.namespaces import PREFIXES, XSD

if TYPE_CHECKING:
    from ecokg.graph.store import Backend


class Parameter(Protocol):
    """What binding reads of a query's parameter (:class:`ecokg.queries.catalog.Parameter`)."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def default(self) -> str | None: ...


class NamedQuery(Protocol):
    """What binding reads of a named query (:class:`ecokg.queries.catalog.NamedQuery`)."""

    @property
    def parameters(self) -> Sequence[Parameter]: ...
    def _unknown(self, name: str) -> str: ...

_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_NUMBER = re.compile(r"^[+-]?\d{1,15}(\.\d{1,15})?$")
MAX_VALUE_LENGTH = 2000
EXISTS_QUERY = "ASK { { ?iri ?p ?o } UNION { ?s ?p ?iri } }"
CONCEPTS_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ek: <https://w3id.org/ecokg/ontology#>
SELECT ?c ?name WHERE {
  ?c a skos:Concept .
  { ?c rdfs:label ?name } UNION { ?c skos:prefLabel ?name }
  UNION { ?c skos:altLabel ?name } UNION { ?c ek:yamlId ?name }
}
"""


def bind_parameters(backend: Backend, query: NamedQuery, values: Mapping[str, str]) -> dict[str, Identifier]:
    """The engine bindings for ``values`` (defaults filled in); only ecokg errors escape.

    >>> bind_parameters(backend, get_query("person-posts"), {"person": "Nicolas Paris"})  # doctest: +SKIP
    {'person': rdflib.term.URIRef('https://w3id.org/ecokg/id/nicolas-paris')}
    """
    try:
        return _bind(backend, query, values)
    except EcokgError:
        raise
    except Exception as exc:  # anything odd in the input is the caller's error, said plainly
        raise QueryError(f"bad parameter value: {type(exc).__name__}") from None


def _bind(backend: Backend, query: NamedQuery, values: Mapping[str, str], *, lookup: bool = True) -> dict[str, Identifier]:
    if not isinstance(values, Mapping):
        raise QueryError("parameters must be given as name=value pairs")
    bindings: dict[str, Identifier] = {}
    for key in values:
        if not isinstance(key, str) or key not in {p.name for p in query.parameters}:
            raise QueryError(query._unknown(str(key)))
    for parameter in query.parameters:
        raw = values.get(parameter.name, parameter.default)
        if raw is None:
            continue
        bindings[parameter.name] = bind_value(backend, parameter, raw, lookup=lookup)
    return bindings


def bind_value(backend: Backend, parameter: Parameter, raw: object, *, lookup: bool = True) -> Identifier:
    """One value as an RDF term of the parameter's kind (``lookup=False``: an entity named
    otherwise than by IRI or CURIE raises ``LookupError``)."""
    name = parameter.name
    if not isinstance(raw, str):
        raise QueryError(f"parameter {name!r}: expected text, got {type(raw).__name__}")
    if len(raw) > MAX_VALUE_LENGTH:
        raise QueryError(f"parameter {name!r}: value longer than {MAX_VALUE_LENGTH} characters")
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryError(f"parameter {name!r}: the value is not valid text") from None
    if "\x00" in raw:
        raise QueryError(f"parameter {name!r}: the value contains a NUL character")
    value = raw.strip()
    if parameter.kind == "entity":
        iri = None if lookup else _as_iri(value)
        if iri is None and not lookup:
            raise LookupError(f"parameter {name!r}: {value!r} is looked up in the store")
        return iri if iri is not None else resolve_entity(backend, value)
    if parameter.kind == "date":
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"parameter {name!r}: expected a date as YYYY-MM-DD, got {raw!r}") from None
        return Literal(day.isoformat(), datatype=XSD.date)
    if parameter.kind == "number":
        if not _NUMBER.match(value):
            raise QueryError(f"parameter {name!r}: expected a number, got {raw!r}")
        try:
            if "." in value:
                return Literal(Decimal(value), datatype=XSD.decimal)
            return Literal(int(value), datatype=XSD.integer)
        except (InvalidOperation, ValueError):
            raise QueryError(f"parameter {name!r}: expected a number, got {raw!r}") from None
    return Literal(raw)


def lang_literal(lang: object) -> Literal:
    """``lang`` as the literal bound to ``?lang`` (a language tag such as ``en`` or ``fr``)."""
    if not isinstance(lang, str) or not _LANG.match(lang):
        raise QueryError(f"bad label language {lang!r} (expected a tag such as en or fr)")
    return Literal(lang.lower())


def resolve_entity(backend: Backend, text: str) -> URIRef:
    """An IRI, CURIE, id, label or alias → the entity; sectors and roles by label too.

    Entities (``ekr:``) resolve through the name index (:mod:`ecokg.queries.resolve`); concepts (sectors, roles)
    by their labels and ids; any other IRI or CURIE is accepted when the graph
    mentions it. Ambiguous or unknown names raise ``EntityNotFound`` with candidates.
    """
    if not text:
        raise EntityNotFound("an empty name names no entity")
    iri = _as_iri(text)
    if iri is not None:
        if _mentioned(backend, iri):
            return iri
        raise EntityNotFound(f"no entity {text} in the graph")
    from ecokg.queries.resolve import resolve
    from ecokg.text import fold

    concepts = _concepts(backend).get(fold(text), set())
    try:
        entity = resolve(backend, text)
    except EntityNotFound as exc:
        if len(concepts) == 1:
            return next(iter(concepts))
        if concepts:
            names = sorted(str(c) for c in concepts)
            raise EntityNotFound(f"{text!r} is ambiguous; it could be:\n  " + "\n  ".join(names), names) from None
        raise exc from None
    if concepts - {entity}:
        names = sorted({str(entity), *(str(c) for c in concepts)})
        raise EntityNotFound(f"{text!r} is ambiguous; it could be:\n  " + "\n  ".join(names), names)
    return entity


def _as_iri(text: str) -> URIRef | None:
    if text.startswith(("http://", "https://", "urn:")):
        if any(c in text for c in ' <>"{}|\\^`') or any(ord(c) < 0x21 for c in text):
            raise EntityNotFound(f"{text!r} is not a valid IRI")
        return URIRef(text)
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and " " not in text:
        if any(c in local for c in '<>"{}|\\^`') or any(ord(c) < 0x21 for c in local):
            raise EntityNotFound(f"{text!r} is not a valid CURIE")
        return URIRef(str(PREFIXES[prefix]) + local)
    return None


def _mentioned(backend: Backend, iri: URIRef) -> bool:
    # The name index if it is built; else one lookup (building it takes seconds at a million triples).
    index = backend.memo.get("names")
    if index is not None and iri in index.types:
        return True
    result = backend.query(EXISTS_QUERY, {"iri": iri})
    return bool(result.askAnswer)


def _concepts(backend: Backend) -> dict[str, set[URIRef]]:
    # Kept with the backend until the graph changes.
    cached: dict[str, set[URIRef]] | None = backend.memo.get("concepts")
    if cached is None:
        from ecokg.text import fold

        cached = {}
        for concept, name in backend.select(CONCEPTS_QUERY):
            if isinstance(concept, URIRef):
                cached.setdefault(fold(str(name)), set()).add(concept)
        backend.memo["concepts"] = cached
    return cached


__all__ = ["bind_parameters", "bind_value", "lang_literal", "resolve_entity"]
