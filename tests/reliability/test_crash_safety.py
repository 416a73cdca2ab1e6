"""Crash safety: a build killed anywhere, concurrent readers, concurrent builds.

Real ``python -m ecokg build`` subprocesses write a real on-disk store. The kill
points are deterministic: ``$ECOKG_TEST_CRASH_AT`` makes the build SIGKILL itself
at a named point (see ``ecokg.graph.store.crash_point``); one more test kills it
from outside the moment the new generation appears on disk.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import BNode
from reliability_helpers import ecokg, quads, start_server, stop_server, store_quads

from ecokg import KnowledgeGraph
from ecokg.graph.disk import current_generation, generations
from ecokg.graph.store import DiskBackend, _lock

#: Every point of a build, in order: after staging, after SHACL, new generation copied,
#: change applied (not flushed), flushed but CURRENT not yet swapped, swapped.
BEFORE_SWAP = ["stage", "validate", "copied", "applied", "before-swap"]


def _copy_store(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.lock"))
    return target


def _assert_opens_and_validates(path: Path) -> None:
    """What ``ecokg validate`` checks (SHACL over the stored graph), in this process."""
    with KnowledgeGraph.open(path, create=False) as kg:
        report = kg.validate()
    assert report.conforms, report.text()


def _assert_unlocked(path: Path) -> None:
    """The killed writer's lock died with it: a new writer gets the lock at once."""
    with _lock(path / "write.lock", shared=False, timeout=0):
        pass


@pytest.mark.parametrize("kind", ["dataset", "plain"])
@pytest.mark.parametrize("point", BEFORE_SWAP)
def test_build_killed_before_swap_leaves_exactly_the_previous_graph(
    tmp_path: Path, seed_store: Path, large_source: Path, plain_source: Path, point: str, kind: str
) -> None:
    # Both build paths: an ecokg dataset (restored while a thread writes it) and plain RDF.
    source = large_source if kind == "dataset" else plain_source
    store = _copy_store(seed_store, tmp_path / "store")
    before = store_quads(store)
    killed = ecokg("build", "--store", str(store), str(source), env={"ECOKG_TEST_CRASH_AT": point})
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    assert store_quads(store) == before
    _assert_opens_and_validates(store)
    _assert_unlocked(store)


