"""Reading an article: its sentences, as written and with their quotations blanked.

The rules of :mod:`.entities` and :mod:`.relations` read one sentence at a time; the
quotes of the candidates file are these sentences as written.
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.quoted_names import a_quoted_name
from ecokg.loaders.articles.vocabulary import ROLE_WORDS
from ecokg.text import fold

_ABBREVIATIONS = {
    "m", "mme", "mm", "dr", "st", "inc", "ltd", "co", "corp", "mr", "mrs", "ms", "prof", "jr", "sr", "vs", "etc",
    # titles before a name in official news of every country: "le Pr. X" (round 14)
    "pr",
    # months in datelines: "LEIDEN, the Netherlands, Jan. 9, 2024"
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "janv", "fevr", "févr", "avr", "juil", "déc",
}
#: A name's acronym in brackets followed by a word in lower case opens no sentence.
_ACRONYM_GOES_ON = re.compile(r"\([A-Z][A-Za-z&-]{1,11}\)\s+[a-z]")
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
            last = words[-1].rstrip(".").lstrip("([«“\"").lower() if words else ""  # "(Dec. 17, 2013)"
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            if _ACRONYM_GOES_ON.match(paragraph, match.end()):
                continue  # "Heal Venture Lab. (HVL) signed ...": a name's acronym, then its verb (round 13)
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


#: (a German low quote is closed by a high one of either hand: „...“ or, in English text, „...”)
_OPENING = {"«": "»", "“": "”", '"': '"', "„": "“”"}
#: A verb of saying after a comma, then a capitalised word, inside a quotation: the narrator's
#: incise ("« Nous voulions ..., explique Anne Morel, présidente de X. Nous ... »"), not the quote's.
_INCISE = re.compile(
    r",\s+(?:explique|expliquait|d[ée]clare|pr[ée]cise|souligne|ajoute|indique|affirme|commente|rappelle|confie|"
    r"estime|poursuit|conclut|assure|insiste|note|observe|r[ée]sume|d[ée]taille|reconna[iî]t|analyse|pointe|"
    r"t[ée]moigne|raconte|rel[èe]ve|se r[ée]jouit|annonce|lance|remarque|martèle|reprend|says|said|announces|announced|explains|explained|adds|added|notes|noted|"
    r"continues|continued|states|stated|comments|commented|according to)(?:-t-(?:il|elle))?\s+(?=[A-ZÀ-ÖØ-Þ])"
)
_INCISE_END = re.compile(r"[.!?…](?=\s|$)|[»”\"]")


def _quoted_title(paragraph: str, at: int) -> bool:
    """Whether the quotation opening at ``at`` is a title written in quotes, not words quoted:
    "Jean Roy (\"VP External Affairs\" chez Genvia)", "Jane Roe, “Head of Research” at Acme"."""
    ends = [paragraph.find(c, at + 1) for c in _OPENING[paragraph[at]]]
    end = min((e for e in ends if e > at), default=-1)
    inner = paragraph[at + 1:end] if end > at else ""
    if not inner or len(inner) > 60 or len(inner.split()) > 6 or re.search(r"[.!?;:,]", inner):
        return False
    return bool(ROLE_WORDS.match(fold(inner)))


def _quoted_name_end(paragraph: str, at: int) -> int:
    """The end of the quotation opening at ``at`` if it holds a name ("l'hôpital "King Faisal""),
    else -1: a name in quotes stays readable (round 15)."""
    ends = [paragraph.find(c, at + 1) for c in _OPENING[paragraph[at]]]
    end = min((e for e in ends if e > at), default=-1)
    return end if end > at and a_quoted_name(paragraph[:at], paragraph[at + 1 : end]) else -1


def _blank_quotes(paragraph: str) -> str:
    chars = list(paragraph)
    closing: str | None = None
    opened = 0
    depth = 0  # quotations nest: « ... « prosthesis valley » ou encore Troyes »
    keep_until = -1
    name_until = -1
    for i, char in enumerate(paragraph):
        if closing is None:
            if i <= name_until:
                continue  # a name in quotes, and its closing mark
            if char in _OPENING and not _quoted_title(paragraph, i):
                name_until = _quoted_name_end(paragraph, i)
                if name_until < 0:
                    closing, opened, depth = _OPENING[char], i, 1
        elif (char, closing) in (("«", "»"), ("“", "”")):
            depth += 1
            chars[i] = " "
        elif char in closing or (char in "”\"»" and any(c in "”\"»" for c in closing)):
            depth -= 1
            if depth <= 0:
                closing = None
            else:
                chars[i] = " "
        elif i < keep_until:
            continue  # the narrator's incise stays readable
        else:
            incise = _INCISE.match(paragraph, i) if char == "," else None
            if incise:
                end = _INCISE_END.search(paragraph, incise.end())
                keep_until = end.start() if end else len(paragraph)
                continue
            chars[i] = " " if not chars[i].isspace() else chars[i]
    if closing is not None:
        # An unclosed quotation (a cut article): the rest is the quote's; keep it readable.
        return "".join(chars[:opened]) + paragraph[opened:]
    return "".join(chars)
