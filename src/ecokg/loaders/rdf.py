"""RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) into one named graph each.

Parsed with pyoxigraph, which never fetches anything: a JSON-LD remote ``@context``
is refused (no document loader is set), and RDF/XML with a DOCTYPE is refused here
before parsing, because the parser would expand its entities (a "billion laughs"
file takes exponential memory).

Every quad of the file, whatever its graph in TriG or N-Quads, goes into the file's
own graph ``ekg:<doc-id>`` (the source's graph names are not kept: one file, one
source). External RDF has no sentences, so its provenance is the file: one excerpt
``#file`` per file, and one ``rdf:Statement`` per fact that the ecokg shapes trace
(rdf:type, labels, comments and ``ek:`` properties of anything but ontology terms),
each derived from that excerpt.

An *ecokg dataset* is the exception: an N-Quads or TriG file whose named graphs are
all ecokg source graphs (``ekg:*``, each saying in itself which document it was
derived from), with nothing in the default graph — what ``ecokg export --format nq``
writes. Its provenance is already there, graph by graph, so it is restored as it is:
parsed by Oxigraph straight into a staging store (no rdflib terms: a million triples
in about 3 s), its graphs kept, and checked by the same shapes. The ontology and the
derived graphs of an export (``inferred``, ``analysis``) are not restored: the
ontology is the installed one, and derived graphs are recomputed from the data.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef

from ecokg.errors import InputError
from ecokg.loaders.base import (
    INPUT_ADVICE,
    FactWriter,
    LoadContext,
    StagedGraph,
    doc_id_for,
    file_sha256,
    max_input_bytes,
    read_limited,
    statement_pairs,
)
from ecokg.namespaces import (
    ANALYSIS_GRAPH,
    EK,
    EKG,
    EKR,
    EKS,
    INFERRED_GRAPH,
    LEGACY_OWN_GRAPHS,
    ONTOLOGY_GRAPH,
    PROV,
    RDF,
    RDFS,
    SKOS,
    is_source_graph,
    source_graph,
)

#: File suffix -> pyoxigraph format name.
FORMATS: dict[str, str] = {
    ".ttl": "TURTLE",
    ".turtle": "TURTLE",
    ".nt": "N_TRIPLES",
    ".nq": "N_QUADS",
    ".trig": "TRIG",
    ".jsonld": "JSON_LD",
    ".json-ld": "JSON_LD",
    ".rdf": "RDF_XML",
    ".owl": "RDF_XML",
    ".xml": "RDF_XML",
}

#: Predicates whose facts the shapes trace to a source (see shapes.ttl, TracedShape).
_TRACED = frozenset(str(p) for p in (RDF.type, RDFS.label, SKOS.altLabel, RDFS.comment))
_UNTRACED_EK = frozenset(str(p) for p in (EK.text, EK.position, EK.sourceFile, EK.sha256, EK.loader))
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ONTOLOGY = str(EK).rstrip("#")
#: Graphs of an ecokg export that a restore leaves out (see the module docstring): ecokg's
#: own graphs, by their names now (``ekgs:``) and before issue 22 (``ekg:ontology`` ...).
NOT_RESTORED = frozenset(str(g) for g in (ONTOLOGY_GRAPH, INFERRED_GRAPH, ANALYSIS_GRAPH, *LEGACY_OWN_GRAPHS))
_TRIPLE_TERMS = "ASK { GRAPH ?g { ?s ?p ?o FILTER(isTRIPLE(?s) || isTRIPLE(?o)) } }"
#: The facts of a plain RDF file that the shapes trace (see shapes.ttl, TracedShape), each
#: with its statement's node: an IRI from a digest of the triple (stable across rebuilds),
#: or a blank node when the fact involves one (blank nodes have no stable name to digest).
_TRACED_FACTS = f"""
SELECT ?s ?p ?o ?statement ?facts WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER(?p IN ({", ".join(f"<{t}>" for t in sorted(_TRACED))})
         || (STRSTARTS(STR(?p), "{EK}") && ?p NOT IN ({", ".join(f"<{t}>" for t in sorted(_UNTRACED_EK))})))
  FILTER(isBlank(?s) || !(STRSTARTS(STR(?s), "{_ONTOLOGY}") || STRSTARTS(STR(?s), "{EKS}")))
  BIND(IF(isBlank(?s) || isBlank(?o), BNODE(),
          IRI(CONCAT(?facts, SUBSTR(SHA1(CONCAT(STR(?s), " ", STR(?p), " ",
              IF(isLiteral(?o), CONCAT(STR(?o), "@", LANG(?o), "^^", STR(DATATYPE(?o))), STR(?o)))), 1, 20))))
       AS ?statement)
}}"""
#: Formats that name graphs, so a file in them can be an ecokg dataset.
_DATASET_FORMATS = ("N_QUADS", "TRIG")


def base_iri(path: Path) -> str:
    """The base IRI relative IRIs of ``path`` resolve against: ``file:///`` and its name,
    percent-encoded (``Members 2024.ttl`` has a space, which no IRI may hold)."""
    from urllib.parse import quote

    return "file:///" + quote(path.name, safe="")


def refuse_xml_entities(path: Path, raw: bytes) -> None:
    """Refuse an XML file that declares a DOCTYPE or entities (expansion bombs, external files)."""
    text = raw
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16", errors="replace").encode("utf-8")
    match = _DOCTYPE.search(text)
    if match:
        line = text[: match.start()].count(b"\n") + 1
        raise InputError(
            "XML with a DOCTYPE or ENTITY declaration is refused (entity expansion could "
            "exhaust memory or read other files); remove the declaration",
            source=path,
            line=line,
        )


def check_well_formed(path: Path, raw: bytes) -> None:
    """Refuse XML that is not well-formed (a truncated RDF/XML file).

    pyoxigraph's RDF/XML parser stops quietly at the end of a truncated file (issue 7
    found this); expat does not. Safe: DOCTYPEs were refused before, so no entities.
    """
    from xml.parsers import expat

    parser = expat.ParserCreate()
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as exc:
        raise InputError(
            f"not well-formed XML: {expat.ErrorString(exc.code)}",
            source=path,
            line=exc.lineno,
            column=exc.offset + 1,
        ) from None


def load_rdf(path: Path, context: LoadContext | None = None) -> list[StagedGraph]:
    """Stage one RDF file as the named graph ``ekg:<doc-id>`` with per-file provenance.

    >>> from ecokg.loaders.rdf import load_rdf
    >>> load_rdf(Path("partners.ttl"))  # doctest: +SKIP
    """
    import pyoxigraph

    context = context or LoadContext()
    suffix = path.suffix.lower()
    fmt = getattr(pyoxigraph.RdfFormat, FORMATS[suffix])
    if FORMATS[suffix] in _DATASET_FORMATS and dataset_candidate(path):
        restored = load_dataset(path, context)
        if restored is not None:
            return restored
    raw = None
    if fmt == pyoxigraph.RdfFormat.RDF_XML:
        raw = read_limited(path, max_input_bytes(), "an input", INPUT_ADVICE)
        refuse_xml_entities(path, raw)
        check_well_formed(path, raw)
    doc_id = doc_id_for(path)
    # Staged in a pyoxigraph store, never as rdflib terms: Oxigraph parses the file and
    # finds the facts to trace; a million triples and their statements in seconds, where
    # rdflib took minutes and gigabytes (bench, issue 10).
    store = pyoxigraph.Store()
    name = pyoxigraph.NamedNode(str(source_graph(doc_id)))
    try:
        if raw is not None:  # RDF/XML, read already for the checks above
            store.bulk_load(raw, fmt, base_iri=base_iri(path), to_graph=name)
        else:
            store.bulk_load(path=str(path), format=fmt, base_iri=base_iri(path), to_graph=name)
    except SyntaxError as exc:
        raise syntax_error(path, exc) from None
    except ValueError as exc:
        raise InputError(f"cannot parse: {exc}", source=path) from None
    # One file, one source: the file's own graph names (TriG, N-Quads, JSON-LD) are not kept.
    for graph in list(store.named_graphs()):
        if graph != name:
            store.bulk_extend([pyoxigraph.Quad(q.subject, q.predicate, q.object, name)
                               for q in store.quads_for_pattern(None, None, None, graph)])
            store.remove_graph(graph)
    if bool(store.query(_TRIPLE_TERMS)):
        raise InputError("RDF-star triple terms are not loaded", source=path)
    count = len(store)
    if count == 0:
        # An empty (or prefixes-only) file is almost always a failed export: say so (issue 7).
        raise InputError("the file holds no RDF statements (is it empty or truncated?)", source=path, line=1)
    writer = FactWriter(doc_id, path, "rdf", store=store)
    excerpt = pyoxigraph.NamedNode(str(writer.excerpt_iri("file")))
    facts = pyoxigraph.Literal(f"{writer.document}/fact/")
    # The rows are read in full before the store is written to (a query result reads the store).
    traced = list(_rows(store, _TRACED_FACTS, substitutions={pyoxigraph.Variable("facts"): facts}))
    store.bulk_extend(
        pyoxigraph.Quad(statement, p, o, name)
        for s, fact_p, fact_o, statement, _ in traced
        for p, o in statement_pairs(s, fact_p, fact_o, excerpt)
    )
    del traced
    writer.describe_document(
        path.name,
        type=EK.Dataset,
        title=Literal(path.name, lang="en"),
        label=Literal(path.name, lang="en"),
    )
    writer.excerpt(
        "file",
        f"{path.name}: {count} RDF statement(s), sha256 {file_sha256(path)}",
        1,
        None,
    )
    staged = writer.staged()
    if context.progress is not None:
        context.progress(count, count)
    context.known_entities.update(URIRef(row[0].value) for row in _rows(store, _TYPED))
    return [staged]


def syntax_error(path: Path, exc: SyntaxError) -> InputError:
    """pyoxigraph's parse error as an ``InputError`` with the file, line and column."""
    message = exc.msg or str(exc)
    # pyoxigraph's message repeats the position; keep the reason only.
    message = re.sub(r"^Parser error (at|between) .*?: ", "", message)
    if "LoadDocumentCallback" in message:
        # Issue 7: say plainly that ecokg never fetches a JSON-LD context from the web.
        message = "a remote context (@context URL) is not fetched: ecokg never downloads; put the context in the file"
    return InputError(
        f"not valid {FORMATS[path.suffix.lower()].replace('_', '-').title()}: {message}",
        source=path,
        line=exc.lineno,
        column=exc.offset,
    )


