"""ecokg datasets (an export's N-Quads or TriG) are restored graph by graph, provenance kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from ecokg import KnowledgeGraph
from ecokg.errors import InputError, ValidationError
from ecokg.graph.disk import current_generation, generations
from ecokg.graph.validation import Violation
from ecokg.loaders.rdf import dataset_candidate, load_dataset
from ecokg.namespaces import EKD, EKG, INFERRED_GRAPH, ONTOLOGY_GRAPH, PROV

SOURCE_GRAPHS = [EKG["bfc-wisconsin-2024"], EKG["gazetteer"]]


def _graphs(kg: KnowledgeGraph) -> dict[URIRef, Graph]:
    found: dict[URIRef, Graph] = {}
    for s, p, o, g in kg.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
        found.setdefault(g, Graph()).add((s, p, o))
    return found


def _assert_same(expected: Graph, got: Graph) -> None:
    if not isomorphic(expected, got):
        _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        raise AssertionError(
            "graphs differ\nonly expected:\n" + only_expected.serialize(format="nt")
            + "\nonly restored:\n" + only_got.serialize(format="nt")
        )


@pytest.fixture(scope="module")
def exporting(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    """The seed, reasoned over (its export holds the ontology and inferences too)."""
    kg = KnowledgeGraph.open(tmp_path_factory.mktemp("exporting") / "store")
    kg.build()
    kg.reason(engine="owlrl")
    return kg


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, exporting: KnowledgeGraph) -> dict[str, Path]:
    """The seed store exported as N-Quads and TriG."""
    folder = tmp_path_factory.mktemp("exported")
    files = {fmt: folder / f"seed.{fmt}" for fmt in ("nq", "trig")}
    for fmt, path in files.items():
        exporting.export(path, fmt)
    return files


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_an_export_is_restored_graph_by_graph(
    tmp_path: Path, seed_kg: KnowledgeGraph, exporting: KnowledgeGraph, exported: dict[str, Path], fmt: str
) -> None:
    assert dataset_candidate(exported[fmt])
    kg = KnowledgeGraph.open(tmp_path / "store")
    report = kg.build([exported[fmt]])
    assert report.validation.conforms
    assert set(report.graphs) == {ONTOLOGY_GRAPH, *SOURCE_GRAPHS}
    restored, original = _graphs(kg), _graphs(exporting)
    # The source graphs come back as they were, their PROV descriptions and statements with them;
    # the inferences are not restored (derived: `ecokg reason` recomputes them).
    assert set(restored) == {ONTOLOGY_GRAPH, *SOURCE_GRAPHS}
    for name in SOURCE_GRAPHS:
        _assert_same(original[name], restored[name])
    # The installed ontology, as a build stores it (the file's copy is not what is kept).
    _assert_same(_graphs(seed_kg)[ONTOLOGY_GRAPH], restored[ONTOLOGY_GRAPH])
    assert report.triples == kg.count()
    assert kg.select("SELECT ?g ?doc WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?doc } }", {"g": EKG["gazetteer"]}) == [
        (EKG["gazetteer"], EKD["gazetteer"])
    ]
    kg.close()


def test_the_memory_store_restores_too(exported: dict[str, Path], exporting: KnowledgeGraph) -> None:
    kg = KnowledgeGraph.open(memory=True)
    kg.build([exported["nq"]])
    _assert_same(_graphs(exporting)[EKG["bfc-wisconsin-2024"]], _graphs(kg)[EKG["bfc-wisconsin-2024"]])
    assert INFERRED_GRAPH not in _graphs(kg)


def test_a_graph_without_its_origin_makes_the_file_plain_rdf(tmp_path: Path, exported: dict[str, Path]) -> None:
    # One foreign graph among ekg: ones: the file is not an ecokg dataset; it is loaded as plain
    # RDF into a graph of its own, with the loader's provenance (and the speculative copy dropped).
    mixed = tmp_path / "mixed.nq"
    mixed.write_text(exported["nq"].read_text(encoding="utf-8")
                     + '<https://w3id.org/ecokg/id/gilson> <http://www.w3.org/2000/01/rdf-schema#comment> "x"@en <http://example.org/other> .\n',
                     encoding="utf-8")
    assert dataset_candidate(mixed)
    assert load_dataset(mixed) is None
    store = tmp_path / "store"
    kg = KnowledgeGraph.open(store)
    report = kg.build([mixed])
    assert set(report.graphs) == {ONTOLOGY_GRAPH, EKG["mixed"]}
    assert set(_graphs(kg)) == {ONTOLOGY_GRAPH, EKG["mixed"]}
    assert [str(row[1]) for row in kg.select("SELECT ?g ?l WHERE { GRAPH ?g { ?g ek:loader ?l } }", {"g": EKG["mixed"]})] == ["rdf"]
    assert only_current(generations(store), store)
    kg.close()


def _unsourced_gazetteer(export: Path, target: Path) -> Path:
    """``export`` without the statements that source the gazetteer's facts (the shapes refuse it)."""
    data = Dataset()
    data.parse(export, format="nquads")
    gazetteer = data.graph(EKG["gazetteer"])
    for statement in list(gazetteer.subjects(PROV.wasDerivedFrom, None)):
        if "/fact/" in str(statement):
            gazetteer.remove((statement, None, None))
    data.serialize(target, format="nquads")
    return target


