"""Reasoning again over a reasoned store writes only what changed (issue 21).

`ecokg reason` over a store whose `inferred` graph the rules made keeps the inferences that
still hold and removes and adds the others (at a million triples, writing the graph again was
most of the run). The graph it leaves must be the one a whole run writes, whatever changed
since: documents dropped, documents added without reasoning.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from ecokg import KnowledgeGraph
from ecokg.graph.reasoner import before_commit
from ecokg.loaders import seed_sources
from ecokg.namespaces import EKG, INFERRED_GRAPH, PROV, RDF, RDFS
from ecokg.ontology.reasoning.inferred import DESCRIBED

DATA = Path(__file__).resolve().parents[1] / "data"
ACME = DATA / "acme-in-wisconsin.yaml"


def _inferred(kg: KnowledgeGraph) -> tuple[Graph, Graph]:
    body, description = Graph(), Graph()
    for s, p, o, _ in kg.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": INFERRED_GRAPH}):
        (description if s in DESCRIBED else body).add((s, p, o))
    return body, description


def _same(got: Graph, wanted: Graph) -> None:
    if not isomorphic(got, wanted):
        _, only_got, only_wanted = graph_diff(to_isomorphic(got), to_isomorphic(wanted))
        pytest.fail(f"the inferred graph differs from a whole run's\nonly here ({len(only_got)}):\n"
                    f"{only_got.serialize(format='nt')[:3000]}\nonly in the whole run ({len(only_wanted)}):\n"
                    f"{only_wanted.serialize(format='nt')[:3000]}")


def _whole(tmp_path: Path, name: str, sources: list[Path]) -> Graph:
    kg = KnowledgeGraph.open(tmp_path / name)
    kg.build(sources, before_commit=before_commit("rl"))
    body = _inferred(kg)[0]
    kg.close()
    return body


def test_reasoning_again_keeps_what_holds_and_changes_the_rest(tmp_path: Path) -> None:
    everything = [*seed_sources(), ACME]
    with_acme = _whole(tmp_path, "with-acme", everything)
    without_acme = _whole(tmp_path, "without-acme", list(seed_sources()))
    assert len(with_acme - without_acme) > 0 and len(without_acme - with_acme) == 0

    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.build(everything, before_commit=before_commit("rl"))
    acme = Graph()
    for s, p, o, _ in kg.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": EKG["acme-in-wisconsin"]}):
        acme.add((s, p, o))
    assert len(acme) > 10
    # Nothing changed: every inference is kept, the description is the new run's alone.
    result = kg.reason("rl")
    assert f"{result.facts} still hold and were kept; 0 added, 0 removed." in result.message
    body, description = _inferred(kg)
    _same(body, with_acme)
    assert len(list(description.objects(INFERRED_GRAPH, PROV.generatedAtTime))) == 1
    assert [str(o) for o in description.objects(None, RDFS.comment)] == [result.message]

    # A document dropped without reasoning: its inferences go.
    kg.drop_graph(EKG["acme-in-wisconsin"])
    result = kg.reason("rl")
    assert f"0 added, {len(with_acme - without_acme) // 7} removed." in result.message
    body, _ = _inferred(kg)
    _same(body, without_acme)
    assert len(set(body.subjects(RDF.type, RDF.Statement))) == result.facts

    # Written back without reasoning (the graph as it was): its inferences come back.
    kg.replace_graph(EKG["acme-in-wisconsin"], acme)
    result = kg.reason("rl")
    assert f"{len(with_acme - without_acme) // 7} added, 0 removed." in result.message
    _same(_inferred(kg)[0], with_acme)
    kg.close()


def test_inferences_it_cannot_account_for_are_replaced_whole(tmp_path: Path) -> None:
    """A stored inferred graph stating a fact the run does not read back (here, one about a
    node outside the entities' namespace) is replaced whole, so no stale fact survives."""
    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.build(before_commit=before_commit("rl"))
    body, _ = _inferred(kg)
    odd = Graph()
    odd += body
    statement = URIRef("https://example.org/odd-statement")
    odd.add((URIRef("https://example.org/x"), RDF.type, URIRef("https://example.org/Thing")))
    odd.add((statement, RDF.type, RDF.Statement))
    odd.add((statement, RDF.subject, BNode()))
    description = _inferred(kg)[1]
    kg.replace_graph(INFERRED_GRAPH, odd + description)
    result = kg.reason("rl")
    assert "still hold" not in result.message
    after, _ = _inferred(kg)
    _same(after, body)
    kg.close()
