"""The NetworkX projection of the seed graph (ecokg.network.projection)."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef

from ecokg import KnowledgeGraph
from ecokg.namespaces import EK, EKR, INFERRED_GRAPH, RDF, RDFS
from ecokg.network.projection import project

PARIS = str(EKR["nicolas-paris"])
DUFAY = str(EKR["marie-guite-dufay"])
GILSON = str(EKR["gilson"])
BIOFORWARD = str(EKR["bioforward"])
AER = str(EKR["aer-bfc"])
WEDC = str(EKR["wedc"])
REGION = str(EKR["region-bfc"])
SORET = str(EKR["nicolas-soret"])


@pytest.fixture(scope="module")
def G(seed_kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return seed_kg.to_networkx()


def edges_between(G: nx.MultiDiGraph, u: str, v: str) -> list[dict]:
    return list((G.get_edge_data(u, v) or {}).values())


def test_nodes_are_entities_with_the_promised_attributes(G: nx.MultiDiGraph) -> None:
    assert isinstance(G, nx.MultiDiGraph)
    gilson = G.nodes[GILSON]
    assert gilson["iri"] == GILSON
    assert gilson["label"] == "Gilson"
    assert (gilson["kind"], gilson["kind_label"], gilson["category"]) == ("Company", "company", "organization")
    assert set(gilson["territories"]) == {"Bourgogne-Franche-Comté", "Wisconsin"}
    assert gilson["territory"] in gilson["territories"]
    assert G.nodes[BIOFORWARD]["sectors"] == ["Biotechnology"]
    assert G.nodes[BIOFORWARD]["territory"] == "Wisconsin"
    assert G.nodes[BIOFORWARD]["country"] == "United States"
    region = G.nodes[REGION]
    assert region["label"] == "Bourgogne-Franche-Comté Region"  # English label preferred
    assert region["territory"] == "Bourgogne-Franche-Comté" and region["country"] == "France"
    # People get the territories of their posts' organisations.
    assert G.nodes[DUFAY]["territory"] == "Bourgogne-Franche-Comté"
    assert set(G.nodes[PARIS]["territories"]) == {"Bourgogne-Franche-Comté", "Wisconsin"}
    assert G.nodes[str(EKR["wedc"])]["props"]["acronym"] == "WEDC"
    roadmap = G.nodes[str(EKR["roadmap-biotherapies-bioproduction"])]
    assert roadmap["props"]["adoption date"] == "2024-10-17"
    assert set(roadmap["sectors"]) == {"Biotherapies", "Bioproduction", "Health"}


def test_sources_name_document_date_and_sentence(G: nx.MultiDiGraph) -> None:
    sources = G.nodes[DUFAY]["sources"]
    assert sources, "every entity comes from somewhere"
    quote = next(s for s in sources if "sollicité" in s["quote"])
    assert quote["iri"] == "https://w3id.org/ecokg/doc/bfc-wisconsin-2024"
    assert quote["date"] == "2024-10"
    assert quote["document"].startswith("Suite au vote de sa feuille de route")
    # Deduplicated: one entry per (document, sentence).
    assert len({(s["iri"], s["quote"]) for s in sources}) == len(sources)
    (solicited,) = edges_between(G, DUFAY, PARIS)
    assert solicited["predicate"] == "ek:solicited" and solicited["label"] == "solicited"
    assert solicited["via"] is None
    assert any("sollicité" in s["quote"] for s in solicited["sources"])


def test_provenance_ontology_sectors_and_relationships_are_not_nodes(G: nx.MultiDiGraph) -> None:
    assert all(n.startswith(str(EKR)) for n in G)
    categories = {c for _, c in G.nodes(data="category")}
    assert categories <= {"person", "organization", "place", "document", "event"}
    for relationship in ("post.nicolas-paris.bioforward.president",
                         "agreement-bioforward-aer-bfc", "gilson.site.madison", "meeting-wedc"):
        assert str(EKR[relationship]) not in G
    # A mission stays a node (ek:joinsActors false): the sources say who was in it, not who met whom.
    assert G.nodes[str(EKR["mission-bfc-usa-2024"])]["category"] == "event"


def test_collapsed_relationships_become_labelled_edges(G: nx.MultiDiGraph) -> None:
    (post,) = [d for d in edges_between(G, PARIS, BIOFORWARD) if d["predicate"] == "ek:Post"]
    assert post["label"] == "president of" and post["predicate"] == "ek:Post"
    assert post["via"] == str(EKR["post.nicolas-paris.bioforward.president"])
    assert post["sources"]
    # The loader's ek:headOf duplicates the post: not kept beside it.
    assert [d["label"] for d in edges_between(G, PARIS, GILSON)].count("leader of") == 1
    assert all(d["predicate"] != "ek:headOf" for _, _, d in G.edges(data=True))
    labels = {d["label"] for d in edges_between(G, AER, BIOFORWARD)}
    # Its signing is on the mission's programme: planned, not signed (issue 16).
    assert "plans an agreement with" in labels and "signed an agreement with" not in labels
    # A programme item links the mission to the organisation it names; no member of the
    # delegation is said to have met WEDC, so none is linked to it.
    mission = str(EKR["mission-bfc-usa-2024"])
    (wedc,) = edges_between(G, mission, WEDC)
    assert wedc["label"] == "programme: Meetings with the Wisconsin Economic Development Corporation (WEDC)"
    assert wedc["predicate"] == "ek:Meeting" and wedc["via"] == str(EKR["meeting-wedc"])
    assert wedc["status"] == "planned"
    assert not G.has_edge(SORET, WEDC) and not G.has_edge(PARIS, WEDC) and not G.has_edge(REGION, WEDC)
    # The mission is linked to its leaders and its organiser; they are not linked to one another.
    assert {d["label"] for d in edges_between(G, mission, SORET)} == {"led by"}
    assert {d["label"] for d in edges_between(G, mission, REGION)} == {"organizer"}
    assert not G.has_edge(SORET, PARIS) and not G.has_edge(PARIS, SORET) and not G.has_edge(REGION, PARIS)
    sites = {v: d["label"] for _, v, d in G.out_edges(GILSON, data=True) if d["predicate"] == "ek:Site"}
    assert sites == {str(EKR["madison"]): "has a site in", str(EKR["bourgogne-franche-comte"]): "has a site in"}


def test_uncollapsed_projection_keeps_relationship_nodes(seed_kg: KnowledgeGraph) -> None:
    H = project(seed_kg.backend, collapse=False)
    post = str(EKR["post.nicolas-paris.bioforward.president"])
    assert H.nodes[post]["kind"] == "Post"
    assert H.nodes[post]["props"]["role"] == "president"
    assert {d["predicate"] for d in H.get_edge_data(post, PARIS).values()} == {"ek:heldBy"}
    assert H.get_edge_data(post, BIOFORWARD)[0]["label"] == "post in"
    assert H.has_edge(str(EKR["meeting-wedc"]), str(EKR["mission-bfc-usa-2024"]))
    assert H.number_of_nodes() > seed_kg.to_networkx().number_of_nodes()


def test_french_labels(seed_kg: KnowledgeGraph) -> None:
    H = seed_kg.to_networkx(lang="fr")
    assert H.nodes[REGION]["label"] == "Région Bourgogne-Franche-Comté"
    assert H.nodes[GILSON]["kind_label"] == "entreprise"
    # The post's own title ("Président du cluster BioForward"), never a form guessed from a name.
    assert "Président de" in [d["label"] for d in H.get_edge_data(PARIS, BIOFORWARD).values()]
    assert [d["label"] for d in H.get_edge_data(DUFAY, REGION).values()] == ["Présidente de"]
    assert "Directrice Générale de" in [d["label"] for d in H.get_edge_data(str(EKR["martine-abrahamse-pleux"]), AER).values()]
    # The place's own preposition.
    sites = {v: d["label"] for _, v, d in H.out_edges(GILSON, data=True) if d["predicate"] == "ek:Site"}
    assert sites == {str(EKR["madison"]): "a un site à", str(EKR["bourgogne-franche-comte"]): "a un site en"}


def test_inferred_facts_only_on_request() -> None:
    kg = KnowledgeGraph.open(memory=True)
    kg.build()
    inferred = Graph()
    inferred.add((EKR["madison"], EK.locatedIn, EKR["united-states"]))
    inferred.add((EKR["bioforward"], EK.partnerOf, EKR["aer-bfc"]))  # duplicates the agreement edge
    inferred.add((EKR["wisconsin"], EK.contains, EKR["madison"]))  # inverse of a stated fact
    kg.replace_graph(INFERRED_GRAPH, inferred)
    plain = kg.to_networkx()
    with_inferred = kg.to_networkx(include_inferred=True)
    madison, usa = str(EKR["madison"]), str(EKR["united-states"])
    assert not plain.has_edge(madison, usa)
    assert with_inferred.has_edge(madison, usa)
    assert with_inferred.number_of_edges() == plain.number_of_edges() + 1
    kg.close()


def test_without_sources_the_same_graph_minus_provenance(seed_kg: KnowledgeGraph, G: nx.MultiDiGraph) -> None:
    bare = project(seed_kg.backend, sources=False)
    assert sorted(bare.nodes) == sorted(G.nodes)
    assert sorted((u, v, d["label"]) for u, v, d in bare.edges(data=True)) == sorted(
        (u, v, d["label"]) for u, v, d in G.edges(data=True)
    )
    assert all(d["sources"] == [] for _, d in bare.nodes(data=True))
    assert all(d["sources"] == [] for _, _, d in bare.edges(data=True))
    for n in G:  # everything else as in the full projection
        assert {k: v for k, v in bare.nodes[n].items() if k != "sources"} == {
            k: v for k, v in G.nodes[n].items() if k != "sources"
        }


def test_sources_come_in_a_fixed_order(G: nx.MultiDiGraph) -> None:
    for _, data in G.nodes(data=True):
        keys = [(s["iri"], s["quote"]) for s in data["sources"]]
        assert keys == sorted(keys)


def test_literals_with_escapes_survive_the_projection() -> None:
    # The embedded store's rows are read as SPARQL TSV: escapes in literals must come back whole.
    kg = KnowledgeGraph.open(memory=True)
    kg.build()
    tricky = 'Tab\there, "quoted", back\\slash\nnew line, é ✓ 😀'
    odd = EKR["odd-company"]
    graph = Graph()
    graph.add((odd, RDF.type, EK.Company))
    graph.add((odd, RDFS.label, Literal(tricky, lang="en")))
    graph.add((odd, EK.acronym, Literal("A\\u0042C")))  # a backslash then "u0042": not an escape
    kg.replace_graph(URIRef("https://w3id.org/ecokg/graph/test-odd"), graph)
    H = kg.to_networkx()
    assert H.nodes[str(odd)]["label"] == tricky
    assert H.nodes[str(odd)]["props"]["acronym"] == "A\\u0042C"
    kg.close()
