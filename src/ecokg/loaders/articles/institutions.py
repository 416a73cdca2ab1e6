"""Names of institutions that capitalised sequences miss: French names written in lower case
after their kind word ("le ministère des affaires étrangères", "l'ambassade de France en
Argentine", "l'université nationale du Littoral"), names whose words are a list ("Ministry of
Health, Welfare and Sport", "Medical Technologies, Biotechnologies and Pharmaceuticals Industry
Growth Centre"), acronyms written with a symbol ("A*STAR", "AT&T"), a French
intercommunality ("Grand Poitiers"), and countries by name.

Each function returns spans ``(start, end, class)``; :mod:`.entities` decides whether they are
taken. The words are kinds of body and domains of a ministry, never names from an article.
"""

from __future__ import annotations

import re

from spacy.lang.fr.stop_words import STOP_WORDS as _FR_STOP

from ecokg.loaders.articles.bodies import french_bodies
from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.notnames import GENERIC_WORDS, folded_words, generic_only
from ecokg.loaders.articles.patterns import UPPER
from ecokg.loaders.articles.spans import fold_keep_length, head_class
from ecokg.loaders.articles.vocabulary import DEMONYMS, NOT_ORGS
from ecokg.text import fold

Span = tuple[int, int, str]

_CAP = rf"[{UPPER}][\w’'-]*"
_CAPS = rf"{_CAP}(?:[\s-]{_CAP}){{0,3}}"
_DE = r"(?:de la|de l’|de l'|du|des|de|d’|d')"
#: Lower-case kind words of French public bodies and institutions, and their class.
_FR_KINDS = {
    "ministere": "PublicAuthority", "ambassade": "PublicAuthority", "consulat": "PublicAuthority",
    "agence": "EconomicDevelopmentAgency", "universite": "ResearchOrganization",
    "institut": "ResearchOrganization", "chambre": "Organization", "fondation": "Organization",
    "conseil": "RegionalAuthority", "communaute": "PublicAuthority", "metropole": "PublicAuthority",
}
#: "l'agence de l'innovation de Santa Fe", "l'université nationale du Littoral", "la chambre de
#: commerce et d'industrie de Lyon": a kind word, lower-case words, then whose it is (a capital).
_FR_INSTITUTION = re.compile(
    r"(?<![\w-])(ambassade|consulat(?: général)?|agence|université|institut|chambre|fondation|conseil (?:régional|départemental)|"
    r"communauté (?:urbaine|d’agglomération|d'agglomération|de communes)|métropole)"
    rf"(?:\s+[a-zà-ÿ][\w-]*){{0,2}}?(?:\s+{_DE}\s*[a-zà-ÿ][\w-]*(?:\s+(?:et\s+{_DE}?\s*)?[a-zà-ÿ][\w-]*){{0,2}}?){{0,2}}?"
    rf"\s+{_DE}\s*{_CAPS}(?:\s+(?:en|au|aux|à)\s+{_CAPS})?"
)
#: "le ministère des affaires étrangères", "ministère de l'Économie et des Finances": a ministry
#: is named by its domains, in lower case or not, up to the first word that cannot be one.
_MINISTRY = re.compile(rf"(?<![\w-])[Mm]inistère\s+{_DE}\s*[\w’'-]+(?:,?\s+(?:(?:et\s+)?{_DE}\s*|et\s+)?[\w’'-]+){{0,6}}")
_CONNECTORS = {"de", "du", "des", "d", "la", "l", "et"}
#: A faculty or a school by its field in lower case, then its seats without "de" (round 12):
#: "la faculté de médecine Montpellier-Nîmes", "l'école de pharmacie Lyon-Est" (known places).
_FACULTY = re.compile(rf"(?<![\w-])(?:faculté|école|ufr)\s+{_DE}\s*[a-zà-ÿ][\w-]*(?:\s+(?:et\s+)?{_DE}?\s*[a-zà-ÿ][\w-]*){{0,2}}?\s+({_CAP}(?:[-–]{_CAP})*)(?![\w’'-])")
#: The endings of French adjectives: a word after a ministry's noun is one of its domain's
#: ("affaires étrangères", "enseignement supérieur") only if it is an adjective.
_FR_ADJECTIVE = re.compile(r"(?:e|es|ee|ees|al|ale|aux|ales|ique|iques|ieur|ieure|ieurs|ieures|if|ive|ifs|ives|el|elle|els|elles|aire|aires|ien|ienne|ain|aine|ais|aise|eux|euse)$")