def _state(kg: KnowledgeGraph) -> list[tuple[object, ...]]:
    return sorted(kg.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"), key=str)


def test_a_restore_that_does_not_conform_changes_nothing(disk_kg: KnowledgeGraph, store_path: Path, exported: dict[str, Path], tmp_path: Path) -> None:
    broken = _unsourced_gazetteer(exported["nq"], tmp_path / "broken.nq")
    before = _state(disk_kg)
    with pytest.raises(ValidationError) as caught:
        disk_kg.build([broken])
    assert "source" in str(caught.value)
    assert _state(disk_kg) == before
    assert only_current(generations(store_path), store_path)


def test_a_broken_line_in_a_dataset_is_named_and_changes_nothing(disk_kg: KnowledgeGraph, store_path: Path, exported: dict[str, Path], tmp_path: Path) -> None:
    lines = exported["nq"].read_text(encoding="utf-8").splitlines(keepends=True)
    broken = tmp_path / "cut.nq"
    # Line 101 loses its end (a cut-off copy): the parser stops there, at the missing " ." .
    broken.write_text("".join(lines[:100]) + lines[100].rsplit(" ", 1)[0] + " <x:y\n" + "".join(lines[101:]), encoding="utf-8")
    before = _state(disk_kg)
    with pytest.raises(InputError) as caught:
        disk_kg.build([broken])
    assert caught.value.line == 101
    assert "cut.nq:101" in str(caught.value)
    assert _state(disk_kg) == before
    assert only_current(generations(store_path), store_path)


def test_a_dataset_beside_other_sources(tmp_path: Path, exported: dict[str, Path], data_dir: Path) -> None:
    # Restored graphs and a curated file in one build: both validated together, both stored.
    kg = KnowledgeGraph.open(tmp_path / "store")
    report = kg.build([exported["nq"], data_dir / "acme-in-wisconsin.yaml"])
    assert report.validation.conforms
    assert set(_graphs(kg)) == {ONTOLOGY_GRAPH, *SOURCE_GRAPHS, EKG["acme-in-wisconsin"]}
    assert report.triples == kg.count()
    kg.close()


def test_a_dataset_with_the_reasoner_or_without_validation_keeps_its_data(
    tmp_path: Path, exported: dict[str, Path], exporting: KnowledgeGraph
) -> None:
    # Both take the general commit path: the staged store's quads must still be what is stored.
    from ecokg.graph.reasoner import before_commit

    reasoned = KnowledgeGraph.open(tmp_path / "reasoned")
    reasoned.build([exported["nq"]], before_commit=before_commit("owlrl"))
    unchecked = KnowledgeGraph.open(tmp_path / "unchecked")
    unchecked.build([exported["nq"]], validate=False)
    original = _graphs(exporting)
    for kg in (reasoned, unchecked):
        graphs = _graphs(kg)
        for name in SOURCE_GRAPHS:
            _assert_same(original[name], graphs[name])
    # The reasoner saw the restored facts: the same inferences as on the original build
    # (all but when it ran).
    times = {PROV.generatedAtTime, PROV.startedAtTime, PROV.endedAtTime}

    def timeless(graph: Graph) -> Graph:
        return Graph().__iadd__(t for t in graph if t[1] not in times)

    _assert_same(timeless(original[INFERRED_GRAPH]), timeless(_graphs(reasoned)[INFERRED_GRAPH]))
    assert INFERRED_GRAPH not in _graphs(unchecked)
    reasoned.close()
    unchecked.close()


def test_validate_checks_the_stored_graph_in_place(tmp_path: Path, exported: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    # A graph stored without validation: `validate` finds what the shapes refuse, in place,
    # and says the same as the reference engine (pySHACL over an rdflib copy).
    broken = _unsourced_gazetteer(exported["nq"], tmp_path / "broken.nq")
    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.build([broken], validate=False)
    report = kg.validate()
    assert not report.conforms
    assert report.violations and all("source" in v.message for v in report.violations)
    monkeypatch.setenv("ECOKG_SHACL_ENGINE", "pyshacl")
    reference = kg.validate()
    # pySHACL reports one of the shape's messages (fr or en, as its set iterates): compare the rest.
    def found(violations: list[Violation]) -> list[tuple[str, str, str | None, str]]:
        return sorted((v.focus, v.path, v.value, v.severity) for v in violations)

    assert found(report.violations) == found(reference.violations)
    kg.close()


def only_current(kept: list[str], store: Path) -> bool:
    """Only the current generation is left, and no folder but it and its projection cache."""
    current = current_generation(store)
    return kept == [current] and {p.name for p in store.iterdir() if p.is_dir()} <= {current, f"{current}.cache"}
