"""People decided with the given-name lexicon (given_names.py, people.py, round 9): a given name
and capitalised words or a surname in capitals is a person even where the model said
organisation; an organisation's cue keeps a body named after someone a body; the model's
people that are programmes, common words or places, and an honorific with its article, are
none. Each in English and in French, on sentences written for the test (invented surnames,
given names from the lexicon), through the real pipeline; and the lexicon's loading."""

from __future__ import annotations

import pytest
from article_help import orgs as _orgs
from article_help import people as _people
from article_help import run as _run

from ecokg.errors import InputError
from ecokg.loaders.articles.given_names import data_file, frequency, parse, table
from ecokg.loaders.articles.ner import pipeline
from ecokg.loaders.articles.people import (
    common_words_only,
    lexicon_people,
    not_people,
    titled_names,
)
from ecokg.text import fold


def _folded(names: set[str]) -> set[str]:
    return {fold(n) for n in names}


# -- the lexicon ------------------------------------------------------------------------------


def test_the_lexicon_is_read_from_the_installed_data_file_without_importing_the_package() -> None:
    import sys

    assert data_file().name == "nam_dict.txt"
    assert len(table()) > 40_000  # about 48,000 lines, compounds written three ways
    assert "gender_guesser" not in sys.modules  # located by metadata, never imported (GPLv3 code)


def test_accented_names_are_found_with_or_without_accents_and_case() -> None:
    assert frequency("Frédéric") == frequency("frederic") == frequency("FREDERIC") >= 5
    assert frequency("György") == frequency("Gyorgy") > 0
    assert frequency("Zoltán") > 0


def test_a_compound_name_is_known_in_its_three_spellings() -> None:
    # "Abdel+Aziz" in the file: "Abdel-Aziz", "Abdel Aziz" and "Abdelaziz"
    assert frequency("Abdel-Aziz") > 0 and frequency("Abdel Aziz") > 0 and frequency("Abdelaziz") > 0


def _line(code: str, name: str, mark: str, frequencies: str) -> str:
    """A line of nam_dict.txt: code in columns 1-2, name in 4-29, mark in 30, frequencies from 31."""
    return f"{code:<3}{name:<26}{mark}{frequencies:<56}$"


def test_the_file_format_columns_duplicates_and_equivalences() -> None:
    lines = [
        "# a comment",
        _line("M", "Zorvan", " ", "    3  B"),  # the highest country's frequency is kept: B = 11
        _line("F", "Ülvina", "+", "  4"),  # the duplicate line of an umlaut sorted the other way: skipped
        _line("F", "Ülvina", "-", "  2"),
        _line("=", "Zorvan Zorvi", " ", "  1"),  # an equivalence, not a name
        _line("?", "Min+Ja", " ", " 6"),
    ]
    assert parse(lines) == {"zorvan": 11, "ulvina": 2, "min-ja": 6, "min ja": 6, "minja": 6}


def test_a_damaged_line_is_a_clear_error() -> None:
    with pytest.raises(InputError, match=r"nam_dict.txt, line 2: expected one hexadecimal"):
        parse(["# header", _line("M", "Zorvan", " ", "  3 x")])


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "General Electric opened a plant, and Paris Saclay welcomed Will Power Systems."),
        ("fr", "Santé Publique France et Major Biotech ont ouvert un site à Paris Nord."),
    ],
)
def test_common_words_and_places_are_not_taken_for_given_names(lang: str, sentence: str) -> None:
    # "General", "Paris", "Will", "Santé", "Major" are in the lexicon, rarely as given names
    assert lexicon_people(pipeline(lang)(sentence), set(), lang) == set()


# -- a given name and capitalised words: a person ----------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "persons"),
    [
        ("fr", "Les membres institutionnels du CCX étaient au rendez-vous : Roch TAVELUN, président du CCX, "
               "Bertrand OMBRAZE, en charge de la recherche, et Karine Lo Sin Fat, chargée de mission.",
         {"Roch TAVELUN", "Bertrand OMBRAZE", "Karine Lo Sin Fat"}),
        ("en", "The memorandum was signed in Havana by Gonca Yarimbas Tolun, chair of the Anatolian Pharmacists "
               "Union, and by Frédéric MORVALEC, director of the Caribbean Biotech Group.",
         {"Gonca Yarimbas Tolun", "Frédéric MORVALEC"}),
        ("fr", "Le recteur de l’Université Kindia, Dr Alpha Kabirou Diallé, a reçu la délégation.",
         {"Alpha Kabirou Diallé"}),
        ("en", "The pilot laboratory was opened by Chancellor György Kovátsi in the presence of researchers.",
         {"György Kovátsi"}),
    ],
)
def test_a_given_name_and_capitalised_words_are_a_person(lang: str, text: str, persons: set[str]) -> None:
    result = _run(lang, text)
    assert _folded(persons) <= _folded(_people(result))
    assert not _folded(persons) & _folded(_orgs(result))  # never an organisation


