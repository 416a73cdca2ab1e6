"""Posts: who holds which post in which organisation, from one sentence.

The patterns, in both languages:

* apposition after the name: "Wendy Hurlburt, President and CEO of Life Sciences BC",
  "Emilie Royère, directrice générale d'Eurobiomed", "Vincent Fert, PDG et cofondateur, HalioDX";
* title before the name: "BIOQuébec's CEO Benoit Larose", "Maryland Tech Council CEO Kelly
  Schulz", "Le PDG de BIOQuébec, Benoit Larose", "le pôle Eurobiomed (et son président Michaël Danon)";
* affiliation: "François Lacoste de bioMérieux", "Pascale Hazot d’ACS biotech", "X (Y)":
  a post without a title (role ``member``), at a lower confidence;
* a copula, a department, coordinated organisations, "in charge of": "X is CEO of Y", "Y General
  Manager of Corporate Affairs X", "directeur de A et de B", "conseiller en charge du Département Y";
* by a verb, a pronoun or a kind word (``post_refs``): "X, who heads Y", "X has been appointed CEO
  of Y", "Its president, X", "X, présidente du réseau".
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.discourse import KIND_FAMILIES, Discourse
from ecokg.loaders.articles.linking import Candidate, Mention, State
from ecokg.loaders.articles.offices import office_acronym, office_title
from ecokg.loaders.articles.polities import a_polity
from ecokg.loaders.articles.post_behalf import a_portfolio, on_behalf
from ecokg.loaders.articles.post_context import HONORIFICS, bare_title, field_title
from ecokg.loaders.articles.post_forms import (
    affiliation_then_apposition,
    body_after_at,
    office_owner,
    same_side,
    titled_at_opening,
)
from ecokg.loaders.articles.post_led import OF as _OF
from ecokg.loaders.articles.post_led import led_by as _led_by
from ecokg.loaders.articles.post_led import led_by_titled as _led_by_titled
from ecokg.loaders.articles.post_led import post_at_end as _post_at_end
from ecokg.loaders.articles.post_led import title_role as _title_role
from ecokg.loaders.articles.post_plural import share_plural_titles
from ecokg.loaders.articles.post_refs import (
    add_post,
    appointment,
    kind_title,
    led_by_subject,
    pronoun_title,
    relative_verb,
    succession,
    title_of_kind_before,
)
from ecokg.loaders.articles.post_titles import kind_word_title, represented_titled, university_title
from ecokg.loaders.articles.post_turns import (
    acronyms_before_titles,
    announced_appointment,
    co_chaired,
    next_title_start,
    plural_title_by_body,
    predecessor,
)
from ecokg.loaders.articles.spans import fold_keep_length, role_at
from ecokg.loaders.articles.vocabulary import ROLE_WORDS, ROLES
from ecokg.text import fold

#: Where the apposition after a person's name ends: the verb of the sentence.
_STOP_VERBS = re.compile(
    r",?\s+(?:s’est|s'est|se sont|sont|a été|ont|a |est |sera|seront|visitera|will|were|was|said|says|has |have |had |led |signed|met |joined|is |are |travelled|told|described|commented|, qui|, who|pour |whose )"
)
#: A copula after an apposition, then a post: ", is the new president and CEO of Y", ", est la nouvelle présidente de Y".
_COPULA_POST = re.compile(r",?\s+(?:is|was|will be|becomes|has become|est|sera|devient|était|etait)\s+(?:now\s+|also\s+|désormais\s+|aussi\s+)?"
                          r"(?:the\s+|a\s+|an\s+|le\s+|la\s+|l'|un\s+|une\s+)?(?:new\s+|nouvel\w*\s+|nouveau\s+)?")
#: The field of a post in lower-case words: " of industry and government affairs", " for research".
_FIELD_AFTER = re.compile(r"\s+(?:of|for)\s+[a-z][a-z -]{2,60}")
_PAST = re.compile(r"(?:past|previously|formerly|most recently|former|ancien|ancienne|precedemment|auparavant)\s|ex-")
#: A kind word between a post and its organisation: "le président du pôle Agrivalor".
_CUE = r"(?:pole|cluster|company|groupe|group|societe|entreprise|agence|agency|firm|start-?up|association|reseau|network)"
def find_posts(state: State, index: int, sentence: str, mentions: list[Mention], discourse: Discourse | None = None) -> None:
    # A "person" whose words begin or continue a post ("Senior Vice President, ...", "Chief
    # [Medical Officer]") is the post, not a name.
    people = [m for m in mentions if m.kind == "person" and not _inside_a_post(sentence, m)]
    mentions = sorted([*mentions, *acronyms_before_titles(state, sentence, mentions)], key=lambda m: m.start)
    # A country or a government is no post's body ("CEO of UAE's Acme": Acme), round 10.
    # Nor a portfolio: "Undersecretary for Administrative and Financial Affairs" (round 14).
    all_orgs = [m for m in mentions if m.kind == "org" and not a_polity(m.text) and not a_portfolio(m.text)
                and not _title_acronym(sentence, m)]
    #: The first post this sentence gives: an officer named without an organisation in a list
    #: of people ("A, Président du réseau, ..., B, Trésorière et PDG de Z") holds it there too.
    first: list[tuple[str, str]] = []
    for n, person in enumerate(people):
        holder = state.entity_for(person, index)
        orgs = same_side(sentence, person, all_orgs)  # "X, délégué, d'une part et A d'autre part": not at A
        limit = people[n + 1].start if n + 1 < len(people) else len(sentence)
        if n + 1 < len(people):
            limit = next_title_start(sentence, person.end, limit)  # "X, Dean of Y (DY) Dr Z": Z's title (round 13)
        found = _apposition(state, index, sentence, person, limit, orgs, holder, discourse, first)
        found = on_behalf(state, index, sentence, person, orgs, holder) or found  # "On behalf of Y, X, ..." (round 14)
        found = relative_verb(state, index, sentence, person, orgs, holder) or found
        # "LSP's partner Rudy Roe, former director of VIB": a title before and an apposition after.
        found = _title_before(state, index, sentence, person, orgs, holder, people) or found
        found = title_of_kind_before(state, index, sentence, person, holder, discourse) or found
        found = found or office_title(state, index, sentence, person, holder)
        found = found or office_acronym(state, index, sentence, person, orgs, holder)
        if not found and (opening := titled_at_opening(sentence, person, people, orgs)) is not None:
            found = _add(holder, state.entity_for(opening[0], index).id, opening[1], opening[2], index, 0.6)
        found = found or kind_word_title(state, index, sentence, person, holder)
        # "Acme, represented by its CEO X": the organisation named before the verb, not the sentence's first.
        found = found or _led_by(state, index, sentence, person, orgs, holder)
        # "Y était représenté par M. X, Directeur, ainsi que ...": a bare title at the body represented.
        found = found or represented_titled(state, index, sentence, person, orgs, holder)
        # "the Vision Group headed by Biocon executive chairperson X": a post at each.
        found = _led_by_titled(state, index, sentence, person, orgs, holder) or found
        found = found or pronoun_title(state, index, sentence, person, holder, discourse)
        # "Chancellor X said ...", no body named: the university met before.
        found = found or university_title(state, index, sentence, person, orgs, holder, discourse)
        # "Son fondateur, X, a été élu vice-président de Y": a verb of appointing adds its own post.
        found = appointment(state, index, sentence, person, orgs, holder, discourse) or found
        # "X succeeds Y as CEO of Z": X's post, and Y's before.
        found = succession(state, index, sentence, person, people, orgs) or found
        found = led_by_subject(state, index, sentence, person, holder, discourse) or found
        # Round 13: "The Council, co-chaired by A, ..., B, ...", "Acme announces the appointment of X, ..., as CEO",
        # "She succeeds X, who retires" (the post the sentence before gave).
        found = co_chaired(state, index, sentence, person, holder, discourse) or found
        found = announced_appointment(state, index, sentence, person, orgs, holder) or found
        found = found or predecessor(state, index, sentence, person, holder)
        found = found or plural_title_by_body(state, index, sentence, person, orgs, holder)
        found = found or bare_title(state, index, sentence, person, all_orgs, holder)  # round 15
        if not found:
            _affiliation(state, index, sentence, person, orgs, holder, discourse)
        if not first:
            first.extend((holder.id, p["organization"]) for p in holder.posts[:1] if p["quote"] == index)
    share_plural_titles(state, index, sentence, people)


def _title_acronym(sentence: str, mention: Mention) -> bool:
    """"X, Secrétaire général aux affaires régionales (SGAR)", "Y, Chief Medical Officer (CMO)": the
    acronym of the title before it, which names an office, not a body (round 10)."""
    before = re.search(r"(?:^|[,;:(])\s*([^,;:()]{3,90}?)\s*\(\s*$", sentence[: mention.start])
    if before is None or not re.match(r"\s*\)", sentence[mention.end:]) or role_at(fold(before.group(1))) is None:
        return False
    words = [w for w in re.split(r"[\s'’-]+", fold(before.group(1))) if w and w not in _SMALL_WORDS]
    return "".join(w[0] for w in words) == fold(mention.text).replace(".", "")


_SMALL_WORDS = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "l", "d", "et", "a", "au", "aux", "en"}


_add = add_post


def _inside_a_post(sentence: str, mention: Mention) -> bool:
    words = sentence[mention.start:mention.start + 40]
    before = re.search(r"[\w-]+\s+$", sentence[:mention.start])
    if role_at(words):
        return True
    # "Chief [Medical Officer]": a post's words that run on into the mention.
    joined = ROLE_WORDS.match(fold_keep_length(before.group(0) + words)) if before and before.group(0)[:1].isupper() else None
    return bool(joined and before and joined.end() > len(before.group(0)))
#: "a partner at Helix Ventures", "associée chez X": a person's partnership in a firm.
_PARTNER_AT = re.compile(r"(?:(?:managing|general|senior|founding|venture|operating)\s+)?partner\s+(?:at|of|with)\s|associee?\s+(?:chez|du|de|d')")
#: Officers a list may name without their organisation ("Trésorière", "Secrétaire général").
_OFFICERS = {"president", "vice-president", "board-member"}
#: "in charge of Y", "en charge du Y", "responsible for Y": the organisation a person leads.
_IN_CHARGE = re.compile(r"\b(?!chargee? de mission)(?:in charge of|en charge d[eu]s?|en charge de la|en charge de l'|chargee? d[eu]s?|chargee? de la|"
                        r"chargee? de l'|responsible for|a la tete d[eu]s?|a la tete de la|a la tete de l'|at the head of)\s")
#: Another organisation coordinated with the post's first: "directeur de A et de B", "CEO of A and B".
_COORDINATED = re.compile(
    r"^\s*(?:,|,?\s+(?:and|et))\s+(?:(?:of|de|du|des|d'|de la|de l')\s*)?(?:the\s+|le\s+|la\s+|l')?"
    rf"(?:(?:{'|'.join(sorted(KIND_FAMILIES, key=len, reverse=True))})\s+)?$"
)


def _apposition(
    state: State, index: int, sentence: str, person: Mention, limit: int, orgs: list[Mention], holder: Candidate,
    discourse: Discourse | None = None, listed: list[tuple[str, str]] | None = None,
) -> bool:
    """"X, executive director of Y", "X, présidente de Y et directrice de Z"."""
    # 'Jean Roy ("VP External Affairs" chez Genvia)': a title written in quotes is a title.
    after = re.sub(r"[\"“”«»]", " ", sentence[person.end:limit])
    # "John Smith, Ph.D., President of X", "Jane Roe, MD, PhD, Chief Medical Officer at Y": degrees, not posts.
    degrees = re.match(r",\s*(?:(?:Ph\.?\s?D|M\.?D|MBA|M\.?Sc|Pharm\.?D|DVM|D\.?Phil|Jr|Sr)\.?\s*,\s*)+", after)
    if degrees:
        after = "," + " " * (degrees.end() - 1) + after[degrees.end():]
    copula = re.match(r"\s+(?:is|was|has been|serves as|remains|est|etait|était|a été|reste)\s+(?:also\s+|aussi\s+|now\s+)?", after)
    if copula and role_at(after[copula.end():]):
        after = "," + " " * (copula.end() - 1) + after[copula.end():]  # "Jane Roe is CEO of Acme": a post as well
    # (Round 9: an acronym's brackets inside the post's: "X (PD-G de l'Institut Y (IRD))".)
    bracket = re.match(r"\s*\(((?:[^()]|\([^()]{1,20}\)){3,160})\)", after)
    if bracket and (role_at(bracket.group(1)) or re.search(r"\w\s+" + ROLE_WORDS.pattern + r"\s*$", fold(bracket.group(1)))):
        # "Frédéric Collet (président du Leem)", "Jane Roe (CEO, Acme)", "Jane Roe (Acme CEO)": the post in brackets.
        after = "," + " " * (bracket.start(1) - 1) + bracket.group(1)
    dash = re.match(r"\s*[-–—]{1,2}\s+", after)
    if dash and role_at(after[dash.end():]):
        # "Jean Roe - Président de la société Y -", "Jane Roe – CEO of Y –": dashes for commas.
        closing = re.search(r"\s[-–—]{1,2}(?:\s|$)", after[dash.end():])
        inner = after[dash.end():dash.end() + closing.start()] if closing else after[dash.end():]
        after = "," + " " * (dash.end() - 1) + inner
    if (affiliated := affiliation_then_apposition(sentence, person, orgs)) is not None:
        # "Dr Jane Roe of Westbrook University, Ohio, chair of X": the affiliation, then the post.
        _add(holder, state.entity_for(affiliated[0], index).id, "member", "", index, 0.5)
        after = "," + " " * affiliated[1] + after[affiliated[1] + 1:]
    if not after.startswith(","):
        # "Michael DANON Président du Conseil d'Administration d'Eurobiomed": no comma.
        if not (after.startswith(" ") and role_at(after.lstrip()) and re.match(rf"\s+[\w -]{{2,60}}?\s{_OF}\s*", after)):
            return False
        after = "," + after[1:]
    # "X, who is executive director of Y": the relative clause gives the post.
    after = re.sub(r"^,\s+(?:who|qui)\s+(?:(?:also|now|currently|aussi|également|egalement|désormais)\s+)?(?:(?:was|has been|had been|a été|a ete|vient d'être|vient d'etre)\s+(?:recently\s+|récemment\s+|recemment\s+)?(?:appointed|named|elected|nommée?|élue?|nommee?|elue?)(?:\s+as)?|is|was|serves as|served as|est|était|etait)\s+", lambda m: "," + " " * (len(m.group(0)) - 1), after)
    article = re.match(r"^,\s+(?:a|an|un|une)\s+", after)
    if article and (role_at(after[article.end():]) or _PARTNER_AT.match(fold(after[article.end():]))):
        after = "," + " " * (article.end() - 1) + after[article.end():]  # "X, a board member of Y": an article, not "a" the verb
    stop = _STOP_VERBS.search(after)
    apposition = after[: stop.start()] if stop else after
    apposition = re.sub(r"[\s,]*(?:et|and)?\s*$", "", apposition.lstrip(", "))
    offset = person.end + (len(after) - len(after.lstrip(", ")))
    added = False
    clauses = [(clause, offset + clause_start) for clause, clause_start in _clauses(apposition)]
    # "X, past director of A, is the new president of B", "X, ..., is B's vice president" (round 10):
    # the post after the sentence's copula too, when the apposition gave one (a body of its own only).
    copula = _COPULA_POST.match(after[stop.start():]) if stop and clauses and after.startswith(",") and (
        (apposition and role_at(clauses[0][0])) or _PAST.match(fold(clauses[0][0]))) else None
    copula_at = person.end + stop.start() + copula.end() if stop and copula else -1
    if copula and (role_at(sentence[copula_at:limit]) or any(m.start == copula_at for m in orgs)):
        tail = re.split(r",|;|\.\s", sentence[copula_at:limit])[0].rstrip()
        clauses.append((tail, copula_at))
    for clause, start in clauses:
        clause_start = start - offset
        # "Jane Roe, a board member of X", "X, ancienne directrice de Y", "X, newly appointed CEO of Y".
        article = re.match(r"(?:(?:a|an|the|un|une|ancien|ancienne|newly|recently|nouvellement|récemment|recemment|également|egalement|"
                           r"aussi|also|now|désormais|desormais|currently|actuellement|past|previously|formerly|most recently|"
                           r"précédemment|precedemment|auparavant)\s+|ex-|"
                           # "tous deux chercheurs", "tous de chevronnés chercheurs", "both researchers" (round 9)
                           r"(?:tous|toutes|both|all)(?:\s+(?:deux|trois|two|three))?(?:\s+(?:de|d')\s*[\w-]+s|\s+des|\s+of them)?\s+)+"
                           r"(?:(?:appointed|named|elected|nommée?|élue?|nommee?|elue?)\s+)?", clause)
        if article:
            clause, clause_start = clause[article.end():], clause_start + article.end()
        role = role_at(clause)
        if role is None and _PARTNER_AT.match(fold(clause)):
            role = "member"  # "Jane Roe, a partner at Helix Ventures": a person's partnership is a post
        start = offset + clause_start
        if role is None:
            # "Roger Kilburn, IBioIC CEO": the organisation, then the post.
            first = next((m for m in orgs if m.start == start), None)
            rest = fold(sentence[first.end:start + len(clause)]) if first else ""
            if first is not None and rest and ROLE_WORDS.fullmatch(rest.strip()):
                added = _add(holder, state.entity_for(first, index).id, ROLES[rest.strip()], clause, index, 0.7) or added
            elif first is not None and (lead := ROLE_WORDS.match(rest.strip())) and _FIELD_AFTER.fullmatch(rest.strip(" ;,")[lead.end():]):
                # "Dan Roe, Acme vice president of industry affairs": the body, then a post of a field (round 12).
                added = _add(holder, state.entity_for(first, index).id, ROLES[lead.group(0)], clause, index, 0.7) or added
            elif first is not None and (possessive := re.match(r"^['’]s?\s", rest)) and role_at(rest[possessive.end():].strip()):
                # "Bill Bullock, NCBiotech’s senior vice president for ...", "X, Helix Labs' COO".
                role = role_at(rest[possessive.end():].strip()) or "member"
                title = re.sub(r"^[’']s?\s*", "", clause[first.end - start:])
                added = _add(holder, state.entity_for(first, index).id, role, title, index, 0.7) or added
            elif (charge := _in_charge(sentence, start, start + len(clause), orgs)) is not None:
                # "conseiller d'Etat en charge du Département de la santé": the body the person leads.
                added = _add(holder, state.entity_for(charge, index).id, "leader", clause, index, 0.6) or added
            elif start != copula_at and (by_kind := kind_title(state, index, clause, discourse)) is not None:
                # "Deborah Roe, the cluster's executive director": the cluster met before.
                added = _add(holder, by_kind[0].id, by_kind[1], by_kind[2], index, 0.5) or added
            continue
        if role == "member" and re.match(r"^(?:member|membre)\s+(?:of|de|du|des|d')", fold(clause)):
            continue  # "membre de France Biotech": a membership, not a post
        end = start + len(clause)
        # The organisation within the clause, or right after it ("PDG et cofondateur, HalioDX").
        inside = [m for m in orgs if start <= m.start < end + 1]
        following = [m for m in orgs if end <= m.start <= end + 3 and sentence[end:m.start].strip() in (",", "")]
        chosen = body_after_at(sentence, start, inside) or following
        confidence = 0.8
        if (charge := _in_charge(sentence, start, end, orgs)) is not None:
            chosen, role = [charge], "leader"  # "conseiller d'Etat en charge du Département X": its head
        office, owner = office_owner(state, index, sentence, chosen[0], orgs) if chosen else (False, None)
        if office and owner is None:
            continue  # "head of the Oslo office": an office of a body the sentence does not name
        if chosen:
            # "director of the Chicago office of Acme", "manager of Acme Chicago office": Acme's post.
            org = owner or state.entity_for(chosen[0], index)
            title = sentence[start: chosen[0].end] if inside else clause
            for other in _coordinated(sentence, chosen[0], orgs, end):
                # "directeur général du GIE X et du pôle Y": one title, two organisations.
                added = _add(holder, state.entity_for(other, index).id, role, clause, index, 0.7) or added
        elif start == copula_at:
            continue  # "X, ..., will be vice president for capital formation": which body is not said
        elif (by_kind := kind_title(state, index, clause, discourse)) is not None:
            # "Franck Roe, Président du réseau": the network met before.
            org, confidence, title = by_kind[0], 0.5, by_kind[2]
        elif listed and role in _OFFICERS and listed[0][0] != holder.id and not _NAMES_A_BODY.search(clause):
            # ("B, vice-présidente de la Métropole": a body of its own, which is not the list's)
            org, confidence, title = state.entities[listed[0][1]], 0.5, clause
        elif state.first_authority is not None and not _NAMES_A_BODY.search(clause) and not _OF_A_KIND.match(fold(clause)):
            # "Vice-Président en charge des finances": the post is in the region that publishes.
            org = state.entities[state.first_authority]
            confidence, title = 0.5, clause
        else:
            continue
        title = re.split(r",\s", title)[0] if inside else title
        added = _add(holder, org.id, role, title, index, confidence) or added
    return added


def _in_charge(sentence: str, start: int, end: int, orgs: list[Mention]) -> Mention | None:
    """The organisation right after "in charge of" / "en charge du" within a clause."""
    for org in orgs:
        if start <= org.start < end and _IN_CHARGE.search(fold_keep_length(sentence[start:org.start])):
            return org
    return None


def _coordinated(sentence: str, first: Mention, orgs: list[Mention], end: int) -> list[Mention]:
    """The organisations coordinated with ``first`` in a post's clause: "de A et de B", "of A and B"."""
    out = []
    joins = []
    previous = first
    for org in orgs:
        if org.start < previous.end or org.start > end + 1:
            continue
        join = fold_keep_length(sentence[previous.end:org.start])
        if not _COORDINATED.match(join):
            break
        if _TITLE_THEN_NAME.match(sentence, org.end):
            break  # "X, president of A, UTSA president Taylor Roe": UTSA is Taylor Roe's, not X's
        out.append(org)
        joins.append(join)
        previous = org
    # A list ends with "and" / "et": "X, vice-président de A, le pôle B a tenu ..." is no list (round 9).
    while joins and not re.search(r"\b(?:and|et)\b", joins[-1]):
        joins.pop()
        out.pop()
    return out