#: A public body named by a list of domains: "Ministry of Health, Welfare and Sport".
_DOMAIN = rf"[{UPPER}][\w-]+(?:\s+[{UPPER}][\w-]+)?"
_LISTED_BODY = re.compile(
    rf"\b(?:Ministry|Department|Ministère|Secretariat|Office|Commission|Directorate|Agency)\s+(?:of|for|de|du|des|de l’|de la)\s+(?:the\s+)?"
    rf"({_DOMAIN}(?:,\s+{_DOMAIN})*,?\s+(?:and|&|et)\s+{_DOMAIN})"
    # whose body it is, after its domains: "... and Sport of the Land X", "... et des Sports du Québec"
    rf"(\s+(?:of the|of|du|de la|de l’|de)\s+{_CAPS})?"
)
#: Generic words listed before a name's head: "Medical Technologies, Biotechnologies and
#: Pharmaceuticals Industry Growth Centre".
_LISTED_HEAD = re.compile(rf"((?:{_DOMAIN},\s+)+{_DOMAIN},?\s+(?:and|&|et)\s+)({_CAP}(?:\s+{_CAP}){{0,4}})")

#: "A*STAR", "AT&T": capitals joined by a symbol (but "R&D", "M&A": two letters, a common noun).
SYMBOL_ACRONYM = re.compile(r"(?<![\w*&+])[A-Z]{1,4}[*&+][A-Z]{1,6}(?![\w*&+])")

#: "Grand Poitiers", "Grand Reims": a French intercommunality is "Grand" and its town, without an
#: article; "Grand Est", "Grand Ouest" (points of the compass) are regions.
_GRAND = re.compile(rf"(?<![\w’'-])Grand\s+([{UPPER}][\w-]+)(?![\w+&-])")
_COMPASS = {"est", "ouest", "nord", "sud", "sud-est", "sud-ouest", "nord-est", "nord-ouest", "centre"}

#: Countries by name, in both languages, and their usual abbreviations.
COUNTRY_NAMES = {fold(n) for pair in DEMONYMS.values() for n in pair} | {
    "canada", "sweden", "suede", "united kingdom", "royaume-uni", "belgium", "belgique", "france",
    "united states", "etats-unis", "usa", "us", "u.s.", "uk", "u.k.", "germany", "allemagne", "japan",
    "japon", "china", "chine", "spain", "espagne", "italy", "italie", "switzerland", "suisse",
    "scotland", "ecosse", "wales", "pays de galles", "india", "inde", "netherlands", "pays-bas",
    "denmark", "danemark", "australia", "australie", "singapore", "singapour", "korea", "coree",
    "argentina", "argentine", "brazil", "bresil", "mexico", "mexique", "norway", "norvege", "finland",
    "finlande", "austria", "autriche", "ireland", "irlande", "israel", "portugal", "poland", "pologne",
}
_COUNTRY = re.compile(
    r"(?<![\w.-])(?:" + "|".join(re.escape(n) for n in sorted(COUNTRY_NAMES, key=len, reverse=True)) + r")(?![\w$-]|\.\w)"
)


