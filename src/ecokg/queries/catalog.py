"""The catalogue of named SPARQL queries: one ``.rq`` file per question.

Each file starts with a header of ``#`` comments::

    # title: Members of a delegation
    # title-fr: Membres d’une délégation
    # description: The people who led or took part in a mission, with their posts.
    # description-fr: Les personnes qui ont conduit une mission ou y ont pris part, avec leurs postes.
    # param: mission | entity | ekr:mission-bfc-usa-2024 | The mission or delegation

A parameter line gives the name (a variable of the query), the kind
(``entity``, ``date``, ``text`` or ``number``), the default (``-`` for none: the
variable stays unbound and the query reads it as "any") and a description.
A column line (``# column: sideALabel | Side A | Côté A``) gives a result column's
headers in English and French; undeclared columns are humanised (:func:`humanise`).
``title-fr`` and ``description-fr`` give the French title and description (``--lang fr``,
the explorer's French page); a query without them shows the English ones.
Values are bound by the engine (``initBindings``), never written into the text,
so no value can change what a query does. Every query also reads ``?lang``, the
preferred label language.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from rdflib.term import Identifier

from ecokg.errors import EcokgError, QueryError
from ecokg.queries.binding import _bind, bind_parameters, lang_literal, resolve_entity

if TYPE_CHECKING:
    from ecokg.graph.store import Backend
    from ecokg.queries.result import QueryResult

KINDS = ("entity", "date", "text", "number")
LANG_VARIABLE = "lang"
_HEADER = re.compile(r"^#\s*(title-fr|description-fr|title|description|param|column)\s*:\s*(.*?)\s*$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")




@dataclass(frozen=True)
class Parameter:
    """A value a named query takes."""

    name: str
    kind: str  # "entity" | "date" | "text" | "number"
    default: str | None
    description: str


@dataclass(frozen=True)
class Column:
    """A result column's headers: ``# column: sideALabel | Side A | Côté A``."""

    name: str
    en: str
    fr: str


def humanise(variable: str) -> str:
    """A header from a variable name, when the query declares none: ``sideALabel`` → ``Side A``.

    >>> humanise("sideALabel"), humanise("valueLabel"), humanise("end_date")
    ('Side A', 'Value', 'End date')
    """
    name = variable.removesuffix("Label") or variable
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|[_-]+", " ", name).split()
    text = " ".join(w if w.isupper() else w.lower() for w in words)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file of the catalogue."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    form: str  # "SELECT" | "CONSTRUCT" | "ASK" | "DESCRIBE"
    #: (parameter, value, text): the same question for one value of a parameter, in a text
    #: Oxigraph runs faster (``NAME.PARAM-VALUE.rq``); ``text`` answers every value.
    variants: tuple[tuple[str, str, str], ...] = ()
    #: Human headers of result columns (``# column: var | English | French``).
    columns: tuple[Column, ...] = ()
    #: French title and description (``# title-fr:``, ``# description-fr:``); empty: none given.
    title_fr: str = ""
    description_fr: str = ""

    def title_in(self, lang: str = "en") -> str:
        """The title in ``lang`` (the English one when no French title is declared)."""
        return self.title_fr if lang.lower().startswith("fr") and self.title_fr else self.title

    def description_in(self, lang: str = "en") -> str:
        """The description in ``lang`` (the English one when no French one is declared)."""
        return self.description_fr if lang.lower().startswith("fr") and self.description_fr else self.description

    def header(self, variable: str, lang: str = "en") -> str:
        """The header a person reads for the column ``variable`` (declared, else humanised)."""
        for column in self.columns:
            if column.name == variable:
                return column.fr if lang.lower().startswith("fr") and column.fr else column.en
        return humanise(variable)

    def text_for(self, bindings: Mapping[str, Identifier]) -> str:
        """The text to run with ``bindings``: a variant written for one of its values, else
        ``text``; with the labels its ``?xLabel`` variables ask for (:mod:`ecokg.queries.labels`)."""
        from ecokg.queries.labels import with_labels

        for parameter, value, text in self.variants:
            if parameter in bindings and str(bindings[parameter]) == value:
                return with_labels(text)
        return with_labels(self.text)

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise QueryError(self._unknown(name))

    def _unknown(self, name: str) -> str:
        accepted = ", ".join(p.name for p in self.parameters) or "none"
        return f"the query {self.name!r} has no parameter {name!r} (accepted: {accepted})"


