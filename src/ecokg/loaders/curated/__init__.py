"""The curated YAML format: documents, quotes and the entities they attest.

The vocabulary of keys is read from the ontology (``ek:yamlKey``), so every
property the ontology offers is usable here without touching this package.
Format reference: docs/data-format.md.

Here the document and the file as a whole; :mod:`.state` holds the conversion under
way, :mod:`.entities` turns entities (and their sites and posts) into facts and
:mod:`.values` their values into RDF terms.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef

from ecokg.errors import InputError, InputErrors
from ecokg.loaders.base import FactWriter, LoadContext, StagedGraph, read_limited
from ecokg.loaders.curated.entities import convert_entity, declare
from ecokg.loaders.curated.levels import settle
from ecokg.loaders.curated.state import (
    DOC_KEYS,
    ENTITY_KEYS,
    FORMAT_VERSION,
    ID_PATTERN,
    LANG_PATTERN,
    POST_KEYS,
    SENSITIVITY_LEVELS,
    TOP_KEYS,
    WRAPPER_KEYS,
    Parse,
    entity_iri,
    label_text,
    normalise_space,
    read_level,
    suggest,
)
from ecokg.loaders.curated.values import class_of, date_literal, lang_literals, reference
from ecokg.loaders.yamlsafe import Y, read_yaml
from ecokg.namespaces import EK, EKSENS, XSD
from ecokg.ontology import vocabulary


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
            text = label_text(label.plain()) if label is not None else ident
            found[entity_iri(ident)] = text or ident
    return found


def load_curated(path: Path, context: LoadContext | None = None) -> list[StagedGraph]:
    """Read a curated YAML file into one staged named graph.

    >>> from ecokg.loaders.curated import load_curated
    >>> staged = load_curated(seed_path("gazetteer.yaml"))  # doctest: +SKIP
    """
    context = context or LoadContext()
    tree = read_yaml(path)
    state = Parse(path=path, vocab=vocabulary(), context=context)
    if not tree.is_map:
        raise InputError("expected a mapping with 'document' and 'entities' at the top", source=path, line=tree.line)
    top = tree.value
    for key, node in top.items():
        if key not in TOP_KEYS:
            state.error(f"unknown top-level key {key!r}{suggest(key, TOP_KEYS)}", node)
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
    state.header_level = read_level(state, doc.value.get("sensitivity"), "document 'sensitivity'")
    _read_quotes(state, top.get("quotes"), doc)
    entities = top.get("entities")
    if entities is None or not entities.is_list:
        state.error("missing 'entities:' list", entities or tree)
        entity_nodes: list[Y] = []
    else:
        entity_nodes = entities.value
    for node in entity_nodes:
        declare(state, node)
    for entity in list(state.entities.values()):
        convert_entity(state, entity)
    settle(state)  # which facts are stricter than the document (docs/audiences.md)
    writer = FactWriter(doc_id, path, "curated-yaml", store=context.staging_store())
    _describe_document(state, writer, doc)
    if state.errors:
        raise InputErrors(state.errors, source=path) if len(state.errors) > 1 else state.errors[0]
    for fact in state.facts:
        text, position = state.quotes[fact.quote]
        level, line = fact.level or (None, None)
        excerpt = writer.excerpt(_quote_key(fact.quote), text, position, state.language, level=level, stated_at=line)
        writer.add(fact.subject, fact.predicate, fact.obj, excerpt, level=level, stated_at=line)
    return [writer.staged(), *writer.companions()]


def _quote_key(key: str) -> str:
    return "q-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


# --- document ---------------------------------------------------------------


def _document_id(state: Parse, doc: Y) -> str:
    for key, node in doc.value.items():
        if key not in DOC_KEYS:
            state.error(f"unknown document key {key!r}{suggest(key, DOC_KEYS)}", node)
    node = doc.value.get("id")
    if node is None or not isinstance(node.value, str) or not ID_PATTERN.match(node.value):
        state.error("document needs an 'id' made of lower-case letters, digits, '-', '_' or '.'", node or doc)
        return "document"
    return str(node.value)


def _document_language(state: Parse, doc: Y) -> str:
    node = doc.value.get("language")
    if node is None:
        return "en"
    if not isinstance(node.value, str) or not LANG_PATTERN.match(node.value):
        state.error("document 'language' must be a language code such as fr or en", node)
        return "en"
    return str(node.value)


def _read_quotes(state: Parse, quotes: Y | None, doc: Y) -> None:
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
        if full_text is not None and normalise_space(node.value) not in full_text:
            state.error(f"quote {key!r} does not appear verbatim in the document text", node)
        state.quotes[key] = (node.value, position)


def _document_text(state: Parse, doc: Y) -> str | None:
    node = doc.value.get("text")
    if node is None:
        return None
    if not isinstance(node.value, str) or not node.value.strip():
        state.error("document 'text' must name a text file beside this one", node)
        return None
    text_path = _text_beside(state, node)
    if text_path is None:
        return None
    try:
        raw = read_limited(text_path, MAX_TEXT_BYTES, "a document text", "quote from a shorter text")
        return normalise_space(raw.decode("utf-8-sig"))
    except InputError as exc:
        state.error(f"document text {node.value!r}: {exc.message}", node)
    except UnicodeDecodeError:
        state.error(f"document text {node.value!r} is not UTF-8 text (save it as UTF-8)", node)
    return None


#: A document's text is read whole to check its quotes: an article is a few pages.
MAX_TEXT_BYTES = 20 * 2**20


def _text_beside(state: Parse, node: Y) -> Path | None:
    """The document text's path, if it stays beside the YAML file (its folder or below).

    Any other file is refused, not read: a build checks that each quote appears in the
    text, which would otherwise tell anyone who can write a YAML file whether a sentence
    appears in any file the builder can read (issue 22).
    """
    name = str(node.value)
    relative = Path(name)
    if relative.is_absolute() or relative.anchor or ".." in relative.parts:
        state.error(
            f"document 'text' {name!r} must be a file beside this one (in its folder or below, "
            "without '..' or an absolute path): move the text next to the YAML file",
            node,
        )
        return None
    folder = state.path.parent.resolve()
    target = (state.path.parent / relative).resolve()
    if not target.is_relative_to(folder):
        state.error(
            f"document 'text' {name!r} is a link leading outside the YAML file's folder; "
            "copy the text beside the YAML file",
            node,
        )
        return None
    return target


def _describe_document(state: Parse, writer: FactWriter, doc: Y) -> None:
    values = doc.value
    cls_node = values.get("type")
    cls = EK.Article
    if cls_node is not None:
        found = class_of(state, cls_node)
        if found is not None and not state.vocab.is_a(found, EK.Document):
            state.error(f"document type {cls_node.value!r} is not a kind of Document", cls_node)
        elif found is not None:
            cls = found
    title_node = values.get("title")
    titles = lang_literals(state, title_node) if title_node is not None else []
    if not titles:
        state.error("document needs a 'title'", title_node or doc)
    props: dict[str, Any] = {"type": cls, "title": titles, "label": titles}
    props["language"] = Literal(state.language)
    if "date" in values:
        date = date_literal(state, values["date"])
        if date is not None:
            props["date"] = date
    if "publisher" in values:
        target = reference(state, values["publisher"], EK.Agent)
        if target is not None:
            props["publisher"] = target
    for key in ("source_url", "license"):
        if key in values:
            props[key] = Literal(str(values[key].value), datatype=XSD.anyURI)
    if "description" in values:
        props["description"] = lang_literals(state, values["description"])
    header = str(titles[0]) if titles else state.path.name
    writer.describe_document(header, **props)
    if state.header_level is not None:  # otherwise the build gives it one (--sensitivity, or by its kind)
        writer._put(writer.name, EK.sensitivity, EKSENS[state.header_level[0]])  # graph metadata, not a fact


__all__ = [
    "DOC_KEYS",
    "ENTITY_KEYS",
    "FORMAT_VERSION",
    "ID_PATTERN",
    "LANG_PATTERN",
    "POST_KEYS",
    "SENSITIVITY_LEVELS",
    "TOP_KEYS",
    "WRAPPER_KEYS",
    "entity_iri",
    "load_curated",
    "scan",
]
