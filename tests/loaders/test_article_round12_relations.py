"""Posts and agreements in forms any press release writes (issue 17, round 12): every person a
board list names holds a seat at the body whose board it is (a list after the board's word,
people joining it, officers of a board named without its body, "Serving as chairman of Y will
be X"); a body then a post of a field ("X, Acme vice president of industry affairs"); a
complement's own title in a French list of guests; a head of office whose office is given by its
acronym in brackets; a ministry written domain first; one signer's two titles are never two
parties. Every sentence was written for this test, with invented names; the real pipeline."""

from __future__ import annotations

import pytest
from article_help import run

from ecokg.loaders.articles import Extraction


def _posts(result: Extraction) -> set[tuple[str, str]]:
    return {(person.label, result.entities[post["organization"]].label) for person in result.of_class("Person") for post in person.posts}


def _parties(result: Extraction) -> set[frozenset[str]]:
    return {frozenset(result.entities[v].label for v, _, _ in a.props["signatories"]) for a in result.of_class("Agreement")}


@pytest.mark.parametrize(("lang", "text", "body", "members", "own"), [
    ("en", "Helix Labs announced three appointments to its board of directors: Jane Roe, chief financial officer at "
           "Acme Therapeutics; Dr. Tom Brandt, dean of medicine at Solvik University; and Anna Weber, partner at Nordlys Ventures.",
     "Helix Labs", {"Jane Roe", "Tom Brandt", "Anna Weber"}, ("Tom Brandt", "Solvik University")),
    ("fr", "Le pôle Nordev a dévoilé la composition de son conseil d'administration : Marie Darmel, directrice de Genvia ; "
           "Paul Roussel, président de l'Université de Lorvane ; et Luc Morel, gérant de Biolys.",
     "Nordev", {"Marie Darmel", "Paul Roussel", "Luc Morel"}, ("Paul Roussel", "Université de Lorvane")),
])
def test_a_list_after_a_board_seats_every_member_at_its_body(
        lang: str, text: str, body: str, members: set[str], own: tuple[str, str]) -> None:
    posts = _posts(run(lang, text))
    assert {person for person, at in posts if at == body} == members
    assert own in posts  # each item's own post stays


@pytest.mark.parametrize(("lang", "text", "body"), [
    ("en", "Jane Roe and Tom Brandt have joined the board of directors of the Northwind Alliance.", "Northwind Alliance"),
    ("fr", "Marie Darmel et Paul Roussel ont rejoint le conseil d'administration de la société Genvia.", "Genvia"),
])
def test_people_who_join_a_board_hold_a_seat_there(lang: str, text: str, body: str) -> None:
    posts = _posts(run(lang, text))
    assert {person for person, at in posts if at == body} == ({"Jane Roe", "Tom Brandt"} if lang == "en" else {"Marie Darmel", "Paul Roussel"})


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Jane Roe has been appointed to Helix Labs' board of directors."),
    ("en", "Jane Roe, who serves on the board of Helix Labs, spoke at the event."),
    ("fr", "Marie Darmel fait son entrée au conseil d'administration de la société Genvia."),
    ("fr", "Marie Darmel siège au conseil de surveillance de la société Genvia."),
])
def test_a_seat_taken_or_held(lang: str, text: str) -> None:
    assert _posts(run(lang, text)) == ({("Jane Roe", "Helix Labs")} if lang == "en" else {("Marie Darmel", "Genvia")})


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Helix Labs has grown fast. Jane Roe, chief executive of Acme Therapeutics, also serves on the board of several companies."),
    ("fr", "Le pôle Nordev grandit. Marie Darmel, directrice de la société Biolys, siège au conseil d'administration de plusieurs sociétés."),
])
def test_the_board_of_something_not_named_gives_no_seat(lang: str, text: str) -> None:
    assert len(_posts(run(lang, text))) == 1  # the person's own post only, no seat at the article's first body


