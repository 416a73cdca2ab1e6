"""Bad curated YAML: a clear error (file, line, what) and a store left exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecokg import InputError, KnowledgeGraph
from ecokg.cli import app

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


def test_every_bad_file_has_a_case() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(CASES)


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
