"""Network analysis of the seed graph (ecokg.network.analysis) and its commands."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.errors import QueryError
from ecokg.namespaces import EKR
from ecokg.network import analysis

PARIS = str(EKR["nicolas-paris"])
DUFAY = str(EKR["marie-guite-dufay"])
WEDC = str(EKR["wedc"])
AER = str(EKR["aer-bfc"])
REGION = str(EKR["region-bfc"])
BIOFORWARD = str(EKR["bioforward"])

# No source says who of the delegation met WEDC: the path goes through the mission, whose
# programme includes the meetings (issue 16).
DUFAY_TO_WEDC = (
    "Marie-Guite Dufay —president of→ Bourgogne-Franche-Comté Region "
    "←organizer— Bourgogne-Franche-Comté official delegation mission to the United States "
    "—programme: Meetings with the Wisconsin Economic Development Corporation (WEDC) (planned)→ "
    "Wisconsin Economic Development Corporation"
)


@pytest.fixture(scope="module")
def G(seed_kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return seed_kg.to_networkx()


@pytest.fixture(scope="module")
def actors(G: nx.MultiDiGraph) -> nx.Graph:
    return analysis.actor_graph(G)


def test_actor_graph_keeps_people_and_organisations(actors: nx.Graph) -> None:
    assert {c for _, c in actors.nodes(data="category")} == {"person", "organization"}
    assert not actors.is_directed() and not actors.is_multigraph()
    assert actors[PARIS][BIOFORWARD]["weight"] == 1
    # Stated links only: nobody is said to have met WEDC (the mission did, and it is no actor).
    assert actors.degree(WEDC) == 0


def test_co_participation_adds_the_delegation_and_says_so(seed_kg: KnowledgeGraph) -> None:
    from ecokg.network.projection import project

    together = analysis.actor_graph(project(seed_kg.backend, co_participation=True))
    soret = str(EKR["nicolas-soret"])
    assert together.has_edge(PARIS, soret) and not together.has_edge(PARIS, WEDC)
    by = {r.measure: r for r in analysis.analyze(together, ["degree", "betweenness", "broker"])}
    for measure in ("degree", "betweenness", "broker"):
        assert by[measure].top(1)[0][0] == PARIS, measure


def test_every_measure_scores_every_actor(actors: nx.Graph) -> None:
    results = analysis.analyze(actors)
    assert [r.measure for r in results] == list(analysis.MEASURES)
    for result in results:
        missing = set(actors) - set(result.values)
        # Constraint is undefined for isolated actors (the Madison–Milwaukee collaboration).
        assert missing <= {n for n in actors if actors.degree(n) == 0}, result.measure
    by = {r.measure: r for r in results}
    # The stated ties: the agency (its director, its agreement, its Région), the Région and
    # Nicolas Paris (two posts, a solicitation) lead.
    for measure in ("degree", "betweenness", "closeness", "pagerank", "eigenvector", "broker"):
        assert by[measure].top(1)[0][0] in {AER, REGION}, measure
    assert PARIS in {n for n, _ in by["degree"].top(3)}


def test_pagerank_matches_networkx(actors: nx.Graph) -> None:
    ours = analysis.pagerank(actors).values
    reference = _pagerank_python(actors, weight="weight")
    assert sum(ours.values()) == pytest.approx(1.0)
    for node, value in reference.items():
        assert ours[node] == pytest.approx(value, abs=1e-5)  # both iterate to a tolerance


def test_sampled_betweenness_says_so(actors: nx.Graph) -> None:
    exact = analysis.betweenness(actors)
    assert exact.message is None and exact.parameters["k"] is None
    sampled = analysis.betweenness(actors, k=4)
    assert sampled.message is not None and "sampled, k=4" in sampled.message
    assert sampled.parameters == {"k": 4, "seed": analysis.SEED, "normalized": True}
    assert analysis.betweenness(actors, k=4).values == sampled.values  # the seed makes it repeat


def test_communities_repeat_across_runs(seed_kg: KnowledgeGraph) -> None:
    runs = [analysis.communities(analysis.actor_graph(seed_kg.to_networkx())) for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]
    members = [n for c in runs[0] for n in c]
    assert sorted(members) == sorted(analysis.actor_graph(seed_kg.to_networkx()))
    assert len(runs[0]) >= 2
    values = analysis.community(analysis.actor_graph(seed_kg.to_networkx())).values
    assert {values[n] for n in runs[0][0]} == {0.0}


def test_the_region_is_the_top_broker_of_stated_ties(actors: nx.Graph) -> None:
    top = analysis.brokers(actors, top=3)
    assert top[0].node == REGION and top[0].label == "Bourgogne-Franche-Comté Region"
    assert [b.node for b in top[1:]] == [AER, PARIS]
    assert top[0].score > top[1].score
    assert top[0].constraint is not None and top[0].constraint < top[1].constraint  # type: ignore[operator]


def test_nicolas_paris_bridges_bfc_and_wisconsin(seed_kg: KnowledgeGraph, G: nx.MultiDiGraph, actors: nx.Graph) -> None:
    first = analysis.territory_name(seed_kg.backend, G, "BFC")
    assert first == "Bourgogne-Franche-Comté"
    report = analysis.territory_brokers(actors, first, "wisconsin")
    assert report.territories == ("Bourgogne-Franche-Comté", "Wisconsin")
    assert PARIS in report.first and PARIS in report.second
    assert REGION in report.first and BIOFORWARD in report.second
    assert WEDC not in report.second and report.unlinked == 2  # no stated tie to another actor
    assert report.brokers[0].node == PARIS
    assert report.brokers[0].share > report.brokers[1].share
    assert 0 < report.connected <= report.pairs
    assert report.paths and all(p[0] in report.first and p[-1] in report.second for p in report.paths)
    # Stated ties only: Nicolas Paris, the agency and the Région each alone cut some pairs apart.
    assert {b.node for b in report.cut_nodes} == {PARIS, AER, REGION}
    assert "alone would disconnect some of them" in analysis.bridge_summary(report)


def test_a_cut_node_is_reported() -> None:
    H = nx.Graph()
    for node, territory in (("a", "North"), ("b", "North"), ("m", None), ("c", "South")):
        H.add_node(node, label=node.upper(), territories=[territory] if territory else [], territory=territory)
    H.add_edges_from([("a", "b"), ("b", "m"), ("m", "c")])
    report = analysis.territory_brokers(H, "North", "South")
    assert [(b.node, b.cut) for b in report.brokers] == [("m", 1.0), ("b", 0.5)]
    assert report.brokers[0].share == pytest.approx(1.0)


def test_unknown_territory_lists_the_known_ones(actors: nx.Graph) -> None:
    with pytest.raises(QueryError, match="Wisconsin"):
        analysis.territory_brokers(actors, "Texas", "Wisconsin")


def test_path_from_dufay_to_wedc(G: nx.MultiDiGraph) -> None:
    path = analysis.shortest_path(G, DUFAY, WEDC)
    assert path.nodes == [DUFAY, REGION, str(EKR["mission-bfc-usa-2024"]), WEDC]
    assert path.sentence == DUFAY_TO_WEDC
    assert [s.predicate for s in path.steps] == ["ek:Post", "ek:organizer", "ek:Meeting"]
    assert all(step.sources for step in path.steps)


def test_k_shortest_paths_read_edges_both_ways(G: nx.MultiDiGraph) -> None:
    paths = analysis.k_shortest_paths(G, DUFAY, WEDC, 4)
    assert len(paths) == 4
    assert paths[0].sentence == DUFAY_TO_WEDC
    lengths = [len(p.nodes) for p in paths]
    assert lengths == sorted(lengths) == [4, 4, 5, 5]
    # Two shortest: through the Région that organised the mission, through Nicolas Paris who led it.
    assert "Nicolas Paris ←led by—" in paths[1].sentence
    assert any("←" in p.sentence for p in paths)  # some step follows a fact backwards
    with pytest.raises(QueryError):
        analysis.k_shortest_paths(G, DUFAY, str(EKR["post.nicolas-paris.bioforward.president"]), 1)


def test_suggested_introductions_have_reasons(actors: nx.Graph) -> None:
    found = analysis.suggest_introductions(actors, top=5)
    assert found
    for s in found:
        assert actors.nodes[s.first]["category"] == actors.nodes[s.second]["category"] == "organization"
        assert not actors.has_edge(s.first, s.second)
        assert s.common == len(s.shared) > 0
        assert s.reason.startswith("both are tied to ")
        assert all(name in s.reason for name in s.shared)
    assert "Nicolas Paris" in found[0].shared
    # Different reasons: each names how the two are tied to the shared neighbours.
    assert len({s.reason for s in found}) == len(found)
    assert found[0].reason == "both are tied to Nicolas Paris (president of BioForward; leader of Gilson)"
    for_bioforward = analysis.suggest_introductions(actors, for_node=BIOFORWARD, top=20)
    assert for_bioforward and all(s.first == BIOFORWARD for s in for_bioforward)
    assert REGION in {s.second for s in for_bioforward}
    assert len({s.reason for s in for_bioforward}) == len(for_bioforward)
    # The scores of the first tie with the second's: the reason says what ranked it first.
    assert "ranked first as the two are in different territories" in for_bioforward[0].reason
    # WEDC has no stated tie to any actor: nothing to suggest from.
    assert analysis.suggest_introductions(actors, for_node=WEDC) == []


def test_suggest_never_proposes_an_agency_to_its_authority(actors: nx.Graph) -> None:
    H = actors.copy()
    # Without the agency tie, the Région and its agency would share Martine Abrahamse-Pleux.
    H.add_edge(REGION, str(EKR["martine-abrahamse-pleux"]), weight=1, links=[])
    assert H.has_edge(AER, REGION)
    H.remove_edge(AER, REGION)
    H.add_edge(AER, str(EKR["bourgogne-franche-comte"]), weight=1, links=[])
    cluster = "https://w3id.org/ecokg/id/cluster-x"
    H.add_node(cluster, label="Cluster X", category="organization", territories=[])
    H.add_edge(AER, cluster, weight=1, links=[(AER, "ek:memberOf", "member of")])
    H.add_edge(REGION, cluster, weight=1, links=[(cluster, "ek:agencyOf", "agency of")])
    pairs = {frozenset((s.first, s.second)) for s in analysis.suggest_introductions(H, top=50)}
    assert frozenset((AER, REGION)) not in pairs  # one family: the agency, the cluster, the Région


def test_scores_go_to_the_analysis_graph_with_provenance() -> None:
    kg = KnowledgeGraph.open(memory=True)
    kg.build()
    actors = analysis.actor_graph(kg.to_networkx())
    triples = analysis.write_scores(kg.backend, analysis.analyze(actors, ["betweenness", "community"]))
    assert triples > 0
    rows = kg.select(
        """SELECT ?e ?value ?params ?when WHERE {
             GRAPH ekgs:analysis { ?s a ek:Score ; ek:about ?e ; ek:measure ek:BetweennessCentrality ;
                          ek:value ?value ; ek:rank 1 ; prov:wasGeneratedBy ?run .
                        ?run a prov:Activity ; ek:measure ek:BetweennessCentrality ;
                          ek:parameters ?params ; prov:endedAtTime ?when } }"""
    )
    assert len(rows) == 1
    entity, value, params, when = rows[0]
    assert str(entity) in {AER, REGION}  # tied first on betweenness
    assert float(value) == pytest.approx(analysis.betweenness(actors).values[str(entity)])
    assert json.loads(str(params))["normalized"] is True
    assert when.datatype is not None
    # Writing again replaces the graph rather than adding to it.
    analysis.write_scores(kg.backend, analysis.analyze(actors, ["degree"]))
    assert not kg.select("SELECT ?s WHERE { ?s ek:measure ek:BetweennessCentrality }")
    assert kg.select("SELECT ?s WHERE { GRAPH ?g { ?s ek:measure ek:DegreeCentrality } }") == [
        (s,) for (s,) in kg.select("SELECT ?s WHERE { GRAPH ekgs:analysis { ?s ek:measure ek:DegreeCentrality } }")
    ]
    kg.close()


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_read_back(seed_kg: KnowledgeGraph, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"ecokg.{fmt}"
    written = analysis.export_network(seed_kg.backend, target, fmt)
    if fmt == "graphml":
        back = nx.read_graphml(target, force_multigraph=True)
    else:
        back = nx.read_gexf(target)
    assert set(back) == set(written)
    assert sorted((u, v) for u, v in back.edges()) == sorted((u, v) for u, v in written.edges())
    for node, data in written.nodes(data=True):
        assert back.nodes[node] == data, node
    assert back.nodes[PARIS]["label"] == "Nicolas Paris"
    assert back.nodes[PARIS]["kind"] == "Person"
    assert back.nodes[PARIS]["betweenness"] > 0
    assert isinstance(back.nodes[PARIS]["community"], int)
    written_edges = sorted((u, v, d["predicate"], d["label"]) for u, v, d in written.edges(data=True))
    back_edges = sorted((u, v, d["predicate"], d["label"]) for u, v, d in back.edges(data=True))
    assert back_edges == written_edges
    for _, _, data in back.edges(data=True):
        assert {k: v for k, v in data.items() if k != "id"}.keys() >= {"predicate", "label", "sources"}


# --- the commands -------------------------------------------------------------------

runner = CliRunner()


def test_cli_path_brokers_and_suggest() -> None:
    result = runner.invoke(app, ["path", "--memory", "Marie-Guite Dufay", "WEDC", "-F", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["sentence"] == DUFAY_TO_WEDC
    result = runner.invoke(app, ["brokers", "--memory", "--between", "BFC", "Wisconsin", "-F", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["entity"] == "Nicolas Paris"
    result = runner.invoke(app, ["suggest", "--memory", "--for", "BioForward", "-n", "2", "-F", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("rank,introduce,to") and len(lines) == 3
    assert "both are tied to" in lines[1]


def test_cli_analyze_writes_scores(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert runner.invoke(app, ["build", "--store", str(store)]).exit_code == 0
    result = runner.invoke(app, ["analyze", "--store", str(store), "-m", "pagerank,degree", "-n", "3", "--write", "-F", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "rank,entity,kind,territory,pagerank,degree,iri"
    assert lines[1].startswith("1,Bourgogne-Franche-Comté Regional Economic Agency,EconomicDevelopmentAgency,")
    with KnowledgeGraph.open(store) as kg:
        rows = kg.select("SELECT (COUNT(?s) AS ?n) WHERE { ?s ek:measure ek:PageRank ; ek:about ?e }")
        assert int(rows[0][0]) == analysis.actor_graph(kg.to_networkx()).number_of_nodes()
    bad = runner.invoke(app, ["analyze", "--store", str(store), "-m", "fame"])
    assert bad.exit_code == QueryError.exit_code and "unknown measure" in bad.output


def test_cli_exports_gephi_formats(tmp_path: Path) -> None:
    target = tmp_path / "net.gexf"
    result = runner.invoke(app, ["export", "--memory", "-F", "gexf", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert PARIS in nx.read_gexf(target)


def test_constraint_matches_networkx(actors: nx.Graph) -> None:
    ours = analysis.constraint(actors).values
    reference = nx.constraint(actors, weight="weight")
    assert set(ours) == {n for n, v in reference.items() if v == v}  # NaN (isolated) left out
    for node, value in ours.items():
        assert value == pytest.approx(reference[node])


def test_large_graphs_sample_betweenness_and_say_so() -> None:
    H = nx.barabasi_albert_graph(300, 2, seed=1)
    assert analysis.betweenness(H).message is None  # small enough to be exact
    # The work budget (nodes × (nodes + edges)) decides; a small one stands in for a big graph.
    result = analysis.betweenness(H, budget=30_000)
    assert result.parameters["k"] == 30_000 // (300 + H.number_of_edges())
    assert result.message == f"betweenness sampled, k={result.parameters['k']} sources of 300 nodes (seed 42): an estimate"
    assert result.values == analysis.betweenness(H, budget=30_000).values


def test_paths_between_names_and_relationships(seed_kg: KnowledgeGraph) -> None:
    (path,) = analysis.paths_between(seed_kg.backend, "Marie-Guite DUFAY", "ekr:wedc")
    assert path.sentence == DUFAY_TO_WEDC
    # The mission is a node: its programme reaches WEDC in one step.
    (via_mission,) = analysis.paths_between(seed_kg.backend, "mission-bfc-usa-2024", "WEDC")
    assert via_mission.nodes == [str(EKR["mission-bfc-usa-2024"]), WEDC]
    assert [s["quote"][:25] for s in via_mission.steps[0].sources] == ["Le programme de la missio"]
    # An end that is a relationship (a meeting) is reached in the uncollapsed graph.
    (via_meeting,) = analysis.paths_between(seed_kg.backend, "meeting-wedc", "WEDC")
    assert via_meeting.nodes == [str(EKR["meeting-wedc"]), WEDC]


def test_demo_tour_prints_brokers_and_introductions(seed_kg: KnowledgeGraph) -> None:
    from io import StringIO

    from rich.console import Console

    from ecokg.cli.demo import print_network_tour

    buffer = StringIO()
    print_network_tour(seed_kg, Console(file=buffer, width=250))
    text = buffer.getvalue()
    assert "Top brokers" in text and "Suggested introductions" in text
    brokers_table = text.split("Top brokers")[1]
    first_row = next(line for line in brokers_table.splitlines() if "│" in line)
    assert "Bourgogne-Franche-Comté Region" in first_row
    assert "both are tied to" in text
    assert DUFAY_TO_WEDC in text


# --- the faster engine (igraph) gives NetworkX's results ---------------------------------


def small_graphs() -> list[nx.Graph]:
    """Scale-free, social, in two pieces, with isolated nodes; weighted; string nodes like ours."""
    graphs = [
        nx.barabasi_albert_graph(300, 2, seed=1),
        nx.karate_club_graph(),
        nx.disjoint_union(nx.barabasi_albert_graph(60, 2, seed=2), nx.path_graph(5)),
        nx.disjoint_union(nx.cycle_graph(7), nx.empty_graph(2)),
    ]
    out = []
    for graph in graphs:
        H = nx.Graph()
        H.add_nodes_from(f"n{v:03d}" for v in graph)
        H.add_edges_from((f"n{u:03d}", f"n{v:03d}", {"weight": 1 + (u + v) % 3}) for u, v in graph.edges())
        out.append(H)
    return out


@pytest.mark.parametrize("H", small_graphs(), ids=["scale-free", "karate", "two-pieces", "isolated"])
def test_measures_equal_networkx(H: nx.Graph) -> None:
    exact = analysis.betweenness(H)
    assert exact.message is None
    assert exact.values == pytest.approx(nx.betweenness_centrality(H), abs=1e-12)
    if len(H) > 20:  # the same sampled sources as NetworkX, so the same estimate
        sampled = analysis.betweenness(H, k=20)
        assert sampled.values == pytest.approx(nx.betweenness_centrality(H, k=20, seed=analysis.SEED), abs=1e-12)
    assert analysis.closeness(H).values == pytest.approx(nx.closeness_centrality(H, wf_improved=True), abs=1e-12)
    reference = nx.constraint(H, weight="weight")
    assert analysis.constraint(H).values == pytest.approx({n: v for n, v in reference.items() if v == v}, abs=1e-12)
    assert analysis.pagerank(H).values == pytest.approx(_pagerank_python(H, weight="weight"), abs=1e-5)
    reference = nx.eigenvector_centrality(H, max_iter=1000, weight="weight")
    assert analysis.eigenvector(H).values == pytest.approx(reference, abs=1e-12)
    # Louvain is greedy and seeded: another implementation finds another partition of about
    # the same quality, never the same one node for node.
    ours = nx.community.modularity(H, analysis.communities(H), weight="weight")
    theirs = nx.community.modularity(H, nx.community.louvain_communities(H, weight="weight", seed=analysis.SEED), weight="weight")
    assert ours == pytest.approx(theirs, abs=0.02)
    assert sorted(n for c in analysis.communities(H) for n in c) == sorted(H)


def test_sampled_closeness_is_close_and_says_so() -> None:
    (H, *_) = small_graphs()
    result = analysis.closeness(H, k=30)
    assert result.message == "closeness sampled, k=30 sources of 300 nodes (seed 42): an estimate"
    assert result.parameters["k"] == 30 and result.values == analysis.closeness(H, k=30).values
    reference = nx.closeness_centrality(H, wf_improved=True)
    # Mean distance from 30 of 300 sources: within 15 % of the exact value for every node here.
    for node, value in reference.items():
        assert result.values[node] == pytest.approx(value, rel=0.15), node
    # Above the budget the sample is taken without being asked, and said.
    assert "sampled, k=" in (analysis.closeness(H, budget=30_000).message or "")


def test_without_igraph_networkx_computes_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    (H, *_) = small_graphs()
    monkeypatch.setitem(sys.modules, "igraph", None)  # an import of igraph now fails
    result = analysis.betweenness(H, budget=30_000)
    assert result.message is not None and analysis.NO_IGRAPH in result.message
    assert "sampled, k=" in result.message
    assert result.values == nx.betweenness_centrality(H, k=result.parameters["k"], seed=analysis.SEED)
    closeness = analysis.closeness(H)
    assert closeness.message == analysis.NO_IGRAPH
    assert closeness.values == pytest.approx(nx.closeness_centrality(H, wf_improved=True))
    # Sampled without igraph: the same sources, so the same estimate as with it.
    sampled = analysis.closeness(H, k=30)
    assert sampled.message is not None and "sampled, k=30" in sampled.message and analysis.NO_IGRAPH in sampled.message
    assert analysis.communities(H) == sorted(
        (sorted(c) for c in nx.community.louvain_communities(H, weight="weight", seed=analysis.SEED)),
        key=lambda c: (-len(c), c[0]),
    )
    monkeypatch.undo()  # igraph back
    assert sampled.values == pytest.approx(analysis.closeness(H, k=30).values, abs=1e-12)


def test_degree_of_a_projection_counts_distinct_neighbours(G: nx.MultiDiGraph) -> None:
    # Straight from the directed multigraph, the same as on its simple undirected copy.
    assert analysis.degree(G).values == nx.degree_centrality(analysis.simple_graph(G))
    assert G.is_multigraph() and G.is_directed()
