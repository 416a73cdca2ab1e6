"""SPARQL text read as tokens: braces, keywords and variables, strings and IRIs skipped.

Enough to find where a group pattern opens and closes without a full parser (the
engine, Oxigraph, parses the query for real: it is the parser of record); used to
bind values for remote endpoints, by the catalogue's label service, and by
:func:`scan`, which finds what must be known before a query runs: its form, the
keywords that would make the engine fetch a URL (``SERVICE``, ``LOAD``), its
``FROM`` dataset and the order of its variables.

The scan is sound for the keyword checks: a keyword Oxigraph reads is a bare word
here too, because strings, IRIs, comments and prefixed names are skipped the same
way (a word includes ``:``, ``_`` and inner dots, as a prefixed name does), so a
``SERVICE`` can only be *over*-reported (say in a local name ``ex:a.SERVICE``, which
is one word), never hidden.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

from ecokg.errors import QueryError

QUERY_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)


def tokens(text: str, *, variables: bool = False) -> Iterator[tuple[int, str]]:
    """(offset, token) for braces and bare words (and ``?variables`` if asked), skipping
    strings, IRIs and comments."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
        elif c == "<" and (m := iri_end(text, i)) is not None:
            i = m
        elif c in "{}":
            yield i, c
            i += 1
        elif c in "?$":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            if variables and j > i + 1:
                yield i, "?" + text[i + 1 : j]
            i = j
        elif c.isalpha() or c in "_:":
            # A bare word: keyword, function name, prefixed name or blank node label.
            # Inner dots belong to a prefixed name (``ex:a.b``), a final one does not.
            j = i
            while j < n and (text[j].isalnum() or text[j] in "_-:%\\" or (
                    text[j] == "." and ":" in text[i:j] and j + 1 < n
                    and (text[j + 1].isalnum() or text[j + 1] in "_-:"))):
                j += 2 if text[j] == "\\" else 1
            yield i, text[i:j]
            i = j
        else:
            i += 1


def iri_end(text: str, start: int) -> int | None:
    """End of an IRI reference starting at ``start`` (``<`` may also be less-than)."""
    j = start + 1
    while j < len(text):
        c = text[j]
        if c == ">":
            return j + 1
        if c in " \t\n\r<\"{}|^`\\":
            return None
        j += 1
    return None


def matching(tokens: list[tuple[int, str]], opening: int) -> int:
    """Index of the brace closing the one at ``opening``."""
    depth = 0
    for j in range(opening, len(tokens)):
        depth += tokens[j][1] == "{"
        depth -= tokens[j][1] == "}"
        if depth == 0:
            return j
    raise QueryError("unbalanced braces in the query")


# --- what a query or update is, before it runs ------------------------------------------

