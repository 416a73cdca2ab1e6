"""One benchmark step per process: ``python -m bench.steps NAME JSON-ARGS`` prints one JSON line.

Each step runs in its own process so that its peak memory (``ru_maxrss``) is its
own and a step that runs past its bound can be killed. Figures are wall-clock
seconds measured inside the process (interpreter start and imports excluded,
except where the step says so). A step whose module is missing answers
``{"status": "not available yet"}``: no number is ever made up.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import resource
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

STEPS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def step(function: Callable[[dict[str, Any]], dict[str, Any]]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    STEPS[function.__name__.replace("_", "-")] = function
    return function


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


class Bound(Exception):
    """A piece of work ran past its time bound."""


def _alarm(signum: int, frame: object) -> None:
    raise Bound()


def bounded(seconds: float, work: Callable[[], Any]) -> tuple[Any, float | None]:
    """(result, seconds) of ``work``, or (None, None) past ``seconds`` (pure-Python work only)."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.perf_counter()
    try:
        result = work()
    except Bound:
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return result, time.perf_counter() - started


def timings(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": statistics.median(ordered), "p95": p95, "runs": len(ordered)}


# --- build ------------------------------------------------------------------------


@step
def build_ecokg(args: dict[str, Any]) -> dict[str, Any]:
    """``KnowledgeGraph.build`` of the file: RDF loader, SHACL validation, atomic commit."""
    from ecokg import KnowledgeGraph

    store = Path(args["store"])
    shutil.rmtree(store, ignore_errors=True)
    started = time.perf_counter()
    kg = KnowledgeGraph.open(store)
    report = kg.build([args["file"]])
    seconds = time.perf_counter() - started
    triples = kg.count()
    kg.close()
    return {
        "seconds": seconds,
        "validation_seconds": report.validation.seconds,
        "conforms": report.validation.conforms,
        "triples": triples,
        "peak_mib": peak_mib(),
    }


@step
def build_files(args: dict[str, Any]) -> dict[str, Any]:
    """``KnowledgeGraph.build`` of real files (e.g. Crunchbase CSVs), then an N-Quads export for the baselines."""
    from ecokg import KnowledgeGraph

    store = Path(args["store"])
    shutil.rmtree(store, ignore_errors=True)
    started = time.perf_counter()
    kg = KnowledgeGraph.open(store)
    os.chdir(store.parent)  # keep_going writes its rejects file into the working folder
    report = kg.build(args["files"], keep_going=args.get("keep_going", False))
    seconds = time.perf_counter() - started
    store_: Any = kg.backend.oxigraph()
    store_.dump(args["export"], __import__("pyoxigraph").RdfFormat.N_QUADS)
    triples = kg.count()
    kg.close()
    per_file: Counter[str] = Counter(Path(r.source or "?").name for r in report.rejects)
    # The kinds of reason, the quoted values left out ("a round of 'x' names no company 'y'").
    reasons: Counter[str] = Counter(re.sub(r"\d+", "N", re.sub(r"'[^']*'", "'…'", r.message)) for r in report.rejects)
    return {
        "seconds": seconds,
        "validation_seconds": report.validation.seconds,
        "conforms": report.validation.conforms,
        "rejected_rows": len(report.rejects),
        "rejected_per_file": dict(sorted(per_file.items())),
        "reject_reasons": dict(reasons.most_common(5)),
        "triples": triples,
        "peak_mib": peak_mib(),
    }


@step
def parse_rdflib(args: dict[str, Any]) -> dict[str, Any]:
    """Plain rdflib: parse the file into an in-memory Dataset."""
    from rdflib import Dataset

    started = time.perf_counter()
    data = Dataset()
    data.parse(args["file"], format="nquads")
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "triples": sum(1 for _ in data.quads()), "peak_mib": peak_mib()}


