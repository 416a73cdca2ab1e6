"""ecokg's OWL 2 RL rule engine: the same closure as owlrl, on the seed, the reasoning
fixtures and an ontology using every kind of axiom the rules read; the same inferred graph
whichever way the facts come in (rdflib graph, stored, staged)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.errors import ReasoningError
from ecokg.graph.reasoner import before_commit, entity_facts, reason_store, staged_data
from ecokg.graph.staging import stage
from ecokg.loaders import LoadContext, seed_sources
from ecokg.namespaces import EK, EKR, INFERRED_GRAPH, OWL, PROV, RDF, RDFS
from ecokg.ontology import ontology_graph
from ecokg.ontology.reasoning import RL_NAME, choose_engine, reason
from ecokg.ontology.reasoning.engine import new_facts, run_rules
from ecokg.ontology.reasoning.facts import reasoner_input
from ecokg.ontology.reasoning.rl import run_owlrl
from ecokg.ontology.reasoning.rules import compile_rules, ontology_rules
from ecokg.terms import from_ox, to_ox

REASONING = Path(__file__).parent.parent / "data" / "reasoning"
QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _ox(graph: Graph) -> set[tuple[object, object, object]]:
    return {(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph}


def _rules_closure(facts: Graph, *, swrl: bool) -> tuple[set[tuple[object, ...]], list[tuple[object, ...]]]:
    """The rule engine on ``facts`` as the product runs it, its SWRL rules on or off."""
    distinct = {to_ox(c) for c in facts.subjects(RDF.type, EK.Country)}
    closure = run_rules(_ox(facts), ontology_rules(swrl), distinct, _ox(ontology_graph()))
    found = {(from_ox(s), from_ox(p), from_ox(o)) for s, p, o in new_facts(closure)}
    return found, list(closure.clashes)


def _seed_with(extra: list[Path]) -> Graph:
    return staged_data(stage([*seed_sources(), *extra], LoadContext()))


CASES = ["seed", *sorted(p.name for p in REASONING.iterdir())]


@pytest.mark.parametrize("case", CASES)
def test_rules_agree_with_owlrl(case: str) -> None:
    """Without the ontology's SWRL rules (owlrl has none), the same facts and the same verdict."""
    data = _seed_with([] if case == "seed" else [REASONING / case])
    facts = reasoner_input(data)
    theirs, errors = run_owlrl(facts)
    ours, clashes = _rules_closure(facts, swrl=False)
    assert bool(errors) == bool(clashes), (errors, clashes)
    if not errors:
        assert ours == theirs
        assert len(ours) > 50  # containment, inverses, partners: not an empty agreement


def test_swrl_rules_add_what_hermit_finds(reasoned_kg: KnowledgeGraph, seed_kg: KnowledgeGraph) -> None:
    """With the SWRL rules, the facts are HermiT's but for the class that counts."""
    ours, clashes = _rules_closure(reasoner_input(seed_kg.data_graph()), swrl=True)
    assert not clashes
    hermit = {(s, p, o) for s, p, o, _ in reasoned_kg.select(QUADS, {"g": INFERRED_GRAPH})
              if str(s).startswith(str(EKR)) and (p == RDF.type or str(p).startswith(str(EK)))}
    assert (EKR.gilson, EK.presentInCountry, EKR.france) in ours
    assert (EKR.madison, EK.inCountry, EKR["united-states"]) in ours
    assert ours <= hermit
    assert {(s, p, o) for s, p, o in hermit - ours} == {(EKR.gilson, RDF.type, EK.MultinationalOrganization)}


def test_city_in_two_countries_is_refused_as_hermit_does(seed_store: KnowledgeGraph) -> None:
    before = set(seed_store.select(QUADS))
    with pytest.raises(ReasoningError) as info:
        seed_store.build([*seed_sources(), REASONING / "city-in-two-countries.yaml"], before_commit=before_commit("rl"))
    text = "\n".join(info.value.explanation)
    assert "Dole (ekr:dole)" in text and "Wisconsin is a state of the United States." in text
    assert "OWL 2 RL rules" in str(info.value) and "nothing was changed" in str(info.value)
    assert set(seed_store.select(QUADS)) == before


