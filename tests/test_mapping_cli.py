"""``ecokg mapping init`` and ``check`` (issue 23), run as a user runs them: a real process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

CRM = Path(__file__).parent / "data" / "crm"


def _ecokg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ecokg", *args], cwd=cwd, capture_output=True, text=True)


def test_init_writes_a_mapping_that_loads_and_check_shows_facts(tmp_path: Path) -> None:
    data = tmp_path / "crm-export.csv"
    shutil.copy(CRM / "crm-export.csv", data)
    assert _ecokg("build", "--store", "st", cwd=tmp_path).returncode == 0
    made = _ecokg("mapping", "init", "crm-export.csv", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    mapping = (tmp_path / "crm-export.csv.mapping.yaml").read_text(encoding="utf-8")
    assert 'skip_when: {column: "Confidentiel", equals: "Oui"}' in mapping
    assert '"Entreprise": Company' in mapping and '"Université": ResearchOrganization' in mapping
    assert 'date: {column: "Date", format: "%d/%m/%Y"}' in mapping
    assert "source excerpt): Rôle, Secteur, Statut, Suite à donner" in mapping  # what it leaves out, said
    # A second init does not overwrite the mapping being edited.
    again = _ecokg("mapping", "init", "crm-export.csv", cwd=tmp_path)
    assert again.returncode != 0 and "exists; give --force" in again.stderr
    # The starting mapping loads as it is: check, then build.
    checked = _ecokg("mapping", "check", "crm-export.csv.mapping.yaml", "crm-export.csv", "--store", "st",
                     "-n", "1", "--format", "json", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert report["rows"] == 16 and report["bad_rows"] == []
    facts = {(f["entity"], f["property"], f["value"], f["entity_is"]) for f in report["facts"]}
    assert ("Nicolas Paris (nicolas-paris)", "label", "Nicolas PARIS", "known") not in facts  # a known person keeps his label
    assert any(f[0].startswith("Meeting with Nicolas PARIS") and f[1] == "participants"
               and f[2] == "Nicolas Paris (nicolas-paris)" for f in facts)
    assert {f["row"] for f in report["facts"]} == {2}
    assert not list(tmp_path.glob("*.rejects.csv"))  # a dry run writes nothing
    built = _ecokg("build", "--append", "crm-export.csv", "--store", "st", cwd=tmp_path)
    assert built.returncode == 0, built.stderr


def test_check_lists_bad_rows_and_exits_2(tmp_path: Path) -> None:
    data = tmp_path / "crm-export.csv"
    text = (CRM / "crm-export.csv").read_bytes().decode("cp1252").replace("15/10/2024", "31/02/2024")
    data.write_bytes(text.encode("cp1252"))
    mapping = str(CRM / "crm-export.csv.mapping.yaml")
    table = _ecokg("mapping", "check", mapping, "crm-export.csv", "--memory", cwd=tmp_path)  # the seed, in memory
    assert table.returncode == 2
    assert table.stderr.splitlines() == [
        "bad row: crm-export.csv, row 2: column 'Date' (A) is not a date in the format '%d/%m/%Y': '31/02/2024'"]
    assert "15 row(s) make facts" in table.stdout  # the good rows are staged and shown
    assert not list(tmp_path.glob("*.rejects.csv"))
    # Without a store, nothing is known: the countries this mapping looks up are not found.
    alone = _ecokg("mapping", "check", mapping, "crm-export.csv", cwd=tmp_path)
    assert alone.returncode == 2 and "no store found: nothing linked to stored entities" in alone.stdout
    assert "row 3: 'États-Unis' names an unknown country" not in alone.stderr
    assert "row 3: names an unknown country 'etats-unis'" in alone.stderr


def test_queries_accepts_store(tmp_path: Path) -> None:
    listed = _ecokg("queries", "--store", str(tmp_path / "none"), "--format", "csv", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "organisations-met,Organisations met in a territory" in listed.stdout
