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
ENTITY_KEYS = {"id", "type", "label", "aliases", "description", "quote", "confidence", "sensitivity"}
#: Keys of a value wrapper ``{value: ..., quote: ...}``.
WRAPPER_KEYS = {"value", "quote", "confidence", "sensitivity"}
#: Keys of a nested post (under ``posts:`` of a person).
POST_KEYS = {"organization", "role", "title", "start_date", "end_date", "quote", "confidence", "sensitivity"}
#: Who may see a document's or an item's facts (docs/audiences.md), least sensitive first:
#: the names of the ``eksens:`` levels.
SENSITIVITY_LEVELS = ("public", "internal", "confidential", "personal")
#: A level and the line that states it.
Level = tuple[str, int | None]


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
    #: Stricter than the document (``sensitivity:`` on the item or the value), with its line.
    level: Level | None = None


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
    #: The document's ``sensitivity:`` (None: the build decides), with its line.
    header_level: Level | None = None
    #: Levels of the file's items (entities, posts, sites) by IRI (``sensitivity:``).
    levels: dict[URIRef, Level] = field(default_factory=dict)

    def error(self, message: str, node: Y | None) -> None:
        self.errors.append(
            InputError(message, source=self.path, line=node.line if node else None)
        )

    def error_at(self, message: str, line: int | None) -> InputError:
        return InputError(message, source=self.path, line=line)


def strictest(*levels: Level | None) -> Level | None:
    """The strictest of ``levels`` (None: none given)."""
    given = [level for level in levels if level is not None]
    return max(given, key=lambda level: SENSITIVITY_LEVELS.index(level[0])) if given else None


def read_level(state: Parse, node: Y | None, what: str = "'sensitivity'") -> Level | None:
    """An item's ``sensitivity:``, checked: a level of the scheme, not looser than the document's
    (a fact cannot be more public than its source)."""
    if node is None:
        return None
    if node.value not in SENSITIVITY_LEVELS:
        state.error(f"{what} must be one of {', '.join(SENSITIVITY_LEVELS)}", node)
        return None
    level = str(node.value)
    header = state.header_level
    if header is not None and SENSITIVITY_LEVELS.index(level) < SENSITIVITY_LEVELS.index(header[0]):
        stricter = ", ".join(SENSITIVITY_LEVELS[SENSITIVITY_LEVELS.index(header[0]):])
        state.error(f"{what} {level!r} is looser than the document's {header[0]!r} (line {header[1]}): a fact "
                    f"cannot be more public than its source; expected {stricter}, or no 'sensitivity'", node)
        return None
    return level, node.line


def wrapper_level(state: Parse, item: Y) -> Level | None:
    """The ``sensitivity:`` of a value wrapper ``{value: ..., sensitivity: ...}``."""
    if item.is_map and "value" in item.value:
        return read_level(state, item.value.get("sensitivity"))
    return None


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
