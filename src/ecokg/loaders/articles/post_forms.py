"""Post forms where the organisation is not the first name after the title (issue 17, round 6).

* an affiliation and its seat before the apposition: "Dr Jane Roe of Westbrook University,
  Ohio, chair of the Nordlys Alliance", "Marie Roy, du CHU de Lorvane, présidente de Genvia"
  give two posts (a member of the university or hospital, the chair of the alliance);
* an office of an organisation: "director of the Chicago office of Acme", "manager of Acme
  Chicago office": the post is at Acme, not at a place or at "Acme Chicago";
* a title with its own complement, then the body: "Director of Business Development at Acme",
  "Deputy Commissioner of Trade at the Ohio Department of Commerce", "directrice des affaires
  internationales chez Genvia": the body is the name after "at" / "chez" / "auprès de";
* titles before names, in a sentence opening with the body (round 7): "At the CDB, Director
  Hiroshi Roe and project leader Masa Roe explained ...", "Chez Genvia, la directrice Marie Roy ...".
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.discourse import KIND_FAMILIES
from ecokg.loaders.articles.linking import Candidate, Mention, State
from ecokg.loaders.articles.spans import fold_keep_length, role_at
from ecokg.loaders.articles.vocabulary import ROLE_WORDS
from ecokg.text import fold

#: "of", "from", "at" between a name and its affiliation: "Jane Roe of Acme", "Jean Roy de Genvia".
_AFFILIATION = re.compile(r",?\s+(?:of|from|at|with|de|du|des|d'|chez)\s*(?:the\s+|le\s+|la\s+|l')?")
#: The affiliation's seat, one or two capitalised places ("Texas", "Boston, Mass."), before the comma.
_SEAT = re.compile(r"(?:\s*,\s*[A-ZÀ-Ý][\w.’'-]*(?:\s+[A-ZÀ-Ý][\w.’'-]*){0,2}){0,2}(?=\s*,)")
_ARTICLE = re.compile(r"\s*(?:a|an|un|une|the|le|la|l')\s+|\s*")
#: An organisation's office, branch or local bureau, and the organisation after it.
_OFFICE_OF = re.compile(r"^\s+(?:office|branch|bureau|antenne|representation|delegation)\s+(?:of|de|du|d')\s*(?:the\s+|la\s+|l')?$")
_OFFICE_AFTER = re.compile(r"^\s+(?:office|offices|branch|bureau|antenne)\b")
#: "at Acme", "chez Genvia", "auprès de la Région": the body a title with its own complement is held at.
_AT_BODY = re.compile(r"\s(?:at|chez|aupres d[eu]|aupres de la|aupres de l'|a|au|aux)\s*(?:the\s+|le\s+|la\s+|l')?$")


def affiliation_then_apposition(sentence: str, person: Mention, orgs: list[Mention]) -> tuple[Mention, int] | None:
    """The affiliation right after the name and the offset (from the name's end) of the comma
    that opens the apposition after it, when that apposition is a post:
    "Dr Jane Roe of Westbrook University, Ohio, chair of the Nordlys Alliance"."""
    first = next((m for m in orgs if m.start >= person.end), None)
    if first is None or not _AFFILIATION.fullmatch(fold_keep_length(sentence[person.end:first.start])):
        return None
    seat = _SEAT.match(sentence, first.end)
    comma = seat.end() if seat else first.end
    comma += len(sentence[comma:]) - len(sentence[comma:].lstrip())
    if sentence[comma:comma + 1] != "," or any(first.end < m.start < comma for m in orgs):
        return None  # "Jane Roe of Acme, Helix Labs, ...": a list of organisations, not a seat
    rest = sentence[comma + 1:]
    article = _ARTICLE.match(rest)
    if role_at(rest[article.end() if article else 0:]) is None:
        return None
    return first, comma - person.end


def office_owner(
    state: State, index: int, sentence: str, mention: Mention, orgs: list[Mention]
) -> tuple[bool, Candidate | None]:
    """Whether ``mention`` names an office, and the organisation it belongs to: "the Chicago
    office of Acme" (the name after "office of"), "Acme Chicago office" (a name met in the
    article that the mention begins with); "the Oslo office" alone belongs to no one named."""
    after = [m for m in orgs if m.start >= mention.end]
    if after and _OFFICE_OF.match(fold_keep_length(sentence[mention.end:after[0].start])):
        return True, state.entity_for(after[0], index)
    if not _OFFICE_AFTER.match(fold_keep_length(sentence[mention.end:mention.end + 20])):
        return False, None
    label = fold(mention.text)
    owners = [c for c in state.entities.values()
              if c.cls not in _NOT_ORGS and label.startswith(fold(c.label) + " ") and len(c.label) >= 4]
    return True, (max(owners, key=lambda c: len(c.label)) if owners else None)


def body_after_at(sentence: str, start: int, inside: list[Mention]) -> list[Mention]:
    """The organisations of a post's clause, the one after "at" / "chez" first: in "Director of
    Business Development at Acme" the post is at Acme, whatever the words before are taken for."""
    folded = fold_keep_length(sentence)
    at = [m for m in inside if m.start > start and _AT_BODY.search(folded[max(start, m.start - 20):m.start])]
    return at + [m for m in inside if m not in at] if at else inside


