"""Agreements, memoranda and partnerships, with their parties, status and date, from one sentence.

The agreement's word (an accord, a convention, an MoU, a partnership, a deal, in the singular or
the plural; a verb of partnering or merging) and a verb of signing; its parties are the
organisations "between" which it is, the subject and the names after "with" / "avec" (before
or after the word), those before the word, an organisation a kind word or a pronoun points
back to, or the bodies of the people who signed it. A plural word with one subject and several
partners gives one agreement with each ("des conventions avec A et B"). See docs/extraction.md,
"Relations and status".
"""

from __future__ import annotations

import re
from itertools import pairwise

from ecokg.loaders.articles.agreement_signers import pronoun_signers
from ecokg.loaders.articles.dates import DateMention
from ecokg.loaders.articles.discourse import KIND_FAMILIES, Discourse
from ecokg.loaders.articles.gazetteer import lookup
from ecokg.loaders.articles.linking import Candidate, Mention, State
from ecokg.loaders.articles.polities import a_polity
from ecokg.loaders.articles.relations import event_dates, set_status
from ecokg.loaders.articles.spans import fold_keep_length
from ecokg.loaders.articles.vocabulary import status_of

_AGREEMENT = re.compile(
    # Plurals too: "des conventions d'intention", "two agreements", "memoranda of understanding".
    r"\b(accords?|conventions?|partenariats?|protocoles? d'entente|protocoles?|ententes?|memorand(?:um|a|ums) of understanding|"
    r"memorand(?:um|a|ums) of cooperation|memorand(?:um|a|ums)|agreements?|partnerships?|mous?|pacts?|pactes?|letters? of intent|"
    # A deal, a contract, a (lower-case) alliance ("a collaboration between A and B" is a joint
    # project, not an agreement, unless it is a "collaboration agreement").
    r"deals?|contracts?|contrats?|alliance|"
    # Round 11: a charter or a joint declaration the parties sign ("ont signé une charte",
    # "signed a joint declaration"); not "la charte graphique", nor a capitalised "Charter" (a name).
    r"chartes?(?! graphique)|charters?|declarations? communes?|joint declarations?|"
    # "have formalised their collaboration", "ont officialisé leur coopération".
    r"(?:formali[sz]\w*|officiali[sz]\w*)\s+(?:their|its|leur|sa|son)\s+(?:collaboration|cooperation|partenariat|partnership)|"
    r"lettres? d'intention|"
    # Verbs of partnering: "X and Y have partnered", "X s'allie avec Y", "join forces".
    r"partnered|partners with|partnering with|team(?:s|ed|ing)? up|join(?:s|ed|ing)? forces|s'allient|s'allie|"
    r"s'associent|s'associe|unissent leurs forces|unir leurs forces|nouent un partenariat|"
    # A merger of two named parties: "X and Y will merge", "X et Y vont fusionner".
    r"merger|merge|merged|merging|fusion|fusionner|fusionnent|fusionneront|fusionnera|ont fusionne|"
    # A stated will to work together: "X and Y have agreed to cooperate", "X et Y ont convenu de collaborer".
    r"agree[sd]? to (?:cooperate|collaborate|work together|partner)|"
    r"(?:convenu|conviennent|decide|decident|s'engagent|se sont engages) (?:de|a) (?:cooperer|collaborer|travailler ensemble)|"
    # Round 9: adverbs in between ("agreed to not only work more closely with each other", "ont
    # convenu de travailler plus étroitement ensemble").
    r"agree[sd]? to (?:[a-z]+ ){1,4}?(?:cooperate|collaborate|work (?:[a-z]+ ){0,3}?(?:together|with each other|with one another))|"
    r"(?:convenu|conviennent|decide|decident|s'engagent|se sont engages) (?:de|a) (?:[a-z]+ ){0,3}?(?:cooperer|collaborer|travailler (?:[a-z]+ ){0,3}?ensemble))\b"
    # "la convention internationale BIO 2014": a convention that is an event, not an agreement.
    r"(?!\s+(?:internationale|annuelle|mondiale|d'affaires|bio\b))"
)
_SIGNING = re.compile(r"\b(sign\w*|ratif\w*|between|entre|with|avec|conclu\w*|noue\w*|renew\w*|extend|announc\w*|annonc\w*|forge\w*|entered|agreed|liant|partnered|officiali[sz]\w*|formali[sz]\w*|convenu|conviennent|decide\w*|s'engag\w*|s'alli\w*|s'associ\w*|team\w* up|join\w* forces|unissent|unir leurs forces|merg\w*|fusion\w*|ink\w*|seal\w*|scell\w*|paraph\w*|struck|strike\w*|"
    # Round 8: verbs that name a memorandum's parties or announce it ("the memorandum involves A and B",
    # "welcomed the announcement of a collaboration between A and B").
    r"involv\w*|implique\w*|reuni\w*|brings together|rassembl\w*|formed|forming|establish\w*|welcom\w*|salu\w*|unveil\w*|devoil\w*)\b")
