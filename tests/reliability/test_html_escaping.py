"""HTML safety in a real browser: every user-supplied string (labels, aliases,
descriptions, quotes, post titles, query results, error messages) is shown as text
and runs nothing, in the served web page, the YASGUI editor, served maps and the
maps ``ecokg viz`` writes.

The hostile source (reliability_helpers.HOSTILE_YAML) sets ``window.__xss`` if any
payload runs; the tests also record dialogs and refuse every request that leaves
the page's own origin.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from reliability_helpers import ecokg

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LABEL = "<img src=x onerror=\"window.__xss='label'\">XSS Co"
PERSON = "O'Neil \"Boss\" </title><script>window.__xss='person'</script>"
QUOTE = "</script><script>window.__xss='quote'</script>"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Playwright gives every launch a fresh temporary --user-data-dir.
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Visit:
    """A page with its dialogs, errors and foreign requests recorded (and refused)."""

    def __init__(self, browser: Browser, origin: str) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page: Page = self.context.new_page()
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.origin = origin

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(self.origin):
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_nothing_ran(self) -> None:
        assert self.page.evaluate("typeof window.__xss") == "undefined", self.page.evaluate("window.__xss")
        assert self.dialogs == []
        assert self.foreign == []


@pytest.fixture
def visit(browser: Browser, server: str) -> Iterator[Visit]:
    opened = Visit(browser, server)
    yield opened
    opened.context.close()


def _run_named(visit: Visit, server: str, name: str, **params: str) -> None:
    page = visit.page
    page.goto(server + "/")
    page.wait_for_selector(f"#q-{name}")
    page.click(f"#q-{name} summary")
    for key, value in params.items():
        page.fill(f"#p-{name}-{key}", value)
    page.click(f"#q-{name} button[type=submit]")
    page.wait_for_function(
        "() => { const s = document.getElementById('results-status').textContent; "
        "return s.includes('row(s)') || s.includes('Answer') || document.getElementById('results-status').className === 'error'; }"
    )


def test_query_results_in_the_web_page_are_text(visit: Visit, server: str) -> None:
    _run_named(visit, server, "entity-card", entity="ekr:xss-co")
    cells = visit.page.locator("#results-table td").all_inner_texts()
    assert LABEL in cells  # shown, verbatim, as text
    assert visit.page.locator("#results-table img, #results-table svg, #results-table iframe").count() == 0
    visit.assert_nothing_ran()


def test_people_and_post_titles_in_the_web_page_are_text(visit: Visit, server: str) -> None:
    _run_named(visit, server, "organisation-people", organisation="ekr:xss-co")
    text = visit.page.locator("#results-table").inner_text()
    assert PERSON in text
    assert visit.page.locator("#results-table script, #results-table iframe").count() == 0
    visit.assert_nothing_ran()


def test_error_messages_naming_hostile_input_are_text(visit: Visit, server: str) -> None:
    hostile = "<img src=x onerror=\"window.__xss='error'\">"
    _run_named(visit, server, "entity-card", entity=hostile)
    status = visit.page.locator("#results-status")
    assert status.get_attribute("class") == "error"
    message = status.inner_text()
    assert "no entity named '<img src=x onerror=" in message  # the input, as text
    assert LABEL in message  # and the suggestion, a hostile label, as text
    assert visit.page.locator("#results img").count() == 0
    visit.assert_nothing_ran()


def test_yasgui_results_are_text(visit: Visit, server: str) -> None:
    page = visit.page
    page.goto(server + "/")
    page.wait_for_function("window.ecokgYasgui !== undefined")
    page.evaluate(
        """() => { const tab = window.ecokgYasgui.getTab();
        tab.setQuery('SELECT ?label ?text WHERE { { ekr:xss-co rdfs:label ?label } UNION { ?q ek:text ?text FILTER(CONTAINS(?text, "__xss")) } }');
        return tab.query(); }"""
    )
    page.wait_for_function("document.querySelector('.yasr') && document.querySelector('.yasr').innerText.includes('XSS Co')",
                           timeout=30_000)
    results = page.locator(".yasr").inner_text()
    assert "XSS Co" in results and "window.__xss='quote'" in results
    assert page.locator(".yasr img[src=x], .yasr svg[onload], .yasr iframe").count() == 0
    visit.assert_nothing_ran()


def _hover_node(page: Page, node: str) -> str:
    point = page.evaluate(
        "id => { const n = window.ecokgMap.network; n.fit(); return n.canvasToDOM(n.getPositions([id])[id]); }", node
    )
    box = page.locator("#map canvas").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    return page.locator("div.vis-tooltip").inner_text()


def _check_map(visit: Visit) -> None:
    page = visit.page
    page.wait_for_function("window.ecokgMap && window.ecokgMap.ready", timeout=60_000)
    tooltip = _hover_node(page, "https://w3id.org/ecokg/id/xss-co")
    assert LABEL in tooltip  # the tooltip shows the name as text
    assert QUOTE in tooltip or "window.__xss='quote'" in tooltip  # and its source sentence
    assert page.locator("div.vis-tooltip img, div.vis-tooltip script, div.vis-tooltip svg").count() == 0
    page.fill("#search", "XSS Co")
    page.press("#search", "Enter")
    assert page.locator("#details h3").inner_text() == LABEL
    assert page.locator("img, iframe").count() == 0
    visit.assert_nothing_ran()


def test_served_map_labels_tooltips_and_quotes_are_text(visit: Visit, server: str) -> None:
    visit.page.goto(f"{server}/map?focus=ekr:xss-co&depth=1")
    _check_map(visit)
    assert "<script>" not in visit.page.title()


def test_written_map_is_safe_too(browser: Browser, hostile_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "hostile-map.html"
    written = ecokg("viz", "--store", str(hostile_store), "--focus", "xss-co", "-o", str(out))
    assert written.returncode == 0, written.stderr
    visit = Visit(browser, out.resolve().as_uri())
    try:
        visit.page.goto(out.resolve().as_uri())
        _check_map(visit)
    finally:
        visit.context.close()
