"""The model's spans corrected by their shape (tagged.py, round 5): a post glued before a
person's name or after a dash, a person after an organisation's possessive or after a post and
a comma, a month or a domain read as a place or an organisation, a list of first names, a bare
"the" between two names, companies of common words in a list, "Technopole" and "Département"
as kinds of body. Each in English and in French, on sentences written for the test (invented
names), through the real pipeline."""

from __future__ import annotations

import pytest
from article_help import orgs as _orgs
from article_help import people as _people
from article_help import places as _places
from article_help import run as _run

from ecokg.loaders.articles.ner import Names
from ecokg.loaders.articles.tagged import refine


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("Scientist Avi Loren", "Avi Loren"),  # "Chief Scientist Avi Loren": the post's last word
        ("M. Paul DURAND - Président", "Paul DURAND"),  # a post after a dash, an honorific before
        ("Head", ""),  # a post alone is no one
        ("Marta Quist", "Marta Quist"),
    ],
)
def test_a_persons_span_keeps_the_name_only(span: str, expected: str) -> None:
    found = refine(f"Words before {span} and after.", Names(persons={span}))
    assert found.persons == ({expected} if expected else set())


@pytest.mark.parametrize(
    ("lang", "text", "person", "not_org"),
    [
        ("en", "Last month, the Alliance’s Tomas Ferreira led a trade mission of eight companies to Lisbon.",
         "Tomas Ferreira", "Alliance’s Tomas Ferreira"),
        ("fr", "L’accord a été signé avec l’Agence régionale de l’eau, représentée par sa directrice générale, Lucie Ormand.",
         "Lucie Ormand", "Lucie Ormand"),
    ],
)
def test_a_person_after_a_possessive_or_a_post_and_a_comma(lang: str, text: str, person: str, not_org: str) -> None:
    result = _run(lang, text)
    assert person in _people(result)
    assert not_org not in _orgs(result)


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("en", "The delegation met Chief Scientist Dana Oren and Finance Minister Dr. Eli Tamar in Haifa.", "Dana Oren"),
        ("fr", "Le pôle est présidé par M. Marc LEROUX - Président de la société Verdalis - depuis mars.", "Marc LEROUX"),
    ],
)
def test_titles_around_a_name_are_not_part_of_it(lang: str, text: str, person: str) -> None:
    result = _run(lang, text)
    people = {p.casefold() for p in _people(result)}
    assert person.casefold() in people
    assert not any(w in p for p in people for w in ("scientist", "président", "m. "))
    assert "Finance" not in _places(result) | _orgs(result)  # "Finance Minister": a domain


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Oslo, March 2019 - The Fjord Health Cluster welcomed a delegation from Bergen."),
        ("fr", "Lille, mars 2019 - Le pôle Nordavia a accueilli une délégation de Gand."),
    ],
)
def test_a_datelines_month_is_not_a_place(lang: str, text: str) -> None:
    places = {p.casefold() for p in _places(_run(lang, text))}
    assert not places & {"march", "mars"}
    assert {"oslo", "lille"} & places


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "They are called Ahmed, Layla, Karim, Nadia, Rania and Omar, and most of them studied in Europe."),
        ("fr", "Ils s’appellent Ahmed, Leïla, Karim, Nadia, Rania et Omar, avec Julien et d’autres chercheurs."),
    ],
)
def test_a_list_of_first_names_names_nothing(lang: str, text: str) -> None:
    result = _run(lang, text)
    named = _orgs(result) | _places(result) | _people(result)
    assert not named & {"Ahmed", "Layla", "Leïla", "Karim", "Nadia", "Rania", "Omar", "Julien"}


def test_a_list_of_towns_stays_places() -> None:
    result = _run("fr", "Le réseau est présent à Rennes, Brest, Nantes et Angers depuis dix ans.")
    assert {"Rennes", "Brest", "Nantes", "Angers"} <= _places(result)


@pytest.mark.parametrize(
    ("lang", "text", "org"),
    [
        ("en", "During the visit in Norway the Bergen Marine Cluster organised meetings for ten companies.",
         "Bergen Marine Cluster"),
    ],
)
def test_a_bare_the_opens_the_next_name(lang: str, text: str, org: str) -> None:
    result = _run(lang, text)
    assert org in _orgs(result)
    assert not any(" the " in o for o in _orgs(result))


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Executives from Acme Scientific, General Dynamics, Nortek and Lumina Pharmaceuticals visited Oslo.",
         {"Acme Scientific", "General Dynamics", "Nortek", "Lumina Pharmaceuticals"}),
        ("fr", "Des dirigeants de Norden Scientific, General Optics, Vextra et Lumina Pharmaceuticals ont visité Lyon.",
         {"General Optics", "Lumina Pharmaceuticals"}),
    ],
)
def test_companies_of_common_words_in_a_list(lang: str, text: str, expected: set[str]) -> None:
    assert expected <= _orgs(_run(lang, text))


@pytest.mark.parametrize(
    ("lang", "text", "org", "not_org"),
    [
        ("fr", "Le projet a le soutien du Département de la Manche. La Technopole réunit trente membres.",
         "Département de la Manche", "Technopole"),
        ("en", "The Technopole brings together thirty members, with the support of the Département de la Manche.",
         "Département de la Manche", "Technopole"),
    ],
)
def test_departement_is_a_body_and_technopole_alone_a_kind(lang: str, text: str, org: str, not_org: str) -> None:
    orgs = _orgs(_run(lang, text))
    assert org in orgs
    assert not_org not in orgs


