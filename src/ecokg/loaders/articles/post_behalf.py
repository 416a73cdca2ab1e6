"""Posts of people who speak or sign for a body, and portfolios that are no body.

"Speaking on behalf of the Ministry of Health, His Excellency X, Undersecretary for
Administrative and Financial Affairs, said", "Au nom de l'Université de Y, le Pr X a signé",
"X, on behalf of Acme, signed": the person holds a post at the body they speak for, in every
ecosystem's official news (round 14). "Undersecretary for Administrative and Financial Affairs",
"Minister for Foreign Affairs": "<words> Affairs" is a portfolio, the field of a post, not a body
of its own; a post is never proposed there.
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.linking import Candidate, Mention, State
from ecokg.loaders.articles.post_refs import add_post
from ecokg.loaders.articles.spans import fold_keep_length, role_at
from ecokg.text import fold

#: "on behalf of", "au nom de", "representing", "représentant", right before the body's name.
_BEHALF = re.compile(r"(?:on\s+behalf\s+of|au\s+nom\s+(?:de\s+la|de\s+l'|des|du|de|d')|representing|representant)\s*"
                     r"(?:the\s+|la\s+|le\s+|les\s+|l')?$")
#: Between the body and the name: a comma, honorifics ("His Excellency", "S.E.", "Dr", "le Pr").
_TO_NAME = re.compile(r"\s*,\s*(?:(?:his|her|son|sa)\s+excellen\w+|[hs]\.\s?e\.|the|le|la|dr|prof|professor|professeur|pr|"
                      r"mr|mrs|ms|m|mme|madame|monsieur|sir|dame|\s|\.)*")
#: After the name: "X, (speaking|signing|who spoke) on behalf of" with the body right after.
_BEHALF_AFTER = re.compile(r"\s*,\s*(?:(?:speaking|signing|who\s+spoke|who\s+signed|qui\s+a\s+signe|s'exprimant)\s+)?"
                           r"(?:on\s+behalf\s+of|au\s+nom\s+(?:de\s+la|de\s+l'|des|du|de|d'))\s*(?:the\s+|la\s+|le\s+|les\s+|l')?$")
#: A title after the name, up to the next comma or the verb: "X, Undersecretary for ..., said".
_TITLE_AFTER = re.compile(r"\s*,\s*([^,;:()]{3,90}?)\s*[,;:()]")
#: "Administrative and Financial Affairs", "Affaires étrangères": a portfolio, no body.
_PORTFOLIO = re.compile(r"(?:the\s+)?(?:[a-z-]+\s+(?:and\s+|&\s+)?){0,4}affairs|(?:les\s+)?affaires(?:\s+(?:et\s+)?[a-z-]+){0,4}")

_BODY_WORDS = {"of", "de", "du", "des", "ministry", "department", "office", "council", "agency", "bureau", "commission",
               "directorate", "division", "ministere", "direction", "conseil", "agence", "service", "secretariat"}


def a_portfolio(name: str) -> bool:
    """"Administrative and Financial Affairs", "Affaires étrangères et européennes": the field of a post."""
    folded = fold(name).replace("’", "'").strip()
    # "Ministry of Foreign Affairs", "Direction des Affaires juridiques": a body that holds the portfolio.
    return _PORTFOLIO.fullmatch(folded) is not None and not _BODY_WORDS.intersection(folded.split())


def on_behalf(state: State, index: int, sentence: str, person: Mention, orgs: list[Mention], holder: Candidate) -> bool:
    """The post of a person who speaks or signs for a body named right before or after the name."""
    folded = fold_keep_length(sentence).replace("’", "'")
    for org in orgs:
        before = org.end <= person.start and _BEHALF.search(folded[max(0, org.start - 30):org.start]) \
            and _TO_NAME.fullmatch(folded, org.end, person.start)
        after = person.end <= org.start and _BEHALF_AFTER.fullmatch(folded, person.end, org.start)
        if not (before or after):
            continue
        title = _TITLE_AFTER.match(sentence, person.end) if before else None
        role = role_at(title.group(1)) if title else None
        return add_post(holder, state.entity_for(org, index).id, role or "member", title.group(1).strip() if title else "",
                        index, 0.5)
    return False
