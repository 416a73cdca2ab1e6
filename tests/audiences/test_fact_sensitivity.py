"""Facts stricter than their file: a curated item's ``sensitivity:`` and a mapping's
``row_sensitivity:`` put them in a companion graph (``ekg:<doc>#confidential``) that only
the audiences of its level see; a level looser than the file's is refused with its place."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from rdflib import URIRef
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.graph.audience import markings
from ecokg.graph.forget import traces
from ecokg.loaders import seed_sources
from ecokg.namespaces import EKG

from .conftest import FACT_MARKER, NOTES

runner = CliRunner()
SEED = [str(path) for path in seed_sources()]
CRM = Path(__file__).parents[1] / "data" / "crm"
NOTE = """ecokg: 1
document: {{id: note, type: PressRelease, title: A note, language: en{header}}}
quotes:
  q: "Acme is a company in Madison."
  lead: "Quibblefax Therapeutics is a lead."
entities:
  - id: acme
    type: Company
    label: Acme
    quote: {acme_quote}
    based_in: {{value: madison, sensitivity: {level}}}
  - id: quibblefax-therapeutics
    type: Company
    label: Quibblefax Therapeutics
    quote: lead
    sensitivity: confidential
"""


def build(store: Path, *files: Path, audience: str = "all") -> str:
    """Build the seed and ``files``; the export ``audience`` sees."""
    result = runner.invoke(app, ["build", *map(str, [*seed_sources(), *files]), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return dump(store, audience)


def dump(store: Path, audience: str) -> str:
    result = runner.invoke(app, ["export", "-F", "nq", "-o", "-", "--store", str(store), "--audience", audience])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_confidential_entry_of_a_public_file_goes_to_its_companion_graph(tmp_path: Path) -> None:
    store = tmp_path / "store"
    everything = build(store, NOTES)
    assert FACT_MARKER in everything.lower()
    with KnowledgeGraph.open(store, create=False) as kg:
        levels = markings(kg.backend)
        companion = str(EKG["mission-notes-2024"]) + "#confidential"
        assert levels[EKG["mission-notes-2024"]] == "public" and levels[URIRef(companion)] == "confidential"
        # Same provenance as the file's graph: the document, the file, its digest, and the sentence.
        prov = kg.select("SELECT ?g ?p ?o WHERE { GRAPH ?g { ?g ?p ?o } }", {"g": URIRef(companion)})
        parent = kg.select("SELECT ?g ?p ?o WHERE { GRAPH ?g { ?g ?p ?o } }", {"g": EKG["mission-notes-2024"]})
        assert {row[1:] for row in prov if "sensitivity" not in str(row[1]) and "isPartOf" not in str(row[1])} == \
            {row[1:] for row in parent if "sensitivity" not in str(row[1])}
        # The public meeting's mention of the lead is in the companion graph, with its sentence.
        rows = kg.select("SELECT ?g ?text WHERE { GRAPH ?g { ekr:meeting-bioforward-madison ek:participant "
                         "ekr:quibblefax-therapeutics . ?st rdf:subject ekr:meeting-bioforward-madison ; "
                         "rdf:object ekr:quibblefax-therapeutics ; prov:wasDerivedFrom ?x . ?x ek:text ?text } }")
        assert [(str(g), str(t)[:24]) for g, t in rows] == [(companion, "Quibblefax Therapeutics,")]
    public = dump(store, "public")
    assert FACT_MARKER not in public.lower() and "meeting-bioforward-madison" in public
    # An export restores graph by graph: the companion graph keeps its level.
    (tmp_path / "backup.nq").write_text(everything, "utf-8")
    restored = tmp_path / "restored"
    assert runner.invoke(app, ["build", str(tmp_path / "backup.nq"), "--store", str(restored)]).exit_code == 0
    assert dump(restored, "public") == public and FACT_MARKER in dump(restored, "all").lower()


def test_a_level_looser_than_the_file_is_refused_with_its_line(tmp_path: Path) -> None:
    note = tmp_path / "note.yaml"
    note.write_text(NOTE.format(header=", sensitivity: internal", level="public", acme_quote="q"))
    result = runner.invoke(app, ["build", *SEED, str(note), "--store", str(tmp_path / "store")])
    assert result.exit_code == 2
    assert "note.yaml:11" in result.output
    assert "'sensitivity' 'public' is looser than the document's 'internal' (line 2): a fact cannot be more " \
           "public than its source; expected internal, confidential, personal" in " ".join(result.output.split())
    assert not (tmp_path / "store" / "CURRENT").exists()
    # Without a header the level is the build's: a note that is no press release is internal.
    note.write_text(NOTE.format(header="", level="public", acme_quote="q").replace("type: PressRelease, ", ""))
    result = runner.invoke(app, ["build", *SEED, str(note), "--store", str(tmp_path / "store")])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "note.yaml:11" in text and "'sensitivity: public' is looser than the document, which is internal" in text
    assert not (tmp_path / "store" / "CURRENT").exists()


def test_a_sentence_naming_a_confidential_entry_cannot_source_a_public_fact(tmp_path: Path) -> None:
    note = tmp_path / "note.yaml"
    note.write_text(NOTE.format(header=", sensitivity: public", level="internal", acme_quote="lead"))
    result = runner.invoke(app, ["build", *SEED, str(note), "--store", str(tmp_path / "store")])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "quote 'lead' names 'Quibblefax Therapeutics', marked confidential (line 16), but a fact seen by a " \
           "wider audience (public) cites it" in text
    # With its own sentence the public entry loads; its internal value goes to the internal companion.
    note.write_text(NOTE.format(header=", sensitivity: public", level="internal", acme_quote="q"))
    internal = build(tmp_path / "store", note, audience="internal")
    public = dump(tmp_path / "store", "public")
    based = "<https://w3id.org/ecokg/id/acme> <https://w3id.org/ecokg/ontology#basedIn>"
    assert based in internal and based not in public and "Acme" in public
    assert FACT_MARKER not in internal.lower()


def test_loading_a_file_again_replaces_its_companion_graphs(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert runner.invoke(app, ["build", "--store", str(store)]).exit_code == 0
    notes = tmp_path / "mission-notes.yaml"
    shutil.copy(NOTES, notes)
    assert runner.invoke(app, ["build", "--append", str(notes), "--store", str(store)]).exit_code == 0
    assert FACT_MARKER in dump(store, "all").lower()
    # The lead dropped from the notes: the new version's load drops its companion graph too.
    text = NOTES.read_text("utf-8")
    notes.write_text(text[: text.index("      - {value: quibblefax")], "utf-8")
    result = runner.invoke(app, ["build", "--append", str(notes), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert FACT_MARKER not in dump(store, "all").lower()


def test_a_spreadsheet_column_gives_each_row_its_level(tmp_path: Path) -> None:
    shutil.copy(CRM / "crm-export.csv", tmp_path / "crm-export.csv")
    mapping = (CRM / "crm-export.csv.mapping.yaml").read_text("utf-8")
    assert mapping.count("skip_when: {column: Confidentiel, equals: Oui}") == 1
    (tmp_path / "crm-export.csv.mapping.yaml").write_text(mapping.replace(
        "skip_when: {column: Confidentiel, equals: Oui}",
        "row_sensitivity: {column: Confidentiel, values: {Oui: confidential, Non: internal, 'No': internal}}"), "utf-8")
    store = tmp_path / "store"
    assert runner.invoke(app, ["build", "--store", str(store)]).exit_code == 0
    result = runner.invoke(app, ["build", "--append", str(tmp_path / "crm-export.csv"), "--store", str(store)])
    assert result.exit_code == 0, result.output
    team, internal = dump(store, "all"), dump(store, "internal")
    for secret in ("Secretive Pharma", "Mark Olsen", "Confidential Holding", "Paul Durand"):
        assert secret in team and secret not in internal, secret
    assert "Ryan Jenkins" in internal and "Ryan Jenkins" not in dump(store, "public")
    with KnowledgeGraph.open(store, create=False) as kg:
        # The two rows marked Oui, with their excerpts, in the companion graph.
        rows = kg.select("SELECT ?g ?x WHERE { GRAPH ?g { ?x a ek:Excerpt } } ORDER BY ?x",
                         {"g": URIRef(str(EKG["crm-export"]) + "#confidential")})
        assert [str(x).rsplit("#", 1)[1] for _, x in rows] == ["row-14", "row-18"]
    # A row looser than its file is a bad row, named by its number.
    (tmp_path / "crm-export.csv.mapping.yaml").write_text(mapping.replace(
        "skip_when: {column: Confidentiel, equals: Oui}",
        "row_sensitivity: {column: Confidentiel, values: {Oui: confidential, Non: public, 'No': internal}}"), "utf-8")
    bad = runner.invoke(app, ["build", "--append", str(tmp_path / "crm-export.csv"), "--store", str(store)])
    assert bad.exit_code == 2
    text = " ".join(bad.output.split())
    assert "crm-export.csv, row 2" in text and "the row is marked public, looser than the file (internal)" in text


def test_a_confidential_post_of_a_public_person_hides_all_it_implies(tmp_path: Path) -> None:
    note = tmp_path / "note.yaml"
    note.write_text("ecokg: 1\ndocument: {id: note, type: PressRelease, title: A note, language: en}\n"
                    "quotes: {q: \"Ann Example met the delegation.\", post: \"Ann Example will chair BioForward.\"}\n"
                    "entities:\n  - id: ann-example\n    type: Person\n    label: Ann Example\n    quote: q\n"
                    "    posts:\n      - {organization: bioforward, role: president, quote: post, sensitivity: internal}\n")
    team = build(tmp_path / "store", note)
    public = dump(tmp_path / "store", "public")
    post = "<https://w3id.org/ecokg/id/post.ann-example.bioforward.president>"
    head = "<https://w3id.org/ecokg/id/ann-example> <https://w3id.org/ecokg/ontology#headOf>"
    assert post in team and head in team and "will chair" in team
    assert "Ann Example" in public and post not in public and head not in public and "will chair" not in public


def test_person_report_and_forget_reach_a_confidential_entry(tmp_path: Path) -> None:
    note = tmp_path / "note.yaml"
    note.write_text("ecokg: 1\ndocument: {id: note, type: PressRelease, title: A note, language: en}\n"
                    "quotes: {q: \"BioForward met the delegation.\", contact: \"Our contact there is Yvette Quibblefax.\"}\n"
                    "entities:\n  - {id: meeting-note, type: Meeting, label: A meeting, quote: q, date: 2024-10,"
                    " participants: [bioforward, {value: yvette-quibblefax, quote: contact}]}\n"
                    "  - id: yvette-quibblefax\n    type: Person\n    label: Yvette Quibblefax\n    quote: contact\n"
                    "    sensitivity: personal\n")
    store = tmp_path / "store"
    build(store, note)
    report = runner.invoke(app, ["person-report", "Yvette Quibblefax", "-F", "json", "--store", str(store)])
    assert report.exit_code == 0, report.output
    assert json.loads(report.stdout)["sources"] == [str(EKG["note"]) + "#personal"]
    hidden = runner.invoke(app, ["person-report", "Yvette Quibblefax", "--store", str(store), "--audience", "public"])
    assert hidden.exit_code != 0 and "no entity named" in hidden.output
    erased = runner.invoke(app, ["forget", "Yvette Quibblefax", "--yes", "--store", str(store)])
    assert erased.exit_code == 0, erased.output
    assert traces(store, ["Yvette Quibblefax", "yvette-quibblefax"]) == []
    assert "A meeting" in dump(store, "all")