def dataset_candidate(path: Path) -> bool:
    """Whether ``path`` looks like an ecokg dataset: its first quad is in an ``ekg:`` graph.

    Cheap (reads the start of the file only); :func:`load_dataset` checks the whole.
    """
    import pyoxigraph

    if FORMATS.get(path.suffix.lower()) not in _DATASET_FORMATS:
        return False
    fmt = getattr(pyoxigraph.RdfFormat, FORMATS[path.suffix.lower()])
    try:
        for quad in pyoxigraph.parse(path=str(path), format=fmt, base_iri=base_iri(path)):
            graph = quad.graph_name
            return isinstance(graph, pyoxigraph.NamedNode) and graph.value.startswith(str(EKG))  # ekgs: too
    except (SyntaxError, OSError, ValueError):
        return False  # the full load reports it, with its line
    return False


#: The source graphs of a staging store, each with the document it says it was derived from.
_DESCRIBED = f"SELECT ?g ?doc WHERE {{ GRAPH ?g {{ ?g <{PROV.wasDerivedFrom}> ?doc }} }}"
# Entities only (not excerpts or statements): what later sources of a build may point at.
_TYPED = f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s <{RDF.type}> ?t }} FILTER(STRSTARTS(STR(?s), \"{EKR}\")) }}"


def _rows(store: Any, text: str, **options: Any) -> Any:
    import pyoxigraph

    solutions = store.query(text, **options)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    return solutions


def load_dataset(path: Path, context: LoadContext | None = None) -> list[StagedGraph] | None:
    """Stage an ecokg dataset (see the module docstring) in a pyoxigraph store, graphs kept.

    None if the file is not one (a triple in the default graph, or a graph that is
    not an ``ekg:`` source graph describing its own origin): it is then loaded as
    plain RDF, into a graph of its own.
    """
    import pyoxigraph

    context = context or LoadContext()
    fmt = getattr(pyoxigraph.RdfFormat, FORMATS[path.suffix.lower()])
    store = pyoxigraph.Store()
    try:
        store.bulk_load(path=str(path), format=fmt, base_iri=base_iri(path))
    except SyntaxError as exc:
        raise syntax_error(path, exc) from None
    except ValueError as exc:
        raise InputError(f"cannot parse: {exc}", source=path) from None
    if next(iter(store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())), None) is not None:
        return None
    described = {row[0].value: row[1].value for row in _rows(store, _DESCRIBED) if isinstance(row[1], pyoxigraph.NamedNode)}
    names = [g for g in store.named_graphs()]
    for graph in names:
        if not isinstance(graph, pyoxigraph.NamedNode):
            return None
        if graph.value not in NOT_RESTORED and (not is_source_graph(graph.value) or graph.value not in described):
            return None
    for graph in names:
        if graph.value in NOT_RESTORED:
            store.remove_graph(graph)
    total = len(store)
    if not total:
        raise InputError("the file holds no RDF statements (is it empty or truncated?)", source=path, line=1)
    if context.progress is not None:
        context.progress(total, total)
    if context.followed:  # a later source may point at these entities (half a second per million triples)
        context.known_entities.update(URIRef(row[0].value) for row in _rows(store, _TYPED))
    kept = sorted(g.value for g in store.named_graphs())
    return [
        StagedGraph(URIRef(name), URIRef(described[name]), Graph(identifier=URIRef(name)), str(path),
                    store=store, restored=True)
        for name in kept
    ]
