"""Many articles in one run: one candidates file each, one entity per name across them, a summary.

``ecokg extract DIR/*.txt -o review/`` writes ``review/<article>.candidates.yaml`` for each
article and ``review/summary.md``. The people, organisations and places an article proposes
are known to the articles after it (:class:`Known` with ``stored=False``): the same
organisation named in two articles gets the same id in both files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ecokg.files import atomic_write_text
from ecokg.loaders.articles.linking import Extraction, Known
from ecokg.loaders.articles.pipeline import extract_file

_NOT_LINKED = {"Agreement", "Mission", "Meeting", "Visit", "Event", "Signing"}


@dataclass
class BatchItem:
    article: Path
    result: Extraction


def extract_many(
    articles: Sequence[Path],
    folder: Path,
    lang: str = "auto",
    known: Iterable[Known] = (),
    *,
    date: str | None = None,
    force: bool = False,
) -> list[BatchItem]:
    """Extract each article into ``folder``; later articles link to what earlier ones proposed."""
    folder.mkdir(parents=True, exist_ok=True)
    known = list(known)
    stored = {k.id for k in known}
    items = []
    for article in articles:
        output = folder / f"{article.stem}.candidates.yaml"
        result = extract_file(article, output, lang, known, date=date, force=force)
        items.append(BatchItem(article, result))
        for candidate in result.entities.values():
            if candidate.known or candidate.cls in _NOT_LINKED or candidate.id in stored:
                continue
            names = [*candidate.aliases, *([candidate.acronym] if candidate.acronym else [])]
            known.append(Known(candidate.id, candidate.label, candidate.cls, names, stored=False))
            stored.add(candidate.id)
    atomic_write_text(folder / "summary.md", summary(items, folder))
    return items


def summary(items: list[BatchItem], folder: Path) -> str:
    """The run at a glance: per article, its file, date, what it proposes and what to check."""
    lines = [
        "# Extraction summary",
        "",
        "Candidates to review before `ecokg build`: check each fact against its quote.",
        "",
        "| article | candidates | language | date | people | organisations | places | posts | agreements | events | linked to the store | shared with other articles | to check |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for item in items:
        r = item.result
        people = r.of_class("Person")
        places = r.of_class("Place", "City", "Country", "AdministrativeArea")
        events = r.of_class("Mission", "Meeting", "Visit", "Event")
        orgs = [c for c in r.entities.values() if c not in people + places + events and c.cls != "Agreement"]
        checks = []
        if r.unresolved:
            checks.append(f"{len(r.unresolved)} unresolved date(s)")
        choices = sum(len(c.choices) for c in r.entities.values())
        if choices:
            checks.append(f"{choices} possible link(s)")
        name = r.output.relative_to(folder) if r.output else "?"
        lines.append(
            f"| {_cell(item.article.name)} | {_cell(str(name))} | {r.language} | {r.document_date or 'unresolved'} | "
            f"{len(people)} | {len(orgs)} | {len(places)} | {sum(len(p.posts) for p in people)} | "
            f"{len(r.of_class('Agreement'))} | {len(events)} | {sum(1 for c in r.entities.values() if c.known)} | "
            f"{sum(1 for c in r.entities.values() if c.run_link)} | {_cell('; '.join(checks)) or '–'} |"
        )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
