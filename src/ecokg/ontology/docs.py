"""HTML documentation of the ecokg ontology, written by pyLODE (offline, CSS inlined)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ecokg.errors import EcokgError
from ecokg.files import atomic_write_text
from ecokg.ontology import ontology_graph


def write_ontology_docs(directory: str | Path) -> Path:
    """Write ``DIRECTORY/index.html`` documenting every class and property; return its path.

    >>> write_ontology_docs("site/ontology")            # doctest: +SKIP
    PosixPath('site/ontology/index.html')
    """
    try:
        from pylode import OntPub
    except (ImportError, OSError) as exc:  # pylode 3.4.1 fails on import (see pyproject.toml)
        raise EcokgError(f"pyLODE is not usable ({exc}); install ecokg[docs]") from exc
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    graph = Graph()
    graph += ontology_graph()  # pyLODE adds triples to the graph it is given: pass a copy
    target = out / "index.html"
    # pyLODE returns the page when given no destination: written all at once, never half of it.
    atomic_write_text(target, OntPub(ontology=graph).make_html(include_css=True))
    return target