@pytest.mark.parametrize(
    ("lang", "text", "body"),
    [
        ("fr", "Le CHU a signé une convention avec l’Institut Gustave Verlaine pour la recherche clinique.", "Gustave Verlaine"),
        ("en", "The grant comes from the Marie Dorval Foundation, which funds young researchers.", "Marie Dorval"),
        ("en", "The study is funded by the Kovátsi János Programme of the ministry.", "Kovátsi János"),
        ("fr", "La convention associe l’Université Gamal Abdel Karimou de Kindia et l’Inserm.", "Gamal Abdel Karimou"),
    ],
)
def test_an_organisations_cue_keeps_a_name_from_being_a_person(lang: str, text: str, body: str) -> None:
    people = _folded(_people(_run(lang, text)))
    assert not any(fold(body) in person or person in fold(body) for person in people)


def test_a_name_the_model_reads_whole_as_an_organisation_needs_a_persons_context() -> None:
    # a company named after someone: the model's organisation, with nothing of a person around it
    doc = pipeline("en")("The company signed a supply deal with Eli Lilly last year.")
    assert lexicon_people(doc, set(), "en") == set()


def test_a_post_of_a_body_before_the_name_keeps_it_a_body() -> None:
    # "vice-président d'X": the organisation's slot, even where X begins like a given name
    doc = pipeline("fr")("Il a rencontré le vice-président d'Astra Vendome pour la région Afrique.")
    assert lexicon_people(doc, set(), "fr") == set()


def test_a_title_case_headline_gives_a_person_only_beside_a_post() -> None:
    assert lexicon_people(pipeline("en")("Remarks by Governor Dianne Pellavera"), set(), "en") == {"Dianne Pellavera"}
    assert lexicon_people(pipeline("en")("Grace Notes Rise Again In Boston Halls"), set(), "en") == set()


# -- the model's people that are none -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "sentence", "span"),
    [
        ("en", "The funds support the Government’s Universal Health Coverage agenda.", "Universal Health Coverage"),
        ("en", "KEMRI will enhance its Laboratory Expansion Project next year.", "Laboratory Expansion Project"),
        ("fr", "Le financement soutient la Couverture Santé Universelle du pays.", "Couverture Santé Universelle"),
        ("fr", "Le fonds vient du Kovátsi János Programme du ministère.", "Kovátsi János Programme"),
        ("fr", "Le protocole sera signé à Santa Cruz de Tenerife entre les deux instituts.", "Santa Cruz de Tenerife"),
    ],
)
def test_a_span_of_common_words_a_programme_or_a_place_is_no_person(lang: str, sentence: str, span: str) -> None:
    assert span in not_people(pipeline(lang)(sentence), {span}, lang)


def test_a_person_whose_first_word_is_a_given_name_is_kept() -> None:
    doc = pipeline("en")("The agenda was presented by Grace Mutuku of the ministry.")
    assert not_people(doc, {"Grace Mutuku"}, "en") == set()


def test_common_words_after_a_title_are_no_person() -> None:
    assert common_words_only("African Development", "en")
    assert not common_words_only("Jennifer Jones", "en")  # a given name first


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Nous remercions Monsieur le Recteur de l’Université de Kindia et Madame la Directrice de l’Institut Lavoisier."),
        ("en", "The minister thanked Monsieur le Maire of Lyon and the delegation of the Vardon Cluster."),
    ],
)
def test_an_honorific_with_its_article_is_never_a_name(lang: str, text: str) -> None:
    people = _folded(_people(_run(lang, text)))
    assert not any(p.startswith(("monsieur", "madame")) for p in people)
    assert not_people(pipeline(lang)(text), {"Monsieur le", "Madame la", "Monsieur"}, lang) == {"Monsieur le", "Madame la", "Monsieur"}


def test_a_title_before_names_the_model_calls_a_miscellany_gives_a_person() -> None:
    # "Saliou" is not in the lexicon; the French model tags "Pr Saliou Ndarou" MISC, not PER
    text = "Le protocole a été préparé par Dr Moussa Kabirou Diallé, Pr Abdoulaye Tounkara et Pr Saliou Ndarou, tous chercheurs."
    assert titled_names(pipeline("fr")(text)) == {"Moussa Kabirou Diallé", "Saliou Ndarou"}
    assert _folded({"Saliou Ndarou", "Moussa Kabirou Diallé"}) <= _folded(_people(_run("fr", text)))
    # the English model has no such label: its people are tagged PERSON, the lexicon does the rest
    assert titled_names(pipeline("en")("The study was led by Dr Saliou Ndarou of the institute.")) == set()
