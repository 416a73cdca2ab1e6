"""Audiences: who may see which source graphs (docs/audiences.md).

Every source graph ``ekg:<doc-id>`` carries its sensitivity on its own node
(``ekg:D ek:sensitivity eksens:confidential``, written at staging). An *audience*
(``public`` ⊂ ``internal`` ⊂ ``all``) sees the graphs whose level it may see:

* ``public`` sees ``eksens:public``; ``internal`` also ``eksens:internal``; ``all`` sees
  everything (``confidential`` and ``personal`` are for ``all`` only);
* the ontology is seen by every audience;
* a derived graph (``inferred``, ``analysis``) is seen only by an audience that sees every
  source graph: it was computed from all of them, so a score, an inferred type or a count
  in it could betray a hidden fact.

:class:`AudienceBackend` is that view as a read-only backend. When the audience sees
everything it *is* the store (no copy, no cost); otherwise the visible graphs are copied
into an in-memory Oxigraph store, so that no query, projection, map or export of the
layers above (which take a backend) can reach a hidden quad whatever it asks: a ``FROM``,
a ``GRAPH ?g`` or a fast path through :meth:`Backend.oxigraph` only finds what was copied.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from ecokg.errors import InputError, StoreError
from ecokg.graph.store import Backend, Change
from ecokg.loaders import StagedGraph
from ecokg.namespaces import (
    DCTERMS,
    EK,
    EKSENS,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    RDF,
    is_source_graph,
)
from ecokg.terms import from_ox, oxigraph_dataset, to_ox

log = logging.getLogger("ecokg.audience")

#: Sensitivity levels, least sensitive first.
LEVELS = ("public", "internal", "confidential", "personal")
#: Audiences, narrowest first.
AUDIENCES = ("public", "internal", "all")
SEES = {
    "public": frozenset({"public"}),
    "internal": frozenset({"public", "internal"}),
    "all": frozenset(LEVELS),
}
#: What a graph nobody marked counts as. ecokg marks every graph it builds (see
#: :func:`default_level`); an unmarked one was written by a SPARQL update through
#: ``ecokg serve --allow-update`` (whose token holder states a level in the update) or by
#: a version before audiences.
UNMARKED = "public"

_MARKINGS = "SELECT ?g ?level WHERE { GRAPH ?g { ?g ek:sensitivity ?level } }"
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_GRAPH_QUADS = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def check_audience(name: str) -> str:
    """``name`` if it is an audience (``InputError`` listing them otherwise)."""
    if name not in AUDIENCES:
        raise InputError(f"unknown audience {name!r} (choose from {', '.join(AUDIENCES)})")
    return name


def check_level(name: str) -> str:
    """``name`` if it is a sensitivity level (``InputError`` listing them otherwise)."""
    if name not in LEVELS:
        raise InputError(f"unknown sensitivity {name!r} (choose from {', '.join(LEVELS)})")
    return name


def level_iri(level: str) -> URIRef:
    return EKSENS[check_level(level)]


def level_name(iri: Any) -> str:
    """The level an IRI names; an IRI outside the scheme counts as the strictest."""
    text = str(iri)
    name = text.removeprefix(str(EKSENS))
    return name if name != text and name in LEVELS else "personal"


def stricter(a: str, b: str) -> str:
    return a if LEVELS.index(a) >= LEVELS.index(b) else b


def may_see(audience: str, level: str) -> bool:
    return level in SEES[check_audience(audience)]


def markings(backend: Backend) -> dict[URIRef, str | None]:
    """Every named graph of ``backend`` with its level (None: not marked)."""
    store = backend.oxigraph()
    if store is not None:
        found: dict[URIRef, str | None] = {URIRef(g.value): None for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    else:
        found = {URIRef(str(row[0])): None for row in backend.select(_GRAPHS)}
    for graph, level in backend.select(_MARKINGS):
        previous = found.get(URIRef(str(graph)))
        found[URIRef(str(graph))] = level_name(level) if previous is None else stricter(previous, level_name(level))
    return found


@dataclass
class Plan:
    """Which graphs an audience sees, and which it does not."""

    audience: str
    visible: list[URIRef]
    hidden: list[URIRef]

    @property
    def everything(self) -> bool:
        return not self.hidden


def plan(backend: Backend, audience: str) -> Plan:
    """The graphs of ``backend`` that ``audience`` sees (module docstring)."""
    check_audience(audience)
    graphs = markings(backend)
    derived, visible, hidden = [], [], []
    for graph, level in sorted(graphs.items()):
        if graph == ONTOLOGY_GRAPH:
            visible.append(graph)
        elif level is None and _ecokg_own(graph):
            derived.append(graph)  # inferred, analysis (and their older names)
        elif may_see(audience, level or UNMARKED):
            visible.append(graph)
        else:
            hidden.append(graph)
    # Derived graphs were computed from every source: shown only if nothing is hidden.
    (visible if not hidden else hidden).extend(derived)
    return Plan(audience, visible, hidden)


def _ecokg_own(graph: URIRef) -> bool:
    from ecokg.namespaces import EKGS, LEGACY_OWN_GRAPHS

    return str(graph).startswith(str(EKGS)) or graph in LEGACY_OWN_GRAPHS


def _copy(backend: Backend, graphs: Sequence[URIRef]) -> Any:
    """An in-memory Oxigraph store holding ``graphs`` of ``backend`` (and nothing else)."""
    copy = ox.Store()
    source = backend.oxigraph()
    for graph in graphs:
        name = ox.NamedNode(str(graph))
        if source is not None:
            copy.extend(source.quads_for_pattern(None, None, None, name))
        else:
            copy.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), name)
                        for s, p, o in backend.select(_GRAPH_QUADS, {"g": graph}))
    return copy


class AudienceBackend(Backend):
    """A read-only view of ``base`` holding only what ``audience`` may see (module docstring)."""

    def __init__(self, base: Backend, audience: str) -> None:
        self.base = base
        self.audience = check_audience(audience)
        self.description = f"{base.description} (audience {audience})"
        self._store: Any = None
        self._dataset: Dataset | None = None
        self._plan: Plan | None = None
        self._build()

    def _build(self) -> None:
        self.forget()
        self._copied_from: str | None = getattr(self.base, "generation", None)
        self._plan = plan(self.base, self.audience)
        if self._plan.everything:
            self._store, self._dataset = None, None
        else:
            self._store = _copy(self.base, self._plan.visible)
            if INFERRED_GRAPH in self._plan.hidden:
                _add_inferences(self.base, self._store, self.audience)
            self._dataset = oxigraph_dataset(self._store)

    @property
    def generation_seen(self) -> str | None:
        """The store's generation this view shows (None: a store without generations); what is
        derived from the view is kept with that one (ecokg.queries.kept)."""
        return getattr(self.base, "generation", None) if self._store is None else self._copied_from

    @property
    def plan(self) -> Plan:
        assert self._plan is not None
        return self._plan

    @property
    def memo(self) -> dict[str, Any]:
        # The whole store's memo when the view is the whole store; its own otherwise.
        return self.base.memo if self._store is None else super().memo

    def __getattr__(self, name: str) -> Any:
        # What only some backends have (a disk store's root and generation, for the
        # projection cache) belongs to the store when the view is all of it, to nobody otherwise.
        if name.startswith("_") or self.__dict__.get("_store") is not None:
            raise AttributeError(name)
        return getattr(self.base, name)

    def dataset(self) -> Dataset:
        return self.base.dataset() if self._dataset is None else self._dataset

    def oxigraph(self) -> Any:
        return self.base.oxigraph() if self._store is None else self._store

    def query(self, text: str, bindings: dict[str, Identifier] | None = None, **kw: Any) -> Result:
        # A dataset (FROM, the protocol's graph parameters) can only name graphs of the copy.
        if self._store is None:
            return self.base.query(text, bindings, **kw)
        return super().query(text, bindings, **kw)

    def select(self, text: str, bindings: dict[str, Identifier] | None = None, **kw: Any) -> list[tuple[Any, ...]]:
        if self._store is None:
            return self.base.select(text, bindings, **kw)
        return super().select(text, bindings, **kw)

    def refresh(self) -> bool:
        changed = self.base.refresh()
        if changed:
            self._build()
        return changed

    def close(self) -> None:
        self._store = self._dataset = None
        self.base.close()

    def commit(self, change: Change) -> None:
        raise StoreError(
            f"the {self.audience} audience's view of {self.base.description} is read-only: "
            "write with the whole store (--audience all)"
        )

    def next_generation(self, *, clear: bool) -> Any:
        return None

    def writing(self) -> Iterator[None]:  # type: ignore[override]
        raise StoreError(f"the {self.audience} audience's view is read-only")


def view(backend: Backend, audience: str) -> Backend:
    """``backend`` as ``audience`` sees it (``backend`` itself when it sees everything)."""
    if check_audience(audience) == "all":
        return backend
    restricted = AudienceBackend(backend, audience)
    return backend if restricted.plan.everything else restricted


# --- inferences per audience ---------------------------------------------------------


def _add_inferences(base: Backend, copy: Any, audience: str) -> None:
    """Reason over what ``audience`` sees into the copy's ``inferred`` graph.

    The store's inferred graph came from every source; the audience gets the inferences of
    its own sources instead (OWL is monotonic: they are a part of the team's). On a disk
    store they are computed once per generation and kept beside it, like the projection
    cache; without a reasoner (no Java) the audience sees no inference.
    """
    name = ox.NamedNode(str(INFERRED_GRAPH))
    cached = _inferred_cache(base, audience)
    if cached is not None and cached.is_file():
        copy.bulk_load(path=str(cached), format=ox.RdfFormat.N_QUADS)
        return
    from ecokg.ontology.reasoning import reason

    data = Graph()
    for quad in copy.quads_for_pattern(None, None, None, None):
        if quad.graph_name != ox.NamedNode(str(ONTOLOGY_GRAPH)):
            data.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    try:
        result = reason(data, "auto")
    except Exception as exc:  # no Java, an inconsistency: no inference rather than a hidden one
        log.warning("no inferences for the %s audience: %s", audience, exc)
        return
    quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in result.graph]
    copy.extend(quads)
    if cached is not None:
        from ecokg.files import atomic_write

        with contextlib.suppress(OSError):  # a store folder we may not write to just goes without
            cached.parent.mkdir(exist_ok=True)
            with atomic_write(cached) as out:
                out.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")


def _inferred_cache(base: Backend, audience: str) -> Path | None:
    from ecokg.graph.store import DiskBackend

    if not isinstance(base, DiskBackend) or base.generation is None:
        return None
    return base.root / f"{base.generation}.cache" / f"inferred-{audience}.nq"


# --- marking what is staged -------------------------------------------------------

#: A press release is published: unmarked, it is public.
PUBLISHED = (EK.PressRelease,)


def _has(item: StagedGraph, s: URIRef, p: URIRef, o: URIRef | None) -> bool:
    if item.store is not None:
        found = item.store.quads_for_pattern(to_ox(s), to_ox(p), None if o is None else to_ox(o), to_ox(item.name))
        return next(iter(found), None) is not None
    return (s, p, o) in item.graph


def default_level(item: StagedGraph) -> str:
    """What an unmarked source is: public if it was published (a press release, or a
    document with its source URL: ``source_url``), internal otherwise (notes, spreadsheets,
    RDF files, and curated files that only default to ``Article``): safe by default."""
    published = any(_has(item, item.document, RDF.type, kind) for kind in PUBLISHED) \
        or _has(item, item.document, DCTERMS.source, None)
    return "public" if published else "internal"


def marking_quads(item: StagedGraph) -> list[Any]:
    """The quads that mark ``item``'s graph (its ``ek:sensitivity``)."""
    name = to_ox(item.name)
    if item.store is not None:
        return list(item.store.quads_for_pattern(name, to_ox(EK.sensitivity), None, name))
    return [ox.Quad(name, to_ox(EK.sensitivity), to_ox(o), name) for o in item.graph.objects(item.name, EK.sensitivity)]


def mark(staged: Sequence[StagedGraph], level: str | None = None) -> None:
    """Give every staged source graph a level: the one its file states (a curated header,
    a spreadsheet mapping), else ``level`` (``ecokg build --sensitivity``), else
    :func:`default_level`."""
    if level is not None:
        check_level(level)
    for item in staged:
        if not is_source_graph(str(item.name)) or _has(item, item.name, EK.sensitivity, None):
            continue
        chosen = level_iri(level or default_level(item))
        if item.store is not None:
            item.store.add(ox.Quad(to_ox(item.name), to_ox(EK.sensitivity), to_ox(chosen), to_ox(item.name)))
        else:
            item.graph.add((item.name, EK.sensitivity, chosen))
    _check_companions(staged)


def _level_of(item: StagedGraph) -> str:
    marks = [level_name(q.object.value) for q in marking_quads(item)]
    return max(marks, key=LEVELS.index) if marks else UNMARKED


def _check_companions(staged: Sequence[StagedGraph]) -> None:
    """A file's facts marked stricter than the file (its companion graphs) must be stricter
    than the level the file got: a fact cannot be more public than its source."""
    parents = {item.name: item for item in staged if item.part_of is None}
    for item in staged:
        parent = parents.get(item.part_of) if item.part_of is not None else None
        if parent is None:
            continue
        own, theirs = _level_of(item), _level_of(parent)
        if LEVELS.index(own) < LEVELS.index(theirs):
            stricter = ", ".join(LEVELS[LEVELS.index(theirs):])
            raise InputError(
                f"'sensitivity: {own}' is looser than the document, which is {theirs} (from its header, "
                f"--sensitivity or its kind): a fact cannot be more public than its source; expected {stricter}",
                source=item.source, **_where(item))


def _where(item: StagedGraph) -> dict[str, int | None]:
    """Where a companion's level is stated: a line of a YAML file, a row of a spreadsheet."""
    from ecokg.loaders import kind_of

    return {"row" if kind_of(Path(item.source)) in ("csv", "xlsx") else "line": item.stated_at}

__all__ = [
    "AUDIENCES",
    "LEVELS",
    "SEES",
    "AudienceBackend",
    "Plan",
    "check_audience",
    "check_level",
    "default_level",
    "level_iri",
    "level_name",
    "mark",
    "marking_quads",
    "markings",
    "may_see",
    "plan",
    "view",
]
