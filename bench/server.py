"""Load test of ``ecokg serve`` (``make bench-server``): concurrent clients on loopback.

Builds the seed graph plus a generated one into a temporary store, starts a real
``ecokg serve`` on a free 127.0.0.1 port (start-up time measured until the first
answer), times a small SELECT on one keep-alive connection (``--runs``), then runs
three phases with httpx clients:

1. *closed loop*: ``--clients`` clients each send their next request as soon as the
   last one is answered, for at most ``--requests`` requests or ``--seconds`` seconds:
   the throughput the server sustains, with latency percentiles;
2. *paced*: requests at a fixed rate (``--rate``, default half the closed-loop
   throughput) for ``--paced-seconds``: the rate at which we claim zero errors.

The mix: every named query of the catalogue (``/queries/NAME``, with its defaults and
with entities typed as people would) and raw SPARQL (``/sparql``, GET and POST).
3. *time bound*: a runaway cross product while small requests keep coming: it must be
   stopped with a 503 after ``--timeout`` s, the small ones answered meanwhile, and the
   killed worker's replacement ready (its ``ready in X s`` line in the server log).

Every answer must be 200 and parse; anything else counts as an error. Results go to
standard output (Markdown) and to ``bench/out/server.json``. Bounded: no loop runs
longer than its time limit, and nothing leaves 127.0.0.1.

    python -m bench.server --clients 8 --requests 3000 --seconds 60 --timeout 2
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

OUT = Path(__file__).parent / "out"

#: Named queries with parameters as a person would type them (the defaults are used too).
NAMED: list[tuple[str, dict[str, str]]] = [
    ("class-counts", {}),
    ("sectors", {}),
    ("missing-data", {}),
    ("entity-card", {}),
    ("entity-card", {"entity": "Gilson"}),
    ("person-posts", {"person": "Nicolas Paris"}),
    ("organisation-people", {"organisation": "BioForward"}),
    ("delegation-members", {}),
    ("mission-programme", {}),
    ("fact-sources", {}),
    ("neighbourhood", {"hops": "1"}),
    ("are-linked", {}),
    ("agent-events", {}),
    ("agreements", {}),
    ("companies-in-territory", {}),
    ("sector-organisations", {}),
    ("strategies", {}),
    ("territory-links", {}),
    ("events-in-period", {"from": "2024-01-01", "to": "2024-12-31"}),
]
SPARQL = [
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT ?e ?label WHERE { ?e a ek:Organization ; rdfs:label ?label } ORDER BY ?label LIMIT 100",
    "SELECT ?class (COUNT(?e) AS ?n) WHERE { ?e a ?class } GROUP BY ?class ORDER BY DESC(?n) LIMIT 20",
    "ASK { ekr:nicolas-paris ?p ekr:gilson }",
    "SELECT ?s ?sentence WHERE { ?st rdf:subject ?s ; prov:wasDerivedFrom ?x . ?x ek:text ?sentence } LIMIT 200",
    "CONSTRUCT { ekr:gilson ?p ?o } WHERE { ekr:gilson ?p ?o }",
]


@dataclass
class Sample:
    kind: str
    seconds: float
    ok: bool
    status: int
    detail: str = ""
    label: str = ""


@dataclass
class Phase:
    name: str
    seconds: float = 0.0
    samples: list[Sample] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        done = self.samples
        latencies = sorted(s.seconds * 1000 for s in done)
        errors = [s for s in done if not s.ok]

        def pct(p: float) -> float:
            if not latencies:
                return 0.0
            return round(latencies[min(len(latencies) - 1, round(p / 100 * (len(latencies) - 1)))], 1)

        by_kind = {}
        for kind in sorted({s.kind for s in done}):
            mine = sorted(s.seconds * 1000 for s in done if s.kind == kind)
            by_kind[kind] = {"requests": len(mine), "p50_ms": round(statistics.median(mine), 1),
                             "p95_ms": round(mine[min(len(mine) - 1, round(0.95 * (len(mine) - 1)))], 1)}
        return {
            "phase": self.name,
            "requests": len(done),
            "errors": len(errors),
            "error_examples": sorted({f"{e.status} {e.kind}: {e.detail}" for e in errors})[:5],
            "seconds": round(self.seconds, 2),
            "throughput_rps": round(len(done) / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99),
            "max_ms": round(latencies[-1], 1) if latencies else 0.0,
            "by_kind": by_kind,
            "slowest_p50_ms": dict(sorted(
                ((label, round(statistics.median([s.seconds * 1000 for s in done if s.label == label]), 1))
                 for label in {s.label for s in done}), key=lambda kv: -kv[1])[:5]),
        }


def _requests() -> itertools.cycle[tuple[str, str, dict[str, Any]]]:
    """The request mix, as (kind, method, httpx arguments), cycled."""
    mix: list[tuple[str, str, dict[str, Any]]] = []
    for name, params in NAMED:
        mix.append(("named", "GET", {"url": f"/queries/{name}", "params": params}))
    for i, text in enumerate(SPARQL):
        accept = "text/turtle" if text.startswith("CONSTRUCT") else "application/sparql-results+json"
        if i % 2:
            mix.append(("sparql", "POST", {"url": "/sparql", "content": text,
                                           "headers": {"Content-Type": "application/sparql-query", "Accept": accept}}))
        else:
            mix.append(("sparql", "GET", {"url": "/sparql", "params": {"query": text}, "headers": {"Accept": accept}}))
    return itertools.cycle(mix)


async def _one(client: httpx.AsyncClient, kind: str, method: str, args: dict[str, Any]) -> Sample:
    sample = await _send(client, kind, method, args)
    sample.label = args["url"] if kind == "named" else str(args.get("params", {}).get("query", args.get("content")))[:40]
    return sample


async def _send(client: httpx.AsyncClient, kind: str, method: str, args: dict[str, Any]) -> Sample:
    started = time.perf_counter()
    try:
        response = await client.request(method, **args)
        body = response.content
        ok = response.status_code == 200 and len(body) > 0
        if ok and response.headers.get("content-type", "").startswith(("application/json", "application/sparql-results+json")):
            json.loads(body)
        detail = "" if ok else body[:120].decode("utf-8", "replace")
        return Sample(kind, time.perf_counter() - started, ok, response.status_code, detail)
    except (httpx.HTTPError, ValueError) as exc:
        return Sample(kind, time.perf_counter() - started, False, 0, type(exc).__name__)


async def closed_loop(url: str, clients: int, total: int, seconds: float) -> Phase:
    phase = Phase(f"closed loop, {clients} clients")
    mix = _requests()
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:

        async def worker() -> None:
            while len(phase.samples) < total and time.monotonic() < deadline:
                kind, method, args = next(mix)
                phase.samples.append(await _one(client, kind, method, args))

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        phase.seconds = time.perf_counter() - started
    return phase


async def paced(url: str, rate: float, seconds: float) -> Phase:
    """Open loop: one request every 1/rate s, whatever the answers' pace (bounded in flight)."""
    phase = Phase(f"paced, {rate:g} requests/s")
    mix = _requests()
    count = int(rate * seconds)
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=16)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        started = time.perf_counter()
        tasks = []
        for i in range(count):
            delay = started + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            kind, method, args = next(mix)
            tasks.append(asyncio.create_task(_one(client, kind, method, args)))
        phase.samples = list(await asyncio.gather(*tasks))
        phase.seconds = time.perf_counter() - started
    return phase


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SMALL = "SELECT ?p ?l WHERE { ?p a ek:Person ; rdfs:label ?l }"


