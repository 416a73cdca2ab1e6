"""Query text for Virtuoso 7.2, where it departs from SPARQL 1.1: rewrites that keep the answer.

The catalogue's queries are written for the embedded store (Oxigraph), which follows the
SPARQL semantics; the remote layer (:mod:`ecokg.graph.remote`) sends Virtuoso this module's
text instead, for any query (nothing here is written per query name). What each rewrite
avoids, and why it keeps the answer (docs/conformance.md has the table):

- ``SUBSTR`` with an unbound start or length stops Virtuoso's whole query (``SR008``), and
  ``CONCAT`` reads an unbound argument as ``""``: each call is guarded,
  ``IF(isNumeric(arg), SUBSTR(...), ?unbound)``, the same error in SPARQL (:func:`guard_calls`);
- a computed boolean comes back as the integer 1 or 0: ``BIND(e AS ?v)`` with a boolean ``e``
  becomes ``IF(e, STRDT("true", xsd:boolean), ...)`` (:func:`typed_booleans`), read back as
  ``true`` (:func:`normal_booleans`);
- a number as a GROUP BY or ORDER BY key goes to SQL as a column number: it is written as
  text (:func:`constant_keys`);
- paths with ``*`` or ``+`` give a row per route, and with a constant end and the other end
  bound by the rest of the pattern only the first start is answered: such a step is evaluated
  apart, once a pair, or through Virtuoso's own transitive option (:func:`rewrite_paths`);
- a FILTER that compares a BIND-computed variable and tests it in ``EXISTS`` answers nothing:
  that ``EXISTS`` is sent as a value, ``IF(EXISTS {...}, true, false)`` (:func:`scalar_exists`);
- a trailing ``VALUES`` block is planned as a filter over the whole pattern: it is moved to
  the front of the WHERE group, the same join (:func:`inline_values`).

What cannot be rewritten is sent as written, and Virtuoso's error for a known limit is
prefixed with what it means (:func:`virtuoso_limit`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import Literal

from ecokg.graph.sparqllex import GLUED, Tok, arguments, closing, is_term, lex, unlex
from ecokg.namespaces import XSD

#: A row bound no sub-select of a catalogue answer reaches; the LIMIT only makes Virtuoso
#: evaluate the sub-select apart from the pattern around it.
APART = 1_000_000_000
#: A variable no query binds: an expression naming it is an error, as SPARQL's are.
UNBOUND = "?ecokg__unbound"
_FRESH = "?ecokg__step"

# --- functions Virtuoso evaluates eagerly ----------------------------------------------------

#: Functions whose arguments must be guarded, and the test each argument (after the first,
#: for SUBSTR) must pass: SPARQL makes the call an error otherwise, Virtuoso stops the query
#: (SUBSTR) or reads an unbound argument as "" (CONCAT).
_GUARDED = {"SUBSTR": ("isNumeric", 1), "CONCAT": ("isLiteral", 0)}


def guard_calls(toks: list[Tok]) -> list[Tok]:
    """Each ``SUBSTR(s, start[, length])`` and ``CONCAT(...)`` whose arguments may be unbound
    wrapped in ``IF(test(arg), call, ?unbound)``: the same error in SPARQL where one is."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        tok = toks[k]
        guard = _GUARDED.get(tok.text.upper()) if tok.kind == "word" else None
        if guard is None or k + 1 >= len(toks) or toks[k + 1].text != "(":
            out.append(tok)
            k += 1
            continue
        test, first = guard
        end = closing(toks, k + 1)
        args = arguments(guard_calls(toks[k + 2 : end]))
        checked = [a for a in args[first:] if not (len(a) == 1 and a[0].kind in ("number", "string"))]
        call = [Tok("word", tok.text.upper()), GLUED]
        for n, arg in enumerate(args):
            call += ([Tok("op", ",")] if n else []) + arg
        call.append(Tok("op", ")"))
        for arg in reversed(checked):
            call = [Tok("word", "IF"), GLUED, Tok("word", test), GLUED, *arg, Tok("op", ")"),
                    Tok("op", ","), *call, Tok("op", ","), Tok("var", UNBOUND), Tok("op", ")")]
        out += call
        k = end + 1
    return out


# --- booleans ---------------------------------------------------------------------------------

_BOOLEAN_OPS = frozenset({"=", "!=", "<", ">", "<=", ">=", "&&", "||", "!"})
_BOOLEAN_WORDS = frozenset({
    "EXISTS", "NOT", "IN", "TRUE", "FALSE", "BOUND", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL",
    "ISNUMERIC", "SAMETERM", "STRSTARTS", "STRENDS", "CONTAINS", "REGEX", "LANGMATCHES",
})


