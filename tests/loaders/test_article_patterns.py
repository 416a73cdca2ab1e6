"""Each relation pattern of the article extractor, in English and in French, on the real pipeline
(spaCy's pipelines and the rules): posts from appositions and titles, agreements and their
status, missions, visits and meetings, lists of organisations, and names inside quotations."""

from __future__ import annotations

import pytest
from article_help import post_triples

from ecokg.loaders.articles import extract

POSTS = [
    # "X, <post> of Y"
    ("en", "Jane Roe, executive director of the Northwind Cluster, opened the meeting.",
     ("Jane Roe", "Northwind Cluster", "director-general")),
    ("fr", "Marie Dupont, présidente de Genvia, a ouvert la séance.",
     ("Marie Dupont", "Genvia", "president")),
    # "Y's CEO X", "Y CEO X"
    ("en", "BioNova’s CEO John Smith stated that the plan works.",
     ("John Smith", "BioNova", "chief-executive")),
    ("en", "Northwind Tech Council CEO Mary Major stated that the plan works.",
     ("Mary Major", "Northwind Tech Council", "chief-executive")),
    # "X, Y CEO"
    ("en", "Roger Kilburn, IBioIC CEO, told the magazine about the plan.",
     ("Roger Kilburn", "IBioIC", "chief-executive")),
    # "Le <post> de Y, X"
    ("fr", "Le PDG de BioNova, Paul Martin, a présenté le plan.",
     ("Paul Martin", "BioNova", "chief-executive")),
    # "Y (et son président X)"
    ("fr", "C'est le pôle Eurobiomed (et son président Michaël Danon) qui prend la présidence.",
     ("Michaël Danon", "Eurobiomed", "president")),
    # "X <post> de Y", without a comma
    ("fr", "Le plan est prêt, souligne Michael DANON Président du Conseil d’Administration d’Eurobiomed.",
     ("Michael Danon", "Eurobiomed", "president")),
    # "X, who is <post> of Y"
    ("en", "The talk was given by Jane Roe, who is executive director of the Northwind Cluster.",
     ("Jane Roe", "Northwind Cluster", "director-general")),
    ("fr", "La séance a été ouverte par Marie Dupont, qui est présidente de Genvia.",
     ("Marie Dupont", "Genvia", "president")),
    # "X (Y)": an affiliation without a title
    ("en", "The panel heard Anna Weber (Cellipse) and other founders.",
     ("Anna Weber", "Cellipse", "member")),
]


@pytest.mark.parametrize(("lang", "text", "post"), POSTS, ids=[p[2][0] + "-" + p[0] for p in POSTS])
def test_posts_from_appositions_and_titles(lang: str, text: str, post: tuple[str, str, str]) -> None:
    assert post in post_triples(extract(text, lang))


def test_an_enumeration_of_affiliations_gives_each_person_their_organisation() -> None:
    text = ("François Lacoste de bioMérieux, Christiane Wijsen de Boehringer Ingelheim France, "
            "Patrick Chaton du CEA et Pascale Hazot d’ACS biotech étaient présents.")
    posts = {(person, org) for person, org, _ in post_triples(extract(text, "fr"))}
    assert posts == {
        ("François Lacoste", "bioMérieux"), ("Christiane Wijsen", "Boehringer Ingelheim France"),
        ("Patrick Chaton", "CEA"), ("Pascale Hazot", "ACS biotech"),
    }


AGREEMENTS = [
    ("en", "BioNova and Genvia signed a memorandum of understanding in Boston.", "signed"),
    ("en", "BioNova and Genvia will sign a memorandum of understanding to promote life sciences.", "planned"),
    ("fr", "BioNova et Genvia ont signé une convention de partenariat à Lyon.", "signed"),
    ("fr", "BioNova et Genvia signeront un accord de coopération.", "planned"),
    ("en", "The signing of the agreement between BioNova and Genvia was postponed.", "postponed"),
]


@pytest.mark.parametrize(("lang", "text", "status"), AGREEMENTS)
def test_agreements_have_their_parties_and_the_status_their_verb_gives(lang: str, text: str, status: str) -> None:
    result = extract(text, lang)
    (agreement,) = result.of_class("Agreement")
    parties = {result.entities[v].label for v, _, _ in agreement.props["signatories"]}
    assert parties == {"BioNova", "Genvia"}
    assert [v for v, _, _ in agreement.props["status"]] == [status]


