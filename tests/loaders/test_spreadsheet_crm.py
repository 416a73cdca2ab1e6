"""A team's CRM export (issue 23): one mapping for the CSV and the XLSX, names linked to the
seed's entities, classes from a column, nothing unmapped kept, the same graph on every load."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

from rdflib import Literal, URIRef

from ecokg import KnowledgeGraph
from ecokg.namespaces import EK, EKD, EKR, EKS, EKSENS, PROV, RDF, RDFS, source_graph

CRM = Path(__file__).parent.parent / "data" / "crm"
CSV = CRM / "crm-export.csv"
MAPPING = CRM / "crm-export.csv.mapping.yaml"
GRAPH = source_graph("crm-export")
#: Text of the columns the mapping never reads, and of the rows it leaves out (Confidentiel=Oui).
SECRETS = ("NE PAS DIFFUSER", "AURORE", "Secretive Pharma", "Confidential Holding", "marge négociée",
           "Confidentiel", "Suite à donner", "Valorisation")


def answer(kg: KnowledgeGraph, name: str, **params: str) -> list[tuple[str, ...]]:
    return kg.query(name, **params).display_rows()[1]


def _rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(CSV.read_bytes().decode("cp1252")), delimiter=";"))


def _xlsx(path: Path) -> Path:
    """The same export as Excel saves it: date cells shown dd/mm/yyyy, text elsewhere."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Rendez-vous"
    header, *rows = _rows()
    sheet.append(header)
    for row in rows:
        sheet.append([dt.datetime.strptime(row[0], "%d/%m/%Y"), *row[1:]])
        sheet.cell(sheet.max_row, 1).number_format = "dd/mm/yyyy"
    book.save(path)
    return path


def _facts(kg: KnowledgeGraph, graph: URIRef = GRAPH) -> set[tuple[object, ...]]:
    """The triples of ``graph`` but those describing the file itself (its time, name and digest)."""
    own = {PROV.generatedAtTime, EK.sourceFile, EK.sha256}
    rows = kg.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return {tuple(r) for r in rows if r[1] not in own}


def _rows_only(facts: set[tuple[object, ...]]) -> set[tuple[object, ...]]:
    """Without the document's description, whose title names the file (.csv or .xlsx)."""
    header = URIRef(f"{EKD['crm-export']}#header")
    about = {f[0] for f in facts if f[2] == header} | {header, EKD["crm-export"]}
    return {f for f in facts if f[0] not in about}


