"""The extraction written in the curated YAML format, marked as candidates to review."""

from __future__ import annotations

from typing import Any

import yaml

from ecokg.loaders.articles.linking import Extraction

HEADER = "# status: candidates — review before building\n"


def candidates_yaml(
    result: Extraction,
    *,
    doc_id: str,
    title: str,
    text_path: str | None,
    date: str | None,
    url: str | None = None,
    publisher: str | None = None,
) -> str:
    """The extraction in the curated YAML format, with a 'candidates' header comment."""
    quotes_used = sorted({c.quote for c in result.entities.values()} | _quote_refs(result))
    document: dict[str, Any] = {"id": doc_id, "type": "PressRelease", "title": {result.language: title}}
    if date:
        document["date"] = date
    document["language"] = result.language
    if text_path:
        document["text"] = text_path
    if url and url.startswith(("http://", "https://")):
        document["source_url"] = url
    quotes = {f"s{n + 1}": result.sentences[n] for n in quotes_used}
    entities: list[dict[str, Any]] = []
    referenced = _referenced_ids(result)
    for candidate in result.entities.values():
        if candidate.known and not candidate.props and not candidate.posts and not candidate.sites and candidate.id not in referenced:
            continue
        item: dict[str, Any] = {"id": candidate.id, "type": candidate.cls, "label": candidate.label}
        if candidate.aliases:
            item["aliases"] = candidate.aliases
        if candidate.acronym:
            item["acronym"] = candidate.acronym
        item["quote"] = f"s{candidate.quote + 1}"
        item["confidence"] = candidate.confidence
        for key, values in candidate.props.items():
            item[key] = [
                {"value": value, "quote": f"s{quote + 1}", "confidence": confidence}
                for value, quote, confidence in values
            ]
        if candidate.posts:
            item["posts"] = [
                {**{k: v for k, v in post.items() if k != "quote"}, "quote": f"s{post['quote'] + 1}"}
                for post in candidate.posts
            ]
        if candidate.sites:
            item["sites"] = [
                {**{k: v for k, v in site.items() if k != "quote"}, "quote": f"s{site['quote'] + 1}"}
                for site in candidate.sites
            ]
        entities.append(item)
    # Entities already in the store are referenced, not redefined.
    linked = sorted(c.id for c in result.entities.values() if c.known)
    body = yaml.safe_dump(
        {"ecokg": 1, "document": document, "quotes": quotes, "entities": entities},
        allow_unicode=True, sort_keys=False, width=100,
    )
    note = (
        "# Proposed by `ecokg extract`: check every entity and fact against its quote, fix ids,\n"
        "# types and labels, delete what is wrong, then build (with --append, or with the\n"
        "# sources of the linked entities: facts here may point at them).\n"
        f"# Linked to the store: {', '.join(linked) if linked else 'none'}\n"
    )
    return HEADER + note + "".join(f"# {line}\n" for line in review_notes(result, publisher)) + body


def review_notes(result: Extraction, publisher: str | None = None) -> list[str]:
    """What the reviewer should know beyond the facts: the date, links to choose, other articles."""
    notes = []
    if publisher:
        notes.append(f"Publisher (from the page): {_one_line(publisher)}")
    if result.document_date:
        notes.append(f"Dates resolved against the document date {result.document_date}.")
    elif result.unresolved:
        notes.append("No document date (no --date, no dateline): these dates are left unresolved; give --date to resolve them:")
    if result.unresolved:
        notes += [f"  unresolved: {_one_line(text)!r} (s{index + 1})" for text, index in result.unresolved]
    run = sorted(c.id for c in result.entities.values() if c.run_link)
    if run:
        notes.append(f"Also proposed by an earlier article of this run (same id, build them together): {', '.join(run)}")
    for candidate in result.entities.values():
        for ident, label, score in candidate.choices:
            notes.append(
                f"Maybe the same as {ident} ({_one_line(label)}, confidence {score}): {candidate.id} "
                f"({_one_line(candidate.label)}) — to merge, replace {candidate.id} by {ident}."
            )
    return notes


def _one_line(text: str) -> str:
    # Comments are one line each: an article's text never becomes YAML structure.
    return " ".join(str(text).split())


def _referenced_ids(result: Extraction) -> set[str]:
    """Entities the proposed facts point at (restated, so the file validates on its own)."""
    ids: set[str] = set()
    for candidate in result.entities.values():
        for values in candidate.props.values():
            ids.update(v for v, _, _ in values if isinstance(v, str) and v in result.entities)
        ids.update(post["organization"] for post in candidate.posts)
        ids.update(site["located_in"] for site in candidate.sites)
    return ids


def _quote_refs(result: Extraction) -> set[int]:
    refs: set[int] = set()
    for candidate in result.entities.values():
        for values in candidate.props.values():
            refs.update(quote for _, quote, _ in values)
        refs.update(post["quote"] for post in candidate.posts)
        refs.update(site["quote"] for site in candidate.sites)
    return refs
