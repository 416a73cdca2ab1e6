"""The status scheme (issue 16): what docs/data-format.md says of it is what the ontology holds."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Literal

from ecokg.namespaces import EK, EKST, ORG, OWL, RDF, RDFS, SCHEMA, SKOS
from ecokg.ontology import ontology_graph, vocabulary

DOC = Path(__file__).parents[2] / "docs" / "data-format.md"


def _table() -> list[list[str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("### Status, periods and ties"):]
    rows = re.findall(r"^\| `([a-z]+)` \| (.*?) \| (.*?) \|\s*(.*?)\s*\|$", section, re.M)
    return [[name, fr, says, match] for name, fr, says, match in rows if name in vocabulary().statuses]


def test_the_documented_statuses_are_the_scheme_in_rank_order() -> None:
    graph = ontology_graph()
    statuses = vocabulary().statuses
    ranked = sorted(statuses, key=lambda n: int(graph.value(statuses[n], EK.statusRank)))
    assert [row[0] for row in _table()] == ranked == [
        "planned", "reported", "postponed", "cancelled", "happened", "signed"]


def test_the_documented_labels_and_schema_org_matches_are_the_schemes() -> None:
    graph = ontology_graph()
    for name, fr, _, match in _table():
        concept = EKST[name]
        assert (concept, RDF.type, EK.Status) in graph
        assert Literal(fr, lang="fr") in set(graph.objects(concept, RDFS.label)), name
        assert Literal(name, lang="en") in set(graph.objects(concept, RDFS.label)), name
        assert set(graph.objects(concept, SKOS.definition)), name
        close = {str(m).removeprefix(str(SCHEMA)) for m in graph.objects(concept, SKOS.closeMatch)}
        assert close == ({match.strip("`")} if match else set()), name


def test_planned_is_also_announced() -> None:
    labels = {str(v) for v in ontology_graph().objects(EKST.planned, SKOS.altLabel)}
    assert labels == {"announced", "annoncé"}


def test_ties_and_statuses_are_declared_like_every_other_property() -> None:
    graph = ontology_graph()
    keys = {"status": EK.status, "operating_status": EK.operatingStatus, "agency_of": EK.agencyOf,
            "subsidiary_of": EK.subsidiaryOf, "member_of": EK.memberOf, "headquarters": EK.headquarters,
            "country_of_origin": EK.countryOfOrigin}
    properties = vocabulary().properties
    for key, prop in keys.items():
        assert properties[key].iri == prop
        labels = {label.language for label in graph.objects(prop, RDFS.label) if isinstance(label, Literal)}
        definitions = {d.language for d in graph.objects(prop, SKOS.definition) if isinstance(d, Literal)}
        assert labels == definitions == {"fr", "en"}, key
    assert properties["status"].is_object and properties["status"].range == EK.Status
    assert not properties["operating_status"].is_object
    # the actor-actor ties are sub-properties of ORG's and schema.org's (alignment), with inverses
    assert (EK.agencyOf, OWL.inverseOf, EK.hasAgency) in graph
    assert (EK.subsidiaryOf, OWL.inverseOf, EK.hasSubsidiary) in graph
    parents = set(graph.objects(EK.subsidiaryOf, RDFS.subPropertyOf))
    assert parents == {ORG.subOrganizationOf, SCHEMA.parentOrganization}
    assert set(graph.objects(EK.countryOfOrigin, RDFS.subPropertyOf)) == {SCHEMA.countryOfOrigin}


def test_periods_are_allowed_on_posts_memberships_and_sites() -> None:
    graph = ontology_graph()
    for prop in (EK.startDate, EK.endDate):
        domain = graph.value(prop, RDFS.domain)
        members = set(graph.items(graph.value(domain, OWL.unionOf)))
        assert members == {EK.Event, EK.Post, EK.Membership, EK.Site}