#: "The two clusters signed ...", "Les deux pôles ont signé ...": the last two organisations met.
_THE_TWO = re.compile(
    r"\b(?:the two|both|these two|les deux|ces deux)\s+(?:[\w-]+\s+)?(clusters?|organi[sz]ations?|companies|partners|agencies|"
    r"institutions|networks|associations|poles|structures|entreprises|societes|partenaires|agences|reseaux|institutions)\b"
)
#: Names given as examples of a kind ("D'autres pôles comme A et B ont choisi de fusionner") are
#: not a pair acting together.
_EXAMPLES = re.compile(r"\b(?:comme|such as|like|notamment|including|dont|tels? que|telles? que|among them)\s+(?:the\s+|le\s+|la\s+|les\s+|l')?$")
#: "The MoU was signed ...", "L'accord a été signé ...": the agreement proposed just before.
_DEFINITE = re.compile(r"\b(?:the|this|that|l'|le|la|cet|cette|ce)\s*$")
#: A sentence without a subject ("Signant en même temps un accord avec Y", "It also signed ..."):
#: its subject is the previous sentence's.
_NO_SUBJECT = re.compile(r"^\W*(?:[a-z]+(?:ant|ing)\b|(?:il|elle|ils|elles|it|they)\s)")


#: What may stand between two coordinated parties: "A and the B", "A, B et l'agence C".
_AND = re.compile(r"\s*(?:,|,?\s+(?:and|et))\s+(?:the\s+|le\s+|la\s+|les\s+|l')?(?:[a-z-]+\s+)?$")


_ONE_SIDE = re.compile(r"\b(?:d'une part|on the one hand)\b")
_OTHER_SIDE = re.compile(r"\b(?:d'autre part|on the other(?: hand)?)\b")


def _side_split(folded: str, start: int, end: int, parties: list[Mention]) -> int | None:
    """Where the second side of "between, on the one hand, A and, on the other, B" begins (None
    without both markers): after "d'une part" when the first side is named before it ("X d'une
    part et Y d'autre part"), else at "d'autre part"."""
    one = _ONE_SIDE.search(folded, start, end)
    other = _OTHER_SIDE.search(folded, one.end(), end) if one else None
    if one is None or other is None:
        return None
    return one.end() if any(start <= m.start < one.start() for m in parties) else other.start()


def _coordinated_after(folded: str, after: list[Mention]) -> list[Mention]:
    """The organisations coordinated with the first of ``after``: "with A, B and C" -> B, C."""
    out: list[Mention] = []
    for previous, mention in pairwise(after):
        if not _AND.fullmatch(folded[previous.end:mention.start]):
            break
        out.append(mention)
    return out


