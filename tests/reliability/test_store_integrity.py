"""The on-disk store's integrity: nothing lost, nothing silently wrong (issue 22).

Every test works on a copy of the seed store under ``tmp_path`` and runs the real
``python -m ecokg`` in a subprocess: a damaged pointer, a flipped bit in a generation
file, a deleted generation, a read-only folder and a full disk each give a clear
error (no traceback) and leave the store's quads exactly as they were, and
``ecokg store check`` / ``ecokg store repair`` find and restore the newest good
generation.
"""

from __future__ import annotations

import ctypes
import errno
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from reliability_helpers import ecokg, quads, store_quads

from ecokg import InputError, KnowledgeGraph, StoreError
from ecokg.graph.disk import current_generation, disk_full, generations
from ecokg.namespaces import ANALYSIS_GRAPH, EKR, RDFS

ACME = Path(__file__).parents[1] / "data" / "acme-in-wisconsin.yaml"


def _copy(seed_store: Path, target: Path) -> Path:
    shutil.copytree(seed_store, target, ignore=shutil.ignore_patterns("*.lock"))
    return target


def _run(*args: str, preexec: Callable[[], None] | None = None, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """The real CLI with a ``preexec_fn`` (a resource limit, no write access)."""
    return subprocess.run(
        [sys.executable, "-m", "ecokg", *args], capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "COLUMNS": "200"}, preexec_fn=preexec,
    )


def _clear_failure(result: subprocess.CompletedProcess[str], code: int = 4) -> str:
    """An ecokg error: its exit code, a message, no traceback (and no crash by a signal)."""
    assert result.returncode == code, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    assert "error:" in result.stderr
    return result.stderr


def _flip_bit(path: Path, offset: int, *, keep_time: bool = False) -> None:
    info = path.stat()
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))
    if keep_time:  # as bit rot on the medium would: the file's metadata says nothing changed
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def _index_file(generation: Path, index: bytes = b"gspo") -> Path:
    """The largest SST file of one Oxigraph index (a flipped bit there made `stats` allocate ~24 GB)."""
    files = sorted(generation.glob("*.sst"), key=lambda p: p.stat().st_size, reverse=True)
    return next((p for p in files if index in p.read_bytes()), files[0])


# --- A. the pointer ----------------------------------------------------------------


def _garbage(text: bytes) -> bytes:
    return b"garbage\n"


def _empty(text: bytes) -> bytes:
    return b""


