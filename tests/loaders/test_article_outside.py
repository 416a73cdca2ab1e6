"""Round 10: places and people decided with knowledge from outside the articles. Countries'
initialisms from pycountry's names (gazetteer.initialisms), regions of the world from the UN M49
file packaged with the extractor (gazetteer.areas, regions.tsv), a known place before a colon
opening the text, a lone known place the model calls a person, French common words by the
French pipeline's lemmatizer tables, diseases named after a place, particles inside names, a
title or a field before a given name, an initial and a surname. Each in English and in French,
on sentences written for the test (invented companies and surnames), through the real pipeline."""

from __future__ import annotations

from article_help import orgs as _orgs
from article_help import people as _people
from article_help import places as _places
from article_help import run as _run

from ecokg.loaders.articles.gazetteer import areas, initialism, initialisms, lookup
from ecokg.loaders.articles.lexical import country_initialism, english_word, french_word
from ecokg.loaders.articles.places import a_disease, currency_units, with_currency

# -- countries' initialisms -------------------------------------------------------------------


def test_initialisms_come_from_the_countries_names_in_both_languages() -> None:
    table = initialisms()
    assert table["UAE"].name == "United Arab Emirates" and table["EAU"].name == "United Arab Emirates"
    assert table["DRC"].name == table["RDC"].name  # English and French names of the DR Congo
    assert table["KSA"].name == "Saudi Arabia" and table["USA"].name == "United States"
    assert "SA" not in table  # two letters: a legal form too, and two countries' initials
    assert initialism("U.A.E.") is not None and initialism("Uae") is None


def test_an_initialism_that_is_an_english_word_is_no_country() -> None:
    assert initialism("CAR") is not None  # the Central African Republic's ...
    assert country_initialism("CAR") is None  # ... but "CAR T-cell therapy"


def test_a_country_initialism_is_a_place_not_an_organisation_in_english() -> None:
    result = _run("en", "Zentrix Labs, a UAE-based company, signed a supply agreement with Halvorn Pharma on Monday.")
    assert "UAE" in _places(result) and "UAE" not in _orgs(result)


def test_a_country_initialism_is_a_place_not_an_organisation_in_french() -> None:
    result = _run("fr", "Le laboratoire Biovarex ouvrira l'an prochain un centre de production en RDC.")
    assert "RDC" in _places(result) and "RDC" not in _orgs(result)


# -- regions of the world ---------------------------------------------------------------------


def test_the_m49_regions_are_read_from_the_packaged_file_in_both_languages() -> None:
    assert areas()["Western Africa"] == areas()["Afrique de l'Ouest"]
    assert lookup("Asie du Sud-Est") is not None and lookup("Asie du Sud-Est").kind == "area"  # type: ignore[union-attr]
    assert lookup("Southern Europe") is not None and lookup("Europe méridionale") is not None
    # a one-word region qualified by a compass point, in the order of each language
    assert lookup("Eastern Caribbean") is not None and lookup("Caraïbes orientales") is not None


def test_regions_of_the_world_are_places_in_english() -> None:
    result = _run("en", "Harlow Biotech will expand its sales into West Africa and the Eastern Caribbean next year.")
    assert {"West Africa", "Eastern Caribbean"} <= _places(result)


def test_regions_of_the_world_are_places_in_french_even_ending_in_lower_case() -> None:
    result = _run("fr", "La société Vintorix renforcera sa présence en Asie du Sud est et dans les Caraïbes orientales.")
    places = _places(result)
    assert "Asie du Sud est" in places and "Caraïbes orientales" in places
    assert "Asie du Sud" not in places and "Caraïbes" not in places  # not cut short


# -- places: a dateline's colon, a lone word, common words, diseases -------------------------


def test_a_known_place_before_a_colon_opening_the_text_is_a_dateline_in_english() -> None:
    result = _run("en", "Riyadh: Vexa Holdings and Borlan Therapeutics have today signed a memorandum of understanding.")
    assert "Riyadh" in _places(result)


def test_a_known_place_before_a_colon_opening_the_text_is_a_dateline_in_french() -> None:
    result = _run("fr", "Dakar : la société Velmora a signé un accord de partenariat avec Pharmalys.")
    assert "Dakar" in _places(result)


def test_a_lone_known_place_the_model_calls_a_person_is_the_place_in_french() -> None:
    # "Maurice" is a given name too; a given name alone names no one
    result = _run("fr", "Le technopôle Velbio fait désormais partie du paysage industriel de Maurice.")
    assert "Maurice" in _places(result) and "Maurice" not in _people(result)


def test_a_lone_known_place_the_model_calls_a_person_is_the_place_in_english() -> None:
    result = _run("en", "The Borlan plant was opened in Florence by Kira Valmont, CEO of Borlan Therapeutics.")
    assert "Florence" in _places(result) and "Florence" not in _people(result)