@step
def validate_pyshacl(args: dict[str, Any]) -> dict[str, Any]:
    """Plain rdflib + pySHACL: parse, then validate with the reference engine (bounded)."""

    from ecokg.graph.validation import shacl_validate

    started = time.perf_counter()
    graph = _rdflib_triples(args["file"])
    parsed = time.perf_counter()
    report, seconds = bounded(args["bound"], lambda: shacl_validate(graph, engine="pyshacl"))
    if seconds is None:
        return {"status": f"did not finish within {args['bound']:.0f} s", "parse_seconds": parsed - started}
    return {
        "seconds": parsed - started + seconds,
        "parse_seconds": parsed - started,
        "validation_seconds": seconds,
        "conforms": report.conforms,
        "peak_mib": peak_mib(),
    }


# --- reopen -------------------------------------------------------------------------


@step
def reopen(args: dict[str, Any]) -> dict[str, Any]:
    """Open the built store and answer a first query (an ASK); apart, a full SPARQL count."""
    from ecokg import KnowledgeGraph

    values, counts = [], []
    for _ in range(args["repeat"]):
        started = time.perf_counter()
        kg = KnowledgeGraph.open(args["store"], create=False)
        kg.select("SELECT ?s WHERE { ?s a ?type } LIMIT 1")
        values.append(time.perf_counter() - started)
        started = time.perf_counter()
        kg.count()  # every quad visited: grows with the graph
        counts.append(time.perf_counter() - started)
        kg.close()
    return {**timings(values), "count": timings(counts), "peak_mib": peak_mib()}


# --- queries ------------------------------------------------------------------------

#: Fewest timed runs of a query, whatever its budget (the p95 of so few runs is their maximum).
MIN_RUNS = 3

#: Entities of the synthetic graph for the catalogue's parameters, by parameter name.
SYNTHETIC_PARAMS = {
    "entity": "ekr:company-000001",
    "a": "ekr:company-000001",
    "b": "ekr:person-0000001",
    "organisation": "ekr:company-000001",
    "person": "ekr:person-0000001",
    "mission": "ekr:mission-00000",
    "territory": "ekr:region-0000",
    "agent": "ekr:authority-0000",
    "sector": "eks:biotechnology",
    "hops": "2",
}


def _params(query: Any, synthetic: bool, picked: dict[str, str] | None = None) -> dict[str, str]:
    """The parameters of ``query``: the synthetic graph's entities, or ``picked`` from the data."""
    values = {}
    table = picked if picked is not None else SYNTHETIC_PARAMS if synthetic else {}
    pair = {p.name for p in query.parameters} == {"a", "b"} and "territor" in query.name
    for p in query.parameters:
        if pair and f"territory_{p.name}" in table:
            values[p.name] = table[f"territory_{p.name}"]
        elif p.name in table:
            values[p.name] = table[p.name]
        elif picked is None and p.default not in (None, "-"):
            values[p.name] = p.default
    # Two territories of the synthetic graph for the territory-pair query.
    if synthetic and picked is None and pair:
        values = {"a": "ekr:region-0000", "b": "ekr:region-0001"}
    return values


#: What each catalogue parameter takes from the data when it is picked there: (query, what it finds).
PICKS = {
    "entity": ("pick-busiest-organisation.rq", "organisation"),
    "organisation": ("pick-busiest-organisation.rq", "organisation"),
    "agent": ("pick-busiest-organisation.rq", "organisation"),
    "a": ("pick-busiest-organisation.rq", "organisation"),
    "b": ("pick-neighbour.rq", "entity linked to it"),
    "person": ("pick-busiest-person.rq", "person"),
    "mission": ("pick-busiest-mission.rq", "mission"),
    "territory": ("pick-busiest-territories.rq", "place with organisations"),
    "sector": ("pick-busiest-sector.rq", "sector in use"),
}


