"""The catalogue's first pages at scale (issue 21): each query's first page of up to 100 rows.

    python -m bench.generate 1m -o bench/out/synthetic-1000000-20241027.nq
    ecokg build --store /tmp/s1m bench/out/synthetic-1000000-20241027.nq
    python -m bench.first_pages /tmp/s1m                       # every query; JSON on stdout
    python -m bench.first_pages /tmp/s1m territory-links --runs 5
    python -m bench.first_pages /tmp/s1m territory-links --against territory-links=old.rq
    python -m bench.first_pages bench/out/store-crunchbase --picked   # real data, parameters from it

Parameters are the synthetic graph's (``bench.steps.SYNTHETIC_PARAMS``, as ``make bench``);
territory-links is timed for all its rows, the others for ``limit=100``. Each figure is the
median of ``--runs`` runs after a warm-up, in one process (the store opened once), with the
load average beside it: the machine is shared, so compare figures taken in the same run. A
listing paged inside its query counts its rows once per graph (ecokg.queries.paging): each run
also times a first page whose total is not known yet (``first_ms``).
Answers are kept with the store's generation (ecokg.queries.kept, issue 21): by default this
times the queries themselves (``ECOKG_KEEP_ANSWERS=0``: nothing kept is read or written). With
``--kept`` it times what a viewer gets: each query also says whether its first call read a kept
answer (``kept_at_start``: answered at commit, or by an earlier run) and how long that call took
in this process (``start_ms``: for a value never asked before, the whole query, then kept); the
timed runs read the kept answer. ``--param NAME=VALUE`` overrides a parameter of every query
that has it (a value never asked before: ``start_ms`` is its cold first page, the median its
kept one).
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


def against(kg: Any, name: str, path: str, runs: int, params: dict[str, str] | None = None) -> dict[str, Any]:
    """NAME's catalogue text and the text in ``path``, alternating, whole and first page (its total
    not known yet: each text's page as ``run_query`` cuts it): medians, same rows, same first page."""
    from pathlib import Path

    from bench.steps import _params
    from ecokg.queries.catalog import get_query, parse_rq, run_query
    from ecokg.queries.include import with_fragments

    ours = get_query(name)
    other = parse_rq(name, with_fragments(Path(path).read_text(encoding="utf-8")))
    params = params or _params(ours, True)
    results = [run_query(kg.backend, q, params, timeout=600) for q in (ours, other)]  # warm-up
    times: list[list[float]] = [[], [], [], []]
    pages: list[Any] = [None, None]
    for _ in range(runs):
        for i, query in enumerate((ours, other)):
            started = time.perf_counter()
            results[i] = run_query(kg.backend, query, params, timeout=600)
            times[i].append(time.perf_counter() - started)
        for i, query in enumerate((ours, other)):  # the first page, its total not yet known
            kg.backend.memo.pop("paging-totals", None)
            started = time.perf_counter()
            pages[i] = run_query(kg.backend, query, params, timeout=600, limit=PAGE)
            times[2 + i].append(time.perf_counter() - started)
    return {
        "catalogue_ms": round(statistics.median(times[0]) * 1000, 1),
        "against_ms": round(statistics.median(times[1]) * 1000, 1),
        "catalogue_page_ms": round(statistics.median(times[2]) * 1000, 1),
        "against_page_ms": round(statistics.median(times[3]) * 1000, 1),
        "rows": len(results[0]),
        "same_rows": _same_rows(*results),
        "same_page": pages[0].rows == results[1].rows[:PAGE] and pages[0].total == len(results[1]),
        "params": params,
    }


