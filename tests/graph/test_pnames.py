"""Prefixed names with two dots or more (ecokg's own post and site names, as it prints them)
work in a query, on the store, through the endpoint and in an update, though Oxigraph's
parser alone refuses them."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ecokg import KnowledgeGraph
from ecokg.graph.pnames import expand_dotted_names
from ecokg.namespaces import EKR, PREFIXES

POST = "ekr:post.nicolas-paris.bioforward.president"
PREFIX_MAP = {k: str(v) for k, v in PREFIXES.items()}


def test_oxigraph_alone_refuses_the_name_ecokg_prints() -> None:
    # Why the rewrite exists: the day Oxigraph reads it, this test says the rewrite can go.
    with pytest.raises(SyntaxError):
        ox.Store().query(f"SELECT * WHERE {{ {POST} ?p ?o }}", prefixes=PREFIX_MAP)


@pytest.mark.parametrize(("text", "expected"), [
    ("SELECT * { ekr:a.b.c ?p ?o }", f"SELECT * {{ <{EKR}a.b.c> ?p ?o }}"),
    # One dot is read by the engine: left alone, as is anything in a string, an IRI or a comment.
    ("SELECT * { ekr:gilson.site ?p 'ekr:a.b.c' } # ekr:a.b.c", "SELECT * { ekr:gilson.site ?p 'ekr:a.b.c' } # ekr:a.b.c"),
    ("SELECT * { <http://x/ekr:a.b.c> ?p ?o }", "SELECT * { <http://x/ekr:a.b.c> ?p ?o }"),
    # The query's own declaration wins over ecokg's, and an escaped dot stands for a dot.
    ("PREFIX ekr: <http://other/> SELECT * { ?s ?p ekr:a\\.b.c.d }", "PREFIX ekr: <http://other/> SELECT * { ?s ?p <http://other/a.b.c.d> }"),
    # A dot that ends a triple is not part of the name.
    ("SELECT * { ?s ?p ekr:a.b.c. ?s ?q ?r }", f"SELECT * {{ ?s ?p <{EKR}a.b.c>. ?s ?q ?r }}"),
    # An undeclared prefix stays for the engine to report.
    ("SELECT * { ?s ?p zz:a.b.c }", "SELECT * { ?s ?p zz:a.b.c }"),
])
def test_names_with_two_dots_are_written_in_full(text: str, expected: str) -> None:
    assert expand_dotted_names(text, PREFIX_MAP) == expected


def test_a_query_naming_a_post_as_ecokg_prints_it(seed_kg: KnowledgeGraph) -> None:
    rows = list(seed_kg.sparql(f"SELECT ?holder WHERE {{ {POST} ek:heldBy ?holder }}"))
    assert [str(r[0]) for r in rows] == [f"{EKR}nicolas-paris"]
    described = seed_kg.sparql(f"SELECT (COUNT(*) AS ?n) WHERE {{ {POST} ?p ?o }}")
    assert int(next(iter(described))[0]) > 3


def test_every_catalogue_query_passes_through_untouched() -> None:
    # Every query path calls the rewrite: the catalogue's queries (their IRIs hold "www.w3.org",
    # dots after a colon) must come back as they are, without being read token by token.
    from ecokg.graph import pnames
    from ecokg.queries.catalog import catalog

    texts = [q.text for q in catalog()]
    assert len(texts) > 20
    assert all(pnames._MAYBE.search(text) is None for text in texts)
    assert all(expand_dotted_names(text) is text for text in texts)
