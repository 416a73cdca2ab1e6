"""Reasoning over an append only (issue 21): ``build --append --reason`` with the OWL 2 RL rules.

After a build and an append, each reasoned, the stored ``inferred`` graph must be the one a
whole re-reasoning of the store writes (the same facts and statements; the PROV description
once, saying the run was incremental). The appends: the seed's main file onto its gazetteer,
other documents onto the seed, and a register of the benchmark's generated ecosystem onto
the registers before it (agreements and missions between companies of both).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.errors import ReasoningError
from ecokg.graph.reasoner import before_commit
from ecokg.loaders import seed_sources
from ecokg.namespaces import INFERRED_GRAPH, PROV, RDF, RDFS
from ecokg.ontology.reasoning.inferred import DESCRIBED

DATA = Path(__file__).resolve().parents[1] / "data"
AUDIENCES = Path(__file__).resolve().parents[1] / "audiences" / "data"
QUADS = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
SEED_MAIN, GAZETTEER = sorted(seed_sources(), key=lambda p: p.name != "bfc-wisconsin-2024.yaml")


def _inferred(kg: KnowledgeGraph) -> tuple[Graph, Graph]:
    """The stored inferred graph: its facts and statements, and its PROV description apart."""
    body, description = Graph(), Graph()
    for s, p, o, _ in kg.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": INFERRED_GRAPH}):
        (description if s in DESCRIBED else body).add((s, p, o))
    return body, description


def _same(incremental: Graph, whole: Graph) -> None:
    if not isomorphic(incremental, whole):
        _, only_incremental, only_whole = graph_diff(to_isomorphic(incremental), to_isomorphic(whole))
        pytest.fail("the incremental inferred graph differs from a whole re-reasoning\n"
                    f"only incremental ({len(only_incremental)}):\n{only_incremental.serialize(format='nt')[:3000]}\n"
                    f"only whole ({len(only_whole)}):\n{only_whole.serialize(format='nt')[:3000]}")


def _append_and_compare(tmp_path: Path, base: list[Path], added: list[Path]) -> KnowledgeGraph:
    """Build ``base`` and append ``added``, each reasoned with the rules; the inferred graph must
    equal a whole re-reasoning of the same store (``kg.reason``), and a build of everything."""
    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.build(base, before_commit=before_commit("rl"))
    hook = before_commit("rl")
    kg.load(added, before_commit=hook)
    assert "Incremental:" in hook.result.message, hook.result.message
    incremental, description = _inferred(kg)
    # One PROV description, the new one: a single time, the rules as the reasoner.
    assert len(list(description.objects(INFERRED_GRAPH, PROV.generatedAtTime))) == 1
    assert [str(o) for o in description.objects(None, RDFS.comment)] == [hook.result.message]
    assert len(set(incremental.subjects(RDF.type, RDF.Statement))) == hook.result.facts

    whole = KnowledgeGraph.open(tmp_path / "whole")
    whole.build([*base, *added], before_commit=before_commit("rl"))
    _same(incremental, _inferred(whole)[0])
    whole.close()
    kg.reason("rl")
    _same(incremental, _inferred(kg)[0])
    return kg


def test_the_seed_appended_to_its_gazetteer(tmp_path: Path) -> None:
    kg = _append_and_compare(tmp_path, [GAZETTEER], [SEED_MAIN])
    body, _ = _inferred(kg)
    # Property chains and SWRL rules joined the new facts with the stored places.
    assert any("partnerOf" in str(p) for p in body.predicates())
    assert any("presentIn" in str(p) for p in body.predicates())
    kg.close()


@pytest.mark.parametrize("added", [
    [DATA / "acme-in-wisconsin.yaml"],
    [AUDIENCES / "prospects.yaml", AUDIENCES / "mission-notes.yaml"],
])
def test_documents_appended_to_the_seed(tmp_path: Path, added: list[Path]) -> None:
    _append_and_compare(tmp_path, seed_sources(), added).close()


def test_a_register_of_the_generated_ecosystem(tmp_path: Path) -> None:
    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:
        sys.path.insert(0, root)  # the repository's bench package (as tests/bench/conftest.py)
    from bench.generate import generate

    text = io.StringIO()
    generate(12000, text, doc_rows=60)
    lines = text.getvalue().splitlines(keepends=True)
    # As in test_provenance_batch: the generator dates some signings outside their mission.
    lines = [line for line in lines if not ("/id/signing-" in line.split(" ", 1)[0] and "ontology#partOf>" in line)]
    registers = sorted({line.rsplit(" ", 2)[-2] for line in lines if "/graph/register-" in line})
    assert len(registers) >= 3
    last = registers[-1]
    base, added = tmp_path / "base.nq", tmp_path / "added.nq"
    base.write_text("".join(line for line in lines if line.rsplit(" ", 2)[-2] != last), encoding="utf-8")
    added.write_text("".join(line for line in lines if line.rsplit(" ", 2)[-2] == last), encoding="utf-8")
    kg = _append_and_compare(tmp_path, [base], [added])
    assert len(_inferred(kg)[0]) > 1000
    kg.close()


def test_what_is_not_an_addition_is_reasoned_whole(tmp_path: Path) -> None:
    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.build(before_commit=before_commit("rl"))
    hook = before_commit("rl")
    kg.load([SEED_MAIN], before_commit=hook)  # replaces a stored document
    assert "The whole store was reasoned over: the load replaces 1 stored document graph(s)" in hook.result.message
    replaced, _ = _inferred(kg)
    kg.reason("rl")
    _same(replaced, _inferred(kg)[0])
    # Inferences HermiT made are not added to by the rules.
    kg.build(before_commit=before_commit("hermit"))
    hook = before_commit("rl")
    kg.load([DATA / "acme-in-wisconsin.yaml"], before_commit=hook)
    assert "made by HermiT, not the rules" in hook.result.message
    kg.close()


@pytest.mark.parametrize("case", sorted(p.name for p in (DATA / "reasoning").iterdir()))
def test_a_contradicting_append_is_refused_and_changes_nothing(tmp_path: Path, case: str) -> None:
    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.build(before_commit=before_commit("rl"))
    before = sorted(kg.select(QUADS))
    with pytest.raises(ReasoningError) as raised:
        kg.load([DATA / "reasoning" / case], before_commit=before_commit("rl"))
    assert raised.value.explanation
    assert sorted(kg.select(QUADS)) == before
    kg.close()


def test_cli_append_reason_says_it_was_incremental(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    runner = CliRunner()
    done = runner.invoke(app, ["build", "--reason", "--store", store, str(GAZETTEER)])
    assert done.exit_code == 0, done.output
    # The gazetteer alone is small: HermiT reasoned it, so the append is reasoned whole.
    done = runner.invoke(app, ["build", "--append", "--reason", "--store", store, str(SEED_MAIN)])
    assert done.exit_code == 0, done.output
    assert "made by HermiT, not the rules" in " ".join(done.output.split())
