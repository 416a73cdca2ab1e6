"""Relations that hold on any press release (issue 17, round 4): posts named by a verb, a
pronoun, a kind word or a department; agreements named by a letter of intent, a merger, a
definite "the MoU" or a sentence without a subject, with parties found through their signers'
posts; month dates and the events a date dates. Every sentence was written for this test, with
invented names, in English and in French; the real pipeline (spaCy's pipelines and the rules)."""

from __future__ import annotations

from pathlib import Path

import pytest
from article_help import post_triples
from rdflib import RDF

from ecokg import KnowledgeGraph
from ecokg.loaders.articles import Extraction, extract, extract_file
from ecokg.namespaces import EK


def _agreements(result: Extraction) -> list[tuple[set[str], str]]:
    return [
        ({result.entities[v].label for v, _, _ in a.props.get("signatories", [])}, a.props["status"][0][0])
        for a in result.of_class("Agreement")
    ]


def _dates(result: Extraction) -> set[str]:
    return {str(v) for c in result.entities.values() for key in ("date", "start_date", "end_date")
            for v, _, _ in c.props.get(key, [])}


POSTS = [
    # a relative clause with a verb of leading
    ("en", "Jane Roe, who heads the Northwind Cluster, opened the session.", ("Jane Roe", "Northwind Cluster", "leader")),
    ("fr", "Marie Dupont, qui préside le pôle Nordev, a présenté le plan.", ("Marie Dupont", "Nordev", "president")),
    # a copula: "X is CEO of Y"
    ("en", "Jane Roe is CEO of Acme Therapeutics.", ("Jane Roe", "Acme Therapeutics", "chief-executive")),
    ("fr", "Marie Dupont est présidente de la société Genvia.", ("Marie Dupont", "Genvia", "president")),
    # a possessive after a plural name, an honorific between the post and the name
    ("en", "Acme Therapeutics' CEO John Smith said the plan works.", ("John Smith", "Acme Therapeutics", "chief-executive")),
    ("en", "Acme Therapeutics' managing director, Dr. Jane Roe, said so.", ("Jane Roe", "Acme Therapeutics", "director-general")),
    ("en", "Helix Ventures' partner John Smith said so.", ("John Smith", "Helix Ventures", "member")),
    # a department between the post and the name, or after the post
    ("en", "Acme Therapeutics General Manager of Corporate Affairs John Smith opened the session.",
     ("John Smith", "Acme Therapeutics", "director-general")),
    ("en", "John Smith, Vice President, Business Development at Acme Therapeutics, opened the session.",
     ("John Smith", "Acme Therapeutics", "vice-president")),
    # an article before the post
    ("en", "Jane Roe, a board member of the Northwind Cluster, said so.", ("Jane Roe", "Northwind Cluster", "board-member")),
    # "in charge of" a body
    ("en", "John Smith, minister in charge of the Northland Health Agency, said so.",
     ("John Smith", "Northland Health Agency", "leader")),
    ("fr", "Paul Martin, conseiller d'Etat en charge du Département de la santé (DSAN), l'a dit.", ("Paul Martin", "DSAN", "leader")),
    # a kind word for the organisation met before
    ("en", "The Northwind Cluster grows fast. Jane Roe, the cluster's executive director, said so.",
     ("Jane Roe", "Northwind Cluster", "director-general")),
    ("en", "The Northwind Cluster grows fast. The cluster's director, Jane Roe, said so.", ("Jane Roe", "Northwind Cluster", "leader")),
    ("fr", "Le réseau Armorica Biotech grandit. Marie Dupont, présidente du réseau, l'a dit.",
     ("Marie Dupont", "Armorica Biotech", "president")),
    # a possessive pronoun: the organisation the text is about
    ("en", "The Northwind Cluster grows fast. Its president, Jane Roe, said so.", ("Jane Roe", "Northwind Cluster", "president")),
    ("en", "The Helix Institute trains nurses. Its director, Jane Roe, said the plan works.", ("Jane Roe", "Helix Institute", "leader")),
    ("fr", "Le pôle Nordev grandit. Sa directrice, Marie Dupont, l'a dit.", ("Marie Dupont", "Nordev", "leader")),
    ("fr", "La société Genvia recrute. Marie Dupont, à sa tête depuis 2019, l'a dit.", ("Marie Dupont", "Genvia", "leader")),
    ("en", "Acme Therapeutics grows. The company's founder Jane Roe said so.", ("Jane Roe", "Acme Therapeutics", "founder")),
]


