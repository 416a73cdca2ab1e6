"""A confidential prospect never reaches the public audience, through any command.

Every command that shows or exports facts is run with ``--audience public`` on a store
holding the seed, a confidential note (tests/audiences/data/prospects.yaml) and a public
file with one entry marked confidential (data/mission-notes.yaml); each output (standard
output, error, the files written) is searched for the markers ``zorblaxia`` (the note) and
``quibblefax`` (the entry). The same commands with ``--audience all`` must show them, so
the search could have found them.
Counts, scores and paths must equal those of a store built from the public sources alone:
nothing hidden may be deduced from them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.graph.audience import AudienceBackend, plan
from ecokg.namespaces import EKG, INFERRED_GRAPH, ONTOLOGY_GRAPH
from ecokg.queries.catalog import catalog

from .conftest import FACT_MARKER, MARKER, MARKERS

runner = CliRunner()

#: Parameters that put the questions next to the prospect (it has a site in Madison and in
#: the region, and its contact a post at BioForward).
PARAMS = {
    "organisation-people": ["-p", "organisation=BioForward"],
    "companies-in-territory": ["-p", "territory=Bourgogne-Franche-Comté"],
    "entity-card": ["-p", "entity=Madison"],
    "neighbourhood": ["-p", "entity=BioForward"],
    "fact-sources": ["-p", "entity=Madison"],
    "agent-events": ["-p", "agent=BioForward"],
    "territory-links": ["-p", "a=Bourgogne-Franche-Comté", "-p", "b=Wisconsin"],
    "are-linked": ["-p", "a=BioForward", "-p", "b=Madison"],
}

MEETING = "Meeting with BioForward in Madison"

RAW = [
    "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o }",
    "SELECT * FROM ekg:prospects-2024 WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED ekg:prospects-2024 WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * WHERE { GRAPH ekgs:inferred { ?s ?p ?o } }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
]


def commands(out: Path) -> list[list[str]]:
    """Every command that shows or exports facts, writing its files under ``out``."""
    runs: list[list[str]] = [["stats", "-F", "csv"]]
    for named in catalog():
        runs.append(["query", named.name, *PARAMS.get(named.name, []), "-F", "json"])
    runs += [["query", "-e", text, "-F", "ttl" if text.startswith("CONSTRUCT") else "csv"] for text in RAW]
    for fmt in ("trig", "nq", "jsonld", "graphml", "gexf"):
        runs.append(["export", "-F", fmt, "-o", str(out / f"export.{fmt}")])
    runs += [
        ["viz", "-o", str(out / "map.html")],
        ["viz", "-o", str(out / "madison.html"), "--focus", "Madison", "--depth", "2"],
        ["viz", "-o", str(out / "bioforward.html"), "--focus", "BioForward", "--color-by", "community",
         "--size-by", "betweenness"],
        ["viz", "-o", str(out / "people.html"), "--query", "organisation-people", "-p", "organisation=BioForward"],
        ["analyze", "-F", "csv", "--top", "100"],
        ["brokers", "-F", "csv"],
        ["brokers", "--between", "Bourgogne-Franche-Comté", "Wisconsin", "--paths", "5"],
        ["suggest", "-F", "csv", "--top", "100"],
        ["suggest", "--for", "BioForward"],
        ["path", "BioForward", "Madison", "-k", "10", "-F", "csv"],
        ["path", "Nicolas Paris", "Bourgogne-Franche-Comté", "-k", "10"],
        ["brief", "-o", str(out / "brief-wisconsin.html"), "--territory", "Wisconsin"],
        ["brief", "-o", str(out / "brief-mission.html"), "--mission", "mission-bfc-usa-2024"],
        ["person-report", "Nicolas Paris", "-F", "json"],
        ["log", "-F", "json"],
        # The public meeting whose other participant is the confidential lead.
        ["query", "neighbourhood", "-p", f"entity={MEETING}", "-F", "json"],
        ["query", "entity-card", "-p", f"entity={MEETING}", "-F", "json"],
        ["query", "fact-sources", "-p", f"entity={MEETING}", "-F", "json"],
        ["path", "BioForward", "Bourgogne-Franche-Comté", "-k", "10"],
        ["path", MEETING, "Bourgogne-Franche-Comté", "-k", "10"],
        ["query", "-e", "SELECT * FROM <https://w3id.org/ecokg/graph/mission-notes-2024#confidential> "
         "WHERE { ?s ?p ?o }", "-F", "csv"],
    ]
    return runs


def run(store: Path, audience: str, args: list[str], out: Path) -> str:
    """The command's whole output: what it printed and every file it wrote."""
    before = {p: p.stat().st_mtime_ns for p in out.iterdir()}
    result = runner.invoke(app, [*args, "--store", str(store), "--audience", audience])
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.output)
    written = [p for p in out.iterdir() if before.get(p) != p.stat().st_mtime_ns]
    return result.output + "".join(p.read_text("utf-8", errors="replace") for p in written)


