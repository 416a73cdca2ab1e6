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
from ecokg.graph.binding import bind_text, prefixed
from ecokg.graph.binding import with_values as with_values  # where the tests look for it
from ecokg.graph.dialects import normal_booleans, virtuoso_limit, virtuoso_text
from ecokg.graph.pnames import expand_dotted_names
from ecokg.graph.skolem import deskolemise_result, n3, ox_text
from ecokg.graph.sparqltext import Scan, scan
from ecokg.graph.store import Backend, Change
from ecokg.namespaces import (
    ANALYSIS_GRAPH,
    INFERRED_GRAPH,
    LEGACY_OWN_GRAPHS,
    ONTOLOGY_GRAPH,
    PREFIXES,
    bind_prefixes,
)
from ecokg.terms import QueryDataset

TOKEN_ENV = "ECOKG_ENDPOINT_TOKEN"
USER_ENV = "ECOKG_ENDPOINT_USER"
PASSWORD_ENV = "ECOKG_ENDPOINT_PASSWORD"
TIMEOUT_ENV = "ECOKG_ENDPOINT_TIMEOUT"
MAX_BYTES_ENV = "ECOKG_UPDATE_MAX_BYTES"

_RESULTS_ACCEPT = "application/sparql-results+json"
# Asked for graphs only: Virtuoso answers a CONSTRUCT as a table when a results type is acceptable.
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"
MAX_ROWS_ENV = "ECOKG_ENDPOINT_MAX_ROWS"
MAX_TRIPLES_ENV = "ECOKG_UPDATE_MAX_TRIPLES"
#: Virtuoso 7 compiles INSERT DATA to SQL and refuses past 10,000 lines of it (about
#: 2,000 triples); 500 a request is also where it writes fastest (about 1 ms a triple).
VIRTUOSO_MAX_TRIPLES = 500
#: Graphs Virtuoso itself writes (schemas, settings): not data, never shown.
VIRTUOSO_GRAPHS = ("http://www.openlinksw.com/", "http://localuriqaserver/", "http://www.w3.org/ns/ldp#",
                   "urn:activitystreams-owl:map", "virtrdf-label")
