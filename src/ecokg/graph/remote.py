"""A store behind a SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso...).

Reads are SPARQL 1.1 Protocol requests; writes are SPARQL 1.1 Update requests.
The server must answer queries over the *union* of its named graphs by default
(Oxigraph: ``oxigraph serve --union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph
true``; GraphDB and Virtuoso do it by default), as the embedded store does.

Credentials come from the environment, never from the command line:
``ECOKG_ENDPOINT_TOKEN`` (sent as ``Authorization: Bearer ...``) or
``ECOKG_ENDPOINT_USER`` and ``ECOKG_ENDPOINT_PASSWORD`` (HTTP basic auth).

Atomicity: a commit is sent as *one* SPARQL Update request (``DROP``, then one
``INSERT DATA`` with a ``GRAPH`` block per graph) while it is smaller than
``ECOKG_UPDATE_MAX_BYTES`` (default 64 MB). Servers that run an update request in
one transaction (Oxigraph, Fuseki/TDB2, GraphDB) then apply all of it or none of
it. A larger commit is split into several requests, sent in order; if one of them
fails the graph is left part-way and the error says so: run the build again.

The server may hold graphs that are not ecokg's: a build replaces only ecokg's own
graphs (the source graphs that describe themselves, ``?g ek:loader ?l`` inside
``?g``, and the ontology, inferred and analysis graphs), one ``DROP SILENT GRAPH``
each, never ``DROP ALL``. Blank nodes are sent as skolem IRIs, so a split write
keeps them whole (:mod:`ecokg.graph.skolem`). After a write, the triples of every
graph it wrote are counted on the server (one query) and compared with what was
sent; a difference is a :class:`~ecokg.errors.StoreError` naming the graphs.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Sequence
from typing import Any

import httpx
import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from ecokg.errors import QueryError, StoreError
from ecokg.graph.skolem import deskolemise_result, n3, ox_text, skolemised
from ecokg.graph.sparqltext import matching, tokens
from ecokg.graph.store import Backend, Change
from ecokg.namespaces import (
    ANALYSIS_GRAPH,
    INFERRED_GRAPH,
    LEGACY_OWN_GRAPHS,
    ONTOLOGY_GRAPH,
    PREFIXES,
    bind_prefixes,
)

TOKEN_ENV = "ECOKG_ENDPOINT_TOKEN"
USER_ENV = "ECOKG_ENDPOINT_USER"
PASSWORD_ENV = "ECOKG_ENDPOINT_PASSWORD"
TIMEOUT_ENV = "ECOKG_ENDPOINT_TIMEOUT"
MAX_BYTES_ENV = "ECOKG_UPDATE_MAX_BYTES"

_RESULTS_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"

#: ecokg's own graphs, whatever they hold (and their names before issue 22, on older servers).
OWN_GRAPHS = (ONTOLOGY_GRAPH, INFERRED_GRAPH, ANALYSIS_GRAPH, *LEGACY_OWN_GRAPHS)
#: Source graphs written by ecokg: each describes itself (docs/architecture.md, "Provenance").
SOURCE_GRAPHS_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g ek:loader ?loader } }"


def _credentials() -> tuple[dict[str, str], tuple[str, str] | None]:
    """HTTP headers and basic-auth pair from the environment."""
    token = os.environ.get(TOKEN_ENV)
    if token:
        return {"Authorization": f"Bearer {token}"}, None
    user = os.environ.get(USER_ENV)
    if user:
        return {}, (user, os.environ.get(PASSWORD_ENV, ""))
    return {}, None


# --- binding values into a query ---------------------------------------------
# initBindings on a remote store become VALUES blocks. rdflib's SPARQLStore appends one
# after the query, which joins *after* projection and grouping (a bound variable used
# in a FILTER or a UNION branch is then unbound where it matters). We join the one-row
# block into every group pattern instead, which binds it wherever the query uses it.


def with_values(text: str, bindings: dict[str, Identifier]) -> str:
    """``text`` with a one-row VALUES block for ``bindings`` at the start of every group.

    Joining the same single row into every group pattern binds the variables
    everywhere, as the embedded engine's substitution does (a FILTER in a UNION
    branch sees them too). CONSTRUCT templates, VALUES data blocks and groups
    that hold a sub-select are left alone.

    >>> with_values("SELECT ?n WHERE { ?x ek:name ?n }", {"x": URIRef("urn:a")})
    'SELECT ?n WHERE { VALUES (?x) { (<urn:a>) } ?x ek:name ?n }'
    """
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    # RDF term serialisation; a blank node read from the store is its skolem IRI there.
    values = " ".join(skolemised(value).n3() for value in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }}"
    toks = list(tokens(text))
    inserts: list[int] = []
    k = 0
    while k < len(toks):
        offset, tok = toks[k]
        upper = tok.upper()
        following = toks[k + 1][1] if k + 1 < len(toks) else ""
        if upper == "CONSTRUCT" and following.upper() == "WHERE":
            raise QueryError("cannot bind parameters in a short CONSTRUCT WHERE query; write the template out")
        if (upper == "CONSTRUCT" and following == "{") or upper == "VALUES":
            # Skip the template, or the data block: neither is a group pattern.
            opening = next((j for j in range(k + 1, len(toks)) if toks[j][1] == "{"), None)
            if opening is None:
                break
            k = matching(toks, opening) + 1
            continue
        if tok == "{" and following.upper() != "SELECT":
            inserts.append(offset + 1)
        k += 1
    if not inserts:
        raise QueryError("cannot bind parameters: the query has no group pattern")
    parts, last = [], 0
    for at in inserts:
        parts += [text[last:at], block]
        last = at
    parts.append(text[last:])
    return "".join(parts)


def prefixed(text: str) -> str:
    """``text`` preceded by ecokg's PREFIX declarations (the query's own ones win)."""
    head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    return head + text


# --- the backend ----------------------------------------------------------------


class RemoteBackend(Backend):
    """A store behind SPARQL 1.1 query and update endpoints."""

    def __init__(self, endpoint: str, update_endpoint: str | None = None) -> None:
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or endpoint
        self.description = endpoint
        headers, auth = _credentials()
        timeout = float(os.environ.get(TIMEOUT_ENV, "120"))
        self._client = httpx.Client(
            headers=headers, auth=auth, timeout=timeout, follow_redirects=False, trust_env=False
        )
        self._dataset: Dataset | None = None

    def close(self) -> None:
        self._client.close()
        if self._dataset is not None:
            self._dataset.close()
            self._dataset = None

    def dataset(self) -> Dataset:
        """An rdflib ``Dataset`` over the endpoints (rdflib's ``SPARQLUpdateStore``).

        It sees the server as stored: blank nodes ecokg wrote are skolem IRIs there
        (:meth:`query` maps them back), and blank nodes it adds are fresh per request.
        """
        if self._dataset is None:
            from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

            headers, auth = _credentials()
            store = SPARQLUpdateStore(
                self.endpoint, self.update_endpoint, auth=auth, headers=headers,
                method="POST", returnFormat="json",
            )
            self._dataset = Dataset(store=store, default_union=True)
            bind_prefixes(self._dataset.namespace_manager)
        return self._dataset

    def _post(self, url: str, data: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
        try:
            response = self._client.post(url, data=data, headers=headers)
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL endpoint {url}: {exc}") from exc
        if response.status_code in (401, 403):
            raise StoreError(
                f"the SPARQL endpoint {url} refused the credentials (HTTP {response.status_code}); "
                f"set {TOKEN_ENV}, or {USER_ENV} and {PASSWORD_ENV}"
            )
        if response.status_code == 400:
            raise QueryError(f"the SPARQL endpoint {url} rejected the request: {response.text.strip()[:2000]}")
        if response.status_code >= 300:
            raise StoreError(
                f"the SPARQL endpoint {url} answered HTTP {response.status_code}: {response.text.strip()[:2000]}"
            )
        return response

    def query(
        self,
        text: str,
        bindings: dict[str, Identifier] | None = None,
        *,
        exclude_graphs: Sequence[URIRef] = (),
    ) -> Result:
        """Run a query on the endpoint; ``exclude_graphs`` become ``default-graph-uri`` parameters.

        Skolem IRIs in the answer come back as the blank nodes they stand for.
        """
        return self._query(text, bindings, exclude_graphs=exclude_graphs, deskolemise=True)

    def _query(
        self,
        text: str,
        bindings: dict[str, Identifier] | None = None,
        *,
        exclude_graphs: Sequence[URIRef] = (),
        deskolemise: bool = False,
    ) -> Result:
        data: dict[str, Any] = {"query": prefixed(with_values(text, bindings or {}))}
        if exclude_graphs:
            excluded = set(exclude_graphs)
            graphs = [g for (g,) in self._query("SELECT DISTINCT ?g WHERE { GRAPH ?g {} }") if g not in excluded]  # type: ignore[misc]
            data["default-graph-uri"] = [str(g) for g in graphs]
        response = self._post(self.endpoint, data, {"Accept": _RESULTS_ACCEPT})
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if kind in ("application/sparql-results+json", "application/json"):
            result = Result.parse(io.BytesIO(response.content), format="json")
        else:
            rdf_format = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle"}.get(kind)
            if rdf_format is None:
                raise StoreError(f"the SPARQL endpoint {self.endpoint} answered with unexpected content {kind!r}")
            graph = Graph()
            bind_prefixes(graph.namespace_manager)
            graph.parse(data=response.content, format=rdf_format)
            result = Result("CONSTRUCT")
            result.graph = graph
        return deskolemise_result(result, response.content) if deskolemise else result

    def owned_graphs(self) -> list[URIRef]:
        """The graphs on the server that are ecokg's: those a build replaces.

        Source graphs carry their own description (``ekg:D ek:loader "..."`` inside
        ``ekg:D``); ecokg's own graphs have fixed names. Graphs written by other
        tools have neither, and a build leaves them alone.
        """
        found = [g for (g,) in self._query(SOURCE_GRAPHS_QUERY) if isinstance(g, URIRef)]  # type: ignore[misc]
        return list(dict.fromkeys([*OWN_GRAPHS, *found]))

    def commit(self, change: Change) -> None:
        """Apply ``change`` with as few SPARQL Update requests as the size limit allows,
        then check that the server holds, graph by graph, as many triples as were sent."""
        self.forget()
        limit = int(os.environ.get(MAX_BYTES_ENV, str(64 * 1024 * 1024)))
        owned = self.owned_graphs() if change.clear else []
        sent: dict[str, int] = {}
        requests = list(update_requests(change, limit, owned=owned, sent=sent))
        for number, body in enumerate(requests, 1):
            try:
                self._post(
                    self.update_endpoint, {"update": body},
                    {"Accept": "*/*"},
                )
            except (StoreError, QueryError) as exc:
                state = (
                    "nothing was changed" if number == 1
                    else f"requests 1-{number - 1} of {len(requests)} were applied: the remote graph is incomplete, build again"
                )
                raise StoreError(f"{exc} ({state})") from exc
        if change.update is None:
            # A caller's own update may change any graph: there is nothing to compare it with.
            self.check_counts({**{n3(g): 0 for g in [*change.drop, *owned]}, **sent}, len(requests))

    def check_counts(self, expected: dict[str, int], requests: int = 1) -> None:
        """Raise :class:`StoreError` unless each graph (``<iri>`` -> triples) holds that many."""
        named = sorted(g for g in expected if g.startswith("<"))
        if not named:
            return
        text = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {' '.join(named)} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
        held = {n3(g): int(n) for g, n in self._query(text)}  # type: ignore[misc]
        wrong = [f"{g} holds {held.get(g, 0)} triples, {expected[g]} were sent"
                 for g in named if held.get(g, 0) != expected[g]]
        if wrong:
            shown = "; ".join(wrong[:10]) + (f"; and {len(wrong) - 10} more graphs" if len(wrong) > 10 else "")
            raise StoreError(
                f"the SPARQL endpoint {self.update_endpoint} accepted the write ({requests} request(s)) "
                f"but does not hold what was sent: {shown}. The remote graph is not the one built: "
                "build again (another writer at the same time?), or check the server"
            )


def _statements(change: Change) -> Iterator[tuple[str, str]]:
    """(graph, "s p o") for every triple to add, in SPARQL term syntax.

    rdflib terms are written with ``n3()``; pyoxigraph quads with their N-Triples
    form, which SPARQL reads as well. Both escape what needs escaping. Blank nodes
    become skolem IRIs (:mod:`ecokg.graph.skolem`): a label would name a fresh node
    in every request of a split write.
    """
    for name, graph in change.add:
        g = n3(name)
        for s, p, o in graph:
            yield g, f"{n3(s)} {p.n3()} {n3(o)}"
    for quad in change.quads:
        g = "" if type(quad.graph_name) is ox.DefaultGraph else ox_text(quad.graph_name)
        yield g, f"{ox_text(quad.subject)} {quad.predicate} {ox_text(quad.object)}"


def _quads_block(graph: str, triples: list[str]) -> str:
    lines = " .\n".join(triples)
    return f"GRAPH {graph} {{\n{lines} }}\n" if graph else f"{lines} .\n"


def update_requests(
    change: Change, limit: int, *, owned: Sequence[URIRef] = (), sent: dict[str, int] | None = None,
) -> Iterator[str]:
    """The SPARQL Update request bodies for ``change``, each under ``limit`` bytes if possible.

    ``change.clear`` drops the ``owned`` graphs (never ``DROP ALL``: the server may hold
    graphs that are not ecokg's). ``sent``, if given, receives the number of triples
    written into each graph (``<iri>`` -> count), replaced graphs included.
    """
    dropped = [*(owned if change.clear else ()), *change.drop, *(name for name, _ in change.add)]
    operations = " ;\n".join(f"DROP SILENT GRAPH {g}" for g in dict.fromkeys(n3(d) for d in dropped))
    counts = sent if sent is not None else {}
    for name, _ in change.add:
        counts.setdefault(n3(name), 0)
    blocks: list[str] = []
    size = len(operations)
    graph, batch = "", list[str]()
    for target, statement in _statements(change):
        if batch and target != graph:
            blocks.append(_quads_block(graph, batch))
            batch = []
        graph = target
        batch.append(statement)
        counts[target] = counts.get(target, 0) + 1
        size += len(statement) + 3
        if size > limit:
            blocks.append(_quads_block(graph, batch))
            yield _join(operations, blocks)
            operations, blocks, batch, size = "", [], [], 0
    if batch:
        blocks.append(_quads_block(graph, batch))
    if change.update:
        # A caller's own SPARQL Update (``ecokg serve --allow-update``), last, in the same request.
        yield _join(operations, blocks, change.update)
    elif operations or blocks:
        yield _join(operations, blocks)


def _join(operations: str, blocks: list[str], update: str = "") -> str:
    # One INSERT DATA for all graphs: blank node labels are then shared within the request.
    insert = "INSERT DATA {\n" + "".join(blocks) + "}" if blocks else ""
    body = " ;\n".join(part for part in (operations, insert) if part)
    if update:
        # SPARQL allows a prologue before each operation of a request, so ecokg's prefixes go here.
        update = prefixed(update)
        return f"{body} ;\n{update}" if body else update
    return body
