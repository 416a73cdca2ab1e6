"""Posts whose organisation is named by a verb, a pronoun or a kind word, not by its name.

* a relative clause with a verb of leading: "X, who heads Y", "X, qui dirige la société Y";
* a possessive pronoun: "Its CEO, X", "Sa directrice, X", "X, son président", "X, à sa tête",
  "X à sa direction depuis 2016" (the organisation the sentence, or the one before, is about);
* a kind word: "X, présidente du réseau", "X, the cluster's director", "The cluster's director,
  X" (the organisation of that kind met last, :meth:`Discourse.of_kind`).

They are guesses a reviewer checks: confidence 0.5, except the relative clause's named organisation.
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.discourse import KIND_FAMILIES, Discourse
from ecokg.loaders.articles.linking import Candidate, Mention, State
from ecokg.loaders.articles.spans import fold_keep_length, role_at
from ecokg.loaders.articles.vocabulary import ROLE_WORDS

#: A verb of leading in a relative clause -> the role it gives.
_LEADING_VERBS = {
    "heads": "leader", "leads": "leader", "runs": "leader", "directs": "leader", "manages": "leader",
    "chairs": "president", "presides over": "president", "founded": "founder", "co-founded": "founder",
    "cofounded": "founder", "dirige": "leader", "pilote": "leader", "anime": "leader", "preside": "president",
    "a fonde": "founder", "a cofonde": "founder", "a co-fonde": "founder",
}
_VERB = "|".join(sorted((re.escape(v) for v in _LEADING_VERBS), key=len, reverse=True))
_RELATIVE = re.compile(
    rf"^\s*,\s*(?:who|qui)\s+(?:(?:also|now|currently|still|aussi|egalement|desormais|toujours)\s+)?({_VERB})\s+"
    # "who chairs the board of Acme", "qui préside le conseil d'administration de Genvia": its board is the body's.
    r"(?:(?:the\s+|le\s+|la\s+|l')?(?:(?:executive\s+|supervisory\s+)?board(?:\s+of\s+directors)?|conseil d'administration|"
    r"conseil de surveillance|directoire|bureau)\s+(?:of|de|du|d')\s*)?"
    rf"(?:the\s+|le\s+|la\s+|l'|les\s+)?(?:(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(KIND_FAMILIES)})\s+)?$"
)
#: "Its CEO, X", "Sa directrice, X", "son président X": a pronoun, a post, the name.
_PRONOUN_BEFORE = re.compile(r"(?:^|[^\w'])(its|their|sa|son|leur)\s+((?:[\w-]+\s+){0,3}?[\w-]+)\s*,?\s*$")
#: "X, son président", "X, its CEO," after the name.
_PRONOUN_AFTER = re.compile(r"^\s*,\s*(?:its|their|sa|son|leur)\s+((?:[\w-]+\s+){0,3}?[\w-]+)\s*(?:[,.;)]|$)")
#: "X, à sa tête", "X à sa direction depuis 2016", "X, at its helm".
_AT_ITS_HEAD = re.compile(r"^\s*,?\s*(?:a sa|a son|at its|at their)\s+(tete|direction|presidence|helm|head)\b")
_HEAD_ROLE = {"tete": "leader", "direction": "leader", "presidence": "president", "helm": "leader", "head": "leader"}
#: "présidente du réseau", "director of the cluster": a post and a kind word, no name.
_OF_KIND = re.compile(
    # ("co-présidente de la nouvelle association", "director of the new cluster": an adjective of time between)
    # ("le recteur de cette institution académique", "head of this university": a demonstrative)
    rf"^(.*?)\s+(?:(?:du|de la|des|of the|of its|of this|of that|de cette|de cet|de ce)\s+|d'|de l'\s*)"
    rf"(?:(?:nouvelle|nouvel|nouveau|jeune|meme|new|young|same)\s+)?"
    rf"({'|'.join(sorted(KIND_FAMILIES, key=len, reverse=True))})"
    # (round 9: the post's own field after the kind word, "délégué à la recherche", "in charge of research")
    r"(?:\s+(?:deleguee?|chargee?|en charge|in charge|responsible)\s+(?:a|au|aux|de|du|des|d'|of|for)\b[^,;.]*|\s+for\s+[^,;.]*)?"
    r"\s*(?:[,;.]|$)"
)
#: "the cluster's executive director": a kind word's possessive, then a post.
_KIND_POSSESSIVE = re.compile(
    rf"^(?:the\s+)?({'|'.join(sorted(KIND_FAMILIES, key=len, reverse=True))})'s\s+(.+?)\s*,?\s*$"
)


def add_post(holder: Candidate, org: str, role: str, title: str, index: int, confidence: float) -> bool:
    """Add a post once (same organisation and role), with its title and the sentence."""
    if any(p["organization"] == org and p["role"] == role for p in holder.posts):
        return True
    # (a title written in quotes keeps its words, not its quotation marks)
    post = {"organization": org, "role": role, "title": re.sub(r"[\"“”«»]", "", title).strip(" ,;."), "quote": index,
            "confidence": confidence}
    if not post["title"]:
        del post["title"]
    holder.posts.append(post)
    return True


def relative_verb(state: State, index: int, sentence: str, person: Mention, orgs: list[Mention], holder: Candidate) -> bool:
    """"X, who heads the Northwind Cluster", "X, qui dirige la société Genvia"."""
    after = [m for m in orgs if m.start >= person.end]
    if not after:
        return False
    match = _RELATIVE.match(fold_keep_length(sentence[person.end:after[0].start]))
    if not match:
        return False
    role = _LEADING_VERBS[match.group(1)]
    return add_post(holder, state.entity_for(after[0], index).id, role, match.group(1), index, 0.7)


def pronoun_title(
    state: State, index: int, sentence: str, person: Mention, holder: Candidate, discourse: Discourse | None
) -> bool:
    """"Its president, Jane Roe", "Sa directrice, Marie Dupont", "Jane Roe, its CEO", "X, à sa tête"."""
    if discourse is None:
        return False
    folded = fold_keep_length(sentence)
    window = max(0, person.start - 60)
    before = _PRONOUN_BEFORE.search(folded[window:person.start])
    after = _PRONOUN_AFTER.match(folded[person.end:person.end + 60])
    head = _AT_ITS_HEAD.match(folded[person.end:person.end + 40])
    if before and ROLE_WORDS.fullmatch(before.group(2)):
        title, at = sentence[window + before.start(2):window + before.end(2)], window + before.start(1)
        role = role_at(title) or "member"
    elif after and ROLE_WORDS.fullmatch(after.group(1)):
        title, at = sentence[person.end + after.start(1):person.end + after.end(1)], person.start
        role = role_at(title) or "member"
    elif head:
        title, at = sentence[person.end + head.start():person.end + head.end()].strip(" ,"), person.start
        role = _HEAD_ROLE[head.group(1)]
    else:
        return False
    org = discourse.subject(state, index, before=max(0, at))
    if org is None:
        return False
    return add_post(holder, org.id, role, title, index, 0.5)


def kind_title(state: State, index: int, clause: str, discourse: Discourse | None) -> tuple[Candidate, str, str] | None:
    """The organisation, role and title of an apposition naming its organisation by a kind word:
    "présidente du réseau", "the cluster's executive director"."""
    if discourse is None:
        return None
    folded = fold_keep_length(clause).strip()
    match = _OF_KIND.match(folded)
    end = len(folded)
    if match and role_at(match.group(1)):
        title, kind, end = match.group(1), match.group(2), match.end(2)  # the title ends with its kind word
    elif (possessive := _KIND_POSSESSIVE.match(folded)) and role_at(possessive.group(2)):
        title, kind = possessive.group(2), possessive.group(1)
    else:
        return None
    org = discourse.of_kind(state, kind, index)
    role = role_at(title)
    if org is None or role is None:
        return None
    return org, role, clause.strip()[:end]


def title_of_kind_before(state: State, index: int, sentence: str, person: Mention, holder: Candidate, discourse: Discourse | None) -> bool:
    """"The cluster's director, Jane Roe", "La présidente du réseau, Marie Dupont"."""
    if discourse is None:
        return False
    lead = fold_keep_length(sentence[max(0, person.start - 60):person.start])
    match = re.search(r"(?:^|[.;:]\s+|,\s+)([^,.;:]*?)\s*,?\s*$", lead)
    if not match:
        return False
    words = match.group(1).split()
    # The longest end of the phrase that starts with a post of a kind: "... by the cluster's director".
    found = next((f for k in range(len(words)) if (f := kind_title(state, index, " ".join(words[k:]), discourse))), None)
    if found is None:
        return False
    org, role, title = found
    return add_post(holder, org.id, role, title, index, 0.5)


#: "X has been appointed CEO of Y", "X a été nommée directrice générale du pôle Y", "X devient président de Y".
_APPOINTED = re.compile(
    r"^\s*,?\s+(?:(?:has|have|had) been |was |is |will be |a ete |est |sera |vient d'etre )?"
    r"(?:appointed|named|elected|promoted|nommee?|elue?|designee?|promue?|reconduite?)\s+"
    r"(?:to (?:the (?:post|position|role) of )?|as |au poste de |en tant que |comme )?"
    r"|^\s+(?:becomes|became|will become|devient|deviendra|est devenue?)\s+"
)
_DETERMINERS = re.compile(r"(?:(?:the|its|their|new|le|la|l'|son|sa|nouvel|nouvelle|nouveau)\s*)*")
#: "X joins Y as CEO", "X rejoint la société Y en tant que directrice".
_JOINS = re.compile(r"^\s*,?\s+(?:(?:who|qui)\s+)?(?:joins|joined|will join|has joined|rejoint|a rejoint|rejoindra)\s+(?:the\s+|le\s+|la\s+|l'|les\s+)?(?:[\w-]+\s+)?$")
_JOINS_AS = re.compile(r"^\s+(?:(?:in|en) (?:19|20)\d\d\s+)?(?:as|en tant que|comme)\s+")
#: "X prend la présidence du pôle Y", "X takes the helm of Y".
_TAKES = re.compile(r"^\s+(?:prend|a pris|prendra|takes|took|will take)\s+(?:la |the )?(presidence|direction|tete|helm|chair|lead)\s+(?:of|de|du|d'|de la|de l')\s*")
_TAKES_ROLE = {"presidence": "president", "chair": "president", "direction": "leader", "tete": "leader", "helm": "leader", "lead": "leader"}
#: "The Northwind Cluster elected X as its new chair", "le pôle Y a nommé X directeur".
_ORG_APPOINTS = re.compile(r"\s+(?:has |have |a |ont )?(?:elected|appointed|named|hired|nomme|elu|elit|recrute|designe)\s+$")


def appointment(
    state: State, index: int, sentence: str, person: Mention, orgs: list[Mention], holder: Candidate, discourse: Discourse | None
) -> bool:
    """A post given by a verb of appointing, becoming, joining or taking the lead:
    "X has been appointed CEO of Y", "X joins Y as CEO", "Y elected X as its chair",
    "X a été nommée directrice du pôle Y", "X devient président de Y", "X prend la présidence de Y"."""
    folded = fold_keep_length(sentence)
    after = folded[person.end:]
    later = [m for m in orgs if m.start >= person.end]
    if (took := _TAKES.match(after)) and later and later[0].start - person.end <= took.end() + 12:
        role = _TAKES_ROLE[took.group(1)]
        return add_post(holder, state.entity_for(later[0], index).id, role, sentence[person.end:later[0].start].strip(), index, 0.7)
    if later and _JOINS.match(folded[person.end:later[0].start]):
        rest = folded[later[0].end:]
        as_ = _JOINS_AS.match(rest)
        joined = role_at(rest[as_.end():]) if as_ else None
        if as_ and joined:
            title = sentence[later[0].end + as_.end():later[0].end + as_.end() + 60].split(",")[0].split(".")[0]
            return add_post(holder, state.entity_for(later[0], index).id, joined, title, index, 0.7)
    earlier = [m for m in orgs if m.end <= person.start]
    appointed = _APPOINTED.match(after)
    by_org = bool(earlier) and _ORG_APPOINTS.search(folded[earlier[-1].end:person.start] + " ")
    if by_org:
        cue = re.match(r"^\s+(?:as\s+|comme\s+|en tant que\s+|au poste de\s+)?", after)
        start = person.end + (cue.end() if cue else 0)
    elif appointed:
        start = person.end + appointed.end()
    else:
        return False
    determiners = _DETERMINERS.match(folded, start)
    start = determiners.end() if determiners else start
    named = role_at(sentence[start:start + 60])
    if named is None:
        return False
    clause_end = min([n for n in (folded.find(",", start), folded.find(".", start), folded.find(";", start)) if n >= 0] or [len(folded)])
    of = [m for m in orgs if start <= m.start < clause_end]
    org: Candidate | None
    if of and not by_org:
        org = state.entity_for(of[0], index)
    elif by_org:
        org = state.entity_for(earlier[-1], index)
    else:
        # "Acme today announced that X has been appointed CEO": the organisation the sentence is about.
        org = state.entity_for(earlier[0], index) if earlier else (discourse.subject(state, index) if discourse else None)
    if org is None:
        return False
    title = sentence[start:of[0].end] if of and not by_org else sentence[start:clause_end]
    return add_post(holder, org.id, named, title, index, 0.7)


#: "It is chaired by X", "Elle est présidée par M. X", "sous la direction de X", "under the leadership of X".
_LED_BY_NAME = re.compile(
    # (Round 10: a time between the verb and "by", the post after it: "dirigé depuis le 1er janvier 2019
    # par son directeur, X", "led since 2019 by its CEO, X".)
    r"\b(?:(led|headed|chaired|run|directed|managed|presided over|dirigee?s?|presidee?s?|animee?s?|pilotee?s?)"
    r"(?:\s+(?:depuis|since|from|des|en|in)\s+[\w ]{1,30}?)?\s+(?:by|par)"
    r"|sous la (direction|presidence|houlette|conduite) d[e']|under the (leadership|direction|chairmanship) of)"
    r"(?:\s+(?:son|sa|its|their|leur)\s+[\w-]+(?:\s+[\w-]+)?\s*,)?"
    r"\s*(?:(?:dr|prof|professor|mr|mrs|ms|m|mme|pr)\.?\s+)*$"
)
_SUBJECT_ROLE = {"chaired": "president", "presided over": "president", "preside": "president", "presidence": "president",
                 "chairmanship": "president"}
#: A sentence whose subject is a pronoun or a kind word: "Elle est ...", "It is ...", "The cluster is ...".
_PRONOUN_SUBJECT = re.compile(
    rf"^\W*(?:(?:il|elle|it|they|ils|elles)\s|(?:the|le|la|l'|this|cette|ce)\s*(?:[\w-]+\s+)?({'|'.join(sorted(KIND_FAMILIES, key=len, reverse=True))})\s)"
)


def led_by_subject(
    state: State, index: int, sentence: str, person: Mention, holder: Candidate, discourse: Discourse | None
) -> bool:
    """"Elle est présidée par M. Jean Roe", "The cluster is led by Jane Roe", "animée par une équipe
    ..., sous la direction de X": the post is at the organisation the subject stands for."""
    if discourse is None:
        return False
    folded = fold_keep_length(sentence)
    match = _LED_BY_NAME.search(folded[max(0, person.start - 90):person.start])
    subject = _PRONOUN_SUBJECT.match(folded)
    if not match or not subject:
        return False
    named = [m for m in discourse.mentions.get(index, []) if m.kind == "org" and m.end <= person.start]
    if named:
        return False  # an organisation of the sentence is nearer: "led by" after it is read by its own rule
    org = (discourse.of_kind(state, subject.group(1), index) if subject.group(1)
           else discourse.subject(state, index, before=person.start, back=4))  # "Elle": the topic, a few sentences back
    if org is None:
        return False
    verb = next(g for g in match.groups() if g)
    base = re.sub(r"e?s?$", "", verb) if verb.startswith(("presid", "dirig", "anim", "pilot")) else verb
    role = _SUBJECT_ROLE.get(base) or _SUBJECT_ROLE.get(verb) or "leader"
    return add_post(holder, org.id, role, verb, index, 0.5)


