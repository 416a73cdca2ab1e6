"""Posts named by a verb of leading, and titles read as phrases (issue 17, rounds 6 and 7).

* "Helix Labs, led by Jane Roe", "le pôle Agrivalor, présidé par Jean Dupuis", "Acme,
  represented by its CEO X": the organisation right before the verb;
* "the Vision Group headed by Biocon executive chairperson X", "le réseau Y, présidé par le PDG
  de Genvia, X": the leader named by a post at another body;
* a title of several posts joined ("Managing Director and CEO", "président et fondateur") and a
  post at the end of some words ("selon le président", "acting managing director").
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.linking import Candidate, Mention, State
from ecokg.loaders.articles.post_refs import add_post
from ecokg.loaders.articles.spans import fold_keep_length, role_at
from ecokg.loaders.articles.vocabulary import ROLE_WORDS, ROLES
from ecokg.text import fold

OF = r"(?:of|at|with|for|de la|de l’|de l'|de|du|des|d’|d')"
#: "Helix Labs, led by Jane Roe", "le pôle Agrivalor, présidé par Jean Dupuis".
_LED_BY = re.compile(
    # "Acme, a Danish company, is led by X": an apposition and a copula may come before the verb.
    r"^\s*(?:,[^,()]{3,60},)?\s*,?\s*(?:(?:which|who|qui)\s+)?(?:(?:is|was|has been|will be|est|etait|a ete|sera)\s+)?(led|headed|chaired|run|founded|co-founded|represented|"
    r"dirigee?s?|presidee?s?|fondee?s?|cofondee?s?|co-fondee?s?|animee?s?|representee?s?)\s+(?:by|par)\s*"
    # "represented by its CEO, X", "représentée par sa directrice générale, X": the post is named.
    r"(?:(?:its|their|the|sa|son|leur|le|la)\s+([\w' -]{2,50}?)\s*,?\s*)?$"
)
_LED_ROLE = {"led": "leader", "headed": "leader", "run": "leader", "chaired": "president", "founded": "founder",
             "co-founded": "founder", "dirige": "leader", "preside": "president", "fonde": "founder", "cofonde": "founder",
             "co-fonde": "founder", "anime": "leader", "represented": "member", "represente": "member"}


def led_by(state: State, index: int, sentence: str, person: Mention, orgs: list[Mention], holder: Candidate) -> bool:
    """"Helix Labs, led by Jane Roe", "l'agence Nordev, dirigée par Marie Roy": the organisation
    right before the verb is the one the person heads."""
    before = [m for m in orgs if m.end <= person.start]
    if not before or "(" in sentence[before[-1].end:person.start] or ";" in sentence[before[-1].end:person.start]:
        return False
    between = fold_keep_length(sentence[before[-1].end:person.start])
    match = _LED_BY.match(between)
    if not match:
        return False
    verb = re.sub(r"e?s?$", "", match.group(1)) if match.group(1) not in _LED_ROLE else match.group(1)
    if match.group(2) is not None and not ROLE_WORDS.fullmatch(match.group(2).strip()):
        return False
    named = role_at(match.group(2)) if match.group(2) else None
    role = named or _LED_ROLE.get(verb) or _LED_ROLE.get(match.group(1)) or "leader"
    title = sentence[before[-1].end + match.start(2):before[-1].end + match.end(2)] if match.group(2) else ""
    return add_post(holder, state.entity_for(before[-1], index).id, role, title, index, 0.6)


def title_role(words: str) -> str | None:
    """The role of a title, one post or several joined: "CEO", "Managing Director and CEO",
    "président et fondateur" (a chief executive's role wins, else the first)."""
    if ROLE_WORDS.fullmatch(words):
        return ROLES[words]
    parts = re.split(r"\s*(?:,|&|\band\b|\bet\b)\s*", words)
    if len(parts) < 2 or not all(ROLE_WORDS.fullmatch(p) for p in parts):
        return None
    roles = [ROLES[p] for p in parts]
    return "chief-executive" if "chief-executive" in roles else roles[0]


def led_by_titled(state: State, index: int, sentence: str, person: Mention, orgs: list[Mention], holder: Candidate) -> bool:
    """"Vision Group headed by Biocon executive chairperson X", "le réseau Y, présidé par le PDG
    de Genvia, X": the leader is named by a post at another body (read by its own rule)."""
    before = [m for m in orgs if m.end <= person.start]
    if len(before) < 2:
        return False
    led, other = before[-2], before[-1]
    match = _LED_BY_TITLED.match(fold_keep_length(sentence[led.end:other.start]))
    if not match:
        return False
    after = fold(sentence[other.end:person.start]).strip(" ,")
    if match.group(2):
        # "présidé par le PDG de Genvia, X": the title before the other body, a comma after it.
        title = post_at_end(match.group(2).strip())
        if title is None or after:
            return False
    elif not (title_role(after) or post_at_end(after)):
        return False
    verb = re.sub(r"e?s?$", "", match.group(1)) if match.group(1) not in _LED_ROLE else match.group(1)
    role = _LED_ROLE.get(verb) or _LED_ROLE.get(match.group(1)) or "leader"
    return add_post(holder, state.entity_for(led, index).id, role, match.group(1), index, 0.6)


#: "<led> headed by [the title of] <other>": the verb of leading, and a title before the other body.
_LED_BY_TITLED = re.compile(
    r"^\s*(?:,[^,()]{3,60},)?\s*,?\s*(?:(?:which|who|qui)\s+)?(?:(?:is|was|has been|will be|est|etait|a ete|sera)\s+)?"
    r"(led|headed|chaired|run|founded|co-founded|dirigee?s?|presidee?s?|fondee?s?|cofondee?s?|animee?s?)\s+(?:by|par)\s+"
    rf"(?:(?:the\s+|le\s+|la\s+|l')?((?:[\w-]+\s+){{0,3}}?[\w-]+)\s+{OF}\s*(?:the\s+|la\s+|l')?)?$"
)


def post_at_end(words: str) -> tuple[str, str] | None:
    """The post the last words name, and its title: "selon le président" -> president,
    "acting managing director" (None unless the words end in a post)."""
    parts = words.split()
    for k in range(len(parts)):
        if ROLE_WORDS.fullmatch(" ".join(parts[k:])):
            for j in range(max(0, k - 2), k + 1):
                role = role_at(" ".join(parts[j:]))
                if role:
                    return role, " ".join(parts[j:])
    return None
