"""An RDF graph (a CONSTRUCT's answer, e.g. ``entity-card``) as a card a person reads.

One block per thing described, the entity asked about first: its label and kind as a
heading, then one line per property, labelled in the language asked ("has site: Gilson
(Madison); Gilson (Bourgogne-Franche-Comté)"), values by their labels. Labels are what the
graph itself carries (``entity-card`` constructs the labels of the things and properties it
names); a thing with nothing but labels is no block of its own. Values in several languages
show in the language asked only.

>>> print(entity_card(kg.backend, "Gilson", lang="fr").text)   # doctest: +SKIP
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ecokg.namespaces import RDF, RDFS, SKOS

if TYPE_CHECKING:
    from ecokg.graph.store import Backend

#: Headings of the card's groups, per language.
WORDS = {
    "en": {"about": "pointing at it", "kind": "kind"},
    "fr": {"about": "qui s’y rapporte", "kind": "type"},
}


@dataclass
class Block:
    """One thing described: its heading, then (property label, values) lines."""

    node: str
    heading: str
    lines: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class Card:
    """The card of an entity: its own block, then the blocks of what points at it."""

    blocks: list[Block]
    lang: str = "en"
    focused: bool = False  # the first block is the entity asked about, the others point at it

    @property
    def text(self) -> str:
        words = WORDS.get(self.lang, WORDS["en"])
        out: list[str] = []
        for i, block in enumerate(self.blocks):
            if i == 1 and self.focused:
                out.append(f"— {words['about']} —")
            out.append(block.heading)
            width = max((len(label) for label, _ in block.lines), default=0)
            out.extend(f"  {label.ljust(width)} : {'; '.join(values)}" for label, values in block.lines)
            out.append("")
        return "\n".join(out).rstrip("\n") + "\n"


#: Labels of the standard properties the graph's ontology does not label itself.
STANDARD = {
    "en": {RDFS.comment: "description", SKOS.altLabel: "also called", SKOS.prefLabel: "name"},
    "fr": {RDFS.comment: "description", SKOS.altLabel: "aussi appelé", SKOS.prefLabel: "nom"},
}


def _label(graph: Graph, node: Node, lang: str) -> str:
    standard = STANDARD.get(lang, STANDARD["en"])
    if node in standard and not any(True for _ in graph.objects(node, RDFS.label)):
        return standard[node]  # type: ignore[index]
    found = {str(lit.language or ""): str(lit) for lit in graph.objects(node, RDFS.label) if isinstance(lit, Literal)}
    for tag in (lang, "", "en"):
        if tag in found:
            return found[tag]
    if found:
        return found[sorted(found)[0]]
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def card_of(graph: Graph, focus: str | None = None, lang: str = "en") -> Card:
    """The card of ``graph``: ``focus`` first (else the subject with most statements), then the
    other subjects that state more than labels, by label."""
    words = WORDS.get(lang, WORDS["en"])
    described: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    for s, p, o in graph:
        if p != RDFS.label:
            described[s].append((p, o))
    if not described:
        return Card([], lang)
    first = URIRef(focus) if focus is not None and URIRef(focus) in described else max(
        described, key=lambda s: (len(described[s]), str(s)))
    order = [first, *sorted((s for s in described if s != first), key=lambda s: (_label(graph, s, lang), str(s)))]
    blocks: list[Block] = []
    for subject in order:
        kinds = sorted({_label(graph, o, lang) for p, o in described[subject] if p == RDF.type})
        heading = _label(graph, subject, lang) + (f" ({', '.join(kinds)})" if kinds else "")
        values: dict[str, dict[str, None]] = defaultdict(dict)
        tagged: dict[str, list[Literal]] = defaultdict(list)
        for p, o in described[subject]:
            if p == RDF.type:
                continue
            name = _label(graph, p, lang)
            if isinstance(o, Literal) and o.language:
                tagged[name].append(o)
            else:
                values[name][_label(graph, o, lang) if isinstance(o, URIRef) else str(o)] = None
        for name, literals in tagged.items():
            preferred = [lit for lit in literals if lit.language == lang] or literals
            for lit in preferred:
                values[name][str(lit)] = None
        lines = [(name, sorted(found)) for name, found in sorted(values.items())]
        blocks.append(Block(str(subject), heading, lines))
    if blocks and not blocks[0].lines and len(blocks) > 1:
        blocks[0].lines.append((words["kind"], [blocks[0].heading]))
    return Card(blocks, lang, focused=focus is not None and URIRef(focus) == first)


def entity_card(backend: Backend, entity: str, *, lang: str = "en", include_inferred: bool = True) -> Card:
    """The ``entity-card`` query's answer for ``entity`` (IRI, CURIE, id or label), as a card."""
    from ecokg.queries.catalog import run_named
    from ecokg.queries.resolve import resolve

    result = run_named(backend, "entity-card", {"entity": entity}, lang=lang, include_inferred=include_inferred)
    return card_of(result.graph if result.graph is not None else Graph(), str(resolve(backend, entity)), lang)


__all__ = ["Block", "Card", "card_of", "entity_card"]
