"""The network of real data (issue 18): a cut of the Crunchbase 2013 export, and an ontology extension.

What the projection makes of acquisitions (links from the acquirer to the company bought, with
their date and source row), the territories of companies (their states), the analysis that
ranks only the actors with links, the focus map of a frequent acquirer, the brokers between two
states; and a class and a property added to the ontology as RDF, found on the network.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.loaders.spreadsheet.values import slugify
from ecokg.maps import build_map
from ecokg.namespaces import EKD
from ecokg.namespaces import EKR as EKR_NS
from ecokg.network import analysis
from ecokg.network.provenance import attach_sources
from ecokg.network.ranking import rank_actors

from .test_visualize import page_json

DATA = Path(__file__).parent.parent / "data"
EKR = str(EKR_NS)
CISCO = EKR + "cb-cisco"
#: The class the extension fixture adds (tests/data/ontology-extension/licensing.ttl).
LICENCE = "https://example.org/licensing#Licence"
runner = CliRunner()


def rows(name: str) -> list[dict[str, str]]:
    text = (DATA / "crunchbase-network" / name).read_bytes().decode("mac_roman").replace("\r", "\n")
    return list(csv.DictReader(io.StringIO(text)))


def company(permalink: str) -> str:
    return EKR + "cb-" + slugify(permalink.removeprefix("/company/"))


@pytest.fixture(scope="module")
def acquisitions() -> list[dict[str, str]]:
    return rows("crunchbase-acquisitions.csv")


@pytest.fixture(scope="module")
def G(crunchbase_kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return crunchbase_kg.to_networkx(sources=False)


def test_acquisitions_are_links_with_their_date(G: nx.MultiDiGraph, acquisitions: list[dict[str, str]]) -> None:
    cisco = [(v, d) for _, v, d in G.out_edges(CISCO, data=True) if d["predicate"] == "ek:Acquisition"]
    expected = {(company(r["company_permalink"]), r["acquired_at"]) for r in acquisitions if r["acquirer_name"] == "Cisco"}
    assert {(v, d["date"]) for v, d in cisco} == expected and len(expected) == 88
    assert {d["label"] for _, d in cisco} == {"acquired"}
    assert all(d["via"].startswith(EKR + "cb-acquisition-cisco-") for _, d in cisco)
    # A funding round names one actor only (the export has no investors): listed on its company.
    assert G.nodes[CISCO]["props"]["funding round"] == "Cisco: series-a round of 1987-01-01"


def test_every_company_with_a_place_has_a_territory(G: nx.MultiDiGraph) -> None:
    companies = {r["permalink"]: r for r in rows("crunchbase-companies.csv")}
    placed = {company(p): r["state_code"] for p, r in companies.items() if r["city"] and r["state_code"]}
    assert placed and all(G.nodes[n]["territory"] == state for n, state in placed.items())
    assert G.nodes[CISCO]["territory"] == "CA" and G.nodes[CISCO]["country"] == "USA"
    # Companies the companies file lacks take the place the acquisitions file gives them.
    created = [r for r in rows("crunchbase-acquisitions.csv") if r["company_permalink"] not in companies
               and r["company_city"] and r["company_state_code"]]
    assert created and all(G.nodes[company(r["company_permalink"])]["territory"] == r["company_state_code"] for r in created)


def test_analysis_ranks_only_actors_with_links_and_says_ties(G: nx.MultiDiGraph) -> None:
    A = analysis.actor_graph(G)
    ranking = rank_actors(A, analysis.analyze(A, ["degree", "betweenness"]), top=None)
    unlinked = [n for n in A if A.degree(n) == 0]
    assert unlinked and ranking.unlinked == len(unlinked)
    assert len(ranking.rows) == A.number_of_nodes() - len(unlinked)
    assert all(A.degree(row[-1]) > 0 for row in ranking.rows)
    assert ranking.notes[0] == f"{len(unlinked):,} of {A.number_of_nodes():,} actors have no link: not ranked"
    # The most active acquirers first (88, 68 and 62 acquisitions in the CSV).
    assert [row[1] for row in ranking.rows[:3]] == ["Cisco", "IBM", "Google"]
    assert [row[0] for row in ranking.rows[:3]] == [1, 2, 3]
    # The companies bought once share a degree: one rank, said once.
    single = [row for row in ranking.rows if A.degree(row[-1]) == 1]
    assert len({row[0] for row in single}) == 1 and all(ranking.tied[ranking.rows.index(row)] for row in single)
    assert any(note.startswith(f"{len(single):,} actors tie at rank {single[0][0]} on degree") for note in ranking.notes)


def test_cli_analyze_fits_80_columns(crunchbase_store: Path) -> None:
    result = runner.invoke(app, ["analyze", "--store", str(crunchbase_store), "--top", "5"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    table = [line for line in lines if line[:1] in "┏┃┡│└"]
    assert table and max(len(line) for line in table) <= 80
    assert "Cisco" in table[3] and "0.0 " not in result.output
    assert any("have no link: not ranked" in line for line in lines)
    assert any("also measured, not shown here" in line for line in lines)  # the rest: --format csv|json
    csv_out = runner.invoke(app, ["analyze", "--store", str(crunchbase_store), "--top", "3", "-F", "csv"])
    header = csv_out.stdout.splitlines()[0].split(",")
    assert header[:4] == ["rank", "entity", "kind", "territory"] and header[-1] == "iri" and len(header) == 13


def test_focus_map_of_a_frequent_acquirer_shows_its_acquisitions(
    crunchbase_kg: KnowledgeGraph, acquisitions: list[dict[str, str]]
) -> None:
    result = build_map(crunchbase_kg.backend, focus="Cisco", depth=1)
    data = page_json(result.html, "ecokg-graph")
    records = {r["id"]: r for r in data["records"]}
    bought = {r["company_permalink"]: r for r in acquisitions if r["acquirer_name"] == "Cisco"}
    assert {company(p) for p in bought} <= set(records)
    facts = [(link["to"], f) for link in data["links"] if link["from"] == CISCO for f in link["facts"] if f["label"] == "acquired"]
    assert len(facts) == 88
    for target, fact in facts:
        row = next(r for p, r in bought.items() if company(p) == target)
        assert fact["date"] == row["acquired_at"]
        # every link carries the row it comes from
        (source,) = fact["sources"]
        assert source["document"] == "Crunchbase 2013 export: acquisitions (crunchbase-acquisitions.csv)"
        assert f"company_permalink={row['company_permalink']};" in source["quote"] and "acquirer_name=Cisco" in source["quote"]
    assert records[CISCO]["territory"] == "CA" and records[CISCO]["sources"]


def test_path_between_two_acquirers_names_its_rows(crunchbase_kg: KnowledgeGraph) -> None:
    from ecokg.network.paths import paths_between

    (found,) = paths_between(crunchbase_kg.backend, "Cisco", "Google")
    assert found.nodes[0] == CISCO and found.nodes[-1] == EKR + "cb-google"
    assert all(step.sources for step in found.steps)  # read for the path's links only


def test_brokers_between_two_states(crunchbase_store: Path, G: nx.MultiDiGraph, acquisitions: list[dict[str, str]]) -> None:
    report = analysis.territory_brokers(analysis.actor_graph(G), "CA", "NY")
    assert report.territories == ("CA", "NY") and report.connected > 0
    # The brokers are acquirers of companies in both states, or in one state buying in the other.
    states: dict[str, set[str]] = defaultdict(set)
    for r in acquisitions:
        states[r["acquirer_name"]].add(r["company_state_code"])
    for broker in report.brokers:
        assert {"CA", "NY"} <= states[broker.label] | {broker.territory}, broker.label
    assert report.brokers[0].label == "Google" and report.brokers[0].cut > 0
    result = runner.invoke(app, ["brokers", "--store", str(crunchbase_store), "--between", "CA", "NY", "-F", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["entity"] == "Google"


@pytest.fixture(scope="module")
def extended() -> Iterator[KnowledgeGraph]:
    """The seed plus an ontology extension and data using it, loaded as RDF."""
    kg = KnowledgeGraph.open(memory=True)
    kg.build()
    report = kg.load([DATA / "ontology-extension" / "licensing.ttl"])
    assert report.validation is None or report.validation.conforms
    yield kg
    kg.close()


def test_a_class_and_a_property_added_to_the_ontology_reach_the_network(extended: KnowledgeGraph) -> None:
    gilson, bioforward, wedc = EKR + "gilson", EKR + "bioforward", EKR + "wedc"
    licence = EKR + "licence-gilson-bioforward"
    for lang, supplies, label, signed in (
        ("en", "supplies", "licence (licensee → licensor)", "signed"), ("fr", "fournit", "licence (licencié → concédant)", "signé"),
    ):
        G = extended.to_networkx(lang=lang)
        assert licence not in G  # a relation (it points at two organisations): a link, not a node
        (link,) = G.get_edge_data(bioforward, gilson).values()
        assert link["label"] == label and link["predicate"] == LICENCE
        # The status is a concept of the ekst: scheme, read in the projection's language.
        assert (link["via"], link["date"], link["status"], link["status_key"]) == (licence, "2024-06-01", signed, "signed")
        assert link["sources"] and link["sources"][0]["iri"] == str(EKD["licensing"])
        assert [d["label"] for d in G.get_edge_data(gilson, wedc).values()] == [supplies]
    page = build_map(extended.backend, focus="Gilson").html
    links = page_json(page, "ecokg-graph")["links"]
    assert any(f["label"] == "supplies" for link in links for f in link["facts"])
    assert any(f["via"] == licence and f["date"] == "2024-06-01" for link in links for f in link["facts"])


def test_sources_read_for_a_part_are_those_of_the_whole(seed_kg: KnowledgeGraph) -> None:
    from ecokg.network.projection import project

    for collapse in (True, False):
        full = project(seed_kg.backend, collapse=collapse)
        part = attach_sources(seed_kg.backend, project(seed_kg.backend, collapse=collapse, sources=False))
        assert all(part.nodes[n]["sources"] == full.nodes[n]["sources"] for n in full)
        assert sorted((u, v, d["label"], json.dumps(d["sources"])) for u, v, d in part.edges(data=True)) == sorted(
            (u, v, d["label"], json.dumps(d["sources"])) for u, v, d in full.edges(data=True)
        )
