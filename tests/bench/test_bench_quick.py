"""The quick benchmark runs end to end and reports every section with real figures.

It runs the same code as ``make bench-quick`` on a tiny generated graph, in tmp_path.
Timings are not asserted (speed is checked by the benchmark itself): only that each
section produced positive figures, or said precisely why not.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.generate import generate, parse_size, write
from bench.run import Settings, markdown, run


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


def test_quick_benchmark_writes_every_section(tmp_path: Path) -> None:
    results_path = tmp_path / "results.json"
    settings = Settings(repeat=2, query_repeat=3, build_bound=120, pyshacl_bound=60, rdflib_query_bound=10,
                        reasoning_bound=120, analysis_bound=60, map_bound=60, pyvis_bound=60, max_nodes=200,
                        builds=1)
    results = run(["2k"], out_dir=tmp_path / "out", results_path=results_path, settings=settings,
                  log=lambda message: None)
    assert json.loads(results_path.read_text()) == json.loads(json.dumps(results, default=str))
    r = results["sizes"]["2k"]
    for key in ("build_ecokg", "build_bulk", "parse_rdflib", "validate_pyshacl", "map", "map_pyvis"):
        assert _positive(r[key]["seconds"]), (key, r[key])
        assert _positive(r[key]["peak_mib"]), (key, r[key])
    assert r["build_ecokg"]["conforms"] and r["build_bulk"]["conforms"]
    assert r["build_bulk"]["triples"] > 2000
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
    table = markdown(results)
    assert table.startswith("| data | what | ecokg |")
    assert "reopen + first query" in table and "query sectors" in table
