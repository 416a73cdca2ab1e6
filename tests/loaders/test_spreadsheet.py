"""Spreadsheets through a mapping: encodings, line endings, Crunchbase, bad rows (store unchanged)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecokg import KnowledgeGraph
from ecokg.errors import InputError
from ecokg.loaders import LoadContext, load_file
from ecokg.loaders.spreadsheet import detect_encoding
from ecokg.namespaces import EK, EKR, RDFS

CB = Path(__file__).parent.parent / "data" / "crunchbase"
CB_FILES = [CB / "crunchbase-companies.csv", CB / "crunchbase-rounds.csv", CB / "crunchbase-acquisitions.csv"]

MAPPING = """ecokg_mapping: 1
document: {title: {fr: Membres}, language: fr}
entities:
  member:
    id: "m-{code}"
    type: Company
    label: "{nom}"
    properties:
      founded: {column: creation}
    relations:
      member_of: cluster
  cluster:
    id: "{pole}"
    type: Cluster
    mode: lookup
    required: false
"""
ROWS = [("code", "nom", "creation", "pole"), ("a1", "Société Générale de Biothérapies", "2019-05-02", ""), ("a2", "Crème & Café “Bio”", "2020", "")]


def _write(tmp_path: Path, encoding: str, newline: str, rows: list[tuple[str, ...]] = ROWS) -> Path:
    data = tmp_path / "members.csv"
    text = newline.join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows) + newline
    data.write_bytes(text.encode(encoding))
    (tmp_path / "members.csv.mapping.yaml").write_text(MAPPING, encoding="utf-8")
    return data


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "mac_roman"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_encodings_and_line_endings(tmp_path: Path, encoding: str, newline: str) -> None:
    data = _write(tmp_path, encoding, newline)
    assert detect_encoding(data)[0] == encoding
    staged = load_file(data, LoadContext())[0]
    labels = {str(o) for o in staged.rdflib_graph().objects(EKR["m-a1"], RDFS.label)}
    assert labels == {"Société Générale de Biothérapies"}
    assert {str(o) for o in staged.rdflib_graph().objects(EKR["m-a2"], RDFS.label)} == {"Crème & Café “Bio”"}
    # Each fact names its row: the excerpt #row-2 holds the raw row.
    rows = [str(t) for t in staged.rdflib_graph().objects(None, EK.text) if "code=a1" in str(t)]
    assert rows == ["code=a1; nom=Société Générale de Biothérapies; creation=2019-05-02"]


def test_crunchbase_slice_loads_with_rounds_and_acquisitions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the reject report is written in the current directory
    kg = KnowledgeGraph.open(memory=True)
    report = kg.build(CB_FILES, keep_going=True)
    assert report.validation.conforms, report.validation.text()
    rejected = [(Path(r.source or "").name, r.row) for r in report.rejects if r.row]
    print("rejected rows:", rejected)
    assert rejected == [
        ("crunchbase-companies.csv", 3),
        ("crunchbase-companies.csv", 204),
        ("crunchbase-rounds.csv", 3),
        ("crunchbase-rounds.csv", 202),
        ("crunchbase-acquisitions.csv", 204),
    ]
    assert (tmp_path / "crunchbase-companies.rejects.csv").read_text(encoding="utf-8").count("\n") == 3
    graph = kg.data_graph()
    # Mac Roman decoded: row 205 of the slice is "MiaSolé"-style text, not mojibake.
    assert "Furnésh" in {str(o) for o in graph.objects(None, RDFS.label)} or any(
        "é" in str(o) for o in graph.objects(None, RDFS.label)
    )
    rounds = list(graph.subjects(EK.fundedOrganization, EKR["cb-waywire"]))
    assert len(rounds) == 1 and graph.value(rounds[0], EK.amount).toPython() == 1750000
    acquisitions = list(graph.subjects(EK.acquired, EKR["cb-1000memories"]))
    assert graph.value(acquisitions[0], EK.acquirer) == EKR["cb-ancestry-com"]
    kg.close()


def _state(kg: KnowledgeGraph) -> list[tuple[object, ...]]:
    return sorted(kg.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"), key=str)


def test_bad_rows_refuse_the_file_by_default(disk_kg: KnowledgeGraph) -> None:
    before = _state(disk_kg)
    with pytest.raises(InputError) as caught:
        disk_kg.load([CB / "crunchbase-acquisitions.csv"])
    assert "crunchbase-acquisitions.csv, row 204: column 'acquired_at' (O) is not a date: '2012-13-01'" in str(caught.value)
    assert _state(disk_kg) == before


def test_unknown_entity_is_a_bad_row(disk_kg: KnowledgeGraph) -> None:
    before = _state(disk_kg)
    with pytest.raises(InputError, match=r"row 2: names an unknown company 'cb-waywire'"):
        disk_kg.load([CB / "crunchbase-rounds.csv"])
    assert _state(disk_kg) == before


def test_missing_mapped_column_names_column_and_header(tmp_path: Path, disk_kg: KnowledgeGraph) -> None:
    data = _write(tmp_path, "utf-8", "\n", [("code", "name", "creation", "pole"), ("a1", "X", "2019", "")])
    before = _state(disk_kg)
    with pytest.raises(InputError, match=r"column 'nom' named by the mapping .* the header is: code, name, creation, pole"):
        disk_kg.load([data])
    assert _state(disk_kg) == before


def test_shipped_mapping_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    copy = tmp_path / "cb.csv"
    copy.write_bytes((CB / "crunchbase-companies.csv").read_bytes())
    kg = KnowledgeGraph.open(memory=True)
    report = kg.build([copy], keep_going=True, mapping=Path("crunchbase-companies"))
    assert len([r for r in report.rejects if r.row]) == 2
    assert (EKR["cb-waywire"], RDFS.label, None) in kg.data_graph()
    assert (tmp_path / "cb.rejects.csv").exists()
    kg.close()


def test_xlsx(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in ROWS:
        sheet.append(list(row))
    data = tmp_path / "members.xlsx"
    book.save(data)
    (tmp_path / "members.mapping.yaml").write_text(MAPPING, encoding="utf-8")
    staged = load_file(data, LoadContext())[0]
    assert {str(o) for o in staged.rdflib_graph().objects(EKR["m-a1"], RDFS.label)} == {"Société Générale de Biothérapies"}


def test_progress_is_reported_while_streaming(tmp_path: Path) -> None:
    rows = [ROWS[0], *[(f"x{n}", f"Company {n}", "2020", "") for n in range(1200)]]
    data = _write(tmp_path, "utf-8", "\n", rows)
    calls: list[tuple[int, int | None]] = []
    load_file(data, LoadContext(progress=lambda done, total: calls.append((done, total))))
    assert calls[0] == (500, 1200)
    assert calls[-1] == (1200, 1200)


def test_mapping_errors_name_their_line(tmp_path: Path) -> None:
    data = _write(tmp_path, "utf-8", "\n")
    (tmp_path / "members.csv.mapping.yaml").write_text(
        MAPPING.replace("type: Company", "type: Compagny"), encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"members.csv.mapping.yaml:6: unknown class 'Compagny'"):
        load_file(data, LoadContext())
    with pytest.raises(InputError, match="no shipped mapping of that name"):
        load_file(data, LoadContext(mapping=Path("no-such-mapping")))