def first_pages(store: str, names: list[str], runs: int, others: dict[str, str] | None = None,
                pick: bool = False, overrides: dict[str, str] | None = None) -> dict[str, Any]:
    from bench.steps import _params, pick_params
    from ecokg import KnowledgeGraph
    from ecokg.errors import EcokgError
    from ecokg.queries.catalog import catalog, get_query

    kg = KnowledgeGraph.open(store)
    out: dict[str, Any] = {"load_before": os.getloadavg()[0], "queries": {},
                           "kept_answers": os.environ.get("ECOKG_KEEP_ANSWERS", "").strip() != "0"}
    # Real data (Crunchbase): the parameters taken from the store, as `make bench` does.
    picked, missing = pick_params(kg) if pick else (None, {})
    if picked is not None:
        out["picked"] = picked
    for query in catalog():
        if names and query.name not in names:
            continue
        lacking = [missing[p.name] for p in query.parameters if p.name in missing]
        if lacking:  # e.g. no mission nor person in a companies-and-rounds export
            out["queries"][query.name] = {"status": "; ".join(lacking)}
            print(f"{query.name:26s} not run: {'; '.join(lacking)}", file=sys.stderr, flush=True)
            continue
        params: dict[str, Any] = _params(query, picked is None, picked)
        params.update({k: v for k, v in (overrides or {}).items() if k in {p.name for p in query.parameters}})
        page: dict[str, Any] = {"timeout": 600} if query.name in WHOLE else {"limit": PAGE, "timeout": 600}
        try:
            started = time.perf_counter()
            result = kg.query(query.name, **page, **params)  # warm-up
            start_ms, kept_at_start = round((time.perf_counter() - started) * 1000, 1), result.kept
        except EcokgError as exc:
            out["queries"][query.name] = {"status": str(exc), "params": params}
            print(f"{query.name:26s} failed: {exc}", file=sys.stderr, flush=True)
            continue
        times, first = [], []
        for _ in range(runs):
            # A listing counts its rows once (ecokg.queries.paging keeps the total until the graph
            # changes): "first" is a page whose total is not known yet, the median the next ones.
            kg.backend.memo.pop("paging-totals", None)
            started = time.perf_counter()
            kg.query(query.name, **page, **params)
            first.append(time.perf_counter() - started)
            started = time.perf_counter()
            result = kg.query(query.name, **page, **params)
            times.append(time.perf_counter() - started)
        out["queries"][query.name] = {
            "median_ms": round(statistics.median(times) * 1000, 1),
            "first_ms": round(statistics.median(first) * 1000, 1),
            "runs_ms": [round(t * 1000, 1) for t in times],
            "rows": len(result),
            "total": result.total,
            "params": params,
            "start_ms": start_ms,
            "kept_at_start": kept_at_start,
            "kept": result.kept,
        }
        print(f"{query.name:26s} {statistics.median(times) * 1000:9.1f} ms (total not known: "
              f"{statistics.median(first) * 1000:.1f} ms)  {len(result)} of {result.total} rows; first call "
              f"{start_ms:.1f} ms ({'kept' if kept_at_start else 'computed'}), then {'kept' if result.kept else 'computed'}",
              file=sys.stderr, flush=True)
    for name, path in (others or {}).items():
        out.setdefault("against", {})[name] = found = against(kg, name, path, runs, picked and _params(get_query(name), False, picked))
        print(f"{name:26s} {found['catalogue_ms']:9.1f} ms, {path}: {found['against_ms']:.1f} ms, "
              f"same rows: {found['same_rows']}; first page {found['catalogue_page_ms']:.1f} ms against "
              f"{found['against_page_ms']:.1f} ms, same first page: {found['same_page']}", file=sys.stderr, flush=True)
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
    parser.add_argument("--picked", action="store_true",
                        help="parameters taken from the store (real data such as Crunchbase), not the synthetic ones")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="this value for the parameter NAME of every query that has one")
    parser.add_argument("--kept", action="store_true",
                        help="read (and keep) the answers kept with the store's generation, as a viewer does; "
                             "without it, every query is computed")
    args = parser.parse_args(argv)
    if not args.kept:
        os.environ["ECOKG_KEEP_ANSWERS"] = "0"
    others = dict(item.split("=", 1) for item in args.against)
    overrides = dict(item.split("=", 1) for item in args.param)
    print(json.dumps(first_pages(args.store, args.names, args.runs, others, args.picked, overrides), indent=1))


if __name__ == "__main__":
    main()
