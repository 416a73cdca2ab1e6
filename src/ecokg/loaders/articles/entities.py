"""Mentions of people, organisations and places in one sentence.

In order: names the store knows (and names met earlier in the run), organisations by rules
("Name (ACRONYM)", cue and head words, names written in mixed case like "BioWin", lists
after "companies:"), organisations spaCy tags, places (known, then tagged), and people
(tagged by spaCy, or "First Last" beside a post). A span is taken by the first rule that
claims it. Sentences arrive with their quotations blanked (:mod:`.reading`).
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.beside_posts import people_beside_posts
from ecokg.loaders.articles.grammar import seat_in_name, whole_name
from ecokg.loaders.articles.institutions import (
    COUNTRY_NAMES,
    authorities,
    french_institutions,
    intercommunalities,
    listed_names,
    members_of,
    symbol_acronyms,
)
from ecokg.loaders.articles.known_bodies import known_bodies
from ecokg.loaders.articles.lexical import (
    a_surname,
    known_country,
    known_place,
    not_an_acronym,
    seat_complement,
)
from ecokg.loaders.articles.linking import Mention, State
from ecokg.loaders.articles.lists import (
    affiliation_lists,
    ahead_orgs,
    announces_list,
    beside_orgs,
    bullet_item,
    described_names,
    list_of_orgs,
    plural_kind_lists,
)
from ecokg.loaders.articles.named_after import bodies_named_after, kind_before_name, person_outside
from ecokg.loaders.articles.ner import Names
from ecokg.loaders.articles.notnames import (
    a_thing,
    byline,
    common_noun,
    demonym,
    described,
    event_name,
    generic_only,
    honorific_end,
    joins_next,
    leading_stop_word,
    minister_of,
    only_a_kind,
    only_a_post,
    organ_or_source,
    place_by_context,
    plural_acronym,
    rubric,
    sector_descriptor,
    ticker,
    with_honorific,
)
from ecokg.loaders.articles.patterns import (
    ACRONYM,
    APPOSED_ORG,
    BETWEEN,
    CAP_SEQ,
    COMPOUND,
    MIXED,
    PERSON,
    ROLE_AT,
    ROLE_OF,
    SITE_OF,
    TITLE_OF,
    UPPER,
)
from ecokg.loaders.articles.people import common_words_only
from ecokg.loaders.articles.places import find_places, overlaps
from ecokg.loaders.articles.quoted_names import quoted_names
from ecokg.loaders.articles.shapes import (
    COUNT,
    EVENT_NAME,
    FUNCTION_WORDS,
    INSTITUTION,
    PLACE_CLASSES,
    conjuncts,
    enclosing_caps,
    initials_of,
    is_heading,
    is_person_name,
    met_person,
    org_on_its_own,
    person_part,
    place_ids,
    place_of_store,
    possessive_in_name,
    spelled_out,
    strip_roles,
    weak_place,
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
from ecokg.loaders.articles.tagged_people import tagged_people
from ecokg.loaders.articles.vocabulary import (
    COMPANY_ENDINGS,
    DEMONYMS,
    HONORIFICS,
    NOT_NAMES,
    NOT_ORGS,
    ORG_CUES,
    ORG_HEADS,
    ORG_LISTS,
    ROLE_WORDS,
    ROLES,
)
from ecokg.text import fold


def find_mentions(state: State, sentence: str, names: Names, index: int = 1) -> list[Mention]:
    found: list[Mention] = []
    met: list[Mention] = []  # names met earlier in the article (a longer name may contain one)
    blocked: list[Mention] = []  # spans that are not names, whatever a later rule says
    # people a given name announces (ner.Names.named): no rule makes them organisations
    lexicon_people = [Mention(m.start(), m.end(), p, "person", "Person", None, 0.7) for p in names.named for m in re.finditer(rf"(?<![\w-]){re.escape(p)}(?![\w-])", sentence)]
    folded = fold_keep_length(sentence)
    state.vote(names.orgs, names.places)

    def kind_of(cls: str) -> str:
        return "place" if cls in PLACE_CLASSES else "person" if cls == "Person" else "org"

    def known_names(places: bool) -> None:
        for name, entity in state.known_names:
            if (entity.cls in PLACE_CLASSES) != places:
                continue
            if name.isupper():
                pattern, haystack = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])"), sentence
            else:
                pattern = re.compile(rf"(?<![\w-]){re.escape(fold_keep_length(name))}(?![\w-])")
                haystack = folded
            for match in pattern.finditer(haystack):
                if re.match(rf"\s+[{UPPER}]", sentence[match.end():]) and len(name.split()) <= 2 and not places:
                    continue  # "la Région" inside "la Région Occitanie": a longer name, not this one
                if places and any(m.start <= match.start() and match.end() <= m.end for m in found if m.kind == "org" and m.known is None):
                    state.inner_places.append(Mention(match.start(), match.end(), sentence[match.start():match.end()], "place", entity.cls, entity, 1.0))
                elif not overlaps(match.start(), match.end(), found):
                    found.append(Mention(match.start(), match.end(), sentence[match.start():match.end()], kind_of(entity.cls), entity.cls, entity, 1.0))

    def add_org(start: int, end: int, cls: str, confidence: float, acronym: str | None = None) -> None:
        nonlocal found
        start, end = trim_span(sentence, start, end)
        # A fragment is read as the whole name ("[Groupement Européen d’]Intérêt Économique"); "de
        # Biotechnologie [Genvia]"; "[Enterprise X] New York office": the office's place is a place.
        start, end, office = whole_name(sentence, start, end, names.places)
        if office:
            state.inner_places.append(Mention(office[0], office[1], office[2], "place", "Place", None, 0.6))
        if overlaps(start, end, blocked) or sentence[start:end] in names.given:
            return  # (a first name of a list: "Ils s’appellent A, B et C")
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
        owner = re.match(r"^([^’']+)[’']s\s+(?=\S)", text)
        if owner and (fold(owner.group(1)) in COUNTRY_NAMES or owner.group(1) in names.places or state.by_name.get(fold(owner.group(1))) in place_ids(state)):
            start, text = start + owner.end(), text[owner.end():]  # "Germany's Federal Ministry of ...": a place's body
        cut = re.search(r"[’']s\b", text)
        if cut and possessive_in_name(text[cut.end():], sentence[end:end + 30]):
            cut = None  # "St. Michael’s Hospital", "Blueberry’s Studio": the possessive is the name's
        honorific = HONORIFICS.match(text)
        if honorific and any(text[honorific.end():].startswith(p + " ") for p in names.persons):
            start, text = start + honorific.end(), text[honorific.end():]  # "Prof. Hiroshi Tanabe of X University"
        person_of = next((re.match(rf"{re.escape(p)}\s+(?:de la|de l’|de l'|of the|des|de|du|d’|d'|of|at)\s*", text)
                          for p in sorted(names.persons, key=lambda n: (-len(n), n)) if text.startswith(p + " ") and person_part(p)), None)
        if person_of and person_of.end() < len(text):
            start, text = start + person_of.end(), text[person_of.end():]  # "Catherine Staron de la Région X": the Région
        based = re.match(r"^[\w’'.-]+-based\s+", text)
        if based:
            start, text = start + based.end(), text[based.end():]  # "the Helsinki-based Biovian Oy"
        board = re.search(r"\s+(?:Board(?: of (?:Trustees|Directors|Governors))?|Executive Committee|Conseil d[’']administration)$", text)
        if board:
            end, text = start + board.start(), text[: board.start()]  # "the Biocat Board of Trustees": Biocat
        last_two = " ".join(text.split()[-2:])
        # the shortest first: the model's longer person glued to a body holds the body's last word
        # ("... de Référence Tomas X"); a fixed order, as a set's changes with the hash seed
        glued = next((p for p in sorted(names.persons, key=lambda n: (len(n), n)) if len(p.split()) >= 2 and text.endswith(" " + p) and person_part(p)), None) or next(
            (last_two for p in names.persons if len(text.split()) > 2 and (text.endswith(p) or p.endswith(text))
             and p.endswith(" " + last_two) and PERSON.fullmatch(last_two) and person_part(last_two)), None
        ) or next(
            (" ".join(text.split()[-k:]) for k in (2, 3) if len(text.split()) > k and met_person(state, " ".join(text.split()[-k:]))), None
        )
        titled = len(text.split()) > 2 and PERSON.fullmatch(last_two) and person_part(last_two) and not common_words_only(last_two, state.lang) and not (
            last_two.split()[-1].isupper() or generic_only(last_two.split()[0]) or state.by_name.get(fold(last_two.split()[-1])) in place_ids(state)
            or fold(last_two.split()[-1]) in {fold(m.text) for m in found if m.kind == "place"}) and TITLE_OF.search(
            fold(sentence[max(0, start - 50):start] + "|")[:-1])  # "President of the Government of X Karl Vosk"
        glued = glued or (last_two if titled else None)
        glued = None if glued and kind_before_name(text[: -len(glued) - 1]) else glued  # "CHU Ibn Sina": a body's name (round 15)
        if not glued and len(text.split()) > 2 and PERSON.fullmatch(last_two) and person_part(last_two):
            glued = last_two if minister_of(sentence[max(0, start - 50):end - len(last_two)]) else None
        if glued and (generic_only(text[: -len(glued) - 1]) or minister_of(text[: -len(glued)])):  # "ministre de l'Économie X":
            if not overlaps(end - len(glued), end, found):  # a title's words, then the person
                found.append(Mention(end - len(glued), end, glued, "person", "Person", None, 0.7))
            return
        if glued and (titled or org_on_its_own(state, text[: -len(glued) - 1]) or re.search(r"\w[’']s$", text[: -len(glued) - 1])):
            end, text = end - len(glued) - 1, text[: -len(glued) - 1]  # "Government of Catalonia Artur Mas"
            if not overlaps(end + 1, end + 1 + len(glued), found):
                found.append(Mention(end + 1, end + 1 + len(glued), glued, "person", "Person", None, 0.7))
            if owner := re.search(r"[’']s$", text):  # "the Alliance’s Tomas Ferreira": the Alliance's person
                end, text, cut = end - 2, text[: owner.start()], None
        role = ROLE_WORDS.search(fold_keep_length(text))
        for stop in (cut.start() if cut else None, role.start() if role else None):
            if stop is not None and stop > 1:
                end = start + len(re.sub(r"(?:(?<=s)[’']|[\s,])+$", "", text[:stop]))  # "Helix Labs' COO": Helix Labs
                text = sentence[start:end]
        inside = re.search(r"\b(?:convention|summit|sommet|conference|congress|forum)\s+", fold_keep_length(text))
        if inside:
            start += inside.end()  # "BIO International Convention BIOQuébec"
            text = sentence[start:end]
        if drop := leading_stop_word(sentence, start, text, state.lang):
            start, text = start + drop, text[drop:]  # "Pourquoi Eurobiomed": the sentence's first word
        if end - start < 2 or fold(text) in NOT_ORGS or fold(text).split()[0] in ("the", "le", "la", "les"):
            return
        seat = seat_in_name(text, lambda w: w in names.places or state.by_name.get(fold(w)) in place_ids(state), names.orgs | names.persons | names.places)
        if seat:  # "Institut Pasteur de Dakar": a place too; "Institut Pasteur" an alias
            state.inner_places.append(Mention(start + seat[1], end, text[seat[1]:], "place", "Place", None, 0.6))
        if drop := honorific_end(text):  # "Stakeholder Engagement Dr": the next person's honorific
            end, text = end - drop, sentence[start:end - drop]
        if legal := re.search(r",\s+(?:Inc|Ltd|LLC|Corp|plc|S\.?A|AG|GmbH|N\.?V|B\.?V)\.?$", text):
            end, text = start + legal.start(), text[: legal.start()]  # "Vantora Bio, Inc.": the name without its form
        if confidence < 0.8 and a_surname(text, [p for p in [c.label for c in state.entities.values() if c.cls == "Person"] + [p for p in names.persons if person_part(p) == p] if p.istitle()]):
            return  # "Other board members include Johnson;": David Johnson, named short (round 12)
        if with_honorific(text) or only_a_post(text) or only_a_kind(text) or plural_acronym(text) or event_name(sentence, start, text):
            return  # a person, a post, an event
        if demonym(text) or byline(sentence, start, end) or ticker(sentence, start) or a_thing(sentence, start, end) or organ_or_source(sentence, start, end) or (confidence <= 0.6 and common_noun(text, state.sentences)):
            return  # "Flemish"; "AsianScientist (Dec. 17, 2013) –": the dispatch's publisher
        if confidence <= 0.55 and rubric(sentence, start, end):
            return  # "Décryptage : ...": a heading's rubric the model took for a name ("BioWin : ..." stays)
        if confidence < 0.8 and (generic_only(text) or sector_descriptor(text)):
            return  # "Business Development", "Santé du Grand Sud": words of a description
        if EVENT_NAME.search(fold(text)) or described(sentence, start, state.lang):
            return  # an event's name; "as a Local Development Centre", "a potential X Center": what it is
        if confidence < 0.7 and PERSON.fullmatch(text) and is_person_name(text, names) and not head_class(fold(text).split()):
            return
        if sum(1 for m in found if m.kind == "place" and start <= m.start and m.end <= end) >= 2:
            return  # "Québec & FREDERICK": two places of a dateline, not a name
        # (only a name that starts the longer one: "Assemblées Générales Eurobiomed" is an event's)
        inner_met = [m for m in met if "(" not in text and (start == m.start < m.end < end or (  # an institution's name
            confidence >= 0.7 and start < m.start and m.end <= end and head_class(fold(text).split())  # holding one met
            and head_class(fold(sentence[start:m.start]).split())))]  # its own kind word before: not "Board of X"
        if confidence >= 0.6 and inner_met and all(m.kind == "org" for m in inner_met) and not overlaps(start, end, [m for m in found if m.kind != "place" and m not in inner_met]):
            # "MaRS Innovation" beats "MaRS", met earlier: the longer name a rule finds is another one.
            found = [m for m in found if m not in inner_met]
        if overlaps(start, end, [m for m in found if m.kind != "place"]):
            return
        if (confidence < 0.7 and any(m.kind == "place" and (m.start, m.end) == (start, end) for m in found)) or (confidence <= (0.7 if " " in text else 0.6) and acronym is None and (known_place(text, names.places) or text in names.features)) or (confidence <= 0.7 and acronym is None and known_country(text)):
            return  # a place a rule, the store or the gazetteer names ("Florida's ... association"; "CEO of Suez" stays)
        placed = state.by_name.get(fold(text))
        if placed is not None and state.entities[placed].cls in PLACE_CLASSES and not weak_place(state.entities[placed]):
            return  # a place the dateline or the store names
        # An organisation's name may hold a place ("Région Bourgogne-Franche-Comté").
        inner = [m for m in found if m.kind == "place" and start <= m.start and m.end <= end]
        state.inner_places.extend(inner)
        if not inner and (seat_at := seat_complement(text, state.lang)) is not None:  # "Université de Lorraine": Lorraine too
            state.inner_places.append(Mention(start + seat_at, end, text[seat_at:], "place", "Place", None, 0.6))
        found = [m for m in found if m not in inner]
        if overlaps(start, end, found) or overlaps(start, end, lexicon_people):
            return
        found.append(Mention(start, end, text, "org", cls, None, confidence, acronym, seat[0] if seat else None))

    # 1. Organisations and people already known, and names met earlier in this article or run.
    known_names(places=False)
    for key, ident in list(state.by_name.items()):
        candidate = state.entities[ident]
        if len(key) < 3 or candidate.known or weak_place(candidate):
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(key)}(?![\w-])", folded):
            # "le pôle de compétitivité Eurobiomed": a cue word says more than a headline did; (round 13)
            # "Alain X" of "la Fondation X" is the lexicon's person, not the body met before
            if not overlaps(match.start(), match.end(), found) and not (kind_of(candidate.cls) == "org" and person_outside(match.start(), match.end(), lexicon_people)):
                cue_word = re.search(r"(?:^|\s)(" + "|".join(map(re.escape, ORG_CUES)) + r")\s+$", folded[:match.start()])
                cls = ORG_CUES[cue_word.group(1)] if cue_word and candidate.cls == "Organization" else candidate.cls
                met.append(Mention(match.start(), match.end(), sentence[match.start():match.end()], kind_of(cls), cls, None, candidate.confidence))
                found.append(met[-1])
    if index <= 1:  # the dateline's places ("LAVAL, Québec, & VANCOUVER, British Columbia--"), perhaps after a headline
        for start, end in dateline_places(sentence):
            if not overlaps(start, end, found):
                text = sentence[start:end]
                found.append(Mention(start, end, text, "place", "Country" if fold(text) in COUNTRY_NAMES else "Place", None, 0.65))
    # Enumerations of affiliations: "François Lacoste de bioMérieux, Christiane Wijsen de ...".
    for (p_start, p_end), (o_start, o_end) in affiliation_lists(sentence, names):
        add_org(o_start, o_end, org_class(sentence[o_start:o_end], "Organization"), 0.6)
        title = re.match(r"(\w+)\s+(?=\w+\s+\w)", sentence[p_start:p_end])
        if title and (fold(title.group(1).rstrip("s")) in ROLES or HONORIFICS.match(title.group(1).rstrip("s") + " X")):
            p_start += title.end()  # "les Ministres Paul Roussel de ...": the title, then the name
        if not overlaps(p_start, p_end, found):
            found.append(Mention(p_start, p_end, sentence[p_start:p_end], "person", "Person", None, 0.7))
    # 2. New organisations: "Name Words (ACRO)", cue words, head words, mixed case, lists, spaCy.
    item = bullet_item(sentence)
    if item is not None and state.org_list_open:
        # "its member institutions:" then one per line: "• Mount Sinai Hospital", "• Baycrest".
        add_org(item[0], item[1], org_class(sentence[item[0]:item[1]], "Organization"), 0.7)
    else:
        state.org_list_open = announces_list(folded)
    if is_heading(sentence):
        # A headline's capitals are typography: only names written in mixed case, or met in the body.
        for match in [*MIXED.finditer(sentence), *COMPOUND.finditer(sentence)]:
            add_org(match.start(), match.end(), "Organization", 0.6)
        known_names(places=True)
        return sorted([*found, *(m for m in lexicon_people if not overlaps(m.start, m.end, found))], key=lambda m: m.start)
    for match in ACRONYM.finditer(sentence):
        if sum(1 for c in match.group(1) if c.isupper()) < 2 or not_an_acronym(sentence, match.start(), match.end(), match.group(1)):
            continue  # "HalioDX (Marseille)", "Buea (Sud-Ouest)": a place in brackets, not an acronym
        before = sentence[: match.start()].rstrip()
        spelled = spelled_out(before, match.group(1))
        if spelled is not None and (COUNT.search(sentence[:spelled]) or generic_only(before[spelled:])):
            blocked.append(Mention(spelled, match.end(), before[spelled:], "org", "Organization", None, 0.0))
            continue  # "la Stratégie nationale de santé (SNS)": a notion and its acronym
        if spelled is not None:  # "l'Agence de développement et d'innovation de la Nouvelle-Aquitaine (ADI N-A)"
            add_org(spelled, len(before), org_class(before[spelled:], "Organization"), 0.8, match.group(1))
            continue
        caps = list(CAP_SEQ.finditer(before))
        if caps and caps[-1].end() == len(before) and not is_person_name(caps[-1].group(0), names):
            start, text = trim_article(caps[-1].start(), before[caps[-1].start():])
            if seat_complement(before[max(0, start - 60):start + len(text)], state.lang) is not None and " " not in text:
                continue  # "centre hospitalier de Mayotte (CHM)": the acronym is the lower-case body's, the place a place
            # "BIOQuébec and Life Sciences British Columbia (LSBC)": the acronym is the last one's.
            last = list(re.finditer(r"\s+(?:and|et|&)\s+", text))
            # (the last "and" whose name is not only generic words: "in Midtown and Bio-Research &
            # Development Growth (BRDG)" is the name after "and")
            joint = next((a for a in reversed(last) if not generic_only(text[a.end():])), None) if last and not initials_of(text, match.group(1)) else None
            if joint is not None:
                start, text = start + joint.end(), text[joint.end():]
            if described(sentence, start, state.lang) or generic_only(re.split(r"[’']s\s+", text)[-1]) or COUNT.search(sentence[:start]) or a_thing(sentence, start, start + len(text)):
                # "As a Local Development Centre (CLD)": what it is; "Singapore’s Knowledge-Based Economy
                # (KBE)": a notion; "among 11 new Centres of Excellence (CECRs)": a kind of thing counted.
                blocked.append(Mention(start, match.end(), text, "org", "Organization", None, 0.0))
                continue
            institution = next((m for m in INSTITUTION.finditer(before) if m.end() == len(before) and m.start() < start), None)
            if institution and fold(text)[:1] != fold(match.group(1))[:1] == fold(institution.group(0))[:1]:
                start, text = institution.start(), institution.group(0)  # "Agence de ... de la Région Occitanie (AD'OCC)": the agency's
            add_org(start, start + len(text), org_class(text, "Organization"), 0.8, match.group(1))
    # Names capitalised sequences miss (institutions.py): "Ministry of Health, Welfare and Sport", "A*STAR".
    for start, end, cls in known_bodies(sentence):  # knowledge from outside the articles (known_bodies.py)
        add_org(start, end, cls, 0.8)
    for start, end, cls in [*quoted_names(sentence), *bodies_named_after(sentence, names.persons)]:
        found = [m for m in found if not (m.kind == "person" and start <= m.start and m.end <= end)]  # a whole name: a person's inside it is the name's
        add_org(start, end, cls, 0.75)
    for start, end, cls in [*listed_names(sentence), *french_institutions(sentence), *symbol_acronyms(sentence), *intercommunalities(sentence, state.lang)]:
        add_org(start, end, cls, 0.75)
    for start, end, cls in [*authorities(sentence), *members_of(sentence), *described_names(sentence, lambda w: state.by_name.get(fold(w)) in place_ids(state))]:  # "les autorités ... du Grand X", "chercheurs de l'Inserm"
        add_org(start, end, cls, 0.6)
    for match in SITE_OF.finditer(sentence):
        add_org(match.start(1), match.end(1), org_class(match.group(1), "Company"), 0.6)  # "le site de Sanofi à Lyon"
    for match in re.finditer(rf"(?<![\w-])[{UPPER}]{{2,6}}\s+(?:de|du|d’|d')\s*[{UPPER}][\w-]+", sentence):
        if state.by_name.get(fold(match.group(0).split()[0])) not in place_ids(state):
            add_org(match.start(), match.end(), "Organization", 0.6)  # "le CHU de Rennes": an acronym and its seat
    for match in INSTITUTION.finditer(sentence):  # "Communauté d'agglomération du Grand X": lower-case words inside
        add_org(match.start(), match.end(), org_class(match.group(0), "PublicAuthority"), 0.7)
    for cue, cls in ORG_CUES.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(cue)}s?\s+", folded):
            if sentence[match.start()].isupper():
                continue  # "Agence Économique Régionale": part of the name, found by its head word
            at = match.end()
            adjective = re.match(r"([^\W\d]+)\s+", folded[at:])
            if adjective and (adjective.group(1) in DEMONYMS or (
                sentence[at].islower() and len(adjective.group(1)) >= 5 and adjective.group(1) not in FUNCTION_WORDS
            )):
                at += adjective.end()  # "l'entreprise américaine Gilson", "l'agence strasbourgeoise Blueberry’s Studio"
            name = CAP_SEQ.match(sentence[at:])
            if name and name.group(0).split()[0].lower() not in NOT_NAMES:
                add_org(at, at + len(trim_trailing(name.group(0))), cls, 0.7)
    for at, piece in conjuncts(sentence):
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
    for pattern in (ROLE_OF, ROLE_AT, BETWEEN):
        for match in pattern.finditer(folded):
            names_after = [CAP_SEQ.match(sentence, match.end())]
            if pattern is BETWEEN and names_after[0]:
                second = re.match(r"\s+(?:and|et|&)\s+(?:the\s+|la\s+|le\s+|l’)?", sentence[names_after[0].end():])
                if second:
                    names_after.append(CAP_SEQ.match(sentence, names_after[0].end() + second.end()))
            for name in names_after:
                if name and name.group(0).split()[0].lower() not in NOT_NAMES:
                    for offset, piece in split_and(name.start(), trim_trailing(name.group(0)), joins_next):
                        placed = state.by_name.get(fold(piece))
                        partner = pattern is BETWEEN and bool(re.match(r"(?:s'|partners\s|partnered\s|team)", match.group(0)))
                        if placed is not None and state.entities[placed].cls in PLACE_CLASSES and (
                            place_of_store(state, piece) if pattern is not BETWEEN else not partner
                        ):  # "ties between Quebec and British Columbia": places ("s'associe à Nordev" is a partner;
                            continue  # "présidente de l'Inserm": a post's body, where the model saw a place)
                        # "président du Leem": an article before the name makes it a body's, not a town's.
                        body = re.search(r"(?:\bdu|\bde la|\bde l'|\bof the)\s*$", match.group(0)) and fold(piece) not in COUNTRY_NAMES
                        # "directeur général d'Innovaxe": a post is held in a body, whatever the model says
                        body = body or (pattern is not BETWEEN and fold(piece) not in COUNTRY_NAMES and not place_of_store(state, piece))
                        # "an agreement with the Massachusetts (U.S.) ...": "with" after a noun may name a place
                        named = pattern is BETWEEN and (partner or bool(re.search(r"\b(?:between|entre)\s", match.group(0))))
                        if not is_person_name(piece, names) and (named or piece not in names.places or body):
                            add_org(offset, offset + len(piece), org_class(piece, "Organization"), 0.7)
    # "Anna Weber (Cellipse)": a person's organisation in brackets.
    for match in re.finditer(rf"({PERSON.pattern[3:-3]})\s*\(([{UPPER}][\w&.’'-]+(?:\s[{UPPER}][\w&.’'-]+){{0,3}})\)", sentence):
        if is_person_name(match.group(1), names) and match.group(2) not in names.places:
            add_org(match.start(2), match.end(2), org_class(match.group(2), "Organization"), 0.6)
    plural_kind_lists(sentence, add_org)  # "les entreprises A, B et C"
    for match in ORG_LISTS.finditer(folded):
        kind = "Cluster" if re.search(r"\b(?:clusters|poles)\b", match.group(0)) else "Organization" if re.search(
            r"\b(?:institutions|partners|members|partenaires|membres|organi[sz]ations|etablissements)\b", match.group(0)) else "Company"
        list_of_orgs(sentence, match.end(), add_org, kind)
    for match in APPOSED_ORG.finditer(sentence):
        cue = fold(match.group(2))
        cls = ORG_CUES.get(cue) or ORG_HEADS.get(cue) or "Organization"
        add_org(match.start(1), match.end(1), cls, 0.6)
    for tagged in sorted(names.persons):  # sorted: a set's order changes with the hash seed
        if fold(tagged.split()[-1]) in COMPANY_ENDINGS and 2 <= len(tagged.split()) <= 4:
            for hit in re.finditer(rf"(?<![\w-]){re.escape(tagged)}(?![\w-])", sentence):
                add_org(hit.start(), hit.end(), "Company", 0.6)  # "Corvine Bio": the model's person is a company
    for org_name in sorted(names.orgs, key=lambda n: (-len(n), n)):  # ties in a fixed order
        org_name = strip_roles(org_name)
        if len(org_name) < 2 or role_at(org_name) is not None or fold(org_name) in NOT_ORGS or fold(org_name) in COUNTRY_NAMES:
            continue
        known_as = state.by_name.get(fold(org_name))
        if (known_as is not None and weak_place(state.entities[known_as])) or a_surname(org_name, [c.label for c in state.entities.values() if c.cls == "Person"]):
            continue  # a place elsewhere in the article ("Sherbrooke"): the model's guess, not a rule's; "Narayan said"
        if PERSON.fullmatch(org_name) and (comma := re.search(rf"{re.escape(org_name)},\s+(.{{0,40}})", sentence)) and role_at(comma.group(1)):
            continue  # "declares Benoît Larose, CEO of ...": a person (not "Acme Scientific, General Dynamics and ...")
        if not (org_name[:1].isupper() or MIXED.fullmatch(org_name.split()[0])):
            continue
        for hit in re.finditer(rf"(?<![\w-]){re.escape(org_name)}(?![\w-])", sentence):
            # "Helix Labs (Oslo)": one word in brackets after an organisation is where it is.
            seat = " " not in org_name and org_name[1:].islower() and sentence[hit.end():hit.end() + 1] == ")" and any(
                m.kind == "org" and re.fullmatch(r"\s*\(", sentence[m.end:hit.start()]) for m in found
            )
            if (seat or place_by_context(sentence, hit.start(), hit.end())) and not overlaps(hit.start(), hit.end(), found):
                cls = "Country" if fold(org_name) in COUNTRY_NAMES else "Place"  # "Québec Premier", "cluster of Flanders"
                found.append(Mention(hit.start(), hit.end(), org_name, "place", cls, None, 0.6))
                continue
            add_org(hit.start(), hit.end(), org_class(org_name, "Organization"), 0.55)
    for match in [*MIXED.finditer(sentence), *COMPOUND.finditer(sentence)]:
        whole = enclosing_caps(sentence, match.start(), match.end())
        if fold(sentence[whole[0]:whole[1]]) in NOT_ORGS or is_person_name(sentence[whole[0]:whole[1]], names):
            continue
        add_org(whole[0], whole[1], org_class(sentence[whole[0]:whole[1]], "Organization"), 0.6)
    # "BioWin et Medvia", "Eurobiomed, Medvia and Biocom", "le CHU de X et l’Inserm": a name beside an organisation.
    for start, end, word in beside_orgs(sentence, [(m.start, m.end) for m in found if m.kind == "org"], names):
        if word in names.places and re.search(r"(?<![\w-])(?:in|at|near|à|en)\s+$", sentence[:start]):
            continue  # "the district in Midtown and X": the model's place where a place goes
        add_org(start, end, org_class(word, "Organization"), 0.6)
    is_place = lambda w: state.by_name.get(fold(w)) in place_ids(state)  # noqa: E731
    for start, end, word in ahead_orgs(sentence, [(m.start, m.end) for m in found if m.kind == "org" and m.confidence >= 0.6], names, is_place):
        add_org(start, end, org_class(word, "Organization"), 0.6)
    # The same name again in this sentence ("la société Transgene ... Directeur de Transgene").
    for mention in [m for m in found if m.kind == "org"]:
        for match in re.finditer(rf"(?<![\w-]){re.escape(mention.text)}(?![\w-])", sentence):
            if not overlaps(match.start(), match.end(), found):
                found.append(Mention(match.start(), match.end(), mention.text, "org", mention.cls, mention.known, mention.confidence))
    # 3. Places the store knows, the dateline's, then places spaCy tags.
    known_names(places=True)
    for org_start, org_end in find_places(state, sentence, folded, names, found):
        add_org(org_start, org_end, org_class(sentence[org_start:org_end], "Organization"), 0.6)  # "Business France"
    # 4. People: spaCy's names (tagged_people.py), then "First Last" beside a post.
    found.extend(tagged_people(state, sentence, names, lambda: found, add_org))
    found.extend(people_beside_posts(sentence, found, state.lang))
    return sorted(found, key=lambda m: m.start)
