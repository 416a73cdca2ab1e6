"""Posts whose title and body are parted by words the older rules did not expect (round 15).

* honorifics in a run, with an article or in lower case, between a title and the name: "RFI
  Director Prof Dr Jane Roe", "le président fondateur de l'Iressef, professeur X", "la directrice
  de l'Institut Y, le professeur X" (:data:`HONORIFICS`);
* a title with a field of its own before the body: "the Director of Biomedical Informatics Program
  of MSM, Prof. X", "le directeur des projets du Croissant rouge, X" (:func:`field_title`);
* a bare title in a sentence naming one body only, after it: "The Vice-Chancellor, Prof. X, who
  received the team, said Acme University was open" (:func:`bare_title`, confidence 0.5).
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.linking import Candidate, Mention, State
from ecokg.loaders.articles.polities import a_polity
from ecokg.loaders.articles.post_led import post_at_end
from ecokg.loaders.articles.post_refs import add_post
from ecokg.loaders.articles.spans import role_at
from ecokg.loaders.articles.vocabulary import ROLE_WORDS
from ecokg.text import fold

_HONORIFIC = (
    r"(?:Dr|Dre|Pr|Prof|Professor|Professeur|professeur|professor|Docteur|docteur|Mr|Mrs|Ms|Mme|Mlle|"
    r"Madame|madame|Monsieur|monsieur|M|Rev|Reverend|Hon)"
)
#: Honorifics ending the words before a name, perhaps several and after an article: "Prof Dr", "le professeur".
HONORIFICS = re.compile(rf"(?<=[\s,])(?:(?:le|la|the)\s+)?(?:{_HONORIFIC}\.?\s*)+$")
#: "<title> of|de <field words> of|du" right before a body's name, at the start of its phrase.
_FIELD_TITLE = re.compile(
    r"(?:^|[,;:(]|\b(?:by|and|et|par|the|le|la|du|de|pour|for)\s)\s*((?:[\w-]+\s+){0,3}?[\w-]+)\s+"
    r"(of|des|du|de|d')\s*((?:[\w&'-]+\s+){1,5}?)(?:of|at|de la|de l'|de|du|des|d')\s*(?:the\s+)?$"
)
#: A field is words of a subject, not a body's name (no "Ministry", "University"... among them).
_BODY_HEADS = re.compile(
    r"\b(?:ministry|ministere|university|universite|institute|institut|department|company|societe|"
    r"government|gouvernement|council|conseil|agency|agence|centre|center|hospital|hopital)\b"
)


def field_title(lead: str) -> tuple[str, str] | None:
    """The post of "<title> of <field> of", the folded words before a body's name, or None."""
    match = _FIELD_TITLE.search(lead)
    if match is None or _BODY_HEADS.search(match.group(3)):
        return None
    post = post_at_end(match.group(1))
    return (post[0], f"{post[1]} {match.group(2)} {match.group(3).strip()}") if post else None


#: A bare title before the name, with its article: "The Vice-Chancellor, Prof. X", "le Recteur, M. X".
_TITLE_BEFORE = re.compile(
    rf"(?:^|[,;:]\s*|\b(?:by|and|et|par)\s+)(?:the|le|la|l')\s*([\w -]{{2,40}}?)\s*,\s*(?:{_HONORIFIC}\.?\s*)*$",
    re.IGNORECASE,
)
#: A bare title after the name: "X, the Registrar, said", "X, Directeur général, a ...".
_TITLE_AFTER = re.compile(r"^\s*,\s*(?:the\s+|le\s+|la\s+|l')?([\w -]{2,50}?)\s*(?:[,.;]|$)")


def bare_title(
    state: State, index: int, sentence: str, person: Mention, orgs: list[Mention], holder: Candidate
) -> bool:
    """A title of no body of its own, the sentence naming one organisation only, after the title:
    the post is there, a guess for the reviewer (0.5)."""
    bodies = [m for m in orgs if not a_polity(m.text)]
    if len(bodies) != 1 or bodies[0].start < person.end:
        return False
    before = _TITLE_BEFORE.search(sentence[max(0, person.start - 60) : person.start])
    after = _TITLE_AFTER.match(sentence[person.end : bodies[0].start])
    title = next(
        (
            m.group(1).strip()
            for m in (before, after)
            if m and ROLE_WORDS.fullmatch(fold(m.group(1).strip()))
        ),
        None,
    )
    if title is None:
        return False
    return add_post(
        holder, state.entity_for(bodies[0], index).id, role_at(title) or "member", title, index, 0.5
    )
