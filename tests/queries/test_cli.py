"""`ecokg queries` and `ecokg query`, in process."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_queries_lists_the_catalogue() -> None:
    code, out, _ = run("queries", "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["name", "title", "parameters"]
    names = [r[0] for r in rows[1:]]
    assert len(names) >= 15 and "territory-links" in names
    assert ["delegation-members", "Members of a delegation",
            "mission (entity, default ekr:mission-bfc-usa-2024); as_of (date, optional)"] in rows


def test_query_named_with_parameters_as_table(seed_store: Path) -> None:
    code, out, err = run("query", "territory-links", "-p", "a=Bourgogne-Franche-Comté", "-p", "b=wisconsin", "--store", str(seed_store))
    assert code == 0, err
    assert "Links between two territories" in out and "BioForward" in out
    assert "16 row(s)" in err  # the mission's meetings and visits count with it (issue 16)


def test_query_formats_and_language(seed_store: Path) -> None:
    code, out, _ = run("query", "agreements", "--lang", "fr", "-F", "json", "--store", str(seed_store))
    assert code == 0
    assert {r["signatoryLabel"] for r in json.loads(out)} == {"BioForward", "Agence Économique Régionale de Bourgogne-Franche-Comté"}
    code, out, _ = run("query", "agreements", "-F", "sparql-json", "--store", str(seed_store))
    assert code == 0 and json.loads(out)["head"]["vars"][0] == "agreement"
    code, out, _ = run("query", "agreements", "-F", "tsv", "--store", str(seed_store))
    assert code == 0 and out.splitlines()[0].startswith("agreement\tagreementLabel")
    code, out, _ = run("query", "entity-card", "-p", "entity=WEDC", "-F", "ttl", "--store", str(seed_store))
    assert code == 0 and "ekr:wedc a ek:EconomicDevelopmentAgency" in out


def test_query_expression_and_file(seed_store: Path, tmp_path: Path) -> None:
    code, out, _ = run("query", "-e", "SELECT ?p WHERE { ?p a ek:Person } ORDER BY ?p", "-F", "csv", "--store", str(seed_store))
    assert code == 0
    assert out.splitlines() == [
        "p",
        "https://w3id.org/ecokg/id/marie-guite-dufay",
        "https://w3id.org/ecokg/id/martine-abrahamse-pleux",
        "https://w3id.org/ecokg/id/nicolas-paris",
        "https://w3id.org/ecokg/id/nicolas-soret",
    ]
    rq = tmp_path / "people.rq"
    rq.write_text(
        "# title: People of an organisation\n# description: Who holds a post there.\n"
        "# param: org | entity | ekr:gilson | The organisation\n\n"
        "PREFIX ek: <https://w3id.org/ecokg/ontology#>\n"
        "SELECT ?person ?org WHERE { ?post ek:postIn ?org ; ek:heldBy ?person }\n",
        encoding="utf-8",
    )
    code, out, _ = run("query", "-f", str(rq), "-F", "csv", "--store", str(seed_store))
    assert code == 0 and len(out.splitlines()) == 6  # no parameters: every post
    code, out, _ = run("query", "-f", str(rq), "-p", "org=AER BFC", "-F", "csv", "--store", str(seed_store))
    assert code == 0 and out.splitlines() == ["person", "https://w3id.org/ecokg/id/martine-abrahamse-pleux"]


def test_query_errors_exit_5_with_a_clear_message(seed_store: Path, tmp_path: Path) -> None:
    store = ["--store", str(seed_store)]
    cases = [
        (["query", "delegaton-members", *store], "did you mean delegation-members"),
        (["query", "delegation-members", "-p", "team=x", *store], "accepted: mission"),
        (["query", "person-posts", "-p", "person=Nicolas", *store], "nicolas-paris"),
        (["query", "-e", "SELECT * WHERE {\n ?s ?p }", *store], "line 2, column"),
        (["query", "-e", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", *store], "SERVICE is not allowed"),
        (["query", "class-counts", "--timeout", "0.000000001", *store], "time limit"),
        (["query", "-f", str(tmp_path / "missing.rq"), *store], "cannot read"),
        (["query", "delegation-members", "-p", "mission", *store], "key=value"),
        (["query", *store], "exactly one of"),
        (["query", "agreements", "--lang", "de", *store], "fr or en"),
    ]
    for args, message in cases:
        code, _, err = run(*args)
        assert code == 5, (args, err)
        assert message in " ".join(err.split()), (args, err)
    code, _, err = run("query", "agreements", "-F", "xml", *store)
    assert code != 0 and "unknown format" in err


def test_no_inferred_option(seed_store: Path) -> None:
    code, out, err = run("query", "class-counts", "--no-inferred", "-F", "csv", "--store", str(seed_store))
    assert code == 0, err
    assert "https://w3id.org/ecokg/ontology#Person,person,4" in out.splitlines()


def test_demo_prints_the_three_headline_queries(seed_kg: KnowledgeGraph) -> None:
    from ecokg.cli.demo import print_headline_queries

    console = Console(record=True, width=200)
    print_headline_queries(seed_kg, console)
    text = console.export_text()
    for title in ("Members of a delegation", "Links between two territories", "Agreements and their signatories"):
        assert title in text
    assert "Martine Abrahamse-Pleux" in text and "Gilson (Madison)" in text
