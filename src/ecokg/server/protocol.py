"""The SPARQL 1.1 Protocol's rules for ``ecokg serve``: checks, datasets, negotiation.

- Oxigraph is the parser of record: what it accepts is accepted. Before a text
  reaches it, a token scan (:func:`ecokg.graph.sparqltext.scan`) refuses
  ``SERVICE`` and, in updates, ``LOAD``: the engine can fetch URLs, this server
  never lets it.
- The dataset of a request (:func:`requested_dataset`): the protocol's
  ``default-graph-uri`` / ``named-graph-uri`` if given, else the query's ``FROM`` /
  ``FROM NAMED``, else ecokg's default, the union of the named graphs.
- Updates: ``using-graph-uri`` / ``using-named-graph-uri`` become ``USING`` clauses
  (:func:`update_with_dataset`); relative IRIs resolve against the endpoint's URL.
"""

from __future__ import annotations

from ecokg.errors import QueryError
from ecokg.graph.sparqltext import Scan, refuse_outgoing, scan, tokens
from ecokg.namespaces import PREFIXES
from ecokg.terms import QueryDataset

RESULT_TYPES = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "text/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
    "application/n-triples": "application/n-triples",
    "text/plain": "application/n-triples",
    "application/ld+json": "application/ld+json",
    "application/json": "application/ld+json",
    "application/rdf+xml": "application/rdf+xml",
    "application/xml": "application/rdf+xml",
    "text/xml": "application/rdf+xml",
}
#: Longest GET URL answered; a longer one gets 414 (send the query with POST).
MAX_URL = 64 * 1024
#: Longest request head read (URL and headers): up to it, an over-long URL gets its 414;
#: past it the HTTP layer closes the connection.
MAX_HEAD = 4 * 1024 * 1024


class SparqlError(Exception):
    """A client error with its HTTP status (answered as text/plain)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.message = message
        self.headers = headers or {}
        super().__init__(message)


def _prefixes() -> dict[str, str]:
    return {k: str(v) for k, v in PREFIXES.items()}


def check_query(text: str, base: str | None = None) -> Scan:
    """What ``text`` is (its form, its ``FROM``); refuse updates and ``SERVICE``.

    Syntax is left to the engine, which runs the query next and reports errors with
    their line and column (a 400).
    """
    if not text.strip():
        raise SparqlError(400, "the query is empty")
    try:
        found = scan(text, _prefixes(), base)
        refuse_outgoing(found)
    except QueryError as exc:
        raise SparqlError(400, str(exc)) from exc
    if found.form == "UPDATE":
        raise SparqlError(400, "this is an update: send it as `update` (POST), not as `query`")
    return found


def check_update(text: str) -> Scan:
    """Refuse ``SERVICE`` and ``LOAD`` (which fetch URLs) in an update."""
    if not text.strip():
        raise SparqlError(400, "the update is empty")
    found = scan(text, _prefixes())
    try:
        refuse_outgoing(found)
    except QueryError as exc:
        raise SparqlError(400, str(exc)) from exc
    return found


def requested_dataset(params: dict[str, list[str]], found: Scan) -> QueryDataset | None:
    """The dataset a query request asks for: the one place where it is decided.

    The protocol's graph parameters win over the query's ``FROM`` (SPARQL 1.1
    Protocol, 2.1.4); None means ecokg's default, the union of the named graphs.
    A per-audience restriction must intersect what this returns, never widen it.
    """
    default, named = params.get("default-graph-uri"), params.get("named-graph-uri")
    if default or named:
        return QueryDataset(tuple(_iri(g) for g in default or ()), tuple(_iri(g) for g in named or ()))
    if found.from_default is not None:
        return QueryDataset(tuple(found.from_default), tuple(found.from_named or ()))
    return None


def update_with_dataset(text: str, found: Scan, params: dict[str, list[str]], base: str) -> str:
    """``text`` with the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` as
    ``USING`` clauses of each ``... WHERE`` operation, and the endpoint as its base IRI."""
    using, named = params.get("using-graph-uri", []), params.get("using-named-graph-uri", [])
    if using or named:
        if {"USING", "WITH"} & found.words:
            raise SparqlError(
                400, "the update has USING or WITH clauses and using-graph-uri / using-named-graph-uri "
                "parameters: give the dataset one way only",
            )
        clause = "".join(f"USING <{_iri(g)}> " for g in using) + "".join(f"USING NAMED <{_iri(g)}> " for g in named)
        toks = list(tokens(text))
        depth, inserts = 0, []
        for k, (offset, tok) in enumerate(toks):
            depth += tok == "{"
            depth -= tok == "}"
            # WHERE after a template's closing brace: a DELETE/INSERT ... WHERE operation
            # (DELETE WHERE, the short form, takes no USING).
            if depth == 0 and tok.upper() == "WHERE" and k and toks[k - 1][1] == "}":
                inserts.append(offset)
        for offset in reversed(inserts):
            text = text[:offset] + clause + text[offset:]
    # A later BASE in the text still wins: the prologue allows several.
    return f"BASE <{_iri(base)}>\n{text}"


def _iri(value: str) -> str:
    """``value`` if it is an absolute IRI (a graph name), else a 400."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(value)
    except ValueError:
        raise SparqlError(400, f"not an absolute IRI: {value!r}") from None
    return value


def negotiate(accept: str, offered: dict[str, str], default: str) -> str | None:
    """The media type to answer with for an Accept header (None: nothing acceptable)."""
    if not accept.strip():
        return default
    choices: list[tuple[float, int, str]] = []
    for position, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        kind, quality = parts[0].lower(), 1.0
        for param in parts[1:]:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        if kind in offered:
            choices.append((quality, -position, offered[kind]))
        elif kind in ("*/*", "application/*", "text/*"):
            wanted = kind.split("/")[0]
            if wanted == "*" or default.startswith(wanted + "/"):
                choices.append((quality - 0.001, -position, default))
            else:
                matching = [v for k, v in offered.items() if k.startswith(wanted + "/")]
                if matching:
                    choices.append((quality - 0.001, -position, matching[0]))
    if not choices:
        return None
    return max(choices)[2]