def test_public_audience_never_sees_the_prospect(mixed_store: Path, tmp_path: Path) -> None:
    public_out, all_out = tmp_path / "public", tmp_path / "all"
    public_out.mkdir()
    all_out.mkdir()
    leaks, seen, seen_fact = [], 0, 0
    for args in commands(public_out):
        text = run(mixed_store, "public", args, public_out)
        assert text.strip(), args  # every command said something
        if any(marker in text.lower() for marker in MARKERS):
            leaks.append(" ".join(args))
    assert leaks == []
    for args in commands(all_out):
        text = run(mixed_store, "all", args, all_out).lower()
        seen += MARKER in text
        seen_fact += FACT_MARKER in text
    # The team sees the prospect and the lead in the raw queries, every export, the maps and the network.
    assert seen >= 20 and seen_fact >= 20


def test_hidden_entities_are_unknown_names(mixed_store: Path) -> None:
    result = runner.invoke(app, ["path", "Quentin Zorblaxia-Marker", "BioForward", "--store", str(mixed_store),
                                 "--audience", "public"])
    assert result.exit_code != 0
    assert "no entity named 'Quentin Zorblaxia-Marker'" in result.output
    # ... and it does not suggest the hidden entity as a near match.
    assert result.output.lower().count(MARKER) == 1


def test_counts_scores_and_paths_equal_those_of_the_public_sources(mixed_store: Path, public_only_store: Path,
                                                                  tmp_path: Path) -> None:
    same = [
        ["query", "class-counts", "--no-inferred", "-F", "csv"],
        ["query", "class-counts", "-F", "csv"],  # inferences too: the public audience's own
        ["query", "-e", "SELECT ?s ?p ?o WHERE { GRAPH ekgs:inferred { ?s ?p ?o } FILTER(?p != prov:generatedAtTime"
         " && ?p != prov:startedAtTime && ?p != prov:endedAtTime) } ORDER BY ?s ?p ?o", "-F", "csv"],
        ["query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(!isLiteral(?o) || DATATYPE(?o) != xsd:dateTime) }",
         "--no-inferred", "-F", "csv"],
        ["analyze", "-F", "csv", "--top", "100"],
        ["brokers", "-F", "csv"],
        ["suggest", "-F", "csv", "--top", "100"],
        ["path", "BioForward", "Madison", "-k", "10", "-F", "csv"],
    ]
    for args in same:
        mixed = runner.invoke(app, [*args, "--store", str(mixed_store), "--audience", "public"])
        alone = runner.invoke(app, [*args, "--store", str(public_only_store), "--audience", "public"])
        assert mixed.exit_code == alone.exit_code == 0, (args, mixed.output)
        assert mixed.stdout == alone.stdout, args
    # With the prospect, the team's network is larger: the comparison could have failed.
    everything = runner.invoke(app, ["analyze", "-F", "csv", "--top", "100", "--store", str(mixed_store)])
    assert MARKER in everything.stdout.lower()


