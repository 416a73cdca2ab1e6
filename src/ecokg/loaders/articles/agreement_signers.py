"""The signers of an agreement named in a sentence of their own, its subject a pronoun.

"It was signed by the Director of the X, Vice Chancellor of Y ... and President of Z", "Il a
été signé par le président de la X, A, et la vice-présidente de Y, B": the bodies after "by" /
"par" (named by their signers' titles, or by the posts of the signers the sentence names) are
parties of the agreement the sentences just before proposed (round 15: en77, fr74; the same
reading as "The MoU was signed by ..." of :mod:`.agreements`, whose subject names the agreement).
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.linking import Mention, State
from ecokg.loaders.articles.polities import a_polity

#: A pronoun subject and a passive of signing, up to "by" / "par".
_PRONOUN_SIGNED = re.compile(
    r"^\W*(?:it|they|il|elle|ils|elles)\s+(?:was|were|has been|have been|had been|a ete|ont ete|avait ete|avaient ete)\s+"
    r"(?:[a-z]+\s+)?(?:signed|co-?signed|ratified|signee?s?|co-?signee?s?|paraphee?s?|ratifiee?s?)\s+(?:[^,;:]{0,60}?\s)?(?:by|par)\s"
)
#: What ends the list of signers: a place or an occasion, a witness, a speaker.
_STOP = re.compile(
    r"[;:]|[\s,](?:at|during|lors d\w*|au cours d\w*|in the presence of|en presence d\w*|said|a declare)\b"
)
#: How far back (in sentences) the agreement may have been proposed.
_NEAR = 3
_MOST = 6


def pronoun_signers(
    state: State, index: int, folded: str, orgs: list[Mention], mentions: list[Mention]
) -> bool:
    """Add the bodies after "It was signed by" to the agreement just proposed; True when some were."""
    agreement = state.last_agreement
    by = _PRONOUN_SIGNED.match(folded)
    if agreement is None or by is None:
        return False
    quotes = [i for _, i, _ in agreement.props.get("signatories", [])]
    if not quotes or index - max(quotes) > _NEAR:
        return False
    stop = _STOP.search(folded, by.end())
    end = stop.start() if stop else len(folded)
    bodies: list[str] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if not by.end() <= mention.start < end:
            continue
        if mention in orgs:
            bodies.append(state.entity_for(mention, index).id)
        elif mention.kind == "person":
            # A signer's body, by the post this sentence gives ("le président de X, A").
            posts = [p for p in state.entity_for(mention, index).posts if p["quote"] == index]
            bodies.extend(p["organization"] for p in posts[:1])
    held = [v for v, _, _ in agreement.props.get("signatories", [])]
    added = False
    for ident in dict.fromkeys(bodies):
        if ident not in held and len(held) < _MOST and not a_polity(state.entities[ident].label):
            held.append(ident)
            agreement.add("signatories", ident, index, 0.6)
            added = True
    return added
