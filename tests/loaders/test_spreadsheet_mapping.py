"""The mapping's own promises (issue 23): skip_when, keep, classes from a column, linking by
name (ambiguity reported), the same bad rows strict or not, the delimiter detected, workbook
cells read as what they are, errors naming the cell as the user sees it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ecokg import KnowledgeGraph
from ecokg.errors import InputError, InputErrors
from ecokg.loaders import LoadContext, load_file
from ecokg.loaders.spreadsheet.linking import name_key
from ecokg.namespaces import EK, EKR, RDF

MAPPING = """ecokg_mapping: 1
document: {{id: orgs, language: fr}}
{extra}
entities:
  org:
    id: "{{Nom}}"
    class: {{column: Type, values: {{Entreprise: Company, Cluster: Cluster}}}}
    label: "{{Nom}}"
    mode: lookup-or-create
  meeting:
    id: "rdv-{{Date}}-{{@org}}"
    type: Meeting
    label: "RDV {{Nom}} {{Date}}"
    properties:
      date: {{column: Date, format: "%d/%m/%Y"}}
    relations:
      participants: org
"""


def _csv(tmp_path: Path, rows: list[str], extra: str = "", delimiter: str = ";") -> Path:
    data = tmp_path / "orgs.csv"
    data.write_text("\n".join(r.replace(";", delimiter) for r in rows) + "\n", encoding="utf-8")
    (tmp_path / "orgs.csv.mapping.yaml").write_text(MAPPING.format(extra=extra), encoding="utf-8")
    return data


HEADER = "Nom;Type;Date;Notes;Confidentiel"


def test_skip_when_and_only_mapped_columns_kept(tmp_path: Path) -> None:
    data = _csv(tmp_path, [HEADER, "Cellula;Entreprise;15/10/2024;note A;Non",
                           "Hidden Co;Entreprise;16/10/2024;secret B;Oui", "Other;Cluster;17/10/2024;;"],
                extra="skip_when: [{column: Confidentiel, equals: [Oui, yes]}, {column: Nom, equals: nobody}]")
    graph = load_file(data, LoadContext())[0].rdflib_graph()
    texts = sorted(str(t) for t in graph.objects(None, EK.text))
    assert texts == ["Nom=Cellula; Type=Entreprise; Date=15/10/2024", "Nom=Other; Type=Cluster; Date=17/10/2024", "orgs.csv"]
    assert (EKR.cellula, RDF.type, EK.Company) in graph and (EKR.other, RDF.type, EK.Cluster) in graph
    assert (EKR["hidden-co"], None, None) not in graph
    # keep: lists the columns of the excerpt.
    (tmp_path / "orgs.csv.mapping.yaml").write_text(MAPPING.format(extra="keep: [Nom, Notes]"), encoding="utf-8")
    graph = load_file(data, LoadContext())[0].rdflib_graph()
    assert "Nom=Cellula; Notes=note A" in {str(t) for t in graph.objects(None, EK.text)}


def test_class_table_errors_list_the_classes(tmp_path: Path) -> None:
    data = _csv(tmp_path, [HEADER, "Cellula;Fondation;15/10/2024;;"])
    with pytest.raises(InputError) as caught:
        load_file(data, LoadContext())
    message = str(caught.value)
    assert "orgs.csv, row 2: column 'Type' holds 'Fondation', which the class table of org" in message
    assert "(it lists: Entreprise, Cluster)" in message and "Company" in message and "ResearchOrganization" in message
    (tmp_path / "orgs.csv.mapping.yaml").write_text(
        MAPPING.format(extra="").replace("Cluster: Cluster", "Cluster: Clustr"), encoding="utf-8")
    with pytest.raises(InputError, match=r"mapping.yaml:7: unknown class 'Clustr' \(classes: .*Cluster.*Company") as bad:
        load_file(data, LoadContext())
    assert "Y(" not in str(bad.value)
    # The class table may stand under type: too (the form the issue tried).
    (tmp_path / "orgs.csv.mapping.yaml").write_text(
        MAPPING.format(extra="").replace("class: {column: Type", "type: {column: Type"), encoding="utf-8")
    data.write_text(HEADER + "\nCellula;Cluster;15/10/2024;;\n", encoding="utf-8")
    assert (EKR.cellula, RDF.type, EK.Cluster) in load_file(data, LoadContext())[0].rdflib_graph()


def test_unknown_keys_list_the_valid_ones(tmp_path: Path) -> None:
    data = _csv(tmp_path, [HEADER, "Cellula;Entreprise;15/10/2024;;"], extra="skip: []")
    with pytest.raises(InputError, match=r"unknown mapping key 'skip' \(known: ecokg_mapping, files, .*skip_when"):
        load_file(data, LoadContext())
    (tmp_path / "orgs.csv.mapping.yaml").write_text(
        MAPPING.format(extra="").replace("mode: lookup-or-create", "mode: lookup-or-create\n    alias: {}"), encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown key 'alias' in entity 'org' \(known: id, type, class, .*aliases"):
        load_file(data, LoadContext())
    (tmp_path / "orgs.csv.mapping.yaml").write_text(
        MAPPING.format(extra="").replace("language: fr", "language: fr, sensitive: yes"), encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown key 'sensitive' of document \(known: id, .*, sensitivity\)"):
        load_file(data, LoadContext())


def test_strict_and_keep_going_report_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    rows = [HEADER, "A;Entreprise;32/10/2024;;", "B;Entreprise;15/10/2024;;", "B;Entreprise;15/10/2024;;",
            "C;Entreprise;16/10/2024;;", "C;Entreprise;16/10/2024;;"]
    data = _csv(tmp_path, rows)
    with pytest.raises(InputErrors) as strict:
        load_file(data, LoadContext())
    staged = load_file(data, LoadContext(keep_going=True))[0]
    assert [e.row for e in strict.value.errors] == [r.row for r in staged.rejects if r.row] == [2, 4, 6]
    assert "column 'Date' (C) is not a date in the format '%d/%m/%Y': '32/10/2024'" in str(strict.value)


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    data = _csv(tmp_path, [HEADER, "Cellula;Entreprise;15/10/2024;;"], delimiter=delimiter)
    graph = load_file(data, LoadContext())[0].rdflib_graph()
    assert (EKR.cellula, RDF.type, EK.Company) in graph


def test_workbook_cells_read_as_what_they_are(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "RDV"
    sheet.append(HEADER.split(";"))
    sheet.append(["Cellula", "Entreprise", dt.date(2024, 10, 15), "", ""])  # a date cell
    sheet.cell(2, 3).number_format = "dd/mm/yyyy"
    sheet.append(["Other", "Cluster", "17/10/2024", "", ""])  # a text cell, read with the format
    data = tmp_path / "orgs.xlsx"
    book.save(data)
    (tmp_path / "orgs.mapping.yaml").write_text(MAPPING.format(extra=""), encoding="utf-8")
    graph = load_file(data, LoadContext())[0].rdflib_graph()
    dates = sorted(str(d) for d in graph.objects(None, EK.date))
    assert dates == ["2024-10-15", "2024-10-17"]
    assert (EKR["rdv-15-10-2024-cellula"], RDF.type, EK.Meeting) in graph  # the id as the sheet shows the date
    sheet.append(["Bad", "Cluster", "2024/13/01", "", ""])
    book.save(data)
    with pytest.raises(InputError) as caught:
        load_file(data, LoadContext())
    assert str(caught.value).endswith(
        "orgs.xlsx, sheet 'RDV', row 4: column 'Date' (C) is not a date in the format '%d/%m/%Y': '2024/13/01'")


AMBIGUOUS = """ecokg: 1
document: {id: companies, type: Dataset, title: {en: Companies}, date: 2024-01-01, language: en}
quotes: {q: "Cellula SAS and Cellula Inc. are two companies."}
entities:
  - {id: cellula-fr, type: Company, label: Cellula SAS, quote: q}
  - {id: cellula-us, type: Company, label: Cellula Inc., quote: q}
