"""Posts and agreements in forms any press release writes (issue 17, round 10): a country or a
government is never a post's body nor an agreement's party ("CEO of Norland's Acme", "le
Gouvernement de la République de X"); a title at a unit of a body is a post at the body ("Deputy
Head of Corporate Banking à la Y"); a minister of two portfolios heads the ministry of the first,
named in the article; a ministry written domain first ("Health Ministry spokesperson X"); a
title's own acronym in brackets names no body; a post after the sentence's copula ("X, past
director of A, is the new president of B"); a memorandum of five named parties keeps them all.
Every sentence was written for this test, with invented names; the real pipeline."""

from __future__ import annotations

import pytest
from article_help import post_triples, run

from ecokg.loaders.articles import Extraction
from ecokg.loaders.articles.polities import a_polity


def _parties(result: Extraction) -> list[frozenset[str]]:
    return [frozenset(result.entities[v].label for v, _, _ in a.props["signatories"]) for a in result.of_class("Agreement")]


@pytest.mark.parametrize(("name", "expected"), [
    ("UAE", True), ("U.S.", True), ("RDC", True), ("USA", True), ("Egypt", True),
    ("Gouvernement Royal du Cambodge", True), ("l’Etat burkinabè", True), ("the Rwandan government", True),
    ("Autorités du Cambodge", True), ("State of Israel", True),
    # a region's government is a body the gold files count; an agency named "Government ..." too
    ("Government of Catalonia", False), ("Quebec Government Office", False), ("Government Accountability Office", False),
    ("State University of New York", False), ("Helix Labs", False), ("ISS", False), ("VIB", False),
])
def test_what_is_a_polity(name: str, expected: bool) -> None:
    assert a_polity(name) is expected


@pytest.mark.parametrize(("lang", "text", "person", "body"), [
    ("en", "The MoU was signed by Tom Brandt, CEO of UAE's Arcton Holdings, in Lorvik.", "Tom Brandt", "Arcton Holdings"),
    ("fr", "La convention a été signée par Paul Roussel, directeur général de la RDC Genvia Holding, à Lorvane.",
     "Paul Roussel", "RDC Genvia Holding"),
])
def test_a_country_before_the_body_is_not_the_body(lang: str, text: str, person: str, body: str) -> None:
    posts = post_triples(run(lang, text))
    assert {(p, b) for p, b, _ in posts if p == person} == {(person, body)}


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le Gouvernement Royal du Cambodge et l'Institut Nordev ont signé une convention de coopération."),
    ("en", "The Government of Norway and Helix Labs signed a memorandum of understanding."),
    ("fr", "Le laboratoire a été financé par l'Etat à travers une convention de prêt auprès de la Banque Nordev "
           "et équipé avec l'appui de l'Agence Solvik."),
])
def test_a_government_is_no_party_and_no_other_name_stands_in(lang: str, text: str) -> None:
    assert _parties(run(lang, text)) == []


def test_a_partner_named_before_the_subject_still_gives_the_agreement() -> None:
    # the main clause's subject after an opening phrase: "partenariat avec A, le GIP B assure ..."
    result = run("fr", "Séquençage : partenariat avec l’Unité Mixte de Recherche NORVAX (Nord Vaccins), le GIP Lorvane Océan "
                       "assure le séquençage.")
    assert frozenset({"Unité Mixte de Recherche NORVAX", "GIP Lorvane Océan"}) in _parties(result)


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fr", "« Nous soutenons le projet », a souligné Paul Roussel, Deputy Head of Corporate Banking à la Banque Nordev vendredi.",
     ("Paul Roussel", "Banque Nordev", "member")),
    ("fr", "Selon Dr Marie Dubreuil, cheffe de division des laboratoires au Ministère de la Santé, le bâtiment est prêt.",
     ("Marie Dubreuil", "Ministère de la Santé", "member")),
    ("en", "Jane Holloway, Head of Unit for Vaccines at Arcton Labs, opened the new site.",
     ("Jane Holloway", "Arcton Labs", "member")),
])
def test_a_title_at_a_unit_of_a_body_is_a_post_at_the_body(lang: str, text: str, expected: tuple[str, str, str]) -> None:
    posts = post_triples(run(lang, text))
    assert expected in posts
    assert {b for p, b, _ in posts if p == expected[0]} == {expected[1]}


@pytest.mark.parametrize(("lang", "text", "person", "body"), [
    ("fr", "Le ministère de la Santé a ouvert un laboratoire. Le Ministre de la Santé et de la Protection Sociale, "
           "Prof Paul Roussel, a inauguré le bâtiment.", "Paul Roussel", "ministère de la Santé"),
    ("en", "The Ministry of Health opened a laboratory. The Minister of Health and Social Care, Dr. Tom Brandt, "
           "opened the building.", "Tom Brandt", "Ministry of Health"),
    ("en", "Arcton Labs signed an MoU with Helix Labs, the Ministry of Health announced. Health Ministry spokesperson "
           "Tom Brandt said the agreement supports research.", "Tom Brandt", "Ministry of Health"),
])
def test_a_ministry_named_in_the_article(lang: str, text: str, person: str, body: str) -> None:
    posts = post_triples(run(lang, text))
    assert {(p, b.lower()) for p, b, _ in posts} == {(person, body.lower())}


