"""Remote stores timed beside the embedded one: ``make bench-remote`` (docs/performance.md).

A synthetic graph (:mod:`bench.generate`) is built into an embedded store, exported as
N-Quads, and bulk-loaded into an Oxigraph server (``oxigraph load``) and into Virtuoso
(``ld_dir`` + ``rdf_loader_run``), each started on loopback in a temporary folder. Then
every catalogue query (in process, through ``KnowledgeGraph.open(endpoint=...)``),
``ecokg analyze`` and ``ecokg viz`` (through ``--endpoint``) are timed on each store.

``python -m bench.remote --size 100k`` prints a Markdown table and writes
``bench/out/remote-<size>.json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.generate import parse_size, write
from ecokg import KnowledgeGraph
from ecokg.queries.catalog import catalog, run_named

OUT = Path(__file__).parent / "out"
ECOKG = [sys.executable, "-m", "ecokg"]


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
    raise RuntimeError(f"{url} did not start")


def _timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def start_oxigraph(folder: Path, data: Path) -> tuple[subprocess.Popen[bytes], str, float]:
    binary = str(Path(sys.executable).parent / "oxigraph")
    load = _timed([binary, "load", "--location", str(folder / "db"), "--file", str(data)])
    port = _free_port()
    process = subprocess.Popen([binary, "serve-read-only", "--location", str(folder / "db"),
                                "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    _wait(url + "?query=ASK%7B%7D", process)
    return process, url, load


def start_virtuoso(folder: Path, data: Path) -> tuple[subprocess.Popen[bytes], str, float]:
    sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
    from server.conftest import VIRTUOSO_INI

    sql, http = _free_port(), _free_port()
    ini = VIRTUOSO_INI.format(sql_port=sql, http_port=http, folder=folder, max_rows=1_000_000)
    (folder / "virtuoso.ini").write_text(ini.replace("NumberOfBuffers = 20000", "NumberOfBuffers = 170000")
                                         .replace("MaxDirtyBuffers = 15000", "MaxDirtyBuffers = 130000"))
    shutil.copy(data, folder / "data.nq")
    process = subprocess.Popen(["virtuoso-t", "-f", "-c", "virtuoso.ini"], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http}/sparql"
    _wait(url + "?query=ASK%7B%7D", process)
    script = (f"ld_dir('{folder}', 'data.nq', 'urn:x-bench:default'); rdf_loader_run(); checkpoint;")
    load = _timed(["isql-vt", f"127.0.0.1:{sql}", "dba", "dba", f"exec={script}"])
    return process, url, load


def measure(label: str, open_args: dict[str, Any], cli: list[str], work: Path) -> dict[str, Any]:
    out: dict[str, Any] = {"store": label, "queries": {}}
    with KnowledgeGraph.open(**open_args) as kg:
        for query in catalog():
            started = time.perf_counter()
            try:
                rows = len(run_named(kg.backend, query.name, {}, timeout=600))
                out["queries"][query.name] = (round(time.perf_counter() - started, 3), rows)
            except Exception as exc:  # an engine's refusal is a result too
                out["queries"][query.name] = (None, f"{type(exc).__name__}: {str(exc)[:120]}")
    out["analyze"] = _step([*ECOKG, "analyze", "--top", "10", "--format", "csv", *cli])
    out["viz"] = _step([*ECOKG, "viz", "-o", str(work / f"{label}.html"), *cli])
    return out


def _step(command: list[str]) -> str:
    """Seconds, or the error a command ended with (an engine's limit is a result too)."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        return "failed: " + " ".join(done.stderr.split())[:160]
    return f"{time.perf_counter() - started:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k", help="synthetic triples: 10k, 100k, 1m, ...")
    args = parser.parse_args(argv)
    size = parse_size(args.size)
    with tempfile.TemporaryDirectory(prefix="ecokg-bench-remote-") as tmp:
        work = Path(tmp)
        source = write(size, OUT)
        store = work / "embedded"
        built = _timed([*ECOKG, "build", str(source), "--store", str(store)])
        dump = work / "all.nq"
        subprocess.run([*ECOKG, "export", "--format", "nq", "-o", str(dump), "--store", str(store)], check=True)
        results = [{"load": round(built, 1), **measure("embedded", {"path": store}, ["--store", str(store)], work)}]
        for name, start in (("oxigraph", start_oxigraph), ("virtuoso", start_virtuoso)):
            folder = work / name
            folder.mkdir()
            process, url, load = start(folder, dump)
            try:
                results.append({"load": round(load, 1),
                                **measure(name, {"endpoint": url}, ["--endpoint", url], work)})
            finally:
                process.terminate()
                process.wait(60)
    OUT.mkdir(exist_ok=True)
    (OUT / f"remote-{args.size}.json").write_text(json.dumps(results, indent=2))
    names = [q.name for q in catalog()]
    print(f"| step ({args.size} triples) | " + " | ".join(r["store"] for r in results) + " |")
    print("| --- |" + " --- |" * len(results))
    print("| load (s) | " + " | ".join(str(r["load"]) for r in results) + " |")
    for name in names:
        cells = []
        for r in results:
            seconds, rows = r["queries"][name]
            cells.append(f"{seconds} ({rows})" if seconds is not None else "refused")
        print(f"| {name} (s, rows) | " + " | ".join(cells) + " |")
    print("| analyze (s) | " + " | ".join(str(r["analyze"]) for r in results) + " |")
    print("| viz (s) | " + " | ".join(str(r["viz"]) for r in results) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
