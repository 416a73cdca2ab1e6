"""Organisations named in lists: "four companies: A, B, C and D", bulleted lines after
"its member institutions:", "François Lacoste de bioMérieux, Christiane Wijsen de ..."."""

from __future__ import annotations

import re
from collections.abc import Callable

from ecokg.loaders.articles.institutions import COUNTRY_NAMES
from ecokg.loaders.articles.ner import Names
from ecokg.loaders.articles.notnames import bad_place
from ecokg.loaders.articles.patterns import LOWER, PERSON, UPPER
from ecokg.loaders.articles.shapes import is_person_name
from ecokg.loaders.articles.spans import org_class, trim_trailing
from ecokg.loaders.articles.vocabulary import NOT_NAMES, ROLE_WORDS
from ecokg.text import fold


def affiliation_lists(sentence: str, names: Names) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """"François Lacoste de bioMérieux, Christiane Wijsen de Boehringer Ingelheim France, ...":
    items of an enumeration that are a person's name, "de", and an organisation's name."""
    out = []
    pattern = re.compile(
        rf"^\s*({PERSON.pattern[3:-3]})\s+(?:de la|de l’|du|des|de|d’)\s*((?:[{UPPER}]|[a-z]+[{UPPER}])[\w’'&.-]*(?:\s+(?:(?:de\s+|du\s+)?[{UPPER}][\w’'&.-]*|biotech|pharma|bio|santé|group|groupe|labs|therapeutics)){{0,3}})"
    )
    inside = re.compile(r"(?<!\S)" + pattern.pattern[4:])
    offset = 0
    pieces = re.split(r"(,\s+|\s+et\s+(?:enfin\s+)?|\s*\([^)]*\)\s*|\.\s*$)", sentence)
    for n, piece in enumerate(pieces):
        # the first item may follow the sentence's opening words: "Étaient présents Anne Morel de ..."
        match = (pattern.match(piece) or (inside.search(piece) if n == 0 else None)) if piece else None
        if match:
            out.append(((offset + match.start(1), offset + match.end(1)), (offset + match.start(2), offset + match.end(2))))
        offset += len(piece)
    return out if len(out) >= 2 else []


def list_of_orgs(sentence: str, start: int, add_org: Callable[[int, int, str, float], None], kind: str = "Company") -> None:
    """"... businesses: Immune Biosolutions, Diex Recherche, Gilson and Covance by Labcorp"."""
    tail = sentence[start:]
    stop = re.search(r"[.;:]\s|[.;:]$|\.\s*$", tail)
    tail = tail[: stop.start()] if stop else tail
    offset = start
    for piece in re.split(r"(,\s+(?:and\s+|et\s+)?|\s+and\s+|\s+et\s+)", tail):
        text = piece.strip()
        if text and not re.fullmatch(r",\s+(?:and\s+|et\s+)?|\s+and\s+|\s+et\s+", piece):
            lead = len(piece) - len(piece.lstrip())
            article = re.match(r"^(?:the|le|la|les)\s+|^l[’']\s*", text)
            if article:  # "... Lyonbiopôle et le Clubster NSL"
                lead, text = lead + article.end(), text[article.end():]
            text = re.sub(r"\s*\([^()]*\)?$", "", text)  # "Cancer-Bio-Santé (CBS)": the acronym rule's
            name = _ITEM.match(text)
            text = name.group(0) if name else text  # "... et Ortho Lab rejoignent le pôle": the name only
            words = text.split()
            if text[:1].isupper() and len(words) <= 5 and words[0].lower() not in NOT_NAMES:
                # 0.7: an item of a list of companies is one even if it reads like a person's name.
                add_org(offset + lead, offset + lead + len(trim_trailing(text)), org_class(text, kind), 0.7)
        offset += len(piece)



#: An item's name: capitalised words, and the small words inside names ("Covance by Labcorp").
_ITEM = re.compile(
    rf"[{UPPER}0-9][\w’'&.+-]*(?:\s+(?:(?:de|du|des|d’|d'|of|for|by|the|la|l’|l')\s*)?(?:[{UPPER}0-9][\w’'&.+-]*|biotech|pharma|bio|santé|labs?))*"
)

#: A bulleted line: "• University of Toronto", "- Acme Therapeutics".
_BULLET = re.compile(r"^\s*[•●▪◦·*–-]\s+")
#: A line announcing a list of organisations: "... from its member institutions:".
_ANNOUNCES = re.compile(
    r"\b(?:companies|businesses|firms|organi[sz]ations|institutions|partners|members|hospitals|universities|"
    r"agencies|clusters|entreprises|societes|etablissements|partenaires|membres|poles|laboratoires)"
    r"(?:\s+[\w'-]+){0,2}\s*:\s*$"
)


def announces_list(folded_sentence: str) -> bool:
    """The line ends by announcing organisations, to come on bulleted lines."""
    return bool(_ANNOUNCES.search(folded_sentence))