def _clauses(apposition: str) -> list[tuple[str, int]]:
    """Split "Président du cluster X et dirigeant de Y" at each role word after 'et'/'and'/','."""
    cuts = [0]
    folded = fold_keep_length(apposition)
    for match in re.finditer(r"(?:,?\s+(?:et|and)\s+(?:alors\s+)?|,\s+)", apposition):
        # "President and CEO of X" is one title: no cut inside a post's own words.
        whole = ROLE_WORDS.match(folded, cuts[-1])
        if role_at(apposition[match.end():]) is not None and not (whole and whole.end() > match.start()):
            cuts.append(match.end())
    out = []
    for n, start in enumerate(cuts):
        end = cuts[n + 1] if n + 1 < len(cuts) else len(apposition)
        clause = re.sub(r"(?:,?\s+(?:et|and)(?:\s+alors)?|,)\s*$", "", apposition[start:end])
        lead = len(clause) - len(clause.lstrip())
        out.append((clause.strip(), start + lead))
    return out


def _title_before(
    state: State, index: int, sentence: str, person: Mention, orgs: list[Mention], holder: Candidate,
    people: list[Mention],
) -> bool:
    before_orgs = [m for m in orgs if m.end <= person.start]
    if not before_orgs:
        return False
    org = before_orgs[-1]
    between = sentence[org.end:person.start]
    # "A*STAR’s managing director, Dr. Raj Roe": the honorific before the name is not the post's.
    # (Round 10: an article before it, "le Président de l'Université X, le Pr Y".)
    # (Round 15: several, or in lower case: "RFI Director Prof Dr X", "de l'Iressef, professeur X".)
    between = HONORIFICS.sub("", between)
    if re.fullmatch(r"\s*\)\s*,\s*", between) and sentence[:org.start].rstrip().endswith("("):
        # "la directrice générale du Centre ... (CEPICI), Mme X": the name before its acronym.
        opening = sentence.rindex("(", 0, org.start)
        outer = next((m for m in before_orgs[:-1] if not sentence[m.end:opening].strip()), None)
        if outer is not None:
            org, between = outer, ", "
    folded = fold(between)
    # "BIOQuébec's CEO Benoit Larose", "Acme Therapeutics' CEO John Smith", "Maryland Tech Council CEO Kelly Schulz".
    match = re.fullmatch(r"(?:'s?)?\s*([\w .&-]{2,60}?)\s*,?", folded) if between[:1] in (" ", "’", "'") else None
    if match and (_title_role(match.group(1).strip()) or (folded[:1] == "'" and match.group(1).strip() in _PARTNERS)):
        role = _title_role(match.group(1).strip()) or "member"
        return _add(holder, state.entity_for(org, index).id, role, re.sub(r"^[’']s?\s*", "", between.strip(" ,")), index, 0.8)
    if match and folded[:1] == "'" and len(match.group(1).split()) <= 3 and (post := _post_at_end(match.group(1).strip())):
        # "Helsinki Health's program director, Dr. X": a field or a department before the post.
        return _add(holder, state.entity_for(org, index).id, post[0], re.sub(r"^[’']s?\s*", "", between.strip(" ,")), index, 0.7)
    # "Acme General Manager of Corporate Affairs Dr John Smith": the post's department, then the name.
    for outer in reversed(before_orgs[-2:]):
        department = _DEPARTMENT.fullmatch(sentence[outer.end:person.start])
        if department and ROLE_WORDS.fullmatch(fold(department.group(1))):
            return _add(holder, state.entity_for(outer, index).id, role_at(department.group(1)) or "member",
                        _HONORIFIC_END.sub("", re.sub(r"^[’']s?\s*", "", sentence[outer.end:person.start])).strip(" ,’'"), index, 0.7)
    # "President of the Government of Catalonia Artur Mas", "le président de Medicen Jean Dupont".
    if not between.strip() and between:
        lead = fold(sentence[max(0, org.start - 60):org.start])
        # "Head of Israel's National Economic Council Dr. X": a possessive between "of" and the name.
        match = re.search(rf"(?:^|\W)((?:[\w-]+\s){{0,3}}?[\w-]+)\s+{_OF}(?:\s+the)?(?:\s+[\w-]+'s)?(?:\s+{_CUE})?\s*$", lead)
        post = _post_at_end(match.group(1)) if match else None
        if post:
            return _add(holder, state.entity_for(org, index).id, post[0], post[1], index, 0.7)
    # "Acme, whose chief executive Jane Roe ...", "Genvia, dont la présidente, Marie Roy, ...".
    match = re.fullmatch(r"\s*,\s*(?:whose|dont\s+(?:le|la|l'))\s*([\w .&-]{2,50}?)\s*,?\s*", folded)
    if match and ROLE_WORDS.fullmatch(match.group(1)):
        return _add(holder, state.entity_for(org, index).id, role_at(match.group(1)) or "member", match.group(1), index, 0.7)
    # "le pôle Eurobiomed (et son président Michaël Danon", "Acme (CEO: Jane Roe)".
    # ("Acme (head office: Oslo; chairman of the board: Jane Roe; ...)": other fields before the post's)
    match = re.fullmatch(r"\s*\(\s*(?:et|and)?\s*(?:son|sa|its|their)\s+([\w .&-]{2,40}?)\s*", folded) or re.fullmatch(
        r"\s*\(\s*(?:[^();:]{1,40}:[^();]{0,80};\s*){0,3}([\w .&-]{2,40}?)\s*:\s*", folded)
    if match and role_at(match.group(1)):
        return _add(holder, state.entity_for(org, index).id, role_at(match.group(1)) or "member", match.group(1), index, 0.7)
    # "Le PDG de BIOQuébec, Benoit Larose": a role, the organisation, a comma, the name.
    if re.fullmatch(r"\s*,\s*", between):
        # "Ian Barwick, COO at Hub Wales, Carwyn Jones, ...": the post is the previous person's.
        # (Round 9: not when "and the" opens a new phrase: "X, and the president of Y, Dr. Z": Z's post.)
        if any(p is not person and org.start - 80 <= p.end <= org.start and sentence[p.end:p.end + 1] == ","
               and not _NEW_PHRASE.match(fold(sentence[p.end:org.start])) for p in people):
            return False
        lead = fold(sentence[max(0, org.start - 60):org.start])
        # "Le directeur général de l'agence Nordev, X": a kind word may come before the name.
        # (``fold`` drops the space at the end: "Director-General of the| Ministry ...")
        match = re.search(rf"(?:^|\W)((?:[\w-]+\s){{0,3}}?[\w-]+)\s+{_OF}\s*(?:the(?:\s+|$))?(?:[\w-]+'s\s*)?(?:{_CUE}\s*)?$", lead)
        if match:
            words = match.group(1).split()
            for k in range(len(words)):
                found = _title_role(" ".join(words[k:]))
                if found:
                    return _add(holder, state.entity_for(org, index).id, found, " ".join(words[k:]), index, 0.7)
        # Round 15: "the Director of Biomedical Informatics Program of MSM, Prof. X": a field before the body.
        if (post := field_title(lead)) is not None:
            return _add(holder, state.entity_for(org, index).id, post[0], post[1], index, 0.6)
    return False


