"""``ecokg log`` and ``ecokg diff``: the generations kept, and exactly what changed between
two builds, by entity and with sources, as each audience may see it."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecokg.cli import app
from ecokg.loaders import seed_sources

from .conftest import MARKER, PROSPECTS

runner = CliRunner()
WEDC = "    acronym: WEDC\n    quote: programme\n    based_in: wisconsin\n"


@pytest.fixture
def builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two builds of the seed, WEDC moved from Wisconsin to Illinois in the second."""
    monkeypatch.setenv("ECOKG_KEEP_GENERATIONS", "5")
    seed = tmp_path / "seed"
    seed.mkdir()
    for path in seed_sources():
        shutil.copy(path, seed / path.name)
    shutil.copy(seed_sources()[0].with_suffix(".txt"), seed / "bfc-wisconsin-2024.txt")
    store = tmp_path / "store"
    files = [str(seed / p.name) for p in seed_sources()]
    assert runner.invoke(app, ["build", *files, "--store", str(store)]).exit_code == 0
    article = seed / "bfc-wisconsin-2024.yaml"
    text = article.read_text("utf-8")
    assert text.count(WEDC) == 1
    article.write_text(text.replace(WEDC, WEDC.replace("wisconsin", "illinois")), "utf-8")
    # `ecokg log` tells a build (every source loaded again) from a load by the sources' load
    # times, which are kept to the second: two builds within one second read as a load.
    time.sleep(1.05)
    result = runner.invoke(app, ["build", *files, "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def test_diff_of_two_builds_lists_exactly_the_changed_fact(builds: Path) -> None:
    result = runner.invoke(app, ["diff", "-F", "json", "--store", str(builds)])
    assert result.exit_code == 0, result.output
    sentence = ("Le programme de la mission inclut des rencontres avec le Wisconsin Economic Development "
                "Corporation (WEDC) pour échanger sur des synergies possibles, ainsi qu’une signature d’accord "
                "de partenariat entre BioForward et l’Agence Économique Régionale de Bourgogne-Franche-Comté.")
    source = [{"graph": "https://w3id.org/ecokg/graph/bfc-wisconsin-2024", "sentence": sentence}]
    assert json.loads(result.stdout) == [{
        "entity": "https://w3id.org/ecokg/id/wedc",
        "label": "Wisconsin Economic Development Corporation",
        "added": [{"property": "https://w3id.org/ecokg/ontology#basedIn",
                   "value": "https://w3id.org/ecokg/id/illinois", "sources": source}],
        "removed": [{"property": "https://w3id.org/ecokg/ontology#basedIn",
                     "value": "https://w3id.org/ecokg/id/wisconsin", "sources": source}],
    }]
    text = runner.invoke(app, ["diff", "--store", str(builds)]).stdout
    assert "gen-000001 -> gen-000002: 1 facts added, 1 removed, about 1 entities" in text
    assert "  + ek:basedIn ekr:illinois" in text and "  - ek:basedIn ekr:wisconsin" in text


def test_log_lists_the_generations_and_their_sources(builds: Path) -> None:
    result = runner.invoke(app, ["log", "-F", "json", "--store", str(builds)])
    assert result.exit_code == 0, result.output
    generations = json.loads(result.stdout)["generations"]
    assert [(g["generation"], g["current"], g["write"]) for g in generations] == [
        ("gen-000001", False, "build"), ("gen-000002", True, "build")]
    assert [(s["file"], s["sensitivity"]) for s in generations[1]["sources"]] == [
        ("bfc-wisconsin-2024.yaml", "public"), ("gazetteer.yaml", "public")]


def test_diff_and_log_respect_the_audience(builds: Path, tmp_path: Path) -> None:
    export = tmp_path / "before.nq"
    assert runner.invoke(app, ["export", "-F", "nq", "-o", str(export), "--store", str(builds)]).exit_code == 0
    assert runner.invoke(app, ["build", "--append", str(PROSPECTS), "--store", str(builds)]).exit_code == 0
    team = runner.invoke(app, ["diff", str(export), "--store", str(builds)])
    assert team.exit_code == 0 and MARKER in team.stdout.lower()
    public = runner.invoke(app, ["diff", str(export), "--store", str(builds), "--audience", "public",
                                 "--map", str(tmp_path / "public.html")])
    assert public.exit_code == 0, public.output
    assert "0 facts added, 0 removed, about 0 entities" in public.stdout and MARKER not in public.stdout.lower()
    assert MARKER not in (tmp_path / "public.html").read_text("utf-8").lower()
    # The team's map colours the two entities the note describes (the prospect and its contact).
    mapped = runner.invoke(app, ["diff", str(export), "--store", str(builds), "--map", str(tmp_path / "team.html")])
    assert mapped.exit_code == 0, mapped.output
    page = (tmp_path / "team.html").read_text("utf-8")
    assert re.search(r'"label":"new facts","color":"#[0-9a-f]{6}","count":2,', page) and MARKER in page.lower()
    log = runner.invoke(app, ["log", "-F", "json", "--store", str(builds), "--audience", "public"]).stdout
    assert MARKER not in log.lower() and "prospects" not in log
    generations = json.loads(runner.invoke(app, ["log", "-F", "json", "--store", str(builds)]).stdout)["generations"]
    assert generations[-1]["write"] == "load" and generations[-1]["loaded"] == [
        "https://w3id.org/ecokg/graph/prospects-2024"]


def test_diff_without_an_earlier_generation_says_what_to_do(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert runner.invoke(app, ["build", "--store", str(store)]).exit_code == 0
    result = runner.invoke(app, ["diff", "--store", str(store)])
    assert result.exit_code == 1
    assert "no earlier generation to compare with" in result.output and "ECOKG_KEEP_GENERATIONS" in result.output