@pytest.mark.parametrize(("text", "seated"), [
    ("L'association Biolys a tenu son assemblée générale. Le nouveau bureau est composé de Marie Darmel, présidente, "
     "de Paul Roussel, trésorier, et de Luc Morel.", {"Marie Darmel", "Paul Roussel", "Luc Morel"}),
    ("Le bureau de l'association Biolys est composé de Marie Darmel et de Paul Roussel.", {"Marie Darmel", "Paul Roussel"}),
    # an office ("bureau") of a body is no board
    ("Le bureau de la société Genvia à Lorvik : Marie Darmel et Paul Roussel y travaillent.", set()),
])
def test_an_associations_bureau_heading_its_list(text: str, seated: set[str]) -> None:
    assert {person for person, _ in _posts(run("fr", text))} == seated


@pytest.mark.parametrize(("lang", "text", "own"), [
    ("en", "Helix Labs opened a plant. Jane Roe, chief executive of Acme Therapeutics, told the board: Tom Brandt will lead the project.",
     {("Jane Roe", "Acme Therapeutics")}),
    ("fr", "Le pôle Nordev a ouvert un site. Marie Darmel, directrice de la société Genvia, a déclaré au conseil d'administration : "
           "Paul Roussel dirigera le projet.", {("Marie Darmel", "Genvia")}),
    ("en", "Jane Roe, chief executive of Helix Labs, which joined the board of the Nordlys Alliance last year, spoke.",
     {("Jane Roe", "Helix Labs")}),
    ("fr", "Marie Darmel, directrice de la société Genvia, laquelle a rejoint le conseil d'administration du pôle Nordev, a parlé.",
     {("Marie Darmel", "Genvia")}),
])
def test_no_seat_for_a_board_spoken_to_or_joined_by_a_body(lang: str, text: str, own: set[tuple[str, str]]) -> None:
    assert _posts(run(lang, text)) == own


@pytest.mark.parametrize(("lang", "text", "body", "chair", "others"), [
    ("en", "The Northwind Alliance has named new officers. Serving as chairman of the Northwind Alliance will be Tom Brandt, "
           "vice president for research at Solvik University. Other board members include Brandt; Jane Roe, president of "
           "Acme Therapeutics; and Lorvik Commerce Secretary Anna Weber.",
     "Northwind Alliance", "Tom Brandt", {"Jane Roe", "Anna Weber"}),
    ("fr", "Le réseau Nordev renouvelle ses instances. Président du réseau Nordev sera Paul Roussel, directeur de Genvia. "
           "Les autres administrateurs sont Marie Darmel, présidente de Biolys, et Luc Morel.",
     "Nordev", "Paul Roussel", {"Marie Darmel", "Luc Morel"}),
])
def test_a_chair_named_title_first_then_the_other_board_members(
        lang: str, text: str, body: str, chair: str, others: set[str]) -> None:
    result = run(lang, text)
    posts = _posts(result)
    assert (chair, body) in posts
    assert others <= {person for person, at in posts if at == body}
    # "Other board members include Brandt": the surname alone is the chair named before, no one else
    assert {c.label for c in result.of_class("Person")} == {chair, *others}


@pytest.mark.parametrize(("lang", "text", "officers"), [
    ("en", "The Northwind Alliance has announced new leadership. Jane Roe, vice president of Acme Therapeutics, will assume "
           "the role of board chair, while Tom Brandt, director of Helix Labs, will serve as vice chair.",
     {("Jane Roe", "president"), ("Tom Brandt", "vice-president")}),
    ("fr", "Le réseau Nordev a renouvelé sa gouvernance. Marie Darmel, directrice de Genvia, sera présidente du conseil "
           "d'administration, tandis que Paul Roussel, directeur de Biolys, sera vice-président du conseil.",
     {("Marie Darmel", "president"), ("Paul Roussel", "vice-president")}),
])
def test_a_board_officer_without_its_body_is_at_the_body_the_article_opens_with(lang: str, text: str, officers: set[tuple[str, str]]) -> None:
    result = run(lang, text)
    body = "Northwind Alliance" if lang == "en" else "Nordev"
    found = {(person.label, post["role"]) for person in result.of_class("Person") for post in person.posts
             if result.entities[post["organization"]].label == body}
    assert found == officers


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The board of Acme Therapeutics met on Tuesday with Jane Roe, chief executive of Helix Labs."),
    ("fr", "Le conseil d'administration de la société Genvia a reçu Marie Darmel, directrice de Biolys, le 3 mars."),
])
def test_a_board_that_meets_someone_gives_no_seat(lang: str, text: str) -> None:
    posts = _posts(run(lang, text))
    assert not {at for _, at in posts} & {"Acme Therapeutics", "Genvia"}
    assert len(posts) == 1  # the guest's own post only


