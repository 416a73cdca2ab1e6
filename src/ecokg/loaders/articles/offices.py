"""Posts whose title names a public office the article names as a body.

A minister, a secretary or a commissioner leads a ministry, a department or an office; a
press release often names the body once ("le ministère de l'Economie et du Commerce
extérieur", "the Office of the Chief Scientist of Israel") and its head later by the title
alone ("Le ministre de l'Economie et du Commerce extérieur, Jean Roe", "Chief Scientist Avi
Roe", "Health Minister Jane Roe"). The title is a post at that body when the body's name
spells the same office: its head word answers the title's ("ministre" / "ministère",
"Minister" / "Ministry" or "Department", "Secretary" / "Department") and their domains agree,
or the body is "the Office of the <title>". Without such a body no post is proposed: a title
alone does not say which body is meant.
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.linking import Candidate, Mention, State
from ecokg.loaders.articles.post_refs import add_post
from ecokg.loaders.articles.spans import fold_keep_length, role_at
from ecokg.text import fold

#: A head of office, and the heads of the bodies such a person leads.
_TITLES: dict[str, tuple[str, ...]] = {
    "minister": ("ministry", "department"), "ministre": ("ministere",), "ministra": ("ministerio",),
    "secretary": ("department", "ministry", "office"), "secretaire d'etat": ("secretariat d'etat", "ministere"),
    "commissioner": ("office", "commission", "department"), "commissaire": ("commissariat",),
    # Round 13: a department's undersecretary ("Trade Undersecretary X" with "the Department of Trade and Industry").
    "undersecretary": ("department", "ministry"), "under secretary": ("department", "ministry"),
}
_TITLE = "|".join(sorted((re.escape(t) for t in _TITLES), key=len, reverse=True))
_OF = r"(?:of|for|de la|de l'|de|du|des|d'|a la|a l'|aux|au|a)"
#: "ministre de l'Economie et du Commerce extérieur", "Minister of Trade and Industry".
_TITLE_OF = re.compile(rf"\b({_TITLE})\s+(?:delegu\w+\s+|d'etat\s+)?{_OF}\s*(.+)$")
#: "Health Minister", "Finance Minister": the domain first.
_DOMAIN_TITLE = re.compile(rf"\b([a-z][\w-]+(?:\s+and\s+[a-z][\w-]+)?)\s+({_TITLE})\s*$")
_BODY = re.compile(r"^(?:the\s+|le\s+|la\s+|l')?([\w' -]+?)\s+" + _OF + r"\s*(?:the\s+)?(.+)$")
_LEVELS = re.compile(r"\s(?:federal|federale|national|nationale|state|royal|royale|provincial|provinciale|regional|regionale)(?=\s)")
_SMALL = {"the", "le", "la", "les", "l'", "de", "du", "des", "d'", "of", "for", "and", "et", "&"}
#: Where a title before a name begins: after a sentence's start, a comma, a colon, "and"/"et".
_TITLE_BEFORE = re.compile(r"([^,;:()]{3,90}?)\s*,?\s*$")
_LEAD_WORDS = re.compile(r"\s*(?:(?:and|et|including|dont|notamment|with|avec|such as|comme|by|par|the|le|la|l'|notre|our)\s*)+")
#: A title whose domain is a list with commas: "Minister of Science, Technology and Innovation, X".
_TITLE_LIST_BEFORE = re.compile(rf"\b(?:{_TITLE})\s+{_OF}\s*[^;:()]{{3,90}}?\s*,?\s*$")
#: An honorific between a title and the name: "Finance Minister Dr. Yuval Roe".
_HONORIFIC = re.compile(r"(?:\s+(?:dr|prof|professor|mr|mrs|ms|m|mme|pr|sir|dame)\.?)+\s*$")


#: A body written domain first: "Economy Ministry", "Health Department".
_DOMAIN_BODY = re.compile(r"^(?:the\s+)?([a-z][\w-]+(?:\s+and\s+[a-z][\w-]+)?)\s+(ministry|department)$")
#: "Ministre haïtien de la Santé Publique et de la Population (", the title's adjective allowed.
_TITLE_ACRONYM = re.compile(rf"\b({_TITLE})(?:\s+[a-z][\w-]+)?\s+{_OF}\s*([^,;:()]{{3,120}}?)\s*\(\s*$")
#: Between the acronym and the name: its closing bracket, a comma, an honorific.
_ACRONYM_THEN_NAME = re.compile(r"\s*\)\s*,\s*(?:(?:dr|pr|prof|mr|mrs|ms|m|mme)\.?\s+)?")


#: A title cut before its last words ends with a preposition, an article or "and".
_OPEN_END = re.compile(r"(?:^|\s)(?:of|the|and|for|de|du|des|de la|la|le|et|a|au)$|[ld]'$")


#: Where a seat may follow a domain: "of the Republic of Indonesia", "du Tchad", "de la République du Mali".
_SEAT_OF = re.compile(r"\s(?:of|de|du|des|d')\s*(?:the\s+|la\s+|le\s+|l')?"
                      r"(?:(?:republic|kingdom|sultanate|state|republique|royaume|sultanat|etat)\s+(?:[a-z]+\s+)?(?:of|de|du|d')\s*(?:the\s+|la\s+|l')?)?")


def _seatless(domain: str) -> str:
    """A domain without the country or state of its government: "health of the republic of
    indonesia" -> "health", "la sante publique du tchad" -> "la sante publique" (round 14: a
    minister's country is named after the portfolio in every language). The seat must be a
    country or a state of the gazetteer; the words after it (a verb: "stated") go with it."""
    for match in _SEAT_OF.finditer(domain):
        words = domain[match.end():].split()
        if any((place := lookup(" ".join(words[:k]))) is not None and place.kind in ("country", "region")
               for k in range(min(len(words), 4), 0, -1)):
            return domain[:match.start()]
    return domain


def _words(text: str) -> list[str]:
    """The content words of a domain: "l'Economie et du Commerce" -> ["economie", "commerce"]."""
    return [w for w in re.findall(r"\w+", re.sub(r"\b[ld]'", " ", fold(text))) if w not in _SMALL]


def _bodies(state: State, index: int) -> list[tuple[Candidate, str, list[str]]]:
    """Each organisation of the article whose name is "<head> of <domain>": its head and domain words."""
    out = []
    for candidate in state.entities.values():
        if candidate.cls in ("Person", "Place", "City", "Country", "AdministrativeArea", "Agreement", "Mission",
                             "Meeting", "Visit", "Event"):
            continue
        # "Ministry of Health (MoH) of Indonesia": the acronym's brackets say nothing of the office.
        label = re.sub(r"\s*\([^()]*\)", "", fold(candidate.label))
        match = _BODY.match(label)
        if match is None and (first := _DOMAIN_BODY.match(label)):
            # "the Economy Ministry": the domain first (round 12).
            out.append((candidate, first.group(2), _words(first.group(1))))
        if match:
            # "the Federal Ministry of Health", "le ministère fédéral de la Santé": a state's level
            # says which government, not which office (round 11).
            head = _LEVELS.sub(" ", f" {match.group(1).strip()} ").strip()
            out.append((candidate, head, _words(_seatless(match.group(2)))))
    return out


def _same_domain(title_domain: list[str], body_domain: list[str]) -> bool:
    """"economie commerce exterieur" and "economie commerce exterieur"; "chief scientist" and
    "chief scientist israel" (a body's seat may follow); not one shared word alone."""
    if not title_domain or not body_domain:
        return False
    shorter, longer = sorted((title_domain, body_domain), key=len)
    return longer[: len(shorter)] == shorter and (len(shorter) >= 2 or len(longer) <= 2)


def _first_portfolio(domain: str, body_domain: list[str]) -> bool:
    """"ministre de la Santé et de la Protection sociale" and "le ministère de la Santé": a
    minister of two portfolios joined by "and" / "et" heads the ministry of the first, when the
    article names it (round 10); the first portfolio must be the body's whole domain."""
    first = re.split(r"\s+(?:and|et)\s+(?:of\s+|de\s+|du\s+|des\s+|d'|de la\s+|de l')?", domain, maxsplit=1)
    return len(first) == 2 and _words(first[0]) == body_domain


def _office_for(state: State, index: int, title: str) -> Candidate | None:
    """The body a title names ("ministre de l'Economie" -> "ministère de l'Economie ..."), if the article names it."""
    folded = fold(title).strip()
    match = _TITLE_OF.search(folded)
    domain_first = None if match else _DOMAIN_TITLE.search(folded)
    for body, head, domain in _bodies(state, index):
        if match and head in _TITLES[match.group(1)] and (
                _same_domain(_words(_seatless(match.group(2))), domain) or _first_portfolio(match.group(2), domain)):
            return body
        if domain_first and head in _TITLES[domain_first.group(2)] and (
                _same_domain(_words(domain_first.group(1)), domain)
                # "Managing Head and Trade Undersecretary X": the title's own domain is the word before it (round 13)
                or _same_domain(_words(domain_first.group(1))[-1:], domain)):
            return body
        # "Chief Scientist Avi Roe" and "the Office of the Chief Scientist": the office of that title.
        words = _words(folded)
        if head == "office" and any(_same_domain(words[k:], domain) and domain[:1] == words[k:k + 1] for k in range(len(words) - 1)):
            return body
    return None


def office_title(state: State, index: int, sentence: str, person: Mention, holder: Candidate) -> bool:
    """"Le ministre de l'Economie, Jean Roe", "Chief Scientist Avi Roe", "Jane Roe, Minister of Health"."""
    folded = fold_keep_length(sentence)
    window = max(0, person.start - 90)
    before = _TITLE_BEFORE.search(_HONORIFIC.sub("", folded[window:person.start]))
    # A colon ends the title too: "X, Minister of Health of Y stated: “...”" (round 14).
    after = re.match(r"\s*,\s*([^,;:()]{3,90}?)\s*(?:[,;:()]|$)", folded[person.end:person.end + 100])
    spans = [(window + before.start(1), window + before.end(1))] if before else []
    listed = _TITLE_LIST_BEFORE.search(_HONORIFIC.sub("", folded[window:person.start]))
    if listed and "," in listed.group(0).rstrip(" ,"):
        spans.append((window + listed.start(), window + len(listed.group(0).rstrip(" ,")) + listed.start()))
    spans += [(person.end + after.start(1), person.end + after.end(1))] if after else []
    for start, end in spans:
        lead = _LEAD_WORDS.match(folded, start)
        start = lead.end() if lead else start
        phrase = folded[start:end].strip()
        if " " not in phrase or _OPEN_END.search(phrase):
            continue  # "le ministre de la Santé et de la | Protection Sociale": a domain's words, not a name
        body = _office_for(state, index, phrase)
        if body is not None:
            return add_post(holder, body.id, "leader", sentence[start:end], index, 0.6)
        staff = _BODY_THEN_ROLE.search(phrase)
        role = (role_at(staff.group(3)) or ("member" if staff.group(3).strip() in _STAFF else None)) if staff else None
        if staff and role and (body := _named_body(state, index, staff.group(2), _words(staff.group(1)))) is not None:
            # "Health Ministry spokesperson X", "the Health Department's director X" with "the
            # Ministry of Health" named: the ministry written domain first (round 10).
            return add_post(holder, body.id, role, sentence[start:end], index, 0.6)
    return False


#: A body's staff who speak for it (not in vocabulary.ROLES: a name's model span is cut there).
_STAFF = {"spokesperson", "spokesman", "spokeswoman", "official", "porte-parole"}
#: A ministry or a department written domain first, then a post: "Health Ministry spokesperson".
_BODY_THEN_ROLE = re.compile(r"(?:^|\s)([a-z][\w-]+(?:\s+and\s+[a-z][\w-]+)?)\s+(ministry|department)(?:'s)?\s+([a-z][\w -]*)$")


def _named_body(state: State, index: int, head: str, domain: list[str]) -> Candidate | None:
    """The article's body "<head> of <domain>" ("Ministry of Health" for "Health Ministry")."""
    return next((body for body, body_head, body_domain in _bodies(state, index)
                 if body_head == head and _same_domain(domain, body_domain)), None)


def office_acronym(state: State, index: int, sentence: str, person: Mention, orgs: list[Mention], holder: Candidate) -> bool:
    """"le Ministre de la Santé Publique et de la Population (MSPP), Dr. X": a head of office, its
    domain, the office's acronym in brackets and the name; the acronym must spell the office (its
    head word's initial, then the domain's initials) (round 12)."""
    folded = fold_keep_length(sentence)
    for org in (m for m in orgs if m.end <= person.start):
        if not _ACRONYM_THEN_NAME.fullmatch(folded, org.end, person.start):
            continue
        title = _TITLE_ACRONYM.search(folded[max(0, org.start - 160):org.start])
        letters = re.sub(r"[^a-z]", "", fold(org.text))
        if title is None or len(letters) < 3:
            continue
        initials = "".join(w[0] for w in _words(title.group(2)))
        heads = {head[0] for head in _TITLES[title.group(1)]}
        body = state.entity_for(org, index)
        if fold(body.label) != fold(org.text) and "".join(w[0] for w in _words(body.label)) != letters:
            continue  # the acronym was given to a name it does not spell ("la Population d'Haïti (MSPP)")
        if (letters[0] in heads and initials.startswith(letters[1:])) or letters == initials:
            return add_post(holder, body.id, "leader", sentence[org.start - len(title.group(0)):org.start].strip(" ("), index, 0.6)
    return False