def find_agreements(
    state: State, index: int, sentence: str, mentions: list[Mention], discourse: Discourse | None = None
) -> None:
    folded = fold_keep_length(sentence)  # offsets stay those of the mentions
    # A country or a city is no party ("a partnership between Brazil and Uruguay"), even one the
    # model tags as an organisation.
    orgs = [m for m in mentions if m.kind == "org" and not _a_place(m.text)]
    dates = event_dates(state, index, sentence)
    lead = _PARTICIPLE.match(folded)
    if lead and _participle_agreement(state, index, folded, orgs, lead.end()):
        # "Having signed an MoU with A, B has now concluded a partnership with C": B and A, then
        # the main clause alone (B and C).
        folded = " " * lead.end() + folded[lead.end():]
        orgs = [m for m in orgs if m.start >= lead.end()]
    match = next(
        (m for m in _AGREEMENT.finditer(folded) if not any(o.start <= m.start() < o.end for o in orgs)
         and not (m.group(1) in {"alliance", "charter", "charters", "charte", "chartes"} and sentence[m.start()].isupper())), None  # "the Biotech Alliance": a name
    )
    announced = None if match else _announced_collaboration(folded)
    match = match or announced
    if not match:
        if _represented(state, index, folded, orgs) or pronoun_signers(state, index, folded, orgs, mentions):
            return
        if discourse is not None and discourse.unnamed_agreement == index - 1 and (listed := _LISTED.match(folded)):
            # "... la signature de la convention. Il s'agit de A, B, C et D": its parties, listed next.
            after = [m for m in orgs if m.start >= listed.end()]
            parties = after[:1] + _coordinated_after(folded, after)
            if len(parties) >= 2 and re.fullmatch(r"\s*(?:the\s+|le\s+|la\s+|les\s+|l')?", folded[listed.end():parties[0].start]):
                ids = list(dict.fromkeys(state.entity_for(m, index).id for m in parties))
                state.last_agreement = _propose(state, ids, index, fold_keep_length(discourse.sentences.get(index - 1, "")), dates)
            return
        if state.last_agreement is not None and re.search(r"\b(signing|signature)\b", folded) and dates:
            # "The signing will occur ... on March 25": the date of the agreement just proposed.
            agreement = state.last_agreement
            if "date" not in agreement.props:
                agreement.add("date", dates[0].iso, index, 0.6)
        return
    if not _SIGNING.search(folded):
        return
    if re.search(r"\b(?:in (?:partnership|collaboration|cooperation) with|en (?:partenariat|collaboration|cooperation) avec)\b", folded) and not re.search(r"\bsign|\bagree|\bconclu|\baccords?\b|\bconventions?\b", folded) and not announced:
        return  # "organised by X in partnership with Y": a joint event, not an agreement
    # Parties are named in the agreement word's clause: "L'accord ... porte ses fruits : Abreos
    # implantera ..., Neuroservices ..." names two companies that are not its parties.
    # (A colon or a semicolon inside brackets ends no clause: "X (head office: Y; chairman: Z) has
    # concluded an MOU with W", round 9.)
    marks = re.sub(r"\([^()]*\)", lambda b: " " * len(b.group(0)), folded)
    clause_start = max((m.end() for m in re.finditer(r"[:;]", marks[: match.start()])), default=0)
    # Names in brackets of fields ("head office: Y; chairman of the board: Z") are no parties.
    fields = [b.span() for b in re.finditer(r"\([^()]*:[^()]*\)", folded)]
    orgs = [m for m in orgs if not any(a < m.start < b for a, b in fields)]
    stop = re.search(r"[:;]", marks[match.end():])
    clause_end = match.end() + stop.start() if stop else len(folded)
    # "... agreements worth $5 million, said Dr Roe, founder of X": the speaker's body is no party.
    said = _SAID.search(folded, match.end(), clause_end) or _WITNESSES.search(folded, match.end(), clause_end)
    clause_end = said.start() if said else clause_end
    orgs = [m for m in orgs if clause_start <= m.start and m.end <= clause_end]
    if (witness := _WITNESSES_BEFORE.search(folded, clause_start, match.start())) is not None:
        # "In the presence of X, Chairman of A, the MoU was signed by ...": A watches, up to the
        # agreement's own phrase (round 10).
        cut = folded.rfind(",", witness.end(), match.start())
        orgs = [m for m in orgs if not witness.start() <= m.start < cut]
    between = re.search(r"\b(entre|between|liant)\b", folded[match.start():clause_end])
    # "X has entered a partnership with Y", "X signe une convention avec Y", "X partners with Y".
    partner = re.match(r"(?:[^,.;]{0,80}?\s)?(?:with|avec|aux cotes d[eu]|aupres d[eu]|aupres de la|aupres de l')\s", folded[match.end():clause_end] + " ") or (
        re.match(r"\s*(?:a|au|aux)\s", folded[match.end():clause_end] + " ") if match.group(1).startswith("s'") else None
    )
    if between and state.last_agreement is not None and _DEFINITE.search(folded[:match.start()]) and re.search(
            r"\b(?:is|est|was|etait)\b", folded[match.end():match.start() + between.start()]):
        # "Ce protocole d'accord est l'aboutissement de collaborations entre des chercheurs ...":
        # the agreement just proposed, described; the "between" is another noun's.
        between = None
    if (state.last_agreement is not None and not between and _DEFINITE.search(folded[:match.start()])
            and not (partner and [m for m in orgs if m.end <= match.start()])):
        # "The MoU was signed at ... by X and Y": the agreement just proposed, not a new one.
        agreement = state.last_agreement
        if involves := _INVOLVES.search(folded, match.end(), clause_end):
            # "the memorandum involves A and B": more parties of the agreement just proposed.
            # (up to a place or an occasion: "signed by A and B, at the X conference in Y")
            stop = re.search(r"[\s,](?:at|in|during|lors|au|a|en)\s", folded[involves.end():clause_end])
            end = involves.end() + stop.start() if stop else clause_end
            _add_parties(state, agreement, index, [m for m in orgs if involves.end() <= m.start and m.end <= end])
        status = status_of(folded)
        set_status(agreement, "signed" if status == "happened" else status, index)
        singles = [d for d in dates if d.end_iso is None]
        if singles and "date" not in agreement.props:
            agreement.add("date", singles[0].iso, index, 0.6)
        return
    signatories: list[str] = []
    with_before: list[Mention] = []
    if between:
        start = match.start() + between.end()
        parties = [m for m in orgs if m.start >= start]
    elif partner and (before := [m for m in orgs if m.end <= match.start()]):
        after = [m for m in orgs if m.start >= match.end() + partner.end() - 1]
        # The subject is the clause's first organisation ("The X group, which includes Y, ..."),
        # and every name coordinated after "with" ("an MoU with A and B", "avec A, B et C").
        parties = [before[0], *after[:1], *_coordinated_after(folded, after)]
    elif partner and discourse is not None and (kind := _KIND_SUBJECT.search(folded[clause_start:match.start()])) and (
            subject := discourse.of_kind(state, kind.group(1), index, frozenset(
                state.entity_for(m, index).id for m in orgs if m.start >= match.end()))):
        # "The cluster signed agreements with A and B": the cluster met before, and A and B.
        signatories.append(subject.id)
        after = [m for m in orgs if m.start >= match.end() + partner.end() - 1]
        parties = [*after[:1], *_coordinated_after(folded, after)]
    elif partner and discourse is not None and _NO_SUBJECT.match(folded) and (subject := discourse.subject(state, index - 1)):
        # "Engageant en même temps un partenariat avec Y": the previous sentence's subject and Y.
        signatories.append(subject.id)
        parties = [m for m in orgs if m.start >= match.end() + partner.end() - 1][:1]
    elif partner and (after := [m for m in orgs if m.start >= match.end() + partner.end() - 1]) and (all(
            m in after[:1] + _coordinated_after(folded, after) for m in orgs) or not _subject_named(folded, orgs, match.start())):
        # "Agreements were signed with A and B", "une convention de prêt auprès de A et ... de B":
        # partners of a subject the sentence does not name (round 10: nor a name in another clause).
        return
    elif with_before := _with_before(folded, orgs, clause_start, match.start()):
        # "A a signé avec B et C des conventions", "A signed with B an agreement": "with" first.
        parties = with_before
    else:
        earlier = [m for m in orgs if m.end <= match.start()]
        parties = earlier or orgs
        if parties and _EXAMPLES.search(folded[clause_start:parties[0].start]):
            return  # "D'autres pôles comme A et B ont choisi de fusionner": examples, not a pair
        if earlier and _SIGNING_WITH.search(folded[clause_start:earlier[0].start]):
            return  # "X a signé avec A et B des conventions", X not found: A and B are not a pair
    if not between and not partner and not signatories and len(bodies := _signers_bodies(state, index, folded, mentions, match.end(), clause_end)) >= 2:
        # "a memorandum was signed by A, Director of X at Y, and B, CEO of Z": each signer's body,
        # not a unit or another name of the titles (round 10).
        parties, signatories = [], bodies
    signed_by = _SIGNED_BY_FAR.search(folded, match.end(), clause_end)
    people_by = [m for m in mentions if m.kind == "person" and signed_by is not None and m.start >= signed_by.end()]
    if not between and not partner and not signatories and parties and people_by and parties[0].start > people_by[0].start:
        # "signed by Minister X and Y, president of A and president of B": one side a signer, the
        # bodies of one signer's titles are never two parties (round 12).
        parties, signatories = [], _signers_bodies(state, index, folded, mentions, match.end(), clause_end, _SIGNED_BY_FAR)
        if len(signatories) < 2 or (discourse is not None and _DEFINITE.search(folded[:match.start()]) and any(
                match.group(1) in fold_keep_length(discourse.sentences.get(n, "")) for n in range(index))):
            # ("The government has signed a letter of intent with A. ... The letter of intent was
            # signed by Minister X and Y": the agreement named again, whose two sides were not named)
            return
    if any(a_polity(m.text) for m in parties) and len([m for m in parties if not a_polity(m.text)]) + len(signatories) < 2:
        return  # a state's agreement with one body: no other name of the sentence stands in
    if len(parties) + len(signatories) < 2 and not (between and _places_between(folded, mentions, match.end(), match.start() + between.end())):
        parties = orgs
    if between and (split := _side_split(folded, match.start() + between.end(), clause_end, parties)) is not None:
        # "liant X d'une part et A et B d'autre part": X with A and X with B, never A with B; a side
        # that is a country or names no body leaves no agreement (round 11).
        sides_ids = [list(dict.fromkeys(
            state.entity_for(m, index).id for m in parties if (m.start < split) == first and not a_polity(m.text))) for first in (True, False)]
        sides_ids = [[i for i in ids if not a_polity(state.entities[i].label)] for ids in sides_ids]
        for one in sides_ids[0][:4]:
            for other in sides_ids[1][:4]:
                if one != other:
                    state.last_agreement = _propose(state, [one, other], index, folded, dates)
        return
    for mention in parties:
        entity = state.entity_for(mention, index)
        if entity.id not in signatories:
            signatories.append(entity.id)
    if len(signatories) < 2 and discourse is not None and (two := _THE_TWO.search(folded[clause_start:clause_end])):
        signatories = [c.id for c in discourse.last_met(state, index, two.group(1), 2)]
    if len(signatories) < 2:
        # "signed by Jane Roe and John Smith": the organisations the signers hold posts in.
        signers = re.search(r"\b(?:signed by|signee?s? par|co-?signee?s? par|paraphee?s? par)\s", folded)
        for mention in mentions if signers else []:
            by = signers.end() - 1 if signers else len(folded)
            posts = state.entity_for(mention, index).posts if mention.kind == "person" and mention.start > by else []
            if posts and posts[0]["organization"] not in signatories:
                signatories.append(posts[0]["organization"])
    if len(signatories) < 2 and (verb := _SUBJECTS_SIGNED.search(folded, 0, match.start())) and set(signatories) <= set(
            bodies := _subjects_bodies(state, index, mentions, verb.start())):
        # "Le ministre de A, X, et le président de B, Y, ont signé un accord": the bodies of the
        # signers' posts of this sentence, when it names no other party (round 13).
        signatories = bodies
    # Nor a government, a state or a country's initialism (round 10: "le Gouvernement Royal du X",
    # "l'Etat burkinabè", "UAE"): dropped once the parties are read, so that no other name of the
    # sentence takes its place ("financé par l'Etat ... une convention de prêt auprès de Y").
    signatories = [s for s in signatories if not a_polity(state.entities[s].label)]
    if len(signatories) < 2:
        if discourse is not None and re.search(r"\bsign", folded):
            discourse.unnamed_agreement = index
        return
    # "A signed agreements with B and C", "des conventions avec B et C", "des conventions entre,
    # d'une part, A et, d'autre part, B et C": one agreement with each partner, not one of three
    # parties (a plural noun, its subject or first party, and partners after "with" or "d'autre part").
    sides = between and re.search(r"\b(?:d'une part|on the one hand)\b", folded[match.start():clause_end])
    each = len(signatories) > 2 and (partner or with_before or sides) and _PLURAL.fullmatch(match.group(1))
    for group in ([[signatories[0], other] for other in signatories[1:4]] if each else [signatories]):
        state.last_agreement = _propose(state, group, index, folded, dates)


