"""Facts stricter than their document: a curated item's ``sensitivity:`` (docs/audiences.md).

A level on an entity covers its type, labels and every fact about it; on a post or a site,
their facts; on a value wrapper, that fact. A fact that *mentions* a stricter item (a public
meeting whose participant is a confidential prospect) is as strict as it, so that the
item's IRI never reaches an audience that may not see it. Such facts go to the companion
graph of their level (``ekg:<doc>#confidential``), with the sentences they cite.
"""

from __future__ import annotations

from rdflib import URIRef

from ecokg.loaders.curated.state import (
    SENSITIVITY_LEVELS,
    Level,
    Parse,
    label_text,
    node_items,
    strictest,
)


def _rank(level: str) -> int:
    return SENSITIVITY_LEVELS.index(level)


def settle(state: Parse) -> None:
    """Give each fact the strictest level of its item, its subject and its object; a level not
    stricter than the document's header is the document's (the fact stays in its graph)."""
    header = state.header_level
    for fact in state.facts:
        mentioned = state.levels.get(fact.obj) if isinstance(fact.obj, URIRef) else None
        level = strictest(fact.level, state.levels.get(fact.subject), mentioned)
        if level is not None and header is not None and _rank(level[0]) <= _rank(header[0]):
            level = None
        fact.level = level
    _check_quotes(state)


def _names(state: Parse) -> list[tuple[str, Level]]:
    """The labels and aliases of the file's entities marked stricter, with their level."""
    found = []
    for entity in state.entities.values():
        level = state.levels.get(entity.iri)
        if level is None:
            continue
        values = entity.node.value
        names = [label_text(values["label"].plain())] if "label" in values else []
        if "aliases" in values:
            names += [str(item.value) for item in node_items(values["aliases"]) if isinstance(item.value, str)]
        found += [(name, level) for name in names if name and len(name) >= 3]
    return found


def _check_quotes(state: Parse) -> None:
    """Refuse a sentence naming a stricter entity cited by a looser fact: the sentence is shown
    with every fact it supports, so it would name the entity to that fact's audience."""
    names = _names(state)
    if not names:
        return
    said: set[tuple[str, str]] = set()
    floor = state.header_level[0] if state.header_level is not None else "public"
    for fact in state.facts:
        seen_at = fact.level[0] if fact.level is not None else floor
        text = state.quotes.get(fact.quote, ("", 0))[0].casefold()
        for name, (level, line) in names:
            if _rank(level) > _rank(seen_at) and name.casefold() in text and (fact.quote, name) not in said:
                said.add((fact.quote, name))
                state.errors.append(state.error_at(
                    f"quote {fact.quote!r} names {name!r}, marked {level} (line {line}), but a fact seen by a "
                    f"wider audience ({seen_at}) cites it, and a fact is shown with its sentence: give the "
                    f"{level} item a quote of its own", fact.line))
