"""The catalogue's first pages at scale (issue 21): each query's first page of up to 100 rows.

    python -m bench.generate 1m -o bench/out/synthetic-1000000-20241027.nq
    ecokg build --store /tmp/s1m bench/out/synthetic-1000000-20241027.nq
    python -m bench.first_pages /tmp/s1m                       # every query; JSON on stdout
    python -m bench.first_pages /tmp/s1m territory-links --runs 5
    python -m bench.first_pages /tmp/s1m territory-links --against territory-links=old.rq

Parameters are the synthetic graph's (``bench.steps.SYNTHETIC_PARAMS``, as ``make bench``);
territory-links is timed for all its rows, the others for ``limit=100``. Each figure is the
median of ``--runs`` runs after a warm-up, in one process (the store opened once), with the
load average beside it: the machine is shared, so compare figures taken in the same run.
``--against NAME=FILE`` also times another text of NAME (a ``.rq`` file with its header, such as
the previous version from ``git show``) whole, alternating with the catalogue's own, and says
whether both give the same rows (concatenated lists compared sorted: their order is the engine's).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from typing import Any

#: Timed for all its rows (the issue's target: ≤ 100 ms); the others for their first page.
WHOLE = {"territory-links"}
PAGE = 100


def _same_rows(first: Any, second: Any) -> bool:
    def canonical(result: Any) -> list[tuple[str, ...]]:
        return [tuple("; ".join(sorted(v.split("; "))) for v in row) for row in result.display_rows()[1]]

    return bool(canonical(first) == canonical(second))


def against(kg: Any, name: str, path: str, runs: int) -> dict[str, Any]:
    """NAME's catalogue text and the text in ``path``, whole, alternating: medians and same rows."""
    from pathlib import Path

    from bench.steps import _params
    from ecokg.queries.catalog import get_query, parse_rq, run_query
    from ecokg.queries.include import with_fragments

    ours = get_query(name)
    other = parse_rq(name, with_fragments(Path(path).read_text(encoding="utf-8")))
    params = _params(ours, True)
    results = [run_query(kg.backend, q, params, timeout=600) for q in (ours, other)]  # warm-up
    times: list[list[float]] = [[], []]
    for _ in range(runs):
        for i, query in enumerate((ours, other)):
            started = time.perf_counter()
            results[i] = run_query(kg.backend, query, params, timeout=600)
            times[i].append(time.perf_counter() - started)
    return {
        "catalogue_ms": round(statistics.median(times[0]) * 1000, 1),
        "against_ms": round(statistics.median(times[1]) * 1000, 1),
        "rows": len(results[0]),
        "same_rows": _same_rows(*results),
        "params": params,
    }


def first_pages(store: str, names: list[str], runs: int, others: dict[str, str] | None = None) -> dict[str, Any]:
    from bench.steps import _params
    from ecokg import KnowledgeGraph
    from ecokg.queries.catalog import catalog

    kg = KnowledgeGraph.open(store)
    out: dict[str, Any] = {"load_before": os.getloadavg()[0], "queries": {}}
    for query in catalog():
        if names and query.name not in names:
            continue
        params = _params(query, True)
        page: dict[str, Any] = {} if query.name in WHOLE else {"limit": PAGE}
        result = kg.query(query.name, **page, **params)  # warm-up
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            result = kg.query(query.name, **page, **params)
            times.append(time.perf_counter() - started)
        out["queries"][query.name] = {
            "median_ms": round(statistics.median(times) * 1000, 1),
            "runs_ms": [round(t * 1000, 1) for t in times],
            "rows": len(result),
            "total": result.total,
            "params": params,
        }
        print(f"{query.name:26s} {statistics.median(times) * 1000:9.1f} ms  {len(result)} of {result.total} rows",
              file=sys.stderr, flush=True)
    for name, path in (others or {}).items():
        out.setdefault("against", {})[name] = found = against(kg, name, path, runs)
        print(f"{name:26s} {found['catalogue_ms']:9.1f} ms, {path}: {found['against_ms']:.1f} ms, "
              f"same rows: {found['same_rows']}", file=sys.stderr, flush=True)
    out["load_after"] = os.getloadavg()[0]
    kg.close()
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("names", nargs="*", help="queries to time (default: all)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", action="append", default=[], metavar="NAME=FILE",
                        help="also time FILE as NAME's text, whole, and compare its rows")
    args = parser.parse_args(argv)
    others = dict(item.split("=", 1) for item in args.against)
    print(json.dumps(first_pages(args.store, args.names, args.runs, others), indent=1))


if __name__ == "__main__":
    main()
