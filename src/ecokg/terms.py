"""Terms and queries between rdflib and pyoxigraph (the store's engine)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Identifier, Node, Variable

from ecokg.namespaces import bind_prefixes


def to_ox(term: Node) -> Any:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}")


def from_ox(term: Any) -> Node:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported term {term!r}")


def graph_quads(graph: Graph, name: URIRef) -> Iterator[Any]:
    """The triples of ``graph`` as pyoxigraph quads in graph ``name``."""
    g = ox.NamedNode(str(name))
    for s, p, o in graph:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), g)


@dataclass(frozen=True)
class QueryDataset:
    """The RDF dataset a query runs on (SPARQL 1.1 Query, 13.2; Protocol, 2.1.4).

    Given by the query's ``FROM`` / ``FROM NAMED`` or by the protocol's
    ``default-graph-uri`` / ``named-graph-uri``. ``default`` None means the union of the
    named graphs (ecokg's default); ``named`` None means every named graph.
    """

    default: tuple[str, ...] | None = None
    named: tuple[str, ...] | None = None


def dataset_options(
    store: Any, dataset: QueryDataset | None = None, exclude_graphs: Sequence[URIRef] = ()
) -> dict[str, Any]:
    """pyoxigraph ``Store.query`` options for ``dataset`` (they override a query's own ``FROM``)."""
    options: dict[str, Any] = {}
    if dataset is not None and dataset.default is not None:
        options["default_graph"] = [ox.NamedNode(g) for g in dataset.default]
    elif exclude_graphs:
        excluded = {str(g) for g in exclude_graphs}
        options["default_graph"] = [g for g in store.named_graphs() if g.value not in excluded]
    else:
        options["use_default_graph_as_union"] = True
    if dataset is not None and dataset.named is not None:
        options["named_graphs"] = [ox.NamedNode(g) for g in dataset.named]
    return options


def oxigraph_query(
    store: Any,
    text: str,
    bindings: dict[str, Identifier] | None = None,
    *,
    exclude_graphs: Sequence[URIRef] = (),
    dataset: QueryDataset | None = None,
) -> Result:
    """Run ``text`` on a pyoxigraph store; results as an rdflib ``Result``.

    The default graph is the union of all named graphs, or of all but
    ``exclude_graphs`` (e.g. without inferences), unless ``dataset`` names the
    graphs (the query's ``FROM``, which the caller reads: see
    :func:`ecokg.graph.sparqltext.scan`). Results stream lazily.
    """
    from ecokg.namespaces import PREFIXES

    raw = store.query(
        text,
        prefixes={k: str(v) for k, v in PREFIXES.items()},
        substitutions={ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()},
        **dataset_options(store, dataset, exclude_graphs),
    )
    if isinstance(raw, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(raw)
    elif isinstance(raw, ox.QuerySolutions):
        out = Result("SELECT")
        out.vars = [Variable(v.value) for v in raw.variables]
        names = out.vars
        out.bindings = (
            {v: from_ox(val) for v, val in zip(names, solution, strict=True) if val is not None}  # type: ignore[misc]
            for solution in raw
        )
    else:
        out = Result("CONSTRUCT")
        graph = Graph()
        bind_prefixes(graph.namespace_manager)
        for triple in raw:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        out.graph = graph
    return out


def oxigraph_dataset(store: Any) -> Dataset:
    """An rdflib ``Dataset`` (union default graph) over a pyoxigraph store."""
    from oxrdflib import OxigraphStore

    dataset = Dataset(store=OxigraphStore(store=store), default_union=True)
    bind_prefixes(dataset.namespace_manager)
    return dataset
