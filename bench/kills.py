"""``make bench-kills``: random SIGKILLs during builds, appends and exports, the store checked after each.

Each trial starts from a copy of the seed store, runs one real ``python -m ecokg``
command (a full build of a generated dataset, a full build of plain N-Triples, an
``--append`` of a curated file, an export over a previous good backup) and kills it
with SIGKILL after a random delay drawn over that command's own duration. Then:

- the store opens and validates (SHACL), and holds exactly the graph it held before the
  command or the one the command makes when it runs to the end (blank-node labels aside);
- an export target holds the previous backup byte for byte, or a complete new export.

    python -m bench.kills --trials 100 --seed 7        # writes bench/out/kills.json

The figure goes into docs/reliability.md by hand (the run takes a few minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"

APPEND_YAML = """\
ecokg: 1
document: {id: kills-append, title: An organisation added by an append, language: en}
quotes: {q: "Acme Bio is a company in Wisconsin."}
entities:
  - id: acme-bio-kills
    type: Company
    label: Acme Bio
    quote: q
    based_in: wisconsin
"""


def _ecokg(*args: str) -> list[str]:
    return [sys.executable, "-m", "ecokg", *args]


def _quads(store: Path) -> list[tuple[str, ...]]:
    """Every quad as text, blank-node labels and load times masked (a rebuild draws new ones), sorted."""
    from rdflib import BNode

    from ecokg import KnowledgeGraph
    from ecokg.namespaces import PROV

    with KnowledgeGraph.open(store, create=False) as kg:
        rows = kg.select(ALL_QUADS)
    # A load stamps its graph with the time it ran: the same graph at another time is the same graph.
    return sorted(
        tuple("_:b" if isinstance(t, BNode) else "<when>" if i == 2 and row[1] == PROV.generatedAtTime else t.n3()
              for i, t in enumerate(row))
        for row in rows
    )


def _validates(store: Path) -> bool:
    from ecokg import KnowledgeGraph

    with KnowledgeGraph.open(store, create=False) as kg:
        return bool(kg.validate().conforms)


def _commands(work: Path, dataset: Path, plain: Path, append: Path) -> dict[str, list[str]]:
    return {
        "build (ecokg dataset)": ["build", "{store}", str(dataset)],
        "build (plain N-Triples)": ["build", "{store}", str(plain)],
        "build --append": ["build", "--append", "{store}", str(append)],
        "export over a backup": ["export", "{store}", "-F", "trig", "-o", str(work / "backup.trig")],
    }


def _run(command: list[str], store: Path) -> list[str]:
    return _ecokg(*[a for part in command for a in (["--store", str(store)] if part == "{store}" else [part])])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--size", type=int, default=30000, help="quads of the generated dataset")
    parser.add_argument("--out", type=Path, default=OUT / "kills")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from bench.generate import write
    from ecokg import KnowledgeGraph

    rng = random.Random(args.seed)
    work = args.out
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    seed = work / "seed-store"
    with KnowledgeGraph.open(seed) as kg:
        kg.build()
    dataset = write(args.size, work / "data")
    plain = work / "data" / "plain.nt"
    import pyoxigraph as ox

    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(dataset), format=ox.RdfFormat.N_QUADS))
    ox.serialize(triples, str(plain), ox.RdfFormat.N_TRIPLES)
    append = work / "data" / "kills-append.yaml"
    append.write_text(APPEND_YAML, encoding="utf-8")
    commands = _commands(work, dataset, plain, append)

    # What each command makes when it runs to the end, and how long it takes.
    expected: dict[str, Any] = {}
    durations: dict[str, float] = {}
    for name, command in commands.items():
        store = work / "reference"
        shutil.rmtree(store, ignore_errors=True)
        shutil.copytree(seed, store, ignore=shutil.ignore_patterns("*.lock"))
        (work / "backup.trig").write_bytes(b"# the previous good backup\n")
        started = time.perf_counter()
        done = subprocess.run(_run(command, store), capture_output=True, text=True)
        durations[name] = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"{name} failed uninterrupted: {done.stderr}")
        expected[name] = (_quads(store), (work / "backup.trig").read_bytes())
    before = _quads(seed)

    results: list[dict[str, Any]] = []
    names = list(commands)
    started_all = time.perf_counter()
    for trial in range(args.trials):
        name = names[trial % len(names)] if trial < len(names) else rng.choice(names)
        store = work / "store"
        shutil.rmtree(store, ignore_errors=True)
        shutil.copytree(seed, store, ignore=shutil.ignore_patterns("*.lock"))
        backup = work / "backup.trig"
        backup.write_bytes(b"# the previous good backup\n")
        delay = rng.uniform(0.0, durations[name])
        process = subprocess.Popen(_run(commands[name], store), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        killed = process.poll() is None
        if killed:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        state = _quads(store)
        new_graph, new_backup = expected[name]
        graph = "old" if state == before else "new" if state == new_graph else "OTHER"
        written = backup.read_bytes()
        export = "old" if written == b"# the previous good backup\n" else "new" if written == new_backup else "OTHER"
        leftovers = sorted(p.name for p in work.iterdir() if p.name.startswith("backup.trig") and p.name != "backup.trig")
        ok = graph != "OTHER" and export != "OTHER" and not leftovers and _validates(store)
        results.append({"trial": trial, "command": name, "delay": round(delay, 3), "killed": killed,
                        "graph": graph, "export": export, "leftovers": leftovers, "ok": ok})
        print(f"{trial:3d} {name:26} {'killed' if killed else 'finished':8} after {delay:5.2f} s: "
              f"graph {graph}, export {export}{' LEFTOVERS ' + str(leftovers) if leftovers else ''} "
              f"{'ok' if ok else 'FAILED'}", flush=True)
    summary = {
        "trials": args.trials, "seed": args.seed, "seconds": round(time.perf_counter() - started_all, 1),
        "killed": sum(r["killed"] for r in results), "failed": sum(not r["ok"] for r in results),
        "by_command": {n: {"trials": sum(r["command"] == n for r in results),
                           "killed": sum(r["command"] == n and r["killed"] for r in results),
                           "old": sum(r["command"] == n and r["graph"] == "old" and r["export"] == "old" for r in results),
                           "failed": sum(r["command"] == n and not r["ok"] for r in results),
                           "duration": round(durations[n], 2)} for n in names},
        "results": results,
    }
    (work.parent / "kills.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in summary.items() if k != "results"}, indent=1))
    return 1 if summary["failed"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
