"""The catalogue's label service: a query names ``?xLabel`` and gets ``?x``'s label.

As on Wikidata's query service, a catalogue query states only its question: for
each ``?xLabel`` its SELECT clause lists (and its WHERE clause does not bind) where
``?x`` is a variable of the query, the runner adds the label of ``?x`` in the asked
language (``?lang``), else in any language, at the end of the query's outermost
group. The label is then a variable like any other: ORDER BY and GROUP BY can use it.

>>> print(with_labels("SELECT ?p ?pLabel WHERE { ?p a ek:Person } ORDER BY ?pLabel"))  # doctest: +NORMALIZE_WHITESPACE
SELECT ?p ?pLabel ?lang WHERE { ?p a ek:Person
  BIND(COALESCE(?p, <urn:x-ecokg:unbound>) AS ?p__node)
  OPTIONAL { ?p__node <http://www.w3.org/2000/01/rdf-schema#label> ?p__label1 FILTER(LANGMATCHES(LANG(?p__label1), ?lang)) }
  OPTIONAL { ?p__node <http://www.w3.org/2000/01/rdf-schema#label> ?p__label2 FILTER(!BOUND(?p__label1)) }
  BIND(COALESCE(?p__label1, ?p__label2) AS ?pLabel)
} ORDER BY ?pLabel

The text added is fixed (variable names from the query itself, which the engine
parsed): values still reach the engine only as bindings.
"""

from __future__ import annotations

from functools import lru_cache

from ecokg.graph.sparqltext import matching, tokens
from ecokg.namespaces import RDFS

SUFFIX = "Label"
LANG = "?lang"
#: Bound in place of an unbound ``?x``, so that the label lookup never binds ``?x`` itself
#: (an OPTIONAL joined with a row lacking ``?x`` would match every label of the graph).
UNBOUND = "<urn:x-ecokg:unbound>"

_LOOKUP = """
  BIND(COALESCE(?{x}, {unbound}) AS ?{x}__node)
  OPTIONAL {{ ?{x}__node {label} ?{x}__label1 FILTER(LANGMATCHES(LANG(?{x}__label1), ?lang)) }}
  OPTIONAL {{ ?{x}__node {label} ?{x}__label2 FILTER(!BOUND(?{x}__label1)) }}
  BIND(COALESCE(?{x}__label1, ?{x}__label2) AS ?{x}{suffix})
"""


@lru_cache(maxsize=512)
def with_labels(text: str) -> str:
    """``text`` with the label lookups its ``?xLabel`` variables ask for (unchanged if none)."""
    toks = list(tokens(text, variables=True))
    select = next((k for k, (_, t) in enumerate(toks) if t.upper() == "SELECT"), None)
    if select is None:
        return text  # ASK, CONSTRUCT, DESCRIBE: no projection to label
    opening = next((k for k in range(select, len(toks)) if toks[k][1] == "{"), None)
    if opening is None:
        return text
    closing = matching(toks, opening)
    projection = [t for _, t in toks[select + 1 : opening] if t.startswith("?")]
    body = {t for _, t in toks[opening:closing] if t.startswith("?")}
    wanted = [
        v[1 : -len(SUFFIX)] for v in dict.fromkeys(projection)
        if v.endswith(SUFFIX) and len(v) > len(SUFFIX) + 1 and v not in body and v[: -len(SUFFIX)] in body
    ]
    if not wanted:
        return text
    lookups = "".join(_LOOKUP.format(x=x, unbound=UNBOUND, label=RDFS.label.n3(), suffix=SUFFIX) for x in wanted)
    start, end = toks[opening][0] + 1, toks[closing][0]
    inner = text[start:end].rstrip()
    if toks[opening + 1][1].upper() == "SELECT":
        # A group that is a sub-select holds nothing else: the lookups join it from outside.
        inner = " {" + inner + "\n  }"
    out = text[:start] + inner + lookups + text[end:]
    if LANG not in projection:
        # Oxigraph binds only the variables a SELECT projects; the runner hides ?lang again.
        at = toks[opening][0]
        where = next((toks[k][0] for k in range(select + 1, opening) if toks[k][1].upper() == "WHERE"), at)
        out = out[:where].rstrip() + f" {LANG} " + out[where:]
        group = next((k for k in range(closing + 1, len(toks)) if toks[k][1].upper() == "GROUP"), None)
        if group is not None and group + 1 < len(toks) and toks[group + 1][1].upper() == "BY":
            # A grouped query projects ?lang only as a key (one value: the groups stay the same).
            shift = len(out) - len(text)
            at = toks[group + 1][0] + 2 + shift
            out = out[:at] + f" {LANG}" + out[at:]
    return out
