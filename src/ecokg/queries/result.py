"""Running SPARQL safely and the :class:`QueryResult` every query returns.

``run_sparql`` checks the text first (syntax errors with line and column,
updates and ``SERVICE`` refused), lets the store's engine evaluate it with the
values bound by the engine (``initBindings``), and reads the rows under a time
limit. Engines have no cancellation hook, so the limit is checked as rows
arrive: a query that computes for a long time before its first row is stopped
at that row.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Node, Variable

from ecokg.errors import EcokgError, QueryError
from ecokg.namespaces import INFERRED_GRAPH, PREFIXES, bind_prefixes
from ecokg.terms import QueryDataset

if TYPE_CHECKING:
    import pandas

    from ecokg.graph.store import Backend

#: Output formats of ``QueryResult.serialize`` (``table`` is the CLI's rich rendering).
RESULT_FORMATS = ("table", "csv", "tsv", "json", "sparql-json", "ttl")

_OX_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


class QueryResult:
    """Rows of a SELECT, the graph of a CONSTRUCT/DESCRIBE, or the answer of an ASK.

    >>> result = kg.sparql("SELECT ?p WHERE { ?p a ek:Person }")  # doctest: +SKIP
    >>> result.columns, len(result)  # doctest: +SKIP
    (['p'], 4)
    """

    def __init__(
        self,
        columns: Sequence[str] = (),
        rows: Sequence[tuple[Node | None, ...]] = (),
        *,
        graph: Graph | None = None,
        ask: bool | None = None,
        seconds: float = 0.0,
    ) -> None:
        self.columns: list[str] = list(columns)
        self.rows: list[tuple[Node | None, ...]] = list(rows)
        self.graph = graph
        self.ask = ask
        self.seconds = seconds
        self._total: int | None = None
        #: Where this page starts in the whole result (0 unless ``page`` made it).
        self.offset = 0
        #: Read from the answers kept with the store's generation (:mod:`ecokg.queries.kept`).
        self.kept = False

    @property
    def total(self) -> int:
        """How many rows the whole result has (a page's ``len`` is the page's)."""
        return len(self) if self._total is None else self._total

    def page(self, limit: int | None = None, offset: int = 0) -> QueryResult:
        """Rows ``offset`` to ``offset + limit`` of this result, in its order, with its ``total``.

        >>> kg.sparql("SELECT ?p WHERE { ?p a ek:Person } ORDER BY ?p").page(10, 20).total  # doctest: +SKIP
        """
        if (limit is not None and limit < 0) or offset < 0:
            raise QueryError(f"a page's limit and offset must be 0 or more (limit {limit}, offset {offset})")
        if self.graph is not None or self.ask is not None:
            return self
        end = None if limit is None else offset + limit
        page = QueryResult(self.columns, self.rows[offset:end], seconds=self.seconds)
        return page.as_page(self.total, offset)

    def as_page(self, total: int, offset: int) -> QueryResult:
        """This result as the page at ``offset`` of a whole result of ``total`` rows (a query
        that cut its own page: :mod:`ecokg.queries.paging`)."""
        self._total, self.offset = total, offset
        return self

    @property
    def form(self) -> str:
        if self.graph is not None:
            return "CONSTRUCT"
        if self.ask is not None:
            return "ASK"
        return "SELECT"

    def __iter__(self) -> Iterator[Any]:
        if self.graph is not None:
            return iter(sorted(self.graph))
        if self.ask is not None:
            return iter([(Literal(self.ask),)])
        return iter(self.rows)

    def __len__(self) -> int:
        if self.graph is not None:
            return len(self.graph)
        if self.ask is not None:
            return 1
        return len(self.rows)

    def __repr__(self) -> str:
        return f"<QueryResult {self.form} {len(self)} in {self.seconds:.3f} s>"

    # --- tabular views -----------------------------------------------------
    def table(self) -> tuple[list[str], list[tuple[Node | None, ...]]]:
        """Columns and rows of any result (a graph as subject/predicate/object rows)."""
        if self.graph is not None:
            return ["subject", "predicate", "object"], [tuple(t) for t in sorted(self.graph)]
        if self.ask is not None:
            return ["ask"], [(Literal(self.ask),)]
        return self.columns, self.rows

    def to_records(self) -> list[dict[str, object]]:
        """Rows as dictionaries of Python values (IRIs as strings, literals as Python values)."""
        columns, rows = self.table()
        return [{c: python_value(v) for c, v in zip(columns, row, strict=False)} for row in rows]

    def to_dataframe(self) -> pandas.DataFrame:
        """Rows as a pandas ``DataFrame`` (one column per variable)."""
        import pandas

        columns, _ = self.table()
        return pandas.DataFrame.from_records(self.to_records(), columns=columns)

    def display_rows(
        self, nm: Any | None = None, *, compact: bool = False
    ) -> tuple[list[str], list[tuple[str, ...]]]:
        """Columns and rows as short text for people (CURIEs for IRIs).

        ``compact`` shows a column ``x`` by its label when there is an ``xLabel`` column.
        """
        columns, rows = self.table()
        text = [tuple(display(v, nm) for v in row) for row in rows]
        if not compact:
            return columns, text
        index = {c: i for i, c in enumerate(columns)}
        picks: list[tuple[int, int]] = []  # (label column or itself, the term column as fallback)
        names: list[str] = []
        for i, column in enumerate(columns):
            if column.endswith("Label") and column.removesuffix("Label") in index:
                continue
            picks.append((index.get(column + "Label", i), i))
            names.append(column)
        return names, [tuple(row[a] or row[b] for a, b in picks) for row in text]

    # --- serialisation -----------------------------------------------------
    def serialize(self, fmt: str) -> str:
        """The result as ``csv``, ``tsv``, ``json``, ``sparql-json`` or ``ttl`` text."""
        from ecokg.render import to_text

        if fmt == "ttl":
            if self.graph is None:
                raise QueryError("the ttl format is for CONSTRUCT and DESCRIBE queries; use csv, tsv or json")
            return self.graph.serialize(format="turtle")
        if fmt == "sparql-json":
            return json.dumps(self._sparql_json(), ensure_ascii=False, indent=2) + "\n"
        if fmt in ("csv", "tsv"):
            columns, rows = self.table()
            return to_text([tuple("" if v is None else str(v) for v in row) for row in rows], columns, fmt)
        if fmt == "json":
            columns, _ = self.table()
            return json.dumps([_jsonable(r) for r in self.to_records()], ensure_ascii=False, indent=2) + "\n"
        raise QueryError(f"unknown format {fmt!r} (choose from {', '.join(RESULT_FORMATS[1:])})")

    def _sparql_json(self) -> dict[str, Any]:
        if self.ask is not None:
            return {"head": {}, "boolean": self.ask}
        columns, rows = self.table()
        bindings = [
            {c: _term_json(v) for c, v in zip(columns, row, strict=False) if v is not None} for row in rows
        ]
        return {"head": {"vars": columns}, "results": {"bindings": bindings}}


def python_value(value: Node | None) -> object:
    if value is None:
        return None
    if isinstance(value, Literal):
        converted = value.toPython()
        return str(value) if isinstance(converted, Literal) else converted
    return str(value)


def _jsonable(record: Mapping[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in record.items():
        if value is None or isinstance(value, bool | int | float | str):
            out[key] = value
        elif hasattr(value, "isoformat"):
            out[key] = value.isoformat()
        else:
            out[key] = str(value)
    return out


def _term_json(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def display(value: Node | None, nm: Any | None = None) -> str:
    """Short text for a term: a CURIE for a known IRI, the lexical form for a literal."""
    if value is None:
        return ""
    if isinstance(value, URIRef):
        if nm is None:
            nm = _default_namespaces()
        try:
            return str(nm.normalizeUri(value)).strip("<>")
        except Exception:  # an IRI no prefix covers stays whole
            return str(value)
    return str(value)


@lru_cache(maxsize=1)
def _default_namespaces() -> Any:
    graph = Graph()
    bind_prefixes(graph.namespace_manager)
    return graph.namespace_manager


# --- checking -------------------------------------------------------------------


def check_query(text: str) -> str:
    """The form of ``text`` (SELECT, CONSTRUCT, ASK, DESCRIBE), or a ``QueryError``."""
    return _check(text).split()[0]


def _check(text: str) -> str:
    """``check_query``, with " GROUP k1,k2" appended for a SELECT grouped by variables.

    Oxigraph, the engine, is the parser of record: the text is parsed by it (on an
    empty store, nothing evaluated), so what the engine accepts is accepted.
    Updates and ``SERVICE`` are refused first, from a token scan
    (:func:`ecokg.graph.sparqltext.scan`) that comments, strings and spacing cannot
    fool (ecokg never makes outgoing requests).
    """
    if not isinstance(text, str) or not text.strip():
        raise QueryError("the query is empty")
    return _check_parsed(text)


@lru_cache(maxsize=512)
def _check_parsed(text: str) -> str:
    from ecokg.graph.sparqltext import refuse_outgoing, scan

    found = scan(text, {k: str(v) for k, v in PREFIXES.items()})
    if found.form == "UPDATE":
        raise QueryError("SPARQL updates are not allowed: ecokg queries only read")
    refuse_outgoing(found)
    parse_query(text)
    keys = found.group_keys if found.form == "SELECT" else []
    return (found.form or "SELECT") + (" GROUP " + ",".join(keys) if keys else "")


def parse_query(text: str, base: str | None = None) -> None:
    """Parse ``text`` with Oxigraph (ecokg's prefixes declared); a ``QueryError`` with line
    and column if it is not a query. Nothing is evaluated (results are lazy, the store empty)."""
    import pyoxigraph as ox

    from ecokg.graph.pnames import expand_dotted_names
    from ecokg.namespaces import PREFIXES

    try:
        ox.Store().query(expand_dotted_names(text), prefixes={k: str(v) for k, v in PREFIXES.items()}, base_iri=base)
    except SyntaxError as exc:
        raise oxigraph_syntax_error(str(exc)) from None
    except RecursionError:
        raise QueryError("the query is nested too deeply to be parsed") from None


# --- running --------------------------------------------------------------------


def run_sparql(
    backend: Backend,
    text: str,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    include_inferred: bool = True,
    timeout: float = 30.0,
) -> QueryResult:
    """Run ``text`` on ``backend`` with ``bindings`` bound by the engine."""
    from ecokg.graph.sparqltext import scan, star_order

    checked = _check(text).split()
    keys = set(checked[2].split(",")) - set(bindings or {}) if len(checked) > 2 else set()
    if not timeout > 0:
        raise QueryError("the time limit must be a positive number of seconds")
    started = time.perf_counter()
    exclude = [] if include_inferred else [INFERRED_GRAPH]
    found = scan(text, {k: str(v) for k, v in PREFIXES.items()})
    # The query's own FROM / FROM NAMED, passed on explicitly (the store's union default
    # would otherwise override it); without one, the union (minus the inferences).
    # (Passed only when there is one: a backend wrapping another may not take it.)
    dataset: dict[str, Any] = {} if found.from_default is None else {"dataset": QueryDataset(
        tuple(found.from_default), tuple(found.from_named or ()))}
    try:
        result = _bounded(lambda: _collect(backend.query(text, dict(bindings or {}), exclude_graphs=exclude,
                                                         **dataset), started, timeout), timeout)
        if found.select_star:
            order = star_order(found, result.columns)
            if order != result.columns:
                index = [result.columns.index(c) for c in order]
                result.columns = order
                result.rows = [tuple(row[i] for i in index) for row in result.rows]
        projected = [i for i, c in enumerate(result.columns) if c in keys]
        if projected and len(result.rows) == 1 and all(result.rows[0][i] is None for i in projected):
            # rdflib answers a GROUP BY over no solutions with one group of unbound keys; there are none.
            result.rows = []
    except EcokgError:
        raise
    except SyntaxError as exc:  # pyoxigraph: "error at LINE:COLUMN: ..."
        raise oxigraph_syntax_error(str(exc)) from None
    except Exception as exc:
        message = str(exc)
        if "SELECT projection" in message:
            # Oxigraph only binds variables the SELECT clause lists.
            message += " (a bound variable must be listed in the SELECT clause)"
        raise QueryError(f"the query failed: {_short(message)}") from None
    result.seconds = time.perf_counter() - started
    return result


def _bounded(work: Callable[[], QueryResult], timeout: float) -> QueryResult:
    """``work()``, or ``QueryError`` once ``timeout`` seconds have passed.

    Oxigraph evaluates a query (a sort, an aggregate) before yielding its first row, so
    checking the clock between rows is not enough: the query runs on a thread, which
    Oxigraph lets run without the interpreter lock, and the caller stops waiting at the
    bound. The abandoned evaluation ends on its own (with the process, for the CLI); the
    HTTP endpoint runs queries in worker processes, which it kills instead.
    """
    done: list[QueryResult] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            done.append(work())
        except BaseException as exc:
            failed.append(exc)

    worker = threading.Thread(target=run, name="ecokg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryError(
            f"the query was stopped after {timeout:g} s (its time limit); narrow it or raise the limit (--timeout)"
        )
    if failed:
        raise failed[0]
    return done[0]


def _collect(raw: Any, started: float, timeout: float) -> QueryResult:
    def check() -> None:
        if time.perf_counter() - started > timeout:
            raise QueryError(
                f"the query was stopped after {timeout:g} s (its time limit); "
                "narrow it or raise the limit (--timeout)"
            )

    if raw.type == "ASK":
        check()
        return QueryResult(ask=bool(raw.askAnswer))
    if raw.type in ("CONSTRUCT", "DESCRIBE"):
        check()
        graph = Graph()
        bind_prefixes(graph.namespace_manager)
        for triple in raw.graph:
            graph.add(triple)
        return QueryResult(graph=graph)
    variables: list[Variable] = list(raw.vars or [])
    rows: list[tuple[Node | None, ...]] = []
    for binding in raw.bindings:
        check()
        rows.append(tuple(binding.get(v) for v in variables))
    check()
    return QueryResult([str(v) for v in variables], rows)


def oxigraph_syntax_error(message: str) -> QueryError:
    """Oxigraph's syntax error message as a ``QueryError`` naming line and column."""
    match = _OX_POSITION.match(message)
    if not match:
        return QueryError(f"SPARQL syntax error: {_short(message)}")
    line, column, detail = int(match.group(1)), int(match.group(2)), match.group(3)
    if "Prefix not found" in detail:
        detail = "unknown prefix (declare it with a PREFIX line)"
    return QueryError(
        f"SPARQL syntax error at line {line}, column {column}: {_short(detail)}", line=line, column=column
    )


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["RESULT_FORMATS", "QueryResult", "check_query", "display", "run_sparql"]