def parse_rq(name: str, text: str) -> NamedQuery:
    """A ``NamedQuery`` from the text of ``NAME.rq`` (its header declares the rest)."""
    from ecokg.queries.result import check_query

    fields: dict[str, str] = {}
    parameters: list[Parameter] = []
    columns: list[Column] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "column":
            parts = [p.strip() for p in value.split("|")]
            if len(parts) != 3 or not all(parts):
                raise QueryError(f"{name}.rq: bad column line {line!r} (variable | English header | French header)")
            columns.append(Column(*parts))
        elif key == "param":
            parts = [p.strip() for p in value.split("|")]
            if len(parts) != 4 or parts[1] not in KINDS:
                raise QueryError(f"{name}.rq: bad parameter line {line!r} (name | kind | default | description)")
            pname, kind, default, description = parts
            parameters.append(Parameter(pname, kind, None if default == "-" else default, description))
        else:
            fields[key] = value
    for key in ("title", "description"):
        if not fields.get(key):
            raise QueryError(f"{name}.rq: the header has no {key}: line")
    return NamedQuery(
        name=name,
        title=fields["title"],
        description=fields["description"],
        parameters=tuple(parameters),
        text=text,
        form=check_query(text),
        columns=tuple(columns),
        title_fr=fields.get("title-fr", ""),
        description_fr=fields.get("description-fr", ""),
    )


@lru_cache(maxsize=1)
def _load() -> tuple[NamedQuery, ...]:
    from dataclasses import replace

    from ecokg.queries.include import with_fragments
    from ecokg.queries.result import check_query

    found = []
    variants: dict[str, list[tuple[str, str, str]]] = {}
    for entry in resources.files("ecokg.queries").iterdir():
        if entry.name.endswith(".rq"):
            name = entry.name.removesuffix(".rq")
            text = with_fragments(entry.read_text(encoding="utf-8"))  # `# include: NAME ?var` lines
            if "." in name:  # NAME.PARAM-VALUE.rq: a variant of NAME.rq, not a query of its own
                base, _, case = name.partition(".")
                parameter, _, value = case.rpartition("-")
                check_query(text)
                variants.setdefault(base, []).append((parameter, value, text))
            else:
                found.append(parse_rq(name, text))
    by_name = {q.name: q for q in found}
    for base, cases in variants.items():
        if base not in by_name or any(p not in {x.name for x in by_name[base].parameters} for p, _, _ in cases):
            raise QueryError(f"variants of {base}.rq name no query or no parameter of it: {sorted(cases)[0][:2]}")
        by_name[base] = replace(by_name[base], variants=tuple(sorted(cases)))
    return tuple(sorted(by_name.values(), key=lambda q: q.name))


def catalog() -> list[NamedQuery]:
    """Every named query, by name.

    >>> [q.name for q in catalog()][:2]
    ['agent-events', 'agreements']
    """
    return list(_load())


def get_query(name: str) -> NamedQuery:
    """The named query ``name``; a ``QueryError`` suggesting the closest names otherwise."""
    by_name = {q.name: q for q in _load()}
    if isinstance(name, str) and name in by_name:
        return by_name[name]
    text = name if isinstance(name, str) else repr(name)
    close = difflib.get_close_matches(text, list(by_name), n=3, cutoff=0.5)
    close += [n for n in by_name if text and text in n and n not in close][: 3 - len(close)]
    hint = f"; did you mean {', '.join(close)}?" if close else "; `ecokg queries` lists them"
    raise QueryError(f"no query named {text!r}{hint}")


# --- running ------------------------------------------------------------------------


def run_named(
    backend: Backend,
    name: str,
    params: Mapping[str, Any],
    *,
    lang: str = "en",
    include_inferred: bool = True,
    timeout: float = 30.0,
    limit: int | None = None,
    offset: int = 0,
) -> QueryResult:
    """Run the named query ``name`` with ``params`` (strings, as a person types them);
    ``limit``/``offset``: one page of its rows, in its order, with the ``total``."""
    return run_query(
        backend, get_query(name), params, lang=lang, include_inferred=include_inferred, timeout=timeout,
        limit=limit, offset=offset,
    )


