"""The quick benchmark runs end to end and reports every section with real figures.

It runs the same code as ``make bench-quick`` on a tiny generated graph, in tmp_path.
Timings are not asserted (speed is checked by the benchmark itself): only that each
section produced positive figures, or said precisely why not.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.generate import generate, parse_size, write
from bench.run import Settings, markdown, run, write_table


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def test_generator_is_deterministic_and_sized(tmp_path: Path) -> None:
    first = write(3000, tmp_path / "a")
    second = write(3000, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    lines = first.read_text(encoding="utf-8").splitlines()
    assert 3000 <= len(lines) < 3600
    assert parse_size("1m") == 1_000_000 and parse_size("10k") == 10_000
    text = "\n".join(lines)
    # The loaders' provenance shape: statements deriving facts from excerpts of documents.
    for term in ("22-rdf-syntax-ns#Statement>", "ontology#Excerpt>", "prov#wasDerivedFrom>", "ontology#Post>"):
        assert term in text


def test_generated_graph_conforms_to_the_shapes(tmp_path: Path) -> None:
    import pyoxigraph as ox

    from ecokg.graph.sparqlshacl import validation_report

    path = tmp_path / "g.nq"
    with path.open("w", encoding="utf-8") as handle:
        generate(2500, handle)
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    report = validation_report(store)
    assert report.conforms, report.text()


def test_network_profile_conforms_and_projects_to_about_the_nodes_asked(tmp_path: Path) -> None:
    import pyoxigraph as ox
    from bench.steps import build_ecokg

    from ecokg import KnowledgeGraph
    from ecokg.graph.sparqlshacl import validation_report

    path = write(1500, tmp_path, profile="network")
    # Named by size, seed and the generator's digest: a file from an older generator is never reused.
    assert re.fullmatch(r"network-1500-20241027-[0-9a-f]{8}\.nq", path.name), path.name
    assert write(1500, tmp_path, profile="network").read_bytes() == path.read_bytes()
    staging = ox.Store()
    staging.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    report = validation_report(staging)
    assert report.conforms, report.text()
    built = build_ecokg({"file": str(path), "store": str(tmp_path / "store")})
    assert built["conforms"] and built["triples"] > 30_000
    with KnowledgeGraph.open(tmp_path / "store", create=False) as kg:
        G = kg.to_networkx()
    assert 1300 <= G.number_of_nodes() <= 1700
    kinds = {kind for _, kind in G.nodes(data="category")}
    assert {"person", "organization"} <= kinds
    assert G.number_of_edges() > G.number_of_nodes()  # a network, not a list


def test_query_parameters_are_picked_from_the_store(tmp_path: Path) -> None:
    from bench.steps import build_ecokg, pick_params

    from ecokg import KnowledgeGraph
    from ecokg.namespaces import EKR
    from ecokg.queries.catalog import resolve_entity, run_named

    path = write(10_000, tmp_path)  # enough companies for a mission (one per 25)
    build_ecokg({"file": str(path), "store": str(tmp_path / "store")})
    with KnowledgeGraph.open(tmp_path / "store", create=False) as kg:
        values, missing = pick_params(kg)
        assert missing == {}
        for name in ("entity", "a", "b", "person", "mission", "territory_a", "territory_b", "sector"):
            assert str(resolve_entity(kg.backend, values[name])) == values[name]
        assert values["entity"].startswith(str(EKR)) and values["territory_a"] != values["territory_b"]
        # "b" is linked to "a", so are-linked finds a connection of one fact.
        rows = run_named(kg.backend, "are-linked", {"a": values["a"], "b": values["b"]}).to_records()
        assert [r["length"] for r in rows] == [1]


def test_quick_benchmark_writes_every_section(tmp_path: Path) -> None:
    results_path = tmp_path / "results.json"
    settings = Settings(repeat=2, query_repeat=3, build_bound=120, pyshacl_bound=60, rdflib_query_bound=10,
                        reasoning_bound=120, analysis_bound=60, map_bound=60, pyvis_bound=60, max_nodes=200,
                        builds=1)
    results = run(["2k"], network_nodes=600, out_dir=tmp_path / "out", results_path=results_path,
                  settings=settings, log=lambda message: None)
    assert json.loads(results_path.read_text()) == json.loads(json.dumps(results, default=str))
    r = results["sizes"]["2k"]
    for key in ("build_ecokg", "parse_rdflib", "validate_pyshacl", "map", "map_pyvis"):
        assert _positive(r[key]["seconds"]), (key, r[key])
        assert _positive(r[key]["peak_mib"]), (key, r[key])
    assert r["build_ecokg"]["conforms"]
    assert r["build_ecokg"]["triples"] > 2000
    assert _positive(r["reopen"]["median"])
    timed = [q for q in r["queries"].values() if isinstance(q, dict) and "ecokg" in q]
    assert len(timed) >= 5
    for q in timed:
        assert _positive(q["ecokg"]["median"]) and _positive(q["ecokg"]["p95"])
        assert _positive(q["rdflib"]["median"]) or "within" in q["rdflib"]["status"]
    for key in ("reasoning_hermit", "reasoning_owlrl", "reasoning_rdflib", "analyze", "analyze_rdflib"):
        assert _positive(r[key]["seconds"]), (key, r[key])
    assert r["analyze"]["nodes"] > 10
    assert _positive(r["map"]["bytes"]) and _positive(r["map"]["draw_seconds"])
    network = results["sizes"]["network-600-nodes"]
    assert network["build_ecokg"]["conforms"] and 450 <= network["analyze"]["nodes"] <= 750
    assert all(_positive(v) for v in network["analyze"]["measures"].values()), network["analyze"]
    table = markdown(results)
    assert table.startswith("| data | what | ecokg |")
    assert "reopen + first query" in table and "query sectors (median / p95 of 3" in table
    assert "| 2k | build, KnowledgeGraph.build (validated), 1 run |" in table
    assert "| network-600-nodes | ecokg analyze (all measures)" in table
    assert "| 2k | build from plain RDF (N-Triples; the loader adds provenance), 1 run |" in table
    # `make bench --doc`: the table replaces the one between the markers, the prose stays.
    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n\nBefore.\n\n<!-- bench-table -->\nold\n<!-- /bench-table -->\n\nAfter.\n", encoding="utf-8")
    write_table(results, doc)
    assert doc.read_text(encoding="utf-8") == (
        f"# Performance\n\nBefore.\n\n<!-- bench-table -->\n{table}\n<!-- /bench-table -->\n\nAfter.\n"
    )
