"""HTML documentation of the ecokg ontology, written by pyLODE (offline, CSS inlined)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node

from ecokg.errors import EcokgError
from ecokg.files import atomic_write_text
from ecokg.ontology import ontology_graph


def one_language(graph: Graph, lang: str) -> Graph:
    """A copy of ``graph`` whose text is in ``lang``: pyLODE prints every language of a label
    side by side ("missionmission"), so each (subject, property) keeps its ``lang`` literals,
    or its others where it has none in ``lang``."""
    out = Graph()
    texts: dict[tuple[Node, Node], list[tuple[str, Literal]]] = {}
    for s, p, o in graph:
        if isinstance(o, Literal) and o.language:
            texts.setdefault((s, p), []).append((o.language, o))
        else:
            out.add((s, p, o))
    # pyLODE takes a concept scheme for the ontology (its IRI and title in the header):
    # the schemes (roles, sectors, statuses) are documented by their concepts instead.
    for scheme in list(out.subjects(RDF.type, SKOS.ConceptScheme)):
        out.remove((scheme, None, None))
        texts = {key: values for key, values in texts.items() if key[0] != scheme}
    for (subject, predicate), values in texts.items():
        chosen = [o for language, o in values if language == lang] or [o for _, o in values]
        for literal in chosen:
            out.add((subject, predicate, literal))
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace, override=True)
    return out


def write_ontology_docs(directory: str | Path, lang: str = "en") -> Path:
    """Write ``DIRECTORY/index.html`` documenting every class and property in ``lang``
    (``en`` or ``fr``); return its path.

    >>> write_ontology_docs("site/ontology", lang="fr")            # doctest: +SKIP
    PosixPath('site/ontology/index.html')
    """
    try:
        from pylode import OntPub
    except (ImportError, OSError) as exc:  # pylode 3.4.1 fails on import (see pyproject.toml)
        raise EcokgError(f"pyLODE is not usable ({exc}); install ecokg[docs]") from exc
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    graph = one_language(ontology_graph(), lang)  # a copy, too: pyLODE adds to the graph it is given
    target = out / "index.html"
    # pyLODE returns the page when given no destination: written all at once, never half of it.
    atomic_write_text(target, OntPub(ontology=graph).make_html(include_css=True))
    return target
