"""Relations (posts, agreements, events, sites, acquisitions...) collapsed into labelled links.

A *relation* is an entity of a class the ontology makes one (:meth:`Vocabulary.is_relation`).
It joins the actors it names: those it points at (``ek:acquirer``, ``ek:participant``...) and
those pointing at it (``ek:hasSite``, ``ek:holds``...), each in a *role* (the property, read
from the relation's side through ``owl:inverseOf``; sub-properties share the role of their
broadest parent with a domain: ``ek:ledBy`` is a participant). A relation that is itself a
place (a site) also joins its actors to the places it is located in.

* two ends in the same role are peers: one link between them ("signed an agreement with",
  "met at Meetings with WEDC"), from the first to the second by IRI;
* two ends in different roles: one link from the leading end to the other ("president of",
  "acquired", "has a site in"); an actor leads a place, and :data:`LEADING_ROLES` lead the
  others (else the role whose name sorts first);
* a relation that is part of an event that stays a node (a meeting of a mission's programme:
  ``ek:Mission`` is ``ek:joinsActors false``) links that event to its own ends ("programme:
  Meetings with WEDC"): the mission met WEDC, as the source says; who of the delegation was
  there it does not say, so no person is linked to WEDC;
* a relation naming one actor and joined to no other (a funding round without investors) is
  listed on that actor's node (``props``, under the class's label).

With ``co_participation=True`` the projection also joins those who took part in the same event
(the members of a delegation, one another; a larger relation's ends to a part's ends), links
marked ``co_participation`` that no source states as such.

Every link carries the relation (``via``), its date (the earliest value of its date
properties, else its parent's), its ``status`` (the label of its ``ek:status`` concept, e.g.
"planned"; ``status_key`` the concept's local name) and its sources: the sentences stating the
facts that join the relation to the link's two ends (:meth:`Provenance.of_link`).
"""

from __future__ import annotations

from collections import defaultdict, deque
from itertools import combinations
from typing import Any

import networkx as nx

from ecokg.network.french import preposition, title_head
from ecokg.network.provenance import Provenance
from ecokg.network.rows import Lit
from ecokg.network.vocabulary import E, Labels, Vocabulary, curie, local_name

#: Roles whose holder reads first when a link joins two different roles (holder → organisation,
#: member → group, organiser → participant, acquirer → acquired, investor → funded); other roles
#: by their local names (a link reads the same way in every language).
LEADING_ROLES = (E.heldBy, E.membershipMember, E.organizer, E.acquirer, E.investor)

# Readable labels of collapsed links, per language, looked up by the relation's classes (most
# specific first): "<Class>" for peers ("<Class>~<status>" when it has that status), "<Class>>" for a link between two roles, "<Class>.<role>"
# for a link led by that role. {role} is the relation's role concept (a post's "president"),
# {event} the relation's label. Classes with no entry get a label from the ontology's labels.
PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "Post>": "{role} of",
        "Post>norole": "holds a post in",
        "Membership>": "{role} of",
        "Membership>norole": "member of",
        "Agreement": "signed an agreement with",
        "Agreement~planned": "plans an agreement with",
        "Agreement~postponed": "postponed an agreement with",
        "Agreement~cancelled": "cancelled an agreement with",
        "Site>": "has a site in",
        "Event": "took part in {event} with",
        "Event.organizer": "organised {event} with",
        "Meeting": "met at {event}",
        "Visit": "met during {event}",
        "Signing": "met at {event}",
        "Mission": "took part in {event} with",
        "programme": "programme: {event}",
        "Acquisition>": "acquired",
        "FundingRound>": "invested in",
        "FundingRound": "co-invested with",
        "same": "{role} of the same {kind} as",
        "cross": "{kind} ({first} → {second})",
    },
    "fr": {
        "Post>": "{role} de",
        "Post>norole": "occupe un poste au sein de",
        "Membership>": "{role} de",
        "Membership>norole": "membre de",
        "Agreement": "a signé un accord avec",
        "Agreement~planned": "prévoit un accord avec",
        "Agreement~postponed": "a reporté un accord avec",
        "Agreement~cancelled": "a annulé un accord avec",
        "Site>": "a un site {at}",
        "Event": "a participé à {event} avec",
        "Event.organizer": "a organisé {event} avec",
        "Meeting": "a rencontré lors de {event}",
        "Visit": "a rencontré lors de {event}",
        "Signing": "a rencontré lors de {event}",
        "Mission": "a participé à {event} avec",
        "programme": "au programme : {event}",
        "Acquisition>": "a racheté",
        "FundingRound>": "a investi dans",
        "FundingRound": "a co-investi avec",
        "same": "{role} du même {kind} que",
        "cross": "{kind} ({first} → {second})",
    },
}