def test_after_a_crash_the_cli_validates_and_the_next_build_cleans_up(
    tmp_path: Path, seed_store: Path, large_source: Path
) -> None:
    store = _copy_store(seed_store, tmp_path / "store")
    before = store_quads(store)
    killed = ecokg("build", "--store", str(store), str(large_source), env={"ECOKG_TEST_CRASH_AT": "applied"})
    assert killed.returncode == -signal.SIGKILL
    assert len(generations(store)) == 2  # the half-written generation
    checked = ecokg("validate", "--store", str(store))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "conforms" in checked.stdout
    # Kept generations aside (ECOKG_KEEP_GENERATIONS=1), the half-written one is cleaned up.
    done = ecokg("build", "--store", str(store), str(large_source),
                 env={"ECOKG_LOCK_TIMEOUT": "5", "ECOKG_KEEP_GENERATIONS": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert only_current(generations(store), store)
    assert store_quads(store) != before


def test_build_killed_after_swap_leaves_exactly_the_new_graph(
    tmp_path: Path, seed_store: Path, large_source: Path
) -> None:
    reference = tmp_path / "reference"
    assert ecokg("build", "--store", str(reference), str(large_source)).returncode == 0
    store = _copy_store(seed_store, tmp_path / "store")
    killed = ecokg(
        "build", "--store", str(store), str(large_source), env={"ECOKG_TEST_CRASH_AT": "after-swap"}
    )
    assert killed.returncode == -signal.SIGKILL
    after = store_quads(store)
    expected = store_quads(reference)
    # Same graph, except the load timestamp each build writes.
    assert _without_times(after) == _without_times(expected)
    _assert_opens_and_validates(store)


def _without_times(found: set[tuple[object, ...]]) -> tuple[int, set[tuple[object, ...]]]:
    """Comparable across two builds: the quad count, and the quads without the load time
    or blank nodes (both differ from one build of the same sources to the next)."""
    return len(found), {
        q for q in found
        if not str(q[1]).endswith("generatedAtTime") and not any(isinstance(t, BNode) for t in q)
    }


def test_build_killed_while_writing_the_new_generation(
    tmp_path: Path, seed_store: Path, large_source: Path
) -> None:
    """SIGKILL from outside as soon as the next generation's folder exists (mid-write)."""
    store = _copy_store(seed_store, tmp_path / "store")
    before = store_quads(store)
    current = current_generation(store)
    process = subprocess.Popen(
        [sys.executable, "-m", "ecokg", "build", "--store", str(store), str(large_source)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if any(p.is_dir() and p.name != current for p in store.iterdir()):
                break
            time.sleep(0.002)
        assert process.poll() is None, "the build finished before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(30)
    assert process.returncode == -signal.SIGKILL
    assert current_generation(store) == current
    assert store_quads(store) == before
    _assert_opens_and_validates(store)


READER = r"""
import sys, time
from pathlib import Path
from ecokg import KnowledgeGraph
path, stop = Path(sys.argv[1]), Path(sys.argv[2])
long_lived = KnowledgeGraph.open(path, create=False)
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    # A fresh reader each time, and one long-lived reader catching up with refresh().
    with KnowledgeGraph.open(path, create=False) as kg:
        print("fresh", kg.count(), flush=True)
    long_lived.refresh()
    # Two queries on one opened generation: same graph, so the same count.
    first = long_lived.count()
    graphs = sum(int(n) for _, n in long_lived.select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"))
    print("long", first, graphs, flush=True)
    if stop.exists():
        break
"""


def test_reader_process_sees_old_or_new_graph_never_half(
    tmp_path: Path, seed_store: Path, large_source: Path
) -> None:
    store = _copy_store(seed_store, tmp_path / "store")
    with KnowledgeGraph.open(store, create=False) as kg:
        old = kg.count()
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(store), str(stop)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout is not None
        first_line = reader.stdout.readline()  # the reader is running before the build starts
        built = ecokg("build", "--store", str(store), str(large_source))
        assert built.returncode == 0, built.stderr
        with KnowledgeGraph.open(store, create=False) as kg:
            new = kg.count()
        time.sleep(1.0)  # let the reader see the new generation a few times
        stop.touch()
        rest, _ = reader.communicate(timeout=60)
    finally:
        if reader.poll() is None:
            reader.kill()
            reader.wait()
    assert reader.returncode == 0
    seen: list[int] = []
    for line in [first_line, *rest.splitlines()]:
        _kind, *counts = line.split()
        numbers = [int(c) for c in counts]
        assert len(set(numbers)) == 1, f"two counts on one opened graph: {line}"
        seen.append(numbers[0])
    assert old != new
    assert set(seen) <= {old, new}, f"a reader saw a graph that is neither old ({old}) nor new ({new})"
    assert seen[0] == old and seen[-1] == new


def test_second_build_fails_clearly_while_the_lock_is_held(
    tmp_path: Path, seed_store: Path, large_source: Path
) -> None:
    store = _copy_store(seed_store, tmp_path / "store")
    before = store_quads(store)
    writer = DiskBackend(store, create=False)
    try:
        with writer.write_lock():
            second = ecokg(
                "build", "--store", str(store), str(large_source), env={"ECOKG_LOCK_TIMEOUT": "1"}
            )
    finally:
        writer.close()
    assert second.returncode == 4, second.stdout + second.stderr
    assert "another process is writing to the store" in second.stderr
    assert "ECOKG_LOCK_TIMEOUT" in second.stderr
    assert store_quads(store) == before


def test_second_build_waits_for_the_lock(tmp_path: Path, seed_store: Path, large_source: Path) -> None:
    store = _copy_store(seed_store, tmp_path / "store")
    writer = DiskBackend(store, create=False)
    try:
        with writer.write_lock():
            second = subprocess.Popen(
                [sys.executable, "-m", "ecokg", "build", "--store", str(store), str(large_source)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                env={**os.environ, "ECOKG_LOCK_TIMEOUT": "120"},
            )
            # The build opens write.lock only when it reaches the commit: once it holds that
            # file open, it is in the lock's wait loop (we hold the lock).
            lock = str(store / "write.lock")
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and second.poll() is None:
                fds = Path(f"/proc/{second.pid}/fd")
                try:
                    if any(os.readlink(fd) == lock for fd in fds.iterdir()):
                        break
                except OSError:
                    pass  # an fd closed while we looked
                time.sleep(0.05)
            time.sleep(1.0)
            generation = (store / "CURRENT").read_text()
            assert second.poll() is None, "the second build did not wait for the lock"
            assert only_current(generations(store), store)
    finally:
        writer.close()
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, out + err
    assert (store / "CURRENT").read_text() != generation


def test_two_builds_at_once_never_interleave(tmp_path: Path, large_source: Path) -> None:
    """Two real builds of different sources race; the store ends as exactly one of them."""
    from ecokg.loaders import seed_sources

    store = tmp_path / "store"
    seed = [str(p) for p in seed_sources()]
    commands = [
        [sys.executable, "-m", "ecokg", "build", "--store", str(store), str(large_source)],
        [sys.executable, "-m", "ecokg", "build", "--store", str(store), *seed],
    ]
    processes = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    for process in processes:
        out, err = process.communicate(timeout=180)
        assert process.returncode == 0, out + err
    with KnowledgeGraph.open(store, create=False) as kg:
        graphs = {str(g) for (g,) in kg.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
        final = quads(kg)
    references = []
    for i, sources in enumerate(([str(large_source)], seed)):
        with KnowledgeGraph.open(tmp_path / f"ref{i}") as ref:
            ref.build(sources)
            references.append((_without_times(quads(ref)), {str(g) for (g,) in ref.select(
                "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}))
    assert (_without_times(final), graphs) in references


def test_server_queries_during_a_build_see_old_or_new_graph(
    tmp_path: Path, seed_store: Path, large_source: Path
) -> None:
    """``ecokg serve`` answering queries in a loop while ``ecokg build`` replaces the graph."""
    import threading

    import httpx

    store = _copy_store(seed_store, tmp_path / "store")
    with KnowledgeGraph.open(store, create=False) as kg:
        old = kg.count()
    process, url = start_server(store, tmp_path / "serve.log", "--workers", "1")
    counts: list[int] = []
    failures: list[str] = []
    stop = threading.Event()

    def ask() -> None:
        query = {"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"}
        with httpx.Client(base_url=url, timeout=30) as client:
            while not stop.is_set():
                response = client.get("/sparql", params=query, headers={"Accept": "text/csv"})
                if response.status_code != 200:
                    failures.append(f"{response.status_code} {response.text[:100]}")
                else:
                    counts.append(int(response.text.split()[1]))

    reader = threading.Thread(target=ask)
    try:
        reader.start()
        # Public, as the seed is: the server answers anonymous requests with what the public may see.
        built = ecokg("build", "--store", str(store), "--sensitivity", "public", str(large_source))
        assert built.returncode == 0, built.stderr
        with KnowledgeGraph.open(store, create=False) as kg:
            new = kg.count()
        seen_new = time.monotonic() + 30
        while new not in counts and time.monotonic() < seen_new:
            time.sleep(0.1)
    finally:
        stop.set()
        reader.join(60)
        stop_server(process)
    assert failures == []
    assert counts and set(counts) <= {old, new}, (old, new, sorted(set(counts)))
    assert counts[0] == old and counts[-1] == new


def only_current(kept: list[str], store: Path) -> bool:
    """Only the current generation is left, and no folder but it and its projection cache."""
    current = current_generation(store)
    return kept == [current] and {p.name for p in store.iterdir() if p.is_dir()} <= {current, f"{current}.cache"}