def french_institutions(sentence: str) -> list[Span]:
    """French names written in lower case after their kind word; the kinds of public bodies
    (:mod:`.bodies`) first."""
    out: list[Span] = list(french_bodies(sentence))
    for match in _FR_INSTITUTION.finditer(sentence):
        owner = re.search(rf"{_DE}\s*({_CAPS})", match.group(0)[len(match.group(1)):])
        if owner and head_class(fold(owner.group(1)).split()):
            continue  # "l'agence économique de la Région X": a body described by its owner (a tie)
        if match.group(1) == "agence" and re.search(r",\s*(?:l’|l'|la|le)\s*$", sentence[:match.start()]):
            continue  # "L'AER, l'agence de ... de X,": a description in apposition
        if sentence[match.start()].islower() and not any(s <= match.start() < e for s, e, _ in out):  # a capital is INSTITUTION's (shapes.py)
            kind, end = fold(match.group(1).split()[0]), match.end()
            where = re.search(r"\s+(?:en|au|aux|à)\s+[^\s]+(?:\s+[^\s]+)*$", match.group(0))
            if where and kind not in ("ambassade", "consulat"):
                end = match.start() + where.start()  # "l'université X à Santa Fe": where it is, not its name
            out.append((match.start(), end, _FR_KINDS[kind]))
    for match in _FACULTY.finditer(sentence):
        if sentence[match.start()].islower() and all(lookup(part) is not None for part in re.split(r"[-–]", match.group(1))):
            out.append((match.start(), match.end(), "ResearchOrganization"))  # "la faculté de médecine Montpellier-Nîmes"
    for match in _MINISTRY.finditer(sentence):
        words = list(re.finditer(r"[\w’'-]+|,", sentence[match.start():match.end()]))
        end = match.start()
        previous_bare = after_et = False
        for word in words[1:]:
            text = fold(word.group(0)).replace("’", "'")
            bare = text.split("'")[-1]
            if word.group(0) == "," and re.match(rf",\s+{_DE}", sentence[match.start() + word.start():]):
                continue  # "ministère de la culture, de la jeunesse et des sports"
            if word.group(0) == "," or (text in _FR_STOP and text not in _CONNECTORS and not text.startswith(("d'", "l'"))):
                break  # "... étrangères sur la mise en place": the name ends before "sur"
            if not bare or (bare in _FR_STOP and bare not in _CONNECTORS):
                break
            if after_et and word.group(0)[:1].isupper():
                break  # "ministère des Armées et Safran": "et" and a name, not a domain
            after_et = text == "et"
            if previous_bare and text not in _CONNECTORS and not word.group(0)[:1].isupper() and not _FR_ADJECTIVE.search(bare):
                break  # "... de la recherche soutient le projet": a verb, after a noun without "de" or "et"
            previous_bare = text not in _CONNECTORS and not text.startswith(("d'", "l'"))
            end = match.start() + word.end()
        while True:  # a name does not end with "de", "et"
            tail = re.search(r"\s+(?:de la|de l’|de l'|du|des|de|d’|d'|et|la|l’|l')$", sentence[match.start():end])
            if not tail:
                break
            end = match.start() + tail.start()
        if end > match.start() + len("ministère ") + 2:
            out.append((match.start(), end, "PublicAuthority"))
    return sorted(out, key=lambda span: span[0] - span[1])


def listed_names(sentence: str) -> list[Span]:
    """Names whose words are a list of generic words: a ministry's domains, a centre's fields."""
    out: list[Span] = []
    for match in _LISTED_BODY.finditer(sentence):
        items = re.split(r",\s+(?:and\s+|&\s+|et\s+)?|\s+(?:and|&|et)\s+", match.group(1))
        # (a domain the list of generic words lacks, "Viticulture", among known ones: still a list
        # of domains; names of their own shape or kind are not)
        if all(_domain(item) for item in items) or (
            2 * sum(_domain(item) for item in items) >= len(items) and all(_plain(item) for item in items)
        ):
            out.append((match.start(), match.end(), "PublicAuthority"))
    for match in _LISTED_HEAD.finditer(sentence):
        items = re.split(r",\s+(?:and\s+|&\s+|et\s+)?|\s+(?:and|&|et)\s+", match.group(1).strip())
        head = head_class(fold(match.group(2)).split())
        if head and all(generic_only(item) for item in items if item):
            out.append((match.start(), match.end(), head))
    return sorted(out, key=lambda span: span[0] - span[1])


