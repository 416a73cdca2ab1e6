"""What the commands share: the option types, the consoles and opening the graph.

The option types are :data:`typing.Annotated` bundles (as in sqlite-utils' cli.py), so
every command spells ``--store``, ``--endpoint`` or ``--format`` the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from ecokg.errors import EcokgError

console = Console()
err_console = Console(stderr=True)

StoreOpt = Annotated[
    Path | None,
    typer.Option("--store", envvar="ECOKG_STORE", help="Store folder (default: .ecokg in the current directory)."),
]
MemoryOpt = Annotated[
    bool, typer.Option("--memory", help="Use a throwaway in-memory store (read commands load the seed into it first).")
]
EndpointOpt = Annotated[
    str | None,
    typer.Option("--endpoint", envvar="ECOKG_ENDPOINT", help="SPARQL 1.1 query endpoint of a remote store."),
]
UpdateEndpointOpt = Annotated[
    str | None,
    typer.Option("--update-endpoint", envvar="ECOKG_UPDATE_ENDPOINT", help="SPARQL 1.1 update endpoint (default: the query endpoint)."),
]
FormatOpt = Annotated[
    str, typer.Option("--format", "-F", help="Output: table, csv, tsv or json.")
]
AudienceOpt = Annotated[
    str,
    typer.Option(
        "--audience", envvar="ECOKG_AUDIENCE",
        help="Who the output is for: public, internal or all (default all: the team's own terminal).",
    ),
]
SensitivityOpt = Annotated[
    str | None,
    typer.Option(
        "--sensitivity",
        help="Level of the sources whose files state none: public, internal, confidential or personal "
             "(default: public for press releases and documents with a source_url, internal otherwise).",
    ),
]
TopOpt = Annotated[int, typer.Option("--top", "-n", min=1, help="How many rows to show (at least 1).")]
LangOpt = Annotated[str, typer.Option("--lang", help="Language of the output (labels, phrases, headers): en or fr.")]
#: For a command whose ``--lang`` already means its input's language (``ecokg extract``).
UiLangOpt = Annotated[
    str, typer.Option("--ui-lang", help="Language of the messages: en or fr (--lang is the input's language).")
]
CoParticipationOpt = Annotated[
    bool,
    typer.Option("--co-participation", help="Also link those who took part in the same event (no source says they met)."),
]


def open_kg(
    store: Path | None,
    memory: bool = False,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    *,
    for_reading: bool = True,
    audience: str = "all",
) -> Any:
    """Open the knowledge graph the options name (the seed in memory for ``--memory`` reads),
    as ``audience`` may see it (docs/audiences.md)."""
    from ecokg.kg import KnowledgeGraph

    kg = KnowledgeGraph.open(
        store, memory=memory, endpoint=endpoint, update_endpoint=update_endpoint,
        create=not for_reading,
    )
    if memory and for_reading:
        kg.build()
    if audience != "all":
        from ecokg.graph.audience import check_audience

        check_audience(audience)
        return kg.for_audience(audience)
    return kg


def check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    """Refuse an output format ``allowed`` does not list."""
    if fmt not in allowed:
        raise EcokgError(f"unknown format {fmt!r} (choose from {', '.join(allowed)})")
