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
