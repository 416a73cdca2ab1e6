"""What is stored, read back: counts, statistics, validation in place, export."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from rdflib import Dataset, Graph

from ecokg.errors import EcokgError
from ecokg.files import atomic_write, atomic_write_bytes
from ecokg.graph.store import Backend
from ecokg.graph.validation import ValidationReport, shacl_validate
from ecokg.namespaces import ONTOLOGY_GRAPH, PREFIXES, bind_prefixes

EXPORT_FORMATS = {
    "ttl": "turtle",
    "turtle": "turtle",
    "trig": "trig",
    "nt": "nt",
    "nq": "nquads",
    "jsonld": "json-ld",
}

ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"

COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

CLASS_COUNT_QUERY = """
SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {
  GRAPH ?g { ?e a ?class }
  FILTER(?g != ekgs:ontology)
  FILTER(STRSTARTS(STR(?class), STR(ek:)))
} GROUP BY ?class ORDER BY DESC(?n) ?class
"""

GRAPHS_QUERY = """
SELECT ?g (COUNT(*) AS ?n) (SAMPLE(?file) AS ?source) (SAMPLE(?when) AS ?loaded) WHERE {
  GRAPH ?g { ?s ?p ?o
    OPTIONAL { ?g ek:sourceFile ?file }
    OPTIONAL { ?g prov:generatedAtTime ?when } }
} GROUP BY ?g ORDER BY ?g
"""


@dataclass
class Stats:
    triples: int
    graphs: list[tuple[str, int, str | None, str | None]]
    classes: list[tuple[str, int]]
    store: str


def count(backend: Backend) -> int:
    """Triples in all graphs, counted with SPARQL (``len()`` is slow on Oxigraph)."""
    rows = backend.select(COUNT_QUERY)
    return int(rows[0][0]) if rows else 0


def stats(backend: Backend) -> Stats:
    """Triples per graph and entities per class."""
    nm = backend.dataset().namespace_manager
    graphs = [
        (nm.normalizeUri(g), int(n), str(f) if f is not None else None, str(w) if w is not None else None)
        for g, n, f, w in backend.select(GRAPHS_QUERY)
    ]
    classes = [(nm.normalizeUri(c), int(n)) for c, n in backend.select(CLASS_COUNT_QUERY)]
    return Stats(triples=sum(n for _, n, _, _ in graphs), graphs=graphs, classes=classes, store=backend.description)


def data_graph(backend: Backend, *, include_ontology: bool = False) -> Graph:
    """All triples of the data graphs merged into one in-memory rdflib graph."""
    graph = Graph()
    bind_prefixes(graph.namespace_manager)
    for s, p, o, g in backend.select(ALL_QUADS):
        if include_ontology or g != ONTOLOGY_GRAPH:
            graph.add((s, p, o))
    return graph


def validate_stored(backend: Backend) -> ValidationReport:
    """Validate the whole stored graph against the shapes."""
    store = backend.oxigraph()
    if store is not None and os.environ.get("ECOKG_SHACL_ENGINE", "sparql") == "sparql":
        # In place, on the data graphs (not the ontology): no copy into rdflib (1M triples: seconds).
        from ecokg.graph.sparqlshacl import validation_report

        data = [g for g in store.named_graphs() if g.value != str(ONTOLOGY_GRAPH)]
        report: ValidationReport = validation_report(store, graphs=data)
        return report
    return shacl_validate(data_graph(backend))


def export(backend: Backend, destination: str | Path | IO[bytes], fmt: str = "trig") -> None:
    """Write the graph: ``trig``/``nq`` keep named graphs; ``ttl``/``nt``/``jsonld`` merge them."""
    if fmt not in EXPORT_FORMATS:
        raise EcokgError(f"unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")
    rdflib_format = EXPORT_FORMATS[fmt]
    store = backend.oxigraph()
    if store is not None and rdflib_format in ("trig", "nquads"):
        # Oxigraph writes the whole dataset itself: a million quads in about a second,
        # where going through rdflib terms takes minutes (a backup must stay cheap).
        import pyoxigraph as ox

        prefixes = {k: str(v) for k, v in PREFIXES.items()} if rdflib_format == "trig" else None
        rdf_format = ox.RdfFormat.TRIG if rdflib_format == "trig" else ox.RdfFormat.N_QUADS
        if isinstance(destination, str | Path):
            # All or nothing: a full disk never leaves the previous backup cut mid-line.
            with atomic_write(destination) as handle:
                store.dump(handle, rdf_format, prefixes=prefixes)
        else:
            store.dump(destination, rdf_format, prefixes=prefixes)
        return
    if rdflib_format in ("trig", "nquads", "json-ld"):
        data: Graph | Dataset = Dataset()
        bind_prefixes(data.namespace_manager)
        for s, p, o, g in backend.select(ALL_QUADS):
            data.add((s, p, o, g))  # type: ignore[arg-type]
    else:
        data = data_graph(backend, include_ontology=True)
    payload = data.serialize(format=rdflib_format, encoding="utf-8")
    if isinstance(destination, str | Path):
        atomic_write_bytes(destination, payload)
    else:
        destination.write(payload)
