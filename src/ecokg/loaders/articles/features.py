"""Geographic features named by a capitalised name and a feature word (round 11): "Kowloon
peninsula", "Tolo Harbour", "Lake Geneva", "Mount Kenya", "le lac Léman", "la baie d'Along",
"l'île de Gorée". The feature words are the usual ones of physical geography in each language,
in either order and case; the name must stand on its own (no capitalised word before it, no
capitalised word after the feature: "HealthCare Loire Valley", "Tolo Harbour Authority" are
something else's names).
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.patterns import LOWER, UPPER, headline

#: Feature words written after the name ("Kowloon peninsula", "Tolo Harbour").
_AFTER = (
    "peninsula", "harbour", "harbor", "bay", "island", "islands", "lake", "river", "valley", "mountains", "coast",
    "strait", "gulf", "delta", "basin", "plateau", "desert", "sea", "fjord", "archipelago",
)
#: Feature words written before the name ("Lake Geneva", "le lac Léman", "la baie d'Along").
_BEFORE = (
    "lake", "mount", "mt.", "isle of", "gulf of", "bay of", "lac", "mont", "monts", "île", "îles", "ile", "iles", "baie",
    "golfe", "fleuve", "vallée", "presqu’île", "presqu'île", "détroit", "massif", "plateau", "delta",
)
#: A body's kind word after a feature's name: the name is the body's ("the Medicon Valley group").
_BODY_AFTER = re.compile(
    r"\s+(?i:group|cluster|alliance|association|network|partnership|consortium|initiative|project|council|authority|board"
    r"|company|region|organisation|organization|groupe|pôle|réseau)(?![\w-])"
)
_ARTICLES = {"the", "a", "an", "this", "le", "la", "les", "l", "un", "une"}
_NAME = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}]?[{LOWER}]+)*"
_FEATURE_AFTER = re.compile(
    rf"(?<![\w’'.-])((?:{_NAME}\s+)?{_NAME}\s+(?i:{'|'.join(_AFTER)}))(?![\w’'-])(?!\s+[{UPPER}])"
)
_FEATURE_BEFORE = re.compile(
    rf"(?<![\w-])((?i:{'|'.join(re.escape(w) for w in _BEFORE)})\s+(?:(?:de\s+la|de|du|des|of)\s+|d[’'])?{_NAME})(?![\w’'-])(?!\s+[{UPPER}])"
)


#: A known place and a region word: "Edmonton Metropolitan Region", "Greater Toronto Area".
_REGION = re.compile(
    rf"(?<![\w’'-])((?:{_NAME}\s+){{0,2}}?{_NAME})(\s+(?:Metropolitan\s+|Metro\s+|Census\s+Metropolitan\s+)?(?:Region|Area))(?![\w’'-])(?!\s+(?:[{UPPER}]|of\b))"
)


def region_places(text: str) -> set[str]:
    """A place the gazetteer knows and a region word after it: the region around it."""
    out = set()
    for match in _REGION.finditer(text):
        words = match.group(1).split()
        # the place may be the last words only ("The Edmonton Metropolitan Region"; "Greater" stays)
        for i in range(len(words)):
            if lookup(" ".join(words[i:])) is not None:
                first = i - 1 if i > 0 and words[i - 1] == "Greater" else i
                out.add(" ".join(words[first:]) + match.group(2))
                break
    return out


def feature_places(text: str, lang: str) -> set[str]:
    """Geographic features of ``text`` (a sentence), as written. A feature word after the name
    is English ("Loire Valley médicale" is a French slogan's words); before it, either language."""
    out: set[str] = set()
    if headline(text):
        return out
    for match in _FEATURE_AFTER.finditer(text) if lang == "en" else ():
        name, before = match.group(1), text[: match.start()]
        if _BODY_AFTER.match(text, match.end()):
            continue  # "The Medicon Valley group": a body named after its region
        if name.split()[0].lower() in _ARTICLES:
            name = name.split(None, 1)[1]  # "The Tolo Harbour"
        elif (previous := re.search(rf"([{UPPER}][\w’'-]*)\s+$", before)) and previous.group(1).lower() not in _ARTICLES:
            continue  # "HealthCare Loire Valley": the end of a longer name
        if len(name.split()) > 1:
            out.add(name)
    for match in _FEATURE_BEFORE.finditer(text):
        before = text[: match.start()]
        if match.group(1)[:1].isupper() and re.search(rf"[{UPPER}][\w’'-]*\s+$", before):
            continue  # "Geneva Lake Hotel" reads as a longer name
        out.add(match.group(1))
    return out | region_places(text)
