"""QueryResult: records, DataFrame, iteration and every output format."""

from __future__ import annotations

import csv
import io
import json

from rdflib import Graph, Literal

from ecokg import KnowledgeGraph
from ecokg.errors import QueryError
from ecokg.queries import QueryResult, catalog


def test_records_dataframe_and_iteration(seed_kg: KnowledgeGraph) -> None:
    result = seed_kg.query("person-posts", person="Nicolas Paris")
    assert isinstance(result, QueryResult) and len(result) == 2 and result.seconds >= 0
    records = result.to_records()
    assert [r["organisation"] for r in records] == ["https://w3id.org/ecokg/id/bioforward", "https://w3id.org/ecokg/id/gilson"]
    assert records[0]["head"] is True
    frame = result.to_dataframe()
    assert list(frame.columns) == result.columns
    assert list(frame["organisationLabel"]) == ["BioForward", "Gilson"]
    assert [row[1] for row in result] == [Literal("Président du cluster BioForward", lang="fr"), Literal("dirigeant de l’entreprise Gilson", lang="fr")]


def test_dates_become_python_dates(seed_kg: KnowledgeGraph) -> None:
    import datetime as dt

    record = seed_kg.query("agent-events").to_records()[0]
    assert record["start"] == dt.date(2024, 10, 17)


def test_csv_tsv_json_and_sparql_json(seed_kg: KnowledgeGraph) -> None:
    result = seed_kg.query("agreements")
    rows = list(csv.reader(io.StringIO(result.serialize("csv"))))
    assert rows[0] == result.columns and len(rows) == 3
    assert rows[1][4] == "https://w3id.org/ecokg/id/bioforward"  # after the agreement and its status
    assert result.serialize("tsv").splitlines()[0].split("\t") == result.columns
    assert json.loads(result.serialize("json"))[0]["signatoryLabel"] == "BioForward"
    doc = json.loads(result.serialize("sparql-json"))
    assert doc["head"]["vars"] == result.columns
    first = doc["results"]["bindings"][0]
    assert first["signatory"] == {"type": "uri", "value": "https://w3id.org/ecokg/id/bioforward"}
    assert first["signatoryLabel"] == {"type": "literal", "value": "BioForward", "xml:lang": "fr"}
    assert "date" not in first  # unbound values are left out


def test_csv_neutralises_formulas() -> None:
    result = QueryResult(["x"], [(Literal("=HYPERLINK(1)"),)])
    assert result.serialize("csv").splitlines()[1] == "'=HYPERLINK(1)"


def test_construct_and_ask(seed_kg: KnowledgeGraph) -> None:
    card = seed_kg.query("entity-card")
    assert card.form == "CONSTRUCT" and card.graph is not None
    parsed = Graph().parse(data=card.serialize("ttl"), format="turtle")
    # Gilson's statements, those pointing at it and their relations' (issue 18), with the labels
    # of the properties they use (the card prints them, issue 16).
    assert len(parsed) == len(card) == 68
    ask = seed_kg.sparql("ASK { ekr:nicolas-paris ek:headOf ekr:gilson }")
    assert ask.form == "ASK" and json.loads(ask.serialize("sparql-json")) == {"head": {}, "boolean": True}
    assert ask.to_records() == [{"ask": True}]
    try:
        seed_kg.query("agreements").serialize("ttl")
    except QueryError as exc:
        assert "CONSTRUCT" in str(exc)
    else:
        raise AssertionError("ttl of a SELECT must be refused")


def test_include_inferred_leaves_the_inferred_graph_out(disk_kg: KnowledgeGraph) -> None:
    from ecokg.namespaces import EK, EKR, INFERRED_GRAPH

    extra = Graph()
    extra.add((EKR["gilson"], EK.hasSite, EKR["gilson.site.inferred"]))
    extra.add((EKR["gilson.site.inferred"], EK.locatedIn, EKR["chicago"]))
    disk_kg.replace_graph(INFERRED_GRAPH, extra)
    with_inferred = disk_kg.query("companies-in-territory", territory="Illinois")
    without = disk_kg.query("companies-in-territory", territory="Illinois", include_inferred=False)
    assert [str(r[2]) for r in with_inferred] == [str(EKR["gilson.site.inferred"])]
    assert without.rows == []
    assert len(disk_kg.sparql("SELECT ?s WHERE { ?s ek:locatedIn ekr:chicago }", include_inferred=False)) == 0


def test_catalog_is_exported() -> None:
    from ecokg import queries

    assert queries.catalog() == catalog() and len(catalog()) >= 15