def _cut(text: bytes) -> bytes:
    return text[: len(text) // 2]


def _other_generation(text: bytes) -> bytes:
    # One flipped bit in the name's last digit (gen-000001 -> gen-000000): a name that looks valid.
    at = text.index(b"generation gen-") + len(b"generation gen-000000") - 1
    return text[:at] + bytes([text[at] ^ 0x01]) + text[at + 1:]


@pytest.mark.parametrize("damage", [_garbage, _empty, _cut, _other_generation])
def test_a_damaged_pointer_is_refused_and_an_append_loses_nothing(
    tmp_path: Path, seed_store: Path, damage: Callable[[bytes], bytes]
) -> None:
    store = _copy(seed_store, tmp_path / "store")
    before = store_quads(store)
    pointer = store / "CURRENT"
    (generation,) = generations(store)
    pointer.write_bytes(damage(pointer.read_bytes()))

    message = _clear_failure(ecokg("stats", "--store", str(store)))
    assert "CURRENT" in message and "ecokg store repair" in message
    # Before the fix the store read as empty and this append deleted the only generation.
    _clear_failure(ecokg("build", "--append", "--store", str(store), str(ACME)))
    assert generations(store) == [generation]

    checked = ecokg("store", "check", "--store", str(store))
    assert f"goes back to {generation}" in _clear_failure(checked)
    repaired = ecokg("store", "repair", "--store", str(store))
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert current_generation(store) == generation
    assert store_quads(store) == before
    assert ecokg("store", "check", "--store", str(store)).returncode == 0


def test_a_missing_pointer_is_refused_and_repaired(tmp_path: Path, seed_store: Path) -> None:
    store = _copy(seed_store, tmp_path / "store")
    before = store_quads(store)
    (store / "CURRENT").unlink()
    assert "no CURRENT pointer" in _clear_failure(ecokg("stats", "--store", str(store)))
    _clear_failure(ecokg("build", "--append", "--store", str(store), str(ACME)))
    assert ecokg("store", "repair", "--store", str(store)).returncode == 0
    assert store_quads(store) == before


def test_a_plain_pointer_of_an_older_ecokg_is_still_read(tmp_path: Path, seed_store: Path) -> None:
    store = _copy(seed_store, tmp_path / "store")
    before = store_quads(store)
    (generation,) = generations(store)
    (store / "CURRENT").write_text(generation + "\n")  # what ecokg wrote before issue 22
    (store / f"{generation}.manifest").unlink()
    assert store_quads(store) == before
    repaired = ecokg("store", "repair", "--store", str(store))
    assert repaired.returncode == 0 and "checksummed pointer" in repaired.stdout, repaired.stdout + repaired.stderr
    assert (store / "CURRENT").read_text().startswith("ecokg-store 1\n")
    assert store_quads(store) == before


@pytest.fixture
def two_generations(tmp_path: Path, seed_store: Path) -> Iterator[tuple[Path, set[tuple[object, ...]]]]:
    """A store whose older generation (the seed) is kept because a reader held it during an append."""
    store = _copy(seed_store, tmp_path / "store")
    with KnowledgeGraph.open(store, create=False) as reader:
        seed = quads(reader)
        appended = ecokg("build", "--append", "--store", str(store), str(ACME))
        assert appended.returncode == 0, appended.stderr
    assert len(generations(store)) == 2
    yield store, seed


def test_repair_goes_back_to_the_newest_generation_that_opens_and_validates(
    two_generations: tuple[Path, set[tuple[object, ...]]],
) -> None:
    store, seed = two_generations
    older, newer = generations(store)
    # A file the append wrote (the others are hard links shared with the older generation).
    damaged = max((p for p in (store / newer).glob("*.sst") if p.stat().st_nlink == 1), key=lambda p: p.stat().st_size)
    _flip_bit(damaged, damaged.stat().st_size // 2, keep_time=True)

    report = _clear_failure(ecokg("store", "check", "--store", str(store)))
    assert f"goes back to {older}" in report
    checked = ecokg("store", "check", "--store", str(store))
    assert damaged.name in checked.stdout and "checksum differs" in checked.stdout

    repaired = ecokg("store", "repair", "--store", str(store))
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert current_generation(store) == older
    assert store_quads(store) == seed
    # Nothing is deleted: the damaged generation is kept aside, out of reach of the collection.
    assert (store / f"damaged-{newer}" / damaged.name).is_file()
    built = ecokg("build", "--append", "--store", str(store), str(ACME))
    assert built.returncode == 0, built.stderr
    assert (store / f"damaged-{newer}").is_dir()


def test_a_collected_generation_is_never_the_last_good_one(
    two_generations: tuple[Path, set[tuple[object, ...]]],
) -> None:
    store, _ = two_generations
    older, newer = generations(store)
    with_acme = store_quads(store)
    (store / "CURRENT").write_bytes(b"\0" * 40)
    _clear_failure(ecokg("build", "--append", "--store", str(store), str(ACME)))
    assert generations(store) == [older, newer]
    assert ecokg("store", "repair", "--store", str(store)).returncode == 0
    assert current_generation(store) == newer
    assert store_quads(store) == with_acme


# --- B. a flipped bit in a store file --------------------------------------------------


def _memory_limit() -> None:
    """At most 2 GiB of address space: a runaway allocation fails instead of taking the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def test_a_flipped_bit_in_a_generation_file_fails_fast_and_clearly(tmp_path: Path, seed_store: Path) -> None:
    store = _copy(seed_store, tmp_path / "store")
    (generation,) = generations(store)
    damaged = _index_file(store / generation)
    _flip_bit(damaged, damaged.stat().st_size // 3)
    started = time.monotonic()
    result = _run("stats", "--store", str(store), preexec=_memory_limit)
    # Before the fix: killed by SIGABRT ("memory allocation of 1073741824 bytes failed").
    message = _clear_failure(result)
    assert time.monotonic() - started < 60
    assert "damaged" in message and damaged.name in message and "ecokg store repair" in message
    # With no good generation to go back to, repair says so and changes nothing.
    pointer = (store / "CURRENT").read_bytes()
    assert "no generation" in _clear_failure(ecokg("store", "repair", "--store", str(store)))
    assert (store / "CURRENT").read_bytes() == pointer and generations(store) == [generation]


def test_store_check_reads_every_byte(tmp_path: Path, seed_store: Path) -> None:
    """A flip that leaves the file's size and time alone (bit rot) is found by `store check`."""
    store = _copy(seed_store, tmp_path / "store")
    (generation,) = generations(store)
    damaged = _index_file(store / generation, b"spog")
    _flip_bit(damaged, 100, keep_time=True)
    checked = _run("store", "check", "--store", str(store), preexec=_memory_limit)
    _clear_failure(checked)
    assert f"{damaged.name} changed after it was written" in checked.stdout


# --- C. weak spots -------------------------------------------------------------------------


#: CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER: what lets root ignore file permissions.
_OVERRIDES = (1, 2, 3)
_PR_CAPBSET_DROP = 24


def _subject_to_permissions() -> None:
    """preexec_fn: the command runs under file permissions, even as root (it drops its overrides)."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in _OVERRIDES:
            if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _read_only(path: Path) -> None:
    for entry in [path, *path.rglob("*")]:
        entry.chmod(entry.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _writable(path: Path) -> None:
    for entry in [path, *path.rglob("*")]:
        entry.chmod(entry.stat().st_mode | stat.S_IWUSR)


@pytest.fixture
def read_only_store(tmp_path: Path, seed_store: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    store = _copy(seed_store, tmp_path / "store")
    if request.param == "with-locks":
        with KnowledgeGraph.open(store, create=False):
            pass  # a reader leaves its generation's lock file behind
    _read_only(store)
    probe = _run("version", preexec=_subject_to_permissions)
    try:
        # The test needs a process the file permissions apply to (root's overrides dropped).
        assert probe.returncode == 0, f"cannot run a command under file permissions here: {probe.stderr[-200:]}"
        yield store
    finally:
        _writable(store)


@pytest.mark.parametrize("read_only_store", ["with-locks", "without-locks"], indirect=True)
def test_a_read_only_store_can_be_queried(read_only_store: Path, seed_store: Path) -> None:
    store = read_only_store
    expected = ecokg("stats", "--store", str(seed_store), "-F", "json")
    stats = _run("stats", "--store", str(store), "-F", "json", preexec=_subject_to_permissions)
    assert stats.returncode == 0, stats.stderr  # before: PermissionError on gen-000001.lock
    assert stats.stdout == expected.stdout
    query = _run("query", "delegation-members", "--store", str(store), preexec=_subject_to_permissions)
    assert query.returncode == 0 and "Nicolas Paris" in query.stdout, query.stderr
    # Writing needs write access, and says so.
    refused = _run("build", "--append", "--store", str(store), str(ACME), preexec=_subject_to_permissions)
    assert "read-only" in _clear_failure(refused)


def _small_files() -> None:
    """Writes past 256 KiB fail with EFBIG (as a full disk fails with ENOSPC)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 << 10, 256 << 10))


