"""Stores for the audience tests: the seed plus confidential facts naming markers.

The note (``data/prospects.yaml``, ``sensitivity: confidential``) names a prospect,
*Zorblaxia Biologics*, and its contact: the marker ``zorblaxia`` must never reach the
public audience, in any output. ``data/mission-notes.yaml`` is public but for one entry
marked ``sensitivity: confidential``, the lead *Quibblefax Therapeutics*, which a public
meeting of the same file mentions: the marker ``quibblefax`` must not reach it either.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ecokg import KnowledgeGraph
from ecokg.graph.reasoner import before_commit
from ecokg.loaders import seed_sources

HERE = Path(__file__).parent
PROSPECTS = HERE / "data" / "prospects.yaml"
MARKER = "zorblaxia"
#: An otherwise public file with a confidential entry, and that file without it.
NOTES = HERE / "data" / "mission-notes.yaml"
NOTES_PUBLIC = HERE / "data" / "mission-notes-public.yaml"
FACT_MARKER = "quibblefax"
MARKERS = (MARKER, FACT_MARKER)


@pytest.fixture(scope="session")
def mixed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed, the confidential prospects and the mission notes, reasoned (so inferences
    name the prospect and the lead).

    Session-wide and read-only: do not write to it."""
    path = tmp_path_factory.mktemp("mixed") / "store"
    with KnowledgeGraph.open(path) as kg:
        kg.build([*seed_sources(), PROSPECTS, NOTES], before_commit=before_commit())
    return path


@pytest.fixture(scope="session")
def public_only_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed and the public part of the notes, reasoned: what the public audience of
    ``mixed_store`` must match."""
    path = tmp_path_factory.mktemp("public-only") / "store"
    with KnowledgeGraph.open(path) as kg:
        kg.build([*seed_sources(), NOTES_PUBLIC], before_commit=before_commit())
    return path


# --- a real ecokg serve on loopback ---------------------------------------------

TOKENS = {"internal": "internal-token-7c1d", "all": "team-token-93ab"}


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def audience_server(tmp_path_factory: pytest.TempPathFactory, mixed_store: Path) -> Iterator[str]:
    """``ecokg serve --tokens FILE`` on the mixed store; yields its URL."""
    import os
    import subprocess
    import sys
    import time

    import httpx

    from ecokg.server.audience import token_digest

    folder = tmp_path_factory.mktemp("serve")
    tokens = folder / "tokens"
    tokens.write_text("# audience  sha256\n" + "".join(f"{a} {token_digest(t)}\n" for a, t in TOKENS.items()))
    port = free_port()
    log = folder / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "ecokg", "serve", "--store", str(mixed_store), "--port", str(port),
             "--tokens", str(tokens), "--workers", "1", "--timeout", "60"],
            stdout=out, stderr=subprocess.STDOUT, env=dict(os.environ),
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=2).status_code < 500:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
