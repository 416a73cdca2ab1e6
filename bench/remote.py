"""Remote stores timed beside the embedded one: ``make bench-remote`` (docs/performance.md).

A synthetic graph (:mod:`bench.generate`, ``--size``, 10M triples by default) plus the
ontology's named graph is bulk-loaded into an Oxigraph server (``oxigraph load``) and into
Virtuoso (``ld_dir`` + ``rdf_loader_run``, buffers sized for 4 GB), each started on loopback
in a temporary folder. The embedded store is built with ``ecokg build`` from a smaller graph
of the same generator (``--embedded-size``, 1M by default). Then every catalogue query,
``ecokg analyze`` and ``ecokg viz`` (through ``--store`` or ``--endpoint``) are timed on each.

Every step runs in its own process, bounded by ``--timeout`` seconds: one that runs over is
recorded as "did not finish within N s" and the next step starts; one that fails is recorded
with the engine's message. ``python -m bench.remote --size 10m`` prints a Markdown table and
writes ``bench/out/remote-<size>-<engines>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.generate import write

OUT = Path(__file__).parent / "out"
ECOKG = [sys.executable, "-m", "ecokg"]
BENCH = [sys.executable, "-m", "bench.remote"]

#: Virtuoso's own guidance (the comments of its virtuoso.ini) for 4 GB of free memory:
#: 8 kB buffers, about two thirds of it for pages; enough for 10M quads and their indexes
#: on this 23 GB machine shared with other jobs.
VIRTUOSO_BUFFERS = {"NumberOfBuffers = 20000": "NumberOfBuffers = 340000",
                    "MaxDirtyBuffers = 15000": "MaxDirtyBuffers = 250000"}


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not start within {timeout:.0f} s")


def _run(command: list[str], timeout: float, cwd: Path | None = None) -> tuple[float | None, str]:
    """(seconds, output) or (None, why): a step over ``timeout`` is stopped, its whole group."""
    started = time.perf_counter()
    # The endpoint client's own bound (ECOKG_ENDPOINT_TIMEOUT, 120 s) would stop a step first.
    env = {**os.environ, "ECOKG_ENDPOINT_TIMEOUT": str(timeout)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=cwd, start_new_session=True, env=env)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return None, f"did not finish within {timeout:.0f} s"
    seconds = time.perf_counter() - started
    if process.returncode:
        return None, "failed: " + _message(err or out, process.returncode)
    return seconds, out


def _message(text: str, code: int) -> str:
    """The error a step ended with: from the exception's line on (an engine's message may be
    followed by the query it refused), not the traceback above it."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    starts = [i for i, line in enumerate(lines) if _EXCEPTION.match(line)]
    found = " ".join(lines[starts[-1]:]) if starts else (lines[-1] if lines else f"exit {code}")
    return found[:400]


_EXCEPTION = re.compile(r"^([A-Za-z_][\w.]*(Error|Exception|NotFound)\b.*|error):")


def ontology_quads(target: Path) -> Path:
    """The ontology's named graph as N-Quads: what ``ecokg build`` adds to every store."""
    from ecokg.graph.staging import ontology_staged

    staged = ontology_staged()
    with target.open("w", encoding="utf-8") as out:
        for s, p, o in staged.graph:
            out.write(f"{s.n3()} {p.n3()} {o.n3()} {staged.graph.identifier.n3()} .\n")
    return target