#: Virtuoso's ResultSetMaxRows when it does not say (virtuoso.ini, [SPARQL]).
VIRTUOSO_MAX_ROWS = 10_000

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
        #: The server's software (its ``Server`` header), and its row cap once it said it.
        self.engine = ""
        self.max_rows: int | None = None

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
            limit = virtuoso_limit(response.text) if "virtuoso" in response.headers.get("server", "").lower() else ""
            raise StoreError(
                f"the SPARQL endpoint {url} answered HTTP {response.status_code}: {limit}{response.text.strip()[:2000]}"
            )
        return response

    def query(
        self,
        text: str,
        bindings: dict[str, Identifier] | None = None,
        *,
        exclude_graphs: Sequence[URIRef] = (),
        dataset: QueryDataset | None = None,
    ) -> Result:
        """Run a query on the endpoint; ``exclude_graphs`` become ``default-graph-uri`` parameters,
        ``dataset`` (the query's ``FROM``) ``default-graph-uri`` and ``named-graph-uri`` ones.

        Skolem IRIs in the answer come back as the blank nodes they stand for.
        """
        return self._query(text, bindings, exclude_graphs=exclude_graphs, dataset=dataset, deskolemise=True)

    def _query(
        self,
        text: str,
        bindings: dict[str, Identifier] | None = None,
        *,
        exclude_graphs: Sequence[URIRef] = (),
        dataset: QueryDataset | None = None,
        deskolemise: bool = False,
    ) -> Result:
        found = scan(text, {p: str(ns) for p, ns in PREFIXES.items()})
        form = found.form if found.form in ("CONSTRUCT", "DESCRIBE", "ASK") else "SELECT"
        visible = self._visible_graphs() if deskolemise else None
        bound = bind_text(expand_dotted_names(text), bindings or {})
        if self._virtuoso():
            bound = virtuoso_text(bound)  # the same answer, in a text Virtuoso 7.2 reads as SPARQL does
        data: dict[str, Any] = {"query": prefixed(bound)}
        if dataset is None and (exclude_graphs or visible is not None):
            graphs = visible if visible is not None else self._all_graphs()
            excluded = {str(g) for g in exclude_graphs}
            dataset = QueryDataset(tuple(g for g in graphs if g not in excluded),
                                   None if visible is None else tuple(visible))
        if dataset is not None:
            # Sent as protocol parameters too: some servers (Oxigraph with a union default
            # graph) answer over the union whatever the query's FROM says.
            if dataset.default is not None:
                data["default-graph-uri"] = list(dataset.default)
            if dataset.named is not None:
                data["named-graph-uri"] = list(dataset.named)
        accept = _GRAPH_ACCEPT if form in ("CONSTRUCT", "DESCRIBE") else _RESULTS_ACCEPT
        response = self._post(self.endpoint, data, {"Accept": accept})
        result = self._parse(response, form)
        payload = response.content
        cap = self._cap(response, result)
        if cap is not None:
            result, payload = self._pages(bound, found, data, result, payload, cap)
        if self._virtuoso() and result.type == "SELECT":
            result.bindings = [{k: normal_booleans(v) for k, v in row.items()} for row in result.bindings]
        return deskolemise_result(result, payload) if deskolemise else result

    def _virtuoso(self) -> bool:
        return "virtuoso" in self.engine.lower()

    def _all_graphs(self) -> list[str]:
        # ``GRAPH ?g {}`` lists no graph on Virtuoso: ask for graphs that hold something.
        return [str(g) for (g,) in self._query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")]  # type: ignore[misc]

    def _visible_graphs(self) -> list[str] | None:
        """The graphs a query sees by default, when the server holds graphs of its own.

        Virtuoso keeps its schemas and settings as graphs (``virtrdf#``, ``ldp#``...) in
        the same default union: they are left out, naming the others explicitly, so that
        a remote store answers as the embedded one. None: every graph (other servers).
        """
        if not self.engine:
            self._query("ASK {}")  # which server this is: its Server header
        if "virtuoso" not in self.engine.lower():
            return None
        if "visible-graphs" not in self.memo:
            self.memo["visible-graphs"] = [g for g in self._all_graphs() if not g.startswith(VIRTUOSO_GRAPHS)]
        return list(self.memo["visible-graphs"])

    def _parse(self, response: httpx.Response, form: str) -> Result:
        self.engine = self.engine or response.headers.get("server", "")
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if kind in ("application/sparql-results+json", "application/json") and form in ("SELECT", "ASK"):
            return Result.parse(io.BytesIO(response.content), format="json")
        rdf_format = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle"}.get(kind)
        if rdf_format is None or form not in ("CONSTRUCT", "DESCRIBE"):
            raise StoreError(
                f"the SPARQL endpoint {self.endpoint} answered a {form} query with {kind or 'no content type'}"
            )
        graph = Graph()
        bind_prefixes(graph.namespace_manager)
        graph.parse(data=response.content, format=rdf_format)
        result = Result("CONSTRUCT")
        result.graph = graph
        return result

    def _cap(self, response: httpx.Response, result: Result) -> int | None:
        """The server's row cap if this answer reached it (then it may be cut), else None.

        Virtuoso says so in ``X-SPARQL-MaxRows`` whenever a table reaches its cap, so a table
        without it is whole (assuming its default cap instead sent every table of 10,000 rows
        or more to be read again in pages, past what Virtuoso sorts); for a graph it may not
        say it. Other servers may be declared with ``ECOKG_ENDPOINT_MAX_ROWS``.
        """
        said = response.headers.get("x-sparql-maxrows")
        if said and said.isdigit():
            self.max_rows = int(said)
            return self.max_rows
        declared = os.environ.get(MAX_ROWS_ENV)
        cap = int(declared) if declared else self.max_rows
        if not declared and self._virtuoso() and result.type == "SELECT":
            return None
        if cap is None and self._virtuoso():
            cap = VIRTUOSO_MAX_ROWS
        size = len(result.graph) if result.graph is not None else len(result.bindings) if result.type == "SELECT" else 0
        return cap if cap is not None and size >= cap else None

    def _pages(
        self, bound: str, found: Scan, data: dict[str, Any], first: Result, payload: bytes, cap: int,
    ) -> tuple[Result, bytes]:
        """A SELECT cut at the server's row cap read again page by page, in a fixed order."""
        if first.type != "SELECT" or {"LIMIT", "OFFSET", "VALUES"} & found.top:
            raise StoreError(
                f"the SPARQL endpoint {self.endpoint} ({self.engine or 'server'}) returned {cap} "
                f"{'triples' if first.type != 'SELECT' else 'rows'}, its row cap: the answer may be cut. "
                "Raise the cap (Virtuoso: ResultSetMaxRows in virtuoso.ini, [SPARQL]) or narrow the query"
            )
        order = "" if "ORDER" in found.top else " ORDER BY " + " ".join(f"?{v}" for v in first.vars or [])
        # The first answer had no fixed order: it is read again, page by page, in one.
        rows: list[Any] = []
        payloads, offset = [payload], 0
        while True:
            text = prefixed(f"{bound}{order} OFFSET {offset} LIMIT {cap}")
            try:
                page = self._post(self.endpoint, {**data, "query": text}, {"Accept": _RESULTS_ACCEPT})
            except StoreError as exc:
                if "SR353" not in str(exc):
                    raise
                # Pages are read in order, and Virtuoso sorts at most MaxSortedTopRows rows
                # (OFFSET + LIMIT): past them the rest cannot be read.
                raise StoreError(
                    f"the SPARQL endpoint {self.endpoint} ({self.engine}) cut an answer at {cap} rows "
                    f"(ResultSetMaxRows), and reading the rest in pages needs it to sort {offset + cap} rows, "
                    "more than its MaxSortedTopRows (virtuoso.ini: raise ResultSetMaxRows in [SPARQL] above "
                    "the answer's size, or MaxSortedTopRows in [Parameters] above it; or narrow the query). "
                    f"Virtuoso said: {str(exc)[str(exc).find('SR353'):].splitlines()[0]}"
                ) from exc
            part = Result.parse(io.BytesIO(page.content), format="json")
            rows += part.bindings
            payloads.append(page.content)
            if len(part.bindings) < cap:
                break
            offset += cap
        result = Result("SELECT")
        result.vars = first.vars
        result.bindings = rows
        return result, b"".join(payloads)

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
        triples = os.environ.get(MAX_TRIPLES_ENV)
        if not self.engine:
            self._query("ASK {}")  # which server this is: its Server header
        max_triples = int(triples) if triples else VIRTUOSO_MAX_TRIPLES if "virtuoso" in self.engine.lower() else None
        requests = list(update_requests(change, limit, owned=owned, sent=sent, max_triples=max_triples))
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
        self.forget()  # the graphs seen by default changed too
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
    max_triples: int | None = None,
) -> Iterator[str]:
    """The SPARQL Update request bodies for ``change``, each under ``limit`` bytes if possible.

    ``change.clear`` drops the ``owned`` graphs (never ``DROP ALL``: the server may hold
    graphs that are not ecokg's). ``sent``, if given, receives the number of triples
    written into each graph (``<iri>`` -> count), replaced graphs included. ``max_triples``
    bounds the triples of one request too (Virtuoso: :data:`VIRTUOSO_MAX_TRIPLES`).
    """
    dropped = [*(owned if change.clear else ()), *change.drop, *(name for name, _ in change.add)]
    operations = " ;\n".join(f"DROP SILENT GRAPH {g}" for g in dict.fromkeys(n3(d) for d in dropped))
    counts = sent if sent is not None else {}
    for name, _ in change.add:
        counts.setdefault(n3(name), 0)
    blocks: list[str] = []
    size = len(operations)
    graph, batch = "", list[str]()
    in_request = 0
    for target, statement in _statements(change):
        if batch and target != graph:
            blocks.append(_quads_block(graph, batch))
            batch = []
        graph = target
        batch.append(statement)
        counts[target] = counts.get(target, 0) + 1
        size += len(statement) + 3
        in_request += 1
        if size > limit or (max_triples is not None and in_request >= max_triples):
            blocks.append(_quads_block(graph, batch))
            yield _join(operations, blocks)
            operations, blocks, batch, size, in_request = "", [], [], 0, 0
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