@pytest.mark.parametrize("append", [False, True])
def test_a_full_disk_during_a_build_leaves_the_store_unchanged(
    tmp_path: Path, seed_store: Path, large_source: Path, append: bool
) -> None:
    store = _copy(seed_store, tmp_path / "store")
    before, entries = store_quads(store), sorted(p.name for p in store.iterdir())
    notes = tmp_path / "notes.ttl"  # 5,000 plain statements: about 30,000 quads with their sources
    notes.write_text("".join(f'<{EKR}note-{i}> <{RDFS.comment}> "a note that takes some room, number {i}" .\n'
                             for i in range(5000)), encoding="utf-8")
    # A full build restores the dataset on a writer thread; an append goes through a commit.
    args = ["build", "--append", "--store", str(store), str(notes)] if append else \
        ["build", "--store", str(store), str(large_source)]
    message = _clear_failure(_run(*args, preexec=_small_files))  # before: a traceback (OSError)
    assert "the store is unchanged" in message and "free some space" in message
    assert store_quads(store) == before
    assert sorted(p.name for p in store.iterdir() if not p.name.endswith(".lock")) == [
        e for e in entries if not e.endswith(".lock")
    ]


def test_a_full_disk_is_recognised_in_every_form() -> None:
    # ENOSPC as Python raises it; as RocksDB reports it (an OSError without errno); wrapped
    # by the restore's writer thread in a StoreError.
    assert disk_full(OSError(errno.ENOSPC, "No space left on device")) == "the disk is full (No space left on device)"
    assert disk_full(OSError("IO error: While appending to file: gen-000002/000008.log: No space left on device"))
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as cause:
            raise StoreError("cannot write the store") from cause
    except StoreError as wrapped:
        assert disk_full(wrapped) == "the disk is full (No space left on device)"
    assert disk_full(ValueError("no space here")) is None


def test_a_deleted_generation_is_named_and_a_rebuild_proceeds(tmp_path: Path, seed_store: Path) -> None:
    store = _copy(seed_store, tmp_path / "store")
    before = ecokg("stats", "--store", str(store), "-F", "json").stdout
    (generation,) = generations(store)
    shutil.rmtree(store / generation)
    started = time.monotonic()
    message = _clear_failure(ecokg("stats", "--store", str(store)))  # before: "keeps changing; try again"
    assert time.monotonic() - started < 30
    assert f"{generation} that" in message and "missing" in message and "ecokg build" in message
    _clear_failure(ecokg("build", "--append", "--store", str(store), str(ACME)))
    rebuilt = ecokg("build", "--store", str(store))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert ecokg("stats", "--store", str(store), "-F", "json").stdout == before  # the seed, rebuilt


def test_append_without_files_is_refused_and_keeps_the_derived_graphs(tmp_path: Path, seed_store: Path) -> None:
    store = _copy(seed_store, tmp_path / "store")
    scores = Graph()
    scores.add((EKR["bioforward"], RDFS.comment, Literal("a score")))
    with KnowledgeGraph.open(store, create=False) as kg:
        kg.replace_graph(ANALYSIS_GRAPH, scores)
    before = store_quads(store)
    assert any(q[3] == ANALYSIS_GRAPH for q in before)
    message = _clear_failure(ecokg("build", "--append", "--store", str(store)), code=2)
    assert "a load needs at least one file" in message
    assert store_quads(store) == before
    # The rule is the library's, not only the command line's.
    with KnowledgeGraph.open(store, create=False) as kg, pytest.raises(InputError, match="at least one file"):
        kg.load([])
    assert store_quads(store) == before
