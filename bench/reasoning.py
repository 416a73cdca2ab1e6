"""Reasoning at scale, end to end (issue 21): ``ecokg reason`` and ``ecokg build --reason``.

    python -m bench.reasoning --sizes 100k,1m --runs 2          # JSON on stdout, a table on stderr

For each size: the synthetic graph (bench/generate.py), built once into a store; then each
run times, as a new process, ``ecokg reason`` on a fresh copy of that store (read the
entities' facts, reason, write the ``inferred`` graph) and ``ecokg build --reason`` of the
file into a new store (stage, validate, reason, commit). Wall-clock times include starting
Python and importing ecokg (about 1 s here); the load average is recorded beside them.
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

from bench.generate import write

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100k,1m")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(dir=HERE / "out" if (HERE / "out").exists() else None) as tmp:
        for size in args.sizes.split(","):
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
