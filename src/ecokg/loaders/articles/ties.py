"""Ties between organisations, from one sentence (docs/data-format.md, "Ties between organisations").

* ``member_of``: "X, a member of the cluster Y", "X, membre du pôle Y", "X, adhérent de Y";
* ``agency_of``: "X, the Northland Council's economic development agency", "X, the economic
  development agency of Y", "X, l'agence de développement économique de la Région Y";
* ``subsidiary_of``: "X, a subsidiary of Y", "Y's subsidiary X", "X, filiale du groupe Y";
* ``headquarters``: "X, headquartered in P", "X, with headquarters in P", "X, dont le siège est à P";
* ``country_of_origin``: "American company X", "X, an American company", "l'entreprise
  américaine X", "l'américain X".

Each is proposed with the sentence it comes from and a confidence below a post's: the reviewer
keeps or deletes it.
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.linking import Mention, State
from ecokg.loaders.articles.vocabulary import DEMONYMS
from ecokg.text import fold

_DEMONYM = "(" + "|".join(sorted(DEMONYMS, key=len, reverse=True)) + ")"
_KIND_EN = r"(?:company|firm|group|biotech|start-?up|startup|pharmaceutical company|biopharmaceutical company|medtech company|business|manufacturer|cluster|organi[sz]ation)"
_KIND_FR = r"(?:entreprise|societe|firme|groupe|biotech|start-?up|startup|laboratoire|industriel|pole|cluster|organisation)"
_ARTICLE = r"(?:the\s+|a\s+|an\s+|le\s+|la\s+|l'|un\s+|une\s+)?"
#: Before a name: "American company X", "l'entreprise américaine X", "l'américain X".
_ORIGIN_BEFORE = re.compile(
    rf"(?:{_ARTICLE}{_DEMONYM}\s+{_KIND_EN}|(?:le\s+|la\s+|l'|un\s+|une\s+){_KIND_FR}\s+{_DEMONYM}|(?:le\s+|la\s+|l'){_DEMONYM})\s*$"
)
#: After a name: "X, an American company", "X, une entreprise américaine".
_ORIGIN_AFTER = re.compile(rf"^\s*,\s*{_ARTICLE}(?:{_DEMONYM}\s+{_KIND_EN}|{_KIND_FR}\s+{_DEMONYM})\b")
_MEMBER = re.compile(
    r"^\s*,\s*(?:a\s+|an\s+|the\s+|un\s+|une\s+)?(?:founding\s+|active\s+)?(?:member|membre|adherent|adherente)"
    r"(?:\s+fondateur|\s+fondatrice|\s+actif|\s+active)?\s+(?:of|de|du|d')\s*(?:the\s+|la\s+|l')?"
    r"(?:(?:cluster|pole|network|reseau|association|alliance)\s+)?$"
)
_SUBSIDIARY_AFTER = re.compile(
    r"^\s*,\s*(?:a\s+|an\s+|the\s+|une\s+|la\s+)?(?:wholly[- ]owned\s+|french\s+|us\s+|u\.s\.\s+)?(?:subsidiary|filiale)"
    r"(?:\s+\w+)?\s+(?:of|de|du|d')\s*(?:the\s+|la\s+|l')?(?:(?:group|groupe|company|societe)\s+)?$"
)
_SUBSIDIARY_BEFORE = re.compile(r"'s\s+(?:\w+\s+)?subsidiary\s*,?\s*$")
_AGENCY_OF = re.compile(r"\b(?:agency|agence)\b[^,;()]{0,50}?\b(?:of|for|de|du|d')\s*(?:the\s+|la\s+|l')?$")
_AGENCY_POSSESSIVE = re.compile(r"^'s\s+(?:[\w-]+\s+){0,4}(?:agency|agence)\b")
#: "based in" is left out: a company is based where it works, not only where its head office is.
_HEADQUARTERS = re.compile(
    r"\b(?:headquartered|head-quartered|with (?:its )?headquarters|whose headquarters (?:are|is)|"
    r"dont le siege(?: social)? est(?: situe| installe| base)?|ayant son siege(?: social)?|avec son siege(?: social)?|siege social)"
    r"\s+(?:in|at|a|au|en|dans)\s+(?:the\s+)?"
)


def find_ties(state: State, index: int, sentence: str, mentions: list[Mention]) -> None:
    folded = _fold_same_length(sentence)
    orgs = [m for m in mentions if m.kind == "org"]
    places = [m for m in mentions if m.kind == "place"]
    for n, org in enumerate(orgs):
        subject = state.entity_for(org, index)
        after = folded[org.end:]
        nxt = orgs[n + 1] if n + 1 < len(orgs) else None
        # Another organisation right after a cue that follows this one.
        if nxt is not None:
            gap = folded[org.end:nxt.start]
            target = state.entity_for(nxt, index).id
            if _MEMBER.match(gap):
                subject.add("member_of", target, index, 0.6)
            elif _SUBSIDIARY_AFTER.match(gap):
                subject.add("subsidiary_of", target, index, 0.6)
            elif gap.startswith(",") and _AGENCY_OF.search(gap) and len(gap) < 80:
                subject.add("agency_of", target, index, 0.5)
            elif _SUBSIDIARY_BEFORE.search(gap):  # "Acme's subsidiary Acme Lab"
                state.entity_for(nxt, index).add("subsidiary_of", subject.id, index, 0.6)
            elif re.match(r"^\s*,\s*(?:the\s+|l')?$", folded[org.end:nxt.start]) and _AGENCY_POSSESSIVE.match(folded[nxt.end:]):
                subject.add("agency_of", target, index, 0.5)  # "X, the Northland Council's ... agency"
        # Its head office: the first place after the cue, in this clause.
        hq = _HEADQUARTERS.search(after[:100])
        if hq and not re.search(r"[.;]", after[: hq.start()]) and not any(o.start < org.end + hq.end() for o in orgs[n + 1:]):
            where = next((p for p in places if p.start >= org.end + hq.end()), None)
            if where is not None and where.start - (org.end + hq.end()) <= 5:
                subject.add("headquarters", state.entity_for(where, index).id, index, 0.6)
        origin = _ORIGIN_BEFORE.search(folded[max(0, org.start - 60):org.start]) or _ORIGIN_AFTER.match(after)
        if origin:
            word = next(g for g in origin.groups() if g)
            english, french = DEMONYMS[word]
            label = english if state.lang == "en" else french
            # The country the article already names, under any of its names ("USA", "États-Unis").
            named = next((state.by_name[fold(v)] for v in (english, french, *_OTHER_NAMES.get(english, ()))
                          if fold(v) in state.by_name and state.entities[state.by_name[fold(v)]].cls == "Country"), None)
            country = state.entities[named] if named else state.entity_for(
                Mention(org.start, org.start, label, "place", "Country", None, 0.7), index
            )
            subject.add("country_of_origin", country.id, index, 0.6)


_OTHER_NAMES = {
    "United States": ("USA", "US", "U.S.", "U.S.A.", "Etats-Unis", "America", "Amérique"),
    "United Kingdom": ("UK", "U.K.", "Great Britain", "Grande-Bretagne"),
}


def _fold_same_length(text: str) -> str:
    """Folded char by char (offsets kept), apostrophes made straight."""
    return "".join(fold(c)[:1] if fold(c) else c for c in text).replace("’", "'")
