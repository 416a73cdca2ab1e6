"""OWL reasoning: inferred facts in their own graph, contradictions refused and explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.errors import ReasoningError
from ecokg.graph.reasoner import before_commit
from ecokg.loaders import seed_sources
from ecokg.namespaces import EK, EKR, INFERRED_GRAPH, OWL, RDF
from ecokg.ontology.reasoning import choose_engine, hermit_version, reason

REASONING = Path(__file__).parent.parent / "data" / "reasoning"

GRAPHS_OF = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def graphs_holding(kg: KnowledgeGraph, s: URIRef, p: URIRef, o: URIRef) -> set[URIRef]:
    return {row[0] for row in kg.select(GRAPHS_OF, {"s": s, "p": p, "o": o})}


#: Facts the seed never states but the ontology entails.
INFERRED = [
    (EKR.madison, EK.locatedIn, EKR["united-states"]),           # Madison ⊂ Wisconsin ⊂ USA
    (EKR["gilson.site.madison"], EK.locatedIn, EKR["united-states"]),
    (EKR["united-states"], EK.contains, EKR.madison),             # inverse of the containment
    (EKR.bioforward, EK.partnerOf, EKR["aer-bfc"]),               # both signed the agreement
    (EKR["aer-bfc"], EK.partnerOf, EKR.bioforward),               # partnership is symmetric
    (EKR.gilson, RDF.type, EK.MultinationalOrganization),         # sites in France and the USA
    (EKR.gilson, EK.presentInCountry, EKR.france),
    (EKR["nicolas-paris"], EK.holds, EKR["post.nicolas-paris.gilson.leader"]),  # inverse of heldBy
    (EKR.gilson, EK.hasPost, EKR["post.nicolas-paris.gilson.leader"]),           # inverse of postIn
]


@pytest.mark.parametrize("fact", INFERRED, ids=lambda f: " ".join(str(t).rsplit("/", 1)[-1] for t in f))
def test_inferred_fact_is_in_the_inferred_graph_only(reasoned_kg: KnowledgeGraph, fact: tuple[URIRef, ...]) -> None:
    assert graphs_holding(reasoned_kg, *fact) == {INFERRED_GRAPH}


def test_no_self_partnership_nor_trivial_types(reasoned_kg: KnowledgeGraph) -> None:
    rows = reasoned_kg.select(
        "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": INFERRED_GRAPH}
    )
    facts = {(s, p, o) for s, p, o, _ in rows}
    assert (EKR.bioforward, EK.partnerOf, EKR.bioforward) not in facts
    assert not {f for f in facts if f[1] == RDF.type and f[2] in (OWL.Thing, OWL.NamedIndividual)}
    # Gilson was declared a company: its superclass ek:Organization is not repeated.
    assert (EKR.gilson, RDF.type, EK.Organization) not in facts


def test_inferred_graph_says_how_it_was_made(reasoned_kg: KnowledgeGraph) -> None:
    rows = reasoned_kg.select(
        """SELECT ?name ?version ?when ?g WHERE { GRAPH ?g {
             ?g prov:wasGeneratedBy ?act ; prov:generatedAtTime ?when .
             ?act a prov:Activity ; prov:wasAssociatedWith ?agent .
             ?agent rdfs:label ?name ; schema:softwareVersion ?version } }""",
        {"g": INFERRED_GRAPH},
    )
    assert [(str(n), str(v)) for n, v, _, _ in rows] == [("HermiT", hermit_version())]
    assert hermit_version().startswith("1.3.8")


def test_every_inferred_fact_has_a_statement_so_the_graph_still_conforms(reasoned_kg: KnowledgeGraph) -> None:
    assert reasoned_kg.validate().conforms


#: contradictory file -> words the explanation must contain (entities, sources)
CONTRADICTIONS = {
    "gilson-as-person.yaml": [
        "Gilson (ekr:gilson)", "person (ek:Person)", "organization (ek:Organization)",
        "gilson-as-person.yaml", "An article that mistakes Gilson for a person", "bfc-wisconsin-2024.yaml",
    ],
    "person-with-site.yaml": [
        "Jane Roe (ekr:jane-roe)", "ek:hasSite", "person-with-site.yaml",
        "Jane Roe opens a laboratory in Madison",
    ],
    "city-in-two-countries.yaml": [
        "Dole (ekr:dole)", "France (ekr:france)", "United States (ekr:united-states)",
        "city-in-two-countries.yaml", "gazetteer.yaml", "Wisconsin is a state of the United States.",
    ],
}


def _quads(kg: KnowledgeGraph) -> set[tuple[object, ...]]:
    return set(kg.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))


@pytest.mark.parametrize("engine", ["hermit", "rl"])
@pytest.mark.parametrize("name", sorted(CONTRADICTIONS))
def test_contradiction_refuses_the_build_and_keeps_the_store(seed_store: KnowledgeGraph, name: str, engine: str) -> None:
    before = _quads(seed_store)
    with pytest.raises(ReasoningError) as info:
        seed_store.build([*seed_sources(), REASONING / name], before_commit=before_commit(engine))
    text = "\n".join(info.value.explanation)
    for words in CONTRADICTIONS[name]:
        assert words in text, f"{words!r} not in:\n{text}"
    assert "nothing was changed" in str(info.value)
    assert _quads(seed_store) == before


def test_every_contradiction_file_has_a_case() -> None:
    assert sorted(p.name for p in REASONING.iterdir()) == sorted(CONTRADICTIONS)


def test_cli_build_reason_refuses_and_exits_6(seed_store: KnowledgeGraph) -> None:
    store = Path(seed_store.backend.description)
    before = _quads(seed_store)
    sources = [str(p) for p in seed_sources()] + [str(REASONING / "person-with-site.yaml")]
    result = CliRunner().invoke(app, ["build", "--reason", "--store", str(store), *sources])
    assert result.exit_code == 6, result.output
    assert "Jane Roe" in result.output
    seed_store.refresh()
    assert _quads(seed_store) == before


def test_cli_reason_writes_the_inferred_graph(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(app, ["build", "--store", store]).exit_code == 0
    result = runner.invoke(app, ["reason", "--store", store, "--engine", "hermit"])
    assert result.exit_code == 0, result.output
    assert "Consistent" in result.output and "HermiT" in result.output
    with KnowledgeGraph.open(store) as kg:
        assert graphs_holding(kg, EKR.madison, EK.locatedIn, EKR["united-states"]) == {INFERRED_GRAPH}
    # The query command and API include inferences unless told to leave them out.
    where = ["query", "--store", store, "-F", "csv", "-e", "SELECT ?c WHERE { ekr:madison ek:locatedIn ?c }"]
    with_inferred = runner.invoke(app, where)
    without = runner.invoke(app, [*where, "--no-inferred"])
    assert with_inferred.exit_code == 0 and without.exit_code == 0, with_inferred.output + without.output
    assert "united-states" in with_inferred.output and "wisconsin" in with_inferred.output
    assert "united-states" not in without.output and "wisconsin" in without.output


def test_api_can_leave_inferences_out(reasoned_kg: KnowledgeGraph) -> None:
    text = "SELECT ?o WHERE { ?o a ek:MultinationalOrganization }"
    assert [str(r[0]) for r in reasoned_kg.sparql(text).rows] == [str(EKR.gilson)]
    assert list(reasoned_kg.sparql(text, include_inferred=False).rows) == []


def test_owl_rl_fallback_infers_containment_and_partners(seed_kg: KnowledgeGraph) -> None:
    result = reason(seed_kg.data_graph(), "auto", bound=10)
    assert result.engine == "rl"
    assert "OWL 2 RL" in result.message and "exceed" in result.message
    assert (EKR.madison, EK.locatedIn, EKR["united-states"]) in result.inferred
    assert (EKR["aer-bfc"], EK.partnerOf, EKR.bioforward) in result.inferred
    assert (EKR.bioforward, EK.partnerOf, EKR.bioforward) not in result.inferred


@pytest.mark.parametrize("engine", ["owlrl", "rl"])
def test_owl_rl_also_refuses_disjoint_types(seed_kg: KnowledgeGraph, engine: str) -> None:
    data = seed_kg.data_graph()
    data.add((EKR.gilson, RDF.type, EK.Person))
    with pytest.raises(ReasoningError) as info:
        reason(data, engine)
    assert "Gilson (ekr:gilson)" in "\n".join(info.value.explanation)


def test_engine_choice_follows_the_bound() -> None:
    assert choose_engine("auto", 10, 100)[0] == "hermit"
    assert choose_engine("auto", 1000, 100)[0] == "rl"
    assert choose_engine("owlrl", 10, 100)[0] == "owlrl"
    with pytest.raises(ReasoningError):
        choose_engine("pellet", 10)


def test_literal_dates_do_not_stop_hermit(seed_kg: KnowledgeGraph) -> None:
    # xsd:date is outside OWL 2's datatype map; HermiT must still accept the seed's dates.
    data = seed_kg.data_graph()
    assert any(isinstance(o, Literal) and o.datatype is not None for o in data.objects(None, EK.startDate))
    assert reason(data, "hermit").engine == "hermit"


def test_site_typed_by_range_in_two_countries_is_explained(seed_kg: KnowledgeGraph) -> None:
    # The site is never declared a Site: ek:hasSite's range makes it one, and a site is in
    # at most one country.
    data = seed_kg.data_graph()
    site = EKR["gilson.site.twin"]
    data.add((EKR.gilson, EK.hasSite, site))
    data.add((site, EK.locatedIn, EKR.france))
    data.add((site, EK.locatedIn, EKR.wisconsin))
    with pytest.raises(ReasoningError) as info:
        reason(data, "hermit")
    text = "\n".join(info.value.explanation)
    assert "ekr:gilson.site.twin" in text and "France (ekr:france)" in text
    assert "Wisconsin is a state of the United States." in text  # the gazetteer's sentence
