"""The bad-input matrix: one row per malformed input, each refused with a clear error
(what, and where: file and line, or row) and a store left exactly as it was.

Inputs are written under tmp_path at test time; committed bad inputs are reused by
name (tests/data/rdf/entity-bomb.rdf; the YAML rows live in tests/data/bad and are
checked by tests/loaders/test_curated_bad.py). docs/reliability.md lists the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from reliability_helpers import quads
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.errors import InputError

DATA = Path(__file__).parent.parent / "data"
MAPPING = """ecokg_mapping: 1
document: {title: {en: Members}, language: en}
entities:
  member:
    id: "m-{code}"
    type: Company
    label: "{name}"
"""
TTL = b'@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\n'
RDFXML_HEAD = (b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n'
               b'         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n')
BINARY = bytes(range(256)) * 8
#: Nine levels of ten aliases each: 10**9 strings if a reader expanded them.
BILLION_LAUGHS = (
    b"ecokg: 1\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + b"".join(b"l%d: &l%d [%s]\n" % (i, i, b", ".join([b"*l%d" % (i - 1)] * 10)) for i in range(1, 10))
)


@dataclass(frozen=True)
class Row:
    """One bad input: the file to load, its bytes, where the error must point, what it must say."""

    name: str
    data: bytes | Callable[[Path], bytes]
    where: str  # e.g. ":2:" (line 2), ", row 3", or "" when only the file can be named
    words: str
    mapping: bool = False  # a CSV: write a mapping beside it


def _xxe(tmp: Path) -> bytes:
    secret = tmp / "secret.txt"
    secret.write_text("top secret", encoding="utf-8")
    return (b'<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY x SYSTEM "file://' + str(secret).encode()
            + b'"> ]>\n' + RDFXML_HEAD[22:] + b'<rdf:Description rdf:about="https://w3id.org/ecokg/id/x">'
            b"<rdfs:label>&x;</rdfs:label></rdf:Description></rdf:RDF>\n")


ROWS = [
    # Turtle
    Row("truncated.ttl", TTL + b'ex:a ex:b "never closed', ":3:", "not valid Turtle: Unexpected end of file"),
    Row("malformed.ttl", TTL + b"ex:a ex:b .\n", ":3:", "not valid Turtle"),
    Row("undeclared-prefix.ttl", b"nope:a nope:b nope:c .\n", ":1:", "not valid Turtle"),
    Row("latin1.ttl", TTL + 'ex:a ex:b "café" .\n'.encode("latin-1"), ":3:", "Invalid UTF-8"),
    Row("empty.ttl", b"", ":1", "no RDF statements"),
    Row("prefixes-only.ttl", b"@prefix ex: <https://example.org/> .\n", ":1", "no RDF statements"),
    Row("binary.ttl", BINARY, ":1:", "not valid Turtle"),
    # N-Triples
    Row("truncated.nt", b"<https://a> <https://b> <https://c> .\n<https://a> <https://b> \"x", ":2:",
        "not valid N-Triples: Unexpected end of file"),
    Row("malformed.nt", b"<https://a> <https://b> <https://c> .\n<https://a> <https://b> c .\n", ":2:",
        "not valid N-Triples"),
    Row("empty.nt", b"", ":1", "no RDF statements"),
    # JSON-LD
    Row("truncated.jsonld", b'{"@id": "https://a", "https://b": [{"@value": "x"', ":1:", "not valid Json-Ld"),
    Row("malformed.jsonld", b'{"@id": "https://a", "https://b": {"@value": 1, "@language": "en"}}', "",
        "@language can be used only on a string @value"),
    Row("empty.jsonld", b"", ":1:", "not valid Json-Ld"),
    Row("binary.jsonld", BINARY, ":1:", "not valid Json-Ld"),
    # RDF/XML
    Row("truncated.rdf", RDFXML_HEAD + b'<rdf:Description rdf:about="https://a">', ":4:", "not well-formed XML"),
    Row("mismatched.rdf", RDFXML_HEAD + b"<rdf:Description></rdf:Descr>\n</rdf:RDF>\n", ":4:", "not well-formed XML: mismatched tag"),
    Row("entity-bomb.rdf", lambda _: (DATA / "rdf" / "entity-bomb.rdf").read_bytes(), ":2", "DOCTYPE or ENTITY declaration is refused"),
    Row("external-entity.rdf", _xxe, ":2", "DOCTYPE or ENTITY declaration is refused"),
    Row("empty.rdf", b"", ":1:", "not well-formed XML"),
    Row("binary.rdf", BINARY, ":1:", "not well-formed XML"),
    # CSV through a mapping
    Row("ragged-short.csv", b"code,name\na1,Acme\na2\n", ", row 3", "needs a cell that is empty", mapping=True),
    Row("ragged-long.csv", b"code,name\na1,Acme\na2,Beta,surplus\n", ", row 3", "the row has 3 cells but the header has 2", mapping=True),
    Row("huge-cell.csv", b"code,name\na1," + b"x" * (10 * 2**20) + b"\n", ", row 2", "field larger than field limit", mapping=True),
    Row("utf16-no-bom.csv", "code,name\na1,Acmé\n".encode("utf-16-le"), ", row 1", "UTF-16 without a byte-order mark", mapping=True),
    Row("nul-in-cell.csv", b"code,name\na1,Ac\x00me\n", ", row 2", "NUL bytes", mapping=True),
    Row("binary.csv", BINARY, ", row 1", "NUL bytes", mapping=True),
    Row("empty.csv", b"", ", row 1", "the file is empty", mapping=True),
    Row("wrong-header.csv", b"kode,nom\na1,Acme\n", ", row 1", "column 'code' named by the mapping", mapping=True),
    Row("no-mapping.csv", b"code,name\na1,Acme\n", "", "no mapping for this spreadsheet"),
    # XLSX
    Row("binary.xlsx", BINARY, "", "not a readable XLSX workbook", mapping=True),
    Row("empty.xlsx", b"", "", "not a readable XLSX workbook", mapping=True),
    # Curated YAML (the other YAML rows: tests/data/bad, tests/loaders/test_curated_bad.py)
    Row("billion-laughs.yaml", BILLION_LAUGHS, ":3:", "anchors and aliases (*name) are not allowed"),
    Row("top-level-list.yaml", b"- ecokg: 1\n- document: {id: x}\n", ":1", "expected a mapping with 'document' and 'entities'"),
    # Any kind
    Row("notes.txt", b"hello\n", "", "unknown kind of file"),
    Row("directory.ttl", lambda tmp: b"", "", "is a directory"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeGraph]:
    """The seed on disk, shared by the rows: every row must leave it exactly as it was."""
    kg = KnowledgeGraph.open(tmp_path_factory.mktemp("matrix") / "store")
    kg.build()
    yield kg
    kg.close()


def _write(tmp_path: Path, row: Row) -> Path:
    path = tmp_path / row.name
    if row.name.startswith("directory"):
        path.mkdir()
        return path
    path.write_bytes(row.data(tmp_path) if callable(row.data) else row.data)
    if row.mapping:
        (tmp_path / (row.name + ".mapping.yaml")).write_text(MAPPING, encoding="utf-8")
    return path


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_bad_input_is_refused_clearly_and_the_store_is_unchanged(
    tmp_path: Path, store: KnowledgeGraph, row: Row
) -> None:
    path = _write(tmp_path, row)
    before = quads(store)
    with pytest.raises(InputError) as info:
        store.load([path])
    message = str(info.value)
    assert row.words in message, message
    assert f"{path}{row.where}" in message, message  # the file, and the line or row
    assert "top secret" not in message
    assert quads(store) == before


def test_xml_external_entity_is_never_read(tmp_path: Path, store: KnowledgeGraph) -> None:
    path = _write(tmp_path, next(r for r in ROWS if r.name == "external-entity.rdf"))
    with pytest.raises(InputError):
        store.load([path])
    assert not any("top secret" in str(o) for o in store.data_graph().objects())


def test_remote_jsonld_context_is_refused_and_never_fetched(
    tmp_path: Path, store: KnowledgeGraph, listener: object
) -> None:
    from reliability_helpers import Listener

    assert isinstance(listener, Listener)
    path = tmp_path / "remote-context.jsonld"
    path.write_text(
        f'{{"@context": "{listener.url}/context.jsonld", "@id": "https://w3id.org/ecokg/id/x", "label": "X"}}',
        encoding="utf-8",
    )
    before = quads(store)
    with pytest.raises(InputError) as info:
        store.load([path])
    assert "remote context" in str(info.value) and "remote-context.jsonld" in str(info.value)
    assert quads(store) == before
    listener.close()
    assert listener.received == []


def test_several_bad_files_are_all_reported_at_once(tmp_path: Path, store: KnowledgeGraph) -> None:
    paths = [_write(tmp_path, r) for r in ROWS if r.name in ("truncated.ttl", "ragged-long.csv", "truncated.rdf")]
    before = quads(store)
    with pytest.raises(InputError) as info:
        store.load(paths)
    message = str(info.value)
    assert "3 problem(s)" in message
    assert all(p.name in message for p in paths)
    assert quads(store) == before


@pytest.mark.parametrize("name", ["truncated.ttl", "ragged-long.csv", "entity-bomb.rdf", "binary.xlsx"])
def test_cli_exits_2_with_the_message_and_keeps_the_store(tmp_path: Path, name: str) -> None:
    row = next(r for r in ROWS if r.name == name)
    path = _write(tmp_path, row)
    store = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(app, ["build", "--store", str(store)]).exit_code == 0
    with KnowledgeGraph.open(store, create=False) as kg:
        before = quads(kg)
    for command in (["build", "--append"], ["build"]):
        result = runner.invoke(app, [*command, "--store", str(store), str(path)])
        assert result.exit_code == 2, result.output
        assert row.words in result.output and name in result.output
        assert "Traceback" not in result.output
    with KnowledgeGraph.open(store, create=False) as kg:
        assert quads(kg) == before


# --- CSV formulas: loaded as text, never exported back as a live formula --------------

FORMULA = '=HYPERLINK("http://127.0.0.1:9/x","click")'


def test_formula_cells_are_neutralised_in_every_csv_export(tmp_path: Path) -> None:
    data = tmp_path / "formulas.csv"
    rows = [("code", "name"), ("f1", FORMULA), ("f2", "+cmd|' /C calc'!A0"), ("f3", "@SUM(1+1)"), ("f4", "-2+3")]
    data.write_text("\n".join(",".join(f'"{c.replace(chr(34), chr(34) * 2)}"' for c in r) for r in rows) + "\n",
                    encoding="utf-8")
    (tmp_path / "formulas.csv.mapping.yaml").write_text(MAPPING, encoding="utf-8")
    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.build()
    kg.load([data])
    # Stored as the text it is (the loader does not alter data).
    labels = {str(label) for (label,) in kg.select(
        "SELECT ?l WHERE { ?e rdfs:label ?l FILTER(STRSTARTS(STR(?e), STR(ekr:m-f))) }")}
    assert FORMULA in labels
    query = "SELECT ?e ?l WHERE { ?e rdfs:label ?l FILTER(STRSTARTS(STR(?e), STR(ekr:m-f))) }"
    exports = {
        "sparql csv": kg.sparql(query).serialize("csv"),
        "sparql tsv": kg.sparql(query).serialize("tsv"),
        "named query csv": kg.query("entity-card", entity="ekr:m-f1").serialize("csv"),
    }
    runner = CliRunner()
    cli = runner.invoke(app, ["query", "--store", str(tmp_path / "store"), "-e", query, "-F", "csv"])
    assert cli.exit_code == 0, cli.output
    exports["cli query -F csv"] = cli.output
    kg.close()
    import csv
    import io

    for name, text in exports.items():
        delimiter = "\t" if "tsv" in name else ","
        cells = [c for r in csv.reader(io.StringIO(text), delimiter=delimiter) for c in r]
        assert any("HYPERLINK" in c for c in cells), name
        for cell in cells:
            assert not cell.startswith(("=", "+", "@")), f"{name}: live formula {cell!r}"
            if cell.startswith("-"):
                assert cell.lstrip("-").replace(".", "").isdigit(), f"{name}: live formula {cell!r}"
