"""SPARQL text read as tokens: braces, keywords and variables, strings and IRIs skipped.

Enough to find where a group pattern opens and closes without a full parser (the
engine parses the query for real); used to bind values for remote endpoints and by
the catalogue's label service.
"""

from __future__ import annotations

from collections.abc import Iterator

from ecokg.errors import QueryError


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
        elif c.isalpha():
            j = i
            while j < n and (text[j].isalnum() or text[j] in "_-:"):
                j += 1
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
