"""Values bound into a query's text, for stores behind a SPARQL endpoint.

Engines bind ``initBindings`` themselves on the embedded store; a remote one receives text.
The values are written in as constants where that is the same query
(:func:`~ecokg.graph.sparqltext.substitute`), else as VALUES blocks (:func:`with_values`).
"""

from __future__ import annotations

from rdflib.term import Identifier

from ecokg.errors import QueryError
from ecokg.graph.skolem import n3, skolemised
from ecokg.graph.sparqltext import matching, substitute, tokens
from ecokg.namespaces import PREFIXES

# --- binding values into a query ---------------------------------------------
# initBindings on a remote store become VALUES blocks. rdflib's SPARQLStore appends one
# after the query, which joins *after* projection and grouping (a bound variable used
# in a FILTER or a UNION branch is then unbound where it matters). We join the one-row
# block into every group pattern instead, which binds it wherever the query uses it.


def with_values(text: str, bindings: dict[str, Identifier]) -> str:
    """``text`` with a one-row VALUES block for ``bindings`` at the start of every group.

    Joining the same single row into every group pattern binds the variables
    everywhere, as the embedded engine's substitution does (a FILTER in a UNION
    branch sees them too). CONSTRUCT templates, VALUES data blocks and groups
    that hold a sub-select are left alone.

    >>> with_values("SELECT ?n WHERE { ?x ek:name ?n }", {"x": URIRef("urn:a")})
    'SELECT ?n WHERE { VALUES (?x) { (<urn:a>) } ?x ek:name ?n }'
    """
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    # RDF term serialisation; a blank node read from the store is its skolem IRI there.
    values = " ".join(skolemised(value).n3() for value in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }}"
    toks = list(tokens(text))
    inserts: list[int] = []
    k = 0
    while k < len(toks):
        offset, tok = toks[k]
        upper = tok.upper()
        following = toks[k + 1][1] if k + 1 < len(toks) else ""
        if upper == "CONSTRUCT" and following.upper() == "WHERE":
            raise QueryError("cannot bind parameters in a short CONSTRUCT WHERE query; write the template out")
        if (upper == "CONSTRUCT" and following == "{") or upper == "VALUES":
            # Skip the template, or the data block: neither is a group pattern.
            opening = next((j for j in range(k + 1, len(toks)) if toks[j][1] == "{"), None)
            if opening is None:
                break
            k = matching(toks, opening) + 1
            continue
        if tok == "{" and following.upper() != "SELECT":
            inserts.append(offset + 1)
        k += 1
    if not inserts:
        raise QueryError("cannot bind parameters: the query has no group pattern")
    parts, last = [], 0
    for at in inserts:
        parts += [text[last:at], block]
        last = at
    parts.append(text[last:])
    return "".join(parts)


def bind_text(text: str, bindings: dict[str, Identifier]) -> str:
    """``text`` with ``bindings`` written in: each variable replaced by its value where that
    is the same query (:func:`~ecokg.graph.sparqltext.substitute`), else VALUES blocks
    (:func:`with_values`)."""
    if not bindings:
        return text
    replaced = substitute(text, {name: n3(value) for name, value in bindings.items()})
    return replaced if replaced is not None else with_values(text, bindings)


def prefixed(text: str) -> str:
    """``text`` preceded by ecokg's PREFIX declarations (the query's own ones win)."""
    head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    return head + text


__all__ = ["bind_text", "prefixed", "with_values"]
