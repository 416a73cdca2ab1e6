"""Relations between the mentions of a sentence: the mission, meetings, visits, events, sites, sectors
(agreements: :mod:`.agreements`).

Each rule reads one sentence and its mentions, and adds facts to the candidates of
:class:`~ecokg.loaders.articles.linking.State`, with the sentence as quote.
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.dates import DateMention, dates_in, in_dateline
from ecokg.loaders.articles.linking import Candidate, Mention, State, slug
from ecokg.loaders.articles.spans import fold_keep_length
from ecokg.loaders.articles.vocabulary import status_of
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

def event_dates(state: State, index: int, sentence: str) -> list[DateMention]:
    """The dates of a sentence, resolved; the dateline's own date is the document's, not an event's."""
    mentions = dates_in(sentence, state.ref)
    for mention in mentions:
        if mention.iso is None and (mention.text, index) not in state.unresolved:
            state.unresolved.append((mention.text, index))
    if index <= 2:  # the dateline may follow a headline; "On Tuesday, June 4, X opened ..." is no dateline
        mentions = [m for m in mentions if not (in_dateline(sentence, m) and m.iso in (state.dateline, None))]
    return [m for m in mentions if m.iso]


_EVENT_NOUNS = re.compile(
    r"\b(assemblee generale|assemblees generales|general assembly|annual meeting|conseil d'administration|"
    r"summit|sommet|conference|convention|forum|salon|congress|congres|webinar|webinaire|event|evenement|"
    r"ceremony|ceremonie|alliance|workshops?|ateliers?|seminars?|seminaires?|symposium|colloque|"
    r"roundtable|table ronde|hackathon|trade show|fair|foire)\b"
)
#: Verbs that report a dated act, and the word an event is then named by (English, French).
_EVENT_VERBS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"\b(?:annonc\w*|announc\w*)\b"), "Announcement", "Annonce"),
    (re.compile(r"\b(?:launch\w*|lanc\w*)\b"), "Launch", "Lancement"),
    (re.compile(r"\b(?:inaugur\w*)\b"), "Inauguration", "Inauguration"),
    (re.compile(r"\b(?:open|opens|opened|opening|ouvr\w*|a ouvert|ont ouvert)\b"), "Opening", "Ouverture"),
    (re.compile(r"\b(?:submit\w*|soumis|soumet\w*|depos\w*)\b"), "Submission", "Dépôt"),
    (re.compile(r"\b(?:start|starts|started|begin|begins|began|commence\w*|debut\w*|demarr\w*|commencer\w*)\b"), "Start", "Début"),
    (re.compile(r"\b(?:host\w*|organi[sz]\w*|accueill\w*|held|hold|holds|will hold|se tiendra|s'est tenue?|tiendr\w*|"
                r"take place|takes place|took place|aura lieu|auront lieu|a eu lieu|ont eu lieu|se deroul\w*|s'est deroule\w*)\b"),
     "Event", "Événement"),
    (re.compile(r"\b(?:founded|co-founded|established|created|fondee?s?|cofondee?s?|creee?s?|a fonde|a cree)\b"), "Founding", "Création"),
]
_GENERIC_EVENT = (re.compile(r"$^"), "Event", "Événement")
#: "on March 3", "le 3 mars": a day a sentence says something happened (or will), whatever its verb.
_ON_A_DAY = re.compile(r"(?:\bon|\ble|\bce|\bdu|\bthe)\s*$")


def find_events(state: State, index: int, sentence: str, mentions: list[Mention]) -> None:
    """A dated meeting, assembly, summit or announcement: an event with its date and status."""
    folded = fold_keep_length(sentence)  # the event's word is cut from the sentence at these offsets
    dates = event_dates(state, index, sentence)
    if not dates:
        return
    noun = _EVENT_NOUNS.search(folded)
    verb = next((v for v in _EVENT_VERBS if v[0].search(folded)), None)
    if noun is None and verb is None:
        # A day named with "on"/"le" dates what the sentence reports: a generic event.
        dates = [d for d in dates if len(d.iso or "") == 10 and _ON_A_DAY.search(fold_keep_length(sentence[:d.start]))]
        if not dates:
            return
        verb = _GENERIC_EVENT
    used = {v for c in state.entities.values() for key in ("date", "start_date", "end_date") for v, _, _ in c.props.get(key, [])}
    # Each date of the sentence dates its own event ("two workshops in August and November").
    for date in dates:
        if {date.iso, date.end_iso or date.iso} <= used:
            continue  # these dates already date a mission, an agreement or a visit
        if noun:
            what = sentence[noun.start():noun.end()]
        else:
            assert verb is not None
            what = verb[2] if state.lang == "fr" else verb[1]
        cls = "Meeting" if noun and re.match(r"assembl|general|annual|conseil", noun.group(1)) else "Event"
        event = state.new(slug(f"event-{what}-{date.iso}"), cls, f"{what[:1].upper()}{what[1:]} ({date.iso})", index, 0.5)
        if date.end_iso:
            event.add("start_date", date.iso, index, 0.6)
            event.add("end_date", date.end_iso, index, 0.6)
        else:
            event.add("date", date.iso, index, 0.6)
        set_status(event, _event_status(folded), index)
        for mention in mentions:
            if mention.kind == "org":
                event.add("participants", state.entity_for(mention, index).id, index, 0.5)


