"""Where the projection's facts come from: the excerpts (document, date, sentence) behind them.

:meth:`Provenance.of` reads them for the whole graph (``project(..., sources=True)``);
:func:`attach_sources` reads them for the nodes and links of a small graph only (a map, a path),
with a few queries each bound to a few hundred of them (VALUES blocks): ~6 s for a
2,000-node map of a 1M-triple store, where one query per entity took 14 s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import networkx as nx

from ecokg.namespaces import EKR, PREFIXES, RDF
from ecokg.network.rows import Lit, select_rows
from ecokg.network.vocabulary import E, Labels, local_name

if TYPE_CHECKING:
    from ecokg.graph.store import Backend

#: A source as the nodes and edges carry it: ``document``, ``date``, ``quote``, ``iri``.
Source = dict[str, str]
#: Facts whose object is a vocabulary term, never a node: not the sources of any link.
_NOT_LINKS = frozenset((str(RDF.type), E.concernsSector, E.role))


class Provenance:
    """Excerpts behind facts, fetched once: fact -> excerpts -> (document, sentence)."""

    def __init__(self) -> None:
        self.by_fact: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self.by_subject: dict[str, list[str]] = defaultdict(list)
        self.by_object: dict[str, list[str]] = defaultdict(list)
        self.excerpts: dict[str, Source] = {}
        self._joins: dict[tuple[str, str], list[str]] | None = None

    #: The packaged queries :meth:`of` reads (the projection runs them beside its own).
    QUERIES = ("network-sources", "network-fact-sources", "network-documents", "network-excerpts")

    @classmethod
    def of(
        cls, backend: Backend, include_inferred: bool, lang: str, rows: dict[str, list[list[Any]]] | None = None
    ) -> Provenance:
        """The sources of every fact; ``rows``: the rows of :data:`QUERIES`, when already read."""
        found = cls()
        ekr = str(EKR)
        if rows is None:
            rows = {name: select_rows(backend, name, include_inferred) for name in cls.QUERIES}
        for s, x in rows.pop("network-sources"):
            if isinstance(s, str) and s.startswith(ekr) and isinstance(x, str):
                found.by_subject[s].append(x)
        # Facts with a literal object are never edges: only those with an IRI are fetched.
        for s, p, o, x in rows.pop("network-fact-sources"):
            if isinstance(s, str) and s.startswith(ekr) and isinstance(o, str) and isinstance(x, str):
                found.by_fact[(s, str(p), o)].append(x)
                found.by_object[o].append(x)
        titles = Labels(lang)
        dates: dict[str, str] = {}
        for doc, title, date in rows.pop("network-documents"):
            if not isinstance(doc, str):
                continue
            if isinstance(title, Lit):
                titles.add(doc, title)
            if isinstance(date, Lit):
                dates[doc] = date.value
        for x, text, doc in rows.pop("network-excerpts"):
            if isinstance(x, str) and isinstance(text, Lit) and isinstance(doc, str):
                found.excerpts[x] = {
                    "document": titles.get(doc) or local_name(doc),
                    "date": dates.get(doc, ""),
                    "quote": text.value,
                    "iri": doc,
                }
        return found

    @classmethod
    def about(
        cls, backend: Backend, subjects: Iterable[str], relations: Iterable[str], include_inferred: bool, lang: str
    ) -> Provenance:
        """The sources of the facts about ``subjects``, and of those about ``relations`` either way."""
        found = cls()
        relations = set(relations)
        # Statements first, then their excerpts apart (many statements share one: each pattern
        # costs a lookup in every graph of the dataset). The order of the rows does not matter:
        # every list below ends in _sources, which sorts and deduplicates.
        statements: list[tuple[str, list[Any]]] = []
        for chunk in _chunks(sorted(set(subjects) | relations)):
            statements += [("s", row) for row in select_rows(
                backend, "network-statements-about", include_inferred, values=("s", chunk))]
        for chunk in _chunks(sorted(relations)):
            statements += [("o", row) for row in select_rows(
                backend, "network-statements-about", include_inferred, values=("o", chunk))]
        titles = Labels(lang)
        dates: dict[str, str] = {}
        texts: dict[str, tuple[str, str]] = {}
        # An excerpt counts only with a text and a document (as the facts' sources always did).
        documented: set[str] = set()
        excerpts = sorted({x for _, (_, _, _, x) in statements if isinstance(x, str) and not x.startswith("_:")})
        for chunk in _chunks(excerpts):
            for x, text, doc, title, date in select_rows(
                backend, "network-excerpts-of", include_inferred, values=("x", chunk)
            ):
                if not (isinstance(x, str) and isinstance(doc, str)):
                    continue
                documented.add(x)
                if isinstance(text, Lit):
                    texts[x] = (text.value, doc)
                if isinstance(title, Lit):
                    titles.add(doc, title)
                if isinstance(date, Lit):
                    dates[doc] = date.value
        for variable, (s, p, o, x) in statements:
            if not (isinstance(s, str) and x in documented):
                continue
            if variable == "s":
                found.by_subject[s].append(x)
            if isinstance(o, str) and not o.startswith("_:") and str(p) not in _NOT_LINKS:
                found.by_fact[(s, str(p), o)].append(x)
                if variable == "o":
                    found.by_object[o].append(x)
        for x, (text, doc) in texts.items():
            found.excerpts[x] = {"document": titles.get(doc) or local_name(doc), "date": dates.get(doc, ""), "quote": text, "iri": doc}
        return found

    def _sources(self, excerpts: Iterable[str]) -> list[Source]:
        """The sources of these excerpts, one per (document, sentence), in that order."""
        if not self.excerpts:
            return []
        seen: dict[tuple[str, str], Source] = {}
        for x in excerpts:
            source = self.excerpts.get(x)
            if source is not None:
                seen.setdefault((source["iri"], source["quote"]), source)
        return [dict(seen[key]) for key in sorted(seen)]

    def of_entity(self, entity: str) -> list[Source]:
        return self._sources(self.by_subject.get(entity, ()))

    def of_relationship(self, node: str) -> list[Source]:
        return self._sources([*self.by_subject.get(node, ()), *self.by_object.get(node, ())])

    def of_fact(self, s: str, p: str, o: str) -> list[Source]:
        return self._sources(self.by_fact.get((s, p, o), ()))

    def of_link(self, via: str, ends: Iterable[str]) -> list[Source]:
        """The sources of a link made from the relation ``via``: the sentences stating the facts
        that join ``via`` to the link's ``ends`` (either way), not every sentence about ``via``
        (its label, objectives or other participants). Those of the relation when none do."""
        if self._joins is None:
            joins: dict[tuple[str, str], list[str]] = defaultdict(list)
            for (s, _, o), excerpts in self.by_fact.items():
                joins[(s, o)].extend(excerpts)
                joins[(o, s)].extend(excerpts)
            self._joins = joins
        found = [x for end in ends for x in self._joins.get((via, end), ())]
        return self._sources(found) if found else self.of_relationship(via)


#: Entities bound per query: larger blocks save little more, and a remote endpoint's request stays small.
_CHUNK = 300


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def expand(name: str) -> str:
    """The IRI of a CURIE such as ``ek:solicited`` (``name`` itself when it is no CURIE)."""
    prefix, sep, local = name.partition(":")
    namespace = PREFIXES.get(prefix) if sep else None
    return str(namespace) + local if namespace is not None else name


def attach_sources(backend: Backend, G: nx.MultiDiGraph, *, include_inferred: bool | None = None) -> nx.MultiDiGraph:
    """Fill the empty ``sources`` of ``G``'s nodes and links (a projection's part) from the store.

    A node gets the sources of its own facts; a link made from a relation those of the
    relation's facts that join it to the link's ends; any other link those of its fact. Sources already there are kept (a
    query map's joins say they come from the query). Returns ``G``.
    """
    lang = str(G.graph.get("lang") or "en")
    inferred = bool(G.graph.get("include_inferred", False)) if include_inferred is None else include_inferred
    relations = {str(d["via"]) for _, _, d in G.edges(data=True) if d.get("via") and not d.get("sources")}
    subjects = {str(n) for n, d in G.nodes(data=True) if not d.get("sources")}
    subjects |= {str(u) for u, _, d in G.edges(data=True) if not d.get("via") and not d.get("sources")}
    provenance = Provenance.about(backend, subjects, relations, inferred, lang)
    for n, data in G.nodes(data=True):
        if not data.get("sources"):
            data["sources"] = provenance.of_entity(n)
    for u, v, data in G.edges(data=True):
        if not data.get("sources"):
            via = data.get("via")
            data["sources"] = (
                provenance.of_link(str(via), (u, v)) if via
                else provenance.of_fact(u, expand(str(data.get("predicate") or "")), v)
            )
    return G


__all__ = ["Provenance", "Source", "attach_sources", "expand"]