def _subject_named(folded: str, orgs: list[Mention], word: int) -> bool:
    """An organisation before the agreement's word, or the main clause's subject after an opening
    phrase ("partenariat avec A, le GIP B assure ..."), not a name of another clause."""
    # ("Un accord avec A a été signé par B": B, the agent of the signing, too)
    return any(m.end <= word or re.search(r"(?:,|\b(?:by|par))\s*(?:the\s+|le\s+|la\s+|les\s+|l')?(?:[a-z-]+\s+)?$", folded[word:m.start])
               for m in orgs)


#: A sentence that lists the parties of the agreement the one before signed without naming them.
_LISTED = re.compile(r"^\W*(?:il s'agit d[eu]s?|il s'agit de la|il s'agit de l'|les (?:signataires|parties|partenaires) sont|"
                     r"the (?:signatories|parties|partners) (?:are|were)|they are)\s*")
#: Agreement words in the plural: each partner has its own ("des conventions avec A et B").
_PLURAL = re.compile(r"accords|conventions|partenariats|protocoles.*|ententes|memoranda.*|memorandums.*|agreements|"
                     r"partnerships|mous|pacts|pactes|letters of intent|lettres d'intention|deals|contracts|contrats")
#: A kind word as the subject before the agreement's word: "the cluster signed ...", "le pôle a conclu ...".
_KIND_SUBJECT = re.compile(
    # ("L'entreprise liégeoise a récemment conclu ...", "The Norwegian company has recently signed ...":
    # an adjective and an adverb may come in between)
    rf"(?:^|,\s)\W*(?:the|le|la|l'|this|ce|cette)\s*(?:[\w-]+\s+)?({'|'.join(sorted(KIND_FAMILIES, key=len, reverse=True))})\s+(?:[\w-]+\s+)?"
    r"(?:(?:has|have|had|will|also|a|ont|va|vont|aussi|egalement|recently|recemment|already|deja|now)\s+)*(?:sign\w*|conclu\w*|signe\w*|entered|ink\w*|noue\w*|renew\w*|renouvel\w*)\b"
)
#: A verb of saying after the agreement's word: what follows names the speaker, not a party.
_SAID = re.compile(r"[\s,]+(?:said|says|told|added|explained|according to|a declare|a dit|explique|precise|ajoute|indique|"
                   r"souligne|selon)\s")
