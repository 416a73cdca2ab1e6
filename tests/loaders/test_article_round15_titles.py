"""Titles of posts from the packaged table titles.tsv (round 15): outside knowledge of the titles
universities, companies, ministries, hospitals, research bodies and associations give their officers,
with their modifiers ("Acting", "Deputy", "adjointe", "délégué"), which the lexicon lacked. Every
sentence was written for this test, with invented names; the real pipeline."""

from __future__ import annotations

import pytest
from article_help import post_triples, run

from ecokg.loaders.articles.spans import role_at
from ecokg.loaders.articles.titles import ROLE_IDS, table_titles
from ecokg.loaders.articles.vocabulary import ROLES


@pytest.mark.parametrize(
    ("lang", "text", "post"),
    [
        (
            "en",
            "Helix Labs signed a memorandum with the University of Norvale. The agreement was signed by Dr. Amara Tetteh, "
            "Pro Vice-Chancellor of the University of Norvale.",
            ("Amara Tetteh", "University of Norvale", "member"),
        ),
        (
            "en",
            "The University of Norvale and Helix Labs signed the memorandum on Monday. Amara Tetteh, Registrar of the "
            "University of Norvale, said the agreement would help students.",
            ("Amara Tetteh", "University of Norvale", "member"),
        ),
        (
            "en",
            "Helix Labs and the Arcton Institute signed an agreement. Paul Dorran, Deputy Chief Executive Officer of "
            "Helix Labs, welcomed the deal.",
            ("Paul Dorran", "Helix Labs", "member"),
        ),
        (
            "en",
            "Helix Labs and the Arcton Institute signed an agreement. Mary Keane, Chief Legal Officer of Helix Labs, "
            "welcomed the deal.",
            ("Mary Keane", "Helix Labs", "leader"),
        ),
        (
            "fr",
            "L'Institut Helix a signé une convention avec la société Norvale. Paul Dorran, associé directeur chez Groupe "
            "Arcton, a salué l'accord.",
            ("Paul Dorran", "Groupe Arcton", "leader"),
        ),
        (
            "fr",
            "L'Institut Helix a signé une convention avec l'Université de Lorvane. Claire Vandel, vice-trésorière de "
            "l'association Lorvane Santé, a salué l'accord.",
            ("Claire Vandel", "Lorvane Santé", "board-member"),
        ),
        (
            "fr",
            "La convention a été signée par le président délégué de la Fondation Helix, Paul Dorran, et par Claire "
            "Vandel, cheffe de pôle au CHU de Lorvane.",
            ("Paul Dorran", "Fondation Helix", "president"),
        ),
        (
            "fr",
            "La convention a été signée par le président délégué de la Fondation Helix, Paul Dorran, et par Claire "
            "Vandel, cheffe de pôle au CHU de Lorvane.",
            ("Claire Vandel", "CHU de Lorvane", "member"),
        ),
    ],
)
def test_a_title_of_the_table_gives_a_post(
    lang: str, text: str, post: tuple[str, str, str]
) -> None:
    assert post in post_triples(run(lang, text))


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Acting Pro Vice-Chancellor", "member"),  # a modifier before: the title's own role
        ("Interim Registrar", "member"),
        ("Deputy Chair", "vice-president"),  # the table's own entry wins over a deputy's
        ("Directrice de cabinet", "member"),
        ("Chargée de recherche", "member"),
        ("Trésorière adjointe", "member"),  # a modifier after, in French: a deputy's post
        ("Première vice-présidente", "vice-president"),
    ],
)
def test_a_title_and_its_modifiers_are_read_with_their_role(title: str, role: str) -> None:
    assert role_at(title) == role


def test_the_lexicons_own_titles_keep_their_role() -> None:
    # "director" is a leader in the lexicon, "deputy director" a member; the table adds, it never overrides.
    assert (
        ROLES["director"] == "leader"
        and ROLES["deputy director"] == "member"
        and ROLES["registrar"] == "member"
    )
    assert all(ROLES[form] in ROLE_IDS for form, _ in table_titles())
