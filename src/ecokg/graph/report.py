"""What validation found, in words (the same for the compiled shapes and pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from rdflib import URIRef
from rdflib.term import Node

from ecokg.namespaces import RDFS
from ecokg.ontology import ontology_graph


@dataclass
class Violation:
    """One SHACL result, in words."""

    focus: str
    label: str
    path: str
    message: str
    severity: str
    value: str | None = None
    #: For a consistency check: the facts involved, each with the sentence it comes from.
    sources: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        where = f"{self.label} ({self.focus})" if self.label != self.focus else self.focus
        value = f" [value: {self.value}]" if self.value else ""
        path = f" {self.path}:" if self.path else ""
        facts = "".join(f"\n      {line}" for line in self.sources)
        return f"{self.severity}: {where}:{path} {self.message}{value}{facts}"


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    seconds: float = 0.0

    def text(self) -> str:
        if self.conforms:
            return "The graph conforms to the ecokg shapes."
        lines = [f"{len(self.violations)} problem(s):"]
        lines += [f"  - {v}" for v in self.violations]
        return "\n".join(lines)


@cache
def class_hierarchy() -> tuple[tuple[Node, Node, Node], ...]:
    """Named-class ``rdfs:subClassOf`` links of the ontology (what SHACL targets follow)."""
    graph = ontology_graph()
    return tuple(
        (s, RDFS.subClassOf, o)
        for s, o in graph.subject_objects(RDFS.subClassOf)
        if isinstance(s, URIRef) and isinstance(o, URIRef)
    )