@pytest.mark.parametrize(("lang", "text", "post"), POSTS, ids=[f"{n}-{p[0]}" for n, p in enumerate(POSTS)])
def test_posts_named_by_a_verb_a_pronoun_a_kind_or_a_department(lang: str, text: str, post: tuple[str, str, str]) -> None:
    result = extract(text, lang)
    assert post in post_triples(result)
    # Each post keeps its sentence and a confidence below 1 for the reviewer.
    holder = next(c for c in result.of_class("Person") if c.label == post[0])
    assert all(p["quote"] in range(len(result.sentences)) and 0 < p["confidence"] < 1 for p in holder.posts)


APPOINTMENTS = [
    ("en", "Acme Therapeutics today announced that John Smith has been appointed Chief Executive Officer.",
     ("John Smith", "Acme Therapeutics", "chief-executive")),
    ("en", "John Smith has been named president of the Northwind Cluster.", ("John Smith", "Northwind Cluster", "president")),
    ("en", "Jane Roe joins Acme Therapeutics as Chief Business Officer.", ("Jane Roe", "Acme Therapeutics", "leader")),
    ("en", "The Northwind Cluster elected Jane Roe as its new chair.", ("Jane Roe", "Northwind Cluster", "president")),
    ("fr", "Marie Dupont a été nommée directrice générale du pôle Nordev.", ("Marie Dupont", "Nordev", "director-general")),
    ("fr", "Paul Martin devient président de la société Genvia.", ("Paul Martin", "Genvia", "president")),
    ("fr", "Paul Martin prend la présidence du pôle Nordev.", ("Paul Martin", "Nordev", "president")),
    ("fr", "Marie Dupont rejoint la société Genvia en tant que directrice scientifique.", ("Marie Dupont", "Genvia", "leader")),
    ("en", "Jane Roe, who was recently appointed CEO of Acme Therapeutics, said so.", ("Jane Roe", "Acme Therapeutics", "chief-executive")),
    ("fr", "Marie Dupont, qui vient d'être nommée présidente du pôle Nordev, l'a dit.", ("Marie Dupont", "Nordev", "president")),
    ("en", "Jane Roe, newly appointed CEO of Acme Therapeutics, said so.", ("Jane Roe", "Acme Therapeutics", "chief-executive")),
    # a former post, a founder among others, a French word for the boss
    ("fr", "Marie Dupont, ancienne directrice de la société Genvia, l'a dit.", ("Marie Dupont", "Genvia", "leader")),
    ("fr", "Paul Martin, l'un des fondateurs de la société Genvia, l'a dit.", ("Paul Martin", "Genvia", "founder")),
    ("en", "John Smith, one of the founders of Acme Therapeutics, said so.", ("John Smith", "Acme Therapeutics", "founder")),
    ("fr", "Paul Martin, patron de la société Genvia, l'a dit.", ("Paul Martin", "Genvia", "chief-executive")),
    # degrees between the name and the post
    ("en", "John Smith, Ph.D., President and CEO of Acme Therapeutics, said the plan works.",
     ("John Smith", "Acme Therapeutics", "chief-executive")),
    ("en", "Jane Roe, MD, PhD, Chief Medical Officer at Acme Therapeutics, said so.", ("Jane Roe", "Acme Therapeutics", "leader")),
]


@pytest.mark.parametrize(("lang", "text", "post"), APPOINTMENTS, ids=[f"{n}-{p[0]}" for n, p in enumerate(APPOINTMENTS)])
def test_posts_given_by_a_verb_of_appointing_joining_or_taking_the_lead(lang: str, text: str, post: tuple[str, str, str]) -> None:
    assert post in post_triples(extract(text, lang))


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Mary Major, executive director of Acme Therapeutics and of the Northwind Cluster, said so.",
     {("Mary Major", "Acme Therapeutics", "director-general"), ("Mary Major", "Northwind Cluster", "director-general")}),
    ("fr", "Marie Dupont, directrice générale du pôle Nordev et de la société Genvia, a présenté le plan.",
     {("Marie Dupont", "Nordev", "director-general"), ("Marie Dupont", "Genvia", "director-general")}),
])
def test_one_title_over_two_coordinated_organisations(lang: str, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert post_triples(extract(text, lang)) == expected


def test_a_compound_title_is_one_post_at_its_organisation() -> None:
    result = extract("Jane Roe, President and CEO of Acme Therapeutics, opened the session.", "en")
    assert post_triples(result) == {("Jane Roe", "Acme Therapeutics", "chief-executive")}


def test_officers_of_a_list_without_their_organisation_hold_the_first_ones() -> None:
    text = ("Le réseau Armorica Biotech est né. Ses fondateurs sont Marie Dupont, présidente du réseau et PDG de "
            "la société Genvia, Paul Martin, trésorier et gérant de la société Helix Biotech, et Lucie Bernard, "
            "secrétaire générale.")
    posts = post_triples(extract(text, "fr"))
    assert {("Marie Dupont", "Armorica Biotech", "president"), ("Marie Dupont", "Genvia", "chief-executive"),
            ("Paul Martin", "Armorica Biotech", "board-member"), ("Paul Martin", "Helix Biotech", "leader"),
            ("Lucie Bernard", "Armorica Biotech", "board-member")} == posts


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Jane Roe, who joined Acme Therapeutics in 2019, said the plan works."),
    ("fr", "Marie Dupont, qui a rejoint la société Genvia en 2020, l'a dit."),
    # a membership is not a post
    ("fr", "Marie Dupont, membre de l'association Nordev, l'a dit."),
    ("en", "Jane Roe, a member of the Northwind Cluster, said so."),
])
def test_no_post_without_a_title_or_a_verb_of_leading(lang: str, text: str) -> None:
    assert post_triples(extract(text, lang)) == set()


