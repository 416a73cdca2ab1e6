"""Seats on a board: every person a board list names holds a post at the body whose board it is
(round 12). The constructions, in both languages:

* a list after the board: "appointments to the OLS board of directors: A, title at X; Dr. B, ...",
  "Other board members include A; B, ...", "le conseil d'administration de Y est composé de A, B et C";
* people who join it: "A and B have joined the board of Y", "A rejoint le conseil d'administration de Y";
* an officer of a board with no body named: "X will assume the role of board chair", "X, who will
  remain on the board as past chair" (the board named before, else the organisation the article
  opens with);
* a title and its body before the person: "Serving as chairman of Y will be X", "Président du
  conseil de Y sera X".

The board's body is the organisation right before its word ("the OLS board", "Acme's board"), after
its "of" / "de" ("board of trustees of Y", "conseil de surveillance de Y"), a board's body of the
sentences just before, or the organisation the article opens with. See docs/extraction.md,
"Relations and status" (round 12).
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.discourse import Discourse
from ecokg.loaders.articles.linking import Candidate, Mention, State
from ecokg.loaders.articles.polities import a_polity
from ecokg.loaders.articles.post_refs import add_post
from ecokg.loaders.articles.spans import fold_keep_length, role_at

#: The words of a board (folded): board, board of directors, advisory board, conseil d'administration ...
BOARD = (
    r"(?:(?:advisory|executive|supervisory|governing|scientific advisory)\s+)?boards?"
    r"(?:\s+of\s+(?:directors|trustees|governors|management))?"
    r"|steering\s+committees?|executive\s+committees?"
    r"|conseils?\s+(?:d'administration|de\s+surveillance|d'orientation|strategiques?|scientifiques?)"
    r"|comites?\s+(?:de\s+direction|directeurs?|de\s+pilotage|executifs?|strategiques?)"
    # an association's "bureau", only as the head of its list ("le bureau est composé de", "nouveau bureau :")
    r"|bureau(?=\s*(?::|(?:est|sera)\s+(?:composee?|constituee?)\s+de|se\s+compose\s+de|comprend\b|\s+(?:de|du|d')\s*(?:l'|la\s+|le\s+)?"
    r"[^.;:]{0,60}?(?:est|sera)\s+(?:composee?|constituee?)\s+de))"
)
_BOARD = re.compile(rf"\b(?:{BOARD})\b")
#: What opens the list of a board's members after its word: a colon, "include", "are", "est composé de".
_LIST_OPENS = re.compile(
    r"(?:\s+(?:members?|membres))?(?P<of>\s+(?:of|de|du|d')\s*(?:the\s+|l'|la\s+|le\s+)?[^.;:]{0,60}?)?\s*"
    r"(?::|\s+(?:(?:will\s+)?includes?|including|are|will be|(?:is|are)\s+(?:composed|made up)\s+of|comprises?|"
    r"comprend|comprennent|comprendra|sont|seront|(?:est|sera)\s+(?:composee?|constituee?)\s+de|se compose de|"
    r"reunit|reunira)\b)"
)
#: "Other board members include", "les autres administrateurs sont": members named before, elsewhere.
_MEMBERS_OPEN = re.compile(
    r"\b(?:board members|members of the board|trustees|administrateurs|administratrices|"
    r"membres du conseil(?: d'administration| de surveillance)?)\s+(?:(?:will\s+)?includes?|including|are|will be|"
    r"sont|seront|comprennent)\b|\b(?:administrateurs|administratrices)\s*:"
)
#: People joining a board: "A and B have joined the board of Y", "A rejoint le conseil d'administration".
_JOINS = re.compile(
    r"\b(?:joins?|joined|joining|(?:elected|appointed|named)\s+to|serves?\s+on|served\s+on|sits?\s+on|sat\s+on|rejoint|rejoignent|ont rejoint|"
    r"integre|integrent|entre\s+au|entrent\s+au|(?:fait|font)\s+(?:son|leur)\s+entree\s+au|sieger?a?\s+au|siegent\s+au|"
    r"(?:elue?s?|nommee?s?)\s+au)\s+(?:the\s+|its\s+|their\s+|le\s+|son\s+|leur\s+)?"
    # ("appointed to Helix Labs' board": the body's possessive before the board)
    r"(?:(?:[\w&.-]+\s+){0,4}?[\w&.-]+(?:'s|’s|'|’)\s+)?"
    rf"(?:{BOARD})\b"
)
#: An officer of a board whose body the sentence does not name: "the role of board chair", "serves as
#: board vice chair", "remain on the board as immediate past chair", "vice chair".
_OFFICER = re.compile(
    r"\b(?:the role of|as|serves? as|served as|named|elected|appointed)\s+(?:the\s+)?(?:new\s+)?"
    r"(?P<title>(?:immediate\s+)?(?:past\s+)?(?:board\s+)?((?:vice[ -])?(?:chair|chairman|chairwoman|chairperson)|treasurer|secretary))\b"
    r"(?!\s+(?:of|at|for|with)\b)"
)
#: The same in French: "X prendra la présidence du conseil", "Y sera vice-présidente du conseil d'administration".
_OFFICER_FR = re.compile(
    r"\b(?:prendra|prend|assumera|assure|sera|devient|en tant que|comme)\s+(?:la\s+|le\s+)?(?:nouvel\w*\s+|nouveau\s+)?"
    r"(?P<title>((?:vice-)?presiden\w*|tresorier\w*|secretaire)\s+du\s+conseil(?:\s+d'administration|\s+de\s+surveillance)?)\b"
    r"(?!\s*(?:de|du|des|d')\b)"
)
#: The office named for its holder's title: "prendra la présidence du conseil".
_OFFICES = {"presidence": "president", "vice-presidence": "vice-president"}
#: "Serving as chairman of Y will be X", "Named chair of Y is X": a title and its body before the person.
_TITLE_FIRST = re.compile(
    r"^\W*(?:(?:serving as|named|appointed|elected|nommee?|elue?)\s+)?(?:the\s+|new\s+|le\s+|la\s+|nouvel\w*\s+|nouveau\s+)*"
    r"([a-z][a-z' -]{1,40}?)\s+(?:of|de|du|d')\s*(?:the\s+|l'|la\s+|le\s+)?(?:[a-z-]+\s+){0,2}$"
)
_COPULA_AFTER = re.compile(r"^\s*(?:will be|is|was|sera|est|:)\s+(?:(?:dr|pr|prof|mr|mrs|ms|m|mme)\.?\s+)?$")
#: What may stand before a person that heads an item of a list: a list's separator and honorifics.
_ITEM_HEAD = re.compile(r"(?:[:;,]|\band|\bet|\bde|\bincludes?|\bare|\bsont)\s*(?:(?:dr|pr|prof|mr|mrs|ms|m|mme)\.?\s+)?$")


def board_posts(state: State, index: int, sentence: str, mentions: list[Mention], discourse: Discourse) -> None:
    """The board seats and board officers a sentence names."""
    folded = fold_keep_length(sentence)
    people = [m for m in mentions if m.kind == "person"]
    orgs = [m for m in mentions if m.kind == "org" and not a_polity(m.text)]
    _title_first(state, index, sentence, people, orgs)
    seated = False
    for board in _BOARD.finditer(folded):
        # ("chairman of the board: X", "président du conseil : X": a title's field, not a list)
        listed = None if re.search(r"\b(?:of|du|de)\s+(?:the\s+|l'|le\s+)?$", folded[:board.start()]) else _LIST_OPENS.match(folded, board.end())
        if listed is not None and listed.group("of") and not any(listed.start("of") < o.start and listed.end("of") - 2 <= o.end <= listed.end("of")
                                                                 for o in orgs):
            listed = None  # "the board of Acme approved the deal: ...": only the body's name between
        body = _body(state, index, folded, board, orgs, discourse) if listed is not None else None
        listed_people = _members(state, index, sentence, people, listed.end()) if listed is not None and body is not None else []
        if body is not None and (len(listed_people) >= 2 or (listed is not None and not listed.group(0).endswith(":"))):
            # (a colon opens a list of two or more: "Jane Roe told the board: Tom Brandt will ..." is none)
            seated = _seat(state, index, sentence, listed_people, body, board) or seated
    for members in _MEMBERS_OPEN.finditer(folded) if not seated else ():
        # "Other board members include ...": the board named before (not a second body for a list read above)
        body = _earlier_board(state, index, discourse)
        if body is not None:
            _seat(state, index, sentence, _members(state, index, sentence, people, members.end()), body, members)
    for join in _JOINS.finditer(folded):
        word = _BOARD.search(folded, join.start())
        body = _body(state, index, folded, word, orgs, discourse) if word is not None else None
        # the people before the verb, not past a body that is not their own ("A of Acme and B joined ...": both)
        before = [p for p in people if p.end <= join.start()
                  and not any(p.end <= o.start < join.start() and _OWN_BODY.search(folded[:o.start]) is None for o in orgs)
                  and not re.search(r"\b(?:which|that|dont|laquelle|lequel)\b", folded[p.end:join.start()])]
        if body is not None:
            _seat(state, index, sentence, [state.entity_for(p, index) for p in before], body, join)
            if word is not None and folded[word.start():word.end()].endswith(("boards", "conseils")):
                # "has served on the boards of A and B": a seat at each body of the plural (round 13)
                for other in _coordinated_bodies(folded, word, orgs):
                    _seat(state, index, sentence, [state.entity_for(p, index) for p in before], state.entity_for(other, index), join)
    if _BOARD.search(folded) or re.search(r"\b(?:board|conseil)\b", folded):
        _officers(state, index, sentence, folded, people, orgs, discourse)


def _body(state: State, index: int, folded: str, board: re.Match[str], orgs: list[Mention],
          discourse: Discourse) -> Candidate | None:
    """The body whose board it is: named right before ("the OLS board", "Acme's board"), after its
    "of" / "de", else named as a board's body just before, else the article's opening organisation."""
    for org in orgs:
        if org.end <= board.start() and re.fullmatch(r"\s*(?:'s?|’s?)?\s*(?:new\s+|nouveau\s+)?", folded[org.end:board.start()]):
            return state.entity_for(org, index)
        if org.start >= board.end() and re.fullmatch(
                r"\s+(?:of|de|du|d')\s*(?:the\s+|l'|la\s+|le\s+)?(?:[a-z-]+\s+){0,2}", folded[board.end():org.start] + " "):
            return state.entity_for(org, index)
    if re.match(r"\s+(?:of|de|du|des|d')\b", folded[board.end():]):
        return None  # "the board of several companies": the board of something not named as a body
    opened = folded.rfind("(", 0, board.start())
    if opened > folded.rfind(")", 0, board.start()):
        # "Acme (head office: Oslo; chairman of the board: X)": the board of the body before the
        # brackets, none when no body stands right there.
        before = [o for o in orgs if o.end <= opened and re.fullmatch(r"\s*", folded[o.end:opened])]
        return state.entity_for(before[0], index) if before else None
    if re.search(r"\b(?:its|their|son|leur|sa)\s+(?:new\s+|nouveau\s+)?$", folded[:board.start()]):
        return discourse.subject(state, index, board.start())
    return _earlier_board(state, index, discourse)


def _coordinated_bodies(folded: str, board: re.Match[str], orgs: list[Mention]) -> list[Mention]:
    """The bodies after the first of "the boards of A, B and C" / "les conseils de A et de B"."""
    after = [o for o in orgs if o.start >= board.end()]
    out: list[Mention] = []
    if not after:
        return out
    previous = after[0]
    for org in after[1:]:
        join = folded[previous.end:org.start]
        if re.fullmatch(r"\s*\(\s*", join):
            continue  # the body's acronym in brackets: "A (AA) and B"
        if not re.fullmatch(r"\s*(?:\([^()]{1,20}\))?\s*(?:,|,?\s+(?:and|et))\s+(?:(?:of|de|du|d')\s*)?(?:the\s+|l'|la\s+|le\s+)?", join):
            break
        out.append(org)
        previous = org
    return out


def _earlier_board(state: State, index: int, discourse: Discourse) -> Candidate | None:
    """The body of a board post of the sentences just before, else the organisation the article
    opens with (a board named without its body is the board of the body the article is about)."""
    for n in range(index - 1, max(-1, index - 3), -1):
        for person in (c for c in state.entities.values() if c.cls == "Person"):
            for post in person.posts:
                if post["quote"] == n and re.search(r"\b(?:chair\w*|board|conseil|administrat\w*)", fold_keep_length(post.get("title", ""))):
                    return state.entities.get(post["organization"])
    for n in range(0, index):
        orgs = [m for m in discourse.mentions.get(n, []) if m.kind == "org" and not a_polity(m.text)]
        if orgs:
            return state.entity_for(orgs[0], n)
    return None


def _members(state: State, index: int, sentence: str, people: list[Mention], start: int) -> list[Candidate]:
    """The people heading the items of a list that starts at ``start``: the first person of each item
    ("A, title at X; Dr. B, title at Y"), and an item that is a surname alone ("Johnson") is the
    person of that surname named before."""
    items = re.split(r";", sentence[start:]) if ";" in sentence[start:] else None
    found: list[Candidate] = []
    if items is not None:
        offset = start
        for item in items:
            heads = [p for p in people if offset <= p.start < offset + len(item)]
            if heads:  # "; Indiana Commerce Secretary X": a title before the name is the item's too
                found.append(state.entity_for(heads[0], index))
            elif not heads and (surname := re.fullmatch(r"\s*(?:and\s+|et\s+)?([A-Z][\w’'-]+)\s*", item)):
                same = [c for c in state.entities.values() if c.cls == "Person" and c.label.split()[-1] == surname.group(1)]
                if len(same) == 1:
                    found.append(same[0])
            offset += len(item) + 1
        return found
    for person in (p for p in people if p.start >= start):
        if _ITEM_HEAD.search(fold_keep_length(sentence[max(start - 1, person.start - 40):person.start])) or \
                not sentence[start:person.start].strip():
            found.append(state.entity_for(person, index))
    return found


def _seat(state: State, index: int, sentence: str, members: list[Candidate], body: Candidate, where: re.Match[str]) -> bool:
    """A board member's seat at ``body`` for each of ``members``; whether any was given."""
    word = _BOARD.search(fold_keep_length(sentence), where.start(), where.end())
    board = sentence[word.start():word.end()] if word else "board"
    title = f"member of the {board}" if state.lang == "en" else f"membre du {board}"
    seated = False
    for member in members:
        if member.cls == "Person" and body.cls != "Person":
            seated = add_post(member, body.id, "board-member", title, index, 0.5) or seated
    return seated