def test_each_audience_gets_the_inferences_of_what_it_sees(mixed_store: Path) -> None:
    with KnowledgeGraph.open(mixed_store, create=False) as kg:
        inferred = kg.select("SELECT ?s WHERE { GRAPH ?g { ?s a ek:MultinationalOrganization } }")
        # The reasoner did infer about the prospect and the lead (each in Madison and in the region).
        assert all(any(marker in str(s) for (s,) in inferred) for marker in MARKERS)
        seen = plan(kg.backend, "public")
        assert EKG["prospects-2024"] in seen.hidden and INFERRED_GRAPH in seen.hidden
        public = kg.for_audience("public")
        assert isinstance(public.backend, AudienceBackend)
        rows = public.select("SELECT ?s WHERE { ?s a ek:MultinationalOrganization }")
        # Gilson (Madison and the region) is still inferred to be multinational; the prospect is not.
        assert [str(s) for (s,) in rows] == ["https://w3id.org/ecokg/id/gilson"]
        internal = kg.for_audience("internal")
        subjects = " ".join(str(s) for (s,) in internal.select("SELECT DISTINCT ?s WHERE { ?s ?p ?o }")).lower()
        assert "bioforward" in subjects and not any(marker in subjects for marker in MARKERS)


def test_views_are_read_only(mixed_store: Path) -> None:
    from ecokg.errors import StoreError

    with KnowledgeGraph.open(mixed_store, create=False) as kg:
        public = kg.for_audience("public")
        with pytest.raises(StoreError, match="read-only"):
            public.drop_graph(EKG["bfc-wisconsin-2024"])
        assert kg.backend.query("ASK { GRAPH ekg:bfc-wisconsin-2024 { ?s ?p ?o } }").askAnswer is True


def test_unknown_audience_is_refused(mixed_store: Path) -> None:
    result = runner.invoke(app, ["stats", "--store", str(mixed_store), "--audience", "everyone"])
    assert result.exit_code == 2
    assert "unknown audience 'everyone' (choose from public, internal, all)" in result.output


def test_json_output_of_public_graphs_lists_no_hidden_graph(mixed_store: Path) -> None:
    result = runner.invoke(app, ["query", "-e", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "-F", "json",
                                 "--store", str(mixed_store), "--audience", "public"])
    graphs = {row["g"] for row in json.loads(result.stdout)}
    assert graphs == {str(EKG["bfc-wisconsin-2024"]), str(EKG["gazetteer"]), str(EKG["mission-notes-2024"]),
                      str(ONTOLOGY_GRAPH), str(INFERRED_GRAPH)}
    team = runner.invoke(app, ["query", "-e", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "-F", "json",
                               "--store", str(mixed_store)])
    assert str(EKG["mission-notes-2024"]) + "#confidential" in {row["g"] for row in json.loads(team.stdout)}


def test_extract_links_only_to_what_the_audience_sees(mixed_store: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Madison, le 3 novembre 2024. La société Zorblaxia Biologics, basée à Madison, "
                       "a rencontré BioForward.\n", "utf-8")
    linked = {}
    for audience in ("all", "public"):
        output = tmp_path / f"{audience}.yaml"
        result = runner.invoke(app, ["extract", str(article), "-o", str(output), "--store", str(mixed_store),
                                     "--audience", audience])
        assert result.exit_code == 0, result.output
        line = next(x for x in output.read_text("utf-8").splitlines() if x.startswith("# Linked to the store:"))
        linked[audience] = line.split(":", 1)[1].split(", ")
    assert [x.strip() for x in linked["all"]] == ["bioforward", "madison", "zorblaxia-biologics"]
    assert [x.strip() for x in linked["public"]] == ["bioforward", "madison"]  # a new company to the public view
