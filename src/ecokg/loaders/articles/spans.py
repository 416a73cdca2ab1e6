"""Small helpers on spans of a sentence: trimming a name, folding with offsets kept, the
kind of organisation a name's head word gives, the post a phrase starts with, a dateline's places."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP_WORDS

from ecokg.loaders.articles.notnames import GENERIC_WORDS
from ecokg.loaders.articles.patterns import COMPOUND, MIXED
from ecokg.loaders.articles.verbs import verb_end
from ecokg.loaders.articles.vocabulary import ORG_HEADS, ROLE_KEYS, ROLES
from ecokg.text import fold

_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŒ"


def split_and(offset: int, text: str, joins: Callable[[str, str], bool] = lambda a, b: False) -> list[tuple[int, str]]:
    """The names of "A and B", with their offsets; ``joins(A, B)`` says when "A and B" is one name."""
    out: list[tuple[int, int]] = []  # (start, end) within text
    at = 0
    ampersand = False
    for piece in re.split(r"(\s+(?:and|et|&)\s+)", text):
        if piece and not re.fullmatch(r"\s+(?:and|et|&)\s+", piece):
            if out and (joins(text[out[-1][0]:out[-1][1]], piece) or (ampersand and _inside_name(text[out[-1][0]:out[-1][1]], piece))):
                out[-1] = (out[-1][0], at + len(piece))
            else:
                out.append((at, at + len(piece)))
        ampersand = piece.strip() == "&"
        at += len(piece)
    return [(offset + start, text[start:end]) for start, end in out]

def _inside_name(first: str, second: str) -> bool:
    """"Life Sciences & Health", "Johnson & Johnson": "&" joins the words of one name, unless a
    side is a name of its own shape ("BioWin & Medvia", "QUÉBEC & FREDERICK")."""
    def shaped(word: str) -> bool:
        compound = COMPOUND.fullmatch(word) and fold(word) not in GENERIC_WORDS  # "Medvia", not "Santé"
        return bool(MIXED.fullmatch(word) or compound) or (word.isupper() and len(word) > 1)

    return len(second.split()) <= 2 and not any(shaped(w) for w in second.split()) and not (
        len(first.split()) == 1 and shaped(first)
    )


#: Month names in both languages, folded: a dateline's date, never a place.
MONTHS = {
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "janvier", "fevrier", "mars", "avril", "juin", "juillet", "aout",
    "septembre", "octobre", "novembre", "decembre",
}


def dateline_places(sentence: str) -> list[tuple[int, int]]:
    """The places of a dateline: "LAVAL, Québec, & VANCOUVER, British Columbia--", "Lyon, le 8 avril –"."""
    head = re.match(r"^(.{3,90}?)(?:\s*--|\s+[–-]\s|,?\s+(?:le\s+)?\d{1,2}(?:er)?\s|,\s+[A-Z][a-z]+\.?\s+\d{1,2},|\s*\(|\.\s)", sentence)
    if not head or [w for w in re.findall(r"[^\W\d]+", head.group(1)) if w[:1].islower() and w not in ("le", "de", "du", "la", "the")]:
        return []  # a dateline names places only: "LAVAL, Québec, & VANCOUVER, British Columbia--"
    if any(fold(w) in ORG_HEADS for w in re.findall(r"[^\W\d]+", head.group(1))):
        return []  # "Vantora Bio, Inc. today announced": a company and its legal form
    out = []
    for item in re.finditer(rf"[{_UPPER}][\w’'.-]*(?:\s+[{_UPPER}][\w’'.-]*){{0,2}}", head.group(1)):
        if fold(item.group(0).rstrip(".")) in MONTHS:
            continue  # "Vienna, April 2013 -": the date, not a place
        if "," in head.group(1) or "/" in head.group(1) or "&" in head.group(1):
            out.append((item.start(), item.end() - (1 if item.group(0).endswith(".") and len(item.group(0)) > 3 else 0)))
    return out if len(out) >= 2 else []

def trim_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    text = sentence[start:end]
    lead = re.match(r"^(?:(?:the|le|la|les)\s+|l’\s*|l'\s*)", text, re.IGNORECASE)  # not "TherAchon"
    if lead and end - start > lead.end() + 1:
        start += lead.end()
    text = sentence[start:end]
    legal = re.search(r"\b(?:Ltd|Inc|Corp|Co|plc|LLC|Ltée|S\.?A|SAS|SARL|GmbH|AG|NV|BV)\.\s+(\w+)$", text)
    if legal and (fold(legal.group(1)) in STOP_WORDS or fold(legal.group(1)) in FR_STOP_WORDS):
        end = start + legal.start(1)  # "Socota Textile Mills Ltd. Le technopôle": the form's dot ends the sentence
        text = sentence[start:end]
    trail = re.search(r"(?:[’']s|[\s.,;:’'])+$", text)
    if trail and trail.start() > 0:
        end = start + trail.start()
    first = _FIRST_FORM.search(sentence[start:end])
    if first and first.start() > 0 and _SECOND_FORM.match(sentence[end:]):
        end = start + first.start()  # "Genvia Lorvane Co., Ltd.": the name without its form in two parts
    elif (both := _TWO_PARTS.search(sentence[start:end])) and both.start() > 0:
        end = start + both.start()
    if (verb := verb_end(sentence[start:end])) is not None:
        end = start + verb  # "ministère de la Recherche scientifique[ facilite]": a verb glued to the name (verbs.py)
    return start, end


#: A legal form in two parts, the second after a comma: "Co., Ltd.", "Co., Inc.", "Cie, SA" (as
#: "Vantora Bio, Inc." is named without its form).
_FIRST_FORM = re.compile(r"\s+(?:Co|Corp|Cie)$")
_TWO_PARTS = re.compile(r"\s+(?:Co|Corp|Cie)\.?,\s*(?:Ltd|Limited|Inc|LLC|JSC|SA|S\.A)\.?$")
_SECOND_FORM = re.compile(r"\.?,\s*(?:Ltd|Limited|Inc|LLC|JSC|SA|S\.A)\.?(?![\w-])")


def fold_keep_length(text: str) -> str:
    # Same length as ``text`` so match offsets stay valid: fold char by char (each char once:
    # this runs several times a sentence).
    return "".join(map(_fold_char, text))


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in base if not unicodedata.combining(c)) or char
    base = base.casefold()
    folded = base[0] if len(base) >= 1 else char
    return {"’": "'", "–": "-", "‐": "-"}.get(folded, folded)

def trim_article(start: int, text: str) -> tuple[int, str]:
    match = re.match(r"^(?:(?:Le|La|Les|The|Des|Du)\s+|L’\s*|L'\s*)", text)  # not "Lantern"
    if match:
        start, text = start + match.end(), text[match.end():]
        # "L'association Nordev Cluster": the kind word before the name is not in it
        # (but "L'université de Strasbourg" is a name)
        kind = re.match(rf"^[a-zà-ÿ][\w-]*\s+(?=[{_UPPER}])", text)
        if kind:
            start, text = start + kind.end(), text[kind.end():]
    return start, text

def trim_trailing(text: str) -> str:
    return re.sub(r"[\s.,;:’']+$", "", text)

#: Head words, longest first, each compiled once (this runs for every capitalised phrase).
_HEADS = [
    (re.compile(rf"(?<![\w-]){re.escape(head)}(?![\w-])"), cls)
    for head, cls in sorted(ORG_HEADS.items(), key=lambda kv: len(kv[0]), reverse=True)
]
_ANY_HEAD = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(h) for h in ORG_HEADS) + r")(?![\w-])")


def head_class(words: list[str]) -> str | None:
    joined = " ".join(words)
    if not _ANY_HEAD.search(joined):
        return None
    for pattern, cls in _HEADS:
        if pattern.search(joined):
            return cls
    return None

def org_class(text: str, default: str) -> str:
    return head_class(fold(text).split()) or default

#: Words before a post that leave it the same post: "acting Managing Director", "Founding Board
#: Chair", "Medical Director" (an adjective of a field: -al, -ic, -ical), "interim CEO".
_ROLE_QUALIFIER = re.compile(r"^(?:(?:acting|interim|founding|board|former|new|current|outgoing|incoming|senior|[a-z]+(?:al|ic))\s+){1,2}")


def role_at(text: str) -> str | None:
    folded = fold(text)
    folded = re.sub(r"^(?:the |le |la |l'|son |sa |its |their )", "", folded)
    role = _role_key_at(folded)
    if role is None and (qualified := _ROLE_QUALIFIER.match(folded)):
        role = _role_key_at(folded[qualified.end():])
    return role


def _role_key_at(folded: str) -> str | None:
    # The longest title the text starts with: one lookup a title's length, not one a title.
    for size in _ROLE_SIZES:
        key = folded[:size]
        if len(key) == size and key in ROLES and not folded[size:size + 1].isalpha():
            return ROLES[key]
    return None


_ROLE_SIZES = sorted({len(key) for key in ROLE_KEYS}, reverse=True)
