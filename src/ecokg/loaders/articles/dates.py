"""Dates in an article: its own date (``--date``, or the dateline), and the dates it reports.

"BROMONT, Québec, March 23, 2021" and "MONTRÉAL, QC, le 25 juin 2014." give the document's
date; a day and month without a year ("on March 25", "le 17 octobre dernier") are resolved
against it ("dernier"/"last": the latest such day on or before it; "prochain"/"next": the
first on or after it; otherwise its year). Without a document date they stay unresolved:
:class:`DateMention` keeps their text and ``iso`` is ``None``, never the current year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_DAY = r"(\d{1,2})(?:er|st|nd|rd|th)?"
_YEAR = r"(?:,?\s+((?:19|20)\d{2}))?"
_REL = r"(?:\s+(dernier|derniere|prochain|prochaine))?"
#: A weekday before a day, inside a range: "du lundi 2 au vendredi 6 juin", "from Monday 2 June to Friday 6 June".
_WD = r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),?\s+)?"
#: "26th-27th September", "du 27 octobre au 1er novembre", "from June 2 to June 6, 2025".
_RANGES = [
    # "les 2, 3 et 4 juin": a list of days is a range from the first to the last.
    (re.compile(rf"\b{_DAY}(?:\s*,\s*\d{{1,2}})*\s*(?:-|–|to|au|et|and)\s*{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}"), "dd-m"),
    (re.compile(rf"\b(?:du\s+)?{_WD}{_DAY}(?:\s+{_MONTH})?\s+au\s+{_WD}{_DAY}\s+{_MONTH}{_YEAR}"), "d-m-d-m"),
    (re.compile(rf"\b(?:from\s+)?{_WD}{_DAY}(?:\s+{_MONTH})?\s+(?:to|until|through)\s+{_WD}{_DAY}\s+{_MONTH}{_YEAR}"), "d-m-d-m"),
    (re.compile(rf"\b(?:from\s+)?{_MONTH}\s+{_DAY}\s*(?:-|–|to|until|through|and)\s*(?:{_MONTH}\s+)?{_DAY}\b{_YEAR}"), "m-d-m-d"),
]
_SINGLES = [
    (re.compile(rf"\b(?:(last|next)\s+)?{_MONTH}\s+{_DAY}\b{_YEAR}"), "md"),
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}{_REL}"), "dm"),
]
#: A month and the year it is in: "in March 2022", "en mars 2022", "last September", "en
#: septembre prochain", "in August and November this year" (each month of the list).
_YEAR_WORDS = r"(this year|cette annee|last year|l'an dernier|l'annee derniere|next year|l'an prochain|l'annee prochaine)"
_MONTHS_ONLY = [
    (re.compile(rf"\b{_MONTH}\s+((?:19|20)\d{{2}})\b"), "my"),
    (re.compile(rf"\b(last|next)\s+{_MONTH}(?!\s*\d)"), "rel-m"),
    (re.compile(rf"\b{_MONTH}\s+(dernier|prochain)\b"), "m-rel"),
    (re.compile(rf"\b{_MONTH}((?:\s*,\s*|\s+(?:and|et)\s+){_MONTH})*\s+{_YEAR_WORDS}"), "ms-year"),
]
_MONTH_IN_LIST = re.compile(_MONTH)
#: An event named with its year in the same sentence gives a day-month date its year: "the 2018
#: Annual Meeting ... took place on 22-23 March", "l'édition 2019 du salon se tiendra du 3 au 5 juin",
#: "Medical Expo 2025, le 14 mai".
_EVENT_WORD = (r"(?:annual meeting|meeting|conference|summit|forum|congress|convention|edition|fair|show|expo|festival|"
               r"symposium|assembly|days|week|salon|congres|sommet|rencontres|journees|assises|colloque|edition|biennale)")
_EVENT_YEAR = re.compile(
    rf"\b((?:19|20)\d{{2}})\s+(?:[a-z][\w-]*\s+){{0,3}}?{_EVENT_WORD}\b"
    rf"|\b{_EVENT_WORD}\s+(?:[a-z][\w-]*\s+){{0,2}}?((?:19|20)\d{{2}})\b(?!\s*[-/])"
)


_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
             "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
_WEEKDAY = "(" + "|".join(_WEEKDAYS) + ")"
#: Days named from the document's own day: "yesterday", "hier", "last Tuesday", "jeudi dernier",
#: "this Thursday", "ce jeudi" (the day of the document's week, Monday to Sunday).
_RELATIVE_DAYS = re.compile(
    rf"\b(?:(yesterday|hier)|(last|next|this|ce)\s+{_WEEKDAY}|{_WEEKDAY}\s+(dernier|prochain))\b(?!-)(?!\s*,?\s*(?:\d|{_MONTH}))"
)


#: "on Wednesday" (round 7): the sentence's tense says which one, "will be laid on Wednesday" the
#: next, "said on Monday" the last (a date with its day and month is read by its own rule).
_ON_WEEKDAY = re.compile(rf"\bon\s+{_WEEKDAY}\b(?!-)(?!\s*,?\s*(?:\d|{_MONTH}))")
_FUTURE = re.compile(r"\b(?:will|shall|(?:is|are) (?:to|set to|due to|expected to|scheduled to)|plans? to)\b")


#: A French compound past right before a bare weekday: "ont signé mardi", "a organisé, mercredi matin,",
#: "s'est tenue lundi" (round 15: fr27, fr52, fr66, fr73, fr74 date their signing so).
_FR_PAST_WEEKDAY = re.compile(
    rf"\b(?:a|ont|avait|avaient|a ete|ont ete|s'est|se sont|s'etaient)\s+(?:[a-z]+\s+)?[a-z]+(?:e|es|ee|ees|i|is|ie|ies|u|us|ue|ues|it|its)"
    rf"\s*,?\s+{_WEEKDAY}\b(?!-)(?!\s*,?\s*(?:\d|{_MONTH}|dernier|prochain))"
)


def _future_verb(folded: str, at: int) -> bool:
    """The tense of the verb "on <weekday>" goes with: the one before it ("will be laid on
    Wednesday"), not a later clause's ("signed ... on Tuesday that will initiate", round 15: en38,
    en33); a sentence that opens with the day ("On Monday, X will sign") reads after it."""
    before = folded[:at]
    if len(re.findall(r"[a-z]+", before)) >= 2:
        return _FUTURE.search(before) is not None
    return _FUTURE.search(folded) is not None


class Day(dt.date):
    """A document date known to the day: only such a date resolves "yesterday" or "last Tuesday"."""


@dataclass
class DateMention:
    """A date an article gives: its text, and its ISO form once resolved (else ``None``)."""

    start: int
    end: int
    text: str
    iso: str | None
    end_iso: str | None = None


def _resolve(day: int, month: int, year: int | None, ref: dt.date | None, rel: str) -> str | None:
    if year is None:
        if ref is None:
            return None
        year = ref.year
        if rel in ("dernier", "derniere", "last") and (month, day) > (ref.month, ref.day):
            year -= 1
        elif rel in ("prochain", "prochaine", "next") and (month, day) < (ref.month, ref.day):
            year += 1
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _resolve_month(month: int, year: int | None, ref: dt.date | None, rel: str) -> str | None:
    """A month's ISO form ("2022-03"): its year, or the document's moved by ``rel``."""
    if year is None:
        if ref is None:
            return None
        year = ref.year
        if rel in ("last", "dernier") and month > ref.month:
            year -= 1
        elif rel in ("next", "prochain") and month <= ref.month:
            year += 1
        elif rel in ("last year", "l'an dernier", "l'annee derniere"):
            year -= 1
        elif rel in ("next year", "l'an prochain", "l'annee prochaine"):
            year += 1
    return f"{year:04d}-{month:02d}"


def reference(date: str | None) -> dt.date | None:
    """The document date as a day (``2024-10`` is the 1st of October; ``2013`` the 1st of January)."""
    if not date:
        return None
    parts = [int(p) for p in date.split("-")]
    month, day = [*parts[1:], 1, 1][:2]
    return Day(parts[0], month, day) if len(parts) == 3 else dt.date(parts[0], month, day)


def dates_in(sentence: str, ref: dt.date | None) -> list[DateMention]:
    """The dates and date ranges of ``sentence``, resolved against ``ref`` where they lack a year."""
    folded = _same_length_fold(sentence)
    found: list[DateMention] = []
    named = _EVENT_YEAR.search(folded)
    event_year = int(named.group(1) or named.group(2)) if named else None

    def taken(start: int, end: int) -> bool:
        return any(start < m.end and m.start < end for m in found)

    for pattern, shape in _RANGES:
        for match in pattern.finditer(folded):
            if taken(match.start(), match.end()):
                continue
            g = match.groups()
            if shape == "dd-m":
                d1, d2, m2, y = g
                m1 = m2
            elif shape == "d-m-d-m":
                d1, m1, d2, m2, y = g
                m1 = m1 or m2
            else:
                m1, d1, m2, d2, y = g
                m2 = m2 or m1
            year = int(y) if y else event_year
            month1, month2 = MONTHS[m1], MONTHS[m2]
            start = _resolve(int(d1), month1, year, ref, "")
            if start and year is not None and month1 > month2:
                start = _resolve(int(d1), month1, year - 1, ref, "")
            end = _resolve(int(d2), month2, year, ref, "")
            found.append(DateMention(match.start(), match.end(), sentence[match.start():match.end()], start, end))
    for pattern, shape in _SINGLES:
        for match in pattern.finditer(folded):
            if taken(match.start(), match.end()):
                continue
            g = match.groups()
            if shape == "md":
                rel, m, d, y = g
            else:
                d, m, y, rel = g
            if m == "may" and not re.match(r"[A-Z]", sentence[match.start():]) and shape == "md":
                continue  # "may 5": the verb, not the month
            iso = _resolve(int(d), MONTHS[m], int(y) if y else (None if rel else event_year), ref, rel or "")
            found.append(DateMention(match.start(), match.end(), sentence[match.start():match.end()], iso))
    for pattern, shape in _MONTHS_ONLY:
        for match in pattern.finditer(folded):
            if taken(match.start(), match.end()):
                continue
            months = [(match.start(), match.end(), match.group(1 if shape != "rel-m" else 2))]
            given: int | None = None
            rel = ""
            if shape == "my":
                given = int(match.group(2))
            elif shape == "rel-m":
                rel = match.group(1)
            elif shape == "m-rel":
                rel = match.group(2)
            else:
                rel = match.group(match.lastindex or 1)
                months = [(m.start(), m.end(), m.group(1)) for m in _MONTH_IN_LIST.finditer(folded, match.start(), match.end())]
            for at, until, month in months:
                if month == "may" and not sentence[at:at + 1].isupper():
                    continue  # "may": the verb, not the month
                iso = _resolve_month(MONTHS[month], given, ref, rel)
                found.append(DateMention(at, until, sentence[at:until], iso))
    for match in _RELATIVE_DAYS.finditer(folded):
        if taken(match.start(), match.end()):
            continue
        found.append(DateMention(match.start(), match.end(), sentence[match.start():match.end()], _relative_day(match, ref)))
    for match in _ON_WEEKDAY.finditer(folded):
        if taken(match.start(), match.end()):
            continue
        weekday = _WEEKDAYS[match.group(1)]
        iso = None
        if isinstance(ref, Day):
            ahead = (weekday - ref.weekday()) % 7 or 7
            back = (ref.weekday() - weekday) % 7 or 7
            iso = (ref + dt.timedelta(days=ahead) if _future_verb(folded, match.start()) else ref - dt.timedelta(days=back)).isoformat()
        # (the day alone: "on" before it is what dates the sentence's act, ``relations._ON_A_DAY``)
        found.append(DateMention(match.start(1), match.end(), sentence[match.start(1):match.end()], iso))
    for match in _FR_PAST_WEEKDAY.finditer(folded):
        # "ont signé mardi à Rabat", "a organisé, mercredi matin, ...": the last such day (round 15).
        if taken(match.start(1), match.end()):
            continue
        iso = None
        if isinstance(ref, Day):
            back = (ref.weekday() - _WEEKDAYS[match.group(1)]) % 7 or 7
            iso = (ref - dt.timedelta(days=back)).isoformat()
        found.append(DateMention(match.start(1), match.end(), sentence[match.start(1):match.end()], iso))
    return sorted(found, key=lambda m: m.start)


def _relative_day(match: re.Match[str], ref: dt.date | None) -> str | None:
    """"yesterday": the day before the document's; "last Tuesday": the latest Tuesday before it;
    "next Tuesday": the first after it; "this Tuesday", "ce mardi": the Tuesday of its week.
    Unresolved unless the document's day is known."""
    if not isinstance(ref, Day):
        return None
    if match.group(1):
        return (ref - dt.timedelta(days=1)).isoformat()
    rel = match.group(2) or match.group(5)
    weekday = _WEEKDAYS[match.group(3) or match.group(4)]
    if rel in ("this", "ce"):
        return (ref + dt.timedelta(days=weekday - ref.weekday())).isoformat()
    if rel in ("last", "dernier"):
        back = (ref.weekday() - weekday) % 7 or 7
        return (ref - dt.timedelta(days=back)).isoformat()
    ahead = (weekday - ref.weekday()) % 7 or 7
    return (ref + dt.timedelta(days=ahead)).isoformat()


