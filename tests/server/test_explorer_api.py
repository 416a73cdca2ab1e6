"""The explorer's routes over HTTP: the analyses give the CLI's answers, downloads read like a
table for people, entity pages and briefings are served, bad input is a clear error."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from ecokg import KnowledgeGraph
from ecokg.queries.catalog import get_query, run_named
from ecokg.queries.readable import shown_columns
from ecokg.server.explorer import entity_html
from graph.hostile import EVIL, evil_kg

from .conftest import Server


def cli_json(*args: str) -> list[dict[str, object]]:
    """A network command's JSON rows, on the seed as the anonymous public sees it (as the server answers)."""
    done = subprocess.run(
        [sys.executable, "-m", "ecokg", *args, "--memory", "--audience", "public", "--format", "json"],
        capture_output=True, text=True, check=True, timeout=300,
    )
    rows: list[dict[str, object]] = json.loads(done.stdout)
    return rows


def get(server: Server, path: str, **params: Any) -> httpx.Response:
    return httpx.get(server.url + path, params=params, timeout=120)


def test_path_route_gives_the_cli_sentences(ecokg_server: Server) -> None:
    answer = get(ecokg_server, "/api/path", **{"from": "Marie-Guite Dufay", "to": "WEDC", "k": 3})
    assert answer.status_code == 200, answer.text
    expected = cli_json("path", "Marie-Guite Dufay", "WEDC", "-k", "3")
    paths = answer.json()["paths"]
    assert [p["sentence"] for p in paths] == [row["sentence"] for row in expected]
    assert [" ".join(n["iri"] for n in p["nodes"]) for p in paths] == [row["nodes"] for row in expected]
    # Each step names its sources: a viewer can check every link of the path.
    assert all(step["sources"] for p in paths for step in p["steps"])


def test_brokers_route_gives_the_cli_ranking(ecokg_server: Server) -> None:
    answer = get(ecokg_server, "/api/brokers", first="BFC", second="Wisconsin", top=5).json()
    expected = cli_json("brokers", "--between", "BFC", "Wisconsin", "--top", "5")
    assert answer["between"] == ["Bourgogne-Franche-Comté", "Wisconsin"]
    assert [(b["label"], b["share"], b["cut"]) for b in answer["brokers"]] == [
        (row["entity"], row["share of paths"], row["pairs cut"]) for row in expected
    ]
    french = get(ecokg_server, "/api/brokers", first="BFC", second="Wisconsin", top=5, lang="fr").json()
    assert "paires" in french["summary"] and french["brokers"][0]["label"] == answer["brokers"][0]["label"]
    general = get(ecokg_server, "/api/brokers", top=3).json()
    assert [b["label"] for b in general["brokers"]] == [row["entity"] for row in cli_json("brokers", "--top", "3")]


def test_introductions_and_centrality_routes_give_the_cli_answers(ecokg_server: Server) -> None:
    answer = get(ecokg_server, "/api/introductions", actor="Gilson", top=5).json()
    expected = cli_json("suggest", "--for", "Gilson", "--top", "5")
    assert [(s["first"]["label"], s["second"]["label"], s["reason"]) for s in answer["introductions"]] == [
        (row["introduce"], row["to"], row["reason"]) for row in expected
    ]
    ranking = get(ecokg_server, "/api/centrality", measure="betweenness", top=5).json()
    expected = cli_json("analyze", "--measure", "betweenness", "--top", "5")
    assert [(r["rank"], r["label"], r["value"]) for r in ranking["rows"]] == [
        (row["rank"], row["entity"], row["betweenness"]) for row in expected
    ]


def test_analysis_errors_are_clear_json(ecokg_server: Server) -> None:
    unknown = get(ecokg_server, "/api/path", **{"from": "Nobody Known", "to": "WEDC"})
    assert unknown.status_code == 404 and "Nobody Known" in unknown.json()["error"]
    measure = get(ecokg_server, "/api/centrality", measure="fame")
    assert measure.status_code == 400 and "betweenness" in measure.json()["error"]
    lonely = get(ecokg_server, "/api/brokers", first="Wisconsin")
    assert lonely.status_code == 400 and "second" in lonely.json()["error"]
    assert get(ecokg_server, "/api/centrality", top=0).status_code == 422
    assert get(ecokg_server, "/api/path", **{"from": "Gilson", "to": "WEDC", "lang": "de"}).status_code == 400


def test_csv_download_is_for_a_spreadsheet(ecokg_server: Server, seed_kg: KnowledgeGraph) -> None:
    query = get_query("territory-links")
    expected = run_named(seed_kg.backend, "territory-links", {}, lang="fr")
    answer = get(ecokg_server, "/download/territory-links", format="csv", lang="fr")
    assert answer.status_code == 200
    assert answer.content.startswith(b"\xef\xbb\xbf")  # a French Excel reads the accents right
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [query.header(c, "fr") for c in shown_columns(expected.columns)]
    assert rows[0][:4] == ["Lien", "Par", "Côté A", "Côté B"]
    assert len(rows) == len(expected) + 1
    assert not any("https://" in cell for row in rows for cell in row)  # names, not IRIs
    english = get(ecokg_server, "/download/territory-links", format="csv").content.decode("utf-8-sig")
    assert english.splitlines()[0].startswith("Link,Through,Side A,Side B")


