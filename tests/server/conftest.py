"""Real servers on loopback for the server tests: ``oxigraph serve`` and ``ecokg serve``.

Each fixture starts its server as a subprocess on a free 127.0.0.1 port, waits
until it answers, and stops it (then kills it if needed) at teardown.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from ecokg import KnowledgeGraph

TOKEN = "test-token-5f1c"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not start:\n{log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


@dataclass
class Server:
    url: str
    log: Path
    store: Path | None = None

    @property
    def sparql(self) -> str:
        return f"{self.url}/sparql"


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """An empty ``oxigraph serve`` (union default graph) on a free loopback port."""
    folder = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    log = folder / "server.log"
    binary = BIN / "oxigraph"
    assert binary.exists(), "the `oxigraph` package (server CLI) is not installed in the virtualenv"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(binary), "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}",
             "--union-default-graph"],
            stdout=out, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/query?query=ASK%7B%7D", process, log)
        yield Server(url, log)
    finally:
        stop(process)


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding the seed graph (served read-only: never written)."""
    path = tmp_path_factory.mktemp("served") / "store"
    with KnowledgeGraph.open(path) as kg:
        kg.build()
    return path


def start_ecokg(folder: Path, store: Path, *args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], Server]:
    port = free_port()
    log = folder / f"ecokg-serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "ecokg", "serve", "--store", str(store), "--port", str(port), *args],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
        )
    server = Server(f"http://127.0.0.1:{port}", log, store)
    wait_until_up(f"{server.url}/sparql?query=ASK%7B%7D", process, log)
    return process, server


@pytest.fixture(scope="session")
def ecokg_server(tmp_path_factory: pytest.TempPathFactory, built_store: Path) -> Iterator[Server]:
    """``ecokg serve`` on the seed, read-only, at most 500 rows (time bound generous: shared CI)."""
    folder = tmp_path_factory.mktemp("ecokg-serve")
    process, server = start_ecokg(folder, built_store, "--timeout", "60", "--max-rows", "500", "--workers", "2")
    try:
        yield server
    finally:
        stop(process)


@pytest.fixture(scope="session")
def bounded_server(tmp_path_factory: pytest.TempPathFactory, built_store: Path) -> Iterator[Server]:
    """``ecokg serve`` on the seed with a 2-second time bound, for runaway queries."""
    folder = tmp_path_factory.mktemp("ecokg-bounded")
    process, server = start_ecokg(folder, built_store, "--timeout", "2", "--workers", "2")
    try:
        yield server
    finally:
        stop(process)


@pytest.fixture(scope="session")
def update_server(tmp_path_factory: pytest.TempPathFactory, built_store: Path) -> Iterator[Server]:
    """``ecokg serve --allow-update`` on a private copy of the seed store, token ``TOKEN``."""
    folder = tmp_path_factory.mktemp("ecokg-update")
    store = folder / "store"
    shutil.copytree(built_store, store, ignore=shutil.ignore_patterns("*.lock"))
    process, server = start_ecokg(
        folder, store, "--allow-update", "--timeout", "20", env={"ECOKG_SERVER_TOKEN": TOKEN}
    )
    try:
        yield server
    finally:
        stop(process)


VIRTUOSO_INI = """[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = .
CaseMode = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
MaxClientConnections = 4
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Virtuoso Open Source (Debian's ``virtuoso-opensource``) on loopback, its own virtuoso.ini
    in tmp_path, SPARQL Update allowed to the anonymous ``SPARQL`` user; a row cap of 1,000
    (the default is 10,000) so that the tests reach it."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    assert binary and isql, "Virtuoso is not installed: run scripts/ensure-sysdeps.sh (virtuoso-opensource)"
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(
        VIRTUOSO_INI.format(sql_port=sql_port, http_port=http_port, folder=folder, max_rows=1000)
    )
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen([binary, "-f", "-c", "virtuoso.ini"], cwd=folder, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_up(f"{url}/sparql?query=ASK%7B%7D", process, log, timeout=120)
        grant = 'GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);'
        done = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={grant}"],
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        yield Server(url, log)
    finally:
        stop(process)
