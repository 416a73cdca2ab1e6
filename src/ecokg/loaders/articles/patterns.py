"""The shapes of names the rules look for: people's names, capitalised sequences, words in
mixed case ("BioWin"), compounds with a sector's stem ("Lyonbiopôle"), acronyms in brackets;
and the contexts that announce an organisation's name (a post and "of", "between", an apposition)."""

from __future__ import annotations

import re

from ecokg.loaders.articles.regex_trie import alternation
from ecokg.loaders.articles.vocabulary import ROLE_KEYS

UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŒ"
LOWER = "a-zàâäçéèêëîïôöùûüœß"
#: (a given name's second part may be short and in lower case: "Min-soo", "Geun-hye"; not "-based")
#: (a surname may elide its particle: "O’Brien", "O'Connor", "D'Souza")
NAME_WORD = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+|-[{LOWER}]{{1,3}}(?![\w-]))*"
SURNAME = rf"(?:[{UPPER}][{LOWER}]+|[{UPPER}]{{2,}}|[OD][’'][{UPPER}][{LOWER}]+|Mc[{UPPER}][{LOWER}]+)(?:-(?:[{UPPER}][{LOWER}]+|[{UPPER}]{{2,}}|[{LOWER}]{{1,3}}(?![\w-])))*"
PERSON = re.compile(rf"\b({NAME_WORD}(?:\s+(?:van der|van den|von der|de la|de|van|von|da|di|del|della|le|Le|ter|ten|mac|Mc|O’)?\s*{SURNAME}){{1,2}})\b")
#: (a bare "the" is not inside a name: it opens the next one, "in Austria the Vienna Cluster")
CAP_SEQ = re.compile(
    rf"[{UPPER}0-9][\w’'&.+-]*(?:\s+(?:(?:de la|de l’|of the|de|du|des|d’|of|for|and|&|la|l’)\s*)?[{UPPER}0-9][\w’'&.+-]*)*"
)
#: A word written in mixed case: "BioWin", "MassBio", "bioMérieux", "IBioIC", "HalioDX".
MIXED = re.compile(rf"(?<![\w-])(?!Ma?c[{UPPER}])(?:[{UPPER}]?[{LOWER}]+[{UPPER}][\w]*|[{UPPER}]{{2,}}[{LOWER}]+[\w]*)(?![\w-])")
#: One word made of a name and a sector's stem: "Lyonbiopôle", "Eurobiomed", "Medicen", "Genopole".
COMPOUND = re.compile(
    rf"(?<![\w-])(?=[{UPPER}][{LOWER}]{{4,}}(?![\w-]))(?=\w*(?:[Bb]io|[Pp]ole|[Pp]ôle|[Mm]ed|[Pp]harm|[Gg]enom|[Gg]eno|[Tt]ech|[Ss]ant[ée]))"
    rf"(?!\w*(?:ology|ologie|ique|ical|ies|ing|ion|ment|aux|al|ale|ales|ean|ien|ienne|ais|aise)(?![\w-]))[{UPPER}][{LOWER}]{{4,}}(?![\w-])"
)
ACRONYM = re.compile(rf"\(([{UPPER}][A-Za-z0-9&'-]{{1,}}(?:\s[{UPPER}0-9][{UPPER}0-9-]{{1,}})?)\)")

PERSON_TITLES = re.compile(r"^,\s*(?:the\s+|le\s+|la\s+)?(?:minister|ministre|mayor|maire|secretary|governor|gouverneur|professor|professeur|senator|sénateur|député|first minister|premier)", re.IGNORECASE)
APPOSED_ORG = re.compile(
    rf"\b((?:[{UPPER}][\w’'&-]+\s+in\s+)?[{UPPER}][\w’'&-]+(?:\s+[{UPPER}][\w’'&-]+)*),\s+(?:the|le|la|l’|a|an|un|une)\s*[^,\d–—]{{0,40}}?\b(cluster|company|agency|agence|entreprise|société|start-?up|spin-?off|spin-?out|subsidiary|filiale|university|université|institute|institut|pôle|network|réseau|investment body|bank|banque|association|foundation|fondation|organi[sz]ation|authority|autorité|council|hospital|hôpital|laboratory)\b(?!\s+[{UPPER}])"
)
ROLE_OF = re.compile(r"(?<![\w-])(?:" + alternation(k for k in ROLE_KEYS if len(k) >= 3) + r")\s+(?:of|at|with|de la|de l'|de|du|d')\s*(?:the\s+)?")
BETWEEN = re.compile(
    r"\b(?:(?:agreement|memorandum|partnership|accord|convention|partenariat|protocole|entente|mou)\b[^.;,]{0,25}?\b(?:between|entre|with|avec)"
    r"|(?:s'associe|s'allie|partners|partnered|teams up|teamed up)\s+(?:a|avec|with))\s+(?:the\s+|la\s+|le\s+|l')?"
)
#: A post and "of" just before an organisation's name: "President of the Government of ...".
TITLE_OF = re.compile(
    r"(?:^|\W)(?:" + alternation(ROLE_KEYS) + r")\s+(?:of|de|du|d'|de la|de l')(?:\s+the)?"
    r"(?:\s+(?:pole|cluster|company|groupe|group|societe|entreprise|agence|agency|association|reseau|network))?\s*$"
)
#: A site and its owner before where it is: "le site de Sanofi à Marcy", "the plant of Acme in Leeds".
SITE_OF = re.compile(
    rf"\b(?:site|usine|siège|campus|plant|facility|factory)\s+(?:de|d’|d'|du|of)\s*([{UPPER}][\w’'&-]+(?:\s+[{UPPER}][\w’'&-]+){{0,3}})\s+(?:à|au|en|in|at)\s"
)
#: "directeur de l'innovation chez Agrivalor", "Head of Research at Stellan": a post, words, then where.
ROLE_AT = re.compile(r"(?<![\w-])(?:" + alternation(k for k in ROLE_KEYS if len(k) >= 3) + r")\b[^,;()]{0,40}?\s(?:at|chez)\s+(?:the\s+)?")


def headline(sentence: str) -> bool:
    """A title-case headline: no closing punctuation, and most words of four letters or more
    begin with a capital; its capitals say nothing about names ("Medicon Valley, U.S. Cluster Partner")."""
    words = [w for w in re.findall(r"[^\W\d]+", sentence) if len(w) >= 4]
    return not sentence.rstrip().endswith((".", "!", "?", ":")) and len(words) >= 3 and sum(
        1 for w in words if w[:1].isupper()) / len(words) >= 0.7



#: Round 12: elements of Malay and Arabic naming that a name holds beside the given and father's
#: names ("Mohd Khairul Fidzal Abdul Razak", "Siti Nor binti Ahmad"): not counted among a
#: person's words (standard Malay naming: a name, "bin"/"binti", the father's name, with the
#: usual abbreviations and honorific elements).
NAME_ELEMENTS = frozenset({
    "bin", "binti", "bte", "bt", "abdul", "abd", "mohd", "muhd", "md", "muhammad", "mohamad", "mohammad", "nik", "wan",
    "siti", "nur", "nor", "haji", "hj", "al", "el", "ibn", "bint", "abu",
})