Ends = dict[str, set[str]]


class Collapser:
    """Turns relations into labelled links between the nodes they join (see the module docstring)."""

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
        literals: dict[str, dict[str, list[Lit]]] | None = None,
        relations: set[str] | None = None,
        co_participation: bool = False,
        inferred: set[tuple[str, str, str]] | None = None,
    ) -> None:
        self.G = G
        self.co_participation = co_participation
        self.inferred = inferred or set()
        self.links = links
        self.incoming = incoming
        self.classes = classes
        self.types = types
        self.labels = labels
        self.vocab = vocab
        self.provenance = provenance
        self.lang = lang
        self.phrases = PHRASES.get(lang, PHRASES["en"])
        self.literals = literals or {}
        self.relations = relations if relations is not None else set()
        #: (u, v) of every link made, to drop the direct facts they make redundant.
        self.pairs: set[tuple[str, str]] = set()
        #: node -> [(class label, relation label)] of the relations naming it alone.
        self.alone: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._ends: dict[str, Ends] = {}
        self._dates: dict[str, str | None] = {}

    # --- what a relation joins ------------------------------------------------------------

    def _is_actor(self, node: str) -> bool:
        return node in self.G and self.vocab.is_actor(self.classes.get(node, ()))

    def _is_place(self, node: str) -> bool:
        return E.Place in self.classes.get(node, ())

    def ends(self, r: str) -> Ends:
        """The actors ``r`` names (and, if it is a place, the places it is in), with their roles."""
        if r not in self._ends:
            found: Ends = defaultdict(set)
            place = self._is_place(r)
            for p, o in self.links.get(r, ()):
                if self._is_actor(o) or (place and o in self.G and self._is_place(o)):
                    found[o].add(self.vocab.role(p))
            for q, s in self.incoming.get(r, ()):
                if self._is_actor(s):
                    inverse = self.vocab.inverse.get(q)
                    found[s].add(self.vocab.role(inverse) if inverse else f"^{q}")
            self._ends[r] = dict(found)
        return self._ends[r]

    def parents(self, r: str) -> list[str]:
        """The relations ``r`` points at (``ek:partOf`` a mission, ``ek:signedAgreement``...)."""
        found = {o for _, o in self.links.get(r, ()) if o in self.relations}
        found.update(s for q, s in self.incoming.get(r, ()) if s in self.relations and q in self.vocab.inverse_side)
        found.discard(r)
        return sorted(found)

    def node_events(self, r: str) -> list[str]:
        """The events ``r`` is part of that stay nodes (a mission, for its programme's items)."""
        found = {o for _, o in self.links.get(r, ()) if self._is_event_node(o)}
        found.update(s for q, s in self.incoming.get(r, ()) if q in self.vocab.inverse_side and self._is_event_node(s))
        found.discard(r)
        return sorted(found)

    def _is_event_node(self, node: str) -> bool:
        return node in self.G and node not in self.relations and E.Event in self.classes.get(node, ())

    def inherited(self, r: str, roles: set[str]) -> Ends:
        """Ends of the relations ``r`` is part of (transitively), in one of ``roles``."""
        found: Ends = defaultdict(set)
        seen = {r}
        queue = deque(self.parents(r))
        while queue:
            parent = queue.popleft()
            if parent in seen:
                continue
            seen.add(parent)
            for node, node_roles in self.ends(parent).items():
                if node_roles & roles:
                    found[node] |= node_roles & roles
            queue.extend(self.parents(parent))
        return found

    # --- what the link says ---------------------------------------------------------------

    def date(self, r: str, _seen: frozenset[str] = frozenset()) -> str | None:
        """The earliest value of ``r``'s date properties, else its first parent's date."""
        if r not in self._dates:
            dated = self.vocab.date_properties()
            values = sorted(v.value for p, vs in self.literals.get(r, {}).items() if p in dated for v in vs)
            found = values[0] if values else None
            if found is None:
                for parent in self.parents(r):
                    if parent not in _seen:
                        found = self.date(parent, _seen | {r})
                        if found:
                            break
            self._dates[r] = found
        return self._dates[r]

    def status(self, r: str) -> str | None:
        """The label of ``r``'s status (a concept of the ``ekst:`` scheme, or a literal)."""
        concepts = sorted({o for p, o in self.links.get(r, ()) if p == E.status})
        # Agreed with r's kind in French: "réunion prévue" (ek:feminineLabel, ek:grammaticalGender).
        most = self.vocab.most_specific(self.types.get(r, ()))
        values = [self.vocab.status_label(c, [most] if most else []) or local_name(c) for c in concepts]
        values += sorted({v.value for v in self.literals.get(r, {}).get(E.status, ())})
        return "; ".join(values) or None

    def status_key(self, r: str) -> str | None:
        """The local name of ``r``'s status concept ("planned"), which maps draw by."""
        concepts = sorted({local_name(o) for p, o in self.links.get(r, ()) if p == E.status})
        return "; ".join(concepts) or None

    def kind(self, r: str) -> str:
        most = self.vocab.most_specific(self.types.get(r, ()))
        return curie(most) if most else "ek:Entity"

    def _lineage(self, r: str) -> list[str]:
        """Local names of ``r``'s classes, most specific first."""
        classes = self.classes.get(r, set())
        ordered = sorted(classes, key=lambda c: (-len(self.vocab.ancestors(c)), c))
        return [local_name(c) for c in ordered]

    def _phrase(self, r: str, keys: list[str]) -> str | None:
        """The first phrase found for the first key, looked up on ``r``'s classes in turn."""
        lineage = self._lineage(r)
        for key in keys:
            for name in lineage:
                found = self.phrases.get(name + key)
                if found is not None:
                    return found
        return None

    def _role_label(self, role: str) -> str:
        iri = role.removeprefix("^")
        return self.vocab.label(iri) or local_name(iri)

    def _fill(self, text: str, r: str, **extra: str) -> str:
        most = self.vocab.most_specific(self.types.get(r, ()))
        values: dict[str, Any] = {
            "event": self.labels.get(r) or local_name(r),
            "kind": (self.vocab.label(most) if most else None) or (local_name(most) if most else "relation"),
            "role": "", "at": "{at}", **extra,
        }
        return text.format(**values)

    def peer_label(self, r: str, role: str) -> str:
        # "<Class>~<status>": what a relation not done yet says ("plans an agreement with", not "signed").
        found = self._phrase(r, [f"~{self.status_key(r)}", ""] if self.status_key(r) else [""])
        return self._fill(found or self.phrases["same"], r, role=self._role_label(role))

    def link_label(self, r: str, lead: set[str], other: set[str]) -> str:
        first, second = min(lead), min(other)
        found = self._phrase(r, [f".{local_name(x.removeprefix('^'))}" for x in sorted(lead)] + [">", ""])
        if found is None:
            return self._fill(self.phrases["cross"], r, first=self._role_label(first), second=self._role_label(second))
        if "{role}" in found:
            own_title = self._title(r)
            if own_title:
                return self._fill(found, r, role=own_title)
            concepts = sorted(o for p, o in self.links.get(r, ()) if p == E.role)
            if not concepts:
                return self._phrase(r, [">norole"]) or self._fill(found, r)
            return self._fill(found, r, role=self.vocab.label(concepts[0]) or local_name(concepts[0]))
        return self._fill(found, r)

    def _title(self, r: str) -> str | None:
        """The head of the post's own French title ("Présidente"), for French phrases only:
        the source's word, never a form guessed from the holder's name."""
        if self.lang != "fr":
            return None
        for value in sorted(self.literals.get(r, {}).get(E.title, ()), key=lambda v: (v.lang != "fr", v.value)):
            if value.lang in ("fr", "", None):
                head = title_head(value.value)
                if head:
                    return head
        return None

    def _lead(self, a: str, roles_a: set[str], b: str, roles_b: set[str]) -> bool:
        """Whether ``a`` reads first in a link between ``a`` and ``b`` (in different roles)."""
        place_a, place_b = not self._is_actor(a), not self._is_actor(b)
        if place_a != place_b:
            return place_b

        def rank(roles: set[str]) -> tuple[int, str]:
            leading = [LEADING_ROLES.index(r) for r in roles if r in LEADING_ROLES]
            # Then by the roles' names, not their labels: a link reads the same way in every language.
            return (min(leading) if leading else len(LEADING_ROLES), min(local_name(r) for r in roles))

        return rank(roles_a) <= rank(roles_b)

    # --- links ----------------------------------------------------------------------------

    def add(self, u: str, v: str, predicate: str, label: str, via: str, *, co_participation: bool = False) -> None:
        if u == v or u not in self.G or v not in self.G:
            return
        if "{at}" in label:  # the place's own French preposition: "a un site en" Bourgogne-Franche-Comté
            label = label.replace("{at}", preposition(self.classes.get(v, set()), self.labels.get(v) or local_name(v)))
        self.G.add_edge(
            u, v, predicate=predicate, label=label,
            sources=self.provenance.of_link(via, (u, v)), via=via,
            date=self.date(via), status=self.status(via), status_key=self.status_key(via),
            co_participation=co_participation, inferred=not co_participation and self._only_inferred(via, (u, v)),
        )
        if not co_participation:
            self.pairs.add((u, v))

    def collapse(self, r: str) -> None:
        own = self.ends(r)
        if not own:
            return
        predicate = self.kind(r)
        nodes = sorted(own)
        for a, b in combinations(nodes, 2):
            shared = own[a] & own[b]
            if shared:
                self.add(a, b, predicate, self.peer_label(r, min(shared)), r)
            elif self._lead(a, own[a], b, own[b]):
                self.add(a, b, predicate, self.link_label(r, own[a], own[b]), r)
            else:
                self.add(b, a, predicate, self.link_label(r, own[b], own[a]), r)
        events = self.node_events(r)
        if events:
            label = self._fill(self.phrases["programme"], r)
            for event in events:
                for node in nodes:
                    self.add(event, node, predicate, label, r)
        # Who of a larger relation took part in this one no source says: only on request.
        roles = set().union(*own.values())
        inherited = self.inherited(r, roles) if self.co_participation else {}
        for member in sorted(inherited):
            if member in own:
                continue
            for node in nodes:
                shared = own[node] & inherited[member]
                if shared:
                    self.add(member, node, predicate, self.peer_label(r, min(shared)), r, co_participation=True)
        if len(nodes) == 1 and not events and not set(inherited) - set(nodes):
            most = self.vocab.most_specific(self.types.get(r, ()))
            kind = (self.vocab.label(most) if most else None) or local_name(most or "relation")
            self.alone[nodes[0]].append((kind, self.labels.get(r) or local_name(r)))


    def _only_inferred(self, via: str, ends: tuple[str, str]) -> bool:
        """Whether every fact joining ``via`` to ``ends`` is the reasoner's alone."""
        if not self.inferred:
            return False
        facts = [(via, p, o) for p, o in self.links.get(via, ()) if o in ends]
        facts += [(s, q, via) for q, s in self.incoming.get(via, ()) if s in ends]
        return bool(facts) and all(f in self.inferred for f in facts)

    def co_participants(self, event: str) -> None:
        """Links between the actors who took part in ``event`` (a node) in the same role, marked
        ``co_participation``: the sources state each one's part, not that they met."""
        roles: Ends = defaultdict(set)
        for p, o in self.links.get(event, ()):
            if self._is_actor(o):
                roles[o].add(self.vocab.role(p))
        for q, s in self.incoming.get(event, ()):
            inverse = self.vocab.inverse.get(q)
            if inverse and self._is_actor(s):
                roles[s].add(self.vocab.role(inverse))
        predicate = self.kind(event)
        for a, b in combinations(sorted(roles), 2):
            shared = roles[a] & roles[b]
            if shared:
                self.add(a, b, predicate, self.peer_label(event, min(shared)), event, co_participation=True)


__all__ = ["LEADING_ROLES", "PHRASES", "Collapser"]
