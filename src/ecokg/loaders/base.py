"""What every loader produces: staged named graphs whose facts carry their source.

Provenance model (see docs/architecture.md):

* one named graph per source document, ``ekg:<doc-id>``, described in itself with
  PROV (``prov:wasDerivedFrom`` the document, ``prov:generatedAtTime``, the file);
* the document ``ekd:<doc-id>`` with its title, publisher, date and language;
* one ``ek:Excerpt`` per sentence or row (``ek:text``, ``ek:position``,
  ``dcterms:isPartOf`` the document);
* one ``rdf:Statement`` per fact, naming the fact and ``prov:wasDerivedFrom`` its excerpt.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ecokg.errors import InputError
from ecokg.namespaces import (
    DCTERMS,
    EK,
    EKD,
    EKSENS,
    PROV,
    RDF,
    RDFS,
    XSD,
    bind_prefixes,
    companion_graph,
    source_graph,
)
from ecokg.terms import from_ox, graph_quads, to_ox


@dataclass
class StagedGraph:
    """One named graph ready to be validated and committed."""

    name: URIRef
    document: URIRef
    graph: Graph
    source: str
    #: Rows or records skipped under ``keep_going``; empty otherwise.
    rejects: list[InputError] = field(default_factory=list)
    #: A pyoxigraph store holding this graph's quads (under ``name``) when the loader
    #: staged them there instead of in ``graph``: a restored ecokg dataset of a million
    #: triples is never turned into rdflib terms (issue 10).
    store: Any = None
    #: Restored from an ecokg dataset as it is (the whole file's quads are this build's).
    restored: bool = False
    #: For a companion graph (the facts a file marks stricter than itself, ``ekg:<doc>#<level>``):
    #: the source graph it belongs to, and the line that first states its level.
    part_of: URIRef | None = None
    stated_at: int | None = None

    def rdflib_graph(self) -> Graph:
        """The staged triples as an rdflib graph (converted from ``store`` when they are there)."""
        if self.store is None:
            return self.graph
        graph = Graph(identifier=self.name)
        for quad in self.store.quads_for_pattern(None, None, None, to_ox(self.name)):
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return graph

    def quads(self) -> Iterable[Any]:
        """The staged triples as pyoxigraph quads in graph ``name``."""
        if self.store is None:
            return graph_quads(self.graph, self.name)
        return self.store.quads_for_pattern(None, None, None, to_ox(self.name))


@dataclass
class LoadContext:
    """What a loader may know beyond its own file."""

    #: Entities that already exist (in the store or in other sources of the same build).
    known_entities: set[URIRef] = field(default_factory=set)
    #: Labels of known entities, for readable generated labels (IRI -> label).
    known_labels: dict[URIRef, str] = field(default_factory=dict)
    #: The stored entities' names, for linking by name (spreadsheet ``lookup-or-create``): the
    #: resolver's index (``by_name``, ``types``, ``labels``: ecokg.queries.resolve.NameIndex), or
    #: a function giving it, passed by the caller since loaders never query the store. Only
    #: entities in ``known_entities`` are matched.
    names: Any = None
    #: Load the good rows and report the bad ones instead of refusing the file.
    keep_going: bool = False
    #: Mapping file for spreadsheets (None: look for ``<file>.mapping.yaml``).
    mapping: Path | None = None
    #: Called with (done, total) while streaming long inputs.
    progress: Callable[[int, int | None], None] | None = None
    #: Whether other sources of the build come after this one (they may point at its entities).
    followed: bool = True
    #: The in-memory Oxigraph store the curated and spreadsheet loaders of one build stage
    #: their graphs in, each under its own name: validation and commit then read them
    #: where they are, without copying one source's quads into another's store.
    staging: Any = None

    def staging_store(self) -> Any:
        """The build's shared staging store (made on first use)."""
        if self.staging is None:
            import pyoxigraph as ox

            self.staging = ox.Store()
        return self.staging


def doc_id_for(path: Path) -> str:
    """A stable document id from a file name (``data/Members 2024.csv`` -> ``members-2024``)."""
    stem = path.name.split(".")[0]
    cleaned = "".join(c.lower() if c.isalnum() else "-" for c in stem)
    return "-".join(part for part in cleaned.split("-") if part) or "document"


def mib(n: int) -> str:
    """``n`` bytes in MiB, as the size messages say it."""
    value = n / 2**20
    return f"{value:.0f} MiB" if value >= 100 else f"{value:.3g} MiB"


#: Loaders stage a whole file in memory (an Oxigraph store), so memory grows with the input:
#: larger files are refused up front rather than exhausting memory (reliability, issue 7).
MAX_INPUT_ENV = "ECOKG_MAX_INPUT_MB"
DEFAULT_MAX_INPUT_MB = 256
#: What to do about an input over the limit (one message form for every loader).
INPUT_ADVICE = f"it is staged in memory: split it, or set {MAX_INPUT_ENV} to raise the limit"