def pick_params(kg: Any) -> tuple[dict[str, str], dict[str, str]]:
    """Parameters taken from the built store (bench/sparql/pick-*.rq): the busiest organisation, place...

    Returns (values, missing): ``missing`` says, per parameter, that the data has none
    (e.g. no person in a companies-and-rounds export), and the query is reported so.
    """
    from rdflib import URIRef

    here = Path(__file__).resolve().parent / "sparql"
    values: dict[str, str] = {"hops": "2"}
    missing: dict[str, str] = {}
    answers: dict[str, list[tuple[Any, ...]]] = {}
    for name, (file, what) in PICKS.items():
        if name == "b" and "a" not in values:
            missing[name] = f"no {PICKS['a'][1]} in this data"
            continue
        bindings = {"entity": URIRef(values["a"])} if name == "b" else None
        if file not in answers:  # several parameters share a pick
            answers[file] = kg.select((here / file).read_text(encoding="utf-8"), bindings)
        rows = answers[file]
        if not rows:
            missing[name] = f"no {what} in this data"
            continue
        values[name] = str(rows[0][0])
        if name == "territory":  # the two busiest places for the territory-pair query
            values["territory_a"] = str(rows[0][0])
            if len(rows) > 1:
                values["territory_b"] = str(rows[1][0])
    return values, missing


def _rows(result: Any) -> int:
    """Rows of a SELECT, triples of a CONSTRUCT, 1 for an ASK."""
    if getattr(result, "graph", None) is not None:
        return len(result.graph)
    if getattr(result, "ask", None) is not None:
        return 1
    return len(list(result.rows)) if hasattr(result, "rows") else len(list(result))


@step
def pick(args: dict[str, Any]) -> dict[str, Any]:
    """The query parameters picked from the built store (:func:`pick_params`)."""
    from ecokg import KnowledgeGraph

    kg = KnowledgeGraph.open(args["store"], create=False)
    started = time.perf_counter()
    values, missing = pick_params(kg)
    seconds = time.perf_counter() - started
    kg.close()
    return {"values": values, "missing": missing, "seconds": seconds}


@step
def queries_ecokg(args: dict[str, Any]) -> dict[str, Any]:
    """The catalogue queries ``names`` through ``run_named`` (median, p95), one ``BENCH-QUERY`` line each.

    Each line is printed as soon as its query is measured, so the caller can stop a query
    that runs past its bound (the product's time limit is checked between rows: a query
    that sorts or groups everything before its first row is not stopped) and go on with
    the next ones in a new process.
    """
    if not available("ecokg.queries.catalog"):
        return {"status": "not available yet"}
    from ecokg import KnowledgeGraph
    from ecokg.queries.catalog import get_query, run_named

    kg = KnowledgeGraph.open(args["store"], create=False)
    picked: dict[str, str] | None = args.get("picked")
    missing: dict[str, str] = args.get("missing", {})
    budget = args.get("budget", float("inf"))  # seconds of repeated runs per query (at least MIN_RUNS)
    for name in args["names"]:
        query = get_query(name)
        params = _params(query, args["synthetic"], picked)
        entry: dict[str, Any] = {"params": params}
        lacking = [missing[p.name] for p in query.parameters if p.name in missing and p.name not in params]
        print("BENCH-START " + json.dumps({"name": name, "params": params}), flush=True)
        if lacking:
            entry["status"] = f"not run: {lacking[0]}"
        else:
            try:
                run_named(kg.backend, name, params)  # warm-up (and check it runs)
                values: list[float] = []
                rows = 0
                # Up to ``repeat`` runs, fewer (never under MIN_RUNS) once a slow query has spent its budget.
                while len(values) < args["repeat"] and (len(values) < MIN_RUNS or sum(values) < budget):
                    started = time.perf_counter()
                    rows = _rows(run_named(kg.backend, name, params))
                    values.append(time.perf_counter() - started)
                    # Each run as it ends: a caller stopping the query at its bound keeps these.
                    print("BENCH-RUN " + json.dumps({"seconds": values[-1], "rows": rows}), flush=True)
                entry["ecokg"] = timings(values)
                entry["rows"] = rows
            except Exception as exc:  # a query the data cannot answer: say so
                entry["status"] = f"error: {type(exc).__name__}: {exc}"[:300]
        print("BENCH-QUERY " + json.dumps({"name": name, **entry}, default=str), flush=True)
    kg.close()
    return {"peak_mib": peak_mib()}


