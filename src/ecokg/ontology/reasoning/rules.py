"""The ontology's axioms as OWL 2 RL rules, for the rule engine (:mod:`.engine`).

Each axiom of the ontology graph becomes rules whose predicates and classes are constants
(the OWL 2 RL rules of the W3C profile, section 4.3, instantiated on this ontology):
``ek:heldBy owl:inverseOf ek:holds`` gives ``?x ek:heldBy ?y → ?y ek:holds ?x`` and back.
The ontology's SWRL rules (DL-safe, Horn) are rules of the same kind. The contradictions
OWL 2 RL can find are rules with no head (:attr:`Rule.check` says what is wrong).

What is read: subClassOf, equivalentClass, intersectionOf, unionOf, someValuesFrom,
allValuesFrom, hasValue, max(Qualified)Cardinality 0 and 1, subPropertyOf,
equivalentProperty, inverseOf, domain, range, symmetric, transitive, propertyChainAxiom,
disjointWith, AllDisjointClasses, propertyDisjointWith, irreflexive, asymmetric,
functional and inverse-functional properties, complementOf, owl:Nothing, SWRL rules. Not
OWL 2 RL (left to HermiT): minimum cardinalities, such as ek:MultinationalOrganization's.
Terms are pyoxigraph terms: the engine reads and writes the store's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from ecokg.namespaces import OWL, RDF, RDFS, SWRL


class Var(str):
    """A rule variable (a ``str`` subclass, so never equal to a pyoxigraph term)."""

    __slots__ = ()


#: (subject, predicate, object); the predicate is always a constant.
Atom = tuple[Any, Any, Any]

@dataclass(frozen=True)
class Rule:
    """``body → head``; with no head, a contradiction described by ``check``."""

    name: str
    body: tuple[Atom, ...]
    head: tuple[Atom, ...] = ()
    check: str = ""


def _ox(term: Node) -> Any:
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        from ecokg.terms import to_ox  # base layer: allowed below the ontology

        return to_ox(term)
    raise TypeError(f"not a term: {term!r}")


def _items(graph: Graph, node: Node | None) -> list[Node]:
    return list(Collection(graph, node)) if node is not None else []


class _Compiler:
    """Walks the ontology graph once and collects the rules."""

    def __init__(self, graph: Graph) -> None:
        import pyoxigraph as ox

        self.g = graph
        self.type = ox.NamedNode(str(RDF.type))
        self.same = ox.NamedNode(str(OWL.sameAs))
        self.rules: list[Rule] = []
        self.skipped: list[str] = []

    def add(self, name: str, body: list[Atom], head: list[Atom] | None = None, check: str = "") -> None:
        self.rules.append(Rule(name, tuple(body), tuple(head or ()), check))

    def isa(self, x: Any, cls: Node) -> Atom:
        return (x, self.type, _ox(cls))

    def compile(self) -> list[Rule]:
        self._classes()
        self._properties()
        self._restrictions()
        self._disjointness()
        self._swrl()
        return self.rules

    # --- classes ----------------------------------------------------------------------
    def _classes(self) -> None:
        g, x = self.g, Var("x")
        for c, d in g.subject_objects(RDFS.subClassOf):
            self.add("cax-sco", [self.isa(x, c)], [self.isa(x, d)])
        for c, d in g.subject_objects(OWL.equivalentClass):
            self.add("cax-eqc1", [self.isa(x, c)], [self.isa(x, d)])
            self.add("cax-eqc2", [self.isa(x, d)], [self.isa(x, c)])
        for c, members in g.subject_objects(OWL.intersectionOf):
            parts = _items(g, members)
            self.add("cls-int1", [self.isa(x, m) for m in parts], [self.isa(x, c)])
            for m in parts:
                self.add("cls-int2", [self.isa(x, c)], [self.isa(x, m)])
        for c, members in g.subject_objects(OWL.unionOf):
            for m in _items(g, members):
                self.add("cls-uni", [self.isa(x, m)], [self.isa(x, c)])
        for c, other in g.subject_objects(OWL.complementOf):
            self.add("cls-com", [self.isa(x, c), self.isa(x, other)],
                     check=f"an individual is in a class and in its complement ({_name(c)}, {_name(other)})")
        self.add("cls-nothing2", [self.isa(x, OWL.Nothing)], check="an individual is of type owl:Nothing")

    # --- properties -------------------------------------------------------------------
    def _properties(self) -> None:
        g = self.g
        x, y, z = Var("x"), Var("y"), Var("z")
        for p, q in g.subject_objects(RDFS.subPropertyOf):
            if isinstance(p, URIRef) and isinstance(q, URIRef):
                self.add("prp-spo1", [(x, _ox(p), y)], [(x, _ox(q), y)])
        for p, q in g.subject_objects(OWL.equivalentProperty):
            self.add("prp-eqp1", [(x, _ox(p), y)], [(x, _ox(q), y)])
            self.add("prp-eqp2", [(x, _ox(q), y)], [(x, _ox(p), y)])
        for p, q in g.subject_objects(OWL.inverseOf):
            if isinstance(p, URIRef) and isinstance(q, URIRef):
                self.add("prp-inv1", [(x, _ox(p), y)], [(y, _ox(q), x)])
                self.add("prp-inv2", [(x, _ox(q), y)], [(y, _ox(p), x)])
        for p, c in g.subject_objects(RDFS.domain):
            self.add("prp-dom", [(x, _ox(p), y)], [self.isa(x, c)])
        for p, c in g.subject_objects(RDFS.range):
            if (p, RDF.type, OWL.DatatypeProperty) not in g:  # a literal is no individual
                self.add("prp-rng", [(x, _ox(p), y)], [self.isa(y, c)])
        for p in g.subjects(RDF.type, OWL.SymmetricProperty):
            self.add("prp-symp", [(x, _ox(p), y)], [(y, _ox(p), x)])
        for p in g.subjects(RDF.type, OWL.TransitiveProperty):
            self.add("prp-trp", [(x, _ox(p), y), (y, _ox(p), z)], [(x, _ox(p), z)])
        for p, chain in g.subject_objects(OWL.propertyChainAxiom):
            links = _items(g, chain)
            if all(isinstance(link, URIRef) for link in links):
                names = [Var(f"v{i}") for i in range(len(links) + 1)]
                body = [(names[i], _ox(link), names[i + 1]) for i, link in enumerate(links)]
                self.add("prp-spo2", body, [(names[0], _ox(p), names[-1])])
            else:
                self.skipped.append(f"the chain of {_name(p)} (an inverse in it)")
        for p in g.subjects(RDF.type, OWL.IrreflexiveProperty):
            self.add("prp-irp", [(x, _ox(p), x)], check=f"{_name(p)} is irreflexive but links an individual to itself")
        for p in g.subjects(RDF.type, OWL.AsymmetricProperty):
            self.add("prp-asyp", [(x, _ox(p), y), (y, _ox(p), x)],
                     check=f"{_name(p)} is asymmetric but links two individuals both ways")
        for p in g.subjects(RDF.type, OWL.FunctionalProperty):
            if (p, RDF.type, OWL.DatatypeProperty) not in g:
                self.add("prp-fp", [(x, _ox(p), y), (x, _ox(p), z)], [(y, self.same, z)],
                         check=f"{_name(p)} is functional")
        for p in g.subjects(RDF.type, OWL.InverseFunctionalProperty):
            self.add("prp-ifp", [(x, _ox(p), z), (y, _ox(p), z)], [(x, self.same, y)],
                     check=f"{_name(p)} is inverse-functional")
        for p, q in g.subject_objects(OWL.propertyDisjointWith):
            self.add("prp-pdw", [(x, _ox(p), y), (x, _ox(q), y)],
                     check=f"{_name(p)} and {_name(q)} are disjoint properties but link the same pair")

    # --- restrictions -----------------------------------------------------------------
    def _restrictions(self) -> None:
        g = self.g
        x, y = Var("x"), Var("y")
        for r in g.subjects(RDF.type, OWL.Restriction):
            p = g.value(r, OWL.onProperty)
            if not isinstance(p, URIRef):
                self.skipped.append("a restriction on an inverse property")
                continue
            prop = _ox(p)
            for c in g.objects(r, OWL.someValuesFrom):
                if c == OWL.Thing:
                    self.add("cls-svf2", [(x, prop, y)], [self.isa(x, r)])
                else:
                    self.add("cls-svf1", [(x, prop, y), self.isa(y, c)], [self.isa(x, r)])
            for c in g.objects(r, OWL.allValuesFrom):
                self.add("cls-avf", [self.isa(x, r), (x, prop, y)], [self.isa(y, c)])
            for v in g.objects(r, OWL.hasValue):
                self.add("cls-hv1", [self.isa(x, r)], [(x, prop, _ox(v))])
                self.add("cls-hv2", [(x, prop, _ox(v))], [self.isa(x, r)])
            on_class = g.value(r, OWL.onClass)
            for kind, qualified in ((OWL.maxCardinality, False), (OWL.maxQualifiedCardinality, True)):
                for n in g.objects(r, kind):
                    self._max(r, prop, int(str(n)), on_class if qualified else None)
            for kind in (OWL.minCardinality, OWL.minQualifiedCardinality, OWL.cardinality, OWL.qualifiedCardinality):
                if (r, kind, None) in g:
                    self.skipped.append(f"the {kind.split('#')[-1]} restriction on {_name(p)}")

    def _max(self, r: Node, prop: Any, n: int, on_class: Node | None) -> None:
        x, y, z = Var("x"), Var("y"), Var("z")
        typed = on_class is not None and on_class != OWL.Thing

        def of(v: Any) -> list[Atom]:
            return [self.isa(v, on_class)] if on_class is not None and typed else []

        where = f"at most {n} {_name(on_class) if typed else 'value'} by {prop.value.rsplit('#', 1)[-1]}"
        if n == 0:
            self.add("cls-maxqc1" if typed else "cls-maxc1", [self.isa(x, r), (x, prop, y), *of(y)],
                     check=f"an individual has a value it may not have ({where})")
        elif n == 1:
            self.add("cls-maxqc3" if typed else "cls-maxc2",
                     [self.isa(x, r), (x, prop, y), *of(y), (x, prop, z), *of(z)], [(y, self.same, z)],
                     check=f"an individual has two distinct values where it may have {where}")

    # --- contradictions ---------------------------------------------------------------
    def _disjointness(self) -> None:
        g, x = self.g, Var("x")
        pairs: set[tuple[Node, Node]] = set()
        for a, b in g.subject_objects(OWL.disjointWith):
            pairs.add(tuple(sorted((a, b), key=str)))  # type: ignore[arg-type]
        for node in g.subjects(RDF.type, OWL.AllDisjointClasses):
            members = _items(g, g.value(node, OWL.members))
            pairs |= {tuple(sorted((a, b), key=str)) for a in members for b in members if a != b}  # type: ignore[misc]
        for a, b in sorted(pairs, key=str):
            self.add("cax-dw", [self.isa(x, a), self.isa(x, b)],
                     check=f"{_name(a)} and {_name(b)} are disjoint classes")

    def _swrl(self) -> None:
        g = self.g
        for imp in g.subjects(RDF.type, SWRL.Imp):
            try:
                body = [self._swrl_atom(a) for a in _items(g, g.value(imp, SWRL.body))]
                head = [self._swrl_atom(a) for a in _items(g, g.value(imp, SWRL.head))]
            except ValueError as unsupported:
                self.skipped.append(f"a SWRL rule with {unsupported}")
                continue
            self.add("swrl", body, head)

    def _swrl_atom(self, atom: Node) -> Atom:
        g = self.g

        def arg(name: URIRef) -> Any:
            value = g.value(atom, name)
            if value is None:
                raise ValueError("an atom missing an argument")
            return Var(str(value)) if (value, RDF.type, SWRL.Variable) in g else _ox(value)

        kind = g.value(atom, RDF.type)
        if kind == SWRL.ClassAtom:
            return self.isa(arg(SWRL.argument1), g.value(atom, SWRL.classPredicate))  # type: ignore[arg-type]
        if kind in (SWRL.IndividualPropertyAtom, SWRL.DatavaluedPropertyAtom):
            return (arg(SWRL.argument1), _ox(g.value(atom, SWRL.propertyPredicate)), arg(SWRL.argument2))  # type: ignore[arg-type]
        raise ValueError(f"a {str(kind).rsplit('#', 1)[-1]} atom")


def _name(term: Node | None) -> str:
    text = str(term)
    return text.rsplit("#", 1)[-1] if isinstance(term, URIRef) else "a class expression"


@dataclass(frozen=True)
class RuleSet:
    """The rules of an ontology, and what in it the rules leave out (said in the output)."""

    rules: tuple[Rule, ...]
    skipped: tuple[str, ...]

    def checks(self) -> list[str]:
        """The kinds of contradiction checked, by OWL 2 RL rule name."""
        return sorted({r.name for r in self.rules if r.check})

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)


def compile_rules(graph: Graph, *, swrl: bool = True) -> RuleSet:
    """The OWL 2 RL rules of ``graph`` (an ontology), with its SWRL rules unless ``swrl`` is False."""
    compiler = _Compiler(graph)
    rules = compiler.compile()
    if not swrl:
        rules = [r for r in rules if r.name != "swrl"]
    return RuleSet(tuple(rules), tuple(sorted(set(compiler.skipped))))


@cache
def ontology_rules(swrl: bool = True) -> RuleSet:
    """The rules of the ecokg ontology (compiled once a process)."""
    from ecokg.ontology import ontology_graph

    return compile_rules(ontology_graph(), swrl=swrl)
