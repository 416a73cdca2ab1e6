"""Round 11: people and places from outside knowledge. Family names written first (the packaged
family_names.tsv: Vietnamese, Chinese, Korean), a person's name used as a body's after its kind
word ("CHU Ibn X"), geographic features (a name and a feature word, features.py) and a region
around a known place ("Calgary Metropolitan Region"). Each in English and in French where the
rule applies to both, on sentences written for the test (invented names), through the real
pipeline."""

from __future__ import annotations

import pytest
from article_help import orgs as _orgs
from article_help import people as _people
from article_help import places as _places
from article_help import run as _run

from ecokg.loaders.articles.family_names import family_first, family_names
from ecokg.loaders.articles.features import feature_places

# -- family names written first ----------------------------------------------------------------


def test_the_family_name_table_holds_the_common_names_of_each_culture() -> None:
    table = family_names()
    assert {"Nguyen", "Nguyễn", "Do", "Le", "Wang", "Zhang", "Kim", "Park"} <= table
    assert "Smith" not in table and "Dupont" not in table


def test_a_family_name_before_a_person_found_belongs_to_the_name() -> None:
    assert family_first("witnessed by Deputy Minister Do Thanh Khiem and others", "Thanh Khiem") == "Do Thanh Khiem"
    assert family_first("le vice-ministre Lê Văn Khiêm a signé", "Văn Khiêm") == "Lê Văn Khiêm"
    assert family_first("we Do Thanh Khiem", "Thanh Khiem Research Center") is None  # no person's syllables
    assert family_first("said Harold Thanh Khiem", "Thanh Khiem") is None  # Harold is no family name of the table


def test_an_english_stop_word_family_name_is_kept_in_the_person() -> None:
    result = _run("en", "The signing was witnessed by Deputy Minister of Industry Do Thanh Khiem and officials of Zentrix Labs.")
    assert "Do Thanh Khiem" in _people(result) and "Thanh Khiem" not in _people(result)


def test_a_vietnamese_name_stays_whole_in_french() -> None:
    result = _run("fr", "La cérémonie s'est tenue en présence du vice-ministre Do Van Khiem et de Zentrix.")
    assert _people(result) == {"Do Van Khiem"}


# -- a person's name used as a body's -----------------------------------------------------------


def test_a_name_after_a_body_kind_word_is_no_person_in_french() -> None:
    result = _run("fr", "Une convention de jumelage lie Zentrix au CHU Ibn Khaldar de Rabat et à la Résidence universitaire Omar Vellani II.")
    assert not _people(result) & {"Ibn Khaldar", "Omar Vellani II"}


def test_a_name_after_a_body_kind_word_is_no_person_in_english() -> None:
    result = _run("en", "Zentrix Labs also works with the clinic Ibn Khaldar and the campus Omar Vellani II in Oran.")
    assert not _people(result) & {"Ibn Khaldar", "Omar Vellani II"}


def test_a_name_after_a_field_word_stays_a_person() -> None:
    # "Health" names a ministry's domain, not a body named after someone
    result = _run("en", "It is a step for research, says Minister of Social Affairs and Health Laura Kessmoor.")
    assert "Laura Kessmoor" in _people(result)


# -- geographic features -----------------------------------------------------------------------


def test_features_in_english_are_places() -> None:
    result = _run("en", "Zentrix Labs is located along the Varnholt Harbour waterfront on the eastern tip of the Kessmoor peninsula.")
    assert {"Varnholt Harbour", "Kessmoor peninsula"} <= _places(result)


def test_features_in_french_are_places() -> None:
    result = _run("fr", "Le laboratoire de Zentrix est installé au bord du lac Varnholt, près de la baie de Kessmoor.")
    assert {"Lac Varnholt", "Baie de Kessmoor"} <= {p[:1].upper() + p[1:] for p in _places(result)}


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "The Varnholt Valley group, which includes Zentrix Labs, signed a deal."),  # a body named after its region
        ("en", "HealthCare Varnholt Valley signed a deal."),  # the end of a longer name
        ("en", "The Varnholt Harbour Authority signed a deal."),  # a capitalised word after the feature
        ("fr", "Le slogan Varnholt Valley médicale est lancé."),  # the English order is not read in French
    ],
)
def test_a_feature_word_inside_another_name_is_no_feature(lang: str, sentence: str) -> None:
    assert not feature_places(sentence, lang)


def test_a_region_around_a_known_place_is_a_place_not_a_body() -> None:
    result = _run("en", "The deal will grow the life sciences industry in the Calgary Metropolitan Region, said Zentrix Labs.")
    assert "Calgary Metropolitan Region" in _places(result) and "Calgary Metropolitan Region" not in _orgs(result)
    assert not feature_places("The Calgary Region Economic Council met.", "en")  # a body's name goes on
