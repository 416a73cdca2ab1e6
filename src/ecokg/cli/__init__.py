"""The ``ecokg`` command line: a thin layer over the library.

Each command parses options, calls one library function and renders its result.
Errors ecokg raises on purpose (:class:`ecokg.errors.EcokgError`) are printed
without a traceback and exit non-zero.

The commands live by theme in the modules of this package (``store``, ``queries``,
``network``, ``serve``, ``extract``, ``demo``; ``storage`` is the ``ecokg store`` group),
their shared options in :mod:`ecokg.cli.options`; all are registered here on one
:data:`app`, in the order ``ecokg --help`` lists them.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from ecokg.cli import (
    brief,
    demo,
    extract,
    mapping,
    network,
    privacy,
    queries,
    serve,
    storage,
    store,
)
from ecokg.cli.options import console, err_console
from ecokg.errors import EcokgError


class _Group(TyperGroup):
    """Turns EcokgError into a one-paragraph message and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except EcokgError as exc:
            from rich.markup import escape

            # The message quotes user text (labels, file names): shown as it is, never as markup.
            err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, markup=True, soft_wrap=True)
            ctx.exit(exc.exit_code)


app = typer.Typer(
    cls=_Group,
    help="ecokg: a knowledge graph of biotech-ecosystem relationships.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def version() -> None:
    """Print the ecokg version."""
    from ecokg import __version__

    console.print(__version__, markup=False)


for _name, _command in (
    ("build", store.build),
    ("stats", store.stats),
    ("validate", store.validate),
    ("export", store.export),
    ("demo", demo.demo),
    ("version", version),
    ("serve", serve.serve),
    ("analyze", network.analyze),
    ("path", network.path),
    ("brokers", network.brokers),
    ("suggest", network.suggest),
    ("reason", store.reason),
    ("ontology-docs", store.ontology_docs),
    ("viz", network.viz),
    ("brief", brief.brief),
    ("queries", queries.queries),
    ("query", queries.query),
    ("extract", extract.extract),
    ("person-report", privacy.person_report),
    ("forget", privacy.forget),
    ("log", privacy.log),
    ("diff", privacy.diff),
):
    app.command(_name)(_command)
app.add_typer(storage.store_app, name="store")  # ecokg store check | repair
app.add_typer(mapping.mapping_app, name="mapping")  # ecokg mapping init | check


def main() -> None:
    """Entry point of the ``ecokg`` script."""
    app()


__all__ = ["app", "main"]
