"""The OWL 2 RL rule engine: the ontology's rules (:mod:`.rules`) run to a fixpoint.

Semi-naive evaluation: every fact, given or derived, is matched once against the rule atoms
that can take it (indexed by predicate, and by class for ``rdf:type``), and the rest of each
rule's body is joined through the facts' indexes (subject → objects and object → subjects
per predicate), most-bound atom first. A derived fact not yet known is queued, so the
closure is complete when the queue is empty, and no fact is matched twice. The data are the
entities' facts only (a tenth of a store, the rest being provenance), so a million-triple
store reasons in seconds.

Equality is not propagated: an ``owl:sameAs`` a rule concludes between two individuals known
to be distinct (the graph's countries) is a contradiction; between others it is counted and
said (the ecokg ontology has no functional property, so only its cardinality restrictions,
on countries, conclude equalities).
"""

from __future__ import annotations

import gc
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ecokg.namespaces import EK, EKR, OWL, RDF
from ecokg.ontology.reasoning.rules import Atom, Rule, RuleSet, Var

OxTriple = tuple[Any, Any, Any]

_EK = str(EK)
_EKR = str(EKR)
#: Stop collecting contradictions past this many (the first ones are the ones explained).
MAX_CLASHES = 50


class Facts:
    """A set of triples indexed by predicate, both ways."""

    def __init__(self) -> None:
        self.out: defaultdict[Any, defaultdict[Any, set[Any]]] = defaultdict(lambda: defaultdict(set))
        self.into: defaultdict[Any, defaultdict[Any, set[Any]]] = defaultdict(lambda: defaultdict(set))
        self.size = 0

    def add(self, s: Any, p: Any, o: Any) -> bool:
        """Add (s, p, o); False if it was there."""
        objects = self.out[p][s]
        if o in objects:
            return False
        objects.add(o)
        self.into[p][o].add(s)
        self.size += 1
        return True

    def has(self, s: Any, p: Any, o: Any) -> bool:
        by_s = self.out.get(p)
        return by_s is not None and o in by_s.get(s, ())

    def __iter__(self) -> Iterator[OxTriple]:
        for p, by_s in self.out.items():
            for s, objects in by_s.items():
                for o in objects:
                    yield s, p, o


@dataclass
class Closure:
    """What the rules derived from the facts, and the contradictions they met."""

    #: The facts, given and derived, as term numbers (``terms[n]`` is term ``n``).
    facts: Facts
    given: set[tuple[int, int, int]]
    terms: list[Any]
    #: (rule name, what it checks, the individuals involved)
    clashes: list[tuple[str, str, tuple[Any, ...]]] = field(default_factory=list)
    #: owl:sameAs conclusions between individuals not known to be distinct (not propagated).
    equalities: int = 0
    seconds: float = 0.0

    def triples(self) -> Iterator[OxTriple]:
        """Every fact of the closure, given or derived, as pyoxigraph triples."""
        terms = self.terms
        for s, p, o in self.facts:
            yield terms[s], terms[p], terms[o]


def _bind(atom: Atom, triple: OxTriple, binding: dict[str, Any]) -> dict[str, Any] | None:
    """``binding`` extended so that ``atom`` matches ``triple``, or None."""
    out = binding
    for a, t in ((atom[0], triple[0]), (atom[2], triple[2])):
        if isinstance(a, Var):
            bound = out.get(a)
            if bound is None:
                out = {**out, a: t}
            elif bound != t:
                return None
        elif a != t:
            return None
    return out


#: In a one-atom rule's head: the fact's subject, the fact's object.
_S, _O = object(), object()


@dataclass(frozen=True)
class _Simple:
    """A one-atom rule, compiled: what the fact must be, and its head in terms of s and o."""

    subject: Any  # a constant the subject must be, or None
    object: Any  # a constant the object must be, or None
    reflexive: bool  # the atom is (?x p ?x)
    heads: tuple[tuple[Any, Any, Any], ...]

    def matches(self, s: Any, o: Any) -> bool:
        return ((self.subject is None or s == self.subject) and (self.object is None or o == self.object)
                and (not self.reflexive or s == o))


