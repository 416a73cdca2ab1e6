"""Every catalogue query, with many parameter values, gives Oxigraph's rows and rdflib's alike.

The catalogue's queries are shaped for Oxigraph's planner (which plans joins without
seeing substituted values); a shape it evaluates wrongly once a value is substituted
would go unnoticed with the defaults alone, so each query runs here with every seed
entity its parameters can take, on both engines, and the rows must be the same.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest

from ecokg import KnowledgeGraph
from ecokg.queries import catalog, get_query
from ecokg.queries.catalog import bind_parameters, drop_parameter_columns, lang_literal
from ecokg.queries.labels import with_labels
from ecokg.queries.result import run_sparql

_CONCAT = re.compile(r"GROUP_CONCAT\(.*?AS \?(\w+)\)", re.S)

#: The seed's entities of each sort (CURIEs), by a query on the seed itself.
SORTS = {
    "place": "SELECT DISTINCT ?x WHERE { { ?x ek:locatedIn ?y MINUS { ?x a ek:Site } } UNION { ?y ek:locatedIn ?x } }",
    "organisation": "SELECT DISTINCT ?x WHERE { ?x a ?c . ?c rdfs:subClassOf* ek:Organization }",
    "person": "SELECT DISTINCT ?x WHERE { ?x a ek:Person }",
    "event": "SELECT DISTINCT ?x WHERE { ?x a ?c . ?c rdfs:subClassOf* ek:Event }",
    "sector": "SELECT DISTINCT ?x WHERE { ?x a ek:Sector }",
    "strategy": "SELECT DISTINCT ?x WHERE { ?x a ?c . ?c rdfs:subClassOf* ek:Strategy }",
}

#: Before, between and inside the seed's events (the mission runs from 2024-10-27 to 2024-11-01).
DATES = ["2024-10-17", "2024-10-28", "2025-01-01"]

#: Questions about what the seed does not hold (acquisitions, funding rounds): asked of a slice
#: of the Crunchbase export instead, with these values (not given, or one that answers).
CRUNCHBASE = {
    "acquisitions": {"buyer": ["ekr:cb-oracle"], "sector": ["eks:digital"], "from": ["2010-01-01"], "to": ["2012-12-31"]},
    # (its period's two ends filter alike: one is varied, the rdflib engine being slow)
    "funding-rounds": {"organisation": ["ekr:cb-waywire"], "sector": ["eks:digital"], "territory": ["ekr:place-usa-ca"],
                       "from": ["2010-01-01"]},
    "top-acquirers": {"sector": ["eks:digital"], "from": ["2010-01-01"], "to": ["2012-12-31"]},
}


def answer(kg: KnowledgeGraph, name: str, **params: str) -> list[tuple[str, ...]]:
    """Rows as short text, concatenated lists sorted (their order is the engine's)."""
    columns, rows = kg.query(name, **params).display_rows()
    concatenated = {columns.index(c) for c in _CONCAT.findall(get_query(name).text) if c in columns}
    return [
        tuple("; ".join(sorted(v.split("; "))) if i in concatenated and v else v for i, v in enumerate(row))
        for row in rows
    ]


def _sorts(kg: KnowledgeGraph) -> dict[str, list[str]]:
    found = {}
    for sort, text in SORTS.items():
        found[sort] = sorted(str(row[0]) for row in kg.select("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                                                             "PREFIX ek: <https://w3id.org/ecokg/ontology#>\n" + text))
        assert found[sort], f"the seed has no {sort}"
    return found


def _values(name: str, parameter: str, kind: str, sorts: dict[str, list[str]]) -> list[str | None]:
    """The values tried for one parameter (``None``: not given; only optional ones, without a default)."""
    if kind == "date":
        return [None, *DATES]
    if kind == "number":
        return ["1", "2", "3"]
    if name == "territory-links" and parameter == "b":
        # every territory as A, against places of each level as B (all pairs take rdflib too long)
        return [p for p in sorts["place"] if p.rsplit("/", 1)[1] in ("france", "madison", "united-states", "wisconsin")]
    if name == "territory-links" or parameter == "territory":
        return sorts["place"]
    if parameter in ("organisation", "party"):
        return [None, *sorts["organisation"]] if parameter == "party" else sorts["organisation"]
    if parameter == "person":
        return sorts["person"]
    if parameter == "mission":
        return sorts["event"]
    if parameter == "sector":
        return sorts["sector"]
    if parameter == "strategy":
        return [None, *sorts["strategy"]]
    # any entity: some of each sort (agents, places, events; rdflib is slow at three hops)
    return sorted({*sorts["organisation"][::3], sorts["person"][0], sorts["place"][0], sorts["event"][0]})


def _combinations(name: str, sorts: dict[str, list[str]]) -> Iterator[dict[str, str]]:
    query = get_query(name)
    if name in CRUNCHBASE:
        choices: list[list[str | None]] = [[None, *CRUNCHBASE[name].get(p.name, [])] for p in query.parameters]
    else:
        choices = [_values(name, p.name, p.kind, sorts) for p in query.parameters]
    names = [p.name for p in query.parameters]
    for values in itertools.product(*choices):
        if len(names) == 2 and names[0] == "a" and values[0] == values[1]:
            continue
        yield {n: v for n, v in zip(names, values, strict=True) if v is not None}


@pytest.fixture(scope="module")
def sorts(seed_kg: KnowledgeGraph) -> dict[str, list[str]]:
    return _sorts(seed_kg)


@pytest.mark.parametrize("name", [q.name for q in catalog()])
def test_oxigraph_and_rdflib_agree_for_every_parameter_value(
    seed_kg: KnowledgeGraph, rdflib_kg: KnowledgeGraph, sorts: dict[str, list[str]], name: str,
    crunchbase_small: tuple[KnowledgeGraph, KnowledgeGraph],
) -> None:
    if name in CRUNCHBASE:
        seed_kg, rdflib_kg = crunchbase_small
    tried = 0
    nonempty = 0
    for params in _combinations(name, sorts):
        expected = answer(rdflib_kg, name, **params)
        got = answer(seed_kg, name, **params)
        assert sorted(got) == sorted(expected), f"{name} {params}: Oxigraph and rdflib differ"
        tried += 1
        nonempty += bool(expected)
    assert tried >= 1
    # the values are real: some of them have answers (a query answering nothing at all tests nothing)
    assert nonempty >= 1, f"{name}: no parameter value gave a row"


def _rows(kg: KnowledgeGraph, name: str, text: str, params: dict[str, str]) -> list[tuple[str, ...]]:
    query = get_query(name)
    bindings = {**bind_parameters(kg.backend, query, params), "lang": lang_literal("en")}
    return sorted(drop_parameter_columns(query, run_sparql(kg.backend, text, bindings)).display_rows()[1])


@pytest.mark.parametrize("name", [q.name for q in catalog() if q.variants])
def test_a_variant_answers_as_the_query_it_stands_for(
    seed_kg: KnowledgeGraph, rdflib_kg: KnowledgeGraph, sorts: dict[str, list[str]], name: str
) -> None:
    query = get_query(name)
    for parameter, value, text in query.variants:
        assert text != query.text
        cases = {tuple(sorted((p | {parameter: value}).items())) for p in _combinations(name, sorts)}
        for case in sorted(cases):
            params = dict(case)
            expected = _rows(rdflib_kg, name, with_labels(query.text), params)
            assert _rows(seed_kg, name, with_labels(text), params) == expected, f"{name} {params}"
            assert query.text_for(bind_parameters(seed_kg.backend, query, params)) == with_labels(text)
