"""HTML maps without a browser: self-contained page, escaping, reduction, options, CLI."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import unescape
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.errors import EcokgError
from ecokg.maps import build_map, demo_maps, ego_graph, render_map

from .hostile import EVIL, evil_kg


def page_json(html: str, element_id: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    assert match, element_id
    return json.loads(match.group(1))


def inline_scripts(html: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", html, re.S)


@pytest.fixture(scope="module")
def seed_graph(seed_kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return seed_kg.to_networkx()


def test_seed_map_is_one_self_contained_file(seed_kg: KnowledgeGraph, seed_graph: nx.MultiDiGraph) -> None:
    result = build_map(seed_kg.backend, title="Seed")
    html = result.html
    assert (result.nodes, result.edges) == (seed_graph.number_of_nodes(), seed_graph.number_of_edges())
    assert not result.reduced and result.note is None
    # Nothing is fetched: no external script, stylesheet, image or frame.
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b[^>]*\b(src|href)\s*=", html, re.I)
    assert "@import" not in html
    assert "@license" in html and "vis-network" in html  # the bundled library, licence header kept
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert found
    policy = unescape(found.group(1))
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    # Every inline script is allowed by its hash, and nothing else is.
    scripts = inline_scripts(html)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    graph = page_json(html, "ecokg-graph")
    assert {n["id"] for n in graph["nodes"]} == set(seed_graph)
    assert sum(len(link["facts"]) for link in graph["links"]) == seed_graph.number_of_edges()


def test_tooltips_and_panel_data_carry_sources(seed_kg: KnowledgeGraph, seed_graph: nx.MultiDiGraph) -> None:
    graph = page_json(build_map(seed_kg.backend).html, "ecokg-graph")
    gilson = next(r for r in graph["records"] if r["label"] == "Gilson")
    quotes = [s["quote"] for s in gilson["sources"]]
    assert any("l’entreprise Gilson à Madison" in q for q in quotes)
    assert all(s["document"] and s["date"] for s in gilson["sources"])
    # Link labels come from the predicates' labels; every fact keeps its sources.
    labels = {f["label"] for link in graph["links"] for f in link["facts"]}
    assert {"president of", "has a site in", "located in"} <= labels
    assert all(f["sources"] for link in graph["links"] for f in link["facts"])
    # Tooltips are built by the page from this data, never shipped as HTML strings.
    assert all("title" not in node for node in graph["nodes"])


def test_planned_links_are_dashed_with_their_status_in_the_panel(seed_kg: KnowledgeGraph) -> None:
    # The WEDC meeting is a réunion: its status agrees, "prévue" (ek:grammaticalGender "f").
    for lang, planned in (("en", "planned"), ("fr", "prévue")):
        graph = page_json(build_map(seed_kg.backend, lang=lang).html, "ecokg-graph")
        edges = {e["id"]: e for e in graph["edges"]}
        mission = "https://w3id.org/ecokg/id/mission-bfc-usa-2024"
        wedc = next(link for link in graph["links"] if link["from"] == mission and link["to"].endswith("/wedc"))
        assert wedc["dashed"] and edges[wedc["id"]]["dashes"] is True
        assert [(f["status"], f["status_key"]) for f in wedc["facts"]] == [(planned, "planned")]
        # The mission took place: its delegation's links are drawn solid.
        led = next(link for link in graph["links"] if link["from"] == mission and link["to"].endswith("/nicolas-paris"))
        assert not led["dashed"] and edges[led["id"]]["dashes"] is False
        assert {f["status_key"] for f in led["facts"]} == {"happened"}


def test_labels_properties_and_quotes_are_escaped(tmp_path: Path) -> None:
    kg = evil_kg(tmp_path)
    html = build_map(kg.backend, title="<b>title</b>").html
    # What the page carries besides the (fixed) library code and styles.
    data = re.sub(r"<script>.*?</script>|<style>.*?</style>", "", html, flags=re.S)
    for raw in (EVIL, "<script>alert(", "</script><script>", "<img src=x>", "<b>"):
        assert raw not in data
    assert "\u2028" not in html
    assert "<title>&lt;b&gt;title&lt;/b&gt;</title>" in html
    graph = page_json(html, "ecokg-graph")
    records = {r["label"]: r for r in graph["records"]}
    assert EVIL in records  # the name survives intact, as data
    assert records[EVIL]["props"]["description"] == "<script>alert(3)</script>"
    assert "</script><script>alert(2)</script>" in records[EVIL]["sources"][0]["quote"]
    assert page_json(html, "ecokg-meta")["title"] == "<b>title</b>"
    # Besides the two code scripts, only the three JSON blocks: no element came from the data.
    assert re.findall(r"<script[^>]*>", data) == ['<script type="application/json" id="ecokg-meta">',
                                                  '<script type="application/json" id="ecokg-graph">',
                                                  '<script type="application/json" id="ecokg-options">']


def test_a_large_graph_is_reduced_and_says_so() -> None:
    G = nx.MultiDiGraph()
    star = nx.star_graph(29)  # node 0 is the hub
    for n in star:
        G.add_node(str(n), label=f"Actor {n}", kind="Company", kind_label="company", category="organization",
                   territory=None, sectors=[], sources=[], props={})
    for u, v in star.edges():
        G.add_edge(str(u), str(v), predicate="ek:partnerOf", label="partner of", sources=[], via=None)
    result = render_map(G, max_nodes=10)
    assert (result.nodes, result.total_nodes, result.reduced) == (10, 30, True)
    assert result.note and "10 most central of 30" in result.note and "20 nodes" in result.note
    meta = page_json(result.html, "ecokg-meta")
    assert meta["note"] == result.note and meta["total_nodes"] == 30
    assert "0" in {n["id"] for n in page_json(result.html, "ecokg-graph")["nodes"]}  # the hub is kept
    # A graph within the limit is drawn whole.
    assert render_map(G, max_nodes=30).note is None


def test_large_maps_get_positions_and_no_physics() -> None:
    G = nx.MultiDiGraph()
    B = nx.barabasi_albert_graph(400, 2, seed=1)
    for n in B:
        G.add_node(str(n), label=f"A{n}", kind="Person", category="person", sectors=[], sources=[], props={})
    for u, v in B.edges():
        G.add_edge(str(u), str(v), label="knows", sources=[])
    result = render_map(G)
    meta = page_json(result.html, "ecokg-meta")
    options = page_json(result.html, "ecokg-options")
    nodes = page_json(result.html, "ecokg-graph")["nodes"]
    assert meta["physics"] is False and options["physics"]["enabled"] is False
    assert len({(n["x"], n["y"]) for n in nodes}) == 400  # every node placed, none on top of another


def test_large_communities_are_laid_out_without_scipy() -> None:
    # A 600-node star is one Louvain community, too big for NumPy's spring layout; with a
    # second star beside it, the big one is split again or drawn as a circle.
    G = nx.MultiDiGraph()
    for offset, size in ((0, 600), (1000, 550)):
        for i in range(1, size):
            G.add_edge(str(offset), str(offset + i), label="knows", sources=[])
    for n in G:
        G.nodes[n].update(label=f"A{n}", kind="Person", category="person", sectors=[], sources=[], props={})
    nodes = page_json(render_map(G).html, "ecokg-graph")["nodes"]
    assert len(nodes) == G.number_of_nodes()
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)


def test_options_color_size_lang(seed_kg: KnowledgeGraph, seed_graph: nx.MultiDiGraph) -> None:
    by_territory = page_json(build_map(seed_kg.backend, color_by="territory").html, "ecokg-meta")
    assert {"Wisconsin", "Bourgogne-Franche-Comté"} <= {item["label"] for item in by_territory["legend"]}
    by_community = page_json(build_map(seed_kg.backend, color_by="community").html, "ecokg-meta")
    assert sum(item["count"] for item in by_community["legend"]) == seed_graph.number_of_nodes()
    sizes = {n["size"] for n in page_json(build_map(seed_kg.backend, size_by="pagerank").html, "ecokg-graph")["nodes"]}
    assert len(sizes) > 3
    french = build_map(seed_kg.backend, lang="fr")
    meta = page_json(french.html, "ecokg-meta")
    assert meta["strings"]["search"] == "Chercher un acteur" and '<html lang="fr">' in french.html
    assert "Région Bourgogne-Franche-Comté" in {r["label"] for r in page_json(french.html, "ecokg-graph")["records"]}
    with pytest.raises(EcokgError, match="--size-by"):
        build_map(seed_kg.backend, size_by="closeness")


def test_focus_maps_the_neighbourhood(seed_kg: KnowledgeGraph, seed_graph: nx.MultiDiGraph) -> None:
    gilson = str(seed_kg.resolve("Gilson"))
    result = build_map(seed_kg.backend, focus="Gilson", depth=1)
    expected = {gilson} | set(seed_graph.successors(gilson)) | set(seed_graph.predecessors(gilson))
    assert {n["id"] for n in page_json(result.html, "ecokg-graph")["nodes"]} == expected
    assert ego_graph(seed_graph, gilson, 0).number_of_nodes() == 1
    with pytest.raises(EcokgError, match="depth"):
        ego_graph(seed_graph, gilson, -1)


def test_query_maps(seed_kg: KnowledgeGraph) -> None:
    result = build_map(seed_kg.backend, query="delegation-members")
    labels = {r["label"] for r in page_json(result.html, "ecokg-graph")["records"]}
    assert {"Nicolas Soret", "Martine Abrahamse-Pleux", "Nicolas Paris", "Gilson", "BioForward"} <= labels
    assert "Wisconsin" not in labels
    # A CONSTRUCT maps the triples between entities: Nicolas Paris's own statements, and those
    # pointing at him (issue 18): who solicited him, and what the relations naming him name
    # besides (his posts' organisations; the mission's other members, organiser and destinations).
    card = build_map(seed_kg.backend, query="entity-card", params={"entity": "Nicolas Paris"})
    card_labels = {r["label"] for r in page_json(card.html, "ecokg-graph")["records"]}
    assert card_labels == {
        "Nicolas Paris", "BioForward", "Gilson", "Regional roadmap on biotherapies and bioproduction",
        "Marie-Guite Dufay", "Nicolas Soret", "Martine Abrahamse-Pleux", "Bourgogne-Franche-Comté Region",
        "United States", "Wisconsin", "Illinois",
        # The mission is a node (issue 16): its delegation is linked to it, not to one another.
        "Bourgogne-Franche-Comté official delegation mission to the United States",
    }
    # A SELECT join that the graph does not hold as a fact says it comes from the query.
    page = page_json(build_map(seed_kg.backend, query="territory-links").html, "ecokg-graph")
    joins = [f for link in page["links"] for f in link["facts"] if f["predicate"].count("→")]
    assert all(f["sources"][0]["document"] == "ecokg query territory-links" for f in joins)
    # The mission is a node now: its rows are drawn with the graph's own facts (led by, destination).
    mission = "https://w3id.org/ecokg/id/mission-bfc-usa-2024"
    drawn = {(link["from"], link["to"]): {f["predicate"] for f in link["facts"]} for link in page["links"]}
    assert drawn[(mission, "https://w3id.org/ecokg/id/nicolas-paris")] == {"ek:ledBy"}
    assert drawn[(mission, "https://w3id.org/ecokg/id/wisconsin")] == {"ek:destination"}
    agreements = build_map(seed_kg.backend, query="agreements")
    assert {r["label"] for r in page_json(agreements.html, "ecokg-graph")["records"]} == {
        "BioForward", "Bourgogne-Franche-Comté Regional Economic Agency",
        "Bourgogne-Franche-Comté official delegation mission to the United States",  # its signing is on the programme
    }


def test_demo_maps_and_cli(seed_kg: KnowledgeGraph, tmp_path: Path) -> None:
    written = demo_maps(seed_kg.backend, tmp_path / "out")
    assert [r.path.name for r in written if r.path] == [
        "ecosystem.html", "delegation-members.html", "territory-links.html", "agreements.html",
    ]
    assert all(r.path and r.path.stat().st_size > 100_000 for r in written)
    runner = CliRunner()
    target = tmp_path / "gilson.html"
    ok = runner.invoke(app, ["viz", "--memory", "-o", str(target), "--focus", "Gilson", "--depth", "2",
                             "--color-by", "territory", "--size-by", "betweenness", "--lang", "fr", "--title", "Gilson"])
    assert ok.exit_code == 0, ok.output
    assert target.exists() and "<title>Gilson</title>" in target.read_text(encoding="utf-8")
    bad = runner.invoke(app, ["viz", "--memory", "-o", str(tmp_path / "x.html"), "--color-by", "colour"])
    assert bad.exit_code != 0 and "--color-by" in bad.output
    assert not (tmp_path / "x.html").exists()
    bad_param = runner.invoke(app, ["viz", "--memory", "-o", str(tmp_path / "y.html"), "--query", "agreements", "-p", "party"])
    assert bad_param.exit_code != 0 and "NAME=VALUE" in bad_param.output
