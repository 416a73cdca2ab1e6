"""Answers kept with the generation they were computed from (issue 21, ecokg.queries.kept).

Every check runs on a real disk store: the kept page is compared with the page the same query
computes on the same store's Oxigraph, seen as a backend that keeps nothing (the seed in memory
would do but for the order of ``GROUP_CONCAT``'s items, which is the engine's), a second process
reads what the first kept,
a new generation (append, reasoning, erasure) never reads an older one's answers, an audience's
view never reads another's, and a damaged file is computed again.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ecokg import KnowledgeGraph
from ecokg.graph.disk import current_generation
from ecokg.graph.forget import forget
from ecokg.graph.store import Backend
from ecokg.loaders import seed_sources
from ecokg.namespaces import EKR
from ecokg.queries import kept
from ecokg.queries.kept import kept_files, shelf
from ecokg.queries.warm import warm, warmed

HERE = Path(__file__).resolve().parents[1]
PROSPECTS = HERE / "audiences" / "data" / "prospects.yaml"

#: The listings answered at commit, with their defaults and other values.
CASES: list[tuple[str, dict[str, str]]] = [
    ("agreements", {}),
    ("agreements", {"party": "BioForward"}),
    ("events-in-period", {}),
    ("events-in-period", {"from": "2024-10-28"}),
    ("events-in-period", {"from": "2024-10-01", "to": "2024-10-29"}),
    ("sector-organisations", {}),
    ("sector-organisations", {"sector": "eks:energy"}),
    ("neighbourhood", {}),
    ("neighbourhood", {"entity": "Nicolas Paris", "hops": "1"}),
    ("neighbourhood", {"entity": "ekr:wisconsin", "hops": "3"}),
    ("missing-data", {}),
    ("territory-links", {}),
    ("territory-links", {"a": "Wisconsin", "b": "Bourgogne-Franche-Comté"}),
]
PAGES: list[tuple[int | None, int]] = [(None, 0), (3, 0), (3, 2), (100, 0), (1, 7), (5, 1000)]

#: An internal note (docs/audiences.md): an organisation only the internal audience may see.
INTERNAL = """\
ecokg: 1
document: {id: team-notes-2024, type: Dataset, title: {en: Team notes}, language: en, sensitivity: internal}
quotes: {q: "Plimbleton Labs, a biotechnology company in Madison, asked to meet the region."}
entities:
  - id: plimbleton-labs
    type: Company
    label: Plimbleton Labs
    quote: q
    based_in: madison
    sectors: biotechnology
  - id: meeting-plimbleton
    type: Meeting
    label: Meeting with Plimbleton Labs
    quote: q
    date: 2024-10-29
    location: madison
    participants: [plimbleton-labs, region-bfc]
"""
MARKER = "plimbleton"


class Unkept(Backend):
    """A disk store's Oxigraph store as a plain backend: its answers computed, nothing kept."""

    description = "unkept"

    def __init__(self, disk: Backend) -> None:
        self.disk = disk

    def oxigraph(self) -> Any:
        return self.disk.oxigraph()


def afresh(kg: KnowledgeGraph) -> KnowledgeGraph:
    return KnowledgeGraph(Unkept(kg.backend))


@pytest.fixture(scope="module")
def kept_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed on disk (its listings answered at commit). Read-only: do not write to it."""
    path = tmp_path_factory.mktemp("kept") / "store"
    with KnowledgeGraph.open(path) as kg:
        kg.build()
    return path


def _same(page: Any, reference: Any) -> None:
    assert (page.columns, page.rows, page.total, page.offset) == (
        reference.columns, reference.rows, reference.total, reference.offset)


def test_the_listings_are_answered_at_commit(kept_store: Path) -> None:
    names = {q.name for q in warmed()}
    assert {"agreements", "events-in-period", "sector-organisations", "neighbourhood", "missing-data",
            "territory-links"} <= names
    with KnowledgeGraph.open(kept_store, create=False) as kg:
        files = kept_files(kg.backend)
        assert sorted(f.name.rsplit("-", 1)[0] for f in files) == sorted(names)
        assert all(f.parent.parent.name == f"{current_generation(kept_store)}.cache" for f in files)
        # What a viewer opens first comes from them: no query, no name looked up.
        for name in names:
            assert kg.query(name, limit=100).kept
        assert "names" not in kg.backend.memo


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{'-'.join(p.values()) or 'default'}" for n, p in CASES])
def test_a_kept_page_is_the_page_computed_afresh(kept_store: Path, name: str, params: dict[str, str]) -> None:
    with KnowledgeGraph.open(kept_store, create=False) as kg:
        fresh = afresh(kg)
        whole = fresh.query(name, **params)
        assert not whole.kept and shelf(fresh.backend) is None
        kg.query(name, **params)  # computed and kept unless it was at commit
        for limit, offset in PAGES:
            page = kg.query(name, limit=limit, offset=offset, **params)
            assert page.kept, (limit, offset)
            # The page computed (cut inside the query for a listing), and the whole result's slice.
            reference = fresh.query(name, limit=limit, offset=offset, **params) if limit is not None else whole
            _same(page, reference)
            assert page.rows == whole.rows[offset: None if limit is None else offset + limit]
            assert page.total == len(whole)
        assert len(whole) > 0


def test_a_second_process_reads_what_the_first_kept(kept_store: Path) -> None:
    script = (
        "import json, sys\n"
        "from ecokg import KnowledgeGraph\n"
        "kg = KnowledgeGraph.open(sys.argv[1], create=False)\n"
        "r = kg.query('neighbourhood', limit=5, offset=1)\n"
        "print(json.dumps({'kept': r.kept, 'total': r.total, 'names': 'names' in kg.backend.memo,\n"
        "                  'rows': [[None if v is None else v.n3() for v in row] for row in r.rows]}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(kept_store)], capture_output=True, text=True, timeout=120,
                          check=True)
    found = json.loads(done.stdout)
    with KnowledgeGraph.open(kept_store, create=False) as kg:
        reference = afresh(kg).query("neighbourhood", limit=5, offset=1)
    assert found["kept"] is True and found["names"] is False  # read without looking up Gilson's name
    assert found["total"] == reference.total
    assert found["rows"] == [[None if v is None else v.n3() for v in row] for row in reference.rows]


def _fresh(kg: KnowledgeGraph, name: str, **params: str) -> Any:
    """``name`` computed afresh on ``kg``'s generation (its kept answers removed first)."""
    for path in kept_files(kg.backend):
        path.unlink()
    result = kg.query(name, **params)
    assert not result.kept
    return result