@pytest.mark.parametrize(
    ("lang", "text", "status"),
    [
        ("fr", "La délégation visitera l'entreprise Genvia à Lyon.", "planned"),
        ("fr", "La délégation a visité l'entreprise Genvia à Lyon.", "happened"),
        ("en", "The delegation will visit the company Genvia in Boston.", "planned"),
        ("en", "The delegation visited the company Genvia in Boston.", "happened"),
    ],
)
def test_visits_and_their_status(lang: str, text: str, status: str) -> None:
    result = extract(text, lang)
    (visit,) = result.of_class("Visit")
    assert [result.entities[v].label for v, _, _ in visit.props["visited"]] == ["Genvia"]
    assert [v for v, _, _ in visit.props["status"]] == [status]


@pytest.mark.parametrize(
    ("lang", "text", "dates"),
    [
        ("fr", "Une délégation menée par Marie Dupont, présidente de Genvia, se rendra à Boston du 2 au 6 juin 2025.",
         ("2025-06-02", "2025-06-06")),
        ("en", "A trade mission led by Jane Roe, CEO of BioNova, will travel to Boston from June 2 to June 6, 2025.",
         ("2025-06-02", "2025-06-06")),
    ],
)
def test_missions_with_their_leader_dates_and_status(lang: str, text: str, dates: tuple[str, str]) -> None:
    result = extract(text, lang)
    (mission,) = result.of_class("Mission")
    assert (mission.props["start_date"][0][0], mission.props["end_date"][0][0]) == dates
    assert [v for v, _, _ in mission.props["status"]] == ["planned"]
    leader = result.entities[mission.props["led_by"][0][0]]
    assert leader.label in ("Marie Dupont", "Jane Roe")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "L'Assemblée Générale s'est tenue à Montpellier le 20 septembre 2019 en présence d'Eurobiomed."),
        ("en", "The general assembly was held in Boston on September 20, 2019 with MassBio."),
    ],
)
def test_a_dated_meeting_is_an_event_that_happened(lang: str, text: str) -> None:
    result = extract(text, lang)
    (meeting,) = result.of_class("Meeting")
    assert meeting.props["date"][0][0] == "2019-09-20"
    assert meeting.props["status"][0][0] == "happened"


def test_every_company_of_a_listed_sentence_is_found() -> None:
    """The issue's case: one sentence listed four companies, and only the stored one came out."""
    text = ("Presentations will be followed by speakers from four accomplished life science businesses: "
            "Immune Biosolutions, Diex Recherche, Gilson and Covance by Labcorp.")
    labels = {c.label for c in extract(text, "en").entities.values()}
    assert {"Immune Biosolutions", "Diex Recherche", "Gilson", "Covance by Labcorp"} <= labels


@pytest.mark.parametrize(
    ("lang", "text", "quoted"),
    [
        ("en", "“We thank Acme Therapeutics and John Smith,” said Jane Roe, CEO of BioNova.", {"Acme Therapeutics", "John Smith"}),
        ("fr", "« Nous remercions Genvia et Paul Martin », déclare Marie Dupont, présidente de BioNova.", {"Genvia", "Paul Martin"}),
    ],
)
def test_names_only_inside_quotations_are_not_proposed(lang: str, text: str, quoted: set[str]) -> None:
    result = extract(text, lang)
    labels = {c.label for c in result.entities.values()}
    assert not labels & quoted
    assert {"BioNova"} <= labels  # the attribution, outside the quotation, is read


@pytest.mark.parametrize(
    ("lang", "text", "owner", "place", "status"),
    [
        ("fr", "La société Abreos Biosciences implantera une filiale française à Marseille.", "Abreos Biosciences", "Marseille", "planned"),
        ("fr", "La société Genvia a ouvert un site de production à Lyon en 2024.", "Genvia", "Lyon", "happened"),
        ("en", "The company Genvia will open a manufacturing site in Boston.", "Genvia", "Boston", "planned"),
    ],
)
def test_site_openings_and_set_ups(lang: str, text: str, owner: str, place: str, status: str) -> None:
    result = extract(text, lang)
    org = next(c for c in result.entities.values() if c.label == owner)
    (site,) = org.sites
    assert result.entities[site["located_in"]].label == place
    assert site["status"] == status
