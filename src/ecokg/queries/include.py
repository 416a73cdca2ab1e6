"""Fragments of SPARQL shared by catalogue queries: ``# include: NAME ?var`` in a ``.rq`` file.

A rule several questions apply, such as which status of an event to show when sources
disagree (``fragments/latest-status.rq``), is written once as a fragment. The include line
is a SPARQL comment, so the ``.rq`` file stays valid on its own; the catalogue replaces it,
when it reads the file, by the fragment with ``?var`` written for the fragment's ``?item``
(its other variables are ``?item…`` too: ``?itemStatus`` becomes ``?varStatus``). The text
added is package data, never a value: values still reach the engine only as bindings.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from ecokg.errors import QueryError

_INCLUDE = re.compile(r"^([ \t]*)#[ \t]*include:[ \t]*(\S+)[ \t]+\?([A-Za-z][A-Za-z0-9]*)[ \t]*$", re.M)
_ITEM = re.compile(r"\?item(?![a-z0-9])")


@cache
def fragment(name: str) -> str:
    """The text of ``fragments/NAME.rq`` without its comment header."""
    folder = resources.files("ecokg.queries.fragments")
    entry = folder.joinpath(f"{name}.rq")
    if not re.fullmatch(r"[a-z][a-z0-9-]*", name) or not entry.is_file():
        known = sorted(e.name.removesuffix(".rq") for e in folder.iterdir() if e.name.endswith(".rq"))
        raise QueryError(f"no query fragment {name!r} (known: {', '.join(known)})")
    lines = entry.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("#")) + "\n"


def with_fragments(text: str) -> str:
    """``text`` with each ``# include: NAME ?var`` line replaced by the fragment, for ``?var``."""

    def expand(match: re.Match[str]) -> str:
        indent, name, var = match.groups()
        text = _ITEM.sub(lambda _: "?" + var, fragment(name)).rstrip("\n")
        # At the include line's depth (fragments are written at two spaces), for docs/queries.md.
        return "\n".join(indent + line.removeprefix("  ") if line else line for line in text.split("\n"))

    return _INCLUDE.sub(expand, text)


__all__ = ["fragment", "with_fragments"]
