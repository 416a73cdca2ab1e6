"""Network analysis under its first name: the measures of :mod:`ecokg.network`, re-exported.

The code lives in one module per idea (:mod:`ecokg.network.centrality`,
:mod:`~ecokg.network.communities`, :mod:`~ecokg.network.brokers`,
:mod:`~ecokg.network.bridges`, :mod:`~ecokg.network.paths`,
:mod:`~ecokg.network.introductions`, :mod:`~ecokg.network.scores`,
:mod:`~ecokg.network.export`); ``from ecokg.network import analysis`` keeps working.

>>> from ecokg.network import analysis, degree
>>> analysis.degree is degree
True
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
from ecokg.network.engine import IGRAPH_WORK_BUDGET, MIN_SAMPLE, NO_IGRAPH, SEED, WORK_BUDGET
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
    "IGRAPH_WORK_BUDGET",
    "MEASURES",
    "MEASURE_FUNCTIONS",
    "MEASURE_TERMS",
    "MIN_SAMPLE",
    "NETWORK_FORMATS",
    "NO_IGRAPH",
    "SEED",
    "WORK_BUDGET",
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
