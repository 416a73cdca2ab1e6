"""The time limit stops a query that has not produced its first row yet (a sort, an aggregate)."""

from __future__ import annotations

import time

import pytest

from ecokg import KnowledgeGraph
from ecokg.errors import QueryError

# A sort of every typed node against every triple (seconds): nothing is yielded before it ends.
SLOW = "SELECT ?a ?d WHERE { ?a a ?t . ?d ?e ?f } ORDER BY DESC(STR(?f)) LIMIT 1"


def test_the_bound_holds_before_the_first_row(seed_kg: KnowledgeGraph) -> None:
    started = time.perf_counter()
    with pytest.raises(QueryError, match=r"stopped after 0.3 s \(its time limit\)"):
        seed_kg.sparql(SLOW, timeout=0.3)
    # Checking the clock between rows only would have waited for the whole sort.
    assert time.perf_counter() - started < 2.5
    # The store answers the next query as usual.
    assert seed_kg.sparql("ASK { ?s a ek:Person }").ask is True