def test_a_minister_and_his_portfolio_after_the_name_is_no_post() -> None:
    # "les Ministres X de l'Urbanisme": the portfolio, not a body (none is named as such)
    result = run("fr", "Il avait à ses côtés les Ministres Paul Roussel de l’Urbanisme et de l’Habitat et Jean Morel de l’Agriculture.")
    assert {c.label for c in result.of_class("Person")} >= {"Paul Roussel", "Jean Morel"}  # the names are read
    assert post_triples(result) == set()
    assert not {"Urbanisme", "Habitat", "Agriculture"} & {c.label for c in result.entities.values()}


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Jean Morel a échangé avec M. Paul Roussel, Secrétaire général aux affaires régionales (SGAR), et M. Luc Bardin, "
           "Délégué régional à la recherche et à la technologie (DRRT)."),
    ("en", "Jane Holloway met Tom Brandt, Chief Regional Officer (CRO), in Lorvik."),
])
def test_a_titles_own_acronym_is_no_body(lang: str, text: str) -> None:
    assert post_triples(run(lang, text)) == set()


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Tom Brandt, past executive director of the Northwind Alliance, is the new president and CEO of Arcton Labs.",
     {("Tom Brandt", "Northwind Alliance"), ("Tom Brandt", "Arcton Labs")}),
    ("en", "Jane Holloway, most recently vice president of business development for Helix Labs, is Arcton Labs’s vice "
           "president for program development.", {("Jane Holloway", "Helix Labs"), ("Jane Holloway", "Arcton Labs")}),
    ("fr", "Marie Dubreuil, ancienne directrice de l'agence Nordev, est la nouvelle présidente de la société Genvia.",
     {("Marie Dubreuil", "Nordev"), ("Marie Dubreuil", "Genvia")}),
    # a post after the copula with no body of its own is not guessed
    ("en", "Bo Rask, a venture partner with Lorvik Ventures, will be vice president for capital formation.",
     {("Bo Rask", "Lorvik Ventures")}),
])
def test_a_post_after_the_copula(lang: str, text: str, expected: set[tuple[str, str]]) -> None:
    posts = {(p, b) for p, b, _ in post_triples(run(lang, text))}
    assert {(p, b.replace("agence ", "").replace("société ", "")) for p, b in posts} == expected


def test_five_named_parties_are_kept() -> None:
    result = run("en", "Arcton Labs, Helix Labs, the Northwind Alliance, Strand Cargo and Solvik Ports have signed a "
                       "memorandum of understanding.")
    assert frozenset({"Arcton Labs", "Helix Labs", "Northwind Alliance", "Strand Cargo", "Solvik Ports"}) in _parties(result)


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "In the presence of Tom Vell, Chairman of the Northwind Authority, a memorandum of understanding was signed by "
           "Dr. Ana Lorr, Executive Director of the Research and Innovation Centre at Helix Labs, Bo Rask, Vice President of "
           "Strand Cargo, and Jim Dale, Acting Director of Investment at the Solvik Office (SO).",
     {"Helix Labs", "Strand Cargo", "Solvik Office"}),
    ("fr", "En présence de Luc Bardin, président de l’Agence Nordev, un protocole d’entente a été signé par Marie Dubreuil, "
           "directrice du Centre de Recherche Avancée chez Genvia, Paul Roussel, vice-président de la société Arcton, et "
           "Jean Morel, directeur général du pôle Lorvatech.", {"Genvia", "Arcton", "Lorvatech"}),
])
def test_signers_with_titles_give_their_bodies_and_the_witness_none(lang: str, text: str, expected: set[str]) -> None:
    # the witness's body ("in the presence of", "en présence de") is no party; every signer's body is one
    assert [{name.replace("société ", "").replace("pôle ", "") for name in parties} for parties in _parties(run(lang, text))] == [expected]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fr", "Etaient présents des représentants dont l’Agence Nordev de Développement – ANDEV représentée par Dr. Paul Roussel.",
     ("Paul Roussel", "Agence Nordev de Développement", "member")),
    ("en", "Several bodies attended, among them the Northwind Alliance, represented by Dr. Tom Brandt.",
     ("Tom Brandt", "Northwind Alliance", "member")),
    ("fr", "Les participants ont été accueillis par le Président de l’Université de Lorvane, le Pr Jean Morel, puis ont visité le site.",
     ("Jean Morel", "Université de Lorvane", "president")),
])
def test_represented_by_a_person_and_a_title_before_an_honorific(lang: str, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in post_triples(run(lang, text))


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fr", "L’Agence Nordev compte une quarantaine de salariés. Elle est dirigée depuis le 1er janvier 2019 par sa directrice, "
           "Marie Dubreuil.", ("Marie Dubreuil", "Agence Nordev")),
    ("en", "The Northwind Alliance has forty staff. It has been led since 2019 by its executive director, Tom Brandt.",
     ("Tom Brandt", "Northwind Alliance")),
])
def test_led_since_a_date_by_its_titled_head(lang: str, text: str, expected: tuple[str, str]) -> None:
    assert expected in {(p, b) for p, b, _ in post_triples(run(lang, text))}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fr", "Un accord de partenariat avec la société Genvia a été signé mardi par l’Agence Nordev.", {"Genvia", "Agence Nordev"}),
    ("en", "A partnership agreement with Helix Labs was signed on Tuesday by the Northwind Alliance.",
     {"Helix Labs", "Northwind Alliance"}),
])
def test_a_partner_then_the_signer_after_by(lang: str, text: str, expected: set[str]) -> None:
    assert [{name.replace("société ", "") for name in parties} for parties in _parties(run(lang, text))] == [expected]
