"""Every input kept in tests/data is used by some test (a stale file is a defect).

A file is used when a test names it, or when an index that a test reads names it: the W3C
suites' manifests (tests/w3c runs each entry), the evaluation set's SPLIT.md (its ids;
tests/loaders/test_article_eval_set.py checks every article is listed). The French
snapshots check themselves (tests/test_french.py fails on an unused snapshot).
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).parent
DATA = TESTS / "data"
#: Index files whose contents name the files beside them, once a test names the index.
INDEXES = ("manifest.ttl", "manifest-sparql11-results.ttl", "SPLIT.md")
#: Folders a test checks for unused files itself.
SELF_CHECKED = {"snapshots-fr": "tests/test_french.py::test_every_snapshot_is_used"}


def test_every_data_file_is_used() -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("*.py"))
    indexed = "\n".join(
        p.read_text(encoding="utf-8") for p in DATA.rglob("*") if p.name in INDEXES and p.name in sources
    )
    unused = []
    for path in sorted(DATA.rglob("*")):
        relative = path.relative_to(DATA)
        if not path.is_file() or relative.parts[0] in SELF_CHECKED or path.name in sources:
            continue
        stem = path.name.removesuffix(".gold.yaml").removesuffix(".txt")
        if path.name in indexed or stem in indexed:
            continue
        unused.append(str(relative))
    assert not unused, f"files in tests/data that no test names: {unused}"