@step
def queries_rdflib(args: dict[str, Any]) -> dict[str, Any]:
    """rdflib's engine on the store's exact contents: each query of ``params`` (name -> parameters), bounded."""
    import pyoxigraph as ox
    from rdflib import Dataset
    from rdflib.plugins.sparql import prepareQuery

    from ecokg import KnowledgeGraph
    from ecokg.queries.catalog import bind_parameters, get_query, lang_literal, uses_variable

    kg = KnowledgeGraph.open(args["store"], create=False)
    out: dict[str, Any] = {}
    # rdflib gets exactly what the store holds (ontology, sector scheme and all), so
    # both engines answer the same question on the same data.
    dump = Path(args["dump"])
    store: Any = kg.backend.oxigraph()
    store.dump(str(dump), ox.RdfFormat.N_QUADS)
    started = time.perf_counter()
    data = Dataset(default_union=True)
    data.parse(str(dump), format="nquads")
    out["_rdflib_parse_seconds"] = time.perf_counter() - started
    dump.unlink()
    for name, params in args["params"].items():
        query = get_query(name)
        bindings = bind_parameters(kg.backend, query, params)
        if uses_variable(query.text, "lang"):
            bindings["lang"] = lang_literal("en")
        # rdflib at its best: the query parsed and translated once, outside the timing.
        prepared = prepareQuery(query.text)

        def run(prepared: Any = prepared, bound: dict[str, Any] = bindings) -> int:
            return len(list(data.query(prepared, initBindings=bound)))

        entry: dict[str, Any] = {}
        values: list[float] = []
        for _ in range(max(1, args["repeat"] // 3)):
            found, seconds = bounded(args["bound"], run)
            entry["rdflib_rows"] = found
            if seconds is None:
                entry["rdflib"] = {"status": f"did not finish within {args['bound']:.0f} s"}
                break
            values.append(seconds)
            if sum(values) > 3:  # slow enough that one more run tells nothing new
                break
        if "rdflib" not in entry:
            entry["rdflib"] = timings(values)
        out[name] = entry
    kg.close()
    out["_peak_mib"] = peak_mib()
    return out


# --- reasoning ----------------------------------------------------------------------


@step
def reasoning(args: dict[str, Any]) -> dict[str, Any]:
    """``kg.reason(engine)`` on the built store (copied: reasoning writes the inferred graph)."""
    if not available("ecokg.ontology.reasoning"):
        return {"status": "not available yet"}
    from ecokg import KnowledgeGraph

    with tempfile.TemporaryDirectory(dir=Path(args["store"]).parent) as tmp:
        copy = Path(tmp) / "store"
        shutil.copytree(args["store"], copy)
        kg = KnowledgeGraph.open(copy)
        started = time.perf_counter()
        result = kg.reason(args["engine"])
        seconds = time.perf_counter() - started
        kg.close()
    return {
        "seconds": seconds,
        "engine": getattr(result, "engine", args["engine"]),
        "inferred": getattr(result, "facts", None),
        "individuals": getattr(result, "individuals", None),
        "peak_mib": peak_mib(),
    }


def _rdflib_triples(file: str) -> Any:
    """Plain rdflib: the N-Quads file parsed into a Dataset, its triples merged into one Graph."""
    from rdflib import Dataset, Graph

    data = Dataset()
    data.parse(file, format="nquads")
    graph = Graph()
    for s, p, o, _ in data.quads():
        graph.add((s, p, o))
    return graph


@step
def reasoning_rdflib(args: dict[str, Any]) -> dict[str, Any]:
    """Plain rdflib + owlrl: parse the data and the ontology, expand the OWL 2 RL closure."""
    import owlrl

    from ecokg.ontology import ontology_graph

    started = time.perf_counter()
    graph = _rdflib_triples(args["file"])
    graph += ontology_graph()
    _, seconds = bounded(args["bound"], lambda: owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph))
    if seconds is None:
        return {"status": f"did not finish within {args['bound']:.0f} s"}
    return {"seconds": time.perf_counter() - started, "peak_mib": peak_mib()}


# --- analysis -----------------------------------------------------------------------


#: The order the analyze step runs the measures in (the last ones are the slow ones on big graphs).
CHEAP_FIRST = ("degree", "pagerank", "eigenvector", "constraint", "community", "betweenness", "broker", "closeness")


@step
def analyze(args: dict[str, Any]) -> dict[str, Any]:
    """What ``ecokg analyze`` does: project, keep the actors, run every measure."""
    if not (available("ecokg.network.analysis") and available("ecokg.network.projection")):
        return {"status": "not available yet"}
    from ecokg import KnowledgeGraph
    from ecokg.network.analysis import MEASURES, actor_graph
    from ecokg.network.analysis import analyze as run_measures

    kg = KnowledgeGraph.open(args["store"], create=False)
    started = time.perf_counter()
    G = kg.to_networkx(sources=False)  # as `ecokg analyze` does: the measures read no sources
    projected = time.perf_counter()
    actors = actor_graph(G)
    per_measure: dict[str, float | str] = {}
    total = args.get("total", args["bound"] * len(MEASURES))
    # Cheap measures first, so a budget spent by a slow one costs only the slow ones' figures.
    for name in sorted(MEASURES, key=lambda m: CHEAP_FIRST.index(m) if m in CHEAP_FIRST else len(CHEAP_FIRST)):
        # Each measure its own bound, all of them within the step's total (a bound stops one measure, not the rest).
        left = total - (time.perf_counter() - projected)
        if left < 1:
            per_measure[name] = f"not run: the {total:.0f} s budget of all measures was spent"
            continue
        bound = min(args["bound"], left)
        _, seconds = bounded(bound, functools.partial(run_measures, actors, [name]))
        per_measure[name] = seconds if seconds is not None else f"did not finish within {bound:.0f} s"
    done = time.perf_counter()
    kg.close()
    return {
        "seconds": done - started,
        "projection_seconds": projected - started,
        "measures": per_measure,
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "actors": actors.number_of_nodes(),
        "peak_mib": peak_mib(),
    }


@step
def analyze_rdflib(args: dict[str, Any]) -> dict[str, Any]:
    """Plain rdflib + NetworkX: parse, rdflib's NetworkX conversion of the entity links, degree."""
    import networkx as nx
    from rdflib import Graph
    from rdflib.extras.external_graph_libs import rdflib_to_networkx_graph

    from ecokg.namespaces import EKR

    started = time.perf_counter()
    graph = _rdflib_triples(args["file"])
    # Entity-to-entity links only, like ecokg's projection (no literals, no provenance nodes).
    links = Graph()
    entity = str(EKR)
    for s, p, o in graph:
        if str(s).startswith(entity) and str(o).startswith(entity):
            links.add((s, p, o))
    G = rdflib_to_networkx_graph(links)
    projected = time.perf_counter()
    nx.degree_centrality(G)
    return {
        "seconds": time.perf_counter() - started,
        "projection_seconds": projected - started,
        "nodes": G.number_of_nodes(),
        "peak_mib": peak_mib(),
    }


# --- maps ---------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def draw_seconds(html: Path, ready_js: str, bound: float) -> float | None:
    """Seconds from navigation until ``ready_js`` is true in headless Chromium (None past ``bound``)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    # A fresh profile beside the page (so a test's files all stay in its tmp_path).
    with tempfile.TemporaryDirectory(dir=html.parent) as profile, sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            profile, executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(html.resolve().as_uri())
            try:
                if ready_js.startswith("selector:"):
                    # Our page's CSP forbids eval, so wait on the attribute it sets when drawn.
                    page.wait_for_selector(ready_js.removeprefix("selector:"), timeout=bound * 1000, state="attached")
                else:
                    page.wait_for_function(ready_js, timeout=bound * 1000, polling=50)
            except PlaywrightTimeout:
                return None
            return time.perf_counter() - started
        finally:
            browser.close()


@step
def map_ecokg(args: dict[str, Any]) -> dict[str, Any]:
    """``write_map`` of the whole graph (up to ``max_nodes``), then the time until Chromium has drawn it."""
    if not available("ecokg.maps.visualize"):
        return {"status": "not available yet"}
    from ecokg import KnowledgeGraph
    from ecokg.maps.visualize import write_map

    kg = KnowledgeGraph.open(args["store"], create=False)
    out = Path(args["output"])
    started = time.perf_counter()
    result = write_map(kg.backend, out, max_nodes=args["max_nodes"])
    seconds = time.perf_counter() - started
    # Again: the projection is now cached beside the store's generation (ecokg.network.projection).
    started = time.perf_counter()
    write_map(kg.backend, out, max_nodes=args["max_nodes"])
    cached = time.perf_counter() - started
    kg.close()
    drawn = draw_seconds(out, 'selector:body[data-ready="true"]', args["bound"])
    return {
        "seconds": seconds,
        "cached_seconds": cached,
        "bytes": out.stat().st_size,
        "nodes": result.nodes,
        "edges": result.edges,
        "draw_seconds": drawn if drawn is not None else f"not drawn within {args['bound']:.0f} s",
        "peak_mib": peak_mib(),
    }


@step
def map_pyvis(args: dict[str, Any]) -> dict[str, Any]:
    """Plain pyvis (physics on, its defaults) of the same nodes and edges; drawn = physics stabilised."""
    from pyvis.network import Network

    from ecokg import KnowledgeGraph
    from ecokg.maps.visualize import write_map

    page = Path(args.get("ours", ""))
    if page.is_file():  # the page the map step wrote: the same nodes and edges, without projecting again
        html = page.read_text(encoding="utf-8")
    else:
        kg = KnowledgeGraph.open(args["store"], create=False)
        html = write_map(kg.backend, Path(args["output"]).with_suffix(".ours.html"), max_nodes=args["max_nodes"]).html
        kg.close()
    nodes, edges = _map_elements(html)
    out = Path(args["output"])
    started = time.perf_counter()
    net = Network(height="900px", width="100%", cdn_resources="in_line")
    for node in nodes:
        net.add_node(node["id"], label=str(node.get("label", node["id"]))[:40])
    for edge in edges:
        if edge["from"] in net.get_nodes() and edge["to"] in net.get_nodes():
            net.add_edge(edge["from"], edge["to"])
    out.write_text(net.generate_html(), encoding="utf-8")
    seconds = time.perf_counter() - started
    ready = "typeof network !== 'undefined' && network.physics && network.physics.stabilized === true"
    if "skip_draw" in args:
        drawing: float | str = args["skip_draw"]
    else:
        drawn = draw_seconds(out, ready, args["bound"])
        drawing = drawn if drawn is not None else f"not drawn within {args['bound']:.0f} s"
    return {
        "seconds": seconds,
        "bytes": out.stat().st_size,
        "nodes": len(nodes),
        "draw_seconds": drawing,
        "peak_mib": peak_mib(),
    }


def _map_elements(html: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The node and edge lists our page embeds (a JSON script block), for the pyvis baseline."""
    import re

    found = re.search(r'<script type="application/json" id="ecokg-graph">(.*?)</script>', html, re.S)
    if found is None:
        raise ValueError("no node/edge data found in the map page")
    data = json.loads(found.group(1))
    return list(data["nodes"]), list(data["edges"])


def main() -> None:
    name, raw = sys.argv[1], sys.argv[2]
    result = STEPS[name](json.loads(raw))
    print("BENCH-RESULT " + json.dumps(result, default=str))


if __name__ == "__main__":
    main()
