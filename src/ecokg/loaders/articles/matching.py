"""How sure is it that two names name one entity: labels, aliases, acronyms, variants.

Names are compared folded (accents, case, apostrophes and hyphens; a leading article
dropped), so "Quebec" is "Québec" and "Michael DANON" is "Michaël Danon" (1.0). Beyond that:

* an acronym and the initials of a name: "MTC" / "Maryland Tech Council" (0.9);
* a name and the same name with a place: "BioForward" / "BioForward Wisconsin", when
  "Wisconsin" is a place the store or the article names, or with a company's or an institute's
  last word: "Helixon" / "Helixon Therapeutics", "Oncode" / "Oncode Institute" (0.85);
* a name with a run of words written as initials: "Life Sciences BC" / "Life Sciences
  British Columbia" (0.8);
* a name that starts or ends another one, or shares most of its words (0.5 to 0.6).

At or above :data:`LINK_THRESHOLD` two names are one entity; below it and at 0.5 or more,
the link is offered to the reviewer as a choice, not made.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from ecokg.loaders.articles.notnames import GENERIC_WORDS
from ecokg.loaders.articles.vocabulary import ORG_HEADS
from ecokg.text import fold

LINK_THRESHOLD = 0.75
CHOICE_THRESHOLD = 0.5
_SMALL = {"of", "for", "and", "the", "de", "du", "des", "la", "le", "d", "l", "et", "&", "in", "en"}

T = TypeVar("T")
#: Words that say what a body is, not which: kinds, generic words, small words.
_KINDS = {w for h in ORG_HEADS for w in h.split()} - {"sante", "biotech", "pharma"}
_DESCRIPTIVE = _KINDS | GENERIC_WORDS | _SMALL
#: One last word that a company's or an institute's name drops when it is named again (a legal
#: form, a kind of drug maker; not "Lab" or "Health": "Gilson Lab" may be another body than Gilson).
FORMS = {
    "inc", "ltd", "llc", "plc", "corp", "corporation", "gmbh", "ag", "sa", "sas", "nv", "bv", "ab", "oy", "spa",
    "group", "groupe", "therapeutics", "pharmaceuticals", "biologics", "biosciences", "institute", "institut",
    "network", "cluster", "association", "alliance", "consortium", "foundation", "fondation",
}


def words(name: str) -> tuple[str, ...]:
    text = fold(name).replace("'", " ").replace("-", " ").replace(".", " ")
    text = re.sub(r"[^\w& ]+", " ", text)
    out = text.split()
    if out and out[0] in ("the", "le", "la", "les", "l"):
        out = out[1:]
    return tuple(out)


def _initials(ws: Iterable[str]) -> str:
    return "".join(w[0] for w in ws if w not in _SMALL)


def similarity(a: str, b: str, is_place: Callable[[str], bool] = lambda _: False) -> float:
    """How sure it is that names ``a`` and ``b`` are one entity's (0 to 1)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    if wa == wb:
        return 1.0
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    raw_short = a if len(wa) <= len(wb) else b
    if len(short) == 1 and len(long) >= 2 and raw_short.strip().isupper() and short[0] == _initials(long):
        return 0.9
    n = len(short)
    if long[:n] == short or long[-n:] == short:
        rest = long[n:] if long[:n] == short else long[:-n]
        if is_place(" ".join(rest)) or is_place(" ".join(rest[1:] if rest[0] in ("de", "du", "of", "d") else ())) or (
            len(rest) == 1 and long[:n] == short and rest[0] in FORMS and not is_place(" ".join(short))) or (
            len(rest) >= 2 and all(w in _DESCRIPTIVE for w in rest) and any(w in _KINDS for w in rest)
            and rest[-1] not in ("de", "du", "des", "d", "of", "la", "l", "the")  # "Chambre de commerce de X" is X's
        ):  # "BioForward Wisconsin"; "Helixon Therapeutics" named "Helixon" later; "Nordev" and
            return 0.85  # "Centre régional d'innovation Nordev": the name with words saying what it is
        return 0.6 if len(rest) == 1 else 0.5
    for i in range(len(long)):
        for j in range(i + 2, len(long) + 1):
            if (*long[:i], _initials(long[i:j]), *long[j:]) == short:
                return 0.8
    shared = set(wa) & set(wb) - _SMALL
    union = (set(wa) | set(wb)) - _SMALL
    if union and len(shared) / len(union) >= 0.6:
        return 0.5
    return 0.0


@dataclass
class Match(Generic[T]):
    target: T
    name: str
    score: float


class Index(Generic[T]):
    """Names of entities, looked up by their first and last words and their initials."""

    def __init__(self) -> None:
        self._by_word: dict[str, list[tuple[str, T]]] = {}

    def add(self, name: str, target: T) -> None:
        ws = words(name)
        if not ws:
            return
        keys = {ws[0], ws[-1]}
        if len(ws) >= 2:
            keys.add(_initials(ws))
        for key in keys:
            self._by_word.setdefault(key, []).append((name, target))

    def remove(self, target: T) -> None:
        for key, entries in self._by_word.items():
            self._by_word[key] = [(n, t) for n, t in entries if t is not target]

    def best(self, name: str, is_place: Callable[[str], bool], accept: Callable[[T], bool]) -> Match[T] | None:
        ws = words(name)
        if not ws:
            return None
        seen: set[int] = set()
        best: Match[T] | None = None
        # (a fixed order, not a set's: between two equal scores the first wins, and a set's
        # order changes from one process to the next: "Washington, DC" joined DC or Washington)
        for key in dict.fromkeys((ws[0], ws[-1], "".join(ws))):
            for other, target in self._by_word.get(key, []):
                if id(target) in seen and best is not None and best.target is target:
                    continue
                if not accept(target):
                    continue
                score = similarity(name, other, is_place)
                if score >= CHOICE_THRESHOLD and (best is None or score > best.score):
                    best = Match(target, other, score)
                seen.add(id(target))
        return best