#: A sentence opening with the body it is about: "At the CDB, ...", "Chez Genvia, ...", "Au sein du pôle X, ...".
_AT_OPENING = re.compile(r"^\W*(?:at|within|inside|chez|au sein d[eu]|au sein de la|au sein de l'|a|au)\s*(?:the\s+|le\s+|la\s+|l')?"
                         rf"(?:(?:{'|'.join(sorted(KIND_FAMILIES, key=len, reverse=True))})\s+)?$")
#: What may come before a title in a list of people: a comma, "and", an article.
_LIST_LEAD = re.compile(r"^\s*(?:,|and|et|as well as|ainsi que)?\s*(?:the\s+|its\s+|le\s+|la\s+|l'|son\s+|sa\s+)?")


def titled_at_opening(sentence: str, person: Mention, people: list[Mention], orgs: list[Mention]) -> tuple[Mention, str, str] | None:
    """The body, role and title of "At the CDB, Director Hiroshi Roe and project leader Masa Roe
    explained ...", "Chez Genvia, la directrice Marie Roy et le chef de projet Luc Morel ...": a
    title before each name, the body the sentence opens with."""
    if not orgs or not _AT_OPENING.match(fold_keep_length(sentence[:orgs[0].start])):
        return None
    body = orgs[0]
    comma = re.match(r"\s*(?:\([^()]{1,20}\)\s*)?,", sentence[body.end:])
    if comma is None or person.start < body.end + comma.end():
        return None
    after = [m for m in orgs if m.start >= person.end]
    if after and _AFFILIATION.fullmatch(fold_keep_length(sentence[person.end:after[0].start])):
        return None  # "At BIO 2025, CEO Jane Roe of Acme said": her own body follows her name
    earlier = [p for p in people if body.end + comma.end() <= p.end <= person.start]
    start = earlier[-1].end if earlier else body.end + comma.end()
    if any(start <= m.start < person.start for m in orgs):
        return None
    folded = fold_keep_length(sentence[start:person.start])
    lead = _LIST_LEAD.match(folded)
    title = folded[lead.end() if lead else 0:].strip()
    if not title or len(title.split()) > 5 or role_at(title) is None:
        return None
    last = list(ROLE_WORDS.finditer(title))
    if not last or last[-1].end() != len(title):
        return None  # the whole phrase is a title: "project leader", not "the leader said"
    return body, role_at(title) or "member", sentence[start + (lead.end() if lead else 0):person.start].strip()


_NOT_ORGS = {"Person", "Place", "City", "Country", "AdministrativeArea", "Agreement", "Mission", "Meeting", "Visit", "Event"}


_SIDE_MARK = re.compile(r"\b(?:d['’]une part|d['’]autre part|on the one hand|on the other hand)\b", re.IGNORECASE)


def same_side(sentence: str, person: Mention, orgs: list[Mention]) -> list[Mention]:
    """The organisations on the person's side of "d'une part ... d'autre part" (round 11): the
    two sides of an agreement, where no title after a name reaches across to the other side."""
    marks = [m.start() for m in _SIDE_MARK.finditer(sentence)]
    return [o for o in orgs if not any(min(o.start, person.start) < k < max(o.start, person.start) for k in marks)]
