"""The W3C result-format tests (JSON, CSV, TSV: 10) and syntax tests (SPARQL 1.1 query and
update, positive and negative), run from their manifests against a real ``ecokg serve``.

Result formats: the test's data is loaded into one named graph (ecokg's default graph is
the union of the named graphs), the query sent with the format's media type, and the
answer compared with the expected file, blank node labels aside. Syntax: a valid text
must not be refused as a syntax error, an invalid one must be (HTTP 400 naming line and
column); ``LOAD``, valid but refused by design (it fetches a URL), is checked as refused.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from rdflib import RDF, URIRef

from server.conftest import Server

from .conftest import AUTH, DATA_GRAPH, MF, QT, load, local, manifest


def _results_tests() -> list[tuple[str, str, Path, Path, Path]]:
    tests = []
    for folder in ("json-res", "csv-tsv-res"):
        graph, entries = manifest(folder)
        for entry in entries:
            action = next(graph.objects(entry, MF.action))
            result = local(next(graph.objects(entry, MF.result)))
            tests.append((str(entry).rsplit("#", 1)[1], folder, local(next(graph.objects(action, QT.query))),
                          local(next(graph.objects(action, QT.data))), result))
    return tests


RESULTS = _results_tests()
#: What the engine changes, and cannot be undone on the way out: Oxigraph 0.5 stores integers
#: of derived types (xsd:negativeInteger...) as xsd:integer, so TSV, which writes datatypes,
#: shows the stored one. Oxigraph encodes a literal by its value (``impl From<&Literal> for
#: EncodedTerm`` in lib/oxigraph/src/storage/numeric_encoder.rs: the derived integer types all go
#: to ``parse_integer_str``, an ``IntegerLiteral`` without its datatype); a constant in a query
#: is encoded the same way, so no loading path or result writer of ours can keep the type.
ENGINE_DIFFERENCES = {
    "tsv03": ('"-3"^^<http://www.w3.org/2001/XMLSchema#negativeInteger>', "-3"),
}
MEDIA = {".srj": "application/sparql-results+json", ".csv": "text/csv", ".tsv": "text/tab-separated-values"}


def _json_rows(data: dict[str, Any]) -> Any:
    if "boolean" in data:
        return data["boolean"]
    names: dict[str, str] = {}

    def term(t: dict[str, str]) -> tuple[str, ...]:
        if t["type"] == "bnode":  # labels are the server's: compare the pattern they make
            return ("bnode", names.setdefault(t["value"], f"b{len(names)}"))
        kind = "literal" if t["type"] == "typed-literal" else t["type"]
        return (kind, t["value"], t.get("xml:lang", ""), t.get("datatype", ""))

    rows = [{k: term(v) for k, v in row.items()} for row in data["results"]["bindings"]]
    return data["head"]["vars"], rows


def _table_rows(text: str, tab: bool) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text), delimiter="\t" if tab else ",", quoting=csv.QUOTE_NONE if tab else 0))
    names: dict[str, str] = {}

    def cell(value: str) -> str:
        return re.sub(r"_:(\w+)", lambda m: "_:" + names.setdefault(m.group(1), f"b{len(names)}"), value)

    return [[cell(v) for v in row] for row in rows if row]


NUMBERS = {f"http://www.w3.org/2001/XMLSchema#{n}" for n in ("integer", "decimal", "double", "float")}


def _tsv_terms(text: str) -> list[list[object]]:
    """TSV rows as RDF terms (a number by its value: ``1.0e6`` and ``1.0E6`` are one double)."""
    rows = _table_rows(text, tab=True)

    def term(cell: str) -> object:
        if not cell or cell.startswith("?"):
            return cell
        (triple,) = ox.parse(f"<urn:s> <urn:p> {cell} .".encode(), format=ox.RdfFormat.TURTLE)
        value = triple.object
        if isinstance(value, ox.Literal) and value.datatype.value in NUMBERS:
            return (value.datatype.value, float(value.value))
        return value

    return [[term(c) for c in row] for row in rows]


@pytest.mark.parametrize(("name", "folder", "query", "data", "expected"), RESULTS, ids=[t[0] for t in RESULTS])
def test_result_format(w3c_server: Server, name: str, folder: str, query: Path, data: Path, expected: Path) -> None:
    load(w3c_server, {DATA_GRAPH: data})
    media = MEDIA[expected.suffix]
    response = httpx.post(w3c_server.sparql, data={"query": query.read_text("utf-8")}, headers={"Accept": media})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    if media.endswith("json"):
        assert _json_rows(response.json()) == _json_rows(json.loads(expected.read_text("utf-8")))
    else:
        if media.endswith("values"):
            wanted = expected.read_text("utf-8")
            if name in ENGINE_DIFFERENCES:
                # Documented in docs/conformance.md: check that this, and only this, differs.
                before, after = ENGINE_DIFFERENCES[name]
                assert _tsv_terms(response.text) != _tsv_terms(wanted)
                wanted = wanted.replace(before, after)
            assert _tsv_terms(response.text) == _tsv_terms(wanted)
        else:
            assert _table_rows(response.text, False) == _table_rows(expected.read_text("utf-8"), False)


def test_result_format_suite_is_complete() -> None:
    assert len(RESULTS) == 10


def test_derived_integer_types_are_the_engines_difference() -> None:
    """tsv03's difference is Oxigraph's storage, not ecokg's loading or writing (ENGINE_DIFFERENCES)."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    written = ox.Literal("-3", datatype=ox.NamedNode(xsd + "negativeInteger"))
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), written))
    (stored,) = [q.object for q in store]
    (queried,) = [s["o"] for s in store.query(f'SELECT ?o WHERE {{ BIND("-3"^^<{xsd}negativeInteger> AS ?o) }}')]
    assert written.datatype.value == xsd + "negativeInteger"  # the term we hand over keeps it
    for term in (stored, queried):
        assert isinstance(term, ox.Literal) and term.value == "-3" and term.datatype.value == xsd + "integer"


