"""Posts from a bare title, the body given by the sentence's construction (round 9).

* "Y était représenté par M. X, Directeur, ainsi que Mme Z, Directrice scientifique": each person
  the body is represented by, with a title of no body of its own, holds it at that body.
* "Chancellor X said ...", "le recteur X a rappelé ...": a title only a university has, right
  before the name, in a sentence naming no organisation: the university met before (confidence 0.5).

See docs/extraction.md, "Relations and status".
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.discourse import Discourse
from ecokg.loaders.articles.linking import Candidate, Mention, State
from ecokg.loaders.articles.post_refs import add_post
from ecokg.loaders.articles.spans import fold_keep_length, role_at
from ecokg.loaders.articles.vocabulary import ROLE_WORDS, ROLES
from ecokg.text import fold

#: "<body> [was, for its part,] represented by": the verb, its copula and a short adverbial before it.
_REPRESENTED = re.compile(
    # (round 10: the body's acronym after a dash, "l'Agence X – ANX représentée par")
    r"(?:\s*[-–—]\s*[a-z]{2,10})?\s*,?\s*(?:(?:is|was|were|are|has been|est|etait|sont|etaient|a ete|ont ete)\s+)?(?:[\w' ]{0,25}?\s+)?"
    r"(?:represented|representee?s?)\s+(?:by|par)\s"
)
#: What may stand between the verb and a person it lists: earlier names with their titles, honorifics.
_LISTED_BEFORE = re.compile(r"(?:[^.;:()]|(?<=\b[A-Z])\.|(?<=\bDr)\.|(?<=\bPr)\.|(?<=\bProf)\.|(?<=\bMr)\.|(?<=\bMrs)\.|(?<=\bMs)\.){0,160}")
#: Only an honorific between the verb and the name: "représentée par Dr. X", "represented by Ms X".
_BARE = re.compile(r"\s*(?:(?:Dr|Pr|Prof|Professor|Mr|Mrs|Ms|M|Mme|Mlle)\.?\s+)*")
#: Nothing of a title after the name: the sentence or a coordination goes on.
_NO_TITLE = re.compile(r"\s*(?:[.;]|$|\s(?:and|et|who|qui|in|a|à|at|for|pour)\s)")
#: A bare title right after the name: ", Directeur,", ", Directrice scientifique." (no body after it).
_TITLE_AFTER = re.compile(r"^\s*,\s*([^,.;:()]{2,50}?)\s*(?:,|\.|;|$)")
#: A title naming a body of its own ("Directeur du CHU"), which the apposition rule reads.
_OWN_BODY = re.compile(r"\s(?:of|at|de|du|des|d'|chez)\s")
#: Titles only a university's head or officer has.
_UNIVERSITY_TITLE = re.compile(
    r"(?:^|[\s,(])(rector|vice-rector|chancellor|vice-chancellor|provost|recteur|rectrice|vice-recteur|vice-rectrice)"
    r"\s+(?:(?:dr|prof|professor|pr)\.?\s+)?$"
)


def represented_titled(
    state: State, index: int, sentence: str, person: Mention, orgs: list[Mention], holder: Candidate
) -> bool:
    """"Le GIP X était pour sa part représenté par M. A, Directeur, ainsi que Mme B, Directrice
    scientifique": A's and B's posts at X."""
    folded = fold_keep_length(sentence)
    for org in reversed([m for m in orgs if m.end <= person.start]):
        verb = _REPRESENTED.match(folded, org.end)
        if verb is None:
            continue
        if not _LISTED_BEFORE.fullmatch(sentence, verb.end(), person.start):
            return False
        title = _TITLE_AFTER.match(sentence[person.end:])
        if title is None and _BARE.fullmatch(sentence, verb.end(), person.start) and _NO_TITLE.match(sentence[person.end:]):
            # "l'Agence X représentée par Dr. Y": the person the body sent, with no title (round 10).
            return add_post(holder, state.entity_for(org, index).id, "member", "", index, 0.5)
        if title is None or _OWN_BODY.search(fold_keep_length(title.group(1)) + " "):
            return False
        role = role_at(title.group(1))
        if role is None or any(person.end <= m.start < person.end + title.end() for m in orgs):
            return False
        return add_post(holder, state.entity_for(org, index).id, role, title.group(1).strip(), index, 0.6)
    return False


def university_title(
    state: State, index: int, sentence: str, person: Mention, orgs: list[Mention], holder: Candidate,
    discourse: Discourse | None,
) -> bool:
    """"The University of Debrecen has ... . Chancellor X said ...": X's post at the university."""
    if discourse is None or orgs:
        return False
    match = _UNIVERSITY_TITLE.search(fold_keep_length(sentence[max(0, person.start - 40):person.start]))
    if match is None or not ROLE_WORDS.fullmatch(match.group(1)):
        return False
    university = discourse.of_kind(state, "university", index)
    if university is None:
        return False
    return add_post(holder, university.id, ROLES[match.group(1)], match.group(1), index, 0.5)


#: Kind words of "Alliance president Karen Dahl" ("la directrice générale du pôle, X" is
#: ``post_refs.title_of_kind_before``: the organisation of that kind met last).
_KIND_WORDS = {"alliance", "cluster", "council", "association", "agency", "institute", "network", "hub", "foundation",
               "consortium", "pole", "agence", "reseau", "fondation", "institut", "grappe"}


#: "led by Alliance president Karen Dahl", "Cluster CEO Jane Roe": a kind word for the organisation.
_KIND_TITLE = re.compile(r"(?:^|[^\w’'])([A-ZÀ-Ý][a-zà-ÿ]+)(?:[’']s)?\s+((?:[\w-]+\s+){0,2}[\w-]+)\s*,?\s*$")


def kind_word_title(state: State, index: int, sentence: str, person: Mention, holder: Candidate) -> bool:
    """The post is in the organisation met earlier whose name ends with that kind word
    ("Minnesota Biotech Alliance"), at a low confidence for the reviewer."""
    match = _KIND_TITLE.search(sentence[max(0, person.start - 60):person.start])
    if not match or not ROLE_WORDS.fullmatch(fold(match.group(2))):
        return False
    kind = fold(match.group(1))
    if kind not in _KIND_WORDS:
        return False
    org = next((c for c in sorted(state.entities.values(), key=lambda c: c.quote)
                if c.quote <= index and c.cls not in ("Person", "Place", "City", "Country", "AdministrativeArea")
                and fold(c.label).split()[-1:] == [kind] and len(c.label.split()) > 1), None)
    if org is None:
        return False
    return add_post(holder, org.id, ROLES[fold(match.group(2))], match.group(2), index, 0.5)
