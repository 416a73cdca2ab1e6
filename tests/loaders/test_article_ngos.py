"""Round 14, organisations (known_bodies.py, addresses.py, bodies.py): the world's large NGOs and
foundations of a packaged table (real bodies, since they are the knowledge read), a Red Cross or
Red Crescent society with its country as one name; and what is never a body: a year, a style of
address written out (typos included), a portfolio after a state's title, the outlet in a
dateline's credit. Each in English and in French, on sentences written for the test (invented
bodies and people), through the real pipeline."""

from __future__ import annotations

import pytest
from article_help import orgs as _orgs
from article_help import run as _run

from ecokg.loaders.articles.addresses import a_number, a_style_of_address
from ecokg.loaders.articles.known_bodies import research_bodies
from ecokg.text import fold


def _folded(names: set[str]) -> set[str]:
    return {fold(n) for n in names}


def test_the_ngo_table_is_read_from_packaged_data() -> None:
    names, short = research_bodies()
    assert {fold("Save the Children"), fold("Médecins sans frontières"), fold("Wellcome Trust"), fold("Gates Foundation")} <= set(names)
    assert {"MSF", "CICR", "IFRC"} <= set(short)


#: (language, sentence, bodies the sentence names that the knowledge finds)
KNOWN = [
    ("en", "The Norvex Institute was founded in 1970 through the initiative of the Norwegian Save the Children organizations.",
     {"Save the Children", "Norvex Institute"}),
    ("fr", "Les fondateurs de l'institut Norvex, Save the Children et Médecins du monde, ont signé.", {"Save the Children", "Médecins du monde"}),
    ("fr", "Selon Marc Orvel, le Croissant rouge de Norvanie s’est engagé à accompagner Helvane Labs.", {"Croissant rouge de Norvanie"}),
    ("fr", "Le Croissant rouge norvanien a signé une convention avec Helvane Labs.", {"Croissant rouge norvanien"}),
    ("en", "The Norvanian Red Crescent signed a memorandum with Helvane Labs.", {"Norvanian Red Crescent", "Helvane Labs"}),
    ("en", "The Red Crescent Society of Qatar signed a memorandum with Helvane Labs.", {"Red Crescent Society of Qatar", "Helvane Labs"}),
]


@pytest.mark.parametrize(("lang", "sentence", "bodies"), KNOWN)
def test_large_ngos_and_red_cross_societies(lang: str, sentence: str, bodies: set[str]) -> None:
    found = _folded(_orgs(_run(lang, sentence)))
    assert _folded(bodies) <= found
    assert fold("Croissant rouge") not in found and fold("Red Crescent") not in found  # never cut from its country


#: (language, sentence, the name that is no body, the body the sentence names)
NOT_BODIES = [
    ("en", "January 08, 2024 (GSN) Lorvik University and Helvane Research Institute (HRI) have signed a memorandum.", "2024",
     "Lorvik University"),
    ("en", "Speaking for the Norvanian Health Authority, His Excellency Marc Orvel, Undersecretary for Administrative and Financial Affairs, "
     "praised Helvane Labs.", "Administrative and Financial Affairs", "Helvane Labs"),
    ("fr", "Marc Orvel, sous-secrétaire aux Affaires Administratives et Financières, a salué Helvane Labs.",
     "Affaires Administratives", "Helvane Labs"),
    ("en", "LORVIK, (NorvaPoint / Lorvik Point News - 7th Nov, 2019 ):The Lorvik University and Helvane Labs have signed a memorandum.",
     "NorvaPoint", "Helvane Labs"),
    ("fr", "LORVIK, (NorvaPoint / Lorvik Info - 7 nov. 2019) : L'Université de Lorvik et Helvane Labs ont signé une convention.",
     "NorvaPoint", "Helvane Labs"),
]


@pytest.mark.parametrize(("lang", "sentence", "not_body", "body"), NOT_BODIES)
def test_never_a_body(lang: str, sentence: str, not_body: str, body: str) -> None:
    found = _folded(_orgs(_run(lang, sentence)))
    assert fold(not_body) not in found
    assert fold(body) in found


def test_forms_that_are_no_body() -> None:
    assert a_number("2024") and a_number("2023-2027")
    assert not a_number("3M") and not a_number("Helvane 2")
    # (the style's typos too: "Son Excellente Monsieur", which a model reads as a body)
    assert a_style_of_address("Son Excellente Monsieur") and a_style_of_address("Son Excellence Monsieur") and a_style_of_address("Sa Majesté") and a_style_of_address("Her Excellency")
    assert not a_style_of_address("Excellence Helvane Consulting")