"""


def test_an_ambiguous_name_is_a_reported_row_never_a_duplicate(tmp_path: Path) -> None:
    curated = tmp_path / "companies.yaml"
    curated.write_text(AMBIGUOUS, encoding="utf-8")
    data = _csv(tmp_path, [HEADER, "CELLULA;Entreprise;15/10/2024;;", "Cellula S.A.S.;Entreprise;16/10/2024;;"])
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        kg.build([curated])
        with pytest.raises(InputErrors) as caught:
            kg.load([data])
        assert [e.row for e in caught.value.errors] == [2, 3]
        assert ("row 2: 'CELLULA' names several known entities (Cellula SAS <https://w3id.org/ecokg/id/cellula-fr> "
                "(Company); Cellula Inc. <https://w3id.org/ecokg/id/cellula-us> (Company)): say which under "
                "'aliases:' of org in the mapping") in str(caught.value)
        assert kg.select("SELECT ?e WHERE { ?e rdfs:label 'CELLULA'@fr }") == []
        # ... but an alias table says which is meant (in the same build too).
        (tmp_path / "orgs.csv.mapping.yaml").write_text(MAPPING.format(extra="").replace(
            "mode: lookup-or-create", "mode: lookup-or-create\n    aliases: {CELLULA: cellula-us, Cellula S.A.S.: Cellula SAS}"),
            encoding="utf-8")
        kg.build([curated, data])
        participants = {r[0] for r in kg.select("SELECT ?o WHERE { ?m ek:participant ?o }")}
        assert participants == {EKR["cellula-us"], EKR["cellula-fr"]}


def test_name_keys_ignore_accents_case_and_company_forms() -> None:
    assert name_key("GILSON Inc.") == name_key("Gilson") == name_key("gilson, inc") == "gilson"
    assert name_key("Cellula S.A.") == name_key("CELLULA SA") == "cellula"
    assert name_key("Wisconsin Economic Development Corp.") == name_key("Wisconsin Economic Development Corporation")
    assert name_key("Génopôle Est") == name_key("GENOPOLE EST")
    assert name_key("SA") == "sa"  # a name that is only a company form stays itself


def test_data_format_doc_holds_the_current_reference() -> None:
    from ecokg.loaders.spreadsheet.reference import mapping_reference
    from ecokg.ontology import vocabulary

    doc = (Path(__file__).parent.parent.parent / "docs" / "data-format.md").read_text(encoding="utf-8")
    reference = mapping_reference()
    assert reference in doc, "run: python -m ecokg.loaders.spreadsheet.reference docs/data-format.md"
    vocab = vocabulary()
    assert all(f"| `{name}` |" in reference for name in vocab.classes)
    assert all(f"`{role}`" in reference for role in vocab.roles)
    assert "| `skip_when` |" in reference and "| `aliases` |" in reference
