"""The extractor's packaged tables (src/ecokg/loaders/articles/*.tsv) are each read, through one
reader (tables.py), and a row of the wrong width is refused with the file, the line and what was
expected, rather than read wrong in silence."""

from __future__ import annotations

from importlib import resources

import pytest

from ecokg.errors import InputError
from ecokg.loaders.articles.diseases import diseases
from ecokg.loaders.articles.family_names import family_names
from ecokg.loaders.articles.gazetteer import areas, country_regions
from ecokg.loaders.articles.generic_names import a_demonym, an_office, fields_only
from ecokg.loaders.articles.given_names import world_names
from ecokg.loaders.articles.known_bodies import legal_forms, research_bodies
from ecokg.loaders.articles.notbodies import news_agencies
from ecokg.loaders.articles.tables import parse
from ecokg.loaders.articles.tagged import genera
from ecokg.loaders.articles.titles import table_titles
from ecokg.text import fold


def test_every_packaged_table_is_read_by_its_reader() -> None:
    packaged = {p.name for p in resources.files("ecokg.loaders.articles").iterdir() if p.name.endswith(".tsv")}
    assert packaged == {
        "agencies.tsv", "country_regions.tsv", "diseases.tsv", "family_names.tsv", "genera.tsv", "intergovernmental.tsv",
        "legal_forms.tsv", "ngos.tsv", "regions.tsv", "research.tsv", "world_given_names.tsv",
        "demonyms.tsv", "fields.tsv", "units.tsv",  # round 15: generic_names.py
        "titles.tsv",  # round 15: titles.py
    }  # a new table needs a reader and a line here
    assert a_demonym("Ghanaian") and fields_only("Dentistry") and an_office("Registrar")  # demonyms, fields, units.tsv
    assert "paludisme" in diseases() and "malaria" in diseases()
    assert "Nguyen" in family_names()
    assert areas()["Western Africa"].name == "Western Africa" and "Afrique de l'Ouest" in areas()
    assert any("Mid-Atlantic" in names for names in country_regions())
    assert "Amadou" in world_names()
    names, short = research_bodies()
    assert fold("Institut national de la santé et de la recherche médicale") in names and "Inserm" in short  # research.tsv
    assert "UEMOA" in short and "MSF" in short  # intergovernmental.tsv, ngos.tsv
    assert "Sdn Bhd" in legal_forms()
    agencies, acronyms = news_agencies()
    assert fold("Agence France-Presse") in agencies and "AFP" in acronyms
    assert fold("Aedes") in genera()
    assert dict(table_titles())["pro vice-chancellor"] == "member"  # titles.tsv


def test_a_row_of_the_wrong_width_names_the_table_and_the_line() -> None:
    text = "# a comment\n\n002\tAfrica\tAfrique\n015\tNorthern Africa\n"
    with pytest.raises(InputError) as error:
        parse(text, "regions.tsv", {3}, "an M49 code, English names and French names")
    assert (error.value.source, error.value.line) == ("regions.tsv", 4)
    assert str(error.value) == (
        "regions.tsv:4: expected an M49 code, English names and French names, separated by tabs; got 2 column(s)"
    )
    assert parse(text, "regions.tsv", {2, 3}, "x") == [(3, ["002", "Africa", "Afrique"]), (4, ["015", "Northern Africa"])]
