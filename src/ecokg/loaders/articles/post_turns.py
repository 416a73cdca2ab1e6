"""Posts given by a change of hands, shared by co-holders, or read across a list of names (round 13).

Three constructions of any press release about people, in both languages:

* an appointment the body announces, the post after the person's apposition: "Acme announces
  the appointment of Jane Roe, a longtime entrepreneur, as President and CEO", "Genvia annonce la
  nomination de Marie Roy au poste de directrice générale" (the post is at the announcing body);
* a predecessor named without the post ("She succeeds John Smith, who retires", "Il succède à
  Paul Martin"): the predecessor held the post the sentence before gave;
* co-holders listed after "co-chaired by" / "coprésidé par", each with an apposition of their
  own: every person of the list co-chairs the body the subject names ("The Council, co-chaired
  by A, director of X, B, president of Y, and C, ...");
* a plural title whose bodies each come with their holder ("Les directeurs généraux de A, Pr X
  et de B, M. Y"); a title that runs into the next name, an honorific or an acronym between, is
  that name's ("X, Dean of Y (DY) Dr Z"); a body's acronym the article gave, right before a
  title, is that body ("QU President Dr X").
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.discourse import KIND_FAMILIES, Discourse
from ecokg.loaders.articles.linking import Candidate, Mention, State
from ecokg.loaders.articles.post_refs import add_post
from ecokg.loaders.articles.spans import fold_keep_length, role_at
from ecokg.text import fold

#: "Acme announces the appointment of", "Genvia annonce la nomination de", an honorific allowed.
_ANNOUNCES = re.compile(
    r"^\s*(?:\([^()]{1,20}\)\s*)?,?\s*(?:today\s+|aujourd'hui\s+)?(?:announces|announced|has announced|is pleased to announce|"
    r"annonce|a annonce|confirms|confirmed)\s+(?:the\s+|la\s+|l')?(?:appointment|nomination|election|hiring|arrivee)\s+"
    r"(?:of|de|d')\s*(?:(?:dr|mr|mrs|ms|prof|m|mme|pr)\.?\s+)?$"
)
#: Where the announced post starts: "as", "au poste de", "en tant que", "comme".
_AS = re.compile(r"\s*,?\s+(?:as|au poste de|en tant que|comme|to the (?:post|position|role) of)\s+(?:(?:its|the|new|son|sa|nouvel|nouvelle|nouveau)\s+)*")


def announced_appointment(
    state: State, index: int, sentence: str, person: Mention, orgs: list[Mention], holder: Candidate
) -> bool:
    """"Acme announces the appointment of Jane Roe, ..., as CEO": the post at the announcing body."""
    folded = fold_keep_length(sentence)
    earlier = [m for m in orgs if m.end <= person.start]
    if not earlier:
        return False
    # the body's acronym in brackets may stand between: "The Acme Association (AA) announces ..."
    body = next((m for m in reversed(earlier) if _ANNOUNCES.match(folded[m.end:person.start])), None)
    if body is None:
        return False
    clause_end = min([n for n in (folded.find(".", person.end), folded.find(";", person.end)) if n >= 0] or [len(folded)])
    as_ = next((m for m in _AS.finditer(folded, person.end, clause_end) if m.start() - person.end <= 120), None)
    if as_ is None or (role := role_at(sentence[as_.end():as_.end() + 60])) is None:
        return False
    later = [m for m in orgs if as_.end() <= m.start < clause_end and "," not in folded[as_.end():m.start]]
    org = state.entity_for(later[0] if later else body, index)  # "as CEO of Helix Labs": that body
    title = re.split(r",|\.\s", sentence[as_.end():clause_end])[0].strip()
    return add_post(holder, org.id, role, title, index, 0.7)


#: "succeeds John Smith", "succède à M. Paul Martin", without "as" after the name.
_SUCCEEDS = re.compile(r"\b(?:succeeds|succeeded|will succeed|replaces|replaced|will replace|succede a|a succede a|"
                       r"succedera a|remplace|a remplace|remplacera)\s+(?:(?:m|mme|dr|mr|mrs|ms|prof|pr)\.?\s+)?$")
_AS_AFTER = re.compile(r"\s*,?\s+(?:as|comme|en tant que|au poste de|a la (?:presidence|direction|tete))\s")


def predecessor(state: State, index: int, sentence: str, person: Mention, holder: Candidate) -> bool:
    """"Jane Roe was named CEO of Acme. She succeeds John Smith, who ...": John Smith held that
    post; the post the sentence before gave to one person, at a lower confidence."""
    folded = fold_keep_length(sentence)
    if not _SUCCEEDS.search(folded[max(0, person.start - 40):person.start]) or _AS_AFTER.match(folded, person.end):
        return False
    given = [(c, p) for c in state.entities.values() if c is not holder for p in c.posts if p["quote"] == index - 1]
    if len({c.id for c, _ in given}) != 1:
        return False  # none, or two people's posts: whose post is meant is not said
    added = False
    for _, post in given:
        added = add_post(holder, post["organization"], post["role"], post.get("title", ""), index, 0.5) or added
    return added


#: "The Council, co-chaired by", "Le conseil, coprésidé par": the subject names the body by its kind.
_KIND_SUBJECT = re.compile(
    rf"^\W*(?:the|le|la|l'|this|ce|cette)\s*(?:[\w&'-]+\s+){{0,6}}?({'|'.join(sorted(KIND_FAMILIES, key=len, reverse=True))})[\s,]"
)
_CO_LED = re.compile(r"\b(?:co-?chaired|co-?led|co-?presided|co-?presidee?s?|co-?dirigee?s?)\s+(?:by|par)\s")
#: A verb ends the list of co-holders: "..., and C, ..., convened for their first meeting".
_LIST_ENDS = re.compile(r"\b(?:is|are|was|were|has|have|will|convened|met|est|sont|ont|sera|s'est|se sont)\s")


def co_chaired(state: State, index: int, sentence: str, person: Mention, holder: Candidate, discourse: Discourse | None) -> bool:
    """"The Council, co-chaired by A, director of X, B, ..., and C, ...": each co-chairs the Council."""
    if discourse is None:
        return False
    folded = fold_keep_length(sentence)
    subject = _KIND_SUBJECT.match(folded)
    co = next(reversed(list(_CO_LED.finditer(folded, 0, person.start))), None)  # the nearest before the name
    if subject is None or co is None or co.start() < subject.end() - 1 or _LIST_ENDS.search(folded, co.end(), person.start):
        return False
    org = discourse.of_kind(state, subject.group(1), index)
    if org is None or _cut_at_ampersand(state, org):
        return False
    return add_post(holder, org.id, "president", co.group(0).split()[0], index, 0.5)


def _cut_at_ampersand(state: State, org: Candidate) -> bool:
    """A body whose name, where the article first writes it, follows "Words &": the name was cut
    ("Acme Life Science & [Global Health Council]"); a post there would be at the wrong body."""
    sentence = state.sentences[org.quote] if 0 <= org.quote < len(state.sentences) else ""
    at = sentence.find(org.label)
    return at > 0 and re.search(r"[A-Z][\w-]*\s*&\s*$", sentence[:at]) is not None


#: A title in the plural before bodies, each followed by its holder: "Les directeurs généraux de
#: l'Institut A, Pr X et de l'Institut B, M. Y", "the presidents of A, X, and of B, Y".
_PLURAL_TITLE = re.compile(
    r"\b(?:les|the|leurs|their)\s+((?:(?:vice|co)-?)?(?:directeurs|directrices|presidents|presidentes|directors|heads|chairs|chairmen|"
    r"chairwomen|recteurs|rectors|doyens|deans|ceos|pdg|chefs)(?:\s+(?:generaux|generales|executifs|executives|general))?)\s+"
    r"(?:de|du|des|d'|of)\s*(?:the\s+|l'|la\s+|le\s+)?"
)
_HOLDER_AFTER_BODY = re.compile(r"\s*,\s*(?:(?:dr|pr|prof|professor|professeur|m|mme|mr|mrs|ms)\.?\s+)?$")
_NEXT_BODY = re.compile(r"\s*,?\s+(?:et|and)\s+(?:de|du|des|d'|of)\s*(?:the\s+|l'|la\s+|le\s+)?$")


def plural_title_by_body(state: State, index: int, sentence: str, person: Mention, orgs: list[Mention], holder: Candidate) -> bool:
    """"Les directeurs généraux de A, Pr X et de B, M. Y": X's post at A, Y's at B."""
    folded = fold_keep_length(sentence)
    before = [o for o in orgs if o.end <= person.start]
    if not before or not _HOLDER_AFTER_BODY.fullmatch(folded, before[-1].end, person.start):
        return False
    title = next(reversed(list(_PLURAL_TITLE.finditer(folded, 0, before[-1].start))), None)
    if title is None or _LIST_ENDS.search(folded, title.end(), before[-1].start):
        return False
    body = before[-1]
    if title.end() != body.start and not (_NEXT_BODY.search(folded, 0, body.start) and title.end() < body.start):
        return False  # not the first body after the title, nor one after "et de" / "and of"
    words = [re.sub(r"(?:aux|x|s)$", lambda m: "al" if m.group(0) == "aux" else "", w) for w in title.group(1).split()]
    role = role_at(" ".join(words)) or role_at(words[0])
    if role is None:
        return False
    return add_post(holder, state.entity_for(body, index).id, role, sentence[title.start(1):title.end(1)], index, 0.6)


#: The last piece of an apposition, a title running into the next name: ", Dean of Y (DY) Dr " (not "... and ").
#: (an honorific or the body's acronym in brackets must stand between: "Sidi Thabet" after "PDG de BiotechPole" is a name's end)
_NEXT_TITLE = re.compile(r"(?<=,)\s*([^,;()]*?[^\s,;()])\s*(?:\([^()]{1,20}\)\s*(?:(?:Dr|Prof|Pr|Mr|Mrs|Ms|M|Mme)\.?\s*)?|"
                         r"(?:Dr|Prof|Pr|Mr|Mrs|Ms|M|Mme)\.?\s*)$")
#: A coordination ending the piece: the next name is another holder, not the title's ("..., et", "ainsi que").
_COORDINATION_END = re.compile(r"(?:^|\s)(?:and|et|as well as|ainsi que|with|avec|&|or|ou)$", re.IGNORECASE)


def next_title_start(sentence: str, start: int, limit: int) -> int:
    """Where the apposition after a name (``start``) ends before the next name (``limit``): before a
    title that runs into that name ("X, Dean of Y (DY) Dr Z" is Z's title, not X's)."""
    titled = _NEXT_TITLE.search(sentence, start, limit)
    if titled and role_at(titled.group(1)) and not _COORDINATION_END.search(titled.group(1)):
        return titled.start(1)
    return limit


_NOT_BODIES = ("Person", "Place", "City", "Country", "AdministrativeArea", "Agreement", "Mission", "Meeting", "Visit", "Event")


def acronyms_before_titles(state: State, sentence: str, mentions: list[Mention]) -> list[Mention]:
    """"QU President Dr X", "HVL Managing Partner X": an organisation's acronym the article gave
    before ("Qatar University (QU)"), right before a title, is that organisation (round 13)."""
    out = []
    for match in re.finditer(r"\b[A-Z][A-Z&-]{1,7}\b", sentence):
        if any(m.start < match.end() and match.start() < m.end for m in mentions) or not role_at(sentence[match.end():match.end() + 60].lstrip()):
            continue
        ident = state.by_name.get(fold(match.group(0)))
        body = state.entities.get(ident) if ident else None
        if body is not None and body.cls not in _NOT_BODIES and sentence[match.end():match.end() + 1] == " ":
            out.append(Mention(match.start(), match.end(), match.group(0), "org", body.cls, None, 0.7))
    return out
