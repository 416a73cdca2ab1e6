"""SPARQL evaluation in worker processes, so that a runaway query can be stopped.

pyoxigraph has no query timeout and a thread cannot be interrupted, so each query
runs in one of a few worker processes. Each worker opens the store read-only (the
generation it reads is immutable, so this is safe alongside writers); when a query
exceeds the time bound the server kills that worker and starts a new one, and the
other workers keep answering. Updates (``--allow-update``) run in a worker too: a
killed update leaves only an unfinished generation, which the next write deletes.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import multiprocessing
import queue
import re
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ecokg.terms import QueryDataset

log = logging.getLogger("ecokg.server")

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class JobError(Exception):
    """A query failed for a reason the client should see (HTTP ``status``)."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


@dataclass
class Job:
    """One request for a worker: a query (answered as ``media_type``) or an update."""

    kind: str  # "query", "update" or "call"
    text: str  # the SPARQL text, or for "call" the function "module:name"
    form: str = "SELECT"  # SELECT, ASK, CONSTRUCT, DESCRIBE
    media_type: str = "application/sparql-results+json"
    max_rows: int = 10_000
    args: dict[str, Any] = field(default_factory=dict)
    #: Who asks (ecokg.server.audience): the job runs on that audience's view of the graph.
    audience: str = "public"
    #: The endpoint's URL, the base IRI of the query.
    base: str | None = None
    #: The graphs asked for (protocol parameters or FROM); None: the union.
    dataset: QueryDataset | None = None
    #: For ``SELECT *``: the variables in the query's order (the engine sorts them).
    order: list[str] = field(default_factory=list)


# --- serialising results (capped, so the row bound also bounds memory) --------


def _json_term(term: Any) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def _xml_term(term: Any) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


XSD = "http://www.w3.org/2001/XMLSchema#"
_FLOATS = (XSD + "double", XSD + "float")
#: Turtle's short forms for numbers and booleans (SPARQL 1.1 TSV results write them so).
_SHORT = {
    XSD + "integer": re.compile(r"[+-]?\d+"),
    XSD + "decimal": re.compile(r"[+-]?\d*\.\d+"),
    XSD + "double": re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+"),
    XSD + "boolean": re.compile(r"true|false"),
}


def canonical_double(text: str) -> str:
    """The XSD canonical form of a double (``1.0E6``): Oxigraph keeps the value, not the text.

    >>> canonical_double("1000000"), canonical_double("0.5"), canonical_double("-0")
    ('1.0E6', '5.0E-1', '-0.0E0')
    """
    try:
        value = float(text)
    except ValueError:
        return text
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    if value == 0:
        return "-0.0E0" if math.copysign(1, value) < 0 else "0.0E0"
    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    text_digits = "".join(map(str, digits))
    power = len(text_digits) - 1 + int(exponent)
    return f"{'-' if sign else ''}{text_digits[0]}.{text_digits[1:] or '0'}E{power}"


def _lexical(term: Any) -> str:
    if term.datatype.value in _FLOATS:
        return canonical_double(term.value)
    return str(term.value)


