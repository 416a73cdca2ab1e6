"""``make bench-server``: what the time bound of ``ecokg serve`` costs and how fast it recovers.

    python -m bench.server [--timeout 2] [--runs 30]

Builds the seed into a temporary store, starts ``ecokg serve`` on a free loopback
port, and measures: start-up (until the first answer), the latency of a small
SELECT through ``/sparql``, how long a runaway query (a cross product) runs before
it is stopped, whether a small query is answered meanwhile, and how long the
killed worker's replacement takes to be ready (from the server's log). JSON on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

SMALL = "SELECT ?p ?l WHERE { ?p a ek:Person ; rdfs:label ?l }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure(timeout: float, runs: int) -> dict[str, Any]:
    from ecokg import KnowledgeGraph

    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "store"
        with KnowledgeGraph.open(store) as kg:
            kg.build()
        port, log = _port(), Path(folder) / "serve.log"
        url = f"http://127.0.0.1:{port}/sparql"
        started = time.perf_counter()
        with log.open("wb") as out:
            server = subprocess.Popen(
                [sys.executable, "-m", "ecokg", "serve", "--store", str(store), "--port", str(port),
                 "--timeout", str(timeout)],
                stdout=out, stderr=subprocess.STDOUT, env=dict(os.environ),
            )
        try:
            while True:
                try:
                    if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            startup = time.perf_counter() - started
            latencies = []
            with httpx.Client() as client:  # one connection, as a real client keeps
                for _ in range(runs):
                    t = time.perf_counter()
                    client.post(url, data={"query": SMALL}).raise_for_status()
                    latencies.append(time.perf_counter() - t)
            with ThreadPoolExecutor(1) as pool:
                t = time.perf_counter()
                slow = pool.submit(httpx.post, url, data={"query": RUNAWAY}, timeout=timeout + 60)
                time.sleep(0.2)
                meanwhile = httpx.post(url, data={"query": SMALL}, timeout=timeout + 60)
                answered_meanwhile = time.perf_counter() - t
                stopped = slow.result()
                stopped_after = time.perf_counter() - t
            time.sleep(timeout + 15)  # let the replacement start and log its readiness
            ready = [float(x) for x in re.findall(r"ready in ([\d.]+) s", log.read_text())]
        finally:
            server.terminate()
            server.wait(10)
    return {
        "startup_seconds": round(startup, 2),
        "small_select_median_ms": round(statistics.median(latencies) * 1000, 1),
        "small_select_p95_ms": round(sorted(latencies)[int(0.95 * (len(latencies) - 1))] * 1000, 1),
        "time_bound_seconds": timeout,
        "runaway_status": stopped.status_code,
        "runaway_stopped_after_seconds": round(stopped_after, 2),
        "other_query_status_while_runaway": meanwhile.status_code,
        "other_query_answered_after_seconds": round(answered_meanwhile, 2),
        "worker_ready_seconds": ready,  # the first ones are start-up, the last one the replacement
        "load_average": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    print(json.dumps(measure(args.timeout, args.runs), indent=2))


if __name__ == "__main__":
    main()
