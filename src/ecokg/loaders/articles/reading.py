"""Reading an article: its sentences, as written and with their quotations blanked.

The rules of :mod:`.entities` and :mod:`.relations` read one sentence at a time; the
quotes of the candidates file are these sentences as written.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "m", "mme", "mm", "dr", "st", "inc", "ltd", "co", "corp", "mr", "mrs", "ms", "prof", "jr", "sr", "vs", "etc",
    # months in datelines: "LEIDEN, the Netherlands, Jan. 9, 2024"
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "janv", "fevr", "févr", "avr", "juil", "déc",
}
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«“\"(]?[A-ZÀ-ÖØ-Þ0-9])")


def sentences_of(text: str, lang: str = "fr") -> list[str]:
    """Sentences of ``text``: each line is split after '.', '!' or '?' before a capital.

    Rules rather than the French model's sentence splitter, which cuts press-release
    text inside names written with a hyphen and a space ("Bourgogne- Franche-Comté").
    Headings (lines without a final full stop) are sentences of their own.
    """
    return [original for original, _ in sentences_and_unquoted(text)]


def sentences_and_unquoted(text: str) -> list[tuple[str, str]]:
    """Each sentence, and the same sentence with what stands inside quotation marks blanked.

    The rules read the second: a press release states its facts outside quotations, and a
    name inside one ("... says Martine Hébert" after the quote) is not a fact of the article.
    Quotations may run over several sentences of a paragraph; blanks keep the offsets.
    """
    out: list[tuple[str, str]] = []
    for line in text.splitlines():
        paragraph = line.strip()
        if not paragraph:
            continue
        masked = _blank_quotes(paragraph)
        start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            words = paragraph[start : match.start()].split()
            last = words[-1].rstrip(".").lower() if words else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            _append(out, paragraph, masked, start, match.start())
            start = match.end()
        if paragraph[start:].strip():
            _append(out, paragraph, masked, start, len(paragraph))
    return out


def _append(out: list[tuple[str, str]], paragraph: str, masked: str, start: int, end: int) -> None:
    piece = paragraph[start:end]
    lead = len(piece) - len(piece.lstrip())
    original = piece.strip()
    out.append((original, masked[start + lead : start + lead + len(original)]))


_OPENING = {"«": "»", "“": "”", '"': '"', "„": "“"}


def _blank_quotes(paragraph: str) -> str:
    chars = list(paragraph)
    closing: str | None = None
    opened = 0
    for i, char in enumerate(paragraph):
        if closing is None:
            if char in _OPENING:
                closing, opened = _OPENING[char], i
        elif char == closing or (char in "”\"»" and closing in "”\"»"):
            closing = None
        else:
            chars[i] = " " if not chars[i].isspace() else chars[i]
    if closing is not None:
        # An unclosed quotation (a cut article): the rest is the quote's; keep it readable.
        return "".join(chars[:opened]) + paragraph[opened:]
    return "".join(chars)