AGREEMENTS = [
    ("en", "Acme Therapeutics and BioNova will sign a letter of intent next month.", {"Acme Therapeutics", "BioNova"}, "planned"),
    ("fr", "Genvia et Eurobiomed ont signé une lettre d'intention.", {"Genvia", "Eurobiomed"}, "signed"),
    ("fr", "Genvia et Eurobiomed signeront une lettre d'intention.", {"Genvia", "Eurobiomed"}, "planned"),
    ("en", "By joining forces, Acme Therapeutics and BioNova want to grow.", {"Acme Therapeutics", "BioNova"}, "reported"),
    ("en", "Acme Therapeutics and BioNova are teaming up to build a plant.", {"Acme Therapeutics", "BioNova"}, "reported"),
    ("en", "Acme Therapeutics has entered into a collaboration agreement with BioNova.", {"Acme Therapeutics", "BioNova"}, "signed"),
    ("en", "Acme Therapeutics signed a licensing deal with BioNova.", {"Acme Therapeutics", "BioNova"}, "signed"),
    ("fr", "La société Genvia a signé un contrat avec le pôle Nordev.", {"Genvia", "Nordev"}, "signed"),
    ("en", "Acme Therapeutics has formed a strategic alliance with BioNova.", {"Acme Therapeutics", "BioNova"}, "signed"),
    ("en", "Acme Therapeutics inked a supply deal with BioNova.", {"Acme Therapeutics", "BioNova"}, "signed"),
    # "the two clusters": the last two organisations of that kind met
    ("en", "The Northwind Cluster met the Helix Cluster in Oslo. The two clusters signed a memorandum of understanding.",
     {"Northwind Cluster", "Helix Cluster"}, "signed"),
    ("fr", "Le pôle Nordev a reçu la société Genvia. Les deux partenaires ont signé une convention.", {"Nordev", "Genvia"}, "signed"),
    # a merger of two named parties
    ("en", "Acme Therapeutics and BioNova will merge next year.", {"Acme Therapeutics", "BioNova"}, "planned"),
    ("fr", "Le pôle Nordev et la société Genvia vont fusionner.", {"Nordev", "Genvia"}, "planned"),
    ("fr", "La fusion du pôle Nordev et de la société Genvia a été approuvée.", {"Nordev", "Genvia"}, "reported"),
    # a sentence without a subject: the previous sentence's
    ("fr", "La société Genvia ouvre un site à Lyon. Signant en même temps un accord de recherche avec l'Institut Curie.",
     {"Genvia", "Institut Curie"}, "reported"),
    ("en", "Acme Therapeutics opened a lab in Oslo. Signing at the same time a research agreement with the Helix Institute.",
     {"Acme Therapeutics", "Helix Institute"}, "reported"),
    # parties through their signers' posts, in the sentence or before it
    ("en", "The agreement was signed by Jane Roe (CEO of Acme Therapeutics) and John Smith (Northwind Cluster).",
     {"Acme Therapeutics", "Northwind Cluster"}, "signed"),
    ("en", "Jane Roe is CEO of Acme Therapeutics. John Smith is president of BioNova. "
     "The agreement was signed by Jane Roe and John Smith in Oslo.", {"Acme Therapeutics", "BioNova"}, "signed"),
    ("fr", "La convention a été signée par Marie Dupont, présidente de Genvia, et Paul Martin, directeur d'Eurobiomed.",
     {"Genvia", "Eurobiomed"}, "signed"),
]


