"""French everywhere (issue 16): each command that prints text, in French, against a snapshot.

The snapshots are tests/data/snapshots-fr/<name>.txt (what the command prints, stdout and
stderr, with the temporary folder and timings replaced). ``ECOKG_UPDATE_SNAPSHOTS=1`` writes
them again; read the diff before committing. A snapshot no test uses is an error.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecokg.cli import app
from ecokg.network.french import preposition, title_head
from ecokg.network.vocabulary import E

SNAPSHOTS = Path(__file__).parent / "data" / "snapshots-fr"
DATA = Path(__file__).parent / "data"
ACME = str(DATA / "acme-in-wisconsin.yaml")
COMPANIES = str(DATA / "crunchbase" / "crunchbase-companies.csv")
ARTICLE = str(DATA / "articles" / "grand-est-japon-2025.txt")
runner = CliRunner()

#: name -> the command's arguments ({tmp} is the test's folder).
COMMANDS: dict[str, list[str]] = {
    "analyze": ["analyze", "--memory", "--lang", "fr", "-n", "5"],
    "analyze-csv": ["analyze", "--memory", "--lang", "fr", "-n", "3", "-m", "degree", "-F", "csv"],
    "brokers": ["brokers", "--memory", "--lang", "fr", "-n", "3"],
    "brokers-between": ["brokers", "--memory", "--lang", "fr", "--between", "BFC", "Wisconsin", "--paths", "2"],
    "path": ["path", "--memory", "--lang", "fr", "Marie-Guite Dufay", "WEDC", "-k", "2"],
    "path-co-participation": ["path", "--memory", "--lang", "fr", "--co-participation", "Nicolas Soret", "Nicolas Paris"],
    "suggest": ["suggest", "--memory", "--lang", "fr"],
    "queries": ["queries", "--lang", "fr", "-F", "csv"],
    "query": ["query", "--memory", "--lang", "fr", "delegation-members"],
    "stats": ["stats", "--memory", "--lang", "fr"],
    "viz": ["viz", "--memory", "--lang", "fr", "-o", "{tmp}/carte.html"],
    "demo": ["demo", "--lang", "fr", "--store", "{tmp}/base", "--out", "{tmp}/cartes"],
    "query-card": ["query", "--memory", "--lang", "fr", "entity-card", "-p", "entity=Gilson"],
    "query-authority": ["query", "--memory", "--lang", "fr", "territory-links", "-p", "a=Région Bourgogne-Franche-Comté",
                        "-p", "b=Chicago"],
    "query-are-linked": ["query", "--memory", "--lang", "fr", "are-linked", "-p", "a=Nicolas Soret", "-p", "b=Business France"],
    "build": ["build", "--memory", "--lang", "fr"],
    "build-append": ["build", "--store", "{tmp}/base", "--append", "--lang", "fr", ACME],
    "validate": ["validate", "--memory", "--lang", "fr"],
    "export": ["export", "--memory", "--lang", "fr", "-o", "{tmp}/graphe.trig"],
    "reason": ["reason", "--store", "{tmp}/base", "--lang", "fr"],
    "ontology-docs": ["ontology-docs", "--lang", "fr", "-o", "{tmp}/ontologie"],
    "store-check": ["store", "check", "--store", "{tmp}/base", "--lang", "fr"],
    "store-repair": ["store", "repair", "--store", "{tmp}/base", "--lang", "fr"],
    "mapping-init": ["mapping", "init", COMPANIES, "-o", "{tmp}/correspondance.yaml", "--lang", "fr"],
    "mapping-check": ["mapping", "check", "crunchbase-companies", COMPANIES, "-n", "1", "--memory", "--lang", "fr"],
    "brief": ["brief", "--memory", "--lang", "fr", "--territory", "Wisconsin", "-o", "{tmp}/note.html"],
    "extract": ["extract", "--ui-lang", "fr", "--lang", "fr", ARTICLE, "-o", "{tmp}/candidats.yaml"],
    "person-report": ["person-report", "--store", "{tmp}/base", "--lang", "fr", "-F", "csv", "Nicolas Paris"],
    "forget": ["forget", "--store", "{tmp}/base", "--yes", "--lang", "fr", "Nicolas Paris"],
    "log": ["log", "--store", "{tmp}/base", "--lang", "fr"],
    "diff": ["diff", "{tmp}/avant.nq", "--store", "{tmp}/base", "--lang", "fr", "--map", "{tmp}/changements.html"],
}

#: Commands that exit non-zero on purpose: the sample spreadsheet has bad rows (exit 2, said in French).
EXIT_CODES = {"mapping-check": 2}
#: Terminal widths other than 100: the log's table keeps each time on one line (so it is normalised).
WIDTHS = {"log": "200"}

#: What a command needs first (run in English, not compared): a built store, an older export.
SETUP: dict[str, list[list[str]]] = {
    name: [["build", "--store", "{tmp}/base"]]
    for name in ("build-append", "reason", "store-check", "store-repair", "person-report", "forget", "log")
}
SETUP["diff"] = [["build", "--store", "{tmp}/base"], ["export", "--store", "{tmp}/base", "-o", "{tmp}/avant.nq", "-F", "nq"],
                 ["build", "--store", "{tmp}/base", "--append", ACME]]


def _normalised(text: str, tmp: Path) -> str:
    text = text.replace(str(tmp), "<tmp>").replace(str(DATA), "<data>")
    text = re.sub(r"\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)?", "<time>", text)  # when a graph was loaded
    text = re.sub(r"\b(hermit|rl|owlrl) [\d.]+, \d+\.\d s\b", r"\1 <version>, <t> s", text)  # the reasoner's run
    text = re.sub(r"\ben \d+\.\d s\b", "en <t> s", text)  # how long a build took
    return re.sub(r"\d+\.\d{3} s\b", "<t> s", text)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_french_output_of_each_command(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # nothing written beside the repository
    for setup in SETUP.get(name, []):
        done = runner.invoke(app, [a.format(tmp=tmp_path) for a in setup])
        assert done.exit_code == 0, done.output
    args = [a.format(tmp=tmp_path) for a in COMMANDS[name]]
    result = runner.invoke(app, args, env={"COLUMNS": WIDTHS.get(name, "100")})
    assert result.exit_code == EXIT_CODES.get(name, 0), result.output
    text = _normalised(result.output, tmp_path)
    snapshot = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("ECOKG_UPDATE_SNAPSHOTS") == "1":
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot {snapshot.name}: run with ECOKG_UPDATE_SNAPSHOTS=1 and read it"
    assert text == snapshot.read_text(encoding="utf-8")


def test_every_snapshot_is_used() -> None:
    assert sorted(p.stem for p in SNAPSHOTS.glob("*.txt")) == sorted([*COMMANDS, "serve"])


def test_every_command_that_prints_text_has_a_french_snapshot() -> None:
    from ecokg.cli import app as cli

    names = {c.name for c in cli.registered_commands} | {f"{g.name}-{c.name}" for g in cli.registered_groups
                                                          for c in g.typer_instance.registered_commands}
    covered = {n for name in [*COMMANDS, "serve"] for n in (name, name.rsplit("-", 1)[0])}
    assert names - {"version"} <= covered, names - covered  # `ecokg version` prints a number


def test_serve_startup_lines_in_french(tmp_path: Path) -> None:
    """``ecokg serve --lang fr``: a real server process on loopback; its own startup line, in French."""
    import socket

    store = tmp_path / "base"
    assert runner.invoke(app, ["build", "--store", str(store)]).exit_code == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "ecokg", "serve", "--store", str(store), "--port", str(port), "--lang", "fr",
         "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp_path,
    )
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 60
        assert server.stdout is not None
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            if "ecokg.server" in line:
                lines.append(line.split(" INFO ", 1)[-1].strip())
                break
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = _normalised("\n".join(lines) + "\n", tmp_path).replace(f":{port} ", ":<port> ")
    snapshot = SNAPSHOTS / "serve.txt"
    if os.environ.get("ECOKG_UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(text, encoding="utf-8")
    assert "servie sur http://127.0.0.1" in text
    assert text == snapshot.read_text(encoding="utf-8")


def test_french_headers_and_phrases_say_what_the_sources_say() -> None:
    path = (SNAPSHOTS / "path.txt").read_text(encoding="utf-8")
    # "Rencontres ... (prévue)": a meeting is feminine (ek:grammaticalGender), the status agrees.
    assert "Présidente de" in path and "(prévue)" in path and "(prévu)" not in path and "steps" not in path
    suggest = (SNAPSHOTS / "suggest.txt").read_text(encoding="utf-8")
    assert "présenter" in suggest and "raison" in suggest and "both are tied" not in suggest
    analyze = (SNAPSHOTS / "analyze-csv.txt").read_text(encoding="utf-8")
    assert "rang,entité,type,territoire,degré,iri" in analyze.splitlines()
    assert "agence de développement économique" in analyze  # the kind's French label, not "EconomicDevelopmentAgency"
    for name, words in (("build", "Graphe construit (mémoire)"), ("validate", "Le graphe est conforme"),
                        ("store-check", "La base est saine."), ("log", "génération"),
                        ("diff", "faits ajoutés"), ("extract", "reliés à la base)"), ("queries", "Accords et signataires")):
        assert words in (SNAPSHOTS / f"{name}.txt").read_text(encoding="utf-8"), name
    together = (SNAPSHOTS / "path-co-participation.txt").read_text(encoding="utf-8")
    assert "liens de co-participation inclus" in together and "a participé à" in together


@pytest.mark.parametrize(
    ("classes", "label", "expected"),
    [
        ({E.City}, "Madison", "à"),
        ({E.AdministrativeArea}, "Bourgogne-Franche-Comté", "en"),
        ({E.AdministrativeArea}, "Wisconsin", "au"),
        ({E.AdministrativeArea}, "Illinois", "dans l’"),
        ({E.AdministrativeArea}, "Californie", "en"),
        ({E.Country}, "États-Unis", "aux"),
        ({E.Country}, "France", "en"),
        ({E.Country}, "Canada", "au"),
        ({E.Country}, "Israël", "en"),
        ({E.Site}, "Usine de Besançon", "à"),
    ],
)
def test_place_prepositions_follow_class_and_label(classes: set[str], label: str, expected: str) -> None:
    assert preposition(classes, label) == expected


def test_a_title_head_is_the_sources_own_word() -> None:
    assert title_head("Présidente de la Région Bourgogne-Franche-Comté") == "Présidente"
    assert title_head("Directrice Générale de l’Agence Économique Régionale") == "Directrice Générale"
    assert title_head("Vice-Président en charge des finances, du développement économique") == "Vice-Président"
    assert title_head("Président du cluster BioForward") == "Président"
    assert title_head("une très longue phrase qui ne dit pas de titre court") is None


def test_a_status_agrees_with_the_gender_of_the_kind_it_qualifies() -> None:
    """The ontology's own annotations (ek:feminineLabel on statuses, ek:grammaticalGender on
    classes), read as the projection reads them: a planned meeting is "prévue", a planned
    agreement "prévu", a subclass without a gender takes its parent's."""
    from rdflib import Literal, URIRef

    from ecokg.namespaces import EKST
    from ecokg.network.rows import Lit
    from ecokg.network.vocabulary import Vocabulary
    from ecokg.ontology import ontology_graph

    rows = [
        (str(s), str(p), Lit(str(o), o.language or "") if isinstance(o, Literal) else str(o))
        for s, p, o in ontology_graph()
        if isinstance(s, URIRef)
    ]
    fr, en = Vocabulary.of(rows, "fr"), Vocabulary.of(rows, "en")
    planned, signed = str(EKST.planned), str(EKST.signed)
    assert fr.status_label(planned, [E.Meeting]) == "prévue"
    assert fr.status_label(signed, [E.Signing]) == "signée"
    assert fr.status_label(planned, [E.Agreement]) == "prévu"
    assert fr.status_label(planned, [E.Event]) == "prévu"
    assert fr.status_label(planned, []) == "prévu"  # no kind known: the label as it stands
    assert en.status_label(planned, [E.Meeting]) == "planned"
    sub = "https://example.org/ext#Workshop"  # an extension's class: its parent's gender
    fr.parents[sub].add(E.Meeting)
    assert fr.gender([sub]) == "f"


def test_every_catalogue_query_has_a_french_title_and_description() -> None:
    from ecokg.queries.catalog import catalog, describe_parameters, parse_rq
    from ecokg.server.api import catalogue_records

    for query in catalog():
        assert query.title_fr and query.description_fr, query.name
        assert query.title_in("fr") == query.title_fr and query.title_in("en") == query.title
    french = {r["name"]: r for r in catalogue_records("fr")}
    assert french["agreements"]["title"] == "Accords et signataires"
    assert french["agreements"]["description"].startswith("Chaque accord avec son statut")
    assert {r["name"]: r["title"] for r in catalogue_records()}["agreements"] == "Agreements and their signatories"
    assert "agent (entité, par défaut ekr:region-bfc)" in describe_parameters(french_query := parse_rq(
        "q", "# title: Q\n# title-fr: Question\n# description: D\n"
             "# param: agent | entity | ekr:region-bfc | Who\nSELECT * WHERE { ?agent ?p ?o }\n"), "fr")
    assert french_query.title_in("fr") == "Question" and french_query.description_in("fr") == "D"  # none given: English
