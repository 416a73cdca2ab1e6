"""The shapes of names the rules look for: people's names, capitalised sequences, words in
mixed case ("BioWin"), compounds with a sector's stem ("Lyonbiopôle"), acronyms in brackets."""

from __future__ import annotations

import re

UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŒ"
LOWER = "a-zàâäçéèêëîïôöùûüœß"
NAME_WORD = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)*"
SURNAME = rf"(?:[{UPPER}][{LOWER}]+|[{UPPER}]{{2,}}|O’[{UPPER}][{LOWER}]+|Mc[{UPPER}][{LOWER}]+)(?:-(?:[{UPPER}][{LOWER}]+|[{UPPER}]{{2,}}))*"
PERSON = re.compile(rf"\b({NAME_WORD}(?:\s+(?:de|van|von|da|di|le|Le|mac|Mc|O’)?\s*{SURNAME}){{1,2}})\b")
CAP_SEQ = re.compile(
    rf"[{UPPER}0-9][\w’'&.+-]*(?:\s+(?:(?:de la|de l’|of the|de|du|des|d’|of|for|and|&|the|la|l’)\s*)?[{UPPER}0-9][\w’'&.+-]*)*"
)
#: A word written in mixed case: "BioWin", "MassBio", "bioMérieux", "IBioIC", "HalioDX".
MIXED = re.compile(rf"(?<![\w-])(?!Ma?c[{UPPER}])(?:[{UPPER}]?[{LOWER}]+[{UPPER}][\w]*|[{UPPER}]{{2,}}[{LOWER}]+[\w]*)(?![\w-])")
#: One word made of a name and a sector's stem: "Lyonbiopôle", "Eurobiomed", "Medicen", "Genopole".
COMPOUND = re.compile(
    rf"(?<![\w-])(?=[{UPPER}][{LOWER}]{{4,}}(?![\w-]))(?=\w*(?:[Bb]io|[Pp]ole|[Pp]ôle|[Mm]ed|[Pp]harm|[Gg]enom|[Gg]eno|[Tt]ech|[Ss]ant[ée]))"
    rf"(?!\w*(?:ology|ologie|ique|ical|ies|ing|ion|ment|aux|al|ale|ales|ean|ien|ienne|ais|aise)(?![\w-]))[{UPPER}][{LOWER}]{{4,}}(?![\w-])"
)
ACRONYM = re.compile(rf"\(([{UPPER}][A-Za-z0-9&'-]{{1,}}(?:\s[{UPPER}0-9][{UPPER}0-9-]{{1,}})?)\)")
