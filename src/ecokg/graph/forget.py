"""Personal data: what the graph holds about a person, and erasing it (GDPR articles 15, 17).

:func:`person_report` lists every fact about a person with its source. :func:`forget`
removes the person, the posts and memberships that exist because of them, every fact and
provenance statement about these, and the person's names from every sentence that quotes
them (the sentence stays, ``[removed]`` in place of the name, so that the other facts it
supports keep their source); the derived graphs (inferred, analysis) are dropped.

On disk the result is written as a new generation *from scratch*, never as a copy: a copy
hard-links the previous generation's RocksDB files, which would keep the erased bytes. The
older generations nobody reads are then deleted, ``damaged-gen-*`` folders too (set aside by
``ecokg store repair``, they may hold the person), and the store folder is searched byte by
byte for the names and the IRI: a generation another process still reads (``ecokg serve``)
is named in an error. The erasure is recorded in ``erasures.jsonl`` beside ``CURRENT``
without the personal data: the SHA-256 of the IRI, the time and the counts.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from ecokg.errors import InputError, StoreError
from ecokg.graph.disk import generations, lock_file
from ecokg.graph.store import Backend, DiskBackend
from ecokg.graph.writes import prune_writes, record_write
from ecokg.namespaces import (
    ANALYSIS_GRAPH,
    EKR,
    INFERRED_GRAPH,
    LEGACY_OWN_GRAPHS,
    RDF,
    is_source_graph,
)
from ecokg.terms import to_ox

#: The record of erasures, beside ``CURRENT`` (outside the generations, so a build keeps it).
RECORD = "erasures.jsonl"
REDACTED = "[removed]"


def sparql(name: str) -> str:
    """The text of ``graph/sparql/<name>.rq`` (packaged data)."""
    return resources.files("ecokg.graph.sparql").joinpath(f"{name}.rq").read_text(encoding="utf-8")


@dataclass
class Fact:
    """One fact about the person, with its source (None: a fact with no statement)."""

    graph: Node
    subject: Node
    predicate: Node
    obj: Node
    sentence: str | None
    document: Node | None


@dataclass
class PersonReport:
    person: URIRef
    names: list[str]
    nodes: list[URIRef]
    facts: list[Fact]

    @property
    def graphs(self) -> list[str]:
        return sorted({str(f.graph) for f in self.facts})


def person_report(backend: Backend, person: URIRef) -> PersonReport:
    """Every fact about ``person`` (and their posts and memberships), with its source."""
    nodes = [person, *(URIRef(str(row[0])) for row in backend.select(sparql("person-nodes"), {"person": person}))]
    names = sorted({str(row[0]) for row in backend.select(sparql("person-names"), {"person": person})})
    found: dict[tuple[Any, ...], Fact] = {}
    for node in nodes:
        for g, s, p, o, text, doc, _ in backend.select(sparql("node-facts"), {"node": node}):
            key = (g, s, p, o)
            if key not in found or (found[key].sentence is None and text is not None):
                found[key] = Fact(g, s, p, o, None if text is None else str(text), doc)
    return PersonReport(person, names, nodes, list(found.values()))


@dataclass
class Erasure:
    """What :func:`forget` did (the record holds no personal data)."""

    subject_sha256: str
    facts_removed: int
    sentences_redacted: int
    sources: list[str]
    erased_at: str
    generation: str | None = None
    dropped: list[str] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        return {
            "erased_at": self.erased_at, "subject_sha256": self.subject_sha256,
            "facts_removed": self.facts_removed, "sentences_redacted": self.sentences_redacted,
            "sources": self.sources, "generation": self.generation,
        }


def forget(backend: Backend, person: URIRef) -> Erasure:
    """Erase ``person`` from the graph and from every generation of the store (module docstring)."""
    if backend.oxigraph() is None:
        raise StoreError(f"{backend.description}: forget works on a local store (erase on the server itself)")
    with backend.writing():
        report = person_report(backend, person)
        if not report.facts:
            return _sweep(backend, person)
        if isinstance(backend, DiskBackend):
            _check_unread(backend.root, backend.generation)
        nodes = {to_ox(n) for n in report.nodes}
        store = backend.oxigraph()
        statements = _statements(store, nodes)
        names = [n for n in report.names if len(n.strip()) >= 3]
        pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)), re.IGNORECASE) \
            if names else None
        ident = str(person).removeprefix(str(EKR))
        counts = {"removed": 0, "redacted": 0}
        pending = backend.next_generation(clear=True)
        if pending is None:
            raise StoreError(f"{backend.description}: forget works on a local store")
        with pending as generation:
            quads = _kept(store, nodes, statements, pattern, ident, counts)
            generation.store.bulk_extend(quads)
            # The old generation must close before it is collected: no reference may remain.
            del quads
            store = None
    erasure = Erasure(
        subject_sha256=hashlib.sha256(str(person).encode()).hexdigest(),
        facts_removed=counts["removed"], sentences_redacted=counts["redacted"],
        sources=[g for g in report.graphs if is_source_graph(g)], erased_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
    )
    if isinstance(backend, DiskBackend):
        erasure.generation = backend.generation
        erasure.dropped = _drop_old_generations(backend.root, backend.generation)
        _append_record(backend.root, erasure)
        record_write(backend, "forget", erasure.sources)
        prune_writes(backend.root, [*names, str(person), ident], REDACTED)  # a file may be named after them
        _no_traces(backend.root, [*names, str(person), ident])
    return erasure


def _sweep(backend: Backend, person: URIRef) -> Erasure:
    """Nothing about ``person`` in the current graph: drop the older generations that may
    still hold them (a reader kept one during an earlier erasure), then search again."""
    if not isinstance(backend, DiskBackend):
        raise InputError(f"the graph holds nothing about {person}")
    dropped = _drop_old_generations(backend.root, backend.generation)
    prune_writes(backend.root, [str(person), str(person).removeprefix(str(EKR))], REDACTED)
    _no_traces(backend.root, [str(person), str(person).removeprefix(str(EKR))])
    return Erasure(hashlib.sha256(str(person).encode()).hexdigest(), 0, 0, [],
                   datetime.now(UTC).replace(microsecond=0).isoformat(), backend.generation, dropped)


def _no_traces(root: Path, needles: list[str]) -> None:
    found = traces(root, needles)
    if found:
        raise StoreError(
            "the person is erased from the current graph, but these files still hold them: "
            + ", ".join(str(p.relative_to(root)) for p in found)
            + " (a generation another process still reads: stop it, e.g. ecokg serve, and run forget again)"
        )


def _check_unread(root: Path, current: str | None) -> None:
    """Refuse to start while another process reads an older generation (it could not be erased)."""
    for name in generations(root):
        if name == current:
            continue
        lock = root / f"{name}.lock"
        try:
            handle = lock_file(lock, shared=False, timeout=0) if lock.exists() else None
        except BlockingIOError:
            raise StoreError(f"{name} of the store {root} is being read by another process (ecokg serve?): "
                             "stop it and run forget again; nothing was changed") from None
        if handle is not None:
            handle.close()


def _kept(store: Any, nodes: set[Any], statements: set[Any], pattern: re.Pattern[str] | None, ident: str,
          counts: dict[str, int]) -> Iterator[Any]:
    """The quads of ``store`` an erasure keeps (sentences redacted); derived graphs dropped."""
    derived = {to_ox(g) for g in (INFERRED_GRAPH, ANALYSIS_GRAPH, *LEGACY_OWN_GRAPHS)}
    for quad in store.quads_for_pattern(None, None, None, None):
        if quad.graph_name in derived:
            continue
        if quad.subject in nodes or quad.object in nodes or quad.subject in statements or _names_iri(quad, ident):
            counts["removed"] += 1
            continue
        value = quad.object
        if pattern is not None and isinstance(value, ox.Literal) and pattern.search(value.value):
            counts["redacted"] += 1
            yield ox.Quad(quad.subject, quad.predicate, _redacted(value, pattern), quad.graph_name)
            continue
        yield quad


def _statements(store: Any, nodes: set[Any]) -> set[Any]:
    """The provenance statements about facts of ``nodes``."""
    found: set[Any] = set()
    for predicate in (RDF.subject, RDF.object):
        for node in nodes:
            found.update(q.subject for q in store.quads_for_pattern(None, to_ox(predicate), node, None))
    return found


def _names_iri(quad: Any, ident: str) -> bool:
    """Whether an IRI of ``quad`` is made from the person's id (``ekr:post.<id>.…``)."""
    return any(isinstance(t, ox.NamedNode) and ident in t.value.removeprefix(str(EKR)).split(".")
               for t in (quad.subject, quad.object))


