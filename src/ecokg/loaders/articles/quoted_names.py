"""Names written in quotation marks, told from quotations (round 15).

French press (and some English) quotes a body's name: « Fondation X pour le développement
durable », l'hôpital "King Faisal", l'Eurorégion « Aquitaine-Euskadi ». A quotation is speech: it
has a verb, a clause, or follows a verb of saying or a colon. A name is a short noun phrase that
starts with a capital and holds a body's kind word, or stands right after one ("l'hôpital" +
"King Faisal"), or after words that introduce a name ("dénommé", "sous le nom de", "named").
"""

from __future__ import annotations

import re

from ecokg.text import fold

#: Kind words of bodies, folded; hand-compiled from the usual heads of institutions' names in
#: both languages (the words a name in quotes is seen with in the press).
BODY_WORDS = frozenset(
    {
        "fondation",
        "foundation",
        "institut",
        "institute",
        "hopital",
        "hospital",
        "universite",
        "university",
        "clinique",
        "clinic",
        "chu",
        "association",
        "agence",
        "agency",
        "centre",
        "center",
        "laboratoire",
        "laboratoires",
        "laboratory",
        "laboratories",
        "college",
        "ecole",
        "school",
        "lycee",
        "academie",
        "academy",
        "societe",
        "society",
        "euroregion",
        "federation",
        "union",
        "reseau",
        "network",
        "alliance",
        "complexe",
        "polyclinique",
    }
)
#: Words that introduce a name: "dénommé « X »", "sous le nom de « X »", "named "X"", "called "X"".
_NAMING = re.compile(
    r"(?:d[ée]nomm[ée]e?s?|baptis[ée]e?s?|appel[ée]e?s?|sous le nom d[e’']|named|called|known as|dubbed|hereinafter)\s*$",
    re.IGNORECASE,
)
#: Speech: a colon or a verb of saying just before the quotation.
_SPEECH_BEFORE = re.compile(
    r"(?::|\b(?:dit|déclaré|declare|déclare|affirme|souligne|said|says|stated|added|wrote))\s*$",
    re.IGNORECASE,
)
#: Small words a name holds in lower case ("pour le développement durable", "for Medical Research").
_SMALL = {
    "de",
    "du",
    "des",
    "d",
    "la",
    "le",
    "les",
    "l",
    "et",
    "pour",
    "en",
    "a",
    "au",
    "aux",
    "sur",
    "of",
    "for",
    "the",
    "and",
    "&",
    "in",
    "on",
}
#: Finite verbs and pronouns that make a clause, not a name.
_CLAUSE = {
    "est",
    "sont",
    "a",
    "ont",
    "sera",
    "fait",
    "etait",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "will",
    "nous",
    "je",
    "il",
    "elle",
    "on",
    "we",
    "i",
    "it",
    "they",
    "you",
    "vous",
    "ne",
    "pas",
    "not",
}
_WORD = re.compile(r"[\w’'-]+")


def a_quoted_name(before: str, inner: str) -> bool:
    """Whether ``inner``, written in quotation marks after ``before``, is a name, not words quoted."""
    inner = inner.strip()
    if not inner or len(inner) > 80 or re.search(r"[.!?;:,…]", inner) or not inner[0].isupper():
        return False
    words = _WORD.findall(inner)
    if not 0 < len(words) <= 10 or _SPEECH_BEFORE.search(before):
        return False
    folded = [fold(w).split("’")[-1].split("'")[-1] for w in words]
    if any(w in _CLAUSE for w in folded):
        return False
    lower = [
        w
        for w, f in zip(words, folded, strict=True)
        if not w[0].isupper() and not w[0].isdigit() and f not in _SMALL
    ]
    capitalised = len(lower) == 0
    last_before = (
        fold(before.rstrip().split()[-1]).split("’")[-1].split("'")[-1] if before.strip() else ""
    )
    if _NAMING.search(before) or last_before in BODY_WORDS:
        return capitalised  # l'hôpital "King Faisal", dénommé "IONA"
    # A body's kind word inside: « Fondation X pour le développement durable », "Imbuto Foundation".
    return any(f in BODY_WORDS for f in folded) and len(lower) <= 3 and len(words) >= 2


_QUOTE = re.compile(r"[«“\"„]\s*([^«»“”\"„]{1,80}?)\s*[»”\"“]")
_CLASSES = {
    "institut": "ResearchOrganization",
    "institute": "ResearchOrganization",
    "universite": "ResearchOrganization",
    "university": "ResearchOrganization",
    "laboratoire": "ResearchOrganization",
    "laboratory": "ResearchOrganization",
}


def quoted_names(sentence: str) -> list[tuple[int, int, str]]:
    """Names written whole in quotation marks, as spans and classes: the quotes hold the name's
    ends ("la «Fondation X pour le développement durable»", not "Fondation X")."""
    out: list[tuple[int, int, str]] = []
    for match in _QUOTE.finditer(sentence):
        if a_quoted_name(sentence[: match.start()], match.group(1)):
            folded = [fold(w) for w in _WORD.findall(match.group(1))]
            cls = next((_CLASSES[w] for w in folded if w in _CLASSES), "Organization")
            head = re.search(r"(?<![\w-])[A-ZÀ-ÖØ-Þ][\w-]*\s*$", sentence[: match.start()])
            if head and fold(head.group(0).strip()) in BODY_WORDS:
                out.append(
                    (head.start(), match.end(), cls)
                )  # "l’Eurorégion « Aquitaine-Euskadi »": the kind is the name's
            else:
                out.append((match.start(1), match.end(1), cls))
    return out