def run_query(
    backend: Backend,
    query: NamedQuery,
    params: Mapping[str, Any],
    *,
    lang: str = "en",
    include_inferred: bool = True,
    timeout: float = 30.0,
    limit: int | None = None,
    offset: int = 0,
) -> QueryResult:
    """Run ``query`` (from the catalogue or a ``.rq`` file with a header) with ``params``; ``limit``/
    ``offset``: a page, cut inside the query where it says (:mod:`ecokg.queries.paging`), or
    from the catalogue's answer kept with the store's generation (:mod:`ecokg.queries.kept`)."""
    from ecokg.queries import kept
    from ecokg.queries.paging import PAGE_MARK, run_page
    from ecokg.queries.result import run_sparql

    language = lang_literal(lang)
    place = kept.shelf(backend) if query.form == "SELECT" and any(q is query for q in _load()) else None

    def prepared(bindings: dict[str, Identifier]) -> tuple[str, dict[str, Identifier], dict[str, Any]]:
        text = query.text_for(bindings)
        bindings = {**bindings, LANG_VARIABLE: language} if uses_variable(text, LANG_VARIABLE) else bindings
        return text, bindings, place.key(query.name, text, bindings, str(language), include_inferred) if place else {}

    try:  # values that need no look-up in the store (IRIs, dates) find a kept answer without one
        quick = prepared(_bind(backend, query, params, lookup=False)) if place is not None else None
    except (EcokgError, LookupError):
        quick = None
    if place is not None and quick is not None and (found := place.read(quick[2], limit, offset)) is not None:
        return found
    text, bindings, key = prepared(bind_parameters(backend, query, params))

    def fresh(limit: int | None, offset: int, timeout: float) -> QueryResult:
        paging = limit is not None or offset != 0
        page = run_page(backend, text, bindings, limit, offset, lang=language, include_inferred=include_inferred,
                        timeout=timeout) if paging and query.form == "SELECT" else None
        if page is not None:  # (an empty page is a page)
            return drop_parameter_columns(query, page)
        result = run_sparql(backend, text, bindings, include_inferred=include_inferred, timeout=timeout)
        result = drop_parameter_columns(query, result)
        return result.page(limit, offset) if paging else result

    if place is None:
        return fresh(limit, offset, timeout)
    return kept.answer(place, key, fresh, limit=limit, offset=offset, timeout=timeout,
                       pageable=PAGE_MARK.search(text) is not None)


@lru_cache(maxsize=256)
def uses_variable(text: str, name: str) -> bool:
    """Whether the query ``text`` mentions ``?name`` (Oxigraph refuses to bind a variable it lacks).

    A token scan (strings, IRIs and comments skipped), not rdflib's parser: that one refuses
    queries Oxigraph runs (issue 15).
    """
    from ecokg.graph.sparqltext import tokens

    return any(tok == "?" + name for _, tok in tokens(text, variables=True))


def drop_parameter_columns(query: NamedQuery, result: QueryResult) -> QueryResult:
    """``result`` without the columns of the query's parameters and ``?lang``.

    Oxigraph only substitutes variables a SELECT projects, so the catalogue's
    queries project their parameters; people do not need them back.
    """
    hidden = {p.name for p in query.parameters} | {LANG_VARIABLE}
    keep = [i for i, c in enumerate(result.columns) if c not in hidden]
    if len(keep) == len(result.columns):
        return result
    result.columns = [result.columns[i] for i in keep]
    result.rows = [tuple(row[i] for i in keep) for row in result.rows]
    return result


__all__ = [
    "KINDS",
    "Column",
    "NamedQuery",
    "Parameter",
    "bind_parameters",
    "catalog",
    "get_query",
    "humanise",
    "resolve_entity",
    "run_named",
    "run_query",
]


# --- helpers for the command line -----------------------------------------------------


_KINDS_FR = {"entity": "entité", "date": "date", "text": "texte", "number": "nombre"}


def describe_parameters(query: NamedQuery, lang: str = "en") -> str:
    """``name (kind, default X)`` for each parameter, for listings (in French for ``fr``;
    parameter names stay as ``-p`` takes them)."""
    french = lang.lower().startswith("fr")
    parts = []
    for p in query.parameters:
        if french:
            default = f", par défaut {p.default}" if p.default is not None else ", facultatif"
            parts.append(f"{p.name} ({_KINDS_FR[p.kind]}{default})")
        else:
            default = f", default {p.default}" if p.default is not None else ", optional"
            parts.append(f"{p.name} ({p.kind}{default})")
    return "; ".join(parts)
