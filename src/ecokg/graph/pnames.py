"""Prefixed names with several dots, written out in full before a query reaches the engine.

SPARQL allows dots inside a prefixed name's local part (``ekr:post.nicolas-paris.bioforward.president``,
the form ecokg gives its posts' and sites' IRIs, and prints them in). Oxigraph 0.5 reads one
dot (``ekr:gilson.site``) but refuses two or more ("expected UNDEF"), so a query written with
a name copied from ecokg's own output would fail. Such names are replaced by the full IRI
they stand for (``<https://w3id.org/ecokg/id/post.nicolas-paris...>``), which means the same to
every engine; nothing else in the text changes, and nothing inside a string, an IRI or a
comment is touched.

>>> expand_dotted_names("SELECT * { ekr:a.b.c ?p ?o }")
'SELECT * { <https://w3id.org/ecokg/id/a.b.c> ?p ?o }'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ecokg.graph.sparqllex import _TOKEN
from ecokg.namespaces import PREFIXES

#: A local part's escaped characters (``\\-``, ``\\.``) stand for themselves in the IRI.
_ESCAPE = re.compile(r"\\(.)")
#: A quick look: no colon followed by a local part with two dots, nothing to do. An IRI's
#: "http://www.w3.org/" does not count (a local part never holds "/"), so the catalogue's
#: queries, which every query path sends through here, are returned untouched at once.
_MAYBE = re.compile(r":[\w\-%\\]*\.[\w\-%\\]+\.[\w\-%\\:]")
#: ecokg's prefixes, which every query may use without declaring them.
DEFAULT_PREFIXES: Mapping[str, str] = {k: str(v) for k, v in PREFIXES.items()}


def expand_dotted_names(text: str, prefixes: Mapping[str, str] = DEFAULT_PREFIXES) -> str:
    """``text`` with each prefixed name whose local part holds two dots or more written as
    the full IRI (the query's own ``PREFIX`` declarations first, then ``prefixes``); names of
    an undeclared prefix are left for the engine to report."""
    if _MAYBE.search(text) is None:
        return text
    declared = dict(prefixes)
    parts: list[str] = []
    last = 0
    expect: str | None = None  # after PREFIX: "name", then "iri"
    pending = ""
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "space":
            continue
        if kind == "word" and token.upper() == "PREFIX":
            expect = "name"
            continue
        if expect == "name" and kind == "word" and token.endswith(":"):
            pending, expect = token[:-1], "iri"
            continue
        if expect == "iri" and kind == "iri":
            declared[pending] = token[1:-1]
            expect = None
            continue
        expect = None
        if kind != "word" or ":" not in token or token.startswith("_:"):
            continue
        prefix, _, local = token.partition(":")
        if _ESCAPE.sub("", local).count(".") < 2 or prefix not in declared:
            continue
        parts += [text[last:match.start()], "<", declared[prefix], _ESCAPE.sub(r"\1", local), ">"]
        last = match.end()
    if not parts:
        return text
    return "".join(parts) + text[last:]


__all__ = ["expand_dotted_names"]