def listed_before(before: str) -> int | None:
    """Where a body named by its list of domains starts, when it ends ``before`` (its acronym in
    brackets follows): "the Ministry of Science, Technology and Innovation (MCTI)" is the
    ministry's name and acronym, not a notion "Technology and Innovation" (the acronym may be
    another language's: MCTI is Portuguese). Not when capitalised words come before it ("the
    Ruritania Department of ..."): the capitalised sequence reads that name whole."""
    start = next((start for start, end, _ in listed_names(before) if end == len(before)), None)
    preceding = before[:start].split()[-1:] if start is not None else []
    return None if start is None or (preceding and preceding[0][:1].isupper()) else start


def _plain(item: str) -> bool:
    """One or two words written as common nouns are ("Viticulture"), naming no kind of body."""
    words = item.split()
    return len(words) <= 2 and all(re.fullmatch(r"[^\W\d][a-zà-ÿ-]+", w) for w in words) and head_class(fold(item).split()) is None


def _domain(item: str) -> bool:
    """"Health", "Enterprise", "Economic Affairs": a domain of a ministry, generic words only."""
    return all(w in GENERIC_WORDS for w in folded_words(item))


#: "des chercheurs de l'Inserm", "researchers at Vantoria University": people of a body.
_MEMBERS_OF = re.compile(
    rf"\b(?:chercheurs|chercheuses|researchers|scientists|scientifiques|ingénieurs|engineers|équipes|teams|experts|"
    rf"médecins|doctors|clinicians|cliniciens)\s+(?:de l’|de l'|de la|du|des|de|d’|d'|from|at|of)\s*(?:the\s+)?({_CAP}(?:\s+{_CAP}){{0,3}})"
)


def members_of(sentence: str) -> list[Span]:
    """The body a group of researchers or doctors belongs to, whatever the model says of it."""
    return [(m.start(1), m.end(1), "Organization") for m in _MEMBERS_OF.finditer(sentence) if fold(m.group(1)) not in COUNTRY_NAMES]


def symbol_acronyms(sentence: str) -> list[Span]:
    out: list[Span] = []
    for match in SYMBOL_ACRONYM.finditer(sentence):
        if sum(c.isalpha() for c in match.group(0)) >= 3 and fold(match.group(0)) not in NOT_ORGS:
            out.append((match.start(), match.end(), "Organization"))
    return out


def intercommunalities(sentence: str, lang: str) -> list[Span]:
    if lang != "fr":
        return []  # "Grand Rapids" is a city
    out: list[Span] = []
    for match in _GRAND.finditer(sentence):
        before = fold(sentence[max(0, match.start() - 4):match.start()]).replace("’", "'")
        if fold(match.group(1)) in _COMPASS or re.search(r"(?:\ble|\bdu|\bau|l')\s*$", before):
            continue  # "le Grand Montréal", "du Grand Est": a region with its article
        if re.match(rf"\s+[{UPPER}]", sentence[match.end():]):
            continue  # "Grand Besançon Métropole": the head word's rule names it whole
        out.append((match.start(), match.end(), "PublicAuthority"))
    return out


def countries(sentence: str, folded: str | None = None) -> list[Span]:
    """Countries named in the sentence ("France", "the US", "U.S."), written with a capital;
    ``folded`` is the sentence as :func:`.spans.fold_keep_length` gives it, if the caller has it."""
    folded = fold_keep_length(sentence) if folded is None else folded
    return [
        (m.start(), m.end(), "Country") for m in _COUNTRY.finditer(folded)
        if sentence[m.start()].isupper() and (m.end() - m.start() > 2 or sentence[m.start():m.end()].isupper())
    ]


_AUTHORITIES = re.compile(
    r"(?:les |the )?(?:autorités|authorities)(?: économiques| economic)?(?: du| de la| de l’| des| of)\s+"
    rf"((?:Grand |Greater )?[{UPPER}][\w-]+(?:\s+(?:et|and)\s+(?:de\s+|du\s+|l’)?[{UPPER}][\w-]+)?)"
)


def authorities(sentence: str) -> list[Span]:
    """"les autorités économiques du Grand Chicago", "the authorities of Illinois": a public body."""
    return [(m.start(), m.end(), "PublicAuthority") for m in _AUTHORITIES.finditer(sentence)]