def dateline_date(text: str) -> str | None:
    """The date of a dateline: a full date (day, month, year) in the first 160 characters of
    the first paragraph that is not a heading ("BROMONT, Québec, March 23, 2021 –")."""
    for line in [line.strip() for line in text.splitlines() if line.strip()][:3]:
        head = line[:160]
        for mention in dates_in(head, None):
            if mention.iso is None:
                continue
            # A dateline: the date comes before the first sentence's text, after a place name.
            if in_dateline(head, mention):
                return mention.iso
    return None


def in_dateline(line: str, mention: DateMention) -> bool:
    """Only a place and its region before the date: "BROMONT, Québec, ", "Marseille, le "."""
    before = line[: mention.start]
    lower_words = [w for w in re.findall(r"[^\W\d]+", before) if w[:1].islower() and w not in ("le", "de", "du", "la")]
    return len(before) <= 90 and not lower_words


def _same_length_fold(text: str) -> str:
    import unicodedata

    out = []
    for char in text:
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        base = base.casefold() or char
        out.append(base[0])
    return "".join(out)


def date_range(sentence: str, year: int) -> tuple[str, str] | None:
    """Start and end of the first range of ``sentence`` ("du 27 octobre au 1er novembre"),
    day-month dates taken in ``year``."""
    for mention in dates_in(sentence, dt.date(year, 1, 1)):
        if mention.iso and mention.end_iso:
            return mention.iso, mention.end_iso
    return None
