"""The curated YAML format: documents, quotes and the entities they attest.

The vocabulary of keys is read from the ontology (``ek:yamlKey``), so every
property the ontology offers is usable here without touching this module.
Format reference: docs/data-format.md.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from ecokg.errors import InputError, InputErrors
from ecokg.loaders.base import FactWriter, LoadContext, StagedGraph
from ecokg.loaders.yamlsafe import Y, read_yaml
from ecokg.namespaces import EK, EKR, RDF, RDFS, SKOS, XSD
from ecokg.ontology import PropertySpec, Vocabulary, vocabulary

FORMAT_VERSION = 1
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
LANG_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
TOP_KEYS = {"ecokg", "document", "quotes", "entities"}
DOC_KEYS = {
    "id", "type", "title", "publisher", "date", "language", "text",
    "source_url", "license", "description",
}
#: Keys every entity may have besides the ontology's properties.
ENTITY_KEYS = {"id", "type", "label", "aliases", "description", "quote", "confidence"}
#: Keys of a value wrapper ``{value: ..., quote: ...}``.
WRAPPER_KEYS = {"value", "quote", "confidence"}
#: Keys of a nested post (under ``posts:`` of a person).
POST_KEYS = {"organization", "role", "title", "start_date", "end_date", "quote", "confidence"}


def entity_iri(ident: str) -> URIRef:
    return EKR[ident]


def _fold(text: str) -> str:
    """Accent- and case-insensitive form, for suggestions."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _suggest(word: str, choices: list[str] | set[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def _normalise_space(text: str) -> str:
    return " ".join(text.split())


@dataclass
class _Entity:
    ident: str
    iri: URIRef
    cls: URIRef | None
    node: Y
    label: str | None = None


@dataclass
class _Fact:
    subject: URIRef
    predicate: URIRef
    obj: Node
    quote: str
    line: int


@dataclass
class _Parse:
    """State of one file's conversion; errors are collected, not raised one by one."""

    path: Path
    vocab: Vocabulary
    context: LoadContext
    errors: list[InputError] = field(default_factory=list)
    language: str = "en"
    quotes: dict[str, tuple[str, int]] = field(default_factory=dict)
    entities: dict[str, _Entity] = field(default_factory=dict)
    facts: list[_Fact] = field(default_factory=list)

    def error(self, message: str, node: Y | None) -> None:
        self.errors.append(
            InputError(message, source=self.path, line=node.line if node else None)
        )


def scan(path: Path) -> dict[URIRef, str]:
    """Entities a curated file defines (IRI -> label), without validating it."""
    try:
        tree = read_yaml(path)
    except InputError:
        return {}
    found: dict[URIRef, str] = {}
    entities = tree.value.get("entities") if tree.is_map else None
    if entities is None or not entities.is_list:
        return found
    for item in entities.value:
        if not item.is_map or "id" not in item.value:
            continue
        ident = item.value["id"].value
        if isinstance(ident, str):
            label = item.value.get("label")
            text = _label_text(label.plain()) if label is not None else ident
            found[entity_iri(ident)] = text or ident
    return found


def _label_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for lang in ("en", "fr"):
            if isinstance(value.get(lang), str):
                return str(value[lang])
        for item in value.values():
            if isinstance(item, str):
                return item
    return None