def _simple(rule: Rule) -> _Simple:
    a, _, b = rule.body[0]

    def slot(term: Any) -> Any:
        if isinstance(term, Var):
            return _S if term == a else _O
        return term

    return _Simple(
        None if isinstance(a, Var) else a, None if isinstance(b, Var) else b,
        isinstance(a, Var) and a == b,
        tuple((slot(s), p, slot(o)) for s, p, o in rule.head),
    )


def _value(term: Any, binding: dict[str, Any]) -> Any:
    return binding.get(term) if isinstance(term, Var) else term


class _Evaluator:
    def __init__(self, rules: Iterable[Rule], distinct: set[int], type_: int, same: int) -> None:
        self.type, self.same = type_, same
        self.distinct = distinct
        self.facts = Facts()
        self.triggers: defaultdict[tuple[Any, Any], list[tuple[Rule, int]]] = defaultdict(list)
        #: One-atom rules (most of them: sub-classes, sub-properties, inverses, domains,
        #: ranges), applied without the join: a fact's subject and object go to the head.
        self.simple: defaultdict[tuple[Any, Any], list[_Simple]] = defaultdict(list)
        for rule in rules:
            key = self._key(rule.body[0][1], rule.body[0][2])
            if len(rule.body) == 1 and rule.head and all(h[1] != self.same for h in rule.head):
                self.simple[key].append(_simple(rule))
                continue
            for i, atom in enumerate(rule.body):
                self.triggers[self._key(atom[1], atom[2])].append((rule, i))

    def _key(self, p: Any, o: Any) -> tuple[Any, Any]:
        return (p, o) if p == self.type and not isinstance(o, Var) else (p, None)

    def solutions(self, atoms: list[Atom], binding: dict[str, Any]) -> Iterator[dict[str, Any]]:
        if not atoms:
            yield binding
            return
        # The most selective atom next: both ends bound, then one, then none.
        def bound(atom: Atom) -> int:
            return (_value(atom[0], binding) is not None) * 2 + (_value(atom[2], binding) is not None)

        best = max(range(len(atoms)), key=lambda k: bound(atoms[k]))
        atom, rest = atoms[best], atoms[:best] + atoms[best + 1:]
        s, p, o = _value(atom[0], binding), atom[1], _value(atom[2], binding)
        if s is not None and o is not None:
            if self.facts.has(s, p, o):
                yield from self.solutions(rest, binding)
            return
        if s is not None:
            candidates: Iterable[OxTriple] = ((s, p, x) for x in self.facts.out.get(p, {}).get(s, ()))
        elif o is not None:
            candidates = ((x, p, o) for x in self.facts.into.get(p, {}).get(o, ()))
        else:
            candidates = ((a, p, b) for a, objects in self.facts.out.get(p, {}).items() for b in objects)
        for triple in candidates:
            extended = _bind(atom, triple, binding)
            if extended is not None:
                yield from self.solutions(rest, extended)

    def preload(self, known: Iterable[OxTriple]) -> None:
        """Take ``known`` as facts already closed under the rules with joins: they are indexed
        for the joins of what comes next, but not matched against rules themselves. Only the
        one-atom rules are applied to them, to recover what a stored closure leaves out (the
        supertypes a more specific type implies, the types of vocabulary terms)."""
        queue = [t for t in known if self.facts.add(*t)]
        while queue:
            derived: list[OxTriple] = []
            for s, p, o in queue:
                key = self._key(p, o)
                keys = (key, (p, None)) if key[1] is not None else (key,)
                for k in keys:
                    for simple in self.simple.get(k, ()):
                        if simple.matches(s, o):
                            derived.extend(
                                (s if hs is _S else o if hs is _O else hs, hp, s if ho is _S else o if ho is _O else ho)
                                for hs, hp, ho in simple.heads
                            )
            queue = [t for t in derived if self.facts.add(*t)]

    def run(self, given: Iterable[OxTriple], closure: Closure, added: list[OxTriple] | None = None) -> None:
        """Add ``given`` and everything it derives (semi-naive); ``added``: every fact new to the
        index is appended there (given or derived)."""
        queue: list[OxTriple] = []
        for triple in given:
            if self.facts.add(*triple):
                queue.append(triple)
        while queue:
            if added is not None:
                added.extend(queue)
            derived: list[OxTriple] = []
            for triple in queue:
                s, p, o = triple
                key = self._key(p, o)
                for simple in self.simple.get(key, ()):
                    if simple.matches(s, o):
                        derived.extend(
                            (s if hs is _S else o if hs is _O else hs, hp, s if ho is _S else o if ho is _O else ho)
                            for hs, hp, ho in simple.heads
                        )
                if key[1] is not None:
                    for simple in self.simple.get((p, None), ()):
                        if simple.matches(s, o):
                            derived.extend(
                                (s if hs is _S else o if hs is _O else hs, hp, s if ho is _S else o if ho is _O else ho)
                                for hs, hp, ho in simple.heads
                            )
                matches = self.triggers.get(key, [])
                if p == self.type:
                    matches = matches + self.triggers.get((p, None), [])
                for rule, i in matches:
                    first = _bind(rule.body[i], triple, {})
                    if first is None:
                        continue
                    rest = [a for k, a in enumerate(rule.body) if k != i]
                    for binding in self.solutions(rest, first):
                        self._conclude(rule, binding, derived, closure)
            queue = [t for t in derived if self.facts.add(*t)]

    def _conclude(self, rule: Rule, binding: dict[str, Any], derived: list[OxTriple], closure: Closure) -> None:
        if not rule.head:
            self._clash(rule, set(binding.values()), closure)
            return
        for s, p, o in rule.head:
            s, o = _value(s, binding), _value(o, binding)
            if p == self.same:
                if s == o:
                    continue
                if s in self.distinct and o in self.distinct:
                    self._clash(rule, set(binding.values()), closure)
                else:
                    closure.equalities += 1
                continue
            derived.append((s, p, o))

    def _clash(self, rule: Rule, terms: set[Any], closure: Closure) -> None:
        clash = (rule.name, rule.check, tuple(sorted((closure.terms[n] for n in terms), key=str)))
        if len(closure.clashes) < MAX_CLASHES and clash not in closure.clashes:
            closure.clashes.append(clash)


