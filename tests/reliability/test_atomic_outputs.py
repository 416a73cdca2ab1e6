"""Outputs are written all at once: the previous file or the new one, never half of one (issue 22).

An export onto a full disk used to overwrite the previous good backup and leave it cut
mid-line. The full disk is real: the command runs in a subprocess whose files may not
grow past half the size of the output (``RLIMIT_FSIZE``: a write past it fails with
EFBIG, as one on a full disk fails with ENOSPC).
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from reliability_helpers import ecokg

from ecokg.errors import EcokgError
from ecokg.files import atomic_write, atomic_write_text

ARTICLE = Path(__file__).parents[1] / "data" / "articles" / "bavaria-biotech-2024.txt"


def _files_up_to(limit: int) -> Callable[[], None]:
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


#: Each command, with ``{out}`` for the file it writes and ``{store}`` for the store it reads.
COMMANDS = {
    "export-nq": ("export", "--store", "{store}", "-F", "nq", "-o", "{out}"),  # Oxigraph writes it
    "export-ttl": ("export", "--store", "{store}", "-F", "ttl", "-o", "{out}"),  # rdflib serialises it
    "export-graphml": ("export", "--store", "{store}", "-F", "graphml", "-o", "{out}"),
    "viz": ("viz", "--store", "{store}", "-o", "{out}"),
    # --force: extract keeps an existing candidates file (it may be reviewed) unless told otherwise.
    "extract": ("extract", str(ARTICLE), "--store", "{store}", "-o", "{out}", "--force"),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_an_output_on_a_full_disk_keeps_the_previous_file(tmp_path: Path, seed_store: Path, name: str) -> None:
    store = tmp_path / "store"  # a copy: maps and network exports cache their projection in it
    shutil.copytree(seed_store, store, ignore=shutil.ignore_patterns("*.lock"))
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"backup-{name}"
    args = [a.format(out=target, store=store) for a in COMMANDS[name]]
    first = ecokg(*args)  # the previous good output (and any cache it fills)
    assert first.returncode == 0, first.stderr
    previous = target.read_bytes()
    written = sorted(p.name for p in folder.iterdir())  # extract also keeps the article beside its output
    failed = subprocess.run(
        [sys.executable, "-m", "ecokg", *args], capture_output=True, text=True, timeout=300,
        env={**os.environ, "COLUMNS": "200"}, preexec_fn=_files_up_to(len(previous) // 2),
    )
    assert target.read_bytes() == previous  # before: cut where the disk filled up
    assert sorted(p.name for p in folder.iterdir()) == written  # no temporary file left
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Traceback" not in failed.stderr, failed.stderr
    assert f"cannot write {target}" in failed.stderr and "the previous file is unchanged" in failed.stderr


def test_an_error_while_writing_leaves_the_previous_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("the good one\n", encoding="utf-8")
    target.chmod(0o640)
    with pytest.raises(ValueError, match="half-way"), atomic_write(target, "w") as handle:
        handle.write("a new beginning")
        raise ValueError("half-way")
    assert target.read_text(encoding="utf-8") == "the good one\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]
    atomic_write_text(target, "the new one\n")
    assert target.read_text(encoding="utf-8") == "the new one\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the permissions it had
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_a_link_is_followed_and_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    real = tmp_path / "real.ttl"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    with pytest.raises(EcokgError, match="cannot write"):
        atomic_write_text(tmp_path / "no-such-folder" / "x.ttl", "x")