def find_mission(state: State, index: int, sentence: str, mentions: list[Mention]) -> None:
    folded = fold(sentence)
    if not re.search(r"\b(delegation|mission|trade mission|visite officielle|official visit)\b", folded):
        return
    ranges = [d for d in event_dates(state, index, sentence) if d.end_iso]
    dates = (ranges[0].iso, ranges[0].end_iso) if ranges else None
    if dates is None and state.mission is None:
        return
    if state.mission is None:
        places = [m for m in mentions if m.kind == "place"]
        where = state.entity_for(places[-1], index).label if places else ""
        label = (f"Mission — {where}" if where else "Mission") if state.lang == "en" else (
            f"Mission de la délégation — {where}" if where else "Mission de la délégation"
        )
        year = dates[0][:4] if dates and dates[0] else ""
        state.mission = state.new(slug(f"mission-{where or 'delegation'}-{year}"), "Mission", label, index, 0.7)
        set_status(state.mission, _event_status(folded), index)
    mission = state.mission
    if dates is not None and "start_date" not in mission.props:
        mission.add("start_date", dates[0], index, 0.8)
        mission.add("end_date", dates[1], index, 0.8)
    # Its members: "a delegation made up of A, B and C", "une délégation composée de A et B".
    made_of = re.search(
        r"\b(?:made up of|composed of|consisting of|comprising|compose(?:e|s|es)? de|constitue(?:e|s|es)? de|"
        r"forme(?:e|s|es)? de|comprenant|comprendra|comprend|includes|including|will include)\b", folded
    )
    for mention in mentions:
        entity = state.entity_for(mention, index)
        if mention.kind == "person" and re.search(r"men[ée]e? par|led by|conduite par|headed by", folded):
            mission.add("led_by", entity.id, index, 0.6)
            mission.add("participants", entity.id, index, 0.6)
        elif made_of and mention.kind in ("person", "org") and mention.start >= made_of.end():
            mission.add("participants", entity.id, index, 0.6)
        elif mention.kind == "place" and entity.cls in ("Country", "City", "AdministrativeArea", "Place") and dates is not None:
            mission.add("destinations", entity.id, index, 0.5)


def find_meetings_and_visits(state: State, index: int, sentence: str, mentions: list[Mention]) -> None:
    folded = fold_keep_length(sentence)
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
            _date_and_status(state, event, index, sentence)
            state.pending_events.append(event)
    visit = re.search(r"\b(visitera|visiteront|visite|visiter|visited|will visit|visit|visits|toured)\b", folded)
    if visit:
        places = [m for m in mentions if m.kind == "place" and m.start > visit.start()]
        # What is visited: the first organisation after the verb, else the first place.
        targets = [m for m in orgs if m.start > visit.start()] or places[:1]
        for mention in targets:
            entity = state.entity_for(mention, index)
            label = f"Visite de {entity.label}" if state.lang == "fr" else f"Visit to {entity.label}"
            event = state.new(f"visit-{entity.id}", "Visit", label, index, 0.6)
            event.add("visited", entity.id, index, 0.6)
            for person in (m for m in mentions if m.kind == "person" and m.end <= visit.start()):
                event.add("participants", state.entity_for(person, index).id, index, 0.5)  # who visits
            after = [p for p in places if p.start > mention.end and p is not mention]
            if after:
                event.add("location", state.entity_for(after[0], index).id, index, 0.5)
            _date_and_status(state, event, index, sentence)
            state.pending_events.append(event)
            break


def set_status(candidate: Candidate, status: str, index: int) -> None:
    """One status per agreement or event: the first one stated, unless it only said "reported"."""
    current = candidate.props.get("status")
    if current and (current[0][0] != "reported" or status == "reported"):
        return
    candidate.props["status"] = [(status, index, 0.6)]


def _event_status(folded: str) -> str:
    status = status_of(folded)
    return "happened" if status == "signed" else status


def _date_and_status(state: State, event: Candidate, index: int, sentence: str) -> None:
    """A meeting's or a visit's own date ("le 16 mai", "on March 25") and status ("visitera": planned)."""
    dates = [d for d in event_dates(state, index, sentence) if d.end_iso is None]
    if dates and "date" not in event.props:
        event.add("date", dates[0].iso, index, 0.5)
    set_status(event, _event_status(fold(sentence)), index)


_SITE = re.compile(
    r"\b(?:implanter|implantera|implanteront|s'implante|s'implantera|s'est implantee?|ouvrir|ouvrira|ouvriront|ouvre|"
    r"a ouvert|ont ouvert|inaugur\w*|installer|installera|open|opens|opened|set up|sets up|establish\w*|build|builds|"
    r"built)\b[^.;]{0,80}?\b(?:filiale|site|usine|bureau|antenne|siege|centre|laboratoire|implantation|"
    r"subsidiary|office|facility|plant|headquarters|lab|laboratory|centre|center|site)\b"
)


def find_sites(state: State, index: int, sentence: str, mentions: list[Mention]) -> None:
    """A site opened or planned: "Abreos implantera une filiale à Marseille", "opens an office in Boston"."""
    folded = fold_keep_length(sentence)
    match = _SITE.search(folded)
    if not match:
        return
    owners = [m for m in mentions if m.kind == "org" and m.end <= match.start()]
    places = [m for m in mentions if m.kind == "place" and m.start >= match.start()]
    if not owners or not places:
        return
    owner = state.entity_for(owners[-1], index)
    place = state.entity_for(places[0], index)
    status = status_of(folded, "reported")
    status = "happened" if status == "signed" else status
    if all(site["located_in"] != place.id for site in owner.sites):
        owner.sites.append({"located_in": place.id, "status": status, "quote": index, "confidence": 0.5})


def find_sectors(state: State, index: int, sentence: str) -> None:
    if state.mission is None:
        return
    folded = fold(sentence)
    for word, sector in SECTORS.items():
        if re.search(rf"(?<![\w-]){re.escape(word)}", folded):
            state.mission.add("sectors", sector, index, 0.5)