@pytest.mark.parametrize(("lang", "text", "parties", "status"), AGREEMENTS, ids=[f"{n}-{a[0]}" for n, a in enumerate(AGREEMENTS)])
def test_agreements_their_parties_and_status(lang: str, text: str, parties: set[str], status: str) -> None:
    found = _agreements(extract(text, lang))
    assert any(parties <= signatories and state == status for signatories, state in found), found


def test_the_mou_named_again_is_the_same_agreement_with_its_date() -> None:
    text = ("Acme Therapeutics signed a memorandum of understanding with BioNova. "
            "The MoU was signed in Oslo on March 3 by Acme Therapeutics CEO Jane Roe and BioNova President John Smith.")
    result = extract(text, "en", date="2024-05-10")
    (agreement,) = result.of_class("Agreement")
    assert {result.entities[v].label for v, _, _ in agreement.props["signatories"]} == {"Acme Therapeutics", "BioNova"}
    assert [d for d, _, _ in agreement.props["date"]] == ["2024-03-03"]


@pytest.mark.parametrize(("lang", "text"), [
    # names given as examples of a kind are not a pair that agreed
    ("fr", "D'autres pôles comme Nordev et Eurobiomed ont choisi de fusionner."),
    ("en", "Other clusters such as Nordev and the Helix Cluster chose to merge."),
    ("en", "Acme Therapeutics and BioNova, two firms from Oslo, presented their results."),
    # an alliance that is a name, a joint event
    ("en", "The Minnesota Biotech Alliance met BioNova and Acme Therapeutics."),
    ("en", "The workshop was organised by Acme Therapeutics in collaboration with BioNova."),
    ("fr", "L'atelier est organisé par la société Genvia en collaboration avec le pôle Nordev."),
])
def test_no_agreement_without_a_pair_that_agrees(lang: str, text: str) -> None:
    assert _agreements(extract(text, lang)) == []


DATES = [
    ("en", "Acme Therapeutics submitted its application in March 2022.", None, {"2022-03"}),
    ("fr", "Genvia a déposé son dossier en mars 2022.", None, {"2022-03"}),
    ("en", "Acme Therapeutics and BioNova held two workshops in August and November this year.", "2013-12-17", {"2013-08", "2013-11"}),
    ("fr", "La société Genvia ouvrira un site à Lyon en septembre prochain.", "2024-05-10", {"2024-09"}),
    ("fr", "Le pôle Nordev a organisé un atelier en mars dernier.", "2024-05-10", {"2024-03"}),
    ("en", "The Northwind Cluster hosted a seminar last September.", "2024-05-10", {"2023-09"}),
    ("en", "Acme Therapeutics will open an office at the Northwind Cluster on April 1, 2021.", None, {"2021-04-01"}),
    ("en", "The Northwind Cluster will hold a workshop on March 25.", "2024-05-10", {"2024-03-25"}),
    ("en", "The Northwind Cluster will hold workshops between 12 and 14 June.", "2024-05-10", {"2024-06-12", "2024-06-14"}),
    ("en", "Founded in March 2005, Acme Therapeutics makes kits.", None, {"2005-03"}),
    # a day named with "on" / "le" dates what its sentence reports, whatever the verb
    ("en", "The board of Acme Therapeutics approved the plan on March 3, 2024.", None, {"2024-03-03"}),
    ("fr", "Le conseil de la société Genvia a approuvé le plan le 3 mars 2024.", None, {"2024-03-03"}),
    ("fr", "Le pôle Nordev accueillera un atelier le 12 juin prochain.", "2024-05-10", {"2024-06-12"}),
]


@pytest.mark.parametrize(("lang", "text", "date", "expected"), DATES, ids=[f"{n}-{d[0]}" for n, d in enumerate(DATES)])
def test_a_date_dates_the_event_of_its_sentence(lang: str, text: str, date: str | None, expected: set[str]) -> None:
    assert _dates(extract(text, lang, date=date)) == expected


def test_an_opening_is_a_planned_event_with_its_participants() -> None:
    result = extract("Acme Therapeutics will open an office at the Northwind Cluster on April 1, 2021.", "en")
    (event,) = result.of_class("Event")
    assert event.props["status"][0][0] == "planned"
    assert {result.entities[v].label for v, _, _ in event.props["participants"]} == {"Acme Therapeutics", "Northwind Cluster"}


def test_a_month_without_a_document_date_stays_unresolved() -> None:
    result = extract("La société Genvia ouvrira un site à Lyon en septembre prochain.", "fr")
    assert _dates(result) == set()
    assert [text for text, _ in result.unresolved] == ["septembre prochain"]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Acme Therapeutics has grown since March 2020."),
    ("fr", "La société Genvia grandit depuis mars 2020."),
    ("en", "Acme Therapeutics may open a lab in Oslo."),
])
def test_no_event_without_an_event_word(lang: str, text: str) -> None:
    assert _dates(extract(text, lang, date="2024-05-10")) == set()