def bullet_item(sentence: str) -> tuple[int, int] | None:
    """The item of a bulleted line (start, end), if the line is one and names a single thing."""
    bullet = _BULLET.match(sentence)
    if not bullet:
        return None
    end = len(trim_trailing(sentence))
    text = sentence[bullet.end():end]
    if not text[:1].isupper() or len(text.split()) > 8 or re.search(r"[,;:]|\s(?:is|are|est|sont)\s", text):
        return None  # a sentence, not a name
    return bullet.end(), end


#: "les entreprises Transgene, Lilly France et X sont associées", "the companies A, B and C": a kind
#: in the plural, then names (a capital right after it).
_PLURAL_KIND = re.compile(rf"\b(?:[Ll]es|[Tt]he)\s+(?:companies|firms|entreprises|sociétés|start-ups|startups|biotechs|laboratoires)\s+(?=[{UPPER}])")


def plural_kind_lists(sentence: str, add_org: Callable[[int, int, str, float], None]) -> None:
    for match in _PLURAL_KIND.finditer(sentence):
        list_of_orgs(sentence, match.end(), add_org)


_DAYS_AND_MONTHS = re.compile(
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|january|february|march|april|may|june|july|august|september|october|november|december"
    r"|janvier|fevrier|février|mars|avril|mai|juin|juillet|aout|août|septembre|octobre|novembre|decembre|décembre)",
    re.IGNORECASE,
)


def described_names(sentence: str, is_place: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """"fabrication de produits à base de plantes (Verdalia)", "contract research for the industry
    (Nortiq)": one word in brackets after a description in lower case names what is described, a
    company (after a name, "Helix Labs (Oslo)", it is where the name is; two capitals, an acronym)."""
    out = []
    for match in re.finditer(rf"(?<=[{LOWER}]{{3}})\s+\(([{UPPER}][{LOWER}]{{3,}})\)", sentence):
        word = match.group(1)
        if _DAYS_AND_MONTHS.fullmatch(word) or fold(word) in COUNTRY_NAMES or is_place(word):
            continue  # "today (Thursday)"; "une usine (France)"; a place the article or the store names
        out.append((match.start(1), match.end(1), "Company"))
    return out


def _titled_person(words: str, names: Names) -> bool:
    """"Kobe Mayor Kizo Hisamoto", "Norport Governor Jane Calloway": a territory, a post and the
    model's person, not an organisation's name."""
    return any(words.endswith(" " + p) and (ROLE_WORDS.search(fold(words[: -len(p)])) or _OFFICES.search(fold(words[: -len(p)]))) for p in names.persons)


#: Offices of a territory or a government, which the posts of organisations (ROLES) leave out.
_OFFICES = re.compile(r"\b(?:mayor|governor|premier|prefect|prefet|maire|gouverneure?|senator|senat(?:eur|rice)|minister|ministre)\s*$")


def beside_orgs(sentence: str, orgs: list[tuple[int, int]], names: Names) -> list[tuple[int, int, str]]:
    """"BioWin et Medvia", "Eurobiomed, Medvia and Biocom", "le CHU de X et l’Inserm": a name
    coordinated after an organisation's (``orgs``: their spans) is one too."""
    out = []
    for _, end in orgs:
        beside = re.match(rf"(?:\s*\([^()]{{1,15}}\))?(?:,\s+|\s+(?:et|and|&)\s+(?:l’|l'|le\s+|la\s+|the\s+)?)([{UPPER}][\w’'-]+(?:\s[{UPPER}][\w’'-]+){{0,4}})(?=[\s,.;)]|$)", sentence[end:])
        if beside:
            word = beside.group(1)
            if not (word.split()[0].lower() in NOT_NAMES or is_person_name(word, names) or (word in names.places and not bad_place(word)) or _titled_person(word, names)):
                out.append((end + beside.start(1), end + beside.end(1), word))
    return out


def ahead_orgs(sentence: str, orgs: list[tuple[int, int]], names: Names, is_place: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """"Biopolis Québec et Life Science Ontario (LSO)": a name coordinated before an organisation's;
    "(CHRU, Inserm, ...)": the first of a list in brackets whose second is one."""
    out = []
    for start, _ in orgs:
        # (or the first of a list in brackets: "(CHRU, Inrae, Inria)")
        ahead = re.search(rf"(?:^|[\s,(])((?:[{UPPER}][\w’'-]+)(?:\s[{UPPER}][\w’'-]+){{0,3}})\s+(?:et|and|&)\s+$", sentence[:start]) or re.search(
            rf"\(((?:[{UPPER}][\w’'-]+)(?:\s[{UPPER}][\w’'-]+){{0,3}}),\s+$", sentence[:start])
        if ahead:
            word = ahead.group(1)
            if not (word.split()[0].lower() in NOT_NAMES or is_person_name(word, names) or word in names.places or is_place(word)):
                out.append((ahead.start(1), ahead.end(1), word))
    return out
