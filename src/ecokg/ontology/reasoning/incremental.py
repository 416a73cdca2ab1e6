"""Reasoning over an addition only: what it adds, and what that touches (semi-naive).

A store reasoned with the OWL 2 RL rules keeps, in its ``inferred`` graph, the inferences
worth showing. When facts are added and none taken away, the closure of old and new is the
old closure plus what the new facts derive, joined with everything known: only the added
facts (the *delta*) and what they derive are matched against the rules, not the million
facts already closed. The stored graph is not the whole closure (it leaves out the types a
more specific type implies, and the facts about vocabulary terms); the one-atom rules put
those back first (:meth:`.engine._Evaluator.preload`), without the joins.

What then changes in the stored graph is computed for the entities touched (the subjects of
every new fact): their kept inferences now, against those stored. An asserted fact that was
inferred leaves the graph; a type made redundant by a new, more specific one too.

Not incremental (the caller runs the whole closure instead, :func:`ecokg.graph.reasoner`):
a load that replaces or removes facts (retraction would need to know which inferences lose
their last derivation), a stored ``inferred`` graph that HermiT or owlrl wrote (other rules),
a store small enough for HermiT, and a contradiction (the whole run explains it).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ecokg.namespaces import EK, EKR, RDF

OxTriple = tuple[Any, Any, Any]


@dataclass
class Increment:
    """What an addition changes in the stored ``inferred`` graph."""

    #: Inferred facts to add and to remove (pyoxigraph triples).
    added: set[OxTriple]
    removed: set[OxTriple]
    #: Entities whose inferences were recomputed.
    touched: int
    seconds: float
    clashes: list[tuple[str, str, tuple[Any, ...]]] = field(default_factory=list)
    equalities: int = 0
    started: datetime = field(default_factory=lambda: datetime.now(UTC))


def reason_increment(
    stored_given: set[OxTriple], stored_inferred: set[OxTriple], delta: set[OxTriple],
) -> Increment:
    """The change to the stored inferences when ``delta`` is added to ``stored_given``.

    ``stored_inferred``: the ``inferred`` graph's facts, made by the rules from ``stored_given``.
    """
    import pyoxigraph as ox

    from ecokg.ontology.reasoning import _ontology_triples
    from ecokg.ontology.reasoning.engine import new_facts, run_increment
    from ecokg.ontology.reasoning.rules import ontology_rules

    started_at = datetime.now(UTC)
    started = time.perf_counter()
    kind, country = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(EK.Country))
    given = stored_given | delta
    distinct = {s for s, p, o in given if p == kind and o == country}
    known: list[OxTriple] = [*stored_given, *stored_inferred, *_ontology_triples()]
    closure, subjects = run_increment(known, delta, ontology_rules(), distinct, given)
    ekr = str(EKR)
    # A delta fact already known (inferred before, asserted now) is not new to the closure,
    # but its subject's kept inferences change: it is no longer one.
    subjects |= {s for s, _, _ in delta}
    touched = {s for s in subjects if isinstance(s, ox.NamedNode) and s.value.startswith(ekr)}
    now = new_facts(closure, touched) if not closure.clashes else set()
    before = {t for t in stored_inferred if t[0] in touched}
    return Increment(
        added=now - before, removed=before - now, touched=len(touched),
        seconds=time.perf_counter() - started, clashes=closure.clashes, equalities=closure.equalities,
        started=started_at,
    )


def entity_count(facts: Iterable[OxTriple]) -> int:
    """Distinct entities (``ekr:`` subjects) among ``facts``."""
    ekr = str(EKR)
    return len({s for s, _, _ in facts if s.value.startswith(ekr)})


__all__ = ["Increment", "entity_count", "reason_increment"]
