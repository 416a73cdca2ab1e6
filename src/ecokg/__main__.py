"""``python -m ecokg``."""

from ecokg.cli import main

main()
