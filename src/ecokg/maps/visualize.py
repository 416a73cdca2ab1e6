"""Interactive HTML maps under their first name: :mod:`ecokg.maps`, re-exported.

The code lives in one module per idea (:mod:`ecokg.maps.build`, :mod:`~ecokg.maps.render`,
:mod:`~ecokg.maps.page`, ...); ``ecokg.maps.visualize`` keeps working.

>>> from ecokg.maps import visualize, build_map
>>> visualize.build_map is build_map
True
"""

from ecokg.maps.build import HEADLINE_QUERIES, build_map, demo_maps, write_map
from ecokg.maps.layout import PHYSICS_LIMIT
from ecokg.maps.render import COLOR_BY, MAX_NODES, SIZE_BY, MapResult, render_map
from ecokg.maps.select import ego_graph, query_graph
from ecokg.maps.texts import LANGS

__all__ = [
    "COLOR_BY",
    "HEADLINE_QUERIES",
    "LANGS",
    "MAX_NODES",
    "PHYSICS_LIMIT",
    "SIZE_BY",
    "MapResult",
    "build_map",
    "demo_maps",
    "ego_graph",
    "query_graph",
    "render_map",
    "write_map",
]