def max_input_bytes() -> int:
    """The largest input file a loader accepts (``$ECOKG_MAX_INPUT_MB``, default 256 MiB)."""
    try:
        megabytes = float(os.environ.get(MAX_INPUT_ENV, DEFAULT_MAX_INPUT_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_INPUT_MB
    return int(megabytes * 2**20)


def _too_large(path: Path, size: int, limit: int, what: str, advice: str, *, more: bool = False) -> InputError:
    if more:  # read up to the limit and found more: its size is not known
        return InputError(f"file holds more than the {mib(limit)} {what} may be; {advice}", source=path)
    return InputError(f"file is {mib(size)}, more than the {mib(limit)} {what} may be; {advice}", source=path)


def refuse_if_not_regular(path: Path) -> os.stat_result:
    """Refuse anything but a regular file (after following symlinks); its ``stat``.

    A device (``/dev/zero``), a pipe or a socket has no size to check and may never end:
    a symlink named ``data.yaml`` pointing at one would be read without bound (issue 22).
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", source=path) from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory; name the files to load", source=path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            "not a regular file (a device, pipe or socket, or a link to one); ecokg reads files only",
            source=path,
        )
    return info


def refuse_if_larger(path: Path, limit: int, what: str, advice: str) -> int:
    """Refuse ``path`` before reading a byte of it when it is over ``limit`` bytes; its size.

    Every loader stages a whole file in memory, so each kind of input has a ceiling;
    one message form says which and what to do instead. Anything but a regular file is
    refused too (its size says nothing); :func:`read_limited` then bounds what is read.
    """
    size = refuse_if_not_regular(path).st_size
    if size > limit:
        raise _too_large(path, size, limit, what, advice)
    return size


def read_limited(path: Path, limit: int, what: str, advice: str) -> bytes:
    """The bytes of the regular file ``path``, refused when there are more than ``limit``.

    Bounds what is read, not what the directory says: at most ``limit + 1`` bytes are
    read, so a file that grows, or one whose size the system does not know (``/proc``),
    costs no more than the limit. Opened without blocking, so a pipe put in its place
    after the check is refused rather than waited on.
    """
    refuse_if_larger(path, limit, what, advice)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", source=path) from exc
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError("not a regular file (a device, pipe or socket, or a link to one)", source=path)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise _too_large(path, len(data), limit, what, advice, more=True)
    return data


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class FactWriter:
    """Writes facts into a staged graph, each with the excerpt it comes from.

    The graph is staged in a pyoxigraph store (``store``: the build's shared staging
    store, or one of its own), not in rdflib: a spreadsheet of a million facts costs a few
    hundred bytes a triple there, against about a kilobyte in an rdflib graph (issue 10).
    """

    def __init__(self, doc_id: str, source: Path | str, loader: str, store: Any = None) -> None:
        self.doc_id = doc_id
        self.document = EKD[doc_id]
        self.name = source_graph(doc_id)  # never one of ecokg's own graphs (a doc id has no '/')
        self.store = store if store is not None else ox.Store()
        self._graph = ox.NamedNode(str(self.name))
        self._buffer: list[Any] = []
        self.source = str(source)
        self._excerpts: dict[str, URIRef] = {}
        #: The graph's own description (PROV), repeated in each companion graph.
        self._header: list[tuple[Any, Any]] = []
        #: Companion graphs by level: (graph, the line stating the level, excerpts it holds).
        self._companions: dict[str, tuple[Any, int | None, set[URIRef]]] = {}
        self._put(self.name, RDF.type, PROV.Entity)
        self._put(self.name, PROV.wasDerivedFrom, self.document)
        self._put(self.name, EK.sourceFile, Literal(Path(self.source).name))
        self._put(self.name, EK.loader, Literal(loader))
        self._put(self.name, PROV.generatedAtTime,
                  Literal(datetime.now(UTC).replace(microsecond=0), datatype=XSD.dateTime))
        if isinstance(source, Path) and source.is_file():
            self._put(self.name, EK.sha256, Literal(file_sha256(source)))

    def _put(self, s: Node, p: Node, o: Node) -> None:
        if s == self.name:
            self._header.append((to_ox(p), to_ox(o)))
        self._quad(to_ox(s), to_ox(p), to_ox(o))

    def _quad(self, s: Any, p: Any, o: Any, graph: Any = None) -> None:
        self._buffer.append(ox.Quad(s, p, o, self._graph if graph is None else graph))
        if len(self._buffer) >= _FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        """Write the buffered quads into ``store``."""
        if len(self._buffer) >= _FLUSH_EVERY:
            self.store.bulk_extend(self._buffer)  # fast; atomicity comes from the commit
        else:
            self.store.extend(self._buffer)
        self._buffer = []

    def describe_document(self, header: str, **properties: Node | Iterable[Node]) -> None:
        """Add the document's own description (title, publisher, date...).

        Its source is the document itself: an excerpt ``#header`` holding ``header``
        (the title, or the file name when there is none).
        """
        excerpt = self.excerpt("header", header, 0)
        for key, value in properties.items():
            predicate = _DOC_PROPERTIES[key]
            for item in value if isinstance(value, list | tuple) else [value]:
                self.add(self.document, predicate, item, excerpt)  # type: ignore[arg-type]

    def excerpt(self, key: str, text: str, position: int, lang: str | None = None, *, level: str | None = None,
                stated_at: int | None = None) -> URIRef:
        """The excerpt (sentence or row) named ``key``, created on first use; with ``level``, in
        that companion graph only (a sentence about a confidential fact is confidential too)."""
        iri = self.excerpt_iri(key)
        if level is not None:
            graph = self._companion(level, stated_at)
            held = self._companions[level][2]
            if iri not in held:
                held.add(iri)
                for p, o in self._excerpt_pairs(text, position, lang):
                    self._quad(to_ox(iri), p, o, graph)
            return iri
        found = self._excerpts.get(key)
        if found is not None:
            return found
        for p, o in self._excerpt_pairs(text, position, lang):
            self._quad(to_ox(iri), p, o)
        self._excerpts[key] = iri
        return iri

    def _excerpt_pairs(self, text: str, position: int, lang: str | None) -> list[tuple[Any, Any]]:
        return [(to_ox(RDF.type), to_ox(EK.Excerpt)), (to_ox(EK.text), to_ox(Literal(text, lang=lang))),
                (to_ox(EK.position), to_ox(Literal(position))), (to_ox(DCTERMS.isPartOf), to_ox(self.document))]

    def excerpt_iri(self, key: str) -> URIRef:
        """The IRI of the excerpt ``key`` (whether or not it was created yet)."""
        return URIRef(f"{self.document}#{key}")

    def add(self, s: URIRef, p: URIRef, o: Node, excerpt: URIRef, *, level: str | None = None,
            stated_at: int | None = None) -> None:
        """Add the fact (s, p, o) and its statement node deriving it from ``excerpt``.

        With ``level`` (stricter than the document: the loader checks), the fact goes to the
        companion graph of that level, which repeats the graph's PROV and the excerpt.
        """
        fact = to_ox(s), to_ox(p), to_ox(o)
        statement = to_ox(self.statement_iri(s, p, o))
        graph = None if level is None else self._companion(level, stated_at)
        self._quad(*fact, graph)
        for p, o in statement_pairs(*fact, to_ox(excerpt)):
            self._quad(statement, p, o, graph)

    def _companion(self, level: str, stated_at: int | None = None) -> Any:
        """The companion graph of ``level``, made on first use."""
        if level not in self._companions:
            name = ox.NamedNode(str(companion_graph(self.name, level)))
            for p, o in self._header:
                if p != to_ox(EK.sensitivity):
                    self._quad(name, p, o, name)
            self._quad(name, to_ox(EK.sensitivity), to_ox(EKSENS[level]), name)
            self._quad(name, to_ox(DCTERMS.isPartOf), self._graph, name)
            self._companions[level] = (name, stated_at, set())
        return self._companions[level][0]

    def statement_iri(self, s: Node, p: Node, o: Node) -> URIRef:
        """Deterministic, so rebuilding the same source gives the same graph."""
        digest = hashlib.sha1(f"{s.n3()} {p.n3()} {o.n3()}".encode()).hexdigest()[:20]
        return URIRef(f"{self.document}/fact/{digest}")

    def staged(self, rejects: list[InputError] | None = None) -> StagedGraph:
        self.flush()
        graph = Graph(identifier=self.name)
        bind_prefixes(graph.namespace_manager)
        return StagedGraph(self.name, self.document, graph, self.source, rejects or [], store=self.store)

    def companions(self) -> list[StagedGraph]:
        """The companion graphs (facts stricter than the document), staged after :meth:`staged`."""
        self.flush()
        return [StagedGraph(URIRef(name.value), self.document, Graph(identifier=URIRef(name.value)), self.source,
                            store=self.store, part_of=self.name, stated_at=line)
                for name, line, _ in self._companions.values()]


#: Quads a writer buffers before writing them into its store.
_FLUSH_EVERY = 50_000


_OX_TYPE, _OX_STATEMENT = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(RDF.Statement))
_OX_SUBJECT, _OX_PREDICATE, _OX_OBJECT = (ox.NamedNode(str(t)) for t in (RDF.subject, RDF.predicate, RDF.object))
_OX_DERIVED = ox.NamedNode(str(PROV.wasDerivedFrom))


def statement_pairs(s: Any, p: Any, o: Any, excerpt: Any) -> tuple[tuple[Any, Any], ...]:
    """(predicate, object) of the ``rdf:Statement`` naming the fact (s, p, o) and deriving it
    from ``excerpt`` (pyoxigraph terms): the provenance every loader writes."""
    return ((_OX_TYPE, _OX_STATEMENT), (_OX_SUBJECT, s), (_OX_PREDICATE, p), (_OX_OBJECT, o), (_OX_DERIVED, excerpt))


_DOC_PROPERTIES: dict[str, URIRef] = {
    "type": RDF.type,
    "label": RDFS.label,
    "title": DCTERMS.title,
    "publisher": EK.publisher,
    "date": DCTERMS.date,
    "language": DCTERMS.language,
    "source_url": DCTERMS.source,
    "license": DCTERMS.license,
    "creator": DCTERMS.creator,
    "description": DCTERMS.description,
}
