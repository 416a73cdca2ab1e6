"""Maps: self-contained, offline HTML pages of the network (pyvis, vis-network).

The modules, one idea each: :mod:`.build` (from a store to map files), :mod:`.select`
(what to map: a neighbourhood, a query's result, the most central nodes), :mod:`.render`
(a graph as a page), :mod:`.layout` (where nodes start), :mod:`.styles` (colours, sizes,
shapes), :mod:`.measures` (what nodes are sized and coloured by), :mod:`.page` (the HTML
page: template, inlined assets, Content-Security-Policy), :mod:`.texts` (English and French).

>>> from ecokg.maps import write_map
>>> write_map(kg.backend, "out/ecosystem.html")            # doctest: +SKIP
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
