"""Round 10: what is never a body, and whole names (notbodies.py, grammar.py, shapes.py, spans.py).
A currency (ISO 4217 through pycountry, French names, plurals, "FCFA" beside an amount), a title
of the title lexicon with its domain in lower case and its acronym, a minister's portfolio, a
country's government or state (a region's stays a body), a title's field between the title and
the body, a unit named only by its field and kind "at" its parent, a directorate named by its
domains; and names read whole: an acronym whose later letters are reordered ("UEMOA"), a site
before the body it belongs to, a dash and a seat, "et de la X" closing a lower-case name, a legal
form's dot ending the sentence, an abbreviation opening a name ("St."), a complement the model
reads as a person. Each in English and in French, on sentences written for the test (invented
bodies and people; territories and currencies are real, since they are the knowledge read),
through the real pipeline."""

from __future__ import annotations

import pytest
from article_help import orgs as _orgs
from article_help import people as _people
from article_help import places as _places
from article_help import run as _run

from ecokg.loaders.articles.notbodies import (
    a_country_government,
    a_currency,
    a_portfolio,
    a_title,
    currencies,
)
from ecokg.text import fold


def _folded(names: set[str]) -> set[str]:
    return {fold(n) for n in names}


def test_currencies_come_from_iso_4217_in_both_languages() -> None:
    names, codes = currencies()
    for name in ("euro", "us dollar", "dollar americain", "dollars americains", "franc cfa", "francs cfa", "cfa franc", "roupie mauricienne"):
        assert name in names, name
    assert {"XOF", "EUR", "FCFA"} <= codes
    sentence = "Genvia a reçu 300 millions FCFA et Vantora 12 000 Francs CFA, puis AMD a suivi."
    for text, expected in (("FCFA", True), ("Francs CFA", True), ("AMD", False)):
        start = sentence.index(text)
        assert a_currency(sentence, start, start + len(text)) is expected, text


#: (language, sentence, the currency that is no body, the body the sentence names)
CURRENCIES = [
    ("fr", "Le laboratoire de la société Genvia a coûté 565.817.869 FCFA, financés par la Banque Lorvanienne.", "FCFA", "Banque Lorvanienne"),
    ("fr", "La Fondation Vantor a apporté 294 Millions de Francs CFA à la société Genvia.", "Francs CFA", "Fondation Vantor"),
    ("en", "Vantora Labs raised 40 million Euro from the Nordlys Capital fund last week.", "Euro", "Vantora Labs"),
]


@pytest.mark.parametrize(("lang", "text", "currency", "body"), CURRENCIES, ids=[f"{c[0]}-{n}" for n, c in enumerate(CURRENCIES)])
def test_a_currency_is_no_body(lang: str, text: str, currency: str, body: str) -> None:
    found = _folded(_orgs(_run(lang, text)))
    assert fold(currency) not in found
    assert fold(body) in found


def test_a_title_alone_or_with_its_domain_in_lower_case_is_no_body() -> None:
    for title in ("Ministre", "Député", "Coordonnateur", "Préfète", "Secrétaire général aux affaires régionales",
                  "Délégué régional à la recherche et à la technologie", "Minister", "Chief Operating Officer"):
        assert a_title(title), title
    for body in ("Président de Genvia", "Secretary of the Vantora Alliance", "Genvia", "Ministère de la Santé"):
        assert not a_title(body), body


#: (language, sentence, what is no body, the person or the body the sentence still gives)
TITLES = [
    ("fr", "M. Paul Vantier, Secrétaire général aux affaires régionales (SGARL), a reçu la société Genvia.",
     "Secrétaire général aux affaires régionales", "Paul Vantier"),
    ("fr", "M. Paul Vantier, Secrétaire général aux affaires régionales (SGARL), a reçu la société Genvia.", "SGARL", "Paul Vantier"),
    ("fr", "Etaient présents le Larlé Naba Kolgo, Chef traditionnel et Député, et la société Genvia.", "Député", "Genvia"),
    ("fr", "Selon Dr Anne Morvel, Coordonnateur du projet NORDLAB, la société Genvia recrute.", "Coordonnateur", "Anne Morvel"),
    ("en", "Jane Orlov, Secretary General for regional affairs (SGRA), met Vantora Labs on Monday.",
     "Secretary General for regional affairs", "Jane Orlov"),
    ("en", "Jane Orlov, Secretary General for regional affairs (SGRA), met Vantora Labs on Monday.", "SGRA", "Jane Orlov"),
]


@pytest.mark.parametrize(("lang", "text", "title", "kept"), TITLES, ids=[f"{c[0]}-{n}" for n, c in enumerate(TITLES)])
def test_a_title_and_its_acronym_are_no_body(lang: str, text: str, title: str, kept: str) -> None:
    result = _run(lang, text)
    assert fold(title) not in _folded(_orgs(result))
    assert kept in _people(result) | _orgs(result)


def test_a_ministers_portfolio_is_no_body() -> None:
    sentence = ("Il avait à ses côtés les Ministres Paul KORVAN de l’Urbanisme et de l’Habitat, Marc TALLO de "
                "l’Agriculture et des Aménagements Hydro-agricoles et la société Genvia.")
    for portfolio in ("Urbanisme", "Habitat", "Aménagements Hydro-agricoles"):
        assert a_portfolio(sentence, sentence.index(portfolio)), portfolio
    found = _folded(_orgs(_run("fr", sentence)))
    assert not found & {"urbanisme", "habitat", "amenagements hydro-agricoles"}
    assert "genvia" in found
    # another title between ends the portfolios: "..., and Chair of the X Council" is a body
    english = ("Jon Rask, Assistant to Nordland’s Minister of Trade, and Chair of the Nordland Investment and Trade Advisory "
               "Council, spoke.")
    assert not a_portfolio(english, english.index("Nordland Investment"))


