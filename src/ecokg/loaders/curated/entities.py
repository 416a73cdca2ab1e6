"""The entities of a curated file into facts: their keys, and the nested sites and posts."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.term import Node

from ecokg.loaders.curated.state import (
    ENTITY_KEYS,
    ID_PATTERN,
    POST_KEYS,
    Entity,
    Fact,
    Level,
    Parse,
    entity_iri,
    label_text,
    node_items,
    quote_ref,
    read_level,
    strictest,
    suggest,
    unwrap,
    wrapper_level,
)
from ecokg.loaders.curated.values import class_of, date_literal, lang_literals, object_of, reference
from ecokg.loaders.yamlsafe import Y
from ecokg.namespaces import EK, RDF, RDFS, SKOS
from ecokg.ontology import PropertySpec


def declare(state: Parse, node: Y) -> None:
    """Register an entity (id, class, label) before any fact: facts may point at entities defined later."""
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
    cls = class_of(state, values["type"]) if "type" in values else None
    if "type" not in values:
        state.error(f"entity {ident!r} needs a 'type'", node)
    label = label_text(values["label"].plain()) if "label" in values else None
    state.entities[ident] = Entity(ident, entity_iri(ident), cls, node, label)
    level = read_level(state, values.get("sensitivity"))
    if level is not None:  # its type, labels and every fact about it (docs/audiences.md)
        state.levels[entity_iri(ident)] = level


def convert_entity(state: Parse, entity: Entity) -> None:
    """The facts an entity's keys state, each with its quote."""
    values = entity.node.value
    default_quote = quote_ref(state, values.get("quote"), None, required=False)
    subject = entity.iri

    def fact(predicate: URIRef, obj: Node, quote: str | None, node: Y, level: Level | None = None) -> None:
        chosen = quote or default_quote
        if chosen is None:
            state.error(
                f"no source for this fact of {entity.ident!r}: give the entity a 'quote' "
                "or the value a {value: ..., quote: ...}",
                node,
            )
            return
        state.facts.append(Fact(subject, predicate, obj, chosen, node.line, level))

    if entity.cls is not None:
        fact(RDF.type, entity.cls, None, values["type"])
    if "label" not in values:
        state.error(f"entity {entity.ident!r} needs a 'label'", entity.node)
    else:
        for lit in lang_literals(state, values["label"]):
            fact(RDFS.label, lit, None, values["label"])
    if "aliases" in values:
        for item in node_items(values["aliases"]):
            if not isinstance(item.value, str):
                state.error("each alias must be text", item)
                continue
            fact(SKOS.altLabel, Literal(item.value), None, item)
    if "description" in values:
        for lit in lang_literals(state, values["description"]):
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
            state.error(f"unknown key {key!r} on {entity.ident!r}{suggest(key, keys)}", node)
            continue
        for item in node_items(node):
            value, quote = unwrap(state, item)
            if value is None:
                continue
            own = wrapper_level(state, item)
            if spec.is_object and value.is_map and "value" not in value.value:
                nested = _nested(state, entity, spec, value)
                if nested is not None:
                    fact(spec.iri, nested, quote, item, own)
                continue
            obj = object_of(state, spec, value)
            if obj is not None:
                fact(spec.iri, obj, quote, item, own)


# --- nested posts and sites -------------------------------------------------


def _nested(state: Parse, parent: Entity, spec: PropertySpec, node: Y) -> URIRef | None:
    """A mapping under an object property: a new entity of the property's range."""
    if spec.range is None or not state.vocab.is_a(spec.range, EK.Site):
        state.error(f"{spec.key!r} takes entity ids, not a nested description", node)
        return None
    values = node.value
    allowed = {"id", "label", "located_in", "start_date", "end_date", "status", "quote", "confidence", "sensitivity"}
    for key, sub in values.items():
        if key not in allowed:
            state.error(f"unknown key {key!r} in a site{suggest(key, allowed)}", sub)
    if "located_in" not in values:
        state.error("a site needs 'located_in'", node)
        return None
    place_node, place_quote = unwrap(state, values["located_in"])
    place = reference(state, place_node, EK.Place) if place_node else None
    if place is None or place_node is None:
        return None
    ident = values["id"].value if "id" in values else f"{parent.ident}.site.{place_node.value}"
    iri = entity_iri(str(ident))
    if "id" not in values and _taken(state, iri, "this site", node):
        return None
    quote = quote_ref(state, values.get("quote"), None, required=False)
    parent_quote = quote_ref(state, parent.node.value.get("quote"), None, required=False)
    q = quote or parent_quote
    if q is None:
        state.error("no source for this site: give it a 'quote'", node)
        return None
    # A site of a stricter entity, or in a stricter place, is as strict: its label names both.
    level = strictest(read_level(state, values.get("sensitivity")), state.levels.get(parent.iri), state.levels.get(place))
    if level is not None:
        state.levels[iri] = level
    place_label = _known_label(state, place, str(place_node.value))
    if "label" in values:
        labels = lang_literals(state, values["label"])
    else:
        labels = [Literal(f"{parent.label or parent.ident} ({place_label})", lang=state.language)]
    state.facts.append(Fact(iri, RDF.type, EK.Site, q, node.line))
    for lit in labels:
        state.facts.append(Fact(iri, RDFS.label, lit, q, node.line))
    state.facts.append(Fact(iri, EK.locatedIn, place, place_quote or q, place_node.line))
    _site_period(state, iri, values, q)
    return iri


