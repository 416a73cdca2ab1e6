"""The ontology's HTML documentation: one language a page, the ontology's own address, offline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecokg.cli import app


def page(tmp_path: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["ontology-docs", "-o", str(tmp_path / "docs"), *args])
    assert result.exit_code == 0, result.output
    return (tmp_path / "docs" / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[html.find("<body"):]))


@pytest.mark.parametrize(
    ("lang", "present", "absent"),
    [
        ("en", ("multinational organization", "present in country", "located in"), ("organisation multinationale", "situé dans")),
        ("fr", ("organisation multinationale", "présent dans le pays"), ("multinational organization", "present in country")),
    ],
)
def test_one_language_a_page(tmp_path: Path, lang: str, present: tuple[str, ...], absent: tuple[str, ...]) -> None:
    html = page(tmp_path, "--lang", lang)
    for label in present:
        assert label in html
    for label in absent:
        assert label not in html
    assert "missionmission" not in text_of(html).replace(" ", "").lower()
    assert "<script src=" not in html  # self-contained: nothing fetched when opened


def test_the_header_names_the_ontology(tmp_path: Path) -> None:
    header = text_of(page(tmp_path))[:400]
    # Not the IRI of a concept scheme (pyLODE took the sectors' scheme for the ontology).
    assert "IRI https://w3id.org/ecokg/ontology Title ecokg ontology of biotech ecosystems" in header


def test_an_unknown_language_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ontology-docs", "-o", str(tmp_path / "docs"), "--lang", "de"])
    assert result.exit_code == 2
    assert "unknown language 'de'" in result.output
