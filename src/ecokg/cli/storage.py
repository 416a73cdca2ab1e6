"""``ecokg store check`` and ``ecokg store repair``: the on-disk store's integrity."""

from __future__ import annotations

from typing import Any

import typer

from ecokg.cli.options import LangOpt, StoreOpt, console, err_console
from ecokg.cli.words import check_lang, say
from ecokg.errors import StoreError

store_app = typer.Typer(
    help="Check the on-disk store (every byte, and SHACL), and repair a damaged one.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _say(text: str) -> None:
    console.print(text, highlight=False, markup=False, soft_wrap=True)


def _checking_in(lang: str) -> Any:
    def checking(name: str) -> None:
        err_console.print(say("checking", lang, name=name), highlight=False, markup=False)

    return checking


#: The pointer states :func:`ecokg.graph.integrity.check_store` names, in French.
_POINTER_FR = {"checked": "vérifié", "plain (written by an older ecokg: no checksum)":
               "simple (écrit par un ecokg plus ancien : pas de somme de contrôle)",
               "none (nothing built)": "aucun (rien de construit)"}


def _summary(found: Any, lang: str) -> str:
    """What checking a generation found (``GenerationCheck.summary``, in ``lang``)."""
    if lang == "en":
        return str(found.summary())
    if found.problems:  # the problems themselves are the integrity check's words
        more = " ..." if len(found.problems) > 5 else ""
        return say("damaged", lang, problems="; ".join(found.problems[:5]) + more)
    return say("quads", lang, quads=found.quads,
               files=say("manifest_ok" if found.manifest == "checked" else "no_manifest", lang),
               shapes=say("shapes_ok", lang) if found.conforms else say("violations", lang, n=found.violations))


@store_app.command("check")
def check(store: StoreOpt = None, lang: LangOpt = "en") -> None:
    """Check the pointer, every byte of the current generation, and the graph (SHACL).

    Exit 0 if all is well, 3 if the graph does not conform to the shapes, 4 if the store
    is damaged (then `ecokg store repair` goes back to the newest good generation).
    """
    from ecokg.graph.integrity import check_store
    from ecokg.graph.store import resolve_store_path

    check_lang(lang)
    report = check_store(resolve_store_path(store), progress=_checking_in(lang))
    _say(say("store", lang, root=report.root))
    pointer = _POINTER_FR.get(report.pointer, report.pointer) if lang == "fr" else report.pointer
    _say(say("pointer", lang, pointer=pointer))
    for found in report.checked:
        role = say("current" if found.name == report.current else "candidate", lang)
        _say(say("generation", lang, name=found.name, role=role, summary=_summary(found, lang)))
    unchecked = [n for n in report.others if n not in {c.name for c in report.checked}]
    if unchecked:
        _say(say("not_checked", lang, names=", ".join(unchecked)))
    if report.restamp:
        _say(say("restamp", lang))
    if report.damaged:
        good = next((c.name for c in report.checked if c.good), None)
        then = say("goes_back", lang, good=good) if good else say("no_good", lang)
        raise StoreError(say("store_damaged", lang, root=report.root, then=then))
    if not report.conforms:
        raise typer.Exit(3)
    _say(say("sound", lang))


@store_app.command("repair")
def repair(store: StoreOpt = None, lang: LangOpt = "en") -> None:
    """Point the store back at its newest generation that opens and validates.

    Newer generations it passes over are kept (renamed damaged-gen-NNNNNN), never deleted.
    """
    from ecokg.graph.integrity import repair_store
    from ecokg.graph.store import resolve_store_path

    check_lang(lang)
    result = repair_store(resolve_store_path(store), progress=_checking_in(lang))
    for found in result.checked:
        _say(say("generation_plain", lang, name=found.name, summary=_summary(found, lang)))
    if result.kept:
        _say(say("set_aside", lang, names=", ".join(result.kept)))
    message = result.message
    if lang == "fr" and not result.changed:  # the other messages say why, in the integrity check's words
        message = say("nothing_to_repair", lang, current=result.restored or say("empty_store", lang))
    _say(say("repaired" if result.changed else "repair_none", lang, root=result.root, message=message))


__all__ = ["check", "repair", "store_app"]
