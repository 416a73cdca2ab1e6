"""The network of actors: the projection of the graph to NetworkX and what is measured on it.

The projection (:func:`project`) turns the RDF graph into a NetworkX ``MultiDiGraph``; the
measures run on its *actor graph* (:func:`actor_graph`): the people and organisations, as
an undirected simple graph whose edge ``weight`` counts the facts joining two actors.
Paths (:func:`shortest_path`) use the whole collapsed projection, places included.

Every measure is one function returning :class:`Scores`; :func:`scores_graph` turns
scores into RDF (``ek:Score`` nodes with PROV) for the ``analysis`` named graph.

The modules, one idea each:

* :mod:`.projection` (:mod:`.rows`, :mod:`.vocabulary`, :mod:`.provenance`,
  :mod:`.places`, :mod:`.collapse`, :mod:`.cache`): the graph as NetworkX, its links read from
  the ontology (which classes are relations, which properties join what);
* :mod:`.actors`: the actor graph; :mod:`.engine`: igraph behind NetworkX, budgets, seed;
* :mod:`.centrality`: degree, betweenness, closeness, PageRank, eigenvector, constraint;
* :mod:`.communities`: Louvain; :mod:`.brokers`: brokers; :mod:`.bridges`: who bridges
  two territories; :mod:`.paths`: explained paths; :mod:`.introductions`: link prediction;
* :mod:`.scores`: scores as a table and as RDF; :mod:`.measures`: every measure by name;
  :mod:`.ranking`: actors ranked by a measure, unlinked ones counted and ties said;
* :mod:`.export`: GraphML and GEXF; :mod:`.lookup`: from typed names to nodes.

>>> from ecokg.network import actor_graph, degree
>>> G = kg.to_networkx()                                   # doctest: +SKIP
>>> degree(actor_graph(G)).top(1)                          # doctest: +SKIP
[('https://w3id.org/ecokg/id/nicolas-paris', 0.9)]
"""

from ecokg.network.actors import ACTOR_CATEGORIES, actor_graph, simple_graph
from ecokg.network.bridges import BridgeReport, TerritoryBroker, bridge_summary, territory_brokers
from ecokg.network.brokers import Broker, broker_scores, brokers
from ecokg.network.centrality import (
    betweenness,
    closeness,
    constraint,
    degree,
    eigenvector,
    pagerank,
)
from ecokg.network.communities import communities, community
from ecokg.network.engine import NO_IGRAPH, SEED
from ecokg.network.export import NETWORK_FORMATS, export_graph, export_network, write_network
from ecokg.network.introductions import Suggestion, suggest_introductions
from ecokg.network.lookup import resolve_node, territory_name
from ecokg.network.measures import MEASURE_FUNCTIONS, analyze
from ecokg.network.paths import (
    ExplainedPath,
    Step,
    explain_path,
    k_shortest_paths,
    paths_between,
    shortest_path,
)
from ecokg.network.projection import project
from ecokg.network.scores import (
    MEASURE_TERMS,
    MEASURES,
    Scores,
    score_rows,
    scores_graph,
    write_scores,
)

__all__ = [
    "ACTOR_CATEGORIES",
    "MEASURES",
    "MEASURE_FUNCTIONS",
    "MEASURE_TERMS",
    "NETWORK_FORMATS",
    "NO_IGRAPH",
    "SEED",
    "BridgeReport",
    "Broker",
    "ExplainedPath",
    "Scores",
    "Step",
    "Suggestion",
    "TerritoryBroker",
    "actor_graph",
    "analyze",
    "betweenness",
    "bridge_summary",
    "broker_scores",
    "brokers",
    "closeness",
    "communities",
    "community",
    "constraint",
    "degree",
    "eigenvector",
    "explain_path",
    "export_graph",
    "export_network",
    "k_shortest_paths",
    "pagerank",
    "paths_between",
    "project",
    "resolve_node",
    "score_rows",
    "scores_graph",
    "shortest_path",
    "simple_graph",
    "suggest_introductions",
    "territory_brokers",
    "territory_name",
    "write_network",
    "write_scores",
]
