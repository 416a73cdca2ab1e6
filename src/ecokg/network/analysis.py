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

# The package's public API under its first name: one list of names, kept in ecokg.network.__init__.
from ecokg.network import *  # noqa: F403
from ecokg.network import __all__  # noqa: F401