@pytest.mark.parametrize(
    ("lang", "text", "not_named"),
    [
        ("fr", "Signées en marge du forum, par le conseiller de SM le Roi et président de la fondation, Karim Belhaj, "
               "les conventions entrent en vigueur.", {"Signées", "SM le Roi", "SM"}),
        ("en", "During the official visit of the Grand Duke in Norway, the Fjord Health Cluster hosted ten companies.",
         {"Grand Duke"}),
    ],
)
def test_a_title_alone_and_an_opening_participle_name_nothing(lang: str, text: str, not_named: set[str]) -> None:
    result = _run(lang, text)
    assert not not_named & (_people(result) | _places(result) | _orgs(result))


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Essais cliniques pour les laboratoires (Nortiq), extraction d’huiles à base de plantes (Verdalia) : la liste est longue.",
         {"Nortiq", "Verdalia"}),
        ("en", "Contract research for the pharmaceutical industry (Nortiq) and natural cosmetics made from algae (Verdalia) "
               "are both on the site.", {"Nortiq", "Verdalia"}),
    ],
)
def test_one_word_in_brackets_after_a_description_is_a_company(lang: str, text: str, expected: set[str]) -> None:
    result = _run(lang, text)
    assert expected <= _orgs(result)
    assert not expected & _places(result)


def test_a_day_in_brackets_is_not_a_company() -> None:
    assert "Thursday" not in _orgs(_run("en", "The cluster announced today (Thursday) a new programme."))


def test_a_head_word_then_a_place_stays_one_name() -> None:
    orgs = _orgs(_run("en", "Researchers of the Medical Research Institute Oslo met the Helsinki team."))
    assert not {"Oslo"} & orgs


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("en", "Interest grew after Minister of Health and Care Services, Ola Brandvik announced a new fund.", "Ola Brandvik"),
        ("fr", "Le projet a été lancé après que le ministre de l’Industrie et du Commerce, Karim Tazi annonce un fonds.", "Karim Tazi"),
    ],
)
def test_a_name_after_a_ministers_title_and_a_comma_is_a_person(lang: str, text: str, person: str) -> None:
    assert person in _people(_run(lang, text))


@pytest.mark.parametrize(
    ("lang", "text", "not_named"),
    [
        ("en", "The two institutes will study Borreliosis and Leptospirosis together with the Nordic Health Cluster.",
         {"Borreliosis", "Leptospirosis"}),
    ],
)
def test_a_disease_is_no_one(lang: str, text: str, not_named: set[str]) -> None:
    result = _run(lang, text)
    assert not not_named & (_people(result) | _orgs(result))


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Bionor (Clúster biomèdic de les Terres Altes) joined the project.", "Terres Altes"),
        ("Les équipes de la Haute Vallée ont rejoint le pôle.", "Haute Vallée"),
        ("Researchers from the Green Valley joined the cluster.", "Green Valley"),
    ],
)
def test_no_ones_name_follows_an_article(sentence: str, span: str) -> None:
    assert refine(sentence, Names(persons={span})).persons == set()


def test_a_name_after_an_honorific_stays_a_person() -> None:
    assert refine("Le Pr Jean Morel a ouvert la séance.", Names(persons={"Jean Morel"})).persons == {"Jean Morel"}


@pytest.mark.parametrize(
    ("lang", "text", "org", "person"),
    [
        ("en", "LEIPZIG, Germany, May 4, 2024 – The agreement was signed by Jana Vogt, Managing Director of Health Capital Leipzig.",
         "Health Capital Leipzig", "Jana Vogt"),
        ("fr", "LILLE, France, le 4 mai 2024 – L’accord a été signé par Anne Roux, directrice générale de Santé Capitale Lille.",
         "Santé Capitale Lille", "Anne Roux"),
    ],
)
def test_a_name_ending_in_a_known_place_after_a_title_is_no_person(lang: str, text: str, org: str, person: str) -> None:
    result = _run(lang, text)
    assert org in _orgs(result)
    assert _people(result) == {person}


@pytest.mark.parametrize(
    ("lang", "text", "place"),
    [
        ("en", "The memorandum will link the life science communities of Helsinki and Tartu.", "Tartu"),
        ("fr", "La convention reliera les communautés scientifiques de Lyon et Grenoble.", "Grenoble"),
    ],
)
def test_a_name_coordinated_with_a_place_is_a_place(lang: str, text: str, place: str) -> None:
    result = _run(lang, text)
    assert place not in _orgs(result)


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("en", "The plan was welcomed by the Minister for Health, Yvonne D'Arcy, on Monday.", "Yvonne D'Arcy"),
        ("fr", "Le plan a été salué par la présidente de la Région, Maëlle O’Connor, lundi.", "Maëlle O’Connor"),
    ],
)
def test_a_surname_with_an_elided_particle(lang: str, text: str, person: str) -> None:
    assert person in _people(_run(lang, text))


@pytest.mark.parametrize(
    ("lang", "text", "org"),
    [
        ("fr", "Le CHU de Brest et l’Ifremer apporteront leur expertise au projet.", "Ifremer"),
        ("en", "The Karolinska Institutet and the Wenngren apply their expertise to the project.", "Wenngren"),
    ],
)
def test_a_name_beside_an_organisation_after_an_article(lang: str, text: str, org: str) -> None:
    assert org in _orgs(_run(lang, text))
