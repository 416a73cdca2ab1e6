"""Posts: who holds which post in which organisation, from one sentence.

The patterns, in both languages:

* apposition after the name: "Wendy Hurlburt, President and CEO of Life Sciences BC",
  "Emilie Royère, directrice générale d'Eurobiomed", "Vincent Fert, PDG et cofondateur, HalioDX";
* title before the name: "BIOQuébec's CEO Benoit Larose", "Maryland Tech Council CEO Kelly
  Schulz", "Le PDG de BIOQuébec, Benoit Larose", "le pôle Eurobiomed (et son président Michaël Danon)";
* affiliation: "François Lacoste de bioMérieux", "Pascale Hazot d’ACS biotech", "X (Y)":
  a post without a title (role ``member``), at a lower confidence.
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.linking import Candidate, Mention, State
from ecokg.loaders.articles.spans import role_at
from ecokg.loaders.articles.vocabulary import ROLE_WORDS, ROLES
from ecokg.text import fold

#: Where the apposition after a person's name ends: the verb of the sentence.
_STOP_VERBS = re.compile(
    r",?\s+(?:s’est|s'est|se sont|sont|a été|ont|a |est |sera|seront|visitera|will|were|was|said|says|has |have |had |led |signed|met |joined|is |are |travelled|told|described|commented|, qui|, who|pour |whose )"
)
_OF = r"(?:of|at|with|for|de la|de l’|de l'|de|du|des|d’|d')"
#: A kind word between a post and its organisation: "le président du pôle Agrivalor".
_CUE = r"(?:pole|cluster|company|groupe|group|societe|entreprise|agence|agency|firm|start-?up|association|reseau|network)"
#: "Helix Labs, led by Jane Roe", "le pôle Agrivalor, présidé par Jean Dupuis".
_LED_BY = re.compile(
    r"^\s*,?\s*(?:(?:which|who|qui)\s+(?:is|was|est|etait)\s+)?(led|headed|chaired|run|founded|co-founded|"
    r"dirigee?s?|presidee?s?|fondee?s?|cofondee?s?|co-fondee?s?|animee?s?)\s+(?:by|par)\s*$"
)
_LED_ROLE = {"led": "leader", "headed": "leader", "run": "leader", "chaired": "president", "founded": "founder",
             "co-founded": "founder", "dirige": "leader", "preside": "president", "fonde": "founder", "cofonde": "founder",
             "co-fonde": "founder", "anime": "leader"}


def find_posts(state: State, index: int, sentence: str, mentions: list[Mention]) -> None:
    people = [m for m in mentions if m.kind == "person"]
    orgs = [m for m in mentions if m.kind == "org"]
    for n, person in enumerate(people):
        holder = state.entity_for(person, index)
        limit = people[n + 1].start if n + 1 < len(people) else len(sentence)
        found = _apposition(state, index, sentence, person, limit, orgs, holder)
        found = found or _title_before(state, index, sentence, person, orgs, holder, people)
        found = found or _title_of_a_kind(state, index, sentence, person, holder)
        found = found or _kind_word_title(state, index, sentence, person, holder)
        found = found or _led_by(state, index, sentence, person, orgs, holder)
        if not found:
            _affiliation(state, index, sentence, person, orgs, holder)


def _add(holder: Candidate, org: str, role: str, title: str, index: int, confidence: float) -> bool:
    if any(p["organization"] == org and p["role"] == role for p in holder.posts):
        return True
    post = {"organization": org, "role": role, "title": title.strip(" ,"), "quote": index, "confidence": confidence}
    if not post["title"]:
        del post["title"]
    holder.posts.append(post)
    return True


def _apposition(
    state: State, index: int, sentence: str, person: Mention, limit: int, orgs: list[Mention], holder: Candidate
) -> bool:
    """"X, executive director of Y", "X, présidente de Y et directrice de Z"."""
    after = sentence[person.end:limit]
    bracket = re.match(r"\s*\(([^()]{3,120})\)", after)
    if bracket and role_at(bracket.group(1)):
        # "Frédéric Collet (président du Leem)", "Jane Roe (CEO, Acme)": the post in brackets.
        after = "," + " " * (bracket.start(1) - 1) + bracket.group(1)
    if not after.startswith(","):
        # "Michael DANON Président du Conseil d'Administration d'Eurobiomed": no comma.
        if not (after.startswith(" ") and role_at(after.lstrip()) and re.match(rf"\s+[\w -]{{2,60}}?\s{_OF}\s*", after)):
            return False
        after = "," + after
    # "X, who is executive director of Y": the relative clause gives the post.
    after = re.sub(r"^,\s+(?:who|qui)\s+(?:(?:also|now|currently|aussi|également|egalement|désormais)\s+)?(?:is|was|serves as|served as|est|était|etait)\s+", lambda m: "," + " " * (len(m.group(0)) - 1), after)
    stop = _STOP_VERBS.search(after)
    apposition = after[: stop.start()] if stop else after
    apposition = re.sub(r"[\s,]*(?:et|and)?\s*$", "", apposition.lstrip(", "))
    offset = person.end + (len(after) - len(after.lstrip(", ")))
    added = False
    for clause, clause_start in _clauses(apposition):
        role = role_at(clause)
        start = offset + clause_start
        if role is None:
            # "Roger Kilburn, IBioIC CEO": the organisation, then the post.
            first = next((m for m in orgs if m.start == start), None)
            rest = fold(sentence[first.end:start + len(clause)]) if first else ""
            if first is not None and rest and ROLE_WORDS.fullmatch(rest.strip()):
                added = _add(holder, state.entity_for(first, index).id, ROLES[rest.strip()], clause, index, 0.7) or added
            elif first is not None and (possessive := re.match(r"^['’]s?\s", rest)) and role_at(rest[possessive.end():].strip()):
                # "Bill Bullock, NCBiotech’s senior vice president for ...", "X, Helix Labs' COO".
                role = role_at(rest[possessive.end():].strip()) or "member"
                added = _add(holder, state.entity_for(first, index).id, role, clause[first.end - start:].lstrip("’'s "), index, 0.7) or added
            continue
        end = start + len(clause)
        # The organisation within the clause, or right after it ("PDG et cofondateur, HalioDX").
        inside = [m for m in orgs if start <= m.start < end + 1]
        following = [m for m in orgs if end <= m.start <= end + 3 and sentence[end:m.start].strip() in (",", "")]
        chosen = inside or following
        confidence = 0.8
        if chosen:
            org = state.entity_for(chosen[0], index)
            title = sentence[start: chosen[0].end] if inside else clause
        elif state.first_authority is not None and not re.search(r"\s(?:de|du|of|d’|d')\s*(?:la\s+|l[’']\s*)?[A-ZÀ-Ý]", clause):
            # "Vice-Président en charge des finances": the post is in the region that publishes.
            org = state.entities[state.first_authority]
            confidence, title = 0.5, clause
        else:
            continue
        title = re.split(r",\s", title)[0] if inside else title
        added = _add(holder, org.id, role, title, index, confidence) or added
    return added


def _clauses(apposition: str) -> list[tuple[str, int]]:
    """Split "Président du cluster X et dirigeant de Y" at each role word after 'et'/'and'/','."""
    cuts = [0]
    for match in re.finditer(r"(?:,?\s+(?:et|and)\s+(?:alors\s+)?|,\s+)", apposition):
        if role_at(apposition[match.end():]) is not None:
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
    folded = fold(between)
    # "BIOQuébec's CEO Benoit Larose", "Maryland Tech Council CEO Kelly Schulz".
    match = re.fullmatch(r"(?:'s)?\s*([\w .&-]{2,60}?)\s*,?", folded) if between[:1] in (" ", "’", "'") else None
    if match and ROLE_WORDS.fullmatch(match.group(1).strip()):
        role = ROLES[match.group(1).strip()]
        return _add(holder, state.entity_for(org, index).id, role, between.strip(" ’'s,"), index, 0.8)
    # "President of the Government of Catalonia Artur Mas", "le président de Medicen Jean Dupont".
    if not between.strip() and between:
        lead = fold(sentence[max(0, org.start - 60):org.start])
        match = re.search(rf"(?:^|\W)((?:[\w-]+\s){{0,3}}?[\w-]+)\s+{_OF}(?:\s+the)?(?:\s+{_CUE})?\s*$", lead)
        post = _post_at_end(match.group(1)) if match else None
        if post:
            return _add(holder, state.entity_for(org, index).id, post[0], post[1], index, 0.7)
    # "le pôle Eurobiomed (et son président Michaël Danon".
    match = re.fullmatch(r"\s*\(\s*(?:et|and)?\s*(?:son|sa|its|their)\s+([\w .&-]{2,40}?)\s*", folded)
    if match and role_at(match.group(1)):
        return _add(holder, state.entity_for(org, index).id, role_at(match.group(1)) or "member", match.group(1), index, 0.7)
    # "Le PDG de BIOQuébec, Benoit Larose": a role, the organisation, a comma, the name.
    if re.fullmatch(r"\s*,\s*", between):
        # "Ian Barwick, COO at Hub Wales, Carwyn Jones, ...": the post is the previous person's.
        if any(p is not person and org.start - 80 <= p.end <= org.start and sentence[p.end:p.end + 1] == "," for p in people):
            return False
        lead = fold(sentence[max(0, org.start - 60):org.start])
        match = re.search(rf"(?:^|\W)((?:[\w-]+\s){{0,3}}?[\w-]+)\s+{_OF}\s*(?:the\s+)?$", lead)
        if match:
            words = match.group(1).split()
            for k in range(len(words)):
                found = role_at(" ".join(words[k:]))
                if found and ROLE_WORDS.fullmatch(" ".join(words[k:])):
                    return _add(holder, state.entity_for(org, index).id, found, " ".join(words[k:]), index, 0.7)
    return False


def _led_by(state: State, index: int, sentence: str, person: Mention, orgs: list[Mention], holder: Candidate) -> bool:
    """"Helix Labs, led by Jane Roe", "l'agence Nordev, dirigée par Marie Roy": the organisation
    right before the verb is the one the person heads."""
    before = [m for m in orgs if m.end <= person.start]
    if not before or "(" in sentence[before[-1].end:person.start] or ";" in sentence[before[-1].end:person.start]:
        return False
    match = _LED_BY.match(fold(sentence[before[-1].end:person.start] + "|")[:-1])
    if not match:
        return False
    verb = re.sub(r"e?s?$", "", match.group(1)) if match.group(1) not in _LED_ROLE else match.group(1)
    role = _LED_ROLE.get(verb) or _LED_ROLE.get(match.group(1)) or "leader"
    return _add(holder, state.entity_for(before[-1], index).id, role, "", index, 0.6)


def _post_at_end(words: str) -> tuple[str, str] | None:
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


#: "la directrice générale du pôle, Emilie Royère": the organisation named by its kind.
_KINDS = {
    "pole": ("Cluster",), "cluster": ("Cluster",), "agence": ("EconomicDevelopmentAgency",),
    "agency": ("EconomicDevelopmentAgency",), "societe": ("Company",), "entreprise": ("Company",),
    "company": ("Company",), "groupe": ("Company",), "group": ("Company",),
}
_KIND_WORDS = {"alliance", "cluster", "council", "association", "agency", "institute", "network", "hub", "foundation",
               "consortium", "pole", "agence", "reseau", "fondation", "institut", "grappe"}
_OF_THE_KIND = re.compile(
    r"((?:[\w-]+\s){0,3}?[\w-]+)\s+(?:du|de la|de l'|of the|of its|de son|de sa)\s+(" + "|".join(_KINDS) + r")\s*,\s*$"
)


def _title_of_a_kind(state: State, index: int, sentence: str, person: Mention, holder: Candidate) -> bool:
    """"la directrice générale du pôle, Emilie Royère": the post is in the article's organisation
    of that kind (the first one it names), at a low confidence for the reviewer."""
    match = _OF_THE_KIND.search(fold(sentence[max(0, person.start - 80):person.start]).replace("’", "'"))
    if not match:
        return False
    words = match.group(1).split()
    title = next((" ".join(words[k:]) for k in range(len(words)) if ROLE_WORDS.fullmatch(" ".join(words[k:]))), None)
    kinds = _KINDS[match.group(2)]
    org = next((c for c in sorted(state.entities.values(), key=lambda c: c.quote) if c.cls in kinds and c.quote <= index), None)
    if title is None or org is None:
        return False
    return _add(holder, org.id, role_at(title) or "member", title, index, 0.5)


#: "led by Alliance president Karen Dahl", "Cluster CEO Jane Roe": a kind word for the organisation.
_KIND_TITLE = re.compile(r"(?:^|[^\w’'])([A-ZÀ-Ý][a-zà-ÿ]+)(?:[’']s)?\s+((?:[\w-]+\s+){0,2}[\w-]+)\s*,?\s*$")


def _kind_word_title(state: State, index: int, sentence: str, person: Mention, holder: Candidate) -> bool:
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
    return _add(holder, org.id, ROLES[fold(match.group(2))], match.group(2), index, 0.5)


def _affiliation(
    state: State, index: int, sentence: str, person: Mention, orgs: list[Mention], holder: Candidate
) -> None:
    """"François Lacoste de bioMérieux", "Jane Roe (Acme)": a post without a title."""
    after = [m for m in orgs if m.start >= person.end]
    if not after:
        return
    org = after[0]
    between = sentence[person.end:org.start]
    if re.fullmatch(rf"\s*{_OF}\s*(?:la\s+|l’|l'|the\s+)?", between) or (
        re.fullmatch(r"\s*\(\s*", between) and sentence[org.end:org.end + 1] == ")"
    ):
        _add(holder, state.entity_for(org, index).id, "member", "", index, 0.5)
