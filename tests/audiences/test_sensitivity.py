"""Where a source's level comes from: its file, ``build --sensitivity``, or its kind."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.graph.audience import markings
from ecokg.namespaces import EKG

from .conftest import PROSPECTS

runner = CliRunner()
DATA = Path(__file__).parents[1] / "data"
NOTE = "ecokg: 1\ndocument: {{id: note, title: A note, language: en{extra}}}\nquotes: {{q: \"Acme is a company.\"}}\n" \
       "entities:\n  - {{id: acme, type: Company, label: Acme, quote: q}}\n"


def levels(store: Path) -> dict[str, str | None]:
    with KnowledgeGraph.open(store, create=False) as kg:
        return {str(g).removeprefix(str(EKG)): level for g, level in markings(kg.backend).items()
                if str(g).startswith(str(EKG)) and "/" not in str(g).removeprefix(str(EKG))}


def test_levels_come_from_the_file_then_the_option_then_the_kind(tmp_path: Path) -> None:
    note = tmp_path / "note.yaml"
    note.write_text(NOTE.format(extra=""))
    store = tmp_path / "store"
    result = runner.invoke(app, ["build", "--store", str(store)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["build", "--append", str(note), str(PROSPECTS), "--store", str(store)])
    assert result.exit_code == 0, result.output
    # press release: public by its kind; gazetteer: its header; a note that says nothing: internal.
    assert levels(store) == {"bfc-wisconsin-2024": "public", "gazetteer": "public", "note": "internal",
                             "prospects-2024": "confidential"}
    result = runner.invoke(app, ["build", "--append", "--sensitivity", "personal", str(note), str(PROSPECTS),
                                 "--store", str(store)])
    assert result.exit_code == 0, result.output
    # The option applies to the file that says nothing; the header still wins.
    assert levels(store)["note"] == "personal" and levels(store)["prospects-2024"] == "confidential"
    internal = runner.invoke(app, ["query", "-e", "SELECT ?l WHERE { ?x a ek:Company ; rdfs:label ?l }",
                                   "-F", "csv", "--store", str(store), "--audience", "internal"])
    assert internal.stdout.split() == ["l", "Gilson"]  # the note is personal now: all only


def test_a_bad_level_is_refused_with_its_line(tmp_path: Path) -> None:
    note = tmp_path / "note.yaml"
    note.write_text(NOTE.format(extra=", sensitivity: secret"))
    store = tmp_path / "store"
    result = runner.invoke(app, ["build", str(note), "--store", str(store)])
    assert result.exit_code != 0
    assert "note.yaml:2" in result.output
    assert "document 'sensitivity' must be one of public, internal, confidential, personal" in result.output
    assert not (store / "CURRENT").exists() or not levels(store)
    option = runner.invoke(app, ["build", "--sensitivity", "secret", "--store", str(store)])
    assert option.exit_code == 2 and "unknown sensitivity 'secret'" in option.output