class _Numbers:
    """Terms numbered as they come: the engine hashes and compares ints, cheaper than the
    pyoxigraph objects (each hash or comparison of those is a call into Rust)."""

    def __init__(self) -> None:
        self.ids: dict[Any, int] = {}
        self.terms: list[Any] = []

    def __call__(self, term: Any) -> Any:
        if isinstance(term, Var):
            return term
        number = self.ids.get(term)
        if number is None:
            number = self.ids[term] = len(self.terms)
            self.terms.append(term)
        return number

    def triple(self, triple: OxTriple) -> tuple[int, int, int]:
        return self(triple[0]), self(triple[1]), self(triple[2])

    def rule(self, rule: Rule) -> Rule:
        def atoms(group: tuple[Atom, ...]) -> tuple[Atom, ...]:
            return tuple((self(s), self(p), self(o)) for s, p, o in group)

        return Rule(rule.name, atoms(rule.body), atoms(rule.head), rule.check)


def run_increment(known: Iterable[OxTriple], delta: Iterable[OxTriple], rules: RuleSet, distinct: set[Any],
                  given: Iterable[OxTriple]) -> tuple[Closure, set[Any]]:
    """Semi-naive evaluation of an addition: ``known`` is a closure already computed (the
    stored facts and inferences, and the ontology's triples), ``delta`` the facts added. Only
    the delta, and what it derives, is matched against the rules, each joined with everything
    known. ``given``: every asserted fact, old and new (what :func:`new_facts` leaves out).
    Returns the closure and the subjects of every fact new to it (the entities whose kept
    inferences may have changed)."""
    import pyoxigraph as ox

    started = time.perf_counter()
    collecting = gc.isenabled()
    gc.disable()
    try:
        number = _Numbers()
        evaluator = _Evaluator(
            [number.rule(r) for r in rules], {number(d) for d in distinct},
            number(ox.NamedNode(str(RDF.type))), number(ox.NamedNode(str(OWL.sameAs))),
        )
        evaluator.preload(number.triple(t) for t in known)
        closure = Closure(evaluator.facts, {number.triple(t) for t in given}, number.terms)
        added: list[tuple[int, int, int]] = []
        evaluator.run([number.triple(t) for t in delta], closure, added)
    finally:
        if collecting:
            gc.enable()
    closure.seconds = time.perf_counter() - started
    return closure, {number.terms[s] for s, _, _ in added}


