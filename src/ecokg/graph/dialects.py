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
  apart, once a pair, or through Virtuoso's own transitive option (:func:`rewrite_paths`).

What cannot be rewritten is sent as written, and Virtuoso's error for a known limit is
prefixed with what it means (:func:`virtuoso_limit`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rdflib import Literal

from ecokg.namespaces import XSD

#: A row bound no sub-select of a catalogue answer reaches; the LIMIT only makes Virtuoso
#: evaluate the sub-select apart from the pattern around it.
APART = 1_000_000_000
#: A variable no query binds: an expression naming it is an error, as SPARQL's are.
UNBOUND = "?ecokg__unbound"
_FRESH = "?ecokg__step"

_TOKEN = re.compile(
    r"""
    (?P<space>\s+|\#[^\n]*)
  | (?P<string>"{3}(?:[^"\\]|\\.|"(?!""))*"{3}|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<word>(?:[A-Za-z_][\w\-]*)?:(?:[\w\-%:]|\\.|\.(?=[\w\-%:]))*|_:[\w\-.]*\w|[A-Za-z_][\w\-]*|@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<op>\^\^|&&|\|\||!=|<=|>=|[{}()\[\].;,|/^*+?!=<>-])
  """,
    re.X,
)


@dataclass
class Tok:
    kind: str  # string | iri | var | number | word | op | other
    text: str
    #: Whether space (or a comment) came before it, and its place in the text (-1: added):
    #: tokens that touched in the text still touch (``"a"@en``, ``-1``); an added one touches
    #: the one before it unless ``spaced``.
    spaced: bool = True
    at: int = -1


#: An opening bracket touching a function's name: Oxigraph does not read ``CONCAT (``.
_GLUED = Tok("op", "(", spaced=False)


def lex(text: str) -> list[Tok]:
    """The query's tokens, comments and spaces left out (they are written back as one space)."""
    out: list[Tok] = []
    i, spaced = 0, False
    while i < len(text):
        m = _TOKEN.match(text, i)
        if m is None:
            out.append(Tok("other", text[i], spaced, len(out)))
            i, spaced = i + 1, False
            continue
        i = m.end()
        kind = m.lastgroup or "other"
        if kind == "space":
            spaced = True
        else:
            out.append(Tok(kind, m.group(), spaced, len(out)))
            spaced = False
    return out


def unlex(toks: list[Tok]) -> str:
    parts = []
    for n, tok in enumerate(toks):
        touching = n and not tok.spaced and (tok.at < 0 or toks[n - 1].at == tok.at - 1)
        parts.append(("" if touching or not n else " ") + tok.text)
    return "".join(parts)


def _is_term(tok: Tok) -> bool:
    # A subject or object this rewrite handles: variables, IRIs, literals (not blank-node syntax).
    return tok.kind in ("var", "iri", "string", "number") or (tok.kind == "word" and (":" in tok.text or tok.text in ("true", "false")))


def _closing(toks: list[Tok], at: int, opening: str = "(", closing: str = ")") -> int:
    depth = 0
    for j in range(at, len(toks)):
        depth += toks[j].text == opening
        depth -= toks[j].text == closing
        if depth == 0:
            return j
    return len(toks) - 1


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
        end = _closing(toks, k + 1)
        args = _arguments(guard_calls(toks[k + 2 : end]))
        checked = [a for a in args[first:] if not (len(a) == 1 and a[0].kind in ("number", "string"))]
        call = [Tok("word", tok.text.upper()), _GLUED]
        for n, arg in enumerate(args):
            call += ([Tok("op", ",")] if n else []) + arg
        call.append(Tok("op", ")"))
        for arg in reversed(checked):
            call = [Tok("word", "IF"), _GLUED, Tok("word", test), _GLUED, *arg, Tok("op", ")"),
                    Tok("op", ","), *call, Tok("op", ","), Tok("var", UNBOUND), Tok("op", ")")]
        out += call
        k = end + 1
    return out


def _arguments(toks: list[Tok]) -> list[list[Tok]]:
    args: list[list[Tok]] = [[]]
    depth = 0
    for tok in toks:
        if tok.text == "," and depth == 0:
            args.append([])
            continue
        depth += tok.text in "([{"
        depth -= tok.text in ")]}"
        args[-1].append(tok)
    return args


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
        out[opening + 1 : k] = [Tok("word", "IF"), _GLUED, *toks[opening + 1 : k], Tok("other", tail)]
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
                end = _closing(toks, j)
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
            k = _closing(toks, k) + 1
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
    closing = _closing(toks, opening, "{", "}")
    return {t.text for n, t in enumerate(toks) if t.kind == "var" and not opening < n < closing}


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
        if depth == 0 and _is_term(tok) and previous in _TRIPLE_BEFORE:
            found = _path(toks, k + 1)
        if found is not None:
            steps, after = found
            if (after < len(toks) and _is_term(toks[after]) and after + 1 < len(toks)
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
    toks = constant_keys(typed_booleans(guard_calls(toks)))
    return unlex(rewrite_paths(toks, native=native, split=not star))


#: Virtuoso's errors for what it cannot run whatever the text: (its words, what ecokg says).
VIRTUOSO_LIMITS = (
    ("transitive start not given", "Virtuoso cannot run a property path with * or + when neither of its ends has "
     "a value (a constant, or a variable bound by the rest of the pattern); give one end a value. "),
    ("neither end of it is bound", "Virtuoso cannot run a property path with * or + when neither of its ends has "
     "a value; give one end a value. "),
    ("SR353", "Virtuoso sorts at most MaxSortedTopRows rows (virtuoso.ini, [Parameters]; 20,000 by default): "
     "raise it, or narrow the query. "),
    ("VECSL", "Virtuoso failed inside its vectored executor (an engine error, not the query's). "),
)


def virtuoso_limit(message: str) -> str:
    """What ecokg says before Virtuoso's own error ``message``, when it names a known limit."""
    return next((said for words, said in VIRTUOSO_LIMITS if words in message), "")


__all__ = ["normal_booleans", "virtuoso_limit", "virtuoso_text"]