def _boolean(expr: list[Tok]) -> bool:
    """Whether ``expr``'s value is a boolean, from what it does outside any brackets."""
    depth = 0
    for n, tok in enumerate(expr):
        if depth == 0 and (tok.text in _BOOLEAN_OPS or (tok.kind == "word" and tok.text.upper() in _BOOLEAN_WORDS
                                                        and (n == 0 or tok.text.upper() in ("EXISTS", "IN")))):
            return True
        depth += tok.text in "([{"
        depth -= tok.text in ")]}"
    return False


def typed_booleans(toks: list[Tok]) -> list[Tok]:
    """``BIND(e AS ?v)`` and ``(e AS ?v)`` with a boolean ``e`` as ``IF(e, STRDT("true",
    xsd:boolean), STRDT("false", ...))``: Virtuoso writes a computed boolean as the integer 1
    or 0, and keeps the type only of a literal made by STRDT (as "1"^^xsd:boolean)."""
    out = list(toks)
    boolean = XSD.boolean.n3()
    for k in range(len(toks) - 1, 1, -1):
        if not (toks[k].text.upper() == "AS" and k + 2 < len(toks) and toks[k + 1].kind == "var" and toks[k + 2].text == ")"):
            continue
        depth, opening = 0, None
        for j in range(k - 1, -1, -1):
            depth += toks[j].text in ")]}"
            depth -= toks[j].text in "([{"
            if depth < 0:
                opening = j
                break
        if opening is None or not _boolean(toks[opening + 1 : k]):
            continue
        tail = f', STRDT("true", {boolean}), STRDT("false", {boolean}))'
        out[opening + 1 : k] = [Tok("word", "IF"), GLUED, *toks[opening + 1 : k], Tok("other", tail)]
    return out


def normal_booleans(value: Any) -> Any:
    """A boolean Virtuoso wrote as ``"1"`` or ``"0"`` in its canonical form (the same value)."""
    if isinstance(value, Literal) and value.datatype == XSD.boolean and str(value) in ("0", "1"):
        return Literal(str(value) == "1")
    return value


# --- GROUP BY and ORDER BY keys ------------------------------------------------------------

_CLAUSE_END = frozenset({"HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES", "GROUP", "}"})


def constant_keys(toks: list[Tok]) -> list[Tok]:
    """A number written as a GROUP BY or ORDER BY key (``(3)``, as a bound parameter is) taken
    as text: Virtuoso passes it on to SQL, which reads ``GROUP BY 3`` as "the third column"
    (``SQ200: Aggregate function not allowed`` when that is an aggregate). A constant key groups
    or orders nothing either way."""
    out = list(toks)
    k = 0
    while k < len(toks):
        if not (toks[k].text.upper() in ("GROUP", "ORDER") and k + 1 < len(toks) and toks[k + 1].text.upper() == "BY"):
            k += 1
            continue
        j = k + 2
        while j < len(toks) and toks[j].text.upper() not in _CLAUSE_END:
            if toks[j].text == "(":
                end = closing(toks, j)
                inner = toks[j + 1 : end]
                numeric = (len(inner) == 1 and inner[0].kind == "number") or (
                    len(inner) == 3 and inner[0].kind == "string" and inner[1].text == "^^")
                if numeric:
                    out[j + 1] = Tok("other", "STR(" + "".join(t.text for t in inner) + ")")
                    for n in range(j + 2, end):
                        out[n] = Tok("other", "")
                j = end
            j += 1
        k = j
    return [t for t in out if t.text]


# --- EXISTS beside a computed variable -------------------------------------------------------


def _bound_by_bind(toks: list[Tok]) -> tuple[dict[int, set[str]], list[int]]:
    """For each group (the index of its ``{``; -1 the whole text), the variables its own
    ``BIND(... AS ?v)`` compute; and for each token, the group it is in."""
    binds: dict[int, set[str]] = {-1: set()}
    inside: list[int] = []
    stack = [-1]
    for n, tok in enumerate(toks):
        inside.append(stack[-1])
        if tok.text == "{":
            stack.append(n)
            binds[n] = set()
        elif tok.text == "}" and len(stack) > 1:
            stack.pop()
        elif tok.text.upper() == "BIND" and n + 1 < len(toks) and toks[n + 1].text == "(":
            end = closing(toks, n + 1)
            if toks[end - 1].kind == "var" and toks[end - 2].text.upper() == "AS":
                binds[stack[-1]].add(toks[end - 1].text)
    return binds, inside


