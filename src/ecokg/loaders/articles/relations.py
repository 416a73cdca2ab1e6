"""Relations between the mentions of a sentence: posts, agreements, the mission, meetings, visits, sectors.

Each rule reads one sentence and its mentions, and adds facts to the candidates of
:class:`~ecokg.loaders.articles.linking.State`, with the sentence as quote.
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.entities import role_at
from ecokg.loaders.articles.linking import Mention, State, slug
from ecokg.loaders.articles.reading import date_range
from ecokg.text import fold

#: Words (accent-folded, or their stems) that name a sector -> ontology sector id.
SECTORS: dict[str, str] = {
    "biotherapie": "biotherapies",
    "biotherap": "biotherapies",
    "cell and gene therap": "biotherapies",
    "bioproduction": "bioproduction",
    "biomanufacturing": "bioproduction",
    "biotechnolog": "biotechnology",
    "biotech": "biotechnology",
    "sante": "health",
    "health": "health",
    "energie": "energy",
    "energy": "energy",
    "hydrogen": "energy",
    "hydrogene": "energy",
    "agroalimentaire": "agrifood",
    "agrifood": "agrifood",
    "agri-food": "agrifood",
    "food": "agrifood",
    "mobilite": "mobility",
    "mobility": "mobility",
    "numerique": "digital",
    "digital": "digital",
    "dispositifs medicaux": "medtech",
    "medical device": "medtech",
    "medtech": "medtech",
}

#: Where the apposition after a person's name ends: the verb of the sentence.
_STOP_VERBS = re.compile(
    r",?\s+(?:s’est|s'est|se sont|sont|a été|ont|a |est |sera|seront|visitera|will|were|was|said|says|has |have |had |led |signed|met |joined|is |are |, qui|, who|pour )"
)


def find_posts(state: State, index: int, sentence: str, mentions: list[Mention]) -> None:
    people = [m for m in mentions if m.kind == "person"]
    for n, person in enumerate(people):
        limit = people[n + 1].start if n + 1 < len(people) else len(sentence)
        apposition = sentence[person.end:limit]
        if not apposition.startswith(","):
            continue
        stop = _STOP_VERBS.search(apposition)
        if stop:
            apposition = apposition[: stop.start()]
        apposition = re.sub(r"[\s,]*(?:et|and)?\s*$", "", apposition.lstrip(", "))
        offset = person.end + (len(sentence[person.end:limit]) - len(sentence[person.end:limit].lstrip(", ")))
        holder = state.entity_for(person, index)
        for clause, clause_start in _clauses(apposition):
            role = role_at(clause)
            if role is None:
                continue
            start = offset + clause_start
            orgs = [m for m in mentions if m.kind == "org" and start <= m.start < start + len(clause) + 1]
            title = clause
            confidence = 0.8
            if orgs:
                org = state.entity_for(orgs[0], index)
                title = sentence[start: orgs[0].end]
            elif state.first_authority is not None:
                # "Vice-Président en charge des finances": the post is in the region that publishes.
                org = state.entities[state.first_authority]
                confidence = 0.5
            else:
                continue
            title = re.split(r",\s", title)[0] if orgs else title
            holder.posts.append(
                {"organization": org.id, "role": role, "title": title.strip(), "quote": index, "confidence": confidence}
            )


def _clauses(apposition: str) -> list[tuple[str, int]]:
    """Split "Président du cluster X et dirigeant de Y" at each role word after 'et'/'and'/','."""
    cuts = [0]
    for match in re.finditer(r"(?:\s+(?:et|and)\s+|,\s+)", apposition):
        if role_at(apposition[match.end():]) is not None:
            cuts.append(match.end())
    out = []
    for n, start in enumerate(cuts):
        end = cuts[n + 1] if n + 1 < len(cuts) else len(apposition)
        out.append((re.sub(r"(?:\s+(?:et|and)|,)\s*$", "", apposition[start:end]), start))
    return out


def find_agreements(state: State, index: int, sentence: str, mentions: list[Mention]) -> None:
    folded = fold(sentence)
    match = re.search(
        r"(accord|convention|partenariat|protocole|memorandum of understanding|agreement|partnership|mou)\b",
        folded,
    )
    if not match:
        return
    signing = re.search(r"(sign|between|entre)", folded)
    if not signing:
        return
    between = re.search(r"\b(entre|between|avec|with)\b", folded[match.start():])
    after = match.start() + between.start() if between else match.start()
    orgs = [m for m in mentions if m.kind == "org" and m.start >= after]
    if len(orgs) < 2:
        orgs = [m for m in mentions if m.kind == "org"]
    signatories = []
    for mention in orgs:
        entity = state.entity_for(mention, index)
        if entity.id not in signatories:
            signatories.append(entity.id)
    if len(signatories) < 2:
        return
    labels = " – ".join(state.entities[s].label for s in signatories[:2])
    french = state.lang == "fr"
    agreement = state.new(
        "agreement-" + "-".join(signatories[:2]), "Agreement",
        (f"Accord de partenariat {labels}" if french else f"Partnership agreement {labels}"), index, 0.7,
    )
    for ident in signatories[:3]:
        agreement.add("signatories", ident, index, 0.7)


def find_mission(state: State, index: int, sentence: str, mentions: list[Mention]) -> None:
    folded = fold(sentence)
    if not re.search(r"\b(delegation|mission|trade mission|visite officielle|official visit)\b", folded):
        return
    dates = date_range(sentence, state.year)
    if dates is None and state.mission is None:
        return
    if state.mission is None:
        places = [m for m in mentions if m.kind == "place"]
        where = state.entity_for(places[-1], index).label if places else ""
        label = (f"Mission — {where}" if where else "Mission") if state.lang == "en" else (
            f"Mission de la délégation — {where}" if where else "Mission de la délégation"
        )
        state.mission = state.new(slug(f"mission-{where or 'delegation'}-{state.year}"), "Mission", label, index, 0.7)
    mission = state.mission
    if dates is not None and "start_date" not in mission.props:
        mission.add("start_date", dates[0], index, 0.8)
        mission.add("end_date", dates[1], index, 0.8)
    for mention in mentions:
        entity = state.entity_for(mention, index)
        if mention.kind == "person" and re.search(r"men[ée]e? par|led by|conduite par|headed by", folded):
            mission.add("led_by", entity.id, index, 0.6)
            mission.add("participants", entity.id, index, 0.6)
        elif mention.kind == "place" and entity.cls in ("Country", "City", "AdministrativeArea", "Place") and dates is not None:
            mission.add("destinations", entity.id, index, 0.5)


def find_meetings_and_visits(state: State, index: int, sentence: str, mentions: list[Mention]) -> None:
    folded = fold(sentence)
    orgs = [m for m in mentions if m.kind == "org"]
    meet = re.search(r"\b(rencontres?|reunions?|meetings?|will meet|met with|rencontrera)\b", folded)
    if meet and orgs:
        stop = re.search(r"\b(signature|accord|agreement|sign)", folded[meet.start():])
        end = meet.start() + stop.start() if stop else len(folded)
        for mention in orgs:
            if not meet.start() < mention.start < end:
                continue
            entity = state.entity_for(mention, index)
            label = f"Réunion avec {entity.label}" if state.lang == "fr" else f"Meeting with {entity.label}"
            event = state.new(f"meeting-{entity.id}", "Meeting", label, index, 0.6)
            event.add("participants", entity.id, index, 0.6)
            state.pending_events.append(event)
    visit = re.search(r"\b(visitera|visite|visiter|visited|will visit|visit|toured)\b", folded)
    if visit:
        places = [m for m in mentions if m.kind == "place" and m.start > visit.start()]
        for mention in orgs:
            if mention.start < visit.start():
                continue
            entity = state.entity_for(mention, index)
            label = f"Visite de {entity.label}" if state.lang == "fr" else f"Visit to {entity.label}"
            event = state.new(f"visit-{entity.id}", "Visit", label, index, 0.6)
            event.add("visited", entity.id, index, 0.6)
            after = [p for p in places if p.start > mention.end]
            if after:
                event.add("location", state.entity_for(after[0], index).id, index, 0.5)
            state.pending_events.append(event)
            break


def find_sectors(state: State, index: int, sentence: str) -> None:
    if state.mission is None:
        return
    folded = fold(sentence)
    for word, sector in SECTORS.items():
        if re.search(rf"(?<![\w-]){re.escape(word)}", folded):
            state.mission.add("sectors", sector, index, 0.5)
