"""``ecokg extract``: candidate facts from press articles, for review before ``ecokg build``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ecokg.cli.options import AudienceOpt, EndpointOpt, StoreOpt, UiLangOpt, err_console, open_kg


def extract(
    articles: Annotated[list[Path], typer.Argument(help="Press articles: UTF-8 text, or saved web pages (.html).")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Candidates file (one article), or folder (several, or a path ending in /)."),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the articles: fr, en, or auto (guessed per article).")] = "auto",
    date: Annotated[str | None, typer.Option("--date", help="Publication date (YYYY-MM or YYYY-MM-DD) when the article has no dateline.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing candidates files (otherwise a new name is used).")] = False,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    audience: AudienceOpt = "all",
    ui_lang: UiLangOpt = "en",
) -> None:
    """Propose facts from press articles, linked to the store's entities and to each other, for review."""
    from ecokg.cli.words import check_lang, say
    from ecokg.errors import InputError
    from ecokg.graph.store import resolve_store_path
    from ecokg.loaders.articles import extract_file
    from ecokg.loaders.articles.batch import extract_many
    from ecokg.queries.resolve import known_entities

    if lang not in ("fr", "en", "auto"):
        raise InputError(f"unsupported language {lang!r} (fr, en or auto)")
    check_lang(ui_lang)
    known: list[Any] = []
    if endpoint is not None or (resolve_store_path(store) / "CURRENT").exists():
        with open_kg(store, False, endpoint, audience=audience) as kg:  # links only to what it may see
            known = known_entities(kg.backend)
    as_folder = output is not None and (output.is_dir() or str(output).endswith(("/", "\\")))
    if len(articles) > 1 or as_folder:
        folder = output or Path("review")
        items = extract_many(articles, folder, lang, known, date=date, force=force)
        for item in items:
            _said(item.result, item.article, folder / f"{item.article.stem}.candidates.yaml", ui_lang)
        err_console.print(say("wrote", ui_lang, output=folder / "summary.md"), highlight=False, markup=False,
                          soft_wrap=True)
        return
    target = output or Path("candidates.yaml")
    result = extract_file(articles[0], target, lang, known, date=date, force=force)
    _said(result, articles[0], target, ui_lang)


def _said(result: Any, article: Path, asked: Path, ui_lang: str = "en") -> None:
    from ecokg.cli.words import say

    counts: dict[str, int] = {}
    for candidate in result.entities.values():
        counts[candidate.cls] = counts.get(candidate.cls, 0) + 1
    names = dict.fromkeys(counts, "")
    if ui_lang != "en":  # the classes' labels in that language (ecokg.ttl), else their names
        from ecokg.namespaces import EK
        from ecokg.ontology import term_labels

        labels = term_labels(ui_lang)
        names = {cls: labels.get(EK[cls], "") for cls in counts}
    summary = ", ".join(f"{n} {names[cls] or cls}" for cls, n in sorted(counts.items()))
    kept = "" if result.output == asked else say("kept_existing", ui_lang, asked=asked)
    linked = sum(1 for c in result.entities.values() if c.known)
    err_console.print(
        say("wrote_candidates", ui_lang, output=result.output, article=article.name, summary=summary, linked=linked)
        + kept,
        highlight=False, markup=False, soft_wrap=True,
    )
    if result.document_date is None and result.unresolved:
        err_console.print(say("unresolved", ui_lang, n=len(result.unresolved), name=article.name),
                          highlight=False, markup=False)