#: "with" / "avec" between a subject and its partners, before the agreement's word.
_WITH = re.compile(r"\b(?:with|avec)\s")
_SIGNING_WITH = re.compile(r"\b(?:sign\w*|a signe|ont signe|conclu\w*|ink\w*|entered into)\b[^.;]{0,30}\b(?:with|avec)\s+(?:the\s+|le\s+|la\s+|les\s+|l')?$")


def _with_before(folded: str, orgs: list[Mention], clause_start: int, word: int) -> list[Mention]:
    """"A a signé avec B et C des conventions", "A signed with B an MoU": A, B and C; empty if
    the clause does not read so (no signing verb between A and "with", no name on either side)."""
    found = [w for w in _WITH.finditer(folded, clause_start, word)]
    if not found:
        return []
    at = found[-1]
    before = [m for m in orgs if m.end <= at.start()]
    after = [m for m in orgs if at.end() <= m.start and m.end <= word]
    if not before or not after or not _SIGNING.search(folded[before[0].end:at.start()] + " "):
        return []
    return [before[0], after[0], *_coordinated_after(folded, after)]


#: A participle clause before the main one: "Having signed ... with A, B ...", "Après avoir signé ... avec A, B ...".
_PARTICIPLE = re.compile(r"^\W*(?:[\w ]{0,20}[-–—]\s*)?(?:having|after (?:signing|having)|apres avoir|ayant)\s[^,;:]{3,200},\s")