# --- an ontology with every kind of axiom the rules read ---------------------------------

T = {name: EK[f"test{name}"] for name in (
    "A", "B", "C", "D", "E", "AV", "HV", "SV", "I", "U", "p", "q", "pInv", "t", "eqt", "s", "chain",
)}


def _list(graph: Graph, items: list[URIRef]) -> BNode:
    head = BNode()
    Collection(graph, head, list(items))
    return head


def _restriction(graph: Graph, prop: URIRef, kind: URIRef, value: object) -> BNode:
    node = BNode()
    graph.add((node, RDF.type, OWL.Restriction))
    graph.add((node, OWL.onProperty, prop))
    graph.add((node, kind, value))  # type: ignore[arg-type]
    return node


def _test_ontology() -> Graph:
    g = Graph()
    g.add((T["A"], RDFS.subClassOf, T["B"]))
    g.add((T["B"], OWL.equivalentClass, T["C"]))
    g.add((T["p"], RDFS.subPropertyOf, T["q"]))
    g.add((T["p"], OWL.inverseOf, T["pInv"]))
    g.add((T["p"], RDFS.domain, T["A"]))
    g.add((T["p"], RDFS.range, T["D"]))
    g.add((T["t"], RDF.type, OWL.TransitiveProperty))
    g.add((T["t"], OWL.equivalentProperty, T["eqt"]))
    g.add((T["s"], RDF.type, OWL.SymmetricProperty))
    g.add((T["chain"], OWL.propertyChainAxiom, _list(g, [T["p"], T["t"]])))
    g.add((T["HV"], OWL.equivalentClass, _restriction(g, T["q"], OWL.hasValue, EKR["test-v"])))
    g.add((T["SV"], OWL.equivalentClass, _restriction(g, T["t"], OWL.someValuesFrom, T["D"])))
    g.add((T["AV"], RDFS.subClassOf, _restriction(g, T["s"], OWL.allValuesFrom, T["E"])))
    intersection = BNode()
    g.add((intersection, OWL.intersectionOf, _list(g, [T["A"], T["E"]])))
    g.add((T["I"], OWL.equivalentClass, intersection))
    union = BNode()
    g.add((union, OWL.unionOf, _list(g, [T["D"], T["E"]])))
    g.add((union, RDFS.subClassOf, T["U"]))
    return g


def _individual(name: str) -> URIRef:
    return EKR[f"test-{name}"]


def _test_data() -> Graph:
    a, b, c, d, v, x, y = (_individual(n) for n in "abcdvxy")
    g = Graph()
    g.add((a, T["p"], b))
    g.add((b, T["t"], c))
    g.add((c, T["eqt"], d))
    g.add((d, RDF.type, T["D"]))
    g.add((a, T["q"], v))
    g.add((x, RDF.type, T["AV"]))
    g.add((x, T["s"], y))
    g.add((y, RDF.type, T["A"]))
    g.add((a, EK.testName, Literal("a literal stays as it is")))
    return g


def _individual_facts(graph: Graph, individuals: set[URIRef]) -> set[tuple[object, ...]]:
    """What a closure says about the named individuals, without OWL's trivia."""
    return {
        (s, p, o) for s, p, o in graph
        if s in individuals and isinstance(o, URIRef | Literal) and p != OWL.sameAs
        and o not in (OWL.Thing, OWL.NamedIndividual) and not (p == RDF.type and isinstance(o, BNode))
    }


