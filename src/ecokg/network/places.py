"""The territory and country of each entity of the projection, from where it is.

An entity is where the places it points at are (its seat, a site, a city it is based in...);
a person without places of their own is where the organisations of their posts and
memberships are. A territory is the nearest administrative area above such a place (a state,
a region), else the place itself when nothing above it is known (a city); a country is never
a territory, only the ``country``.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ecokg.network.vocabulary import E, Labels, local_name


class Places:
    """Territory (administrative area) and country of each entity."""

    def __init__(
        self,
        entities: set[str],
        links: dict[str, list[tuple[str, str]]],
        classes: dict[str, set[str]],
        incoming: dict[str, list[tuple[str, str]]],
        labels: Labels,
        relations: set[str] | None = None,
    ) -> None:
        self.links = links
        self.incoming = incoming
        self.classes = classes
        self.labels = labels
        self.relations = relations or set()
        self.parents: dict[str, list[str]] = defaultdict(list)
        for s in entities:
            for p, o in links.get(s, ()):
                if p == E.locatedIn:
                    self.parents[s].append(o)
        self._cache: dict[str, tuple[list[str], list[str]]] = {}

    def _of_place(self, place: str) -> tuple[list[str], list[str]]:
        """(nearest administrative areas, nearest countries) of a place, walking ek:locatedIn up."""
        if place in self._cache:
            return self._cache[place]
        areas: list[str] = []
        countries: list[str] = []
        seen = {place}
        frontier = [place]
        while frontier and not (areas and countries):
            level_areas = [p for p in frontier if E.AdministrativeArea in self.classes.get(p, ())]
            level_countries = [p for p in frontier if E.Country in self.classes.get(p, ())]
            areas = areas or sorted(level_areas)
            countries = countries or sorted(level_countries)
            nxt = []
            for p in frontier:
                for parent in self.parents.get(p, ()):
                    if parent not in seen:
                        seen.add(parent)
                        nxt.append(parent)
            frontier = nxt
        self._cache[place] = (areas, countries)
        return areas, countries

    def _anchors(self, entity: str) -> list[str]:
        """The places an entity is in: itself (a place), or the places it points at (where it is
        based, its sites, an event's location), whatever the property."""
        classes = self.classes.get(entity, set())
        if E.Place in classes and entity not in self.relations:
            return [entity]
        return [o for _, o in self.links.get(entity, ()) if E.Place in self.classes.get(o, ())]

    def _person_orgs(self, person: str) -> list[str]:
        """Organisations of a person's posts and memberships (and those they head or belong to)."""
        orgs: list[str] = []
        for p, node in self.incoming.get(person, ()):
            if p == E.heldBy:
                orgs.extend(o for pp, o in self.links.get(node, ()) if pp == E.postIn)
            elif p == E.membershipMember:
                orgs.extend(o for pp, o in self.links.get(node, ()) if pp == E.memberIn)
        orgs.extend(o for p, o in self.links.get(person, ()) if p in (E.headOf, E.memberOf))
        return sorted(set(orgs))

    def territories(self, entity: str) -> tuple[list[str], str | None]:
        """Territory labels, most frequent first (then alphabetical), and the country label."""
        classes = self.classes.get(entity, set())
        anchors = self._anchors(entity)
        if not anchors and E.Person in classes:
            for org in self._person_orgs(entity):
                anchors.extend(self._anchors(org))
        area_count: Counter[str] = Counter()
        country_count: Counter[str] = Counter()
        for anchor in anchors:
            areas, countries = self._of_place(anchor)
            if not areas and anchor not in self.relations and E.Country not in self.classes.get(anchor, ()):
                areas = [anchor]  # a city (or any place) with nothing known above it
            area_count.update(self.labels.get(a) or local_name(a) for a in areas)
            country_count.update(self.labels.get(c) or local_name(c) for c in countries)
        ranked = sorted(area_count, key=lambda t: (-area_count[t], t))
        country = sorted(country_count, key=lambda t: (-country_count[t], t))
        return ranked, (country[0] if country else None)


__all__ = ["Places"]
