"""The conversion of one curated file under way: its keys, quotes, entities and facts.

Errors are collected on the state, not raised one by one, so a file's every mistake
is reported at once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import URIRef
from rdflib.term import Node

from ecokg.errors import InputError
from ecokg.loaders.base import LoadContext
from ecokg.loaders.yamlsafe import Y
from ecokg.namespaces import EKR
from ecokg.ontology import Vocabulary

FORMAT_VERSION = 1
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
LANG_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
TOP_KEYS = {"ecokg", "document", "quotes", "entities"}
DOC_KEYS = {
    "id", "type", "title", "publisher", "date", "language", "text",
    "source_url", "license", "description", "sensitivity",
}
#: Keys every entity may have besides the ontology's properties.
ENTITY_KEYS = {"id", "type", "label", "aliases", "description", "quote", "confidence"}
#: Keys of a value wrapper ``{value: ..., quote: ...}``.
WRAPPER_KEYS = {"value", "quote", "confidence"}
#: Keys of a nested post (under ``posts:`` of a person).
POST_KEYS = {"organization", "role", "title", "start_date", "end_date", "quote", "confidence"}


def entity_iri(ident: str) -> URIRef:
    return EKR[ident]


def suggest(word: str, choices: list[str] | set[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def normalise_space(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Entity:
    ident: str
    iri: URIRef
    cls: URIRef | None
    node: Y
    label: str | None = None


@dataclass
class Fact:
    subject: URIRef
    predicate: URIRef
    obj: Node
    quote: str
    line: int


@dataclass
class Parse:
    """State of one file's conversion; errors are collected, not raised one by one."""

    path: Path
    vocab: Vocabulary
    context: LoadContext
    errors: list[InputError] = field(default_factory=list)
    language: str = "en"
    quotes: dict[str, tuple[str, int]] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)

    def error(self, message: str, node: Y | None) -> None:
        self.errors.append(
            InputError(message, source=self.path, line=node.line if node else None)
        )


def label_text(value: Any) -> str | None:
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


def node_items(node: Y) -> list[Y]:
    return list(node.value) if node.is_list else [node]


def unwrap(state: Parse, item: Y) -> tuple[Y | None, str | None]:
    """Split ``{value: x, quote: q}`` into (x, q); a plain value has no own quote."""
    if item.is_map and "value" in item.value:
        for key, sub in item.value.items():
            if key not in WRAPPER_KEYS:
                state.error(f"unknown key {key!r} beside 'value'{suggest(key, WRAPPER_KEYS)}", sub)
        quote = quote_ref(state, item.value.get("quote"), None, required=False)
        return item.value["value"], quote
    return item, None


def quote_ref(state: Parse, node: Y | None, default: str | None, *, required: bool) -> str | None:
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
    state.error(f"unknown quote {key!r}{suggest(str(key), set(state.quotes))}", node)
    return None
