"""Time the network commands on a store of the whole Crunchbase 2013 export (issue 18).

Each step is one ``ecokg`` command run as people run it (a new process: start-up, opening the
store and reading the projection's cache included), timed by its wall clock:

1. ``analyze --top 5``, the projection not cached yet (the cache of the store's generation is
   removed first): the first projection, then the measures;
2. ``analyze --top 5`` again (the projection read from the cache);
3. ``viz --focus Cisco --depth 1`` and ``path Cisco Google`` (the projection cached);
4. ``viz --focus Cisco --depth 1`` with no cache: the first focus map.

Usage (the store built once, outside the repository)::

    ecokg build --keep-going --store /tmp/cb/store ../shared/data/crunchbase-2013/crunchbase-*.csv
    python bench/crunchbase_network.py /tmp/cb/store [--repeat 3]

The median of ``--repeat`` runs is printed per step (the machine is shared: look at the load).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ECOKG = [sys.executable, "-m", "ecokg"]


def _clear_cache(store: Path) -> None:
    for folder in store.glob("gen-*.cache"):
        shutil.rmtree(folder)


def _run(args: list[str], cwd: Path) -> float:
    """The command's wall-clock time (negative when it failed: its error is printed)."""
    start = time.perf_counter()
    done = subprocess.run([*ECOKG, *args], cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode:
        print(f"ecokg {' '.join(args[:1])} failed in {elapsed:.2f} s: {(done.stderr or done.stdout).strip()[-200:]}")
        return -elapsed
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    store = options.store.resolve()
    out = Path(tempfile.mkdtemp(prefix="ecokg-bench-"))
    focus = ["viz", "--store", str(store), "--focus", "Cisco", "--depth", "1", "-o", str(out / "cisco.html")]
    steps: dict[str, list[float]] = {}
    for _ in range(options.repeat):
        _clear_cache(store)
        steps.setdefault("analyze --top 5 (first projection)", []).append(_run(["analyze", "--store", str(store), "--top", "5"], out))
        steps.setdefault("analyze --top 5 (cached)", []).append(_run(["analyze", "--store", str(store), "--top", "5"], out))
        steps.setdefault("viz --focus Cisco --depth 1 (cached)", []).append(_run(focus, out))
        steps.setdefault("path Cisco Google (cached)", []).append(_run(["path", "--store", str(store), "Cisco", "Google"], out))
        _clear_cache(store)
        steps.setdefault("viz --focus Cisco --depth 1 (first projection)", []).append(_run(focus, out))
        steps.setdefault("ecokg version (start-up alone)", []).append(_run(["version"], out))
    load = os.getloadavg()[0]
    print(f"store {store}; {options.repeat} run(s); load average {load:.2f} on {os.cpu_count()} cores")
    for name, times in steps.items():
        print(f"{name:48s} median {statistics.median(times):6.2f} s  (runs: {', '.join(f'{t:.2f}' for t in times)})")
    shutil.rmtree(out)


if __name__ == "__main__":
    main()
