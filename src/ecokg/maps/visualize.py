"""Interactive HTML maps under their first name: :mod:`ecokg.maps`, re-exported.

The code lives in one module per idea (:mod:`ecokg.maps.build`, :mod:`~ecokg.maps.render`,
:mod:`~ecokg.maps.page`, ...); ``ecokg.maps.visualize`` keeps working.

>>> from ecokg.maps import visualize, build_map
>>> visualize.build_map is build_map
True
"""

# The package's public API under its first name: one list of names, kept in ecokg.maps.__init__.
from ecokg.maps import *  # noqa: F403
from ecokg.maps import __all__  # noqa: F401
