"""``make bench``: ecokg against plain rdflib, same data, same run; a markdown table and JSON.

    python -m bench.run --sizes 10k,100k,1m --crunchbase    # make bench
    python -m bench.run --sizes 10k --quick                  # make bench-quick

For each size: generate the synthetic graph (bench/generate.py), then, each in
its own process (bench/steps.py) so peak memory is its own and a bound can
stop it: build (through ``KnowledgeGraph.build`` and through the bulk path),
reopen, every catalogue query, reasoning, analysis, and the map; and beside
each, the same work with plain rdflib in memory. Results go to
``bench/results.json`` and a markdown table on stdout. A section whose module
does not exist yet is reported as "not available yet".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.generate import SEED, parse_size, write

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
RESULTS = HERE / "results.json"
CRUNCHBASE = HERE.parent.parent / "shared" / "data" / "crunchbase-2013"

#: The issue's targets (seconds, MiB), checked at the sizes they name.
TARGETS = {
    "build_1m_seconds": 10.0,
    "reopen_seconds": 0.1,
    "query_median_1m_seconds": 0.050,
    "query_speedup": 10.0,
    "analyze_seconds": 60.0,
    "map_generate_seconds": 2.0,
    "map_draw_seconds": 3.0,
    "peak_mib_1m": 2048.0,
}


@dataclass
class Settings:
    repeat: int = 5
    query_repeat: int = 20
    build_bound: float = 600.0
    pyshacl_bound: float = 120.0
    rdflib_query_bound: float = 20.0
    reasoning_bound: float = 120.0
    analysis_bound: float = 120.0
    map_bound: float = 60.0
    pyvis_bound: float = 90.0
    max_nodes: int = 2000
    builds: int = 3

    @classmethod
    def quick(cls) -> Settings:
        return cls(repeat=3, query_repeat=5, build_bound=300.0, pyshacl_bound=30.0, rdflib_query_bound=10.0,
                   reasoning_bound=60.0, analysis_bound=60.0, map_bound=30.0, pyvis_bound=30.0,
                   max_nodes=500, builds=1)


def run_step(name: str, args: dict[str, Any], bound: float) -> dict[str, Any]:
    """Run ``bench.steps NAME`` in a fresh process; its JSON, or what stopped it."""
    started = time.perf_counter()
    # Its own process group, so a bound also stops what the step started (HermiT's JVM).
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.steps", name, json.dumps(args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=HERE.parent, start_new_session=True,
    )
    try:
        stdout, stderr = proc.communicate(timeout=bound + 60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"status": f"did not finish within {bound:.0f} s"}
    for line in stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            result: dict[str, Any] = json.loads(line.removeprefix("BENCH-RESULT "))
            result["process_seconds"] = time.perf_counter() - started
            return result
    tail = (stderr or stdout).strip().splitlines()[-3:]
    return {"status": "failed: " + " | ".join(tail)[:400]}


def median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median wall time (all its sub-figures come from that run), plus the spread."""
    good = [r for r in runs if isinstance(r.get("seconds"), int | float)]
    if not good:
        return runs[0]
    good.sort(key=lambda r: r["seconds"])
    chosen = dict(good[len(good) // 2])
    chosen["runs"] = [round(r["seconds"], 3) for r in good]
    return chosen


#: Sections that ran past their bound at a smaller size are not re-run at larger ones (key -> why).
_GAVE_UP: dict[str, str] = {}


def bounded_step(key: str, label: str, name: str, args: dict[str, Any], bound: float) -> dict[str, Any]:
    """``run_step``, unless the same section already ran past its bound at a smaller size."""
    if key in _GAVE_UP:
        return {"status": f"skipped: {_GAVE_UP[key]}"}
    result = run_step(name, args, bound)
    status = str(result.get("status", ""))
    seconds = _num(result.get("seconds"))
    if "within" in status:
        _GAVE_UP[key] = f"{status} at {label}"
    elif seconds is not None and seconds > bound / 5:
        # Sizes grow tenfold: what took over a fifth of the bound will not finish at the next one.
        _GAVE_UP[key] = f"took {seconds:.0f} s at {label}; ten times the data would pass the {bound:.0f} s bound"
    return result


def bench_store(label: str, file: Path, store: Path, settings: Settings, *, synthetic: bool,
                build: bool = True, log: Any = print) -> dict[str, Any]:
    """Every section for one data file."""
    out: dict[str, Any] = {"file": str(file), "bytes": file.stat().st_size}
    common = {"file": str(file), "store": str(store)}
    big = file.stat().st_size > 100_000_000  # about 500k triples and more: one run of the slow rdflib paths
    slow_runs = 1 if big else settings.builds
    if build:
        log(f"[{label}] build (KnowledgeGraph.build)")
        out["build_ecokg"] = median_of([run_step("build-ecokg", common, settings.build_bound)
                                        for _ in range(slow_runs)])
        log(f"[{label}] build (bulk path)")
        out["build_bulk"] = median_of([run_step("build-bulk", common, settings.build_bound)
                                       for _ in range(settings.builds)])
    log(f"[{label}] rdflib parse")
    out["parse_rdflib"] = median_of([run_step("parse-rdflib", common, settings.build_bound)
                                     for _ in range(slow_runs)])
    if build:
        log(f"[{label}] rdflib + pySHACL")
        out["validate_pyshacl"] = bounded_step("pyshacl", label, "validate-pyshacl",
                                               {**common, "bound": settings.pyshacl_bound},
                                               settings.pyshacl_bound + 300)
    log(f"[{label}] reopen")
    out["reopen"] = run_step("reopen", {**common, "repeat": settings.repeat * 2}, 120)
    log(f"[{label}] queries")
    out["queries"] = run_step(
        "queries",
        {**common, "repeat": settings.query_repeat, "synthetic": synthetic,
         "bound": settings.rdflib_query_bound / (4 if big else 1)},
        settings.rdflib_query_bound * 60 + 600,
    )
    for engine in ("hermit", "owlrl"):
        log(f"[{label}] reasoning ({engine})")
        out[f"reasoning_{engine}"] = bounded_step(f"reasoning-{engine}", label, "reasoning",
                                                  {**common, "engine": engine}, settings.reasoning_bound)
    log(f"[{label}] rdflib + owlrl")
    out["reasoning_rdflib"] = bounded_step("reasoning-rdflib", label, "reasoning-rdflib",
                                           {**common, "bound": settings.reasoning_bound},
                                           settings.reasoning_bound + 300)
    log(f"[{label}] analyze")
    out["analyze"] = run_step("analyze", {**common, "bound": settings.analysis_bound}, settings.analysis_bound * 4)
    log(f"[{label}] rdflib + networkx")
    out["analyze_rdflib"] = run_step("analyze-rdflib", common, settings.analysis_bound)
    log(f"[{label}] map")
    maps = {**common, "bound": settings.map_bound, "max_nodes": settings.max_nodes,
            "output": str(store.parent / f"{store.name}-map.html")}
    out["map"] = run_step("map-ecokg", maps, settings.map_bound * 3 + 120)
    log(f"[{label}] pyvis map")
    out["map_pyvis"] = run_step("map-pyvis", {**maps, "bound": settings.pyvis_bound,
                                              "output": str(store.parent / f"{store.name}-pyvis.html")},
                                settings.pyvis_bound * 2 + 120)
    return out


def crunchbase(settings: Settings, out_dir: Path, log: Any = print) -> dict[str, Any]:
    """The real Crunchbase 2013 CSVs through the spreadsheet loader, then every section on the store."""
    files = sorted(CRUNCHBASE.glob("*.csv"))
    if not files:
        return {"status": f"no data at {CRUNCHBASE}"}
    try:
        from ecokg.loaders.spreadsheet import shipped_mappings
    except ImportError:
        return {"status": "not available yet (spreadsheet loader)"}
    if not any("crunchbase" in name for name in shipped_mappings()):
        return {"status": "not available yet (Crunchbase mapping)"}
    store = out_dir / "store-crunchbase"
    log("[crunchbase] build through the spreadsheet loader")
    # The export names rounds and acquisitions of companies it does not list: keep the good rows.
    built = run_step("build-files", {"files": [str(f) for f in files], "store": str(store), "keep_going": True,
                                     "export": str(out_dir / "crunchbase.nq")}, settings.build_bound)
    if "seconds" not in built:
        return {"build_ecokg": built}
    result = bench_store("crunchbase", out_dir / "crunchbase.nq", store, settings, synthetic=False,
                         build=False, log=log)
    result["build_ecokg"] = built
    return result


# --- the table ----------------------------------------------------------------------


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _fmt_s(value: Any) -> str:
    v = _num(value)
    if v is None:
        return str(value) if value is not None else "—"
    return f"{v * 1000:.1f} ms" if v < 1 else f"{v:.2f} s"


def _status(entry: Any) -> str:
    if not isinstance(entry, dict):
        return "—"
    return str(entry.get("status", "—"))


def _seconds(entry: Any, key: str = "seconds") -> Any:
    if not isinstance(entry, dict):
        return None
    return entry.get(key, entry.get("median", _status(entry)))


def _ratio(ours: Any, theirs: Any) -> str:
    a, b = _num(ours), _num(theirs)
    if isinstance(theirs, str) and theirs.startswith("skipped"):
        return "—"
    if a is None or b is None or a == 0:
        if a is not None and isinstance(theirs, str) and "within" in theirs:
            return "> " + f"{float(theirs.split('within ')[1].split(' ')[0]) / a:.0f}×"
        return "—"
    return f"{b / a:.1f}×"


def rows_for(label: str, r: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """(size, what, ecokg, rdflib, ratio) rows."""
    rows: list[tuple[str, str, str, str, str]] = []
    if "status" in r and len(r) == 1:
        return [(label, "everything", r["status"], "—", "—")]
    parse = _seconds(r.get("parse_rdflib"))
    pyshacl = r.get("validate_pyshacl", {})
    theirs_build = _seconds(pyshacl) if "seconds" in pyshacl else (pyshacl.get("status") if pyshacl else None)
    for key, what in (("build_ecokg", "build, KnowledgeGraph.build (validated)"),
                      ("build_bulk", "build, bulk path (validated)")):
        if key in r:
            b = r[key]
            rows.append((label, what, _fmt_s(_seconds(b)), f"{_fmt_s(theirs_build)} (parse + pySHACL)",
                         _ratio(_seconds(b), theirs_build)))
            if "validation_seconds" in b:
                rows.append((label, f"  of which validation ({key.split('_')[1]})", _fmt_s(b["validation_seconds"]),
                             _fmt_s(pyshacl.get("validation_seconds", pyshacl.get("status"))),
                             _ratio(b["validation_seconds"], pyshacl.get("validation_seconds", pyshacl.get("status")))))
            if "peak_mib" in b:
                rows.append((label, f"  peak memory ({key.split('_')[1]})", f"{b['peak_mib']:.0f} MiB",
                             f"{r.get('parse_rdflib', {}).get('peak_mib', 0):.0f} MiB (rdflib parse)", "—"))
    rows.append((label, "reopen + first query", _fmt_s(_seconds(r.get("reopen"), "median")),
                 f"{_fmt_s(parse)} (re-parse)", _ratio(_seconds(r.get("reopen"), "median"), parse)))
    queries = r.get("queries", {})
    if "status" in queries:
        rows.append((label, "catalogue queries", queries["status"], "—", "—"))
    for name, q in sorted(queries.items()):
        if name.startswith("_") or not isinstance(q, dict):
            continue
        if "ecokg" not in q:
            rows.append((label, f"query {name}", q.get("status", "—"), "—", "—"))
            continue
        ours = q["ecokg"]["median"]
        theirs = q.get("rdflib", {})
        theirs_s = theirs.get("median", theirs.get("status"))
        rows.append((label, f"query {name} (median / p95)", f"{_fmt_s(ours)} / {_fmt_s(q['ecokg']['p95'])}",
                     _fmt_s(theirs_s), _ratio(ours, theirs_s)))
    theirs_reason = _seconds(r.get("reasoning_rdflib"))
    for engine in ("hermit", "owlrl"):
        entry = r.get(f"reasoning_{engine}", {})
        rows.append((label, f"reasoning, {engine}", _fmt_s(_seconds(entry)),
                     f"{_fmt_s(theirs_reason)} (rdflib + owlrl)", _ratio(_seconds(entry), theirs_reason)))
    a = r.get("analyze", {})
    ar = r.get("analyze_rdflib", {})
    what = "ecokg analyze (all measures)"
    if "actors" in a:
        what += f", {a['nodes']} nodes / {a['actors']} actors"
    rows.append((label, what, _fmt_s(_seconds(a)), "— (the measures are NetworkX in both)", "—"))
    rows.append((label, "  of which projection to NetworkX", _fmt_s(a.get("projection_seconds", _status(a))),
                 f"{_fmt_s(_seconds(ar))} (parse + rdflib→NetworkX + degree)",
                 _ratio(a.get("projection_seconds"), _seconds(ar))))
    if isinstance(a.get("measures"), dict):
        slow = sorted(((k, v) for k, v in a["measures"].items() if _num(v) is not None), key=lambda kv: -kv[1])[:3]
        if slow:
            rows.append((label, "  slowest measures", ", ".join(f"{k} {_fmt_s(v)}" for k, v in slow), "—", "—"))
    m, mp = r.get("map", {}), r.get("map_pyvis", {})
    rows.append((label, f"map generated ({m.get('nodes', '?')} nodes, {m.get('bytes', 0) / 1e6:.1f} MB)",
                 _fmt_s(_seconds(m)), f"{_fmt_s(_seconds(mp))} (pyvis)", _ratio(_seconds(m), _seconds(mp))))
    rows.append((label, "map drawn in headless Chromium", _fmt_s(m.get("draw_seconds", _status(m))),
                 f"{_fmt_s(mp.get('draw_seconds', _status(mp)))} (pyvis, physics)",
                 _ratio(m.get("draw_seconds"), mp.get("draw_seconds"))))
    return rows


def markdown(results: dict[str, Any]) -> str:
    lines = ["| data | what | ecokg | plain rdflib (same run) | ratio |", "| --- | --- | --- | --- | --- |"]
    for label, r in results["sizes"].items():
        for row in rows_for(label, r):
            lines.append("| " + " | ".join(cell.replace("|", "/") for cell in row) + " |")
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    load = os.getloadavg()
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
            "load_average": [round(x, 2) for x in load]}


def run(sizes: list[str], *, quick: bool = False, with_crunchbase: bool = False, out_dir: Path = OUT,
        results_path: Path = RESULTS, settings: Settings | None = None, log: Any = print) -> dict[str, Any]:
    """Run the benchmark; write and return the results."""
    settings = settings or (Settings.quick() if quick else Settings())
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    _GAVE_UP.clear()
    results: dict[str, Any] = {"seed": SEED, "quick": quick, "machine_before": machine(),
                               "settings": settings.__dict__, "targets": TARGETS, "sizes": {}}
    for size in sizes:
        triples = parse_size(size)
        log(f"[{size}] generating about {triples} triples")
        file = write(triples, out_dir)
        results["sizes"][size] = bench_store(size, file, out_dir / f"store-{size}", settings, synthetic=True, log=log)
        results_path.write_text(json.dumps(results, indent=1, default=str))
    if with_crunchbase:
        results["sizes"]["crunchbase-2013"] = crunchbase(settings, out_dir, log=log)
    results["machine_after"] = machine()
    results["total_seconds"] = time.perf_counter() - started
    results_path.write_text(json.dumps(results, indent=1, default=str))
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="ecokg benchmarks against plain rdflib")
    parser.add_argument("--sizes", default="10k", help="comma-separated: 10k,100k,1m")
    parser.add_argument("--quick", action="store_true", help="fewer runs, tighter bounds (CI)")
    parser.add_argument("--crunchbase", action="store_true", help="also the real Crunchbase 2013 data")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    results = run([s.strip() for s in args.sizes.split(",") if s.strip()], quick=args.quick,
                  with_crunchbase=args.crunchbase, out_dir=args.out, results_path=args.results,
                  log=lambda m: print(m, file=sys.stderr, flush=True))
    print(markdown(results))
    print(f"\n{results['total_seconds']:.0f} s; results in {args.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