def _tsv_term(term: Any) -> str:
    """A term as SPARQL 1.1 TSV writes it: Turtle syntax, numbers in their short form."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.Literal) and not term.language:
        short = _SHORT.get(term.datatype.value)
        text = _lexical(term)
        if short is not None and short.fullmatch(text):
            return text
        if term.datatype.value in _FLOATS:
            return str(ox.Literal(text, datatype=term.datatype))
    return str(term)


def _csv_term(term: Any) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal) and term.datatype.value in _FLOATS:
        return canonical_double(term.value)
    from ecokg.render import safe_cell

    # A cell starting with = + - @ would run as a formula in a spreadsheet (issue 7):
    # neutralised as in every other CSV ecokg writes.
    return safe_cell(term.value) if hasattr(term, "value") else str(term)


def serialize_solutions(names: list[str], rows: list[list[Any]], media_type: str) -> bytes:
    """SELECT results in a SPARQL 1.1 results format (JSON, XML, CSV, TSV)."""
    if media_type == "text/csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(names)
        writer.writerows([_csv_term(t) for t in row] for row in rows)
        return buffer.getvalue().encode()
    if media_type == "text/tab-separated-values":
        # TSV: terms in their N-Triples form, which escapes tabs and newlines in literals.
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    if media_type == "application/sparql-results+xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f"<variable name={quoteattr(n)}/>" for n in names]
        out.append("</head>\n<results>")
        for row in rows:
            out.append("<result>")
            out += [
                f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                for n, t in zip(names, row, strict=True) if t is not None
            ]
            out.append("</result>")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode()
    bindings = [
        {n: _json_term(t) for n, t in zip(names, row, strict=True) if t is not None} for row in rows
    ]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}).encode()


def serialize_boolean(value: bool, media_type: str) -> bytes:
    """An ASK answer in a SPARQL results format."""
    if media_type == "application/sparql-results+xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        ).encode()
    if media_type in ("text/csv", "text/tab-separated-values"):
        return b"true\n" if value else b"false\n"
    return json.dumps({"head": {}, "boolean": value}).encode()


def _rdf_format(media_type: str) -> Any:
    import pyoxigraph as ox

    return {
        "text/turtle": ox.RdfFormat.TURTLE,
        "application/n-triples": ox.RdfFormat.N_TRIPLES,
        "application/ld+json": ox.RdfFormat.JSON_LD,
        "application/rdf+xml": ox.RdfFormat.RDF_XML,
    }[media_type]


# --- the worker process ------------------------------------------------------------


def _evaluate(store: Any, job: Job) -> bytes:
    import pyoxigraph as ox

    from ecokg.graph.pnames import expand_dotted_names
    from ecokg.namespaces import PREFIXES
    from ecokg.terms import dataset_options

    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    try:
        text = expand_dotted_names(job.text)  # names such as ekr:post.a.b: Oxigraph reads one dot only
        raw = store.query(text, prefixes=prefixes, base_iri=job.base, **dataset_options(store, job.dataset))
    except SyntaxError as exc:
        from ecokg.queries.result import oxigraph_syntax_error

        raise JobError(400, str(oxigraph_syntax_error(str(exc)))) from exc
    if isinstance(raw, ox.QueryBoolean):
        return serialize_boolean(bool(raw), job.media_type)
    if isinstance(raw, ox.QuerySolutions):
        engine = [v.value for v in raw.variables]
        rank = {name: i for i, name in enumerate(job.order)}
        names = sorted(engine, key=lambda n: (rank.get(n, len(rank)), n)) if job.order else engine
        columns = [engine.index(n) for n in names]
        rows: list[list[Any]] = []
        for solution in raw:
            if len(rows) >= job.max_rows:
                raise JobError(
                    400,
                    f"the result has more than {job.max_rows} rows (the server's --max-rows); "
                    "add a LIMIT or narrow the query",
                )
            rows.append([solution[i] for i in columns])
        return serialize_solutions(names, rows, job.media_type)
    triples: list[Any] = []
    for triple in raw:
        if len(triples) >= job.max_rows:
            raise JobError(
                400,
                f"the result has more than {job.max_rows} triples (the server's --max-rows); "
                "add a LIMIT or narrow the query",
            )
        triples.append(triple)
    return ox.serialize(triples, format=_rdf_format(job.media_type), prefixes=prefixes) or b""


def worker_main(conn: Any, root: str) -> None:
    """Body of a worker process: answer jobs from ``conn`` until told to stop."""
    import importlib

    from ecokg.errors import EcokgError, EntityNotFound, InputError, QueryError, StoreError
    from ecokg.graph.pnames import expand_dotted_names
    from ecokg.graph.store import Change, DiskBackend
    from ecokg.graph.writes import record_write
    from ecokg.kg import KnowledgeGraph

    backend = DiskBackend(Path(root), create=False)
    kg = KnowledgeGraph(backend)
    views: dict[str, KnowledgeGraph] = {}  # each audience's view (ecokg.server.audience), until a build
    try:
        # Warm up before taking requests: imports and the name index would otherwise
        # count against the first request's time bound.
        importlib.import_module("ecokg.queries.catalog").catalog()
        kg.names()
        _viewer(views, kg, "public").names()  # anonymous requests are the common case
    except Exception as exc:  # an empty or odd store still serves plain SPARQL
        log.warning("worker warm-up: %s", exc)
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            if job.kind == "update":
                # The record under the same lock: the other workers write too (ecokg log).
                with backend.write_lock():
                    backend.commit(Change(update=expand_dotted_names(job.text)))
                    record_write(backend, "update")
                views.clear()  # the commit moved this worker to the new graph: refresh() will not say so
                conn.send(("ok", b""))
                continue
            if kg.refresh():  # see builds committed since the last request
                views.clear()
            viewer = _viewer(views, kg, job.audience)  # only what the asker's audience may see
            if job.kind == "call":
                # A library function answering an API request: fn(kg, **args) -> bytes.
                module, _, name = job.text.partition(":")
                function = getattr(importlib.import_module(module), name)
                conn.send(("ok", bytes(function(viewer, **job.args))))
                continue
            conn.send(("ok", _evaluate(viewer.backend.oxigraph(), job)))
        except JobError as exc:
            conn.send(("error", (exc.status, exc.message)))
        except SyntaxError as exc:
            from ecokg.queries.result import oxigraph_syntax_error

            conn.send(("error", (400, str(oxigraph_syntax_error(str(exc))))))
        except EntityNotFound as exc:
            conn.send(("error", (404, str(exc))))
        except (QueryError, InputError) as exc:
            conn.send(("error", (400, str(exc))))
        except StoreError as exc:
            conn.send(("error", (503, str(exc))))
        except (RuntimeError, ValueError) as exc:
            # Oxigraph's evaluation errors are about the request: an unknown function,
            # DROP of a missing graph, an invalid IRI (a 4xx, not "the server failed").
            conn.send(("error", (400, f"the {job.kind} failed: {exc}")))
        except EcokgError as exc:
            # Any other ecokg error is about the request (e.g. /map?color_by=nonsense):
            # a client error, not "unavailable" (schemathesis found the 503, issue 7).
            conn.send(("error", (400, str(exc))))
        except Exception as exc:  # report, keep the worker alive
            conn.send(("error", (500, f"{type(exc).__name__}: {exc}")))


def _viewer(views: dict[str, Any], kg: Any, audience: str) -> Any:
    """The graph as ``audience`` sees it, made once per store generation."""
    found = views.get(audience)
    if found is None:
        found = views[audience] = kg.for_audience(audience)
    return found


class _Worker:
    def __init__(self, context: Any, root: str) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child, root), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> bool:
        if not self.conn.poll(timeout):
            return False
        try:
            message = self.conn.recv()
        except EOFError:
            return False
        return bool(message[0] == "ready")

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: a query deep in Rust code ignores anything gentler
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """A few worker processes over one store; ``run`` answers a job within a time bound."""

    def __init__(self, root: Path, *, size: int = 2, timeout: float = 10.0) -> None:
        self.root = str(root)
        self.size = size
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._closed = False
        self.restarts = 0
        for _ in range(size):
            self._start()

    def _start(self) -> None:
        worker = _Worker(self._context, self.root)
        self._workers.add(worker)
        # Readiness (imports, opening the store) is awaited off the request path.
        threading.Thread(target=self._admit, args=(worker,), daemon=True).start()

    def _admit(self, worker: _Worker) -> None:
        started = time.perf_counter()
        if worker.wait_ready(120):
            log.info("worker %s ready in %.2f s", worker.process.pid, time.perf_counter() - started)
            self._idle.put(worker)
        else:
            log.error("worker %s did not start (store %s)", worker.process.pid, self.root)
            worker.kill()
            if not self._closed:
                time.sleep(1)
                self._start()

    def wait_ready(self, timeout: float = 120) -> None:
        """Block until at least one worker is ready (server start-up)."""
        deadline = time.monotonic() + timeout
        while self._idle.qsize() == 0 and time.monotonic() < deadline:
            time.sleep(0.05)

    def run(self, job: Job, timeout: float | None = None) -> bytes:
        """The worker's answer to ``job``; kills the worker after ``timeout`` seconds."""
        bound = self.timeout if timeout is None else timeout
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=bound)
        except queue.Empty:
            raise JobError(503, f"the server is busy: no query worker was free within {bound:g} s") from None
        remaining = max(0.01, bound - (time.monotonic() - started))
        try:
            worker.conn.send(job)
            answered = worker.conn.poll(remaining)
            message = worker.conn.recv() if answered else None
        except (EOFError, OSError, BrokenPipeError):
            message = None
            answered = False
        if message is None:
            worker.kill()
            self._workers.discard(worker)
            self.restarts += 1
            if not self._closed:
                self._start()
            if answered is False and time.monotonic() - started >= bound - 0.05:
                raise JobError(
                    503, f"the query was stopped after {bound:g} s (the server's --timeout); narrow it or add a LIMIT"
                )
            raise JobError(500, "the query worker died; it was restarted")
        self._idle.put(worker)
        status, payload = message
        if status == "error":
            raise JobError(*payload)
        return bytes(payload)

    def close(self) -> None:
        """Stop every worker (idle ones are asked, busy ones killed)."""
        self._closed = True
        idle = []
        while True:
            try:
                idle.append(self._idle.get_nowait())
            except queue.Empty:
                break
        for worker in idle:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in list(self._workers):
            worker.process.join(2 if worker in idle else 0)
            if worker.process.is_alive():
                worker.kill()
        self._workers.clear()
