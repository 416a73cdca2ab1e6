"""Posts a pronoun holds: "Prior to joining A, she served as director of B and vice president of
C"; "Auparavant, il a été directeur de B". The pronoun stands for the one person the previous
sentences name (none if they name two or more); each title followed by its body is a post there.
See docs/extraction.md, "Relations and status" (round 11).
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.discourse import Discourse
from ecokg.loaders.articles.linking import Candidate, Mention, State
from ecokg.loaders.articles.polities import a_polity
from ecokg.loaders.articles.post_refs import add_post
from ecokg.loaders.articles.spans import fold_keep_length, role_at

#: "she served as", "he was", "elle a été", "il était", "she has worked as".
_PRONOUN_SERVED = re.compile(
    r"(?:^|[,;]\s*|\s)(?:she|he|elle|il)\s+(?:has\s+|had\s+|a\s+|avait\s+)?"
    r"(?:served|serves|was|worked|ete|etait|occupe|occupait|exerce|exercait)\s+"
    r"(?:(?:as|comme|en tant que|the (?:role|post|position) of|le (?:poste|role) de)\s+)?"
)
#: A title's end before its body: "... for the ", "... of technology startup ", "... chez ".
_BEFORE_BODY = re.compile(r"\s(?:for|of|at|with|de|du|des|chez|d')\s*(?:the\s+|le\s+|la\s+|l')?(?:[a-z-]+\s+){0,2}$")
#: What may join two posts: "and", "et", a comma.
_JOIN = re.compile(r"^\s*(?:,\s*)?(?:(?:and|et|then|puis)\s+)?(?:as\s+|comme\s+)?")
_BACK = 3  # sentences looked back for the person


def pronoun_posts(state: State, index: int, sentence: str, mentions: list[Mention], discourse: Discourse) -> None:
    """Posts of the person a sentence's "she"/"il" stands for, with their bodies."""
    if any(m.kind == "person" for m in mentions):
        return  # a name in the sentence may be the pronoun's person: the name's own rules read it
    folded = fold_keep_length(sentence)
    served = _PRONOUN_SERVED.search(folded)
    if served is None:
        return
    holder = _only_person(state, index, discourse)
    if holder is None:
        return
    start = served.end()
    for org in sorted((m for m in mentions if m.kind == "org" and m.start >= start), key=lambda m: m.start):
        segment = folded[start:org.start]
        join = _JOIN.match(segment)
        title = segment[join.end() if join else 0:]
        if len(title) > 90 or re.search(r"[.;:()]", title) or not _BEFORE_BODY.search(title):
            break  # the list of posts ends where a title no longer leads to its body
        role = role_at(title)
        if role is None:
            break
        if not a_polity(org.text):
            add_post(holder, state.entity_for(org, index).id, role, sentence[start + (join.end() if join else 0):org.start], index, 0.5)
        start = org.end


def _only_person(state: State, index: int, discourse: Discourse) -> Candidate | None:
    """The one person the nearest earlier sentence naming people names, by a name or by an
    honorific and a surname ("Ms. Barry"); None when it names several."""
    for n in range(index - 1, max(-1, index - 1 - _BACK), -1):
        ids = {state.entity_for(m, n).id for m in discourse.mentions.get(n, []) if m.kind == "person"}
        for surname in _STYLED.findall(discourse.sentences.get(n, "")):
            ids |= {c.id for c in state.entities.values() if c.cls == "Person" and c.label.split()[-1] == surname}
        if ids:
            return state.entities[next(iter(ids))] if len(ids) == 1 else None
    return None


#: "Ms. Barry", "Dr Hemmert", "Mme Darmel": a person named again by a surname.
_STYLED = re.compile(r"\b(?:Ms|Mrs|Mr|Dr|Mme|M|Pr)\.?\s+([A-ZÀ-Ý][\w’'-]+)(?!\s+[A-ZÀ-Ý])")
