"""Bad curated YAML: a clear error (file, line, what) and a store left exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecokg import InputError, KnowledgeGraph
from ecokg.cli import app
from ecokg.errors import ValidationError

BAD = Path(__file__).parent.parent / "data" / "bad"

#: file -> (line the error names, words the message contains)
CASES: dict[str, tuple[int | None, str]] = {
    "syntax-error.yaml": (4, "YAML syntax error"),
    "unknown-key.yaml": (9, "unknown key 'based_inn'"),
    "unknown-reference.yaml": (9, "unknown entity 'atlantis'"),
    "unknown-class.yaml": (6, "unknown class 'Startup'"),
    "bad-date.yaml": (9, "bad date '2024-02-31'"),
    "duplicate-id.yaml": (9, "duplicate id 'acme' (first defined at line 5)"),
    "missing-label.yaml": (5, "needs a 'label'"),
    "tab-indent.yaml": (3, "indent with spaces"),
    "alias-bomb.yaml": (3, "anchors and aliases"),
    "duplicate-key.yaml": (8, "duplicate key 'label'"),
    "wrong-type.yaml": (10, "'unanimous' must be true or false"),
    "wrong-range.yaml": (14, "'alice' is a Person, but a Organization is expected"),
    "unknown-quote.yaml": (8, "unknown quote 'nosuchquote'"),
    "empty.yaml": (1, "the file is empty"),
    "binary.yaml": (None, "binary file"),
}


#: Files each fact of which is well formed, but two facts contradict each other: refused by
#: the consistency shapes (issue 16) -> (words of the message, the sentences it must quote).
CONSISTENCY: dict[str, tuple[str, list[str]]] = {
    "city-in-two-states.yaml": (
        "Place in two places of the same level",
        ["Dole (ekr:dole)", "ekr:dole ek:locatedIn ekr:wi", "ekr:dole ek:locatedIn ekr:il",
         "“Dole is a city of Wisconsin.”", "“Dole is a city of Illinois.”"],
    ),
    "end-before-start.yaml": (
        "End before start",
        ["A trip (ekr:trip)", 'ekr:trip ek:endDate "2024-10-27"^^xsd:date — ekd:end-before-start: '
         "“It came back on 27 October 2024.”", "“The delegation left on 1 November 2024.”"],
    ),
    "sub-event-outside-parent.yaml": (
        "Sub-event dated outside the dates of the event it is ek:partOf",
        ["A meeting during the trip (ekr:trip-meeting)", 'ekr:trip-meeting ek:date "2024-11-15"^^xsd:date',
         'ekr:trip ek:endDate "2024-11-01"^^xsd:date', "“The delegation travelled from 27 October to 1 November 2024.”"],
    ),
    "two-adoption-dates.yaml": (
        "Two different values of a date that has one",
        ["A roadmap (ekr:roadmap)", "“The council adopted the roadmap on 17 October 2024.”",
         "“The roadmap was adopted on 21 November 2024.”"],
    ),
}


def test_every_bad_file_has_a_case() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted([*CASES, *CONSISTENCY])


@pytest.mark.parametrize("name", sorted(CONSISTENCY))
def test_contradiction_is_refused_with_its_facts_and_sentences(disk_kg: KnowledgeGraph, name: str) -> None:
    words, facts = CONSISTENCY[name]
    before = _quads(disk_kg)
    with pytest.raises(ValidationError) as info:
        disk_kg.load([BAD / name])
    message = str(info.value)
    assert words in message and "nothing was loaded" in message
    for fact in facts:
        assert fact in message, f"{fact!r} not in:\n{message}"
    assert _quads(disk_kg) == before


def test_contradiction_across_sources_is_refused(disk_kg: KnowledgeGraph, tmp_path: Path) -> None:
    """A later source giving the seed's mission another start date: both facts are named."""
    later = tmp_path / "later.yaml"
    later.write_text(
        "ecokg: 1\ndocument: {id: later, title: A later article, language: en, date: 2024-12-01}\n"
        'quotes: {left: "The delegation left on 29 October."}\n'
        "entities:\n  - {id: mission-bfc-usa-2024, type: Mission, label: The mission, quote: left, start_date: 2024-10-29}\n",
        encoding="utf-8",
    )
    before = _quads(disk_kg)
    with pytest.raises(ValidationError) as info:
        disk_kg.load([later])
    message = str(info.value)
    assert "Two different values of a date" in message
    assert 'ekr:mission-bfc-usa-2024 ek:startDate "2024-10-29"^^xsd:date — ekd:later' in message
    assert 'ekr:mission-bfc-usa-2024 ek:startDate "2024-10-27"^^xsd:date — ekd:bfc-wisconsin-2024' in message
    assert _quads(disk_kg) == before


def test_unknown_status_lists_the_allowed_values(disk_kg: KnowledgeGraph, tmp_path: Path) -> None:
    bad = tmp_path / "status.yaml"
    bad.write_text(
        "ecokg: 1\ndocument: {id: status, title: A status, language: en}\n"
        'quotes: {q: "The meeting is pencilled in."}\n'
        "entities:\n  - id: m\n    type: Meeting\n    label: A meeting\n    quote: q\n"
        "    date: 2024-01-01\n    status: pencilled\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        disk_kg.load([bad])
    assert "status.yaml:10: unknown status 'pencilled': expected one of planned, reported, postponed, " \
        "cancelled, happened, signed" in str(info.value)


def _quads(kg: KnowledgeGraph) -> set[tuple[object, ...]]:
    return set(kg.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_is_refused_and_store_unchanged(disk_kg: KnowledgeGraph, name: str) -> None:
    line, words = CASES[name]
    before = _quads(disk_kg)
    with pytest.raises(InputError) as info:
        disk_kg.load([BAD / name])
    message = str(info.value)
    assert words in message
    assert name in message
    if line is not None:
        assert f"{name}:{line}" in message, message
    assert _quads(disk_kg) == before


def test_bad_file_from_cli_exits_non_zero_and_keeps_store(store_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["build", "--store", str(store_path)]).exit_code == 0
    before = runner.invoke(app, ["stats", "--store", str(store_path), "-F", "csv"]).output
    result = runner.invoke(app, ["build", "--store", str(store_path), str(BAD / "unknown-key.yaml")])
    assert result.exit_code == 2
    assert "unknown-key.yaml:9" in result.output
    assert "unknown key 'based_inn'" in result.output
    after = runner.invoke(app, ["stats", "--store", str(store_path), "-F", "csv"]).output
    assert after == before
