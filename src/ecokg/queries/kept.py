"""The catalogue's answers kept with the generation they were computed from (issue 21).

A generation of the disk store never changes once written, so a catalogue query's whole
result computed on it is never stale. It is kept beside that generation, one file per
question (``gen-NNNNNN.cache/answers/NAME-DIGEST.jsonl``), and a page (``limit``/``offset``)
is then a slice of it with its total: reading a kept listing of a few thousand rows takes a
few milliseconds where finding, labelling and ordering them takes hundreds.

What a file answers is its *key*: the query's name and a digest of the text run (variant,
fragments and label lookups included), the values bound (after resolution: ``Gilson`` and
``ekr:gilson`` are one entry), the label language, ``include_inferred``, the ecokg version,
the generation, and who sees it: the whole store, or an audience's view
(:class:`ecokg.graph.audience.AudienceBackend`), whose files carry ``-for-AUDIENCE`` and whose
keys name it, so no view ever reads what another computed. The key is written in the file's
first line and compared when it is read.

The file is JSON lines: that header (key, columns, number of rows, the rows' bytes and their
CRC-32), then one row a line. It is written all at once (:func:`ecokg.files.atomic_write`: a
half-written file is never read); a file whose header, size or checksum does not match is
ignored and computed again, never an error. Only complete results are kept (a query stopped
by its time limit raises before anything is written), and only up to :data:`MAX_ROWS` rows and
:data:`MAX_BYTES` bytes a result, :data:`MAX_FOLDER_BYTES` a generation. Remote and in-memory
stores keep nothing (a remote store can change under us; a memory store has no generation),
nor any store with ``ECOKG_KEEP_ANSWERS=0`` (``bench.first_pages`` sets it unless ``--kept``).
Older generations' answers go with their generation; ``ecokg reason`` does not carry them over
to the new one (``network.cache.carried_over`` moves the projection only): they read
inferred facts.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier, Node

from ecokg.errors import EcokgError, QueryError

if TYPE_CHECKING:
    from ecokg.graph.store import Backend
    from ecokg.queries.result import QueryResult

#: Bump when what a file holds changes: older files are then ignored.
KEPT_FORMAT = 1
#: The largest result kept (rows; bytes of its rows as written): a bigger one is computed each time.
MAX_ROWS = 100_000
MAX_BYTES = 32 * 2**20
#: What one generation keeps at most (bytes): past it, new answers are not written.
MAX_FOLDER_BYTES = 256 * 2**20
FOLDER = "answers"
#: Who sees the whole store (an audience's view is named by its audience).
WHOLE_STORE = "store"

Fresh = Callable[[int | None, int, float], "QueryResult"]


@dataclass(frozen=True)
class Shelf:
    """Where one view of one generation keeps its answers."""

    folder: Path
    generation: str
    audience: str  # WHOLE_STORE, or the audience of a restricted view

    def key(self, name: str, text: str, bindings: Mapping[str, Identifier], lang: str,
            include_inferred: bool) -> dict[str, Any]:
        """What an answer answers (compared whole when its file is read)."""
        from ecokg.version import __version__

        return {
            "format": KEPT_FORMAT, "ecokg": __version__, "generation": self.generation, "audience": self.audience,
            "query": name, "text": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "bindings": [[k, bindings[k].n3()] for k in sorted(bindings)], "lang": lang,
            "include_inferred": bool(include_inferred),
        }

    def path(self, key: Mapping[str, Any]) -> Path:
        digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode("utf-8")).hexdigest()[:32]
        name = re.sub(r"[^a-z0-9-]", "_", str(key["query"]).lower())[:60]
        seen_by = "" if self.audience == WHOLE_STORE else f"-for-{self.audience}"
        return self.folder / f"{name}-{digest}{seen_by}.jsonl"

    def read(self, key: Mapping[str, Any], limit: int | None = None, offset: int = 0) -> QueryResult | None:
        """Rows ``offset`` to ``offset + limit`` of the kept answer with its total; None when
        none is kept or its file is damaged."""
        from ecokg.queries.result import QueryResult

        if (limit is not None and limit < 0) or offset < 0:
            raise QueryError(f"a page's limit and offset must be 0 or more (limit {limit}, offset {offset})")
        started = time.perf_counter()
        try:
            data = self.path(key).read_bytes()
        except OSError:
            return None
        try:
            head, _, body = data.partition(b"\n")
            header = json.loads(head)
            if header["key"] != key or len(body) != header["bytes"] or zlib.crc32(body) != header["crc32"]:
                return None
            lines = body.split(b"\n")  # the body ends with a newline: the last item is empty
            total, columns = int(header["rows"]), [str(c) for c in header["columns"]]
            if len(lines) != total + 1 or lines[-1]:
                return None
            end = total if limit is None else min(total, offset + limit)
            made: dict[Any, Node | None] = {}  # a term met again (a status, a label) is made once
            rows = [tuple(made[k] if (k := _hashable(cell)) in made else made.setdefault(k, _term(cell))
                          for cell in json.loads(line)) for line in lines[offset:end]]
            if any(len(row) != len(columns) for row in rows):
                return None
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None  # damaged: computed again (and written anew)
        result = QueryResult(columns, rows, seconds=time.perf_counter() - started)
        result.kept = True
        return result.as_page(total, offset)

    def keep(self, key: Mapping[str, Any], result: QueryResult) -> bool:
        """Keep ``result`` (whole, complete) for ``key``; False when it is over the bounds or
        cannot be written (a store folder we may not write to just goes without)."""
        from ecokg.files import atomic_write

        if result.form != "SELECT" or len(result.rows) > MAX_ROWS:
            return False
        try:
            body = "".join(json.dumps([_cell(v) for v in row], ensure_ascii=False, separators=(",", ":")) + "\n"
                           for row in result.rows).encode("utf-8")
        except (TypeError, ValueError):
            return False  # a term this format does not write: not kept
        if len(body) > MAX_BYTES or self._used() + len(body) > MAX_FOLDER_BYTES:
            return False
        # ensure_ascii=False: the labels stay readable bytes, which `ecokg forget`'s search for
        # traces of a person finds.
        header = json.dumps({"key": key, "columns": list(result.columns), "rows": len(result.rows),
                             "bytes": len(body), "crc32": zlib.crc32(body)}, ensure_ascii=False)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with atomic_write(self.path(key)) as handle:
                handle.write(header.encode("utf-8") + b"\n" + body)
        except (OSError, EcokgError):
            return False
        return True

    def _used(self) -> int:
        try:
            with os.scandir(self.folder) as entries:
                return sum(e.stat().st_size for e in entries if e.is_file())
        except OSError:
            return 0


def shelf(backend: Backend) -> Shelf | None:
    """Where ``backend``'s answers are kept; None for a store that keeps none (remote, in memory,
    nothing built yet)."""
    from ecokg.graph.audience import AudienceBackend
    from ecokg.graph.store import DiskBackend

    if os.environ.get("ECOKG_KEEP_ANSWERS", "").strip() == "0":
        return None  # switched off: every answer computed (timing the queries themselves)
    audience, generation = WHOLE_STORE, None
    if isinstance(backend, AudienceBackend):
        # The generation the view holds, not the one its store has moved on to since.
        audience, generation, backend = backend.audience, backend.generation_seen, backend.base
    if not isinstance(backend, DiskBackend) or backend.generation is None:
        return None
    generation = generation or backend.generation
    return Shelf(backend.root / f"{generation}.cache" / FOLDER, generation, audience)


def answer(
    place: Shelf,
    key: Mapping[str, Any],
    fresh: Fresh,
    *,
    limit: int | None,
    offset: int,
    timeout: float,
    pageable: bool,
) -> QueryResult:
    """The page (or the whole result) from the kept answer; else the whole result computed
    by ``fresh(None, 0, timeout)``, kept, and cut.

    A page of a query that can cut its own page (``pageable``) and has no kept answer is cut
    inside the query, as before answers were kept, and nothing is kept: computing the whole
    result to keep it made that first page 1.5 to 4 times slower at a million triples (a
    listing's whole result with a value never asked). Its answer is kept when the whole
    result is asked, or at commit for the default values (:mod:`ecokg.queries.warm`).
    """
    found = place.read(key, limit, offset)
    if found is not None:
        return found
    paging = limit is not None or offset != 0
    if paging and pageable:
        return fresh(limit, offset, timeout)
    whole = fresh(None, 0, timeout)
    place.keep(key, whole)
    return whole.page(limit, offset) if paging else whole


def _cell(value: Node | None) -> Any:
    """A term as JSON: an IRI a string, a literal a list (its text, then ``@lang`` or its
    datatype), a blank node ``{"b": id}``."""
    if value is None:
        return None
    if isinstance(value, URIRef):
        return str(value)
    if isinstance(value, Literal):
        if value.language:
            return [str(value), "@" + value.language]
        return [str(value), str(value.datatype)] if value.datatype is not None else [str(value)]
    if isinstance(value, BNode):
        return {"b": str(value)}
    raise TypeError(f"not kept: {type(value).__name__}")


def _hashable(cell: Any) -> Any:
    return tuple(cell) if isinstance(cell, list) else ("_:", cell.get("b")) if isinstance(cell, dict) else cell


def _term(cell: Any) -> Node | None:
    if cell is None:
        return None
    if isinstance(cell, str):
        return URIRef(cell)
    if isinstance(cell, list):
        if len(cell) == 1:
            return Literal(cell[0])
        text, tag = cell
        return Literal(text, lang=tag[1:]) if tag.startswith("@") else Literal(text, datatype=URIRef(tag))
    if isinstance(cell, dict):
        return BNode(cell["b"])
    raise ValueError(f"not a kept term: {cell!r}")


def kept_files(backend: Backend) -> Sequence[Path]:
    """The answers kept for ``backend``'s view of its generation (for tests and `ecokg store` tools)."""
    place = shelf(backend)
    if place is None or not place.folder.is_dir():
        return []
    seen_by = "" if place.audience == WHOLE_STORE else f"-for-{place.audience}"
    return sorted(p for p in place.folder.glob("*.jsonl") if p.name.endswith(f"{seen_by}.jsonl")
                  and (seen_by or "-for-" not in p.name))


__all__ = ["FOLDER", "KEPT_FORMAT", "MAX_BYTES", "MAX_FOLDER_BYTES", "MAX_ROWS", "Shelf", "answer", "kept_files",
           "shelf"]