def _redacted(value: Any, pattern: re.Pattern[str]) -> Any:
    text = pattern.sub(REDACTED, value.value)
    if value.language:
        return ox.Literal(text, language=value.language)
    return ox.Literal(text, datatype=value.datatype)


def _drop_old_generations(root: Path, current: str | None) -> list[str]:
    """Delete every generation but ``current`` that nobody reads, and the damaged ones set aside."""
    dropped = []
    for entry in sorted(root.iterdir()):
        name = entry.name
        if name.startswith("damaged-gen-"):
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)
            dropped.append(name)
        elif entry.is_dir() and re.fullmatch(r"gen-\d{6}", name) and name != current:
            lock = root / f"{name}.lock"
            try:
                handle = lock_file(lock, shared=False, timeout=0) if lock.exists() else None
            except (BlockingIOError, OSError):
                continue  # read by another process: reported by the byte search
            try:
                shutil.rmtree(entry, ignore_errors=True)
                for suffix in (".manifest", ".cache"):
                    extra = root / f"{name}{suffix}"
                    shutil.rmtree(extra, ignore_errors=True) if extra.is_dir() else extra.unlink(missing_ok=True)
                dropped.append(name)
            finally:
                if handle is not None:
                    handle.close()
                    lock.unlink(missing_ok=True)
    return dropped


def traces(root: Path, needles: list[str]) -> list[Path]:
    """The files under ``root`` holding any of ``needles`` (UTF-8 bytes, exact)."""
    wanted = [n.encode("utf-8") for n in needles if n]
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            with contextlib.suppress(OSError):
                data = path.read_bytes()
                if any(n in data for n in wanted):
                    found.append(path)
    return found


def _append_record(root: Path, erasure: Erasure) -> None:
    with (root / RECORD).open("a", encoding="utf-8") as out:
        out.write(json.dumps(erasure.record(), sort_keys=True) + "\n")


def erasures(root: Path) -> list[dict[str, Any]]:
    """The erasures recorded in the store at ``root``, oldest first."""
    path = root / RECORD
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


__all__ = ["RECORD", "Erasure", "Fact", "PersonReport", "erasures", "forget", "person_report", "traces"]
