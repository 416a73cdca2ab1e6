"""Round 11: what is never a body (notbodies.py, bodies.py): a news agency or a wire service
(``agencies.tsv``, standard knowledge read with importlib.resources), a country's consulate, a
factory or a plant, a park after its owner's possessive, a goal's name, the head of state's
title, a joint commission of two states. Each in English and in French, on sentences written
for the test (invented bodies and people; the agencies are real, since they are the knowledge
read), through the real pipeline."""

from __future__ import annotations

import pytest
from article_help import orgs as _orgs
from article_help import run as _run

from ecokg.loaders.articles.notbodies import a_news_agency, news_agencies
from ecokg.text import fold


def _folded(names: set[str]) -> set[str]:
    return {fold(n) for n in names}


def test_news_agencies_are_read_from_the_packaged_table() -> None:
    names, acronyms = news_agencies()
    assert {fold("Xinhua"), fold("Agence France-Presse"), fold("PR Newswire"), fold("Agence Ecofin")} <= names
    assert {"AFP", "APS", "MAP", "CNW"} <= acronyms
    # an acronym spelled out by the name before its brackets is that body's, not the agency's
    sentence = "The Atlantic Physics Society (APS) joined Genvia Labs, APS reported."
    start = sentence.index("APS")
    assert a_news_agency(sentence, start, start + 3) is False
    later = sentence.rindex("APS")
    assert a_news_agency(sentence, later, later + 3) is True


#: (language, sentence, the name that is no body, the body the sentence names)
NOT_BODIES = [
    ("fr", "La société Vantora Biotech a signé un accord avec l'Université de Lorvane, a appris Xinhua de source officielle.",
     "Xinhua", "Vantora Biotech"),
    ("en", "Genvia Therapeutics signed an agreement with the Nordlys Institute, Agence France-Presse reported on Monday.",
     "Agence France-Presse", "Genvia Therapeutics"),
    ("en", "The ceremony was attended by officials of the US Consulate General and by the board of Vantora Pharma.",
     "US Consulate General", "Vantora Pharma"),
    ("fr", "Le Consulat général de France a reçu les dirigeants de la société Genvia Santé.",
     "Consulat général de France", "Genvia Santé"),
    ("en", "Genvia Pharma will train the staff of the Lorvane Biological Products Factory next year.",
     "Lorvane Biological Products Factory", "Genvia Pharma"),
    ("fr", "Construit sur le site de l'explosion de l'usine KVL en 2001, le campus de Lorvane rassemble la société Vantora Biotech et ses partenaires.",
     "KVL", "Vantora Biotech"),
    ("en", "Founded about 20 years ago, NBTP's Lorvane Science Park, located along the waterfront, provides office space to Vantora Labs.",
     "Lorvane Science Park", "Vantora Labs"),
    ("en", "The MOU with Genvia Pharma also seeks to attain the United Nations Sustainable Development Goal 3 which seeks well-being.",
     "United Nations Sustainable Development", "Genvia Pharma"),
    ("fr", "Au nom du Président de la République, Chef de l'Etat, Paul Lorvan empêché, le ministre a reçu la société Genvia Santé.",
     "Chef de l'Etat", "Genvia Santé"),
    ("fr", "L'accord portant création de la Grande Commission mixte de coopération lorvano-nordique a été signé par Vantora Biotech.",
     "Grande Commission mixte de coopération lorvano-nordique", "Vantora Biotech"),
]


def test_the_company_of_a_plant_with_its_legal_form_stays_a_body() -> None:
    text = "Le technopôle est construit à l’emplacement qui abritait naguère l’usine Lorvane Textile Mills Ltd. Le site accueille Vantora Biotech."
    assert fold("Lorvane Textile Mills Ltd") in _folded(_orgs(_run("fr", text)))


@pytest.mark.parametrize(("lang", "text", "name", "body"), NOT_BODIES, ids=[f"{c[0]}-{n}" for n, c in enumerate(NOT_BODIES)])
def test_a_source_a_site_or_a_forum_is_no_body(lang: str, text: str, name: str, body: str) -> None:
    found = _folded(_orgs(_run(lang, text)))
    assert not any(fold(name) in f for f in found), found  # ("NBTP's Lorvane Science Park" neither)
    assert fold(body) in found


#: (language, sentence, the name without its two-part legal form, the name with a part of it)
TWO_PART_FORMS = [
    ("en", "On March 18, in Nordby City, Genvia Pharma Co., Ltd. and Vantora Vaccination System signed a memorandum of understanding.",
     "Genvia Pharma", "Genvia Pharma Co."),
    ("fr", "Le 18 mars, la société Genvia Lorvane Co., Ltd. et la société Vantora Santé ont signé un protocole d’accord.",
     "Genvia Lorvane", "Genvia Lorvane Co."),
]


@pytest.mark.parametrize(("lang", "text", "name", "piece"), TWO_PART_FORMS, ids=[c[0] for c in TWO_PART_FORMS])
def test_a_legal_form_in_two_parts_is_not_in_the_name(lang: str, text: str, name: str, piece: str) -> None:
    found = _folded(_orgs(_run(lang, text)))
    assert fold(name) in found
    assert not any(f.startswith(fold(piece).rstrip(".")) for f in found), found


#: (language, sentence, the whole name: a plural activity, "en"/"in" and its field)
PLURAL_ACTIVITIES = [
    ("fr", "Le campus rassemble la société Vantora Biotech et enfin le Centre de Recherches en Virologie.", "Centre de Recherches en Virologie"),
    ("en", "The campus hosts Vantora Labs and the Nordby Centre for Researches in Virology.", "Nordby Centre for Researches in Virology"),
]


@pytest.mark.parametrize(("lang", "text", "whole"), PLURAL_ACTIVITIES, ids=[c[0] for c in PLURAL_ACTIVITIES])
def test_a_plural_activity_takes_its_field(lang: str, text: str, whole: str) -> None:
    assert fold(whole) in _folded(_orgs(_run(lang, text)))
