"""Names that are no body, from outside knowledge (round 15): a field of study alone, a body's
internal office, a status title, any country's adjective of nationality, an English compound
adjective; and "X of A and B" where A and B are fields is one name. Every sentence was written
for this test, with invented names; the real pipeline."""

from __future__ import annotations

import pytest
from article_help import orgs, run

from ecokg.loaders.articles.bodies import no_body
from ecokg.loaders.articles.generic_names import (
    a_compound_adjective,
    a_demonym,
    an_office,
    fields_only,
)


@pytest.mark.parametrize(("lang", "text", "name", "not_a_body"), [
    ("en", "Helix Labs signed a memorandum with the Lorvane College of Nursing and Midwifery on Monday.",
     "Lorvane College of Nursing and Midwifery", "Midwifery"),
    ("en", "Helix Labs will host students of the Lorvane University of Health and Allied Sciences next year.",
     "Lorvane University of Health and Allied Sciences", "Allied Sciences"),
    ("fr", "L'Institut Helix a signé une convention avec l'École de Médecine et de Pharmacie de Lorvane.",
     "École de Médecine et de Pharmacie de Lorvane", "Pharmacie de Lorvane"),
])
def test_and_between_two_fields_inside_of_does_not_cut_a_name(lang: str, text: str, name: str, not_a_body: str) -> None:
    found = orgs(run(lang, text))
    assert name in found
    assert not_a_body not in found


@pytest.mark.parametrize(("lang", "text", "field"), [
    ("fr", "Le laboratoire national de Biosûreté a été inauguré à Lorvane par l'Institut Helix.", "Biosûreté"),
    ("fr", "L'Institut Helix lance un programme de Santé Globale avec l'Université de Lorvane.", "Santé Globale"),
])
def test_a_field_alone_is_no_body(lang: str, text: str, field: str) -> None:
    found = orgs(run(lang, text))
    assert field not in found
    assert any("Helix" in o for o in found)


@pytest.mark.parametrize(("lang", "text", "office"), [
    ("en", "The deal was signed by Tomas Verenko, director, International Affairs and Cooperation; Mary Doerr, director, "
           "Planning and Monitoring, were present.", "International Affairs and Cooperation"),
    ("en", "Prof. Mary Doerr, Pro Vice-Chancellor in charge of Research and Student Affairs, signed for Helix University.",
     "Research and Student Affairs"),
    ("en", "The visitors briefed the University Management on the plans of the Arcton Institute.", "University Management"),
])
def test_an_internal_office_is_no_body(lang: str, text: str, office: str) -> None:
    assert office not in orgs(run(lang, text))


def test_a_status_title_is_no_body() -> None:
    found = orgs(run("en", "Having acquired the ‘Institute of Eminence’ tag in 2019, Helix University signed with Arcton College."))
    assert "Institute of Eminence" not in found
    assert "Helix University" in found


@pytest.mark.parametrize(("sentence", "word"), [
    ("The Malawian delegation was received by the Arcton Institute.", "Malawian"),
    ("Les Burundaises ont visité l'Institut Helix.", "Burundaises"),
    ("Helix University is helping with HIV-related diseases.", "HIV-related"),
    ("The Arcton Institute runs donor-funded clinics.", "donor-funded"),
])
def test_a_nationality_or_a_compound_adjective_is_no_body(sentence: str, word: str) -> None:
    # (the small models seldom call these a body in an invented sentence: the extractor's own check)
    at = sentence.index(word)
    assert no_body(sentence, at, at + len(word))
    assert not no_body(sentence, 0, sentence.index(" "))  # (nor every word)


def test_compound_adjectives() -> None:
    assert a_compound_adjective("HIV-related")
    assert not a_compound_adjective("Hewlett-Packard")


def test_a_country_is_no_adjective() -> None:
    assert not a_demonym("Philippines")
    assert not a_demonym("Argentine")
    assert a_demonym("Philippine")
    assert a_demonym("ghanéennes")


@pytest.mark.parametrize("name", ["Academic and Student Affairs", "Registrar", "the University Management", "Planning and Monitoring"])
def test_offices(name: str) -> None:
    assert an_office(name)


@pytest.mark.parametrize("name", ["Ministry of Foreign Affairs", "Helix University", "Student Union", "Office of the President"])
def test_bodies_are_no_offices(name: str) -> None:
    assert not an_office(name)


@pytest.mark.parametrize(("name", "field"), [("Allied Sciences", True), ("Santé Globale", True), ("Medicine and Dentistry", True),
                                             ("Helix Dentistry", False), ("School of Medicine", False)])
def test_fields_only(name: str, field: bool) -> None:
    assert fields_only(name) is field
