"""Helpers of the reliability tests (a module of its own: every tests folder has a
``conftest`` module, so test files cannot import from theirs)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

from hypothesis import HealthCheck, settings

from ecokg import KnowledgeGraph

# The repository's ``bench`` package (generator of large inputs, load test) is not installed.
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Deterministic and small, so fuzzing runs the same examples on every machine.
#: ``ECOKG_FUZZ_SCALE=20`` multiplies the examples for an exploratory run.
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FUZZ_SCALE = float(os.environ.get("ECOKG_FUZZ_SCALE", "1"))


def fuzz(examples: int) -> settings:
    """The reliability fuzz settings with ``examples`` examples (times ``$ECOKG_FUZZ_SCALE``)."""
    return settings(parent=FUZZ, max_examples=max(1, int(examples * FUZZ_SCALE)))


ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def quads(kg: KnowledgeGraph) -> set[tuple[object, ...]]:
    """Every quad of the store, as a set (the exact content to compare before/after)."""
    return set(kg.select(ALL_QUADS))


def store_quads(path: Path) -> set[tuple[object, ...]]:
    """Open the on-disk store at ``path`` as a new reader would, and read every quad."""
    with KnowledgeGraph.open(path, create=False) as kg:
        return quads(kg)


def ecokg(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real ``python -m ecokg`` command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "ecokg", *args],
        capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Listener:
    """A loopback TCP listener that records every connection it receives (should be none)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = int(self.sock.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self.received: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.received.append(conn.recv(65536) or b"<connected>")
                except OSError:
                    self.received.append(b"<connected>")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()




# --- a real ``ecokg serve`` on loopback ------------------------------------------------


def start_server(store: Path, log: Path, *args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``python -m ecokg serve`` on a free 127.0.0.1 port; return it and its URL once it answers."""
    import time

    import httpx

    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "ecokg", "serve", "--store", str(store), "--port", str(port), *args],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"ecokg serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/sparql?query=ASK%7B%7D", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_server(process)
    raise RuntimeError(f"ecokg serve did not answer:\n{log.read_text()}")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(15)


#: A curated source whose every user-supplied string is hostile HTML or script.
#: A payload that runs sets ``window.__xss`` (or opens a dialog); the tests check neither happens.
HOSTILE_YAML = """\
ecokg: 1
document:
  id: hostile-doc
  type: PressRelease
  title: "Hostile <script>window.__xss='title'</script> & co"
  publisher: xss-co
  date: 2024-10
  language: en
quotes:
  q1: "Quote </script><script>window.__xss='quote'</script> <img src=x onerror=\\"window.__xss='quote-img'\\"> ' \\" end."
entities:
  - id: xss-co
    type: Company
    label: "<img src=x onerror=\\"window.__xss='label'\\">XSS Co"
    aliases: ["javascript:window.__xss='alias'"]
    description: "\\"><svg onload=\\"window.__xss='description'\\"></svg>"
    quote: q1
  - id: xss-person
    type: Person
    label: "O'Neil \\"Boss\\" </title><script>window.__xss='person'</script>"
    quote: q1
    posts:
      - organization: xss-co
        role: president
        title: "President <iframe src=\\"javascript:window.__xss='post'\\"></iframe>"
"""
