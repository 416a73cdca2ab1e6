"""Every vocabulary ecokg speaks, named once.

Other modules import terms from here rather than writing IRIs, so that a
namespace change is a one-line edit and a typo is an ``AttributeError``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
    NamespaceManager,
)

#: The ecokg ontology (classes and properties).
EK = Namespace("https://w3id.org/ecokg/ontology#")
#: Entities of the knowledge graph (people, organisations, places, events...).
EKR = Namespace("https://w3id.org/ecokg/id/")
#: Sectors (a SKOS concept scheme shipped in ``ontology/sectors.ttl``).
EKS = Namespace("https://w3id.org/ecokg/sector/")
#: Statuses of events, agreements, visits and site plans (a SKOS scheme in ``ontology/statuses.ttl``).
EKST = Namespace("https://w3id.org/ecokg/status/")
#: ecokg's SHACL shapes (``ontology/shapes.ttl``) and their annotations.
EKSH = Namespace("https://w3id.org/ecokg/shapes#")
#: Named graphs of source documents, one each: ``ekg:<doc-id>`` (a doc id never holds a ``/``).
EKG = Namespace("https://w3id.org/ecokg/graph/")
#: ecokg's own graphs (ontology, inferred, analysis), under ``ekg:ecokg/``: a ``/`` no doc id
#: holds, so no input file or ``document.id`` can name one of them (issue 22).
EKGS = Namespace("https://w3id.org/ecokg/graph/ecokg/")
#: Source documents and their excerpts (sentences, rows).
EKD = Namespace("https://w3id.org/ecokg/doc/")
#: Sensitivity levels of sources (a SKOS scheme in ``ontology/ecokg.ttl``): who may see a
#: graph (``eksens:public``, ``internal``, ``confidential``, ``personal``; docs/audiences.md).
EKSENS = Namespace("https://w3id.org/ecokg/sensitivity/")
#: Skolem IRIs (RDF 1.1, section 3.5): the blank nodes ecokg writes to a remote store, named
#: so that a write split into several requests keeps them whole (ecokg.graph.skolem).
GENID = Namespace("https://w3id.org/ecokg/.well-known/genid/")
#: SWRL, in which the ontology writes its DL-safe rules (the OWL 2 RL engine applies them too).
SWRL = Namespace("http://www.w3.org/2003/11/swrl#")

SCHEMA = SDO

#: Graph holding the ontology, shapes-free, plus the sector scheme.
ONTOLOGY_GRAPH = EKGS["ontology"]
#: Graph holding what the OWL reasoner inferred.
INFERRED_GRAPH = EKGS["inferred"]
#: Graph holding network-analysis scores.
ANALYSIS_GRAPH = EKGS["analysis"]
#: The names these graphs had before issue 22 (``ekg:ontology`` ...), which a document
#: could take: older exports and stores still hold them (restores and loads accept them).
LEGACY_OWN_GRAPHS = (EKG["ontology"], EKG["inferred"], EKG["analysis"])


def source_graph(doc_id: str) -> URIRef:
    """The named graph of the source document ``doc_id`` (``ValueError`` if it holds a ``/``,
    ``#`` or ``?``, which would put it among ecokg's own graphs or outside ``ekg:``)."""
    if not doc_id or any(c in doc_id for c in "/#?"):
        raise ValueError(f"not a document id: {doc_id!r}")
    return EKG[doc_id]


def is_source_graph(name: str) -> bool:
    """Whether ``name`` (an IRI) could be a source document's graph, ``ekg:<doc-id>``, or the
    graph of its facts stricter than itself, ``ekg:<doc-id>#<level>`` (:func:`companion_graph`)."""
    rest = name.removeprefix(str(EKG))
    doc, _, level = rest.partition("#")
    return rest != name and bool(doc) and not any(c in doc for c in "/?") and (level.isalpha() or "#" not in rest)


def companion_graph(source: URIRef | str, level: str) -> URIRef:
    """The graph of the facts of source graph ``source`` that a curated file or a mapping marks
    stricter than the source itself: ``ekg:<doc-id>#confidential`` (a ``#`` no doc id holds,
    so no document can take its name; docs/audiences.md)."""
    if not is_source_graph(str(source)) or "#" in str(source) or not level.isalpha():
        raise ValueError(f"no companion graph of {source!r} at {level!r}")
    return URIRef(f"{source}#{level}")


def parent_source(name: URIRef | str) -> URIRef | None:
    """The source graph a companion graph belongs to (None: ``name`` is not a companion)."""
    text = str(name)
    return URIRef(text.partition("#")[0]) if "#" in text and is_source_graph(text) else None


PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "ek": EK,
    "ekr": EKR,
    "eks": EKS,
    "ekst": EKST,
    "ekg": EKG,
    "ekgs": EKGS,
    "ekd": EKD,
    "eksens": EKSENS,
    "org": ORG,
    "schema": SCHEMA,
    "foaf": FOAF,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "time": TIME,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
}


def bind_prefixes(manager: NamespaceManager) -> None:
    """Bind every ecokg prefix on ``manager`` (overriding rdflib's defaults)."""
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace, override=True, replace=True)


__all__ = [
    "ANALYSIS_GRAPH",
    "DCTERMS",
    "EK",
    "EKD",
    "EKG",
    "EKGS",
    "EKR",
    "EKS",
    "EKSENS",
    "EKST",
    "FOAF",
    "GENID",
    "INFERRED_GRAPH",
    "LEGACY_OWN_GRAPHS",
    "ONTOLOGY_GRAPH",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "SWRL",
    "TIME",
    "XSD",
    "bind_prefixes",
    "companion_graph",
    "is_source_graph",
    "parent_source",
    "source_graph",
]
