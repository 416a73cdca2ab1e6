"""Names in quotation marks and bodies named after people (round 15): a short capitalised noun
phrase in quotes that holds a body's kind word, or follows one, is a name, not words quoted; a
person's name right after a body's kind word ("CHU", "laboratoires", "Complexe Hospitalier Le")
is the body's name, not a person. Every sentence was written for this test, with invented names;
the real pipeline."""

from __future__ import annotations

import pytest
from article_help import orgs, people, run

from ecokg.loaders.articles.quoted_names import a_quoted_name


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        (
            "fr",
            "Un protocole a été signé à Lomé entre la «Fondation Karim Alaoui pour la santé rurale» et l'Université de Lorvane.",
            "Fondation Karim Alaoui pour la santé rurale",
        ),
        (
            "fr",
            "La signature a réuni la « Verandi Foundation » et le ministère de la Santé.",
            "Verandi Foundation",
        ),
        (
            "en",
            'Helix Labs signed a memorandum with the "Orvane Institute" in Nairobi last week.',
            "Orvane Institute",
        ),
    ],
)
def test_a_name_in_quotes_with_a_kind_word_is_read(lang: str, text: str, name: str) -> None:
    assert name in orgs(run(lang, text))


def test_a_name_in_quotes_after_a_kind_word_is_read() -> None:
    result = run(
        "fr", 'Le CHU de Lorvane a signé un accord avec l\'hôpital "Roi Faisal" de la capitale.'
    )
    assert "Roi Faisal" in orgs(result)


def test_a_name_in_quotes_after_its_capitalised_kind_keeps_it() -> None:
    result = run(
        "fr",
        "Les deux régions ont créé l’Eurorégion « Varande-Ostrie » sous la forme d’un groupement.",
    )
    assert "Eurorégion « Varande-Ostrie »" in orgs(result)


@pytest.mark.parametrize(
    ("before", "inner"),
    [
        ("Le directeur a déclaré : ", "Institut Helix de Lorvane"),  # after a colon: speech
        ("Il a ajouté ", "Nous saluons la Fondation Verandi"),  # a clause
        ("dans le programme ", "Clusters"),  # a word quoted, no kind word
        (
            "sous le nom de ",
            "Centre hospitalier universitaire",
        ),  # lower-case words after a naming word
    ],
)
def test_a_quotation_is_no_name(before: str, inner: str) -> None:
    assert not a_quoted_name(before, inner)


@pytest.mark.parametrize(
    ("text", "body", "person"),
    [
        (
            "Une fédération de cardiologie a été créée avec le CHU Valdrin l'an dernier.",
            "CHU Valdrin",
            None,
        ),
        (
            "Le parc accueille des partenaires tels que les laboratoires Paul Verdane et Sanofi.",
            "Laboratoires Paul Verdane",
            "Paul Verdane",
        ),
        (
            "Le Complexe Hospitalier Le Bon Berger a signé une convention avec l'Institut Helix.",
            "Complexe Hospitalier Le Bon Berger",
            "Bon Berger",
        ),
    ],
)
def test_a_persons_name_after_a_kind_word_is_the_bodys(
    text: str, body: str, person: str | None
) -> None:
    result = run("fr", text)
    assert body in orgs(result)
    assert person not in people(result)


def test_a_person_named_after_the_kind_and_its_acronym_is_none() -> None:
    result = run(
        "fr",
        "Le Centre hospitalier universitaire (CHU) Ibn Rachid de Rabat a signé une convention avec le CHU de Lorvane. "
        "Le secrétaire général du CHU Ibn Rachid, Karim Benalla, a salué l'accord.",
    )
    assert "Ibn Rachid" not in people(result)
    assert "CHU Ibn Rachid" in orgs(result)
    assert "Karim Benalla" in people(result)
