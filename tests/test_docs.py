"""Every command has help and is shown in the README (as sqlite-utils does)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from ecokg.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_there_are_commands() -> None:
    assert {"build", "stats", "validate", "export", "demo"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    doc = get_command(app).commands[command].help  # type: ignore[attr-defined]
    assert doc and doc.strip(), f"{command} has no help text"


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_in_readme(command: str) -> None:
    assert f"ecokg {command}" in README, f"README does not show `ecokg {command}`"


def test_python_dash_m_works() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "ecokg", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "build" in result.stdout
