"""Every input kept in tests/data is used by some test (a stale file is a defect)."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).parent


def test_every_data_file_is_used() -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("*.py"))
    unused = [
        str(path.relative_to(TESTS / "data"))
        for path in sorted((TESTS / "data").rglob("*"))
        if path.is_file() and path.name not in sources
    ]
    assert not unused, f"files in tests/data that no test names: {unused}"