def scalar_exists(toks: list[Tok]) -> list[Tok]:
    """``[NOT] EXISTS {...}`` in a FILTER, when its group names a variable computed by a BIND
    of the FILTER's group, as ``IF([NOT] EXISTS {...}, true, false)`` (the same value).

    Virtuoso 7.2 answers nothing to ``OPTIONAL { ?o :p ?x } BIND(COALESCE(?x, <c>) AS ?y)
    FILTER(?a != ?y && EXISTS { ?y :q ?z })`` once ``?a`` is a constant, where each condition
    alone keeps the row (and ``!sameTerm`` in place of ``!=`` keeps every row): the comparison
    and the EXISTS on a computed variable do not mix in its plan. As a value of ``IF``, the
    EXISTS is evaluated on its own.
    """
    binds, inside = _bound_by_bind(toks)
    before: dict[int, list[Tok]] = {}
    after: dict[int, list[Tok]] = {}
    for k, tok in enumerate(toks):
        if tok.text.upper() != "FILTER" or k + 1 >= len(toks):
            continue
        computed = binds.get(inside[k], set())
        bare = toks[k + 1].text.upper() in ("NOT", "EXISTS")
        end = closing(toks, k + 1 if toks[k + 1].text == "(" else k + 2) if not bare else len(toks) - 1
        j = k + 1
        while j <= end:
            start = j
            j += toks[j].text.upper() == "NOT" and j + 1 < len(toks) and toks[j + 1].text.upper() == "EXISTS"
            if toks[j].text.upper() != "EXISTS" or j + 1 >= len(toks) or toks[j + 1].text != "{":
                j = start + 1
                continue
            shut = closing(toks, j + 1, "{", "}")
            if computed & {t.text for t in toks[j + 1 : shut] if t.kind == "var"}:
                before.setdefault(start, []).extend(
                    ([Tok("op", "(")] if bare else []) + [Tok("word", "IF"), GLUED])
                after.setdefault(shut, []).extend(
                    [Tok("op", ","), Tok("word", "true"), Tok("op", ","), Tok("word", "false"), Tok("op", ")")]
                    + ([Tok("op", ")")] if bare else []))
            if bare:
                break
            j = shut + 1
    out: list[Tok] = []
    for n, tok in enumerate(toks):
        out += [*before.get(n, []), tok, *after.get(n, [])]
    return out


# --- a VALUES block after the query ----------------------------------------------------------

_AGGREGATES = frozenset({"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"})


