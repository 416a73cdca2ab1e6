"""Centralities of the actor graph, one function per measure, each returning :class:`~ecokg.network.scores.Scores`.

* :mod:`.local`: :func:`degree`, :func:`constraint` (Burt), from a node's own ties;
* :mod:`.shortest_paths`: :func:`betweenness`, :func:`closeness`, exact or sampled;
* :mod:`.spectral`: :func:`pagerank`, :func:`eigenvector`.

>>> from ecokg.network.centrality import degree
>>> import networkx as nx
>>> degree(nx.path_graph(3)).values[1]
1.0
"""

from ecokg.network.centrality.local import constraint, degree
from ecokg.network.centrality.shortest_paths import betweenness, closeness
from ecokg.network.centrality.spectral import eigenvector, pagerank

__all__ = ["betweenness", "closeness", "constraint", "degree", "eigenvector", "pagerank"]