def test_a_short_press_release_in_english_gives_each_post_once_and_right() -> None:
    text = (
        "HELSINKI, Finland, September 5, 2024 – Health Capital Helsinki and the Estonian cluster BioTallinn today announced "
        "a strategic partnership. The partnership was signed on September 3 by Health Capital Helsinki's program "
        "director, Dr. Anna Virtanen, and BioTallinn CEO Mart Kask. The cluster's chair, Jukka Lehto, who also heads "
        "the Finnish Bioindustries association, welcomed the move. Earlier this year, Espoo-based Orion Diagnostics "
        "joined BioTallinn as a member. Its CEO, Sari Niemi, spoke. The two clusters will organise an investor day "
        "in Tallinn on November 14."
    )
    result = extract(text, "en")
    assert post_triples(result) == {
        ("Anna Virtanen", "Health Capital Helsinki", "leader"), ("Mart Kask", "BioTallinn", "chief-executive"),
        ("Jukka Lehto", "Finnish Bioindustries", "leader"), ("Jukka Lehto", "BioTallinn", "president"),
        ("Sari Niemi", "Orion Diagnostics", "chief-executive"),
    }
    (agreement,) = result.of_class("Agreement")
    assert [d for d, _, _ in agreement.props["date"]] == ["2024-09-03"]
    (event,) = result.of_class("Event")
    assert (event.props["date"][0][0], event.props["status"][0][0]) == ("2024-11-14", "planned")


def test_a_short_press_release_in_french_gives_each_post_once_and_right() -> None:
    text = (
        "Strasbourg, le 12 mars 2024 – Le pôle BioValor et l'agence Alsace Innovation ont signé le 8 mars dernier une "
        "convention de partenariat. Elle a été signée par Claire Roth, présidente du pôle, et Luc Weber, directeur "
        "général d'Alsace Innovation. « C'est une étape », souligne Claire Roth, également PDG de la société Cellexia. "
        "La société Medigenia accueillera un atelier le 4 avril prochain. Son fondateur, Paul Klein, a été élu "
        "vice-président de BioValor. Les deux partenaires organiseront une mission à Bâle du 10 au 12 juin."
    )
    result = extract(text, "fr")
    assert post_triples(result) == {
        ("Claire Roth", "BioValor", "president"), ("Claire Roth", "Cellexia", "chief-executive"),
        ("Luc Weber", "Alsace Innovation", "director-general"), ("Paul Klein", "Medigenia", "founder"),
        ("Paul Klein", "BioValor", "vice-president"),
    }
    (agreement,) = result.of_class("Agreement")
    assert [d for d, _, _ in agreement.props["date"]] == ["2024-03-08"]
    assert _dates(result) == {"2024-03-08", "2024-04-04", "2024-06-10", "2024-06-12"}
    (mission,) = result.of_class("Mission")
    assert mission.props["status"][0][0] == "planned"


def test_the_new_relations_build_into_the_graph(tmp_path: Path) -> None:
    """Posts by kind word and pronoun, an agreement named again, a month date and an opening:
    a candidates file the store loads and validates, each fact with its sentence."""
    article = tmp_path / "helix.txt"
    article.write_text(
        "OSLO, Norway, October 12, 2023 – The Northwind Cluster signed a memorandum of understanding with "
        "Acme Therapeutics. The MoU was signed in Oslo on October 10 by the cluster's director, Jane Roe, "
        "and Acme Therapeutics CEO John Smith. Its president, Mary Major, said so. Acme Therapeutics submitted "
        "its application in March 2022 and will open an office in Oslo on November 21.\n",
        encoding="utf-8",
    )
    out = tmp_path / "helix.candidates.yaml"
    result = extract_file(article, out, "en")
    assert {("Jane Roe", "Northwind Cluster", "leader"), ("John Smith", "Acme Therapeutics", "chief-executive"),
            ("Mary Major", "Northwind Cluster", "president")} <= post_triples(result)
    assert _dates(result) >= {"2023-10-10", "2022-03", "2023-11-21"}
    kg = KnowledgeGraph.open(memory=True)
    report = kg.build([out])
    assert report.validation.conforms, report.validation.text()
    graph = kg.data_graph()
    assert len(list(graph.subjects(RDF.type, EK.Agreement))) == 1
    dated = {str(d) for d in graph.objects(None, EK.date)}
    assert {"2023-10-10", "2022-03", "2023-11-21"} <= dated
    kg.close()
