"""No acknowledged update is lost on a disk store written by two ``ecokg serve`` workers (issue 15).

Back-to-back SPARQL updates go to whichever worker is free. A failed update (facts inserted,
then ``DROP GRAPH`` of a missing graph) used to leave its new generation's RocksDB open in that worker (its
traceback held the store) after its folder was deleted; the next update, in the other
worker, took the same generation name, and when the first worker's store finally closed it
wrote into that folder and deleted the other's files ("Corruption: ... MANIFEST ... No such
file"). Here a real server with two workers takes failing and succeeding updates in turn
while a second client queries all the time; then the store must hold exactly the facts
whose insert was acknowledged, every worker must see them, and the server log no error.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import httpx
from reliability_helpers import start_server, stop_server

from ecokg import KnowledgeGraph
from ecokg.graph.disk import FAILED_SUFFIX, current_generation, generations
from ecokg.graph.store import Change
from ecokg.graph.writes import read_writes

TOKEN = "concurrent-updates-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
GRAPH = "urn:x-test:concurrent"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s <urn:x-test:n> ?o }} }}"
VALUES = f"SELECT ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s <urn:x-test:n> ?o }} }}"
JSON = {"Accept": "application/sparql-results+json"}
UPDATES = 40
#: A failing update first writes these (so its RocksDB has a memtable to flush when it closes).
FILLER = " ".join(f"<urn:x-test:f{k}> <urn:x-test:n> {k} ." for k in range(3000))
LOST = "urn:x-test:never-committed"


def _count(client: httpx.Client, url: str) -> int:
    response = client.get(url, params={"query": COUNT}, headers=JSON)
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_updates_through_two_workers_are_all_kept(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as kg:
        kg.backend.commit(Change())
    log = tmp_path / "serve.log"
    process, url = start_server(store, log, "--allow-update", "--workers", "2", "--timeout", "60",
                                env={"ECOKG_SERVER_TOKEN": TOKEN})
    sparql = f"{url}/sparql"
    stop_reading = threading.Event()
    reader_failures: list[str] = []
    reads = [0]

    def read_all_the_time() -> None:
        # Keeps one worker or the other busy, so the updates land on either at random.
        with httpx.Client(timeout=60) as client:
            while not stop_reading.is_set():
                response = client.get(sparql, params={"query": COUNT}, headers=JSON)
                reads[0] += 1
                if response.status_code != 200:
                    reader_failures.append(f"{response.status_code}: {response.text[:200]}")

    reader = threading.Thread(target=read_all_the_time)
    reader.start()
    seen_after: list[tuple[int, int]] = []
    try:
        with httpx.Client(timeout=60) as client:
            for i in range(UPDATES):
                failing = f"INSERT DATA {{ GRAPH <{LOST}> {{ {FILLER} }} }} ; DROP GRAPH <urn:x-test:missing-{i}>"
                failed = client.post(sparql, data={"update": failing}, headers=AUTH)
                assert failed.status_code == 400 and "does not exist" in failed.text, failed.text
                insert = f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <urn:x-test:s{i}> <urn:x-test:n> {i} }} }}"
                done = client.post(sparql, data={"update": insert}, headers=AUTH)
                assert done.status_code == 204, f"update {i}: {done.status_code} {done.text}"
                seen_after.append((i, _count(client, sparql)))
            stop_reading.set()
            reader.join(60)
            # Four reads in a row: both workers answer, each must hold every acknowledged fact.
            counts = [_count(client, sparql) for _ in range(4)]
            rows = client.get(sparql, params={"query": VALUES}, headers=JSON).json()["results"]["bindings"]
            half = client.get(sparql, params={"query": f"ASK {{ GRAPH <{LOST}> {{ ?s ?p ?o }} }}"}, headers=JSON)
    finally:
        stop_reading.set()
        reader.join(60)
        stop_server(process)
    assert reader_failures == []
    assert reads[0] > 0
    # An acknowledged update is visible to the very next query, whichever worker answers it.
    assert [seen for _, seen in seen_after] == [i + 1 for i, _ in seen_after]
    assert counts == [UPDATES] * 4
    assert sorted(int(row["o"]["value"]) for row in rows) == list(range(UPDATES))
    assert half.json()["boolean"] is False  # nothing of a failed update was applied
    text = log.read_text("utf-8", "replace")
    for sign in ("Traceback", "Corruption", "ERROR", '" 500'):
        assert sign not in text, text[-3000:]
    # Sound on disk, and the failed updates left nothing behind.
    check = subprocess.run([sys.executable, "-m", "ecokg", "store", "check", "--store", str(store)],
                           capture_output=True, text=True, timeout=120, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert list(store.glob(f"gen-*{FAILED_SUFFIX}")) == []
    with KnowledgeGraph.open(store) as kg:
        assert len(kg.select(VALUES)) == UPDATES
    # ecokg log's record: one line a kept generation, each made by a server update.
    writes = read_writes(store)
    assert sorted(writes) == generations(store)
    assert {entry["write"] for entry in writes.values()} == {"update"}


def _open_files_under(folder: Path) -> list[str]:
    found = []
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = str(fd.readlink())
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


def test_a_failed_write_closes_its_generation_and_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as kg:
        kg.backend.commit(Change(update=f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <urn:x-test:a> <urn:x-test:n> 1 }} }}"))
        before = sorted(p.name for p in store.iterdir())
        failing = f"INSERT DATA {{ GRAPH <{LOST}> {{ {FILLER} }} }} ; DROP GRAPH <urn:x-test:missing>"
        try:
            kg.backend.commit(Change(update=failing))
        except RuntimeError as exc:
            assert "does not exist" in str(exc)
        else:
            raise AssertionError("the update should have failed")
        # Its RocksDB was closed before its folder went: nothing can write there afterwards.
        assert _open_files_under(store / "gen-000002") == []
        assert sorted(p.name for p in store.iterdir()) == before
        assert not kg.backend.query(f"ASK {{ GRAPH <{LOST}> {{ ?s ?p ?o }} }}").askAnswer


def test_a_generation_still_open_after_its_write_failed_never_lends_its_name(tmp_path: Path) -> None:
    """A caller that keeps the new generation's store past a failure keeps its RocksDB open:
    its name stays taken, and what the store writes when it finally closes harms no one."""
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as kg:
        kg.backend.commit(Change(update=f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <urn:x-test:a> <urn:x-test:n> 1 }} }}"))
        kept = None
        try:
            with kg.backend.next_generation(clear=False) as generation:
                kept = generation.store
                kept.update(f"INSERT DATA {{ GRAPH <{LOST}> {{ {FILLER} }} }}")
                raise ValueError("the caller gives up")
        except ValueError:
            pass
        assert _open_files_under(store / "gen-000002") != []  # still open: ``kept``
        assert (store / f"gen-000002{FAILED_SUFFIX}").exists()
        kg.backend.commit(Change(update=f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <urn:x-test:b> <urn:x-test:n> 2 }} }}"))
        assert current_generation(store) == "gen-000003"
        assert not (store / f"gen-000002{FAILED_SUFFIX}").exists()
        del kept, generation  # the old store closes now, writing into gen-000002 only
        kg.backend.commit(Change(update=f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <urn:x-test:c> <urn:x-test:n> 3 }} }}"))
        assert sorted(int(row[0]) for row in kg.select(VALUES)) == [1, 2, 3]
        assert not kg.backend.query(f"ASK {{ GRAPH <{LOST}> {{ ?s ?p ?o }} }}").askAnswer
    check = subprocess.run([sys.executable, "-m", "ecokg", "store", "check", "--store", str(store)],
                           capture_output=True, text=True, timeout=120, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