def small_select(url: str, runs: int) -> dict[str, float]:
    """A small SELECT ``runs`` times on one keep-alive connection, as a real client does."""
    latencies = []
    with httpx.Client(base_url=url, timeout=30) as client:
        for _ in range(runs):
            started = time.perf_counter()
            client.post("/sparql", data={"query": SMALL}).raise_for_status()
            latencies.append((time.perf_counter() - started) * 1000)
    ordered = sorted(latencies)
    return {"runs": runs, "median_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[round(0.95 * (len(ordered) - 1))], 1)}


def worker_ready(log: Path) -> list[float]:
    """``ready in X s`` of every worker the server started (start-up ones, then replacements)."""
    return [float(x) for x in re.findall(r"ready in ([\d.]+) s", log.read_text(errors="replace"))]


async def runaway(url: str, timeout: float) -> dict[str, Any]:
    """A runaway cross product while small queries keep coming: it is stopped (503) after
    the server's --timeout, and the small queries are answered meanwhile, without error."""
    small = Phase("small queries during a runaway query")
    async with httpx.AsyncClient(base_url=url, timeout=timeout + 30) as client:
        started = time.perf_counter()
        task = asyncio.create_task(client.get("/sparql", params={"query": RUNAWAY}))
        mix = _requests()
        while not task.done() and time.perf_counter() - started < timeout + 20:
            kind, method, args = next(mix)
            small.samples.append(await _one(client, kind, method, args))
            await asyncio.sleep(0.1)
        response = await task
        small.seconds = time.perf_counter() - started
    return {
        "runaway_status": response.status_code,
        "runaway_seconds": round(small.seconds, 2),
        "runaway_message": response.text.strip()[:120],
        "small": small.summary(),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_store(folder: Path, size: int) -> Path:
    """The seed plus a generated graph of about ``size`` triples (0: the seed only)."""
    from ecokg import KnowledgeGraph
    from ecokg.loaders import seed_sources

    sources: list[Path] = list(seed_sources())
    if size:
        from bench.generate import write

        sources.append(write(size, folder / "data"))
    store = folder / "store"
    with KnowledgeGraph.open(store) as kg:
        kg.build(sources)
    return store


def start(store: Path, workers: int, log: Path, timeout: float) -> tuple[subprocess.Popen[bytes], str, float]:
    port = _free_port()
    started = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "ecokg", "serve", "--store", str(store), "--port", str(port),
             "--workers", str(workers), "--timeout", f"{timeout:g}"],
            stdout=out, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"ecokg serve exited:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return process, url, time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit("ecokg serve did not start")


def markdown(results: dict[str, Any]) -> str:
    lines = [
        f"ecokg serve load test: {results['store_triples']} triples, {results['workers']} workers, "
        f"{results['machine']['cpus']} CPUs (load average {results['machine']['load_average']})",
        "",
        "| phase | requests | errors | seconds | req/s | p50 ms | p95 ms | p99 ms | max ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for p in results["phases"]:
        lines.append(f"| {p['phase']} | {p['requests']} | {p['errors']} | {p['seconds']} | {p['throughput_rps']} | "
                     f"{p['p50_ms']} | {p['p95_ms']} | {p['p99_ms']} | {p['max_ms']} |")
    lines += ["", "| phase | kind | requests | p50 ms | p95 ms |", "| --- | --- | --- | --- | --- |"]
    for p in results["phases"]:
        for kind, k in p["by_kind"].items():
            lines.append(f"| {p['phase']} | {kind} | {k['requests']} | {k['p50_ms']} | {k['p95_ms']} |")
    r = results["runaway"]
    s = r["small"]
    one = results["small_select"]
    lines += ["", f"start-up (until the first answer): {results['startup_seconds']} s; small SELECT on one "
              f"keep-alive connection: median {one['median_ms']} ms, p95 {one['p95_ms']} ms ({one['runs']} runs)",
              f"runaway cross product: {r['runaway_status']} after {r['runaway_seconds']} s "
              f"(--timeout {results['timeout']:g}): {r['runaway_message']}",
              f"meanwhile {s['requests']} small requests, {s['errors']} errors, p50 {s['p50_ms']} ms, "
              f"p95 {s['p95_ms']} ms; workers ready in (s, start-up then replacements): "
              f"{r['worker_ready_seconds']}", ""]
    for p in results["phases"]:
        slow = ", ".join(f"{label} {ms} ms" for label, ms in p["slowest_p50_ms"].items())
        lines.append(f"slowest (p50), {p['phase']}: {slow}")
    for p in results["phases"]:
        for example in p["error_examples"]:
            lines.append(f"error ({p['phase']}): {example}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients of the closed loop")
    parser.add_argument("--requests", type=int, default=3000, help="at most this many closed-loop requests")
    parser.add_argument("--seconds", type=float, default=60, help="at most this long for the closed loop")
    parser.add_argument("--rate", type=float, default=None, help="paced rate (default: half the closed-loop throughput)")
    parser.add_argument("--paced-seconds", type=float, default=20)
    parser.add_argument("--size", default="10k", help="generated triples added to the seed (0: seed only)")
    parser.add_argument("--workers", type=int, default=2, help="ecokg serve --workers")
    parser.add_argument("--timeout", type=float, default=2, help="ecokg serve --timeout (the runaway phase waits for it)")
    parser.add_argument("--runs", type=int, default=30, help="small SELECTs timed on one connection")
    parser.add_argument("--output", type=Path, default=OUT / "server.json")
    args = parser.parse_args(argv)
    from bench.generate import parse_size

    folder = Path(tempfile.mkdtemp(prefix="ecokg-bench-server-"))
    process = None
    try:
        print(f"building the store ({args.size} generated triples + the seed) ...", file=sys.stderr, flush=True)
        store = build_store(folder, parse_size(args.size) if args.size != "0" else 0)
        log = folder / "serve.log"
        process, url, startup = start(store, args.workers, log, args.timeout)
        from ecokg import KnowledgeGraph

        with KnowledgeGraph.open(store, create=False) as kg:
            triples = kg.count()
        # Warm-up: every request of the mix once (worker imports, name index).
        asyncio.run(closed_loop(url, 1, len(NAMED) + len(SPARQL), 120))
        one = small_select(url, args.runs)
        print("closed loop ...", file=sys.stderr, flush=True)
        loop = asyncio.run(closed_loop(url, args.clients, args.requests, args.seconds))
        throughput = len(loop.samples) / loop.seconds
        rate = args.rate or max(1.0, round(throughput / 2))
        print(f"paced at {rate:g} requests/s ...", file=sys.stderr, flush=True)
        steady = asyncio.run(paced(url, rate, args.paced_seconds))
        print("runaway query ...", file=sys.stderr, flush=True)
        stopped = asyncio.run(runaway(url, args.timeout))
        # The killed worker is replaced: wait (bounded) for its "ready in" line.
        deadline = time.monotonic() + 60
        while len(worker_ready(log)) < args.workers + 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        stopped["worker_ready_seconds"] = worker_ready(log)
        results = {
            "store_triples": triples,
            "workers": args.workers,
            "timeout": args.timeout,
            "startup_seconds": round(startup, 2),
            "small_select": one,
            "machine": {"cpus": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()],
                        "python": platform.python_version()},
            "phases": [loop.summary(), steady.summary()],
            "runaway": stopped,
        }
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(markdown(results))
        print(f"\nwritten {args.output}", file=sys.stderr)
        failed = steady.summary()["errors"] or loop.summary()["errors"] or stopped["small"]["errors"] \
            or stopped["runaway_status"] != 503
        return 1 if failed else 0
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
