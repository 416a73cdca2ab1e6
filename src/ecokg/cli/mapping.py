"""``ecokg mapping init`` and ``ecokg mapping check``: writing a spreadsheet's mapping."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ecokg.cli.options import (
    EndpointOpt,
    FormatOpt,
    LangOpt,
    MemoryOpt,
    StoreOpt,
    check_format,
    console,
    err_console,
    open_kg,
)
from ecokg.cli.words import check_lang, columns_in, say
from ecokg.errors import EcokgError

mapping_app = typer.Typer(
    help="Write a spreadsheet's column mapping (init) and try it on the file (check).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _say(text: str) -> None:
    console.print(text, highlight=False, markup=False, soft_wrap=True)


@mapping_app.command("init")
def init(
    file: Annotated[Path, typer.Argument(help="The spreadsheet (CSV, TSV or XLSX).")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write it (default: FILE.mapping.yaml beside FILE).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing mapping file.")] = False,
    lang: LangOpt = "en",
) -> None:
    """Write a starting mapping from FILE's header and first rows, to edit and check."""
    from ecokg.files import atomic_write_text
    from ecokg.loaders import kind_of
    from ecokg.loaders.base import INPUT_ADVICE, max_input_bytes, refuse_if_larger
    from ecokg.loaders.spreadsheet import MAPPING_SUFFIX
    from ecokg.loaders.spreadsheet.starter import starter_mapping

    check_lang(lang)
    refuse_if_larger(file, max_input_bytes(), "an input", INPUT_ADVICE)
    if kind_of(file) not in ("csv", "xlsx"):
        raise EcokgError(f"{file} is not a spreadsheet (CSV, TSV or XLSX)")
    target = output or file.with_name(file.name + MAPPING_SUFFIX)
    if target.exists() and not force:
        raise EcokgError(f"{target} exists; give --force to replace it, or -o another file")
    atomic_write_text(target, starter_mapping(file))
    _say(say("mapping_written", lang, target=target))
    _say(f"  ecokg mapping check {target} {file}")


@mapping_app.command("check")
def check(
    mapping: Annotated[Path, typer.Argument(help="The mapping file (or the name of a shipped mapping).")],
    file: Annotated[Path, typer.Argument(help="The spreadsheet to try it on.")],
    rows: Annotated[int, typer.Option("--rows", "-n", min=1, help="How many rows to show as facts.")] = 5,
    fmt: FormatOpt = "table",
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Dry-run MAPPING on FILE: its first rows as facts, linked to the store's entities, and
    every bad row. Nothing is written."""
    from ecokg.graph.store import resolve_store_path
    from ecokg.loaders import kind_of
    from ecokg.loaders.base import LoadContext, refuse_if_not_regular
    from ecokg.loaders.spreadsheet.preview import preview
    from ecokg.render import TABLE_FORMATS, print_rows

    check_format(fmt, TABLE_FORMATS)
    check_lang(lang)
    refuse_if_not_regular(file)
    if kind_of(file) not in ("csv", "xlsx"):
        raise EcokgError(f"{file} is not a spreadsheet (CSV, TSV or XLSX)")
    context = LoadContext(mapping=mapping)
    if memory or endpoint or resolve_store_path(store).exists():
        with open_kg(store, memory, endpoint) as kg:
            known = kg.entities()
            context.known_entities, context.known_labels, context.names = set(known), dict(known), kg.names()
            where = kg.backend.description
    else:
        where = None
    result = preview(file, context, rows)
    records = [(row, entity, key, value, "new" if new else "known") for row, entity, key, value, new in result.facts]
    shown = [(*r[:4], say(r[4], lang)) for r in records]  # JSON keeps the English keywords
    if fmt == "json":
        import json

        payload = {
            "rows": result.rows, "entities_made": result.created, "store": where,
            "facts": [dict(zip(("row", "entity", "property", "value", "entity_is"), r, strict=True)) for r in records],
            "bad_rows": [{"row": e.row, "reason": e.message} for e in result.rejects],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print_rows(shown, columns_in(["row", "entity", "property", "value", "entity is"], lang), fmt,
                   title=say("preview_title", lang, file=file.name, rows=rows), console=console)
    if fmt == "table":
        if where == "memory":
            where = say("memory", lang)
        linked = say("linked_to", lang, where=where) if where else say("no_store", lang)
        _say(say("preview_summary", lang, rows=result.rows, created=result.created, linked=linked))
    for reject in result.rejects:
        err_console.print(say("bad_row", lang, reject=reject), highlight=False, markup=False, soft_wrap=True)
    if result.rejects:
        raise typer.Exit(2)
