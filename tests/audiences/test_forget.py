"""``ecokg person-report`` and ``ecokg forget``: what is held about a person, and erasing it
from the graph and from every generation's files (a byte search of the store folder)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.errors import StoreError
from ecokg.graph.forget import forget, traces
from ecokg.loaders import seed_sources
from ecokg.namespaces import EKR

from .conftest import PROSPECTS

runner = CliRunner()
PERSON = "Quentin Zorblaxia-Marker"
IRI = str(EKR["quentin-zorblaxia-marker"])
NEEDLES = [PERSON, "quentin-zorblaxia-marker", IRI]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Seed and prospects with scores written, then an append (the older generations kept, as
    by default), and a generation set aside as damaged: the person is in several generations' files."""
    monkeypatch.delenv("ECOKG_KEEP_GENERATIONS", raising=False)
    path = tmp_path / "store"
    with KnowledgeGraph.open(path) as kg:
        kg.build([*seed_sources(), PROSPECTS])
    result = runner.invoke(app, ["analyze", "--write", "--store", str(path)])
    assert result.exit_code == 0, result.output
    with KnowledgeGraph.open(path) as kg:
        kg.load([Path(__file__).parents[1] / "data" / "acme-in-wisconsin.yaml"])
    assert sorted(p.name for p in path.glob("gen-??????") if p.is_dir()) == ["gen-000001", "gen-000002", "gen-000003"]
    oldest = sorted(p for p in path.glob("gen-??????") if p.is_dir())[0]
    shutil.copytree(oldest, path / "damaged-gen-000001")
    return path


def test_person_report_lists_every_fact_with_its_sentence(store: Path) -> None:
    result = runner.invoke(app, ["person-report", PERSON, "-F", "json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["person"] == IRI and report["names"] == [PERSON]
    assert report["sources"] == ["https://w3id.org/ecokg/graph/prospects-2024"]
    facts = {(f["subject"], f["predicate"], f["object"]) for f in report["facts"]}
    assert ("ekr:quentin-zorblaxia-marker", "ek:headOf", "ekr:bioforward") in facts
    assert ("ekr:post.quentin-zorblaxia-marker.bioforward.president", "ek:postIn", "ekr:bioforward") in facts
    stated = [f for f in report["facts"] if f["graph"] == "ekg:prospects-2024"]
    assert len(stated) == 16  # the person: type, label, 2 headOf; each post: 6 facts
    assert all("its contact is Quentin Zorblaxia-Marker" in f["sentence"] for f in stated)
    # The public audience is not told about a confidential person.
    hidden = runner.invoke(app, ["person-report", PERSON, "--store", str(store), "--audience", "public"])
    assert hidden.exit_code != 0 and "no entity named" in hidden.output


def test_forget_leaves_no_trace_in_any_generation(store: Path) -> None:
    # The search finds the person before: in every kept generation, and the damaged one.
    holding = {path.relative_to(store).parts[0] for path in traces(store, NEEDLES)}
    assert {"gen-000001", "gen-000002", "gen-000003", "damaged-gen-000001"} <= holding
    with KnowledgeGraph.open(store, create=False) as kg:
        seed_facts = kg.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ekg:bfc-wisconsin-2024 { ?s ?p ?o } }")[0][0]
    result = runner.invoke(app, ["forget", PERSON, "--yes", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "damaged-gen-000001" in result.output and "prospects-2024" in result.output

    assert traces(store, NEEDLES) == []  # every byte of the store folder
    assert len([p for p in store.glob("gen-??????") if p.is_dir()]) == 1  # the older ones are gone
    with KnowledgeGraph.open(store, create=False) as kg:
        # The prospect company and the other facts stay; the sentence stays, without the name.
        assert kg.backend.query("ASK { ekr:zorblaxia-biologics a ek:Company }").askAnswer
        (sentence,) = kg.select("SELECT ?t WHERE { GRAPH ekg:prospects-2024 { <https://w3id.org/ecokg/doc/prospects-2024#q-prospect> ek:text ?t } }")[0]
        assert str(sentence).endswith("its contact is [removed].")
        assert kg.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ekg:bfc-wisconsin-2024 { ?s ?p ?o } }")[0][0] == seed_facts
        assert not kg.backend.query("ASK { GRAPH ekgs:analysis { ?s ?p ?o } }").askAnswer  # derived: dropped
        assert kg.validate().conforms
    record = json.loads((store / "erasures.jsonl").read_text())
    assert record["subject_sha256"] == "ac26fed25364c0e843d1b0a4614777bbb1a16fd6f51475a2b9281c623318193f"
    assert record["sources"] == ["https://w3id.org/ecokg/graph/prospects-2024"] and record["facts_removed"] > 20
    again = runner.invoke(app, ["person-report", PERSON, "--store", str(store)])
    assert again.exit_code != 0 and "no entity named" in again.output


def test_forget_waits_for_readers_of_older_generations(store: Path) -> None:
    from ecokg.graph.disk import lock_file

    *kept, current = sorted(p.name for p in store.glob("gen-??????") if p.is_dir())
    older = kept[0]

    reader = lock_file(store / f"{older}.lock", shared=True, timeout=0)  # as an `ecokg serve` of it would
    try:
        before = (store / "CURRENT").read_bytes()
        with KnowledgeGraph.open(store) as kg, pytest.raises(StoreError, match=f"{older} of the store .* is being read"):
            forget(kg.backend, EKR["quentin-zorblaxia-marker"])
        assert (store / "CURRENT").read_bytes() == before  # nothing was changed
    finally:
        reader.close()
    # A reader of the current generation (a server) keeps it: the erasure says so, by file ...
    with KnowledgeGraph.open(store, create=False):
        result = runner.invoke(app, ["forget", PERSON, "--yes", "--store", str(store)])
        assert result.exit_code != 0
        assert f"these files still hold them: {current}/" in " ".join(result.output.split())
    # ... and once it is stopped, forgetting the IRI again deletes what it kept.
    assert traces(store, NEEDLES)
    result = runner.invoke(app, ["forget", "ekr:quentin-zorblaxia-marker", "--yes", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert traces(store, NEEDLES) == []