def load_curated(path: Path, context: LoadContext | None = None) -> list[StagedGraph]:
    """Read a curated YAML file into one staged named graph.

    >>> from ecokg.loaders.curated import load_curated
    >>> staged = load_curated(seed_path("gazetteer.yaml"))  # doctest: +SKIP
    """
    context = context or LoadContext()
    tree = read_yaml(path)
    state = _Parse(path=path, vocab=vocabulary(), context=context)
    if not tree.is_map:
        raise InputError("expected a mapping with 'document' and 'entities' at the top", source=path, line=tree.line)
    top = tree.value
    for key, node in top.items():
        if key not in TOP_KEYS:
            state.error(f"unknown top-level key {key!r}{_suggest(key, TOP_KEYS)}", node)
    version = top.get("ecokg")
    if version is None or version.value != FORMAT_VERSION:
        state.error(
            f"expected 'ecokg: {FORMAT_VERSION}' at the top (the format version)",
            version or tree,
        )
    if "document" not in top or not top["document"].is_map:
        raise InputErrors(
            [*state.errors, InputError("missing 'document:' section", source=path, line=tree.line)],
            source=path,
        )
    doc = top["document"]
    doc_id = _document_id(state, doc)
    state.language = _document_language(state, doc)
    _read_quotes(state, top.get("quotes"), doc)
    entities = top.get("entities")
    if entities is None or not entities.is_list:
        state.error("missing 'entities:' list", entities or tree)
        entity_nodes: list[Y] = []
    else:
        entity_nodes = entities.value
    for node in entity_nodes:
        _declare(state, node)
    for entity in list(state.entities.values()):
        _convert_entity(state, entity)
    writer = FactWriter(doc_id, path, "curated-yaml", store=context.staging_store())
    _describe_document(state, writer, doc)
    if state.errors:
        raise InputErrors(state.errors, source=path) if len(state.errors) > 1 else state.errors[0]
    for fact in state.facts:
        text, position = state.quotes[fact.quote]
        excerpt = writer.excerpt(_quote_key(fact.quote), text, position, state.language)
        writer.add(fact.subject, fact.predicate, fact.obj, excerpt)
    return [writer.staged()]


def _quote_key(key: str) -> str:
    return "q-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


# --- document ---------------------------------------------------------------


def _document_id(state: _Parse, doc: Y) -> str:
    for key, node in doc.value.items():
        if key not in DOC_KEYS:
            state.error(f"unknown document key {key!r}{_suggest(key, DOC_KEYS)}", node)
    node = doc.value.get("id")
    if node is None or not isinstance(node.value, str) or not ID_PATTERN.match(node.value):
        state.error("document needs an 'id' made of lower-case letters, digits, '-', '_' or '.'", node or doc)
        return "document"
    return str(node.value)


def _document_language(state: _Parse, doc: Y) -> str:
    node = doc.value.get("language")
    if node is None:
        return "en"
    if not isinstance(node.value, str) or not LANG_PATTERN.match(node.value):
        state.error("document 'language' must be a language code such as fr or en", node)
        return "en"
    return str(node.value)


def _read_quotes(state: _Parse, quotes: Y | None, doc: Y) -> None:
    if quotes is None:
        return
    if not quotes.is_map:
        state.error("'quotes' must map short names to sentences", quotes)
        return
    full_text = _document_text(state, doc)
    for position, (key, node) in enumerate(quotes.value.items(), start=1):
        if not isinstance(node.value, str) or not node.value.strip():
            state.error(f"quote {key!r} must be the sentence as text", node)
            continue
        if full_text is not None and _normalise_space(node.value) not in full_text:
            state.error(f"quote {key!r} does not appear verbatim in the document text", node)
        state.quotes[key] = (node.value, position)