def inline_values(toks: list[Tok]) -> list[Tok]:
    """A SELECT's or ASK's trailing ``VALUES`` block moved to the front of its WHERE group,
    the group kept whole inside: ``WHERE { VALUES ?s {...} { P } }``, which is the same join
    (SPARQL joins a trailing block with the WHERE pattern, before projection and modifiers).
    Not with GROUP BY or aggregates, where the trailing block comes after the grouping.

    Virtuoso 7.2 plans a trailing block as a filter over the whole pattern: 500 subjects of
    the projection's statements (``network/sparql/network-statements-about.rq``) took over
    120 s at 1M triples, and 0.6 s with the block in front.
    """
    form = next((t.text.upper() for t in toks if t.text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")), "")
    if form not in ("SELECT", "ASK") or any(t.text.upper() in _AGGREGATES or t.text.upper() == "GROUP" for t in toks):
        return toks
    parens = 0
    where = -1
    for n, tok in enumerate(toks):
        parens += (tok.text == "(") - (tok.text == ")")
        if tok.text == "{" and parens == 0:
            where = n
            break
    if where < 0:
        return toks
    end = closing(toks, where, "{", "}")
    values = next((n for n in range(end + 1, len(toks)) if toks[n].text.upper() == "VALUES"), -1)
    if values < 0:
        return toks
    data = next((n for n in range(values + 1, len(toks)) if toks[n].text == "{"), -1)
    if data < 0:
        return toks
    block = toks[values : closing(toks, data, "{", "}") + 1]
    rest = toks[values + len(block) :]
    return [*toks[: where + 1], *block, Tok("op", "{"), *toks[where + 1 : end], Tok("op", "}"),
            *toks[end : values], *rest]


# --- transitive paths ------------------------------------------------------------------------


@dataclass
class _Step:
    """One element of a sequence path: its tokens, and for ``[^]iri*`` / ``[^]iri+`` the parts."""

    toks: list[Tok]
    iri: Tok | None = None
    inverse: bool = False
    modifier: str = ""


def _path(toks: list[Tok], k: int) -> tuple[list[_Step], int] | None:
    """The sequence path starting at ``k`` (steps, index after it); None: not a plain sequence."""
    steps: list[_Step] = []
    while True:
        start = k
        inverse = k < len(toks) and toks[k].text == "^"
        k += inverse
        if k >= len(toks):
            return None
        tok = toks[k]
        if tok.text == "(":
            k = closing(toks, k) + 1
            primary = None
        elif tok.kind == "iri" or (tok.kind == "word" and (":" in tok.text or tok.text == "a")):
            primary = tok
            k += 1
        else:
            return None
        modifier = toks[k].text if k < len(toks) and toks[k].text in ("*", "+", "?") else ""
        k += bool(modifier)
        steps.append(_Step(toks[start:k], primary if modifier in ("*", "+") else None, inverse, modifier))
        if k < len(toks) and toks[k].text == "/":
            k += 1
            continue
        if k < len(toks) and toks[k].text == "|":
            return None  # an alternative of sequences: sent as written
        return steps, k


def _transitive(subject: Tok, step: _Step, obj: Tok, native: bool, seen: set[str], outside: set[str],
                fresh: Tok) -> list[Tok] | None:
    """``subject step obj`` for a ``[^]iri*`` or ``[^]iri+`` step, in a form Virtuoso answers.

    ``seen``: the variables the group binds before the step; ``outside``: inside ``EXISTS`` or
    ``MINUS``, the variables bound outside it; ``fresh``: a variable of no other use.
    """
    assert step.iri is not None
    ends = [t for t in dict.fromkeys(x.text for x in (subject, obj)) if t.startswith(("?", "$"))]
    if not ends:
        return None
    if len(ends) == 1 and subject.text != obj.text:
        constant = obj if ends[0] == subject.text else subject
        if ends[0] in outside and ends[0] not in seen:
            # Inside EXISTS, on a variable bound only outside it, Virtuoso ignores the bound end
            # against a constant one: the path to a fresh variable, then compared with the
            # constant (same group, same answer).
            pair = [subject, *step.toks, fresh] if constant is obj else [fresh, *step.toks, obj]
            return [*pair, Tok("op", "."), Tok("other", f"FILTER(sameTerm({fresh.text}, {constant.text}))")]
        # The pairs on their own, once each, then joined (Virtuoso keeps a sub-select with a
        # LIMIT apart, which it reads from the constant end).
        return [Tok("op", "{"), Tok("word", "SELECT"), Tok("word", "DISTINCT"), Tok("var", ends[0]),
                Tok("word", "WHERE"), Tok("op", "{"), subject, *step.toks, obj, Tok("op", "}"), Tok("word", "LIMIT"),
                Tok("number", str(APART)), Tok("op", "}")]
    if not native or subject.text == obj.text:
        return None
    start, end = (obj, subject) if step.inverse else (subject, obj)
    least = "0" if step.modifier == "*" else "1"
    check = ""
    names = {start.text, end.text}
    if len(names & seen) == 1 and names - seen <= outside:
        # Inside EXISTS, one end bound in it and the other only outside: Virtuoso loops on the
        # pair. The outside end becomes a fresh variable, then compared (same group, same
        # answer). With both ends bound outside, Virtuoso answers as written.
        if end.text in seen:
            start, check = fresh, f"FILTER(sameTerm({fresh.text}, {start.text}))"
        else:
            end, check = fresh, f"FILTER(sameTerm({fresh.text}, {end.text}))"
    option = f"OPTION (TRANSITIVE, T_IN({start.text}), T_OUT({end.text}), T_DISTINCT, T_MIN({least}))"
    return [start, step.iri, end, Tok("other", option)] + ([Tok("op", "."), Tok("other", check)] if check else [])


_TRIPLE_BEFORE = frozenset({"{", ".", "}", ")"})
_TRIPLE_AFTER = frozenset({".", "}", "{", "FILTER", "OPTIONAL", "BIND", "MINUS", "VALUES", "GRAPH"})


def _outside(toks: list[Tok], opening: int) -> set[str]:
    """The variables named outside the group that opens at ``opening``."""
    shut = closing(toks, opening, "{", "}")
    return {t.text for n, t in enumerate(toks) if t.kind == "var" and not opening < n < shut}


def rewrite_paths(toks: list[Tok], *, native: bool = True, split: bool = True) -> list[Tok]:
    """Triple patterns with a ``*`` or ``+`` path element rewritten (module docstring).

    Only a whole triple pattern (after ``{``, ``.`` or ``}``, ending with ``.`` or ``}``) is
    rewritten; ``native``: Virtuoso's transitive option for paths with two variable ends;
    ``split``: sequences split into steps (new variables, so not under ``SELECT *``).
    """
    out: list[Tok] = []
    fresh = 0
    k = 0
    depth = 0  # parentheses: a triple pattern is never inside them
    outer: list[tuple[int, set[str], set[str]]] = []
    seen: set[str] = set()  # variables of the current group so far
    outside: set[str] = set()  # inside EXISTS or MINUS: the variables outside it
    while k < len(toks):
        tok = toks[k]
        previous = out[-1].text if out else ""
        found = None
        if depth == 0 and is_term(tok) and previous in _TRIPLE_BEFORE:
            found = _path(toks, k + 1)
        if found is not None:
            steps, after = found
            if (after < len(toks) and is_term(toks[after]) and after + 1 < len(toks)
                    and toks[after + 1].text.upper() in _TRIPLE_AFTER and any(s.iri is not None for s in steps)
                    and (split or len(steps) == 1)):
                ends = [tok]
                for _ in steps[:-1]:
                    fresh += 1
                    ends.append(Tok("var", f"{_FRESH}{fresh}"))
                ends.append(toks[after])
                written: list[Tok] = []
                for n, step in enumerate(steps):
                    part = None
                    if step.iri is not None:
                        fresh += 1
                        part = _transitive(ends[n], step, ends[n + 1], native, seen, outside,
                                           Tok("var", f"{_FRESH}{fresh}"))
                    seen.update(t.text for t in (ends[n], ends[n + 1]) if t.kind == "var")
                    written += (part or [ends[n], *step.toks, ends[n + 1]]) + [Tok("op", ".")]
                out += written[:-1]
                k = after + 1
                continue
        if tok.text == "{":
            # A group inside an expression (EXISTS) holds triple patterns.
            outer.append((depth, outside, seen))
            if previous.upper() in ("EXISTS", "MINUS"):
                outside = _outside(toks, k)
            depth, seen = 0, set()
        elif tok.text == "}" and outer:
            depth, outside, parent = outer.pop()
            seen = parent | seen
        elif tok.kind == "var":
            seen.add(tok.text)
        depth += tok.text == "("
        depth -= tok.text == ")"
        out.append(tok)
        k += 1
    return out


def virtuoso_text(text: str, *, native: bool = True) -> str:
    """``text`` as Virtuoso 7.2 answers it the way SPARQL defines (module docstring);
    ``native=False`` leaves out Virtuoso's own syntax (so that Oxigraph reads the rest).

    >>> virtuoso_text('SELECT ?t WHERE { ?t rdfs:subClassOf* ek:Event }')
    'SELECT ?t WHERE { { SELECT DISTINCT ?t WHERE { ?t rdfs:subClassOf* ek:Event } LIMIT 1000000000 } }'
    """
    toks = lex(text)
    star = any(t.text == "*" and n and toks[n - 1].text.upper() in ("SELECT", "DISTINCT", "REDUCED")
               for n, t in enumerate(toks))
    toks = inline_values(scalar_exists(constant_keys(typed_booleans(guard_calls(toks)))))
    return unlex(rewrite_paths(toks, native=native, split=not star))


#: Virtuoso's errors for what it cannot run whatever the text: (its words, what ecokg says).
VIRTUOSO_LIMITS = (
    ("transitive start not given", "Virtuoso cannot run a property path with * or + when neither of its ends has "
     "a value (a constant, or a variable bound by the rest of the pattern); give one end a value. "),
    ("neither end of it is bound", "Virtuoso cannot run a property path with * or + when neither of its ends has "
     "a value; give one end a value. "),
    ("SR353", "Virtuoso sorts at most MaxSortedTopRows rows (virtuoso.ini, [Parameters]; 10,000 in 7.2.5), "
     "counting an OFFSET's: raise it, or narrow the query. "),
    ("VECSL", "Virtuoso failed inside its vectored executor (an engine error, not the query's). "),
    ("SR171", "Virtuoso stopped the query at its time limit (MaxQueryExecutionTime, virtuoso.ini [SPARQL]): "
     "raise it, or narrow the query. "),
    ("exceeds the limit of", "Virtuoso's cost estimator refused the query before running it "
     "(MaxQueryCostEstimationTime, virtuoso.ini [SPARQL]): raise it, or narrow the query. "),
)


def virtuoso_limit(message: str) -> str:
    """What ecokg says before Virtuoso's own error ``message``, when it names a known limit."""
    return next((said for words, said in VIRTUOSO_LIMITS if words in message), "")


__all__ = ["normal_booleans", "virtuoso_limit", "virtuoso_text"]
