"""What followed a mission (mission-outcomes), the latest statement of a status, and `as_of`,
on a two-article fixture: tests/data/outcomes/mission.yaml announces a mission's programme,
tests/data/outcomes/later.yaml reports the agreement signed, a follow-up meeting and a plant."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecokg import KnowledgeGraph
from ecokg.namespaces import EKD, EKG, EKR, EKST

OUTCOMES = Path(__file__).parent.parent / "data" / "outcomes"
MISSION, LATER = OUTCOMES / "mission.yaml", OUTCOMES / "later.yaml"


def _rows(kg: KnowledgeGraph, name: str, **params: str) -> list[tuple[str, ...]]:
    return kg.query(name, **params).display_rows()[1]


@pytest.fixture(scope="module")
def both() -> KnowledgeGraph:
    kg = KnowledgeGraph.open(memory=True)
    kg.build([MISSION])
    kg.load([LATER])
    return kg


def test_the_first_article_alone_announces_a_planned_agreement() -> None:
    kg = KnowledgeGraph.open(memory=True)
    kg.build([MISSION])
    rows = [(*r[:6], "; ".join(sorted(r[6].split("; "))), *r[7:]) for r in _rows(kg, "mission-outcomes", mission="trip")]
    # dated by the source giving its status (its signing has no date of its own)
    assert rows == [
        ("2025-03-05", "ekr:agreement-ni-lc", "Partnership agreement between Northland Invest and the Lakeside Cluster",
         "agreement", "ekst:planned", "planned", "Lakeside Cluster; Northland Invest", "ekd:outcomes-mission",
         "The Northland delegation travels to Lakeside"),
    ]
    assert {r[3] for r in _rows(kg, "agreements")} == {"signing planned"}


def test_what_followed_the_mission_with_date_status_and_source(both: KnowledgeGraph) -> None:
    rows = [(*r[:6], "; ".join(sorted(r[6].split("; "))), *r[7:]) for r in _rows(both, "mission-outcomes", mission="trip")]
    assert rows == [
        ("2025-06-12", "ekr:follow-up", "Follow-up meeting of the Lakeside Cluster and Pipette Works", "meeting",
         "ekst:happened", "happened", "Lakeside Cluster; Pipette Works", "ekd:outcomes-later",
         "Six months after the Lakeside mission"),
        ("2025-07", "ekr:pipette-works.plant-northland", "Pipette Works (Northland)", "site",
         "ekst:happened", "happened", "Pipette Works", "ekd:outcomes-later", "Six months after the Lakeside mission"),
        ("2025-09-10", "ekr:agreement-ni-lc", "Partnership agreement between Northland Invest and the Lakeside Cluster",
         "agreement", "ekst:signed", "signed", "Lakeside Cluster; Northland Invest", "ekd:outcomes-later",
         "Six months after the Lakeside mission"),
    ]
    # the programme itself is the mission-programme question, not an outcome
    assert not {"ekr:trip-meeting", "ekr:trip-signing", "ekr:trip-visit"} & {r[1] for r in rows}


def test_both_statements_are_kept_and_the_latest_source_wins(both: KnowledgeGraph) -> None:
    agreement = EKR["agreement-ni-lc"]
    stated = {(g, s) for g, s, _ in both.select("SELECT ?g ?s ?a WHERE { GRAPH ?g { ?a ek:status ?s } }", {"a": agreement})}
    assert stated == {(EKG["outcomes-mission"], EKST.planned), (EKG["outcomes-later"], EKST.signed)}
    records = both.query("agreements").to_records()
    assert {(r["statusLabel"], r["source"]) for r in records} == {("signed", str(EKD["outcomes-later"]))}
    programme = {r[0]: r[4] for r in _rows(both, "mission-programme", mission="trip")}
    assert programme == {"ekr:trip-meeting": "planned", "ekr:trip-signing": "happened", "ekr:trip-visit": "planned"}


def test_the_document_date_decides_not_the_load_order() -> None:
    kg = KnowledgeGraph.open(memory=True)
    kg.build([LATER, MISSION])
    assert {r[2] for r in _rows(kg, "agreements")} == {"ekst:signed"}


def test_between_sources_of_one_date_the_most_advanced_status_wins(tmp_path: Path) -> None:
    same_day = tmp_path / "same-day.yaml"
    same_day.write_text(
        "ecokg: 1\ndocument: {id: same-day, title: {en: Same day}, date: 2025-03-05, language: en}\n"
        'quotes: {q: "The signing was put off."}\n'
        "entities:\n  - {id: agreement-ni-lc, type: Agreement, label: The agreement, quote: q, status: postponed,\n"
        "     signatories: [northland-invest, lakeside-cluster]}\n",
        encoding="utf-8",
    )
    kg = KnowledgeGraph.open(memory=True)
    kg.build([MISSION, same_day])
    # planned (rank 1) and postponed (rank 3), both stated on 2025-03-05: postponed is shown
    assert {(r[2], r[3]) for r in _rows(kg, "agreements")} == {("ekst:postponed", "signing postponed")}


def test_posts_as_of_a_date(both: KnowledgeGraph) -> None:
    # Ada Lind's post starts in 2023-01: a month, compared at its own precision
    assert _rows(both, "person-posts", person="ada-lind", as_of="2022-12-31") == []
    held = _rows(both, "person-posts", person="ada-lind", as_of="2023-01-01")
    assert [(r[0], r[6]) for r in held] == [("ekr:post.ada-lind.northland-invest.director-general", "2023-01")]
    assert [r[0] for r in _rows(both, "organisation-people", organisation="northland-invest", as_of="2025-03-04")] == [
        "ekr:ada-lind"]
    assert _rows(both, "organisation-people", organisation="northland-invest", as_of="2022-06-01") == []
    members = _rows(both, "delegation-members", mission="trip", as_of="2022-06-01")
    assert [(r[0], r[3]) for r in members] == [("ekr:ada-lind", "")]  # a member, no post held that day


def test_sites_as_of_a_date(both: KnowledgeGraph) -> None:
    assert _rows(both, "companies-in-territory", territory="northland", as_of="2025-06-30") == []
    assert [r[2] for r in _rows(both, "companies-in-territory", territory="northland", as_of="2025-07-01")] == [
        "ekr:pipette-works.plant-northland"]
    assert [r[2] for r in _rows(both, "companies-in-territory", territory="northland")] == [
        "ekr:pipette-works.plant-northland"]
    # a site without dates holds on any day
    assert [r[2] for r in _rows(both, "companies-in-territory", territory="lakeside", as_of="1990-01-01")] == [
        "ekr:pipette-works.site.lakeside"]


def test_a_later_end_date_closes_a_post(tmp_path: Path) -> None:
    ended = tmp_path / "ended.yaml"
    ended.write_text(
        "ecokg: 1\ndocument: {id: ended, title: {en: Ended}, date: 2026-01-10, language: en}\n"
        'quotes: {q: "Ada Lind left Northland Invest in December 2025."}\n'
        "entities:\n  - id: ada-lind\n    type: Person\n    label: Ada Lind\n    quote: q\n    posts:\n"
        "      - {organization: northland-invest, role: director-general, end_date: 2025-12}\n",
        encoding="utf-8",
    )
    kg = KnowledgeGraph.open(memory=True)
    kg.build([MISSION, ended])
    assert len(_rows(kg, "person-posts", person="ada-lind", as_of="2025-12-31")) == 1
    assert _rows(kg, "person-posts", person="ada-lind", as_of="2026-01-01") == []
