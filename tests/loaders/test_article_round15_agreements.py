"""Agreements and dates that generalise (round 15): an agreement's signers named in a sentence of
their own with a pronoun subject ("It was signed by the Director of X, ... and President of Y");
"on <weekday>" dated by the tense of its own verb, not a later clause's; a French compound past
before a bare weekday ("ont signé mardi"). Every sentence was written for this test, with invented
names; the real pipeline."""

from __future__ import annotations

import pytest
from article_help import run

from ecokg.loaders.articles import Extraction
from ecokg.loaders.articles.dates import dates_in, reference


def _parties(result: Extraction) -> list[frozenset[str]]:
    return [
        frozenset(result.entities[v].label for v, _, _ in a.props["signatories"])
        for a in result.of_class("Agreement")
    ]


@pytest.mark.parametrize(
    ("lang", "text", "wanted"),
    [
        (
            "en",
            "Helix Labs signed a memorandum of understanding with Arcton University. The memorandum covers training. "
            "It was signed by the Director of Helix Labs, the Vice Chancellor of Arcton University and the President of "
            "Lorvane Institute at a ceremony in the capital.",
            {"Helix Labs", "Arcton University", "Lorvane Institute"},
        ),
        (
            "fr",
            "L'Institut Helix a signé une convention avec l'Université de Lorvane. Elle a été signée par le directeur de "
            "l'Institut Helix, le recteur de l'Université de Lorvane et le président de la Fondation Arcton.",
            {"Institut Helix", "Université de Lorvane", "Fondation Arcton"},
        ),
    ],
)
def test_a_pronoun_subject_signed_by_titles_adds_parties(
    lang: str, text: str, wanted: set[str]
) -> None:
    assert any(wanted <= parties for parties in _parties(run(lang, text)))


def test_a_pronoun_signed_by_far_from_any_agreement_adds_nothing() -> None:
    text = (
        "Helix Labs signed a memorandum of understanding with Arcton University. The partners met. The weather was fine. "
        "The meal was good. The band played. It was signed by the President of Lorvane Institute."
    )
    assert all("Lorvane Institute" not in parties for parties in _parties(run("en", text)))


@pytest.mark.parametrize(
    ("sentence", "iso"),
    [
        # 2025-03-06 is a Thursday: "signed ... on Tuesday" is the Tuesday before, whatever a later clause says.
        (
            "Helix Labs and Arcton signed a memorandum on Tuesday that will open a plant in Lorvane.",
            "2025-03-04",
        ),
        ("The plant will be opened on Tuesday.", "2025-03-11"),
        ("On Tuesday, Helix Labs will sign a deal.", "2025-03-11"),
    ],
)
def test_on_a_weekday_reads_its_own_verb(sentence: str, iso: str) -> None:
    assert [m.iso for m in dates_in(sentence, reference("2025-03-06"))] == [iso]


@pytest.mark.parametrize(
    ("sentence", "iso"),
    [
        (
            "L'Institut Helix et l'Université de Lorvane ont signé mardi à Lorvane une convention.",
            "2025-03-04",
        ),
        (
            "Les deux instituts ont signé, mercredi matin à Lorvane, un accord de jumelage.",
            "2025-03-05",
        ),
        ("La réunion s'est tenue lundi au siège de l'institut.", "2025-03-03"),
    ],
)
def test_a_french_past_before_a_bare_weekday(sentence: str, iso: str) -> None:
    assert [m.iso for m in dates_in(sentence, reference("2025-03-06"))] == [iso]


def test_a_french_weekday_with_its_date_keeps_the_date() -> None:
    found = dates_in(
        "Ils ont signé mardi 12 novembre 2024 une convention.", reference("2025-03-06")
    )
    assert [m.iso for m in found] == ["2024-11-12"]


def test_the_agreement_gets_the_french_weekday() -> None:
    result = extract_fr(
        "L'Institut Helix et l'Université de Lorvane ont signé mardi à Lorvane une convention de partenariat."
    )
    dates = [v for a in result.of_class("Agreement") for v, _, _ in a.props.get("date", [])]
    assert dates == ["2025-03-04"]


def extract_fr(text: str) -> Extraction:
    from ecokg.loaders.articles import extract

    return extract(text, "fr", (), date="2025-03-06")
