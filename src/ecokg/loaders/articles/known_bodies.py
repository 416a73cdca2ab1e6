"""Bodies known from outside the articles (round 12): the world's national research
organisations and public health agencies by their name, short name or acronym (``research.tsv``:
"Inserm", "CNRS", "NIH", "Fraunhofer", which the models often call a place or miss), the
intergovernmental organisations in English and French (``intergovernmental.tsv``: "the AU",
"la Banque mondiale", "UEMOA"), investment promotion agencies named by an invitation ("Choose
X"), ministries named by their domain ("the Economy Ministry"), and
companies closed by a legal form of ISO 20275's list (``legal_forms.tsv``: "X Holdings Sdn
Bhd", "Y Corporation", "Z Co., Ltd."), a name perhaps opened by a word with a lower-case
initial ("reNIKOLA", "bioMérieux"); the large NGOs and foundations (``ngos.tsv``, round 14:
"Save the Children", "Médecins sans frontières") and a Red Cross or Red Crescent society with its
country. The tables are packaged data read with importlib.resources.

Each function returns spans ``(start, end, class)``; :mod:`.entities` decides whether they are
taken. No name of an article is listed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.notnames import GENERIC_WORDS
from ecokg.loaders.articles.patterns import UPPER
from ecokg.loaders.articles.spans import fold_keep_length, org_class
from ecokg.loaders.articles.tables import rows
from ecokg.loaders.articles.vocabulary import DEMONYMS
from ecokg.text import fold

Span = tuple[int, int, str]


def _table(name: str) -> list[list[str]]:
    return [columns for _, columns in rows(name, {1, 2, 3}, "a name, its short names and acronyms (comma-separated) and its class")]


@lru_cache(maxsize=1)
def research_bodies() -> tuple[dict[str, str], dict[str, str]]:
    """The folded full names and the short names (as written) of ``research.tsv``,
    ``intergovernmental.tsv`` and ``ngos.tsv`` (round 14), each with its class."""
    names: dict[str, str] = {}
    short: dict[str, str] = {}
    for row in [*_table("research.tsv"), *_table("intergovernmental.tsv"), *_table("ngos.tsv")]:
        name, acronyms, cls = [*row, "", ""][:3]
        names[fold(name.strip())] = cls.strip() or "Organization"
        for acronym in acronyms.split(","):
            if acronym.strip():
                short[acronym.strip()] = cls.strip() or "Organization"
    return names, short


@lru_cache(maxsize=1)
def _research_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names, short = research_bodies()
    by_length = lambda keys: sorted(keys, key=len, reverse=True)  # noqa: E731
    return (
        re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in by_length(names)) + r")(?![\w-])"),
        re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in by_length(short)) + r")(?![\w*&-])"),
    )


def _nationality(word: str) -> bool:
    """"Swedish", "Norwegian", "Japanese": an adjective of nationality (the lexicon's, or its usual endings)."""
    return fold(word) in DEMONYMS or re.fullmatch(r"[A-Z][a-z]+(?:ish|ese|ian|ean)", word) is not None


#: A capitalised word after the name: a longer name holds it ("UNU Programme for ...", "United
#: Nations Sustainable Development Goal 3"), which other rules read whole.
_GOES_ON = re.compile(rf"\s+[{UPPER}][\w’'-]*")


def known_research_bodies(sentence: str) -> list[Span]:
    """"(CHRU, Inrae, Inria, Inserm)", "chercheurs du CNRS", "the NIH": a national research
    organisation, a public health agency or an intergovernmental organisation by its name or its
    acronym, whatever the model says (a name after or before a capitalised word is part of a
    longer one: "Africa Centers for Disease Control", "UNU Programme for ...")."""
    names, short = research_bodies()
    full, acronyms = _research_patterns()
    out: list[Span] = []
    for match in full.finditer(fold_keep_length(sentence)):
        before = re.search(rf"([{UPPER}][\w-]*)\s+$", sentence[max(0, match.start() - 30):match.start()])
        # (a nationality before it is no part of it: "the Norwegian and Swedish Save the Children", round 14)
        opener = before is None or fold(before.group(1)) in _OPENERS or _nationality(before.group(1))
        if sentence[match.start()].isupper() and opener and not _GOES_ON.match(sentence, match.end()):
            out.append((match.start(), match.end(), names[match.group(0)]))
    for match in acronyms.finditer(sentence):
        if not any(s <= match.start() < e for s, e, _ in out) and not _GOES_ON.match(sentence, match.end()):
            out.append((match.start(), match.end(), short[match.group(0)]))
    return out


@lru_cache(maxsize=1)
def legal_forms() -> tuple[str, ...]:
    """The legal forms of ``legal_forms.tsv``, longest first ("Co., Ltd." before "Co.")."""
    return tuple(sorted({row[0].strip() for _, row in rows("legal_forms.tsv", {1}, "one legal form")}, key=len, reverse=True))


_CAP = rf"[{UPPER}0-9][\w’'&.+-]*"
#: A word with a lower-case initial and capitals inside: "reNIKOLA", "bioMérieux", "iRobot".
_LOWER_INITIAL = rf"[a-zà-ÿ]{{1,4}}[{UPPER}][\w’'&+-]*"


@lru_cache(maxsize=1)
def _company() -> re.Pattern[str]:
    forms = "|".join(re.escape(f) for f in legal_forms())
    # one to five name words, then the legal form, which ends the name (a dot it holds is its own)
    return re.compile(rf"(?<![\w-])((?:{_LOWER_INITIAL}|{_CAP})(?:\s+(?:&\s+)?{_CAP}){{0,4}}?),?\s+(?:{forms})(?![\w-])")


#: Words that open a sentence or a clause and belong to no name.
_OPENERS = {
    "the", "le", "la", "les", "l", "in", "on", "a", "an", "and", "et", "of", "de", "for", "pour", "by", "par", "with", "avec",
    "our", "its", "their", "this", "that", "these", "each", "every", "any", "your", "his", "her", "notre", "votre", "leur",
    "cette", "ce", "ces", "chaque", "sa", "son", "ses",
}


def legal_form_names(sentence: str) -> list[Span]:
    """"renewable energy company reNIKOLA Holdings Sdn Bhd and Japan's Sumitomo Corporation": two
    companies, each closed by its legal form ("The Company", "Development Corporation" alone are
    none: a generic word before a generic form)."""
    out: list[Span] = []
    for match in _company().finditer(sentence):
        words = list(re.finditer(r"\S+", match.group(1)))
        while words and fold(words[0].group(0)).strip("’'") in _OPENERS:
            words = words[1:]  # "The X Corporation": the article is not in the name
        if not words:
            continue
        form = sentence[match.end(1):match.end()].strip(" ,")
        if form in _GENERIC_FORMS and all(fold(w.group(0)) in GENERIC_WORDS for w in words):
            continue
        start = match.start(1) + words[0].start()
        # "X Co., Ltd.", "Y, Inc.": a form after a comma is not in the name (round 11's call)
        end = match.end(1) if "," in sentence[match.end(1):match.end()] else match.end()
        out.append((start, end, org_class(sentence[start:end], "Company")))
    return out


#: Legal forms that are also common nouns: a name needs a word of its own before them.
_GENERIC_FORMS = {"Company", "Corporation", "Limited", "Incorporated"}


#: Investment promotion agencies named by an invitation and their territory: "Choose New Jersey",
#: "Invest in Norvania", "Select USA", "Investir en Lorvane" (the verb with a capital, inside a sentence).
_INVITATION = re.compile(rf"(?<=[\w,;:’'(] )(?:Choose|Select|Invest in|Investir en|Investir au|Investir à|Choisir)\s+((?:{_CAP})(?:[\s-]{_CAP}){{0,2}})")


def promotion_agencies(sentence: str) -> list[Span]:
    """"BioNJ and Choose New Jersey signed": an agency named by an invitation to a known place."""
    out: list[Span] = []
    for match in _INVITATION.finditer(sentence):
        words = match.group(1).replace("’s", "").replace("'s", "").split()
        for n in range(len(words), 0, -1):  # the longest known place ("New Jersey’s": New Jersey)
            if lookup(" ".join(words[:n])) is not None:
                out.append((match.start(), match.start(1) + len(" ".join(match.group(1).split()[:n]).removesuffix("’s").removesuffix("'s")), "EconomicDevelopmentAgency"))
                break
    return out


#: A ministry named by its domain before its kind: "the Economy Ministry", "Japan's Health Ministry".
_DOMAIN_MINISTRY = re.compile(rf"(?<![\w-])((?:{_CAP}\s+){{1,2}})(?:Ministry|Ministries)(?![\w-])")


def domain_ministries(sentence: str) -> list[Span]:
    """"According to the Economy Ministry": a ministry by its domain (common words: "Economy",
    "Foreign Affairs"), which is a body though its words are all generic."""
    out: list[Span] = []
    for match in _DOMAIN_MINISTRY.finditer(sentence):
        words = match.group(1).split()
        while words and (fold(words[0]).strip("’'") in _OPENERS or words[0].endswith(("’s", "'s"))):
            words = words[1:]  # "Japan’s Health Ministry": the country's, not in the name
        if words and all(fold(w) in GENERIC_WORDS or fold(w) in _DOMAINS for w in words):
            out.append((match.end(1) - len(" ".join(words)) - 1, match.end(), "PublicAuthority"))
    return out


#: Domains of a ministry that are not among the generic words of names.
_DOMAINS = {
    "economy", "finance", "finances", "foreign", "affairs", "interior", "defence", "defense", "justice", "education", "labour",
    "labor", "agriculture", "environment", "transport", "energy", "industry", "trade", "culture", "tourism", "housing",
    "economic", "development", "investment", "science", "technology", "innovation", "digital", "social", "welfare", "sport",
}


#: A national society of the Red Cross or the Red Crescent, with its country: "Croissant rouge
#: des Emirats Arabes Unis", "la Croix-Rouge du Burkina", "Red Crescent Society of X" (the
#: Movement's statutes name each society by its country).
_SOCIETY = re.compile(
    r"(?<![\w-])(?:(?:Société|Society)\s+(?:du|de la|of the)\s+)?(?:Croissant|Croix)[- ][Rr]ouge|Red\s+(?:Cross|Crescent)(?:\s+Society)?"
)
_COUNTRY_AFTER = re.compile(rf"\s+(?:of the|of|de la|de l[’']|du|des|de|d[’'])\s*((?:{_CAP})(?:[\s-]+(?:{_CAP}))*)")


def red_cross_societies(sentence: str) -> list[Span]:
    """"le Croissant rouge des Emirats Arabes Unis": a Red Cross or Red Crescent society and its
    country, one name (the model cuts it at the country, or reads "Croissant rouge" alone)."""
    out: list[Span] = []
    for match in _SOCIETY.finditer(sentence):
        country = re.search(rf"(?<![\w-])([{UPPER}][\w-]+)\s+$", sentence[max(0, match.start() - 40):match.start()])
        place = lookup(country.group(1)) if country is not None and fold(country.group(1)) not in _OPENERS else None
        if country is not None and (_nationality(country.group(1)) or (place is not None and place.kind == "country")):
            # "the Qatar Red Crescent", "the Norvanian Red Cross": the country before the name is in it
            out.append((match.start() - len(country.group(0)), match.end(), "Organization"))
            continue
        adjective = re.match(r"\s+([a-zà-ÿ]+)(?![\w-])", sentence[match.end():])
        if adjective is not None and (fold(adjective.group(1)) in DEMONYMS or re.search(r"(?:ien|ienne|ais|aise|ain|aine|ois|oise|ati)$", adjective.group(1))):
            out.append((match.start(), match.end() + adjective.end(), "Organization"))  # "le Croissant rouge émirati"
            continue
        after = _COUNTRY_AFTER.match(sentence, match.end())
        if after is not None:
            words = after.group(1).split()
            for n in range(len(words), 0, -1):  # the longest known place ("Emirats Arabes Unis")
                if lookup(" ".join(words[:n])) is not None:
                    out.append((match.start(), after.start(1) + len(" ".join(words[:n])), "Organization"))
                    break
            else:  # a country the gazetteer does not know as written ("des Emirat Arabes Unis"): its capitalised words
                out.append((match.start(), after.end(1), "Organization"))
        else:
            out.append((match.start(), match.end(), "Organization"))
    return out


def known_bodies(sentence: str) -> list[Span]:
    """The bodies this module knows in ``sentence``: research organisations and health agencies,
    companies closed by a legal form, investment promotion agencies, ministries by their domain."""
    research = known_research_bodies(sentence)
    # (a society inside a table's name is that name's: "International Committee of the Red Cross")
    societies = [x for x in red_cross_societies(sentence) if not any(s <= x[0] and x[1] <= e for s, e, _ in research)]
    others = [*research, *legal_form_names(sentence), *promotion_agencies(sentence), *domain_ministries(sentence)]
    # "la Croix-Rouge du Burkina Faso": the society's whole name, not "Croix-Rouge" inside it
    return [*(o for o in others if not any(s <= o[0] and o[1] <= e and (s, e) != o[:2] for s, e, _ in societies)), *societies]

