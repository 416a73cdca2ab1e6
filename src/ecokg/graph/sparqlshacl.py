"""The ecokg SHACL shapes compiled to SPARQL and run by Oxigraph (fast validation).

pySHACL evaluates shapes node by node in Python: about 36 s for 10,000 triples of
ecosystem data, hours at a million. The shapes in ``ontology/shapes.ttl`` use a
small part of SHACL (class and subjects-of targets; min/max count, class,
language and datatype constraints; ``sh:or`` of those; one SPARQL constraint),
and each compiles to one set-based SPARQL query over the whole graph, which
Oxigraph answers in seconds at a million triples.

The results carry what pySHACL reports (focus node, path, value, the shape's
English message, severity), so :func:`ecokg.graph.validation.shacl_validate` turns
them into the same ``Violation`` objects. ``tests/bench/test_sparqlshacl.py``
checks both engines agree on graphs that break every shape.

Query text is generated here from the shapes themselves (package data, never user
input): their IRIs, counts and language tags are written as SPARQL terms.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from ecokg.namespaces import EKSH, RDF, SH, XSD


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a SELECT returning ``?this`` (and ``?value``, ``?path``)."""

    query: str
    message: str
    severity: str
    path: URIRef | None
    #: A consistency check (``eksh:citeSources``): its results list the facts involved with
    #: their sentences, those of the result's path and of ``explain`` (:func:`fact_sources`).
    cite: bool = False
    explain: tuple[URIRef, ...] = ()


@dataclass(frozen=True)
class Result:
    focus: Node
    path: Node | None
    value: Node | None
    message: str
    severity: str
    cite: bool = False
    explain: tuple[URIRef, ...] = ()


