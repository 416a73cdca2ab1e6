"""``python -m ecokg.cli`` (the same as ``python -m ecokg``)."""

from ecokg.cli import main

main()
