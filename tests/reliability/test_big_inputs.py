"""Inputs of a few hundred MB: refused up front with a message, in bounded memory.

Loaders stage a file in memory (rdflib graphs), so ecokg refuses inputs above
``$ECOKG_MAX_INPUT_MB`` (default 256 MiB; curated YAML above 20 MiB) before reading
them. Each case runs the real CLI in a subprocess and measures its peak RSS
(``resource.getrusage``), compared with the same command on a tiny file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_helpers import quads

from ecokg import KnowledgeGraph
from ecokg.errors import InputError

MB = 2**20
#: Runs the CLI, then prints this process's peak resident memory (KiB on Linux).
PEAK = (
    "import atexit, resource, runpy, sys\n"
    "atexit.register(lambda: print('PEAK-KIB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr))\n"
    "sys.argv = ['ecokg', *sys.argv[1:]]\n"
    "runpy.run_module('ecokg', run_name='__main__')\n"
)
MAPPING = 'ecokg_mapping: 1\nentities:\n  member: {id: "m-{code}", type: Company, label: "{name}"}\n'


def _build(store: Path, source: Path, env: dict[str, str] | None = None) -> tuple[int, str, float]:
    done = subprocess.run(
        [sys.executable, "-c", PEAK, "build", "--append", "--store", str(store), str(source)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "300", **(env or {})},
    )
    peak = next(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK-KIB"))
    return done.returncode, done.stdout + done.stderr, peak / 1024


def _real_csv(path: Path, size: int) -> None:
    """A real CSV of ``size`` bytes (rows of text, not a sparse file)."""
    row = b"c%09d,Company number %09d with a long enough name to fill the row quickly\n"
    block = b"".join(row % (i, i) for i in range(10_000))
    with path.open("wb") as handle:
        handle.write(b"code,name\n")
        while handle.tell() < size:
            handle.write(block)
    (path.parent / (path.name + ".mapping.yaml")).write_text(MAPPING, encoding="utf-8")


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory, ) -> float:
    """Peak RSS (MiB) of the CLI refusing a tiny bad file: what any command costs."""
    folder = tmp_path_factory.mktemp("baseline")
    tiny = folder / "tiny.ttl"
    tiny.write_bytes(b"not turtle")
    code, output, peak = _build(folder / "store", tiny)
    assert code == 2, output
    return peak


@pytest.mark.parametrize(
    "name", ["big.csv", "big.nq", "big.ttl", "big.jsonld", "big.rdf", "big.xlsx", "big.yaml", "mid.yaml"]
)
def test_few_hundred_mb_input_is_refused_without_reading_it(
    tmp_path: Path, seed_store: Path, baseline: float, name: str
) -> None:
    source = tmp_path / name
    if name == "big.csv":
        _real_csv(source, 300 * MB)
    else:
        with source.open("wb") as handle:  # sparse: the size is what matters, it is never read
            handle.truncate((30 if name == "mid.yaml" else 300) * MB)
    code, output, peak = _build(seed_store, source)
    assert code == 2, output
    assert name in output
    if name == "mid.yaml":  # under the general limit, over the curated-YAML one
        assert "more than the 20 MiB a curated YAML file may be" in output
    else:
        assert "file is 300 MiB, more than the 256 MiB an input may be" in output
        assert "ECOKG_MAX_INPUT_MB" in output
    # Refused before reading: memory as for a tiny file, far below the file's 300 MiB.
    assert peak < baseline + 40, (peak, baseline)


def test_limit_is_configurable_and_checked_in_the_library(tmp_path: Path, seed_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "members.csv"
    _real_csv(source, 3 * MB)
    monkeypatch.setenv("ECOKG_MAX_INPUT_MB", "2")
    with KnowledgeGraph.open(seed_store, create=False) as kg:
        before = quads(kg)
        with pytest.raises(InputError, match=r"members.csv: file is 3(\.\d+)? MiB, more than the 2 MiB"):
            kg.load([source])
        assert quads(kg) == before


def test_ten_mb_cell_is_refused_in_bounded_memory(tmp_path: Path, seed_store: Path, baseline: float) -> None:
    source = tmp_path / "cell.csv"
    source.write_bytes(b"code,name\na1," + b"x" * (10 * MB) + b"\n")
    (tmp_path / "cell.csv.mapping.yaml").write_text(MAPPING, encoding="utf-8")
    code, output, peak = _build(seed_store, source)
    assert code == 2 and "cell.csv, row 2" in output and "field larger than field limit" in output
    assert peak < baseline + 80, (peak, baseline)
