"""What is never a body, from knowledge outside the articles (round 10): a currency (ISO 4217's
names and codes from ``pycountry``, with their French names from its locale files, singular and
plural, and the usual abbreviation "FCFA" built from a unit and its issuer's acronym), a title
of the title lexicon with its domain in lower case ("Secrétaire général aux affaires
régionales", "Ministre", "Député"), a minister's portfolio ("les Ministres X de l'Urbanisme et de
l'Habitat"), and a country's government or state ("le Gouvernement Royal du Cambodge", "l'Etat
burkinabè", "the Emirate"): the gold files' call (SPLIT.md) is that a country's government is
no organisation; a region's ("Government of Catalonia", "Osaka Prefectural Government") is one.

The words are kinds, never names from an article.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

from ecokg.loaders.articles.addresses import a_number, a_style_of_address, a_titles_portfolio
from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.notnames import GENERIC_WORDS
from ecokg.loaders.articles.regex_trie import alternation
from ecokg.loaders.articles.tables import rows
from ecokg.loaders.articles.vocabulary import ROLES
from ecokg.text import fold

_FUNCTION = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "of", "the", "and", "for", "a", "au", "aux", "en", "in", "on"}


def _plural(name: str) -> str:
    """"Franc CFA" -> "Francs CFA", "Dollar américain" -> "Dollars américains" (acronyms stay)."""
    return " ".join(w if w.isupper() or w.endswith(("s", "x")) else w + "s" for w in name.split())


@lru_cache(maxsize=1)
def currencies() -> tuple[frozenset[str], frozenset[str]]:
    """The folded names of ISO 4217's currencies in English and French, singular and plural,
    with and without their issuer ("Franc CFA (BCEAO)", "Franc CFA", "CFA Franc", "Francs CFA");
    and their codes and abbreviations ("XOF", "FCFA"), which count only beside an amount."""
    import pycountry  # (only extraction loads the data packages: tests/loaders/test_article_places.py)

    french = gettext.translation("iso4217", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    names: set[str] = set()
    codes: set[str] = set()
    for currency in pycountry.currencies:
        codes.add(currency.alpha_3)
        for name in {currency.name, french.gettext(currency.name)}:
            short = re.sub(r"\s*\([^()]*\)", "", name).strip()
            bare = re.sub(r"\s+[A-Z]{3,}$", "", short).strip()  # "CFA Franc BCEAO": "CFA Franc"
            for form in {name, short, bare}:
                names |= {fold(form), fold(_plural(form))}
            unit = re.fullmatch(r"([A-Z]{2,})\s+(\w+)|(\w+)\s+([A-Z]{2,})", bare)
            if unit:  # "Franc CFA", "CFA Franc": "FCFA"
                acronym, word = (unit.group(1), unit.group(2)) if unit.group(1) else (unit.group(4), unit.group(3))
                codes.add(word[0].upper() + acronym)
    return frozenset(names), frozenset(codes)


_AMOUNT = re.compile(r"\d[\d.,  ]*(?:millions?|milliards?|billions?|mds?|m|bn|k)?\s*$", re.IGNORECASE)


def a_currency(sentence: str, start: int, end: int) -> bool:
    """"Francs CFA", "US Dollar" anywhere; "FCFA", "XOF" beside an amount ("565.817.869 FCFA")."""
    text = sentence[start:end].strip()
    names, codes = currencies()
    if fold(text) in names:
        return True
    amount = _AMOUNT.search(sentence[:start]) or re.match(r"\s*\d", sentence[end:])
    return text in codes and amount is not None


#: Titles the post lexicon (``vocabulary.ROLES``) does not hold, as they name no post at a body:
#: offices of the state, elected seats, envoys, and a project's coordinator.
_TITLES = {
    "ministre", "minister", "ministres", "ministers", "depute", "deputee", "deputes", "senateur", "senatrice", "senator",
    "prefet", "prefete", "prefect", "sous-prefet", "maire", "mayor", "gouverneur", "governor", "ambassadeur",
    "ambassadrice", "ambassador", "consul", "secretaire", "secretary", "coordonnateur", "coordonnatrice", "delegue",
    "deleguee", "premier ministre", "prime minister", "vice premier ministre", "vice-premier ministre",
    "secretaire d'etat", "secretary of state", "chef traditionnel", "conseiller regional", "conseillere regionale",
    "delegue regional", "deleguee regionale", "secretaire general", "secretaire generale",
    "chef de l'etat", "chef d'etat", "head of state", "chef du gouvernement", "head of government",
}
_TITLE_KEYS = sorted({*ROLES, *_TITLES}, key=len, reverse=True)
_TITLE_WORDS = frozenset(k for k in _TITLE_KEYS if " " not in k)
_TITLE_LEAD = re.compile(r"^(?:" + alternation(_TITLE_KEYS) + r")(?![\w-])")


def a_title(text: str) -> bool:
    """A title alone or with its domain in lower case: "Ministre", "Député", "Coordonnateur",
    "Secrétaire général aux affaires régionales", "Délégué régional à la recherche et à la
    technologie" ("Président de Genvia", with a name after it, is not this)."""
    folded = fold(text).replace("’", "'").strip()
    lead = _TITLE_LEAD.match(folded)
    if lead is None:
        return False
    rest = text.strip()[lead.end():]
    words = [w for w in re.split(r"[\s’'\-]+", rest) if w]
    return all(w[:1].islower() or fold(w) in _FUNCTION for w in words)