def _officers(state: State, index: int, sentence: str, folded: str, people: list[Mention], orgs: list[Mention],
              discourse: Discourse) -> None:
    """"X will assume the role of board chair", "X, who will remain on the board as past chair": the
    officer's post at the board's body, held by the person just before (or "Ms. Barry")."""
    for officer in [*_OFFICER.finditer(folded), *_OFFICER_FR.finditer(folded)]:
        before = [p for p in people if p.end <= officer.start()]
        holder: Candidate | None = None
        if before and not any(before[-1].end <= o.start < officer.start() and _OWN_BODY.search(folded[:o.start]) is None for o in orgs):
            holder = state.entity_for(before[-1], index)
        elif (styled := re.search(r"\b(?:Ms|Mrs|Mr|Dr)\.?\s+([A-Z][\w’'-]+)\b(?![^.;]*\b(?:Ms|Mrs|Mr|Dr)\.?\s)", sentence[:officer.start()])):
            same = [c for c in state.entities.values() if c.cls == "Person" and c.label.split()[-1] == styled.group(1)]
            holder = same[0] if len(same) == 1 else None
        if holder is None:
            continue
        body = _earlier_board(state, index, discourse)
        role = role_at(officer.group(2)) or _OFFICES.get(officer.group(2))
        if body is not None and role is not None:
            add_post(holder, body.id, role, sentence[officer.start("title"):officer.end("title")], index, 0.5)


#: What stands before the body of a person's own title: "of the", "at", "de la société", "chez".
_OWN_BODY = re.compile(r"\b(?:of|at|for|de|du|des|d'|chez)\s*(?:the\s+|la\s+|le\s+|l')?(?:[a-z-]+\s+)?$")


def _title_first(state: State, index: int, sentence: str, people: list[Mention], orgs: list[Mention]) -> None:
    """"Serving as chairman of Y will be X": the title and its body open the sentence, then the person."""
    folded = fold_keep_length(sentence)
    for org in orgs:
        head = _TITLE_FIRST.match(folded[:org.start])
        role = role_at(head.group(1)) if head else None
        after = [p for p in people if p.start >= org.end]
        if head is None or role is None or not after or not _COPULA_AFTER.match(folded[org.end:after[0].start]):
            continue
        add_post(state.entity_for(after[0], index), state.entity_for(org, index).id, role, head.group(1), index, 0.6)
