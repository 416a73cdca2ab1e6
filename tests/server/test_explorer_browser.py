"""The explorer in real headless Chromium: readable tables, names linking to entity pages,
IRIs on request, French, the analyses giving the CLI's answers, the editor's prefixes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, sync_playwright

from ecokg import KnowledgeGraph
from ecokg.queries.catalog import get_query, run_named
from ecokg.queries.readable import shown_columns

from .conftest import Server

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture
def tab(tmp_path: Path) -> Iterator[tuple[Page, list[str], list[Any]]]:
    """A Chromium page, the URL of every request it makes and its script errors."""
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=ARGS
        )
        try:
            requested: list[str] = []
            errors: list[Any] = []
            context.on("request", lambda request: requested.append(request.url))
            page = context.pages[0] if context.pages else context.new_page()
            page.on("pageerror", lambda error: errors.append(error))
            yield page, requested, errors
        finally:
            context.close()


def run_query(page: Page, name: str, values: dict[str, str] | None = None) -> None:
    form = page.locator(f"#q-{name}")
    form.locator("summary").click()
    for key, value in (values or {}).items():
        form.locator(f"input[name={key}]").fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_function("/\\d/.test(document.querySelector('#results-status').textContent)")


def test_tables_read_as_names_with_human_headers(tab: tuple[Page, list[str], list[Any]], ecokg_server: Server,
                                                 seed_kg: KnowledgeGraph) -> None:
    page, requested, errors = tab
    page.goto(ecokg_server.url + "/")
    run_query(page, "territory-links")
    expected = run_named(seed_kg.backend, "territory-links", {})
    query = get_query("territory-links")
    headers = page.locator("#results-table thead th").all_text_contents()
    assert headers == [query.header(c) for c in shown_columns(expected.columns)]
    assert headers[:4] == ["Link", "Through", "Side A", "Side B"]
    # No raw IRI or variable name where a viewer looks by default.
    cells = page.locator("#results-table tbody td").all_text_contents()
    assert len(cells) == len(expected) * len(headers)
    assert not any("://" in text for text in cells + headers)
    assert not set(headers) & set(expected.columns)
    # Every name links to its entity page, and the page opens.
    link = page.locator("#results-table tbody a").filter(has_text=re.compile(r"^BioForward$")).first
    assert link.get_attribute("href") == "/entity/bioforward"
    # "Show IRIs" brings the IRI columns back.
    page.locator("#show-iris").check()
    assert "https://w3id.org/ecokg/id/bioforward" in page.locator("#results-table").inner_text()
    assert len(page.locator("#results-table thead th").all_text_contents()) == len(expected.columns)
    page.locator("#show-iris").uncheck()
    assert "https://" not in page.locator("#results-table").inner_text()
    link.click()
    page.wait_for_selector("#entity-name")
    assert page.locator("#entity-name").inner_text() == "BioForward"
    assert errors == []
    assert all(url.startswith(ecokg_server.url) for url in requested), requested


def test_every_catalogue_table_is_free_of_iris_and_variables(tab: tuple[Page, list[str], list[Any]],
                                                             ecokg_server: Server, seed_kg: KnowledgeGraph) -> None:
    page, _, _ = tab
    page.goto(ecokg_server.url + "/")
    for name in ("delegation-members", "agreements", "mission-programme", "events-in-period", "fact-sources",
                 "class-counts", "strategies", "sector-organisations"):
        run_query(page, name)
        columns = run_named(seed_kg.backend, name, {}).columns
        headers = page.locator("#results-table thead th").all_text_contents()
        assert not set(headers) & set(columns), (name, headers)
        text = page.locator("#results-table").inner_text()
        assert "://" not in text, name
        page.locator(f"#q-{name} summary").click()  # fold it again


def test_french_explorer(tab: tuple[Page, list[str], list[Any]], ecokg_server: Server) -> None:
    page, _, errors = tab
    page.goto(ecokg_server.url + "/?lang=fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("nav a[href='#analysis']").inner_text() == "Analyse"
    run_query(page, "territory-links")
    assert page.locator("#results-table thead th").all_text_contents()[:4] == ["Lien", "Par", "Côté A", "Côté B"]
    assert "lang=fr" in (page.locator("#csv-link").get_attribute("href") or "")
    assert (page.locator("#results-table tbody a").first.get_attribute("href") or "").endswith("?lang=fr")
    page.locator("#lang-switch").click()
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.locator("nav a[href='#analysis']").inner_text() == "Analysis"
    assert errors == []


def test_a_big_table_comes_a_page_at_a_time(tab: tuple[Page, list[str], list[Any]], ecokg_server: Server) -> None:
    page, requested, errors = tab
    page.goto(ecokg_server.url + "/")
    page.wait_for_selector("#q-fact-sources")
    page.evaluate("ecokg.pageSize = 3")  # the seed's tables are short: small pages to page through
    whole = httpx.get(ecokg_server.url + "/queries/fact-sources", params={"format": "json"}, timeout=60).json()
    assert len(whole) > 4
    run_query(page, "fact-sources")
    seen: list[str] = []
    status = page.locator("#results-status")
    for first in range(1, len(whole) + 1, 3):
        last = min(first + 2, len(whole))
        page.wait_for_function(f"document.querySelector('#results-status').textContent.startsWith('Rows {first} ')")
        assert status.inner_text() == f"Rows {first} to {last} of {len(whole)}"
        assert page.locator("#previous-page").is_disabled() == (first == 1)
        assert page.locator("#next-page").is_disabled() == (last == len(whole))
        seen += page.locator("#results-table tbody tr").all_inner_texts()
        if last < len(whole):
            page.locator("#next-page").click()
    assert len(seen) == len(whole)
    # Each page asked the server for its rows only.
    asked = [u for u in requested if "/queries/fact-sources?" in u]
    assert all("limit=3" in u for u in asked) and len(asked) == (len(whole) + 2) // 3
    page.locator("#previous-page").click()
    page.wait_for_function(f"document.querySelector('#results-status').textContent.startsWith('Rows {first - 3} ')")
    assert page.locator("#results-table tbody tr").all_inner_texts() == seen[first - 4:first - 1]
    assert errors == []


def cli_json(*args: str) -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "ecokg", *args, "--memory", "--audience", "public", "--format", "json"],
        capture_output=True, text=True, check=True, timeout=300,
    )
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    return rows


def test_analysis_in_the_browser_gives_the_cli_answers(tab: tuple[Page, list[str], list[Any]], ecokg_server: Server) -> None:
    page, requested, errors = tab
    page.goto(ecokg_server.url + "/#analysis")
    page.locator("#path-form button").click()
    page.wait_for_function("document.querySelector('#path-answer').dataset.done === '1'")
    sentence = page.locator("#path-answer p.path").first.inner_text()
    expected = cli_json("path", "Marie-Guite Dufay", "WEDC")[0]["sentence"]
    assert re.sub(r" \(\d+ step\(s\)\) show on the map$", "", sentence) == expected
    assert page.locator("#path-answer a").first.get_attribute("href") == "/entity/marie-guite-dufay"
    # The path, highlighted on a map of its actors; each node there links to its entity page.
    href = page.locator("#path-answer a.path-map").first.get_attribute("href")
    assert href is not None and href.startswith("/map?")
    shown = page.context.new_page()
    shown.goto(ecokg_server.url + href)
    for _ in range(600):  # the map's CSP forbids wait_for_function's string evaluation
        if shown.evaluate("() => !!(window.ecokgMap && window.ecokgMap.ready)"):
            break
        shown.wait_for_timeout(100)
    steps = shown.evaluate("window.ecokgMap.path")
    labels = [shown.evaluate("id => window.ecokgMap.nodes.get(id).label", n) for n in steps]
    assert labels[0] == "Marie-Guite Dufay" and labels[-1].startswith("Wisconsin Economic Development")
    counted = re.search(r"\((\d+) step\(s\)\)", sentence)
    assert counted is not None and len(steps) == int(counted.group(1)) + 1
    widths = shown.evaluate("window.ecokgMap.edges.get().filter(e => e.width === 5).length")
    assert widths == len(steps) - 1
    assert shown.evaluate("window.ecokgMap.meta.entity_pages") == "/entity/"
    shown.close()
    page.locator("#brokers-form button").click()
    page.wait_for_function("document.querySelector('#brokers-answer').dataset.done === '1'")
    names = page.locator("#brokers-answer ol.brokers li a").all_text_contents()
    assert names == [row["entity"] for row in cli_json("brokers", "--between", "Bourgogne-Franche-Comté", "Wisconsin")]
    page.locator("#introductions-form button").click()
    page.wait_for_function("document.querySelector('#introductions-answer').dataset.done === '1'")
    assert page.locator("#introductions-answer li").count() == len(cli_json("suggest"))
    page.locator("#centrality-form button").click()
    page.wait_for_function("document.querySelector('#centrality-answer').dataset.done === '1'")
    ranked = page.locator("#centrality-answer tbody tr td:nth-child(2)").all_text_contents()
    assert ranked == [row["entity"] for row in cli_json("analyze", "--measure", "betweenness")]
    # A name the graph does not know is said, not a blank.
    page.locator("#path-form input[name=to]").fill("Nobody Known")
    page.locator("#path-form button").click()
    page.wait_for_function("document.querySelector('#path-answer').classList.contains('error')")
    assert "Nobody Known" in page.locator("#path-answer").inner_text()
    assert errors == []
    assert all(url.startswith(ecokg_server.url) for url in requested), requested


def test_entity_page(tab: tuple[Page, list[str], list[Any]], ecokg_server: Server, seed_kg: KnowledgeGraph) -> None:
    from ecokg.maps.profile import network_place

    page, requested, errors = tab
    place = network_place(seed_kg.for_audience("public").backend, "https://w3id.org/ecokg/id/nicolas-paris")
    assert place is not None
    page.goto(ecokg_server.url + "/entity/nicolas-paris")
    assert page.locator("#entity-name").inner_text() == "Nicolas Paris"
    assert page.locator("#entity-kind").inner_text() == "person"
    posts = page.locator("ul.links[data-group=posts] li").all_inner_texts()
    assert any("president of" in p and "BioForward" in p for p in posts)
    # Each link cites its sentence once, as a numbered source with the document.
    note = page.locator("ul.links[data-group=posts] sup.note a").first.get_attribute("href") or ""
    assert re.fullmatch(r"#s-\d+", note)
    assert "Une délégation officielle de Bourgogne-Franche-Comté" in page.locator(note).inner_text()  # no "Bourgogne- Franche"
    rank = page.locator("#network #broker-rank").inner_text()
    assert rank.startswith(f"Rank among brokers: {place['broker_rank']} of {place['brokers']} ")
    assert page.locator("#introductions li").count() == len(place["introductions"]) >= 1
    assert "/map?focus=" in (page.locator("iframe.neighbourhood").get_attribute("src") or "")
    assert not page.locator("dd.ek-iri").is_visible()
    page.locator("#show-iris").check()
    assert page.locator("dd.ek-iri").inner_text() == "https://w3id.org/ecokg/id/nicolas-paris"
    page.locator("#lang-switch").click()
    page.wait_for_selector("html[lang=fr]")
    assert page.locator("#entity-kind").inner_text() == "personne"
    assert page.locator("#links h3").first.inner_text() == "Fonctions"
    page.locator("ul.links a").filter(has_text=re.compile(r"^Gilson$")).first.click()
    page.wait_for_function("document.querySelector('#entity-name').textContent === 'Gilson'")
    assert page.url.endswith("/entity/gilson?lang=fr")
    assert errors == []
    assert all(url.startswith(ecokg_server.url) for url in requested), requested


def test_sparql_editor_knows_the_prefixes(tab: tuple[Page, list[str], list[Any]], ecokg_server: Server) -> None:
    page, _, errors = tab
    page.goto(ecokg_server.url + "/#editor")
    page.wait_for_selector(".yasgui .CodeMirror")
    page.wait_for_function("window.ecokgYasgui.getTab().getYasqe().getValue().includes('PREFIX ek:')")
    assert page.locator(".yasgui .parseErrorIcon").count() == 0
    page.evaluate("window.ecokgYasgui.getTab().getYasqe().setValue('SELECT ?s WHERE { ?s a ekr:nothing ; eks:x ?o }')")
    page.wait_for_function("window.ecokgYasgui.getTab().getYasqe().getValue().includes('PREFIX eks:')")
    text = page.evaluate("window.ecokgYasgui.getTab().getYasqe().getValue()")
    assert "PREFIX ekr: <https://w3id.org/ecokg/id/>" in text
    page.wait_for_timeout(300)
    assert page.locator(".yasgui .parseErrorIcon").count() == 0
    assert errors == []


def test_phone_layout(tab: tuple[Page, list[str], list[Any]], ecokg_server: Server) -> None:
    page, _, _ = tab
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(ecokg_server.url + "/entity/nicolas-paris")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the phone: no sideways scrolling
    frame = page.locator("iframe.neighbourhood").bounding_box()
    assert frame is not None and frame["width"] >= 0.9 * 390 - 24