#: A minister's title, then names and the function words of its portfolios, up to the span.
_MINISTER = re.compile(r"(?<![\w-])(?:ministres?|ministers?|ministre delegue|minister of state)(?![\w-])", re.IGNORECASE)
_PORTFOLIO_OF = re.compile(r"(?:de la|de l'|du|des|de|d'|of the|of|for|et de la|et de l'|et du|et des|and)\s*$")


def a_portfolio(sentence: str, start: int) -> bool:
    """The span is a portfolio of a minister named before it, with only names, commas and
    function words between: "les Ministres Maurice X de l'Urbanisme et de l'Habitat, Salif Y de
    l'Agriculture et des Aménagements Hydro-agricoles"."""
    before = fold(sentence[max(0, start - 160):start]).replace("’", "'")
    if not _PORTFOLIO_OF.search(before):
        return False
    titles = list(_MINISTER.finditer(before))
    if not titles:
        return False
    between = sentence[max(0, start - 160):start][titles[-1].end():]
    words = [w for w in re.split(r"[\s’',\-]+", between) if w]
    # (another title between ends the minister's portfolios: "..., and Chair of the X Council")
    return all((w[:1].isupper() and fold(w) not in _TITLE_WORDS) or fold(w) in _FUNCTION for w in words)


#: A state, its government or its authorities.
_STATE = re.compile(
    r"^(?:le |la |les |l'|the )?(?:gouvernement|government|etat|state|autorites|authorities|royaume|kingdom|emirat|emirate|"
    r"republique|republic|administration|cabinet|conseil des ministres|council of ministers)s?((?:\s+(?:royal|royale|federal|federale|central|centrale|national|nationale))*)"
    r"(?:\s+(?:de la|de l'|du|des|de|d'|of the|of)\s*(.+)|\s+([a-z][\w-]*)|)$"
)


def a_country_government(text: str) -> bool:
    """"Gouvernement Royal du Cambodge", "Autorités du Cambodge", "Etat burkinabè", "the Emirate":
    a country's state or government, no organisation (a region's government is one)."""
    folded = fold(text).replace("’", "'").strip()
    match = _STATE.match(folded)
    if match is None:
        return False
    if match.group(2):
        place = lookup(text.strip()[len(text.strip()) - len(match.group(2)):])
        return place is not None and place.kind == "country"
    if match.group(3):  # "Etat burkinabè": a nationality in lower case, the country's state
        return text.strip().split()[-1][:1].islower()
    return True  # "the Emirate", "Gouvernement Royal": a state named by its kind alone


def title_acronym(sentence: str, start: int, end: int) -> bool:
    """"M. X, Secrétaire général aux affaires régionales (SGAR)": the acronym of a title."""
    before = sentence[:start].rstrip()
    if not before.endswith("(") or not sentence[start:end].strip().isupper():
        return False
    clause = re.split(r"[,;:]", before[:-1])[-1].strip()
    return bool(clause) and a_title(clause)


