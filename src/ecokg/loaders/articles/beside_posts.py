"""People named "First Last" beside a post or a verb of saying, where the model saw no one: the
last rule of :func:`.entities.find_mentions` (moved here whole in round 9)."""

from __future__ import annotations

import re

from ecokg.loaders.articles.linking import Mention
from ecokg.loaders.articles.notnames import generic_only, minister_of
from ecokg.loaders.articles.patterns import PERSON, PERSON_TITLES
from ecokg.loaders.articles.people import HONORIFIC_ARTICLE, common_words_only
from ecokg.loaders.articles.places import overlaps
from ecokg.loaders.articles.shapes import EVENT_NAME
from ecokg.loaders.articles.spans import role_at
from ecokg.loaders.articles.vocabulary import HONORIFICS, NOT_NAMES, ROLES
from ecokg.text import fold

_SAYING = re.compile(
    # (round 13: a minister's, a secretary's or a dean's title: "Trade Undersecretary Ceferino Rodolfo")
    r"(?:ceo|president|director|founder|chair\w*|head|directeur|directrice|président\w*|pdg|(?:under)?secretary|minister|dean|said|says|declares|declared|stated|told|"
    r"souligne|explique|déclare|affirme|indique|précise|commente|ajoute|rappelle)\s*,?\s*$",
    re.IGNORECASE,
)


def people_beside_posts(sentence: str, found: list[Mention], lang: str = "en") -> list[Mention]:
    """"First Last" after or before a post, after a minister's domains or a verb of saying."""
    out: list[Mention] = []
    for match in PERSON.finditer(sentence):
        if (honorific := HONORIFICS.match(match.group(1))) and (rest := PERSON.match(sentence, match.start() + honorific.end())):
            match = rest  # "Vice Minister Park Min-soo": the name after the titles
        text = match.group(1)
        while len(text.split()) > 2 and fold(text.split()[-1]) in ROLES:
            text = text.rsplit(" ", 1)[0]  # "Michael DANON Président": the name, not the post
        first = text.split()[0].lower()
        if first in NOT_NAMES or overlaps(match.start(), match.start() + len(text), [*found, *out]) or HONORIFIC_ARTICLE.match(text):
            continue  # ("Monsieur le Recteur": a title)
        if common_words_only(text, lang):
            continue  # "de la Protection Sociale, Prof X": a ministry's domain, not a name
        if fold(text).split()[0] in ROLES or any(w.lower() in ("de", "du", "des") for w in text.split()[1:2]) or generic_only(text) or EVENT_NAME.search(fold(text)):
            continue  # "Business Development Manager": a post's words, not a name
        after = sentence[match.start() + len(text): match.start() + len(text) + 60]
        before = sentence[max(0, match.start() - 40): match.start()]
        by_post = bool(re.match(r",?\s*(?:the |le |la |l’)?\S", after) and role_at(after.lstrip(", ")))
        if by_post or PERSON_TITLES.match(after) or minister_of(before.rstrip(" ,")) or _SAYING.search(before):
            out.append(Mention(match.start(), match.start() + len(text), text, "person", "Person", None, 0.7))
    return out