def start_oxigraph(folder: Path, data: list[Path], timeout: float) -> tuple[subprocess.Popen[bytes] | None, str, str]:
    binary = str(Path(sys.executable).parent / "oxigraph")
    files = [arg for path in data for arg in ("--file", str(path))]
    seconds, message = _run([binary, "load", "--location", str(folder / "db"), *files], timeout)
    if seconds is None:
        return None, "", message
    port = _free_port()
    process = subprocess.Popen([binary, "serve-read-only", "--location", str(folder / "db"),
                                "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    _wait(url + "?query=ASK%7B%7D", process)
    return process, url, f"{seconds:.1f}"


def start_virtuoso(folder: Path, data: list[Path], timeout: float) -> tuple[subprocess.Popen[bytes] | None, str, str]:
    sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
    from server.conftest import VIRTUOSO_INI

    sql, http = _free_port(), _free_port()
    ini = VIRTUOSO_INI.format(sql_port=sql, http_port=http, folder=folder, max_rows=1_000_000)
    for default, sized in VIRTUOSO_BUFFERS.items():
        ini = ini.replace(default, sized)
    (folder / "virtuoso.ini").write_text(ini)
    for index, path in enumerate(data):
        try:  # a hard link: the 10M file is 1.5 GB
            os.link(path, folder / f"data-{index}.nq")
        except OSError:
            shutil.copy(path, folder / f"data-{index}.nq")
    process = subprocess.Popen(["virtuoso-t", "-f", "-c", "virtuoso.ini"], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http}/sparql"
    _wait(url + "?query=ASK%7B%7D", process)
    isql = ["isql-vt", f"127.0.0.1:{sql}", "dba", "dba"]
    script = f"ld_dir('{folder}', 'data-*.nq', 'urn:x-bench:default'); rdf_loader_run(); checkpoint;"
    seconds, message = _run([*isql, f"exec={script}"], timeout)
    if seconds is None:
        return process, "", message
    # rdf_loader_run records a file's parse error in load_list rather than failing.
    _, errors = _run([*isql, "exec=SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;"], 60)
    if "0 Rows" not in errors:
        return process, "", "failed: " + " ".join(errors.split())[-300:]
    return process, url, f"{seconds:.1f}"


def _open(store: list[str]) -> Any:
    from ecokg import KnowledgeGraph

    args: dict[str, Any] = {"endpoint": store[1]} if store[0] == "--endpoint" else {"path": Path(store[1])}
    return KnowledgeGraph.open(**args)


def resolve_defaults(store: list[str]) -> None:
    """Resolve every catalogue query's default entities (one name index, as a session builds
    it) and print the seconds and the queries whose defaults are not in the graph."""
    from ecokg.errors import EntityNotFound
    from ecokg.queries.catalog import bind_parameters, catalog

    with _open(store) as kg:
        started = time.perf_counter()
        absent = []
        for query in catalog():
            try:
                bind_parameters(kg.backend, query, {})
            except EntityNotFound as exc:
                absent.append((query.name, str(exc)))
        print(json.dumps({"seconds": round(time.perf_counter() - started, 3), "absent": absent}))


def one_query(name: str, store: list[str]) -> None:
    """Run one catalogue query in this process and print its seconds and rows (a step's body)."""
    from ecokg.queries.catalog import bind_parameters, get_query, run_named

    with _open(store) as kg:
        bind_parameters(kg.backend, get_query(name), {})  # the name index: timed by resolve_defaults
        started = time.perf_counter()
        rows = len(run_named(kg.backend, name, {}, timeout=24 * 3600))
        print(json.dumps({"seconds": round(time.perf_counter() - started, 3), "rows": rows}))


def measure(label: str, store: list[str], work: Path, timeout: float) -> dict[str, Any]:
    from ecokg.queries.catalog import catalog

    out: dict[str, Any] = {"store": label, "queries": {}}
    # The catalogue's defaults name the seed's entities: on synthetic data those queries end
    # at "not found". Resolving them builds the name index once (one bounded step), not per query.
    seconds, text = _run([*BENCH, "--resolve-defaults", *store], timeout)
    if seconds is None:
        out["resolve"] = text
        absent = {q.name: f"not run: resolving its default names {text}" for q in catalog()
                  if any(p.kind == "entity" and p.default for p in q.parameters)}
    else:
        done = json.loads(text.strip().splitlines()[-1])
        out["resolve"] = f"{done['seconds']}"
        absent = {name: f"not found: {why}" for name, why in done["absent"]}
    print(label, "resolve", out["resolve"], flush=True)
    for query in catalog():
        if query.name in absent:
            out["queries"][query.name] = absent[query.name]
            continue
        seconds, text = _run([*BENCH, "--one-query", query.name, *store], timeout)
        if seconds is None:
            out["queries"][query.name] = text
        else:
            done = json.loads(text.strip().splitlines()[-1])
            out["queries"][query.name] = f"{done['seconds']} ({done['rows']})"
        print(label, query.name, out["queries"][query.name], flush=True)
    for step, command in (("analyze", [*ECOKG, "analyze", "--top", "10", "--format", "csv", *store]),
                          ("viz", [*ECOKG, "viz", "-o", str(work / f"{label}.html"), *store])):
        seconds, text = _run(command, timeout)
        out[step] = f"{seconds:.2f}" if seconds is not None else text
        print(label, step, out[step], flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", default="10m", help="synthetic triples on the servers: 100k, 1m, 10m ...")
    parser.add_argument("--embedded-size", default="1m", help="synthetic triples in the embedded store")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed to each query, analyze, viz")
    parser.add_argument("--load-timeout", type=float, default=3600, help="seconds allowed to each load")
    parser.add_argument("--engines", default="embedded,oxigraph,virtuoso")
    parser.add_argument("--one-query", help=argparse.SUPPRESS)
    parser.add_argument("--resolve-defaults", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--endpoint", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.resolve_defaults:
        resolve_defaults(["--endpoint", args.endpoint] if args.endpoint else ["--store", args.store])
        return 0
    if args.one_query:
        one_query(args.one_query, ["--endpoint", args.endpoint] if args.endpoint else ["--store", args.store])
        return 0
    engines = args.engines.split(",")
    results: list[dict[str, Any]] = []
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ecokg-bench-remote-", dir=OUT) as tmp:
        work = Path(tmp)
        if "embedded" in engines:
            store = work / "embedded"
            seconds, text = _run([*ECOKG, "build", str(write(args.embedded_size, OUT)), "--store", str(store)],
                                 args.load_timeout)
            row: dict[str, Any] = {"store": f"embedded ({args.embedded_size})",
                                   "load": f"{seconds:.1f}" if seconds is not None else text}
            print(row, flush=True)
            if seconds is not None:
                row |= measure(row["store"], ["--store", str(store)], work, args.timeout)
            results.append(row)
        data = [write(args.size, OUT), ontology_quads(work / "ontology.nq")]
        for name, start in (("oxigraph", start_oxigraph), ("virtuoso", start_virtuoso)):
            if name not in engines:
                continue
            folder = work / name
            folder.mkdir()
            label = f"{name} ({args.size})"
            process, url, load = start(folder, data, args.load_timeout)
            print(label, "load", load, flush=True)
            try:
                row = {"store": label, "load": load}
                if url:
                    row |= measure(label, ["--endpoint", url], work, args.timeout)
                results.append(row)
            finally:
                if process is not None:
                    process.terminate()
                    process.wait(120)
    (OUT / f"remote-{args.size}-{'-'.join(engines)}.json").write_text(json.dumps(results, indent=2))
    print(table(results))
    return 0


def table(results: list[dict[str, Any]]) -> str:
    """The Markdown table of docs/performance.md (seconds, and rows for a query)."""
    lines = ["| step | " + " | ".join(r["store"] for r in results) + " |", "| --- |" + " --- |" * len(results)]
    steps = ["load", "resolve", *dict.fromkeys(n for r in results for n in r.get("queries", {})), "analyze", "viz"]
    for step in steps:
        cells = [str(r.get(step, r.get("queries", {}).get(step, "-"))) for r in results]
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
