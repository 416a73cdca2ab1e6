"""Mentions of people, organisations and places in one sentence.

In order: names the store knows (and names met earlier in the run), organisations by rules
("Name (ACRONYM)", cue and head words, names written in mixed case like "BioWin", lists
after "companies:"), organisations spaCy tags, places (known, then tagged), and people
(tagged by spaCy, or "First Last" beside a post). A span is taken by the first rule that
claims it. Sentences arrive with their quotations blanked (:mod:`.reading`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ecokg.loaders.articles.linking import Candidate, Mention, State
from ecokg.loaders.articles.ner import Names
from ecokg.loaders.articles.notnames import (
    bad_place,
    event_name,
    generic_only,
    leading_stop_word,
    only_a_post,
    place_by_context,
    rubric,
    sector_descriptor,
    with_honorific,
)
from ecokg.loaders.articles.spans import (
    dateline_places,
    fold_keep_length,
    head_class,
    org_class,
    role_at,
    split_and,
    trim_article,
    trim_span,
    trim_trailing,
)
from ecokg.loaders.articles.vocabulary import (
    DEMONYMS,
    HONORIFICS,
    NOT_NAMES,
    NOT_ORGS,
    ORG_CUES,
    ORG_HEADS,
    ORG_LISTS,
    ROLE_KEYS,
    ROLE_WORDS,
    ROLES,
)
from ecokg.text import fold

_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŒ"
_LOWER = "a-zàâäçéèêëîïôöùûüœß"
_NAME_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*"
_SURNAME = rf"(?:[{_UPPER}][{_LOWER}]+|[{_UPPER}]{{2,}}|O’[{_UPPER}][{_LOWER}]+|Mc[{_UPPER}][{_LOWER}]+)(?:-(?:[{_UPPER}][{_LOWER}]+|[{_UPPER}]{{2,}}))*"
_PERSON = re.compile(rf"\b({_NAME_WORD}(?:\s+(?:de|van|von|da|di|le|Le|mac|Mc|O’)?\s*{_SURNAME}){{1,2}})\b")
_CAP_SEQ = re.compile(
    rf"[{_UPPER}0-9][\w’'&.+-]*(?:\s+(?:(?:de|du|des|d’|of|for|and|&|the|la|l’)\s*)?[{_UPPER}0-9][\w’'&.+-]*)*"
)
#: A word written in mixed case: "BioWin", "MassBio", "bioMérieux", "IBioIC", "HalioDX".
_MIXED = re.compile(rf"(?<![\w-])(?!Ma?c[{_UPPER}])(?:[{_UPPER}]?[{_LOWER}]+[{_UPPER}][\w]*|[{_UPPER}]{{2,}}[{_LOWER}]+[\w]*)(?![\w-])")
#: One word made of a name and a sector's stem: "Lyonbiopôle", "Eurobiomed", "Medicen", "Genopole".
_COMPOUND = re.compile(
    rf"(?<![\w-])(?=[{_UPPER}][{_LOWER}]{{4,}}(?![\w-]))(?=\w*(?:[Bb]io|[Pp]ole|[Pp]ôle|[Mm]ed|[Pp]harm|[Gg]enom|[Gg]eno|[Tt]ech))"
    rf"(?!\w*(?:ology|ologie|ique|ical|ies|ing|ion|ment|aux|al|ale|ales|ean|ien|ienne|ais|aise)(?![\w-]))[{_UPPER}][{_LOWER}]{{4,}}(?![\w-])"
)
_ACRONYM = re.compile(rf"\(([{_UPPER}][A-Za-z0-9&'-]{{1,}}(?:\s[{_UPPER}0-9]{{2,}})?)\)")
_PERSON_TITLES = re.compile(r"^,\s*(?:the\s+|le\s+|la\s+)?(?:minister|ministre|mayor|maire|secretary|governor|gouverneur|professor|professeur|senator|sénateur|député|first minister|premier)", re.IGNORECASE)
_APPOSED_ORG = re.compile(
    rf"\b([{_UPPER}][\w’'&-]+(?:\s+[{_UPPER}][\w’'&-]+)*),\s+(?:the|le|la|l’|a|an|un|une)\s*[^,\d–—]{{0,40}}?\b(cluster|company|agency|agence|entreprise|société|start-?up|university|université|institute|institut|pôle|network|réseau|investment body)\b(?!\s+[{_UPPER}])"
)
_PLACE_CLASSES = {"Place", "City", "Country", "AdministrativeArea"}
_ROLE_OF = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in ROLE_KEYS if len(k) > 3) + r")\s+(?:of|at|with|de la|de l'|de|du|d')\s*(?:the\s+)?")
_BETWEEN = re.compile(r"\b(?:agreement|memorandum|partnership|accord|convention|partenariat|protocole|entente|mou)\b[^.;,]{0,25}?\b(?:between|entre)\s+(?:the\s+|la\s+|le\s+|l')?")
#: Names of events, not of organisations ("BIO International Convention", "... Summit").
_EVENT_NAME = re.compile(r"\b(?:convention|summit|sommet|conference|congress|congres|forum|salon|symposium|days|week|awards?|prize|prix|webinar)\b")
_COUNTRIES = {
    "canada", "sweden", "suede", "united kingdom", "royaume-uni", "belgium", "belgique", "france",
    "united states", "etats-unis", "usa", "germany", "allemagne", "japan", "japon", "china", "chine",
    "spain", "espagne", "italy", "italie", "switzerland", "suisse", "scotland", "ecosse", "wales",
    "pays de galles", "india", "inde", "netherlands", "pays-bas", "denmark", "danemark",
}


def _overlaps(start: int, end: int, taken: list[Mention]) -> bool:
    return any(start < m.end and m.start < end for m in taken)


def find_mentions(state: State, sentence: str, names: Names, index: int = 1) -> list[Mention]:
    found: list[Mention] = []
    folded = fold_keep_length(sentence)

    def kind_of(cls: str) -> str:
        return "place" if cls in _PLACE_CLASSES else "person" if cls == "Person" else "org"

    def known_names(places: bool) -> None:
        for name, entity in state.known_names:
            if (entity.cls in _PLACE_CLASSES) != places:
                continue
            if name.isupper():
                pattern, haystack = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])"), sentence
            else:
                pattern = re.compile(rf"(?<![\w-]){re.escape(fold_keep_length(name))}(?![\w-])")
                haystack = folded
            for match in pattern.finditer(haystack):
                if re.match(rf"\s+[{_UPPER}]", sentence[match.end():]) and len(name.split()) <= 2 and not places:
                    continue  # "la Région" inside "la Région Occitanie": a longer name, not this one
                if places and any(m.start <= match.start() and match.end() <= m.end for m in found if m.kind == "org" and m.known is None):
                    state.inner_places.append(Mention(match.start(), match.end(), sentence[match.start():match.end()], "place", entity.cls, entity, 1.0))
                elif not _overlaps(match.start(), match.end(), found):
                    found.append(Mention(match.start(), match.end(), sentence[match.start():match.end()], kind_of(entity.cls), entity.cls, entity, 1.0))

    def add_org(start: int, end: int, cls: str, confidence: float, acronym: str | None = None) -> None:
        nonlocal found
        start, end = trim_span(sentence, start, end)
        text = sentence[start:end]
        # "Président de BioValley France": the organisation after the post.
        lead = re.match(r"^.*?\b(?:of|at|de|du|d’|d')\s*(?:the\s+|la\s+|l’)?", text) if role_at(text) else None
        if lead and lead.end() < len(text):
            start += lead.end()
            text = sentence[start:end]
        body = re.match(r"^(?:conseil d[’']administration|conseil|board of directors|board|comit[ée]|committee)\s+(?:of|de|du|d[’'])\s*(?:the\s+|la\s+|l[’'])?", text, re.IGNORECASE)
        if body and body.end() < len(text):
            start += body.end()  # "Conseil d’Administration d’Eurobiomed": Eurobiomed
            text = sentence[start:end]
        tail = re.search(r"(?:\s+(?:of|for|and|the|de|du|des|et|d’|la|le))+$", text)
        if tail:
            end -= len(tail.group(0))  # "Free State of": a name cut short, not its end
            text = sentence[start:end]
        # "Sherbrooke Innopole’s Board of Directors", "BIOQuébec Executive Director": the name only.
        cut = re.search(r"[’']s\b", text)
        role = ROLE_WORDS.search(fold_keep_length(text))
        for stop in (cut.start() if cut else None, role.start() if role else None):
            if stop is not None and stop > 1:
                end = start + len(text[:stop].rstrip(" ,"))
                text = sentence[start:end]
        inside = re.search(r"\b(?:convention|summit|sommet|conference|congress|forum)\s+", fold_keep_length(text))
        if inside:
            start += inside.end()  # "BIO International Convention BIOQuébec"
            text = sentence[start:end]
        drop = leading_stop_word(sentence, start, text, state.lang)
        if drop:
            start, text = start + drop, text[drop:]  # "Pourquoi Eurobiomed": the sentence's first word
        if end - start < 2 or fold(text) in NOT_ORGS or fold(text).split()[0] in ("the", "le", "la", "les"):
            return
        seat = re.search(rf"\s+(?:de|d’|d')\s*([{_UPPER}][\w-]+)$", text)
        if seat and (seat.group(1) in names.places or state.by_name.get(fold(seat.group(1))) in _place_ids(state)):
            if text[: seat.start()] in names.orgs | names.persons | names.places:
                end = start + seat.start()  # "Institut Curie de Paris": the model's name stops before the city
                text = sentence[start:end]
        if with_honorific(text) or only_a_post(text) or event_name(sentence, start, text):
            return  # a person, a post, an event
        if confidence <= 0.55 and rubric(sentence, start, end):
            return  # "Décryptage : ...": a heading's rubric the model took for a name ("BioWin : ..." stays)
        if confidence < 0.8 and (generic_only(text) or sector_descriptor(text)):
            return  # "Business Development", "Santé du Grand Sud": words of a description
        if _EVENT_NAME.search(fold(text)) or re.search(r"\b(?:a|an|un|une)\s+$", sentence[:start]):
            return  # an event's name; "as a Local Development Centre": what it is, not its name
        if confidence < 0.7 and _PERSON.fullmatch(text) and _is_person_name(text, names) and not head_class(fold(text).split()):
            return
        if sum(1 for m in found if m.kind == "place" and start <= m.start and m.end <= end) >= 2:
            return  # "Québec & FREDERICK": two places of a dateline, not a name
        if _overlaps(start, end, [m for m in found if m.kind != "place"]):
            return
        if confidence < 0.7 and any(m.kind == "place" and (m.start, m.end) == (start, end) for m in found):
            return  # the model's organisation is a place a rule or the store already names
        placed = state.by_name.get(fold(text))
        if placed is not None and state.entities[placed].cls in _PLACE_CLASSES and not _weak_place(state.entities[placed]):
            return  # a place the dateline or the store names
        # An organisation's name may hold a place ("Région Bourgogne-Franche-Comté").
        inner = [m for m in found if m.kind == "place" and start <= m.start and m.end <= end]
        state.inner_places.extend(inner)
        found = [m for m in found if m not in inner]
        if _overlaps(start, end, found):
            return
        found.append(Mention(start, end, text, "org", cls, None, confidence, acronym))

    # 1. Organisations and people already known, and names met earlier in this article or run.
    known_names(places=False)
    for key, ident in list(state.by_name.items()):
        candidate = state.entities[ident]
        if len(key) < 3 or candidate.known or _weak_place(candidate):
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(key)}(?![\w-])", folded):
            if not _overlaps(match.start(), match.end(), found):
                # "le pôle de compétitivité Eurobiomed": a cue word says more than a headline did.
                cue_word = re.search(r"(?:^|\s)(" + "|".join(map(re.escape, ORG_CUES)) + r")\s+$", folded[:match.start()])
                cls = ORG_CUES[cue_word.group(1)] if cue_word and candidate.cls == "Organization" else candidate.cls
                found.append(Mention(match.start(), match.end(), sentence[match.start():match.end()], kind_of(cls), cls, None, candidate.confidence))
    # The dateline's places: "LAVAL, Québec, & VANCOUVER, British Columbia--".
    if index == 0:
        for start, end in dateline_places(sentence):
            if not _overlaps(start, end, found):
                text = sentence[start:end]
                found.append(Mention(start, end, text, "place", "Country" if fold(text) in _COUNTRIES else "Place", None, 0.65))
    # Enumerations of affiliations: "François Lacoste de bioMérieux, Christiane Wijsen de ...".
    for (p_start, p_end), (o_start, o_end) in _affiliation_lists(sentence, names):
        add_org(o_start, o_end, org_class(sentence[o_start:o_end], "Organization"), 0.6)
        if not _overlaps(p_start, p_end, found):
            found.append(Mention(p_start, p_end, sentence[p_start:p_end], "person", "Person", None, 0.7))
    # 2. New organisations: "Name Words (ACRO)", cue words, head words, mixed case, lists, spaCy.
    if _is_heading(sentence):
        # A headline's capitals are typography: only names written in mixed case, or met in the body.
        for match in [*_MIXED.finditer(sentence), *_COMPOUND.finditer(sentence)]:
            add_org(match.start(), match.end(), "Organization", 0.6)
        known_names(places=True)
        return sorted(found, key=lambda m: m.start)
    for match in _ACRONYM.finditer(sentence):
        if sum(1 for c in match.group(1) if c.isupper()) < 2:
            continue  # "HalioDX (Marseille)": a place in brackets, not an acronym
        before = sentence[: match.start()].rstrip()
        caps = list(_CAP_SEQ.finditer(before))
        if caps and caps[-1].end() == len(before) and not _is_person_name(caps[-1].group(0), names):
            start, text = trim_article(caps[-1].start(), before[caps[-1].start():])
            # "BIOQuébec and Life Sciences British Columbia (LSBC)": the acronym is the last one's.
            last = list(re.finditer(r"\s+(?:and|et|&)\s+", text))
            if last:
                start, text = start + last[-1].end(), text[last[-1].end():]
            if re.search(r"\b(?:a|an|un|une)\s+$", sentence[:start]):
                continue  # "As a Local Development Centre (CLD)": what it is, not its name
            add_org(start, start + len(text), org_class(text, "Organization"), 0.8, match.group(1))
    for match in re.finditer(
        r"(?:les |the )?(?:autorités|authorities)(?: économiques| economic)?(?: du| de la| de l’| des| of)\s+"
        rf"((?:Grand |Greater )?[{_UPPER}][\w-]+(?:\s+(?:et|and)\s+(?:de\s+|du\s+|l’)?[{_UPPER}][\w-]+)?)",
        sentence,
    ):
        add_org(match.start(), match.end(), "PublicAuthority", 0.6)
    for cue, cls in ORG_CUES.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(cue)}s?\s+", folded):
            if sentence[match.start()].isupper():
                continue  # "Agence Économique Régionale": part of the name, found by its head word
            at = match.end()
            adjective = re.match(r"([^\W\d]+)\s+", folded[at:])
            if adjective and adjective.group(1) in DEMONYMS:
                at += adjective.end()  # "l'entreprise américaine Gilson", "the Swiss company Roche"
            name = _CAP_SEQ.match(sentence[at:])
            if name and name.group(0).split()[0].lower() not in NOT_NAMES:
                add_org(at, at + len(trim_trailing(name.group(0))), cls, 0.7)
    for at, piece in _conjuncts(sentence):
        text = trim_trailing(piece)
        head = head_class(fold(text).replace(".", "").split())
        if head is None:
            continue
        start, text = trim_article(at, text)
        role_of = re.match(r"^.*?\b(?:of|at|de|du|d’|with)\s+(?:the\s+|la\s+|l’)?", text) if role_at(text) else None
        if role_of:
            # "CEO of Calcivis Therapeutics": the organisation starts after the post.
            start, text = start + role_of.end(), text[role_of.end():]
        if len(text.split()) >= 2 or head == "Company":
            add_org(start, start + len(text), head, 0.7)
    # "présidente de Genvia", "CEO of BioNova": a post's organisation; "between X and Y" an agreement's parties.
    for pattern in (_ROLE_OF, _BETWEEN):
        for match in pattern.finditer(folded):
            names_after = [_CAP_SEQ.match(sentence, match.end())]
            if pattern is _BETWEEN and names_after[0]:
                second = re.match(r"\s+(?:and|et|&)\s+(?:the\s+|la\s+|le\s+|l’)?", sentence[names_after[0].end():])
                if second:
                    names_after.append(_CAP_SEQ.match(sentence, names_after[0].end() + second.end()))
            for name in names_after:
                if name and name.group(0).split()[0].lower() not in NOT_NAMES:
                    for offset, piece in split_and(name.start(), trim_trailing(name.group(0))):
                        placed = state.by_name.get(fold(piece))
                        if placed is not None and state.entities[placed].cls in _PLACE_CLASSES:
                            continue  # "ties between Quebec and British Columbia": places
                        if not _is_person_name(piece, names) and (pattern is _BETWEEN or piece not in names.places):
                            add_org(offset, offset + len(piece), org_class(piece, "Organization"), 0.7)
    # "Anna Weber (Cellipse)": a person's organisation in brackets.
    for match in re.finditer(rf"({_PERSON.pattern[3:-3]})\s*\(([{_UPPER}][\w&.’'-]+(?:\s[{_UPPER}][\w&.’'-]+){{0,3}})\)", sentence):
        if _is_person_name(match.group(1), names) and match.group(2) not in names.places:
            add_org(match.start(2), match.end(2), org_class(match.group(2), "Organization"), 0.6)
    for match in ORG_LISTS.finditer(folded):
        _list_of_orgs(sentence, match.end(), add_org)
    for match in _APPOSED_ORG.finditer(sentence):
        cue = fold(match.group(2))
        cls = ORG_CUES.get(cue) or ORG_HEADS.get(cue) or "Organization"
        add_org(match.start(1), match.end(1), cls, 0.6)
    for org_name in sorted(names.orgs, key=len, reverse=True):
        org_name = _strip_roles(org_name)
        if len(org_name) < 2 or role_at(org_name) is not None or fold(org_name) in NOT_ORGS or fold(org_name) in _COUNTRIES:
            continue
        known_as = state.by_name.get(fold(org_name))
        if known_as is not None and _weak_place(state.entities[known_as]):
            continue  # a place elsewhere in the article ("Sherbrooke"): the model's guess, not a rule's
        if _PERSON.fullmatch(org_name) and re.search(rf"{re.escape(org_name)},\s+(?:the\s+|le\s+|la\s+)?\w", sentence):
            continue  # "declares Benoît Larose, CEO of ...": a person the model took for a company
        if not (org_name[:1].isupper() or _MIXED.fullmatch(org_name.split()[0])):
            continue
        for hit in re.finditer(rf"(?<![\w-]){re.escape(org_name)}(?![\w-])", sentence):
            if place_by_context(sentence, hit.start(), hit.end()) and not _overlaps(hit.start(), hit.end(), found):
                cls = "Country" if fold(org_name) in _COUNTRIES else "Place"  # "Québec Premier", "cluster of Flanders"
                found.append(Mention(hit.start(), hit.end(), org_name, "place", cls, None, 0.6))
                continue
            add_org(hit.start(), hit.end(), org_class(org_name, "Organization"), 0.55)
    for match in [*_MIXED.finditer(sentence), *_COMPOUND.finditer(sentence)]:
        whole = _enclosing_caps(sentence, match.start(), match.end())
        if fold(sentence[whole[0]:whole[1]]) in NOT_ORGS or _is_person_name(sentence[whole[0]:whole[1]], names):
            continue
        add_org(whole[0], whole[1], org_class(sentence[whole[0]:whole[1]], "Organization"), 0.6)
    # "BioWin et Medvia", "Eurobiomed, Medvia and Biocom": a capitalised word beside an organisation.
    for mention in [m for m in found if m.kind == "org"]:
        beside = re.match(rf"(?:\s*\([^()]{{1,15}}\))?(?:,\s+|\s+(?:et|and|&)\s+)([{_UPPER}][\w’'-]+(?:\s[{_UPPER}][\w’'-]+){{0,4}})(?=[\s,.;)]|$)", sentence[mention.end:])
        if beside:
            start, end = mention.end + beside.start(1), mention.end + beside.end(1)
            word = beside.group(1)
            if not (word.split()[0].lower() in NOT_NAMES or _is_person_name(word, names) or (word in names.places and not bad_place(word))):
                add_org(start, end, org_class(word, "Organization"), 0.6)
    for mention in [m for m in found if m.kind == "org" and m.confidence >= 0.7]:
        ahead = re.search(rf"(?:^|[\s,(])((?:[{_UPPER}][\w’'-]+)(?:\s[{_UPPER}][\w’'-]+){{0,3}})\s+(?:et|and|&)\s+$", sentence[:mention.start])
        if ahead:  # "Biopolis Québec et Life Science Ontario (LSO)"
            word = ahead.group(1)
            if not (word.split()[0].lower() in NOT_NAMES or _is_person_name(word, names) or word in names.places or state.by_name.get(fold(word)) in _place_ids(state)):
                add_org(ahead.start(1), ahead.end(1), org_class(word, "Organization"), 0.6)
    # The same name again in this sentence ("la société Transgene ... Directeur de Transgene").
    for mention in [m for m in found if m.kind == "org"]:
        for match in re.finditer(rf"(?<![\w-]){re.escape(mention.text)}(?![\w-])", sentence):
            if not _overlaps(match.start(), match.end(), found):
                found.append(Mention(match.start(), match.end(), mention.text, "org", mention.cls, mention.known, mention.confidence))
    # 3. Places the store knows, the dateline's, then places spaCy tags.
    known_names(places=True)
    for key, ident in list(state.by_name.items()):
        candidate = state.entities[ident]
        if _weak_place(candidate) and len(key) >= 3:
            for match in re.finditer(rf"(?<![\w-]){re.escape(key)}(?![\w-])", folded):
                if sentence[match.start()].isupper() and not _overlaps(match.start(), match.end(), found):
                    found.append(Mention(match.start(), match.end(), sentence[match.start():match.end()], "place", candidate.cls, None, candidate.confidence))
    for place in sorted(names.places, key=len, reverse=True):
        if len(place) < 3 or not place[:1].isupper() or fold(place) in NOT_ORGS or role_at(place) or bad_place(place):
            continue
        if generic_only(place):
            continue  # "Santé"
        for hit in re.finditer(rf"(?<![\w-]){re.escape(place)}(?!\w)(?!-(?!based|basee))", sentence):
            if _overlaps(hit.start(), hit.end(), found) or _is_person_name(place, names) or rubric(sentence, hit.start(), hit.end()):
                continue
            cls = "Country" if fold(place) in _COUNTRIES else "Place"
            found.append(Mention(hit.start(), hit.end(), place, "place", cls, None, 0.6))
    # 4. People: spaCy's names, then "First Last" beside a post.
    for tagged in sorted(names.persons, key=len, reverse=True):
        person = _person_part(tagged)
        if person is None:
            continue
        for hit in re.finditer(rf"(?<![\w-]){re.escape(person)}(?![\w-])", sentence):
            end = hit.end()
            longer = _PERSON.match(sentence, hit.start())
            if longer and longer.end() > end and len(longer.group(0).split()) <= 4:
                end = longer.end()  # "Kendalle Burlin O’Connell": the model stopped at the apostrophe
            if not _overlaps(hit.start(), end, found):
                found.append(Mention(hit.start(), end, sentence[hit.start():end], "person", "Person", None, 0.8))
    for match in _PERSON.finditer(sentence):
        text = match.group(1)
        while len(text.split()) > 2 and fold(text.split()[-1]) in ROLES:
            text = text.rsplit(" ", 1)[0]  # "Michael DANON Président": the name, not the post
        first = text.split()[0].lower()
        if first in NOT_NAMES or _overlaps(match.start(), match.start() + len(text), found):
            continue
        if fold(text).split()[0] in ROLES or any(w.lower() in ("de", "du", "des") for w in text.split()[1:2]) or generic_only(text):
            continue  # "Business Development Manager": a post's words, not a name
        after = sentence[match.start() + len(text): match.start() + len(text) + 60]
        before = sentence[max(0, match.start() - 40): match.start()]
        by_post = bool(re.match(r",?\s*(?:the |le |la |l’)?\S", after) and role_at(after.lstrip(", ")))
        by_post = by_post or bool(_PERSON_TITLES.match(after)) or bool(re.search(r"(?:ceo|president|director|founder|chair\w*|head|directeur|directrice|président\w*|pdg|said|says|declares|declared|stated|told|souligne|explique|déclare|affirme|indique|précise|commente|ajoute|rappelle)\s*,?\s*$", before, re.IGNORECASE))
        if by_post:
            found.append(Mention(match.start(), match.start() + len(text), text, "person", "Person", None, 0.7))
    return sorted(found, key=lambda m: m.start)


def _is_heading(sentence: str) -> bool:
    """A headline in title case: "BIOQuébec and MassBio Renew Their Memorandum of Cooperation"."""
    words = [w for w in re.findall(r"[^\W\d]+", sentence) if len(w) >= 4]
    if sentence.rstrip().endswith((".", "!", "?")) or any(q in sentence for q in "«»“”\"") or len(words) < 3:
        return False
    return sum(1 for w in words if w[:1].isupper()) / len(words) >= 0.7



def _conjuncts(sentence: str) -> list[tuple[int, str]]:
    """Capitalised sequences, split at "and"/"et": "Sherbrooke Innopole and Medicon Village"."""
    out = []
    for match in _CAP_SEQ.finditer(sentence):
        offset = match.start()
        for piece in re.split(r"(\s+(?:and|et|&)\s+)", match.group(0)):
            if piece and not re.fullmatch(r"\s+(?:and|et|&)\s+", piece):
                out.append((offset, piece))
            offset += len(piece)
    return out



def _affiliation_lists(sentence: str, names: Names) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """"François Lacoste de bioMérieux, Christiane Wijsen de Boehringer Ingelheim France, ...":
    items of an enumeration that are a person's name, "de", and an organisation's name."""
    out = []
    pattern = re.compile(
        rf"^\s*({_PERSON.pattern[3:-3]})\s+(?:de la|de l’|du|des|de|d’)\s*((?:[{_UPPER}]|[a-z]+[{_UPPER}])[\w’'&.-]*(?:\s+(?:(?:de\s+|du\s+)?[{_UPPER}][\w’'&.-]*|biotech|pharma|bio|santé|group|groupe|labs|therapeutics)){{0,3}})"
    )
    offset = 0
    pieces = re.split(r"(,\s+|\s+et\s+(?:enfin\s+)?|\s*\([^)]*\)\s*|\.\s*$)", sentence)
    for piece in pieces:
        match = pattern.match(piece) if piece else None
        if match:
            out.append(((offset + match.start(1), offset + match.end(1)), (offset + match.start(2), offset + match.end(2))))
        offset += len(piece)
    return out if len(out) >= 2 else []


def _person_part(name: str) -> str | None:
    """A tagged person name made clean: no honorific, no "de Sanofi" tail, two to four words."""
    name = HONORIFICS.sub("", name.strip())
    name = re.split(rf"\s+(?:de la|de l’|du|des|de|d’|d'|at|of)\s*(?=[{_UPPER}a-z])", name)[0]
    name = re.split(r"\s*[,(]", name)[0].strip()
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() or w in ("de", "van", "von", "da", "di", "le") for w in words):
        return None
    if fold(words[0]) in NOT_NAMES or ROLE_WORDS.search(fold(name)) or head_class(fold(name).split()):
        return None
    if any(_MIXED.fullmatch(w) or _COMPOUND.fullmatch(w) for w in words):
        return None  # "Ginkgo Bioworks": a company's name
    if generic_only(name):
        return None  # "Business Development"
    return name


def _is_person_name(text: str, names: Names) -> bool:
    """``text`` is a name the model tagged as a person's (or its first words: "Maud Bouvier d’Evotec")."""
    # Only names that look like people's: the model also tags "Montréal InVivo" a person.
    return any(text == p or p.startswith(text + " ") for p in names.persons if len(p.split()) >= 2 and _person_part(p) is not None)