#: "X succeeds Y as CEO of Z", "X succède à Y à la présidence de Z": both held the post (Y before).
_SUCCEEDS = re.compile(r"^\s+(?:succeeds|succeeded|will succeed|replaces|replaced|will replace|succede a|a succede a|"
                       r"succedera a|remplace|a remplace|remplacera)\s+(?:m\.\s+|mme\s+|dr\.?\s+)?$")
_SUCCEEDS_AS = re.compile(r"\s*,?\s+(?:as|comme|en tant que|au poste de|a la (presidence|direction|tete))\s+")


def succession(
    state: State, index: int, sentence: str, person: Mention, people: list[Mention], orgs: list[Mention]
) -> bool:
    """"Jane Roe succeeds John Smith as CEO of Acme", "Marie Roy succède à Paul Martin à la
    présidence de Genvia": the post of both, the predecessor's at a lower confidence."""
    folded = fold_keep_length(sentence)
    follower = next((p for p in people if p.start > person.end), None)
    if follower is None or not _SUCCEEDS.match(folded[person.end:follower.start]):
        return False
    how = _SUCCEEDS_AS.match(folded, follower.end)
    if how is None:
        return False
    clause_end = min([n for n in (folded.find(",", how.end()), folded.find(".", how.end())) if n >= 0] or [len(folded)])
    of = [m for m in orgs if how.end() <= m.start < clause_end]
    role = _TAKES_ROLE.get(how.group(1) or "") or role_at(sentence[how.end():clause_end])
    if not of or role is None:
        return False
    org = state.entity_for(of[0], index)
    title = sentence[how.end():of[0].end] if not how.group(1) else sentence[how.start():of[0].end].strip(" ,")
    add_post(state.entity_for(follower, index), org.id, role, title, index, 0.5)
    return add_post(state.entity_for(person, index), org.id, role, title, index, 0.7)