# --- syntax ----------------------------------------------------------------------------------

POSITIVE = {MF.PositiveSyntaxTest11, MF.PositiveUpdateSyntaxTest11}


def _syntax_tests() -> list[tuple[str, bool, bool, Path]]:
    tests = []
    for folder in ("syntax-query", "syntax-update-1", "syntax-update-2"):
        graph, entries = manifest(folder)
        for entry in entries:
            kind = next(graph.objects(entry, RDF.type))
            path = local(next(graph.objects(entry, MF.action)))
            tests.append((f"{folder}/{path.name}", kind in POSITIVE, folder != "syntax-query", path))
    return tests


SYNTAX = _syntax_tests()


@pytest.mark.parametrize(("name", "valid", "update", "path"), SYNTAX, ids=[t[0] for t in SYNTAX])
def test_syntax(w3c_server: Server, name: str, valid: bool, update: bool, path: Path) -> None:
    text = path.read_text("utf-8")
    if update:
        load(w3c_server, {})
    response = httpx.post(w3c_server.sparql, data={"update" if update else "query": text}, headers=AUTH, timeout=60)
    refused_for_syntax = response.status_code == 400 and "syntax error" in response.text
    if valid and update and re.search(r"^\s*LOAD\b", text, re.I | re.M):
        assert response.status_code == 400 and "LOAD is not allowed" in response.text
    elif valid:
        assert not refused_for_syntax, response.text
        assert response.status_code < 500, response.text
    elif update and re.search(r"\bLOAD\b", text, re.I):
        # Refused before parsing, by design: LOAD fetches a URL.
        assert response.status_code == 400 and "LOAD is not allowed" in response.text
    else:
        assert refused_for_syntax, (response.status_code, response.text)
        assert "SPARQL syntax error" in response.text


def test_syntax_suites_are_complete() -> None:
    valid = sum(1 for t in SYNTAX if t[1])
    assert (valid, len(SYNTAX) - valid) == (105, 44)


def test_suites_carry_the_w3c_licence() -> None:
    licence = (Path(__file__).parent.parent / "data" / "w3c" / "LICENSE").read_bytes()
    assert b"SOFTWARE NOTICE AND LICENSE" in licence
    assert URIRef  # the manifests are read with rdflib (above)
