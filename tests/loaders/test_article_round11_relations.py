"""Posts and agreements in forms any press release writes (issue 17, round 11): a charter or a
joint declaration is an agreement; the two sides of "d'une part ... d'autre part" pair across,
never within, and a side that is a country leaves none; a title on one side is no post on the
other; a ministry written with its level ("the Federal Ministry of Health") is the office of
"the minister of health"; "she served as director of A and vice president of B" gives the posts
of the one person named just before. Every sentence was written for this test, with invented
names; the real pipeline."""

from __future__ import annotations

import pytest
from article_help import run

from ecokg.loaders.articles import Extraction


def _posts(result: Extraction) -> set[tuple[str, str]]:
    return {(person.label, result.entities[post["organization"]].label) for person in result.of_class("Person") for post in person.posts}


def _parties(result: Extraction) -> set[frozenset[str]]:
    return {frozenset(result.entities[v].label for v, _, _ in a.props["signatories"]) for a in result.of_class("Agreement")}


@pytest.mark.parametrize(("lang", "text", "pair"), [
    ("en", "Helix Labs and the Arcton Institute signed a charter to develop digital health in the region.",
     {"Helix Labs", "Arcton Institute"}),
    ("en", "Helix Labs and the Arcton Institute signed a joint declaration on vaccine research.", {"Helix Labs", "Arcton Institute"}),
    ("fr", "L'Agence Solvik et le pôle Nordev ont signé une charte pour le développement de la e-santé.", {"Agence Solvik", "Nordev"}),
    ("fr", "L'Agence Solvik et le pôle Nordev ont signé une déclaration commune sur la recherche.", {"Agence Solvik", "Nordev"}),
])
def test_a_charter_or_a_joint_declaration_is_an_agreement(lang: str, text: str, pair: set[str]) -> None:
    assert _parties(run(lang, text)) == {frozenset(pair)}


@pytest.mark.parametrize(("lang", "text", "person"), [
    ("fr", "Le ministre Paul Roussel a présidé la signature de trois conventions liant le Portugal, représenté par "
           "Jean Darmel, délégué aux Affaires Etrangères d'une part et l'Institut Nordev et l'Université de Lorvane d'autre part.",
     "Jean Darmel"),
    ("en", "The ceremony marked two agreements between Portugal, represented by Tom Brandt, deputy minister of Trade, "
           "on the one hand and Helix Labs and the University of Lorvik on the other hand.", "Tom Brandt"),
])
def test_a_country_on_one_side_leaves_no_agreement_and_no_post_across(lang: str, text: str, person: str) -> None:
    result = run(lang, text)
    assert _parties(result) == set()
    assert {b for p, b in _posts(result) if p == person} == set()


def test_the_sides_pair_across() -> None:
    result = run("fr", "Des conventions ont été signées entre l'Agence Solvik d'une part et l'Institut Nordev et l'Université de Lorvane d'autre part.")
    assert _parties(result) == {frozenset({"Agence Solvik", "Institut Nordev"}), frozenset({"Agence Solvik", "Université de Lorvane"})}


@pytest.mark.parametrize(("lang", "text", "person", "body"), [
    ("en", "The minister of health, Tom Brandt who signed the MoU on behalf of the government in Lorvik, said the plant "
           "matters. The MoU was reviewed by the Federal Ministry of Health and the Federal Ministry of Justice.",
     "Tom Brandt", "Federal Ministry of Health"),
    ("fr", "Le ministre de la Santé, Paul Roussel, a salué l'accord. Le texte a été examiné par le Ministère fédéral de la Santé.",
     "Paul Roussel", "Ministère fédéral de la Santé"),
])
def test_a_ministry_with_its_level_is_the_ministers_office(lang: str, text: str, person: str, body: str) -> None:
    assert (person, body) in _posts(run(lang, text))


@pytest.mark.parametrize(("lang", "text", "person", "bodies"), [
    ("en", "At Helix Labs, Ms. Jane Roe oversees government relations. Prior to joining Helix in 2015, she served as "
           "deputy director of government affairs for the Arcton Institute and vice president of sales for technology startup Vorlix.",
     "Jane Roe", {"Arcton Institute", "Vorlix"}),
    ("fr", "Chez Helix Labs, Mme Claire Darmel dirige les affaires publiques. Auparavant, elle a été directrice des ventes "
           "de l'Institut Nordev puis présidente de la société Vorlix.", "Claire Darmel", {"Institut Nordev", "Vorlix"}),
])
def test_a_pronoun_holds_the_posts_of_the_person_named_before(lang: str, text: str, person: str, bodies: set[str]) -> None:
    assert bodies <= {b for p, b in _posts(run(lang, text)) if p == person}


def test_a_pronoun_after_two_people_holds_no_post() -> None:
    result = run("en", "Jane Roe and Tom Brandt met in Lorvik. Before that, she served as director of sales for the Arcton Institute.")
    assert not any(b == "Arcton Institute" for _, b in _posts(result))