def test_every_kind_of_axiom_gives_owlrls_closure() -> None:
    import owlrl

    ontology, data = _test_ontology(), _test_data()
    individuals = {s for s in data.subjects() if isinstance(s, URIRef)} | {o for o in data.objects() if isinstance(o, URIRef) and str(o).startswith(str(EKR))}
    reference = Graph()
    reference += ontology
    reference += data
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(reference)
    rules = compile_rules(ontology)
    closure = run_rules(_ox(data), rules, set(), _ox(ontology))
    ours = Graph()
    for s, p, o in closure.triples():
        ours.add((from_ox(s), from_ox(p), from_ox(o)))
    expected = _individual_facts(reference, individuals)
    assert _individual_facts(ours, individuals) == expected
    a, b, d = (_individual(n) for n in "abd")
    # One of each: chain, transitivity through an equivalent property, hasValue,
    # someValuesFrom, allValuesFrom through symmetry, intersection, union.
    for fact in [(a, T["chain"], d), (b, T["t"], d), (a, RDF.type, T["HV"]), (b, RDF.type, T["SV"]),
                 (_individual("y"), RDF.type, T["I"]), (d, RDF.type, T["U"]), (b, T["pInv"], a)]:
        assert fact in expected, fact


@pytest.mark.parametrize("axiom", ["irreflexive", "asymmetric", "disjoint", "disjoint-properties", "functional"])
def test_contradictions_are_found_as_owlrl_finds_them(axiom: str) -> None:
    ontology, data = Graph(), Graph()
    a, b, c = (_individual(n) for n in "abc")
    p, q = T["p"], T["q"]
    distinct: set[object] = set()
    if axiom == "irreflexive":
        ontology.add((p, RDF.type, OWL.IrreflexiveProperty))
        data.add((a, p, a))
    elif axiom == "asymmetric":
        ontology.add((p, RDF.type, OWL.AsymmetricProperty))
        data.add((a, p, b))
        data.add((b, p, a))
    elif axiom == "disjoint":
        ontology.add((T["A"], OWL.disjointWith, T["B"]))
        ontology.add((p, RDFS.domain, T["B"]))
        data.add((a, RDF.type, T["A"]))
        data.add((a, p, b))
    elif axiom == "disjoint-properties":
        ontology.add((p, OWL.propertyDisjointWith, q))
        data.add((a, p, b))
        data.add((a, q, b))
    else:
        ontology.add((p, RDF.type, OWL.FunctionalProperty))
        data.add((a, p, b))
        data.add((a, p, c))
        ontology.add((b, OWL.differentFrom, c))
        distinct = {to_ox(b), to_ox(c)}
    _, errors = run_owlrl_on(ontology, data)
    closure = run_rules(_ox(data), compile_rules(ontology), distinct, _ox(ontology))
    assert errors and closure.clashes
    clean = Graph()
    clean.add((a, p, b))
    _, errors = run_owlrl_on(ontology, clean)
    assert not run_rules(_ox(clean), compile_rules(ontology), distinct, _ox(ontology)).clashes
    assert not errors


def run_owlrl_on(ontology: Graph, data: Graph) -> tuple[Graph, list[str]]:
    import owlrl
    from owlrl.Namespaces import ERRNS

    graph = Graph()
    graph += ontology
    graph += data
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph, [str(graph.value(n, ERRNS.error)) for n in graph.subjects(RDF.type, ERRNS.ErrorMessage)]


# --- the same inferred graph whichever way the facts come ---------------------------------


def _without_times(triples: set[tuple[object, ...]]) -> set[tuple[object, ...]]:
    timed = {PROV.generatedAtTime, PROV.startedAtTime, PROV.endedAtTime}
    return {t for t in triples if t[1] not in timed}


