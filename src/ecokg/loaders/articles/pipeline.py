"""The extractor's steps, in order: read, find mentions, link them, find relations, write."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from ecokg.errors import InputError
from ecokg.files import atomic_write_text
from ecokg.loaders.articles.entities import find_mentions, spacy_names
from ecokg.loaders.articles.linking import Extraction, Known, State, slug
from ecokg.loaders.articles.reading import reference_year, sentences_of
from ecokg.loaders.articles.relations import (
    find_agreements,
    find_meetings_and_visits,
    find_mission,
    find_posts,
    find_sectors,
)
from ecokg.loaders.articles.writing import candidates_yaml
from ecokg.loaders.base import refuse_if_larger


def extract(
    text: str,
    lang: str = "fr",
    known: Iterable[Known] = (),
    *,
    date: str | None = None,
) -> Extraction:
    """Candidate entities and facts of an article.

    >>> result = extract("Jane Doe, CEO of Acme Therapeutics, visited Boston.", "en")
    >>> [c.label for c in result.of_class("Person")]
    ['Jane Doe']
    """
    if lang not in ("fr", "en"):
        raise InputError(f"unsupported language {lang!r} (fr or en)")
    if date is not None and not re.match(r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$", date):
        raise InputError(f"bad date {date!r}: expected YYYY-MM-DD, YYYY-MM or YYYY")
    sentences = sentences_of(text, lang)
    state = State(sentences, lang, list(known), reference_year(text, date))
    # The rules read a normalised copy ("Bourgogne- Franche-Comté" -> "Bourgogne-Franche-Comté");
    # the quotes keep the sentences as written.
    analysed = [re.sub(r"(\w)- (\w)", r"\1-\2", s) for s in sentences]
    ner = spacy_names(analysed) if lang == "fr" else [(set(), set()) for _ in sentences]
    for index, sentence in enumerate(analysed):
        mentions = find_mentions(state, sentence, *ner[index])
        state.register(index, mentions)
        find_posts(state, index, sentence, mentions)
        find_agreements(state, index, sentence, mentions)
        find_mission(state, index, sentence, mentions)
        find_meetings_and_visits(state, index, sentence, mentions)
        find_sectors(state, index, sentence)
    state.finish()
    return Extraction(sentences, state.entities, lang)


#: Largest article ``extract_file`` accepts.
MAX_ARTICLE_BYTES = 2**20


def extract_file(
    article: Path,
    output: Path,
    lang: str = "fr",
    known: Iterable[Known] = (),
    *,
    date: str | None = None,
) -> Extraction:
    """Extract candidates from ``article`` into ``output`` (curated YAML, to review)."""
    # A press article is a few pages; the pipeline takes about a minute per MB.
    refuse_if_larger(article, MAX_ARTICLE_BYTES, "an article", "split it into its articles")
    try:
        text = article.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the article as UTF-8 text: {exc}", source=article) from exc
    if not text.strip():
        raise InputError("the article is empty", source=article)
    result = extract(text, lang, known, date=date)
    title = next((line.strip() for line in text.splitlines() if line.strip()), article.name)
    text_path = os.path.relpath(article.resolve(), output.resolve().parent)
    if os.path.isabs(text_path) or text_path.split(os.sep)[0] == os.pardir:
        # A curated file reads its text only from its own folder (or below): keep a copy there.
        copy = output.parent / article.name
        if copy.exists() and copy.read_text(encoding="utf-8-sig") != text:
            copy = output.parent / f"{output.stem}.{article.name}"
        if not copy.exists() or copy.read_text(encoding="utf-8-sig") != text:
            atomic_write_text(copy, text)
        text_path = copy.name
    atomic_write_text(
        output, candidates_yaml(result, doc_id=slug(article.stem), title=title, text_path=text_path, date=date)
    )
    return result
