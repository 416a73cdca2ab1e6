"""The extractor's steps, in order: read, find mentions, link them, find relations, write."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from ecokg.errors import InputError
from ecokg.files import atomic_write_text
from ecokg.loaders.articles.agreements import find_agreements
from ecokg.loaders.articles.board_posts import board_posts
from ecokg.loaders.articles.dates import dateline_date, reference
from ecokg.loaders.articles.discourse import Discourse
from ecokg.loaders.articles.entities import find_mentions
from ecokg.loaders.articles.inputs import guess_language, read_article
from ecokg.loaders.articles.linking import Extraction, Known, State, slug
from ecokg.loaders.articles.ner import names
from ecokg.loaders.articles.post_pronoun import pronoun_posts
from ecokg.loaders.articles.posts import find_posts
from ecokg.loaders.articles.reading import sentences_and_unquoted
from ecokg.loaders.articles.relations import (
    find_events,
    find_meetings_and_visits,
    find_mission,
    find_sectors,
    find_sites,
)
from ecokg.loaders.articles.ties import find_ties
from ecokg.loaders.articles.writing import candidates_yaml


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
    pairs = sentences_and_unquoted(text)
    sentences = [original for original, _ in pairs]
    dateline = dateline_date(text)
    document_date = date or dateline
    state = State(sentences, lang, list(known), reference(document_date))
    state.dateline = dateline
    # The rules read a normalised copy, quotations blanked ("Bourgogne- Franche-Comté" ->
    # "Bourgogne-Franche-Comté", wire-service tags out); the quotes keep the sentences as written.
    analysed = [_normalise(unquoted) for _, unquoted in pairs]
    found = names(analysed, lang)
    # A first reading registers every name, so a name met late is known early ("BioWin et
    # flamand Medvia" in the first sentence, "BioWin et Medvia" in the second).
    for index, sentence in enumerate(analysed):
        state.register(index, find_mentions(state, sentence, found[index], index))
    state.drop_glued_people()
    # What earlier sentences named, for "its CEO", "the cluster's director", a sentence without a subject.
    discourse = Discourse()
    for index, sentence in enumerate(analysed):
        mentions = find_mentions(state, sentence, found[index], index)
        state.register(index, mentions)
        discourse.read(state, index, sentence, mentions)
        find_posts(state, index, sentence, mentions, discourse)
        pronoun_posts(state, index, sentence, mentions, discourse)
        board_posts(state, index, sentence, mentions, discourse)
        find_ties(state, index, sentence, mentions)
        find_agreements(state, index, sentence, mentions, discourse)
        find_mission(state, index, sentence, mentions)
        find_meetings_and_visits(state, index, sentence, mentions)
        find_events(state, index, sentence, mentions)
        find_sites(state, index, sentence, mentions)
        find_sectors(state, index, sentence)
    state.finish()
    return Extraction(sentences, state.entities, lang, document_date, state.unresolved)


def _normalise(sentence: str) -> str:
    sentence = re.sub(r"(\w)- (\w)", r"\1-\2", sentence).replace("‐", "-").replace("‑", "-")
    # "--(BUSINESS WIRE)--", "/PRNewswire/ --", "– (GLOBE NEWSWIRE) –": a wire service's tag, blanked
    # to the same length, so the text around it reads as separate.
    return _WIRE.sub(lambda m: " . " + " " * (len(m.group(0)) - 3), sentence)


_WIRES = r"(?:BUSINESS WIRE|PR ?Newswire|GLOBE NEWSWIRE|Canada NewsWire|CNW|EIN Presswire|ACCESSWIRE|Newsfile)"
_WIRE = re.compile(
    rf"[-–—]{{1,2}}\s*\({_WIRES}\)\s*[-–—]{{1,2}}\s*|/{_WIRES}(?:[-\s][^/]{{0,30}})?/\s*(?:[-–—]{{1,2}}\s*)?"
    rf"|\({_WIRES}\)\s*[-–—]{{1,2}}\s*",
    re.IGNORECASE,
)


def extract_file(
    article: Path,
    output: Path,
    lang: str = "fr",
    known: Iterable[Known] = (),
    *,
    date: str | None = None,
    force: bool = False,
) -> Extraction:
    """Extract candidates from ``article`` (text or a saved page) into ``output`` (curated YAML).

    An existing ``output`` may be a reviewed file: it is kept, and the candidates go to the
    next free name (``candidates-2.yaml``) unless ``force``. ``lang`` may be ``auto``.
    ``Extraction.output`` says where they went.
    """
    source = read_article(article)
    text = source.text
    if lang == "auto":
        lang = source.language or guess_language(text)
    result = extract(text, lang, known, date=date or source.date)
    output = output if force else free_name(output)
    text_path = os.path.relpath(article.resolve(), output.resolve().parent)
    if source.html or os.path.isabs(text_path) or text_path.split(os.sep)[0] == os.pardir:
        # A curated file reads its text only from its own folder (or below): keep a copy there
        # (of a page, its main text: the quotes are that text's sentences).
        name = article.with_suffix(".txt").name if source.html else article.name
        copy = output.parent / name
        if copy.exists() and copy.read_text(encoding="utf-8-sig") != text:
            copy = output.parent / f"{output.stem}.{name}"
        if not copy.exists() or copy.read_text(encoding="utf-8-sig") != text:
            atomic_write_text(copy, text)
        text_path = copy.name
    atomic_write_text(
        output,
        candidates_yaml(
            result, doc_id=slug(article.stem), title=source.title, text_path=text_path,
            date=result.document_date, url=source.url, publisher=source.publisher,
        ),
    )
    result.output = output
    return result


def free_name(path: Path) -> Path:
    """``path``, or if it exists (perhaps reviewed already) the first free ``<stem>-N<suffix>``."""
    n = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate
