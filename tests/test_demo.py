"""`ecokg demo` (what `make demo` runs) builds the seed, answers the headline questions and writes the maps."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app


def test_demo_builds_answers_and_writes_the_maps(tmp_path: Path) -> None:
    store, out = tmp_path / "store", tmp_path / "out"
    result = CliRunner().invoke(app, ["demo", "--store", str(store), "--out", str(out)], terminal_width=200)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())  # tables wrap to the terminal's width
    for heading in ("ecokg query delegation-members", "ecokg query territory-links", "ecokg query agreements"):
        assert heading in text
    for name in ("Abrahamse-Pleux", "Nicolas Soret", "BioForward", "Wisconsin"):
        assert name in text
    # Through the mission the Région organised: no source says who of it met WEDC (issue 16).
    assert "Marie-Guite Dufay —president of→ Bourgogne-Franche-Comté Region ←organizer—" in text
    assert "Suggested introductions" in text
    for name in ("ecosystem", "delegation-members", "territory-links", "agreements"):
        page = out / f"{name}.html"
        assert page.stat().st_size > 10_000
        assert "<script src=" not in page.read_text(encoding="utf-8")  # scripts are inlined
    with KnowledgeGraph.open(store) as kg:
        assert kg.validate().conforms