def _site_period(state: Parse, site: URIRef, values: dict[str, Y], quote: str) -> None:
    """A site's start and end dates and status (a planned site, a site closed in 2020), each
    with its own quote or the site's."""
    for key, predicate in (("start_date", EK.startDate), ("end_date", EK.endDate), ("status", EK.status)):
        if key not in values:
            continue
        value, own = unwrap(state, values[key])
        if value is None:
            continue
        obj = date_literal(state, value) if key != "status" else reference(state, value, EK.Status)
        if obj is not None:
            state.facts.append(Fact(site, predicate, obj, own or quote, value.line))


def _taken(state: Parse, iri: URIRef, what: str, node: Y) -> bool:
    """Whether an entity of the file has the id generated for ``what`` (it would merge silently
    into one node with it: issue 22); an error says so."""
    for entity in state.entities.values():
        if entity.iri == iri:
            state.error(
                f"the entity {entity.ident!r} (line {entity.node.line}) has the id ecokg makes for {what}; "
                "give the entity another id",
                node,
            )
            return True
    return False


def _known_label(state: Parse, iri: URIRef, fallback: str) -> str:
    for entity in state.entities.values():
        if entity.iri == iri and entity.label:
            return entity.label
    return state.context.known_labels.get(iri, fallback)


def _posts(state: Parse, person: Entity, node: Y) -> None:
    if person.cls is not None and not state.vocab.is_a(person.cls, EK.Person):
        state.error("only a Person holds 'posts'", node)
        return
    for item in node_items(node):
        if not item.is_map:
            state.error("each post is a mapping with organization, role and title", item)
            continue
        values = item.value
        for key, sub in values.items():
            if key not in POST_KEYS:
                state.error(f"unknown key {key!r} in a post{suggest(key, POST_KEYS)}", sub)
        if "organization" not in values or "role" not in values:
            state.error("a post needs 'organization' and 'role'", item)
            continue
        org = reference(state, values["organization"], EK.Organization)
        role = reference(state, values["role"], EK.Role)
        if org is None or role is None:
            continue
        quote = quote_ref(state, values.get("quote"), None, required=False)
        quote = quote or quote_ref(state, person.node.value.get("quote"), None, required=False)
        if quote is None:
            state.error("no source for this post: give it a 'quote'", item)
            continue
        post = entity_iri(
            f"post.{person.ident}.{values['organization'].value}.{values['role'].value}"
        )
        if _taken(state, post, "this post", item):
            continue
        source_quote: str = quote
        # A post of a stricter person, or in a stricter organisation, is as strict (its label names it).
        level = strictest(read_level(state, values.get("sensitivity")), state.levels.get(person.iri), state.levels.get(org))
        if level is not None:
            state.levels[post] = level

        def add(s: URIRef, p: URIRef, o: Node, n: Y = item, q: str = source_quote) -> None:
            state.facts.append(Fact(s, p, o, q, n.line))

        add(post, RDF.type, EK.Post)
        add(post, EK.heldBy, person.iri)
        add(post, EK.postIn, org)
        add(post, EK.role, role)
        titles = lang_literals(state, values["title"]) if "title" in values else []
        for title in titles:
            add(post, EK.title, title)
            add(post, RDFS.label, title)
        if not titles:
            org_label = _known_label(state, org, str(values["organization"].value))
            add(post, RDFS.label, Literal(f"{values['role'].value} — {org_label}", lang="en"))
        for key, predicate in (("start_date", EK.startDate), ("end_date", EK.endDate)):
            if key in values:
                value, own = unwrap(state, values[key])
                date = date_literal(state, value) if value is not None else None
                if date is not None and value is not None:
                    add(post, predicate, date, value, own or source_quote)
        if role in state.vocab.head_roles:
            # As strict as the post it follows from (a confidential post is no public headOf).
            state.facts.append(Fact(person.iri, EK.headOf, org, source_quote, item.line, level))