def test_a_new_generation_never_reads_an_older_ones_answers(disk_kg: KnowledgeGraph, store_path: Path,
                                                           tmp_path: Path) -> None:
    first = current_generation(store_path)
    events = disk_kg.query("events-in-period")
    assert events.kept and MARKER not in str(events.rows).lower()
    organisations = disk_kg.query("sector-organisations", limit=2)
    assert organisations.kept and organisations.total == 4

    note = tmp_path / "team-notes.yaml"
    note.write_text(INTERNAL, encoding="utf-8")
    disk_kg.load([note])  # build --append
    second = current_generation(store_path)
    assert second != first
    events = disk_kg.query("events-in-period")
    assert events.kept and "meeting-plimbleton" in str(events.rows)  # answered at this commit
    assert disk_kg.query("sector-organisations", limit=2).total == 5
    assert {p.parent.parent.name for p in kept_files(disk_kg.backend)} == {f"{second}.cache"}
    assert events.rows == _fresh(disk_kg, "events-in-period").rows

    # Reasoning changes the inferred graph, which the neighbourhood reads: its answers are made
    # again on the new generation, not carried over from the last.
    before = disk_kg.query("neighbourhood")
    disk_kg.reason()
    third = current_generation(store_path)
    assert third != second
    after = disk_kg.query("neighbourhood")
    assert after.kept and len(after) > len(before)
    files = kept_files(disk_kg.backend)
    assert files and all(f.stat().st_nlink == 1 and f.parent.parent.name == f"{third}.cache" for f in files)
    assert after.rows == _fresh(disk_kg, "neighbourhood").rows
    assert len(disk_kg.query("neighbourhood", include_inferred=False)) == len(before)

    # An erasure: the person is in no answer of the new generation, nor in any kept file.
    person = str(EKR["nicolas-paris"])
    assert person in str(disk_kg.query("neighbourhood").rows)
    forget(disk_kg.backend, EKR["nicolas-paris"])
    assert current_generation(store_path) != third
    rows = disk_kg.query("neighbourhood").rows
    assert person not in str(rows) and rows
    leftovers = [p for p in store_path.glob("*.cache/answers/*") if b"nicolas-paris" in p.read_bytes()]
    assert leftovers == []


def test_an_audience_never_reads_another_views_answers(tmp_path: Path) -> None:
    note = tmp_path / "team-notes.yaml"
    note.write_text(INTERNAL, encoding="utf-8")
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        kg.build([*seed_sources(), note, PROSPECTS])
        whole = kg.query("sector-organisations")
        assert whole.kept and MARKER in str(whole.rows).lower()  # answered at commit, for the whole store

        internal = kg.for_audience("internal")
        assert shelf(internal.backend) is not None and shelf(internal.backend) != shelf(kg.backend)
        first = internal.query("sector-organisations", limit=2)
        assert not first.kept  # the whole store's answer is not the internal view's
        assert not internal.query("sector-organisations").kept  # computed, and kept
        seen = internal.query("sector-organisations")
        assert seen.kept and MARKER in str(seen.rows).lower() and "zorblaxia" not in str(seen.rows).lower()

        public = kg.for_audience("public")
        assert not public.query("sector-organisations").kept
        for _ in range(2):  # read, in every page
            pages = [public.query("sector-organisations", limit=limit, offset=offset) for limit, offset in PAGES]
            rows = [row for page in pages for row in page.rows]
            assert rows and all(page.kept for page in pages) and MARKER not in str(rows).lower()
        answer = public.query("sector-organisations")
        assert answer.kept and answer.total == whole.total - 1  # Plimbleton Labs left out

        public_files = kept_files(public.backend)
        internal_files = kept_files(internal.backend)
        assert public_files and all(f.name.endswith("-for-public.jsonl") for f in public_files)
        assert internal_files and all(f.name.endswith("-for-internal.jsonl") for f in internal_files)
        assert not set(public_files) & set(internal_files) & set(kept_files(kg.backend))
        assert not any(MARKER.encode() in f.read_bytes() for f in public_files)

        # The internal view's file put where the public one is read: its key names another
        # audience, so it is not read, and the public answer is computed again.
        (theirs,) = [f for f in internal_files if f.name.startswith("sector-organisations-")]
        (ours,) = [f for f in public_files if f.name.startswith("sector-organisations-")]
        ours.write_bytes(theirs.read_bytes())
        page = public.query("sector-organisations", limit=100)
        assert not page.kept and MARKER not in str(page.rows).lower() and page.total == answer.total
        again = public.query("sector-organisations")
        assert not again.kept and MARKER not in str(again.rows).lower() and len(again) == answer.total
        assert MARKER.encode() not in ours.read_bytes()  # written again, the public view's