def _n3(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise ValueError(f"cannot compile {term!r} into SPARQL")


def _path(shapes: Graph, path: Node | None) -> str:
    """A SHACL path (IRI or sequence) as a SPARQL property path."""
    if isinstance(path, URIRef):
        return _n3(path)
    if isinstance(path, BNode) and shapes.value(path, RDF.first) is not None:
        return "/".join(_path(shapes, step) for step in Collection(shapes, path))
    raise ValueError(f"unsupported SHACL path {path!r}")


def _message(shapes: Graph, *nodes: Node) -> str:
    """The English (or untagged) sh:message of the first node that has one."""
    for node in nodes:
        messages = [m for m in shapes.objects(node, SH.message) if isinstance(m, Literal)]
        for m in messages:
            if m.language in (None, "en"):
                return str(m)
        if messages:
            return str(messages[0])
    return "does not conform"


def _subclasses(hierarchy: Iterable[tuple[Node, Node, Node]], cls: Node) -> list[Node]:
    children: dict[Node, set[Node]] = {}
    for s, _, o in hierarchy:
        children.setdefault(o, set()).add(s)
    found, todo = {cls}, [cls]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return sorted(found, key=str)


def _values(var: str, terms: Iterable[Node]) -> str:
    return f"VALUES ?{var} {{ {' '.join(_n3(t) for t in terms)} }}"


def _typed(var: str, classes: list[Node]) -> str:
    """``var`` has one of ``classes`` as a type (classes already closed under subclassing)."""
    return f"EXISTS {{ ?{var} <{RDF.type}> ?_t . {_values('_t', classes)} }}"


def compile_shapes(shapes: Graph, hierarchy: Iterable[tuple[Node, Node, Node]]) -> list[Check]:
    """Every constraint of ``shapes`` as a SPARQL check (raises on SHACL this does not cover)."""
    hierarchy = list(hierarchy)
    checks: list[Check] = []
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str):
        targets: list[str] = []
        classes = [c for t in shapes.objects(shape, SH.targetClass) for c in _subclasses(hierarchy, t)]
        if classes:
            targets.append(f"{{ {_values('_tc', sorted(set(classes), key=str))} ?this <{RDF.type}> ?_tc }}")
        for prop in shapes.objects(shape, SH.targetSubjectsOf):
            targets.append(f"{{ ?this {_n3(prop)} [] }}")
        if not targets:
            continue
        target = "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(targets) + " } }"
        severity = str(shapes.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
        shape_message = _message(shapes, shape)

        def add(body: str, message: str, path: URIRef | None, select: str = "?this ?value") -> None:
            checks.append(Check(f"SELECT DISTINCT {select} WHERE {{ {target} {body} }}", message, severity, path))  # noqa: B023

        cls = shapes.value(shape, SH["class"])
        if cls is not None:
            add(f"BIND(?this AS ?value) FILTER NOT EXISTS {{ ?this <{RDF.type}> ?_c . {_values('_c', _subclasses(hierarchy, cls))} }}",
                shape_message, None)
        alternatives = shapes.value(shape, SH["or"])
        if alternatives is not None:
            tests = []
            for alt in Collection(shapes, alternatives):
                if shapes.value(alt, SH.minCount) != Literal(1) or shapes.value(alt, SH.path) is None:
                    raise ValueError(f"unsupported sh:or member in {shape}")
                tests.append(f"EXISTS {{ ?this {_path(shapes, shapes.value(alt, SH.path))} [] }}")
            add(f"BIND(?this AS ?value) FILTER (!({' || '.join(tests)}))", shape_message, None)
        for prop in shapes.objects(shape, SH.property):
            checks += _property_checks(shapes, hierarchy, prop, target, severity, shape_message)
        for constraint in shapes.objects(shape, SH.sparql):
            select = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
            # Oxigraph evaluates FILTER NOT EXISTS row by row (159 s at 100k triples)
            # and MINUS as one anti-join (0.5 s). They agree here because every variable
            # the blocks share with the outer pattern ($this, ?path, ?value) is bound.
            select = select.replace("FILTER NOT EXISTS {", "MINUS {")
            body = select[select.index("WHERE") + len("WHERE"):]
            prefixes = "".join(
                f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
                for source in shapes.objects(constraint, SH.prefixes)
                for d in shapes.objects(source, SH.declare)
            )
            checks.append(
                Check(
                    f"{prefixes}SELECT DISTINCT ?this ?path ?value WHERE {{ {target} {body} }}",
                    _message(shapes, constraint, shape),
                    severity,
                    None,
                    *citing(shapes, constraint),
                )
            )
    return checks


def citing(shapes: Graph, constraint: Node | None) -> tuple[bool, tuple[URIRef, ...]]:
    """Whether a constraint's results cite their facts' sources, and the properties they
    cite besides the result path (``eksh:citeSources``, ``eksh:explain``)."""
    if constraint is None:
        return False, ()
    cite = shapes.value(constraint, EKSH.citeSources) == Literal(True)
    explain = tuple(sorted(p for p in shapes.objects(constraint, EKSH.explain) if isinstance(p, URIRef)))
    return cite, explain


def _property_checks(
    shapes: Graph,
    hierarchy: list[tuple[Node, Node, Node]],
    prop: Node,
    target: str,
    severity: str,
    shape_message: str,
) -> Iterator[Check]:
    raw_path = shapes.value(prop, SH.path)
    path = _path(shapes, raw_path)
    result_path = raw_path if isinstance(raw_path, URIRef) else None
    message = _message(shapes, prop) if shapes.value(prop, SH.message) else shape_message

    def check(body: str, select: str = "?this ?value") -> Check:
        return Check(f"SELECT DISTINCT {select} WHERE {{ {target} {body} }}", message, severity, result_path)

    low = shapes.value(prop, SH.minCount)
    if low is not None:
        yield check(
            f"OPTIONAL {{ SELECT ?this (COUNT(DISTINCT ?_v) AS ?_n) WHERE {{ ?this {path} ?_v }} GROUP BY ?this }} "
            f"FILTER (COALESCE(?_n, 0) < {int(str(low))})",
            "?this",
        )
    high = shapes.value(prop, SH.maxCount)
    if high is not None:
        yield check(
            f"{{ SELECT ?this (COUNT(DISTINCT ?_v) AS ?_n) WHERE {{ ?this {path} ?_v }} GROUP BY ?this }} "
            f"FILTER (?_n > {int(str(high))})",
            "?this",
        )
    cls = shapes.value(prop, SH["class"])
    if cls is not None:
        yield check(f"?this {path} ?value . FILTER NOT EXISTS {{ ?value <{RDF.type}> ?_c . "
                    f"{_values('_c', _subclasses(hierarchy, cls))} }}")
    languages = shapes.value(prop, SH.languageIn)
    if languages is not None:
        tests = " || ".join(f'langMatches(lang(?value), "{tag!s}")' for tag in Collection(shapes, languages))
        yield check(f"?this {path} ?value . FILTER (!(isLiteral(?value) && lang(?value) != \"\" && ({tests})))")
    datatype = shapes.value(prop, SH.datatype)
    alternatives = shapes.value(prop, SH["or"])
    types: list[Node] = [datatype] if datatype is not None else []
    if alternatives is not None:
        for alt in Collection(shapes, alternatives):
            found = shapes.value(alt, SH.datatype)
            if found is None or len(set(shapes.predicates(alt))) != 1:
                raise ValueError(f"unsupported sh:or member in {prop}")
            types.append(found)
    if types:
        valid = " || ".join(_well_typed("?value", t) for t in types)
        yield check(f"?this {path} ?value . FILTER (!(isLiteral(?value) && ({valid})))")


#: XSD datatypes whose lexical forms Oxigraph checks when it casts a literal to them.
_CASTABLE = frozenset(
    XSD[name] for name in (
        "string", "boolean", "decimal", "integer", "double", "float",
        "date", "dateTime", "time", "gYear", "gYearMonth",
    )
)


def _well_typed(var: str, datatype: Node) -> str:
    """SPARQL for: ``var`` is a literal of ``datatype`` whose text is a valid value of it.

    An ill-typed literal (``"2024-02-30"^^xsd:date``, ``"NaN"^^xsd:decimal``) still has
    the declared datatype IRI, so ``datatype()`` alone accepts it, where pySHACL reports
    it; and such a value breaks every comparison and sum it enters (issue 22). Casting it
    to its own datatype fails exactly when its text is not a value of that type.
    """
    test = f"datatype({var}) = {_n3(datatype)}"
    if datatype in _CASTABLE:
        test += f" && isLiteral(COALESCE({_n3(datatype)}({var}), <urn:x-ecokg:ill-typed>))"
    return f"({test})"


@cache
def ecokg_checks() -> tuple[Check, ...]:
    """The bundled shapes, compiled once."""
    from ecokg.graph.report import class_hierarchy
    from ecokg.ontology import shapes_graph

    return tuple(compile_shapes(shapes_graph(), class_hierarchy()))


def _to_rdflib(term: Any) -> Node | None:
    from ecokg.terms import from_ox

    return None if term is None else from_ox(term)


class _QuietIllTyped(logging.Filter):
    """Drops rdflib's warning (with a traceback) on building an ill-typed literal: the
    report names the value and what was expected, which says it better."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form")


@contextmanager
def _quiet_ill_typed() -> Iterator[None]:
    logger, quiet = logging.getLogger("rdflib.term"), _QuietIllTyped()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def validate_store(
    store: Any, checks: Iterable[Check] | None = None, *, limit: int = 1000, graphs: list[Any] | None = None
) -> list[Result]:
    """Run the checks on a pyoxigraph store (default graph = union of its graphs, or of ``graphs``).

    At most ``limit`` results per check: a report of thousands of lines helps
    no one, and the count of distinct problems is what matters.
    """
    with _quiet_ill_typed():
        return _run_checks(store, checks, limit, graphs)


def _run_checks(store: Any, checks: Iterable[Check] | None, limit: int, graphs: list[Any] | None) -> list[Result]:
    results: list[Result] = []
    scope: dict[str, Any] = {"default_graph": graphs} if graphs is not None else {"use_default_graph_as_union": True}
    for check in checks if checks is not None else ecokg_checks():
        solutions = store.query(check.query, **scope)
        for n, row in enumerate(solutions):
            if n >= limit:
                break
            path = _to_rdflib(row["path"]) if "?path" in check.query.split("WHERE", 1)[0].rsplit("SELECT", 1)[-1] else check.path
            value = _to_rdflib(row["value"]) if "?value" in check.query.split("WHERE", 1)[0].rsplit("SELECT", 1)[-1] else None
            message = check.message
            if "{" in message:
                # pySHACL's substitution of {$this} {?path} {?value} in sh:sparql messages.
                for name, term in (("$this", row["this"]), ("?path", row["path"]), ("?value", row["value"])):
                    if term is not None:
                        message = message.replace("{" + name + "}", str(_to_rdflib(term)))
            focus = _to_rdflib(row["this"])
            assert focus is not None
            results.append(Result(focus, path, value, message, check.severity, check.cite, check.explain))
    return results


def graph_store(graph: Graph) -> Any:
    """An in-memory pyoxigraph store holding ``graph`` (in one named graph)."""
    from ecokg.terms import graph_quads

    store = ox.Store()
    store.extend(graph_quads(graph, URIRef("urn:x-ecokg:validate")))
    return store


def label_of(store: Any, node: Node) -> str | None:
    """The English label of ``node``, else any label (as pySHACL reports read them)."""
    from ecokg.terms import to_ox

    if not isinstance(node, URIRef | BNode):
        return None
    rows = store.query(
        "SELECT ?n ?l WHERE { ?n <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
        substitutions={ox.Variable("n"): to_ox(node)},
        use_default_graph_as_union=True,
    )
    labels = [row["l"] for row in rows]
    for label in labels:
        if getattr(label, "language", None) == "en":
            return str(label.value)
    return str(labels[0].value) if labels else None


def fact_sources(
    store: Any, focus: Node, path: Node | None, value: Node | None, explain: Iterable[URIRef], names: Any
) -> list[str]:
    """The facts a consistency result involves, one line each with the sentence it comes from:
    the focus's values of ``path`` and of ``explain``, and the value's of ``explain`` (the parent
    event's dates for a sub-event dated outside them)."""
    from importlib import resources

    from ecokg.terms import to_ox

    text = resources.files("ecokg.graph.sparql").joinpath("fact-sources.rq").read_text(encoding="utf-8")
    explain = list(explain)
    asked = [(focus, p) for p in ([path] if isinstance(path, URIRef) else []) + explain]
    if isinstance(value, URIRef):
        asked += [(value, p) for p in explain]
    lines: list[str] = []
    for subject, prop in dict.fromkeys(asked):
        rows = store.query(
            text,
            substitutions={ox.Variable("s"): to_ox(subject), ox.Variable("p"): to_ox(prop)},
            use_default_graph_as_union=True,
        )
        for row in rows:
            obj, excerpt, sentence = (_to_rdflib(row[k]) for k in ("o", "excerpt", "text"))
            fact = f"{_short(subject, names)} {_short(prop, names)} {_short(obj, names)}"
            # The excerpt's document (ekd:doc#q-key): which source says it, with its sentence.
            where = _short(URIRef(str(excerpt).partition("#")[0]), names) if excerpt is not None else None
            if sentence is not None:
                fact += f" — {where}: “{sentence}”"
            elif where is not None:
                fact += f" — {where}"
            lines.append(fact)
    return lines


def _short(term: Node | None, names: Any) -> str:
    if isinstance(term, URIRef):
        return str(names.normalizeUri(term))
    return term.n3(names) if isinstance(term, Literal) else str(term)


__all__ = [
    "Check", "Result", "citing", "compile_shapes", "ecokg_checks", "fact_sources", "graph_store", "label_of",
    "validate_store",
]


def validation_report(store: Any, *, namespace_manager: Any = None, graphs: list[Any] | None = None) -> Any:
    """Validate a pyoxigraph store (the union of ``graphs``, default all); a ValidationReport like pySHACL's."""
    import time

    from ecokg.graph.report import ValidationReport, Violation
    from ecokg.namespaces import bind_prefixes

    started = time.perf_counter()
    if namespace_manager is None:
        names = Graph()
        bind_prefixes(names.namespace_manager)
        namespace_manager = names.namespace_manager

    def short(term: Node | None) -> str:
        return namespace_manager.normalizeUri(term) if isinstance(term, URIRef) else ""

    violations = [
        Violation(
            focus=short(r.focus) if isinstance(r.focus, URIRef) else str(r.focus),
            label=label_of(store, r.focus) or (short(r.focus) if isinstance(r.focus, URIRef) else str(r.focus)),
            path=short(r.path),
            message=r.message,
            severity=r.severity,
            value=r.value.n3(namespace_manager) if r.value is not None else None,
            sources=fact_sources(store, r.focus, r.path, r.value, r.explain, namespace_manager) if r.cite else [],
        )
        for r in validate_store(store, graphs=graphs)
    ]
    violations.sort(key=lambda v: (v.label, v.path, v.message))
    hard = [v for v in violations if v.severity == "Violation"]
    return ValidationReport(conforms=not hard, violations=violations, seconds=time.perf_counter() - started)