def _document_text(state: _Parse, doc: Y) -> str | None:
    node = doc.value.get("text")
    if node is None:
        return None
    if not isinstance(node.value, str):
        state.error("document 'text' must name a text file beside this one", node)
        return None
    text_path = state.path.parent / node.value
    try:
        return _normalise_space(text_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        state.error(f"cannot read the document text {node.value!r}: {exc}", node)
        return None


def _describe_document(state: _Parse, writer: FactWriter, doc: Y) -> None:
    values = doc.value
    cls_node = values.get("type")
    cls = EK.Article
    if cls_node is not None:
        found = _class(state, cls_node)
        if found is not None and not state.vocab.is_a(found, EK.Document):
            state.error(f"document type {cls_node.value!r} is not a kind of Document", cls_node)
        elif found is not None:
            cls = found
    title_node = values.get("title")
    titles = _lang_literals(state, title_node) if title_node is not None else []
    if not titles:
        state.error("document needs a 'title'", title_node or doc)
    props: dict[str, Any] = {"type": cls, "title": titles, "label": titles}
    props["language"] = Literal(state.language)
    if "date" in values:
        date = _date(state, values["date"])
        if date is not None:
            props["date"] = date
    if "publisher" in values:
        target = _reference(state, values["publisher"], EK.Agent)
        if target is not None:
            props["publisher"] = target
    for key in ("source_url", "license"):
        if key in values:
            props[key] = Literal(str(values[key].value), datatype=XSD.anyURI)
    if "description" in values:
        props["description"] = _lang_literals(state, values["description"])
    header = str(titles[0]) if titles else state.path.name
    writer.describe_document(header, **props)


# --- entities ---------------------------------------------------------------


def _declare(state: _Parse, node: Y) -> None:
    if not node.is_map:
        state.error("each entity must be a mapping with at least id, type and label", node)
        return
    values = node.value
    ident_node = values.get("id")
    if ident_node is None or not isinstance(ident_node.value, str) or not ID_PATTERN.match(ident_node.value):
        state.error(
            "entity needs an 'id' made of lower-case letters, digits, '-', '_' or '.'",
            ident_node or node,
        )
        return
    ident = ident_node.value
    if ident in state.entities:
        state.error(f"duplicate id {ident!r} (first defined at line {state.entities[ident].node.line})", ident_node)
        return
    cls = _class(state, values["type"]) if "type" in values else None
    if "type" not in values:
        state.error(f"entity {ident!r} needs a 'type'", node)
    label = _label_text(values["label"].plain()) if "label" in values else None
    state.entities[ident] = _Entity(ident, entity_iri(ident), cls, node, label)


def _class(state: _Parse, node: Y) -> URIRef | None:
    name = node.value
    if not isinstance(name, str) or name not in state.vocab.classes:
        state.error(
            f"unknown class {name!r}{_suggest(str(name), set(state.vocab.classes))}", node
        )
        return None
    return state.vocab.classes[name]


def _convert_entity(state: _Parse, entity: _Entity) -> None:
    values = entity.node.value
    default_quote = _quote_ref(state, values.get("quote"), None, required=False)
    subject = entity.iri

    def fact(predicate: URIRef, obj: Node, quote: str | None, node: Y) -> None:
        chosen = quote or default_quote
        if chosen is None:
            state.error(
                f"no source for this fact of {entity.ident!r}: give the entity a 'quote' "
                "or the value a {value: ..., quote: ...}",
                node,
            )
            return
        state.facts.append(_Fact(subject, predicate, obj, chosen, node.line))

    if entity.cls is not None:
        fact(RDF.type, entity.cls, None, values["type"])
    if "label" not in values:
        state.error(f"entity {entity.ident!r} needs a 'label'", entity.node)
    else:
        for lit in _lang_literals(state, values["label"]):
            fact(RDFS.label, lit, None, values["label"])
    if "aliases" in values:
        for item in _items(values["aliases"]):
            if not isinstance(item.value, str):
                state.error("each alias must be text", item)
                continue
            fact(SKOS.altLabel, Literal(item.value), None, item)
    if "description" in values:
        for lit in _lang_literals(state, values["description"]):
            fact(RDFS.comment, lit, None, values["description"])
    for key, node in values.items():
        if key in ENTITY_KEYS:
            continue
        if key == "posts":
            _posts(state, entity, node)
            continue
        spec = state.vocab.properties.get(key)
        if spec is None:
            keys = set(state.vocab.properties) | ENTITY_KEYS | {"posts"}
            state.error(f"unknown key {key!r} on {entity.ident!r}{_suggest(key, keys)}", node)
            continue
        for item in _items(node):
            value, quote = _unwrap(state, item)
            if value is None:
                continue
            if spec.is_object and value.is_map and "value" not in value.value:
                nested = _nested(state, entity, spec, value)
                if nested is not None:
                    fact(spec.iri, nested, quote, item)
                continue
            obj = _object(state, spec, value)
            if obj is not None:
                fact(spec.iri, obj, quote, item)


def _items(node: Y) -> list[Y]:
    return list(node.value) if node.is_list else [node]


def _unwrap(state: _Parse, item: Y) -> tuple[Y | None, str | None]:
    """Split ``{value: x, quote: q}`` into (x, q); a plain value has no own quote."""
    if item.is_map and "value" in item.value:
        for key, sub in item.value.items():
            if key not in WRAPPER_KEYS:
                state.error(f"unknown key {key!r} beside 'value'{_suggest(key, WRAPPER_KEYS)}", sub)
        quote = _quote_ref(state, item.value.get("quote"), None, required=False)
        return item.value["value"], quote
    return item, None


def _quote_ref(state: _Parse, node: Y | None, default: str | None, *, required: bool) -> str | None:
    if node is None:
        return default
    key = node.value
    if isinstance(key, str) and key in state.quotes:
        return key
    if isinstance(key, str) and " " in key.strip():
        # An inline sentence: registered as a quote of its own.
        inline = f"inline-{len(state.quotes) + 1}"
        state.quotes[inline] = (key, len(state.quotes) + 1)
        return inline
    state.error(f"unknown quote {key!r}{_suggest(str(key), set(state.quotes))}", node)
    return None


def _object(state: _Parse, spec: PropertySpec, node: Y) -> Node | None:
    if spec.is_object:
        return _reference(state, node, spec.range)
    return _literal(state, spec, node)


def _reference(state: _Parse, node: Y, expected: URIRef | None) -> URIRef | None:
    ident = node.value
    if not isinstance(ident, str):
        state.error(f"expected the id of an entity, got {ident!r}", node)
        return None
    vocab = state.vocab
    if expected is not None and vocab.is_a(expected, EK.Sector):
        if ident in vocab.sectors:
            return vocab.sectors[ident]
        state.error(f"unknown sector {ident!r}{_suggest(ident, set(vocab.sectors))}", node)
        return None
    if expected is not None and vocab.is_a(expected, EK.Role):
        if ident in vocab.roles:
            return vocab.roles[ident]
        state.error(f"unknown role {ident!r}{_suggest(ident, set(vocab.roles))}", node)
        return None
    target = state.entities.get(ident)
    iri = entity_iri(ident)
    if target is None and iri not in state.context.known_entities:
        known = set(state.entities) | {str(k).removeprefix(str(EKR)) for k in state.context.known_entities}
        state.error(
            f"unknown entity {ident!r}: not defined in this file, the other sources of this "
            f"build, or the store{_suggest(ident, known)}",
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


def _owl_range_known(vocab: Vocabulary, cls: URIRef) -> bool:
    # Ranges outside our own classes (owl:Thing, unions) are not checked here.
    return cls in vocab.superclasses and str(cls).startswith(str(EK))


def _local(iri: URIRef) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def _literal(state: _Parse, spec: PropertySpec, node: Y) -> Node | None:
    rng = spec.range
    value = node.value
    if rng == XSD.date:
        return _date(state, node)
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
            return Literal(Decimal(str(value)))
        except InvalidOperation:
            state.error(f"{spec.key!r} must be a number, got {value!r}", node)
            return None
    if rng == RDF.langString or rng is None:
        literals = _lang_literals(state, node)
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


def _date(state: _Parse, node: Y) -> Literal | None:
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


def _lang_literals(state: _Parse, node: Y) -> list[Literal]:
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


# --- nested posts and sites -------------------------------------------------


def _nested(state: _Parse, parent: _Entity, spec: PropertySpec, node: Y) -> URIRef | None:
    """A mapping under an object property: a new entity of the property's range."""
    if spec.range is None or not state.vocab.is_a(spec.range, EK.Site):
        state.error(f"{spec.key!r} takes entity ids, not a nested description", node)
        return None
    values = node.value
    allowed = {"id", "label", "located_in", "quote", "confidence"}
    for key, sub in values.items():
        if key not in allowed:
            state.error(f"unknown key {key!r} in a site{_suggest(key, allowed)}", sub)
    if "located_in" not in values:
        state.error("a site needs 'located_in'", node)
        return None
    place_node, place_quote = _unwrap(state, values["located_in"])
    place = _reference(state, place_node, EK.Place) if place_node else None
    if place is None or place_node is None:
        return None
    ident = values["id"].value if "id" in values else f"{parent.ident}.site.{place_node.value}"
    iri = entity_iri(str(ident))
    quote = _quote_ref(state, values.get("quote"), None, required=False)
    parent_quote = _quote_ref(state, parent.node.value.get("quote"), None, required=False)
    q = quote or parent_quote
    if q is None:
        state.error("no source for this site: give it a 'quote'", node)
        return None
    place_label = _known_label(state, place, str(place_node.value))
    if "label" in values:
        labels = _lang_literals(state, values["label"])
    else:
        labels = [Literal(f"{parent.label or parent.ident} ({place_label})", lang=state.language)]
    state.facts.append(_Fact(iri, RDF.type, EK.Site, q, node.line))
    for lit in labels:
        state.facts.append(_Fact(iri, RDFS.label, lit, q, node.line))
    state.facts.append(_Fact(iri, EK.locatedIn, place, place_quote or q, place_node.line))
    return iri


def _known_label(state: _Parse, iri: URIRef, fallback: str) -> str:
    for entity in state.entities.values():
        if entity.iri == iri and entity.label:
            return entity.label
    return state.context.known_labels.get(iri, fallback)


def _posts(state: _Parse, person: _Entity, node: Y) -> None:
    if person.cls is not None and not state.vocab.is_a(person.cls, EK.Person):
        state.error("only a Person holds 'posts'", node)
        return
    for item in _items(node):
        if not item.is_map:
            state.error("each post is a mapping with organization, role and title", item)
            continue
        values = item.value
        for key, sub in values.items():
            if key not in POST_KEYS:
                state.error(f"unknown key {key!r} in a post{_suggest(key, POST_KEYS)}", sub)
        if "organization" not in values or "role" not in values:
            state.error("a post needs 'organization' and 'role'", item)
            continue
        org = _reference(state, values["organization"], EK.Organization)
        role = _reference(state, values["role"], EK.Role)
        if org is None or role is None:
            continue
        quote = _quote_ref(state, values.get("quote"), None, required=False)
        quote = quote or _quote_ref(state, person.node.value.get("quote"), None, required=False)
        if quote is None:
            state.error("no source for this post: give it a 'quote'", item)
            continue
        post = entity_iri(
            f"post.{person.ident}.{values['organization'].value}.{values['role'].value}"
        )
        source_quote: str = quote

        def add(s: URIRef, p: URIRef, o: Node, n: Y = item, q: str = source_quote) -> None:
            state.facts.append(_Fact(s, p, o, q, n.line))

        add(post, RDF.type, EK.Post)
        add(post, EK.heldBy, person.iri)
        add(post, EK.postIn, org)
        add(post, EK.role, role)
        titles = _lang_literals(state, values["title"]) if "title" in values else []
        for title in titles:
            add(post, EK.title, title)
            add(post, RDFS.label, title)
        if not titles:
            org_label = _known_label(state, org, str(values["organization"].value))
            add(post, RDFS.label, Literal(f"{values['role'].value} — {org_label}", lang="en"))
        for key, predicate in (("start_date", EK.startDate), ("end_date", EK.endDate)):
            if key in values:
                date = _date(state, values[key])
                if date is not None:
                    add(post, predicate, date, values[key])
        if role in state.vocab.head_roles:
            add(person.iri, EK.headOf, org)
