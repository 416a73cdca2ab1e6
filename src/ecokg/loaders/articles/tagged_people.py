"""People the model tags in one sentence, after the organisations and places (:mod:`.entities`).

A person's span may begin with an organisation ("le président du Gepsa Jean Dupuis": the body,
then the name), end an organisation's name ("Northwind Labs Jane Okafor"), or stop short of the
name ("Kendalle Burlin O’Connell": the model stopped at the apostrophe).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ecokg.loaders.articles.linking import Mention, State
from ecokg.loaders.articles.ner import Names
from ecokg.loaders.articles.notnames import generic_only
from ecokg.loaders.articles.patterns import PERSON, TITLE_OF
from ecokg.loaders.articles.places import overlaps
from ecokg.loaders.articles.shapes import org_on_its_own, person_part
from ecokg.loaders.articles.spans import head_class, org_class
from ecokg.loaders.articles.vocabulary import ROLES
from ecokg.text import fold


def tagged_people(
    state: State, sentence: str, names: Names, found: Callable[[], list[Mention]],
    add_org: Callable[[int, int, str, float], None],
) -> list[Mention]:
    """The sentence's people the model tagged, not overlapping ``found()`` (the mentions so far:
    a function, as ``add_org`` may add organisations it finds on the way)."""
    out: list[Mention] = []
    for tagged in sorted(names.persons, key=lambda n: (-len(n), n)):  # ties in a fixed order
        at = sentence.find(tagged)
        if len(tagged.split()) >= 3 and at > 0 and tagged not in names.named and TITLE_OF.search(fold(sentence[max(0, at - 50):at] + "|")[:-1]) and not (
            tagged.split()[-1].isupper() or generic_only(" ".join(tagged.split()[:-2])) or head_class(fold(tagged).split())
        ):
            # "le président du Gepsa Jean Dupuis": the model's person is an organisation, then a name
            # (not one the given-name lexicon announced whole: "Pr Mohamed Abdallahi Ould X", round 13)
            cut = at + len(tagged) - len(" ".join(tagged.split()[-2:]))
            if person_part(sentence[cut:at + len(tagged)]):
                add_org(at, cut - 1, org_class(sentence[at:cut - 1], "Organization"), 0.7)
                tagged = sentence[cut:at + len(tagged)]
        person = person_part(tagged)
        tail = " ".join(tagged.split()[-2:])
        at = sentence.find(tail)
        if len(tagged.split()) > 2 and at >= 0 and not overlaps(at, at + len(tail), [m for m in found() if m.kind == "org"]) and org_on_its_own(state, tagged[: -len(tail)]) and (
            person is None or overlaps(sentence.find(person), sentence.find(person) + len(person), [m for m in found() if m.kind == "org"])
        ):
            person = person_part(tail)  # "Northwind Labs Jane Okafor": an organisation, then the name
        if person is None and (alone := titled_surname(state, sentence, tagged, names)):
            person = alone  # "said Governor Murphy", "Prof. Songok": a surname after a title
        if person is None:
            continue
        for hit in re.finditer(rf"(?<![\w-]){re.escape(person)}(?![\w-])", sentence):
            end = hit.end()
            longer = PERSON.match(sentence, hit.start())
            if longer and longer.end() > end and len(longer.group(0).split()) <= 4 and not re.match(r"\s+(?:de|du|d’|d')\s", sentence[end:]) and (
                fold(sentence[end:longer.end()].strip()) not in ROLES  # "Michael DANON Président": a post after the name
            ):
                end = longer.end()  # "Kendalle Burlin O’Connell": the model stopped at the apostrophe
            if not overlaps(hit.start(), end, [*found(), *out]):
                out.append(Mention(hit.start(), end, sentence[hit.start():end], "person", "Person", None, 0.8))
    return out


#: Titles written before a surname alone ("Governor Murphy", "President Ruto", "Prof. Songok").
_TITLES = re.compile(
    r"(?:Governor|Gouverneure?|Senator|Sénat(?:eur|rice)|Mayor|Maire|Ambassador|Ambassadeure?|Ambassadrice|President|"
    r"Président|Présidente|Premier|Chancellor|Chancelière?|Minister|Ministre|Secretary|Prof\.?|Professor|Professeur|Dr\.?)\s+$"
)


def titled_surname(state: State, sentence: str, tagged: str, names: Names) -> str | None:
    """Round 12: one word the model calls a person, written after a title, whose bearer the
    article names no more fully ("said Governor Murphy"; not "Ambassadeur Sison" after "Michele
    Sison"): the person, by the surname (the gold's "Murphy | Governor Murphy")."""
    if " " in tagged or not re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ’'-]+", tagged):
        return None
    people = [c.label for c in state.entities.values() if c.cls == "Person"] + [p for p in names.persons if " " in p]
    if any(p.split()[-1] == tagged for p in people if " " in p):
        return None  # a fuller name of the article ("Michele Sison")
    text = " ".join(state.sentences)
    before = [b.group(1) for b in re.finditer(rf"([A-ZÀ-Ý][\w’'.-]+\s+){re.escape(tagged)}(?![\w-])", text)]
    if not all(_TITLES.search(word) for word in before):
        return None  # a capitalised word before it that is no title: a fuller name the model did not give
    at = sentence.find(tagged)
    return tagged if at > 0 and _TITLES.search(sentence[max(0, at - 20):at]) else None