_PREFIX_DECL = re.compile(r"PREFIX\s+([^\s:]*):\s*<([^>]*)>", re.I)
_BASE_DECL = re.compile(r"BASE\s*<([^>]*)>", re.I)
_FROM = re.compile(r"FROM\s+(NAMED\s+)?(<[^>]*>|[^\s<>{}#]+)", re.I)
_STAR = re.compile(r"SELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.I)
_CLAUSE_END = frozenset({"HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES"})


@dataclass
class Scan:
    """What :func:`scan` finds in a query or update text."""

    #: SELECT, CONSTRUCT, ASK, DESCRIBE, UPDATE (any update operation) or "" (neither).
    form: str = ""
    #: Every bare word, upper-cased (keywords, function names, prefixed names).
    words: set[str] = field(default_factory=set)
    #: ``SELECT *``: the engine's column order is then not the query's.
    select_star: bool = False
    #: Variables in the order they first appear.
    variables: list[str] = field(default_factory=list)
    #: Variables of the main query's GROUP BY.
    group_keys: list[str] = field(default_factory=list)
    base: str | None = None
    prefixes: dict[str, str] = field(default_factory=dict)
    #: IRIs of the query's ``FROM`` and ``FROM NAMED`` clauses (None: no dataset clause).
    from_default: list[str] | None = None
    from_named: list[str] | None = None
    #: Bare words outside any braces after the form (LIMIT, ORDER, VALUES...).
    top: set[str] = field(default_factory=set)


def scan(text: str, prefixes: dict[str, str] | None = None, base: str | None = None) -> Scan:
    """Form, keywords, dataset clause and variables of ``text`` (see :class:`Scan`).

    ``prefixes`` are declared before the text's own (which win); ``base`` resolves
    relative IRIs of ``FROM`` clauses unless the text has a ``BASE``.

    >>> s = scan("PREFIX ex: <http://e/> SELECT * FROM ex:g WHERE { ?b ?a 1 }")
    >>> s.form, s.select_star, s.variables, s.from_default, s.from_named
    ('SELECT', True, ['b', 'a'], ['http://e/g'], [])
    """
    out = Scan(base=base, prefixes=dict(prefixes or {}))
    depth = 0
    group_at: int | None = None
    toks = list(tokens(text, variables=True))
    for k, (offset, tok) in enumerate(toks):
        if tok == "{":
            depth += 1
            continue
        if tok == "}":
            depth -= 1
            continue
        if tok.startswith("?"):
            name = tok[1:]
            if name not in out.variables:
                out.variables.append(name)
            if group_at is not None and depth == 0:
                following = toks[k + 1][1].upper() if k + 1 < len(toks) else ""
                if following != "AS" and name not in out.group_keys:
                    out.group_keys.append(name)
            continue
        upper = tok.upper()
        out.words.add(upper)
        if depth:
            continue
        if out.form:
            out.top.add(upper)
        if upper == "PREFIX" and not out.form and (m := _PREFIX_DECL.match(text, offset)):
            out.prefixes[m.group(1)] = _resolve(m.group(2), out.base)
        elif upper == "BASE" and not out.form and (m := _BASE_DECL.match(text, offset)):
            out.base = _resolve(m.group(1), out.base)
        elif not out.form and upper in QUERY_FORMS:
            out.form = upper
            out.select_star = upper == "SELECT" and bool(_STAR.match(text, offset))
        elif not out.form and upper in UPDATE_WORDS:
            out.form = "UPDATE"
        elif upper == "FROM" and out.form in QUERY_FORMS and (m := _FROM.match(text, offset)):
            iri = _iri(m.group(2), out)
            if out.from_default is None or out.from_named is None:
                out.from_default, out.from_named = [], []
            (out.from_named if m.group(1) else out.from_default).append(iri)
        elif upper == "GROUP" and out.form == "SELECT":
            group_at = offset
        elif upper in _CLAUSE_END:
            group_at = None
    return out


def _resolve(iri: str, base: str | None) -> str:
    return urljoin(base, iri) if base else iri


def _iri(written: str, found: Scan) -> str:
    if written.startswith("<"):
        return _resolve(written[1:-1], found.base)
    prefix, _, local = written.partition(":")
    if prefix not in found.prefixes:
        raise QueryError(f"unknown prefix {prefix!r} in FROM {written} (declare it with a PREFIX line)")
    return found.prefixes[prefix] + local


def refuse_outgoing(found: Scan) -> None:
    """Refuse ``SERVICE`` (in any query or update) and ``LOAD``: both make the engine fetch a URL."""
    if "SERVICE" in found.words:
        raise QueryError("SERVICE is not allowed: ecokg never sends requests to other endpoints")
    if found.form == "UPDATE" and "LOAD" in found.words:
        raise QueryError("LOAD is not allowed: ecokg never fetches URLs")


def star_order(found: Scan, columns: list[str]) -> list[str]:
    """``columns`` of a ``SELECT *`` in the order the query names them (the engine sorts them)."""
    if not found.select_star:
        return columns
    rank = {name: i for i, name in enumerate(found.variables)}
    return sorted(columns, key=lambda c: (rank.get(c, len(rank)), c))


# --- binding values into the text (remote endpoints) --------------------------------------


def substitute(text: str, values: dict[str, str]) -> str | None:
    """``text`` with each variable of ``values`` replaced by its term (SPARQL syntax), or None
    where that is not the same query (the variable is a BIND, VALUES or AS target).

    This is what the embedded engine's pre-binding means (SEP-0007): the constant is seen
    wherever the variable is, a FILTER in a UNION branch included, and engines plan a
    constant well (Virtuoso's cost estimator refuses a VALUES block joined into every group).
    A projected variable stays a column: ``?x`` in a SELECT clause becomes ``(term AS ?x)``.

    >>> substitute("SELECT ?x ?n WHERE { ?x ex:name ?n FILTER(?x != ?n) }", {"x": "<urn:a>"})
    'SELECT (<urn:a> AS ?x) ?n WHERE { <urn:a> ex:name ?n FILTER(<urn:a> != ?n) }'
    """
    if not values:
        return text
    toks = list(tokens(text, variables=True))
    edits: list[tuple[int, int, str]] = []
    in_select, in_values, previous = False, False, ""
    paren_base = depth = select_depth = 0
    modifier: int | None = None  # where a GROUP BY or ORDER BY clause starts
    projected = 0  # what a sub-select still projects
    for offset, tok in toks:
        upper = tok.upper()
        if upper == "SELECT":
            if depth == 0 and _STAR.match(text, offset):
                return None  # the bound variable would vanish from SELECT *'s columns
            in_select, paren_base, select_depth, projected = True, offset, depth, 0
        elif tok == "{" or upper == "WHERE" or (in_select and upper == "FROM"):
            if in_select and select_depth and not projected and upper != "FROM":
                return None  # a sub-select left with nothing to project
            in_select, in_values = False, False
        elif upper == "VALUES":
            in_values = True
        if upper in ("GROUP", "ORDER"):
            modifier = offset
        elif tok in "{}" or upper in ("LIMIT", "OFFSET", "HAVING", "VALUES"):
            modifier = None
        if tok in "{}":
            depth += 1 if tok == "{" else -1
        elif tok.startswith("?") and tok[1:] in values:
            name = tok[1:]
            if previous == "AS" or in_values:
                return None
            term = values[name]
            bare = in_select and _depth(text, paren_base, offset) == 0
            if bare and select_depth:
                # A sub-select no longer projects it: the outer query's constant stands for it
                # (projecting it here too would bind it twice).
                edits.append((offset, offset + len(tok), ""))
            elif bare:
                edits.append((offset, offset + len(tok), f"({term} AS ?{name})"))
            elif modifier is not None and _depth(text, modifier, offset) == 0:
                # GROUP BY and ORDER BY take a variable or a bracketed expression.
                edits.append((offset, offset + len(tok), f"({term})"))
            else:
                edits.append((offset, offset + len(tok), term))
        elif in_select and (tok.startswith("?") or tok == "*"):
            projected += 1
        previous = upper
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    return text


def _depth(text: str, start: int, end: int) -> int:
    """Parentheses open between ``start`` and ``end`` (a projection holds no strings that matter)."""
    segment = text[start:end]
    return segment.count("(") - segment.count(")")
