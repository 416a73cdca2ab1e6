"""What the article tests read of an extraction: the names it proposes, by kind."""

from __future__ import annotations

from ecokg.loaders.articles import Extraction, extract

PLACES = {"Place", "City", "Country", "AdministrativeArea"}
NOT_ORGS = PLACES | {"Person", "Agreement", "Mission", "Meeting", "Visit", "Event", "Signing"}


def run(lang: str, text: str) -> Extraction:
    """``text`` extracted with a document date, as a dated press release is."""
    return extract(text, lang, (), date="2025-03-03")


def orgs(result: Extraction) -> set[str]:
    return {c.label for c in result.entities.values() if c.cls not in NOT_ORGS}


def places(result: Extraction) -> set[str]:
    return {c.label for c in result.entities.values() if c.cls in PLACES}


def people(result: Extraction) -> set[str]:
    return {c.label for c in result.of_class("Person")}


def post_triples(result: Extraction) -> set[tuple[str, str, str]]:
    """Each post proposed: (person, organisation, role), by label."""
    return {
        (person.label, result.entities[post["organization"]].label, post["role"])
        for person in result.of_class("Person") for post in person.posts
    }


def agreements_with_status(result: Extraction) -> list[tuple[frozenset[str], str]]:
    """Each agreement proposed: its parties' labels and its status, in a stable order."""
    return sorted(
        ((frozenset(result.entities[v].label for v, _, _ in a.props["signatories"]), a.props["status"][0][0])
         for a in result.of_class("Agreement")),
        key=lambda pair: sorted(pair[0]),
    )
