"""ecokg: a knowledge graph of biotech-ecosystem relationships.

>>> import ecokg
>>> kg = ecokg.KnowledgeGraph.open(memory=True)
>>> _ = kg.build()
"""

from __future__ import annotations

from ecokg.errors import (
    EcokgError,
    EntityNotFound,
    InputError,
    QueryError,
    ReasoningError,
    StoreError,
    ValidationError,
)
from ecokg.kg import KnowledgeGraph
from ecokg.version import __version__

__all__ = [
    "EcokgError",
    "EntityNotFound",
    "InputError",
    "KnowledgeGraph",
    "QueryError",
    "ReasoningError",
    "StoreError",
    "ValidationError",
    "__version__",
]
