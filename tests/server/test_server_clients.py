"""sparql-http-client (JavaScript, the RDF/JS ecosystem's usual client) against ``ecokg serve``.

It runs in Node.js from tests/clients (``make test`` installs it there with ``npm ci``),
with its default settings: GET, JSON results, N-Triples/Turtle graphs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from ecokg import KnowledgeGraph

from .conftest import Server

CLIENTS = Path(__file__).parent.parent / "clients"
SELECT = "SELECT ?p WHERE { ?p a ek:Person } ORDER BY ?p"
ASK = "ASK { ekr:gilson ?p ?o }"
CONSTRUCT = "CONSTRUCT { ekr:gilson ?p ?o } WHERE { ekr:gilson ?p ?o }"
DESCRIBE = "DESCRIBE ekr:gilson"


def test_sparql_http_client_runs_every_form(ecokg_server: Server, seed_kg: KnowledgeGraph) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed (scripts/ensure-sysdeps.sh installs it)"
    assert (CLIENTS / "node_modules" / "sparql-http-client").is_dir(), "run: npm ci --prefix tests/clients"
    done = subprocess.run(
        [node, str(CLIENTS / "sparql-http-client.mjs"), ecokg_server.sparql, SELECT, ASK, CONSTRUCT, DESCRIBE],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got["select"] == [{"p": str(p)} for (p,) in seed_kg.select(SELECT)]
    assert got["ask"] is True
    graph = seed_kg.sparql(CONSTRUCT).graph
    assert graph is not None
    expected = sorted([str(s), str(p), str(o)] for s, p, o in graph)
    assert got["construct"] == expected and len(expected) > 5
    assert got["describe"] == expected