_OF_TITLE = re.compile(r"(?<![\w-])(" + alternation(_TITLE_KEYS) + r")\s+(?:of|for|de la|de l'|du|des|de|d')\s*$")
#: Where the parent body follows a unit or a title's field: "at X", "chez X", "à la X", "au sein de X".
_AT_PARENT = re.compile(r"^\s+(?:(?:at|chez|within|au sein de la|au sein du|au sein des|à la|au|aux)\s+|(?:au sein de l|à l)[’']\s*)(?:the\s+)?[A-ZÀ-Þ]")


def a_titles_field(sentence: str, start: int, end: int) -> bool:
    """"Acting Director of [Investor Attraction] at X", "Deputy Head of [Corporate Banking] à la
    MCB": a title's field, between the title and the body it is held at."""
    before = fold(sentence[max(0, start - 60):start]).replace("’", "'")
    return bool(_OF_TITLE.search(before)) and bool(_AT_PARENT.match(sentence[end:]))


def a_unit(sentence: str, start: int, end: int) -> bool:
    """"the [Research and Innovation Centre] at DoH": a unit named only by its field and kind,
    then its parent body, is the parent's (a unit with a name of its own, "the Wyss Institute at
    X", stays a body)."""
    words = [w for w in re.split(r"[\s’'\-]+", fold(sentence[start:end])) if w and w not in _FUNCTION]
    if len(words) < 2 or not _AT_PARENT.match(sentence[end:]):
        return False
    # (or the last of its fields: "Department of Medical and [Molecular Genetics] at X")
    opened = re.search(r"(?:Department|Division|Laboratory|Département|Laboratoire|Unité|Service)\s+[^,;()]*?\s(?:and|et)\s+$", sentence[max(0, start - 80):start])
    unit = sentence[max(0, start - 80) + opened.start():end] if opened else sentence[start:end]
    if _DEPARTMENT_OF.match(unit) and not any(w.isupper() or lookup(w) for w in unit.split()[2:]):
        return True  # "Department of Medical and Molecular Genetics at X University": a department of a field, X's
    if not sentence[end:].lstrip().startswith(("at ", "within ")):
        return False
    return all(w in GENERIC_WORDS or w in _UNIT_KINDS for w in words) and words[-1] in _UNIT_KINDS


#: A department of a body named by its field (round 12; a ministry's department is a body of its own).
_DEPARTMENT_OF = re.compile(r"^(?:Department|Division|Laboratory|Département|Laboratoire|Unité|Service)\s+(?:of|de la|de l[’']|du|des|de|d[’'])\s*\w")
#: Kinds of a body's internal unit.
_UNIT_KINDS = {"centre", "center", "department", "division", "unit", "office", "laboratory", "lab", "institute", "service"}


#: A lower-case kind of district after a name: "the CORTEX science district", "le quartier X" (a site).
_DISTRICT_AFTER = re.compile(r"^\s+(?:[a-z][\w-]*\s+)?(?:district|neighbou?rhood|quarter|zone)s?\b")
_DISTRICT_BEFORE = re.compile(r"(?:quartier|district|zone|arrondissement)\s+(?:de la |de l'|du |des |de |d')?$")


def a_district(sentence: str, start: int, end: int) -> bool:
    """"the CORTEX science district", "le quartier Nordgate": a district or a zone is a site, no body."""
    return bool(_DISTRICT_AFTER.match(sentence[end:]) or _DISTRICT_BEFORE.search(fold(sentence[max(0, start - 30):start]).replace("’", "'")))


@lru_cache(maxsize=1)
def news_agencies() -> tuple[frozenset[str], frozenset[str]]:
    """The folded names and the acronyms of the world's news agencies and press-release wires
    (``agencies.tsv``, packaged data): the source of a story, never a body of the article."""
    names: set[str] = set()
    acronyms: set[str] = set()
    for _, (name, *rest) in rows("agencies.tsv", {1, 2}, "a name and its acronym (perhaps empty)"):
        acronym = rest[0] if rest else ""
        names.add(fold(name.strip()))
        if acronym.strip():
            acronyms.add(acronym.strip())
    return frozenset(names), frozenset(acronyms)


