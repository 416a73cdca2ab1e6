"""A title in the plural is the post of every person coordinated with the one it was read for:
"A and B, co-founders of Y", "A, B et C, cofondateurs de Y"; "A et B (IRD)". See
docs/extraction.md, "Relations and status".
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.linking import Mention, State
from ecokg.loaders.articles.post_refs import add_post
from ecokg.loaders.articles.vocabulary import PLURAL_ROLES
from ecokg.text import fold


def share_plural_titles(state: State, index: int, sentence: str, people: list[Mention]) -> None:
    """"A and B, co-founders of Y", "Y's founders, A and B", "A, B et C, cofondateurs de Y": a
    title in the plural is the post of every person coordinated with the one it was read for."""
    groups: list[list[Mention]] = []
    for person in people:
        if groups and re.fullmatch(r"\s*(?:,|,?\s+(?:and|et))\s+(?:(?:Dr|Pr|Prof|M|Mme|Mr|Mrs|Ms)\.?\s+)?",
                                   sentence[groups[-1][-1].end:person.start]):
            groups[-1].append(person)
        else:
            groups.append([person])
    for group in (g for g in groups if len(g) > 1):
        holders = [state.entity_for(m, index) for m in group]
        shared = [p for h in holders for p in h.posts if p["quote"] == index and PLURAL_ROLES.search(fold(p.get("title", "")))]
        for holder in holders:
            for post in shared:
                add_post(holder, post["organization"], post["role"], post.get("title", ""), index, post["confidence"])
        # "A et B (IRD)": the body in brackets after the last name is every one's, when none of the
        # others has a post of this sentence (round 9).
        if re.match(r"\s*\([^()]{2,80}\)", sentence[group[-1].end:]) and not any(
                p["quote"] == index for h in holders[:-1] for p in h.posts):
            for holder in holders[:-1]:
                for post in [p for p in holders[-1].posts if p["quote"] == index]:
                    add_post(holder, post["organization"], post["role"], post.get("title", ""), index, post["confidence"])
