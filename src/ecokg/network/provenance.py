"""Where the projection's facts come from: the excerpts (document, date, sentence) behind them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ecokg.namespaces import EKR
from ecokg.network.rows import Lit, select_rows
from ecokg.network.vocabulary import Labels, local_name

if TYPE_CHECKING:
    from ecokg.graph.store import Backend

#: A source as the nodes and edges carry it: ``document``, ``date``, ``quote``, ``iri``.
Source = dict[str, str]


class Provenance:
    """Excerpts behind facts, fetched once: fact -> excerpts -> (document, sentence)."""

    def __init__(self) -> None:
        self.by_fact: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self.by_subject: dict[str, list[str]] = defaultdict(list)
        self.by_object: dict[str, list[str]] = defaultdict(list)
        self.excerpts: dict[str, Source] = {}

    @classmethod
    def of(cls, backend: Backend, include_inferred: bool, lang: str) -> Provenance:
        found = cls()
        ekr = str(EKR)
        for s, x in select_rows(backend, "network-sources", include_inferred):
            if isinstance(s, str) and s.startswith(ekr) and isinstance(x, str):
                found.by_subject[s].append(x)
        # Facts with a literal object are never edges: only those with an IRI are fetched.
        for s, p, o, x in select_rows(backend, "network-fact-sources", include_inferred):
            if isinstance(s, str) and s.startswith(ekr) and isinstance(o, str) and isinstance(x, str):
                found.by_fact[(s, str(p), o)].append(x)
                found.by_object[o].append(x)
        titles = Labels(lang)
        dates: dict[str, str] = {}
        for doc, title, date in select_rows(backend, "network-documents", include_inferred):
            if not isinstance(doc, str):
                continue
            if isinstance(title, Lit):
                titles.add(doc, title)
            if isinstance(date, Lit):
                dates[doc] = date.value
        for x, text, doc in select_rows(backend, "network-excerpts", include_inferred):
            if isinstance(x, str) and isinstance(text, Lit) and isinstance(doc, str):
                found.excerpts[x] = {
                    "document": titles.get(doc) or local_name(doc),
                    "date": dates.get(doc, ""),
                    "quote": text.value,
                    "iri": doc,
                }
        return found

    def _sources(self, excerpts: Iterable[str]) -> list[Source]:
        """The sources of these excerpts, one per (document, sentence), in that order."""
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


__all__ = ["Provenance", "Source"]
