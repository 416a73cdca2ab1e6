"""A page of a listing query cut inside the query, before its labels and sources are joined.

A catalogue query that lists many rows finds, in one sub-select, the rows it answers
without what it only shows of them (labels, latest statuses, lists of places), and marks
that sub-select with a ``# page`` line just before its closing brace::

    SELECT ?event ?eventLabel ?start WHERE {
      { SELECT ?event ?start WHERE { ... }
        # page
      }
      # include: latest-status ?event
    }
    ORDER BY ?start ?event

Run whole, the mark is a comment. For a page (``limit``/``offset``), the query's own
``ORDER BY`` is copied into the sub-select (which projects every variable it reads, and the
parameters it uses) with the page's ``LIMIT`` and ``OFFSET``, so the
engine sorts and cuts the sub-select's rows and looks up labels and sources for the page's
rows only; the total is a second query counting the sub-select's rows, run once for each
query and parameter values until the graph changes (``Backend.memo``), so that the next
pages cost their own query only. Both texts are the query's own plus fixed words and two
integers: values still reach the engine only as bindings.

That page is the whole result's, in its order, when the part outside the sub-select
gives one row for each of its rows; the catalogue's listings are written so (what could
give several, such as an event's two most specific types, is in the sub-select). Labels
are the exception a store can make: an entity with two labels in the asked language
(or none in it and two in others) gives one row per label. A store where that happens is
paged the old way (the whole result, then cut), and so is a page that does not come back
with the number of rows the count promised.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from rdflib import Literal
from rdflib.term import Identifier

from ecokg.errors import QueryError

if TYPE_CHECKING:
    from ecokg.graph.store import Backend
    from ecokg.queries.result import QueryResult

#: The line that marks the sub-select a page is cut in.
PAGE_MARK = re.compile(r"^[ \t]*#[ \t]*page[ \t]*$", re.M)
TOTAL = "ecokg__total"
LABEL_LINE = re.compile(r"^.*[ \t]#label[ \t]*\n", re.M)
#: Totals kept per backend (one per query text and parameter values), until the graph changes.
MAX_TOTALS = 256


def page_texts(text: str, limit: int | None, offset: int, bound: Mapping[str, Identifier]) -> tuple[str, str] | None:
    """(the page's text, the text counting every row) for ``text``; ``None`` without a ``# page`` mark.

    ``bound``: the variables the engine binds (only those the sub-select mentions are projected
    by the count, as Oxigraph substitutes projected variables only).
    """
    from ecokg.graph.sparqltext import matching, tokens

    mark = PAGE_MARK.search(text)
    if mark is None:
        return None
    toks = list(tokens(text, variables=True))
    close = next((k for k, (at, _) in enumerate(toks) if at > mark.start()), None)
    if close is None or toks[close][1] != "}":
        raise QueryError("a `# page` line must come just before the closing brace of a sub-select")
    depth, opening = 0, None
    for k in range(close - 1, -1, -1):
        if toks[k][1] == "}":
            depth += 1
        elif toks[k][1] == "{":
            if depth == 0:
                opening = k
                break
            depth -= 1
    if opening is None or opening + 1 >= len(toks) or toks[opening + 1][1].upper() != "SELECT":
        raise QueryError("a `# page` line must be inside a `{ SELECT ... }` sub-select")
    select = next(k for k, (_, t) in enumerate(toks) if t.upper() == "SELECT")
    where = next(k for k in range(select, len(toks)) if toks[k][1] == "{")
    end = matching(toks, where)
    order = next((k for k in range(end + 1, len(toks) - 1)
                  if toks[k][1].upper() == "ORDER" and toks[k + 1][1].upper() == "BY"), None)
    if order is None:
        raise QueryError("a query paged inside (`# page`) needs an ORDER BY: a page is a slice of an order")
    stop = next((toks[k][0] for k in range(order + 2, len(toks)) if toks[k][1].upper() in ("LIMIT", "OFFSET")),
                len(text))
    clause = " ".join(line.strip() for line in text[toks[order][0]:stop].splitlines()
                      if line.strip() and not line.strip().startswith("#"))
    cut = f"{clause}{'' if limit is None else f' LIMIT {int(limit)}'} OFFSET {int(offset)}"
    page = text[: mark.start()] + "    " + cut + text[mark.end():]
    # The count leaves out the label the order reads (fragments/label.rq): one label a node
    # (single_labels), so the same number of rows, without a lookup for each.
    group = LABEL_LINE.sub("", text[toks[opening][0] : toks[close][0] + 1])
    keys = "".join(f" ?{name}" for name in bound if _mentions(group, name))
    count = (text[: toks[select][0]] + f"SELECT (COUNT(*) AS ?{TOTAL}){keys} WHERE {{\n  {group}\n}}"
             + (f"\nGROUP BY{keys}" if keys else "") + "\n")
    return page, count


@lru_cache(maxsize=256)
def _mentions(text: str, name: str) -> bool:
    from ecokg.graph.sparqltext import tokens

    return any(tok == "?" + name for _, tok in tokens(text, variables=True))


def run_page(
    backend: Backend,
    text: str,
    bindings: dict[str, Identifier],
    limit: int | None,
    offset: int,
    *,
    lang: Literal,
    include_inferred: bool = True,
    timeout: float = 30.0,
) -> QueryResult | None:
    """Rows ``offset`` to ``offset + limit`` of ``text``'s result, cut inside the query, with the
    total; ``None`` when that is not known to be the whole result's slice (the caller then
    cuts the whole result)."""
    from ecokg.queries.result import run_sparql

    if (limit is not None and limit < 0) or offset < 0:
        raise QueryError(f"a page's limit and offset must be 0 or more (limit {limit}, offset {offset})")
    texts = page_texts(text, limit, offset, bindings)
    if texts is None:
        return None
    started = time.perf_counter()
    if not single_labels(backend, lang, include_inferred=include_inferred, timeout=timeout):
        return None
    page_text, count_text = texts
    total = _total(backend, count_text, bindings, include_inferred, max(timeout - (time.perf_counter() - started), 0.001))
    left = max(timeout - (time.perf_counter() - started), 0.001)
    result = run_sparql(backend, page_text, bindings, include_inferred=include_inferred, timeout=left)
    expected = max(0, total - offset) if limit is None else max(0, min(limit, total - offset))
    if len(result.rows) != expected:
        return None  # some row of the sub-select gave several: the whole result is cut instead
    result.seconds = time.perf_counter() - started
    return result.as_page(total, offset)


def _total(backend: Backend, text: str, bindings: Mapping[str, Identifier], include_inferred: bool, timeout: float) -> int:
    """How many rows the count ``text`` finds; kept with the backend until the graph changes, so
    that the next pages of a listing cost their own rows only."""
    from ecokg.queries.result import run_sparql

    bound = {k: v for k, v in bindings.items() if _mentions(text, k)}
    key = (include_inferred, text, tuple(sorted((k, v.n3()) for k, v in bound.items())))
    totals: dict[tuple[object, ...], int] = backend.memo.setdefault("paging-totals", {})
    total = totals.get(key)
    if total is None:
        counted = run_sparql(backend, text, bound, include_inferred=include_inferred, timeout=timeout)
        column = counted.columns.index(TOTAL)
        cell = counted.rows[0][column] if counted.rows else None
        total = int(cell.toPython()) if isinstance(cell, Literal) else 0
        if len(totals) >= MAX_TOTALS:
            totals.pop(next(iter(totals)))  # the oldest
        totals[key] = total
    return total


def single_labels(backend: Backend, lang: Literal, *, include_inferred: bool = True, timeout: float = 30.0) -> bool:
    """Whether the label service gives every node at most one label in ``lang`` (kept with the
    backend until the graph changes)."""
    from ecokg.queries.result import run_sparql

    key = f"paging-single-labels-{lang}-{include_inferred}"
    known: bool | None = backend.memo.get(key)
    if known is None:
        found = run_sparql(backend, _duplicate_labels(), {"lang": lang}, include_inferred=include_inferred,
                           timeout=timeout)
        known = backend.memo[key] = not found.rows
    return known


@lru_cache(maxsize=1)
def _duplicate_labels() -> str:
    return resources.files("ecokg.queries.fragments").joinpath("duplicate-labels.rq").read_text(encoding="utf-8")


__all__ = ["PAGE_MARK", "page_texts", "run_page", "single_labels"]