#: A title's own complement naming a body: "vice-présidente de la Métropole", "Director of the Board".
_NAMES_A_BODY = re.compile(r"\s(?:de|du|of|d’|d')\s*(?:la\s+|l[’']\s*|the\s+)?[A-ZÀ-Ý]")
#: A title of a body named only by its kind ("Président de région"): which one is not said.
_OF_A_KIND = re.compile(ROLE_WORDS.pattern + r"\s+(?:de|du|des|of|d')\b")
#: An organisation's title then a capitalised name: "UTSA president Taylor Roe" (round 9).
_TITLE_THEN_NAME = re.compile(r"(?:['’]s?)?\s+(?i:(?:[a-z-]+\s+){0,2}?(?:president|ceo|chair\w*|director|head|founder|"
                              r"presidente?|directeur|directrice|pdg|fondat\w+))\s+(?:(?:Dr|Prof|Mr|Mrs|Ms|M|Mme)\.?\s+)?[A-ZÀ-Ý]")
#: A coordination and an article after a person's comma: a new phrase starts ("X, and the president of Y, Z").
_NEW_PHRASE = re.compile(r"^\s*,\s*(?:and|et|as well as|ainsi que)\s+(?:the|le|la|l')\b|"
                         # round 12: "aux côtés du ministre, Dr. X, du directeur du Y, Dr. Z": a complement's own title
                         r"^\s*,\s*(?:et\s+)?(?:du|de la|de l'|des)\s*" + ROLE_WORDS.pattern)