@pytest.mark.parametrize("damage", ["truncated", "flipped", "header", "empty", "rows"])
def test_a_damaged_file_is_computed_again(disk_kg: KnowledgeGraph, damage: str) -> None:
    (path,) = [f for f in kept_files(disk_kg.backend) if f.name.startswith("events-in-period-")]
    data = path.read_bytes()
    head, _, body = data.partition(b"\n")
    broken = {
        "truncated": data[:-10],
        "flipped": head + b"\n" + body.replace(b"Madison", b"Madisom", 1),
        "header": b"{not json" + data[1:],
        "empty": b"",
        # Well-formed, but fewer rows than its header says (the checksum made to match).
        "rows": _reheaded(head, body.split(b"\n", 1)[1]),
    }[damage]
    assert broken != data
    path.write_bytes(broken)
    reference = afresh(disk_kg).query("events-in-period", limit=3, offset=1)
    page = disk_kg.query("events-in-period", limit=3, offset=1)
    assert not page.kept  # cut inside the query
    _same(page, reference)
    assert not disk_kg.query("events-in-period").kept  # the whole result, computed and written anew
    again = disk_kg.query("events-in-period", limit=3, offset=1)
    assert again.kept
    _same(again, reference)


def _reheaded(head: bytes, body: bytes) -> bytes:
    import zlib

    header = json.loads(head)
    header.update(bytes=len(body), crc32=zlib.crc32(body))
    return json.dumps(header).encode() + b"\n" + body


def test_what_is_kept_has_bounds(disk_kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept, "MAX_ROWS", 3)
    big = disk_kg.query("events-in-period", **{"from": "2024-01-01"})  # 8 rows: over the bound
    assert len(big) == 8
    assert not disk_kg.query("events-in-period", limit=2, **{"from": "2024-01-01"}).kept
    small = disk_kg.query("agreements", party="BioForward")
    assert len(small) <= 3 and disk_kg.query("agreements", party="BioForward", limit=1).kept


def test_stores_without_generations_keep_nothing(seed_kg: KnowledgeGraph, remote_kg: KnowledgeGraph) -> None:
    for kg in (seed_kg, remote_kg):
        assert shelf(kg.backend) is None
        assert warm(kg.backend) == {}
        kg.query("agreements", limit=1)
        assert not kg.query("agreements", limit=1).kept


def test_the_time_given_at_commit_is_bounded(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOKG_WARM_SECONDS", "0")
    with KnowledgeGraph.open(store_path) as kg:
        kg.build()
        assert kept_files(kg.backend) == []
        assert not kg.query("agreements", limit=1).kept  # a page cut inside the query: nothing kept
        assert not kg.query("agreements", limit=1).kept
        assert not kg.query("agreements").kept  # the whole result: kept
        assert kg.query("agreements", limit=1).kept
        outcome = warm(kg.backend, seconds=60)
        assert outcome["agreements"] == "already kept"
        assert all(outcome[q.name].startswith("answered in ") for q in warmed() if q.name != "agreements")
        assert all(v.startswith("not answered: the time") for v in warm(kg.backend, seconds=0).values())


def test_the_cli_reads_the_kept_page(kept_store: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "ecokg", "query", "sector-organisations", "--limit", "2", "--offset", "1",
                           "-F", "json", "--store", str(kept_store)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "ECOKG_STORE": str(kept_store)}, check=True)
    with KnowledgeGraph.open(kept_store, create=False) as kg:
        reference = afresh(kg).query("sector-organisations", limit=2, offset=1)
    assert json.loads(done.stdout) == json.loads(reference.serialize("json"))


def test_answers_can_be_switched_off(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``ECOKG_KEEP_ANSWERS=0``: nothing kept at commit nor on use, every answer computed."""
    monkeypatch.setenv("ECOKG_KEEP_ANSWERS", "0")
    with KnowledgeGraph.open(store_path) as kg:
        kg.build()
        first, again = kg.query("agreements"), kg.query("agreements")
        assert not first.kept and not again.kept and first.rows == again.rows and len(first) > 0
        assert list(store_path.glob("*.cache/answers/*")) == []
