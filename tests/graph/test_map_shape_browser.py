"""Maps that keep their shape, one colour a kind, a phone layout and the bridge story, in real Chromium."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

from ecokg import KnowledgeGraph
from ecokg.maps import demo_maps
from ecokg.maps.styles import FAMILY_COLOURS

from .browser import wait_until
from .test_visualize_browser import CHROMIUM_ARGS

POSITIONS_JS = "() => window.ecokgMap.network.getPositions()"


class Visit:
    """A map opened offline (every other request refused), with its console errors."""

    def __init__(self, browser: Browser, path: Path, **context: Any) -> None:
        self.context = browser.new_context(**({"viewport": {"width": 1400, "height": 900}} | context))
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.page.on("pageerror", lambda e: self.console.append(str(e)))
        url = path.resolve().as_uri()
        self.page.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
        self.page.goto(url)
        wait_until(self.page, "() => !!(window.ecokgMap && window.ecokgMap.ready)")

    def eval(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def errors(self) -> list[str]:
        return self.console

    def point(self, node: str) -> tuple[float, float]:
        at = self.eval("id => { const n = window.ecokgMap.network; return n.canvasToDOM(n.getPositions([id])[id]); }", node)
        box = self.page.locator("#map canvas").bounding_box()
        assert box is not None
        return box["x"] + at["x"], box["y"] + at["y"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def maps(seed_kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("maps")
    return {result.path.stem: result.path for result in demo_maps(seed_kg.backend, out) if result.path}


def meta_of(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="ecokg-meta">(.*?)</script>', html, re.S)
    assert found is not None
    return json.loads(found.group(1))


def test_filter_then_show_all_leaves_every_node_where_it_was(browser: Browser, maps: dict[str, Path]) -> None:
    visit = Visit(browser, maps["delegation-members"])
    try:
        before = visit.eval(POSITIONS_JS)
        boxes = visit.page.locator("#legend-items input")
        assert boxes.count() >= 3
        boxes.nth(0).uncheck()
        boxes.nth(1).uncheck()
        assert visit.eval("window.ecokgMap.nodeView.length") < len(before)
        visit.page.click("#filter-reset")
        after = visit.eval(POSITIONS_JS)
        assert set(after) == set(before)
        moved = {n for n in before if abs(before[n]["x"] - after[n]["x"]) > 1 or abs(before[n]["y"] - after[n]["y"]) > 1}
        assert moved == set()
        assert visit.errors() == []
    finally:
        visit.context.close()


def test_a_kind_has_one_colour_on_every_map(browser: Browser, maps: dict[str, Path]) -> None:
    colours: dict[str, set[str]] = {}
    for name in ("delegation-members", "territory-links", "agreements"):
        visit = Visit(browser, maps[name])
        try:
            legend = visit.eval("window.ecokgMap.meta.legend")
            drawn = visit.eval("window.ecokgMap.nodes.get().map(n => [n.id, n.color])")
        finally:
            visit.context.close()
        assert legend
        for item in legend:
            colours.setdefault(item["label"], set()).add(item["color"])
        assert all(colour in FAMILY_COLOURS.values() or colour == "#bab0ac" for _, colour in drawn)
    assert {kind: len(c) for kind, c in colours.items()} == dict.fromkeys(colours, 1)
    # Kinds of different families are told apart by colour; those of one family by shape.
    assert colours["person"] != colours["cluster"] != colours["company"]


def test_the_main_map_tells_who_bridges_the_territories(browser: Browser, maps: dict[str, Path]) -> None:
    meta = meta_of(maps["ecosystem"])
    assert meta["color_by"] == "territory"
    assert "betweenness" in meta["size"]
    assert meta["subtitle"].startswith("Nicolas Paris bridges Bourgogne-Franche-Comté and Wisconsin: ")
    visit = Visit(browser, maps["ecosystem"])
    try:
        assert visit.page.locator("#map-subtitle").inner_text() == meta["subtitle"]
        sizes = dict(visit.eval("window.ecokgMap.nodes.get().map(n => [n.label, n.size])"))
        # The mission joins its delegation to the organisations it met (issue 16): the largest
        # node; among the people, Nicolas Paris.
        (mission,) = [label for label in sizes if label.startswith("Bourgogne-Franche-Comté official")]
        assert sizes[mission] == max(sizes.values())
        people = ("Nicolas Paris", "Nicolas Soret", "Martine Abrahamse-Pleux", "Marie-Guite Dufay")
        assert sizes["Nicolas Paris"] == max(sizes[p] for p in people)
    finally:
        visit.context.close()


def test_parallel_facts_are_spelled_out(maps: dict[str, Path]) -> None:
    html = maps["ecosystem"].read_text(encoding="utf-8")
    labels = re.findall(r"\"label\": ?\"([^\"]*\(\+\d+[^\"]*)\"", html)
    assert labels, "the seed has two facts between the same two actors somewhere"
    assert all(re.search(r"\(\+\d+ more\)$", label) for label in labels)


def test_a_phone_gets_the_map_and_a_bottom_panel(browser: Browser, maps: dict[str, Path], seed_kg: KnowledgeGraph) -> None:
    visit = Visit(browser, maps["ecosystem"], viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = visit.page
    try:
        width = page.evaluate("document.getElementById('map').getBoundingClientRect().width")
        assert width >= 0.7 * 390
        assert page.locator("#side").is_hidden()
        page.click("#side-toggle")
        assert page.locator("#side").is_visible()
        assert page.locator("#side-toggle").get_attribute("aria-expanded") == "true"
        page.click("#side-toggle")
        assert page.locator("#side").is_hidden()
        # A tap on a node opens the details as a sheet at the bottom, and the node stays in view above it.
        node = str(seed_kg.resolve("Gilson"))
        page.evaluate("id => { const n = window.ecokgMap.network; n.moveTo({position: n.getPositions([id])[id], scale: 1, offset: {x: 0, y: 250}}); }", node)
        page.touchscreen.tap(*visit.point(node))
        page.wait_for_selector("#details:not([hidden])")
        assert page.locator("#details h3").inner_text() == "Gilson"
        panel = page.locator("#details").bounding_box()
        assert panel is not None and panel["width"] >= 0.9 * 370
        wait_until(page, """id => { const n = window.ecokgMap.network, p = n.canvasToDOM(n.getPositions([id])[id]);
            const top = document.getElementById('details').getBoundingClientRect().top
                - document.getElementById('map').getBoundingClientRect().top;
            return p.y < top - 10; }""", node, timeout=10)
        assert visit.errors() == []
    finally:
        visit.context.close()


def test_the_panel_moves_a_hidden_node_into_view(browser: Browser, maps: dict[str, Path], seed_kg: KnowledgeGraph) -> None:
    visit = Visit(browser, maps["ecosystem"])
    try:
        node = str(seed_kg.resolve("WEDC"))
        # Put WEDC at the right edge, where the panel opens, then click it.
        visit.eval("id => { const n = window.ecokgMap.network, w = document.getElementById('map').clientWidth;"
                   " n.moveTo({position: n.getPositions([id])[id], scale: 1, offset: {x: w / 2 - 60, y: 0}}); }", node)
        visit.page.mouse.click(*visit.point(node))
        visit.page.wait_for_selector("#details:not([hidden])")
        wait_until(visit.page,
            """id => { const n = window.ecokgMap.network, p = n.canvasToDOM(n.getPositions([id])[id]);
            const left = document.getElementById('details').getBoundingClientRect().left
                - document.getElementById('map').getBoundingClientRect().left;
            return p.x < left - 10; }""", node, timeout=10)
        assert visit.errors() == []
    finally:
        visit.context.close()