def test_french_common_words_are_no_places() -> None:
    result = _run("fr", "Il avait à ses côtés les ministres Paul Dravien de l’Urbanisme et de l’Habitat et Luc Bernot, Préfet de Vendrel.")
    assert not {"Habitat", "Préfet", "Urbanisme"} & _places(result)
    assert french_word("Laboratoires") and french_word("Sociales") and not french_word("Lomé")


def test_a_place_slot_keeps_a_place_the_french_lexicon_also_knows() -> None:
    result = _run("fr", "Le groupe Velmora est présent en Catalogne et à Lyon depuis 2010.")
    assert "Catalogne" in _places(result)


def test_a_disease_named_after_a_place_is_no_place() -> None:
    sentences = ["Le professeur Dravien a lutté contre Ebola.", "Il suit les malades de la maladie à virus Ebola."]
    assert a_disease("Ebola", sentences) and a_disease("Zika", ["The Zika virus spread fast."])
    assert not a_disease("Lyon", sentences)
    result = _run("fr", " ".join(sentences))
    assert "Ebola" not in _places(result)


# -- people: particles, a field before the name, initials, common words ----------------------


def test_particles_belong_to_the_name_and_a_field_before_it_does_not_in_english() -> None:
    result = _run("en", "The minister of Industry Tariq Al Venbar, said the plan would be ready by June.")
    people = _people(result)
    assert "Tariq Al Venbar" in people and not any("Industry" in p for p in people)


def test_a_title_after_a_name_with_particles_is_cut_off() -> None:
    result = _run(
        "en",
        "The MoU was signed by Dr. Layla Yusuf Al Qornani Executive Director of the Delta Research Centre at "
        "the Farnel Health Authority, and Pieter van Dorsel, CEO of Kivra Labs.",
    )
    people = _people(result)
    assert {"Layla Yusuf Al Qornani", "Pieter van Dorsel"} <= people
    assert "Layla Yusuf Al Qornani" not in _orgs(result)


def test_particles_belong_to_the_name_in_french() -> None:
    result = _run("fr", "Le ministre de l’Industrie, Karim Ould Zenbar, a inauguré le site de Velmora à Nouakchott.")
    assert "Karim Ould Zenbar" in _people(result)


def test_an_initial_and_a_surname_after_a_post_are_a_person_in_english() -> None:
    result = _run("en", "\"We are proud of it,\" said Minister of the Economy and Innovation, B. Kaltenyte.")
    assert "B. Kaltenyte" in _people(result) and not any("Kaltenyte" in o for o in _orgs(result))


def test_an_initial_and_a_surname_after_a_post_are_a_person_in_french() -> None:
    result = _run("fr", "Le projet a été présenté par le ministre de l’Économie, J. Varneuil, lundi à Lyon.")
    assert "J. Varneuil" in _people(result)


def test_a_ministry_s_domains_are_no_person_in_french() -> None:
    result = _run("fr", "Le Ministre de la Santé et de la Protection Sociale, Prof Alain DRAVIEN, a inauguré le bâtiment à Lomé.")
    assert "Protection Sociale" not in _people(result)
    assert "Lomé" in _places(result)


def test_english_plurals_are_common_words() -> None:
    assert english_word("Technologies") and english_word("Sciences") and not english_word("Kaltenyte")


# -- a country beside a currency's unit -------------------------------------------------------


def test_currency_units_come_from_iso_4217() -> None:
    units = currency_units()
    assert {"dollar", "franc", "euro", "rupee"} <= units
    assert with_currency("soit 1,4 million de dollars US pour", 28, 30)
    assert not with_currency("les Etats-Unis et le Canada", 4, 14)


def test_a_country_qualifying_a_currency_is_no_place_in_french() -> None:
    result = _run("fr", "Le laboratoire de Velmora a coûté environ 1,5 million de dollars US, financés par l’Etat.")
    assert "US" not in _places(result)


def test_a_country_qualifying_a_currency_is_no_place_in_english() -> None:
    result = _run("en", "Harlow Biotech raised 40 million US dollars from Kivra Capital in Boston.")
    assert "US" not in _places(result) and "Boston" in _places(result)


# -- a place, "and", then a name and its acronym ---------------------------------------------


def test_a_place_before_and_is_not_in_the_name_an_acronym_spells_in_english() -> None:
    result = _run(
        "en",
        "The Velmora Group built much of the local infrastructure, including the Kestrel science district in Harlem "
        "and Bio-Analytics & Cell Growth (BACG) Park at the Orvan Plant Science Center.",
    )
    assert "Harlem" in _places(result) and "Harlem" not in _orgs(result)
    assert "Bio-Analytics & Cell Growth" in _orgs(result) and not any(o.startswith("Harlem") for o in _orgs(result))


def test_a_place_before_and_is_not_in_the_name_an_acronym_spells_in_french() -> None:
    result = _run("fr", "Le groupe Velmora est présent à Bellecour et Recherche & Développement Kestrel (RDK), près de Lyon.")
    assert "Bellecour" in _places(result) and not any(o.startswith("Bellecour") for o in _orgs(result))
