"""Round 12: people and places from outside knowledge. Regions of a country no ISO list holds
(country_regions.tsv: France's regions of 1982-2015, the US census regions), a known place that
ends a body's name, the model's pieces of a known place, units after an amount and genera of
vectors and pathogens (genera.tsv), a long post before a name, a title glued to a surname, a name
after "l'institut", and Malay names. Both languages where the rule applies to both, on sentences
written for the test (invented names, real places), through the real pipeline."""

from __future__ import annotations

from article_help import orgs as _orgs
from article_help import people as _people
from article_help import places as _places
from article_help import run as _run

from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.lexical import seat_complement
from ecokg.loaders.articles.ner import Names
from ecokg.loaders.articles.shapes import person_part
from ecokg.loaders.articles.tagged import _place_beside, _post_phrase, after_amount, genera

# -- regions of a country ----------------------------------------------------------------------


def test_former_french_regions_and_us_census_regions_are_known_places() -> None:
    assert lookup("Lorraine") is not None and lookup("Haute-Normandie") is not None
    assert lookup("Mid-Atlantic") is not None and lookup("New England") is not None
    assert lookup("Upper Normandy") is not None and lookup("Midwestern United States") is not None
    # English names of European regions whose ISO names are local ("Lombardia", "Rheinland-Pfalz")
    assert lookup("Lombardy") is not None and lookup("Rhineland Palatinate") is not None and lookup("Wallonie") is not None


def test_a_european_region_by_its_english_name_is_a_place() -> None:
    assert "Thuringia" in _places(_run("en", "Delegates from Thuringia and Nordev met in Lorvik."))
    assert "Carinthia" in _places(_run("en", "Companies from Carinthia attended the fair with Nordev."))


def test_a_us_census_region_with_its_article_is_a_place_in_english() -> None:
    result = _run("en", "Zentrix Labs opened an office serving New York and the Mid-Atlantic last week.")
    assert "Mid-Atlantic" in _places(result) and not _orgs(result) & {"Mid-Atlantic", "the Mid-Atlantic"}


def test_a_former_french_region_is_a_place_in_french() -> None:
    result = _run("fr", "Le Conseil Régional d’Auvergne soutient Zentrix depuis deux ans.")
    assert "Auvergne" in _places(result)


# -- a known place ending a body's name ---------------------------------------------------------


def test_the_place_that_ends_a_body_name_is_a_place_too() -> None:
    assert seat_complement("Université de Lorraine", "fr") is not None
    assert seat_complement("Département de l’Eure", "fr") is None  # the territory's own body
    assert seat_complement("Naturopôle de Saint-Bonnet de Rochefort", "fr") is None  # a commune's name
    assert seat_complement("University of Lyon", "en") is None and seat_complement("Council of Canada", "en") is None
    result = _run("fr", "Le directeur du centre hospitalier de Mayotte (CHM), Paul Roussel, a présenté le projet.")
    assert "Mayotte" in _places(result) and "Mayotte" not in _orgs(result)


def test_the_region_that_ends_a_body_name_is_a_place_in_english() -> None:
    result = _run("en", "Zentrix Labs signed a deal with the University of Lorraine on Monday.")
    assert "Lorraine" in _places(result)


# -- the model's pieces of a known place --------------------------------------------------------


def test_a_dateline_city_in_capitals_is_one_place() -> None:
    result = _run("en", "KUALA LUMPUR: Norvania and Japan reached a new milestone in their partnership.")
    assert "kuala lumpur" in {p.lower() for p in _places(result)} and "KUALA" not in _orgs(result)


# -- units, currencies and genera ----------------------------------------------------------------


def test_a_unit_after_an_amount_is_no_name() -> None:
    assert after_amount("l'octroi de 118,8 millions de Fcfp de subventions", "Fcfp")
    assert after_amount("une production annuelle de 302 760 kWh", "kWh")
    assert after_amount("a grant of 45.7 million XPF from the fund", "XPF")
    assert not after_amount("signed at Expo 2025 Osaka in Japan", "Osaka")  # a year
    assert not after_amount("distributed within the 55 AU member states", "AU")  # a count
    result = _run("fr", "Le conseil a accordé à Nordev une subvention de 45,7 millions Fcfp pour ses locaux.")
    assert not (_places(result) | _orgs(result) | _people(result)) & {"Fcfp"}


