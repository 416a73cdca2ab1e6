"""Posts in forms of official news from any country (issue 17, round 14): a minister whose
country follows the portfolio ("Minister of Health of the Republic of X", "ministre de la Santé
de la République du Y"); a person who speaks or signs on behalf of a body; a portfolio ("...
Affairs") is no body; "le Pr." opens no sentence; a body named after a person gives that person
no post. Every sentence was written for this test, with invented names; the real pipeline."""

from __future__ import annotations

import pytest
from article_help import run

from ecokg.loaders.articles import Extraction
from ecokg.loaders.articles.post_behalf import a_portfolio


def _posts(result: Extraction) -> set[tuple[str, str]]:
    return {(person.label, result.entities[post["organization"]].label) for person in result.of_class("Person") for post in person.posts}


@pytest.mark.parametrize(("lang", "text", "post"), [
    ("en", "The Ministry of Health (MoH) of Zambia and Helix Labs signed a memorandum today. The Honorable Mary Doerr, "
           "Minister of Health of the Republic of Zambia stated: “We are pleased with this step.”",
     ("Mary Doerr", "Ministry of Health (MoH) of Zambia")),
    ("fr", "Le ministère de la Santé a signé une convention avec l'Institut Helix. Le ministre de la Santé de la "
           "République du Tchad, Paul Durandet, a salué l'accord.",
     ("Paul Durandet", "Ministère de la Santé")),
])
def test_a_ministers_country_after_the_portfolio(lang: str, text: str, post: tuple[str, str]) -> None:
    assert post in _posts(run(lang, text))


@pytest.mark.parametrize(("lang", "text", "post"), [
    ("en", "Helix Labs has signed an agreement with the Ministry of Energy. Speaking on behalf of the Ministry of Energy, "
           "His Excellency Tomas Verenko, Undersecretary for Planning and Technical Affairs, welcomed the deal.",
     ("Tomas Verenko", "Ministry of Energy")),
    ("en", "Helix Labs signed an agreement with the Arcton Institute. Mary Doerr, speaking on behalf of the Arcton "
           "Institute, welcomed the deal.",
     ("Mary Doerr", "Arcton Institute")),
    ("fr", "L'Institut Helix a signé une convention avec l'Université de Lorvane. Au nom de l'Université de Lorvane, "
           "le Pr Tomas Verenko a salué l'accord.",
     ("Tomas Verenko", "Université de Lorvane")),
])
def test_a_post_of_who_speaks_on_behalf_of_a_body(lang: str, text: str, post: tuple[str, str]) -> None:
    assert _posts(run(lang, text)) == {post}


@pytest.mark.parametrize("name", ["Administrative and Financial Affairs", "Foreign Affairs", "Affaires étrangères"])
def test_a_portfolio_is_no_body(name: str) -> None:
    assert a_portfolio(name)


@pytest.mark.parametrize("name", ["Ministry of Foreign Affairs", "Department of Veterans Affairs",
                                  "Direction des Affaires juridiques", "Global Affairs Canada"])
def test_a_body_of_a_portfolio_is_a_body(name: str) -> None:
    assert not a_portfolio(name)


def test_pr_with_a_full_stop_opens_no_sentence() -> None:
    result = run("fr", "L'Institut Helix a signé une convention avec l'Université de Lorvane. Dans son mot de bienvenue, "
                       "le Directeur Général de l'Institut Helix le Pr. Tomas VERENKO a rappelé les progrès réalisés.")
    assert ("Tomas Verenko", "Institut Helix") in _posts(result)


def test_a_body_named_after_a_person_gives_her_no_post() -> None:
    result = run("fr", "Le ministre a présidé la signature de la convention entre le Centre International de Référence "
                       "Tomas VERENKO (CIRTV) et l'Hôpital Universitaire de Lorvane. Le directeur a rappelé les progrès "
                       "réalisés par l'institution qui émane de la première Dame Tomas VERENKO dans la recherche scientifique.")
    assert not any(person.endswith("Verenko") for person, _ in _posts(result))