def _participle_agreement(state: State, index: int, folded: str, orgs: list[Mention], end: int) -> bool:
    """The agreement of a participle clause ending at ``end``: its partners after "with" and the
    main clause's subject, the name right after the comma."""
    word = _AGREEMENT.search(folded, 0, end)
    with_ = _WITH.search(folded, word.end(), end) if word and _SIGNING.search(folded, 0, end) else None
    partners = [m for m in orgs if with_ is not None and with_.end() <= m.start and m.end <= end]
    subject = next((m for m in orgs if m.start >= end), None)
    if not partners or subject is None or not re.fullmatch(r"\s*(?:the\s+|le\s+|la\s+|l')?(?:[a-z-]+\s+)?", folded[end:subject.start]):
        return False
    group = [state.entity_for(m, index).id for m in (subject, partners[0], *_coordinated_after(folded, partners))]
    # "having signed", "après avoir conclu": a perfect, the agreement was made.
    status = status_of(folded[:end])
    _propose(state, group, index, folded[:end], [], "signed" if status in ("reported", "happened") else status)
    return True


_SIGNED_BY = re.compile(r"\b(?:signed by|signee?s? par|co-?signee?s? par|paraphee?s? par)\s")
#: "signed on 2 September at the X Forum by": the signers after a date or a place (round 12).
_SIGNED_BY_FAR = re.compile(r"\b(?:signed|signee?s?|co-?signee?s?|paraphee?s?)\b[^;:]{0,100}?\s(?:by|par)\s")


