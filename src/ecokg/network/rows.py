"""Rows of the projection's packaged SPARQL queries (``network/sparql/*.rq``), as plain terms.

A row holds plain values, compared as strings: an IRI as ``str``, a literal as :class:`Lit`,
an unbound cell as None. On the embedded Oxigraph store the rows come from its TSV output,
parsed here; on other backends from ``Backend.select``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Identifier

from ecokg.namespaces import INFERRED_GRAPH

if TYPE_CHECKING:
    from ecokg.graph.store import Backend


class Lit(NamedTuple):
    """A literal as its text and language tag ("" when it has none)."""

    value: str
    lang: str = ""


Term = str | Lit | None


@cache
def query_text(name: str) -> str:
    """The text of ``network/sparql/<name>.rq`` (packaged data)."""
    return resources.files("ecokg.network.sparql").joinpath(f"{name}.rq").read_text(encoding="utf-8")


def _plain(term: Any) -> Term:
    """An rdflib term as a plain value: IRI -> str, literal -> :class:`Lit`."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return Lit(str(term), term.language or "")
    return str(term)


def select_rows(
    backend: Backend, name: str, include_inferred: bool, iris: Mapping[str, str] | None = None,
    *, values: tuple[str, Sequence[str]] | None = None,
) -> list[list[Any]]:
    """Rows of a packaged query, over the union of the graphs minus ``inferred`` unless asked.

    ``iris`` binds variables of the query to IRIs (the engine substitutes them: no value is
    ever written into the text); the query must project them. ``values`` binds one variable
    to each of a set of IRIs at once, ``("s", [iri, ...])``: engines substitute one value per
    variable only, so these are written as a VALUES block after the query, each IRI checked
    and serialised by pyoxigraph (never the caller's text); the query must project it too.
    """
    # Rows hold plain terms (str IRIs, Lit, None); typed Any so that callers can unpack them.
    text = query_text(name)
    if values is not None:
        variable, bound = values
        terms = " ".join(str(ox.NamedNode(iri)) for iri in bound)
        text = f"{text}\nVALUES {ox.Variable(variable)} {{ {terms} }}\n"
    store = backend.oxigraph()
    if store is None:
        exclude = () if include_inferred else (INFERRED_GRAPH,)
        bindings: dict[str, Identifier] = {k: URIRef(v) for k, v in (iris or {}).items()}
        return [[_plain(t) for t in row] for row in backend.select(text, bindings or None, exclude_graphs=exclude)]
    options: dict[str, Any] = {"use_default_graph_as_union": True}
    if not include_inferred:
        options = {"default_graph": _graphs_but_inferred(backend, store)}
    if iris:
        options["substitutions"] = {ox.Variable(k): ox.NamedNode(v) for k, v in iris.items()}
    # Embedded store: Oxigraph writes the whole result as TSV in Rust, which we split; a
    # Python object per term (pyoxigraph's, let alone rdflib's) costs more than the query.
    data = store.query(text, **options).serialize(format=ox.QueryResultsFormat.TSV)
    lines = data.decode("utf-8").split("\n")
    # Cells repeat (a predicate, a class, a city on every row): each is parsed, and stored, once.
    seen: dict[str, Term] = {}
    rows = []
    for line in lines[1:]:
        if line:
            row = []
            for cell in line.split("\t"):
                term = seen.get(cell, _MISSING)
                if term is _MISSING:
                    term = seen[cell] = _tsv_term(cell)
                row.append(term)
            rows.append(row)
    return rows


_MISSING: Any = object()


def _graphs_but_inferred(backend: Backend, store: Any) -> list[Any]:
    """The store's named graphs but ``inferred``, listed once until the graph changes (a map
    reads the sources of its nodes with a few hundred small queries)."""
    found: list[Any] | None = backend.memo.get("network-graphs")
    if found is None:
        inferred = str(INFERRED_GRAPH)
        found = backend.memo["network-graphs"] = [g for g in store.named_graphs() if g.value != inferred]
    return found


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ESCAPED = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    if code:
        return chr(int(code, 16))
    char = match.group(3)
    return _ESCAPED.get(char, char)


def _tsv_term(cell: str) -> Term:
    """A term of a SPARQL TSV result (N-Triples syntax) as a plain value."""
    if not cell:
        return None
    first = cell[0]
    if first == "<":
        return cell[1:-1]
    if first == '"':
        end = cell.rindex('"')
        value = cell[1:end]
        if "\\" in value:
            value = _ESCAPE.sub(_unescape, value)
        tail = cell[end + 1:]
        return Lit(value, tail[1:] if tail.startswith("@") else "")
    if cell.startswith("_:"):
        return cell
    return Lit(cell)  # a number or boolean written bare (Turtle shorthand)


__all__ = ["Lit", "Term", "query_text", "select_rows"]