def test_crm_export_links_names_makes_classes_and_keeps_nothing_unmapped(disk_kg: KnowledgeGraph, tmp_path: Path) -> None:
    report = disk_kg.load([CSV])
    assert report.rejects == []
    g = disk_kg.data_graph()
    meetings = {r[0] for r in disk_kg.select("SELECT ?m WHERE { GRAPH ekg:crm-export { ?m a ek:Meeting } }")}
    # 18 rows: 2 confidential ones left out, Dana Brooks and Ryan Jenkins met twice (two meetings each).
    assert len(meetings) == 16
    participants = {o for m in meetings for o in g.objects(m, EK.participant)}
    # Differently spelled organisations are the seed's own: GILSON Inc., Bioforward Wisconsin
    # (alias table), Agence Economique Régionale BFC (alias table), WEDC (acronym), Wisconsin
    # Economic Development Corp. (label without the company form), the Région (label).
    for seed in ("gilson", "bioforward", "aer-bfc", "wedc", "region-bfc", "business-france",
                 "nicolas-paris", "marie-guite-dufay"):
        assert EKR[seed] in participants, seed
    labels = {str(o) for o in g.objects(None, RDFS.label)}
    assert not {"GILSON Inc.", "Bioforward Wisconsin", "WEDC", "CELLULA S.A.", "Genopole Est"} & labels
    # The classes come from the Type column.
    assert (EKR["cellula-sa"], RDF.type, EK.Company) in g
    assert (EKR["universite-de-bourgogne"], RDF.type, EK.ResearchOrganization) in g
    assert (EKR["genopole-est"], RDF.type, EK.Cluster) in g
    # Known entities are enriched, each fact with its row: Gilson's sector, the seed person's post.
    assert (EKR.gilson, EK.concernsSector, EKS.medtech) in g
    post = EKR["post-ryan-jenkins-gilson"]  # one post, whether the row says GILSON Inc. or Gilson
    assert (post, EK.title, Literal("Directeur des opérations", lang="fr")) in g
    sources = disk_kg.select(
        "SELECT ?text WHERE { ?st rdf:subject ekr:gilson ; prov:wasDerivedFrom ?x . ?x ek:text ?text ; "
        "dcterms:isPartOf ekd:crm-export }")
    assert sources and all("Organisation=GILSON Inc." in str(t[0]) or "Organisation=Gilson" in str(t[0]) for t in sources)
    assert disk_kg.select(f"SELECT ?l WHERE {{ GRAPH <{GRAPH}> {{ <{GRAPH}> ek:sensitivity ?l }} }}") == [(EKSENS.internal,)]
    # Countries and cities are the gazetteer's: a new city is put in its stored country.
    assert (EKR.dijon, EK.locatedIn, EKR.france) in g
    made = {str(r[0]) for r in disk_kg.select("SELECT ?l WHERE { GRAPH ekg:crm-export { ?e rdfs:label ?l } }")}
    assert not {"USA", "États-Unis", "France", "Madison", "Chicago"} & made
    # The catalogue's question for this data: who was met in Wisconsin in October, with whom, how it went.
    met = [(r[0], r[1], r[5], r[7]) for r in answer(disk_kg, "organisations-met", territory="Wisconsin",
                                                       **{"from": "2024-10-01", "to": "2024-10-31"})]
    assert met == [
        ("2024-10-15", "ekr:bioforward", "Nicolas Paris", "happened"),
        ("2024-10-16", "ekr:gilson", "Ryan Jenkins", "happened"),
        ("2024-10-17", "ekr:wedc", "Dana Brooks", "happened"),
        ("2024-10-25", "ekr:madison-biolabs-llc", "John Carter", "happened"),
        ("2024-10-27", "ekr:gilson", "", "planned"),  # the seed's visit and meeting, planned by the press release
        ("2024-10-27", "ekr:wedc", "", "planned"),
        ("2024-10-29", "ekr:gilson", "Ryan Jenkins", "happened"),
    ]
    # No unmapped column, no left-out row, in the store, an export or a map.
    texts = [str(r[0]) for r in disk_kg.select("SELECT ?t WHERE { GRAPH ekg:crm-export { ?x ek:text ?t } }")]
    assert texts and not [t for t in texts for s in SECRETS if s in t]
    store = str(tmp_path / "store")
    for args, out in ((["export", "-o", "graph.trig"], "graph.trig"), (["export", "--format", "nq", "-o", "graph.nq"], "graph.nq"),
                      (["viz", "-o", "map.html"], "map.html")):
        run = subprocess.run([sys.executable, "-m", "ecokg", *args, "--store", store], cwd=tmp_path,
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        text = (tmp_path / out).read_text(encoding="utf-8")
        assert "GILSON Inc." in text or out == "map.html"
        assert [s for s in SECRETS if s in text] == [], out


def test_same_graph_on_every_load_and_from_the_xlsx(disk_kg: KnowledgeGraph, tmp_path: Path) -> None:
    disk_kg.load([CSV])
    first = _facts(disk_kg)
    everything = {tuple(r) for r in disk_kg.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }") if r[1] != PROV.generatedAtTime}
    for _ in range(2):
        disk_kg.load([CSV])
        assert _facts(disk_kg) == first
    assert {tuple(r) for r in disk_kg.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }") if r[1] != PROV.generatedAtTime} == everything
    # The XLSX, read with the same mapping (its date cells are dates; the format is for text cells).
    report = disk_kg.load([_xlsx(tmp_path / "crm-export.xlsx")], mapping=MAPPING)
    assert report.rejects == []
    assert len(_rows_only(first)) > 500
    assert _rows_only(_facts(disk_kg)) == _rows_only(first)
