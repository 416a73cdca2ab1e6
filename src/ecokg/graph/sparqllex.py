"""SPARQL text as tokens, for the rewrites of :mod:`ecokg.graph.dialects`.

Comments and spaces are dropped (written back as one space), strings, IRIs, variables,
numbers, prefixed names and keywords are kept whole, so a rewrite never touches text inside
a string or an IRI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
GLUED = Tok("op", "(", spaced=False)


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


def is_term(tok: Tok) -> bool:
    # A subject or object this rewrite handles: variables, IRIs, literals (not blank-node syntax).
    return tok.kind in ("var", "iri", "string", "number") or (tok.kind == "word" and (":" in tok.text or tok.text in ("true", "false")))


def closing(toks: list[Tok], at: int, opening: str = "(", closing: str = ")") -> int:
    depth = 0
    for j in range(at, len(toks)):
        depth += toks[j].text == opening
        depth -= toks[j].text == closing
        if depth == 0:
            return j
    return len(toks) - 1


def arguments(toks: list[Tok]) -> list[list[Tok]]:
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


__all__ = ["GLUED", "Tok", "arguments", "closing", "is_term", "lex", "unlex"]
