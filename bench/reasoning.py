"""Reasoning at scale, end to end (issue 21): ``ecokg reason`` and ``ecokg build --reason``.

    python -m bench.reasoning --sizes 100k,1m --runs 2          # JSON on stdout, a table on stderr
    python -m bench.reasoning --sizes 100k,1m --append          # an append, reasoned incrementally

For each size: the synthetic graph (bench/generate.py), built once into a store; then each
run times, as a new process, ``ecokg reason`` on a fresh copy of that store (read the
entities' facts, reason, write the ``inferred`` graph) and ``ecokg build --reason`` of the
file into a new store (stage, validate, reason, commit). Wall-clock times include starting
Python and importing ecokg (about 1 s here); the load average is recorded beside them.

``--append``: the file's last register (one source document, a few thousand triples) is held
out; the rest is built with ``--reason``, then the register is added to copies of that store
with ``build --append --reason`` (reasoned incrementally) and, as before, with ``build --append``
followed by ``ecokg reason`` (the whole store); the two stores' inferred facts are compared.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import generate, parse_size, write

HERE = Path(__file__).resolve().parent
ECOKG = [sys.executable, "-m", "ecokg"]


def timed(args: list[str]) -> dict[str, Any]:
    """Run ``ecokg ARGS``; its wall time, exit code and the reasoner's own summary line."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    done = subprocess.run([*ECOKG, *args], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    text = " ".join((done.stdout + done.stderr).split())
    found = re.search(r"(\d+) inferred fact", text)
    return {"seconds": round(seconds, 2), "exit": done.returncode, "load": round(load, 1),
            "inferred": int(found.group(1)) if found else None, "tail": text[-300:] if done.returncode else ""}


def bench_size(size: str, runs: int, work: Path) -> dict[str, Any]:
    data = write(size, HERE / "out")
    store = work / f"store-{size}"
    build = timed(["build", "--store", str(store), str(data)])
    out: dict[str, Any] = {"file": str(data), "build": build, "reason": [], "build_reason": []}
    for i in range(runs):
        copy = work / f"copy-{size}-{i}"
        shutil.copytree(store, copy)
        out["reason"].append(timed(["reason", "--store", str(copy)]))
        shutil.rmtree(copy)
        target = work / f"reasoned-{size}-{i}"
        out["build_reason"].append(timed(["build", "--reason", "--store", str(target), str(data)]))
        shutil.rmtree(target, ignore_errors=True)
    return out


def split_last_document(data: Path, work: Path) -> tuple[Path, Path]:
    """``data`` as two N-Quads files: every graph but the last register, and that register."""
    last = ""
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            graph = line.rsplit(" ", 2)[-2]
            if "/graph/register-" in graph and graph > last:
                last = graph
    base, added = work / f"{data.stem}-base.nq", work / f"{data.stem}-added.nq"
    with data.open(encoding="utf-8") as lines, base.open("w", encoding="utf-8") as b, added.open("w", encoding="utf-8") as a:
        for line in lines:
            (a if line.rsplit(" ", 2)[-2] == last else b).write(line)
    return base, added


def inferred_facts(store: Path) -> set[tuple[str, str, str]]:
    """The facts and statements of a store's ``inferred`` graph (its PROV description left out)."""
    import pyoxigraph as ox

    from ecokg.graph.disk import current_generation
    from ecokg.namespaces import INFERRED_GRAPH
    from ecokg.ontology.reasoning.inferred import DESCRIBED

    db = ox.Store.read_only(str(store / current_generation(store)))
    described = {ox.NamedNode(str(d)) for d in DESCRIBED}
    return {(str(q.subject), str(q.predicate), str(q.object))
            for q in db.quads_for_pattern(None, None, None, ox.NamedNode(str(INFERRED_GRAPH))) if q.subject not in described}


def bench_append(size: str, work: Path) -> dict[str, Any]:
    # The generator's data in registers of 200 rows (about 15,000 triples): the last is the append.
    data = work / f"synthetic-{size}-registers.nq"
    with data.open("w", encoding="utf-8") as handle:
        generate(parse_size(size), handle, doc_rows=200)
    base, added = split_last_document(data, work)
    store = work / f"append-{size}"
    out: dict[str, Any] = {"file": str(data), "added_lines": sum(1 for _ in added.open(encoding="utf-8")),
                           "build_reason": timed(["build", "--reason", "--store", str(store), str(base)])}
    incremental, whole = work / f"incremental-{size}", work / f"whole-{size}"
    shutil.copytree(store, incremental)
    shutil.copytree(store, whole)
    out["append_reason"] = timed(["build", "--append", "--reason", "--store", str(incremental), str(added)])
    out["append"] = timed(["build", "--append", "--store", str(whole), str(added)])
    out["reason"] = timed(["reason", "--store", str(whole)])
    out["same_inferred"] = inferred_facts(incremental) == inferred_facts(whole)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100k,1m")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--append", action="store_true", help="time an append reasoned incrementally instead")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(dir=HERE / "out" if (HERE / "out").exists() else None) as tmp:
        for size in args.sizes.split(",") if args.append else ():
            results[size] = found = bench_append(size, Path(tmp))
            print(f"{size} append: build --append --reason {found['append_reason']['seconds']} s; before: "
                  f"build --append {found['append']['seconds']} s + reason {found['reason']['seconds']} s; "
                  f"same inferred facts: {found['same_inferred']}", file=sys.stderr)
        for size in () if args.append else args.sizes.split(","):
            results[size] = bench_size(size, args.runs, Path(tmp))
            for step in ("reason", "build_reason"):
                times = [r["seconds"] for r in results[size][step] if r["exit"] == 0]
                line = (f"{size} {step}: median {statistics.median(times):.1f} s of {times}" if times
                        else f"{size} {step}: failed: {results[size][step][0]['tail']}")
                print(line, file=sys.stderr)
    json.dump(results, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