def test_stored_staged_and_rdflib_paths_write_the_same_graph(seed_kg: KnowledgeGraph, tmp_path: Path) -> None:
    from_graph = reason(seed_kg.data_graph(), "rl")
    assert from_graph.engine == "rl" and from_graph.facts == len(from_graph.inferred) > 50
    stored = KnowledgeGraph.open(tmp_path / "stored")
    stored.build()
    assert entity_facts(stored.backend.oxigraph()) == _ox(reasoner_input(stored.data_graph()))
    result = reason_store(stored.backend, "rl")
    staged = KnowledgeGraph.open(tmp_path / "staged")
    staged.build(before_commit=before_commit("rl"))
    graphs = [
        {(s, p, o) for s, p, o, _ in kg.select(QUADS, {"g": INFERRED_GRAPH})} for kg in (stored, staged)
    ]
    assert _without_times(graphs[0]) == _without_times(graphs[1]) == _without_times(set(from_graph.graph))
    assert (EKR.bioforward, EK.partnerOf, EKR["aer-bfc"]) in graphs[0]
    agent = {str(o) for s, p, o in graphs[0] if p == RDFS.label and str(s).endswith("#reasoner")}
    assert agent == {RL_NAME}
    assert result.checks and "cax-dw" in result.checks
    assert stored.validate().conforms and staged.validate().conforms  # a statement per fact
    stored.close()
    staged.close()


def test_auto_picks_the_rules_above_hermits_bound() -> None:
    engine, message = choose_engine("auto", 5000, 1000)
    assert engine == "rl"
    assert "exceed" in message and "cax-dw" in message and "minQualifiedCardinality" in message


def test_cli_reason_says_which_checks_ran(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(app, ["build", "--store", store]).exit_code == 0
    result = runner.invoke(app, ["reason", "--store", store, "--engine", "rl"])
    assert result.exit_code == 0, result.output
    assert "contradiction checks run: cax-dw" in " ".join(result.output.split())
    with KnowledgeGraph.open(store) as kg:
        rows = kg.select("SELECT ?c WHERE { ekr:madison ek:locatedIn ?c }")
        assert (EKR["united-states"],) in {tuple(r) for r in rows}


def test_a_stored_contradiction_is_explained_from_the_store(tmp_path: Path) -> None:
    """``ecokg reason`` reads only the clashing entities' sources, and names them all."""
    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.build([*seed_sources(), REASONING / "city-in-two-countries.yaml"])
    before = set(kg.select(QUADS))
    with pytest.raises(ReasoningError) as info:
        reason_store(kg.backend, "rl")
    text = "\n".join(info.value.explanation)
    for words in CONTRADICTION_WORDS:
        assert words in text, f"{words!r} not in:\n{text}"
    assert set(kg.select(QUADS)) == before
    kg.close()


#: What the HermiT test (test_reasoning.CONTRADICTIONS) requires of this explanation.
CONTRADICTION_WORDS = [
    "Dole (ekr:dole)", "France (ekr:france)", "United States (ekr:united-states)",
    "city-in-two-countries.yaml", "gazetteer.yaml", "Wisconsin is a state of the United States.",
]


def test_cli_build_reason_says_which_engine_and_checks(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", "--reason", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "HermiT (OWL 2 DL) on" in text and "inferred fact(s) in the `inferred` graph (hermit" in text


def test_rules_agree_with_owlrl_on_a_generated_ecosystem(tmp_path: Path) -> None:
    """The benchmark's synthetic graph (regions, companies and sites, posts, agreements,
    missions): the same facts as owlrl, read from a store as ``ecokg reason`` reads them."""
    import io
    import sys

    import pyoxigraph as ox

    # The repository's bench package is not installed with ecokg (as tests/bench/conftest.py).
    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:
        sys.path.insert(0, root)
    from bench.generate import generate

    text = io.StringIO()
    generate(8000, text)
    store = ox.Store()
    store.load(text.getvalue().encode(), format=ox.RdfFormat.N_QUADS)
    given = entity_facts(store)
    facts = Graph()
    for s, p, o in given:
        facts.add((from_ox(s), from_ox(p), from_ox(o)))
    theirs, errors = run_owlrl(facts)
    ours, clashes = _rules_closure(facts, swrl=False)
    assert not errors and not clashes
    assert len(ours) > 500 and ours == theirs