def test_a_body_then_a_post_of_a_field() -> None:
    posts = _posts(run("en", "Other speakers were Jane Roe; Dan Morel, Helix Labs vice president of industry and government "
                             "affairs; and Tom Brandt."))
    assert posts == {("Dan Morel", "Helix Labs")}


def test_an_associate_vice_president_works_at_the_body() -> None:
    posts = _posts(run("en", "The panel welcomed Dr. Tom Brandt, associate vice president for research at Solvik University."))
    assert posts == {("Tom Brandt", "Solvik University")}


def test_a_french_complement_opens_its_own_title() -> None:
    # "aux côtés du président de A, M. X, du directeur de B (ACR), Dr. Y": Y's post at B, not X's
    result = run("fr", "Le préfet était entouré du président de la société Genvia, M. Paul Roussel, du directeur de "
                       "l'Institut Nordev (INV), Dr. Luc Morel et de Marie Darmel.")
    assert ("Luc Morel", "Institut Nordev") in _posts(result)


@pytest.mark.parametrize(("text", "posts"), [
    ("The ceremony was attended by the Minister of Health and Social Affairs (MHSA), Dr. Jane Roe, and Tom Brandt.",
     {("Jane Roe", "MHSA")}),
    # an acronym that does not spell the office names another body: no post
    ("The ceremony was attended by the Minister of Health and Social Affairs (NORAD), Dr. Jane Roe, and Tom Brandt.", set()),
])
def test_a_head_of_office_whose_office_is_given_by_its_acronym(text: str, posts: set[tuple[str, str]]) -> None:
    assert _posts(run("en", text)) == posts


def test_a_ministry_written_domain_first_is_the_ministers_office() -> None:
    result = run("en", "The letter was welcomed by Economy Minister Tom Brandt. According to the Economy Ministry, the plan "
                       "will bring investment.")
    assert ("Tom Brandt", "Economy Ministry") in _posts(result)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The memorandum was signed on 2 May at the Lorvik Forum by Tom Brandt, president of Helix Labs and president "
           "of Acme Therapeutics."),
    ("fr", "Le protocole a été signé le 2 mai au forum de Lorvik par Paul Roussel, président de la société Genvia et "
           "président de la société Biolys."),
])
def test_one_signers_two_titles_are_not_two_parties(lang: str, text: str) -> None:
    result = run(lang, text)
    assert _parties(result) == set()
    assert len(_posts(result)) == 2


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The government has signed a letter of intent with the Helix Institute. The letter of intent was signed on "
           "2 May by Tom Brandt, director of the Lorvik Trade Agency, and Jane Roe, president of the Helix Institute."),
    ("fr", "Le gouvernement a signé une lettre d'intention avec l'Institut Nordev. La lettre d'intention a été signée le "
           "2 mai par Paul Roussel, directeur de l'Agence Solvik, et Marie Darmel, présidente de l'Institut Nordev."),
])
def test_an_agreement_named_again_is_not_a_new_one_of_its_signers_bodies(lang: str, text: str) -> None:
    result = run(lang, text)
    assert _parties(result) == set()
    assert len(_posts(result)) == 2  # the signers' posts stay