#: An honorific ending a title before the name: "Director of Policy, Dr".
_HONORIFIC_END = re.compile(r"[\s,]*(?:Dr|Prof|Mr|Mrs|Ms)?\.?\s*$")
#: Words of a firm's partners, a post only right after the firm's possessive ("LSP's partner X").
_PARTNERS = {"partner", "associe", "associee"}
#: "<post> of|for <Department Words> [Dr]": the department is a part of the organisation before.
_DEPARTMENT = re.compile(
    r"(?:['’]s?)?\s*([\w .&-]{2,40}?)\s+(?:of|for|,)\s+(?:the\s+)?[A-Z][\w&-]*(?:\s+(?:[A-Z][\w&-]*|&|and))"
    r"{0,4}?\s*,?\s*(?:Dr|Prof|Mr|Mrs|Ms)?\.?\s*"
)


#: An event's name: "the BioJapan 2025 conference", "le salon Medica 2024".
_EVENT_AFTER = re.compile(r"\s+(?:(?:19|20)\d\d\s+)?(?:conference|summit|forum|congress|convention|show|fair|expo|exhibition|"
                          r"meeting|event|symposium|colloque|congres|congrès|sommet|salon|conférence)\b", re.IGNORECASE)


def _spelt_by(person: Mention, org: Mention) -> bool:
    """"Jane Roe (CRJR)": an acronym ending with the name's initials is a body's named after her."""
    initials = "".join(w[0] for w in person.text.split()).upper()
    return org.text.isupper() and len(org.text) > len(initials) and org.text.endswith(initials)


