"""``ecokg log`` and ``ecokg diff``: the generations kept, and exactly what changed between
two builds, by entity and with sources, as each audience may see it."""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timedelta
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
    """Two builds of the seed, WEDC moved from Wisconsin to Illinois in the second (the store
    keeps its last generations without being told to)."""
    monkeypatch.delenv("ECOKG_KEEP_GENERATIONS", raising=False)
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
    # Each write said what it was, to the microsecond (two builds within a second are two builds).
    first, second = (datetime.fromisoformat(g["written"]) for g in generations)
    assert timedelta(0) < second - first and first.microsecond + second.microsecond > 0
    assert generations[1]["loaded"] == ["https://w3id.org/ecokg/graph/bfc-wisconsin-2024",
                                        "https://w3id.org/ecokg/graph/gazetteer"]


def test_every_kind_of_write_is_logged_and_five_generations_are_kept(builds: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["analyze", "--write", "--store", str(builds)]).exit_code == 0
    assert runner.invoke(app, ["reason", "--store", str(builds)]).exit_code == 0
    assert runner.invoke(app, ["build", "--append", str(PROSPECTS), "--store", str(builds)]).exit_code == 0
    log = json.loads(runner.invoke(app, ["log", "-F", "json", "--store", str(builds)]).stdout)
    assert [g["write"] for g in log["generations"]] == ["build", "build", "analysis", "reason", "load"]
    assert runner.invoke(app, ["forget", "Quentin Zorblaxia-Marker", "--yes", "--store", str(builds)]).exit_code == 0
    log = json.loads(runner.invoke(app, ["log", "-F", "json", "--store", str(builds)]).stdout)
    # forget erased every older generation (they held the person); the log says what it did.
    assert [(g["generation"], g["write"]) for g in log["generations"]] == [("gen-000006", "forget")]
    assert "zorblaxia" not in (builds / "writes.jsonl").read_text("utf-8").lower()
    for _ in range(5):
        assert runner.invoke(app, ["build", "--append", str(PROSPECTS), "--store", str(builds)]).exit_code == 0
    assert runner.invoke(app, ["analyze", "--write", "--store", str(builds)]).exit_code == 0
    log = json.loads(runner.invoke(app, ["log", "-F", "json", "--store", str(builds)]).stdout)
    assert [(g["generation"], g["write"]) for g in log["generations"]] == [
        ("gen-000008", "load"), ("gen-000009", "load"), ("gen-000010", "load"), ("gen-000011", "load"),
        ("gen-000012", "analysis")]
    assert sorted(p.name for p in builds.glob("gen-??????") if p.is_dir()) == [f"gen-{n:06d}" for n in range(8, 13)]
    assert len((builds / "writes.jsonl").read_text("utf-8").splitlines()) == 5  # pruned with the generations


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


def test_a_bad_keep_setting_refuses_the_build_before_it_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOKG_KEEP_GENERATIONS", "zero")
    result = runner.invoke(app, ["build", "--store", str(tmp_path / "store")])
    assert result.exit_code == 2
    assert "$ECOKG_KEEP_GENERATIONS: expected a whole number of generations to keep, at least 1 (got 'zero')" \
        in " ".join(result.output.split())
    assert not (tmp_path / "store" / "CURRENT").exists()
