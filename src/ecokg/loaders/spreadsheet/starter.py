"""``ecokg mapping init``: a starting mapping written from a spreadsheet's header and rows.

The guesses are plain: a column's kind from its sample cells (dates and their format,
numbers, a few repeated values), its role from its header's words (organisation,
contact, city, country, type, date ...). What it cannot guess it says in comments; the
columns it does not map are listed, and are never stored until a mapping reads them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecokg.loaders.spreadsheet.mapping import MAPPING_VERSION, Mapping
from ecokg.loaders.spreadsheet.reading import open_csv, open_xlsx
from ecokg.loaders.spreadsheet.values import slugify
from ecokg.loaders.yamlsafe import Y
from ecokg.text import fold

#: Words of a header -> what the column names (checked in this order).
_ROLES: tuple[tuple[str, str], ...] = (
    ("confidenti|secret|private|prive", "flag"),
    ("note|comment|remarque|suite|follow", "notes"),
    ("type|categor|nature|kind", "type"),
    ("organi[sz]ation|company|entreprise|societe|structure|employer|account|compte", "organisation"),
    ("contact|person|personne|interlocut|participant|name|nom", "person"),
    ("fonction|title|titre|poste|job|position", "title"),
    ("ville|city|town|commune", "city"),
    ("pays|country", "country"),
    ("date|jour|day|when", "date"),
    ("objet|subject|sujet|topic|description|purpose", "subject"),
    ("statut|status|etat|state", "status"),
    ("secteur|sector|industry|filiere|domain", "sector"),
)
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y", "%d-%m-%Y", "%d/%m/%y")
SAMPLE_ROWS = 200
#: Words of a "type" cell -> the class it most likely means.
_CLASSES = (
    ("entreprise|company|societe|startup|firm|pme|business", "Company"),
    ("cluster|pole|network|reseau", "Cluster"),
    ("universit|laborato|research|recherche|school|ecole|institut", "ResearchOrganization"),
    ("agence|agency|development", "EconomicDevelopmentAgency"),
    ("region|collectivit|authority|ville|city|county|state|etat|ministr", "PublicAuthority"),
    ("invest|fund|fonds|venture|capital", "Investor"),
)


def _guess_class(value: str) -> str:
    folded = fold(value)
    return next((cls for pattern, cls in _CLASSES if re.search(pattern, folded)), "Organization")


@dataclass
class Column:
    name: str
    role: str | None
    kind: str
    date_format: str | None
    values: list[str]


def _bare(path: Path) -> Mapping:
    return Mapping(path, {}, [], {}, None, None, [], Y(None, 0, 0))


def sample(path: Path, rows: int = SAMPLE_ROWS) -> tuple[list[str], list[list[str]]]:
    """The header and the first ``rows`` rows of a CSV/TSV/XLSX file."""
    handles: list[Any] = []
    try:
        table = open_xlsx(path, _bare(path), handles) if path.suffix.lower() in (".xlsx", ".xlsm") else open_csv(path, _bare(path), handles)
        out = []
        for _, row in table.rows:
            out.append(row)
            if len(out) >= rows:
                break
        return table.header, out
    finally:
        for handle in handles:
            handle.close()


def _column(name: str, cells: list[str]) -> Column:
    folded = fold(name)
    role = next((r for pattern, r in _ROLES if re.search(pattern, folded)), None)
    filled = [c.strip() for c in cells if c.strip()]
    kind, date_format = "text", None
    if filled and all(isinstance(getattr(c, "value", None), dt.date) for c in cells if c.strip()):
        kind = "date"
    elif filled:
        for fmt in _DATE_FORMATS:
            if all(_parses(c, fmt) for c in filled):
                kind, date_format = "date", fmt
                break
        else:
            if all(re.fullmatch(r"-?\d+", c) for c in filled):
                kind = "integer"
            elif all(re.fullmatch(r"-?\d+([.,]\d+)?", c) for c in filled):
                kind = "decimal"
    values = sorted(set(filled))
    return Column(name, role, kind, date_format, values)


def _parses(text: str, fmt: str) -> bool:
    try:
        dt.datetime.strptime(text, fmt)
    except ValueError:
        return False
    return True


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def starter_mapping(path: Path) -> str:
    """A starting mapping for ``path`` (YAML text with comments), from its header and rows."""
    header, rows = sample(path)
    columns = [_column(name, [row[i] if i < len(row) else "" for row in rows]) for i, name in enumerate(header) if name]
    first: dict[str, Column] = {}
    for column in columns:
        if column.role is not None:
            first.setdefault(column.role, column)
    used: set[str] = set()
    out = [
        f"# Starting mapping for {path.name}, written by `ecokg mapping init` from its header and",
        f"# {len(rows)} row(s). Check it with `ecokg mapping check {path.name}.mapping.yaml {path.name}`;",
        "# every key is described in docs/data-format.md.",
        f"ecokg_mapping: {MAPPING_VERSION}",
        "document:",
        f"  id: {slugify(path.name.split('.')[0]) or 'spreadsheet'}",
        "  type: Dataset",
        f"  title: {{en: {_q(path.name)}}}",
        "  language: fr" if any(c.date_format == "%d/%m/%Y" for c in columns) else "  language: en",
    ]
    flag = first.get("flag")
    if flag is not None:
        used.add(flag.name)
        marked = [v for v in flag.values if fold(v) in ("oui", "yes", "y", "x", "1", "true", "vrai")] or flag.values[:1]
        out += [f"skip_when: {{column: {_q(flag.name)}, equals: {_q(marked[0]) if marked else _q('yes')}}}"
                "   # rows left out entirely"]
    out.append("entities:")
    out += _entities(first, used)
    unused = [c.name for c in columns if c.name not in used]
    if unused:
        out.append("# Not read, so never stored (add them above, or under keep: to keep them in each row's")
        out.append("# source excerpt): " + ", ".join(unused))
    return "\n".join(out) + "\n"


def _entities(first: dict[str, Column], used: set[str]) -> list[str]:
    out: list[str] = []
    country, city, org, person = (first.get(r) for r in ("country", "city", "organisation", "person"))
    if country is not None:
        used.add(country.name)
        out += ["  country:", f"    id: {_q('{' + country.name + '}')}", "    type: Country",
                "    mode: lookup                 # a stored country (the gazetteer's), by name",
                "    required: false"]
    if city is not None:
        used.add(city.name)
        out += ["  city:", f"    id: {_q('{' + city.name + '}')}", "    type: City", f"    label: {_q('{' + city.name + '}')}",
                "    mode: lookup-or-create", "    required: false", "    enrich: false"]
        if country is not None:
            out += ["    relations:", "      located_in: country"]
    if org is not None:
        used.add(org.name)
        out += ["  organisation:", f"    id: {_q('{' + org.name + '}')}", "    type: Organization"]
        kind = first.get("type")
        if kind is not None:
            used.add(kind.name)
            out += ["    class:                       # each value -> a class (see the class list in docs/data-format.md)",
                    f"      column: {_q(kind.name)}", "      values:"]
            out += [f"        {_q(v)}: {_guess_class(v)}" for v in kind.values[:30]]
        out += [f"    label: {_q('{' + org.name + '}')}", "    mode: lookup-or-create     # linked by name to stored organisations",
                "    # aliases: {\"Other spelling\": stored-id}"]
        if city is not None:
            out += ["    relations:", "      based_in: city"]
    if person is not None:
        used.add(person.name)
        out += ["  person:", f"    id: {_q('{' + person.name + '}')}", "    type: Person",
                f"    label: {_q('{' + person.name + '}')}", "    mode: lookup-or-create"]
        title = first.get("title")
        if title is not None and org is not None:
            used.add(title.name)
            out += ["  post:", "    id: \"post-{@person}-{@organisation}\"", "    type: Post",
                    f"    label: {_q('{' + title.name + '}, {' + org.name + '}')}", "    mode: lookup-or-create",
                    "    match: id", "    required: false", "    properties:", f"      title: {{column: {_q(title.name)}}}",
                    "    relations:", "      holder: person", "      organization: organisation"]
    date = first.get("date")
    who = "person" if person is not None else "organisation"
    named = person or org
    if date is not None and named is not None:
        used.add(date.name)
        fmt = f", format: {_q(date.date_format)}" if date.date_format else ""
        out += ["  meeting:                       # one meeting a row", f"    id: \"rdv-{{{date.name}}}-{{@{who}}}\"",
                "    type: Meeting", f"    label: {_q('Meeting with {' + named.name + '} ({' + date.name + '})')}",
                "    properties:", f"      date: {{column: {_q(date.name)}{fmt}}}"]
        subject = first.get("subject")
        if subject is not None:
            used.add(subject.name)
            out.append(f"      description: {{column: {_q(subject.name)}}}")
        participants = [n for n, c in (("person", person), ("organisation", org)) if c is not None]
        out += ["    relations:", f"      participants: [{', '.join(participants)}]"]
        if city is not None:
            out.append("      location: city")
    if not out:
        out += ["  row:                           # nothing recognised: say what each row describes",
                "    id: \"row-{" + next(iter(first.values())).name + "}\"" if first else "    id: \"row-{COLUMN}\"",
                "    type: Organization", "    label: \"{COLUMN}\""]
    return out
