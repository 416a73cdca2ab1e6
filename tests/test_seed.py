"""The seed graph holds every fact of the press release, each with its source sentence."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from ecokg import KnowledgeGraph
from ecokg.namespaces import EK, EKR, EKS, EKST, XSD

EKR_ = str(EKR)


def ask(kg: KnowledgeGraph, pattern: str, **bindings: object) -> bool:
    result = kg.backend.query("ASK { " + pattern + " }", dict(bindings))  # type: ignore[arg-type]
    return bool(result.askAnswer)


def rows(kg: KnowledgeGraph, query: str) -> set[tuple[str, ...]]:
    return {tuple(str(v).removeprefix(EKR_) for v in row) for row in kg.select(query)}


POSTS = {
    ("nicolas-soret", "region-bfc", str(EK.VicePresident)),
    ("martine-abrahamse-pleux", "aer-bfc", str(EK.DirectorGeneral)),
    ("nicolas-paris", "bioforward", str(EK.President)),
    ("nicolas-paris", "gilson", str(EK.Leader)),
    ("marie-guite-dufay", "region-bfc", str(EK.President)),
}


def test_every_post_with_its_holder_organisation_and_role(seed_kg: KnowledgeGraph) -> None:
    found = rows(seed_kg, "SELECT ?p ?o ?r WHERE { ?post ek:heldBy ?p ; ek:postIn ?o ; ek:role ?r }")
    assert found == POSTS


def test_post_titles_as_written(seed_kg: KnowledgeGraph) -> None:
    titles = {t for (t,) in rows(seed_kg, "SELECT ?t WHERE { ?post a ek:Post ; ek:title ?t }")}
    assert "Directrice Générale de l’Agence Économique Régionale" in titles
    assert any(t.startswith("Vice-Président en charge des finances") for t in titles)


ORG_KINDS = {
    "region-bfc": EK.RegionalAuthority,
    "aer-bfc": EK.EconomicDevelopmentAgency,
    "bioforward": EK.Cluster,
    "gilson": EK.Company,
    "wedc": EK.EconomicDevelopmentAgency,
    "business-france": EK.TradePromotionAgency,
    "chicago-illinois-economic-authorities": EK.PublicAuthority,
}


@pytest.mark.parametrize("org", sorted(ORG_KINDS))
def test_organisation_kinds(seed_kg: KnowledgeGraph, org: str) -> None:
    assert ask(seed_kg, "?o a ?k", o=EKR[org], k=ORG_KINDS[org])


def test_organisation_locations(seed_kg: KnowledgeGraph) -> None:
    based = rows(seed_kg, "SELECT ?o ?p WHERE { ?o ek:basedIn ?p }")
    assert based == {
        ("region-bfc", "bourgogne-franche-comte"),
        ("aer-bfc", "bourgogne-franche-comte"),
        ("bioforward", "wisconsin"),
        ("wedc", "wisconsin"),
        ("chicago-illinois-economic-authorities", "chicago"),
        ("chicago-illinois-economic-authorities", "illinois"),
        ("collaboration-madison-milwaukee", "wisconsin"),
    }
    sites = rows(seed_kg, "SELECT ?o ?p WHERE { ?o ek:hasSite/ek:locatedIn ?p }")
    assert sites == {("gilson", "madison"), ("gilson", "bourgogne-franche-comte")}


def test_place_containment(seed_kg: KnowledgeGraph) -> None:
    assert rows(seed_kg, "SELECT ?a ?b WHERE { ?a ek:locatedIn ?b FILTER NOT EXISTS { ?a a ek:Site } }") == {
        ("bourgogne-franche-comte", "france"),
        ("wisconsin", "united-states"),
        ("illinois", "united-states"),
        ("madison", "wisconsin"),
        ("milwaukee", "wisconsin"),
        ("chicago", "illinois"),
    }


def test_agreement_and_its_two_signatories(seed_kg: KnowledgeGraph) -> None:
    assert rows(seed_kg, "SELECT ?a ?s WHERE { ?a a ek:Agreement ; ek:signatory ?s }") == {
        ("agreement-bioforward-aer-bfc", "bioforward"),
        ("agreement-bioforward-aer-bfc", "aer-bfc"),
    }
    assert ask(seed_kg, "?e a ek:Signing ; ek:signedAgreement ?a ; ek:partOf ?m",
               a=EKR["agreement-bioforward-aer-bfc"], m=EKR["mission-bfc-usa-2024"])


def test_mission_dates_participants_destinations(seed_kg: KnowledgeGraph) -> None:
    m = EKR["mission-bfc-usa-2024"]
    assert ask(seed_kg, "?m a ek:Mission ; ek:startDate ?s ; ek:endDate ?e", m=m,
               s=Literal("2024-10-27", datatype=XSD.date), e=Literal("2024-11-01", datatype=XSD.date))
    leaders = rows(seed_kg, "SELECT ?p WHERE { ?m a ek:Mission ; ek:ledBy ?p }")
    assert leaders == {("nicolas-soret",), ("martine-abrahamse-pleux",), ("nicolas-paris",)}
    destinations = rows(seed_kg, "SELECT ?d WHERE { ?m a ek:Mission ; ek:destination ?d }")
    assert destinations == {("united-states",), ("wisconsin",), ("illinois",)}
    assert ask(seed_kg, "?m ek:organizer ?r", m=m, r=EKR["region-bfc"])


def test_every_meeting_and_visit_of_the_mission(seed_kg: KnowledgeGraph) -> None:
    parts = rows(seed_kg, "SELECT ?e ?t WHERE { ?e ek:partOf ekr:mission-bfc-usa-2024 ; a ?t }")
    assert parts == {
        ("meeting-wedc", str(EK.Meeting)),
        ("meeting-business-france", str(EK.Meeting)),
        ("meeting-chicago-illinois-authorities", str(EK.Meeting)),
        ("visit-gilson-madison", str(EK.Visit)),
        ("visit-prospects", str(EK.Visit)),
        ("signing-agreement-bioforward-aer-bfc", str(EK.Signing)),
    }


def test_roadmap_adoption_and_sectors(seed_kg: KnowledgeGraph) -> None:
    road = EKR["roadmap-biotherapies-bioproduction"]
    assert ask(seed_kg, "?r a ek:Strategy ; ek:adoptedBy ?o ; ek:adoptionDate ?d", r=road,
               o=EKR["region-bfc"], d=Literal("2024-10-17", datatype=XSD.date))
    assert ask(seed_kg, "?v a ek:Adoption ; ek:adopted ?r ; ek:unanimous true ; ek:date ?d", r=road,
               d=Literal("2024-10-17", datatype=XSD.date))
    sectors = {s for (s,) in rows(seed_kg, "SELECT ?s WHERE { ekr:roadmap-biotherapies-bioproduction ek:concernsSector ?s }")}
    assert sectors == {str(EKS.biotherapies), str(EKS.bioproduction), str(EKS.health)}
    assert ask(seed_kg, "?r ek:followsModel ekr:collaboration-madison-milwaukee", r=road)


def test_every_sector_named_in_the_article(seed_kg: KnowledgeGraph) -> None:
    mission = {s for (s,) in rows(seed_kg, "SELECT ?s WHERE { ekr:mission-bfc-usa-2024 ek:concernsSector ?s }")}
    assert mission == {str(EKS[k]) for k in ("biotherapies", "energy", "agrifood", "mobility")}
    assert ask(seed_kg, "ekr:bioforward ek:concernsSector eks:biotechnology")


def test_solicitation(seed_kg: KnowledgeGraph) -> None:
    assert ask(seed_kg, "ekr:marie-guite-dufay ek:solicited ekr:nicolas-paris")
    assert ask(seed_kg, "ekr:nicolas-paris ek:contributedTo ekr:roadmap-biotherapies-bioproduction")


def test_every_fact_has_a_source_sentence(seed_kg: KnowledgeGraph) -> None:
    unsourced = seed_kg.select(
        """SELECT ?s ?p ?o WHERE {
             GRAPH ?g { ?s ?p ?o }
             FILTER(?g != ekgs:ontology)
             FILTER(STRSTARTS(STR(?s), STR(ekr:)) || STRSTARTS(STR(?s), STR(ekd:)) && !CONTAINS(STR(?s), "#") && !CONTAINS(STR(?s), "/fact/"))
             FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                                     prov:wasDerivedFrom/ek:text ?text }
           }"""
    )
    assert unsourced == []


def test_quotes_are_verbatim_sentences_of_the_article(seed_kg: KnowledgeGraph) -> None:
    article = (resources.files("ecokg.data") / "seed" / "bfc-wisconsin-2024.txt").read_text("utf-8")
    flat = " ".join(article.split())
    quotes = seed_kg.select(
        "SELECT ?t WHERE { ?x a ek:Excerpt ; ek:text ?t ; dcterms:isPartOf ekd:bfc-wisconsin-2024 }"
    )
    assert len(quotes) >= 10
    for (text,) in quotes:
        assert " ".join(str(text).split()) in flat or re.match(r"^Suite au vote", str(text))


def test_source_document_description(seed_kg: KnowledgeGraph) -> None:
    assert ask(seed_kg, "ekd:bfc-wisconsin-2024 a ek:PressRelease ; dcterms:title ?t ; ek:publisher ekr:region-bfc ; dcterms:date ?d ; dcterms:language 'fr'")


def test_shacl_conforms(seed_kg: KnowledgeGraph) -> None:
    report = seed_kg.validate()
    assert report.conforms, report.text()


def test_export_then_reimport_is_isomorphic(seed_kg: KnowledgeGraph, tmp_path: Path) -> None:
    target = tmp_path / "seed.trig"
    seed_kg.export(target, "trig")
    reread = Dataset()
    reread.parse(target, format="trig")
    original = Dataset()
    for s, p, o, g in seed_kg.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
        original.add((s, p, o, g))
    names = {URIRef(str(c.identifier)) for c in original.contexts() if len(c)}
    assert names == {URIRef(str(c.identifier)) for c in reread.contexts() if len(c)}
    for name in names:
        a, b = original.graph(name), reread.graph(name)
        if not isomorphic(a, b):
            _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
            pytest.fail(f"{name} differs:\nonly in store:\n{only_a.serialize(format='nt')}\nonly in export:\n{only_b.serialize(format='nt')}")


def test_persistence_across_processes(store_path: Path) -> None:
    import subprocess
    import sys

    build = subprocess.run([sys.executable, "-m", "ecokg", "build", "--store", str(store_path)],
                           capture_output=True, text=True, check=True)
    assert "conforms" in build.stdout
    stats = subprocess.run([sys.executable, "-m", "ecokg", "stats", "--store", str(store_path), "-F", "csv"],
                           capture_output=True, text=True, check=True)
    assert "class,ek:Person,4" in stats.stdout
    with KnowledgeGraph.open(store_path) as kg:
        assert kg.count() == KnowledgeGraph.open(memory=True).build().triples


# --- modality, ties (issue 16): the graph says what the article says, no more ---------------

#: The mission's programme as the article announces it ("inclut", "visitera", "sont prévues").
PROGRAMME = {
    "meeting-wedc": "programme", "signing-agreement-bioforward-aer-bfc": "programme",
    "visit-gilson-madison": "visits", "visit-prospects": "visits",
    "meeting-business-france": "meetings", "meeting-chicago-illinois-authorities": "meetings",
}
STATUS_OF = (
    "SELECT ?e ?status ?sentence WHERE { ?e ek:status ?status . "
    "?st rdf:subject ?e ; rdf:predicate ek:status ; rdf:object ?status ; prov:wasDerivedFrom ?x . ?x ek:text ?sentence }"
)


def _statuses(kg: KnowledgeGraph) -> dict[str, tuple[str, str]]:
    return {e: (s.removeprefix(str(EKST)), sentence) for e, s, sentence in rows(kg, STATUS_OF)}


def test_every_programme_item_is_planned_as_the_article_announces_it(seed_kg: KnowledgeGraph) -> None:
    statuses = _statuses(seed_kg)
    programme = {e for (e,) in rows(seed_kg, "SELECT ?e WHERE { ?e ek:partOf ekr:mission-bfc-usa-2024 }")}
    assert programme == set(PROGRAMME)
    words = {"programme": "Le programme de la mission inclut", "visits": "la délégation visitera",
             "meetings": "Des réunions sont également prévues"}
    for item, quote in PROGRAMME.items():
        status, sentence = statuses[item]
        assert status == "planned", item
        assert words[quote] in sentence, (item, sentence)


def test_the_mission_and_the_adoption_happened(seed_kg: KnowledgeGraph) -> None:
    statuses = _statuses(seed_kg)
    assert statuses["mission-bfc-usa-2024"][0] == "happened"
    assert "se sont rendus aux États-Unis du 27 octobre au 1er novembre" in statuses["mission-bfc-usa-2024"][1]
    assert statuses["adoption-roadmap-2024"][0] == "happened"
    assert "adoptée unanimement par les élus régionaux le 17 octobre" in statuses["adoption-roadmap-2024"][1]


def test_the_agreement_is_not_signed(seed_kg: KnowledgeGraph) -> None:
    statuses = _statuses(seed_kg)
    assert statuses["agreement-bioforward-aer-bfc"][0] == "planned"
    assert not ask(seed_kg, "?x ek:status ekst:signed")
    assert not ask(seed_kg, "?x ek:status ekst:happened ; ek:partOf ekr:mission-bfc-usa-2024")
    rows_ = seed_kg.query("agreements").to_records()
    assert {r["statusLabel"] for r in rows_} == {"signing planned"}
    assert {r["statusLabel"] for r in seed_kg.query("agreements", lang="fr").to_records()} == {"signature prévue"}


def test_every_status_has_a_source_in_the_article(seed_kg: KnowledgeGraph) -> None:
    statuses = _statuses(seed_kg)
    assert set(statuses) == {*PROGRAMME, "mission-bfc-usa-2024", "adoption-roadmap-2024", "agreement-bioforward-aer-bfc"}


def test_the_aer_is_the_regions_agency(seed_kg: KnowledgeGraph) -> None:
    assert ask(seed_kg, "ekr:aer-bfc ek:agencyOf ekr:region-bfc")
    sentence = rows(seed_kg, "SELECT ?t WHERE { ?st rdf:subject ekr:aer-bfc ; rdf:predicate ek:agencyOf ; "
                             "prov:wasDerivedFrom/ek:text ?t }")
    assert [s for (s,) in sentence] == [next(s for s in _article_sentences() if s.startswith("Une délégation officielle"))]


def test_gilson_is_an_american_company_with_a_site_in_the_region(seed_kg: KnowledgeGraph) -> None:
    assert ask(seed_kg, "ekr:gilson ek:countryOfOrigin ekr:united-states")
    sentence = rows(seed_kg, "SELECT ?t WHERE { ?st rdf:subject ekr:gilson ; rdf:predicate ek:countryOfOrigin ; "
                             "prov:wasDerivedFrom/ek:text ?t }")
    assert [s for (s,) in sentence] == [next(s for s in _article_sentences() if "des entreprises américaines dont" in s)]
    sites = {p for (p,) in rows(seed_kg, "SELECT ?p WHERE { ekr:gilson ek:hasSite/ek:locatedIn ?p }")}
    assert sites == {"madison", "bourgogne-franche-comte"}


def _article_sentences() -> list[str]:
    text = (resources.files("ecokg.data") / "seed" / "bfc-wisconsin-2024.yaml").read_text(encoding="utf-8")
    return [re.sub(r"\s+", " ", m) for m in re.findall(r'^  \w[\w-]*: "(.*)"$', text, re.M)]
