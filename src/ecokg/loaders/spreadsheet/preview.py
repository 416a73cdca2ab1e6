"""``ecokg mapping check``: a dry run of a mapping, its first rows shown as facts.

The file is staged as a load would stage it (same linking, same bad rows), in memory;
nothing is written, not even the reject report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef

from ecokg.errors import InputError
from ecokg.loaders.base import LoadContext
from ecokg.loaders.spreadsheet import stage_spreadsheet
from ecokg.namespaces import EK, EKR, PROV, RDF, RDFS
from ecokg.ontology import term_labels, vocabulary


@dataclass
class Preview:
    #: (row, entity, property, value, new): the facts of the first rows, in row order.
    facts: list[tuple[int, str, str, str, bool]]
    rejects: list[InputError]
    rows: int
    created: int


def preview(path: Path, context: LoadContext, rows: int = 5) -> Preview:
    """The facts the first ``rows`` rows of ``path`` state, and every bad row of it."""
    context.keep_going = True
    writer, rejects = stage_spreadsheet(path, context)
    graph = writer.staged().rdflib_graph()
    keys = {spec.iri: key for key, spec in vocabulary().properties.items()} | {RDF.type: "type", RDFS.label: "label"}
    names = term_labels("en")
    labels = {s: str(o) for s, o in graph.subject_objects(RDFS.label) if isinstance(s, URIRef)}
    created = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(str(EKR))}
    found: list[tuple[int, str, str, str, bool]] = []
    for statement in graph.subjects(RDF.type, RDF.Statement):
        row = graph.value(graph.value(statement, PROV.wasDerivedFrom), EK.position)
        subject, predicate = graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate)
        if not isinstance(row, Literal) or not isinstance(subject, URIRef) or not str(subject).startswith(str(EKR)):
            continue  # the document's own description
        obj = graph.value(statement, RDF.object)
        found.append((int(row), _entity(subject, labels, context), keys.get(predicate, str(predicate)) if isinstance(predicate, URIRef) else "",
                      _value(obj, labels, names, context), subject in created))
    numbers = sorted({f[0] for f in found})
    first = set(numbers[:rows])
    shown = sorted((f for f in found if f[0] in first), key=lambda f: (f[0], f[1], f[2], f[3]))
    return Preview(shown, rejects, len(numbers), len(created))


def _entity(iri: URIRef, labels: dict[URIRef, str], context: LoadContext) -> str:
    ident = str(iri).removeprefix(str(EKR))
    label = labels.get(iri) or context.known_labels.get(iri)
    return f"{label} ({ident})" if label and label != ident else ident


def _value(obj: object, labels: dict[URIRef, str], names: dict[URIRef, str], context: LoadContext) -> str:
    if isinstance(obj, Literal):
        return str(obj)
    if isinstance(obj, URIRef):
        if str(obj).startswith(str(EKR)):
            return _entity(obj, labels, context)
        return names.get(obj, str(obj).rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    return str(obj)
