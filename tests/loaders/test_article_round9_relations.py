"""Posts and agreements in forms any press release writes (issue 17, round 9): the usual titles the
lexicon lacked (PD-G, P-DG, SVP, executive supervisor, directrice générale déléguée), a post in
brackets holding its body's acronym in brackets, several people with their titles in one sentence
("X, and the president of Y, Dr. Z"; "X, president of A, B president Z": B is Z's), a will to work
together with adverbs in between, the parties of a signed convention listed in the next sentence
("Il s'agit de A, B et C") and that convention described again ("Ce protocole ... est ... entre
des chercheurs": no second agreement). Every sentence was written for this test, with invented
names, in English and in French; the real pipeline."""

from __future__ import annotations

import pytest
from article_help import agreements_with_status, post_triples, run


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # abbreviations and feminine forms of the lexicon
    ("fr", "Marie Dubreuil, PD-G de la société Genvia, a inauguré le laboratoire.",
     ("Marie Dubreuil", "Genvia", "chief-executive")),
    ("fr", "Paul Roussel, P-DG de la société Genvia, a inauguré le laboratoire.",
     ("Paul Roussel", "Genvia", "chief-executive")),
    ("fr", "Marie Dubreuil, directrice générale déléguée de la société Genvia, a inauguré le laboratoire.",
     ("Marie Dubreuil", "Genvia", "director-general")),
    ("en", "Jane Holloway, SVP of Arcton Labs, opened the new site.", ("Jane Holloway", "Arcton Labs", "vice-president")),
    ("en", "Jane Holloway, EVP of Arcton Labs, opened the new site.", ("Jane Holloway", "Arcton Labs", "vice-president")),
    ("en", "Jane Holloway, CMO of Arcton Labs, opened the new site.", ("Jane Holloway", "Arcton Labs", "leader")),
    ("fr", "Marie Dubreuil, cheffe de service à l'Hôpital Nordev de Lorvane, a inauguré le laboratoire.",
     ("Marie Dubreuil", "Hôpital Nordev de Lorvane", "leader")),
    ("fr", "Paul Roussel, haut-commissaire de l'Agence Nordev, a inauguré le laboratoire.",
     ("Paul Roussel", "Agence Nordev", "leader")),
    ("en", "The MoU was inked by the executive supervisor of the Solvik Alliance, Dr. Tom Brandt, in Lorvik.",
     ("Tom Brandt", "Solvik Alliance", "leader")),
])
def test_usual_titles_of_the_lexicon(lang: str, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in post_triples(run(lang, text))


def test_a_post_in_brackets_holding_an_acronym_in_brackets() -> None:
    result = run("fr", "Le protocole a été signé par Marie Dubreuil (PD-G de la société Genvia (SGV)) et ses équipes.")
    assert ("Marie Dubreuil", "Genvia", "chief-executive") in post_triples(result)


def test_and_the_president_of_y_opens_a_new_phrase() -> None:
    # The second title is the second person's, though the first person's comma comes before it.
    result = run("en", "The MoU was inked by the executive supervisor of the Solvik Alliance, Dr. Tom Brandt, and the "
                 "president of Arcton Labs, Dr. Jane Holloway, according to the embassy.")
    posts = post_triples(result)
    assert ("Jane Holloway", "Arcton Labs", "president") in posts
    assert ("Tom Brandt", "Arcton Labs", "president") not in posts


def test_a_body_before_the_next_persons_title_is_not_coordinated() -> None:
    result = run("en", "Dr. Jane Holloway, president and CEO at Arcton Labs, Vantor Biologics president Tom Brandt, and "
                 "Solvik Research Institute CEO Paul Ivers met in Lorvik.")
    posts = post_triples(result)
    assert ("Jane Holloway", "Arcton Labs", "chief-executive") in posts
    assert not any(p == "Jane Holloway" and o == "Vantor Biologics" for p, o, _ in posts)
    assert ("Tom Brandt", "Vantor Biologics", "president") in posts


@pytest.mark.parametrize(("lang", "text", "parties"), [
    ("en", "Arcton Labs and Vantor Biologics agreed to not only work more closely with each other but to share data.",
     {"Arcton Labs", "Vantor Biologics"}),
    ("fr", "La société Genvia et l'Université de Lorvane ont convenu de travailler plus étroitement ensemble.",
     {"Genvia", "Université de Lorvane"}),
])
def test_a_will_to_work_together_with_adverbs(lang: str, text: str, parties: set[str]) -> None:
    assert agreements_with_status(run(lang, text)) == [(frozenset(parties), "signed")]


def test_the_parties_of_a_signing_listed_in_the_next_sentence() -> None:
    result = run("fr", "La salle a servi de cadre pour la signature de la convention. Il s'agit de l'Institut Lorvane, "
                 "la société Genvia et l'Université de Tarvo, ce jeudi à Lorvane. Ce protocole d'accord est "
                 "l'aboutissement de collaborations entre des chercheurs de l'Agence Nordev et de Vantor Biologics.")
    agreements = agreements_with_status(result)
    assert [parties for parties, _ in agreements] == [frozenset({"Institut Lorvane", "Genvia", "Université de Tarvo"})]


def test_a_list_without_a_signing_before_is_no_agreement() -> None:
    result = run("fr", "La salle a servi de cadre pour la conférence. Il s'agit de l'Institut Lorvane, la société Genvia et "
                 "l'Université de Tarvo.")
    assert agreements_with_status(result) == []


def test_the_parties_listed_next_in_english() -> None:
    result = run("en", "The hall hosted the signing of the convention on Thursday. The parties are Arcton Labs, "
                       "Vantor Biologics and the Solvik Research Institute.")
    assert [parties for parties, _ in agreements_with_status(result)] == [
        frozenset({"Arcton Labs", "Vantor Biologics", "Solvik Research Institute"})]


def test_et_le_president_de_opens_a_new_phrase() -> None:
    result = run("fr", "Étaient présents la directrice de la société Genvia, Mme Marie Dubreuil, et le président de "
                       "l'Agence Nordev, M. Paul Roussel, pour la signature.")
    posts = post_triples(result)
    assert ("Paul Roussel", "Agence Nordev", "president") in posts
    assert ("Marie Dubreuil", "Agence Nordev", "president") not in posts


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fr", "Le pôle Nordev était pour sa part représenté par M. Paul Roussel, Directeur, ainsi que Mme Marie Dubreuil, "
           "Directrice scientifique.",
     {("Paul Roussel", "Nordev", "leader"), ("Marie Dubreuil", "Nordev", "leader")}),
    ("en", "Arcton Labs was represented by Dr. Jane Holloway, Chief Medical Officer, and Tom Brandt, Treasurer.",
     {("Jane Holloway", "Arcton Labs", "leader"), ("Tom Brandt", "Arcton Labs", "board-member")}),
])
def test_represented_by_people_with_bare_titles(lang: str, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= post_triples(run(lang, text))


def test_a_represented_persons_title_naming_its_own_body_is_not_the_represented_bodys() -> None:
    result = run("fr", "Le pôle Nordev était représenté par M. Paul Roussel, directeur de la société Genvia.")
    posts = post_triples(result)
    assert ("Paul Roussel", "Genvia", "leader") in posts
    assert not any(o == "Nordev" for _, o, _ in posts)


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Solvik University has opened a new laboratory in Lorvik. Chancellor Tom Brandt said the lab would open in May.",
     ("Tom Brandt", "Solvik University", "leader")),
    ("fr", "L'Université de Lorvane a inauguré un laboratoire. Le recteur Paul Roussel a rappelé son histoire.",
     ("Paul Roussel", "Université de Lorvane", "leader")),
])
def test_a_university_title_before_the_name_with_no_body_named(lang: str, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in post_triples(run(lang, text))


def test_a_university_title_without_a_university_before_gives_no_post() -> None:
    result = run("en", "Arcton Labs has opened a new laboratory in Lorvik. Chancellor Tom Brandt said the lab would open in May.")
    assert post_triples(result) == set()


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Invitée par l'Agence Nordev, la commission santé a visité le site. Il est dirigé par son directeur, Paul Roussel."),
    ("en", "Invited by the Nordlys Agency, the health committee visited the site. It is led by its director, Tom Brandt."),
])
def test_an_opening_participles_agent_is_not_the_subject(lang: str, text: str) -> None:
    # "Il" / "It" is the site, not the agency that invited the committee: no post at the agency.
    posts = post_triples(run(lang, text))
    assert not any(o in ("Nordev", "Agence Nordev", "Nordlys Agency") for _, o, _ in posts)


