"""Every vocabulary ecokg speaks, named once.

Other modules import terms from here rather than writing IRIs, so that a
namespace change is a one-line edit and a typo is an ``AttributeError``.
"""

from __future__ import annotations

from rdflib import Namespace
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
#: Named graphs: one per source document, plus ``ontology``, ``inferred`` and ``analysis``.
EKG = Namespace("https://w3id.org/ecokg/graph/")
#: Source documents and their excerpts (sentences, rows).
EKD = Namespace("https://w3id.org/ecokg/doc/")

SCHEMA = SDO

#: Graph holding the ontology, shapes-free, plus the sector scheme.
ONTOLOGY_GRAPH = EKG["ontology"]
#: Graph holding what the OWL reasoner inferred.
INFERRED_GRAPH = EKG["inferred"]
#: Graph holding network-analysis scores.
ANALYSIS_GRAPH = EKG["analysis"]

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "ek": EK,
    "ekr": EKR,
    "eks": EKS,
    "ekg": EKG,
    "ekd": EKD,
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
    "EKR",
    "EKS",
    "FOAF",
    "INFERRED_GRAPH",
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
    "TIME",
    "XSD",
    "bind_prefixes",
]
