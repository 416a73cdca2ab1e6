"""Blank nodes on a remote store: skolem IRIs on the way out, blank nodes on the way back.

A blank node's label means something only inside one document, so a write split
into several SPARQL Update requests (``ECOKG_UPDATE_MAX_BYTES``) would turn one
node into as many fresh ones as requests it spans: an OWL restriction cut from its
list, an ontology with dangling nodes. Engines differ in how they scope labels
even inside one request. So :mod:`ecokg.graph.remote` never sends a blank node:
each becomes a skolem IRI (RDF 1.1 Concepts, section 3.5) under
:data:`~ecokg.namespaces.GENID`, named after its label, and query answers map
those IRIs back to blank nodes with the same label. Reading a node and writing it
back therefore names the same node, as with the embedded store (Oxigraph keeps
blank node labels), and an export from a remote store has the blank nodes an
embedded one has.

>>> skolem_label("N3f2a")
'N3f2a'
>>> deskolemised(skolemised(BNode("N3f2a"))) == BNode("N3f2a")
True
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Node

from ecokg.namespaces import GENID, bind_prefixes

PREFIX = str(GENID)
_PREFIX_BYTES = PREFIX.encode()
#: Labels that are written into the IRI as they are (rdflib's and Oxigraph's own are).
_SAFE = re.compile(r"[A-Za-z0-9_-]{1,100}")


def skolem_label(label: str) -> str:
    """The IRI path segment for a blank node label: the label itself, or a digest of it.

    Any label this gives is its own segment again, so the mapping round-trips.
    """
    if _SAFE.fullmatch(label):
        return label
    return "x" + hashlib.sha256(label.encode("utf-8")).hexdigest()[:40]


def skolemised(term: Node) -> Node:
    """``term``, a blank node replaced by its skolem IRI."""
    return URIRef(PREFIX + skolem_label(str(term))) if isinstance(term, BNode) else term


def n3(term: Node) -> str:
    """SPARQL syntax for an rdflib term, blank nodes as skolem IRIs."""
    if isinstance(term, BNode):
        return f"<{PREFIX}{skolem_label(str(term))}>"
    return term.n3()


def ox_text(term: Any) -> str:
    """SPARQL syntax for a pyoxigraph term, blank nodes as skolem IRIs."""
    if type(term) is ox.BlankNode:
        return f"<{PREFIX}{skolem_label(term.value)}>"
    return str(term)


def deskolemised(term: Any) -> Any:
    """``term``, a skolem IRI of ours replaced by the blank node it stands for."""
    if isinstance(term, URIRef) and term.startswith(PREFIX):
        return BNode(term[len(PREFIX):])
    return term


def deskolemise_result(result: Result, payload: bytes) -> Result:
    """``result`` (parsed from ``payload``) with our skolem IRIs back as blank nodes."""
    if _PREFIX_BYTES not in payload:
        return result  # the usual case: nothing to map, nothing to copy
    if result.type == "SELECT":
        result.bindings = [{k: deskolemised(v) for k, v in row.items()} for row in result.bindings]
    elif result.graph is not None:
        graph = Graph()
        bind_prefixes(graph.namespace_manager)
        for s, p, o in result.graph:
            graph.add((deskolemised(s), p, deskolemised(o)))
        result.graph = graph
    return result