def _initials(words: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-zÀ-ÿ][\w-]*", words) if w[0].isupper())


def a_news_agency(sentence: str, start: int, end: int) -> bool:
    """"a appris Xinhua", "(AFP)", "CNW": a news agency or a wire, by its name or its acronym
    (an acronym that a name before its brackets spells out is that other body's: "American
    Physical Society (APS)")."""
    text = sentence[start:end].strip()
    names, acronyms = news_agencies()
    if fold(re.sub(r"^(?:the|l[’']|la|le)\s*", "", text, flags=re.IGNORECASE)) in names:
        return True
    if text not in acronyms:
        return False
    before = sentence[:start].rstrip()
    if before.endswith("("):
        spelled = _initials(before[:-1][-120:])
        return not spelled.endswith(text.replace("É", "E"))
    return True


#: A country's consulate: "the US Consulate General", "le Consulat général de X" (an embassy is
#: an organisation in the gold files: "Embassy of Czech Republic in Estonia", "ambassade de France en Argentine").
_MISSION = re.compile(r"(?:^|\s)(?:consulate|consulates|consulat|consulats)(?:\s|$)")
#: A plant or a factory is a site, not the body that runs it ("the VNVC ... Factory", "l'usine AZF").
_PLANT = re.compile(r"(?:^|\s)(?:factory|factories|plant|usine|usines)$|^(?:usine|factory)\s")
_PLANT_BEFORE = re.compile(r"(?:^|\s)(?:l')?(?:usine|usines)$")  # "l'usine AZF" ("l'usine de Sanofi": Sanofi is a body)
#: A company's legal form closing a name.
_LEGAL_FORM = re.compile(r"(?<![\w-])(?:Ltd|Limited|Inc|Corp|Co|plc|LLC|Ltée|S\.?A|SAS|SARL|GmbH|AG|NV|BV)\.?$")
#: A site named after its owner's possessive: "HKSTP's Hong Kong Science Park".
_SITE = re.compile(r"(?:^|\s)(?:park|parc|campus|technopark|site)$")


def a_site(sentence: str, start: int, end: int) -> bool:
    """A country's consulate, a factory or a plant, a park or a campus after its
    owner's possessive: sites and missions, not bodies (SPLIT.md, round 11)."""
    folded = fold(sentence[start:end]).replace("’", "'").strip()
    if _MISSION.search(folded) or _PLANT.search(folded):
        return True
    if sentence[:start].endswith(" ") and _PLANT_BEFORE.search(fold(sentence[max(0, start - 20):start]).replace("’", "'")):
        return _LEGAL_FORM.search(sentence[start:end].strip()) is None  # "l'usine X Mills Ltd": the company that ran it
    owner = re.search(r"\w['’]s\s+$", sentence[max(0, start - 30):start]) or re.match(r"\S+['’]s\s", sentence[start:end])
    return bool(_SITE.search(folded)) and owner is not None


#: Units of measure (round 12): the SI's units and prefixes (BIPM, the SI Brochure) and the
#: non-SI units accepted with it, as symbols: "kWh", "MW", "km²", "GHz", "mL".
_PREFIXES = ("", "k", "M", "G", "T", "m", "µ", "n", "c", "h")
_UNITS = ("W", "Wh", "Wc", "V", "VA", "A", "Ah", "Hz", "g", "m", "m²", "m³", "m2", "m3", "L", "l", "t", "J", "Pa", "Bq", "Gy", "Sv", "mol", "eV", "bar", "b", "B", "o")
MEASURES = frozenset(p + u for p in _PREFIXES for u in _UNITS if len(p + u) >= 2)


def a_measure(sentence: str, start: int, end: int) -> bool:
    """"302 760 kWh", "a 50 MW plant": a unit of measure; in mixed case ("kWh", "GHz") anywhere,
    in capitals only beside an amount ("MW" may be a company's initials)."""
    text = sentence[start:end].strip()
    if text not in MEASURES:
        return False
    mixed = any(c.islower() for c in text) and any(c.isupper() for c in text)
    return mixed or _AMOUNT.search(sentence[:start]) is not None


