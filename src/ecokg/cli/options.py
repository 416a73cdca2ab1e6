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
TopOpt = Annotated[int, typer.Option("--top", "-n", min=1, help="How many rows to show (at least 1).")]


def open_kg(
    store: Path | None,
    memory: bool = False,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    *,
    for_reading: bool = True,
) -> Any:
    """Open the knowledge graph the options name (the seed in memory for ``--memory`` reads)."""
    from ecokg.kg import KnowledgeGraph

    kg = KnowledgeGraph.open(
        store, memory=memory, endpoint=endpoint, update_endpoint=update_endpoint,
        create=not for_reading,
    )
    if memory and for_reading:
        kg.build()
    return kg


def check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    """Refuse an output format ``allowed`` does not list."""
    if fmt not in allowed:
        raise EcokgError(f"unknown format {fmt!r} (choose from {', '.join(allowed)})")
