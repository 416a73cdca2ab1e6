"""The explorer page in real headless Chromium: offline, a named query's table, YASGUI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
def page(tmp_path: Path) -> Iterator[tuple[Page, list[str]]]:
    """A Chromium page (fresh profile under tmp_path) and the URL of every request it makes."""
    with sync_playwright() as p:
        # Playwright takes the fresh profile folder as user_data_dir (it refuses --user-data-dir).
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=ARGS
        )
        try:
            requested: list[str] = []
            context.on("request", lambda request: requested.append(request.url))
            tab = context.pages[0] if context.pages else context.new_page()
            yield tab, requested
        finally:
            context.close()


def test_the_page_runs_a_named_query_offline(
    page: tuple[Page, list[str]], ecokg_server: Server, seed_kg: KnowledgeGraph
) -> None:
    tab, requested = page
    errors: list[Any] = []
    tab.on("pageerror", lambda error: errors.append(error))
    tab.goto(ecokg_server.url + "/")
    form = tab.locator("#q-neighbourhood")
    form.locator("summary").click()
    form.locator("input[name=entity]").fill("BioForward")
    form.locator("input[name=hops]").fill("1")
    form.locator("button[type=submit]").click()
    tab.wait_for_function("document.querySelector('#results-status').textContent.endsWith('row(s)')")
    expected = run_named(seed_kg.backend, "neighbourhood", {"entity": "BioForward", "hops": "1"})
    header = tab.locator("#results-table thead th").all_text_contents()
    # Readable headers (declared in the query file), IRI columns folded into their labels.
    query = get_query("neighbourhood")
    assert header == [query.header(c) for c in shown_columns(expected.columns)]
    cells = tab.locator("#results-table tbody tr").first.locator("td").all_text_contents()
    assert cells[0] == str(expected.to_records()[0]["neighbourLabel"])
    assert tab.locator("#results-table tbody tr").count() == len(expected)
    csv_link = tab.locator("#csv-link").get_attribute("href") or ""
    assert csv_link.startswith("/download/neighbourhood?") and "format=csv" in csv_link
    map_link = tab.locator("#map-link").get_attribute("href") or ""
    assert map_link.startswith("/map?") and "query=neighbourhood" in map_link
    # The SPARQL editor is there, from the package's own files.
    tab.wait_for_selector(".yasgui .CodeMirror")
    assert errors == []
    # "Map it" opens the self-contained map of the same query.
    tab.goto(ecokg_server.url + map_link, wait_until="load", timeout=60_000)
    assert "Nicolas Paris" in tab.content()
    assert requested, "no request recorded"
    assert all(url.startswith(ecokg_server.url) for url in requested), requested


def test_the_sparql_editor_queries_the_endpoint(page: tuple[Page, list[str]], ecokg_server: Server) -> None:
    tab, requested = page
    tab.goto(ecokg_server.url + "/#editor")
    tab.wait_for_selector(".yasgui .CodeMirror")
    tab.evaluate(
        "window.ecokgYasgui.getTab().getYasqe().setValue('SELECT ?person WHERE { ?person a ek:Person } ORDER BY ?person')"
    )
    with tab.expect_response(lambda r: r.url.startswith(ecokg_server.sparql)) as answer:
        tab.evaluate("window.ecokgYasgui.getTab().getYasqe().query()")
    assert answer.value.status == 200
    tab.wait_for_selector(".yasr table td", timeout=15_000)
    assert "nicolas-paris" in tab.locator(".yasr").inner_text()
    assert all(url.startswith(ecokg_server.url) for url in requested), requested