#: A century or a millennium in Roman numerals with its ordinal: "XXIe siècle", "the XXIst century".
_CENTURY = re.compile(r"^[IVXLC]+(?:e|è|ème|eme|er|re|th|st|nd|rd)(?:\s+(?:siècle|siecle|century|millénaire|millenaire|millennium))?$")
#: A state's title, an adjective of nationality perhaps, then its portfolio: "Ministre haïtien de
#: la Santé Publique", "Secretary of Commerce" (the ministry is the body, "Ministère ...").
_STATE_TITLE = re.compile(r"^(?:ministres?|ministers?|secretaire d'etat|secretary of state|secretary|secretaire)(?:\s+[a-z][\w-]*){0,2}\s+(?:de la|de l'|du|des|de|d'|of the|of|for)\s*")
#: State titles after a place's domain: "[Indiana Commerce] Secretary X" names a post, not a body.
_TITLE_AFTER = re.compile(r"^\s+(?:secretary|minister|commissioner|secretaire|ministre)\s+[A-ZÀ-Þ]", re.IGNORECASE)
#: The French excellence programmes of the state's investments, never bodies: "Labex X", "Equipex Y".
_PROGRAMME = re.compile(r"^(?:labex|equipex|idex|i-site|isite|carnot programme)(?:\s|$)", re.IGNORECASE)


def a_state_title(sentence: str, start: int, end: int) -> bool:
    """"Ministre haïtien de la Santé Publique": a title and its portfolio of common words (a
    person's name after it is not this: "Ministre de la Santé Jean X"); "Indiana Commerce
    Secretary X": a place and a domain before a state's title."""
    text = sentence[start:end].strip()
    folded = fold(text).replace("’", "'")
    lead = _STATE_TITLE.match(folded)
    if lead is not None:
        words = [w for w in re.split(r"[\s’'\-]+", text[lead.end():]) if w]
        return bool(words) and all(w[:1].islower() or fold(w) in _FUNCTION or fold(w) in GENERIC_WORDS for w in words)
    words = text.split()
    if len(words) < 2 or not _TITLE_AFTER.match(sentence[end:]):
        return False
    return lookup(words[0]) is not None and all(fold(w) in GENERIC_WORDS for w in words[1:])


#: Kind words of bodies: a phrase holding one may name a body in lower case ("l'agence ... (X)").
_BODY_KINDS = re.compile(
    r"(?:^|\s)(?:ministere|agence|universite|institut|chambre|fondation|conseil|communaute|metropole|centre|office|direction|"
    r"commission|comite|association|societe|laboratoire|etablissement|hopital|ecole|agency|university|institute|council|"
    r"ministry|department|association|hospital|school|foundation|laboratory|company|institution|organisme|organism|organi[sz]ation|"
    r"body|bodies|partenaire|partner|member|membre|entreprise|firm|group|groupe)s?(?:\s|$)"
)


def a_lower_case_project(sentence: str, start: int, end: int) -> bool:
    """"un projet de ... réseau territorial de surveillance des moustiques vecteurs (RESVEC)": an
    acronym after a description in lower case naming no kind of body is a project or a notion."""
    text = sentence[start:end].strip()
    before = sentence[:start].rstrip()
    if not text.isupper() or not before.endswith("("):
        return False
    clause = re.split(r"[,;:()«»“”]", before[:-1])[-1]
    words = clause.split()[-12:]
    if len(words) < 3 or any(c.isupper() for c in " ".join(words)):
        return False
    return _BODY_KINDS.search(fold(" ".join(words)).replace("’", "'")) is None


