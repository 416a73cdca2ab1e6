"""The catalogue's listings answered at commit, so that a viewer's first page reads them (issue 21).

After each write through ``KnowledgeGraph`` (``build``, ``build --append``, ``reason``), the
queries a viewer opens first and that are slow on a large store are run on the new generation
with their default parameters, in English, inferences included (what the explorer and
``ecokg query NAME`` show first), for the whole store's view, and their answers kept
(:mod:`ecokg.queries.kept`). Those queries are the listings (a ``# page`` mark) and the ones
named in :data:`SLOW`. The whole takes at most ``ECOKG_WARM_SECONDS`` (default
:data:`WARM_SECONDS`); what is left when it runs out is computed on first use. A default that
names nothing in the store (the seed's Gilson in another dataset) is skipped.
"""

from __future__ import annotations

import logging
import os
import time
from typing import TYPE_CHECKING

from ecokg.errors import EcokgError
from ecokg.queries.catalog import NamedQuery, catalog, run_query
from ecokg.queries.kept import shelf
from ecokg.queries.paging import PAGE_MARK

if TYPE_CHECKING:
    from ecokg.graph.store import Backend

log = logging.getLogger("ecokg.queries")

#: Queries without a ``# page`` mark whose first page took over 50 ms at a million triples
#: (docs/performance.md).
SLOW = ("missing-data", "territory-links")
#: The time one commit gives them, in seconds (``ECOKG_WARM_SECONDS``; 0: none).
WARM_SECONDS = 20.0


def warmed() -> list[NamedQuery]:
    """The queries answered at commit."""
    return [q for q in catalog() if q.form == "SELECT" and (PAGE_MARK.search(q.text) or q.name in SLOW)]


def budget() -> float:
    raw = os.environ.get("ECOKG_WARM_SECONDS", "")
    try:
        return max(0.0, float(raw)) if raw.strip() else WARM_SECONDS
    except ValueError:
        log.warning("ECOKG_WARM_SECONDS=%r is not a number of seconds: %g s used", raw, WARM_SECONDS)
        return WARM_SECONDS


def warm(backend: Backend, seconds: float | None = None) -> dict[str, str]:
    """Answer :func:`warmed` on ``backend``'s generation and keep the answers, within ``seconds``
    (default :func:`budget`): each query's outcome (``answered in N s``, ``already kept``, or why not).
    Nothing for a store that keeps no answers (remote, in memory)."""
    if shelf(backend) is None:
        return {}
    deadline = time.monotonic() + (budget() if seconds is None else seconds)
    outcome: dict[str, str] = {}
    for query in warmed():
        left = deadline - time.monotonic()
        if left <= 0:
            outcome[query.name] = "not answered: the time given at commit ran out"
            continue
        started = time.monotonic()
        try:
            result = run_query(backend, query, {}, timeout=left)
        except EcokgError as exc:  # a default naming nothing here, its time limit: computed on first use
            outcome[query.name] = f"not answered: {exc}"
            continue
        outcome[query.name] = "already kept" if result.kept else f"answered in {time.monotonic() - started:.2f} s"
    log.info("answers kept at commit: %s", outcome)
    return outcome


__all__ = ["SLOW", "WARM_SECONDS", "budget", "warm", "warmed"]
