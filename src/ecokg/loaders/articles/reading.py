"""Reading an article: its sentences, and the dates it gives ("du 27 octobre au 1er novembre").

The rules of :mod:`.entities` and :mod:`.relations` read one sentence at a time; the
quotes of the candidates file are these sentences as written.
"""

from __future__ import annotations

import datetime as dt
import re

from ecokg.text import fold

MONTHS: dict[str, int] = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

_ABBREVIATIONS = {"m", "mme", "mm", "dr", "st", "inc", "ltd", "co", "corp", "mr", "mrs", "ms", "prof", "jr", "sr", "vs", "etc"}
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«“\"(]?[A-ZÀ-ÖØ-Þ0-9])")


def sentences_of(text: str, lang: str = "fr") -> list[str]:
    """Sentences of ``text``: each line is split after '.', '!' or '?' before a capital.

    Rules rather than the French model's sentence splitter, which cuts press-release
    text inside names written with a hyphen and a space ("Bourgogne- Franche-Comté").
    Headings (lines without a final full stop) are sentences of their own.
    """
    out: list[str] = []
    for paragraph in text.splitlines():
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            words = paragraph[start : match.start()].split()
            last = words[-1].rstrip(".").lower() if words else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            out.append(paragraph[start : match.start()].strip())
            start = match.end()
        if paragraph[start:].strip():
            out.append(paragraph[start:].strip())
    return out


def reference_year(text: str, date: str | None) -> int:
    if date:
        return int(date[:4])
    years = [int(y) for y in re.findall(r"\b(20[0-9]{2})\b", text)]
    return max(years) if years else dt.date.today().year


_RANGE_FR = re.compile(
    r"du\s+(\d{1,2})(?:er)?(?:\s+(\w+))?\s+au\s+(\d{1,2})(?:er)?\s+(\w+)(?:\s+(\d{4}))?", re.IGNORECASE
)
_RANGE_EN = re.compile(
    r"(?:from\s+)?(\w+)\s+(\d{1,2})(?:st|nd|rd|th)?\s*(?:to|–|-|until|through)\s*(?:(\w+)\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?",
    re.IGNORECASE,
)
_RANGE_EN_DAYFIRST = re.compile(
    r"from\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\w+))?\s+to\s+(\d{1,2})(?:st|nd|rd|th)?\s+(\w+)(?:\s+(\d{4}))?",
    re.IGNORECASE,
)


def date_range(sentence: str, year: int) -> tuple[str, str] | None:
    """Start and end dates of "du 27 octobre au 1er novembre" / "from October 27 to November 1"."""
    for pattern, day_first in ((_RANGE_FR, True), (_RANGE_EN_DAYFIRST, True), (_RANGE_EN, False)):
        for match in pattern.finditer(fold(sentence)):
            if day_first:
                d1, m1, d2, m2, y = match.groups()
            else:
                m1, d1, m2, d2, y = match.groups()
            month2 = MONTHS.get(m2 or "")
            month1 = MONTHS.get(m1 or "") or month2
            if month1 is None or month2 is None:
                continue
            the_year = int(y) if y else year
            try:
                start = dt.date(the_year if month1 <= month2 else the_year - 1, month1, int(d1))
                end = dt.date(the_year, month2, int(d2))
            except ValueError:
                continue
            return start.isoformat(), end.isoformat()
    return None