def _affiliation(
    state: State, index: int, sentence: str, person: Mention, orgs: list[Mention], holder: Candidate,
    discourse: Discourse | None = None,
) -> None:
    """"François Lacoste de bioMérieux", "Jane Roe (Acme)", "Acme's Jane Roe": a post without a title."""
    before = [m for m in orgs if m.end <= person.start]
    between = sentence[before[-1].end:person.start] if before else ""
    if before and (re.fullmatch(r"['’]s?\s+", between) or (sentence[before[-1].end - 1] in "'’" and not between.strip())):
        _add(holder, state.entity_for(before[-1], index).id, "member", "", index, 0.5)
        return
    kind = re.search(rf"\b(?:the|this)\s+({'|'.join(KIND_FAMILIES)})['’]s\s+$", fold_keep_length(sentence[max(0, person.start - 40):person.start]))
    if kind and discourse is not None and (met := discourse.of_kind(state, kind.group(1), index)) is not None:
        _add(holder, met.id, "member", "", index, 0.5)  # "the cluster's Jane Roe": the cluster met before
        return
    after = [m for m in orgs if m.start >= person.end]
    if not after:
        return
    org = after[0]
    between = sentence[person.end:org.start]
    if (before and between.strip() == "(" and sentence[before[-1].end:person.start].isspace()) or _spelt_by(person, org):
        return  # "le Centre de Référence Jane ROE (CRJR)": a body named after her, no post (round 14)
    if re.match(r"\s*,\s*(?:at|with|for|in|chez|avec|pour|a|à|au)\s", between) or _EVENT_AFTER.match(sentence, org.end):
        return  # "X, at the BioJapan 2025 conference": where the person was, not whom they work for
    if re.fullmatch(rf",?\s*{_OF}\s*(?:la\s+|l’|l'|the\s+)?", between) or (
        # "Jane Roe (Acme)", "Luc Morel (pôle Nordev)": a kind word may precede the name.
        re.fullmatch(rf"\s*\(\s*(?:(?:the\s+|le\s+|la\s+|l')?{_CUE}\s+)?", fold_keep_length(between)) and sentence[org.end:org.end + 1] == ")"
    ):
        # "Director Tom Roe of Acme", "la directrice Marie Roy de Genvia": a title before the name is the post.
        lead = re.search(r"(?:^|[^\w’'])((?:[\w-]+\s+){1,3})$", sentence[max(0, person.start - 50):person.start])
        titled = _post_at_end(fold(lead.group(1))) if lead and not between.lstrip().startswith("(") else None
        title = re.sub(r"^(?:the|le|la|l')\s*", "", titled[1]) if titled else ""
        _add(holder, state.entity_for(org, index).id, titled[0] if titled else "member", title, index,
             0.6 if titled else 0.5)