def test_a_bracket_of_fields_ends_no_clause_and_names_no_party() -> None:
    result = run("en", "Arcton Labs (head office: Lorvik; chairman of the board: Tom Brandt; hereinafter \"AL\"), an "
                       "association based in Lorvik, has concluded a memorandum of understanding (MOU) on cooperation "
                       "aimed at creating innovations in the life sciences with Vantor Biologics.")
    assert [parties for parties, _ in agreements_with_status(result)] == [frozenset({"Arcton Labs", "Vantor Biologics"})]


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "L'assemblée s'est tenue à l’Université de Lorvane. On notait la présence de M. Paul Roussel, Vice-Président "
           "de l’Université délégué à la Recherche."),
    ("en", "The meeting took place at Solvik University. Among the guests was Paul Roussel, vice-president of the "
           "university for research."),
])
def test_a_kind_words_title_with_its_own_field_after_the_kind(lang: str, text: str) -> None:
    university = "Université de Lorvane" if lang == "fr" else "Solvik University"
    assert ("Paul Roussel", university, "vice-president") in post_triples(run(lang, text))


@pytest.mark.parametrize(("lang", "text", "people", "body"), [
    ("fr", "Le projet réunit Paul Roussel, Pr Jean Marchal et Pr Luc Fabre, tous de chevronnés chercheurs du Centre de "
           "Recherche de Lorvane (CRL).", {"Paul Roussel", "Jean Marchal", "Luc Fabre"}, "Centre de Recherche de Lorvane"),
    ("en", "The project brings together Tom Brandt and Jane Holloway, both researchers at Solvik Research Institute.",
     {"Tom Brandt", "Jane Holloway"}, "Solvik Research Institute"),
])
def test_researchers_of_a_body_coordinated_with_honorifics(lang: str, text: str, people: set[str], body: str) -> None:
    posts = post_triples(run(lang, text))
    assert {(person, body, "member") for person in people} <= posts


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fr", "Le projet réunit Paul Roussel et Jean Marchal (Agence Nordev), ainsi que leurs équipes.",
     {("Paul Roussel", "Agence Nordev", "member"), ("Jean Marchal", "Agence Nordev", "member")}),
    # each name with its own brackets keeps its own body
    ("en", "The project brings together Tom Brandt (Arcton Labs) and Jane Holloway (Vantor Biologics).",
     {("Tom Brandt", "Arcton Labs", "member"), ("Jane Holloway", "Vantor Biologics", "member")}),
])
def test_a_body_in_brackets_after_coordinated_names(lang: str, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert post_triples(run(lang, text)) == expected


@pytest.mark.parametrize(("lang", "text", "post", "not_at"), [
    ("fr", "Présidée par M. Paul Roussel, vice-président de l'Agence Nordev, la société Genvia a tenu son assemblée générale.",
     ("Paul Roussel", "Agence Nordev", "vice-president"), "Genvia"),
    ("en", "Chaired by Tom Brandt, president of Arcton Labs, the Vantor Biologics board met in Lorvik.",
     ("Tom Brandt", "Arcton Labs", "president"), "Vantor Biologics"),
])
def test_a_comma_alone_after_a_posts_body_is_no_list(lang: str, text: str, post: tuple[str, str, str], not_at: str) -> None:
    posts = post_triples(run(lang, text))
    assert post in posts
    assert not any(o == not_at and r == post[2] for _, o, r in posts)