def _signers_bodies(
    state: State, index: int, folded: str, mentions: list[Mention], start: int, end: int, signed_by: re.Pattern[str] = _SIGNED_BY
) -> list[str]:
    """The bodies of the people who signed ("signed by A, CEO of X, and B, ..."), by their posts of this sentence."""
    by = signed_by.search(folded, start, end)
    bodies: list[str] = []
    for mention in mentions if by else []:
        if mention.kind == "person" and by is not None and by.end() <= mention.start < end:
            posts = [p for p in state.entity_for(mention, index).posts if p["quote"] == index]
            if posts and posts[0]["organization"] not in bodies:
                bodies.append(posts[0]["organization"])
    return bodies


#: The signers as the subject: "X, ..., et Y, ..., ont, en effet, signé un accord", "A and B signed".
_SUBJECTS_SIGNED = re.compile(r"\s(?:ont|have|a|has)?\s*(?:,[^,]{1,25},\s*)?(?:signe|signed|paraphe|sign)\b")


def _subjects_bodies(state: State, index: int, mentions: list[Mention], verb: int) -> list[str]:
    """The bodies of the posts this sentence gives the people before its verb of signing, one each."""
    bodies: list[str] = []
    for mention in mentions:
        if mention.kind == "person" and mention.end <= verb:
            posts = [p for p in state.entity_for(mention, index).posts if p["quote"] == index]
            if posts and posts[0]["organization"] not in bodies:
                bodies.append(posts[0]["organization"])
    return bodies if len(bodies) >= 2 else []


#: The most parties one agreement is given.
_MOST = 6


def _propose(
    state: State, signatories: list[str], index: int, folded: str, dates: list[DateMention], status: str | None = None
) -> Candidate:
    """The agreement of ``signatories`` (up to six), with its status and date."""
    labels = " – ".join(state.entities[s].label for s in signatories[:2])
    french = state.lang == "fr"
    agreement = state.new(
        "agreement-" + "-".join(signatories[:2]), "Agreement",
        (f"Accord de partenariat {labels}" if french else f"Partnership agreement {labels}"), index, 0.7,
    )
    # (Round 10: six, not four: a memorandum of five bodies names them all, as en46's four and a duplicate.)
    for ident in signatories[:_MOST]:
        agreement.add("signatories", ident, index, 0.7)
    status = status or status_of(folded)
    set_status(agreement, "signed" if status == "happened" else status, index)
    singles = [d for d in dates if d.end_iso is None]
    if singles:
        agreement.add("date", singles[0].iso, index, 0.6)
    return agreement


#: Verbs that name an agreement's parties after it: "the memorandum involves A and B", "l'accord réunit A et B".
_INVOLVES = re.compile(r"\b(?:involves|involved|brings together|brought together|associates|implique|impliquent|reunit|reunissent|"
                       r"rassemble|rassemblent|associe|associent|lie|relie|signed by|signee?s? par|co-?signee?s? par)\s")
