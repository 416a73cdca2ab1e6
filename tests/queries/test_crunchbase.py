"""The real-data questions on a cut of the Crunchbase 2013 export, checked against its CSV files.

The seed holds no acquisition and no funding round (tests/queries/test_catalogue.py expects
nothing there): these tests read tests/data/crunchbase-network/ themselves, with the csv module,
and compare what the catalogue answers with what the rows say.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from ecokg import KnowledgeGraph
from ecokg.loaders.spreadsheet.values import slugify
from ecokg.namespaces import EK, EKR, RDF, RDFS

DATA = Path(__file__).parent.parent / "data" / "crunchbase-network"
MAPPINGS = Path(__file__).parent.parent.parent / "src" / "ecokg" / "loaders" / "mappings"


def rows(name: str) -> list[dict[str, str]]:
    """A file of the cut as the export writes it: Mac Roman, CR line endings."""
    text = (DATA / name).read_bytes().decode("mac_roman").replace("\r", "\n")
    return list(csv.DictReader(io.StringIO(text)))


def company(permalink: str) -> str:
    return f"ekr:cb-{slugify(permalink.removeprefix('/company/'))}"


@pytest.fixture(scope="module")
def acquisitions() -> list[dict[str, str]]:
    # One acquisition per (acquirer, company, day), as the mapping's ids make them.
    found = {(r["acquirer_permalink"], r["company_permalink"], r["acquired_at"]): r for r in rows("crunchbase-acquisitions.csv")}
    return list(found.values())


@pytest.fixture(scope="module")
def companies() -> dict[str, dict[str, str]]:
    # (the cut holds no bad row: every company loads)
    return {r["permalink"]: r for r in rows("crunchbase-companies.csv")}


def digital(companies: dict[str, dict[str, str]]) -> set[str]:
    """The companies the shipped mapping files under the Digital sector (from its own table)."""
    mapping = yaml.safe_load((MAPPINGS / "crunchbase-companies.yaml").read_text(encoding="utf-8"))
    codes = {code for code, sector in mapping["entities"]["company"]["properties"]["sectors"]["values"].items() if sector == "digital"}
    return {p for p, r in companies.items() if r["category_code"] in codes}


def answer(kg: KnowledgeGraph, name: str, **params: str) -> list[dict[str, Any]]:
    columns, found = kg.query(name, **params).display_rows()
    return [dict(zip(columns, row, strict=True)) for row in found]


def test_most_active_acquirers_count_as_the_csv(crunchbase_kg: KnowledgeGraph, acquisitions: list[dict[str, str]]) -> None:
    per: dict[str, list[str]] = defaultdict(list)
    for r in acquisitions:
        per[company(r["acquirer_permalink"])].append(r["acquired_at"])
    expected = sorted(((-len(d), who, len(d), min(d), max(d)) for who, d in per.items()))
    got = answer(crunchbase_kg, "top-acquirers")
    assert [(r["acquirer"], int(r["acquisitions"]), r["first"], r["last"]) for r in got] == [e[1:] for e in expected]
    assert [r["acquirerLabel"] for r in got[:3]] == ["Cisco", "IBM", "Google"]
    assert int(got[0]["acquisitions"]) == 88


def test_acquisitions_of_an_acquirer_in_a_period(crunchbase_kg: KnowledgeGraph, acquisitions: list[dict[str, str]]) -> None:
    expected = sorted(
        (r["acquired_at"], company(r["company_permalink"])) for r in acquisitions
        if r["acquirer_name"] == "Google" and "2010-01-01" <= r["acquired_at"] <= "2011-12-31"
    )
    got = answer(crunchbase_kg, "acquisitions", buyer="Google", **{"from": "2010-01-01", "to": "2011-12-31"})
    assert [(r["date"], r["acquired"]) for r in got] == expected
    assert {r["acquirerLabel"] for r in got} == {"Google"} and len(got) == 26
    every = answer(crunchbase_kg, "acquisitions")
    assert len(every) == len(acquisitions) == 345


def test_acquisitions_and_acquirers_of_a_sector(
    crunchbase_kg: KnowledgeGraph, acquisitions: list[dict[str, str]], companies: dict[str, dict[str, str]]
) -> None:
    bought = [r for r in acquisitions if r["company_permalink"] in digital(companies)]
    got = answer(crunchbase_kg, "acquisitions", sector="Digital")
    assert sorted(r["acquisition"] for r in got) == sorted(
        f"ekr:cb-acquisition-{slugify(r['acquirer_permalink'].removeprefix('/company/') + '-' + r['company_permalink'].removeprefix('/company/') + '-' + r['acquired_at'])}"
        for r in bought
    )
    per = Counter(company(r["acquirer_permalink"]) for r in bought)
    top = answer(crunchbase_kg, "top-acquirers", sector="Digital")
    assert {r["acquirer"]: int(r["acquisitions"]) for r in top} == dict(per)
    # a narrower sector counts for a broader one: none of these companies is in Health
    assert answer(crunchbase_kg, "top-acquirers", sector="Health") == []


def test_funding_rounds_summed_per_company_and_currency(crunchbase_kg: KnowledgeGraph, companies: dict[str, dict[str, str]]) -> None:
    rounds = {
        (r["company_permalink"], r["funding_round_type"], r["funded_at"], r["raised_amount_usd"]): r
        for r in rows("crunchbase-rounds.csv") if r["company_permalink"] in companies
    }
    raised: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for (who, _, _, amount), _ in rounds.items():
        raised[(company(who), "USD" if amount else "")].append(Decimal(amount or 0))
    got = answer(crunchbase_kg, "funding-rounds")
    table = {(r["company"], r["currency"]): (int(r["rounds"]), Decimal(r["raised"] or 0)) for r in got}
    assert table == {key: (len(v), sum(v)) for key, v in raised.items()}
    assert len(got) == len(table)  # one row per company and currency
    # the largest first
    assert [Decimal(r["raised"] or 0) for r in got] == sorted((Decimal(r["raised"] or 0) for r in got), reverse=True)
    google = answer(crunchbase_kg, "funding-rounds", organisation="Google")
    assert [(r["currency"], r["rounds"], r["raised"]) for r in google] == [("USD", "2", "25100000")]


def test_funding_rounds_of_a_territory_sector_and_period(crunchbase_kg: KnowledgeGraph, companies: dict[str, dict[str, str]]) -> None:
    in_ny = {company(p) for p, r in companies.items() if r["state_code"] == "NY" and r["city"]}
    kept = digital(companies)
    expected: Counter[str] = Counter()
    for r in rows("crunchbase-rounds.csv"):
        key = company(r["company_permalink"])
        if key in in_ny and r["company_permalink"] in kept and r["funded_at"] >= "2010-01-01":
            expected[key] += 1
    got = answer(crunchbase_kg, "funding-rounds", territory="NY", sector="Digital", **{"from": "2010-01-01"})
    counted: Counter[str] = Counter()
    for r in got:
        counted[r["company"]] += int(r["rounds"])
    assert counted == expected and expected


def test_entity_card_shows_the_acquisitions_pointing_at_an_acquirer(crunchbase_kg: KnowledgeGraph, acquisitions: list[dict[str, str]]) -> None:
    card = crunchbase_kg.query("entity-card", entity="Cisco").graph
    assert card is not None
    cisco = EKR["cb-cisco"]
    pointing = set(card.subjects(EK.acquirer, cisco))
    assert len(pointing) == sum(r["acquirer_name"] == "Cisco" for r in acquisitions) == 88
    # each with what it states besides: its type, label, date and the company bought (with its label)
    some = sorted(pointing)[0]
    assert (some, RDF.type, EK.Acquisition) in card
    bought = card.value(some, EK.acquired)
    assert bought is not None and card.value(bought, RDFS.label) is not None
    assert card.value(some, EK.date) is not None
    # and Cisco's own statements still
    assert (cisco, RDFS.label, None) in card