def test_a_countrys_government_is_no_body_a_regions_is() -> None:
    for state in ("Gouvernement Royal du Cambodge", "Autorités du Cambodge", "Etat burkinabè", "the Emirate",
                  "Government of Norway", "Kingdom"):
        assert a_country_government(state), state
    for body in ("Government of Catalonia", "Osaka Prefectural Government", "Etat du Texas", "Administration des douanes"):
        assert not a_country_government(body), body


#: (language, sentence, the state or government that is no body, the body the sentence names)
GOVERNMENTS = [
    ("fr", "L’avenant à la convention entre l’Institut Vantor du Cambodge et le Gouvernement Royal du Cambodge a été signé.",
     "Gouvernement Royal du Cambodge", "Institut Vantor du Cambodge"),
    ("fr", "Le laboratoire a été financé par l’Etat burkinabè et la société Genvia.", "Etat burkinabè", "Genvia"),
    ("en", "Vantora Labs, the regulator of the healthcare sector in the Emirate, signed a memorandum.", "Emirate", "Vantora Labs"),
]


@pytest.mark.parametrize(("lang", "text", "state", "body"), GOVERNMENTS, ids=[f"{c[0]}-{n}" for n, c in enumerate(GOVERNMENTS)])
def test_a_countrys_state_is_no_party(lang: str, text: str, state: str, body: str) -> None:
    found = _folded(_orgs(_run(lang, text)))
    assert fold(state) not in found
    assert fold(body) in found


#: (language, sentence, a unit, a field or a directorate that is no body, the body that holds it)
UNITS = [
    ("en", "The MoU was signed by Khalid Orvan, Acting Director of Investor Attraction at Nordland Investment Office (NIO).",
     "Investor Attraction", "Nordland Investment Office"),
    ("fr", "«Nous soutenons le projet», a souligné Paul Corvel, Deputy Head of Corporate Banking à la Banque Lorvanienne vendredi.",
     "Corporate Banking", "Banque Lorvanienne"),
    ("en", "It was signed by Dr. Asha Morvan, Executive Director of the Research and Innovation Centre at Nordland Health Agency.",
     "Research and Innovation Centre", "Nordland Health Agency"),
    ("fr", "Le ministre a inauguré le bâtiment qui va abriter la Direction de la pharmacie, du médicament et des laboratoires "
     "avec la Fondation Vantor.", "Direction de la pharmacie", "Fondation Vantor"),
]


@pytest.mark.parametrize(("lang", "text", "unit", "body"), UNITS, ids=[f"{c[0]}-{n}" for n, c in enumerate(UNITS)])
def test_a_unit_or_a_titles_field_is_no_body(lang: str, text: str, unit: str, body: str) -> None:
    found = _folded(_orgs(_run(lang, text)))
    assert not [n for n in found if n.startswith(fold(unit))]
    assert fold(body) in found


#: (language, sentence, the whole name, a piece of it that must not be proposed)
WHOLE = [
    ("fr", "Etaient présents des représentants de l’Union Douanière et Tarifaire de l’Afrique du Nord (UDTNA) et de la société Genvia.",
     "Union Douanière et Tarifaire de l’Afrique du Nord", "Union Douanière"),
    ("fr", "La cérémonie a eu lieu dans la station de recherche de Korvani de l’Institut de l’Environnement et des Recherches Marines à Dakar.",
     "Institut de l’Environnement et des Recherches Marines", "Korvani de l’Institut"),
    ("en", "Chairman of the Department of Health – Abu Dhabi (DoHX), Omar Vantel, signed with Vantora Labs.",
     "Department of Health – Abu Dhabi", "Department of Health –"),
    ("en", "The Department of Health – Abu Dhabi and Vantora Labs have signed a memorandum.",
     "Department of Health – Abu Dhabi", "Department of Health –"),
    ("fr", "Ce projet s’inscrit dans le cadre de l’Alliance lorvanienne pour les sciences de la mer et de la santé.",
     "Alliance lorvanienne pour les sciences de la mer et de la santé", "Alliance lorvanienne pour les sciences de la mer"),
    ("fr", "Il se situe à l’emplacement qui abritait l’usine Korvane Textile Mills Ltd. Le technopôle Vantapark fait partie du paysage.",
     "Korvane Textile Mills Ltd", "Korvane Textile Mills Ltd. Le"),
    ("en", "Marcia Orlov, former president and CEO of the Center for Emerging Technologies, joined Vantora Labs.",
     "Center for Emerging Technologies", "Emerging Technologies"),
]


@pytest.mark.parametrize(("lang", "text", "whole", "piece"), WHOLE, ids=[f"{c[0]}-{n}" for n, c in enumerate(WHOLE)])
def test_a_name_is_read_whole(lang: str, text: str, whole: str, piece: str) -> None:
    result = _run(lang, text)
    found = _folded(_orgs(result))
    assert fold(whole) in found
    assert fold(piece) not in found
    assert fold(piece) not in _folded(_people(result))


def test_a_dash_and_a_seat_give_the_place_too() -> None:
    result = _run("en", "The Department of Health – Abu Dhabi and Vantora Labs have signed a memorandum.")
    assert "Abu Dhabi" in _places(result)


def test_an_abbreviation_opening_a_name_is_not_a_name_alone() -> None:
    for lang, text in (("en", "Vantora Labs and the St. Louis Marine Sciences Project have each committed $2 million."),
                       ("fr", "La société Genvia et la Fondation Ste. Anne Korvel ont signé une convention.")):
        found = _folded(_orgs(_run(lang, text)))
        assert not found & {"st", "ste"}
        assert any("vantora" in n or "genvia" in n for n in found)
