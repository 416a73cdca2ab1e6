"""Posts whose title and body are parted by words the older rules did not expect (round 15):
several honorifics, or one in lower case, between a title and the name; a title with a field of
its own before the body; a bare title in a sentence naming one body after it. Every sentence was written for this test, with invented
names; the real pipeline."""

from __future__ import annotations

import pytest
from article_help import run

from ecokg.loaders.articles import Extraction


def _posts(result: Extraction) -> set[tuple[str, str]]:
    return {
        (person.label, result.entities[post["organization"]].label)
        for person in result.of_class("Person")
        for post in person.posts
    }


@pytest.mark.parametrize(
    ("lang", "text", "post"),
    [
        (
            "en",
            "The ceremony was attended by Helix Labs Director Prof Dr Tomas Verenko and other guests.",
            ("Tomas Verenko", "Helix Labs"),
        ),
        (
            "fr",
            "« Nous sommes prêts », a déclaré le président fondateur de Genvalis, professeur Paul Durandet.",
            ("Paul Durandet", "Genvalis"),
        ),
    ],
)
def test_honorifics_between_the_title_and_the_name(
    lang: str, text: str, post: tuple[str, str]
) -> None:
    assert post in _posts(run(lang, text))


@pytest.mark.parametrize(
    ("lang", "text", "post"),
    [
        (
            "en",
            "At the meeting, the Director of clinical research programs of Arcton Biotech, Dr. Mary Doerr, welcomed the deal.",
            ("Mary Doerr", "Arcton Biotech"),
        ),
        (
            "fr",
            "La convention a été signée par le directeur des opérations de Genvalis Biotech, Paul Durandet.",
            ("Paul Durandet", "Genvalis Biotech"),
        ),
    ],
)
def test_a_title_with_a_field_before_the_body(lang: str, text: str, post: tuple[str, str]) -> None:
    assert post in _posts(run(lang, text))


@pytest.mark.parametrize(
    ("lang", "text", "post"),
    [
        (
            "en",
            "A delegation arrived on Monday. The Vice-Chancellor, Prof. Daniel Boakye, who received the team, said Westbrook University was open to partners.",
            ("Daniel Boakye", "Westbrook University"),
        ),
        (
            "fr",
            "Une délégation est arrivée lundi. Le recteur, M. Paul Durandet, qui a reçu la délégation, a rappelé que l'Université de Lorvane restait ouverte.",
            ("Paul Durandet", "Université de Lorvane"),
        ),
    ],
)
def test_a_bare_title_and_the_one_body_after_it(
    lang: str, text: str, post: tuple[str, str]
) -> None:
    assert post in _posts(run(lang, text))


def test_a_bare_title_takes_no_body_named_before_it() -> None:
    # "a delegation from Y paid a call on the Vice-Chancellor, Prof. X": Y is the visitor, not X's body.
    result = run(
        "en",
        "A delegation from Westbrook University paid a courtesy call on the Vice-Chancellor, Prof. Daniel Boakye.",
    )
    assert not any(person == "Daniel Boakye" for person, _ in _posts(result))
