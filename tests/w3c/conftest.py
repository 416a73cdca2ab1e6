"""The W3C SPARQL 1.1 test suites (tests/data/w3c, W3C licence beside them) against ``ecokg serve``.

One ``ecokg serve --allow-update`` on an empty store in tmp_path serves every test of a
session; each test loads its own data first (``DROP ALL`` then ``INSERT DATA``, with the
token), so tests do not depend on each other's order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import Namespace

from ecokg import KnowledgeGraph
from ecokg.graph.store import Change
from server.conftest import TOKEN, Server, start_ecokg, stop

SUITES = Path(__file__).parent.parent / "data" / "w3c" / "sparql11"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
AUTH = {"Authorization": f"Bearer {TOKEN}"}
#: The graph holding a result-format test's data (ecokg's default graph is the union of named graphs).
DATA_GRAPH = "urn:x-w3c:data"


def manifest(folder: str) -> tuple[Graph, list[URIRef]]:
    """A suite's manifest and its entries, in order."""
    graph = Graph().parse(SUITES / folder / "manifest.ttl", format="turtle")
    (head,) = graph.objects(None, MF.entries)
    return graph, [URIRef(e) for e in Collection(graph, head)]  # type: ignore[arg-type]


def local(iri: object) -> Path:
    """The file a manifest's IRI names (rdflib resolved it against the manifest's path)."""
    return Path(str(iri).removeprefix("file://"))


def load(server: Server, graphs: dict[str, Path]) -> None:
    """Replace everything the server holds by ``graphs`` (name -> Turtle/N-Triples file)."""
    blocks = []
    for name, path in graphs.items():
        fmt = ox.RdfFormat.N_TRIPLES if path.suffix == ".nt" else ox.RdfFormat.TURTLE
        triples = " .\n".join(str(t) for t in ox.parse(path=path, format=fmt))
        blocks.append(f"GRAPH <{name}> {{ {triples} }}")
    update = "DROP ALL" + (f" ;\nINSERT DATA {{ {' '.join(blocks)} }}" if blocks else "")
    response = httpx.post(server.sparql, data={"update": update}, headers=AUTH, timeout=60)
    assert response.status_code == 204, response.text


@pytest.fixture(scope="session")
def w3c_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``ecokg serve --allow-update`` on an empty store (token ``TOKEN``)."""
    folder = tmp_path_factory.mktemp("w3c")
    store = folder / "store"
    with KnowledgeGraph.open(store) as kg:
        kg.backend.commit(Change())
    # Two workers, as `ecokg serve` runs by default: back-to-back updates land on either
    # (the race they once met is tests/reliability/test_concurrent_updates.py).
    process, server = start_ecokg(
        folder, store, "--allow-update", "--timeout", "30", "--workers", "2", env={"ECOKG_SERVER_TOKEN": TOKEN}
    )
    try:
        yield server
    finally:
        stop(process)