def test_xlsx_download(ecokg_server: Server, seed_kg: KnowledgeGraph) -> None:
    answer = get(ecokg_server, "/download/delegation-members", format="xlsx")
    assert answer.status_code == 200
    assert "attachment" in answer.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    values = list(sheet.values)
    expected = run_named(seed_kg.backend, "delegation-members", {})
    assert list(values[0]) == [get_query("delegation-members").header(c) for c in shown_columns(expected.columns)]
    assert len(values) == len(expected) + 1
    assert {row[0] for row in values[1:]} == {r["personLabel"] for r in expected.to_records()}
    bad = get(ecokg_server, "/download/delegation-members", format="pdf")
    assert bad.status_code == 400
    assert get(ecokg_server, "/download/entity-card").status_code == 400  # a graph, not a table


def test_entity_page_and_briefing_are_served(ecokg_server: Server) -> None:
    page = get(ecokg_server, "/entity/nicolas-paris")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert page.headers["x-ecokg-audience"] == "public"  # answered on the requester's view
    assert '<a href="/entity/bioforward">BioForward</a>' in page.text
    assert "/map?focus=https%3A%2F%2Fw3id.org%2Fecokg%2Fid%2Fnicolas-paris" in page.text
    by_name = get(ecokg_server, "/entity/Nicolas Paris", lang="fr")
    assert by_name.status_code == 200 and '<html lang="fr">' in by_name.text and "Fonctions" in by_name.text
    missing = get(ecokg_server, "/entity/nobody-here")
    assert missing.status_code == 404 and "nobody-here" in missing.text
    brief = get(ecokg_server, "/brief", territory="Wisconsin")
    assert brief.status_code == 200 and "Briefing: Wisconsin" in brief.text
    assert get(ecokg_server, "/brief").status_code == 400
    assert get(ecokg_server, "/brief", territory="Atlantis").status_code == 400


def test_entity_page_escapes_every_label(tmp_path: Path) -> None:
    kg = evil_kg(tmp_path)  # the seed plus names, properties and a quote written as HTML
    try:
        page = entity_html(kg, "evil-person", "en").decode("utf-8")
    finally:
        kg.close()
    assert "<script>alert" not in page and EVIL not in page
    assert "Eve &lt;script&gt;alert(4)&lt;/script&gt;" in page


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_catalogue_declares_readable_headers(ecokg_server: Server, lang: str) -> None:
    records = get(ecokg_server, "/queries").json()
    by_name = {r["name"]: r for r in records}
    assert by_name["territory-links"]["columns"]["sideALabel"] == {"en": "Side A", "fr": "Côté A"}
    # The API gives each query's declared headers; each names a projected column and has both languages.
    for name, record in by_name.items():
        query = get_query(name)
        assert record["columns"] == {c.name: {"en": c.en, "fr": c.fr} for c in query.columns}
        if query.form != "SELECT":
            continue
        assert {c.name for c in query.columns} <= set(_projected(query.text)), name
        for column in query.columns:
            assert query.header(column.name, lang) == (column.fr if lang == "fr" else column.en)


def _projected(text: str) -> list[str]:
    import re

    head = text.split("WHERE", 1)[0]
    return re.findall(r"\?(\w+)", head)


def test_a_named_query_comes_in_pages_with_the_whole_size(ecokg_server: Server, seed_kg: KnowledgeGraph) -> None:
    whole = get(ecokg_server, "/queries/fact-sources", format="json")
    assert whole.status_code == 200, whole.text
    rows = whole.json()
    assert len(rows) > 5 and whole.headers["X-Total-Count"] == str(len(rows))
    paged: list[Any] = []
    for offset in range(0, len(rows) + 3, 3):
        page = get(ecokg_server, "/queries/fact-sources", format="json", limit=3, offset=offset)
        assert page.status_code == 200, page.text
        assert page.headers["X-Total-Count"] == str(len(rows))
        assert len(page.json()) == min(3, max(0, len(rows) - offset))
        paged.extend(page.json())
    # The pages, in order, are the whole result in its order; the API gives what kg.query gives.
    assert paged == rows
    python = run_named(seed_kg.backend, "fact-sources", {}, lang="en", limit=3, offset=3)
    assert python.total == len(rows) and len(python) == 3
    csv_page = get(ecokg_server, "/queries/fact-sources", format="csv", limit=2)
    assert len(list(csv.reader(io.StringIO(csv_page.text)))) == 3  # a header and two rows


@pytest.mark.parametrize(("params", "message"), [
    ({"limit": "ten"}, "whole numbers"),
    ({"limit": "0"}, "between 1 and the server's --max-rows (500)"),
    ({"limit": "501"}, "between 1 and the server's --max-rows (500)"),
    ({"limit": "5", "offset": "-1"}, "offset must be 0 or more"),
    ({"offset": "5"}, "offset needs limit"),
])
def test_a_bad_page_is_a_clear_400(ecokg_server: Server, params: dict[str, str], message: str) -> None:
    answer = get(ecokg_server, "/queries/fact-sources", **params)
    assert answer.status_code == 400 and message in answer.json()["error"], answer.text


def test_the_openapi_page_declares_limit_and_offset(ecokg_server: Server) -> None:
    spec = get(ecokg_server, "/openapi.json").json()
    declared = {p["name"] for p in spec["paths"]["/queries/agreements"]["get"]["parameters"]}
    assert {"limit", "offset", "format", "lang"} <= declared