#: Who watches a signing is no party: "The agreement was signed in the presence of X, director of Y".
_WITNESSES = re.compile(r"[\s,]+(?:in the presence of|witnessed by|attended by|en presence d|sous le regard d)")
#: The same, opening the sentence before the agreement's word.
_WITNESSES_BEFORE = re.compile(r"(?:^|[\s,])\W*(?:in the presence of|witnessed by|en presence d|sous le regard d)")
#: The other side of a memorandum listed in the next sentence: "Uruguay is represented by A and B".
_REPRESENTED = re.compile(r"\b(?:is|are|was|were) represented by|\b(?:est|sont|etait|etaient) represente(?:e|s|es)? par")
#: A collaboration announced, welcomed, signed, concluded or formed, not one of an event ("a conference
#: organised in collaboration with").
_ANNOUNCED = re.compile(r"\b(?:announc\w*|annonc\w*|welcom\w*|unveil\w*|devoil\w*|sign(?!ature)\w*|conclu\w*|nou[ee]\w*|"
                        r"form|forms|formed|forming|forge\w*|establish\w*|etabli\w*|entered|ink\w*|seal\w*|scell\w*)\b")
_COLLABORATION = re.compile(r"\b(collaborations?|cooperations?)\b")
_EVENT_WORDS = re.compile(r"\b(?:conferences?|events?|evenements?|salons?|forums?|colloques?|congres|congress|workshops?|ateliers?|"
                          r"seminars?|seminaires?|webinars?|webinaires?|symposium|summit|sommet|exhibition|exposition|fair)\b")


def _announced_collaboration(folded: str) -> re.Match[str] | None:
    """"welcomed the announcement of a collaboration between A and B", "ont annoncé qu'ils travailleraient
    en collaboration", "ont noué une collaboration": the collaboration's word, when a verb of announcing,
    signing, concluding or forming comes first in its clause."""
    verb = _ANNOUNCED.search(folded)
    word = _COLLABORATION.search(folded, verb.end()) if verb else None
    if verb is None or word is None or re.search(r"[.;:]", folded[verb.end():word.start()]):
        return None
    if re.search(r"\b(?:en|in)\s+$", folded[:word.start()]) and not re.match(r"announc|annonc|welcom|unveil|devoil", verb.group(0)):
        return None  # "il rassemble ... en collaboration avec X" after a signing: a joint activity
    return None if _EVENT_WORDS.search(folded, verb.end(), word.start()) else word


def _a_place(text: str) -> bool:
    """A country's or a city's name ("Uruguay", "Yokohama City", "Ville de Laval"), which names no party."""
    name = re.sub(r"^(?:the\s+)?(?:city of|ville de|ville d'|ville du)\s+|\s+city$", "", text.strip(), flags=re.IGNORECASE)
    place = lookup(name)
    return place is not None and place.kind in ("country", "city") and (place.kind == "country" or name != text or " " not in name)


def _add_parties(state: State, agreement: Candidate, index: int, mentions: list[Mention]) -> None:
    held = {v for v, _, _ in agreement.props.get("signatories", [])}
    for mention in mentions:
        ident = state.entity_for(mention, index).id
        if ident not in held and len(held) < _MOST and not a_polity(mention.text):
            held.add(ident)
            agreement.add("signatories", ident, index, 0.6)


def _represented(state: State, index: int, folded: str, orgs: list[Mention]) -> bool:
    """"On the Brazilian side, the memorandum involves A and B. Uruguay is represented by C and D.":
    C and D join the agreement whose parties the sentence before named."""
    agreement = state.last_agreement
    by = _REPRESENTED.search(folded)
    if agreement is None or by is None or not any(i == index - 1 for _, i, _ in agreement.props.get("signatories", [])):
        return False
    after = [m for m in orgs if m.start >= by.end()]
    _add_parties(state, agreement, index, after)
    return bool(after)


def _places_between(folded: str, mentions: list[Mention], word: int, start: int) -> bool:
    """"a partnership between Brazil and Uruguay": the word's "between" names places, the
    sentence's organisations are not the parties (while "between the two organisations", or
    "cooperation between the sectors of Québec and Maryland" further on, leaves them so)."""
    first = min((m for m in mentions if m.start >= start), key=lambda m: m.start, default=None)
    return (first is not None and (first.kind == "place" or _a_place(first.text))
            and re.fullmatch(r"\s*(?:\w+\s+){0,2}(?:between|entre)\s+", folded[word:start] + " ") is not None
            and re.fullmatch(r"\s*(?:the\s+|le\s+|la\s+|les\s+|l')?", folded[start:first.start]) is not None)
