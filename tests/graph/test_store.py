"""The on-disk store: generations, atomic swaps, one writer at a time, readers isolated."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from ecokg import KnowledgeGraph, StoreError
from ecokg.graph.store import Change, DiskBackend
from ecokg.namespaces import EKG, EKR, RDFS


def _graph(label: str) -> Graph:
    g = Graph()
    g.add((EKR.thing, RDFS.label, Literal(label)))
    return g


def _labels(kg: KnowledgeGraph) -> set[str]:
    return {str(row[0]) for row in kg.select("SELECT ?l WHERE { ekr:thing rdfs:label ?l }")}


def test_commit_creates_a_new_generation_and_collects_the_old(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The collection itself: keep one generation (the default keeps five: tests/audiences/test_history.py).
    monkeypatch.setenv("ECOKG_KEEP_GENERATIONS", "1")
    backend = DiskBackend(store_path)
    backend.commit(Change(add=[(EKG.a, _graph("one"))]))
    first = backend.current_generation()
    backend.commit(Change(add=[(EKG.a, _graph("two"))]))
    second = backend.current_generation()
    assert first != second
    # The writer itself re-opened the new generation, so the old one is unread and collected.
    assert sorted(p.name for p in store_path.iterdir() if p.is_dir()) == [second]
    kg = KnowledgeGraph(backend)
    assert _labels(kg) == {"two"}
    backend.close()


def test_a_reader_keeps_its_generation_while_a_writer_commits(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOKG_KEEP_GENERATIONS", "1")  # as above: only what is read is kept
    writer = KnowledgeGraph.open(store_path)
    writer.replace_graph(EKG.a, _graph("old"))
    reader = KnowledgeGraph.open(store_path)
    writer.replace_graph(EKG.a, _graph("new"))
    assert _labels(reader) == {"old"}  # isolation: never half of the new graph
    assert _labels(writer) == {"new"}
    assert len([p for p in store_path.iterdir() if p.is_dir()]) == 2  # old one still read
    reader.close()
    writer.replace_graph(EKG.b, _graph("other"))
    assert len([p for p in store_path.iterdir() if p.is_dir()]) == 1
    assert _labels(KnowledgeGraph.open(store_path)) == {"new", "other"}


def test_replace_graph_keeps_other_graphs(store_path: Path) -> None:
    kg = KnowledgeGraph.open(store_path)
    kg.replace_graph(EKG.a, _graph("a"))
    kg.replace_graph(EKG.b, _graph("b"))
    kg.replace_graph(EKG.a, _graph("a2"))
    assert _labels(kg) == {"a2", "b"}
    kg.drop_graph(EKG.b)
    assert _labels(kg) == {"a2"}


def test_second_writer_fails_clearly_while_the_first_holds_the_lock(store_path: Path) -> None:
    kg = KnowledgeGraph.open(store_path)
    kg.replace_graph(EKG.a, _graph("a"))
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import fcntl, sys, time
            h = open({str(store_path / 'write.lock')!r}, 'a+b')
            fcntl.flock(h.fileno(), fcntl.LOCK_EX)
            print('locked', flush=True)
            time.sleep(30)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        os.environ["ECOKG_LOCK_TIMEOUT"] = "0.3"
        with pytest.raises(StoreError, match="another process is writing"):
            kg.replace_graph(EKG.a, _graph("b"))
        assert _labels(kg) == {"a"}
    finally:
        os.environ.pop("ECOKG_LOCK_TIMEOUT", None)
        holder.kill()
        holder.wait()
    kg.replace_graph(EKG.a, _graph("b"))  # lock released with the process
    assert _labels(kg) == {"b"}


def test_debris_of_a_crashed_write_is_ignored_and_collected(store_path: Path) -> None:
    kg = KnowledgeGraph.open(store_path)
    kg.replace_graph(EKG.a, _graph("a"))
    (store_path / "gen-000099").mkdir()  # as a killed writer would leave it
    (store_path / "gen-000099" / "garbage").write_text("half a database")
    assert _labels(KnowledgeGraph.open(store_path)) == {"a"}
    kg.replace_graph(EKG.b, _graph("b"))
    assert not (store_path / "gen-000099").exists()


def test_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(StoreError, match="not an ecokg store"):
        KnowledgeGraph.open(tmp_path)


def test_reading_a_missing_store_says_to_build(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="ecokg build"):
        KnowledgeGraph.open(tmp_path / "nothing", create=False)


def test_memory_store_is_empty_until_built() -> None:
    kg = KnowledgeGraph.open(memory=True)
    assert kg.count() == 0
    kg.replace_graph(EKG.a, _graph("x"))
    assert kg.count() == 1
    assert isinstance(next(iter(kg.dataset.graph(URIRef(str(EKG.a))))), tuple)


def test_refresh_sees_another_process_build(store_path: Path) -> None:
    writer = KnowledgeGraph.open(store_path)
    writer.replace_graph(EKG.a, _graph("old"))
    reader = KnowledgeGraph.open(store_path)
    assert reader.refresh() is False
    writer.replace_graph(EKG.a, _graph("new"))
    assert _labels(reader) == {"old"}
    assert reader.refresh() is True
    assert _labels(reader) == {"new"}
