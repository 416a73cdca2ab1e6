"""The SPARQL query catalogue: named, parameterised questions (one ``.rq`` file each).

>>> from ecokg.queries import catalog
>>> "delegation-members" in [q.name for q in catalog()]
True
"""

from __future__ import annotations

from ecokg.queries.catalog import NamedQuery, Parameter, bind_parameters, catalog, get_query
from ecokg.queries.result import QueryResult

__all__ = ["NamedQuery", "Parameter", "QueryResult", "bind_parameters", "catalog", "get_query"]