def run_rules(given: Iterable[OxTriple], rules: RuleSet, distinct: set[Any], extra: Iterable[OxTriple] = ()) -> Closure:
    """The closure of ``given`` (plus ``extra``, e.g. the ontology's own triples) under ``rules``.

    ``distinct``: individuals known to be pairwise different (an equality between two is a clash).
    """
    import pyoxigraph as ox

    started = time.perf_counter()
    # Millions of small tuples and no cycles: the cycle collector would only rescan them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        number = _Numbers()
        numbered = {number.triple(t) for t in given}
        evaluator = _Evaluator(
            [number.rule(r) for r in rules], {number(d) for d in distinct},
            number(ox.NamedNode(str(RDF.type))), number(ox.NamedNode(str(OWL.sameAs))),
        )
        closure = Closure(evaluator.facts, numbered, number.terms)
        evaluator.run([*numbered, *(number.triple(t) for t in extra)], closure)
    finally:
        if collecting:
            gc.enable()
    closure.seconds = time.perf_counter() - started
    return closure


@cache
def _superclasses() -> dict[Any, frozenset[Any]]:
    import pyoxigraph as ox

    from ecokg.ontology.reasoning.facts import superclasses

    return {ox.NamedNode(str(c)): frozenset(ox.NamedNode(str(d)) for d in ds) for c, ds in superclasses().items()}


def new_facts(closure: Closure, subjects: Iterable[Any] | None = None) -> set[OxTriple]:
    """The facts to store: derived, kept (as :func:`.facts.keep` says), and no type that a more specific
    type of the same entity implies (as owlrl's ``most_specific``); only those about ``subjects``
    (pyoxigraph terms) if given.

    Walks the facts predicate by predicate so that each term's IRI is read once.
    """
    import pyoxigraph as ox

    terms = closure.terms
    numbers = {term: n for n, term in enumerate(terms)}
    only = None if subjects is None else {numbers[t] for t in subjects if t in numbers}
    type_ = numbers.get(ox.NamedNode(str(RDF.type)), -1)
    given = closure.given
    supers = {numbers[c]: frozenset(numbers[d] for d in ds if d in numbers)
              for c, ds in _superclasses().items() if c in numbers}
    entity: dict[int, bool] = {}
    ek_class: dict[int, bool] = {}

    def is_entity(s: int) -> bool:
        known = entity.get(s)
        if known is None:
            term = terms[s]
            known = entity[s] = isinstance(term, ox.NamedNode) and term.value.startswith(_EKR)
        return known

    new: set[tuple[int, int, int]] = set()
    collecting = gc.isenabled()
    gc.disable()
    try:
        for p, by_s_all in closure.facts.out.items():
            by_s = by_s_all if only is None else {s: by_s_all[s] for s in only if s in by_s_all}
            if p == type_:
                for s, classes in by_s.items():
                    if not is_entity(s):
                        continue
                    asserted = {c for c in classes if (s, p, c) in given}
                    derived = []
                    for c in classes:
                        if c in asserted:
                            continue
                        kept = ek_class.get(c)
                        if kept is None:
                            term = terms[c]
                            kept = ek_class[c] = isinstance(term, ox.NamedNode) and term.value.startswith(_EK)
                        if kept:
                            derived.append(c)
                    every = asserted.union(derived)
                    new.update(
                        (s, p, c) for c in derived
                        if not any(c in supers.get(other, ()) for other in every if other != c)
                    )
            elif terms[p].value.startswith(_EK):
                for s, objects in by_s.items():
                    if is_entity(s):
                        new.update((s, p, o) for o in objects if o != s and (s, p, o) not in given)
        return {(terms[s], terms[p], terms[o]) for s, p, o in new}
    finally:
        if collecting:
            gc.enable()