def test_a_genus_is_no_place() -> None:
    assert {"aedes", "anopheles", "plasmodium", "salmonella"} <= genera()
    result = _run("fr", "Nordev surveille les moustiques (ex. moustique tigre asiatique Aedes albopictus) dans les ports.")
    assert "Aedes" not in _places(result) | _orgs(result)
    result = _run("en", "Zentrix Labs tracks the spread of Anopheles stephensi in the port of Lorvik.")
    assert "Anopheles" not in _places(result) | _orgs(result) | _people(result)


# -- people --------------------------------------------------------------------------------------


def test_a_name_after_a_long_post_and_a_comma_is_a_person() -> None:
    assert _post_phrase("le secrétaire général, le nouveau président de la commission médicale d’établissement, ")
    assert not _post_phrase("avec la commune, le centre de recherche de la région de Lorvik, ")
    result = _run("en", "Speakers included the newly elected chair of the regional hospitals' medical committee, Soumeth Varadi, and others.")
    assert "Soumeth Varadi" not in _orgs(result)


def test_a_title_glued_to_a_surname_is_not_part_of_the_name() -> None:
    result = _run("fr", "L’Ambassadrice Helena Korvath a participé à la cérémonie. L’Ambassadrice Korvath a salué le travail.")
    assert "Ambassadrice Korvath" not in _people(result) and "Helena Korvath" in _people(result)
    result = _run("en", "Ambassador Helena Korvath attended. Later, Ambassador Korvath praised the work.")
    assert _people(result) == {"Helena Korvath"}  # (the surname alone is hers, no other person)


def test_a_name_after_l_institut_is_the_body_name() -> None:
    result = _run("fr", "Le gouvernement a validé une subvention en faveur de l'institut Louis Varadi pour ses locaux.")
    assert "Louis Varadi" not in _people(result)


def test_a_malay_name_of_five_words_is_one_person() -> None:
    # (Malay naming: "Mohd", "Abdul", "bin" are elements of the name, not counted among its words)
    assert person_part("Mohd Hafiz Zulkarnain Abdul Rahim") == "Mohd Hafiz Zulkarnain Abdul Rahim"
    assert person_part("Siti Nor Hafizah binti Ahmad Razali") == "Siti Nor Hafizah binti Ahmad Razali"
    assert person_part("Hafiz Zulkarnain Hakim Rahim Danial") is None  # five words without them: a longer name


def test_a_surname_after_a_title_is_a_person_when_no_fuller_name_is_given() -> None:
    result = _run("en", "“The plant matters,” said Governor Brandt. The partnership will grow next year.")
    assert "Brandt" in _people(result)
    result = _run("en", "Prof. Kimani, who accompanied President Otieno on his visit to Japan, witnessed the signing.")
    assert {"Kimani", "Otieno"} <= _people(result)
    result = _run("fr", "Le Président Kessler a salué le travail accompli par les équipes de Nordev.")
    assert "Kessler" in _people(result)


def test_a_person_named_by_the_surname_is_no_organisation() -> None:
    result = _run("en", "Zentrix Labs President David Karnowski said the plan is ready. Other board members include Karnowski; Anna Veldt, chair of Nordev; and Tom Brandt.")
    assert "Karnowski" not in _orgs(result)
    result = _run("fr", "Le président de Nordev, Paul Karnowski, a signé. Les membres du conseil sont Karnowski, Anna Veldt et Tom Brandt.")
    assert "Karnowski" not in _orgs(result)


def test_a_place_inside_an_event_name_is_no_place() -> None:
    result = _run("en", "Norvania and Japan signed three agreements on May 12 at Expo 2025 Osaka in Japan.")
    assert "Osaka" not in _places(result) and "Japan" in _places(result)
    result = _run("fr", "Norvania et le Japon ont signé trois accords le 12 mai à l'Expo 2025 Osaka.")
    assert "Osaka" not in _places(result)


def test_a_word_coordinated_with_a_place_after_a_preposition_is_a_place() -> None:
    # (the model mostly finds such a town itself; the rule is for the sentences where it does not)
    found = Names(places={"Lyon"})
    assert _place_beside("la fermeture de maternités à Lyon et Bandraboué inquiète", "Lyon", found) == "Bandraboué"
    assert _place_beside("Zentrix Labs opened sites in Lyon and Tarskville last year", "Lyon", found) == "Tarskville"
    assert _place_beside("il a rencontré à Lyon et Marie Dupont", "Lyon", found) is None  # a name goes on
    assert _place_beside("the company of Lyon and Tarskville", "Lyon", found) is None  # no place's preposition