#: Legal and administrative categories of bodies, by their acronym (French public law and the
#: usual categories of firms): a kind, no body, unless a name or a seat follows ("UFR Santé",
#: "l'UMR 5235", "la SEM de X").
_CATEGORIES = {
    "UFR", "UMR", "EPST", "EPIC", "EPA", "EPCI", "EPSCP", "GIP", "GIE", "SEM", "SPL", "PME", "TPE", "ETI", "PMI", "ONG", "NGO",
    "SME", "SMEs", "PMEs", "ONGs", "NGOs", "UFRs", "UMRs", "ESR",
    # kinds of firms of the life sciences and of finance: contract research, development and
    # manufacturing organisations, a special purpose vehicle
    "CRO", "CMO", "CDMO", "CDO", "SPV", "SPAC",
}


def a_category(sentence: str, start: int, end: int) -> bool:
    """"associés à plusieurs UFR", "SMEs and NGOs": a kind of body named by its category."""
    return sentence[start:end].strip() in _CATEGORIES and not re.match(r"\s*(?:(?:de|du|d[’']|of)\s*(?:la\s+|l[’']|the\s+)?)?[A-ZÀ-Þ0-9]", sentence[end:])


#: "(HBA - Magyar Biotechnológiai Szövetség)": a body's acronym, a dash, its name in its own
#: language, in brackets after its name in the article's language (round 13).
_NATIVE_ALIAS = re.compile(r"^[A-ZÀ-Þ][A-Za-zÀ-ÿ]{1,9}\s*[-–—]\s*[A-ZÀ-Þ][a-zà-ÿ]+\s+\S")  # not "(DTI-CIG)"


def a_native_alias(sentence: str, start: int, end: int) -> bool:
    """The acronym and the native name in brackets are the name before them, not another body."""
    acronym = sentence[start:end].strip().split()[0]
    return (_NATIVE_ALIAS.match(sentence[start:end].strip()) is not None and sentence[:start].rstrip().endswith("(")
            and sum(c.isupper() for c in acronym) >= 2)


#: The committee that steers a plan or a project is the plan's, no body of its own ("the X
#: Roadmap Steering Committee", "le comité de pilotage du plan X"); a programme's committee named
#: by its programme's own name stays one ("National Centres of Excellence Steering Committee").
_PLANS_COMMITTEE = re.compile(
    r"(?:^|\s)(?:roadmap|plan|strategy|programme|program|project|initiative)\s+(?:steering|advisory|coordinating|coordination|oversight|implementation)\s+(?:committee|board|group)$"
    r"|^comite\s+(?:de\s+pilotage|de\s+suivi|directeur)\s+(?:du|de la|de l'|des)\s*(?:plan|programme|projet|strategie|feuille de route)(?:\s|$)"
)


#: A goal or an agenda named after a body: "the United Nations Sustainable Development Goals".
_GOALS_AFTER = re.compile(r"^\s*(?:goals?|agenda)\b", re.IGNORECASE)


def never_a_body(sentence: str, start: int, end: int) -> bool:
    """A currency, a title or its acronym, a minister's portfolio, a country's government, a
    title's field or a unit before its parent, a district, a news agency, a site or a mission, a
    goal's name; a unit of measure, a century, a state's title and its portfolio, an excellence
    programme, a project's acronym (round 12), a native name in brackets, a plan's committee
    (round 13), a number, a style of address, a title's portfolio (round 14): never a body."""
    text = sentence[start:end]
    return (a_currency(sentence, start, end) or a_title(text) or a_country_government(text) or a_portfolio(sentence, start)
            or title_acronym(sentence, start, end) or a_titles_field(sentence, start, end) or a_unit(sentence, start, end)
            or a_district(sentence, start, end) or a_news_agency(sentence, start, end) or a_site(sentence, start, end)
            or bool(_GOALS_AFTER.match(sentence[end:])) or a_measure(sentence, start, end) or bool(_CENTURY.match(text.strip()))
            or a_state_title(sentence, start, end) or bool(_PROGRAMME.match(text.strip())) or a_lower_case_project(sentence, start, end)
            or a_category(sentence, start, end) or a_native_alias(sentence, start, end)
            or bool(_PLANS_COMMITTEE.search(fold(text.strip()).replace("’", "'")))
            # a year, a style of address, a title's portfolio (addresses.py, round 14)
            or a_number(text) or a_style_of_address(text) or a_titles_portfolio(sentence, start, end))
