"""What an article file holds: plain text, or a saved web page (its main text and metadata).

A page (``.html``/``.htm``) is read with trafilatura, from the file alone (nothing is
fetched): the article's main text without menus and footers, and the title, date and
publisher its metadata give. The language is the page's or the ``--lang`` given, else
guessed from the commonest function words of either language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ecokg.errors import InputError
from ecokg.loaders.base import refuse_if_larger

#: Largest article ``extract_file`` accepts.
MAX_ARTICLE_BYTES = 2**20
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$")


@dataclass
class ArticleText:
    text: str
    title: str
    date: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    html: bool = False


def read_article(path: Path) -> ArticleText:
    """The text and metadata of ``path``: UTF-8 text, or a saved HTML page."""
    # A press article is a few pages; the pipeline takes about a minute per MB.
    refuse_if_larger(path, MAX_ARTICLE_BYTES, "an article", "split it into its articles")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the article: {exc}", source=path) from exc
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return _page(raw, path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot read the article as UTF-8 text: {exc}", source=path) from exc
    if not text.strip():
        raise InputError("the article is empty", source=path)
    return ArticleText(text, title_of(text, path.name))


def title_of(text: str, default: str) -> str:
    """The first line, or its first words when it is a paragraph rather than a heading."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), default)
    if len(first) <= 120:
        return first
    cut = first[:100].rsplit(" ", 1)[0]
    return cut + " …"


def _page(raw: bytes, path: Path) -> ArticleText:
    import trafilatura

    try:
        page = trafilatura.bare_extraction(
            raw.decode("utf-8", errors="replace"), with_metadata=True, include_comments=False,
            include_tables=False, favor_precision=True,
            # The page's own metadata only: htmldate's extensive search guesses from any
            # year it sees ("© 2026" -> 2026-01-01), which would date the facts wrongly.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises whatever lxml raises on broken markup
        raise InputError(f"cannot read the page: {exc}", source=path) from exc
    text = getattr(page, "text", None) or ""
    if not text.strip():
        raise InputError("the page has no article text (is it the saved article page?)", source=path)
    date = getattr(page, "date", None)
    language = getattr(page, "language", None)
    return ArticleText(
        text=text.strip() + "\n",
        title=(getattr(page, "title", None) or text.strip().splitlines()[0]).strip(),
        date=date if date and _DATE.match(date) else None,
        publisher=getattr(page, "sitename", None) or getattr(page, "hostname", None),
        url=getattr(page, "url", None),
        language=language[:2] if language and language[:2] in ("fr", "en") else None,
        html=True,
    )


_FRENCH = re.compile(r"\b(le|la|les|des|du|et|est|une|pour|dans|avec|sur|qui|que|au|aux)\b", re.IGNORECASE)
_ENGLISH = re.compile(r"\b(the|and|of|to|is|for|with|on|that|which|will|has|at|by)\b", re.IGNORECASE)


def guess_language(text: str) -> str:
    """``fr`` or ``en``, by the commoner function words of the first few thousand characters."""
    sample = text[:5000]
    return "fr" if len(_FRENCH.findall(sample)) > len(_ENGLISH.findall(sample)) else "en"
