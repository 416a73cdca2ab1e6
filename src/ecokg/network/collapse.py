"""Relationship nodes (posts, memberships, agreements, events, sites) collapsed into labelled edges."""

from __future__ import annotations

from collections import deque
from itertools import combinations
from typing import Any

import networkx as nx

from ecokg.network.provenance import Provenance
from ecokg.network.vocabulary import E, Labels, Vocabulary, curie, local_name

# Readable labels of collapsed edges, per language; {role} / {event} are filled in.
PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "post": "{role} of",
        "post-norole": "holds a post in",
        "membership": "{role} of",
        "membership-norole": "member of",
        "agreement": "signed an agreement with",
        "site": "has a site in",
        "organizer": "organised {event} with",
        "Meeting": "met at {event}",
        "Visit": "met during {event}",
        "Signing": "met at {event}",
        "Mission": "took part in {event} with",
        "event": "took part in {event} with",
    },
    "fr": {
        "post": "{role} de",
        "post-norole": "occupe un poste au sein de",
        "membership": "{role} de",
        "membership-norole": "membre de",
        "agreement": "a signé un accord avec",
        "site": "a un site à",
        "organizer": "a organisé {event} avec",
        "Meeting": "a rencontré lors de {event}",
        "Visit": "a rencontré lors de {event}",
        "Signing": "a rencontré lors de {event}",
        "Mission": "a participé à {event} avec",
        "event": "a participé à {event} avec",
    },
}


class Collapser:
    """Turns relationship nodes into labelled edges between the nodes they join."""

    def __init__(
        self,
        G: nx.MultiDiGraph,
        links: dict[str, list[tuple[str, str]]],
        incoming: dict[str, list[tuple[str, str]]],
        classes: dict[str, set[str]],
        types: dict[str, set[str]],
        labels: Labels,
        vocab: Vocabulary,
        provenance: Provenance,
        lang: str,
    ) -> None:
        self.G = G
        self.links = links
        self.incoming = incoming
        self.classes = classes
        self.types = types
        self.labels = labels
        self.vocab = vocab
        self.provenance = provenance
        self.phrases = PHRASES.get(lang, PHRASES["en"])
        self.pairs: set[tuple[str, str]] = set()

    def out(self, node: str, *predicates: Any) -> list[str]:
        wanted = set(predicates)
        return sorted({o for p, o in self.links.get(node, ()) if p in wanted})

    def into(self, node: str, *predicates: Any) -> list[str]:
        wanted = set(predicates)
        return sorted({s for p, s in self.incoming.get(node, ()) if p in wanted})

    def is_a(self, node: str, cls: str) -> bool:
        return cls in self.classes.get(node, ())

    def add(self, u: str, v: str, predicate: str, label: str, via: str) -> None:
        if u == v or u not in self.G or v not in self.G:
            return
        self.G.add_edge(
            u, v, predicate=predicate, label=label,
            sources=self.provenance.of_relationship(via), via=via,
        )
        self.pairs.add((u, v))

    def kind(self, node: str) -> str:
        most = self.vocab.most_specific(self.types.get(node, ()))
        return curie(most) if most else "ek:Entity"

    def collapse(self, r: str) -> None:
        predicate = self.kind(r)
        if self.is_a(r, E.Post) or self.is_a(r, E.Membership):
            post = self.is_a(r, E.Post)
            holders = (
                self.out(r, E.heldBy) + self.into(r, E.holds)
                if post else self.out(r, E.membershipMember)
            )
            orgs = self.out(r, E.postIn) + self.into(r, E.hasPost) if post else self.out(r, E.memberIn)
            roles = self.out(r, E.role)
            key = "post" if post else "membership"
            role = self.vocab.label(roles[0]) if roles else None
            label = self.phrases[key].format(role=role) if role else self.phrases[f"{key}-norole"]
            for holder in sorted(set(holders)):
                for org in sorted(set(orgs)):
                    self.add(holder, org, predicate, label, r)
        elif self.is_a(r, E.Agreement):
            signatories = sorted(set(self.out(r, E.signatory) + self.into(r, E.signed)))
            for a, b in combinations(signatories, 2):
                self.add(a, b, predicate, self.phrases["agreement"], r)
        elif self.is_a(r, E.Site):
            orgs = sorted(set(self.into(r, E.hasSite) + self.out(r, E.siteOf)))
            for org in orgs:
                for place in self.out(r, E.locatedIn):
                    self.add(org, place, predicate, self.phrases["site"], r)
        elif self.is_a(r, E.Event):
            self._collapse_event(r, predicate)

    def participants(self, event: str) -> list[str]:
        found = set(self.out(event, E.participant, E.ledBy) + self.into(event, E.participatedIn))
        if self.is_a(event, E.Visit):
            found.update(v for v in self.out(event, E.visited) if v in self.G)
        return sorted(found)

    def delegation(self, event: str) -> list[str]:
        """Participants of the events ``event`` is part of (transitively): who attended it."""
        found: set[str] = set()
        seen = {event}
        queue = deque(self.out(event, E.partOf) + self.into(event, E.hasPart))
        while queue:
            parent = queue.popleft()
            if parent in seen:
                continue
            seen.add(parent)
            found.update(self.participants(parent))
            queue.extend(self.out(parent, E.partOf) + self.into(parent, E.hasPart))
        return sorted(found)

    def _collapse_event(self, r: str, predicate: str) -> None:
        name = self.labels.get(r) or local_name(r)
        local = local_name(self.vocab.most_specific(self.types.get(r, ())) or "")
        phrase = self.phrases.get(local, self.phrases["event"]).format(event=name)
        own = self.participants(r)
        for a, b in combinations(own, 2):
            self.add(a, b, predicate, phrase, r)
        for member in self.delegation(r):
            for p in own:
                if member not in own:
                    self.add(member, p, predicate, phrase, r)
        organised = self.phrases["organizer"].format(event=name)
        for organizer in self.out(r, E.organizer):
            for p in own:
                self.add(organizer, p, predicate, organised, r)


__all__ = ["PHRASES", "Collapser"]
