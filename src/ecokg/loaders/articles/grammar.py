"""The grammar of an institution's name, in English and French: a head noun naming a kind of
body, then its complements, each a function word and capitalised words ("Institut National de
la Santé et de la Recherche Médicale", "Institut de Recherche en Santé, de Surveillance
Épidémiologique et de Formation", "Naturopôle de Saint-Bonnet de Rochefort").

A span of a name that stops before one of its complements is a fragment: :func:`name_end` gives
where the whole name ends, and :func:`inside_name` says when a span is a complement of a name
begun before it ("Groupement Européen d’[Intérêt Économique]"), which is not proposed alone.
The words are kinds of body and function words, never names from an article.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ecokg.loaders.articles.bodies import MISSION, TITLE_LEAD, no_body
from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.notnames import GENERIC_WORDS, only_a_kind
from ecokg.loaders.articles.patterns import COMPOUND, MIXED, UPPER
from ecokg.text import fold

#: Head nouns of institutions' names, in both languages; and a word built on "pôle" (a cluster).
_HEADS = (
    r"Institut|Institute|Centre|Center|Conseil|Council|Communauté|Community|Groupement|Agence|Agency|Université|"
    r"University|Ministère|Ministry|Department|Département|Direction|Office|Commission|Chambre|Chamber|Fondation|"
    r"Foundation|Association|Fédération|Federation|Observatoire|Laboratoire|Hôpital|Hospital|École|School|Caisse|"
    r"Banque|Syndicat|Maison|Parc|Academy|Académie|Unité|Group|[{U}][\w-]*p[ôo]le"
).replace("{U}", UPPER)
_CAP = rf"[{UPPER}][\w’'-]*"
_CAPS = rf"{_CAP}(?:\s+{_CAP})*"
_OF = r"(?:de la|de l’|de l'|du|des|de|d’|d'|of the|of|for|pour le|pour la|pour l’|pour l'|pour les|pour)"
#: A name that begins with a head noun, up to where its first complement would start.
_HEADED = re.compile(rf"(?<![\w-])(?:{_CAP}\s+){{0,2}}(?:{_HEADS})(?![\w-])(?:\s+{_CAP})*")
#: One more complement: "de X", "d’X", "of X"; "en X" / "in X" after a field ("Recherche en
#: Santé"); ", de X" in a list of complements; "et de X" / "and of X" closing it.
_COMPLEMENT = re.compile(rf"(?:\s+{_OF}\s*|,\s+(?:de la|de l’|de l'|du|des|de|d’|d')\s*|\s+(?:et|and)\s+{_OF}\s*)({_CAPS})")
_FIELD_IN = re.compile(rf"\s+(?:en|in)\s+({_CAPS})")
#: Activities a body's name gives a field to with "en" / "in": "Centre de Recherche et de
#: Formation en Infectiologie" (beside the generic words of notnames.py).
_ACTIVITIES = {"formation", "training", "enseignement", "education", "expertise", "etudes", "studies", "excellence"}
#: An acronym in brackets inside the name, then its seat: "Centre hospitalier universitaire (CHU)
#: de la Guadeloupe".
_INNER_ACRONYM = re.compile(rf"\s*\(([{UPPER}][{UPPER}\w’'-]{{1,9}})\)\s+(?:de la|de l’|de l'|du|des|de|d’|d'|of the|of)\s*({_CAPS})")
_ON_FIELD = re.compile(rf"\s+on\s+({_CAP})(?:\s+{_CAP})?")
#: An adjective of origin between two complements: "Chambre de Commerce ouest-africaine de X".
_ADJECTIVE_STEP = re.compile(rf"\s+(?:[a-zà-ÿ]+-)?[a-zà-ÿ]+(?:aine|ain|aise|ais|ienne|ien|oise|ois|ande|and|an|ane)\s+{_OF}\s*{_CAPS}")
#: A code or an acronym after a field closes a unit's name: "Unité Mixte de Recherche PIMIT".
_CODE = re.compile(rf"\s+([{UPPER}]{{2,}}[\w-]*)(?![\w’'-])")


#: An adjective ending a complement, which "and" and another one may follow ("Scientific and
#: Technological", "Scientifique et Technique").
_EN_ADJECTIVE = re.compile(r"^[a-z]+(?:ic|ical|al|ive|ary|ique|ale|elle|aire)$")
_AND_CAPS = re.compile(rf"\s+(?:and|et)\s+{_CAPS}")
#: Where the body works, then the acronym of the whole name: "... in Latin America and the
#: Caribbean (UNU-BIOLAC)" (the acronym begins as the name does).
_IN_REGION = re.compile(
    rf"\s+(?:in|en)\s+(?:the\s+)?({_CAPS}(?:\s+{_OF}\s*{_CAPS})?)((?:\s+(?:and|et)\s+(?:the\s+|les\s+|la\s+)?{_CAPS})?)\s*\(([{UPPER}][\w-]+)\)"
)


def _an_activity(word: str) -> bool:
    """A generic word or an activity, singular or plural ("Centre de Recherches en X")."""
    return any(w in GENERIC_WORDS or w in _ACTIVITIES for w in (word, word.removesuffix("s"), word.removesuffix("es")))


def name_end(sentence: str, start: int, end: int) -> int:
    """Where the institution's name that ``sentence[start:end]`` begins really ends: ``end``
    unless the span opens with a head noun and stops before a complement of it."""
    head = _HEADED.match(sentence, start)
    if head is None or head.end() > end:
        return _region_of_acronym(sentence, start, _seat_with_et(sentence, start, end))
    # A span that stops on "du", "of" ("Institut de la recherche ... de la formation du"): the
    # complement it opens is the name's ("du Nouveau-Brunswick").
    dangling = re.search(rf"\s+{_OF}$", sentence[head.end():end])
    at = head.end() + dangling.start() if dangling else end
    while True:
        step = _COMPLEMENT.match(sentence, at)
        field = _FIELD_IN.match(sentence, at)
        before = fold(sentence[:at].split()[-1]) if sentence[:at].split() else ""
        if step and step.group(0).lstrip().startswith(","):
            # ", de X" belongs to the name only when a closing "et de Y" follows: a list of domains
            rest = sentence[step.end():]
            if not re.match(rf"(?:,\s+{_OF}\s*{_CAPS})*\s+(?:et|and)\s+{_OF}\s*{_CAP}", rest):
                break
        elif step is None and field is not None and _an_activity(before) and lookup(field.group(1)) is None:
            step = field  # "Institut de Recherche en Santé": a field's complement ("in Estonia" is where it is)
            # "... for Research in Energy and Materials": a second field closes the list
            second = re.match(rf"\s+(?:and|et)\s+({_CAP})(?![\s-]+[{UPPER}])", sentence[step.end():])
            if second and (fold(second.group(1)) in GENERIC_WORDS or re.fullmatch(r"[^\W\d][a-zà-ÿ]+s", second.group(1))):
                at = step.end() + second.end()
                continue
        elif step is None and (on := _ON_FIELD.match(sentence, at)) and fold(on.group(1)) in GENERIC_WORDS:
            step = on  # "Vision Group on Biotechnology", "Council on Health Research": a field
        elif step is None and (adjective := _ADJECTIVE_STEP.match(sentence, at)):
            step = adjective  # "Chambre de Commerce ouest-africaine de l’Etat du Texas"
        elif step is None and _EN_ADJECTIVE.search(before) and (joined := _AND_CAPS.match(sentence, at)):
            step = joined  # "Council for Scientific[ and Technological Research]": two adjectives of one field
        if step is None:
            break
        at = step.end()
    at = _region_of_acronym(sentence, start, _seat_with_et(sentence, start, at))
    inner = _INNER_ACRONYM.match(sentence, at)
    if inner and fold(inner.group(1))[:1] == fold(sentence[start])[:1] and (place := lookup(inner.group(2))) and place.kind != "city":
        at = inner.end()  # "... universitaire (CHU) de la Guadeloupe": the seat after the acronym is the name's
    code = _CODE.match(sentence, at)
    last = fold(sentence[:at].split()[-1]) if sentence[:at].split() else ""
    if code and at > head.end() and last in GENERIC_WORDS and not lookup(code.group(1)):
        at = code.end()  # "Unité Mixte de Recherche PIMIT": the unit's code ends its name
    return at


def _region_of_acronym(sentence: str, start: int, at: int) -> int:
    """"UNU Programme for Biotechnology[ in Latin America and the Caribbean] (UNU-BIOLAC)": where
    the body works belongs to its name when the acronym after it begins as the name does."""
    region = _IN_REGION.match(sentence, at)
    if region and fold(region.group(3))[:1] == fold(sentence[start])[:1] and lookup(region.group(1)) is not None:
        return region.end(2)
    return at


_NAME_IN = re.compile(rf"({_CAP}(?:\s+(?:{_OF}\s*)?{_CAP})*)\s+(?:in|en)\s+(?:the\s+)?$")


def _name_before_region(sentence: str, start: int, end: int) -> int:
    """"[Helvane Programme for Vaccines in ]West Africa (HPVWA)": a known place read with the
    acronym after it is where the body named before it works (the acronym begins as that name)."""
    acronym = re.match(r"\s*\(([^\W\d_][\w-]+)\)", sentence[end:])
    if acronym is None:
        return start
    # (the span may be the last word of the place: "Afrique de l'[Ouest]")
    longer = re.search(rf"{_CAP}\s+{_OF}\s*$", sentence[max(0, start - 40):start])
    at = max(0, start - 40) + longer.start() if longer and lookup(sentence[max(0, start - 40) + longer.start():end]) else start
    named = _NAME_IN.search(sentence[max(0, at - 120):at])
    if named is None or lookup(sentence[at:end]) is None:
        return start
    begin = max(0, at - 120) + named.start(1)
    return begin if fold(sentence[begin])[:1] == fold(acronym.group(1))[:1] else start


def _seat_with_et(sentence: str, start: int, at: int) -> int:
    """"CCI d'Indre et Loire": a seat whose name holds "et" (a known region) is whole."""
    joined = re.match(rf"\s+(?:et|and)\s+({_CAP})", sentence[at:])
    seat = re.search(rf"(?:{_OF})\s*({_CAPS})$", sentence[start:at])
    if joined and seat and (place := lookup(f"{seat.group(1)} et {joined.group(1)}")) and place.kind != "city":
        return at + joined.end()
    return at


#: A word in mixed case, in capitals or built on a sector's stem names something of its own.
_OWN_SHAPE = re.compile(rf"(?:{MIXED.pattern}|{COMPOUND.pattern}|[{UPPER}]{{2,}}[\w-]*)")
#: The words just before a complement: a head noun, capitalised words, a function word.
_STEP = r"(?:,\s+|\s+(?:(?:et|and)\s+)?)"
_OPEN_NAME = re.compile(rf"(?<![\w-])(?:(?!(?:The|Le|La|Les|Des|Du|L)\b){_CAP}\s+){{0,2}}(?:{_HEADS})(?:\s+{_CAP})*(?:{_STEP}{_OF}\s*{_CAPS})*{_STEP}(?:{_OF}|(en|in))\s*$")


_SECOND_FIELD = re.compile(rf"\s(?:en|in)\s+({_CAP})\s+(?:and|et)\s+$")


def name_start(sentence: str, start: int, text: str) -> int:
    """Where the name that ``text`` (at ``start``) is a complement of begins: "Intérêt Économique"
    in "Groupement Européen d’Intérêt Économique" begins at "Groupement"; ``start`` when ``text``
    begins its own name. A name of its own shape ("Conseil d'administration d'Eurobiomed", "...
    de l'INSERM") is not a complement."""
    if any(_OWN_SHAPE.fullmatch(w) for w in text.split()):
        return start
    window = max(0, start - 120)
    if (second := _SECOND_FIELD.search(sentence[window:start])) and (opened_at := name_start(sentence, window + second.start(1), "x")) < window + second.start(1):
        return opened_at  # "[Center for Research in Energy and ]Materials": the second of its fields
    opened = _OPEN_NAME.search(sentence[window:start])
    if opened and opened.group(1):  # "en X" is a field's complement only after a field
        field = fold(sentence[window:start][: opened.start(1)].split()[-1])
        if field not in GENERIC_WORDS and field not in _ACTIVITIES:
            return start
    return window + opened.start() if opened else start


#: A kind of firm, an adjective perhaps, then "de"/"of": what follows is its field, then its name
#: ("l'entreprise wallonne de Biotechnologie Genvia", "a company of Medical Devices Acme").
_FIRM_OF = re.compile(r"\b(?:entreprise|societe|start-?up|company|firm|laboratoire|groupe)(?:\s+[a-z-]+)?\s+(?:de|d'|of)\s*$")


def field_before_name(sentence: str, start: int, text: str) -> int:
    """Characters to drop from the start of ``text``: the field of the firm named after it,
    written with capitals ("de Biotechnologie Genvia": Genvia). 0 if none."""
    if not _FIRM_OF.search(fold(sentence[max(0, start - 60):start] + "|")[:-1].replace("’", "'")):
        return 0
    words = text.split()
    for n in (1, 2):
        if len(words) > n and all(fold(w) in GENERIC_WORDS for w in words[:n]) and fold(words[n]) not in GENERIC_WORDS:
            return len(" ".join(words[:n])) + 1
    return 0


#: A part of an organisation after its name and a place: "the Acme Dublin office".
_OFFICE = re.compile(r"\s+(?:office|branch|bureau|site|unit|subsidiary|antenna|antenne|team)\b")


def place_before_office(text: str, after: str, places: set[str]) -> str | None:
    """The place that ends ``text`` when an office or a branch follows: "Enterprise X New York
    office" is Enterprise X's office in New York, not an organisation "Enterprise X New York"."""
    if not _OFFICE.match(after):
        return None
    for place in sorted(places, key=len, reverse=True):
        if text.endswith(" " + place) and len(text) > len(place) + 1:
            return place
    return None


#: Capitalised words, "de"/"of", then a head noun: a site of the body named after it ("la station de
#: recherche de Kamboinse de l’Institut de X"); the body's name starts at its head noun.
_SITE_OF_BODY = re.compile(rf"(?:{_CAP}\s+)?{_CAP}\s+(?:de la|de l’|de l'|du|des|de|d’|d'|of the|of)\s*(?=(?:{_HEADS})(?![\w-]))")
#: A dash and a place that ends the name ("Department of Health – Abu Dhabi"), then no more words of it.
_DASHED_SEAT = re.compile(rf"\s+[–—-]\s+({_CAP}(?:\s+{_CAP}){{0,2}})(?=\s*[(),.;:]|\s+[a-zà-ÿ]|$)")
_HEADED_DASH = re.compile(rf"(?<![\w-])((?:{_CAP}\s+){{0,2}}(?:{_HEADS})(?:\s+{_CAP})*(?:\s+{_OF}\s*{_CAPS})*)\s+[–—-]\s+$")
#: "et de la santé" closing a name written in lower case, at the end of a clause.
_LAST_DOMAIN = re.compile(r"\s+et\s+(?:de la|de l’|de l'|du|des|de|d’|d')\s*[a-zà-ÿ][\w-]*(?=\s*[.,;:)]|$)")
#: An abbreviation that opens a place's or a saint's name: "St. Louis", "Mt. Sinai", "Ste. Anne".
_ABBREVIATED = re.compile(r"(?:^|\s)(?:St|Ste|Mt|Ft|Pt)$")


def _abbreviated(sentence: str, start: int, end: int) -> int:
    """"[St]. Louis Life Sciences Project": a span ending in an abbreviation goes on with the
    capitalised words after its dot."""
    if not _ABBREVIATED.search(sentence[start:end]):
        return end
    rest = re.match(rf"\.\s*{_CAP}(?:\s+{_CAP})*", sentence[end:])
    return end + rest.end() if rest else end


#: A department of a body before its name: "Direction du Centre X" is the Centre's.
_DIRECTION_OF = re.compile(rf"^Direction\s+(?:du|de la|de l’|de l'|des)\s*(?=(?:{_HEADS})\b)")
#: A country after a complement that is a name: "... de Dokkyo du Japon" (not "de la Recherche du Québec").
_COUNTRY_AFTER = re.compile(rf"\s(?:de|d’|d')\s*{_CAP}(\s+(?:du|de la|de l’|de l'|de|d’|d')\s*({_CAP}(?:[\s-]{_CAP})?))$")


def whole_name(sentence: str, start: int, end: int, places: set[str]) -> tuple[int, int, tuple[int, int, str] | None]:
    """The span of the whole name around ``sentence[start:end]``: grown to the head noun it is a
    complement of and to its last complement, without a firm's field before it, without the
    place of an office after it; and that place (start, end, name), if any. An empty span when
    it is no body's name (:func:`.bodies.no_body`)."""
    if (dashed := _HEADED_DASH.search(sentence[max(0, start - 160):start])) and (place := lookup(sentence[start:end])) and place.kind != "country":
        # "[Department of Health – ]Abu Dhabi (DoH)": the seat after a dash closes the body's name
        return start - len(dashed.group(0)) + dashed.start(1) - dashed.start(), end, (start, end, sentence[start:end])
    start = _name_before_region(sentence, start, end)
    start = name_start(sentence, start, sentence[start:end])
    if title := TITLE_LEAD.match(sentence[start:end]) or _DIRECTION_OF.match(sentence[start:end]):
        start += title.end()  # "PD-G de l’Institut X", "Direction du Centre X": the title, the department are not in the name
    end = _abbreviated(sentence, start, end)
    site = _SITE_OF_BODY.match(sentence, start)
    if site and site.end() < end and not _HEADED.match(sentence, start):
        start = site.end()  # "[Kamboinse de l’]Institut de ...": a site's name, then the body it belongs to
    end = name_end(sentence, start, end)
    if re.search(rf"\s{_OF}\s*[a-zà-ÿ][\w-]*$", sentence[start:end]) and (last := _LAST_DOMAIN.match(sentence, end)):
        end = last.end()  # "Alliance nationale pour les sciences de la vie[ et de la santé]": the list's last domain
    start += field_before_name(sentence, start, sentence[start:end])
    if no_body(sentence, start, end):
        return start, start, None
    if _HEADED.match(sentence, start) and (seat := _DASHED_SEAT.match(sentence, end)) and (place := lookup(seat.group(1))) and place.kind != "country":
        # "Department of Health – Abu Dhabi (DoH)": a dash and the seat close the body's name
        return start, seat.end(), (seat.start(1), seat.end(1), seat.group(1))
    pair = re.match(rf"([{UPPER}]{{2,}}[\w-]*)\s+(?:and|et|&)\s+((?:{_CAP}\s+)*?(?:{_HEADS})\b.*)$", sentence[start:end])
    if pair and len(pair.group(2).split()) >= 2:
        end = start + pair.end(1)  # "INBIT and Central European Institute of Technology": two names, the first here
    if (mission := MISSION.fullmatch(sentence, start, end)) and lookup(mission.group(1)):
        return start, end, (mission.start(1), mission.end(1), mission.group(1))  # "Embassy of X in Y": X a place too
    country = _COUNTRY_AFTER.search(sentence[start:end])
    if country and (place := lookup(country.group(2))) and place.kind == "country" and fold(sentence[start:end].split()[0]) != "ambassade":
        # "Université de Médecine de Dokkyo du Japon": the country where a named body is
        return start, start + country.start(1), (start + country.start(2), start + country.end(2), country.group(2))
    office = place_before_office(sentence[start:end], sentence[end:], places)
    if office is None:
        return start, end, None
    end -= len(office) + 1
    return start, end, (end + 1, end + 1 + len(office), office)


def seat_in_name(text: str, is_place: Callable[[str], bool], model_names: set[str]) -> tuple[str, int] | None:
    """"Institut Pasteur de Dakar" where the model read "Institut Pasteur" and the place Dakar: the
    seat belongs to the name (the fragment is not proposed alone); returns the model's shorter
    name, kept as an alias, and where the seat starts in ``text``."""
    seat = re.search(rf"\s+(?:de|d’|d')\s*([{UPPER}][\w-]+)$", text)
    if seat and is_place(seat.group(1)) and text[: seat.start()] in model_names and not only_a_kind(text[: seat.start()]):
        return text[: seat.start()], seat.start(1)
    return None
