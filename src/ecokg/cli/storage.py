"""``ecokg store check`` and ``ecokg store repair``: the on-disk store's integrity."""

from __future__ import annotations

import typer

from ecokg.cli.options import StoreOpt, console, err_console
from ecokg.errors import StoreError

store_app = typer.Typer(
    help="Check the on-disk store (every byte, and SHACL), and repair a damaged one.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _say(text: str) -> None:
    console.print(text, highlight=False, markup=False, soft_wrap=True)


def _checking(name: str) -> None:
    err_console.print(f"Checking {name} ...", highlight=False, markup=False)


@store_app.command("check")
def check(store: StoreOpt = None) -> None:
    """Check the pointer, every byte of the current generation, and the graph (SHACL).

    Exit 0 if all is well, 3 if the graph does not conform to the shapes, 4 if the store
    is damaged (then `ecokg store repair` goes back to the newest good generation).
    """
    from ecokg.graph.integrity import check_store
    from ecokg.graph.store import resolve_store_path

    report = check_store(resolve_store_path(store), progress=_checking)
    _say(f"Store {report.root}")
    _say(f"  pointer (CURRENT): {report.pointer}")
    for found in report.checked:
        role = "current" if found.name == report.current else "candidate"
        _say(f"  {found.name} ({role}): {found.summary()}")
    unchecked = [n for n in report.others if n not in {c.name for c in report.checked}]
    if unchecked:
        _say(f"  not checked (older, or interrupted writes): {', '.join(unchecked)}")
    if report.restamp:
        _say("  note: files were copied (their times changed), so each open reads them in full; "
             "`ecokg store repair` stamps them again")
    if report.damaged:
        good = next((c.name for c in report.checked if c.good), None)
        raise StoreError(
            f"the store {report.root} is damaged; `ecokg store repair --store {report.root}` "
            + (f"goes back to {good}, the newest generation that opens and validates"
               if good else "finds no good generation to go back to: restore it from a backup "
               "or rebuild it with `ecokg build`")
        )
    if not report.conforms:
        raise typer.Exit(3)
    _say("The store is sound.")


@store_app.command("repair")
def repair(store: StoreOpt = None) -> None:
    """Point the store back at its newest generation that opens and validates.

    Newer generations it passes over are kept (renamed damaged-gen-NNNNNN), never deleted.
    """
    from ecokg.graph.integrity import repair_store
    from ecokg.graph.store import resolve_store_path

    result = repair_store(resolve_store_path(store), progress=_checking)
    for found in result.checked:
        _say(f"  {found.name}: {found.summary()}")
    if result.kept:
        _say(f"  set aside (kept, not read): {', '.join(result.kept)}")
    _say(f"Repaired {result.root}: {result.message}" if result.changed else f"{result.root}: {result.message}")


__all__ = ["check", "repair", "store_app"]
