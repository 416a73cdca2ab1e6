"""HTML maps in real headless Chromium: offline, complete, searchable, with sources, safe."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from ecokg import KnowledgeGraph
from ecokg.maps import demo_maps, render_map, write_map

from .browser import wait_until
from .hostile import EVIL, evil_kg

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# Pairs of label boxes (canvas coordinates) that intersect, among the visible nodes.
OVERLAPS_JS = """() => {
  const net = window.ecokgMap.network, out = [];
  const boxes = window.ecokgMap.nodeView.getIds().map(id => {
    const s = net.body.nodes[id].labelModule.size;
    return {id, l: s.left, t: s.top, r: s.left + s.width, b: s.top + s.height};
  });
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b) out.push([a.id, b.id]);
  }
  return out;
}"""


class Visit:
    """A page opened on a map, with every request, console message and dialog recorded."""

    def __init__(self, browser: Browser, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page: Page = self.context.new_page()
        self.requests: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.console.append(("error", str(e))))
        self.page.on("dialog", self._dialog)
        # Anything but the map itself is recorded above, then refused.
        self.url = path.resolve().as_uri()
        self.page.route("**/*", lambda route: route.continue_() if route.request.url == self.url else route.abort())
        self.page.goto(self.url)
        wait_until(self.page, "() => !!(window.ecokgMap && window.ecokgMap.ready)")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def eval(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def click_node(self, node: str) -> None:
        point = self.eval(
            "id => { const n = window.ecokgMap.network; return n.canvasToDOM(n.getPositions([id])[id]); }", node
        )
        box = self.page.locator("#map canvas").bounding_box()
        assert box is not None
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def errors(self) -> list[tuple[str, str]]:
        return [(t, m) for t, m in self.console if t == "error"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Playwright gives every launch a fresh, temporary --user-data-dir of its own.
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def demo_map(seed_kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    demo_maps(seed_kg.backend, out)
    return out / "ecosystem.html"


@pytest.fixture(scope="module")
def visit(browser: Browser, demo_map: Path) -> Iterator[Visit]:
    opened = Visit(browser, demo_map)
    yield opened
    opened.context.close()


def test_demo_map_offline_complete_and_legible(visit: Visit, seed_kg: KnowledgeGraph) -> None:
    G: nx.MultiDiGraph = seed_kg.to_networkx()
    assert visit.requests == [visit.url]  # zero requests leave the page
    assert visit.errors() == []
    assert visit.eval("window.ecokgMap.nodes.length") == G.number_of_nodes()
    assert visit.eval("window.ecokgMap.nodeView.length") == G.number_of_nodes()
    assert visit.page.locator("#map-counts").inner_text().startswith(f"{G.number_of_nodes()} ")
    assert visit.page.locator("#map-made").inner_text().startswith("Map made on 20")
    # The main map is coloured by territory (the seed's three, and "none") and sized by betweenness.
    assert visit.page.locator("#legend-items li").count() == 4
    assert "betweenness" in visit.page.locator("#legend-size").inner_text()
    assert visit.eval(OVERLAPS_JS) == []  # no node label covers another
    # Physics stabilised, then stopped.
    assert visit.eval("window.ecokgMap.network.physics.options.enabled") is False


def test_search_focuses_gilson(visit: Visit, seed_kg: KnowledgeGraph) -> None:
    gilson = str(seed_kg.resolve("Gilson"))
    visit.page.fill("#search", "gilson")
    visit.page.press("#search", "Enter")
    assert visit.eval("window.ecokgMap.network.getSelectedNodes()") == [gilson]
    assert visit.page.locator("#details h3").inner_text() == "Gilson"
    # The view glides to Gilson and ends centred on it, in the part the panel leaves free.
    wait_until(
        visit.page,
        """id => { const n = window.ecokgMap.network, p = n.canvasToDOM(n.getPositions([id])[id]);
        const free = document.getElementById("map").clientWidth - document.getElementById("details").offsetWidth - 12;
        return Math.abs(p.x - free / 2) < 2 && Math.abs(p.y - document.getElementById("map").clientHeight / 2) < 2; }""",
        gilson, timeout=10,
    )
    visit.page.fill("#search", "nobody at all")
    visit.page.press("#search", "Enter")
    assert "nobody at all" in visit.page.locator("#search-status").inner_text()


def test_click_on_a_node_shows_its_source_sentence(visit: Visit, seed_kg: KnowledgeGraph) -> None:
    G = seed_kg.to_networkx()
    node = str(seed_kg.resolve("WEDC"))
    visit.page.click("#details-close")
    visit.eval("window.ecokgMap.network.fit()")
    visit.click_node(node)
    panel = visit.page.locator("#details")
    assert panel.is_visible()
    assert panel.locator("h3").inner_text() == G.nodes[node]["label"]
    quote = G.nodes[node]["sources"][0]["quote"]
    assert quote in panel.locator("blockquote").all_inner_texts()
    # The neighbourhood stays bright, the rest is dimmed.
    dimmed = visit.eval(
        "id => window.ecokgMap.nodes.get().filter(n => n.color && n.color.background === '#e8ebef').length", node
    )
    assert dimmed == G.number_of_nodes() - 1 - len(set(G.successors(node)) | set(G.predecessors(node)))


def test_filters_by_territory_and_kind(visit: Visit, seed_kg: KnowledgeGraph) -> None:
    G = seed_kg.to_networkx()
    visit.page.select_option("#filter-territory", "Wisconsin")
    wisconsin = sum(1 for _, t in G.nodes(data="territory") if t == "Wisconsin")
    assert visit.eval("window.ecokgMap.nodeView.length") == wisconsin
    visit.page.locator("#filter-kinds input[value=City]").uncheck()  # coloured by territory: kinds filter apart
    cities = sum(1 for _, d in G.nodes(data=True) if d["territory"] == "Wisconsin" and d["kind"] == "City")
    assert visit.eval("window.ecokgMap.nodeView.length") == wisconsin - cities
    visit.page.click("#filter-reset")
    assert visit.eval("window.ecokgMap.nodeView.length") == G.number_of_nodes()
    visit.page.select_option("#filter-sector", "Health")
    health = sum(1 for _, s in G.nodes(data="sectors") if "Health" in s)
    assert health and visit.eval("window.ecokgMap.nodeView.length") == health
    assert visit.eval("window.ecokgMap.edgeView.get().every(e => window.ecokgMap.nodeView.get(e.from) && window.ecokgMap.nodeView.get(e.to))")
    # Searching an actor hidden by a filter shows everything again, then focuses it.
    visit.page.fill("#search", "WEDC")  # an acronym, found through the node's properties
    visit.page.press("#search", "Enter")
    assert visit.eval("window.ecokgMap.nodeView.length") == G.number_of_nodes()
    assert visit.page.locator("#details h3").inner_text() == "Wisconsin Economic Development Corporation"
    assert visit.errors() == []


def test_an_html_name_is_shown_as_text_and_runs_nothing(browser: Browser, tmp_path: Path) -> None:
    kg = evil_kg(tmp_path)
    page_path = tmp_path / "evil.html"
    write_map(kg.backend, page_path, focus=EVIL, depth=1)
    evil = Visit(browser, page_path)
    try:
        evil.page.fill("#search", EVIL)
        evil.page.press("#search", "Enter")
        assert evil.page.locator("#details h3").inner_text() == EVIL
        assert "</script><script>alert(2)</script>" in evil.page.locator("#details blockquote").first.inner_text()
        assert evil.page.locator("img").count() == 0
        assert evil.page.locator("script").count() == 5  # 3 JSON blocks + 2 code scripts, none added
        evil.page.hover("#map")
        evil.click_node(str(kg.resolve("evil-co")))
        assert evil.dialogs == []
        assert evil.requests == [evil.url]
        assert evil.errors() == []
    finally:
        evil.context.close()


def test_a_reduced_large_map_says_so(browser: Browser, tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    B = nx.barabasi_albert_graph(400, 2, seed=7)
    for n in B:
        G.add_node(str(n), label=f"Actor {n}", kind="Company", kind_label="company", category="organization",
                   territory="Wisconsin" if n % 2 else None, sectors=[], sources=[], props={})
    for u, v in B.edges():
        G.add_edge(str(u), str(v), predicate="ek:partnerOf", label="partner of", sources=[], via=None)
    path = tmp_path / "large.html"
    path.write_text(render_map(G, max_nodes=350).html, encoding="utf-8")
    large = Visit(browser, path)
    try:
        note = large.page.locator("#map-note")
        assert note.is_visible() and "350 most central of 400" in note.inner_text()
        assert large.eval("window.ecokgMap.nodes.length") == 350
        assert large.eval("window.ecokgMap.network.physics.options.enabled") is False  # laid out in Python
        assert large.requests == [large.url] and large.errors() == []
    finally:
        large.context.close()