def _place_ids(state: State) -> set[str]:
    return {i for i, c in state.entities.items() if c.cls in _PLACE_CLASSES}


def _list_of_orgs(sentence: str, start: int, add_org: Callable[[int, int, str, float], None]) -> None:
    """"... businesses: Immune Biosolutions, Diex Recherche, Gilson and Covance by Labcorp"."""
    tail = sentence[start:]
    stop = re.search(r"[.;:]\s|[.;:]$|\.\s*$", tail)
    tail = tail[: stop.start()] if stop else tail
    offset = start
    for piece in re.split(r"(,\s+(?:and\s+|et\s+)?|\s+and\s+|\s+et\s+)", tail):
        text = piece.strip()
        if text and not re.fullmatch(r",\s+(?:and\s+|et\s+)?|\s+and\s+|\s+et\s+", piece):
            lead = len(piece) - len(piece.lstrip())
            words = text.split()
            if text[:1].isupper() and len(words) <= 5 and words[0].lower() not in NOT_NAMES:
                # 0.7: an item of a list of companies is one even if it reads like a person's name.
                add_org(offset + lead, offset + lead + len(trim_trailing(text)), org_class(text, "Company"), 0.7)
        offset += len(piece)


def _enclosing_caps(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The capitalised words around a mixed-case word ("Montréal InVivo"), when they are few
    and hold no other name of their own ("BIO International Convention BIOQuébec": BIOQuébec)."""
    for s, text in _conjuncts(sentence):
        if s <= start and end <= s + len(text):
            s2, text = trim_article(s, trim_trailing(text))
            lead = re.match(r"^.*?\b(?:of|at|de|du|d’|d')\s*(?:the\s+|la\s+|l’)?", text) if role_at(text) else None
            if lead and s2 + lead.end() <= start:
                s2, text = s2 + lead.end(), text[lead.end():]  # "Président de BioValley France"
            words = text.split()
            others = [w for w in words if w != sentence[start:end] and (_MIXED.fullmatch(w) or w.isupper())]
            if len(words) > 3 or others or _EVENT_NAME.search(fold(text)):
                return start, end
            return s2, s2 + len(text)
    return start, end


def _weak_place(candidate: Candidate) -> bool:
    """A place only the model (or a dateline) proposed: a later rule may find it is an organisation."""
    return candidate.cls in _PLACE_CLASSES and not candidate.known and candidate.confidence <= 0.6


def _strip_roles(name: str) -> str:
    """"BIOQuébec Executive Director" -> "BIOQuébec"; "the Maryland Tech Council" -> "Maryland Tech Council"."""
    name = re.sub(r"^(?:the|le|la|les|l’|l')\s*", "", name.strip(), flags=re.IGNORECASE)
    folded = fold(name)
    match = ROLE_WORDS.search(folded)
    if match and match.start() > 0:
        name = name[: match.start()].strip()
    return name.strip(" ,.’'")
